package issues

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
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

// Library is the issue files under one or more paths, ordered by date
// (undated files last, by path). Opening it lists names and stats only
// (Walk); an issue is parsed when first asked for and then kept in its
// Cache. A Library is safe for concurrent use: bao serve shares one
// between sessions, and Refresh swaps the listing whole.
type Library struct {
	paths []string
	cache *Cache

	mu      sync.RWMutex
	entries []Entry
	byPath  map[string]int // Path and Rel → index in entries
	errs    []error        // from the last listing
}

// LibraryOptions tune Open.
type LibraryOptions struct {
	// Load is used for every file the library parses (ignored when
	// Cache is set: the cache's own options are).
	Load LoadOptions
	// Cache holds the parsed issues; nil means a new one of
	// MaxCachedIssues. A cache may be shared by several libraries.
	Cache *Cache
	// Found, when set, is called as folders are listed, with the issue
	// files found in each (see Walk).
	Found func([]Entry)
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
	return Open(context.Background(), []string{root}, LibraryOptions{Load: opt})
}

// Open lists the issue files under paths (files or folders, see Walk) as
// one library. It stops when ctx ends, returning ctx.Err().
func Open(ctx context.Context, paths []string, opt LibraryOptions) (*Library, error) {
	if len(paths) == 0 {
		return nil, errors.New("no path to open as a library")
	}
	l := &Library{paths: append([]string(nil), paths...), cache: opt.Cache}
	if l.cache == nil {
		l.cache = NewCache(MaxCachedIssues, opt.Load)
	}
	entries, errs, err := Walk(ctx, paths, opt.Found)
	if err != nil {
		return nil, err
	}
	l.install(entries, errs)
	return l, nil
}

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

// Errors returns the files and folders of the library that could not be
// read: those the last listing could not list or stat, then those listed
// whose last load failed; each a *FileError ("path: reason").
func (l *Library) Errors() []error {
	l.mu.RLock()
	out := append([]error(nil), l.errs...)
	l.mu.RUnlock()
	if !l.cache.holdsAny() {
		return out
	}
	listed := l.pathIndex()
	failed := l.cache.Failures(func(p string) bool { _, ok := listed[p]; return ok })
	sort.Slice(failed, func(i, j int) bool { return failed[i].Error() < failed[j].Error() })
	return append(out, failed...)
}

// Find returns the index of the entry for path (as listed, or relative to
// the root), or -1.
func (l *Library) Find(path string) int {
	listed := l.pathIndex()
	for _, p := range []string{path, filepath.Clean(path), filepath.ToSlash(filepath.Clean(path))} {
		if i, ok := listed[p]; ok {
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
	l.mu.RUnlock()
	return l.cache.Get(e)
}

// Load parses (once) and returns the issue of an entry, as listed (by this
// library, or an earlier listing of it).
func (l *Library) Load(e Entry) (*Issue, error) { return l.cache.Get(e) }

// Refresh lists the paths again, picking up new, changed and removed
// files. Parsed issues of unchanged files stay cached.
func (l *Library) Refresh() error {
	_, err := l.RefreshContext(context.Background())
	return err
}

// RefreshContext is Refresh, cancellable, reporting whether the listing
// changed (a file added, removed, or changed in size or time). A listing
// that fails leaves the last one in place.
func (l *Library) RefreshContext(ctx context.Context) (changed bool, err error) {
	entries, errs, err := Walk(ctx, l.paths, nil)
	if err != nil {
		return false, err
	}
	l.mu.RLock()
	changed = !sameListing(l.entries, entries)
	l.mu.RUnlock()
	if changed {
		l.install(entries, errs)
	} else {
		l.mu.Lock()
		l.errs = errs
		l.mu.Unlock()
	}
	return changed, nil
}

func sameListing(a, b []Entry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path || a[i].Size != b[i].Size || !a[i].ModTime.Equal(b[i].ModTime) || len(a[i].Parts) != len(b[i].Parts) {
			return false
		}
	}
	return true
}

func (l *Library) install(entries []Entry, errs []error) {
	l.mu.Lock()
	l.entries, l.errs, l.byPath = entries, errs, nil
	l.mu.Unlock()
	if l.cache.holdsAny() {
		listed := l.pathIndex()
		l.cache.Forget(func(p string) bool { _, ok := listed[p]; return !ok })
	}
}

// pathIndex maps each entry's Path and Rel to its index, made when first
// needed: a shelf that never looks a path up does not pay for it.
func (l *Library) pathIndex() map[string]int {
	l.mu.RLock()
	m := l.byPath
	l.mu.RUnlock()
	if m != nil {
		return m
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byPath == nil {
		l.byPath = make(map[string]int, 2*len(l.entries))
		for i, e := range l.entries {
			l.byPath[e.Rel] = i
			l.byPath[e.Path] = i
		}
	}
	return l.byPath
}

// entryIn is the entry of the file name in the folder absDir (its
// absolute path), listed as path, rel from the path the library was
// given. Its date comes from rel (the date folders under the root), else
// from the absolute path, and its title from the absolute path (see
// titleFromPath): the folders above the root name a paper as well whether
// the root is "paper", "paper/2024" or the file itself. folder is
// folderTitle(absDir), the same for every file of a folder (listing a
// century, working it out per file took a tenth of the time).
func entryIn(path, rel, absDir, name, folder string, size int64, modTime time.Time) Entry {
	e := Entry{Path: path, Rel: rel, Size: size, ModTime: modTime}
	e.Title = strings.TrimSuffix(name, filepath.Ext(name))
	if folder != "" && isDateName(e.Title) {
		e.Title = folder
	}
	if d, ok := dateFromPath(rel); ok {
		e.Date = d
	} else if d, ok := dateFromPath(joinPath(absDir, name)); ok {
		e.Date = d
	}
	return e
}

// folderTitle is what titleFromPath names a file of the folder dir whose
// name is a date: the nearest folder up whose name is not; "" when none is.
func folderTitle(dir string) string {
	parts := strings.Split(filepath.ToSlash(filepath.Clean(dir)), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := parts[i]; p != "" && p != "." && p != ".." && !isDateName(p) {
			return p
		}
	}
	return ""
}

// groupPDFEntries makes the page PDFs of one issue one entry (see
// GroupPDFPages), dated by the pages' names or folder.
func groupPDFEntries(entries []Entry) []Entry {
	if !slices.ContainsFunc(entries, func(e Entry) bool { return IsPDFName(e.Path) }) {
		return entries // most libraries: nothing to copy
	}
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
