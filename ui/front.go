package ui

import (
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/issues"
)

// frontModel is an issue's front page: every article as kicker, headline,
// subheadline and byline, with page, length, reading time and a read mark.
type frontModel struct {
	c        *common
	issue    *issues.Issue
	selected int
	offset   int // first visible article
	read     map[int]bool
	marks    map[int]int // bookmarks per article
	stats    []articleStats
	// boxes are where the last frame drew each article, for clicks.
	boxes []frontBox
}

// frontBox is the cells of one article's entry on the screen.
type frontBox struct {
	x0, x1, y0, y1 int // x1 and y1 exclusive
	article        int
}

// articleAt is the article drawn at cell (x, y), if any.
func (f *frontModel) articleAt(x, y int) (int, bool) {
	for _, b := range f.boxes {
		if x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1 {
			return b.article, true
		}
	}
	return 0, false
}

// articleStats is what the front page says about an article's length.
type articleStats struct {
	chars   int // characters, not counting spaces
	minutes int // reading time, at least 1
}

// Reading speeds: CJK text at about 400 characters a minute (the usual
// figure for adult Chinese readers), other text at about 200 words a minute.
const (
	cjkPerMinute   = 400
	wordsPerMinute = 200
)

// statsOf counts an article's characters and estimates its reading time.
//
//	statsOf(article of 800 Han characters) == articleStats{chars: 800, minutes: 2}
func statsOf(a *issues.Article) articleStats {
	var st articleStats
	cjk, words := 0, 0
	inWord := false
	for _, b := range a.Blocks {
		for _, r := range b.Text {
			switch {
			case unicode.IsSpace(r):
				inWord = false
				continue
			case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
				cjk++
				inWord = false
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if !inWord {
					words++
				}
				inWord = true
			default:
				inWord = false
			}
			st.chars++
		}
		inWord = false
	}
	secs := cjk*60/cjkPerMinute + words*60/wordsPerMinute
	st.minutes = max((secs+30)/60, 1)
	return st
}

func newFront(c *common, is *issues.Issue) *frontModel {
	f := &frontModel{c: c, issue: is, read: map[int]bool{}}
	for i := range is.Articles {
		f.stats = append(f.stats, statsOf(&is.Articles[i]))
	}
	return f
}

func (f *frontModel) move(d int) {
	n := len(f.issue.Articles)
	if n == 0 {
		return
	}
	f.selected = min(max(f.selected+d, 0), n-1)
}

// update is the front page's part of Update: the moving keys (count
// times over), enter or l to open, the wheel and a click on an entry.
func (f *frontModel) update(msg tea.Msg, count int) (tea.Cmd, request) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, f.c.keys.Open, f.c.keys.NextArticle) {
			return nil, openArticleAt{f.selected}
		}
		if !f.key(msg, count) {
			return nil, passKey{}
		}
	case tea.MouseWheelMsg:
		if d, ok := wheelDelta(msg); ok {
			f.move(d / wheelLines)
		}
	case tea.MouseClickMsg:
		if i, ok := f.articleAt(msg.X, msg.Y); ok && msg.Button == tea.MouseLeft {
			f.selected = i
			return nil, openArticleAt{i}
		}
	}
	return nil, nil
}

// key moves the selection, count times over; it reports whether msg was
// a moving key.
func (f *frontModel) key(msg tea.KeyPressMsg, count int) bool {
	k := f.c.keys
	page := max(f.c.height/6, 1)
	switch {
	case key.Matches(msg, k.Down):
		f.move(count)
	case key.Matches(msg, k.Up, k.PrevArticle):
		f.move(-count)
	case key.Matches(msg, k.PageDown):
		f.move(page * count)
	case key.Matches(msg, k.PageUp):
		f.move(-page * count)
	case key.Matches(msg, k.HalfDown):
		f.move(max(page/2, 1) * count)
	case key.Matches(msg, k.HalfUp):
		f.move(-max(page/2, 1) * count)
	case key.Matches(msg, k.Top):
		f.move(-len(f.issue.Articles))
	case key.Matches(msg, k.Bottom):
		f.move(len(f.issue.Articles))
	default:
		return false
	}
	return true
}

