package layout

import (
	"unsafe"

	"bao/issues"
)

// Window is one page of a layout: Rows rows of Columns columns showing
// body lines [First, First+Rows*Columns). The first page also shows the
// head (Head set), above the body, across all columns, followed by a blank
// line.
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
// with balanced columns: ceil(len(Body) / Columns).
func (l *Layout) BalancedRows() int {
	return (len(l.Body) + l.Columns - 1) / l.Columns
}

// PageRows is the column height of the page whose first body line is
// first, where a full page has rows rows a column: rows, or, on a last page
// that what remains of the body does not fill, the balanced height of what
// remains (at least 1). A page turn moves first by rows*Columns, so every
// line shows on exactly one page and a short last page repeats nothing of
// the page before it: its columns are balanced instead, as a printed
// article's last columns are.
//
//	remaining 32 lines, 2 columns of 25 rows: PageRows = 16
func (l *Layout) PageRows(first, rows int) int {
	rest := len(l.Body) - max(first, 0)
	if rows <= 0 || rest >= rows*l.Columns {
		return rows
	}
	return max(1, (rest+l.Columns-1)/l.Columns)
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
	next := rows * l.Columns
	for next < len(l.Body) {
		pages = append(pages, Window{First: next, Rows: l.PageRows(next, height)})
		next += height * l.Columns
	}
	return pages
}

// PageOf returns where position p is with pages height rows tall (see
// Pages): the page, the column and the row within the column's body rows,
// as LineAt shows them. Head positions are on page 0, column 0, row 0.
func (l *Layout) PageOf(p issues.Place, height int) (page, column, row int) {
	if p.Block < 0 {
		return 0, 0, 0
	}
	line, _ := l.Locate(p)
	pages := l.Pages(height)
	for i, w := range pages {
		if line < w.First+w.Rows*l.Columns || i == len(pages)-1 {
			if w.Rows == 0 {
				return i, 0, 0
			}
			k := line - w.First
			column, row = k/w.Rows, k%w.Rows
			if lead := l.columnLead(w.First+column*w.Rows, w.Rows); row >= lead {
				row -= lead
			} else {
				row += w.Rows - lead
			}
			return i, column, row
		}
	}
	return 0, 0, 0
}

// LineAt is the body line a page of rows rows from line first shows in
// column c, row r (an index out of the body's range for a row past its
// end). A column holds lines [first+c*rows, first+(c+1)*rows), top down,
// except that the blank lines opening a column (the gap between two
// blocks, fallen at a column break) are set at its foot: a typesetter
// never starts a column with an empty line. Every line still shows on
// exactly one page, in the column it falls in.
//
//	lines 0-5, 2 columns of 3 rows, line 3 blank:
//	column 1 shows 4, 5, 3 (3 at the foot, blank)
func (l *Layout) LineAt(first, rows, c, r int) int {
	top := first + c*rows
	lead := l.columnLead(top, rows)
	if r < rows-lead {
		return top + lead + r
	}
	return top + r - (rows - lead)
}

// columnLead is how many blank lines open the column of rows rows whose
// first line is top (fewer than rows: a column of nothing but blanks is
// left as it is).
func (l *Layout) columnLead(top, rows int) int {
	n := 0
	for n < rows-1 && top+n >= 0 && top+n < len(l.Body) && l.Body[top+n].Kind == LineBlank {
		n++
	}
	return n
}

// Page composes body lines [first, first+rows*Columns) into rows lines of
// text: column 1 top down, then column 2, … (see LineAt), each column padded to
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
		for r := range rows {
			if i := l.LineAt(first, rows, 0, r); i >= 0 && i < len(l.Body) {
				out[r] = l.Body[i].Text
			}
		}
		return dst
	}
	// All rows go into one buffer, cut into strings at the end.
	var buf []byte
	ends := make([]int, rows)
	leads := make([]int, l.Columns)
	for c := range leads {
		leads[c] = l.columnLead(first+c*rows, rows)
	}
	for r := range rows {
		pad := 0 // blank cells owed before the next text
		for c, lead := range leads {
			if c > 0 {
				pad += l.Gutter
			}
			i := first + c*rows + lead + r // LineAt, its lead known
			if r >= rows-lead {
				i -= rows
			}
			if i < 0 || i >= len(l.Body) || l.Body[i].Kind == LineBlank {
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
