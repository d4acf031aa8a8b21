package issues

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"bao/issues/pdf"
)

// FormatPDF is an issue read from the geometry of its PDF pages.
const FormatPDF Format = "pdf"

// defaultPDFEngine serves LoadOptions without an engine of their own. It
// is created on the first PDF, so a text or Markdown issue never pays for
// PDFium; once made it is shared, which is safe (an Engine is safe for
// concurrent use) and what bao serve wants: one compiled module, at most
// two instances, for every session.
var defaultPDFEngine = sync.OnceValue(func() *pdf.Engine { return pdf.NewEngine(pdf.Options{}) })

func (opt LoadOptions) pdfEngine() *pdf.Engine {
	if opt.PDF != nil {
		return opt.PDF
	}
	return defaultPDFEngine()
}

// isPDF reports whether data is a PDF (its header within the first
// kilobyte, as readers accept it).
func isPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}

// DefaultMaxPDFSize is the largest PDF read unless LoadOptions.MaxSize
// says otherwise. A PDF file is read page by page where it lies, not into
// memory (see loadPDFFile), so its size costs no memory and the limit can
// be far above DefaultMaxSize: a 300-page issue is about 180 MB.
const DefaultMaxPDFSize = 2 << 30

func (opt LoadOptions) maxPDFSize() int64 {
	if opt.MaxSize > 0 {
		return opt.MaxSize
	}
	return DefaultMaxPDFSize
}

// LoadPDF reads one issue from its page PDFs, in page order: one file
// holding every page, or one file per page as e-paper sites publish them
// ("2024-10-16/01.pdf 02.pdf …"). A file or page that cannot be read does
// not stop the issue: its one-line error goes to Issue.Warnings. Only when
// no page has text is the issue an error.
func LoadPDF(paths []string, opt LoadOptions) (*Issue, error) {
	if len(paths) == 0 {
		return nil, errors.New("no PDF pages")
	}
	// One file at a time, each page laid out as it is read: an issue's
	// peak is about one page's glyphs and one or two PDFium instances.
	// While a file is laid out, the next is read when it is a page or
	// few and an instance is free (pdf.Engine.ReadIfSmall): e-paper page
	// files then keep both cores busy, holding one file's glyphs ahead.
	e := opt.pdfEngine()
	var b pdfIssueBuilder
	var warnings []error
	var ahead chan prefetched
	for i, path := range paths {
		cur := ahead
		ahead = nil
		if i+1 < len(paths) {
			ahead = make(chan prefetched, 1)
			go prefetchPDF(e, paths[i+1], opt, ahead)
		}
		if cur != nil {
			if pf := <-cur; pf.ok {
				before := b.pages
				for k := range pf.pages {
					pf.pages[k].Number += before
					b.add(&pf.pages[k])
					pf.pages[k] = pdf.Page{} // laid out: its glyphs may go
				}
				warnings = append(warnings, pf.errs...)
				continue
			}
		}
		f, size, err := openPDF(path, opt)
		if err != nil {
			warnings = append(warnings, err)
			continue
		}
		errs, err := readPDFPages(e, safeName(path), f, size, &b)
		f.Close()
		warnings = append(warnings, errs...)
		if err != nil {
			warnings = append(warnings, err)
		}
	}
	return pdfIssueOf(&b, warnings, paths[0], paths)
}

// prefetchMaxPages is the longest file LoadPDF reads ahead whole.
const prefetchMaxPages = 4

// prefetched is a file read ahead; ok false when it was not (too long,
// no instance free, or it did not open: LoadPDF reads it in its turn).
type prefetched struct {
	pages []pdf.Page
	errs  []error
	ok    bool
}

func prefetchPDF(e *pdf.Engine, path string, opt LoadOptions, out chan<- prefetched) {
	f, size, err := openPDF(path, opt)
	if err != nil {
		out <- prefetched{}
		return
	}
	defer f.Close()
	pages, errs, ok := e.ReadIfSmall(safeName(path), f, size, prefetchMaxPages)
	out <- prefetched{pages, errs, ok}
}

