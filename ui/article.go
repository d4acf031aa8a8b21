package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/issues"
	"bao/reader/layout"
	"bao/reader/search"
)

// articleModel is one article set in columns: the head (kicker, headline,
// subheadline, byline) across the top, the body in columns under it, and
// the status line. first is the body line at the top of the first column;
// on resize the article is set again and first found again from the
// position of the text that was there, so the reader stays at the same text.
type articleModel struct {
	c     *common
	issue *issues.Issue
	index int
	title string
	set   *setting
	first int
	// anchor is the text the reader is at: the position of the top line
	// when they last moved. Re-flows go back to it rather than to the start
	// of whatever line holds it now, so resizing back and forth never drifts.
	anchor  issues.Place
	columns int // 0: chosen by width
	// headCache is the styled head and rule, drawn once per layout and theme.
	headCache     []string
	headCacheDark bool
	ragged        bool
	// find is the search inside this article (`/`, n, N).
	find findBar
	// md is the Markdown view while it is on (`M`, Markdown issues only).
	md *markdownView
	// vert is the vertical setting while it is on (`v`).
	vert *verticalView
	// marked is the text a bookmark jump went to, highlighted until esc.
	marked []search.Match
}

// Column sizes: by default the layout engine's choice (columns of 20 to 40
// CJK characters); with + and - the reader may go down to columnMin cells.
const (
	columnMin  = 16
	gutter     = layout.DefaultGutter
	maxColumns = 8
)

func newArticle(c *common, is *issues.Issue, i int, title string, columns int, ragged bool) *articleModel {
	a := &articleModel{c: c, issue: is, index: i, title: title,
		columns: columns, ragged: ragged, find: findBar{cur: -1}}
	a.relayout()
	return a
}

// cols is the number of columns used at the current width.
func (a *articleModel) cols() int {
	width := a.c.width
	n := a.columns
	if n <= 0 {
		n = layout.AutoColumns(width, gutter)
	}
	// Never narrower than columnMin cells a column.
	for n > 1 && (width-gutter*(n-1))/n < columnMin {
		n--
	}
	return min(max(n, 1), maxColumns)
}

// relayout sets the article again for the current size and options,
// keeping the same text at the top.
func (a *articleModel) relayout() {
	had := a.set != nil
	a.headCache = nil
	a.set = setArticle(&a.issue.Articles[a.index], settingOptions{
		Width: max(a.c.width, 1), Columns: a.cols(), Gutter: gutter,
		Ambiguous: a.c.widths.Ambiguous(), Graphemes: a.c.widths.Graphemes(), Ragged: a.ragged,
	})
	if had {
		a.first = a.set.locate(a.anchor)
		a.clamp()
	}
	if a.vert != nil {
		a.relayoutVertical()
	}
}

// topPosition is the position of the text the reader is at: the top of
// the first column.
func (a *articleModel) topPosition() issues.Place { return a.anchor }

// goTo shows the line holding p at the top.
func (a *articleModel) goTo(p issues.Place) {
	a.first = a.set.locate(p)
	a.clamp()
	a.anchor = p
}

// moved records the new top line as the reader's place after a move.
func (a *articleModel) moved() {
	a.clamp()
	if a.first == 0 {
		a.anchor = issues.Place{}
	} else {
		a.anchor = a.set.pos(a.first)
	}
}

// headLines is how many head lines are shown: all of them, up to a third
// of the screen.
func (a *articleModel) headLines() int {
	return min(len(a.set.Head), max(a.c.height/3, 1))
}

// bodyHeight is the number of rows of each column: the room under the
// head, or less when the whole article fits, so its columns are balanced
// as on a printed page.
func (a *articleModel) bodyHeight() int {
	h := max(a.c.height-1-a.headLines()-1, 1) // status line, rule under the head
	if a.set.PageEnd(0, h) >= len(a.set.Body) {
		return max(a.set.BalancedRows(), 1)
	}
	return h
}

