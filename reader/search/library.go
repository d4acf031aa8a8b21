package search

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"bao/issues"
)

// Result is one matching article of an archive search.
type Result struct {
	Source   string  // the issue file
	Date     string  // YYYY-MM-DD, "" when unknown
	Article  int     // index in the issue's Articles, from 0
	Headline string  // the article's headline
	Matches  []Match // in reading order
	// Snippets[i] is an excerpt around Matches[i].
	Snippets []Snippet
	// HeadlineMatches counts the matches in the headline.
	HeadlineMatches int
}

// Compare orders results as a search lists them: articles matching in the
// headline first, then by number of matches, then newest first; ties by
// file and article number.
func Compare(a, b *Result) int {
	return cmp.Or(
		-cmp.Compare(min(a.HeadlineMatches, 1), min(b.HeadlineMatches, 1)),
		-cmp.Compare(len(a.Matches), len(b.Matches)),
		-cmp.Compare(a.Date, b.Date),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Article, b.Article),
	)
}

// Sort sorts results in ranking order (see Compare).
func Sort(rs []Result) {
	slices.SortFunc(rs, func(a, b Result) int { return Compare(&a, &b) })
}

// Options tune an archive search; the zero value is ready to use.
type Options struct {
	// Workers is how many files are searched at once; 0 means GOMAXPROCS.
	Workers int
	// Parse parses an issue file's bytes; nil means issues.Parse with
	// automatic encoding detection.
	Parse func(data []byte, path string) (*issues.Issue, error)
	// Progress, when set, is called as files are done (after each file
	// that gave results, at least every few dozen files, and at the end)
	// with the number of files done and the total, from the goroutine that
	// called SearchFiles.
	Progress func(done, total int)
	// SnippetBefore and SnippetAfter are the runes of context shown around a
	// match; 0 means 16 and 32.
	SnippetBefore, SnippetAfter int
	// Index, when set, skips files that it shows cannot match.
	Index *Index
	// NoPrefilter parses every file instead of first ruling files out by
	// their raw bytes: for a forced encoding, which the raw-byte tests do
	// not know.
	NoPrefilter bool
	// BeforePDF, when set, is called once, before the search reads its
	// first PDF, whose engine takes far more memory than a text file: a
	// caller that traded memory for speed (bao search collects garbage
	// lazily) can trade back.
	BeforePDF func()
}

// File is an issue file to search, as a library lists it.
type File struct {
	Path    string
	Date    time.Time // from the file's name; used when its text gives none
	Size    int64     // with ModTime, tells the index whether it changed;
	ModTime time.Time // zero values mean "stat it"
	Parts   []string  // the page PDFs of a one-file-per-page issue (pdf.go)
}

// FilesOf lists a library's files for SearchFiles, in its (date) order.
func FilesOf(lib *issues.Library) []File { return filesOf(lib.Entries()) }

// filesOf is the files of a listing, in its order.
func filesOf(es []issues.Entry) []File { return appendFiles(nil, es) }

// appendFiles appends the files of a listing to fs, in its order.
func appendFiles(fs []File, es []issues.Entry) []File {
	fs = slices.Grow(fs, len(es))
	for i := range es {
		e := &es[i]
		fs = append(fs, File{Path: e.Path, Date: e.Date, Size: e.Size, ModTime: e.ModTime, Parts: e.Parts})
	}
	return fs
}

// SearchLibrary is SearchFiles over every issue file of a library.
func SearchLibrary(ctx context.Context, lib *issues.Library, m *Matcher, opt Options, emit func(Result)) error {
	return SearchFiles(ctx, FilesOf(lib), m, opt, emit)
}

// fileResult is what one worker found in one file.
type fileResult struct {
	results  []Result
	err      error
	cacheErr error // storing the parse in the cache failed
}

// worker holds one search goroutine's reusable buffers.
type worker struct {
	data, folded []byte
	cached       []byte // a parse cache entry
	decoded      [][]byte
	keys         *keySet // the keys of a file being indexed
}

