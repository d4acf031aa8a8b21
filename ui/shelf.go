package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bao/issues"
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
	dateErr  string // why typed finds no issue ("" when it does)
	name     string // what the library was opened from ("" when not known)
	// listErrs are the files the listing could not read; loadErrs those
	// that failed to parse since, by entry. E shows them all (errorsShown),
	// from line errOffset; the shelf only counts them.
	listErrs    []error
	loadErrs    map[int]error
	errorsShown bool
	errOffset   int
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
	s := &shelfModel{c: c, lib: lib, counts: map[int]int{}, titles: map[int]string{}, pending: map[int]bool{},
		listErrs: errorsOf(lib), loadErrs: map[int]error{}}
	s.rowOf = make([]int, lib.Len())
	s.rows = make([]shelfRow, 0, lib.Len()+lib.Len()/28+2)
	lastY, lastM := -1, time.Month(-1) // no group yet
	for i := 0; i < lib.Len(); i++ {
		e := lib.Entry(i)
		y, m := 0, time.Month(0) // undated
		if !e.Date.IsZero() {
			y, m, _ = e.Date.Date()
		}
		if y != lastY || m != lastM {
			// A heading per month: formatted only where a month begins.
			group := "Undated"
			if !e.Date.IsZero() {
				group = e.Date.Format("2006 January")
			}
			s.rows = append(s.rows, shelfRow{heading: group, entry: -1})
			lastY, lastM = y, m
		}
		s.rowOf[i] = len(s.rows)
		s.rows = append(s.rows, shelfRow{entry: i})
	}
	return s
}

func (s *shelfModel) current() (int, bool) {
	return s.selected, s.lib.Len() > 0
}

// listHeight is the rows of issues on screen: all but the masthead, its
// rule, the status line and, when files could not be read, the line that
// says so.
func (s *shelfModel) listHeight() int {
	if s.unreadable() > 0 {
		return max(s.c.height-4, 1)
	}
	return max(s.c.height-3, 1)
}

// unreadable is how many files of the library could not be read.
func (s *shelfModel) unreadable() int { return len(s.listErrs) + len(s.loadErrs) }

// errorLines are the unreadable files, "path: reason" each: the listing's
// problems, then the issues that failed to parse in shelf order.
func (s *shelfModel) errorLines() []string {
	out := make([]string, 0, s.unreadable())
	for _, err := range s.listErrs {
		out = append(out, err.Error())
	}
	idx := make([]int, 0, len(s.loadErrs))
	for i := range s.loadErrs {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	for _, i := range idx {
		out = append(out, s.loadErrs[i].Error())
	}
	return out
}

// errorsKey scrolls the list of unreadable files; E, q and esc close it.
func (s *shelfModel) errorsKey(msg tea.KeyPressMsg) {
	k, h := s.c.keys, max(s.c.height-3, 1)
	last := max(s.unreadable()-h, 0)
	switch {
	case key.Matches(msg, k.Errors, k.Back, k.Cancel):
		s.errorsShown = false
	case key.Matches(msg, k.Down):
		s.errOffset++
	case key.Matches(msg, k.Up):
		s.errOffset--
	case key.Matches(msg, k.PageDown):
		s.errOffset += h
	case key.Matches(msg, k.PageUp):
		s.errOffset -= h
	case key.Matches(msg, k.Top):
		s.errOffset = 0
	case key.Matches(msg, k.Bottom):
		s.errOffset = last
	}
	s.errOffset = min(max(s.errOffset, 0), last)
}

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

// update is the shelf's part of Update: a date typed, the moving keys,
// enter, paste (of a date), the wheel and a click on a row.
func (s *shelfModel) update(msg tea.Msg, _ int) (tea.Cmd, request) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		// The list of unreadable files takes every key while it is up.
		if s.errorsShown {
			s.errorsKey(msg)
			if !s.errorsShown {
				return s.countCmd(), nil
			}
			return nil, nil
		}
		// Digits and '-' first: typing a date jumps to it.
		if cmd, ok := s.typeDate(msg); ok {
			return cmd, say(s.dateStatus())
		}
		if key.Matches(msg, s.c.keys.Open) {
			if i, ok := s.current(); ok {
				return nil, openEntry{i}
			}
			return nil, nil
		}
		if key.Matches(msg, s.c.keys.Errors) && s.unreadable() > 0 {
			s.errorsShown, s.errOffset = true, 0
			return nil, nil
		}
		if s.key(msg) {
			return s.countCmd(), nil
		}
		return nil, passKey{}
	case tea.PasteMsg:
		s.typed = ""
		for _, r := range msg.Content {
			if _, ok := s.typeDate(tea.KeyPressMsg{Code: r, Text: string(r)}); !ok {
				break
			}
		}
		return nil, say(s.dateStatus())
	case tea.MouseWheelMsg:
		if d, ok := wheelDelta(msg); ok {
			s.move(d)
			return s.countCmd(), nil
		}
	case tea.MouseClickMsg:
		if i, ok := s.entryAt(msg.Y); ok && msg.Button == tea.MouseLeft {
			s.selectIndex(i)
			s.typed, s.dateErr = "", ""
			return nil, openEntry{i}
		}
	}
	return nil, nil
}

