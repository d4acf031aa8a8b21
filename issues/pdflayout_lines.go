package issues

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"bao/issues/pdf"
)

// Glyphs → lines: the first step of reading a PDF page's geometry.
//
// A PDF draws a page's text in runs, nearly always one printed line at a
// time. A run ends where the next glyph does not follow the last one: a new
// baseline, a step back, a gap wider than a column gutter, a turn of the
// writing direction. Runs of one printed line that the content stream drew
// apart (a line finished after an inline image, a run-in heading set in
// another font) are then joined by baseline and gap.
//
//	中国海油  (x advancing, one baseline)        → one horizontal line
//	中/国/海/油 (y advancing, one x-centre)      → one vertical line
//	A (3 lines tall) + "rise in India’s…"        → a drop cap, joined later (blocks)

// pline is one printed line: its glyphs in reading order and their box.
type pline struct {
	glyphs   []pdf.Glyph
	box      pdf.Rect
	size     float64 // the line's type size: the size most of its glyphs have
	bold     bool    // most glyphs bold
	italic   bool    // most glyphs italic
	font     string  // the font most glyphs are set in
	vertical bool    // written top to bottom
	rotated  bool    // drawn at an angle (edge text)
	text     string  // NFC text, CJK without spaces, Latin words spaced
	hyphen   bool    // ends with a line-end hyphen (dropped from text)
}

// The thresholds, in ems of the glyph's size.
const (
	lineBaselineTol = 0.35 // same line: centres within this much
	lineGapMax      = 1.0  // a wider gap on one baseline is a gutter
	lineBackTol     = 0.5  // a step back further than this starts a new run
	wordGapLatin    = 0.22 // a gap this wide between Latin letters is a word space
	mergeGapMax     = 0.6  // two runs of one size this close on a baseline are one line
)

func cy(r pdf.Rect) float64 { return (r.Y0 + r.Y1) / 2 }
func cx(r pdf.Rect) float64 { return (r.X0 + r.X1) / 2 }

// isSpaceGlyph: a glyph that draws a space.
func isSpaceGlyph(g pdf.Glyph) bool { return unicode.IsSpace(g.Char) || g.Char == 0 }

// follows reports whether b continues the run that ends with a, and in which
// direction: horizontal (b to the right of a on a's baseline) or vertical
// (b under a, on a's x-centre).
func follows(a, b pdf.Glyph) (horiz, vert bool) {
	if math.Abs(a.Angle-b.Angle) > 0.01 {
		return false, false
	}
	em := math.Max(math.Min(a.Size, b.Size), 1)
	if math.Abs(cy(a.Rect)-cy(b.Rect)) <= lineBaselineTol*em {
		gap := b.X0 - a.X1
		if gap <= lineGapMax*math.Max(a.Size, b.Size) && b.X0 >= a.X0-lineBackTol*em {
			horiz = true
		}
	}
	if math.Abs(cx(a.Rect)-cx(b.Rect)) <= lineBaselineTol*em && a.Angle == 0 {
		gap := b.Y0 - a.Y1
		if gap <= lineGapMax*math.Max(a.Size, b.Size) && b.Y0 >= a.Y0+0.5*em {
			vert = true
		}
	}
	return horiz, vert
}

