// Package layout sets newspaper articles in terminal cells the way a
// Chinese, Japanese or Korean typesetter would, exact to the cell. It is the
// one place bao measures text: everything else (the reader's borders, status
// line, truncation) uses its Widths.
//
// The parts, one file each:
//
//   - width.go: Widths, cell widths from go-runewidth under an Ambiguous
//     policy (Narrow or Wide) for the East Asian Ambiguous characters
//     (“ ” — … · ° ×); ParseAmbiguous and AmbiguousFromEnv decide it
//     (the terminal probe lives with the UI).
//   - linebreak.go: where a line may break — between CJK characters, never
//     inside a Western token (H9774, 6+1, 12.5%, URLs), never before a
//     line-start-prohibited or after a line-end-prohibited character
//     (W3C clreq and jlreq kinsoku tables), —— and …… whole, Korean at
//     spaces.
//   - engine.go: greedy filling with push-out adjustment (never hanging,
//     never adding or dropping a visible character), first-line indents by
//     script (two ideographic spaces for Chinese, one for Japanese), no
//     one-character last lines.
//   - justify.go: CJK lines spread to the column's exact width, whole cells
//     at break opportunities only.
//   - layout.go, page.go: Article / Setter lay an issues.Article out into a
//     Layout — Head lines across the page (kicker, headline, subheadline,
//     byline) and the Body flow at column width; columns and pages are
//     windows on the flow (Page, PageFunc, Pages, Compose); Printer writes
//     issues as `bao print` does.
//
// Positions survive any relayout: a Pos is (block, rune offset) in the
// article; Layout.Locate maps it to a body line and cell, Line.PosAt and
// Layout.At map a cell back, Layout.Spans gives the cells of a search hit.
// A renderer styles by Line.Kind and cell ranges (Line.Cut) and pads by
// Line.Width, so lipgloss only colours and never re-wraps.
//
//	l := layout.Article(&issue.Articles[0], layout.Options{Width: 120, Gutter: layout.DefaultGutter})
//	for _, row := range l.Compose(0, nil) { // head, blank line, balanced columns
//		fmt.Println(row)
//	}
//	line, x := l.Locate(layout.Pos{Block: 2, Offset: 40}) // a bookmark, after a resize
//
// Nothing here does terminal I/O or keeps mutable global state; a Setter
// (reused buffers) serves one goroutine, layouts are immutable once made.
package layout