// key moves the selection; it reports whether msg was a moving key.
func (s *shelfModel) key(msg tea.KeyPressMsg) bool {
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
	default:
		return false
	}
	return true
}

// input is the date being typed, with what it finds (or not).
func (s *shelfModel) input() (inputView, bool) {
	if s.typed == "" {
		return inputView{}, false
	}
	return inputView{prompt: "go to date: ", text: s.typed, caret: len(s.typed), extra: s.dateErr}, true
}

func (s *shelfModel) topic() helpTopic { return helpShelf }
func (s *shelfModel) typing() bool     { return false }

// typeDate takes the keys that spell a date: digits and '-' (and backspace
// while a date is being typed). After each key the newest issue of that
// date is selected (see findDate). esc and enter end the typing; any other
// key ends it and goes on to do what it does.
func (s *shelfModel) typeDate(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	t := msg.Text
	switch {
	case len(t) == 1 && (t[0] >= '0' && t[0] <= '9' || t[0] == '-' && s.typed != "" && strings.Count(s.typed, "-") < 2):
		if len(s.typed) < len("2006-01-02") {
			s.typed += t
		}
	case s.typed != "" && msg.String() == "backspace":
		s.typed = s.typed[:len(s.typed)-1]
	case s.typed != "" && (msg.String() == "esc" || msg.String() == "enter"):
		s.typed, s.dateErr = "", ""
		return nil, msg.String() == "esc" // enter goes on to open the issue
	default:
		s.typed, s.dateErr = "", ""
		return nil, false
	}
	s.dateErr = ""
	if s.typed == "" {
		return nil, true
	}
	q, ok := parseTypedDate(s.typed)
	switch {
	case !ok:
		s.dateErr = "no such date"
	default:
		if i, found := s.findDate(q); found {
			s.selectIndex(i)
		} else {
			s.dateErr = "no issue of that date"
		}
	}
	return s.countCmd(), true
}

// dateStatus is what the status line says of the date being typed.
func (s *shelfModel) dateStatus() string { return s.dateErr }

// typedDate is a date as typed on the shelf: a year (4 digits), a month
// and a day, any of them absent (0). The last part may still be being
// typed: then it also stands for every number it begins ("1" for 1 and
// 10–19), exact numbers winning.
//
//	"2023-12-28"  year 2023, month 12, day 28
//	"2023-6"      June 2023 (no month is 60–69)
//	"6-1"         1 June, else 10–19 June, of any year
//	"12"          December of any year
//	"20"          a year 20xx (no month is 20)
type typedDate struct {
	year, month, day int
	// last is which part the typing is in: 0 year, 1 month, 2 day; open
	// reports that it may go on (it has fewer digits than it can hold).
	last int
	open bool
	// yearPrefix is a year of fewer than 4 digits, matched as a prefix.
	yearPrefix string
}

// parseTypedDate reads what was typed; ok is false when no date can begin
// so (month 13, 31 April, 30 February).
func parseTypedDate(typed string) (typedDate, bool) {
	parts := strings.Split(typed, "-")
	var q typedDate
	num := func(p string) int {
		n := 0
		for _, c := range p {
			n = n*10 + int(c-'0')
		}
		return n
	}
	i := 0
	if len(parts) == 1 && len(parts[0]) == 2 && (num(parts[0]) > 12 || num(parts[0]) == 0) {
		// "20": not a month, so the start of a year being typed.
		q.yearPrefix, q.open = parts[0], true
		return q, true
	}
	if len(parts[0]) >= 3 { // a year
		if len(parts[0]) > 4 {
			return q, false
		}
		if len(parts[0]) < 4 {
			if len(parts) > 1 {
				return q, false
			}
			q.yearPrefix, q.open = parts[0], true
			return q, true
		}
		q.year = num(parts[0])
		i = 1
		q.last = 0
	}
	rest := parts[i:]
	if len(rest) == 0 {
		return q, true // a whole year
	}
	if len(rest) > 2 {
		return q, false
	}
	if len(rest) >= 1 {
		if rest[0] == "" || len(rest[0]) > 2 {
			return q, rest[0] == "" && len(rest) == 1 // "2023-": the month is next
		}
		q.month, q.last = num(rest[0]), 1
	}
	if len(rest) == 2 {
		if len(rest[1]) > 2 {
			return q, false
		}
		if rest[1] == "" {
			q.last = 1
			q.open = false
			return q, q.month >= 1 && q.month <= 12
		}
		q.day, q.last = num(rest[1]), 2
	}
	last := rest[len(rest)-1]
	q.open = len(rest) > 0 && len(last) == 1
	return q, q.possible()
}

