package layout

import (
	"unicode"
	"unicode/utf8"

	"bao/issues"
)

const ideoSpace = '\u3000' // the ideographic space of the first-line indent

// engine sets the blocks of one article. It holds the scratch buffers of one
// Article call (no state outlives it), and builds all line texts into one
// byte buffer and all source maps into one slab, so a whole article costs a
// handful of allocations.
type engine struct {
	w   Widths
	opt Options

	buf []byte  // the text of every line, back to back
	src []int32 // the source map of every line, back to back

	// per-paragraph scratch
	rs     []rune
	ws     []uint8
	cls    []class
	flags  []uint8
	can    []bool
	extra  []uint8 // justification cells inserted before rune i
	maxGap int     // the most cells justification adds to one gap
}

// lineRec is a line under construction: its text and source map are
// ranges of the engine's buffers until finish.
type lineRec struct {
	Line
	t0, t1 int // bytes of buf
	s0, s1 int // entries of src
}

// reserve sizes the buffers for article a.
func (e *engine) reserve(a *issues.Article) {
	n := len(a.Kicker) + len(a.Headline) + len(a.Subheadline) + len(a.Byline)
	for i := range a.Blocks {
		n += len(a.Blocks[i].Text)
	}
	e.buf = make([]byte, 0, n+n/4+64)
	e.src = make([]int32, 0, n/2+64)
}

// finish turns the records into lines whose texts share one string.
func (e *engine) finish(head, body []lineRec) (h, b []Line) {
	all := string(e.buf)
	conv := func(recs []lineRec) []Line {
		out := make([]Line, len(recs))
		for i := range recs {
			r := &recs[i]
			out[i] = r.Line
			out[i].Text = all[r.t0:r.t1]
			out[i].src = e.src[r.s0:r.s1:r.s1]
			out[i].w = e.w
		}
		return out
	}
	return conv(head), conv(body)
}

// prepare fills the per-rune scratch for text.
func (e *engine) prepare(text string) {
	e.rs, e.ws, e.cls, e.flags = e.rs[:0], e.ws[:0], e.cls[:0], e.flags[:0]
	prevSpace := false
	for _, r := range text {
		w := e.w.Rune(r)
		c := classify(r, w)
		f := runeFlags(r)
		switch {
		case c == clsSpace:
			// A space shows as one cell; a run of spaces as one space.
			w = 1
			if prevSpace {
				w = 0
			}
		case r < 0x20 || (r >= 0x7F && r <= 0x9F) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
			// Control and bidi-override characters are never written to
			// the terminal.
			c, w, f = clsAttach, 0, flagHidden
		}
		if c == clsAttach && f&flagHidden == 0 && (prevSpace || len(e.rs) == 0) {
			// A joiner or mark with no base before it: an invisible format
			// character (ZWJ, BOM) is dropped, a combining mark stands alone.
			if unicode.Is(unicode.Cf, r) {
				f = flagHidden
			} else {
				c = clsWord
			}
		}
		if f&flagHidden == 0 {
			prevSpace = c == clsSpace
		}
		e.rs = append(e.rs, r)
		e.ws = append(e.ws, uint8(w))
		e.cls = append(e.cls, c)
		e.flags = append(e.flags, f)
	}
	e.can = breaks(e.can, e.rs, e.cls, e.flags)
}

// set breaks text (block block) into lines of at most width cells and
// appends them to out. The first line is indented by indent ideographic
// spaces; justify sets every line but the last to the exact width where its
// break opportunities can take the slack.
func (e *engine) set(out []lineRec, text string, block int, kind Kind, width, indent int, justify bool) []lineRec {
	e.prepare(text)
	rs, ws, cls, can := e.rs, e.ws, e.cls, e.can
	n := len(rs)
	if justify && width >= 4 {
		// CJK characters are two cells: on an odd measure every line
		// would carry a one-cell hole. Set justified text on an even
		// measure; the spare cell stays blank at the column's edge.
		width &^= 1
	}
	// Leading white space, ideographic spaces included, is dropped: the
	// indent is bao's to set.
	pos := 0
	for pos < n && (cls[pos] == clsSpace || rs[pos] == ideoSpace || e.flags[pos]&flagHidden != 0) {
		pos++
	}
	first := true
	for pos < n {
		ind := 0
		if first {
			ind = indent
		}
		avail := width - ind*e.w.Rune(ideoSpace)
		// Scan while the text fits, remembering the last break opportunity.
		cw, visEnd := 0, pos
		cand, candEnd := -1, -1
		i := pos
		overflow := false
		for ; i < n; i++ {
			if i > pos && can[i] {
				cand, candEnd = i, visEnd
			}
			if cls[i] == clsSpace {
				cw += int(ws[i])
				continue
			}
			if cw+int(ws[i]) > avail {
				overflow = true
				break
			}
			cw += int(ws[i])
			if cls[i] != clsAttach || ws[i] > 0 || visEnd == i {
				visEnd = i + 1
			}
		}
		var end, next int
		switch {
		case !overflow:
			end, next = visEnd, n
		case cand > 0:
			end, next = candEnd, cand
		default:
			end = e.emergency(pos, i)
			next = end
		}
		// Zero-width runes right at the end belong to the line.
		for end < n && cls[end] == clsAttach {
			end++
		}
		if next < end {
			next = end
		}
		next = e.skipBlank(next)
		last := next >= n
		out = e.emit(out, block, kind, pos, end, ind, avail, justify && !last)
		out[len(out)-1].Last = last
		pos, first = next, false
	}
	return out
}

