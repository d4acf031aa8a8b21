package pdfgen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
)

// A Latin face with ligatures, embedded as a small generated CFF program
// (FontFile3, Type1C), the way e-paper PDFs embed their text faces: its
// ligatures sit on codes WinAnsi leaves empty, named in the AGL's
// underscore spelling ("f_f_i") in the font's encoding and the PDF's
// /Differences, and the ToUnicode map leaves them out. Text for it writes
// a ligature as its presentation form (U+FB00–FB04).
//
// UnmappedLigatures' "fi" is the exception that keeps the other path
// tested: its ToUnicode entry says U+FB01, as in PDFs whose producer maps
// ligatures to presentation forms.
var LigatureSerif = Font{Base: "BAOLIG+BaoSerif-Roman", CMap: cffMarker}

// cffMarker marks the generated CFF font (no predefined CMap has this name).
const cffMarker = "(cff)"

// cffLigatures: presentation form → glyph name and code.
var cffLigatures = []struct {
	r    rune
	name string
	code byte
}{
	{'ﬀ', "f_f", 0x8f},
	{'ﬁ', "f_i", 0x90},
	{'ﬂ', "f_l", 0x81},
	{'ﬃ', "f_f_i", 0x9d},
	{'ﬄ', "f_f_l", 0x8d},
}

// cffMappedLigature is the ligature whose ToUnicode entry is given.
const cffMappedLigature = 'ﬁ'

// cffGlyph is one glyph of the generated font.
type cffGlyph struct {
	name  string
	code  byte
	width int    // in 1/1000 em
	uni   string // ToUnicode; "" leaves the code out
}

func cffGlyphs() []cffGlyph {
	var gs []cffGlyph
	w := func(r rune) int {
		switch {
		case strings.ContainsRune("ijlt.,'", r):
			return 280
		case strings.ContainsRune("fr", r):
			return 330
		case strings.ContainsRune("mwMW", r):
			return 800
		case r >= 'A' && r <= 'Z':
			return 650
		case r == ' ':
			return 250
		}
		return 520
	}
	for r := rune(' '); r <= '~'; r++ {
		name := cffASCIINames[r]
		if name == "" {
			continue
		}
		gs = append(gs, cffGlyph{name: name, code: byte(r), width: w(r), uni: string(r)})
	}
	for _, l := range cffLigatures {
		width := 0
		for _, c := range strings.Split(l.name, "_") {
			width += w(rune(c[0]))
		}
		g := cffGlyph{name: l.name, code: l.code, width: width - 20} // a ligature is tighter than its letters
		if l.r == cffMappedLigature {
			g.uni = string(l.r)
		}
		gs = append(gs, g)
	}
	return gs
}

// cffASCIINames: the glyph names of the printable ASCII the font has.
var cffASCIINames = func() map[rune]string {
	m := map[rune]string{' ': "space", '.': "period", ',': "comma", '-': "hyphen", '\'': "quoteright",
		'0': "zero", '1': "one", '2': "two", '3': "three", '4': "four", '5': "five", '6': "six",
		'7': "seven", '8': "eight", '9': "nine", '?': "question", '!': "exclam", ':': "colon"}
	for r := 'A'; r <= 'Z'; r++ {
		m[r] = string(r)
		m[r+'a'-'A'] = string(r + 'a' - 'A')
	}
	return m
}()

// cffStd are the CFF standard strings the font's names use (their SIDs).
var cffStd = map[string]int{"space": 1, "exclam": 2, "quoteright": 8, "comma": 13, "hyphen": 14, "period": 15,
	"zero": 17, "one": 18, "two": 19, "three": 20, "four": 21, "five": 22, "six": 23, "seven": 24, "eight": 25,
	"nine": 26, "colon": 27, "question": 32}

func cffSID(name string, custom map[string]int) int {
	if len(name) == 1 {
		c := name[0]
		if c >= 'A' && c <= 'Z' {
			return 34 + int(c-'A')
		}
		return 66 + int(c-'a')
	}
	if s, ok := cffStd[name]; ok {
		return s
	}
	return custom[name]
}

// cffIndex writes a CFF INDEX with 4-byte offsets.
func cffIndex(items [][]byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint16(len(items)))
	if len(items) == 0 {
		return b.Bytes()
	}
	b.WriteByte(4)
	off := uint32(1)
	binary.Write(&b, binary.BigEndian, off)
	for _, it := range items {
		off += uint32(len(it))
		binary.Write(&b, binary.BigEndian, off)
	}
	for _, it := range items {
		b.Write(it)
	}
	return b.Bytes()
}

// cffInt writes a DICT or charstring integer in its 3-byte form (28 hi lo).
func cffInt(v int) []byte { return []byte{28, byte(int16(v) >> 8), byte(v)} }

// cffInt32 writes a DICT integer in its 5-byte form (fixed size, so the
// Top DICT's offsets can be filled in after the layout is known).
func cffInt32(v int) []byte {
	return []byte{29, byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
}

// cffProgram is the font program: every glyph a box of its width (the
// outline matters only in that it has ink).
func cffProgram(name string, gs []cffGlyph) []byte {
	custom := map[string]int{}
	var strs [][]byte
	for _, g := range gs {
		if cffSID(g.name, custom) == 0 {
			custom[g.name] = 391 + len(strs)
			strs = append(strs, []byte(g.name))
		}
	}
	charstrings := [][]byte{{14}} // .notdef: endchar
	for _, g := range gs {
		var c []byte
		c = append(c, cffInt(g.width)...) // the width, before the first operator
		c = append(c, cffInt(40)...)
		c = append(c, cffInt(0)...)
		c = append(c, 21) // rmoveto
		c = append(c, cffInt(g.width-80)...)
		c = append(c, cffInt(0)...)
		c = append(c, cffInt(0)...)
		c = append(c, cffInt(600)...)
		c = append(c, cffInt(80-g.width)...)
		c = append(c, cffInt(0)...)
		c = append(c, 5, 14) // rlineto, endchar
		charstrings = append(charstrings, c)
	}
	var charset bytes.Buffer
	charset.WriteByte(0)
	for _, g := range gs {
		binary.Write(&charset, binary.BigEndian, uint16(cffSID(g.name, custom)))
	}
	var enc bytes.Buffer
	enc.WriteByte(0)
	enc.WriteByte(byte(len(gs)))
	for _, g := range gs {
		enc.WriteByte(g.code)
	}
	private := []byte{139, 20, 139, 21} // defaultWidthX 0, nominalWidthX 0
	csIndex := cffIndex(charstrings)
	// The sections: charset, encoding, CharStrings, Private DICT.
	return cffFont(name, strs, 4, func(off []int) ([]byte, [][]byte) {
		var d []byte
		d = append(d, cffInt32(off[0])...)
		d = append(d, 15)
		d = append(d, cffInt32(off[1])...)
		d = append(d, 16)
		d = append(d, cffInt32(off[2])...)
		d = append(d, 17)
		d = append(d, cffInt32(len(private))...)
		d = append(d, cffInt32(off[3])...)
		d = append(d, 18)
		return d, [][]byte{charset.Bytes(), enc.Bytes(), csIndex, private}
	})
}

// cffFont lays a CFF font out: the header, the Name INDEX of name, the Top
// DICT INDEX, the String INDEX of strs and an empty Global Subr INDEX, then
// the n sections. layout makes the Top DICT and the sections from the
// sections' offsets; it is called first with zero offsets to measure them,
// so their lengths must not depend on the offsets (cffInt32).
func cffFont(name string, strs [][]byte, n int, layout func(off []int) (top []byte, sections [][]byte)) []byte {
	header := []byte{1, 0, 4, 4}
	names := cffIndex([][]byte{[]byte(name)})
	strIndex := cffIndex(strs)
	gsubrs := cffIndex(nil)
	off := make([]int, n)
	top, sections := layout(off)
	at := len(header) + len(names) + len(cffIndex([][]byte{top})) + len(strIndex) + len(gsubrs)
	for i, sec := range sections {
		off[i] = at
		at += len(sec)
	}
	top, sections = layout(off)
	var out bytes.Buffer
	out.Write(header)
	out.Write(names)
	out.Write(cffIndex([][]byte{top}))
	out.Write(strIndex)
	out.Write(gsubrs)
	for _, sec := range sections {
		out.Write(sec)
	}
	return out.Bytes()
}

// writeCFFFont writes the simple font dictionary, its descriptor, the
// embedded program and a ToUnicode map that leaves the unmapped ligatures
// out.
func (d *Doc) writeCFFFont(w *writer, n int, f Font) {
	gs := cffGlyphs()
	desc := w.reserve()
	file := w.reserve()
	tounicode := w.reserve()
	sort.Slice(gs, func(i, j int) bool { return gs[i].code < gs[j].code })
	first, last := int(gs[0].code), int(gs[len(gs)-1].code)
	widths := make([]string, last-first+1)
	for i := range widths {
		widths[i] = "0"
	}
	var diffs strings.Builder
	for _, g := range gs {
		widths[int(g.code)-first] = fmt.Sprint(g.width)
		if g.code >= 0x80 {
			fmt.Fprintf(&diffs, "%d /%s ", g.code, g.name)
		}
	}
	w.obj(n, fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar %d /LastChar %d /Widths [%s] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [%s] >> /FontDescriptor %d 0 R /ToUnicode %d 0 R >>",
		f.Base, first, last, strings.Join(widths, " "), diffs.String(), desc, tounicode))
	w.obj(desc, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 34 /FontBBox [0 -220 1000 780] /ItalicAngle 0 /Ascent 780 /Descent -220 /CapHeight 700 /StemV 80 /FontFile3 %d 0 R >>", f.Base, file))
	w.stream(file, "/Subtype /Type1C", cffProgram(f.Base[strings.IndexByte(f.Base, '+')+1:], gs))
	var tu bytes.Buffer
	tu.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Bao-Lig def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	var mapped []cffGlyph
	for _, g := range gs {
		if g.uni != "" {
			mapped = append(mapped, g)
		}
	}
	fmt.Fprintf(&tu, "%d beginbfchar\n", len(mapped))
	for _, g := range mapped {
		fmt.Fprintf(&tu, "<%02x> <%04x>\n", g.code, []rune(g.uni)[0])
	}
	tu.WriteString("endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	w.stream(tounicode, "", tu.Bytes())
}

// encodeCFF writes s in the generated font's codes.
func encodeCFF(s string) string {
	var b []byte
	for _, r := range s {
		switch {
		case r < 0x80 && cffASCIINames[r] != "":
			b = append(b, byte(r))
		default:
			found := false
			for _, l := range cffLigatures {
				if l.r == r {
					b = append(b, l.code)
					found = true
				}
			}
			if !found {
				panic(fmt.Sprintf("pdfgen: %q is not in %s", r, LigatureSerif.Base))
			}
		}
	}
	return literal(b)
}

// LigatureProgram is LigatureSerif's font program, for tests of font
// parsers.
func LigatureProgram() []byte {
	return cffProgram(LigatureSerif.Base[strings.IndexByte(LigatureSerif.Base, '+')+1:], cffGlyphs())
}

// cidGlyphs is how many CIDs the embedded CID fonts draw: every CID of
// the Adobe GB1, CNS1, Japan1 and Korea1 collections (GB1's last is about
// 30 280), so that any text a predefined CMap addresses has outlines.
const cidGlyphs = 30300

// cidProgram is a CID-keyed CFF font (FontFile3, CIDFontType0C) for the
// collection registry-ordering-supplement in which every CID from 1 to
// cidGlyphs draws the same box on the em square: stand-in outlines of our
// own making (no font's licence to mind), which PDFium needs to draw, and
// so to read, vertical text at all. GID i is CID i; FreeType looks CIDs up
// in the charset.
func cidProgram(name, registry, ordering string, supplement int) []byte {
	var box []byte
	box = append(box, cffInt(100)...)
	box = append(box, cffInt(-50)...)
	box = append(box, 21) // rmoveto
	for _, d := range [][2]int{{800, 0}, {0, 800}, {-800, 0}} {
		box = append(box, cffInt(d[0])...)
		box = append(box, cffInt(d[1])...)
	}
	box = append(box, 5, 14) // rlineto (three pairs), endchar
	charstrings := make([][]byte, cidGlyphs)
	charstrings[0] = []byte{14}
	for i := 1; i < cidGlyphs; i++ {
		charstrings[i] = box
	}
	strs := [][]byte{[]byte(registry), []byte(ordering), []byte(name)}
	// charset format 2: one range, GIDs 1… are CIDs 1…
	left := cidGlyphs - 2
	charset := []byte{2, 0, 1, byte(left >> 8), byte(left)}
	// FDSelect format 3: every glyph in Font DICT 0
	n := cidGlyphs
	fdselect := []byte{3, 0, 1, 0, 0, 0, byte(n >> 8), byte(n)}
	private := []byte{139, 20, 139, 21}
	csIndex := cffIndex(charstrings)
	// The sections: charset, FDSelect, CharStrings, the Font DICT INDEX
	// (FDArray) and the Private DICT.
	return cffFont(name, strs, 5, func(off []int) ([]byte, [][]byte) {
		charsetOff, fdSelectOff, csOff, fdArrayOff, privOff := off[0], off[1], off[2], off[3], off[4]
		var fd []byte
		fd = append(fd, cffInt32(len(private))...)
		fd = append(fd, cffInt32(privOff)...)
		fd = append(fd, 18)
		var d []byte
		d = append(d, cffInt(391)...) // ROS first: registry, ordering (SIDs), supplement
		d = append(d, cffInt(392)...)
		d = append(d, cffInt(supplement)...)
		d = append(d, 12, 30)
		d = append(d, cffInt32(cidGlyphs)...)
		d = append(d, 12, 34) // CIDCount
		d = append(d, cffInt32(charsetOff)...)
		d = append(d, 15)
		d = append(d, cffInt32(csOff)...)
		d = append(d, 17)
		d = append(d, cffInt32(fdArrayOff)...)
		d = append(d, 12, 36)
		d = append(d, cffInt32(fdSelectOff)...)
		d = append(d, 12, 37)
		return d, [][]byte{charset, fdselect, csIndex, cffIndex([][]byte{fd}), private}
	})
}
