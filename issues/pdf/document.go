package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
)

// Errors a Document reports, wrapped with the file's name (and the page's
// number for ErrNoText): test them with errors.Is.
var (
	ErrEncrypted = errors.New("encrypted PDF (bao cannot read protected files)")
	ErrMalformed = errors.New("not a readable PDF (truncated or damaged)")
	ErrNoText    = errors.New("has no text (a scan); bao does not read images")
)

// PageError says which page of which file could not be read; the other
// pages of the file still open.
type PageError struct {
	File string
	Page int // from 1
	Err  error
}

func (e *PageError) Error() string {
	if errors.Is(e.Err, ErrNoText) {
		return fmt.Sprintf("%s: page %d %v", e.File, e.Page, e.Err)
	}
	return fmt.Sprintf("%s: page %d: %v", e.File, e.Page, e.Err)
}

func (e *PageError) Unwrap() error { return e.Err }

// Document is one open PDF. It holds one of the engine's PDFium instances
// until Close, so close it as soon as its pages are read. Its methods must
// not be called concurrently.
type Document struct {
	name    string
	inst    pdfium.Pdfium
	release func()
	mem     *wasmMemory // the instance's memory; nil when not known
	doc     references.FPDF_DOCUMENT
	pages   int
}

// Open reads a PDF from its bytes; name is only for errors. PDFium reads
// the bytes where they lie, as it needs them: they must not change until
// the document is closed.
func (e *Engine) Open(name string, data []byte) (d *Document, err error) {
	return e.open(name, bytes.NewReader(data), int64(len(data)), true)
}

// OpenReader is Open for a PDF of size bytes read from src (a file):
// PDFium reads the parts of it a page needs, so a long file is never held
// in memory. src must not change until the document is closed.
func (e *Engine) OpenReader(name string, src io.ReaderAt, size int64) (*Document, error) {
	return e.open(name, src, size, true)
}

// openIfFree is open when an instance is free at once, and nil, nil when
// every instance is busy: a second reader of a long document, in parallel
// only when no one else waits.
func (e *Engine) openIfFree(name string, src io.ReaderAt, size int64) (*Document, error) {
	d, err := e.open(name, src, size, false)
	if errors.Is(err, errBusy) {
		return nil, nil
	}
	return d, err
}

func (e *Engine) open(name string, src io.ReaderAt, size int64, wait bool) (d *Document, err error) {
	// PDFium, like Acrobat, looks for the header in the first kilobyte.
	head := make([]byte, min(size, 1024))
	if n, err := src.ReadAt(head, 0); n < len(head) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("%s: %w (no %%PDF- header)", name, ErrMalformed)
	}
	inst, mem, release, err := e.instance(wait)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: PDF engine failed: %v", name, r)
		}
		if err != nil {
			release()
			d = nil
		}
	}()
	// A reader, not the bytes: PDFium would copy the whole file into the
	// instance's memory, which then never shrinks (12 MB of a 20-page
	// issue, in every instance).
	res, err := inst.OpenDocument(&requests.OpenDocument{FileReader: io.NewSectionReader(src, 0, size), FileReaderSize: size})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, openError(err))
	}
	d = &Document{name: name, inst: inst, release: release, mem: mem, doc: res.Document}
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: res.Document})
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", name, ErrMalformed, err)
	}
	if n.PageCount <= 0 {
		return nil, fmt.Errorf("%s: %w (no pages)", name, ErrMalformed)
	}
	d.pages = n.PageCount
	return d, nil
}

func openError(err error) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return ErrEncrypted
	case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile),
		errors.Is(err, pdfiumerrors.ErrUnknown):
		return ErrMalformed
	}
	return fmt.Errorf("%w (%v)", ErrMalformed, err)
}

// Name is the name the document was opened with.
func (d *Document) Name() string { return d.name }

// NumPages is the number of pages.
func (d *Document) NumPages() int { return d.pages }

// MemoryBytes is the size of the document's PDFium instance's memory, 0
// when it is not known.
func (d *Document) MemoryBytes() uint64 {
	if d.mem == nil {
		return 0
	}
	return d.mem.size.Load()
}

// Close gives the PDFium instance back, with all its memory.
func (d *Document) Close() error {
	if d.release != nil {
		d.release()
		d.release = nil
	}
	return nil
}