// emergency chooses where to cut a line that has no break opportunity
// before rune i, the first that does not fit: the unit from pos is longer
// than the line. It prefers, in order, the last cut that keeps the
// line-start and line-end rules without splitting a run of letters and
// digits, one that keeps those rules, then any cut between characters. The cut is
// after pos, so every line holds at least one character.
func (e *engine) emergency(pos, i int) int {
	cls, flags, rs := e.cls, e.flags, e.rs
	for pass := range 2 {
		for c := i; c > pos; c-- {
			if cls[c] == clsAttach || cls[c] == clsSpace {
				continue
			}
			p := c - 1
			for p > pos && (cls[p] == clsAttach || cls[p] == clsSpace) {
				p--
			}
			if flags[c]&flagNoStart != 0 || flags[p]&flagNoEnd != 0 {
				continue
			}
			if pass == 0 && isTokenChar(rs[p]) && isTokenChar(rs[c]) {
				continue // first look for a cut that splits no word or number
			}
			return c
		}
	}
	for c := i; c > pos; c-- {
		if cls[c] != clsAttach {
			return c
		}
	}
	// A single character wider than the line (only when the column is
	// narrower than a wide character): it goes alone.
	c := pos + 1
	for c < len(cls) && cls[c] == clsAttach {
		c++
	}
	return c
}

// skipBlank skips the white space and hidden characters from rune i: a
// line never starts with either.
func (e *engine) skipBlank(i int) int {
	for i < len(e.cls) && (e.cls[i] == clsSpace || e.flags[i]&flagHidden != 0) {
		i++
	}
	return i
}

// emit appends the line showing runes [s, end) with ind indent spaces,
// justified to avail cells of text when justify is set.
func (e *engine) emit(out []lineRec, block int, kind Kind, s, end, ind, avail int, justify bool) []lineRec {
	rs, ws, cls := e.rs, e.ws, e.cls
	rec := lineRec{Line: Line{Kind: kind, Block: block, Start: s, End: end}, t0: len(e.buf), s0: len(e.src)}
	// Trim trailing spaces (they may precede an end extended over attach runes).
	for end > s && (cls[end-1] == clsSpace || e.flags[end-1]&flagHidden != 0) {
		end--
	}
	cw := 0
	for k := s; k < end; k++ {
		cw += int(ws[k])
	}
	width := cw
	e.extra = e.extra[:0]
	if justify && avail > cw {
		width += e.justify(s, end, avail-cw, e.maxGap)
	}
	iw := e.w.Rune(ideoSpace)
	for range ind {
		e.buf = utf8.AppendRune(e.buf, ideoSpace)
		e.src = append(e.src, -1)
		width += iw
	}
	prevSpace := false
	for k := s; k < end; k++ {
		if len(e.extra) > 0 && e.extra[k-s] > 0 {
			for range e.extra[k-s] {
				e.buf = append(e.buf, ' ')
				e.src = append(e.src, -1)
			}
		}
		switch {
		case cls[k] == clsSpace:
			if prevSpace {
				continue
			}
			e.buf = append(e.buf, ' ')
		case e.flags[k]&flagHidden != 0:
			continue
		default:
			e.buf = utf8.AppendRune(e.buf, rs[k])
		}
		prevSpace = cls[k] == clsSpace
		e.src = append(e.src, int32(k))
	}
	rec.t1, rec.s1 = len(e.buf), len(e.src)
	rec.Width = width
	return append(out, rec)
}

// isTokenChar reports whether r belongs in a Western token such as H9774,
// 6+1 or 12.5%: an ASCII letter or digit, or + . %.
func isTokenChar(r rune) bool {
	return isAlnum(r) || r == '+' || r == '.' || r == '%'
}
