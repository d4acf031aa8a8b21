package search

import "bao/reader/layout"

// Highlights returns, for each match, the cells of the laid-out article
// that show it: one span per line it covers, so a match that the layout
// breaks across lines, columns or pages is still highlighted whole.
func Highlights(l *layout.Layout, ms []Match) [][]layout.Span {
	out := make([][]layout.Span, len(ms))
	for i, m := range ms {
		out[i] = l.Spans(m.Place, m.Length)
	}
	return out
}
