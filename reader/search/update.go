package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"bao/issues"
)

// UpdateStats says what an Update did.
type UpdateStats struct {
	Busy     bool  // another process or goroutine was updating the index: nothing done
	Indexed  int   // files (new or changed) indexed
	Merged   int   // segments merged or dropped
	Segments int   // segments written
	Written  int64 // bytes of segments written
}

// Update brings the index up to date with files, the whole set it is for:
// it indexes the files that are new or changed in new segments (of up to
// segmentDocs files each), merges small segments, rewrites segments that
// hold mostly stale entries, drops damaged ones and those of another bao
// version, and keeps the cache directory under its cap. Only one Update
// runs on an index at a time; another returns at once with Busy set. A
// search may run meanwhile: it sees each segment whole or not at all.
//
// It reads the files it indexes in parallel, in at most segmentDocs at a
// time, so its memory stays bounded for any number of files.
func (ix *Index) Update(ctx context.Context, files []File) (UpdateStats, error) {
	var st UpdateStats
	if err := os.MkdirAll(ix.dir, 0o755); err != nil {
		return st, err
	}
	unlock, ok, err := lockIndex(filepath.Join(ix.dir, "lock"))
	if err != nil {
		return st, err
	}
	if !ok {
		st.Busy = true
		return st, nil
	}
	defer unlock()
	// What is on disk now: another process may have updated it since this
	// index was opened. Temporary files are a dead writer's (the lock is
	// ours).
	if err := ix.reload(); err != nil {
		return st, err
	}
	if tmps, _ := filepath.Glob(filepath.Join(ix.dir, ".tmp-*")); len(tmps) > 0 {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	// live[i] marks the docs of segment i that are a listed file as it is
	// now: those a merge keeps.
	live := make([][]uint64, len(ix.segs))
	for i, s := range ix.segs {
		live[i] = make([]uint64, (len(s.docs)+63)/64)
	}
	var stale []File
	var errs []error
	var paths absPaths
	for _, f := range files {
		abs, err := paths.abs(f.Path)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Path, err))
			continue
		}
		if f.ModTime.IsZero() {
			fi, err := os.Stat(f.Path)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			f.Size, f.ModTime = fi.Size(), fi.ModTime()
		}
		f.Path = abs
		if ref, ok := ix.fresh(abs, f.Size, f.ModTime.UnixNano()); ok {
			live[ref.seg][ref.doc>>6] |= 1 << (ref.doc & 63)
		} else {
			stale = append(stale, f)
		}
	}
	// New segments for the files the index lacks: each written while the
	// files of the next are read.
	var writing sync.WaitGroup
	var writeErr error
	var written []string
	var carry []docSig // signed, for the next segment
	for len(stale) > 0 || len(carry) > 0 {
		if err := ctx.Err(); err != nil {
			writing.Wait()
			return st, err
		}
		sigs, more, rest, err := signatures(ctx, carry, stale)
		errs = append(errs, err)
		carry, stale = more, rest
		writing.Wait()
		if writeErr != nil {
			break
		}
		if len(sigs) == 0 {
			continue
		}
		writing.Go(func() {
			name, n, err := writeSegment(ix.dir, sigs)
			if err != nil {
				writeErr = err
				return
			}
			written = append(written, name)
			st.Indexed += len(sigs)
			st.Segments++
			st.Written += n
		})
	}
	writing.Wait()
	if writeErr != nil {
		return st, errors.Join(append(errs, writeErr)...)
	}
	// The new segments join the ones loaded (the lock kept others out);
	// their files were listed just now.
	old := len(ix.segs)
	for _, name := range written {
		s, err := openSegment(filepath.Join(ix.dir, name))
		if err != nil {
			return st, err
		}
		ix.segs = append(ix.segs, s)
		ix.names = append(ix.names, name)
		ix.addDocs(len(ix.segs)-1, s)
		all := make([]uint64, (len(s.docs)+63)/64)
		for d := range s.docs {
			all[d>>6] |= 1 << (d & 63)
		}
		live = append(live, all)
	}
	if err := ix.merge(ctx, live, old, &st); err != nil {
		errs = append(errs, err)
	}
	// Measuring the cache walks all of it: at most every trimEvery, or
	// when this update wrote more than a few segments' worth.
	stamp := filepath.Join(ix.root, ".trimmed")
	if fi, err := os.Stat(stamp); err != nil || time.Since(fi.ModTime()) > trimEvery || st.Written > 64<<20 {
		os.WriteFile(stamp, nil, 0o644)
		if err := trimCache(ix.root, ix.dir, ix.limit()); err != nil {
			errs = append(errs, err)
		}
	}
	return st, errors.Join(errs...)
}

