package bookmarks

import (
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Format versions of the data files. A file with another version is moved
// aside (CorruptError), never overwritten.
const (
	bookmarksVersion = 1
	stateVersion     = 1
)

// bookmarksFile is bookmarks.json.
type bookmarksFile struct {
	Version   int        `json:"version"`
	Bookmarks []Bookmark `json:"bookmarks"`
}

// stateFile is state.json: reading state per issue, keyed by content hash.
type stateFile struct {
	Version int                    `json:"version"`
	Issues  map[string]*IssueState `json:"issues"`
}

// Store is one data directory's bookmarks (bookmarks.json) and reading
// state (state.json). It is safe for concurrent use, and any number of
// processes may use the same directory at once.
//
// Every method that changes something changes it in memory at once and
// then saves it; a non-nil error is for the user to see and never means the
// change was lost from memory: a *CorruptError (a damaged file was moved
// aside), a *WriteError (not saved; retried with the next change or Flush),
// or both joined.
type Store struct {
	dir string
	// Now is the clock for Created and LastOpened times; time.Now unless set.
	Now func() time.Time

	mu    sync.Mutex
	marks *syncedFile[bookmarksFile]
	state *syncedFile[stateFile]
}

// Open reads the store in dir (which need not exist yet: it is made on the
// first write). It always returns a usable Store; a non-nil error is to be
// shown to the user (see Store).
func Open(dir string) (*Store, error) {
	s := &Store{
		dir: dir,
		Now: time.Now,
		marks: newSyncedFile(dir, "bookmarks", bookmarksVersion, func() *bookmarksFile {
			return &bookmarksFile{Version: bookmarksVersion, Bookmarks: []Bookmark{}}
		}, func(f *bookmarksFile) *int { return &f.Version }),
		state: newSyncedFile(dir, "state", stateVersion, func() *stateFile {
			return &stateFile{Version: stateVersion, Issues: map[string]*IssueState{}}
		}, func(f *stateFile) *int { return &f.Version }),
	}
	return s, s.Reload()
}

// Dir is the data directory.
func (s *Store) Dir() string { return s.dir }

// BookmarksPath is the bookmarks file's path.
func (s *Store) BookmarksPath() string { return filepath.Join(s.dir, "bookmarks.json") }

// Reload re-reads both files, picking up changes from other processes.
func (s *Store) Reload() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.marks.reload(), s.state.reload())
}

// Flush tries again to save changes a *WriteError left in memory.
func (s *Store) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.marks.flush(), s.state.flush())
}

// Unsaved reports whether some change is only in memory.
func (s *Store) Unsaved() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.marks.pending) > 0 || len(s.state.pending) > 0
}

// Bookmarks is every bookmark, newest first (as of the last change or
// Reload).
func (s *Store) Bookmarks() []Bookmark {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.marks.mem.Bookmarks)
	slices.Reverse(out) // so that among equal times the last added comes first
	sortNewestFirst(out)
	return out
}

// ForIssue is the bookmarks in the issue with content hash hash, newest
// first.
func (s *Store) ForIssue(hash string) []Bookmark {
	var out []Bookmark
	for _, b := range s.Bookmarks() {
		if b.Issue.Hash == hash {
			out = append(out, b)
		}
	}
	return out
}

// Get is the bookmark with the given ID.
func (s *Store) Get(id string) (Bookmark, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.marks.mem.Bookmarks, func(b Bookmark) bool { return b.ID == id })
	if i < 0 {
		return Bookmark{}, false
	}
	return s.marks.mem.Bookmarks[i], true
}

// Add stores b, giving it an ID and Created time when it has none, and
// returns it as stored. Adding a bookmark whose ID is already stored does
// nothing, so Add of a deleted bookmark undoes Delete.
func (s *Store) Add(b Bookmark) (Bookmark, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b.ID == "" {
		b.ID = newID()
	}
	if b.Created.IsZero() {
		b.Created = s.Now().UTC()
	}
	err := s.marks.update(func(f *bookmarksFile) {
		if !slices.ContainsFunc(f.Bookmarks, func(x Bookmark) bool { return x.ID == b.ID }) {
			f.Bookmarks = append(f.Bookmarks, b)
		}
	})
	return b, err
}

// Delete removes the bookmark with the given ID and returns it, for undo
// with Add. ok is false when there was none.
func (s *Store) Delete(id string) (b Bookmark, ok bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.marks.mem.Bookmarks, func(b Bookmark) bool { return b.ID == id })
	if i < 0 {
		return Bookmark{}, false, nil
	}
	b = s.marks.mem.Bookmarks[i]
	err = s.marks.update(func(f *bookmarksFile) {
		f.Bookmarks = slices.DeleteFunc(f.Bookmarks, func(x Bookmark) bool { return x.ID == id })
	})
	return b, true, err
}

// SetNote replaces the note of the bookmark with the given ID.
func (s *Store) SetNote(id, note string) error {
	return s.edit(id, func(b *Bookmark) { b.Note = note })
}

// SetAnchor moves the bookmark with the given ID, e.g. to where Reanchor
// found its quote in a changed file, and records the file it is now in.
func (s *Store) SetAnchor(id string, ref IssueRef, a Anchor) error {
	return s.edit(id, func(b *Bookmark) { b.Issue, b.Anchor = ref, a })
}

func (s *Store) edit(id string, change func(*Bookmark)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.marks.update(func(f *bookmarksFile) {
		for i := range f.Bookmarks {
			if f.Bookmarks[i].ID == id {
				change(&f.Bookmarks[i])
			}
		}
	})
}

// sortNewestFirst orders by Created, newest first, keeping the order of
// equal times.
func sortNewestFirst(bs []Bookmark) {
	slices.SortStableFunc(bs, func(a, b Bookmark) int { return b.Created.Compare(a.Created) })
}
