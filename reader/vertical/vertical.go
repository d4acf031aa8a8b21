package vertical

import (
	"strings"
	"unicode"

	"bao/issues"
	"bao/reader/layout"
)

// DefaultHeight is the number of slots in a vertical line when the caller
// gives no height (bao print --vertical without --height).
const DefaultHeight = 24

// Options say how to set an article vertically.
type Options struct {
	// Width is the page width in cells; 0 means 80. Lines take two cells
	// and a blank cell between them, so a page holds (Width+1)/3 lines.
	Width int
	// Height is the number of slots (rows) in a vertical line; 0 means
	// DefaultHeight.
	Height int
	// Ambiguous is how wide the terminal draws East Asian Ambiguous
	// characters; either way they fill a slot.
	Ambiguous layout.Ambiguous
	// Graphemes counts widths per grapheme cluster (the terminal's Unicode
	// core mode, see layout.Widths), so an emoji sequence fills one slot.
	Graphemes bool
}

// Slot is one two-cell place in a vertical line.
type Slot struct {
	// Text is what the slot shows: the characters in their vertical forms,
	// padded with a space to exactly two cells. Two digits share a slot
	// (縦中横, tate-chū-yoko); any other character has a slot of its own.
	Text string
	// Pos is the source position of the slot's first character, and N the
	// number of source runes it shows (0 for the paragraph indent).
	Pos issues.Place
	N   int
}

// Line is one vertical line, read top to bottom.
type Line struct {
	Kind  layout.Kind
	Block int // the source block (issues.BlockHeadline etc. for the head)
	Slots []Slot
}

// Layout is an article set vertically: lines in reading order (the first is
// the rightmost line of the first page), and how many fit on a page.
type Layout struct {
	Options Options
	Lines   []Line
	// PerPage is the number of lines on one page; Margin the blank cells
	// left of the leftmost line, so the page's first line sits at the right
	// edge.
	PerPage, Margin int
}

// Article sets article a vertically. Like layout.Article it never fails:
// a token taller than a line is cut, and nothing is added or dropped but
// the white space at line ends.
func Article(a *issues.Article, opt Options) *Layout {
	if opt.Width <= 0 {
		opt.Width = 80
	}
	if opt.Height <= 0 {
		opt.Height = DefaultHeight
	}
	v := &Layout{Options: opt}
	v.PerPage = max(1, (opt.Width+1)/3)
	v.Margin = max(0, opt.Width-(3*v.PerPage-1))
	s := setter{w: layout.NewWidths(opt.Ambiguous).WithGraphemes(opt.Graphemes), height: opt.Height}

	// The head reads at the right edge, each part set apart by a blank line.
	head := []struct {
		text  string
		block int
		kind  layout.Kind
	}{
		{a.Kicker, issues.BlockKicker, layout.LineKicker},
		{a.Headline, issues.BlockHeadline, layout.LineHeadline},
		{a.Subheadline, issues.BlockSubheadline, layout.LineSubheadline},
		{a.Byline, issues.BlockByline, layout.LineByline},
	}
	for _, h := range head {
		if strings.TrimSpace(h.text) == "" {
			continue
		}
		v.Lines = s.set(v.Lines, h.text, h.block, h.kind, false)
		v.Lines = append(v.Lines, Line{Kind: layout.LineBlank, Block: h.block})
	}
	for i, b := range a.Blocks {
		kind, indent := layout.LineText, true
		switch b.Kind {
		case issues.KindSubhead:
			kind, indent = layout.LineSubhead, false
		case issues.KindCaption:
			kind, indent = layout.LineCaption, false
		case issues.KindCredit:
			kind, indent = layout.LineCredit, false
		}
		if kind != layout.LineText && len(v.Lines) > 0 && v.Lines[len(v.Lines)-1].Kind != layout.LineBlank {
			v.Lines = append(v.Lines, Line{Kind: layout.LineBlank, Block: i})
		}
		v.Lines = s.set(v.Lines, b.Text, i, kind, indent)
	}
	for len(v.Lines) > 0 && v.Lines[len(v.Lines)-1].Kind == layout.LineBlank {
		v.Lines = v.Lines[:len(v.Lines)-1]
	}
	return v
}

