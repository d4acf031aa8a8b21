package pdf

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Glyph names: when a simple font's ToUnicode map leaves a code out and
// its /Differences name the glyph in a way PDFium does not know ("f_l",
// "f_f_i": the Adobe Glyph List's ligature spelling, which e-paper fonts
// use), PDFium hands back the raw code as if it were a character: U+0081
// for the "fl" of "inflation". The embedded font program still says what
// the code draws, in its own encoding and glyph names; fontCodeNames reads
// those, and glyphNameRunes turns a name into its characters.

// fontCodeNames reads the code → glyph name table of an embedded font
// program: a bare CFF font (FontFile3/Type1C), an OpenType or TrueType
// font (FontFile3/OpenType, FontFile2) or a Type 1 font (FontFile).
// Anything else, or a damaged program, gives nil: the codes then stay as
// PDFium read them.
func fontCodeNames(data []byte) map[byte]string {
	if len(data) >= 4 && data[0] == 1 && data[2] >= 4 {
		return cffCodeNames(data)
	}
	if len(data) >= 12 && (string(data[:4]) == "OTTO" || string(data[:4]) == "\x00\x01\x00\x00" || string(data[:4]) == "true") {
		return sfntCodeNames(data)
	}
	if i := bytes.Index(data, []byte("/Encoding")); i >= 0 {
		return type1CodeNames(data[i:])
	}
	return nil
}

// cffReader reads a CFF font (Adobe Technical Note 5176) with every offset
// checked: font programs come from untrusted files.
type cffReader struct {
	b   []byte
	bad bool
}

func (r *cffReader) u8(off int) int {
	if off < 0 || off >= len(r.b) {
		r.bad = true
		return 0
	}
	return int(r.b[off])
}

func (r *cffReader) un(off, n int) int {
	v := 0
	for i := 0; i < n; i++ {
		v = v<<8 | r.u8(off+i)
	}
	return v
}

// index reads an INDEX at off: its items and the offset after it.
func (r *cffReader) index(off int) ([][]byte, int) {
	count := r.un(off, 2)
	if count == 0 || r.bad {
		return nil, off + 2
	}
	osz := r.u8(off + 2)
	if osz < 1 || osz > 4 {
		r.bad = true
		return nil, off
	}
	base := off + 3 + (count+1)*osz - 1
	items := make([][]byte, 0, min(count, 1<<16))
	prev := r.un(off+3, osz)
	for i := 1; i <= count && !r.bad; i++ {
		next := r.un(off+3+i*osz, osz)
		if next < prev || base+next > len(r.b) {
			r.bad = true
			return nil, off
		}
		items = append(items, r.b[base+prev:base+next])
		prev = next
	}
	return items, base + prev
}

// cffDict reads a DICT's integer operands by operator (12 x is 1200+x).
func cffDict(d []byte) map[int][]int {
	out := map[int][]int{}
	var ops []int
	for i := 0; i < len(d); {
		v := int(d[i])
		switch {
		case v <= 21:
			k := v
			i++
			if v == 12 {
				if i >= len(d) {
					return out
				}
				k = 1200 + int(d[i])
				i++
			}
			out[k] = ops
			ops = nil
		case v == 28:
			if i+3 > len(d) {
				return out
			}
			ops = append(ops, int(int16(binary.BigEndian.Uint16(d[i+1:]))))
			i += 3
		case v == 29:
			if i+5 > len(d) {
				return out
			}
			ops = append(ops, int(int32(binary.BigEndian.Uint32(d[i+1:]))))
			i += 5
		case v == 30: // a real: skip its nibbles
			i++
			for i < len(d) {
				x := d[i]
				i++
				if x&0xf == 0xf || x>>4 == 0xf {
					break
				}
			}
			ops = append(ops, 0)
		case v >= 32 && v <= 246:
			ops = append(ops, v-139)
			i++
		case v >= 247 && v <= 250:
			if i+2 > len(d) {
				return out
			}
			ops = append(ops, (v-247)*256+int(d[i+1])+108)
			i += 2
		case v >= 251 && v <= 254:
			if i+2 > len(d) {
				return out
			}
			ops = append(ops, -(v-251)*256-int(d[i+1])-108)
			i += 2
		default:
			i++
		}
	}
	return out
}

