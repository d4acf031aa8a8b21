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
)

// Errors a Document reports, wrapped with the file's name (and the page's
// number for ErrNoText): test them with errors.Is.
var (
	ErrEncrypted = errors.New("encrypted PDF (bao cannot read protected files)")
	ErrMalformed = errors.New("not a readable PDF (truncated or damaged)")
	ErrNoText    = errors.New("has no text (a scan); bao does not read images")
)

// errClosed is what a Document says after its engine was closed.
var errClosed = errors.New("PDF engine closed")

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
	e       *Engine
	pool    pdfium.Pool // inst's: the document is unusable once the engine closed it
	inst    pdfium.Pdfium
	release func(reuse bool)
	broken  bool        // PDFium failed (panicked) in the instance
	mem     *wasmMemory // the instance's memory; nil when not known
	doc     references.FPDF_DOCUMENT
	nat     *native // the pages are read through the instance's exports
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
	l, err := e.instance(wait)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	inst := l.inst
	e.reading.RLock()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: PDF engine failed: %v", name, r)
		}
		e.reading.RUnlock()
		if err != nil {
			l.release(false)
			d = nil
		}
	}()
	if !e.live(l.pool) {
		return nil, fmt.Errorf("%s: %w", name, errClosed)
	}
	// A reader, not the bytes: PDFium would copy the whole file into the
	// instance's memory, which then never shrinks (12 MB of a 20-page
	// issue, in every instance).
	res, err := inst.OpenDocument(&requests.OpenDocument{FileReader: io.NewSectionReader(src, 0, size), FileReaderSize: size})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, openError(err))
	}
	d = &Document{name: name, e: e, pool: l.pool, inst: inst, release: l.release, mem: l.mem, doc: res.Document}
	if d.nat, err = nativeOf(inst, res.Document); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
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

// Close closes the document and gives its PDFium instance back.
func (d *Document) Close() error {
	if d.release == nil {
		return nil
	}
	d.e.reading.RLock()
	reuse := d.e.live(d.pool) && d.nat.err == nil && !d.broken
	if reuse {
		d.nat.close()
		// An instance kept for the next document holds none.
		_, err := d.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
		reuse = err == nil
	}
	d.e.reading.RUnlock()
	d.release(reuse)
	d.release = nil
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
	d.e.reading.RLock()
	defer d.e.reading.RUnlock()
	if !d.e.live(d.pool) {
		return Page{}, &PageError{d.name, n, errClosed}
	}
	defer func() {
		if r := recover(); r != nil {
			d.broken = true
			err = &PageError{d.name, n, fmt.Errorf("PDF engine failed: %v", r)}
		}
	}()
	if d.nat.err != nil {
		// PDFium failed on a page before: try this one all the same,
		// but the instance is not kept for another document.
		d.broken, d.nat.err = true, nil
	}
	r := pageReader{n: d.nat}
	p, err = r.read(n)
	if err != nil {
		return p, &PageError{d.name, n, err}
	}
	if len(p.Glyphs) == 0 {
		return p, &PageError{d.name, n, ErrNoText}
	}
	return p, nil
}

// pageReader reads one page through one instance's exports (native).
type pageReader struct {
	n     *native
	fonts map[string]fontStyle       // by the name PDFium gives
	codes map[string]map[byte]string // glyph names of embedded fonts, by base name (subset tag kept)
	xf    pageTransform

	run       runStyle // the style of the text object read last
	runMatrix [6]float32
	haveRun   bool
}

type fontStyle struct {
	name         string
	bold, italic bool
}

func (r *pageReader) read(n int) (p Page, err error) {
	nat := r.n
	p = Page{Number: n}
	// A failed call (nat.err) leaves PDFium's answers at zero: the page
	// is given up whatever was read meanwhile.
	defer func() {
		if nat.err != nil {
			p, err = Page{Number: n}, nat.err
		}
	}()
	page := nat.call(fnLoadPage, nat.doc, uint64(n-1))
	if page == 0 {
		return p, fmt.Errorf("%w (PDFium cannot load the page)", ErrMalformed)
	}
	defer nat.call(fnClosePage, page)

	var bb [4]float32 // FS_RECTF: left, top, right, bottom
	if nat.callInt(fnGetPageBoundingBox, page, uint64(nat.scratch)) == 0 || !nat.floats(bb[:]) {
		return p, fmt.Errorf("%w (no page bounding box)", ErrMalformed)
	}
	rot := nat.callInt(fnGetRotation, page)
	r.xf = newPageTransform(bb[0], bb[3], bb[2], bb[1], rot)
	p.Width, p.Height = r.xf.width, r.xf.height

	r.images(&p, page)
	if err := r.glyphs(&p, page); err != nil {
		return p, err
	}
	return p, nil
}

