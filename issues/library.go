package issues

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Entry is one issue file of a library, known from its name and stat alone.
type Entry struct {
	Path    string    // path of the file (root joined with its relative path)
	Rel     string    // path relative to the library root, with slashes
	Date    time.Time // from the file or folder names; zero when unknown
	Title   string    // from the folder or file name
	Size    int64
	ModTime time.Time
	// Parts are the page PDFs of an issue published one file per page, in
	// page order (Path is the first); nil for a one-file issue. Size is
	// their sum and ModTime the latest.
	Parts []string
}

// HasDate reports whether the entry's date is known.
func (e Entry) HasDate() bool { return !e.Date.IsZero() }

// Library is a directory tree of issue files ordered by date (undated
// files last, by path). Opening it lists names and stats only; an issue is
// parsed when first asked for and then cached. A Library is safe for
// concurrent use: bao serve shares one between sessions.
type Library struct {
	root string
	opt  LoadOptions

	mu      sync.RWMutex
	entries []Entry
	errs    []error
	cache   map[string]*cachedIssue
	tick    atomic.Uint64 // use counter: the least recently used parse goes first
}

// MaxCachedIssues is how many parsed issues a Library keeps. Parsing takes
// a couple of milliseconds; keeping every issue of a ten-year archive a
// long-running bao serve has opened would take gigabytes.
const MaxCachedIssues = 64

// cachedIssue is one parse, done once however many readers ask at once.
type cachedIssue struct {
	once    sync.Once
	lastUse atomic.Uint64
	size    int64
	modTime time.Time
	issue   *Issue
	err     error
}

// isIssueExt says which file names a library lists, by lower-case
// extension; others (images, notes with other extensions) are
// skipped, as are hidden files and folders.
func isIssueExt(ext string) bool {
	switch ext {
	case ".txt", ".text", ".md", ".markdown", "", ".pdf":
		return true
	}
	return false
}

// OpenLibrary lists the issue files under root. A single file as root is a
// library of one. Unreadable folders are reported by Errors, not fatal;
// only an unreadable root is.
func OpenLibrary(root string) (*Library, error) {
	return OpenLibraryWith(root, LoadOptions{})
}

// OpenLibraryWith is OpenLibrary with options for every file it parses.
func OpenLibraryWith(root string, opt LoadOptions) (*Library, error) {
	if _, err := os.Stat(root); err != nil {
		return nil, err
	}
	l := &Library{root: root, opt: opt, cache: map[string]*cachedIssue{}}
	if err := l.Refresh(); err != nil {
		return nil, err
	}
	return l, nil
}

// Root is the directory the library was opened on.
func (l *Library) Root() string { return l.root }

// Len is the number of issue files.
func (l *Library) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.entries)
}

// Entry returns the i-th entry in date order.
func (l *Library) Entry(i int) Entry {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.entries[i]
}

// Entries returns a copy of all entries in date order.
func (l *Library) Entries() []Entry {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]Entry(nil), l.entries...)
}

// Errors returns the problems met while listing (unreadable folders), one
// error per place, each naming it.
func (l *Library) Errors() []error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]error(nil), l.errs...)
}

// Find returns the index of the entry for path (as listed, or relative to
// the root), or -1.
func (l *Library) Find(path string) int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	clean := filepath.Clean(path)
	for i, e := range l.entries {
		if e.Path == clean || e.Rel == filepath.ToSlash(clean) {
			return i
		}
	}
	return -1
}