// SearchFiles searches issue files for m and calls emit with each matching
// article as soon as its file is searched, from the calling goroutine, in no
// particular order (Sort them for ranking). The files are searched in
// parallel. It stops early when ctx is cancelled, returning ctx.Err().
// A file that cannot be read or parsed does not stop the search: its error,
// which names it, is joined into the returned error.
//
// With opt.Index, files the index rules out are not opened; files it does
// not hold as they are now (new or changed) are searched as without it,
// never waiting for the index to be built, and counted (Index.Stale) for
// Index.Update, which an index opened with IndexOptions.Background starts
// by itself when the search ends (so pass the whole set the index is for).
func SearchFiles(ctx context.Context, files []File, m *Matcher, opt Options, emit func(Result)) error {
	var next atomic.Int64
	take := func() (File, bool) {
		i := int(next.Add(1) - 1)
		if i >= len(files) {
			return File{}, false
		}
		return files[i], true
	}
	err := searchFeed(ctx, take, func() int { return len(files) }, len(files), m, opt, emit)
	return endSearch(ctx, files, opt, err)
}

// SearchPaths is ListFilesContext and SearchFiles at once: the files are
// searched as their folders are listed, so that both processors search
// from the first folder on instead of waiting for the listing of the
// last, and without an index (or with one that holds nothing yet) the
// files are not stat-ed, which only the index needs (see
// issues.WalkOptions.NoStat). It returns the listing, as ListFilesContext
// does, and its problems; a path that cannot be listed at all (or ctx
// ending while listing) stops the search with that error and a nil
// listing. opt.Progress is called with
// the files listed so far as its total.
func SearchPaths(ctx context.Context, paths []string, m *Matcher, opt Options, emit func(Result)) ([]File, []error, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	feed := newFileFeed()
	files := []File{} // nil only when the listing failed
	var problems []error
	var listErr error
	// An index with no segments holds nothing to look files up in: the
	// search will not stat them (searchFeed).
	wopt := issues.WalkOptions{ByPath: true, NoStat: opt.Index == nil || !opt.Index.hasSegments()}
	// Page PDFs are grouped into issues once their folder is listed
	// whole: they join the feed from the finished listing.
	wopt.Found = feed.push
	listing := make(chan struct{})
	go func() {
		defer close(listing)
		defer feed.close()
		for _, p := range paths {
			es, errs, err := issues.WalkWith(ctx, []string{p}, wopt)
			if err != nil {
				listErr = err
				cancel()
				return
			}
			var pdfs []issues.Entry
			for _, e := range es {
				if issues.IsPDFName(e.Path) {
					pdfs = append(pdfs, e)
				}
			}
			feed.pushGrouped(pdfs)
			files = appendFiles(files, es)
			problems = append(problems, errs...)
		}
	}()
	err := searchFeed(ctx, feed.take, feed.listed, runtime.GOMAXPROCS(0), m, opt, emit)
	<-listing // a cancelled search does not wait for the feed to close
	if listErr != nil {
		return nil, nil, listErr
	}
	return files, problems, endSearch(ctx, files, opt, err)
}

// fileFeed hands a search's workers the files as the listing finds them,
// a folder's entries at a time (the listing's own slices: no copy).
type fileFeed struct {
	mu      sync.Mutex
	more    sync.Cond
	batches [][]issues.Entry // listed and not yet taken
	n       int              // listed in all
	closed  bool
}

func newFileFeed() *fileFeed {
	f := &fileFeed{}
	f.more.L = &f.mu
	return f
}

// push adds a folder's files as the listing finds them, leaving out the
// page PDFs, which the listing groups into issues once it is over (they
// come with pushGrouped).
func (f *fileFeed) push(es []issues.Entry) {
	if slices.ContainsFunc(es, func(e issues.Entry) bool { return issues.IsPDFName(e.Path) }) {
		es = slices.DeleteFunc(slices.Clone(es), func(e issues.Entry) bool { return issues.IsPDFName(e.Path) })
	}
	f.pushGrouped(es)
}

// pushGrouped adds files as they are.
func (f *fileFeed) pushGrouped(es []issues.Entry) {
	if len(es) == 0 {
		return
	}
	f.mu.Lock()
	f.batches = append(f.batches, es)
	f.n += len(es)
	f.mu.Unlock()
	f.more.Broadcast()
}

func (f *fileFeed) close() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.more.Broadcast()
}

