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
	"time"
	"unsafe"
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
	return WalkWith(ctx, paths, WalkOptions{Found: found})
}

// WalkOptions tune WalkWith.
type WalkOptions struct {
	// Found is Walk's found: called with each folder's issue files as
	// they are listed (the page PDFs of an issue one by one, before
	// they are grouped), one call at a time.
	Found func([]Entry)
	// NoStat leaves the Size and ModTime of regular files zero, saving a
	// system call a file: for a caller that reads every file anyway and
	// keeps nothing by its change time (a search without an index).
	// Links, and entries whose type the folder does not say, are still
	// stat-ed, to know that they are regular files.
	NoStat bool
	// ByPath returns the entries in order of path, each path's in turn,
	// instead of library order: each folder's names are sorted, and the
	// listing is put together in that order, with no sort of the whole.
	ByPath bool
}

// WalkWith is Walk with options.
func WalkWith(ctx context.Context, paths []string, opt WalkOptions) ([]Entry, []error, error) {
	w := &walker{ctx: ctx, found: opt.Found, noStat: opt.NoStat, sem: make(chan struct{}, walkWorkers())}
	roots := make([]*walkDir, len(paths))
	for i, root := range paths {
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
			roots[i] = &walkDir{files: []Entry{e}}
			w.add(roots[i].files, nil)
			continue
		}
		roots[i] = new(walkDir)
		w.wg.Add(1)
		go w.dir(roots[i], filepath.Clean(root), "", abs)
	}
	w.wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	sort.Slice(w.errs, func(i, j int) bool { return w.errs[i].Error() < w.errs[j].Error() })
	all := make([]Entry, 0, w.n)
	for _, d := range roots {
		all = d.appendTo(all)
	}
	all = groupPDFEntries(all)
	if opt.ByPath {
		if w.pdfs {
			// Grouping moved the page PDFs' issues to the end.
			slices.SortFunc(all, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
		}
		return all, w.errs, nil
	}
	return sortEntries(all), w.errs, nil
}

// walkWorkers is how many folders are read at once. Reading a folder and
// stat-ing its files waits on the kernel more than it computes, so a few
// more than the processors keep them busy; many more only contend.
func walkWorkers() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

type walker struct {
	ctx    context.Context
	found  func([]Entry)
	noStat bool
	sem    chan struct{}
	wg     sync.WaitGroup

	mu   sync.Mutex
	errs []error
	n    int  // entries listed
	pdfs bool // some are PDFs
}

// walkDir is one folder's listing: its issue files and its subfolders,
// each in order of name, put together once the walk is over.
type walkDir struct {
	files []Entry
	subs  []walkSub
}

// walkSub is a subfolder of a walkDir, sorted among its files.
type walkSub struct {
	name string
	d    *walkDir
}

// appendTo appends the entries under d to out in order of path: each
// subfolder where its name+"/" sorts among the files' names, which is
// where its paths sort among theirs (no name holds a "/").
func (d *walkDir) appendTo(out []Entry) []Entry {
	j := 0
	for _, e := range d.files {
		name := e.Rel[strings.LastIndexByte(e.Rel, '/')+1:]
		for ; j < len(d.subs) && subBefore(d.subs[j].name, name); j++ {
			out = d.subs[j].d.appendTo(out)
		}
		out = append(out, e)
	}
	for ; j < len(d.subs); j++ {
		out = d.subs[j].d.appendTo(out)
	}
	return out
}

// subBefore reports whether the paths under subfolder sub sort before the
// file name of the same folder: whether sub+"/" < name.
func subBefore(sub, name string) bool {
	if len(name) > len(sub) && name[:len(sub)] == sub {
		return '/' < name[len(sub)]
	}
	return sub < name
}

func (w *walker) add(found []Entry, bad []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n += len(found)
	w.errs = append(w.errs, bad...)
	if !w.pdfs && slices.ContainsFunc(found, func(e Entry) bool { return IsPDFName(e.Path) }) {
		w.pdfs = true
	}
	if w.found != nil && len(found) > 0 {
		w.found(found)
	}
}

// dir lists one folder into d (path; rel from the root, "" for the root
// itself; abs its absolute path) and starts a goroutine for each folder in
// it.
func (w *walker) dir(d *walkDir, path, rel, abs string) {
	defer w.wg.Done()
	if w.ctx.Err() != nil {
		return
	}
	w.sem <- struct{}{}
	f, err := openDir(path)
	if err != nil {
		<-w.sem
		w.add(nil, []error{fileError(path, err)})
		return
	}
	// First the names, sorted (the folder gives them in the order of its
	// hash table), then a stat each and the entries in that order: sorting
	// the entries themselves moved 128 bytes a swap.
	type cand struct {
		sub  string // the file's path; its name is the end of it
		name int    // the length of its name
		link bool
	}
	var cands []cand
	var bad []error
	for {
		nameb, t, err := f.next()
		if err != nil {
			bad = append(bad, fileError(path, err))
			break
		}
		if nameb == nil {
			break
		}
		if nameb[0] == '.' {
			continue
		}
		// The name as a string for the tests, without a copy: most
		// entries of a folder are kept, but not all.
		view := unsafe.String(&nameb[0], len(nameb))
		if t == typeUnknown {
			// The folder does not say (some file systems): as lstat says.
			mode, err := f.lstatType(view)
			if err != nil {
				bad = append(bad, fileError(joinPath(path, view), err))
				continue
			}
			t = mode
		}
		if t.IsDir() {
			d.subs = append(d.subs, walkSub{name: string(nameb)})
			continue
		}
		link := t&fs.ModeSymlink != 0
		if !t.IsRegular() && !link || !isIssueExt(lowerExt(view)) {
			continue
		}
		cands = append(cands, cand{joinPath(path, view), len(nameb), link})
	}
	slices.SortFunc(cands, func(a, b cand) int { return strings.Compare(a.sub, b.sub) })
	slices.SortFunc(d.subs, func(a, b walkSub) int { return strings.Compare(a.name, b.name) })
	for i := range d.subs {
		s := &d.subs[i]
		s.d = new(walkDir)
		w.wg.Add(1)
		go w.dir(s.d, joinPath(path, s.name), joinRel(rel, s.name), joinPath(abs, s.name))
	}
	folder := folderTitle(abs)
	d.files = make([]Entry, 0, len(cands))
	for _, c := range cands {
		sub := c.sub
		name := sub[len(sub)-c.name:]
		var size int64
		var mtime time.Time
		if !w.noStat || c.link {
			var regular bool
			size, mtime, regular, err = f.stat(name, c.link)
			if err != nil {
				bad = append(bad, fileError(sub, err))
				continue
			}
			if !regular {
				continue
			}
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
		d.files = append(d.files, entryIn(sub, subRel, abs, name, folder, size, mtime))
	}
	f.close()
	<-w.sem
	w.add(d.files, bad)
}

// lowerExt is strings.ToLower(filepath.Ext(name)) for a plain name,
// without allocating for the extensions a library lists.
func lowerExt(name string) string {
	ext := filepath.Ext(name)
	for i := 0; i < len(ext); i++ {
		if c := ext[i]; 'A' <= c && c <= 'Z' {
			return strings.ToLower(ext)
		}
	}
	return ext
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