func (r *pageReader) glyphs(p *Page, page uint64) error {
	nat := r.n
	tp := nat.call(fnTextLoadPage, page)
	if tp == 0 {
		return errors.New("text layer: PDFium cannot load it")
	}
	defer nat.call(fnTextClosePage, tp)
	cnt := nat.callInt(fnTextCountChars, tp)
	if cnt < 0 {
		return errors.New("text layer: no char count")
	}
	p.Glyphs = make([]Glyph, 0, cnt)
	r.fonts = map[string]fontStyle{}
	box := uint64(nat.scratch)
	var rect [4]float32 // FS_RECTF: left, top, right, bottom
	for i := 0; i < cnt && nat.err == nil; i++ {
		g := Glyph{Char: rune(uint32(nat.call(fnTextGetUnicode, tp, uint64(i))))}
		// PDFium invents only spaces and line breaks (and marks line-end
		// hyphens): ask about those alone, as every call costs.
		switch g.Char {
		case ' ', '\r', '\n', 2, '-', 0xAD:
			if nat.callInt(fnTextIsGenerated, tp, uint64(i)) == 1 {
				continue
			}
			if nat.callInt(fnTextIsHyphen, tp, uint64(i)) == 1 {
				g.Hyphen = true
				if g.Char == 2 { // PDFium's mark for a soft line-end hyphen
					g.Char = '-'
				}
			}
		}
		if g.Char == '\r' || g.Char == '\n' {
			continue
		}
		if nat.callInt(fnTextGetLooseCharBox, tp, uint64(i), box) == 0 || !nat.floats(rect[:]) {
			return fmt.Errorf("char %d: no box", i)
		}
		g.Rect = r.xf.rect(float64(rect[0]), float64(rect[3]), float64(rect[2]), float64(rect[1]))
		st := r.style(tp, i)
		g.Size, g.Angle = st.size, st.angle
		g.Font, g.Bold, g.Italic = st.name, st.bold, st.italic
		if unmappedCode(g.Char) {
			if rs := r.codeRunes(tp, i, byte(g.Char)); rs != nil {
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
// is asked about the style once per object, not once per glyph.
func (r *pageReader) style(tp uint64, i int) runStyle {
	nat := r.n
	var m [6]float32 // FS_MATRIX: a, b, c, d, e, f
	ok := nat.callInt(fnTextGetMatrix, tp, uint64(i), uint64(nat.scratch)) != 0 && nat.floats(m[:])
	if ok && r.haveRun && m == r.runMatrix {
		return r.run
	}
	var st runStyle
	size := math.Float64frombits(nat.call(fnTextGetFontSize, tp, uint64(i)))
	if ok {
		// The size PDFium reports is Tf's operand; the text and CTM
		// matrices scale it (e-paper PDFs set 1 Tf and scale by the
		// matrix). The vertical scale is the em's height on the page.
		if s := math.Hypot(float64(m[2]), float64(m[3])); s > 0 {
			size *= s
		}
		// FPDFText_GetCharAngle's own formula, without a call.
		st.angle = r.xf.angle(math.Atan2(float64(m[1]), float64(m[0])))
	}
	st.size = round2(size)
	// FPDFText_GetFontInfo(text_page, index, buffer, buflen, *flags).
	name, _ := nat.stringOut(fnTextGetFontInfo, 2, tp, uint64(i), 0, 0, 0)
	fs, seen := r.fonts[name]
	if !seen {
		fs = styleOf(name)
		r.fonts[name] = fs
	}
	st.fontStyle = fs
	if ok {
		r.run, r.runMatrix, r.haveRun = st, m, true
	}
	return st
}

// images collects the boxes of image objects, also those inside form
// XObjects (where e-paper PDFs often wrap their photos).
func (r *pageReader) images(p *Page, page uint64) {
	nat := r.n
	cnt := nat.callInt(fnCountObjects, page)
	for i := 0; i < cnt && nat.err == nil; i++ {
		if o := nat.call(fnGetObject, page, uint64(i)); o != 0 {
			r.object(p, o, identity, 0)
		}
	}
}

func (r *pageReader) object(p *Page, obj uint64, m matrix, depth int) {
	nat := r.n
	switch nat.callInt(fnObjGetType, obj) {
	case int(enums.FPDF_PAGEOBJ_IMAGE):
		// FPDFPageObj_GetBounds(object, *left, *bottom, *right, *top).
		s := uint64(nat.scratch)
		var b [4]float32
		if nat.callInt(fnObjGetBounds, obj, s, s+4, s+8, s+12) == 0 || !nat.floats(b[:]) {
			return
		}
		x0, y0, x1, y1 := m.bounds(float64(b[0]), float64(b[1]), float64(b[2]), float64(b[3]))
		rect := r.xf.clip(r.xf.rect(x0, y0, x1, y1))
		if rect.X1-rect.X0 >= 1 && rect.Y1-rect.Y0 >= 1 {
			p.Images = append(p.Images, rect)
		}
	case int(enums.FPDF_PAGEOBJ_FORM):
		if depth >= 8 {
			return
		}
		var fm [6]float32
		if nat.callInt(fnObjGetMatrix, obj, uint64(nat.scratch)) == 0 || !nat.floats(fm[:]) {
			return
		}
		inner := m.mul(matrix{float64(fm[0]), float64(fm[1]), float64(fm[2]),
			float64(fm[3]), float64(fm[4]), float64(fm[5])})
		cnt := nat.callInt(fnFormCountObjects, obj)
		for i := 0; i < cnt && nat.err == nil; i++ {
			if o := nat.call(fnFormGetObject, obj, uint64(i)); o != 0 {
				r.object(p, o, inner, depth+1)
			}
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
