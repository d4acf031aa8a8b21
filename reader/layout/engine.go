package layout

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"bao/issues"
)

const ideoSpace = '\u3000' // the ideographic space of the first-line indent

// engine sets the blocks of an article. It builds all line texts of the
// article into one byte buffer and all source maps into one slab, so a whole
// article costs a handful of allocations; its per-paragraph scratch is
// reused from paragraph to paragraph (and article to article, in a Setter).
type engine struct {
	w   Widths
	opt Options

	buf []byte  // the text of every line, back to back
	fix []int32 // the source-map exceptions of every line, back to back
	// spans locate each line's text and exceptions, in the order the
	// lines were made (head, then body, blank lines included)
	spans []lineSpan

	// per-paragraph scratch: the text, and what is known of each of its n
	// runes (ri has one more entry, whose bo is len(text))
	text    string
	script  script // the script of the text, from its character counts
	special int    // how many runes emit cannot copy as they are (collapsed or odd white space, hidden, invalid)
	n       int
	ri      []rinfo
	gaps    []int32 // the gaps of the line being justified: rune indexes, in order
	wgaps   []int32 // which of gaps are word gaps (indexes into gaps)
	qgaps   []int32 // which of gaps are beside a narrow quotation mark
	pgaps   []int32 // which of gaps follow full-width punctuation
	gapx    []uint8 // the cells justification adds at each of gaps
	maxGap  int     // the most cells justification adds to one gap
}

// rinfo is what the engine knows of one rune of the paragraph being set.
// One array of these, rather than one array per field, keeps the preparing
// pass to one store a rune.
type rinfo struct {
	r     rune
	bo    int32 // byte offset in the text
	w     uint8 // cells: 0, 1 or 2 (a space after a space: 0)
	cls   class
	flags uint8
	can   bool // a line may break before this rune
}

// set stores all the fields of c.
func (c *rinfo) set(r rune, bo int32, w uint8, cls class, flags uint8, can bool) {
	c.r, c.bo, c.w, c.cls, c.flags, c.can = r, bo, w, cls, flags, can
}

// tail is the four one-byte fields of c (w, cls, flags, can) as one word,
// to store or compare them at once.
func (c *rinfo) tail() *uint32 { return (*uint32)(unsafe.Pointer(&c.w)) }

// plainIdeo is the tail of an ideograph inside a run of them (see
// prepare): two cells, clsIdeo, no flags, breakable before.
var plainIdeo = func() uint32 {
	c := rinfo{w: 2, cls: clsIdeo, can: true}
	return *c.tail()
}()

// reserve sizes the buffers for article a, set in columns width cells
// wide, and returns a capacity for its body lines. With reuse the buffers
// are scratch kept from article to article (a Setter copies what each
// article used out of them), and they only ever grow.
func (e *engine) reserve(a *issues.Article, width int, reuse bool) (bodyLines int) {
	n := 0
	for i := range a.Blocks {
		k := len(a.Blocks[i].Text)
		n += k
		bodyLines += 2 + k*2/3/max(1, width) // CJK: three bytes to two cells
	}
	n += len(a.Kicker) + len(a.Headline) + len(a.Subheadline) + len(a.Byline)
	// The text, the indents (at most 6 bytes a paragraph) and the
	// justification spaces (about one a line).
	if nb := n + 6*len(a.Blocks) + 4*bodyLines + 64; !reuse || cap(e.buf) < nb {
		e.buf = make([]byte, 0, nb)
	}
	// Indents (two a paragraph) and justification spaces (about one a line).
	if nf := 2*len(a.Blocks) + 2*bodyLines + 16; !reuse || cap(e.fix) < nf {
		e.fix = make([]int32, 0, nf)
	}
	e.buf, e.fix = e.buf[:0], e.fix[:0]
	return bodyLines
}

// lineSpan is where a line under construction keeps its text, buf[t0:t1],
// and its source-map exceptions, fix[s0:s1].
// A line that is a plain piece of its paragraph keeps that piece in src
// instead (no copy).
type lineSpan struct {
	t0, t1, s0, s1 int32
	src            string
}

// finish points the lines' texts into all (the text of the buffer) and
// their source maps into fix (the exceptions of the buffer); spans are the
// lines' spans, in order.
func (e *engine) finish(lines []Line, spans []lineSpan, all string, fix []int32) {
	wide, graphemes := e.w.Ambiguous() == Wide, e.w.Graphemes()
	for i := range lines {
		ln, sp := &lines[i], spans[i]
		if sp.src != "" {
			ln.Text = sp.src
		} else {
			ln.Text = all[sp.t0:sp.t1]
		}
		if sp.s1 > sp.s0 {
			ln.fixn, ln.fixp = sp.s1-sp.s0, &fix[sp.s0]
		}
		ln.wide, ln.graphemes = wide, graphemes
	}
}

