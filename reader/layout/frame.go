package layout

// Filling a page's columns. A page of rows rows from body line first fills
// its columns one after the other, each with the next rows lines, under
// the two rules a newspaper typesetter keeps at a column break:
//
//   - a column never opens with a blank line: the gap between two blocks
//     that falls at a column's top is dropped there (it separates nothing);
//   - a column never ends with a subhead whose text is in the next column:
//     the subhead (and any subhead right under it) goes to the top of the
//     next one, and the column ends short, the gap above it at its foot.
//
// So a page shows at most rows×Columns lines and often a few fewer; every
// body line that is not a dropped gap shows on exactly one page, and a
// page turn goes to PageEnd.
//
//	lines: t t t b S t t  (t text, b blank, S a subhead), 2 columns of 3 rows
//	column 1: t t t       column 2: S t t   (b dropped at the top)
//	lines: t t b S t t t, 2 columns of 4 rows
//	column 1: t t b       column 2: S t t t (S at column 1's foot would be stranded)

// span is the body lines [from, to) one column shows, top down.
type span struct{ from, to int }

// fill appends to dst the spans of the Columns columns of a page of rows
// rows from line first, and returns them with the line after the page
// (blank lines after it skipped, as the next page would drop them).
func (l *Layout) fill(dst []span, first, rows int) ([]span, int) {
	n := len(l.Body)
	pos := max(first, 0)
	for range l.Columns {
		for pos < n && l.Body[pos].Kind == LineBlank {
			pos++
		}
		end := min(pos+max(rows, 1), n)
		if end < n {
			end = l.keepWithNext(pos, end)
		}
		dst = append(dst, span{pos, end})
		pos = end
	}
	for pos < n && l.Body[pos].Kind == LineBlank {
		pos++
	}
	return dst, pos
}

// keepWithNext moves the end of the column [from, end) back above the
// subheads that are its last text (with the blank lines between and after
// them), so they open the next column with their paragraph. A column that
// is nothing but subheads keeps them.
func (l *Layout) keepWithNext(from, end int) int {
	j, subhead := end, false
	for j > from && (l.Body[j-1].Kind == LineBlank || l.Body[j-1].Kind == LineSubhead) {
		j--
		subhead = subhead || l.Body[j].Kind == LineSubhead
	}
	if !subhead || j == from {
		return end
	}
	for l.Body[j].Kind == LineBlank { // the gap above them stays at the foot
		j++
	}
	return j
}

// PageEnd is the first body line after the page of rows rows from line
// first: where a page turn goes (len(Body) when the page shows the end).
func (l *Layout) PageEnd(first, rows int) int {
	var buf [8]span
	_, end := l.fill(buf[:0], first, rows)
	return end
}

// PageStart is the top line of the page of rows rows that ends at line
// end (the page before the one from end): where a page turn back goes.
// It is the lowest line from which a page reaches end, so going back and
// forth again shows the same pages.
func (l *Layout) PageStart(end, rows int) int {
	// a page holds at most rows×Columns lines and the blank lines it
	// drops at its columns' tops and after it: one each where blocks
	// meet, two at most (after a block that sets no line)
	f := max(end-(max(rows, 1)+2)*l.Columns-2, 0)
	for f < end && l.PageEnd(f, rows) < end {
		f++
	}
	return f
}

// LineAt is the body line a page of rows rows from line first shows in
// column c, row r, or -1 where it shows none (below a column's end).
func (l *Layout) LineAt(first, rows, c, r int) int {
	var buf [8]span
	spans, _ := l.fill(buf[:0], first, rows)
	if c < 0 || c >= len(spans) || r < 0 || spans[c].from+r >= spans[c].to {
		return -1
	}
	return spans[c].from + r
}
