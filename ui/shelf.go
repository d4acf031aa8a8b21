package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// shelfModel is the library screen: issues newest first, grouped by year
// and month, with date, title and (once parsed) the article count.
type shelfModel struct {
	c        *common
	lib      Library
	rows     []shelfRow
	rowOf    []int // entry index → row index
	selected int   // entry index
	offset   int   // first visible row
	counts   map[int]int
	titles   map[int]string // the paper's name, once the issue is parsed
	pending  map[int]bool
	typed    string // digits and '-' typed so far: a date to jump to
	name     string // what the library was opened from ("" when not known)
}

// shelfRow is a group heading (entry < 0) or one issue.
type shelfRow struct {
	heading string
	entry   int
}

// countMsg carries the article count of one shelf entry, parsed lazily.
type countMsg struct {
	entry, count int
	title        string
	err          error
}

func newShelf(c *common, lib Library) *shelfModel {
	s := &shelfModel{c: c, lib: lib, counts: map[int]int{}, titles: map[int]string{}, pending: map[int]bool{}}
	s.rowOf = make([]int, lib.Len())
	last := ""
	for i := 0; i < lib.Len(); i++ {
		e := lib.Entry(i)
		group := "Undated"
		if !e.Date.IsZero() {
			group = e.Date.Format("2006 January")
		}
		if group != last {
			s.rows = append(s.rows, shelfRow{heading: group, entry: -1})
			last = group
		}
		s.rowOf[i] = len(s.rows)
		s.rows = append(s.rows, shelfRow{entry: i})
	}
	return s
}

func (s *shelfModel) current() (int, bool) {
	return s.selected, s.lib.Len() > 0
}

func (s *shelfModel) listHeight() int { return max(s.c.height-3, 1) }

func (s *shelfModel) selectIndex(i int) {
	if s.lib.Len() == 0 {
		return
	}
	s.selected = min(max(i, 0), s.lib.Len()-1)
	s.scrollIntoView()
}

func (s *shelfModel) scrollIntoView() {
	r := s.rowOf[s.selected]
	h := s.listHeight()
	if r-1 < s.offset { // keep the group heading above in view when we can
		s.offset = max(r-1, 0)
	}
	if r >= s.offset+h {
		s.offset = r - h + 1
	}
}

func (s *shelfModel) move(d int) { s.selectIndex(s.selected + d) }

func (s *shelfModel) key(msg tea.KeyPressMsg) {
	k, h := s.c.keys, s.listHeight()
	switch {
	case key.Matches(msg, k.Down):
		s.move(1)
	case key.Matches(msg, k.Up):
		s.move(-1)
	case key.Matches(msg, k.PageDown):
		s.move(h)
	case key.Matches(msg, k.PageUp):
		s.move(-h)
	case key.Matches(msg, k.HalfDown):
		s.move(h / 2)
	case key.Matches(msg, k.HalfUp):
		s.move(-h / 2)
	case key.Matches(msg, k.Top):
		s.selectIndex(0)
	case key.Matches(msg, k.Bottom):
		s.selectIndex(s.lib.Len() - 1)
	}
}

// typeDate takes the keys that spell a date: digits and '-' (and backspace
// while a date is being typed). After each key the newest issue whose date
// starts with what was typed is selected: "2023-12-28", "2023-12", or a
// month and day "12-28" in any year.
func (s *shelfModel) typeDate(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	t := msg.Text
	switch {
	case len(t) == 1 && (t[0] >= '0' && t[0] <= '9' || t[0] == '-' && s.typed != ""):
		s.typed += t
	case s.typed != "" && msg.String() == "backspace":
		s.typed = s.typed[:len(s.typed)-1]
	case s.typed != "" && (msg.String() == "esc" || msg.String() == "enter"):
		s.typed = ""
		return nil, msg.String() == "esc"
	default:
		s.typed = ""
		return nil, false
	}
	if i, ok := s.findDate(s.typed); ok {
		s.selectIndex(i)
	}
	return s.countCmd(), true
}