// prepare fills the per-rune scratch for text.
func (e *engine) prepare(text string) {
	if !utf8.ValidString(text) {
		text = replaceInvalid(text)
	}
	e.text = text
	n := len(text) // runes ≤ bytes: write by index, cut to length after
	e.ri = grow(e.ri, n+1)
	ri := e.ri
	special := 0
	prevSpace := false
	// The line-breaking state (see breakBefore): the last rune that is no
	// space and no attachment, and whether spaces followed it.
	prev, spaced := -1, false
	wide := e.w.Ambiguous() == Wide
	pol := 0 // the policy's entry of runeProps
	if wide {
		pol = 1
	}
	k := 0
	var han, kana, hangul, latin int
	// The grapheme cluster being read: the rune it starts with, and the
	// byte where it ends once the segmenter has been asked (see mayJoin).
	clStart, clEnd := -1, 0
	// The last cluster the terminal is given (hidden runes are never
	// written): a mark after a hidden rune joins it on the screen.
	visStart, visLast := -1, rune(0)
	for i := 0; i < len(text); {
		// Decode inline: ASCII and three-byte sequences (all of CJK) are
		// the hot cases.
		r, size := rune(text[i]), 1
		if r >= 0x80 {
			if r&0xF0 == 0xE0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
				r, size = (r&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
				if r < 0x800 || (r >= 0xD800 && r <= 0xDFFF) {
					r, size = utf8.DecodeRuneInString(text[i:])
				}
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
		}
		if r >= 0x4E00 && r <= 0x9FFF {
			// The common case of CJK text: a run of ideographs, two cells
			// each, no flags, breakable on both sides. breakBefore for
			// the first depends on what precedes; for the others it is true.
			prevSpace = false
			k0 := k
			// The fields are stored one by one, here and below: a struct
			// literal is built on the stack with narrow stores and copied
			// with wide loads, which stalls store-to-load forwarding.
			ri[k].set(r, int32(i), 2, clsIdeo, 0,
				prev >= 0 && ri[prev].flags&flagNoEnd == 0 && (spaced || ri[prev].flags&flagPrefix == 0))
			k++
			i += 3
			for i+2 < len(text) {
				c0 := text[i]
				if c0 < 0xE4 || c0 > 0xE9 || text[i+1]&0xC0 != 0x80 || text[i+2]&0xC0 != 0x80 {
					break
				}
				r = rune(c0&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
				if r < 0x4E00 || r > 0x9FFF {
					break
				}
				c := &ri[k]
				c.r, c.bo, *c.tail() = r, int32(i), plainIdeo
				k++
				i += 3
			}
			han += k - k0
			prev, spaced = k-1, false
			clStart = k - 1
			visStart, visLast = clStart, r
			continue
		}
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF:
			han++
		case r >= 0x3041 && r <= 0x309F, r >= 0x30A1 && r <= 0x30FA:
			kana++
		case r >= 0xAC00 && r <= 0xD7A3:
			hangul++
		}
		var w int
		var c class
		var f uint8
		var alnum bool
		if p := cachedRune(r); p != nil {
			// ASCII and the punctuation and kana blocks: all of it known
			// in advance (see runeProps).
			w, c, f, alnum = int(p.w[pol]), p.cls[pol], p.flags, p.alnum
		} else {
			w, c, f = e.w.Rune(r), 0, runeFlags(r)
			// The class comes from the narrow width, so that an ambiguous
			// character breaks the same way under either policy.
			wc := w
			if wide && w == 2 {
				wc = narrowWidths.Rune(r)
			}
			c = classify(r, wc)
			alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case c == clsSpace:
			// A space shows as one cell; a run of spaces as one space.
			w = 1
			if prevSpace {
				w = 0
			}
		case isHidden(r):
			// Control and bidi-override characters are never written to
			// the terminal.
			c, w, f = clsAttach, 0, flagHidden
		}
		if c == clsAttach && f&flagHidden == 0 && (prevSpace || k == 0) {
			// A joiner or mark with no base before it: an invisible format
			// character (ZWJ, BOM) is dropped, a combining mark stands alone.
			if unicode.Is(unicode.Cf, r) {
				f = flagHidden
			} else {
				c = clsWord
			}
		}
		// A rune inside a grapheme cluster is never broken from it; counted
		// per cluster, the cluster's first rune takes its width.
		inCluster := i < clEnd
		if !inCluster && k > 0 && clStart >= 0 && mayJoin(ri[k-1].r, r) &&
			ri[clStart].cls != clsSpace && ri[clStart].flags&flagHidden == 0 {
			b0 := int(ri[clStart].bo)
			var cl string
			cl, clEnd = clusterFrom(text, b0)
			if inCluster = i < clEnd; inCluster && e.w.graphemes {
				ri[clStart].w = uint8(min(e.w.cluster(cl), 255))
			}
		}
		if !inCluster && f&flagHidden == 0 && clStart >= 0 && ri[clStart].flags&flagHidden != 0 &&
			visStart >= 0 && ri[visStart].cls != clsSpace && mayJoin(visLast, r) {
			// Hidden runes stand between r and the cluster before them:
			// the terminal sees the two side by side.
			var cl string
			cl, clEnd = drawnClusterFrom(text, int(ri[visStart].bo))
			if inCluster = i < clEnd; inCluster {
				clStart = visStart
				if e.w.graphemes {
					ri[clStart].w = uint8(min(e.w.cluster(cl), 255))
				}
			}
		}
		if inCluster {
			c = clsAttach
			if e.w.graphemes {
				w = 0
			}
		} else {
			clStart = k
			if f&flagHidden == 0 {
				visStart = k
			}
		}
		if f&flagHidden == 0 {
			visLast = r
		}
		if f&flagHidden == 0 {
			prevSpace = c == clsSpace
		}
		if c == clsWord && alnum {
			f |= flagWestern
		}
		can := false
		switch c {
		case clsSpace:
			spaced = true
		case clsAttach:
		default:
			can = prev >= 0 && breakBefore(ri[prev].r, r, ri[prev].cls, c, ri[prev].flags, f, spaced)
			prev, spaced = k, false
		}
		ri[k].set(r, int32(i), uint8(w), c, f, can)
		if (c == clsSpace && (w == 0 || r != ' ')) || f&flagHidden != 0 || (r == utf8.RuneError && size == 1) {
			special++ // not shown as its own bytes: emit takes the slow path
		}
		k++
		i += size
	}
	e.script = scriptFromCounts(han, kana, hangul, latin)
	ri[k] = rinfo{bo: int32(len(text))}
	e.ri, e.n = ri[:k+1], k
	e.special = special
}

// grow returns s with length n, reusing its array when it is big enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// set breaks text (block block) into lines of at most width cells and
// appends them to out. The first line is indented by indent ideographic
// spaces; justify sets every line but the last to the exact width where its
// break opportunities can take the slack.
func (e *engine) set(out []Line, text string, block int, kind Kind, width, indent int, justify bool) []Line {
	e.prepare(text)
	return e.setPrepared(out, block, kind, width, indent, justify)
}

// setPrepared is set on the text last prepared.
func (e *engine) setPrepared(out []Line, block int, kind Kind, width, indent int, justify bool) []Line {
	ri, n := e.ri, e.n
	if justify && width >= 4 {
		// CJK characters are two cells: on an odd measure every line
		// would carry a one-cell hole. Set justified text on an even
		// measure; the spare cell stays blank at the column's edge.
		width &^= 1
	}
	// Leading white space, ideographic spaces included, is dropped: the
	// indent is bao's to set.
	pos := 0
	for pos < n && (ri[pos].cls == clsSpace || ri[pos].r == ideoSpace || ri[pos].flags&flagHidden != 0) {
		pos++
	}
	// A mark at the start of the text has no base the terminal is given:
	// counted per cluster it is a cluster of its own, and it is not put
	// after the indent, whose ideographic space it would join.
	markFirst := pos < n && e.w.graphemes && inRanges(extendRanges[:], ri[pos].r)
	if markFirst && ri[pos].cls == clsAttach {
		cl, _ := clusterFrom(e.text, int(ri[pos].bo))
		ri[pos].cls, ri[pos].w = clsWord, uint8(min(e.w.cluster(cl), 255))
	}
	first := true
	for pos < n {
		ind := 0
		if first && !markFirst {
			ind = indent
		}
		avail := width - ind*e.w.Rune(ideoSpace)
		// Scan while the text fits, remembering the last break opportunity.
		cw, visEnd, visW := 0, pos, 0
		cand, candEnd, candW := -1, -1, 0
		prevCand, prevEnd, prevW := -1, -1, 0 // the opportunity before cand
		i := pos
		overflow := false
		for ; i < n; i++ {
			c := &ri[i]
			if i > pos && *c.tail() == plainIdeo && cw+2 <= avail {
				// A run of plain ideographs that fit, the common case:
				// what the general case below does rune by rune, at once.
				j := i + 1
				for j < n && *ri[j].tail() == plainIdeo && cw+2*(j-i)+2 <= avail {
					j++
				}
				prevCand, prevEnd, prevW = cand, candEnd, candW
				cand, candEnd, candW = i, visEnd, visW
				if j-i >= 2 {
					prevCand, prevEnd, prevW = cand, candEnd, candW
					if j-i >= 3 {
						prevCand, prevEnd, prevW = j-2, j-2, cw+2*(j-2-i)
					}
					cand, candEnd, candW = j-1, j-1, cw+2*(j-1-i)
				}
				cw += 2 * (j - i)
				visEnd, visW = j, cw
				i = j - 1
				continue
			}
			if c.can && i > pos {
				prevCand, prevEnd, prevW = cand, candEnd, candW
				cand, candEnd, candW = i, visEnd, visW
			}
			if c.cls == clsSpace {
				cw += int(c.w)
				continue
			}
			if cw+int(c.w) > avail {
				overflow = true
				break
			}
			cw += int(c.w)
			if c.cls != clsAttach || c.w > 0 || visEnd == i {
				visEnd, visW = i+1, cw
			}
		}
		var end, next int
		lw := -1 // the width of [pos, end), when known
		switch {
		case !overflow:
			end, next, lw = visEnd, n, visW
		case cand > 0:
			end, next, lw = candEnd, cand, candW
			if kind == LineText && prevCand > pos && candW-prevW <= 4 && prevW >= avail/2 && e.widow(cand) {
				// 一字不成行: a paragraph does not end on a line of one
				// character. Take one more down with it, when that is one
				// character and leaves this line full enough to justify.
				end, next, lw = prevEnd, prevCand, prevW
			}
		default:
			end = e.emergency(pos, i)
			next = end
		}
		// Zero-width runes right at the end belong to the line.
		for end < n && ri[end].cls == clsAttach && ri[end].w == 0 {
			end++
		}
		if next < end {
			next = end
		}
		next = e.skipBlank(next)
		last := next >= n
		out = e.emit(out, block, kind, pos, end, lw, ind, avail, justify && !last)
		out[len(out)-1].Last = last
		pos, first = next, false
	}
	return out
}

// widow reports whether the text from rune i on is a last line of a single
// character (with the punctuation that must follow it).
func (e *engine) widow(i int) bool {
	if e.n-i > 8 {
		return false
	}
	chars := 0
	for _, c := range e.ri[i:e.n] {
		if c.cls != clsSpace && c.cls != clsAttach && c.flags&flagNoStart == 0 {
			chars++
		}
	}
	return chars == 1
}

// emergency chooses where to cut a line that has no break opportunity
// before rune i, the first that does not fit: the unit from pos is longer
// than the line. It prefers, in order, the last cut that keeps the
// line-start and line-end rules without splitting a run of letters and
// digits, one that keeps those rules, then any cut between characters. The cut is
// after pos, so every line holds at least one character.
func (e *engine) emergency(pos, i int) int {
	ri := e.ri
	for pass := range 2 {
		for c := i; c > pos; c-- {
			if ri[c].cls == clsAttach || ri[c].cls == clsSpace {
				continue
			}
			p := c - 1
			for p > pos && (ri[p].cls == clsAttach || ri[p].cls == clsSpace) {
				p--
			}
			if ri[c].flags&flagNoStart != 0 || ri[p].flags&flagNoEnd != 0 {
				continue
			}
			if pass == 0 && isTokenChar(ri[p].r) && isTokenChar(ri[c].r) {
				continue // first look for a cut that splits no word or number
			}
			return c
		}
	}
	for c := i; c > pos; c-- {
		// Per code point, a cluster wider than the line (👨‍👩‍👧, six cells)
		// is drawn as its parts anyway: it may be cut between them.
		if ri[c].cls != clsAttach || ri[c].w > 0 {
			return c
		}
	}
	// A single character wider than the line (only when the column is
	// narrower than a wide character): it goes alone.
	c := pos + 1
	for c < e.n && ri[c].cls == clsAttach {
		c++
	}
	return c
}

// skipBlank skips the white space and hidden characters from rune i: a
// line never starts with either.
func (e *engine) skipBlank(i int) int {
	for i < e.n && (e.ri[i].cls == clsSpace || e.ri[i].flags&flagHidden != 0) {
		i++
	}
	return i
}

// emit appends the line showing runes [s, end) (lw cells wide, or -1 when
// not known) with ind indent spaces, justified to avail cells of text when
// justify is set. The source bytes are copied in runs between the
// justification gaps; a line holding white space to collapse, hidden
// characters or invalid bytes takes the rune-by-rune path. The line's fix
// list records what is not a plain copy of the source: the text positions
// of inserted runes (as -1-i) and the source offsets of dropped ones.
func (e *engine) emit(out []Line, block int, kind Kind, s, end, lw, ind, avail int, justify bool) []Line {
	ri, text := e.ri, e.text
	rec := Line{Kind: kind, Block: block, Start: s, End: end}
	span := lineSpan{t0: int32(len(e.buf)), s0: int32(len(e.fix))}
	// Trim trailing spaces (they may precede an end extended over attach runes).
	for end > s && (ri[end-1].cls == clsSpace || ri[end-1].flags&flagHidden != 0) {
		end--
		lw = -1
	}
	cw := lw
	if cw < 0 {
		cw = 0
		for k := s; k < end; k++ {
			cw += int(ri[k].w)
		}
	}
	width := cw
	justified := false
	if justify && avail > cw {
		added := e.justify(s, end, avail-cw, e.maxGap)
		width += added
		justified = added > 0
	}
	if ind == 0 && !justified && e.special == 0 {
		// The line is a piece of the paragraph as it stands: share it.
		span.src = text[ri[s].bo:ri[end].bo]
		span.t1, span.s1 = span.t0, span.s0
		e.spans = append(e.spans, span)
		rec.Width = width
		return append(out, rec)
	}
	buf, fix := e.buf, e.fix
	ti := int32(0) // runes written to the line's text
	if ind > 0 {
		iw := e.w.Rune(ideoSpace)
		for range ind {
			buf = utf8.AppendRune(buf, ideoSpace)
			fix = append(fix, -1-ti)
			ti++
			width += iw
		}
	}
	if e.special == 0 {
		// Fast path: the source runs between the gaps are copied whole.
		prev := s
		if justified {
			for j, g := range e.gaps {
				k, x := int(g), e.gapx[j]
				if x == 0 {
					continue
				}
				buf = append(buf, text[ri[prev].bo:ri[k].bo]...)
				ti += int32(k - prev)
				for range x {
					buf = append(buf, ' ')
					fix = append(fix, -1-ti)
					ti++
				}
				prev = k
			}
		}
		buf = append(buf, text[ri[prev].bo:ri[end].bo]...)
	} else {
		run := int32(-1) // start of the pending run of source bytes
		gi := 0          // the next gap
		for k := s; k < end; k++ {
			for justified && gi < len(e.gaps) && int(e.gaps[gi]) < k {
				gi++
			}
			if justified && gi < len(e.gaps) && int(e.gaps[gi]) == k && e.gapx[gi] > 0 {
				if run >= 0 {
					buf, run = append(buf, text[run:ri[k].bo]...), -1
				}
				for range e.gapx[gi] {
					buf = append(buf, ' ')
					fix = append(fix, -1-ti)
					ti++
				}
			}
			switch {
			case ri[k].cls == clsSpace && (ri[k].w == 0 || ri[k].r != ' '):
				if run >= 0 {
					buf, run = append(buf, text[run:ri[k].bo]...), -1
				}
				if ri[k].w == 0 {
					fix = append(fix, int32(k)) // collapsed into the space before
					continue
				}
				buf = append(buf, ' ')
			case ri[k].flags&flagHidden != 0:
				if run >= 0 {
					buf, run = append(buf, text[run:ri[k].bo]...), -1
				}
				fix = append(fix, int32(k))
				continue
			case ri[k].r == utf8.RuneError && ri[k+1].bo-ri[k].bo == 1:
				// An invalid byte is shown as U+FFFD, as it was measured.
				if run >= 0 {
					buf, run = append(buf, text[run:ri[k].bo]...), -1
				}
				buf = utf8.AppendRune(buf, utf8.RuneError)
			default:
				if run < 0 {
					run = ri[k].bo
				}
			}
			ti++
		}
		if run >= 0 {
			buf = append(buf, text[run:ri[end].bo]...)
		}
	}
	e.buf, e.fix = buf, fix
	span.t1, span.s1 = int32(len(e.buf)), int32(len(e.fix))
	e.spans = append(e.spans, span)
	rec.Width = width
	return append(out, rec)
}

// isTokenChar reports whether r belongs in a Western token such as H9774,
// 6+1 or 12.5%: an ASCII letter or digit, or + . %.
func isTokenChar(r rune) bool {
	return isAlnum(r) || r == '+' || r == '.' || r == '%'
}