// pageLines is how many lines a page turn moves at most (the columns'
// breaks may take a few: layout.PageEnd says where a turn goes).
func (a *articleModel) pageLines() int { return a.bodyHeight() * a.set.Columns }

// pageEnd is the first body line below the screen.
func (a *articleModel) pageEnd() int { return a.set.PageEnd(a.first, a.bodyHeight()) }

// maxFirst is the last top line a line scroll reaches: the one that fills
// the last page. A page turn may go past it (see scroll).
func (a *articleModel) maxFirst() int { return a.set.PageStart(len(a.set.Body), a.bodyHeight()) }

// atEnd reports whether the last body line is on screen.
func (a *articleModel) atEnd() bool { return a.pageEnd() >= len(a.set.Body) }

func (a *articleModel) clamp() { a.first = min(max(a.first, 0), max(len(a.set.Body)-1, 0)) }

// scroll moves the top line by d. A page turn (d a page) shows the next
// lines, each line once per turn, the last page balanced and short rather
// than pulled back over lines already read (layout.PageRows); a line
// scroll stops at the full last page.
func (a *articleModel) scroll(d int) {
	if a.vert != nil {
		a.scrollVertical(d)
		return
	}
	switch {
	case d == a.pageLines() && !a.atEnd():
		a.first = a.pageEnd()
	case d == -a.pageLines():
		a.first = a.set.PageStart(a.first, a.bodyHeight())
	case d > 0:
		a.first = min(a.first+d, max(a.first, a.maxFirst()))
	default:
		a.first += d
	}
	a.moved()
}

// markText highlights quote runes of text from p (a bookmark's), within
// its block. A place in the head is not highlighted: the head opens in view
// and is short.
func (a *articleModel) markText(p issues.Position, quote int) {
	a.marked = nil
	if p.Block < 0 || p.Block >= len(a.issue.Articles[a.index].Blocks) || quote <= 0 {
		return
	}
	n := utf8.RuneCountInString(a.issue.Articles[a.index].Blocks[p.Block].Text)
	if l := min(quote, n-p.Offset); l > 0 {
		a.marked = []search.Match{{Place: p.Place, Length: l}}
	}
}

// repeat is a move d times over, the ends staying the ends.
func repeat(d, count int) int {
	if d == toEnd || d == -toEnd {
		return d
	}
	return d * count
}

// update is the article's part of Update: the find bar first (every key
// while a query is typed; esc, n and N while its matches are shown), h and
// l to the neighbouring articles, the moving and setting keys (count
// times over), paste into the query, the wheel.
func (a *articleModel) update(msg tea.Msg, count int) (tea.Cmd, request) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := a.c.keys
		if handled, said := a.findKey(msg); handled {
			return nil, say(said)
		}
		switch {
		case key.Matches(msg, k.Search):
			a.find.open()
			return nil, nil
		case key.Matches(msg, k.PrevArticle):
			return nil, turnArticle{-1}
		case key.Matches(msg, k.NextArticle, k.Open):
			return nil, turnArticle{+1}
		}
		if _, move := k.moveBy(msg, 1, 1); move || key.Matches(msg, k.Markdown, k.Vertical, k.MoreColumns, k.FewerCols, k.Justify) {
			return nil, say(a.key(msg, count))
		}
		return nil, passKey{}
	case tea.PasteMsg:
		if a.find.paste(msg.Content, &a.issue.Articles[a.index], a.topPosition()) {
			a.showMatch()
		}
	case tea.MouseWheelMsg:
		if d, ok := wheelDelta(msg); ok {
			a.scroll(d)
		}
	}
	return nil, nil
}

// input is the query being typed in the find bar.
func (a *articleModel) input() (inputView, bool) {
	if !a.find.editing {
		return inputView{}, false
	}
	return a.find.field.view(a.find.counter()), true
}

func (a *articleModel) topic() helpTopic { return helpArticle }
func (a *articleModel) typing() bool     { return a.find.editing }

