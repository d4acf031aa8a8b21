package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRealPages reads the real e-paper pages in ../shared/real/pdf (not in
// the repo; skipped without them) and checks what the layout relies on:
// every character mapped (none lost to U+FFFD, and no raw codes: the
// ligatures ToUnicode leaves out are spelt from the font's glyph names, so
// the Latin page has more glyphs than it draws), sizes from the text
// matrix, boxes on the page, the photos found.
func TestRealPages(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "real", "pdf")
	tests := []struct {
		file          string
		glyphs        int
		body, largest float64
		minImages     int
	}{
		{"zh-hans-cnooc-20241016-p1.pdf", 4766, 9, 53, 4},
		{"en-thehindu-20260814-p8.pdf", 21655, 8.97, 52.13, 1},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Skipf("no real pages: %v", err)
		}
		pages, errs, err := readAll(t, tt.file, data)
		if err != nil || len(errs) > 0 || len(pages) != 1 {
			t.Fatalf("%s: %v %v", tt.file, err, errs)
		}
		p := pages[0]
		if len(p.Glyphs) != tt.glyphs {
			t.Errorf("%s: %d glyphs, want %d", tt.file, len(p.Glyphs), tt.glyphs)
		}
		sizes := map[float64]int{}
		largest := 0.0
		bad := 0
		for _, g := range p.Glyphs {
			sizes[g.Size]++
			largest = max(largest, g.Size)
			if g.Char == 0xFFFD || g.Char == 0 || unmappedCode(g.Char) {
				bad++
			}
			if g.X0 < -1 || g.Y0 < -1 || g.X1 > p.Width+1 || g.Y1 > p.Height+1 || g.X0 > g.X1 || g.Y0 > g.Y1 {
				t.Errorf("%s: %q box %+v off the %vx%v page", tt.file, g.Char, g.Rect, p.Width, p.Height)
				break
			}
		}
		body, n := 0.0, 0
		for s, c := range sizes {
			if c > n {
				body, n = s, c
			}
		}
		if body != tt.body || largest != tt.largest {
			t.Errorf("%s: body %v pt, largest %v pt; want %v, %v", tt.file, body, largest, tt.body, tt.largest)
		}
		if bad > 0 {
			t.Errorf("%s: %d glyphs unmapped", tt.file, bad)
		}
		if len(p.Images) < tt.minImages {
			t.Errorf("%s: %d images, want at least %d", tt.file, len(p.Images), tt.minImages)
		}
	}
}
