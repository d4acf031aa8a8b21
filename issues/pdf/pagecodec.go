package pdf

import (
	"encoding/binary"
	"errors"
	"math"
)

// The page cache's encoding of a page: compact and exact, written and read
// without reflection. gob took as long to write a broadsheet page as the
// layout takes to read it, made a string per glyph for its font when read
// back, and its buffers were most of what reading a date's page files
// allocated.
//
// Coordinates come rounded to hundredths of a point (round2), sizes too
// and angles to 1e-4 rad, so a value is its count of such units, as a
// varint of the difference from a neighbour: a glyph's left edge from the
// glyph before's right edge, its right edge from its own left edge, and
// so on, mostly a byte or two. A value that is not such a count (the
// parts of a ligature split in equal shares, say) is written whole, in 8
// bytes; decoding gives back the same float64, bit for bit.
//
// A page is
//
//	uvarint number, float width, float height
//	uvarint len(images), per image 4 floats (x0 y0 x1 y1)
//	uvarint len(glyphs), per glyph:
//	  uvarint font: its index among the page's fonts so far; the next index brings a new name (uvarint length, bytes)
//	  varint  char, from the glyph before's
//	  byte    bold | italic<<1 | hyphen<<2
//	  floats  x0 (from the glyph before's x1), x1 (from x0), y0 (from the glyph before's y0), y1 (from y0), size (from the glyph before's), angle (likewise)

// Units of the values: round2 for coordinates and sizes, angle's 1e4.
const (
	unitPoints = 100
	unitAngle  = 1e4
)

// pageEncoder appends pages to buf.
type pageEncoder struct {
	buf   []byte
	fonts map[string]uint64
}

// page appends p to e.buf.
func (e *pageEncoder) page(p *Page) {
	b := binary.AppendUvarint(e.buf, uint64(p.Number))
	b, _ = appendValue(b, p.Width, unitPoints, 0)
	b, _ = appendValue(b, p.Height, unitPoints, 0)
	b = binary.AppendUvarint(b, uint64(len(p.Images)))
	for _, r := range p.Images {
		b, _ = appendValue(b, r.X0, unitPoints, 0)
		b, _ = appendValue(b, r.Y0, unitPoints, 0)
		b, _ = appendValue(b, r.X1, unitPoints, 0)
		b, _ = appendValue(b, r.Y1, unitPoints, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(p.Glyphs)))
	if e.fonts == nil {
		e.fonts = map[string]uint64{}
	}
	clear(e.fonts)
	var prev glyphBase
	for i := range p.Glyphs {
		g := &p.Glyphs[i]
		k, ok := e.fonts[g.Font]
		if !ok {
			k = uint64(len(e.fonts))
			e.fonts[g.Font] = k
		}
		b = binary.AppendUvarint(b, k)
		if !ok {
			b = binary.AppendUvarint(b, uint64(len(g.Font)))
			b = append(b, g.Font...)
		}
		b = binary.AppendVarint(b, int64(g.Char)-int64(prev.char))
		b = append(b, flags(g))
		var x0, x1, y0 int64
		b, x0 = appendValue(b, g.X0, unitPoints, prev.x1)
		b, x1 = appendValue(b, g.X1, unitPoints, x0)
		b, y0 = appendValue(b, g.Y0, unitPoints, prev.y0)
		b, _ = appendValue(b, g.Y1, unitPoints, y0)
		b, prev.size = appendValue(b, g.Size, unitPoints, prev.size)
		b, prev.angle = appendValue(b, g.Angle, unitAngle, prev.angle)
		prev.x1, prev.y0, prev.char = x1, y0, g.Char
	}
	e.buf = b
}

// glyphBase is what a glyph's values are written as differences from: the
// glyph before's, in units.
type glyphBase struct {
	x1, y0, size, angle int64
	char                rune
}

func flags(g *Glyph) byte {
	var f byte
	if g.Bold {
		f |= 1
	}
	if g.Italic {
		f |= 2
	}
	if g.Hyphen {
		f |= 4
	}
	return f
}