// key handles the moving keys of the article, a move repeated count times;
// it returns a status message.
func (a *articleModel) key(msg tea.KeyPressMsg, count int) string {
	k := a.c.keys
	if key.Matches(msg, k.Markdown) {
		switch {
		case a.md != nil:
			a.md = nil
			return "columns"
		case a.issue.Format != issues.FormatMarkdown:
			return "Markdown view: for issues read from Markdown files"
		}
		a.md = &markdownView{}
		return "Markdown view: M for the columns"
	}
	if a.md != nil {
		a.md.key(msg, k, a.mdHeight(), count)
		return ""
	}
	if key.Matches(msg, k.Vertical) {
		a.setVertical(a.vert == nil)
		if a.vert != nil {
			return "vertical: v for horizontal"
		}
		return "horizontal"
	}
	if a.vert != nil {
		return a.keyVertical(msg, count)
	}
	if key.Matches(msg, k.PageDown) && a.atEnd() {
		return "end of article: l for the next"
	}
	if d, ok := k.moveBy(msg, a.pageLines(), a.bodyHeight()/2); ok {
		d = repeat(d, count)
		a.scroll(max(min(d, len(a.set.Body)), -len(a.set.Body)))
		return ""
	}
	switch {
	case key.Matches(msg, k.MoreColumns):
		n := a.cols()
		a.columns = n + 1
		a.relayout()
		if a.cols() == n {
			a.columns = n
			return "no room for more columns"
		}
		return plural(a.cols(), "column", "columns")
	case key.Matches(msg, k.FewerCols):
		a.columns = max(a.cols()-1, 1)
		a.relayout()
		return plural(a.cols(), "column", "columns")
	case key.Matches(msg, k.Justify):
		a.ragged = !a.ragged
		a.relayout()
		if a.ragged {
			return "ragged right"
		}
		return "justified"
	}
	return ""
}

// page numbers: p of q pages of the article at the current size.
func (a *articleModel) pages() (p, q int) {
	rows := a.bodyHeight()
	for at := 0; at < len(a.set.Body); at = a.set.PageEnd(at, rows) {
		q++
		if at <= a.first {
			p = q
		}
	}
	q = max(q, 1)
	if a.atEnd() {
		p = q
	}
	return min(max(p, 1), q), q
}

// statusLeft is the issue's title and the place in it: article, page and
// how far through, after the search when one is shown.
func (a *articleModel) statusLeft() statusParts {
	art := fmt.Sprintf("article %d/%d", a.index+1, len(a.issue.Articles))
	var pos string
	switch {
	case a.md != nil:
		pos = art + " | Markdown view"
	case a.vert != nil:
		pos = a.statusVertical()
	default:
		p, q := a.pages()
		pct := 100
		if n := len(a.set.Body); n > 0 {
			pct = min(a.pageEnd()*100/n, 100)
		}
		pos = fmt.Sprintf("%s | page %d/%d | %d%%", art, p, q, pct)
	}
	if a.find.active() {
		pos = "/" + string(a.find.query) + " " + a.find.counter() + " | " + pos
	}
	return statusParts{title: a.title, pos: pos}
}

// mdHeight is the rows the Markdown view has: all but the status line.
func (a *articleModel) mdHeight() int { return max(a.c.height-1, 1) }

func (a *articleModel) view(status string) (string, *tea.Cursor) {
	return a.draw(status), nil
}

func (a *articleModel) draw(status string) string {
	t := a.c.theme
	if a.md != nil {
		a.md.render(&a.issue.Articles[a.index], a.c.width, t)
		return fitScreen(a.md.view(a.c.width, a.mdHeight()), a.c.height-1, status)
	}
	if a.vert != nil {
		return a.viewVertical(status)
	}
	if a.find.active() && a.find.matcher != nil {
		return a.viewFound(status, a.find.matches, a.find.cur)
	}
	if a.marked != nil {
		return a.viewFound(status, a.marked, 0)
	}
	if a.headCache == nil || a.headCacheDark != t.dark {
		a.headCache, a.headCacheDark = a.drawHead(), t.dark
	}
	lines := make([]string, 0, a.c.height)
	lines = append(lines, a.headCache...)
	lines = append(lines, a.set.page(a.first, a.set.PageRows(a.first, a.bodyHeight()), t)...)
	return fitScreen(a.clip(lines), a.c.height-1, status)
}

