package vertical

import (
	"bufio"
	"io"

	"bao/issues"
)

// Printer writes articles set vertically, as `bao print --vertical` does:
// each page at most Height rows, pages (and articles, which start on a new
// page) separated by a line holding only a form feed.
type Printer struct {
	Options Options
	// Style renders a slot's text without changing its width (nil: plain).
	Style func(ln *Line, slot int, text string) string
}

// Write sets arts and writes them to w.
func (p Printer) Write(w io.Writer, arts []issues.Article) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	// The text goes to a terminal or a pipe: made safe as the reader makes
	// it (issues.Sanitize drops only what has no width).
	style := func(ln *Line, slot int, text string) string {
		text = issues.Sanitize(text)
		if p.Style != nil {
			return p.Style(ln, slot, text)
		}
		return text
	}
	first := true
	for i := range arts {
		v := Article(&arts[i], p.Options)
		for pg := 0; pg < v.Pages(); pg++ {
			if !first {
				bw.WriteString("\f\n")
			}
			first = false
			rows := v.Page(pg, style)
			for len(rows) > 0 && rows[len(rows)-1] == "" {
				rows = rows[:len(rows)-1]
			}
			for _, row := range rows {
				bw.WriteString(row)
				bw.WriteByte('\n')
			}
		}
	}
	return bw.Flush()
}