// cffCodeNames: the font's built-in encoding (which the producers of
// e-paper PDFs write to match the PDF's) joined with its charset.
func cffCodeNames(data []byte) map[byte]string {
	r := &cffReader{b: data}
	_, off := r.index(r.u8(2)) // names
	top, off := r.index(off)
	strs, _ := r.index(off)
	if r.bad || len(top) == 0 {
		return nil
	}
	td := cffDict(top[0])
	if _, cid := td[1230]; cid {
		return nil // CID-keyed: no names, codes go through a CMap
	}
	one := func(op int) int {
		if v := td[op]; len(v) > 0 {
			return v[0]
		}
		return 0
	}
	csOff, chOff, encOff := one(17), one(15), one(16)
	if csOff <= 0 || chOff <= 2 || encOff <= 1 {
		return nil // no charstrings, a predefined charset, or the standard/expert encoding
	}
	glyphs, _ := r.index(csOff)
	n := len(glyphs)
	if r.bad || n == 0 {
		return nil
	}
	sid := func(s int) string {
		if s < len(cffStdStrings) {
			return cffStdStrings[s]
		}
		if s-len(cffStdStrings) < len(strs) {
			return string(strs[s-len(cffStdStrings)])
		}
		return ""
	}
	// charset: glyph id → SID
	sids := make([]int, 1, n)
	p := chOff + 1
	switch r.u8(chOff) {
	case 0:
		for len(sids) < n && !r.bad {
			sids = append(sids, r.un(p, 2))
			p += 2
		}
	case 1, 2:
		wide := r.u8(chOff) == 2
		for len(sids) < n && !r.bad {
			first := r.un(p, 2)
			left := 0
			if wide {
				left = r.un(p+2, 2)
				p += 4
			} else {
				left = r.u8(p + 2)
				p += 3
			}
			for k := 0; k <= left && len(sids) < n; k++ {
				sids = append(sids, first+k)
			}
		}
	default:
		return nil
	}
	// encoding: code → glyph id
	out := map[byte]string{}
	fmt := r.u8(encOff)
	p = encOff + 1
	gid := 1
	switch fmt & 0x7f {
	case 0:
		nc := r.u8(p)
		p++
		for k := 0; k < nc && gid < len(sids); k++ {
			out[byte(r.u8(p))] = sid(sids[gid])
			p++
			gid++
		}
	case 1:
		nr := r.u8(p)
		p++
		for k := 0; k < nr && !r.bad; k++ {
			first, left := r.u8(p), r.u8(p+1)
			p += 2
			for c := first; c <= first+left && c < 256 && gid < len(sids); c++ {
				out[byte(c)] = sid(sids[gid])
				gid++
			}
		}
	default:
		return nil
	}
	if fmt&0x80 != 0 { // supplements: more codes for glyphs by SID
		ns := r.u8(p)
		p++
		byName := map[int]int{}
		for g, s := range sids {
			byName[s] = g
		}
		for k := 0; k < ns && !r.bad; k++ {
			c, s := r.u8(p), r.un(p+1, 2)
			p += 3
			if _, ok := byName[s]; ok {
				out[byte(c)] = sid(s)
			}
		}
	}
	if r.bad {
		return nil
	}
	return out
}