// drawHead is the head lines in their styles and the rule under them.
func (a *articleModel) drawHead() []string {
	t := a.c.theme
	lines := make([]string, 0, a.headLines()+1)
	for i := 0; i < a.headLines(); i++ {
		l, kind := a.set.head(i)
		switch kind {
		case layout.LineKicker:
			l = t.kicker.Render(l)
		case layout.LineHeadline:
			l = t.headline.Render(l)
		case layout.LineSubheadline:
			l = t.sub.Render(l)
		case layout.LineByline:
			l = t.byline.Render(l)
		}
		lines = append(lines, l)
	}
	return append(lines, t.rule.Render(strings.Repeat("-", a.c.width)))
}

// findKey gives a key to the article's search first: every key while the
// query is typed, and esc, n and N while matches are shown (esc also ends
// a bookmark's highlight). It reports whether the key was the search's,
// and what to say of it ("no match", "search wrapped"); a new current
// match is turned to.
func (a *articleModel) findKey(msg tea.KeyPressMsg) (handled bool, said string) {
	if !a.find.active() && a.marked != nil && msg.String() == "esc" {
		a.marked = nil
		return true, ""
	}
	query := string(a.find.query)
	handled, jump := a.find.key(msg, &a.issue.Articles[a.index], a.topPosition())
	if handled {
		a.marked = nil
	}
	switch {
	case a.find.wrapped && msg.String() == "n":
		said = "search wrapped to the first match"
	case a.find.wrapped:
		said = "search wrapped to the last match"
	case handled && msg.String() == "enter" && !a.find.active() && query != "":
		said = "no match for " + query
	}
	if jump {
		a.showMatch()
	}
	return handled, said
}

// showMatch turns to the current match, unless it is on screen already.
func (a *articleModel) showMatch() {
	p, ok := a.find.current()
	if !ok {
		return
	}
	if a.vert != nil {
		a.showMatchVertical()
		return
	}
	if p.Block < 0 { // in the head, always on screen
		return
	}
	line := a.set.locate(p)
	if line >= a.first && line < a.pageEnd() {
		return
	}
	a.goTo(p)
}

// viewFound is view with matches highlighted (the current one in
// reverse), cut at cells by the layout.
func (a *articleModel) viewFound(status string, matches []search.Match, cur int) string {
	t := a.c.theme
	spans := search.Highlights(a.set.Layout, matches)
	hit, curStyle := t.hit, t.current
	lines := make([]string, 0, a.c.height)
	for i := 0; i < a.headLines(); i++ {
		ln := &a.set.Head[i]
		plain := t.headline
		switch ln.Kind {
		case layout.LineKicker:
			plain = t.kicker
		case layout.LineSubheadline:
			plain = t.sub
		case layout.LineByline:
			plain = t.byline
		}
		lines = append(lines, highlightLine(ln, lineHighlights(spans, cur, true, i), plain, hit, curStyle))
	}
	lines = append(lines, t.rule.Render(strings.Repeat("-", a.c.width)))
	lines = append(lines, a.set.PageFunc(a.first, a.set.PageRows(a.first, a.bodyHeight()), func(i int, ln *layout.Line) string {
		plain := t.body
		switch ln.Kind {
		case layout.LineSubhead:
			plain = t.subhead
		case layout.LineCaption, layout.LineCredit:
			plain = t.caption
		}
		return highlightLine(ln, lineHighlights(spans, cur, false, i), plain, hit, curStyle)
	})...)
	return fitScreen(a.clip(lines), a.c.height-1, status)
}

// clip cuts lines to the window in the one case the layout is wider than
// it: the layout engine's narrowest page is 2 cells.
func (a *articleModel) clip(lines []string) []string {
	if a.set.Width <= a.c.width {
		return lines
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, a.c.width, "")
	}
	return lines
}
