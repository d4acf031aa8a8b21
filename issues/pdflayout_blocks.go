package issues

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"bao/issues/pdf"
)

// Lines → blocks: the lines of one column set in one type, one under the
// other at the type's leading, make a block. A block is then cut into
// paragraphs at first-line indents.
//
//	line  260–453 "…"            ┐
//	line  260–434 "…"            │ one block (same x-range, size, font; gap < leading)
//	line  270–427 "Then …"       ┘ a paragraph starts at the indent
//
// A drop cap (a single letter two or more times the body size) is joined to
// the line it stands beside, so that the word it opens is whole.

// pblock is a block of lines.
type pblock struct {
	lines  []*pline
	box    pdf.Rect
	size   float64
	bold   bool
	italic bool
	font   string
	paras  []para // the block's paragraphs, lines joined
	joined *string
	capTo  float64 // lines whose top is above this stand beside a drop cap
}

// para is one paragraph of a block.
type para struct {
	text     string
	indented bool // opens with a first-line indent (else it may run on from a column before)
	hyphen   bool // its last line ended with a line-end hyphen
}

// text is the block's paragraphs joined (computed once: roles ask often).
func (b *pblock) text() string {
	if b.joined == nil {
		t := b.joinParas()
		b.joined = &t
	}
	return *b.joined
}

func (b *pblock) joinParas() string {
	var s strings.Builder
	for i, p := range b.paras {
		if i > 0 && !(isWide(lastRune(s.String())) || isWide(firstRune(p.text))) {
			s.WriteByte(' ')
		}
		s.WriteString(p.text)
	}
	return s.String()
}

// Block thresholds, in ems of the block's size.
const (
	blockGapMax   = 0.9  // the white between two lines of one block
	blockSizeTol  = 0.08 // sizes this close are one type
	paraIndentMin = 0.6  // a first-line indent
	dropCapRatio  = 2.0  // a drop cap is this many times the body size
)

// joinDropCaps joins each drop cap to the line it opens and returns the
// remaining lines; capOf maps the joined line to the drop cap's bottom.
func joinDropCaps(lines []*pline, body float64) ([]*pline, map[*pline]float64) {
	capOf := map[*pline]float64{}
	dead := map[*pline]bool{}
	for _, dc := range lines {
		if dc.rotated || dc.size < dropCapRatio*body || len([]rune(dc.text)) != 1 || !isLetterRune(dc.text) {
			continue
		}
		var best *pline
		for _, l := range lines {
			if l == dc || dead[l] || l.size >= 1.5*body || l.rotated {
				continue
			}
			gap := l.box.X0 - dc.box.X1
			if gap < -0.2*body || gap > 1.5*body || l.box.Y0 < dc.box.Y0-0.5*body || l.box.Y0 > dc.box.Y0+0.8*l.size {
				continue
			}
			if best == nil || l.box.Y0 < best.box.Y0 {
				best = l
			}
		}
		if best == nil {
			continue
		}
		best.glyphs = append(append([]pdf.Glyph(nil), dc.glyphs...), best.glyphs...)
		keep := best.size
		best.finish()
		best.size = keep
		best.box.Y0 = math.Min(best.box.Y0, dc.box.Y0+0.1*body) // keep the line's place among its neighbours
		best.box.Y1 = best.box.Y0 + keep*1.1
		capOf[best] = dc.box.Y1
		dead[dc] = true
	}
	out := lines[:0:0]
	for _, l := range lines {
		if !dead[l] {
			out = append(out, l)
		}
	}
	return out, capOf
}

func isLetterRune(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0x7f && !isWide(r)
	}
	return false
}

func sameType(a, b *pline) bool {
	return math.Abs(a.size-b.size) <= blockSizeTol*math.Max(a.size, b.size) && a.bold == b.bold && a.italic == b.italic && a.font == b.font
}

