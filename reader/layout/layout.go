package layout

import (
	"sort"
	"unicode/utf8"
	"unsafe"

	"bao/issues"
)

// Kind says what a laid-out line is, so a renderer can style it.
type Kind uint8

// The kinds of line. Body lines are LineText, LineSubhead, LineCaption,
// LineCredit or LineBlank; head lines are the other four.
const (
	LineText        Kind = iota // body text (a paragraph of an issues.KindText block)
	LineSubhead                 // a sub-section heading inside the article
	LineCaption                 // a photo caption
	LineCredit                  // a photo credit
	LineBlank                   // an empty line setting blocks apart
	LineKicker                  // the banner over the headline
	LineHeadline                // the headline
	LineSubheadline             // the subheadline
	LineByline                  // the byline
)

var kindNames = [...]string{"text", "subhead", "caption", "credit", "blank", "kicker", "headline", "subheadline", "byline"}

// String names the kind ("text", "headline", …).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Options say how to lay an article out.
type Options struct {
	// Width is the width of the page in cells; 0 means 80. Widths below 2
	// are raised to 2.
	Width int
	// Columns is the number of body columns; 0 chooses (see AutoColumns).
	// It is lowered if the columns would be narrower than 2 cells.
	Columns int
	// Gutter is the number of blank cells between columns (bao uses
	// DefaultGutter); negative means 0.
	Gutter int
	// Height is the page height in lines, for the caller's pagination
	// (Layout.Pages); 0 means one page with balanced columns. It does not
	// change the lines themselves.
	Height int
	// Ambiguous is the width policy for East Asian Ambiguous characters.
	Ambiguous Ambiguous
	// Graphemes counts widths per grapheme cluster, as a terminal in
	// Unicode core mode (DEC mode 2027) draws them and bubbletea v2's
	// renderer counts them once the terminal reports the mode (see
	// Widths); otherwise per code point.
	Graphemes bool
	// Ragged sets body text ragged right instead of justifying CJK lines
	// to the exact column width.
	Ragged bool
	// NoIndent drops the first-line indent of paragraphs (two ideographic
	// spaces for Chinese, one for Japanese).
	NoIndent bool
}

// DefaultGutter is the gutter bao uses unless told otherwise.
const DefaultGutter = 2

// MinColumnWidth is the narrowest column AutoColumns chooses: 40 cells,
// 20 CJK characters.
const MinColumnWidth = 40

// AutoColumns is the number of columns bao chooses for a page width: the
// most columns that each keep at least MinColumnWidth cells, and at least
// one. With the default gutter: 1 column up to width 81, 2 up to 123, 3 up
// to 165, 4 up to 207; a column then holds 20 to 40 CJK characters, a
// comfortable newspaper measure.
func AutoColumns(width, gutter int) int {
	if gutter < 0 {
		gutter = 0
	}
	return max(1, (width+gutter)/(MinColumnWidth+gutter))
}

// normalize fills in the defaults and limits of o.
func (o Options) normalize() Options {
	if o.Width == 0 {
		o.Width = 80
	}
	o.Width = max(o.Width, 2)
	o.Gutter = max(o.Gutter, 0)
	if o.Columns <= 0 {
		o.Columns = AutoColumns(o.Width, o.Gutter)
	}
	if most := max(1, (o.Width+o.Gutter)/(2+o.Gutter)); o.Columns > most {
		o.Columns = most
	}
	o.Height = max(o.Height, 0)
	if o.Ambiguous != Wide {
		o.Ambiguous = Narrow
	}
	return o
}

// Line is one laid-out line: its text exactly as shown, and where each of
// its cells comes from.
type Line struct {
	// Text is what the line shows: source characters, the indent and the
	// justification spaces. It is never wider than its column (or the page,
	// for head lines), has no trailing padding and no escape sequences.
	Text string
	// Width is Text's width in cells under the layout's policy.
	Width int
	// Block is the source block (issues.BlockHeadline etc. for head lines;
	// for a blank line, the block it sets apart from what precedes it).
	Block int
	// Start and End are the runes of the block this line shows, [Start, End)
	// (white space dropped at the break excluded); -1 for blank lines.
	Start, End int
	// Kind says what the line is.
	Kind Kind
	// Last reports whether this is the last line of its block.
	Last bool
	// wide is the ambiguous-width policy the line was measured with, and
	// graphemes whether it counted per grapheme cluster.
	wide, graphemes bool

	// fixn and fixp are the fixes list (see fixes), as a length and a
	// pointer rather than a slice: a Line of 64 bytes rather than 80.
	fixn int32
	fixp *int32
}

