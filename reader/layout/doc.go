// Package layout sets newspaper articles in terminal cells the way a
// Chinese, Japanese or Korean typesetter would: one width model for the
// whole program (Widths, with a policy for East Asian Ambiguous characters),
// CJK line breaking with the kinsoku rules of W3C clreq and jlreq
// (linebreak.go), justification to the exact column width (justify.go),
// first-line indents by script, and columns and pages as windows on the flow
// of body lines.
//
// Article lays an issues.Article out once for a width, column count and
// policy; the result maps every cell back to a Pos (block, rune offset) and
// every Pos to a line and cell, so bookmarks and search hits survive a
// relayout. A renderer styles lines by Kind and cell spans (Line.Cut,
// Layout.Spans, Layout.PageFunc) without measuring or wrapping text itself.
//
//	l := layout.Article(&issue.Articles[0], layout.Options{Width: 120, Gutter: 2})
//	for _, ln := range l.Head { fmt.Println(ln.Text) }
//	for _, w := range l.Pages(0) {
//		for _, row := range l.Page(w.First, w.Rows) { fmt.Println(row) }
//	}
//
// Nothing here does terminal I/O or keeps global mutable state.
package layout
