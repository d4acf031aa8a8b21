package layout

// This file is justification: spreading a line's slack so that it ends
// exactly at the column edge, newspaper style. In a terminal the slack comes
// in whole cells. Following clreq §3.2 ("Adjustment of character spacing"):
// first widen the spaces between words and the gaps between Han and Western
// text, then all the gaps equally — and never inside an unbreakable unit
// (a word, a number, `——`, before `，`): only at break opportunities.
//
// One tier comes before those, the terminal's own: a CJK quotation mark
// that the ambiguous-width policy draws one cell wide (“ ” ‘ ’ under
// narrow) is a full-width mark in CJK type squeezed to half its body, and
// the odd cell of slack it leaves belongs beside it — after a closing mark,
// before an opening one — where it gives the mark its full body back,
// rather than between two Han characters where it reads as a hole:
//
//	不搞大 拆大建，“城市客厅” 的    (slack between Han characters)
//	不搞大拆大建，“城市客厅”  的    (slack beside the narrow quote)
//
// Next comes the gap after a full-width pause or stop mark or closing
// bracket (，。、；：！？」）…): half of such a mark's body is blank
// already, so a cell added after it is the least visible (clreq §3.2 adjusts
// at punctuation first).

// maxGapCells is the most cells justification adds to one gap: one, half
// a CJK character. A line whose slack would need more (a long token pushed
// to the next line left it short) is left ragged rather than spaced out
// into a row of loose characters; in a terminal, slack comes in whole
// cells, and two-cell gaps read as holes.
const maxGapCells = 1

// justify distributes slack cells over the break opportunities of runes
// [s, end) into e.gapx (cells to add at each of e.gaps) and returns the
// cells added: slack, or 0 when the line cannot take it.
func (e *engine) justify(s, end, slack, maxGap int) int {
	ri := e.ri
	// The gaps: break opportunities inside the line; which are beside a
	// narrow quotation mark, which are word gaps.
	e.gaps, e.wgaps, e.qgaps, e.pgaps = e.gaps[:0], e.wgaps[:0], e.qgaps[:0], e.pgaps[:0]
	for k := s + 1; k < end; k++ {
		if ri[k].can {
			switch {
			case isHan(ri[k-1].r) && isHan(ri[k].r):
				// The common gap, between two ideographs: no tier.
			case e.isQuoteGap(k):
				e.qgaps = append(e.qgaps, int32(len(e.gaps)))
			case e.isPunctGap(k):
				e.pgaps = append(e.pgaps, int32(len(e.gaps)))
			case e.isWordGap(k):
				e.wgaps = append(e.wgaps, int32(len(e.gaps)))
			}
			e.gaps = append(e.gaps, int32(k))
		}
	}
	gaps := len(e.gaps)
	if gaps == 0 || slack > gaps*maxGap {
		return 0
	}
	e.gapx = grow(e.gapx, gaps)
	clear(e.gapx)
	left := slack
	// First passes: one cell beside each narrow quotation mark, then after
	// each full-width punctuation mark, then to each word space and
	// Han–Western gap, as far as the slack goes, spread
	// evenly (the t-th cell to the gap at the centre of the t-th equal
	// share).
	for _, tier := range [][]int32{e.qgaps, e.pgaps, e.wgaps} {
		if w := len(tier); w > 0 && left > 0 {
			give := min(left, w)
			for t := range give {
				e.gapx[tier[spreadAt(t, give, w)]]++
			}
			left -= give
		}
	}
	// Then the rest over all gaps, evenly.
	for t := range left {
		e.gapx[spreadAt(t, left, gaps)]++
	}
	return slack
}

// isWordGap reports whether the break before rune k is at a word space or
// between CJK and a Western letter or digit (not a quote or dash: the
// ambiguous-width marks are CJK punctuation there).
func (e *engine) isWordGap(k int) bool {
	ri := e.ri
	if ri[k-1].cls == clsSpace {
		return true
	}
	p := k - 1
	for p > 0 && ri[p].cls == clsAttach {
		p--
	}
	return (ri[p].cls == clsIdeo && ri[k].flags&flagWestern != 0) || (ri[p].flags&flagWestern != 0 && ri[k].cls == clsIdeo)
}

// isQuoteGap reports whether the break before rune k is just after a
// closing quotation mark, or just before an opening one, that is drawn
// one cell wide.
func (e *engine) isQuoteGap(k int) bool {
	ri := e.ri
	p := k - 1
	for p > 0 && ri[p].cls == clsAttach {
		p--
	}
	return (ri[p].w == 1 && isCJKQuote(ri[p].r)) || (ri[k].w == 1 && isCJKQuote(ri[k].r))
}

// isPunctGap reports whether the break before rune k is just after a
// full-width pause or stop mark or closing bracket.
func (e *engine) isPunctGap(k int) bool {
	p := k - 1
	for p > 0 && e.ri[p].cls == clsAttach {
		p--
	}
	return e.ri[p].w == 2 && isFullWidthCloser(e.ri[p].r)
}

// isFullWidthCloser reports whether r is a full-width mark whose body is
// half blank on the right (clreq: pause and stop marks, closing brackets).
func isFullWidthCloser(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '！', '？', '）', '」', '』', '》', '〉', '】', '〕', '〗', '］', '｝':
		return true
	}
	return false
}

// isHan reports whether r is a CJK Unified Ideograph of the basic block.
func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// isCJKQuote reports whether r is one of the curly quotation marks that
// CJK text uses and East Asian Width classes Ambiguous (UAX #11).
func isCJKQuote(r rune) bool { return r == '“' || r == '”' || r == '‘' || r == '’' }

// spreadAt is the gap (of n) that the t-th of total cells goes to when
// total cells are spread evenly over n gaps: the centre of the t-th share.
//
//	spreadAt(t, 2, 4) for t = 0, 1: 1 3
//	spreadAt(0, 1, 5): 2
func spreadAt(t, total, n int) int {
	return (2*t + 1) * n / (2 * total)
}