// take returns the next file, waiting for the listing to find one; false
// once the listing is over and every file taken.
func (f *fileFeed) take() (File, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.batches) == 0 && !f.closed {
		f.more.Wait()
	}
	if len(f.batches) == 0 {
		return File{}, false
	}
	b := f.batches[len(f.batches)-1]
	e := &b[0]
	if len(b) == 1 {
		f.batches = f.batches[:len(f.batches)-1]
	} else {
		f.batches[len(f.batches)-1] = b[1:]
	}
	return File{Path: e.Path, Date: e.Date, Size: e.Size, ModTime: e.ModTime, Parts: e.Parts}, true
}

func (f *fileFeed) listed() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// searchFeed runs the workers of a search over the files take hands out
// (total says how many there are, for Progress); it returns the errors of
// the files, joined.
func searchFeed(ctx context.Context, take func() (File, bool), total func() int, most int, m *Matcher, opt Options, emit func(Result)) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, most))
	if f := opt.BeforePDF; f != nil {
		var once sync.Once
		opt.BeforePDF = func() { once.Do(f) }
	}
	var errs []error
	var cand [][]uint64
	ix := opt.Index
	var stale atomic.Int64 // files the index lacks
	empty := false
	if ix != nil {
		if empty = ix.Files() == 0; empty {
			// Nothing to rule out, nor parses to keep (a first search):
			// every file is searched as without it, and counted for the
			// update, without the stat that looking it up needs.
			ix = nil
		} else {
			cand = ix.candidates(m)
		}
	}
	// Workers report a file only when it gave something (results, an
	// index entry, an error), and otherwise every progressEvery files for
	// Progress: a message per file cost a goroutine wake-up per file,
	// a tenth of a cold search of thousands of small issues.
	const progressEvery = 32
	var searched atomic.Int64
	var paths absPaths
	out := make(chan fileResult, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := new(worker)
			quiet := 0
			for {
				if ctx.Err() != nil {
					return
				}
				file, ok := take()
				if !ok {
					return
				}
				if empty && len(file.Parts) == 0 && !issues.IsPDFName(file.Path) {
					stale.Add(1) // as w.search counts them, PDFs aside
				}
				fr := w.search(file, m, &opt, ix, cand, &stale, &paths)
				searched.Add(1)
				if fr.results == nil && fr.err == nil && fr.cacheErr == nil {
					if quiet++; quiet < progressEvery {
						continue
					}
				}
				quiet = 0
				select {
				case out <- fr:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(out) }()
	var indexErr error
	for fr := range out {
		if fr.err != nil {
			errs = append(errs, fr.err)
		}
		if fr.cacheErr != nil && indexErr == nil {
			indexErr = fr.cacheErr
		}
		for _, r := range fr.results {
			emit(r)
		}
		if opt.Progress != nil {
			opt.Progress(int(searched.Load()), total())
		}
	}
	if opt.Progress != nil {
		opt.Progress(int(searched.Load()), total())
	}
	if opt.Index != nil && ctx.Err() == nil {
		opt.Index.endSearch(int(stale.Load()))
	}
	if indexErr != nil {
		errs = append(errs, fmt.Errorf("caching a parse for the search index: %w", indexErr))
	}
	return errors.Join(errs...)
}

// endSearch ends a search of files: it starts the update of an index
// opened with IndexOptions.Background when the search found it lacking,
// and returns ctx's error if it ended, else err.
func endSearch(ctx context.Context, files []File, opt Options, err error) error {
	if ix := opt.Index; ix != nil && ctx.Err() == nil && ix.opt.Background && ix.NeedsUpdate() {
		// Beside the reader, after the answer: a new handle, as the
		// caller closes this one.
		root, key, iopt := ix.root, ix.key, ix.opt
		go UpdateIndex(context.Background(), root, key, files, iopt)
	}
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return err
}

// search searches one file. Before parsing, it folds the file's raw bytes
// and looks for every term: parsing only rejoins and removes text, so an
// article can match only if the folded file contains every term. Files
// that are not UTF-8 (GB18030, Big5, UTF-16…) are tried in each encoding
// the parser detects; Markdown (whose emphasis marks can sit inside a
// word) is tested for the terms' runes only, and files whose raw bytes say
// nothing of their text (rawOpaque) are parsed without a test. PDFs, whose
// streams are compressed, are searched through their extracted text.
func (w *worker) search(file File, m *Matcher, opt *Options, ix *Index, cand [][]uint64, stale *atomic.Int64, paths *absPaths) fileResult {
	if len(file.Parts) > 0 || issues.IsPDFName(file.Path) {
		if opt.BeforePDF != nil {
			opt.BeforePDF()
		}
		return searchPDF(file, m, opt)
	}
	var fr fileResult
	path := file.Path
	var abs string
	fresh, always := false, false
	if ix != nil {
		if file.ModTime.IsZero() {
			st, err := os.Stat(path)
			if err != nil {
				fr.err = err
				return fr
			}
			file.Size, file.ModTime = st.Size(), st.ModTime()
		}
		var err error
		if abs, err = paths.abs(path); err != nil {
			fr.err = fmt.Errorf("%s: %w", path, err)
			return fr
		}
		var may bool
		fresh, may, _, always = ix.lookupDoc(abs, file.Size, file.ModTime.UnixNano(), cand)
		if !fresh {
			stale.Add(1)
		}
		if !may {
			return fr
		}
	}
	size, mtime := file.Size, file.ModTime.UnixNano()
	if fresh {
		// Known and unchanged: its parse may be cached.
		var is *issues.Issue
		if is, w.cached = ix.parsed.get(abs, path, size, mtime, w.cached); is != nil {
			if !is.HasDate() && !file.Date.IsZero() {
				is.Date = file.Date
			}
			fr.results = MatchIssue(is, m, opt)
			return fr
		}
	}
	size0 := int64(-1) // the listed size, when the listing stat-ed the file
	if !file.ModTime.IsZero() {
		size0 = file.Size
	}
	data, err := readFile(path, w.data, size0)
	w.data = data[:0]
	if err != nil {
		fr.err = err
		return fr
	}
	if len(data) == 0 {
		return fr
	}
	kind := rawKindOf(path)
	markdown := kind == rawMarkup
	texts := [][]byte{data}
	rawN := 1           // texts[:rawN] are the file's own bytes, taken for UTF-8
	sampledUTF8 := true // and looksUTF8 found them UTF-8
	if utf16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}); kind != rawOpaque && (utf16 || !looksUTF8(data)) {
		sampledUTF8 = false
		if utf16 {
			texts, rawN = w.decodings(data, utf16, m), 0
		} else {
			// The parser keeps a file as UTF-8 when no legacy encoding
			// reads it better, broken bytes and all (a cut download, a
			// stray byte): its own bytes first, then each decoding in
			// which the terms' characters have their byte sequences.
			texts = append([][]byte{data}, w.decodings(data, utf16, m)...)
		}
	}
	// A file the index holds as one it cannot rule out (its bytes were
	// not what they seemed) goes to the parser untested.
	may := kind == rawOpaque || opt.NoPrefilter || always
	for i, text := range texts {
		if may {
			break
		}
		raw := i < rawN
		// When the sequence test below covers every term, the rune test
		// would only scan again for what it scans for.
		seqOnly := raw && m.seqWhole && !markdown
		if !seqOnly && !m.runesIn(text) {
			continue
		}
		if markdown {
			may = true
			break
		}
		if raw {
			// Each term's folded sequence, looked for from the raw forms
			// of one of its runes: when it covers every term, the file
			// need not be folded at all. Bytes that are not UTF-8 fold to
			// U+FFFD here as in appendFold; a file whose sampled windows
			// were UTF-8 but that holds other bytes elsewhere is ruled out
			// when it lacks a term, as by runesIn (see looksUTF8).
			in, settled := m.seqIn(text)
			if !in {
				continue
			}
			if settled {
				may = true
				break
			}
		}
		folded, invalid := appendFold(w.folded[:0], text)
		w.folded = folded[:0]
		if invalid && sampledUTF8 {
			// Not UTF-8 after all (the sampling in looksUTF8 missed it):
			// leave it to the parser's detection, and never rule it out.
			may = true
			break
		}
		if m.allIn(folded) {
			may = true
			break
		}
	}
	if !may {
		return fr
	}
	parse := opt.Parse
	if parse == nil {
		parse = func(data []byte, path string) (*issues.Issue, error) {
			return issues.Parse(data, path, issues.LoadOptions{})
		}
	}
	is, err := parse(data, path)
	if err != nil {
		fr.err = err
		return fr
	}
	if fresh {
		// Only indexed files' parses are kept: a first search, over files
		// the index lacks, is not slowed by writing them.
		fr.cacheErr = ix.parsed.put(abs, size, mtime, is)
	}
	if !is.HasDate() && !file.Date.IsZero() {
		is.Date = file.Date
	}
	fr.results = MatchIssue(is, m, opt)
	return fr
}

// MatchIssue returns the matching articles of a parsed issue.
func MatchIssue(is *issues.Issue, m *Matcher, opt *Options) []Result {
	before, after := 16, 32
	if opt != nil && opt.SnippetBefore > 0 {
		before = opt.SnippetBefore
	}
	if opt != nil && opt.SnippetAfter > 0 {
		after = opt.SnippetAfter
	}
	var out []Result
	for i := range is.Articles {
		a := &is.Articles[i]
		ms := m.Article(a)
		if ms == nil {
			continue
		}
		r := Result{Source: is.Source, Date: is.DateString(), Article: i, Headline: a.Headline, Matches: ms}
		for _, mt := range ms {
			if mt.Block == issues.BlockHeadline {
				r.HeadlineMatches++
			}
			r.Snippets = append(r.Snippets, MakeSnippet(blockText(a, mt.Block), mt.Offset, mt.Length, before, after))
		}
		out = append(out, r)
	}
	return out
}

// readFile reads the file into buf. With the size the listing saw (size >=
// 0) it reads that many bytes in one call and no stat, and on Linux with
// the bare open, read and close (readListed): three system calls a file
// instead of ten, which shows over thousands of issues; without it, on
// Linux, with open, fstat, read and close (readStat). A file that
// grew since it was listed is searched as listed (the index, which keeps
// the listed size, looks at it again next time); one that shrank is read
// again whole.
func readFile(path string, buf []byte, size int64) ([]byte, error) {
	if size >= 0 && size <= issues.DefaultMaxSize {
		n := int(size)
		if cap(buf) < n+1 {
			buf = make([]byte, 0, n+512)
		}
		done, err := readListed(path, buf[:n])
		if err != nil {
			return buf[:0], err
		}
		if done {
			return buf[:n], nil
		}
		// Shorter than listed (or no raw reading here): the general path.
	} else if size < 0 && haveReadStat {
		return readStat(path, buf, issues.DefaultMaxSize)
	}
	f, err := os.Open(path)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	if size < 0 {
		st, err := f.Stat()
		if err != nil {
			return buf[:0], fmt.Errorf("%s: %w", path, err)
		}
		size = st.Size()
	}
	if size > issues.DefaultMaxSize {
		return buf[:0], fmt.Errorf("%s: %d bytes is over the %d byte limit", path, size, issues.DefaultMaxSize)
	}
	n := int(size)
	if cap(buf) < n+1 {
		buf = make([]byte, 0, n+512)
	}
	if _, err := io.ReadFull(f, buf[:n]); err == nil {
		return buf[:n], nil
	} else if err != io.ErrUnexpectedEOF && err != io.EOF {
		return buf[:0], fmt.Errorf("%s: %w", path, err)
	}
	// Shorter than listed: read it again, whole.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return buf[:0], fmt.Errorf("%s: %w", path, err)
	}
	b := bytes.NewBuffer(buf[:0])
	if _, err := b.ReadFrom(f); err != nil {
		return buf[:0], fmt.Errorf("%s: %w", path, err)
	}
	return b.Bytes(), nil
}

// decodings returns data decoded from each encoding the parser detects
// besides UTF-8 in which it may hold the terms of m (from UTF-16 alone when
// it has a UTF-16 byte-order mark). The five multi-byte encodings are
// first tested on the raw bytes (legacy.go), so that a file is decoded
// only in those where the terms' characters have their byte sequences.
// The slices are the worker's and valid until its next call.
func (w *worker) decodings(data []byte, utf16 bool, m *Matcher) [][]byte {
	first, last := 0, legacyDBCS
	switch {
	case utf16:
		first, last = legacyDBCS, len(legacyEncodings)
	case bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0:
		// The parser takes text without a byte-order mark for UTF-16 only
		// when its first 4 KB hold NUL bytes.
		last = len(legacyEncodings)
	}
	for len(w.decoded) < len(legacyEncodings) {
		w.decoded = append(w.decoded, nil)
	}
	out := make([][]byte, 0, last-first)
	for i := first; i < last; i++ {
		if i < legacyDBCS && !m.legacyIn(i, data) {
			continue
		}
		need := 3*len(data) + 16
		if cap(w.decoded[i]) < need {
			w.decoded[i] = make([]byte, need)
		}
		dst := w.decoded[i][:need]
		n, _, _ := legacyEncodings[i].NewDecoder().Transform(dst, data, true)
		out = append(out, dst[:n])
	}
	return out
}