// Page reads page n (from 1). A page without a text layer returns its
// geometry and a *PageError wrapping ErrNoText.
func (d *Document) Page(n int) (p Page, err error) {
	if d.release == nil {
		return Page{}, fmt.Errorf("%s: document closed", d.name)
	}
	if n < 1 || n > d.pages {
		return Page{}, &PageError{d.name, n, fmt.Errorf("no such page (the file has %d)", d.pages)}
	}
	defer func() {
		if r := recover(); r != nil {
			err = &PageError{d.name, n, fmt.Errorf("PDF engine failed: %v", r)}
		}
	}()
	r := pageReader{inst: d.inst}
	p, err = r.read(d.doc, n)
	if err != nil {
		return p, &PageError{d.name, n, err}
	}
	if len(p.Glyphs) == 0 {
		return p, &PageError{d.name, n, ErrNoText}
	}
	return p, nil
}

// pageReader reads one page through one instance.
type pageReader struct {
	inst  pdfium.Pdfium
	fonts map[string]fontStyle       // by the name PDFium gives
	codes map[string]map[byte]string // glyph names of embedded fonts, by base name (subset tag kept)
	xf    pageTransform

	run       runStyle // the style of the text object read last
	runMatrix structs.FPDF_FS_MATRIX
	haveRun   bool

	req charRequests
}

// charRequests are the per-char requests, made once per page.
type charRequests struct {
	unicode   requests.FPDFText_GetUnicode
	generated requests.FPDFText_IsGenerated
	hyphen    requests.FPDFText_IsHyphen
	box       requests.FPDFText_GetLooseCharBox
	matrix    requests.FPDFText_GetMatrix
	size      requests.FPDFText_GetFontSize
	font      requests.FPDFText_GetFontInfo
}

type fontStyle struct {
	name         string
	bold, italic bool
}

func (r *pageReader) read(doc references.FPDF_DOCUMENT, n int) (Page, error) {
	inst := r.inst
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: n - 1})
	if err != nil {
		return Page{Number: n}, fmt.Errorf("%w (%v)", ErrMalformed, err)
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}

	bb, err := inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: page})
	if err != nil {
		return Page{Number: n}, fmt.Errorf("%w (%v)", ErrMalformed, err)
	}
	rot := enums.FPDF_PAGE_ROTATION_NONE
	if rr, err := inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page}); err == nil {
		rot = rr.PageRotation
	}
	r.xf = newPageTransform(bb.Rect.Left, bb.Rect.Bottom, bb.Rect.Right, bb.Rect.Top, int(rot))
	p := Page{Number: n, Width: r.xf.width, Height: r.xf.height}

	if err := r.images(&p, page); err != nil {
		return p, err
	}
	if err := r.glyphs(&p, page); err != nil {
		return p, err
	}
	return p, nil
}

func (r *pageReader) glyphs(p *Page, page requests.Page) error {
	inst := r.inst
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return fmt.Errorf("text layer: %v", err)
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cnt, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return fmt.Errorf("text layer: %v", err)
	}
	tpage := tp.TextPage
	p.Glyphs = make([]Glyph, 0, cnt.Count)
	r.fonts = map[string]fontStyle{}
	// One request of each kind for the page, its Index set per char: a
	// request per call was a third of the bytes a page allocates.
	q := &r.req
	q.unicode.TextPage, q.generated.TextPage, q.hyphen.TextPage, q.box.TextPage = tpage, tpage, tpage, tpage
	q.matrix.TextPage, q.size.TextPage, q.font.TextPage = tpage, tpage, tpage
	for i := 0; i < cnt.Count; i++ {
		q.unicode.Index = i
		u, err := inst.FPDFText_GetUnicode(&q.unicode)
		if err != nil {
			return fmt.Errorf("char %d: %v", i, err)
		}
		g := Glyph{Char: rune(u.Unicode)}
		// PDFium invents only spaces and line breaks (and marks line-end
		// hyphens): ask about those alone, as every call costs.
		switch g.Char {
		case ' ', '\r', '\n', 2, '-', 0xAD:
			q.generated.Index = i
			gen, err := inst.FPDFText_IsGenerated(&q.generated)
			if err != nil {
				return fmt.Errorf("char %d: %v", i, err)
			}
			if gen.IsGenerated {
				continue
			}
			q.hyphen.Index = i
			if hy, err := inst.FPDFText_IsHyphen(&q.hyphen); err == nil && hy.IsHyphen {
				g.Hyphen = true
				if g.Char == 2 { // PDFium's mark for a soft line-end hyphen
					g.Char = '-'
				}
			}
		}
		if g.Char == '\r' || g.Char == '\n' {
			continue
		}
		q.box.Index = i
		box, err := inst.FPDFText_GetLooseCharBox(&q.box)
		if err != nil {
			return fmt.Errorf("char %d: %v", i, err)
		}
		g.Rect = r.xf.rect(float64(box.Rect.Left), float64(box.Rect.Bottom), float64(box.Rect.Right), float64(box.Rect.Top))
		st := r.style(i)
		g.Size, g.Angle = st.size, st.angle
		g.Font, g.Bold, g.Italic = st.name, st.bold, st.italic
		if unmappedCode(g.Char) {
			if rs := r.codeRunes(tpage, i, byte(g.Char)); rs != nil {
				p.Glyphs = append(p.Glyphs, SplitGlyph(g, rs)...)
				continue
			}
		}
		p.Glyphs = append(p.Glyphs, g)
	}
	return nil
}