// sfntCodeNames: an OpenType font's CFF table, or a TrueType font's
// glyph for each code (its (3,0) symbol cmap, where codes sit at F000+code
// or at the code, else its (1,0) Macintosh cmap, as PDFium looks them up
// for a simple font) named by its 'post' table.
func sfntCodeNames(data []byte) map[byte]string {
	r := &cffReader{b: data}
	tables := map[string][]byte{}
	n := r.un(4, 2)
	for i := 0; i < n && i < 64; i++ {
		rec := 12 + 16*i
		off, length := r.un(rec+8, 4), r.un(rec+12, 4)
		if r.bad || off+length > len(data) || off+length < off {
			return nil
		}
		tables[string(data[rec:rec+4])] = data[off : off+length]
	}
	if cff, ok := tables["CFF "]; ok {
		return cffCodeNames(cff)
	}
	names := postNames(tables["post"])
	if names == nil {
		return nil
	}
	cm := &cffReader{b: tables["cmap"]}
	var sym, mac int = -1, -1
	for i := 0; i < cm.un(2, 2) && i < 64 && !cm.bad; i++ {
		pid, eid, off := cm.un(4+8*i, 2), cm.un(6+8*i, 2), cm.un(8+8*i, 4)
		switch {
		case pid == 3 && eid == 0:
			sym = off
		case pid == 1 && eid == 0:
			mac = off
		}
	}
	out := map[byte]string{}
	for c := 0; c < 256; c++ {
		gid := 0
		if sym >= 0 {
			for _, k := range []int{0xF000 + c, c, 0xF100 + c, 0xF200 + c} {
				if gid = cmapGlyph(cm, sym, k); gid != 0 {
					break
				}
			}
		}
		if gid == 0 && mac >= 0 {
			gid = cmapGlyph(cm, mac, c)
		}
		if gid > 0 && gid < len(names) && names[gid] != "" {
			out[byte(c)] = names[gid]
		}
	}
	if cm.bad {
		return nil
	}
	return out
}

// cmapGlyph looks c up in the cmap subtable at off (formats 0, 4 and 6).
func cmapGlyph(r *cffReader, off, c int) int {
	switch r.un(off, 2) {
	case 0:
		if c < 256 {
			return r.u8(off + 6 + c)
		}
	case 4:
		segs := r.un(off+6, 2) / 2
		ends := off + 14
		starts := ends + 2*segs + 2
		deltas := starts + 2*segs
		ranges := deltas + 2*segs
		for k := 0; k < segs && !r.bad; k++ {
			if c > r.un(ends+2*k, 2) {
				continue
			}
			start := r.un(starts+2*k, 2)
			if c < start {
				return 0
			}
			delta, ro := r.un(deltas+2*k, 2), r.un(ranges+2*k, 2)
			if ro == 0 {
				return (c + delta) & 0xffff
			}
			g := r.un(ranges+2*k+ro+2*(c-start), 2)
			if g == 0 {
				return 0
			}
			return (g + delta) & 0xffff
		}
	case 6:
		first, count := r.un(off+6, 2), r.un(off+8, 2)
		if c >= first && c < first+count {
			return r.un(off+10+2*(c-first), 2)
		}
	}
	return 0
}

// postNames are a 'post' table's glyph names (format 2): the names a font
// gives beyond the Macintosh standard set, and of that set the letters and
// ligatures that matter here (ASCII at 3–97, fi and fl at 192 and 193).
func postNames(post []byte) []string {
	r := &cffReader{b: post}
	if r.un(0, 4) != 0x20000 {
		return nil
	}
	n := r.un(32, 2)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = r.un(34+2*i, 2)
	}
	var custom []string
	for p := 34 + 2*n; p < len(post); {
		l := int(post[p])
		if p+1+l > len(post) {
			break
		}
		custom = append(custom, string(post[p+1:p+1+l]))
		p += 1 + l
	}
	if r.bad {
		return nil
	}
	out := make([]string, n)
	for g, i := range idx {
		switch {
		case i >= 258 && i-258 < len(custom):
			out[g] = custom[i-258]
		case i == 10:
			out[g] = "quotesingle"
		case i == 67:
			out[g] = "grave"
		case i >= 3 && i <= 97:
			out[g] = cffStdStrings[i-2] // the CFF standard strings start with the same ASCII run
		case i == 192:
			out[g] = "fi"
		case i == 193:
			out[g] = "fl"
		}
	}
	return out
}

