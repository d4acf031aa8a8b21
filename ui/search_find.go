package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bao/issues"
	"bao/reader/layout"
	"bao/reader/search"
)

// findBar is the search inside one article (`/` in the article screen):
// matches are found in the article's text as parsed, not in laid-out lines,
// so a match the layout breaks across lines, columns or pages is one match.
//
// Wiring (the article screen owns the findBar):
//
//	`/`            f.open()
//	while f.editing, every key → f.key(msg, art); when it returns jump,
//	               goTo(f.current()) and show f.prompt() in the status line
//	`n` / `N`      f.next(top) / f.prev(top), then goTo(f.current())
//	status line    f.counter() ("3/12") while f.active()
//	drawing        f.spans(layout) with highlightLine for each line
type findBar struct {
	editing bool
	// field is the query line while it is typed; query is its text, and
	// the query in force after.
	field   textField
	query   []rune
	matcher *search.Matcher
	matches []search.Match
	cur     int // index into matches, -1 when none
	// wrapped says the last n or N went past the end (or the start) and
	// came round, for the status line.
	wrapped bool
}

// open starts editing a new query (the old one stays until replaced).
func (f *findBar) open() {
	f.editing = true
	f.query = f.query[:0]
	f.field = newTextField("/", "")
}

// active reports whether the bar is open or highlights are kept.
func (f *findBar) active() bool { return f.editing || f.matcher != nil }

// clear drops the query and the highlights.
func (f *findBar) clear() {
	*f = findBar{cur: -1}
}

// key handles a key while editing, or esc/n/N while highlights are kept.
// handled says the key was the bar's; jump that the current match changed
// and the screen should turn to it.
func (f *findBar) key(msg tea.KeyPressMsg, a *issues.Article, from issues.Place) (handled, jump bool) {
	f.wrapped = false
	if !f.editing {
		switch msg.String() {
		case "esc":
			if f.matcher == nil {
				return false, false
			}
			f.clear()
			return true, false
		case "n":
			return f.matcher != nil, f.next(from)
		case "N":
			return f.matcher != nil, f.prev(from)
		}
		return false, false
	}
	switch msg.String() {
	case "esc":
		f.clear()
		return true, false
	case "enter":
		f.editing = false
		if len(f.matches) == 0 {
			f.clear()
		}
		return true, false
	}
	if _, changed := f.field.key(msg); changed {
		return true, f.setQuery(f.field.text(), a, from)
	}
	return true, false // other keys do nothing while typing
}

// paste adds pasted text to the query being typed.
func (f *findBar) paste(text string, a *issues.Article, from issues.Place) (jump bool) {
	if !f.editing {
		return false
	}
	if !f.field.insert(text) {
		return false
	}
	return f.setQuery(f.field.text(), a, from)
}

// setQuery finds q in a, as typed (highlights follow each keystroke), and
// makes current the first match at or after from. It reports whether
// there is a current match to turn to.
func (f *findBar) setQuery(q string, a *issues.Article, from issues.Place) bool {
	f.query = []rune(q)
	m, err := search.Compile(q)
	if err != nil {
		f.matcher, f.matches, f.cur = nil, nil, -1
		return false
	}
	f.matcher = m
	f.matches = m.Article(a)
	if f.matches == nil {
		// Not every word occurs: still show where the others do.
		for i := range a.Blocks {
			for _, s := range m.Text(a.Blocks[i].Text) {
				f.matches = append(f.matches, search.Match{Place: issues.Place{Block: i, Offset: s.Offset}, Length: s.Length})
			}
		}
		var head []search.Match
		for _, s := range m.Text(a.Headline) {
			head = append(head, search.Match{Place: issues.Place{Block: issues.BlockHeadline, Offset: s.Offset}, Length: s.Length})
		}
		f.matches = append(head, f.matches...)
	}
	f.cur = -1
	if len(f.matches) == 0 {
		return false
	}
	// The first match at or after from; at the top of the article the head
	// is in view too, so any match; past the last one, wrap to the first.
	f.cur = 0
	if from != (issues.Place{}) {
		for i, mt := range f.matches {
			if !mt.Less(from) {
				f.cur = i
				break
			}
		}
	}
	return true
}