// pageLines cuts a page's glyphs into printed lines. A run is a stretch of
// the page's glyphs in drawing order, so its glyphs are a slice of the
// page's, not a copy (capped, so that an append never writes over the
// next run).
func pageLines(p *pdf.Page) []*pline {
	var runs []*pline
	var cur *pline
	start := 0   // where cur starts in p.Glyphs
	dir := 0     // 0 undecided, 1 horizontal, 2 vertical
	ink := false // the current run holds a visible glyph
	var last pdf.Glyph
	flush := func() {
		if cur != nil {
			cur.vertical = dir == 2
			runs = append(runs, cur)
		}
		cur, dir, ink = nil, 0, false
	}
	for i, g := range p.Glyphs {
		if cur == nil {
			start = i
		}
		if isSpaceGlyph(g) {
			// A space belongs to the run it is drawn in; it never decides
			// where a line goes.
			if cur == nil {
				cur = &pline{}
			}
			cur.glyphs = p.Glyphs[start : i+1 : i+1]
			continue
		}
		if cur != nil && !ink {
			cur.glyphs = p.Glyphs[start : i+1 : i+1]
			last, ink = g, true
			continue
		}
		if cur != nil {
			h, v := follows(last, g)
			switch {
			case dir == 0 && h:
				dir = 1
			case dir == 0 && v:
				dir = 2
			case dir == 1 && h, dir == 2 && v:
			default:
				flush()
				start = i
			}
		}
		if cur == nil {
			cur = &pline{}
		}
		cur.glyphs = p.Glyphs[start : i+1 : i+1]
		last, ink = g, true
	}
	flush()
	lines := mergeRuns(runs)
	for _, l := range lines {
		l.finish()
	}
	return lines
}

// inkBox is the box of a run's visible glyphs.
func inkBox(gs []pdf.Glyph) (pdf.Rect, bool) {
	var r pdf.Rect
	ok := false
	for _, g := range gs {
		if isSpaceGlyph(g) {
			continue
		}
		if !ok {
			r, ok = g.Rect, true
			continue
		}
		r = union(r, g.Rect)
	}
	return r, ok
}

func union(a, b pdf.Rect) pdf.Rect {
	return pdf.Rect{X0: math.Min(a.X0, b.X0), Y0: math.Min(a.Y0, b.Y0), X1: math.Max(a.X1, b.X1), Y1: math.Max(a.Y1, b.Y1)}
}

// mergeRuns joins runs that are pieces of one printed line: same direction,
// same baseline, the second starting where the first ends.
func mergeRuns(runs []*pline) []*pline {
	type item struct {
		l   *pline
		box pdf.Rect
		sz  float64
	}
	var items []item
	var blanks []*pline
	for _, r := range runs {
		b, ok := inkBox(r.glyphs)
		if !ok {
			blanks = append(blanks, r)
			continue
		}
		items = append(items, item{r, b, modalSize(r.glyphs)})
	}
	sort.SliceStable(items, func(i, j int) bool { return cy(items[i].box) < cy(items[j].box) })
	dead := make([]bool, len(items))
	for i := range items {
		if dead[i] || items[i].l.vertical {
			continue
		}
		for changed := true; changed; {
			changed = false
			a := &items[i]
			for j := i + 1; j < len(items); j++ {
				b := items[j]
				em := math.Min(a.sz, b.sz)
				if cy(b.box)-cy(a.box) > lineBaselineTol*math.Max(a.sz, b.sz) {
					break
				}
				if dead[j] || b.l.vertical || math.Abs(a.l.glyphs[0].Angle-b.l.glyphs[0].Angle) > 0.01 ||
					math.Abs(cy(a.box)-cy(b.box)) > lineBaselineTol*em || math.Abs(a.sz-b.sz) > 0.1*math.Max(a.sz, b.sz) {
					continue
				}
				switch {
				case b.box.X0 >= a.box.X1-0.2*em && b.box.X0-a.box.X1 <= mergeGapMax*em:
					a.l.glyphs = append(a.l.glyphs, b.l.glyphs...)
				case a.box.X0 >= b.box.X1-0.2*em && a.box.X0-b.box.X1 <= mergeGapMax*em:
					a.l.glyphs = append(append([]pdf.Glyph(nil), b.l.glyphs...), a.l.glyphs...)
				default:
					continue
				}
				a.box = union(a.box, b.box)
				dead[j], changed = true, true
			}
		}
	}
	out := make([]*pline, 0, len(items)+len(blanks))
	for i, it := range items {
		if !dead[i] {
			out = append(out, it.l)
		}
	}
	// A run of spaces alone (a blank line drawn as spaces) is kept as a
	// line of its own so that nothing drawn is lost.
	return append(out, blanks...)
}

