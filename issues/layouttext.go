package issues

import "strings"

// Text kept in its page layout (`pdftotext -layout`, a page dumped to a
// fixed grid): the columns of a newspaper page stand side by side on each
// line, so read line by line the stories are shuffled together. The page
// is put back in reading order by a recursive XY cut, the classic
// segmentation of printed pages (Nagy & Seth 1984): a region of the
// page's character grid is cut across at its empty rows, else down at its
// empty gutters, until it is one column; the leaves are read top to
// bottom, left to right. Only spaces move: every character stays.

// layoutSegment is a run of text on one line of the grid, between runs of
// three or more spaces: a line of one column.
type layoutSegment struct {
	row        int
	start, end int // in runes from the line's start (the grid's columns)
	text       string
}

// minGutter is the run of spaces that separates two columns on a line.
const minGutter = 3

// looksLaidOut reports whether text keeps its page layout: on at least ten
// lines, a third of the non-blank lines hold text, a gutter, and more text.
func looksLaidOut(text string) bool {
	lines, split := 0, 0
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, " \t\f")
		t := strings.TrimLeft(l, " \f")
		if t == "" {
			continue
		}
		lines++
		if strings.Contains(t, strings.Repeat(" ", minGutter)) {
			split++
		}
	}
	return lines >= 10 && split*3 >= lines
}

// readLayout puts each page (form feeds divide them) of laid-out text in
// reading order.
func readLayout(text string) string {
	pages := strings.Split(text, "\f")
	for i, p := range pages {
		pages[i] = readLayoutPage(p)
	}
	return strings.Join(pages, "\f")
}

// layoutSegments cuts the lines of a page into segments.
func layoutSegments(lines []string) []layoutSegment {
	var segs []layoutSegment
	for row, l := range lines {
		runes := []rune(strings.ReplaceAll(l, "\t", " "))
		for i := 0; i < len(runes); {
			if runes[i] == ' ' {
				i++
				continue
			}
			j, spaces := i, 0
			end := i
			for j < len(runes) {
				if runes[j] == ' ' {
					spaces++
					if spaces >= minGutter {
						break
					}
				} else {
					spaces = 0
					end = j + 1
				}
				j++
			}
			segs = append(segs, layoutSegment{row: row, start: i, end: end, text: string(runes[i:end])})
			i = j
		}
	}
	return segs
}

func readLayoutPage(page string) string {
	lines := strings.Split(page, "\n")
	segs := layoutSegments(lines)
	if len(segs) == 0 {
		return page
	}
	var b strings.Builder
	xyCut(segs, &b)
	return b.String()
}

// xyCut writes the segments of a region in reading order: cut across at
// each run of two or more empty rows, else down at a gutter, else across
// at a single empty row (the leading under a headline row is a weaker
// divide than a gutter from top to bottom), else write the region as one
// column, a blank line after it.
func xyCut(segs []layoutSegment, b *strings.Builder) {
	for _, cut := range []func([]layoutSegment) [][]layoutSegment{
		func(s []layoutSegment) [][]layoutSegment { return cutRows(s, 2) },
		cutColumns,
		func(s []layoutSegment) [][]layoutSegment { return cutRows(s, 1) },
	} {
		if parts := cut(segs); len(parts) > 1 {
			for _, p := range parts {
				xyCut(p, b)
			}
			return
		}
	}
	writeColumn(segs, b)
}

// writeColumn writes the lines of one column. A line set in by two grid
// columns or more opens a paragraph (written indented); a line set far off
// the one before (a centred headline over its column) stands in a block
// of its own; segments that share a row are written one under the other.
func writeColumn(segs []layoutSegment, b *strings.Builder) {
	left := segs[0].start
	for _, s := range segs {
		left = min(left, s.start)
	}
	prev := -1
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('\n')
			if s.start-prev >= 8 || prev-s.start >= 8 || s.row > segs[i-1].row+1 {
				b.WriteByte('\n')
			}
		}
		if s.start-left >= 2 && s.start-left < 8 {
			b.WriteString("  ")
		}
		b.WriteString(s.text)
		prev = s.start
	}
	b.WriteString("\n\n")
}

// cutRows splits a region (segments in row order) at its runs of at
// least gap empty rows.
func cutRows(segs []layoutSegment, gap int) [][]layoutSegment {
	var parts [][]layoutSegment
	start := 0
	for i := 1; i < len(segs); i++ {
		if segs[i].row > segs[i-1].row+gap {
			parts = append(parts, segs[start:i])
			start = i
		}
	}
	return append(parts, segs[start:])
}

// cutColumns splits a region at the gutters no segment of it crosses,
// keeping each part's segments in row order.
func cutColumns(segs []layoutSegment) [][]layoutSegment {
	lo, hi := segs[0].start, segs[0].end
	for _, s := range segs {
		lo, hi = min(lo, s.start), max(hi, s.end)
	}
	used := make([]bool, hi-lo)
	for _, s := range segs {
		for x := s.start; x < s.end; x++ {
			used[x-lo] = true
		}
	}
	// the columns: runs of used grid columns between gutters of at least
	// two empty grid columns
	var bounds []int // the first grid column of each column after the first
	for x := 0; x < len(used); {
		if used[x] {
			x++
			continue
		}
		y := x
		for y < len(used) && !used[y] {
			y++
		}
		if y-x >= 2 && y < len(used) {
			bounds = append(bounds, lo+y)
		}
		x = y
	}
	if len(bounds) == 0 {
		return [][]layoutSegment{segs}
	}
	// Of the gutters, cut at the one where the two sides differ most in
	// the rows that hold text: a gutter between the columns of one story
	// has text on the same rows on both sides; where two stories meet,
	// one side's rows are empty where the other's are full.
	best, bestScore := 0, -1
	for _, g := range bounds {
		left, right := map[int]bool{}, map[int]bool{}
		for _, s := range segs {
			if s.start < g {
				left[s.row] = true
			} else {
				right[s.row] = true
			}
		}
		score := 0
		for r := range left {
			if !right[r] {
				score++
			}
		}
		for r := range right {
			if !left[r] {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = g, score
		}
	}
	parts := make([][]layoutSegment, 2)
	for _, s := range segs {
		k := 0
		if s.start >= best {
			k = 1
		}
		parts[k] = append(parts[k], s)
	}
	return parts
}
