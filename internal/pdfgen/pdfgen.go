// Package pdfgen writes small PDFs for tests: pages of text runs in the
// standard Latin fonts or in CJK CID fonts addressed through predefined
// CMaps (UniGB-UCS2-H, GBK-EUC-H, B5pc-H, 90ms-RKSJ-H, KSCms-UHC-H and their
// -V forms) without a ToUnicode map, the way e-paper PDFs often come;
// Identity-H/-V fonts with a ToUnicode map; a Latin face embedded as a
// CFF program whose ligatures the ToUnicode map leaves out (LigatureSerif);
// image boxes (bare or inside a
// form XObject); rotated pages; and the damage bao must survive (an
// encryption dictionary, a page with no text layer, truncation).
//
// It writes fixtures, not documents: fonts on predefined CMaps are not
// embedded (PDFium maps them to Unicode from its own tables and measures
// glyphs from the widths the file gives); Identity fonts embed Go Regular
// (BSD licence) as stand-in outlines; and every stream is Flate-compressed, as in
// real PDFs, so that nothing can find the text by scanning the bytes.
//
//	d := &pdfgen.Doc{}
//	p := d.AddPage(595, 842)
//	p.Text(pdfgen.Helvetica, 12, 72, 100, "Hello")
//	data := d.Bytes()
package pdfgen

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Font is a font a page may use: a standard Type 1 font, or a CID font
// reached through a CMap.
type Font struct {
	Base string // the /BaseFont name
	CMap string // "" for a simple font; a predefined CMap name, or "Identity-H"/"Identity-V"
	// Embedded, for a font on a predefined CMap, embeds a generated
	// CID-keyed CFF program with a box for every CID (still no ToUnicode):
	// PDFium draws, and so reads, vertical text only in a font it has
	// outlines for, and e-paper PDFs embed their CJK faces.
	Embedded bool
}

// Fonts the fixtures use. The CJK names follow the real papers' faces
// (Founder, Morisawa-like) so style detection from names is exercised.
var (
	Helvetica     = Font{Base: "Helvetica"}
	HelveticaBold = Font{Base: "Helvetica-Bold"}
	TimesRoman    = Font{Base: "Times-Roman"}
	TimesItalic   = Font{Base: "Times-Italic"}

	SongUCS2   = Font{Base: "FZBSJW--GB1-0", CMap: "UniGB-UCS2-H"}  // body face, UCS-2 codes
	HeiUCS2    = Font{Base: "FZHTJW--GB1-0", CMap: "UniGB-UCS2-H"}  // bold sans
	BiaoSong   = Font{Base: "FZDBSJW--GB1-0", CMap: "UniGB-UCS2-H"} // headline face
	SongGBK    = Font{Base: "FZSSK--GBK1-0", CMap: "GBK-EUC-H"}
	MingBig5   = Font{Base: "MingLiU", CMap: "B5pc-H"}
	MinchoSJIS = Font{Base: "MS-Mincho", CMap: "90ms-RKSJ-H"}
	BatangUHC  = Font{Base: "Batang", CMap: "KSCms-UHC-H"}
	MinchoV    = Font{Base: "MS-Mincho", CMap: "UniJIS-UCS2-V"} // vertical Japanese
	SongV      = Font{Base: "FZBSJW--GB1-0", CMap: "UniGB-UCS2-V"}
	// Embedded vertical faces on predefined CMaps, subset-tagged as real
	// e-paper PDFs name them: Japanese (UCS-2 codes, Adobe-Japan1 CIDs) and
	// Chinese (GBK codes, Adobe-GB1 CIDs), neither with a ToUnicode map.
	MinchoVEmbedded = Font{Base: "BAOMIN+RyuminPro-Light", CMap: "UniJIS-UCS2-V", Embedded: true}
	GothicVEmbedded = Font{Base: "BAOGOT+HiraginoSans-W6", CMap: "UniJIS-UCS2-V", Embedded: true}
	SongGBKV        = Font{Base: "BAOSNG+FZSSK--GBK1-0", CMap: "GBK-EUC-V", Embedded: true}
	IdentityH       = Font{Base: "SourceHanSerifSC-Regular", CMap: "Identity-H"}
	IdentityV       = Font{Base: "SourceHanSerifSC-Regular", CMap: "Identity-V"}
)

// Doc is a PDF being built.
type Doc struct {
	Pages []*Page
	// Encrypt adds a standard security handler dictionary whose user
	// password is not empty, so readers cannot open the file without it.
	Encrypt bool
}