// Issue parses (once) and returns the i-th issue. The error names the file
// and the reason; other issues are unaffected.
func (l *Library) Issue(i int) (*Issue, error) {
	l.mu.RLock()
	if i < 0 || i >= len(l.entries) {
		n := len(l.entries)
		l.mu.RUnlock()
		return nil, fmt.Errorf("issue %d: out of range (library has %d)", i, n)
	}
	e := l.entries[i]
	c := l.cache[e.Path]
	l.mu.RUnlock()
	if c == nil || c.size != e.Size || !c.modTime.Equal(e.ModTime) {
		l.mu.Lock()
		c = l.cache[e.Path]
		if c == nil || c.size != e.Size || !c.modTime.Equal(e.ModTime) {
			c = &cachedIssue{size: e.Size, modTime: e.ModTime}
			c.lastUse.Store(l.tick.Add(1))
			l.cache[e.Path] = c
			l.evictLocked()
		}
		l.mu.Unlock()
	}
	c.lastUse.Store(l.tick.Add(1))
	c.once.Do(func() {
		if len(e.Parts) > 1 {
			c.issue, c.err = LoadPDF(e.Parts, l.opt)
		} else {
			c.issue, c.err = LoadFile(e.Path, l.opt)
		}
		if c.err == nil {
			// names decide the date and title in a library, as in its listing
			if !c.issue.HasDate() && e.HasDate() {
				c.issue.Date = e.Date
			}
		}
	})
	return c.issue, c.err
}

// evictLocked drops the least recently used parses past MaxCachedIssues.
// A reader holding an evicted *Issue keeps it; only the cache forgets it.
func (l *Library) evictLocked() {
	for len(l.cache) > MaxCachedIssues {
		var oldest string
		var min uint64
		first := true
		for p, c := range l.cache {
			if u := c.lastUse.Load(); first || u < min {
				oldest, min, first = p, u, false
			}
		}
		delete(l.cache, oldest)
	}
}

// Refresh lists the tree again, picking up new, changed and removed files.
// Parsed issues of unchanged files stay cached.
func (l *Library) Refresh() error {
	var entries []Entry
	var errs []error
	st, err := os.Stat(l.root)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		entries = append(entries, entryFor(l.root, filepath.Base(l.root), st))
	} else {
		err = filepath.WalkDir(l.root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == l.root {
					return err
				}
				errs = append(errs, safeErr(err)) // *PathError names the place
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != l.root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			if !isIssueExt(strings.ToLower(filepath.Ext(name))) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				errs = append(errs, safeErr(err))
				return nil
			}
			if info.Mode()&fs.ModeSymlink != 0 {
				if info, err = os.Stat(path); err != nil {
					errs = append(errs, safeErr(err))
					return nil
				}
				if !info.Mode().IsRegular() {
					return nil
				}
			}
			rel, _ := filepath.Rel(l.root, path)
			entries = append(entries, entryFor(path, filepath.ToSlash(rel), info))
			return nil
		})
		if err != nil {
			return err
		}
		entries = groupPDFEntries(entries)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.HasDate() != b.HasDate() {
			return a.HasDate()
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Rel < b.Rel
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries, l.errs = entries, errs
	live := make(map[string]bool, len(entries))
	for _, e := range entries {
		live[e.Path] = true
	}
	for p := range l.cache {
		if !live[p] {
			delete(l.cache, p)
		}
	}
	return nil
}

// safeErr quotes the path of a *PathError that holds control characters.
func safeErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = safeName(pe.Path)
	}
	return err
}

func entryFor(path, rel string, info fs.FileInfo) Entry {
	e := Entry{Path: path, Rel: rel, Title: titleFromPath(path), Size: info.Size(), ModTime: info.ModTime()}
	if d, ok := dateFromPath(rel); ok {
		e.Date = d
	} else if d, ok := dateFromPath(path); ok {
		e.Date = d
	}
	return e
}

// groupPDFEntries makes the page PDFs of one issue one entry (see
// GroupPDFPages), dated by the pages' names or folder.
func groupPDFEntries(entries []Entry) []Entry {
	var pdfs []string
	byPath := map[string]Entry{}
	out := entries[:0:0]
	for _, e := range entries {
		if IsPDFName(e.Path) {
			pdfs = append(pdfs, e.Path)
			byPath[e.Path] = e
		} else {
			out = append(out, e)
		}
	}
	for _, g := range GroupPDFPages(pdfs) {
		e := byPath[g[0]]
		if d, ok := pdfDate(e.Rel); ok {
			e.Date = d
		}
		if len(g) > 1 {
			e.Parts = g
			e.Title = pdfTitle(g)
			for _, p := range g[1:] {
				pe := byPath[p]
				e.Size += pe.Size
				if pe.ModTime.After(e.ModTime) {
					e.ModTime = pe.ModTime
				}
			}
		}
		out = append(out, e)
	}
	return out
}
