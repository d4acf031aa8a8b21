package pdf

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"

	"bao/internal/config"
)

// pageCacheVersion begins every cache entry, and changes whenever what
// the engine extracts, or the cache's layout, changes, so that pages
// cached by an older bao are read again. 3: pages in pagecodec's encoding
// (2 was gob, in files named .gob.gz).
const pageCacheVersion = "bao pdf pages 3\n"

// An instance is given up for a fresh one once its memory passes memCap:
// PDFium keeps what it parsed (fonts, page trees) until the document
// closes and WebAssembly memory never shrinks, so a 300-page file would
// otherwise grow one instance by about 1 MB a page. An instance starts at
// 18 MB, and a fresh one costs about 30 ms (its first page reloads fonts
// and CMaps), so one is given up every dozen pages or so; each of two
// instances reading a 20-page issue stays under it. Where the memory's
// size is not known, an instance reads pagesPerOpen pages.
const (
	memCap       = 32 << 20
	pagesPerOpen = 4
)

// readAhead is how many pages the readers may be ahead of the page handed
// to the caller: enough to keep two instances busy while the caller lays
// a page out, few enough that only a handful of pages' glyphs are held.
const readAhead = 3

// DefaultPageCacheDir is where extracted pages are kept:
// pdfpages under bao's cache directory (config.CacheDir:
// $XDG_CACHE_HOME/bao on Linux), "" when there is none.
func DefaultPageCacheDir() string {
	dir := config.CacheDir(os.Getenv)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "pdfpages")
}

// ReadAll reads every page of a PDF held in memory (Each, collected).
func (e *Engine) ReadAll(name string, data []byte) ([]Page, []error, error) {
	var pages []Page
	errs, err := e.Each(name, bytes.NewReader(data), int64(len(data)), func(p Page) { pages = append(pages, p) })
	return pages, errs, err
}

