package layout

// This file is justification: spreading a line's slack so that it ends
// exactly at the column edge, newspaper style. In a terminal the slack comes
// in whole cells. Following clreq §3.2 ("Adjustment of character spacing"):
// first widen the spaces between words and the gaps between Han and Western
// text, then all the gaps equally — and never inside an unbreakable unit
// (a word, a number, `——`, before `，`): only at break opportunities.

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
	// The gaps: break opportunities inside the line; which are word gaps.
	e.gaps, e.wgaps = e.gaps[:0], e.wgaps[:0]
	for k := s + 1; k < end; k++ {
		if ri[k].can {
			if e.isWordGap(k) {
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
	// First pass: one cell to each word space and Han–Western gap, as far
	// as the slack goes, spread evenly (the t-th cell to the gap at the
	// centre of the t-th equal share).
	if w := len(e.wgaps); w > 0 {
		give := min(left, w)
		for t := range give {
			e.gapx[e.wgaps[spreadAt(t, give, w)]]++
		}
		left -= give
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

// spreadAt is the gap (of n) that the t-th of total cells goes to when
// total cells are spread evenly over n gaps: the centre of the t-th share.
//
//	spreadAt(t, 2, 4) for t = 0, 1: 1 3
//	spreadAt(0, 1, 5): 2
func spreadAt(t, total, n int) int {
	return (2*t + 1) * n / (2 * total)
}