// pageBlocks groups lines into blocks. Lines crossing an image's edge do
// not join.
func pageBlocks(lines []*pline, capOf map[*pline]float64, images []pdf.Rect) []*pblock {
	sorted := append([]*pline(nil), lines...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].box.Y0 < sorted[j].box.Y0 })
	var blocks []*pblock
	for _, l := range sorted {
		var best *pblock
		bestGap := math.Inf(1)
		for _, b := range blocks {
			last := b.lines[len(b.lines)-1]
			if l.rotated || last.rotated || !sameType(last, l) {
				continue
			}
			gap := l.box.Y0 - last.box.Y1
			if gap < -0.5*l.size || gap > blockGapMax*l.size {
				continue
			}
			ov := math.Min(l.box.X1, b.box.X1) - math.Max(l.box.X0, b.box.X0)
			if ov < 0.5*math.Min(l.box.X1-l.box.X0, b.box.X1-b.box.X0) {
				continue
			}
			if imageBetween(images, last.box, l.box) {
				continue
			}
			if gap < bestGap {
				best, bestGap = b, gap
			}
		}
		if best == nil {
			best = &pblock{box: l.box, size: l.size, bold: l.bold, italic: l.italic, font: l.font}
			blocks = append(blocks, best)
		} else {
			best.box = union(best.box, l.box)
		}
		best.lines = append(best.lines, l)
		if y, ok := capOf[l]; ok {
			best.capTo = y
		}
	}
	var out []*pblock
	for _, b := range blocks {
		out = append(out, splitAtLeading(b)...)
	}
	for _, b := range out {
		b.paras = paragraphs(b)
	}
	return out
}

// Leading thresholds: a block's lines step down at one leading (within
// leadingTol); one step leadingBreak times that is white set between two
// texts that share a type.
const (
	leadingTol   = 0.08
	leadingBreak = 1.3
)

// splitAtLeading cuts a block where its leading changes once: a step
// between two lines clearly wider than all the others, which agree. The
// type alone joined them (a letter writer's place line and the standing
// notice set under it in the same small type, a caption over a credit);
// the white between says they are two.
func splitAtLeading(b *pblock) []*pblock {
	n := len(b.lines)
	if n < 4 || b.capTo > 0 {
		return []*pblock{b}
	}
	steps := make([]float64, n-1)
	for i := range steps {
		steps[i] = b.lines[i+1].box.Y0 - b.lines[i].box.Y0
	}
	wide := 0
	for i, st := range steps {
		if st > steps[wide] {
			wide = i
		}
	}
	lead := steps[(wide+1)%len(steps)]
	for i, st := range steps {
		if i != wide && math.Abs(st-lead) > leadingTol*lead {
			return []*pblock{b} // no one leading: spaced paragraphs, a line set loose
		}
	}
	if steps[wide] < leadingBreak*lead {
		return []*pblock{b}
	}
	mk := func(ls []*pline) *pblock {
		nb := &pblock{lines: ls, box: ls[0].box, size: b.size, bold: b.bold, italic: b.italic, font: b.font}
		for _, l := range ls[1:] {
			nb.box = union(nb.box, l.box)
		}
		return nb
	}
	return []*pblock{mk(b.lines[:wide+1]), mk(b.lines[wide+1:])}
}

func imageBetween(images []pdf.Rect, a, b pdf.Rect) bool {
	for _, im := range images {
		if im.X1 > math.Max(a.X0, b.X0) && im.X0 < math.Min(a.X1, b.X1) && im.Y0 >= a.Y1-1 && im.Y1 <= b.Y0+1 {
			return true
		}
	}
	return false
}

// paragraphs cuts a block at first-line indents and joins each paragraph's
// lines.
func paragraphs(b *pblock) []para {
	left := b.box.X1
	for _, l := range b.lines {
		if l.box.Y0 >= b.capTo {
			left = math.Min(left, l.box.X0)
		}
	}
	if left == b.box.X1 {
		left = b.box.X0
	}
	var paras []para
	var cur strings.Builder
	prevHyphen := false
	curIndent := false
	for i, l := range b.lines {
		indent := l.box.X0-left > paraIndentMin*l.size && l.box.Y0 >= b.capTo
		if i == 0 {
			curIndent = indent || b.capTo > 0
		}
		if indent && cur.Len() > 0 {
			paras = append(paras, para{cur.String(), curIndent, prevHyphen})
			cur.Reset()
			curIndent = true
		}
		if cur.Len() > 0 && !prevHyphen {
			s := cur.String()
			pr := lastRune(s)
			nr := firstRune(l.text)
			if !(isWide(pr) || isWide(nr)) && pr != ' ' {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(l.text)
		prevHyphen = l.hyphen
	}
	if cur.Len() > 0 {
		paras = append(paras, para{cur.String(), curIndent, prevHyphen})
	}
	return paras
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	for _, c := range s {
		return c
	}
	return 0
}
