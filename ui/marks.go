package ui

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bao/issues"
	"bao/reader/bookmarks"
)

// Bookmarks in the reader: m marks the place being read (the current
// search match, else the first text on screen) with an optional note typed
// in the status line; ' lists the bookmarks, newest first, where / filters,
// enter jumps, d deletes (u undoes), e edits the note. Every store call
// that writes runs in a command; a bookmark whose issue file cannot be
// found stays listed, marked missing.

type (
	// markAddedMsg reports a bookmark added (err: shown, the bookmark is
	// kept in memory by the store and saved with the next change).
	markAddedMsg struct {
		b   bookmarks.Bookmark
		err error
	}
	// markChangedMsg reports a delete, undo or note edit.
	markChangedMsg struct{ err error }
	// marksResolvedMsg carries the reloaded bookmarks and where each one's
	// issue file is now.
	marksResolvedMsg struct {
		list []bookmarks.Listed
		err  error
	}
	// markFoundMsg is where a bookmark leads now, its issue loaded.
	markFoundMsg struct {
		t     bookmarks.Target
		quote int // runes of the marked text, to highlight
		err   error
	}
)

// lineEditor is a one-line field typed in the status line: the note of a
// bookmark, the filter of the list (a textField; enter and esc end it).
type lineEditor struct{ textField }

func newLineEditor(prompt, text string) *lineEditor {
	return &lineEditor{newTextField(prompt, text)}
}

// key edits; it reports whether the key was enter (done) or esc (cancel).
func (e *lineEditor) key(msg tea.KeyPressMsg) (done, cancel bool) {
	switch msg.String() {
	case "enter":
		return true, false
	case "esc":
		return false, true
	}
	e.textField.key(msg)
	return false, false
}

func (e *lineEditor) value() string { return strings.TrimSpace(e.text()) }

// markPrompt is the note prompt of m (adding) or e (editing a note).
type markPrompt struct {
	*lineEditor
	add    *bookmarks.Bookmark // the bookmark m adds, or nil
	editID string              // the bookmark e edits
}

// newNotePrompt is a note prompt with text typed in already.
func newNotePrompt(prompt, text string) *markPrompt {
	return &markPrompt{lineEditor: newLineEditor(prompt, text)}
}

// markHere starts a bookmark at the place being read.
func (m *Model) markHere() tea.Cmd {
	switch {
	case m.store == nil:
		m.status = "bookmarks: no data directory"
		return nil
	case m.screen != screenArticle || m.article == nil:
		m.status = "m: open an article to bookmark a place in it"
		return nil
	}
	a := m.article
	pos := a.topPosition()
	if p, ok := a.find.current(); ok && a.find.active() {
		pos = p // the current search match
	}
	b := bookmarks.NewBookmark(m.issue, m.issueRef, issues.Position{Article: a.index, Place: pos}, "")
	m.prompt = newNotePrompt("note (enter saves, esc cancels): ", "")
	m.prompt.add = &b
	m.count = ""
	return nil
}

// promptKey gives a key to the note prompt.
func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.prompt
	done, cancel := p.key(msg)
	switch {
	case cancel:
		m.prompt = nil
		m.status = "not bookmarked"
		if p.add == nil {
			m.status = "note unchanged"
		}
		return nil
	case !done:
		return nil
	}
	m.prompt = nil
	s, note := m.store, p.value()
	if p.add != nil {
		b := *p.add
		b.Note = note
		return func() tea.Msg {
			b, err := s.Add(b)
			return markAddedMsg{b: b, err: err}
		}
	}
	id := p.editID
	return func() tea.Msg { return markChangedMsg{err: s.SetNote(id, note)} }
}

// markList is the bookmarks screen.
type markList struct {
	c      *common
	all    []bookmarks.Listed // newest first
	shown  []int              // indexes into all that pass the filter
	sel    int                // index into shown
	offset int                // first row shown
	filter *lineEditor        // while / is typed
	query  string             // the filter in force
	undo   []bookmarks.Bookmark
	closed bool
	jump   *bookmarks.Bookmark // enter: where to go
	store  *bookmarks.Store    // where deletes and undos go
}

func newMarkList(c *common, bs []bookmarks.Bookmark) *markList {
	l := &markList{c: c}
	l.set(bs)
	return l
}

