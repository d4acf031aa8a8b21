package bookmarks

import (
	"slices"
	"strings"
	"time"
)

// IssueState is what is kept about reading one issue.
type IssueState struct {
	Path       string    `json:"path"` // where it was last opened
	Position   Anchor    `json:"position"`
	Read       []int     `json:"read"` // indices of articles read, ascending
	LastOpened time.Time `json:"last_opened"`
	// Vertical is the orientation the reader chose for this issue (v), nil
	// when never chosen: the configured default applies.
	Vertical *bool `json:"vertical,omitempty"`
	// Columns (0: chosen by width) and Ragged are the layout the reader
	// chose for this issue (+ - and J), nil when never chosen.
	Columns *int  `json:"columns,omitempty"`
	Ragged  *bool `json:"ragged,omitempty"`
}

// IsRead reports whether article is marked read.
func (st IssueState) IsRead(article int) bool {
	_, ok := slices.BinarySearch(st.Read, article)
	return ok
}

// Reading is the reading state of the issue with content hash hash.
func (s *Store) Reading(hash string) (IssueState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.state.mem.Issues[hash]
	if !ok || st == nil {
		return IssueState{}, false
	}
	out := *st
	out.Read = slices.Clone(st.Read)
	return out, true
}

// ReadingFor is the reading state of the file ref: by content hash, or else
// the last state kept for the same path (the file changed since: then
// sameFile is false, the Position needs Reanchor and the Read marks may
// no longer fit the articles).
func (s *Store) ReadingFor(ref IssueRef) (st IssueState, sameFile, ok bool) {
	if st, ok := s.Reading(ref.Hash); ok {
		return st, true, true
	}
	for _, r := range s.RecentIssues() {
		if r.Path == ref.Path {
			return r.IssueState, false, true
		}
	}
	return IssueState{}, false, false
}

// SetPosition records where the reader is in an issue (an Anchor, so it can
// be found again with Reanchor after the file changed). Each call writes
// the file: call it when leaving an article or the issue, not on every key.
func (s *Store) SetPosition(ref IssueRef, a Anchor) error {
	return s.editIssue(ref, func(st *IssueState) { st.Position = a })
}

// SetVertical records the orientation chosen for the issue.
func (s *Store) SetVertical(ref IssueRef, vertical bool) error {
	return s.editIssue(ref, func(st *IssueState) { st.Vertical = &vertical })
}

// SetLayout records the columns (0: chosen by width) and justification
// chosen for the issue.
func (s *Store) SetLayout(ref IssueRef, columns int, ragged bool) error {
	return s.editIssue(ref, func(st *IssueState) { st.Columns, st.Ragged = &columns, &ragged })
}

// SetRead marks an article read or unread.
func (s *Store) SetRead(ref IssueRef, article int, read bool) error {
	return s.editIssue(ref, func(st *IssueState) {
		i, found := slices.BinarySearch(st.Read, article)
		switch {
		case read && !found:
			st.Read = slices.Insert(st.Read, i, article)
		case !read && found:
			st.Read = slices.Delete(st.Read, i, i+1)
		}
	})
}

// MarkOpened records that the issue was opened now.
func (s *Store) MarkOpened(ref IssueRef) error {
	now := s.Now().UTC().Truncate(time.Second)
	return s.editIssue(ref, func(st *IssueState) { st.LastOpened = now })
}

func (s *Store) editIssue(ref IssueRef, change func(*IssueState)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.update(func(f *stateFile) {
		if f.Issues == nil {
			f.Issues = map[string]*IssueState{}
		}
		st := f.Issues[ref.Hash]
		if st == nil {
			st = &IssueState{Read: []int{}}
			f.Issues[ref.Hash] = st
		}
		st.Path = ref.Path
		change(st)
	})
}

// OpenedIssue is an issue's reading state with its content hash.
type OpenedIssue struct {
	Hash string
	IssueState
}

// RecentIssues is every issue with reading state, last opened first.
func (s *Store) RecentIssues() []OpenedIssue {
	s.mu.Lock()
	var out []OpenedIssue
	for h, st := range s.state.mem.Issues {
		if st != nil {
			c := *st
			c.Read = slices.Clone(st.Read)
			out = append(out, OpenedIssue{h, c})
		}
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b OpenedIssue) int {
		if c := b.LastOpened.Compare(a.LastOpened); c != 0 {
			return c
		}
		return strings.Compare(a.Hash, b.Hash)
	})
	return out
}
