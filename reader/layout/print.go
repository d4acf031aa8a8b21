package layout

import (
	"bufio"
	"io"
	"strings"

	"bao/issues"
)

// Printer writes articles laid out one after another, as `bao print` does:
// each article's Compose output, articles separated by a blank line, a rule
// and a blank line.
type Printer struct {
	// Options lay each article out.
	Options Options
	// Style renders a line's text without changing its width (nil: the
	// plain text), e.g. bold headlines through lipgloss.
	Style func(ln *Line) string
	// Rule returns the line between two articles for a page width (nil:
	// "=" across the page: ASCII, so its width is the same in both
	// ambiguous-width policies).
	Rule func(width int) string
}

// Write lays out arts and writes them to w.
func (p Printer) Write(w io.Writer, arts []issues.Article) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	opt := p.Options.normalize()
	var s Setter
	for i := range arts {
		if i > 0 {
			rule := strings.Repeat("=", opt.Width)
			if p.Rule != nil {
				rule = p.Rule(opt.Width)
			}
			bw.WriteString("\n" + rule + "\n\n")
		}
		l := s.Article(&arts[i], opt)
		// The text goes to a terminal or a pipe: made safe as the reader
		// makes it (issues.Sanitize drops only what has no width, so each
		// line keeps its Width).
		for _, lines := range [][]Line{l.Head, l.Body} {
			for j := range lines {
				lines[j].Text = issues.Sanitize(lines[j].Text)
			}
		}
		for _, row := range l.Compose(opt.Height, p.Style) {
			bw.WriteString(row)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}