// Each reads the pages of a PDF of size bytes from src and hands them to
// fn one at a time, in page order, as they are read: a caller that keeps
// only what it makes of a page holds one page's glyphs at a time, however
// long the file. It returns an error for each page without text (or that
// PDFium could not read), and err when the file cannot be read at all
// (then fn was not called).
//
// The pages of a PDF read before come from the page cache
// (Options.PageCacheDir), keyed by the file's content, so reopening a PDF,
// searching it again or a second bao serve session never waits on PDFium.
// A long PDF is read by two instances at once when the second is free.
func (e *Engine) Each(name string, src io.ReaderAt, size int64, fn func(Page)) ([]error, error) {
	key, err := cacheKey(src, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	done, complete := e.cachedPages(key, math.MaxInt, fn)
	if complete {
		return nil, nil
	}
	var cw *cacheWriter
	errs, err := e.readPages(name, src, size, done+1, func(n int) {
		if done == 0 {
			cw = e.newCacheWriter(key, n)
		}
	}, func(p Page) {
		cw.add(p)
		fn(p)
	})
	if err != nil || len(errs) > 0 {
		cw.abort()
	} else {
		cw.commit() // a cache that cannot be written is only slower
	}
	return errs, err
}

// ReadIfSmall reads the whole of a PDF of at most maxPages pages when
// that needs no waiting: from the page cache, or with an instance free at
// once. Otherwise ok is false, and nothing was read or is held: the
// caller reads the file with Each when its turn comes (and learns then
// what is wrong with a file that does not open). LoadPDF reads the next
// page file this way while it lays out the one before.
func (e *Engine) ReadIfSmall(name string, src io.ReaderAt, size int64, maxPages int) (pages []Page, errs []error, ok bool) {
	key, err := cacheKey(src, size)
	if err != nil {
		return nil, nil, false
	}
	if _, complete := e.cachedPages(key, maxPages, func(p Page) { pages = append(pages, p) }); complete {
		return pages, nil, true
	}
	pages = nil // a damaged entry's first pages: read them all again
	d, err := e.openIfFree(name, src, size)
	if d == nil || err != nil {
		return nil, nil, false
	}
	defer d.Close()
	if d.NumPages() > maxPages {
		return nil, nil, false
	}
	for k := 1; k <= d.NumPages(); k++ {
		p, err := d.Page(k)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		pages = append(pages, p)
	}
	if len(errs) == 0 {
		cw := e.newCacheWriter(key, len(pages))
		for _, p := range pages {
			cw.add(p)
		}
		cw.commit()
	}
	return pages, errs, true
}

// readPages reads pages from..n with up to two instances, each taking
// the next page not yet taken, and hands them to fn in order from this
// goroutine, so that fn's work (the layout) overlaps PDFium's. begin
// learns n first.
func (e *Engine) readPages(name string, src io.ReaderAt, size int64, from int, begin func(n int), fn func(Page)) ([]error, error) {
	doc, err := e.OpenReader(name, src, size)
	if err != nil {
		return nil, err
	}
	begin(doc.NumPages())
	r := &pageRun{name: name, n: doc.NumPages(), memCap: e.memCap, next: from, handed: from - 1, got: map[int]pageResult{}}
	r.cond = sync.NewCond(&r.mu)
	var wg sync.WaitGroup
	wg.Go(func() {
		r.work(doc, func() (*Document, error) { return e.OpenReader(name, src, size) })
	})
	if r.n-from >= 2 {
		wg.Go(func() {
			r.work(nil, func() (*Document, error) { return e.openIfFree(name, src, size) })
		})
	}
	var errs []error
	for k := from; k <= r.n; k++ {
		res := r.take(k)
		if res.err != nil {
			errs = append(errs, res.err)
			continue
		}
		fn(res.page)
	}
	wg.Wait()
	return errs, nil
}

// pageRun is the pages of one document shared out between readers.
type pageRun struct {
	name   string
	n      int
	memCap uint64

	mu     sync.Mutex
	cond   *sync.Cond
	next   int // the next page to take
	handed int // pages up to this one are handed on
	got    map[int]pageResult
}

type pageResult struct {
	page Page
	err  error
}

// claim takes the next page to read, waiting while the readers are
// readAhead pages ahead; 0 when every page is taken.
func (r *pageRun) claim() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.next <= r.n && r.next > r.handed+readAhead {
		r.cond.Wait()
	}
	if r.next > r.n {
		return 0
	}
	r.next++
	return r.next - 1
}

func (r *pageRun) put(k int, res pageResult) {
	r.mu.Lock()
	r.got[k] = res
	r.mu.Unlock()
	r.cond.Broadcast()
}

// take waits for page k.
func (r *pageRun) take(k int) pageResult {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if res, ok := r.got[k]; ok {
			delete(r.got, k)
			r.handed = k
			r.cond.Broadcast()
			return res
		}
		r.cond.Wait()
	}
}

// work reads pages with d, then with documents from reopen (which returns
// nil, nil when no instance is free: this reader stops) as each instance
// passes memCap. A document is opened before a page is taken, so a reader
// that stops leaves no page untaken.
func (r *pageRun) work(d *Document, reopen func() (*Document, error)) {
	read := 0
	for {
		if d == nil {
			var err error
			d, err = reopen()
			if d == nil && err == nil {
				return
			}
			if err != nil {
				// The file opened once; should it fail now, each page
				// says so rather than the issue losing them all.
				k := r.claim()
				if k == 0 {
					return
				}
				r.put(k, pageResult{err: &PageError{r.name, k, fmt.Errorf("%w (%v)", ErrMalformed, err)}})
				continue
			}
			read = 0
		}
		k := r.claim()
		if k == 0 {
			d.Close()
			return
		}
		p, err := d.Page(k)
		r.put(k, pageResult{p, err})
		read++
		if m := d.MemoryBytes(); m > r.memCap || m == 0 && read >= pagesPerOpen {
			d.Close()
			d = nil
		}
	}
}

func cacheKey(src io.ReaderAt, size int64) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(src, 0, size)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

func (e *Engine) pageCacheDir() string {
	switch e.opt.PageCacheDir {
	case "-":
		return ""
	case "":
		return DefaultPageCacheDir()
	}
	return e.opt.PageCacheDir
}

// A cache entry is gzip'd: pageCacheVersion, the number of pages
// (uvarint), then each page (pagecodec) after its length (uvarint), so
// that neither reading nor writing it holds more than a page.
const cacheSuffix = ".pages.gz"

// maxCachedPage bounds the length a damaged entry may claim for a page.
const maxCachedPage = 1 << 30

// cachedPages hands the cached pages of key to fn; complete is false
// when there is no entry or it is damaged, and done says how many pages
// fn had by then (the caller reads the rest from the PDF).
func (e *Engine) cachedPages(key string, limit int, fn func(Page)) (done int, complete bool) {
	dir := e.pageCacheDir()
	if dir == "" {
		return 0, false
	}
	path := filepath.Join(dir, key+cacheSuffix)
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return 0, false
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(pageCacheVersion))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != pageCacheVersion {
		return 0, false
	}
	pages, err := binary.ReadUvarint(br)
	if err != nil || pages > uint64(limit) {
		return 0, false
	}
	var d pageDecoder
	var buf []byte
	for done < int(pages) {
		p, err := readCachedPage(br, &d, &buf)
		if err != nil || p.Number != done+1 {
			// Damaged after some pages: those are good (the entry is
			// the file's content's), the rest are read from the PDF,
			// and the entry goes so the next read writes it anew
			// (closed first: Windows removes no open file).
			f.Close()
			os.Remove(path)
			return done, false
		}
		fn(p)
		done++
	}
	return done, done > 0
}

// readCachedPage reads one page of an entry, into *buf (kept for the next).
func readCachedPage(br *bufio.Reader, d *pageDecoder, buf *[]byte) (Page, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return Page{}, err
	}
	if n > maxCachedPage {
		return Page{}, errBadPage
	}
	if uint64(cap(*buf)) < n {
		*buf = make([]byte, n)
	}
	b := (*buf)[:n]
	if _, err := io.ReadFull(br, b); err != nil {
		return Page{}, err
	}
	d.b, d.err = b, nil
	return d.page()
}

// cacheWriter writes a cache entry page by page into a temporary file,
// renamed into place only when every page was read. Its methods do
// nothing on a nil cacheWriter (no page cache) or after a write failed.
type cacheWriter struct {
	f    *os.File
	path string
	zw   *gzip.Writer
	enc  pageEncoder
	err  error
}

func (e *Engine) newCacheWriter(key string, pages int) *cacheWriter {
	dir := e.pageCacheDir()
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	f, err := os.CreateTemp(dir, "."+key+"-*.tmp")
	if err != nil {
		return nil
	}
	// An entry an older bao wrote (gob) is of no use any more.
	os.Remove(filepath.Join(dir, key+".gob.gz"))
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	w := &cacheWriter{f: f, path: filepath.Join(dir, key+cacheSuffix), zw: zw}
	head := binary.AppendUvarint([]byte(pageCacheVersion), uint64(pages))
	_, w.err = zw.Write(head)
	return w
}

func (w *cacheWriter) add(p Page) {
	if w == nil || w.err != nil {
		return
	}
	w.enc.buf = w.enc.buf[:0]
	w.enc.page(&p)
	var n [binary.MaxVarintLen64]byte
	if _, w.err = w.zw.Write(n[:binary.PutUvarint(n[:], uint64(len(w.enc.buf)))]); w.err == nil {
		_, w.err = w.zw.Write(w.enc.buf)
	}
}

// commit puts the entry in place (os.Rename replaces an older one, also
// on Windows); on any failure the temporary file goes.
func (w *cacheWriter) commit() {
	if w == nil {
		return
	}
	if w.err == nil {
		w.err = w.zw.Close()
	}
	if err := w.f.Close(); w.err == nil {
		w.err = err
	}
	if w.err == nil {
		w.err = os.Rename(w.f.Name(), w.path)
	}
	if w.err != nil {
		os.Remove(w.f.Name())
	}
}

func (w *cacheWriter) abort() {
	if w == nil {
		return
	}
	w.f.Close()
	os.Remove(w.f.Name())
}