// units is f as a count of 1/unit, rounded; exact says that the count
// gives f back bit for bit.
func units(f float64, unit float64) (n int64, exact bool) {
	r := math.Round(f * unit)
	if !(math.Abs(r) < 1<<52) { // also NaN
		return 0, false
	}
	n = int64(r)
	return n, math.Float64bits(float64(n)/unit) == math.Float64bits(f)
}

// appendValue appends f as its units' difference from base (the varint's
// low bit 0), or whole (a 1, then its 8 bytes). n is f in units (rounded
// when not exact), the base for the value after.
func appendValue(b []byte, f, unit float64, base int64) ([]byte, int64) {
	n, exact := units(f, unit)
	if !exact {
		b = append(b, 1)
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(f)), n
	}
	return binary.AppendUvarint(b, zigzag(n-base)<<1), n
}

func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

var errBadPage = errors.New("damaged page in the cache")

// pageDecoder reads one encoded page from b.
type pageDecoder struct {
	b     []byte
	err   error
	fonts []string
}

func (d *pageDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errBadPage, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *pageDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errBadPage, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count is a length that must fit in what is left, each item taking at
// least min bytes.
func (d *pageDecoder) count(min int) int {
	v := d.uvarint()
	if v > uint64(len(d.b)/min) {
		d.err, d.b = errBadPage, nil
		return 0
	}
	return int(v)
}

func (d *pageDecoder) value(unit float64, base int64) (float64, int64) {
	v := d.uvarint()
	if v == 1 {
		if len(d.b) < 8 {
			d.err, d.b = errBadPage, nil
			return 0, 0
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
		d.b = d.b[8:]
		n, _ := units(f, unit)
		return f, n
	}
	if v&1 != 0 {
		d.err, d.b = errBadPage, nil
		return 0, 0
	}
	n := base + unzigzag(v>>1)
	return float64(n) / unit, n
}

// page decodes the page d holds; it must hold nothing else.
func (d *pageDecoder) page() (Page, error) {
	var p Page
	p.Number = int(d.uvarint())
	p.Width, _ = d.value(unitPoints, 0)
	p.Height, _ = d.value(unitPoints, 0)
	if n := d.count(4); n > 0 {
		p.Images = make([]Rect, n)
		for i := range p.Images {
			r := &p.Images[i]
			r.X0, _ = d.value(unitPoints, 0)
			r.Y0, _ = d.value(unitPoints, 0)
			r.X1, _ = d.value(unitPoints, 0)
			r.Y1, _ = d.value(unitPoints, 0)
		}
	}
	// A glyph takes 9 bytes at the least.
	p.Glyphs = make([]Glyph, d.count(9))
	d.fonts = d.fonts[:0]
	var prev glyphBase
	for i := range p.Glyphs {
		g := &p.Glyphs[i]
		k := d.uvarint()
		switch {
		case k < uint64(len(d.fonts)):
			g.Font = d.fonts[k]
		case k == uint64(len(d.fonts)):
			n := d.count(1)
			g.Font = string(d.b[:n])
			d.b = d.b[n:]
			d.fonts = append(d.fonts, g.Font)
		default:
			d.err, d.b = errBadPage, nil
		}
		g.Char = prev.char + rune(d.varint())
		if len(d.b) == 0 {
			d.err = errBadPage
			break
		}
		f := d.b[0]
		d.b = d.b[1:]
		g.Bold, g.Italic, g.Hyphen = f&1 != 0, f&2 != 0, f&4 != 0
		var x0, x1, y0 int64
		g.X0, x0 = d.value(unitPoints, prev.x1)
		g.X1, x1 = d.value(unitPoints, x0)
		g.Y0, y0 = d.value(unitPoints, prev.y0)
		g.Y1, _ = d.value(unitPoints, y0)
		g.Size, prev.size = d.value(unitPoints, prev.size)
		g.Angle, prev.angle = d.value(unitAngle, prev.angle)
		prev.x1, prev.y0, prev.char = x1, y0, g.Char
		if d.err != nil {
			break
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errBadPage
	}
	if d.err != nil {
		return Page{}, d.err
	}
	if len(p.Glyphs) == 0 {
		p.Glyphs = nil
	}
	return p, nil
}