// type1CodeNames reads "dup 129 /f_l put" lines of a Type 1 font's
// cleartext /Encoding array (text from "/Encoding" on).
func type1CodeNames(text []byte) map[byte]string {
	end := bytes.Index(text, []byte("readonly def"))
	if end < 0 {
		end = bytes.Index(text, []byte("eexec"))
	}
	if end < 0 {
		return nil
	}
	out := map[byte]string{}
	f := strings.Fields(string(text[:end]))
	for i := 0; i+3 < len(f); i++ {
		if f[i] != "dup" || f[i+3] != "put" || !strings.HasPrefix(f[i+2], "/") {
			continue
		}
		c, err := strconv.Atoi(f[i+1])
		if err != nil || c < 0 || c > 255 {
			continue
		}
		out[byte(c)] = f[i+2][1:]
	}
	return out
}

// glyphNameRunes is what a glyph name spells, by the Adobe Glyph List's
// rules: a suffix after "." is a variant ("fi.alt"), "_" joins the
// components of a ligature ("f_f_i"), "uniXXXX…" and "uXXXX[XX]" give code
// points, and the names of letters, digits, the classic ligatures and
// common punctuation come from a short table. Names it does not know give
// nil.
func glyphNameRunes(name string) []rune {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		return nil
	}
	var out []rune
	for _, c := range strings.Split(name, "_") {
		rs := componentRunes(c)
		if rs == nil {
			return nil
		}
		out = append(out, rs...)
	}
	return out
}

func componentRunes(c string) []rune {
	if len(c) == 1 && (c[0] >= 'A' && c[0] <= 'Z' || c[0] >= 'a' && c[0] <= 'z') {
		return []rune{rune(c[0])}
	}
	if s, ok := aglNames[c]; ok {
		return []rune(s)
	}
	if strings.HasPrefix(c, "uni") && len(c) >= 7 && (len(c)-3)%4 == 0 {
		var out []rune
		for i := 3; i < len(c); i += 4 {
			v, err := strconv.ParseUint(c[i:i+4], 16, 16)
			if err != nil || v >= 0xD800 && v <= 0xDFFF {
				return nil
			}
			out = append(out, rune(v))
		}
		return out
	}
	if strings.HasPrefix(c, "u") && len(c) >= 5 && len(c) <= 7 {
		v, err := strconv.ParseUint(c[1:], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return nil
		}
		return []rune{rune(v)}
	}
	return nil
}

// aglNames: the Adobe Glyph List names a text font's odd codes use.
var aglNames = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
	"ff": "ff", "fi": "fi", "fl": "fl", "ffi": "ffi", "ffl": "ffl", "IJ": "IJ", "ij": "ij",
	"germandbls": "ß", "dotlessi": "ı", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"space": " ", "hyphen": "-", "period": ".", "comma": ",", "colon": ":", "semicolon": ";",
	"quoteleft": "‘", "quoteright": "’", "quotedblleft": "“", "quotedblright": "”",
	"quotesingle": "'", "quotedbl": "\"", "endash": "–", "emdash": "—", "ellipsis": "…",
	"bullet": "•", "periodcentered": "·", "Euro": "€", "sterling": "£", "yen": "¥",
	"dollar": "$", "percent": "%", "ampersand": "&", "parenleft": "(", "parenright": ")",
	"slash": "/", "question": "?", "exclam": "!", "at": "@", "numbersign": "#",
	"asterisk": "*", "plus": "+", "equal": "=", "degree": "°", "section": "§",
	"paragraph": "¶", "dagger": "†", "daggerdbl": "‡", "copyright": "©", "registered": "®",
	"trademark": "™", "minus": "−", "multiply": "×", "divide": "÷", "fraction": "⁄",
	"onehalf": "½", "onequarter": "¼", "threequarters": "¾",
	"quotesinglbase": "‚", "quotedblbase": "„", "guillemotleft": "«", "guillemotright": "»",
	"guilsinglleft": "‹", "guilsinglright": "›",
}

// unmappedCode: PDFium gave a simple font's raw code for want of a
// character, which shows as a control character (or, for the codes of
// WinAnsi that stand empty, a C1 one). The characters PDFium itself marks
// (2 for a soft hyphen, line breaks) are not asked about.
func unmappedCode(r rune) bool {
	return r < 0x100 && unicode.IsControl(r) && r != 0 && r != 2 && r != '\r' && r != '\n' && r != '\t'
}