// Page is one page: its size in points and what it draws, in the order
// added. Coordinates are from the page's top-left corner, y down.
type Page struct {
	Width, Height float64
	Rotate        int // /Rotate in degrees, clockwise
	items         []item
}

type item struct {
	font       Font
	size       float64
	x, y       float64 // baseline start (horizontal) or top centre (vertical)
	text       string
	matrixSize bool // "1 Tf" and the size in the text matrix, as e-paper PDFs do
	image      bool
	inForm     bool
	w, h       float64
}

// AddPage adds a page of the given size in points.
func (d *Doc) AddPage(w, h float64) *Page {
	p := &Page{Width: w, Height: h}
	d.Pages = append(d.Pages, p)
	return p
}

// Text draws s in font f at size pt, its baseline starting at (x, y) from
// the top left (for a vertical font, (x, y) is the top of the column's
// centre line).
func (p *Page) Text(f Font, size, x, y float64, s string) {
	p.items = append(p.items, item{font: f, size: size, x: x, y: y, text: s})
}

// TextScaled draws like Text but sets "1 Tf" and puts the size in the
// text matrix, which is how many e-paper PDFs set type.
func (p *Page) TextScaled(f Font, size, x, y float64, s string) {
	p.items = append(p.items, item{font: f, size: size, x: x, y: y, text: s, matrixSize: true})
}

// Image draws a grey image filling the box at (x, y), w × h points.
func (p *Page) Image(x, y, w, h float64) {
	p.items = append(p.items, item{image: true, x: x, y: y, w: w, h: h})
}

// FormImage draws an image inside a form XObject placed at (x, y).
func (p *Page) FormImage(x, y, w, h float64) {
	p.items = append(p.items, item{image: true, inForm: true, x: x, y: y, w: w, h: h})
}

// Column sets lines of text (one string each) as a column: baselines
// leading points apart from y.
func (p *Page) Column(f Font, size, leading, x, y float64, lines ...string) {
	for i, l := range lines {
		p.Text(f, size, x, y+float64(i)*leading, l)
	}
}

// writer lays out objects and remembers their offsets.
type writer struct {
	buf     bytes.Buffer
	offsets []int // by object number - 1
}

func (w *writer) reserve() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets)
}

func (w *writer) obj(n int, body string) {
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (w *writer) stream(n int, dict string, data []byte) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(data)
	zw.Close()
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Filter /FlateDecode /Length %d >>\nstream\n", n, dict, z.Len())
	w.buf.Write(z.Bytes())
	w.buf.WriteString("\nendstream\nendobj\n")
}