// Pages is the number of pages (at least one).
func (v *Layout) Pages() int {
	return max(1, (len(v.Lines)+v.PerPage-1)/v.PerPage)
}

// Page composes page p into Height rows of text, its lines placed right
// to left with one blank cell between them. style renders a slot's text
// (bold for the headline, a search highlight); it must not change its
// width. nil means plain. Trailing blanks of each row are trimmed.
func (v *Layout) Page(p int, style func(ln *Line, slot int, text string) string) []string {
	return v.Window(p*v.PerPage, style)
}

// Window is Page for the PerPage lines from line first on, first at the
// right edge: the reader scrolls by moving first by one line or a page.
func (v *Layout) Window(first int, style func(ln *Line, slot int, text string) string) []string {
	rows := make([]string, v.Options.Height)
	var b strings.Builder
	for y := range rows {
		b.Reset()
		b.WriteString(strings.Repeat(" ", v.Margin))
		pending := 0 // blank cells not yet written (trailing ones are dropped)
		for k := v.PerPage - 1; k >= 0; k-- {
			i := first + k
			if i < len(v.Lines) && y < len(v.Lines[i].Slots) {
				b.WriteString(strings.Repeat(" ", pending))
				pending = 0
				ln := &v.Lines[i]
				t := ln.Slots[y].Text
				if style != nil {
					t = style(ln, y, t)
				}
				b.WriteString(t)
			} else {
				pending += 2
			}
			if k > 0 {
				pending++
			}
		}
		rows[y] = strings.TrimRight(b.String(), " ")
		if rows[y] == "" || strings.TrimSpace(rows[y]) == "" {
			rows[y] = ""
		}
	}
	return rows
}

// X is the cell at which line i's slots stand on its page (their left
// cell), and the page.
func (v *Layout) X(i int) (page, x int) {
	page = i / v.PerPage
	k := i % v.PerPage
	return page, v.Margin + 3*(v.PerPage-1-k)
}

// Locate returns the line and slot showing source position p (the first
// slot at or after it, for white space dropped at a break), or the last
// line's end when p is past the text.
func (v *Layout) Locate(p issues.Place) (line, slot int) {
	for i := range v.Lines {
		ln := &v.Lines[i]
		if ln.Block != p.Block {
			continue
		}
		for s, sl := range ln.Slots {
			if sl.N > 0 && p.Offset < sl.Pos.Offset+sl.N {
				return i, s
			}
		}
	}
	// Not found: a later block, or past the end.
	for i := range v.Lines {
		ln := &v.Lines[i]
		if ln.Kind != layout.LineBlank && len(ln.Slots) > 0 && p.Less(ln.Slots[0].Pos) {
			return i, 0
		}
	}
	return max(0, len(v.Lines)-1), 0
}

// setter breaks text into vertical lines of at most height slots.
type setter struct {
	w      layout.Widths
	height int
}

// unit is what takes one slot: runes [i, j) of the block.
type unit struct {
	i, j  int
	space bool
}

func (s *setter) set(out []Line, text string, block int, kind layout.Kind, indent bool) []Line {
	rs := []rune(text)
	can := layout.BreakOpportunities(rs, s.w)
	units := s.units(rs)
	first := true
	for u := 0; u < len(units); {
		for u < len(units) && units[u].space {
			u++ // white space at a line start is dropped
		}
		if u == len(units) {
			break
		}
		room := s.height
		var ln Line
		ln.Kind, ln.Block = kind, block
		if first && indent && s.height > 1 {
			ln.Slots = append(ln.Slots, Slot{Text: "\u3000", Pos: issues.Place{Block: block, Offset: units[u].i}})
			room--
		}
		first = false
		end := s.fit(units, rs, can, u, room)
		last := end
		for last > u && units[last-1].space {
			last-- // and so is white space at a line end
		}
		for _, un := range units[u:last] {
			ln.Slots = append(ln.Slots, Slot{Text: s.show(rs, un), Pos: issues.Place{Block: block, Offset: un.i}, N: un.j - un.i})
		}
		out = append(out, ln)
		u = end
	}
	return out
}