// trimEvery is how often Update measures the whole cache against its cap.
const trimEvery = 10 * time.Minute

func (ix *Index) limit() int64 {
	if ix.opt.CacheLimit > 0 {
		return ix.opt.CacheLimit
	}
	return DefaultCacheLimit
}

// merge drops segments that are damaged, of another version or hold no
// live file (live[i] marks segment i's, as byPath has them for the first
// old segments), rewrites those whose files are mostly stale or gone, and
// merges the small ones once there are mergeSmall of them.
func (ix *Index) merge(ctx context.Context, live [][]uint64, old int, st *UpdateStats) error {
	type plan struct {
		s    *segment
		live []int
	}
	var drop []*segment
	var small, rewrite []plan
	for i, s := range ix.segs {
		if s.bad || !s.versionOK {
			drop = append(drop, s)
			continue
		}
		var docs []int
		for w, x := range live[i] {
			for ; x != 0; x &= x - 1 {
				d := w<<6 | bits.TrailingZeros64(x)
				// A new segment holds a file listed twice twice.
				if i < old || ix.byPath[s.docs[d].path] == (docRef{int32(i), int32(d)}) {
					docs = append(docs, d)
				}
			}
		}
		switch {
		case len(docs) == 0:
			drop = append(drop, s)
		case len(docs) < smallSegment:
			small = append(small, plan{s, docs})
		case 2*len(docs) < len(s.docs):
			rewrite = append(rewrite, plan{s, docs})
		}
	}
	if len(small) >= mergeSmall || len(small) > 0 && len(rewrite) > 0 {
		rewrite = append(rewrite, small...)
	}
	var sigs []docSig
	postings := 0
	flush := func() error {
		if len(sigs) == 0 {
			return nil
		}
		_, n, err := writeSegment(ix.dir, sigs)
		if err != nil {
			return err
		}
		st.Segments++
		st.Written += n
		sigs, postings = nil, 0
		return nil
	}
	for _, p := range rewrite {
		if err := ctx.Err(); err != nil {
			return err
		}
		keys, err := p.s.decodeAll()
		if err != nil {
			// Damaged after all: dropped, its files indexed next time.
			drop = append(drop, p.s)
			continue
		}
		for _, d := range p.live {
			if len(sigs) == segmentDocs || postings+len(keys[d]) > segmentPostings {
				if err := flush(); err != nil {
					return err
				}
			}
			sigs = append(sigs, docSig{docEntry: p.s.docs[d], keys: keys[d]})
			postings += len(keys[d])
		}
		drop = append(drop, p.s)
	}
	if err := flush(); err != nil {
		return err
	}
	// The merged segments are in place: the old ones can go. A search
	// that opened them before keeps reading them until it closes them.
	var errs []error
	for _, s := range drop {
		if err := os.Remove(filepath.Join(ix.dir, s.name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		st.Merged++
	}
	return errors.Join(errs...)
}

// signatures reads and signs files of stale in parallel, in their order,
// after the ones carry holds signed already, until a segment's worth is
// signed (segmentDocs files, segmentPostings keys), and returns that
// segment, what was signed past it (the next segment's carry) and the
// files not read. Where a segment ends depends on the files alone, in
// their order: it ended where the first reader to find the keys over the
// limit was, and a reader held up (on a busy machine) ended it early,
// throwing away what the others had signed after it; a century's build
// then wrote 66 segments instead of 26 and merged the small ones.
func signatures(ctx context.Context, carry []docSig, stale []File) (seg, more []docSig, rest []File, err error) {
	have := 0
	for _, d := range carry {
		have += len(d.keys)
	}
	n := min(len(stale), max(0, segmentDocs-len(carry)))
	if have > segmentPostings {
		n = 0 // the carry alone fills a segment
	}
	sigs := make([]docSig, n)
	ok := make([]bool, n)
	errs := make([]error, n)
	var next, postings atomic.Int64
	postings.Store(int64(have))
	// More readers than cores: with the files' pages not cached, a reader
	// waits on the disk most of the time, as rg's do.
	workers := max(1, min(4*runtime.GOMAXPROCS(0), n))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := new(worker)
			for postings.Load() <= segmentPostings && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				sig, err := w.signature(stale[i])
				if err != nil {
					errs[i] = err
					continue
				}
				postings.Add(int64(len(sig.keys)))
				sigs[i], ok[i] = sig, true
			}
		})
	}
	wg.Wait()
	// Every file claimed was signed (or failed): the first claimed ones.
	claimed := min(int(next.Load()), n)
	all := carry
	for i := range claimed {
		if ok[i] {
			all = append(all, sigs[i])
		}
	}
	cut, keys := 0, 0
	for cut < len(all) && cut < segmentDocs {
		if keys += len(all[cut].keys); keys > segmentPostings && cut > 0 {
			break
		}
		cut++
	}
	return all[:cut:cut], all[cut:], stale[claimed:], errors.Join(errs[:claimed]...)
}

// signature reads one file and lists the keys of its text as the search
// reads it: its folded bytes when it is UTF-8, else the text the parser
// decodes. A file whose raw text cannot be ruled out (mustParse, or bytes
// that are not UTF-8 in a file that looked it) is marked docAlways.
func (w *worker) signature(f File) (docSig, error) {
	sig := docSig{docEntry: docEntry{path: f.Path, size: f.Size, mtime: f.ModTime.UnixNano()}}
	if mustParse(f.Path) {
		sig.flags = docAlways
		return sig, nil
	}
	data, err := readFile(f.Path, w.data, f.Size)
	w.data = data[:0]
	if err != nil {
		return sig, err
	}
	if len(data) == 0 {
		return sig, nil
	}
	text := data
	utf8ish := true
	if bytes16 := len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF); bytes16 || !looksUTF8(data) {
		utf8ish = false
		s, _, err := issues.Decode(data, "")
		if err != nil {
			// Undecodable: the parse reports it; never ruled out.
			sig.flags = docAlways
			return sig, nil
		}
		text = []byte(s)
	}
	if w.keys == nil {
		w.keys = new(keySet)
	}
	invalid := markFold(text, w.keys)
	keys := takeKeys(w.keys)
	if invalid && utf8ish {
		// Not UTF-8 after all (looksUTF8 samples): the parser's detection
		// decides, so never ruled out.
		sig.flags = docAlways
		return sig, nil
	}
	sig.keys = keys
	return sig, nil
}

// UpdateIndex opens the index for key in dir and brings it up to date
// with files (see Index.Update): for a process started to do only that.
func UpdateIndex(ctx context.Context, dir, key string, files []File, opt IndexOptions) (UpdateStats, error) {
	ix, err := OpenIndexWith(dir, key, opt)
	if err != nil {
		return UpdateStats{}, err
	}
	defer ix.Close()
	return ix.Update(ctx, files)
}

// trimCache keeps the cache directory root under limit bytes: it deletes
// what older bao versions left there (one .idx file per library and one
// shared parse cache), then the least recently used libraries' folders
// (by modification time, which OpenIndex sets), then, if keep alone is
// over the limit, keep's parse cache.
func trimCache(root, keep string, limit int64) error {
	es, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	type lib struct {
		path string
		size int64
		used time.Time
	}
	var libs []lib
	var total int64
	var errs []error
	for _, e := range es {
		p := filepath.Join(root, e.Name())
		switch {
		case !e.IsDir() && strings.HasSuffix(e.Name(), ".idx"), e.IsDir() && e.Name() == "parsed",
			!e.IsDir() && strings.HasPrefix(e.Name(), ".tmp-"):
			errs = append(errs, os.RemoveAll(p))
		case e.IsDir() && len(e.Name()) == 24:
			info, err := e.Info()
			if err != nil {
				continue
			}
			size := dirSize(p)
			libs = append(libs, lib{p, size, info.ModTime()})
			total += size
		}
	}
	if total <= limit {
		return errors.Join(errs...)
	}
	slices.SortFunc(libs, func(a, b lib) int { return a.used.Compare(b.used) })
	for _, l := range libs {
		if total <= limit {
			break
		}
		if l.path == keep {
			continue
		}
		errs = append(errs, os.RemoveAll(l.path))
		total -= l.size
	}
	if total > limit {
		p := filepath.Join(keep, "parsed")
		errs = append(errs, os.RemoveAll(p))
	}
	return errors.Join(errs...)
}

// dirSize is the bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