// Bytes writes the PDF.
func (d *Doc) Bytes() []byte {
	w := &writer{}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	catalog := w.reserve()
	pagesObj := w.reserve()

	// Fonts in first-use order, shared by all pages.
	type fontObj struct {
		key  string
		num  int
		font Font
		cids map[rune]int // Identity fonts: rune → CID
	}
	var fonts []*fontObj
	byFont := map[Font]*fontObj{}
	for _, p := range d.Pages {
		for _, it := range p.items {
			if it.image {
				continue
			}
			fo := byFont[it.font]
			if fo == nil {
				fo = &fontObj{key: fmt.Sprintf("F%d", len(fonts)+1), font: it.font, cids: map[rune]int{}}
				fonts = append(fonts, fo)
				byFont[it.font] = fo
			}
			if isIdentity(it.font.CMap) {
				for _, r := range it.text {
					if _, ok := fo.cids[r]; !ok {
						// Glyph ids from 36 ('A' in Go Regular) have outlines.
						fo.cids[r] = 36 + len(fo.cids)%400
					}
				}
			}
		}
	}
	for _, fo := range fonts {
		fo.num = w.reserve()
	}
	image := w.reserve()
	form := w.reserve()
	var fontRes strings.Builder
	for _, fo := range fonts {
		fmt.Fprintf(&fontRes, "/%s %d 0 R ", fo.key, fo.num)
	}
	resources := fmt.Sprintf("<< /Font << %s>> /XObject << /Im1 %d 0 R /Fm1 %d 0 R >> >>", fontRes.String(), image, form)

	var kids []string
	type pageNums struct{ page, content int }
	nums := make([]pageNums, len(d.Pages))
	for i := range d.Pages {
		nums[i] = pageNums{w.reserve(), w.reserve()}
		kids = append(kids, fmt.Sprintf("%d 0 R", nums[i].page))
	}
	var encrypt int
	if d.Encrypt {
		encrypt = w.reserve()
	}

	w.obj(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj))
	w.obj(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	for _, fo := range fonts {
		d.writeFont(w, fo.num, fo.font, fo.cids)
	}
	w.stream(image, "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0x40, 0xc0, 0xc0, 0x40})
	w.stream(form, fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /Im1 %d 0 R >> >>", image), []byte("q 1 0 0 1 0 0 cm /Im1 Do Q"))

	for i, p := range d.Pages {
		var c bytes.Buffer
		for _, it := range p.items {
			if it.image {
				// The box in PDF space: bottom-left corner at (x, H-y-h).
				bx, by := it.x, p.Height-it.y-it.h
				if it.inForm {
					fmt.Fprintf(&c, "q %s 0 0 %s %s %s cm /Fm1 Do Q\n", num(it.w), num(it.h), num(bx), num(by))
				} else {
					fmt.Fprintf(&c, "q %s 0 0 %s %s %s cm /Im1 Do Q\n", num(it.w), num(it.h), num(bx), num(by))
				}
				continue
			}
			fo := byFont[it.font]
			str := encodeString(it.font, fo.cids, it.text)
			if it.matrixSize {
				fmt.Fprintf(&c, "BT /%s 1 Tf %s 0 0 %s %s %s Tm %s Tj ET\n", fo.key, num(it.size), num(it.size), num(it.x), num(p.Height-it.y), str)
			} else {
				fmt.Fprintf(&c, "BT /%s %s Tf 1 0 0 1 %s %s Tm %s Tj ET\n", fo.key, num(it.size), num(it.x), num(p.Height-it.y), str)
			}
		}
		rot := ""
		if p.Rotate != 0 {
			rot = fmt.Sprintf(" /Rotate %d", p.Rotate)
		}
		w.obj(nums[i].page, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s]%s /Resources %s /Contents %d 0 R >>",
			pagesObj, num(p.Width), num(p.Height), rot, resources, nums[i].content))
		w.stream(nums[i].content, "", c.Bytes())
	}
	trailerExtra := ""
	if d.Encrypt {
		// Revision 2 of the standard handler, with O and U that no empty
		// password satisfies: the file opens only with its password.
		o := strings.Repeat("4f", 32)
		u := strings.Repeat("55", 32)
		w.obj(encrypt, fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>", o, u))
		trailerExtra = fmt.Sprintf(" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]", encrypt)
	}
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(w.offsets)+1, catalog, trailerExtra, xref)
	return w.buf.Bytes()
}

