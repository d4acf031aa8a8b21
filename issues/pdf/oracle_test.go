package pdf

import (
	"fmt"
	"math"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
)

// oracleReader is the page reader as it was before native: every call
// through go-pdfium's wrappers. The tests hold native's pages up against
// its, glyph by glyph.
// oracleReader reads one page through one instance.
type oracleReader struct {
	inst  pdfium.Pdfium
	fonts map[string]fontStyle       // by the name PDFium gives
	codes map[string]map[byte]string // glyph names of embedded fonts, by base name (subset tag kept)
	xf    pageTransform

	run       runStyle // the style of the text object read last
	runMatrix structs.FPDF_FS_MATRIX
	haveRun   bool

	req oracleRequests
}

// oracleRequests are the per-char requests, made once per page.
type oracleRequests struct {
	unicode   requests.FPDFText_GetUnicode
	generated requests.FPDFText_IsGenerated
	hyphen    requests.FPDFText_IsHyphen
	box       requests.FPDFText_GetLooseCharBox
	matrix    requests.FPDFText_GetMatrix
	size      requests.FPDFText_GetFontSize
	font      requests.FPDFText_GetFontInfo
}

func (r *oracleReader) read(doc references.FPDF_DOCUMENT, n int) (Page, error) {
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

func (r *oracleReader) glyphs(p *Page, page requests.Page) error {
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

// style finds the size, angle and font of char i. They belong to its text
// object, and so does its matrix, which holds the object's origin: a char
// with the matrix of the char before it is in the same object, and PDFium
// is asked about the style once per object, not once per glyph. (Asking
// for the text object itself would cost more: go-pdfium registers a new
// handle for it on every call.)
func (r *oracleReader) style(i int) runStyle {
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
func (r *oracleReader) images(p *Page, page requests.Page) error {
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

func (r *oracleReader) object(p *Page, obj references.FPDF_PAGEOBJECT, m matrix, depth int) {
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

// codeRunes is what code draws in the font of char i, from the font
// program's glyph names; nil when the font is not embedded or does not
// say.
func (r *oracleReader) codeRunes(tpage references.FPDF_TEXTPAGE, i int, code byte) []rune {
	inst := r.inst
	to, err := inst.FPDFText_GetTextObject(&requests.FPDFText_GetTextObject{TextPage: tpage, Index: i})
	if err != nil {
		return nil
	}
	// The font belongs to the document: it is not ours to close.
	f, err := inst.FPDFTextObj_GetFont(&requests.FPDFTextObj_GetFont{PageObject: to.TextObject})
	if err != nil {
		return nil
	}
	bn, err := inst.FPDFFont_GetBaseFontName(&requests.FPDFFont_GetBaseFontName{Font: f.Font})
	if err != nil {
		return nil
	}
	names, ok := r.codes[bn.BaseFontName]
	if !ok {
		if emb, err := inst.FPDFFont_GetIsEmbedded(&requests.FPDFFont_GetIsEmbedded{Font: f.Font}); err == nil && emb.IsEmbedded {
			if fd, err := inst.FPDFFont_GetFontData(&requests.FPDFFont_GetFontData{Font: f.Font}); err == nil {
				names = fontCodeNames(fd.FontData)
			}
		}
		if r.codes == nil {
			r.codes = map[string]map[byte]string{}
		}
		r.codes[bn.BaseFontName] = names
	}
	rs := glyphNameRunes(names[code])
	for _, c := range rs {
		if unicode.IsControl(c) {
			return nil
		}
	}
	return rs
}