func (f *frontModel) input() (inputView, bool) { return inputView{}, false }
func (f *frontModel) topic() helpTopic         { return helpFront }
func (f *frontModel) typing() bool             { return false }

func (f *frontModel) statusLeft() statusParts {
	title := f.issue.Title
	if d := f.issue.DateString(); d != "" && !strings.Contains(title, d) {
		title += " " + d
	}
	n := len(f.issue.Articles)
	if n == 0 {
		return statusParts{title: title, pos: "no articles"}
	}
	return statusParts{title: title, pos: fmt.Sprintf("article %d/%d", f.selected+1, n)}
}

// masthead is the paper's name centred over a double rule, with the date.
func (f *frontModel) masthead() []string {
	w, t, width := f.c.widths, f.c.theme, f.c.width
	name := w.Truncate(issues.Sanitize(f.issue.Title), width, "…")
	pad := max((width-w.String(name))/2, 0)
	lines := []string{strings.Repeat(" ", pad) + t.masthead.Render(name)}
	info := plural(len(f.issue.Articles), "article", "articles")
	if d := f.issue.DateString(); d != "" {
		info = d + " | " + info
	}
	info = w.Truncate(info, width, "")
	lines = append(lines, strings.Repeat(" ", max((width-w.String(info))/2, 0))+t.meta.Render(info))
	lines = append(lines, t.rule.Render(strings.Repeat("=", width)))
	return lines
}

// cell is a styled line and its width in cells, measured on the text
// before styling (escape sequences have no width).
type cell struct {
	s string
	w int
}

// entry is the block of lines for article i, at most width cells wide.
func (f *frontModel) entry(i, width int) []cell {
	w, t := f.c.widths, f.c.theme
	a := &f.issue.Articles[i]
	st := f.stats[i]
	cut := func(s string) string { return w.Truncate(issues.Sanitize(s), max(width-3, 0), "…") }
	var lines []cell
	add := func(prefix string, style func(...string) string, text string) {
		lines = append(lines, cell{prefix + style(text), 3 + w.String(text)})
	}
	mark := "●" // unread
	markStyle := t.unread
	if f.read[i] {
		mark, markStyle = "○", t.read
	}
	meta := fmt.Sprintf("p.%d", max(a.Page, 1))
	if a.Section != "" {
		meta += " " + issues.Sanitize(a.Section)
	}
	meta += fmt.Sprintf(" | %d chars | %d min", st.chars, st.minutes)
	if n := f.marks[i]; n > 0 {
		meta += fmt.Sprintf(" | %d bookmarked", n)
	}
	lead := " " + markStyle.Render(mark) + " "
	if w.String(mark) == 2 { // ● is ambiguous: wide terminals give it two cells
		lead = " " + markStyle.Render(mark)
	}
	add(lead, t.meta.Render, cut(meta))
	if a.Kicker != "" {
		add("   ", t.kicker.Render, cut(a.Kicker))
	}
	head := cut(a.Headline)
	if a.Headline == "" {
		head = cut("(untitled)")
	}
	if i == f.selected {
		add(" > ", t.selected.Render, head)
	} else {
		add("   ", t.headline.Render, head)
	}
	if a.Subheadline != "" {
		add("   ", t.sub.Render, cut(a.Subheadline))
	}
	if a.Byline != "" {
		add("   ", t.byline.Render, cut(a.Byline))
	}
	if f.c.height >= 30 { // room for the lead, as a front page gives it
		if lead := leadOf(a); lead != "" {
			add("   ", t.faint.Render, cut(lead))
		}
	}
	return append(lines, cell{})
}

// frontColumns is how many columns of entries the front page has: one on
// narrow screens, more when each can hold a 48-cell headline.
func (f *frontModel) frontColumns() int {
	if f.c.width < 100 {
		return 1
	}
	return min(max((f.c.width+gutter)/(48+gutter), 1), 3)
}