// set replaces the bookmarks, keeping where they were found when known.
func (l *markList) set(bs []bookmarks.Bookmark) {
	known := map[string]bookmarks.Location{}
	for _, it := range l.all {
		known[it.ID] = it.Location
	}
	l.all = l.all[:0]
	for _, b := range bs {
		l.all = append(l.all, bookmarks.Listed{Bookmark: b, Location: known[b.ID]})
	}
	l.refilter()
}

func (l *markList) refilter() {
	l.shown = l.shown[:0]
	q := strings.ToLower(l.query)
	for i, it := range l.all {
		hay := strings.ToLower(strings.Join([]string{it.Date, it.Title, it.Headline, it.Quote, it.Note}, "\n"))
		if q == "" || strings.Contains(hay, q) {
			l.shown = append(l.shown, i)
		}
	}
	l.sel = min(max(l.sel, 0), max(len(l.shown)-1, 0))
}

func (l *markList) current() (bookmarks.Listed, bool) {
	if l.sel < 0 || l.sel >= len(l.shown) {
		return bookmarks.Listed{}, false
	}
	return l.all[l.shown[l.sel]], true
}

// update is the list's part of Update: its keys (e asks the root for the
// note prompt), paste into the filter, the wheel, a click on a bookmark.
func (l *markList) update(msg tea.Msg, _ int) (tea.Cmd, request) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if l.filter == nil && msg.String() == "e" {
			if it, ok := l.current(); ok {
				return nil, editNote{id: it.ID, note: it.Note}
			}
			return nil, nil
		}
		cmd, status := l.key(msg, l.store)
		switch {
		case l.closed:
			return cmd, closeScreen{}
		case l.jump != nil:
			return nil, jumpToMark{*l.jump}
		case status != "":
			return cmd, say(status)
		}
		return cmd, nil
	case tea.PasteMsg:
		if l.filter != nil && l.filter.insert(msg.Content) {
			l.query = l.filter.value()
			l.refilter()
		}
	case tea.MouseWheelMsg:
		if d, ok := wheelDelta(msg); ok {
			l.sel = min(max(l.sel+d/wheelLines, 0), max(len(l.shown)-1, 0))
		}
	case tea.MouseClickMsg:
		if i, ok := l.itemAt(msg.Y); ok && msg.Button == tea.MouseLeft {
			l.sel = i
			return l.update(keyPress(tea.KeyEnter), 1)
		}
	}
	return nil, nil
}

// input is the filter being typed.
func (l *markList) input() (inputView, bool) {
	if l.filter == nil {
		return inputView{}, false
	}
	return l.filter.view(""), true
}

func (l *markList) topic() helpTopic { return helpMarks }
func (l *markList) typing() bool     { return l.filter != nil }

// rowsPerItem is the lines one bookmark takes: date and headline, the
// quote, the note (or a blank).
const rowsPerItem = 3

// key handles the list's keys; it returns a store change to run, if any.
func (l *markList) key(msg tea.KeyPressMsg, s *bookmarks.Store) (cmd tea.Cmd, status string) {
	if l.filter != nil {
		done, cancel := l.filter.key(msg)
		switch {
		case cancel:
			l.filter, l.query = nil, ""
		case done:
			l.filter = nil
		default:
			l.query = l.filter.value()
		}
		l.refilter()
		return nil, ""
	}
	k := l.c.keys
	per := max((l.c.height-3)/rowsPerItem, 1)
	switch {
	case msg.String() == "/":
		l.filter = newLineEditor("filter: ", l.query)
	case key.Matches(msg, k.Back, k.Cancel):
		if l.query != "" {
			l.query = ""
			l.refilter()
			return nil, "filter cleared"
		}
		l.closed = true
	case key.Matches(msg, k.Open):
		if it, ok := l.current(); ok {
			b := it.Bookmark
			l.jump = &b
		}
	case msg.String() == "d":
		it, ok := l.current()
		if !ok || s == nil {
			return nil, ""
		}
		l.undo = append(l.undo, it.Bookmark)
		id := it.ID
		return func() tea.Msg {
			_, _, err := s.Delete(id)
			return markChangedMsg{err: err}
		}, "deleted: u undoes"
	case msg.String() == "u":
		if len(l.undo) == 0 || s == nil {
			return nil, "nothing to undo"
		}
		b := l.undo[len(l.undo)-1]
		l.undo = l.undo[:len(l.undo)-1]
		return func() tea.Msg {
			_, err := s.Add(b)
			return markChangedMsg{err: err}
		}, "restored"
	default: // d and u are taken above: ctrl+d and ctrl+u move half a page
		if d, ok := k.moveBy(msg, per, per/2); ok {
			l.sel += d
		}
	}
	l.sel = min(max(l.sel, 0), max(len(l.shown)-1, 0))
	return nil, ""
}