// cffStdStrings are the CFF standard strings (SIDs 0–390), Appendix A of
// Technical Note 5176.
var cffStdStrings = [...]string{
	".notdef", "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quoteright",
	"parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash", "zero", "one", "two",
	"three", "four", "five", "six", "seven", "eight", "nine", "colon", "semicolon", "less", "equal", "greater",
	"question", "at", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
	"S", "T", "U", "V", "W", "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum",
	"underscore", "quoteleft", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
	"q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde",
	"exclamdown", "cent", "sterling", "fraction", "yen", "florin", "section", "currency", "quotesingle",
	"quotedblleft", "guillemotleft", "guilsinglleft", "guilsinglright", "fi", "fl", "endash", "dagger",
	"daggerdbl", "periodcentered", "paragraph", "bullet", "quotesinglbase", "quotedblbase", "quotedblright",
	"guillemotright", "ellipsis", "perthousand", "questiondown", "grave", "acute", "circumflex", "tilde",
	"macron", "breve", "dotaccent", "dieresis", "ring", "cedilla", "hungarumlaut", "ogonek", "caron",
	"emdash", "AE", "ordfeminine", "Lslash", "Oslash", "OE", "ordmasculine", "ae", "dotlessi", "lslash",
	"oslash", "oe", "germandbls", "onesuperior", "logicalnot", "mu", "trademark", "Eth", "onehalf",
	"plusminus", "Thorn", "onequarter", "divide", "brokenbar", "degree", "thorn", "threequarters",
	"twosuperior", "registered", "minus", "eth", "multiply", "threesuperior", "copyright", "Aacute",
	"Acircumflex", "Adieresis", "Agrave", "Aring", "Atilde", "Ccedilla", "Eacute", "Ecircumflex",
	"Edieresis", "Egrave", "Iacute", "Icircumflex", "Idieresis", "Igrave", "Ntilde", "Oacute",
	"Ocircumflex", "Odieresis", "Ograve", "Otilde", "Scaron", "Uacute", "Ucircumflex", "Udieresis",
	"Ugrave", "Yacute", "Ydieresis", "Zcaron", "aacute", "acircumflex", "adieresis", "agrave", "aring",
	"atilde", "ccedilla", "eacute", "ecircumflex", "edieresis", "egrave", "iacute", "icircumflex",
	"idieresis", "igrave", "ntilde", "oacute", "ocircumflex", "odieresis", "ograve", "otilde", "scaron",
	"uacute", "ucircumflex", "udieresis", "ugrave", "yacute", "ydieresis", "zcaron", "exclamsmall",
	"Hungarumlautsmall", "dollaroldstyle", "dollarsuperior", "ampersandsmall", "Acutesmall",
	"parenleftsuperior", "parenrightsuperior", "twodotenleader", "onedotenleader", "zerooldstyle",
	"oneoldstyle", "twooldstyle", "threeoldstyle", "fouroldstyle", "fiveoldstyle", "sixoldstyle",
	"sevenoldstyle", "eightoldstyle", "nineoldstyle", "commasuperior", "threequartersemdash",
	"periodsuperior", "questionsmall", "asuperior", "bsuperior", "centsuperior", "dsuperior", "esuperior",
	"isuperior", "lsuperior", "msuperior", "nsuperior", "osuperior", "rsuperior", "ssuperior",
	"tsuperior", "ff", "ffi", "ffl", "parenleftinferior", "parenrightinferior", "Circumflexsmall",
	"hyphensuperior", "Gravesmall", "Asmall", "Bsmall", "Csmall", "Dsmall", "Esmall", "Fsmall", "Gsmall",
	"Hsmall", "Ismall", "Jsmall", "Ksmall", "Lsmall", "Msmall", "Nsmall", "Osmall", "Psmall", "Qsmall",
	"Rsmall", "Ssmall", "Tsmall", "Usmall", "Vsmall", "Wsmall", "Xsmall", "Ysmall", "Zsmall",
	"colonmonetary", "onefitted", "rupiah", "Tildesmall", "exclamdownsmall", "centoldstyle",
	"Lslashsmall", "Scaronsmall", "Zcaronsmall", "Dieresissmall", "Brevesmall", "Caronsmall", "Dotaccentsmall",
	"Macronsmall", "figuredash", "hypheninferior", "Ogoneksmall", "Ringsmall", "Cedillasmall",
	"questiondownsmall", "oneeighth", "threeeighths", "fiveeighths", "seveneighths", "onethird",
	"twothirds", "zerosuperior", "foursuperior", "fivesuperior", "sixsuperior", "sevensuperior",
	"eightsuperior", "ninesuperior", "zeroinferior", "oneinferior", "twoinferior", "threeinferior",
	"fourinferior", "fiveinferior", "sixinferior", "seveninferior", "eightinferior", "nineinferior",
	"centinferior", "dollarinferior", "periodinferior", "commainferior", "Agravesmall", "Aacutesmall",
	"Acircumflexsmall", "Atildesmall", "Adieresissmall", "Aringsmall", "AEsmall", "Ccedillasmall",
	"Egravesmall", "Eacutesmall", "Ecircumflexsmall", "Edieresissmall", "Igravesmall", "Iacutesmall",
	"Icircumflexsmall", "Idieresissmall", "Ethsmall", "Ntildesmall", "Ogravesmall", "Oacutesmall",
	"Ocircumflexsmall", "Otildesmall", "Odieresissmall", "OEsmall", "Oslashsmall", "Ugravesmall",
	"Uacutesmall", "Ucircumflexsmall", "Udieresissmall", "Yacutesmall", "Thornsmall", "Ydieresissmall",
	"001.000", "001.001", "001.002", "001.003", "Black", "Bold", "Book", "Light", "Medium", "Regular",
	"Roman", "Semibold",
}