// openPDF opens a PDF file to be read where it lies, refusing one over
// LoadOptions.MaxSize (DefaultMaxPDFSize).
func openPDF(path string, opt LoadOptions) (*os.File, int64, error) {
	name := safeName(path)
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = safeName(pe.Path)
		}
		return nil, 0, err // *PathError names the file
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	if st.IsDir() {
		f.Close()
		return nil, 0, fmt.Errorf("%s: is a directory", name)
	}
	if limit := opt.maxPDFSize(); st.Size() > limit {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %w (%d bytes, limit %d)", name, ErrTooLarge, st.Size(), limit)
	}
	return f, st.Size(), nil
}

// loadPDFFile is LoadFile for a file that is a PDF (its header, as
// isPDF reads it); ok is false for any other file, left to the text
// parser (which also says what is wrong with a file it cannot open).
func loadPDFFile(path string, opt LoadOptions) (is *Issue, ok bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, nil
	}
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head) // short for a short file, 0 for a folder
	f.Close()
	if !isPDF(head[:n]) {
		return nil, false, nil
	}
	f, size, err := openPDF(path, opt)
	if err != nil {
		return nil, true, err
	}
	defer f.Close()
	var b pdfIssueBuilder
	warnings, err := readPDFPages(opt.pdfEngine(), safeName(path), f, size, &b)
	if err != nil {
		return nil, true, err
	}
	is, err = pdfIssueOf(&b, warnings, path, []string{path})
	return is, true, err
}

// parsePDF is Parse for the bytes of one PDF.
func parsePDF(data []byte, name string, opt LoadOptions) (*Issue, error) {
	var b pdfIssueBuilder
	warnings, err := readPDFPages(opt.pdfEngine(), safeName(name), bytes.NewReader(data), int64(len(data)), &b)
	if err != nil {
		return nil, err
	}
	return pdfIssueOf(&b, warnings, name, []string{name})
}

// readPDFPages lays out every page of one PDF (pdf.Engine.Each, cached by
// content) as it is read, numbering the pages on from those b has.
func readPDFPages(e *pdf.Engine, name string, src io.ReaderAt, size int64, b *pdfIssueBuilder) ([]error, error) {
	before := b.pages
	return e.Each(name, src, size, func(p pdf.Page) {
		p.Number += before
		b.add(&p)
	})
}

func pdfIssueOf(b *pdfIssueBuilder, warnings []error, name string, paths []string) (*Issue, error) {
	if b.pages == 0 {
		if len(warnings) == 0 {
			return nil, fmt.Errorf("%s: no pages", safeName(name))
		}
		return nil, warnings[0]
	}
	is := b.issue()
	is.Path, is.Format = name, FormatPDF
	if name == "-" {
		is.Path = ""
	}
	if is.Source == "" {
		is.Source = cleanLine(name)
	}
	if is.Title == "" {
		is.Title = cleanLine(pdfTitle(paths))
	}
	if !is.HasDate() {
		if d, ok := pdfDate(paths[0]); ok {
			is.Date = d
		}
	}
	for _, w := range warnings {
		is.Warnings = append(is.Warnings, cleanLine(w.Error()))
	}
	return is, nil
}

// pdfTitle names an issue of page PDFs when its masthead did not: after
// the file for a single PDF, after the folder or the files' common prefix
// ("rmrb") for pages.
func pdfTitle(paths []string) string {
	if len(paths) == 1 {
		return titleFromPath(paths[0])
	}
	if prefix, _, _ := pdfPageName(paths[0]); prefix != "" && !isDateName(prefix) {
		if _, ok := dateFromPath(prefix); ok {
			// "rmrb20241016": the paper's name without the date.
			if name := strings.TrimRight(prefix, "0123456789-_. "); name != "" {
				return name
			}
		}
		return prefix
	}
	return titleFromPath(filepath.Dir(paths[0]))
}

// pdfDate is the date in a page PDF's name or, for "2024-10-16/01.pdf",
// its folder's.
func pdfDate(path string) (time.Time, bool) {
	if d, ok := dateFromPath(path); ok {
		return d, true
	}
	if prefix, _, _ := pdfPageName(path); prefix != "" {
		// "rmrb2024101601": the date runs on into the page number.
		if d, ok := dateFromPath(prefix); ok {
			return d, true
		}
	}
	return dateFromPath(filepath.Dir(path))
}