// runStyle is what all the characters of one text object share.
type runStyle struct {
	fontStyle
	size, angle float64
}

// style finds the size, angle and font of char i. They belong to its text
// object, and so does its matrix, which holds the object's origin: a char
// with the matrix of the char before it is in the same object, and PDFium
// is asked about the style once per object, not once per glyph. (Asking
// for the text object itself would cost more: go-pdfium registers a new
// handle for it on every call.)
func (r *pageReader) style(i int) runStyle {
	inst, q := r.inst, &r.req
	q.matrix.Index = i
	m, err := inst.FPDFText_GetMatrix(&q.matrix)
	if err == nil && r.haveRun && m.Matrix == r.runMatrix {
		return r.run
	}
	var st runStyle
	size := 0.0
	q.size.Index = i
	if fs, err := inst.FPDFText_GetFontSize(&q.size); err == nil {
		size = fs.FontSize
	}
	if err == nil {
		// The size PDFium reports is Tf's operand; the text and CTM
		// matrices scale it (e-paper PDFs set 1 Tf and scale by the
		// matrix). The vertical scale is the em's height on the page.
		if s := math.Hypot(float64(m.Matrix.C), float64(m.Matrix.D)); s > 0 {
			size *= s
		}
		// FPDFText_GetCharAngle's own formula, without a call.
		st.angle = r.xf.angle(math.Atan2(float64(m.Matrix.B), float64(m.Matrix.A)))
	}
	st.size = round2(size)
	var name string
	q.font.Index = i
	if fi, err := inst.FPDFText_GetFontInfo(&q.font); err == nil {
		name = fi.FontName
	}
	fs, ok := r.fonts[name]
	if !ok {
		fs = styleOf(name)
		r.fonts[name] = fs
	}
	st.fontStyle = fs
	if err == nil {
		r.run, r.runMatrix, r.haveRun = st, m.Matrix, true
	}
	return st
}

// images collects the boxes of image objects, also those inside form
// XObjects (where e-paper PDFs often wrap their photos).
func (r *pageReader) images(p *Page, page requests.Page) error {
	inst := r.inst
	cnt, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return fmt.Errorf("page objects: %v", err)
	}
	for i := 0; i < cnt.Count; i++ {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err != nil {
			continue
		}
		r.object(p, o.PageObject, identity, 0)
	}
	return nil
}

func (r *pageReader) object(p *Page, obj references.FPDF_PAGEOBJECT, m matrix, depth int) {
	inst := r.inst
	t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return
	}
	switch t.Type {
	case enums.FPDF_PAGEOBJ_IMAGE:
		b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj})
		if err != nil {
			return
		}
		x0, y0, x1, y1 := m.bounds(float64(b.Left), float64(b.Bottom), float64(b.Right), float64(b.Top))
		rect := r.xf.clip(r.xf.rect(x0, y0, x1, y1))
		if rect.X1-rect.X0 >= 1 && rect.Y1-rect.Y0 >= 1 {
			p.Images = append(p.Images, rect)
		}
	case enums.FPDF_PAGEOBJ_FORM:
		if depth >= 8 {
			return
		}
		fm, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
		if err != nil {
			return
		}
		inner := m.mul(matrix{float64(fm.Matrix.A), float64(fm.Matrix.B), float64(fm.Matrix.C),
			float64(fm.Matrix.D), float64(fm.Matrix.E), float64(fm.Matrix.F)})
		cnt, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
		if err != nil {
			return
		}
		for i := 0; i < cnt.Count; i++ {
			o, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
			if err != nil {
				continue
			}
			r.object(p, o.PageObject, inner, depth+1)
		}
	}
}

// styleOf reads a font's style from its base name.
func styleOf(name string) fontStyle {
	name = stripSubset(name)
	bold, italic := styleFromName(name)
	return fontStyle{name: strings.Clone(name), bold: bold, italic: italic}
}

// stripSubset drops a subset tag: six capital letters and "+" ("ABCDEF+").
func stripSubset(name string) string {
	if len(name) > 7 && name[6] == '+' {
		for i := 0; i < 6; i++ {
			if name[i] < 'A' || name[i] > 'Z' {
				return name
			}
		}
		return name[7:]
	}
	return name
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