func (s *shelfModel) findDate(typed string) (int, bool) {
	if typed == "" {
		return 0, false
	}
	for _, layout := range []string{"2006-01-02", "01-02"} {
		for i := 0; i < s.lib.Len(); i++ {
			d := s.lib.Entry(i).Date
			if !d.IsZero() && strings.HasPrefix(d.Format(layout), typed) {
				return i, true
			}
		}
	}
	return 0, false
}

// countCmd parses the first visible issue whose article count is not yet
// known; each answer asks for the next, so counts stream in while the
// reader looks, and only for the rows on screen.
func (s *shelfModel) countCmd() tea.Cmd {
	end := min(s.offset+s.listHeight(), len(s.rows))
	for _, r := range s.rows[s.offset:end] {
		if r.entry < 0 || s.pending[r.entry] {
			continue
		}
		_, counted := s.counts[r.entry]
		_, titled := s.titles[r.entry]
		if counted && (titled || s.counts[r.entry] < 0) {
			continue // (after a library refresh only counts are carried over)
		}
		i, lib := r.entry, s.lib
		s.pending[i] = true
		return func() tea.Msg {
			is, err := lib.Issue(i)
			if err != nil {
				return countMsg{entry: i, count: -1, err: err}
			}
			return countMsg{entry: i, count: len(is.Articles), title: is.Title}
		}
	}
	return nil
}

func (s *shelfModel) setCount(msg countMsg) tea.Cmd {
	s.counts[msg.entry] = msg.count
	if msg.err == nil {
		s.titles[msg.entry] = msg.title
	}
	return s.countCmd()
}

func (s *shelfModel) statusLeft() string {
	if s.typed != "" {
		return "go to date: " + s.typed
	}
	if s.lib.Len() == 0 {
		return "no issues"
	}
	return fmt.Sprintf("issue %d/%d", s.selected+1, s.lib.Len())
}

func (s *shelfModel) view(status string) string {
	w, t, width := s.c.widths, s.c.theme, s.c.width
	lines := make([]string, 0, s.c.height)
	title := fmt.Sprintf("bao | library | %d issues", s.lib.Len())
	if s.name != "" {
		title = fmt.Sprintf("bao | %s | %d issues", sanitize(s.name), s.lib.Len())
	}
	lines = append(lines, t.masthead.Render(w.Truncate(title, width, "…")))
	lines = append(lines, t.rule.Render(strings.Repeat("=", width)))
	if s.lib.Len() == 0 {
		lines = append(lines, "  no issue files here")
	}
	end := min(s.offset+s.listHeight(), len(s.rows))
	for _, r := range s.rows[s.offset:end] {
		if r.entry < 0 {
			lines = append(lines, t.group.Render(w.Truncate(r.heading, width, "")))
			continue
		}
		lines = append(lines, s.rowLine(r.entry))
	}
	return fitScreen(lines, s.c.height-1, status)
}

// rowLine is one issue: "  2023-12-28  Title ……  12 articles", cut and
// padded with the width model.
func (s *shelfModel) rowLine(i int) string {
	w, t, width := s.c.widths, s.c.theme, s.c.width
	e := s.lib.Entry(i)
	date := "          "
	if !e.Date.IsZero() {
		date = e.Date.Format("2006-01-02")
	}
	count := ""
	switch n, ok := s.counts[i]; {
	case !ok:
		count = "…"
	case n < 0:
		count = "unreadable"
	case n == 1:
		count = "1 article"
	default:
		count = fmt.Sprintf("%d articles", n)
	}
	mark := "  "
	if i == s.selected {
		mark = "> "
	}
	left := mark + date + "  "
	titleRoom := width - w.String(left) - 12 - 1
	title := ""
	if titleRoom > 0 {
		t := e.Title
		if pt := s.titles[i]; pt != "" {
			t = pt
		}
		title = w.PadRight(w.Truncate(sanitize(t), titleRoom, "…"), titleRoom)
	}
	line := left + title + " " + fmt.Sprintf("%11s", count)
	line = w.PadRight(w.Truncate(line, width, ""), width)
	if i == s.selected {
		return t.selected.Render(line)
	}
	return line
}
