package issues

import (
	"strings"
	"testing"

	"bao/internal/pdfgen"
	"bao/issues/pdf"
)

func TestSpellLigatures(t *testing.T) {
	g := func(c rune, x0, x1 float64) pdf.Glyph {
		return pdf.Glyph{Char: c, Rect: pdf.Rect{X0: x0, Y0: 10, X1: x1, Y1: 22}, Size: 12, Font: "Serif"}
	}
	tests := []struct {
		name  string
		in    []pdf.Glyph
		want  string
		boxes [][2]float64 // X0, X1 of each glyph out; nil: unchanged
	}{
		{"presentation form", []pdf.Glyph{g('e', 0, 6), g('ﬃ', 6, 18), g('x', 18, 24)}, "effix",
			[][2]float64{{0, 6}, {6, 10}, {10, 14}, {14, 18}, {18, 24}}},
		{"spelt out by the engine, one box", []pdf.Glyph{g('f', 0, 7), g('l', 0, 7), g('y', 7, 13)}, "fly",
			[][2]float64{{0, 3.5}, {3.5, 7}, {7, 13}}},
		{"ff in one box", []pdf.Glyph{g('f', 0, 8), g('f', 0, 8)}, "ff", [][2]float64{{0, 4}, {4, 8}}},
		{"an overprinted f stays two glyphs", []pdf.Glyph{g('f', 0, 4), g('f', 0, 4)}, "ff", nil},
		{"a space is no ligature", []pdf.Glyph{g('a', 0, 6), g(' ', 0, 6)}, "a ", nil},
		{"fullwidth forms stay", []pdf.Glyph{g('Ａ', 0, 12), g('①', 12, 24)}, "Ａ①", nil},
		{"plain letters", []pdf.Glyph{g('o', 0, 6), g('f', 6, 10), g('f', 10, 14)}, "off", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &pdf.Page{Glyphs: tt.in}
			q := spellLigatures(p)
			var b strings.Builder
			for _, h := range q.Glyphs {
				b.WriteRune(h.Char)
			}
			if b.String() != tt.want {
				t.Errorf("text %q, want %q", b.String(), tt.want)
			}
			if tt.boxes == nil {
				if q != p {
					t.Error("a page with nothing to spell out was copied")
				}
				return
			}
			if len(q.Glyphs) != len(tt.boxes) {
				t.Fatalf("%d glyphs, want %d", len(q.Glyphs), len(tt.boxes))
			}
			for i, h := range q.Glyphs {
				if h.X0 != tt.boxes[i][0] || h.X1 != tt.boxes[i][1] || h.Y0 != 10 || h.Y1 != 22 {
					t.Errorf("%q: box %+v, want x %v", h.Char, h.Rect, tt.boxes[i])
				}
			}
			if p.Glyphs[0].Char != tt.in[0].Char || len(p.Glyphs) != len(tt.in) {
				t.Error("the page given was changed")
			}
		})
	}
}

// TestPDFLigatures: an e-paper column in a face whose ligatures the
// ToUnicode map leaves out (or maps to presentation forms) reads as
// letters, in its headline too: a headline with a raw code in it is not
// the headline the reader looks for.
func TestPDFLigatures(t *testing.T) {
	d := &pdfgen.Doc{}
	p := d.AddPage(420, 600)
	p.Text(pdfgen.LigatureSerif, 24, 20, 60, "Harbour O\uFB03ce Sco\uFB00s at Fees")
	p.Column(pdfgen.LigatureSerif, 10, 13, 20, 100,
		"The harbour o\uFB00ice raised its ﬁling fees",
		"in a ﬂurry of eﬃciency drives that baﬄed",
		"the ferry oﬃcers and the ﬁshermen alike.")
	is, err := Parse(d.Bytes(), "lig.pdf", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := find(t, is, "Harbour Office Scoffs at Fees")
	body := bodyText(a)
	for _, want := range []string{"office", "filing", "flurry", "efficiency", "baffled", "officers", "fishermen"} {
		if !strings.Contains(body, want) {
			t.Errorf("body %q lacks %q", body, want)
		}
	}
	if strings.ContainsFunc(body, func(r rune) bool { return r >= 0x80 && r < 0xa0 || isLigatureForm(r) }) {
		t.Errorf("body %q holds a raw code or a presentation form", body)
	}
}
