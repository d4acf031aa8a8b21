package ui

import (
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
	Graphemes, Ragged      bool
}

// setArticle lays a out. Text from the file is made safe for the terminal
// here, once per layout rather than on every frame (issues.Sanitize: a
// line holds no white-space controls, and what Sanitize drops has no width,
// so the lines' widths stand).
func setArticle(a *issues.Article, o settingOptions) *setting {
	l := layout.Article(a, layout.Options{
		Width: o.Width, Columns: o.Columns, Gutter: o.Gutter,
		Ambiguous: o.Ambiguous, Graphemes: o.Graphemes, Ragged: o.Ragged,
	})
	for _, lines := range [][]layout.Line{l.Head, l.Body} {
		for i := range lines {
			lines[i].Text = issues.Sanitize(lines[i].Text)
		}
	}
	return &setting{l}
}

// page composes body lines from first on, rows lines to a column, the
// columns side by side, with the layout engine's PageFunc: padding comes
// from each Line's Width, never from measuring; styles only colour a line
// (subheads bold, captions and credits italic) and never change its width.
func (s *setting) page(first, rows int, t theme) []string {
	return s.PageFunc(first, rows, func(_ int, ln *layout.Line) string {
		text := ln.Text // made safe in setArticle
		switch ln.Kind {
		case layout.LineSubhead:
			return t.subhead.Render(text)
		case layout.LineCaption, layout.LineCredit:
			return t.caption.Render(text)
		}
		return text
	})
}

// headKind is the kind of head line i.
func (s *setting) head(i int) (string, layout.Kind) {
	return s.Head[i].Text, s.Head[i].Kind
}

// pos is the position of the first character of body line i.
func (s *setting) pos(i int) issues.Place {
	if len(s.Body) == 0 {
		return issues.Place{}
	}
	i = min(max(i, 0), len(s.Body)-1)
	for j := i; j < len(s.Body); j++ { // a blank line stands for what follows it
		if ln := &s.Body[j]; ln.Kind != layout.LineBlank {
			return issues.Place{Block: ln.Block, Offset: ln.Start}
		}
	}
	return issues.Place{Block: s.Body[i].Block}
}

// locate is the body line holding p.
func (s *setting) locate(p issues.Place) int {
	line, _ := s.Locate(p)
	return line
}