// modalSize is the size most of the visible glyphs have.
func modalSize(gs []pdf.Glyph) float64 {
	n := map[float64]int{}
	best, bn := 0.0, 0
	for _, g := range gs {
		if isSpaceGlyph(g) {
			continue
		}
		n[g.Size]++
		if c := n[g.Size]; c > bn || c == bn && g.Size > best {
			best, bn = g.Size, c
		}
	}
	return best
}

// finish sets a line's box, style and text from its glyphs.
func (l *pline) finish() {
	if b, ok := inkBox(l.glyphs); ok {
		l.box = b
	} else if len(l.glyphs) > 0 {
		l.box = l.glyphs[0].Rect
	}
	l.size = modalSize(l.glyphs)
	fonts := map[string]int{}
	nb, ni, n := 0, 0, 0
	for _, g := range l.glyphs {
		if isSpaceGlyph(g) {
			continue
		}
		n++
		if g.Bold {
			nb++
		}
		if g.Italic {
			ni++
		}
		fonts[g.Font]++
		if g.Angle != 0 {
			l.rotated = true
		}
	}
	l.bold, l.italic = nb*2 > n, ni*2 > n
	bf := 0
	for f, c := range fonts {
		if c > bf || c == bf && f < l.font {
			l.font, bf = f, c
		}
	}
	l.text, l.hyphen = lineText(l.glyphs, l.vertical)
}

// latinWordGap is the gap, in ems, that parts two Latin words of a line
// whose spaces are not drawn: wider than the line's usual gap between
// letters (which italic and tight type make negative) by wordGapLatin/2,
// and never under wordGapLatin/2.
func latinWordGap(gs []pdf.Glyph) float64 {
	var gaps []float64
	for i := 1; i < len(gs); i++ {
		a, b := gs[i-1], gs[i]
		if isSpaceGlyph(a) || isSpaceGlyph(b) || isWide(a.Char) || isWide(b.Char) || a.Size <= 0 {
			continue
		}
		gaps = append(gaps, (b.X0-a.X1)/a.Size)
	}
	if len(gaps) < 4 {
		return wordGapLatin
	}
	sort.Float64s(gaps)
	return math.Max(gaps[len(gaps)/2]+wordGapLatin/2, wordGapLatin/2)
}

// isWide: a character set on the em square, joined to its neighbours
// without spaces (Han, kana, full-width forms and CJK punctuation).
func isWide(r rune) bool {
	if r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·' {
		return false
	}
	return isCJK(r)
}

// lineText spells a line: spaces between Latin words (drawn, or inferred
// from a gap), none between CJK characters however wide the justification
// spread them; a line-end hyphen the engine marked is dropped and reported.
func lineText(gs []pdf.Glyph, vertical bool) (string, bool) {
	var b strings.Builder
	var prev pdf.Glyph
	havePrev, space := false, false
	hyphen := false
	end := len(gs)
	for end > 0 && isSpaceGlyph(gs[end-1]) {
		end--
	}
	if end > 0 && gs[end-1].Hyphen {
		hyphen = true
		end--
	}
	wordGap := latinWordGap(gs[:end])
	for _, g := range gs[:end] {
		if isSpaceGlyph(g) {
			space = havePrev
			continue
		}
		if havePrev {
			gap := g.X0 - prev.X1
			if vertical {
				gap = g.Y0 - prev.Y1
			}
			wideJoin := isWide(prev.Char) && isWide(g.Char) ||
				isWide(prev.Char) && !unicode.IsLetter(g.Char) && !unicode.IsDigit(g.Char) ||
				isWide(g.Char) && !unicode.IsLetter(prev.Char) && !unicode.IsDigit(prev.Char)
			switch {
			case wideJoin:
			case space:
				b.WriteByte(' ')
			case !vertical && !isWide(prev.Char) && !isWide(g.Char) && gap > wordGap*math.Min(prev.Size, g.Size):
				b.WriteByte(' ')
			}
		}
		b.WriteRune(g.Char)
		prev, havePrev, space = g, true, false
	}
	return b.String(), hyphen
}