func (d *Doc) writeFont(w *writer, n int, f Font, cids map[rune]int) {
	if f.CMap == cffMarker {
		d.writeCFFFont(w, n, f)
		return
	}
	if f.CMap == "" {
		w.obj(n, fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>", f.Base))
		return
	}
	desc := w.reserve()
	fd := w.reserve()
	if isIdentity(f.CMap) {
		// An embedded font with a ToUnicode map, as in most PDFs: Go
		// Regular's outlines stand in for the CJK glyphs (the CIDs are its
		// glyph ids; the ToUnicode map says which character each one is).
		// Without glyph outlines a vertical run has no width, and PDFium's
		// text page drops text objects with no width.
		tounicode := w.reserve()
		file := w.reserve()
		w.obj(n, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /%s /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", f.Base, f.CMap, desc, tounicode))
		w.obj(desc, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /CIDToGIDMap /Identity >>",
			f.Base, fd))
		w.obj(fd, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>", f.Base, file))
		w.stream(tounicode, "", toUnicode(cids))
		w.stream(file, fmt.Sprintf("/Length1 %d", len(goregular.TTF)), goregular.TTF)
		return
	}
	reg, ord, sup := systemInfo(f.CMap)
	w.obj(n, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /%s /DescendantFonts [%d 0 R] >>", f.Base, f.CMap, desc))
	w.obj(desc, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /%s /CIDSystemInfo << /Registry (%s) /Ordering (%s) /Supplement %d >> /FontDescriptor %d 0 R /DW 1000 >>",
		f.Base, reg, ord, sup, fd))
	file := ""
	if f.Embedded {
		prog := w.reserve()
		file = fmt.Sprintf(" /FontFile3 %d 0 R", prog)
		w.stream(prog, "/Subtype /CIDFontType0C", cidProgram(f.Base[strings.IndexByte(f.Base, '+')+1:], reg, ord, sup))
	}
	w.obj(fd, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 6 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80%s >>", f.Base, file))
}

func isIdentity(cmap string) bool { return strings.HasPrefix(cmap, "Identity-") }

// systemInfo is the character collection a predefined CMap addresses.
func systemInfo(cmap string) (registry, ordering string, supplement int) {
	switch {
	case isIdentity(cmap):
		return "Adobe", "Identity", 0
	case strings.HasPrefix(cmap, "UniGB"), strings.HasPrefix(cmap, "GBK"), strings.HasPrefix(cmap, "GB-"):
		return "Adobe", "GB1", 4
	case strings.HasPrefix(cmap, "B5"), strings.HasPrefix(cmap, "UniCNS"), strings.HasPrefix(cmap, "ETen"):
		return "Adobe", "CNS1", 3
	case strings.HasPrefix(cmap, "90ms"), strings.HasPrefix(cmap, "UniJIS"), strings.HasPrefix(cmap, "RKSJ"):
		return "Adobe", "Japan1", 4
	case strings.HasPrefix(cmap, "KSC"), strings.HasPrefix(cmap, "UniKS"):
		return "Adobe", "Korea1", 2
	}
	return "Adobe", "Identity", 0
}

// encodeString writes s as a PDF string in the font's encoding.
func encodeString(f Font, cids map[rune]int, s string) string {
	if f.CMap == cffMarker {
		return encodeCFF(s)
	}
	if f.CMap == "" {
		b, err := encodeWith(charmap.Windows1252, s)
		if err != nil {
			panic(fmt.Sprintf("pdfgen: %q is not WinAnsi: %v", s, err))
		}
		return literal(b)
	}
	var b []byte
	switch {
	case isIdentity(f.CMap):
		for _, r := range s {
			b = append(b, byte(cids[r]>>8), byte(cids[r]))
		}
	case strings.Contains(f.CMap, "UCS2"):
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
	default:
		var err error
		b, err = encodeWith(legacyEncoding(f.CMap), s)
		if err != nil {
			panic(fmt.Sprintf("pdfgen: %q in %s: %v", s, f.CMap, err))
		}
	}
	return fmt.Sprintf("<%x>", b)
}

func legacyEncoding(cmap string) encoding.Encoding {
	switch {
	case strings.HasPrefix(cmap, "GBK"):
		return simplifiedchinese.GBK
	case strings.HasPrefix(cmap, "B5"), strings.HasPrefix(cmap, "ETen"):
		return traditionalchinese.Big5
	case strings.HasPrefix(cmap, "90ms"):
		return japanese.ShiftJIS
	case strings.HasPrefix(cmap, "KSC"):
		return korean.EUCKR // x/text's EUC-KR is Microsoft's UHC (code page 949)
	}
	panic("pdfgen: no encoder for CMap " + cmap)
}

func encodeWith(e encoding.Encoding, s string) ([]byte, error) {
	return e.NewEncoder().Bytes([]byte(s))
}

// literal writes bytes as a PDF literal string.
func literal(b []byte) string {
	var sb strings.Builder
	sb.WriteByte('(')
	for _, c := range b {
		switch c {
		case '(', ')', '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		default:
			if c < 0x20 || c >= 0x7f {
				fmt.Fprintf(&sb, "\\%03o", c)
			} else {
				sb.WriteByte(c)
			}
		}
	}
	sb.WriteByte(')')
	return sb.String()
}

// toUnicode is a ToUnicode CMap for an Identity font's CIDs.
func toUnicode(cids map[rune]int) []byte {
	type pair struct {
		cid int
		r   rune
	}
	var ps []pair
	for r, c := range cids {
		ps = append(ps, pair{c, r})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].cid < ps[j].cid })
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Bao-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(ps); i += 100 {
		chunk := ps[i:min(i+100, len(ps))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, p := range chunk {
			u := utf16.Encode([]rune{p.r})
			fmt.Fprintf(&b, "<%04x> <", p.cid)
			for _, x := range u {
				fmt.Fprintf(&b, "%04x", x)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// num writes a number the short way PDF likes.
func num(f float64) string {
	s := fmt.Sprintf("%.3f", f)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// PaperPage adds a page set like an e-paper page: the paper's name big at
// the top, a date line, a headline, and the body in two columns of 12 pt
// lines (left first). It is what the layout needs to find a masthead, a
// headline and an article.
func (d *Doc) PaperPage(paper, dateline, headline string, left, right []string) *Page {
	p := d.AddPage(420, 600)
	p.TextScaled(BiaoSong, 36, 20, 50, paper)
	p.Text(SongUCS2, 9, 20, 66, dateline)
	p.TextScaled(BiaoSong, 24, 20, 120, headline)
	p.Column(SongUCS2, 12, 18, 20, 160, left...)
	p.Column(SongUCS2, 12, 18, 220, 160, right...)
	return p
}