// codeRunes is what code draws in the font of char i, from the font
// program's glyph names; nil when the font is not embedded or does not
// say.
func (r *pageReader) codeRunes(tp uint64, i int, code byte) []rune {
	nat := r.n
	to := nat.call(fnTextGetTextObject, tp, uint64(i))
	if to == 0 {
		return nil
	}
	// The font belongs to the document: it is not ours to close.
	font := nat.call(fnTextObjGetFont, to)
	if font == 0 {
		return nil
	}
	// FPDFFont_GetBaseFontName(font, buffer, length).
	base, ok := nat.stringOut(fnFontGetBaseFontName, 1, font, 0, 0)
	if !ok {
		return nil
	}
	names, ok := r.codes[base]
	if !ok {
		if nat.callInt(fnFontGetIsEmbedded, font) == 1 {
			if data := nat.fontData(font); data != nil {
				names = fontCodeNames(data)
			}
		}
		if r.codes == nil {
			r.codes = map[string]map[byte]string{}
		}
		r.codes[base] = names
	}
	rs := glyphNameRunes(names[code])
	for _, c := range rs {
		if unicode.IsControl(c) {
			return nil
		}
	}
	return rs
}

// SplitGlyph is g drawn as the letters rs (a ligature's), its box cut in
// equal parts along the line.
func SplitGlyph(g Glyph, rs []rune) []Glyph {
	if len(rs) == 1 {
		g.Char = rs[0]
		return []Glyph{g}
	}
	out := make([]Glyph, len(rs))
	vertical := math.Abs(math.Sin(g.Angle)) > 0.5
	for k, c := range rs {
		h := g
		h.Char = c
		f0, f1 := float64(k)/float64(len(rs)), float64(k+1)/float64(len(rs))
		if vertical {
			h.Y0, h.Y1 = g.Y0+f0*(g.Y1-g.Y0), g.Y0+f1*(g.Y1-g.Y0)
		} else {
			h.X0, h.X1 = g.X0+f0*(g.X1-g.X0), g.X0+f1*(g.X1-g.X0)
		}
		out[k] = h
	}
	return out
}
