package layout

import (
	"unsafe"

	"bao/issues"
)

// Window is one page of a layout: Rows rows of Columns columns showing
// body lines from First on, filled as fill says (up to PageEnd(First,
// Rows)). The first page also shows the head (Head set), above the body,
// across all columns, followed by a blank line.
type Window struct {
	First, Rows int
	Head        bool
}

// HeadRows is the number of rows the head takes on the first page: its
// lines and the blank line after them (0 without a head).
func (l *Layout) HeadRows() int {
	if len(l.Head) == 0 {
		return 0
	}
	return len(l.Head) + 1
}

// BalancedRows is the column height that sets the whole body on one page
// with balanced columns: the fewest rows whose page shows it all (about
// len(Body) / Columns).
func (l *Layout) BalancedRows() int {
	return l.fitRows(0, max(len(l.Body), 1))
}

// PageRows is the column height of the page whose first body line is
// first, where a full page has rows rows a column: rows, or, on a last page
// that what remains of the body does not fill, the balanced height of what
// remains (at least 1). A page turn goes to PageEnd, so every line shows on
// exactly one page and a short last page repeats nothing of the page before
// it: its columns are balanced instead, as a printed article's last columns
// are.
//
//	remaining 32 lines, 2 columns of 25 rows: PageRows = 16
func (l *Layout) PageRows(first, rows int) int {
	if rows <= 0 || l.PageEnd(first, rows) < len(l.Body) {
		return rows
	}
	return l.fitRows(first, rows)
}

// fitRows is the fewest rows, at most most, whose page from first shows
// the rest of the body (at least 1).
func (l *Layout) fitRows(first, most int) int {
	rest := len(l.Body) - max(first, 0)
	// a page of r rows holds r×Columns lines less what the rules at the
	// column breaks take, at most a line or two a column
	r := max(1, (rest+l.Columns-1)/l.Columns-2)
	for r < most && l.PageEnd(first, r) < len(l.Body) {
		r++
	}
	return r
}

// Pages cuts the layout into pages height rows tall (head included on the
// first page; at least one body row a page); the last page is balanced
// (see PageRows). height 0 means one page with balanced columns. There is
// always at least one page.
func (l *Layout) Pages(height int) []Window {
	if height <= 0 {
		return []Window{{First: 0, Rows: l.BalancedRows(), Head: true}}
	}
	rows := max(1, height-l.HeadRows())
	pages := []Window{{First: 0, Rows: l.PageRows(0, rows), Head: true}}
	next := l.PageEnd(0, rows)
	for next < len(l.Body) {
		pages = append(pages, Window{First: next, Rows: l.PageRows(next, height)})
		next = l.PageEnd(next, height)
	}
	return pages
}

// PageOf returns where position p is with pages height rows tall (see
// Pages): the page, the column and the row within the column's body rows,
// as LineAt shows them. Head positions are on page 0, column 0, row 0; a
// blank line dropped at a column's top is at that column's row 0.
func (l *Layout) PageOf(p issues.Place, height int) (page, column, row int) {
	if p.Block < 0 {
		return 0, 0, 0
	}
	line, _ := l.Locate(p)
	pages := l.Pages(height)
	for i, w := range pages {
		spans, end := l.fill(nil, w.First, w.Rows)
		if line >= end && i < len(pages)-1 {
			continue
		}
		for c, s := range spans {
			if line < s.to || c == len(spans)-1 {
				return i, c, max(line-s.from, 0)
			}
		}
	}
	return 0, 0, 0
}

// Page composes the body lines from first on into rows lines of text:
// column 1 top down, then column 2, … (filled as fill says), each column padded to
// ColumnWidth and separated by Gutter blank cells. Rows past the end of the
// body are blank; trailing blanks of each row are trimmed. The reader
// scrolls by moving first by one line, or by a page (rows*Columns).
func (l *Layout) Page(first, rows int) []string {
	return l.PageFunc(first, rows, nil)
}

// PageFunc is Page with each line's text rendered by render (e.g. coloured
// with lipgloss, a search hit highlighted with Line.Cut); render must not
// change the line's width in cells: the padding is computed from
// Line.Width, never by measuring what render returns. render nil means the
// plain text.
func (l *Layout) PageFunc(first, rows int, render func(i int, ln *Line) string) []string {
	return l.appendPage(make([]string, 0, rows), first, rows, render)
}

// appendPage appends the rows of PageFunc to dst.
func (l *Layout) appendPage(dst []string, first, rows int, render func(i int, ln *Line) string) []string {
	n := len(dst)
	dst = append(dst, make([]string, rows)...)
	out := dst[n:]
	if l.Columns == 1 && render == nil {
		// One column: a row is a line, nothing to pad.
		var spanBuf [8]span
		spans, _ := l.fill(spanBuf[:0], first, rows)
		for r := range rows {
			if i := spans[0].from + r; i < spans[0].to {
				out[r] = l.Body[i].Text
			}
		}
		return dst
	}
	// All rows go into one buffer, cut into strings at the end.
	var buf []byte
	ends := make([]int, rows)
	var spanBuf [8]span
	spans, _ := l.fill(spanBuf[:0], first, rows)
	for r := range rows {
		pad := 0 // blank cells owed before the next text
		for c, s := range spans {
			if c > 0 {
				pad += l.Gutter
			}
			i := s.from + r
			if i >= s.to || l.Body[i].Kind == LineBlank {
				pad += l.ColumnWidth
				continue
			}
			ln := &l.Body[i]
			if buf == nil {
				buf = make([]byte, 0, rows*(l.Width*2+16))
			}
			buf = appendSpaces(buf, pad)
			if render != nil {
				buf = append(buf, render(i, ln)...)
			} else {
				buf = append(buf, ln.Text...)
			}
			pad = l.ColumnWidth - ln.Width
		}
		ends[r] = len(buf)
	}
	all := unsafe.String(unsafe.SliceData(buf), len(buf))
	start := 0
	for r := range rows {
		out[r] = all[start:ends[r]]
		start = ends[r]
	}
	return dst
}

const spaces = "                                                                "

func appendSpaces(b []byte, n int) []byte {
	for n > len(spaces) {
		b = append(b, spaces...)
		n -= len(spaces)
	}
	return append(b, spaces[:max(n, 0)]...)
}

// Compose sets the whole article as `bao print` shows it: the head lines
// across the page, a blank line, then each page of body columns (see Pages;
// height 0 is one page with balanced columns), pages separated by a blank
// line. style renders a line's text (nil: plain), as in PageFunc; head lines
// are passed to it too.
func (l *Layout) Compose(height int, style func(ln *Line) string) []string {
	pages := l.Pages(height)
	out := make([]string, 0, l.HeadRows()+len(pages)*(pages[0].Rows+1))
	for i := range l.Head {
		if style != nil {
			out = append(out, style(&l.Head[i]))
		} else {
			out = append(out, l.Head[i].Text)
		}
	}
	if len(l.Head) > 0 && len(l.Body) > 0 {
		out = append(out, "")
	}
	var render func(int, *Line) string
	if style != nil {
		render = func(_ int, ln *Line) string { return style(ln) }
	}
	for k, w := range pages {
		if k > 0 {
			out = append(out, "")
		}
		out = l.appendPage(out, w.First, w.Rows, render)
	}
	return out
}