// view draws the list: per bookmark its date and headline, the marked
// text and the note, cut to the width with the width model.
func (l *markList) view(status string) (string, *tea.Cursor) {
	w, t := l.c.widths, l.c.theme
	width := l.c.width
	cut := func(s string, indent int) string { return w.Truncate(issues.Sanitize(s), max(width-indent, 0), "…") }
	title := fmt.Sprintf("Bookmarks (%d)", len(l.all))
	if l.query != "" || l.filter != nil {
		title = fmt.Sprintf("Bookmarks (%d of %d) matching %q", len(l.shown), len(l.all), l.query)
	}
	lines := []string{t.headline.Render(cut(title, 1)), ""}
	room := max(l.c.height-1-len(lines), 0)
	per := max(room/rowsPerItem, 1)
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if l.sel >= l.offset+per {
		l.offset = l.sel - per + 1
	}
	if len(l.shown) == 0 {
		msg := "No bookmarks yet: m in an article marks the place you are reading."
		if len(l.all) > 0 {
			msg = "No bookmark matches the filter; esc clears it."
		}
		lines = append(lines, t.faint.Render(cut(msg, 1)))
	}
	for i := l.offset; i < len(l.shown) && i < l.offset+per; i++ {
		it := l.all[l.shown[i]]
		date := it.Date
		if date == "" {
			date = "undated"
		}
		head := date + "  " + it.Headline
		if it.Title != "" {
			head = date + "  " + it.Title + " | " + it.Headline
		}
		if it.Status == bookmarks.Missing {
			head += "  [missing]"
		}
		prefix, style := "   ", t.headline
		if i == l.sel {
			prefix, style = " > ", t.selected
		}
		lines = append(lines, prefix+style.Render(cut(head, 3)))
		lines = append(lines, "     "+t.body.Render(cut("「"+it.Snippet()+"」", 5)))
		note := ""
		if it.Note != "" {
			note = "note: " + it.Note
		}
		lines = append(lines, "     "+t.byline.Render(cut(note, 5)))
	}
	return fitScreen(lines, l.c.height-1, status), nil
}

func (l *markList) statusLeft() statusParts {
	const hint = "enter open  / filter  ? help"
	if len(l.shown) == 0 {
		return statusParts{title: "bookmarks", pos: "none", hint: hint}
	}
	return statusParts{title: "bookmarks", pos: fmt.Sprintf("%d/%d", l.sel+1, len(l.shown)), hint: hint}
}

// itemAt is the bookmark drawn on screen row y (a click), if any.
func (l *markList) itemAt(y int) (int, bool) {
	room := max(l.c.height-3, 0)
	per := max(room/rowsPerItem, 1)
	i := l.offset + (y-2)/rowsPerItem
	if y < 2 || (y-2)/rowsPerItem >= per || i >= len(l.shown) {
		return 0, false
	}
	return i, true
}

// openMarks brings up the bookmarks list with what the store holds, then
// in a command reloads it (another bao may have added some) and finds the
// issue files (hashing files may take a moment in a large library).
func (m *Model) openMarks() tea.Cmd {
	if m.store == nil {
		m.status = "bookmarks: no data directory"
		return nil
	}
	s := m.store
	m.marks = newMarkList(m.c, s.Bookmarks())
	m.marks.store = s
	paths, loc := m.libraryPaths(), m.locator
	return func() tea.Msg {
		err := s.Reload() // reported; the list shows what is known
		return marksResolvedMsg{list: bookmarks.Resolve(s.Bookmarks(), loc, paths), err: err}
	}
}

