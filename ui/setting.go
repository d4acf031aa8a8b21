package ui

import (
	"strings"

	"bao/issues"
	"bao/reader/layout"
)

// setting is an article set by the layout engine for the screen, with the
// few things the article screen asks of it: pages of columns, the position
// of a line, the line of a position. All measuring is the engine's (each
// Line carries its Width); the screen only pads with spaces.
type setting struct {
	*layout.Layout
}

type settingOptions struct {
	Width, Columns, Gutter int
	Ambiguous              layout.Ambiguous
	Ragged                 bool
}

func setArticle(a *issues.Article, o settingOptions) *setting {
	return &setting{layout.Article(a, layout.Options{
		Width: o.Width, Columns: o.Columns, Gutter: o.Gutter,
		Ambiguous: o.Ambiguous, Ragged: o.Ragged,
	})}
}

// page composes the body lines from first on, height lines to a column,
// the columns side by side with the gutter between them. Lines are padded
// with spaces by their own Width, never re-measured or re-wrapped; the last
// column is not padded.
func (s *setting) page(first, height int) []string {
	out := make([]string, height)
	var b strings.Builder
	for row := 0; row < height; row++ {
		b.Reset()
		pad := 0 // spaces owed before the next column's text
		for c := 0; c < s.Columns; c++ {
			i := first + c*height + row
			if c > 0 {
				pad += s.Gutter
			}
			if i >= len(s.Body) {
				break
			}
			ln := &s.Body[i]
			if ln.Text == "" {
				pad += s.ColumnWidth
				continue
			}
			b.WriteString(strings.Repeat(" ", pad))
			b.WriteString(sanitize(ln.Text))
			pad = s.ColumnWidth - ln.Width
		}
		out[row] = b.String()
	}
	return out
}

// headKind is the kind of head line i.
func (s *setting) head(i int) (string, layout.Kind) {
	return sanitize(s.Head[i].Text), s.Head[i].Kind
}

// pos is the position of the first character of body line i.
func (s *setting) pos(i int) layout.Pos {
	if len(s.Body) == 0 {
		return layout.Pos{}
	}
	i = min(max(i, 0), len(s.Body)-1)
	for j := i; j < len(s.Body); j++ { // a blank line stands for what follows it
		if ln := &s.Body[j]; ln.Kind != layout.LineBlank {
			return layout.Pos{Block: ln.Block, Offset: ln.Start}
		}
	}
	return layout.Pos{Block: s.Body[i].Block}
}

// locate is the body line holding p.
func (s *setting) locate(p layout.Pos) int {
	line, _ := s.Locate(p)
	return line
}
