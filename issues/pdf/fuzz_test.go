package pdf

import (
	"errors"
	"strings"
	"testing"

	"bao/internal/pdfgen"
)

// FuzzPDF feeds damaged PDFs to the engine: it must return an error naming
// the file or pages, never panic, and every glyph it returns must have a
// box inside a page of sane size.
func FuzzPDF(f *testing.F) {
	d := &pdfgen.Doc{}
	p := d.AddPage(300, 300)
	p.Text(pdfgen.SongUCS2, 10, 20, 20, "第一版要闻")
	p.Text(pdfgen.Helvetica, 10, 20, 40, "Hello")
	p.Text(pdfgen.LigatureSerif, 10, 20, 52, "e\uFB03cient o\uFB00er")
	p.FormImage(20, 60, 100, 50)
	d.AddPage(200, 200).Text(pdfgen.IdentityV, 10, 100, 20, "縦書き")
	d.AddPage(200, 200).Text(pdfgen.MinchoVEmbedded, 10, 100, 20, "縦書き")
	good := d.Bytes()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	enc := &pdfgen.Doc{Encrypt: true}
	enc.AddPage(100, 100).Text(pdfgen.Helvetica, 10, 10, 10, "x")
	f.Add(enc.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := testEngine().Open("fuzz.pdf", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.pdf: ") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q is not one line naming the file", err)
			}
			return
		}
		defer doc.Close()
		for n := 1; n <= min(doc.NumPages(), 4); n++ {
			pg, err := doc.Page(n)
			var pe *PageError
			if err != nil && !errors.As(err, &pe) {
				t.Fatalf("page %d: %v is not a *PageError", n, err)
			}
			for _, g := range pg.Glyphs {
				if g.X0 > g.X1 || g.Y0 > g.Y1 {
					t.Fatalf("page %d: glyph %q has box %+v", n, g.Char, g.Rect)
				}
			}
		}
	})
}