// fill sets entries from first on into cols columns of room lines each, as
// a newspaper fills its front page, and returns the columns, the article
// of each column's first entry, and the last entry shown (first-1 when
// none fits).
func (f *frontModel) fill(first, cols, colW, room int) ([][]cell, [][]int, int) {
	out := make([][]cell, cols)
	starts := make([][]int, cols) // per column: the row each entry starts at, then its article
	c, last := 0, first-1
	for i := first; i < len(f.issue.Articles) && c < cols; {
		e := f.entry(i, colW)
		if len(out[c])+len(e)-1 > room { // the blank after the last one may fall off
			if len(out[c]) == 0 { // taller than a column: show what fits
				starts[c] = append(starts[c], 0, i)
				out[c] = e[:room]
				last = i
				i++
			}
			c++
			continue
		}
		starts[c] = append(starts[c], len(out[c]), i)
		out[c] = append(out[c], e...)
		last = i
		i++
	}
	return out, starts, last
}

// lastShown is the last entry a page starting at first shows, without
// styling anything: fill's arithmetic on entry heights alone.
func (f *frontModel) lastShown(first, cols, room int) int {
	c, used, last := 0, 0, first-1
	for i := first; i < len(f.issue.Articles) && c < cols; {
		h := f.entryHeight(i)
		if used+h-1 > room {
			if used == 0 {
				last = i
				i++
			}
			c, used = c+1, 0
			continue
		}
		used += h
		last = i
		i++
	}
	return last
}

// entryHeight is the number of lines entry(i) has (with its blank).
func (f *frontModel) entryHeight(i int) int {
	a := &f.issue.Articles[i]
	h := 3 // meta, headline, blank
	for _, s := range []string{a.Kicker, a.Subheadline, a.Byline} {
		if s != "" {
			h++
		}
	}
	if f.c.height >= 30 && leadOf(a) != "" {
		h++
	}
	return h
}

func (f *frontModel) view(status string) (string, *tea.Cursor) {
	lines := f.masthead()
	room := f.c.height - 1 - len(lines)
	if len(f.issue.Articles) == 0 {
		lines = append(lines, "  this issue has no articles")
		return fitScreen(lines, f.c.height-1, status), nil
	}
	if room < 1 {
		return fitScreen(lines, f.c.height-1, status), nil
	}
	cols := f.frontColumns()
	colW := (f.c.width - gutter*(cols-1)) / cols
	// Keep the selected article on the page: the least first article
	// after the current one whose page shows it. The last entry shown
	// grows with the first, so a binary search finds it (G on an issue of
	// thousands of articles measures a few dozen pages, not every one).
	if f.selected < f.offset {
		f.offset = f.selected
	}
	if f.lastShown(f.offset, cols, room) < f.selected {
		lo, hi := f.offset+1, f.selected // the page at hi starts with selected: it shows it
		for lo < hi {
			mid := (lo + hi) / 2
			if f.lastShown(mid, cols, room) >= f.selected {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		f.offset = lo
	}
	page, starts, _ := f.fill(f.offset, cols, colW, room)
	f.boxes = f.boxes[:0]
	top := len(lines)
	for c := range page {
		x0 := c * (colW + gutter)
		for j := 0; j+1 < len(starts[c]); j += 2 {
			y1 := len(page[c])
			if j+2 < len(starts[c]) {
				y1 = starts[c][j+2]
			}
			f.boxes = append(f.boxes, frontBox{x0: x0, x1: x0 + colW, y0: top + starts[c][j], y1: top + y1, article: starts[c][j+1]})
		}
	}
	for r := 0; r < room; r++ {
		var b strings.Builder
		pad := 0
		for c := 0; c < cols; c++ {
			if c > 0 {
				pad += gutter
			}
			if r >= len(page[c]) || page[c][r].s == "" {
				pad += colW
				continue
			}
			b.WriteString(strings.Repeat(" ", pad))
			b.WriteString(page[c][r].s)
			pad = colW - page[c][r].w
		}
		lines = append(lines, b.String())
	}
	if f.c.width < 4 { // narrower than an entry's lead: cut everything
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, f.c.width, "")
		}
	}
	return fitScreen(lines, f.c.height-1, status), nil
}

// leadOf is the start of an article's first paragraph of body text.
func leadOf(a *issues.Article) string {
	for _, b := range a.Blocks {
		if b.Kind == issues.KindText || b.Kind == "" {
			return strings.TrimSpace(b.Text)
		}
	}
	return ""
}
