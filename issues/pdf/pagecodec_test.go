package pdf

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// roundTrip encodes p and decodes it again.
func roundTrip(t testing.TB, p Page) (Page, int) {
	t.Helper()
	var e pageEncoder
	e.page(&p)
	d := pageDecoder{b: e.buf}
	got, err := d.page()
	if err != nil {
		t.Fatalf("decoding: %v", err)
	}
	return got, len(e.buf)
}

// same reports whether a and b are the same pages, floats bit for bit.
func same(a, b Page) bool {
	bits := func(fs ...float64) []uint64 {
		var out []uint64
		for _, f := range fs {
			out = append(out, math.Float64bits(f))
		}
		return out
	}
	if a.Number != b.Number || !reflect.DeepEqual(bits(a.Width, a.Height), bits(b.Width, b.Height)) ||
		len(a.Images) != len(b.Images) || len(a.Glyphs) != len(b.Glyphs) {
		return false
	}
	for i, r := range a.Images {
		s := b.Images[i]
		if !reflect.DeepEqual(bits(r.X0, r.Y0, r.X1, r.Y1), bits(s.X0, s.Y0, s.X1, s.Y1)) {
			return false
		}
	}
	for i, g := range a.Glyphs {
		h := b.Glyphs[i]
		if g.Font != h.Font || g.Char != h.Char || g.Bold != h.Bold || g.Italic != h.Italic || g.Hyphen != h.Hyphen ||
			!reflect.DeepEqual(bits(g.X0, g.Y0, g.X1, g.Y1, g.Size, g.Angle), bits(h.X0, h.Y0, h.X1, h.Y1, h.Size, h.Angle)) {
			return false
		}
	}
	return true
}

func TestPageCodecRoundTrip(t *testing.T) {
	lig := SplitGlyph(Glyph{Rect: Rect{10.01, 20, 17.33, 30}, Size: 9.5, Font: "Serif", Char: 'x'}, []rune("ffi"))
	tests := []struct {
		name string
		page Page
	}{
		{"empty", Page{Number: 1, Width: 595.28, Height: 841.89}},
		{"glyphs", Page{Number: 7, Width: 1000, Height: 1400.5, Images: []Rect{{0, 0, 1000, 700.25}, {12.5, -3, 44, 55}},
			Glyphs: []Glyph{
				{Rect: Rect{10, 20, 19.5, 30}, Size: 9, Font: "FZSSK--GBK1-0", Char: '报'},
				{Rect: Rect{19.5, 20, 29, 30}, Size: 9, Font: "FZSSK--GBK1-0", Char: '纸', Bold: true},
				{Rect: Rect{400, 100, 412, 130}, Size: 12, Angle: 4.7124, Font: "Mincho", Char: '縦', Italic: true},
				{Rect: Rect{5, 6, 7, 8}, Size: 9, Font: "", Char: '-', Hyphen: true},
				{Rect: Rect{-12.34, -0.01, 0, 0}, Size: 0, Font: "FZSSK--GBK1-0", Char: 0x10FFFF},
				{Rect: Rect{1, 2, 3, 4}, Size: 1e-7, Angle: math.Pi, Font: "Odd", Char: 0},
			}}},
		{"ligature parts", Page{Number: 2, Glyphs: lig}},
		{"values no unit gives", Page{Number: 3, Width: math.Copysign(0, -1), Height: math.NaN(), Glyphs: []Glyph{
			{Rect: Rect{math.Inf(-1), math.Inf(1), math.MaxFloat64, -math.MaxFloat64}, Size: math.SmallestNonzeroFloat64, Angle: 1.0 / 3},
			{Rect: Rect{1 << 60, 0.005, 0.015, 1e300}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := roundTrip(t, tt.page)
			if !same(got, tt.page) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, tt.page)
			}
		})
	}
}

// TestPageCodecRealPages: the real pages, as the engine reads them, come
// back bit for bit, in a fraction of their glyphs' 72 bytes each.
func TestPageCodecRealPages(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "real", "pdf", "*.pdf"))
	if len(pages) == 0 {
		t.Skip("no real pages")
	}
	for _, path := range pages {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ps, _, err := readAll(t, filepath.Base(path), data)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			got, n := roundTrip(t, p)
			if !same(got, p) {
				t.Fatalf("%s page %d: not the same after the round trip", filepath.Base(path), p.Number)
			}
			per := float64(n) / float64(len(p.Glyphs))
			t.Logf("%s page %d: %d glyphs in %d bytes (%.1f a glyph)", filepath.Base(path), p.Number, len(p.Glyphs), n, per)
			if per > 16 {
				t.Errorf("%s: %.1f bytes a glyph, want a handful", filepath.Base(path), per)
			}
		}
	}
}

// FuzzPageDecoder: whatever the bytes (a damaged cache entry), decoding
// returns an error or a page that encodes back to what decodes the same;
// it never panics or allocates past what the bytes can hold.
func FuzzPageDecoder(f *testing.F) {
	var e pageEncoder
	e.page(&Page{Number: 1, Width: 100, Height: 200, Images: []Rect{{1, 2, 3, 4}},
		Glyphs: []Glyph{{Rect: Rect{1, 2, 3, 4}, Size: 9, Font: "F", Char: 'a'}, {Rect: Rect{3, 2, 5, 4.001}, Size: 9, Font: "G", Char: 'b', Bold: true}}})
	f.Add(e.buf)
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := pageDecoder{b: b}
		p, err := d.page()
		if err != nil {
			return
		}
		again, _ := roundTrip(t, p)
		if !same(again, p) {
			t.Fatalf("decoded page does not survive a round trip: %+v", p)
		}
	})
}