// looksUTF8 reports whether data is UTF-8 text, from a full check of small
// or all-ASCII files and of a few windows of others: text in GB18030, Big5,
// Shift_JIS or EUC-KR fails within a few characters, so a window that holds
// non-ASCII bytes and is valid UTF-8 settles it. A file mixing encodings,
// UTF-8 in the windows and another between them, passes; a full check
// would cost as much as folding the file, which the raw-byte rune test
// exists to avoid. Eight windows of 64 bytes (some twenty characters of
// Chinese each) sample more places than four of 512 did, for a quarter of
// the validation, which was a tenth of a search's time over an archive.
func looksUTF8(data []byte) bool {
	const window, windows = 64, 8
	if len(data) <= window*windows {
		return utf8.Valid(data)
	}
	high := false
	for k := range windows {
		start := k * (len(data) - window) / (windows - 1)
		w := data[start : start+window]
		for len(w) > 0 && !utf8.RuneStart(w[0]) {
			w = w[1:]
		}
		for cut := 0; cut < utf8.UTFMax && len(w) > 0 && !utf8.FullRune(w[lastRuneStart(w):]); cut++ {
			w = w[:lastRuneStart(w)]
		}
		if !utf8.Valid(w) {
			return false
		}
		if !high && hasHighByte(w) {
			high = true
		}
	}
	if !high {
		return utf8.Valid(data) // mostly ASCII: the full check is fast
	}
	return true
}

func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return len(b) // no start in reach: cut nothing, utf8.Valid will say
}

func hasHighByte(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// absPaths makes paths absolute as the index knows files by them, with
// the working directory read once: filepath.Abs reads it again for every
// path, two stats each time, which over a century of issues named
// relative to it was two thirds of a search's system calls. A path
// already absolute (as a library lists it) is used as it is, saving a
// Clean per file.
type absPaths struct {
	once sync.Once
	wd   string
	err  error
}

func (a *absPaths) abs(p string) (string, error) {
	if filepath.IsAbs(p) {
		return p, nil
	}
	a.once.Do(func() { a.wd, a.err = os.Getwd() })
	if a.err != nil {
		return "", a.err
	}
	return filepath.Join(a.wd, p), nil
}

// rawKind is what a file's raw bytes tell the search of its text.
type rawKind uint8

const (
	rawText   rawKind = iota // the text itself, in some encoding
	rawMarkup                // Markdown: every rune of it, but marks may sit inside words
	rawOpaque                // nothing (compressed streams): parse it to search it
)

// rawKindOf says, by its name, what a file's raw bytes tell of its text.
// A format whose text only its parser can read (PDF) is rawOpaque: such a
// file is always parsed, and the index never rules it out.
func rawKindOf(path string) rawKind {
	if issues.IsPDFName(path) {
		return rawOpaque
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return rawMarkup
	}
	return rawText
}

// mustParse reports whether the index cannot rule the file out from its
// raw bytes.
func mustParse(path string) bool { return rawKindOf(path) != rawText }

// ListFiles lists the issue files under each path for SearchFiles, by the
// rules of issues.Walk (which reads the folders in parallel: for `bao
// search` over an archive of thousands of issues, listing and stat-ing
// them is a good part of the time), path by path, each in order of file
// path (a file given twice is searched twice, as given). The second result
// holds the problems met (unreadable folders or files, each "path:
// reason"), which do not stop the listing.
func ListFiles(paths []string) ([]File, []error, error) {
	return ListFilesContext(context.Background(), paths)
}

// ListFilesContext is ListFiles, stopping when ctx ends.
func ListFilesContext(ctx context.Context, paths []string) ([]File, []error, error) {
	var files []File
	var problems []error
	for _, p := range paths {
		es, errs, err := issues.WalkWith(ctx, []string{p}, issues.WalkOptions{ByPath: true})
		if err != nil {
			return nil, nil, err
		}
		files = appendFiles(files, es)
		problems = append(problems, errs...)
	}
	return files, problems, nil
}

// blockText is the text of block of a ("" when a has no such block).
func blockText(a *issues.Article, block int) string {
	t, _ := a.BlockText(block)
	return t
}