// fixes lists where Text is not a plain copy of the block's runes
// [Start, End): -1-i for the i-th rune of Text when bao inserted it
// (indent, justification space), k for a source rune k not shown
// (collapsed white space, a control character). Usually empty.
func (ln *Line) fixes() []int32 {
	if ln.fixn == 0 {
		return nil
	}
	return unsafe.Slice(ln.fixp, ln.fixn)
}

// widths is the width model the line was set with.
func (ln *Line) widths() Widths {
	w := Widths{graphemes: ln.graphemes}
	if ln.wide {
		w.amb = Wide
	}
	return w
}

// PosAt returns the source position under cell x of the line (x counted
// from 0 at the line's left edge). A cell of an inserted space, or past the
// end of the text, maps to the next source character (End after the last).
func (ln *Line) PosAt(x int) issues.Place {
	if ln.Kind == LineBlank {
		return issues.Place{Block: ln.Block, Offset: 0}
	}
	src := ln.sourceMap()
	cx, i := 0, 0
	pending := false
	sc := cellScanner{w: ln.widths(), s: ln.Text}
	for {
		_, _, _, w, ok := sc.next()
		if !ok {
			break
		}
		if x < cx+w || pending {
			if s := src[i]; s >= 0 {
				return issues.Place{Block: ln.Block, Offset: int(s)}
			}
			pending = true
		}
		cx += w
		i++
	}
	return issues.Place{Block: ln.Block, Offset: ln.End}
}

// sourceMap returns, for each rune of Text, its rune offset in the block,
// or -1 for a rune bao inserted.
func (ln *Line) sourceMap() []int32 {
	n := utf8.RuneCountInString(ln.Text)
	m := make([]int32, n)
	var ins, skip []int32
	for _, f := range ln.fixes() {
		if f < 0 {
			ins = append(ins, -1-f)
		} else {
			skip = append(skip, f)
		}
	}
	off := int32(ln.Start)
	for i := range m {
		if len(ins) > 0 && ins[0] == int32(i) {
			m[i], ins = -1, ins[1:]
			continue
		}
		for len(skip) > 0 && skip[0] <= off {
			if skip[0] == off {
				off++
			}
			skip = skip[1:]
		}
		m[i] = off
		off++
	}
	return m
}

// X returns the cell at which source offset off of the line's block is
// shown, and whether the line shows it. An offset inside the white space
// dropped at a break maps to the line's end.
func (ln *Line) X(off int) (x int, ok bool) {
	if ln.Kind == LineBlank || off < ln.Start || off > ln.End {
		return 0, false
	}
	src := ln.sourceMap()
	cx, base, i := 0, 0, 0
	sc := cellScanner{w: ln.widths(), s: ln.Text}
	for {
		_, _, _, rw, ok := sc.next()
		if !ok {
			break
		}
		if s := src[i]; s >= 0 && int(s) >= off {
			if rw == 0 && int(s) == off {
				return base, true // a zero-width rune is in its base's cell
			}
			return cx, true
		}
		if rw > 0 {
			base = cx
		}
		cx += rw
		i++
	}
	return cx, true
}

// Cut splits the line's text at cells x0 and x1 (0 ≤ x0 ≤ x1 ≤ Width):
// Text == before + mid + after. A renderer uses it to colour a span (a
// search hit) without measuring anything itself.
func (ln *Line) Cut(x0, x1 int) (before, mid, after string) {
	b0, b1 := len(ln.Text), len(ln.Text)
	cx := 0
	set0, set1 := false, false
	sc := cellScanner{w: ln.widths(), s: ln.Text}
	for {
		_, i, _, rw, ok := sc.next()
		if !ok {
			break
		}
		// A cut falls only where a cell starts: never inside a cluster.
		if !set0 && cx >= x0 && (rw > 0 || cx > x0) {
			b0, set0 = i, true
		}
		if !set1 && cx >= x1 && (rw > 0 || cx > x1) {
			b1, set1 = i, true
		}
		cx += rw
	}
	if b1 < b0 {
		b1 = b0
	}
	return ln.Text[:b0], ln.Text[b0:b1], ln.Text[b1:]
}

