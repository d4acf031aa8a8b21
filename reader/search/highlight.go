package search

import "bao/reader/layout"

// Pos is where a match starts, as the layout engine counts positions: the
// headline is layout.BlockHeadline there (block -1 here and in `bao search
// --json`, which number the headline as the block before the body).
func (m Match) Pos() layout.Pos {
	if m.Block == HeadlineBlock {
		return layout.Pos{Block: layout.BlockHeadline, Offset: m.Offset}
	}
	return layout.Pos{Block: m.Block, Offset: m.Offset}
}

// Highlights returns, for each match, the cells of the laid-out article
// that show it: one span per line it covers, so a match that the layout
// breaks across lines, columns or pages is still highlighted whole.
func Highlights(l *layout.Layout, ms []Match) [][]layout.Span {
	out := make([][]layout.Span, len(ms))
	for i, m := range ms {
		out[i] = l.Spans(m.Pos(), m.Length)
	}
	return out
}