// fit returns the end of the line that starts at unit u and has room
// slots: the last break opportunity that fits (pushing a character that
// may not start a line, or one that may not end it, to the next line
// together with its neighbour). When none fits — a token taller than the
// line — it cuts at the last unit that fits, avoiding a kinsoku violation
// where it can.
func (s *setter) fit(units []unit, rs []rune, can []bool, u, room int) int {
	if len(units)-u <= room {
		return len(units)
	}
	// A break at white space drops it, so the line may end there when the
	// line may break after it; trailing spaces take no room.
	allowed := func(e int) bool {
		if e == len(units) {
			return true
		}
		if units[e].space {
			return e+1 == len(units) || can[units[e+1].i]
		}
		return can[units[e].i]
	}
	limit := u + room // units [u, limit) fit
	for e := limit; e > u; e-- {
		if allowed(e) {
			return e
		}
	}
	for e := limit; e > u+1; e-- {
		if !layout.NoStart(rs[units[e].i]) && !layout.NoEnd(rs[units[e-1].j-1]) {
			return e
		}
	}
	return limit
}

// units cuts rs into slots: one visible character each (a grapheme
// cluster: with the marks that attach to it), a run of one or two ASCII digits together (縦中横),
// a run of white space as one.
func (s *setter) units(rs []rune) []unit {
	var out []unit
	for i := 0; i < len(rs); {
		r := rs[i]
		j := i + 1
		space := unicode.IsSpace(r) && r != '\u3000'
		switch {
		case space:
			for j < len(rs) && unicode.IsSpace(rs[j]) && rs[j] != '\u3000' {
				j++
			}
		case isDigit(r):
			for j < len(rs) && isDigit(rs[j]) {
				j++
			}
			if j-i > 2 {
				j = i + 1 // a longer number stands one digit to a slot
			}
		}
		for j < len(rs) && s.w.Rune(rs[j]) == 0 && !unicode.IsSpace(rs[j]) {
			j++ // combining marks and joiners stay with their base
		}
		if e := i + layout.ClusterLen(rs, i); e > j && s.w.String(string(rs[i:e])) <= 2 {
			// And so does the rest of a grapheme cluster that fits a slot
			// (👍🏽 👨‍👩‍👧 counted per cluster, 🇨🇳 either way).
			j = e
		}
		if len(out) > 0 && isDigit(r) && j-i <= 2 && out[len(out)-1].j == i && isDigit(rs[i-1]) {
			j = i + 1 // the tail of a long number already cut one a slot
		}
		out = append(out, unit{i: i, j: j, space: space})
		i = j
	}
	return out
}

// show is the slot text of unit un of rs: its characters in their
// vertical forms, padded to two cells.
func (s *setter) show(rs []rune, un unit) string {
	if un.space {
		return "  " // a run of spaces between words is one blank slot
	}
	var b strings.Builder
	for k := un.i; k < un.j; k++ {
		b.WriteRune(Form(s.cjkPunct(rs, k)))
	}
	t := b.String()
	switch w := s.w.String(t); {
	case w < 2:
		t += strings.Repeat(" ", 2-w)
	case w > 2:
		// Not reached by the units above (one character, or two narrow
		// digits); kept so no slot can ever push its row out of line.
		t = s.w.PadRight(s.w.Truncate(t, 2, ""), 2)
	}
	return t
}

// cjkPunct returns rs[k], or its full-width form when it is ASCII
// punctuation standing in CJK text: PDF extraction often gives Chinese
// text half-width commas and brackets (，→ ,), which belong to the
// Chinese sentence and turn with it. Inside a Latin run they stay.
func (s *setter) cjkPunct(rs []rune, k int) rune {
	r := rs[k]
	if !strings.ContainsRune(",.:;!?()[]{}", r) {
		return r
	}
	wideAt := func(j int) bool { return j >= 0 && j < len(rs) && s.w.Rune(rs[j]) == 2 && !unicode.IsSpace(rs[j]) }
	if !wideAt(k-1) && !wideAt(k+1) {
		return r
	}
	if r == '.' {
		return '。' // the ASCII full stop closing a CJK sentence
	}
	return r + 0xFEE0 // the Halfwidth and Fullwidth Forms block mirrors ASCII
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }
