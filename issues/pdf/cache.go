package pdf

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/google/renameio/v2/maybe"

	"bao/internal/config"
)

// pageCacheVersion changes whenever what the engine extracts changes, so
// that pages cached by an older bao are read again.
const pageCacheVersion = "2"

// pagesPerOpen is how many pages one PDFium instance reads before the
// document is opened afresh (see ReadAll).
const pagesPerOpen = 4

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

// ReadAll reads every page of a PDF: the pages with text, and an error
// for each page without (or that PDFium could not read). The pages of a
// PDF read before come from the page cache (Options.PageCacheDir), keyed
// by the file's content, so reopening a PDF, searching it again or a
// second bao serve session never waits on PDFium. A long PDF is read by
// two instances at once (odd and even pages) when one is free.
func (e *Engine) ReadAll(name string, data []byte) ([]Page, []error, error) {
	key := cacheKey(data)
	if pages, ok := e.cachedPages(key); ok {
		return pages, nil, nil
	}
	doc, err := e.Open(name, data)
	if err != nil {
		return nil, nil, err
	}
	n := doc.NumPages()
	pages := make([]Page, n)
	errs := make([]error, n)
	// PDFium keeps what it parsed (fonts, page trees) until the document
	// closes, and WebAssembly memory never shrinks: the document is read
	// pagesPerOpen pages at a time, each run in a fresh instance, so a
	// 300-page file needs no more memory than a few pages. Runs go to two
	// instances at once when the second is free at once.
	var next atomic.Int64
	run := func(d *Document, wait bool) {
		for {
			if d == nil {
				// An instance first, then a run: a reader that finds none
				// free takes no run from the other.
				var err error
				if wait {
					d, err = e.Open(name, data)
				} else {
					d, err = e.OpenIfFree(name, data)
				}
				if d == nil && err == nil {
					return // busy
				}
				if err != nil {
					from := int(next.Add(1)-1)*pagesPerOpen + 1
					for k := from; k < from+pagesPerOpen && k <= n; k++ {
						errs[k-1] = &PageError{name, k, fmt.Errorf("%w (%v)", ErrMalformed, err)}
					}
					if from > n {
						return
					}
					continue
				}
			}
			from := int(next.Add(1)-1)*pagesPerOpen + 1
			if from > n {
				d.Close()
				return
			}
			for k := from; k < from+pagesPerOpen && k <= n; k++ {
				pages[k-1], errs[k-1] = d.Page(k)
			}
			d.Close()
			d = nil
		}
	}
	if n > pagesPerOpen {
		var wg sync.WaitGroup
		wg.Go(func() { run(nil, false) })
		run(doc, true)
		wg.Wait()
	} else {
		run(doc, true)
	}
	out := pages[:0]
	var bad []error
	for k := range pages {
		if errs[k] != nil {
			bad = append(bad, errs[k])
			continue
		}
		out = append(out, pages[k])
	}
	if len(bad) == 0 {
		e.cachePages(key, out) // a cache that cannot be written is only slower
	}
	return out, bad, nil
}

func cacheKey(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
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

type cachedPages struct {
	Version string
	Pages   []Page
}

func (e *Engine) cachedPages(key string) ([]Page, bool) {
	dir := e.pageCacheDir()
	if dir == "" {
		return nil, false
	}
	f, err := os.Open(filepath.Join(dir, key+".gob.gz"))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, false
	}
	var c cachedPages
	if err := gob.NewDecoder(zr).Decode(&c); err != nil || c.Version != pageCacheVersion {
		return nil, false
	}
	return c.Pages, true
}

func (e *Engine) cachePages(key string, pages []Page) error {
	dir := e.pageCacheDir()
	if dir == "" {
		return errors.New("no page cache")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	if err := gob.NewEncoder(zw).Encode(cachedPages{pageCacheVersion, pages}); err != nil {
		return fmt.Errorf("page cache: %w", err)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return maybe.WriteFile(filepath.Join(dir, key+".gob.gz"), b.Bytes(), 0o644)
}