// next makes current the first match after from (or after the current
// one), wrapping to the first.
func (f *findBar) next(from issues.Place) bool {
	if len(f.matches) == 0 {
		return false
	}
	if f.cur >= 0 {
		f.wrapped = f.cur == len(f.matches)-1
		f.cur = (f.cur + 1) % len(f.matches)
		return true
	}
	f.cur = 0
	for i, m := range f.matches {
		if from.Less(m.Place) {
			f.cur = i
			break
		}
	}
	return true
}

// prev makes current the match before the current one (or the last before
// from), wrapping to the last.
func (f *findBar) prev(from issues.Place) bool {
	if len(f.matches) == 0 {
		return false
	}
	if f.cur >= 0 {
		f.wrapped = f.cur == 0
		f.cur = (f.cur - 1 + len(f.matches)) % len(f.matches)
		return true
	}
	f.cur = len(f.matches) - 1
	for i := len(f.matches) - 1; i >= 0; i-- {
		if f.matches[i].Place.Less(from) {
			f.cur = i
			break
		}
	}
	return true
}

// current is the position of the current match.
func (f *findBar) current() (issues.Place, bool) {
	if f.cur < 0 || f.cur >= len(f.matches) {
		return issues.Place{}, false
	}
	return f.matches[f.cur].Place, true
}

// counter is "3/12" for the status line, "no match" when nothing matched.
func (f *findBar) counter() string {
	if len(f.matches) == 0 {
		if len(f.query) == 0 {
			return ""
		}
		return "no match"
	}
	return fmt.Sprintf("%d/%d", f.cur+1, len(f.matches))
}

// prompt is the query line shown while typing.
func (f *findBar) prompt() string {
	return "/" + string(f.query)
}

// spans are the cells of every match in l, and the index of the current
// match among them (-1 when none).
func (f *findBar) spans(l *layout.Layout) ([][]layout.Span, int) {
	return search.Highlights(l, f.matches), f.cur
}

// lineHighlights picks, from spans (as spans returns them), the cell
// ranges on body line i (or head line i when head) and whether each is the
// current match, ready for highlightLine.
func lineHighlights(spans [][]layout.Span, cur int, head bool, i int) []lineSpan {
	var out []lineSpan
	for mi, ss := range spans {
		for _, s := range ss {
			if s.Head == head && s.Line == i {
				out = append(out, lineSpan{x0: s.X0, x1: s.X1, current: mi == cur})
			}
		}
	}
	return out
}

// lineSpan is a highlighted range of cells of one line.
type lineSpan struct {
	x0, x1  int
	current bool
}

// highlightLine renders a laid-out line with its matches styled: hit for
// every match, cur for the current one. The line's text is cut at cells
// by the layout (Line.Cut), so wide, narrow and ambiguous characters land
// exactly where the layout put them.
func highlightLine(ln *layout.Line, spans []lineSpan, plain, hit, cur lipgloss.Style) string {
	if len(spans) == 0 {
		return plain.Render(ln.Text)
	}
	var b strings.Builder
	render := func(st lipgloss.Style, s string) {
		if s != "" {
			b.WriteString(st.Render(s))
		}
	}
	x := 0
	for _, s := range spans {
		if s.x0 < x {
			continue // overlapping matches: the first wins
		}
		_, gap, _ := ln.Cut(x, s.x0)
		render(plain, gap)
		_, mid, _ := ln.Cut(s.x0, s.x1)
		if s.current {
			render(cur, mid)
		} else {
			render(hit, mid)
		}
		x = s.x1
	}
	_, _, after := ln.Cut(x, x)
	render(plain, after)
	return b.String()
}
