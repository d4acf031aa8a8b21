package pdf

import (
	"encoding/binary"
	"reflect"
	"sort"
	"strings"
	"testing"

	"bao/internal/pdfgen"
)

func TestGlyphNameRunes(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"f_l", "fl"},
		{"f_f_i", "ffi"},
		{"fi", "fi"},
		{"ffl", "ffl"},
		{"f_i.alt", "fi"},
		{"T_h", "Th"},
		{"uni20B9", "₹"},
		{"uni00660069", "fi"},
		{"u1F600", "😀"},
		{"germandbls", "ß"},
		{"quoteright", "’"},
		{"a", "a"},
		{"", ""},
		{"notaglyph", ""},
		{"f_notaglyph", ""}, // one unknown component: the whole name is unknown
		{"uniD800", ""},     // a surrogate is no character
		{"uni12", ""},
	}
	for _, tt := range tests {
		if got := string(glyphNameRunes(tt.name)); got != tt.want {
			t.Errorf("glyphNameRunes(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFontCodeNames(t *testing.T) {
	names := fontCodeNames(pdfgen.LigatureProgram())
	for code, want := range map[byte]string{'a': "a", ' ': "space", '1': "one", 0x81: "f_l", 0x9d: "f_f_i", 0x8d: "f_f_l"} {
		if names[code] != want {
			t.Errorf("code %#x = %q, want %q", code, names[code], want)
		}
	}
	t1 := []byte("%!PS-AdobeFont-1.0: Bao\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 32 /space put\ndup 129 /f_l put\ndup 300 /x put\nreadonly def\ncurrentfile eexec\x00\x01")
	if got, want := fontCodeNames(t1), map[byte]string{32: "space", 129: "f_l"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Type 1 encoding = %v, want %v", got, want)
	}
	// Damaged programs give nothing, and never panic.
	prog := pdfgen.LigatureProgram()
	for n := 0; n < len(prog); n += 7 {
		fontCodeNames(prog[:n])
	}
	bad := append([]byte(nil), prog...)
	for i := 4; i < len(bad); i += 13 {
		bad[i] ^= 0xff
		fontCodeNames(bad)
	}
	if fontCodeNames([]byte("not a font")) != nil {
		t.Error("a non-font gave names")
	}
}

// TestUnmappedLigatures: a ligature whose code the ToUnicode map leaves
// out comes back as its letters (the engine reads its glyph name in the
// embedded font), each with its share of the ligature's box. One the map
// gives as a presentation form PDFium spells out itself, every letter with
// the whole ligature's box (the layout shares it out).
func TestUnmappedLigatures(t *testing.T) {
	d := &pdfgen.Doc{}
	d.AddPage(400, 200).Text(pdfgen.LigatureSerif, 12, 20, 50, "The ﬂood o\uFB00ers eﬃcient baﬄes ﬁrst")
	pages, errs, err := readAll(t, "lig.pdf", d.Bytes())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if got, want := text(pages[0]), "The flood offers efficient baffles first"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	gs := pages[0].Glyphs
	for i := 1; i < len(gs); i++ {
		if gs[i].Rect == gs[i-1].Rect && gs[i].Char == 'i' && gs[i-1].Char == 'f' {
			continue // PDFium's own spelling of U+FB01
		}
		if gs[i].X0 < gs[i-1].X1-0.01 || gs[i].X1 <= gs[i].X0 && gs[i].Char != ' ' {
			t.Errorf("%q box %+v after %q %+v: out of order or empty", gs[i].Char, gs[i].Rect, gs[i-1].Char, gs[i-1].Rect)
		}
		if strings.ContainsRune("\u0081\u008d\u008f\u009d", gs[i].Char) {
			t.Errorf("raw code %U left", gs[i].Char)
		}
	}
}

// FuzzFontCodeNames: font programs come from untrusted files; reading
// their names must never panic, and every name must spell letters or
// nothing.
func FuzzFontCodeNames(f *testing.F) {
	f.Add(pdfgen.LigatureProgram())
	f.Add([]byte("/Encoding 256 array\ndup 129 /f_l put\nreadonly def"))
	f.Add([]byte{1, 0, 4, 4, 0, 1, 4, 0, 0, 0, 1, 0, 0, 0, 2, 'x'})
	otf := sfnt(map[string][]byte{"CFF ": pdfgen.LigatureProgram()})
	copy(otf, "OTTO")
	f.Add(otf)
	f.Add(sfnt(map[string][]byte{"cmap": u16s(0, 1, 1, 0, 0, 12, 6, 0, 0, 0x81, 1, 2), "post": append(append(binary.BigEndian.AppendUint32(nil, 0x20000), make([]byte, 28)...), u16s(3, 0, 258, 192)...)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range fontCodeNames(data) {
			glyphNameRunes(name)
		}
	})
}

// sfnt builds a TrueType font of the given tables (no glyphs: the names
// are all that is read).
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	out := []byte{0, 1, 0, 0, 0, byte(len(tags)), 0, 0, 0, 0, 0, 0}
	off := 12 + 16*len(tags)
	var body []byte
	for _, t := range tags {
		out = append(out, t...)
		out = binary.BigEndian.AppendUint32(out, 0)
		out = binary.BigEndian.AppendUint32(out, uint32(off+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(tables[t])))
		body = append(body, tables[t]...)
	}
	return append(out, body...)
}

func u16s(vs ...int) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return b
}

func TestTrueTypeCodeNames(t *testing.T) {
	// cmap (3,0), format 4: F041 → 1 ('A'), F081–F082 → 2–3 (the
	// ligatures), and the closing FFFF segment.
	sub := u16s(4, 0, 0, 3*2, 0, 0, 0, // format, length, language, segCountX2, search fields
		0xF041, 0xF082, 0xFFFF, // ends
		0,                      // reserved pad
		0xF041, 0xF081, 0xFFFF, // starts
		(1-0xF041)&0xffff, (2-0xF081)&0xffff, 1, // deltas
		0, 0, 0) // range offsets
	cmap := append(u16s(0, 1, 3, 0, 0, 12), sub...)
	post := append(make([]byte, 32), u16s(4, 0, 36, 258, 192)...) // glyph 1 'A' (36), 2 custom, 3 fi (192)
	binary.BigEndian.PutUint32(post, 0x20000)
	post = append(post, 3, 'f', '_', 'l')
	names := fontCodeNames(sfnt(map[string][]byte{"cmap": cmap, "post": post}))
	want := map[byte]string{0x41: "A", 0x81: "f_l", 0x82: "fi"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("names = %v, want %v", names, want)
	}
	// An OpenType font's names come from its CFF table.
	otf := sfnt(map[string][]byte{"CFF ": pdfgen.LigatureProgram()})
	copy(otf, "OTTO")
	if got := fontCodeNames(otf)[0x81]; got != "f_l" {
		t.Errorf("OpenType CFF: code 0x81 = %q, want f_l", got)
	}
	for n := 0; n < len(otf); n += 5 {
		fontCodeNames(otf[:n])
	}
}
