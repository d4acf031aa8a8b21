package issues

import (
	"math"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"bao/issues/pdf"
)

// Ligatures: one drawn glyph for two or three letters (fi, fl, ff, ffi,
// ffl). A text layer gives them in three ways, and the layout wants
// letters, each with its own share of the box, in all of them (a word's
// letters measure its gaps, and "ﬁ" is not "fi" to a search):
//
//	U+FB01, one glyph                  a presentation form: spelt out (NFKC), the box shared
//	"f" "i", both with one box         PDFium spelt the form out itself: the box shared
//	U+0081, a raw code                 no character known: the engine reads the glyph's
//	                                   name in the embedded font ("f_l"), see pdf/glyphnames.go
//
// spellLigatures returns p itself when nothing needs spelling out, and
// otherwise a copy: the pages may be shared (the page cache, a search).
func spellLigatures(p *pdf.Page) *pdf.Page {
	need := false
	for i, g := range p.Glyphs {
		if isLigatureForm(g.Char) || i > 0 && sharesBox(p.Glyphs[i-1], g) {
			need = true
			break
		}
	}
	if !need {
		return p
	}
	q := *p
	q.Glyphs = make([]pdf.Glyph, 0, len(p.Glyphs)+8)
	for i := 0; i < len(p.Glyphs); {
		g := p.Glyphs[i]
		if isLigatureForm(g.Char) {
			q.Glyphs = append(q.Glyphs, pdf.SplitGlyph(g, []rune(norm.NFKC.String(string(g.Char))))...)
			i++
			continue
		}
		j := i + 1
		for j < len(p.Glyphs) && sharesBox(p.Glyphs[i], p.Glyphs[j]) {
			j++
		}
		if j-i == 1 {
			q.Glyphs = append(q.Glyphs, g)
			i++
			continue
		}
		rs := make([]rune, 0, j-i)
		for _, h := range p.Glyphs[i:j] {
			rs = append(rs, h.Char)
		}
		q.Glyphs = append(q.Glyphs, pdf.SplitGlyph(g, rs)...)
		i = j
	}
	return &q
}

// isLigatureForm: the Latin ligatures of Alphabetic Presentation Forms
// (ff fi fl ffi ffl ſt st), whose NFKC is their letters. Other
// compatibility characters (fullwidth forms, circled numbers) are what the
// page prints and stay.
func isLigatureForm(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 }

// sharesBox: b is a letter PDFium gave with a's very box, as it does for
// the letters of a ligature it spelt out. Two drawn glyphs never share a
// box unless one overprints the other (PDFium drops most overprints
// itself), and an overprint repeats its letter: of the ligatures only "ff"
// does, and its box is told from one f's by its width.
func sharesBox(a, b pdf.Glyph) bool {
	if a.Rect != b.Rect || a.Font != b.Font || a.Size != b.Size || !unicode.IsLetter(a.Char) || !unicode.IsLetter(b.Char) {
		return false
	}
	if a.Char != b.Char {
		return true
	}
	if a.Char != 'f' {
		return false
	}
	// An f is a third of an em wide or less; "ff" is about two thirds.
	w := a.X1 - a.X0
	if math.Abs(math.Sin(a.Angle)) > 0.5 {
		w = a.Y1 - a.Y0
	}
	return w > 0.45*a.Size
}
