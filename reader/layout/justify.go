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
// [s, end) into e.extra (cells to insert before each rune) and returns the
// cells added: slack, or 0 when the line cannot take it.
func (e *engine) justify(s, end, slack, maxGap int) int {
	ri := e.ri
	// The gaps: break opportunities inside the line, word gaps marked.
	e.gaps = e.gaps[:0]
	wordGaps := 0
	for k := s + 1; k < end; k++ {
		if ri[k].can {
			g := int32(k)
			if e.isWordGap(k) {
				g, wordGaps = -g, wordGaps+1
			}
			e.gaps = append(e.gaps, g)
		}
	}
	gaps := len(e.gaps)
	if gaps == 0 || slack > gaps*maxGap {
		return 0
	}
	e.extra = grow(e.extra, end-s)
	clear(e.extra)
	left := slack
	// First pass: one cell to each word space and Han–Western gap.
	if wordGaps > 0 {
		give := min(left, wordGaps)
		j := 0
		for _, g := range e.gaps {
			if g < 0 {
				e.extra[int(-g)-s] += uint8(spread(j, wordGaps, give))
				j++
			}
		}
		left -= give
	}
	// Then the rest over all gaps, evenly.
	if left > 0 {
		for j, g := range e.gaps {
			if g < 0 {
				g = -g
			}
			e.extra[int(g)-s] += uint8(spread(j, gaps, left))
		}
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

// spread is the share of total cells that gap j of n gets when total is
// spread evenly, the remainder centred: the shares sum to total.
//
//	spread(j, 4, 2) for j = 0..3: 0 1 0 1
func spread(j, n, total int) int {
	at := func(j int) int { return (2*j*total + n) / (2 * n) }
	return at(j+1) - at(j)
}