// Layout is an article set at one width, column count and policy.
type Layout struct {
	// Options are the options used, normalized (Columns is the actual count).
	Options Options
	// Widths is the width model the article was measured with.
	Widths Widths
	// Width is the page width; ColumnWidth the width of one body column;
	// Columns and Gutter as set.
	Width, Columns, ColumnWidth, Gutter int
	// Head is the kicker, headline, subheadline and byline, set across the
	// full page width (they span all columns on the first page).
	Head []Line
	// Body is the flow of body lines, each at most ColumnWidth cells, in
	// reading order; columns and pages are windows on it (see Page).
	Body []Line
}

// Article lays article a out with options opt. It never fails: any text
// can be set (a token longer than a column is cut, nothing is added).
func Article(a *issues.Article, opt Options) *Layout {
	var s Setter
	return s.article(a, opt, false)
}

// Setter lays articles out one after another, reusing its working buffers
// (what a whole issue, or a session's re-layouts, want). The zero value is
// ready to use. A Setter is not safe for concurrent use; the layouts it
// returns share nothing with it or each other.
type Setter struct {
	e engine
	// head and body are scratch for the lines of the article being set;
	// each layout gets an exact copy.
	head, body []Line
}

// Article lays article a out with options opt, as the package's Article.
func (s *Setter) Article(a *issues.Article, opt Options) *Layout {
	return s.article(a, opt, true)
}

// article lays a out. With reuse, the lines, their texts and source maps
// are set in the Setter's scratch buffers and copied out at their exact
// sizes (one Setter sets many articles: a few small allocations each, and
// no bytes reserved but unused); without, the buffers are sized from an
// estimate and handed to the layout as they are (one article: no copies).
func (s *Setter) article(a *issues.Article, opt Options, reuse bool) *Layout {
	opt = opt.normalize()
	l := &Layout{Options: opt, Widths: NewWidths(opt.Ambiguous).WithGraphemes(opt.Graphemes), Width: opt.Width,
		Columns: opt.Columns, Gutter: opt.Gutter}
	l.ColumnWidth = (opt.Width - (opt.Columns-1)*opt.Gutter) / opt.Columns
	e := &s.e
	e.w, e.opt = l.Widths, opt
	e.spans = e.spans[:0]
	bodyCap := e.reserve(a, l.ColumnWidth, reuse)
	var head, body []Line
	if reuse {
		head, body = s.head[:0], s.body[:0]
		if cap(body) < bodyCap {
			body = make([]Line, 0, bodyCap)
		}
	} else {
		head, body = make([]Line, 0, 8), make([]Line, 0, bodyCap)
	}
	for _, h := range [...]struct {
		text  string
		block int
		kind  Kind
	}{
		{a.Kicker, issues.BlockKicker, LineKicker},
		{a.Headline, issues.BlockHeadline, LineHeadline},
		{a.Subheadline, issues.BlockSubheadline, LineSubheadline},
		{a.Byline, issues.BlockByline, LineByline},
	} {
		if h.text != "" {
			head = e.set(head, h.text, h.block, h.kind, opt.Width, 0, false)
		}
	}
	prevKind := LineBlank
	for bi := range a.Blocks {
		b := &a.Blocks[bi]
		kind := blockKind(b.Kind)
		e.prepare(b.Text)
		indent, justify := 0, false
		if kind == LineText {
			sc := e.script
			justify = !opt.Ragged && sc != scriptLatin
			e.maxGap = maxGapCells
			if !opt.NoIndent {
				indent = sc.indent()
			}
			if l.ColumnWidth < indent*e.w.Rune(ideoSpace)+8 {
				indent = 0
			}
		}
		if len(body) > 0 && needsBlank(prevKind, kind, indent) {
			body = append(body, Line{Kind: LineBlank, Block: bi, Start: -1, End: -1, Last: true})
			e.spans = append(e.spans, lineSpan{})
		}
		n := len(body)
		body = e.setPrepared(body, bi, kind, l.ColumnWidth, indent, justify)
		if len(body) > n {
			prevKind = kind
		}
	}
	if reuse {
		// Keep the scratch (grown as needed); copy out what was used. The
		// scratch lines hold no pointers yet: finish sets Text and fix on
		// the copies.
		s.head, s.body = head[:0], body[:0]
		lines := make([]Line, len(head)+len(body))
		copy(lines, head)
		copy(lines[len(head):], body)
		head, body = lines[:len(head):len(head)], lines[len(head):]
		var fix []int32
		if len(e.fix) > 0 {
			fix = append([]int32(nil), e.fix...)
		}
		all := string(e.buf)
		e.finish(head, e.spans[:len(head)], all, fix)
		e.finish(body, e.spans[len(head):], all, fix)
		e.text = ""
	} else {
		// The buffer is never written again: share it as the lines' string.
		all := unsafe.String(unsafe.SliceData(e.buf), len(e.buf))
		e.finish(head, e.spans[:len(head)], all, e.fix)
		e.finish(body, e.spans[len(head):], all, e.fix)
		e.buf, e.fix, e.text = nil, nil, ""
	}
	l.Head, l.Body = head, body
	return l
}