// libraryPaths snapshots the library's file paths for a command.
func (m *Model) libraryPaths() iter.Seq[string] {
	var paths []string
	if m.lib != nil {
		for i := 0; i < m.lib.Len(); i++ {
			paths = append(paths, m.lib.Entry(i).Path)
		}
	}
	return func(yield func(string) bool) {
		for _, p := range paths {
			if !yield(p) {
				return
			}
		}
	}
}

// jumpTo opens the place a bookmark marks: in the issue being read, in the
// sample, or in its file found again by path or content hash.
func (m *Model) jumpTo(b bookmarks.Bookmark) tea.Cmd {
	quote := utf8.RuneCountInString(b.Quote)
	m.searchBack = nil // back from the bookmark goes to its front page
	if m.issue != nil && b.Issue.Hash != "" && b.Issue.Hash == m.issueRef.Hash {
		pos, _ := bookmarks.Reanchor(m.issue, b.Anchor)
		return tea.Batch(m.savePosition(), m.openAt(pos, quote))
	}
	if b.Issue.Hash == sampleRef().Hash {
		is := issues.Sample()
		pos, _ := bookmarks.Reanchor(is, b.Anchor)
		m.pendingJump, m.pendingQuote = &pos, quote
		m.loadGen++
		return tea.Batch(m.savePosition(), m.showIssue(is, -1, "", sampleRef()), m.openPendingJump())
	}
	paths, loc, enc := m.libraryPaths(), m.locator, m.opt.Encoding
	m.status = "finding " + b.Headline
	return func() tea.Msg {
		t, err := bookmarks.Find(b, loc, paths, func(path string) (*issues.Issue, error) {
			return issues.LoadFile(path, issues.LoadOptions{Encoding: enc})
		})
		return markFoundMsg{t: t, quote: quote, err: err}
	}
}

// found shows the issue a bookmark was found in, at the marked text.
func (m *Model) found(msg markFoundMsg) tea.Cmd {
	if msg.err != nil {
		if errors.Is(msg.err, bookmarks.ErrMissing) {
			m.status = "that issue file is gone (the bookmark stays, marked missing)"
		} else {
			m.status = ErrorText(msg.err)
		}
		return nil
	}
	t := msg.t
	idx := -1
	if m.lib != nil {
		for i := 0; i < m.lib.Len(); i++ {
			if m.lib.Entry(i).Path == t.Path {
				idx = i
				if m.shelf != nil {
					m.shelf.selectIndex(i)
				}
				break
			}
		}
	}
	save := m.savePosition()
	m.loadGen++ // an issue load under way is stale now
	pos := t.Position
	m.pendingJump, m.pendingQuote = &pos, msg.quote
	cmd := m.showIssue(t.Issue, idx, t.Path, t.Ref)
	return tea.Batch(save, cmd, m.openPendingJump())
}

// openPendingJump opens the article a jump waits for, after showIssue (and
// whatever reading state it restored).
func (m *Model) openPendingJump() tea.Cmd {
	p := m.pendingJump
	m.pendingJump = nil
	if p == nil || m.issue == nil {
		return nil
	}
	return m.openAt(*p, m.pendingQuote)
}

// openAt opens the article of p at p, the quote runes of marked text there
// highlighted (until esc, or the article is left), and says so.
func (m *Model) openAt(p issues.Position, quote int) tea.Cmd {
	if p.Article < 0 || p.Article >= len(m.issue.Articles) {
		m.status = "the bookmarked article is no longer in the issue"
		return nil
	}
	cmd := m.openArticle(p.Article, p.Place)
	m.article.markText(p, quote)
	m.status = "bookmark: " + p.Describe()
	return cmd
}

// markedArticles is how many bookmarks each article of the shown issue has,
// for the front page.
func (m *Model) markedArticles() map[int]int {
	if m.store == nil || m.issueRef.Hash == "" {
		return nil
	}
	out := map[int]int{}
	for _, b := range m.store.ForIssue(m.issueRef.Hash) {
		out[b.Article]++
	}
	return out
}

// refreshMarks shows the store's bookmarks again after a change: in the
// list, and the marks of the front page.
func (m *Model) refreshMarks() {
	if m.store == nil {
		return
	}
	if m.marks != nil {
		m.marks.set(m.store.Bookmarks())
	}
	if m.front != nil {
		m.front.marks = m.markedArticles()
	}
}
