package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/issues"
	"bao/reader/layout"
	"bao/reader/vertical"
)

// verticalView is the article set top to bottom, right to left (v): the
// headline at the right edge, pages turning to the lines further left.
// first is the line at the right edge; like the columns it is found again
// from the reader's anchor when the window changes size.
type verticalView struct {
	set   *vertical.Layout
	first int
}

// setVertical turns vertical mode on or off, keeping the reader at the
// same text.
func (a *articleModel) setVertical(on bool) {
	switch {
	case on && a.vert == nil:
		a.vert = &verticalView{}
		a.relayoutVertical()
	case !on && a.vert != nil:
		a.vert = nil
		a.goTo(a.anchor)
	}
}

// relayoutVertical sets the article vertically for the window, the line
// holding the anchor at the right edge.
func (a *articleModel) relayoutVertical() {
	a.vert.set = vertical.Article(&a.issue.Articles[a.index], vertical.Options{
		Width: max(a.c.width, 1), Height: max(a.c.height-1, 1), Ambiguous: a.c.widths.Ambiguous(),
		Graphemes: a.c.widths.Graphemes(),
	})
	a.vert.first = 0
	if a.anchor != (issues.Place{}) {
		a.vert.first, _ = a.vert.set.Locate(a.anchor)
	}
	a.clampVertical()
}

func (a *articleModel) clampVertical() {
	v := a.vert
	v.first = min(max(v.first, 0), max(len(v.set.Lines)-v.set.PerPage, 0))
}

// scrollVertical moves by d lines (positive: on, to the left).
func (a *articleModel) scrollVertical(d int) {
	a.vert.first += d
	a.clampVertical()
	a.anchor = issues.Place{}
	if a.vert.first > 0 {
		a.anchor = a.vert.lineStart(a.vert.first)
	}
}

// lineStart is the source position of the first character of line i (or
// of the next line that has one).
func (v *verticalView) lineStart(i int) issues.Place {
	for ; i < len(v.set.Lines); i++ {
		for _, sl := range v.set.Lines[i].Slots {
			if sl.N > 0 {
				return sl.Pos
			}
		}
	}
	return issues.Place{}
}

// keyVertical handles the moving keys in vertical mode: a line is one
// vertical line, a page the lines that fit across the window.
func (a *articleModel) keyVertical(msg tea.KeyPressMsg, count int) string {
	k, per := a.c.keys, a.vert.set.PerPage
	if key.Matches(msg, k.PageDown) && a.vert.first+per >= len(a.vert.set.Lines) {
		return "end of article: l for the next"
	}
	if d, ok := k.moveBy(msg, per, per/2); ok {
		d = repeat(d, count)
		a.scrollVertical(max(min(d, len(a.vert.set.Lines)), -len(a.vert.set.Lines)))
		return ""
	}
	if key.Matches(msg, k.MoreColumns, k.FewerCols, k.Justify) {
		return "vertical text has no columns: v for horizontal"
	}
	return ""
}

// pagesVertical is p of q pages at the current size.
func (a *articleModel) pagesVertical() (p, q, pct int) {
	v := a.vert
	n, per := len(v.set.Lines), v.set.PerPage
	q = max((n+per-1)/per, 1)
	p = min(v.first/per+1, q)
	if v.first+per >= n {
		p = q
	}
	pct = 100
	if n > 0 {
		pct = min((v.first+per)*100/n, 100)
	}
	return p, q, pct
}

// statusVertical is the place in vertical text, for statusLeft.
func (a *articleModel) statusVertical() string {
	p, q, pct := a.pagesVertical()
	return fmt.Sprintf("article %d/%d | vertical | page %d/%d | %d%%", a.index+1, len(a.issue.Articles), p, q, pct)
}

// showMatchVertical turns to the line of the current match, unless it is
// on screen already.
func (a *articleModel) showMatchVertical() {
	p, ok := a.find.current()
	if !ok {
		return
	}
	line, _ := a.vert.set.Locate(p)
	if line >= a.vert.first && line < a.vert.first+a.vert.set.PerPage {
		return
	}
	a.vert.first = line
	a.clampVertical()
	a.anchor = p
}

// viewVertical draws the window: head slots in their styles, search
// matches highlighted slot by slot. Slot texts are two cells each; styles
// only colour them.
func (a *articleModel) viewVertical(status string) string {
	t := a.c.theme
	matches, curMatch := a.marked, 0
	if a.find.active() && a.find.matcher != nil {
		matches, curMatch = a.find.matches, a.find.cur
	}
	hit, cur := t.hit, t.current
	rows := a.vert.set.Window(a.vert.first, func(ln *vertical.Line, s int, text string) string {
		text = issues.Sanitize(text)
		sl := ln.Slots[s]
		for mi, m := range matches {
			mp := m.Place
			if sl.N > 0 && mp.Block == sl.Pos.Block && mp.Offset < sl.Pos.Offset+sl.N && sl.Pos.Offset < mp.Offset+m.Length {
				if mi == curMatch {
					return cur.Render(text)
				}
				return hit.Render(text)
			}
		}
		switch ln.Kind {
		case layout.LineText:
			return text
		case layout.LineKicker:
			return t.kicker.Render(text)
		case layout.LineHeadline:
			return t.headline.Render(text)
		case layout.LineSubheadline:
			return t.sub.Render(text)
		case layout.LineByline:
			return t.byline.Render(text)
		case layout.LineSubhead:
			return t.subhead.Render(text)
		case layout.LineCaption, layout.LineCredit:
			return t.caption.Render(text)
		}
		return text
	})
	if a.c.width < 2 {
		// A slot is two cells: a one-cell window shows what fits.
		for i, r := range rows {
			rows[i] = ansi.Truncate(r, a.c.width, "")
		}
	}
	return fitScreen(rows, a.c.height-1, status)
}