// candidates are the numbers the part n (typed as a number) can still
// become: itself, and while it is open the two-digit numbers it begins.
func candidates(n int, open bool) []int {
	out := []int{n}
	if open && n <= 9 { // "0" becomes 01–09
		for d := 0; d <= 9; d++ {
			out = append(out, n*10+d)
		}
	}
	return out
}

// possible reports whether some real date begins as typed.
func (q typedDate) possible() bool {
	months := candidates(q.month, q.open && q.last == 1)
	if q.month == 0 && q.last == 0 {
		return true
	}
	for _, mo := range months {
		if mo < 1 || mo > 12 {
			continue
		}
		if q.last < 2 {
			return true
		}
		for _, d := range candidates(q.day, q.open) {
			if d >= 1 && d <= daysIn(q.year, mo) {
				return true
			}
		}
	}
	return false
}

// daysIn is the number of days of month mo of year y (any year: 29 for
// February).
func daysIn(y, mo int) int {
	if y == 0 {
		y = 2000 // a leap year: 29 February is a date
	}
	return time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// findDate is the newest issue of the date q: one whose parts equal the
// numbers typed if there is one, else one whose parts begin with them.
func (s *shelfModel) findDate(q typedDate) (int, bool) {
	match := func(d time.Time, exact bool) bool {
		if q.yearPrefix != "" {
			return strings.HasPrefix(d.Format("2006"), q.yearPrefix)
		}
		if q.year != 0 && d.Year() != q.year {
			return false
		}
		part := func(have, typed int, isLast bool) bool {
			if typed == 0 && !(isLast && q.open) {
				return true
			}
			if have == typed {
				return true
			}
			return !exact && isLast && q.open && have/10 == typed
		}
		if q.last >= 1 && !part(int(d.Month()), q.month, q.last == 1) {
			return false
		}
		return q.last < 2 || part(d.Day(), q.day, true)
	}
	for _, exact := range []bool{true, false} {
		for i := 0; i < s.lib.Len(); i++ {
			if d := s.lib.Entry(i).Date; !d.IsZero() && match(d, exact) {
				return i, true
			}
		}
	}
	return 0, false
}

// entryAt is the issue on screen row y (a click), if any.
func (s *shelfModel) entryAt(y int) (int, bool) {
	r := s.offset + y - 2 // the title and the rule above the rows
	if y < 2 || r >= len(s.rows) || r >= s.offset+s.listHeight() || s.rows[r].entry < 0 {
		return 0, false
	}
	return s.rows[r].entry, true
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
		delete(s.loadErrs, msg.entry)
	} else {
		s.loadErrs[msg.entry] = msg.err
		s.scrollIntoView() // the line saying so takes a row
	}
	return s.countCmd()
}

func (s *shelfModel) statusLeft() statusParts {
	if s.errorsShown {
		return statusParts{title: "unreadable files", pos: strconv.Itoa(s.unreadable()), hint: "E/esc close"}
	}
	if s.lib.Len() == 0 {
		return statusParts{pos: "no issues"}
	}
	return statusParts{pos: fmt.Sprintf("issue %d/%d", s.selected+1, s.lib.Len())}
}

func (s *shelfModel) view(status string) (string, *tea.Cursor) {
	w, t, width := s.c.widths, s.c.theme, s.c.width
	lines := make([]string, 0, s.c.height)
	// The count stays; a long folder name gives way.
	name, count := "library", " | "+plural(s.lib.Len(), "issue", "issues")
	if s.name != "" {
		name = issues.Sanitize(s.name)
	}
	name = w.Truncate(name, max(width-len("bao | ")-len(count), 1), "…")
	lines = append(lines, t.masthead.Render(w.Truncate("bao | "+name+count, width, "…")))
	lines = append(lines, t.rule.Render(strings.Repeat("=", width)))
	if s.errorsShown {
		errs := s.errorLines()
		for _, l := range errs[min(s.errOffset, len(errs)):min(s.errOffset+max(s.c.height-3, 1), len(errs))] {
			lines = append(lines, w.Truncate(issues.Sanitize(l), width, "…"))
		}
		return fitScreen(lines, s.c.height-1, status), nil
	}
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
	if n := s.unreadable(); n > 0 {
		for len(lines) < s.c.height-2 {
			lines = append(lines, "")
		}
		lines = append(lines, t.group.Render(w.Truncate(plural(n, "file", "files")+" could not be read — E lists them", width, "…")))
	}
	return fitScreen(lines, s.c.height-1, status), nil
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
		title = w.PadRight(w.Truncate(issues.Sanitize(t), titleRoom, "…"), titleRoom)
	}
	line := left + title + " " + fmt.Sprintf("%11s", count)
	line = w.PadRight(w.Truncate(line, width, ""), width)
	if i == s.selected {
		return t.selected.Render(line)
	}
	return line
}

// plural is "1 issue", "3 issues".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
