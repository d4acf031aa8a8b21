package issues

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// FileError is a file or folder of a library that could not be listed or
// read. Its message is "path: reason", one line, as the shelf and the
// command line show it.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return safeName(e.Path) + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// fileError makes err, met at path, a *FileError without the path said
// twice: a *fs.PathError keeps its reason (and the operation, which says
// what failed), a message that already starts with the name loses it.
func fileError(path string, err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return &FileError{Path: path, Err: fmt.Errorf("%s: %w", pe.Op, pe.Err)}
	}
	if msg, ok := strings.CutPrefix(err.Error(), safeName(path)+": "); ok {
		return &FileError{Path: path, Err: trimmedError{msg, err}}
	}
	return &FileError{Path: path, Err: err}
}

// trimmedError is an error with its message shortened, still unwrapping
// to the original (errors.Is(err, ErrTooLarge) holds).
type trimmedError struct {
	msg string
	err error
}

func (e trimmedError) Error() string { return e.msg }
func (e trimmedError) Unwrap() error { return e.err }

// Walk lists the issue files under paths: a file is a library of one;
// folders are walked for .txt, .text, .md, .markdown, .pdf and
// extension-less files, symbolic links to such files followed (links to
// folders are not, so a loop cannot be walked), hidden files and folders
// skipped. Folders are read in parallel and each file is stat-ed relative
// to its open folder: over a century of a daily (36,500 files), listing is
// most of the time a search or the shelf takes to start.
//
// found, when set, is called with each folder's issue files as they are
// listed (one call at a time, in no particular order), so that a screen
// can show the listing grow. The entries come back in library order (see
// Library) with the problems met (unreadable folders or files, as
// *FileError), which do not stop the listing; only a path that cannot be
// stat-ed at all, or ctx ending, does.
//
// The date and title of a file come from its path relative to the path
// given, and from the path itself when that gives none, so they are the
// same however many paths are given, and in whatever order.
func Walk(ctx context.Context, paths []string, found func([]Entry)) ([]Entry, []error, error) {
	w := &walker{ctx: ctx, found: found, sem: make(chan struct{}, walkWorkers())}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			return nil, nil, err // *PathError: it names the path
		}
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", root, err)
		}
		if !st.IsDir() {
			e := entryIn(root, filepath.Base(root), filepath.Dir(abs), filepath.Base(abs), folderTitle(filepath.Dir(abs)), st.Size(), st.ModTime())
			w.add([]Entry{e}, nil)
			continue
		}
		w.wg.Add(1)
		go w.dir(filepath.Clean(root), "", abs)
	}
	w.wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	n := 0
	for _, b := range w.batches {
		n += len(b)
	}
	all := make([]Entry, 0, n)
	for _, b := range w.batches {
		all = append(all, b...)
	}
	entries := sortEntries(groupPDFEntries(all))
	sort.Slice(w.errs, func(i, j int) bool { return w.errs[i].Error() < w.errs[j].Error() })
	return entries, w.errs, nil
}

// walkWorkers is how many folders are read at once. Reading a folder and
// stat-ing its files waits on the kernel more than it computes, so a few
// more than the processors keep them busy; many more only contend.
func walkWorkers() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

type walker struct {
	ctx   context.Context
	found func([]Entry)
	sem   chan struct{}
	wg    sync.WaitGroup

	mu      sync.Mutex
	batches [][]Entry // one per folder: put together once at the end
	errs    []error
}

func (w *walker) add(found []Entry, bad []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(found) > 0 {
		w.batches = append(w.batches, found)
	}
	w.errs = append(w.errs, bad...)
	if w.found != nil && len(found) > 0 {
		w.found(found)
	}
}

// dir lists one folder (path; rel from the root, "" for the root itself;
// abs its absolute path) and starts a goroutine for each folder in it.
func (w *walker) dir(path, rel, abs string) {
	defer w.wg.Done()
	if w.ctx.Err() != nil {
		return
	}
	w.sem <- struct{}{}
	var found []Entry
	var bad []error
	folder := folderTitle(abs)
	f, err := openDir(path)
	var des []os.DirEntry
	if err == nil {
		des, err = f.ReadDir(-1)
	}
	if err != nil {
		bad = append(bad, fileError(path, err))
	}
	for _, d := range des {
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		t := d.Type()
		if t.IsDir() {
			w.wg.Add(1)
			go w.dir(joinPath(path, name), joinRel(rel, name), joinPath(abs, name))
			continue
		}
		if !t.IsRegular() && t&fs.ModeSymlink == 0 || !isIssueExt(strings.ToLower(filepath.Ext(name))) {
			continue
		}
		sub := joinPath(path, name)
		size, mtime, regular, err := statIn(f, name, t&fs.ModeSymlink != 0)
		if err != nil {
			bad = append(bad, fileError(sub, err))
			continue
		}
		if !regular {
			continue
		}
		var subRel string
		if filepath.Separator == '/' {
			// path ends in "/"+rel: rel's bytes are sub's, one string
			// made a file instead of two.
			n := len(name)
			if rel != "" {
				n += len(rel) + 1
			}
			subRel = sub[len(sub)-n:]
		} else {
			subRel = joinRel(rel, name)
		}
		found = append(found, entryIn(sub, subRel, abs, name, folder, size, mtime))
	}
	if f != nil {
		f.Close()
	}
	<-w.sem
	w.add(found, bad)
}

func joinRel(rel, name string) string {
	if rel == "" {
		return name
	}
	return rel + "/" + name
}

// joinPath is filepath.Join for a clean folder and a plain name, without
// cleaning again what is clean.
func joinPath(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// sortEntries puts entries in library order: by date, undated last, then
// by path from the root, then by path (two roots may hold the same). The
// walk gives them in no order, and an Entry is large: the dates are
// sorted beside the indexes, and the entries moved once, into the slice
// returned.
func sortEntries(entries []Entry) []Entry {
	type key struct {
		day int64 // days since 1970; undated last
		i   int32
	}
	keys := make([]key, len(entries))
	for i := range entries {
		day := int64(math.MaxInt64)
		if e := &entries[i]; e.HasDate() {
			day = e.Date.Unix() / 86400
		}
		keys[i] = key{day, int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.day, b.day); c != 0 {
			return c
		}
		ea, eb := &entries[a.i], &entries[b.i]
		if c := ea.Date.Compare(eb.Date); c != 0 {
			return c // a date with a time of day (none from names, but say)
		}
		if c := strings.Compare(ea.Rel, eb.Rel); c != 0 {
			return c
		}
		return strings.Compare(ea.Path, eb.Path)
	})
	sorted := make([]Entry, len(entries))
	for k, key := range keys {
		sorted[k] = entries[key.i]
	}
	return sorted
}