// needsBlank says whether a blank line goes between a block of kind prev
// and the next of kind next: sub-heads and captions are set apart; a
// paragraph without an indent is separated from the one before by a blank
// line, an indented one is not (its indent marks it).
func needsBlank(prev, next Kind, indent int) bool {
	switch next {
	case LineSubhead:
		return true
	case LineCaption, LineCredit:
		return prev != LineCaption && prev != LineCredit
	}
	switch prev {
	case LineSubhead:
		return false
	case LineCaption, LineCredit:
		return true
	}
	return indent == 0
}

func blockKind(k issues.BlockKind) Kind {
	switch k {
	case issues.KindSubhead:
		return LineSubhead
	case issues.KindCaption:
		return LineCaption
	case issues.KindCredit:
		return LineCredit
	}
	return LineText
}

// Locate returns the body line showing p and the cell where p is in it.
// A position in the white space dropped at a break maps to the start of the
// next line; a head position (negative Block) maps to line 0, cell 0; a
// position past the end of the body to its last line.
func (l *Layout) Locate(p issues.Place) (line, x int) {
	if len(l.Body) == 0 || p.Block < 0 {
		return 0, 0
	}
	key := func(i int) issues.Place {
		ln := &l.Body[i]
		return issues.Place{Block: ln.Block, Offset: ln.Start}
	}
	// The last line whose (Block, Start) is not after p.
	i := sort.Search(len(l.Body), func(i int) bool { return p.Less(key(i)) }) - 1
	if i < 0 {
		return 0, 0
	}
	ln := &l.Body[i]
	if ln.Kind == LineBlank {
		return i, 0
	}
	if ln.Block == p.Block && p.Offset >= ln.End && !ln.Last && i+1 < len(l.Body) {
		// In the dropped white space after this line: the next line.
		return i + 1, 0
	}
	x, ok := ln.X(p.Offset)
	if !ok {
		x = ln.Width
	}
	return i, x
}

// At returns the source position under cell x of body line i.
func (l *Layout) At(i, x int) issues.Place {
	if i < 0 || i >= len(l.Body) {
		return issues.Place{}
	}
	return l.Body[i].PosAt(x)
}

// Span is a run of cells on one line: cells [X0, X1) of Body[Line] (or of
// Head[Line] when Head is set).
type Span struct {
	Head   bool
	Line   int
	X0, X1 int
}

// Spans returns the cells showing the n runes of block p.Block from
// p.Offset on (a search hit, a selection), line by line.
func (l *Layout) Spans(p issues.Place, n int) []Span {
	lines, head := l.Body, false
	if p.Block < 0 {
		lines, head = l.Head, true
	}
	end := p.Offset + n
	var out []Span
	from := 0
	if !head {
		from, _ = l.Locate(p)
		from = max(from-1, 0)
	}
	for i := from; i < len(lines); i++ {
		ln := &lines[i]
		if ln.Block != p.Block || ln.Kind == LineBlank || ln.End <= p.Offset || ln.Start >= end {
			if len(out) > 0 && ln.Block != p.Block {
				break
			}
			continue
		}
		x0, _ := ln.X(max(p.Offset, ln.Start))
		x1 := ln.Width
		if end < ln.End {
			x1, _ = ln.X(end)
		}
		if x1 > x0 {
			out = append(out, Span{Head: head, Line: i, X0: x0, X1: x1})
		}
	}
	return out
}
