package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"bao/issues"
	"bao/reader/bookmarks"
)

// screen is one of the reader's screens: the shelf, a front page, an
// article, the library search, the bookmarks list, the help (and the
// loading line before any of them). The root model keeps them and routes
// to the one on top (Model.top), as glow's ui does. Keys, paste and mouse
// messages go to the screen first; its update does what is its own and
// says in a request what it wants of the root (open an issue, an article,
// a result; close; a key that is not its own, passKey, for the root's
// keys: q, esc, ?, / and S, m, ', [ and ], w). ctrl+c, the help key and
// the note prompt are the root's before any screen. Each screen draws itself above the status line the root makes
// from its statusLeft, and its help is the keys of its topic.
type screen interface {
	// update handles a key, paste or mouse message; count is the number
	// typed before a key (5j), 1 when none. A key that is not the
	// screen's returns passKey, for the root's keys.
	update(msg tea.Msg, count int) (tea.Cmd, request)
	// view draws the screen with status as its last line, and where the
	// terminal's cursor goes when the screen places it (nil: the root's).
	view(status string) (string, *tea.Cursor)
	// statusLeft is the screen's title, position and key hint ("" for the
	// root's) for the status line.
	statusLeft() statusParts
	// input is the line being typed in the status line, if any.
	input() (inputView, bool)
	// topic is what the help of the screen is about: its keys are
	// keyMap.forTopic(topic).
	topic() helpTopic
	// typing reports whether printable keys are text being typed, so ?
	// is a character and digits are no count.
	typing() bool
}

// inputView is a line being typed: the prompt, the text and the caret in
// it (runes from the start), and a note shown on the right (a match
// counter) when it fits.
type inputView struct {
	prompt, text string
	caret        int
	extra        string
}

// request is what a screen's update asks of the root model.
type request interface{ isRequest() }

type (
	// passKey: the key is not the screen's; the root's keys get it.
	passKey struct{}
	// say puts a one-shot message on the status line.
	say string
	// openEntry opens issue entry of the library (the shelf).
	openEntry struct{ entry int }
	// openArticleAt opens article i of the issue at its top (the front page).
	openArticleAt struct{ article int }
	// turnArticle opens the article d after the one being read.
	turnArticle struct{ d int }
	// closeScreen closes an overlay (help, search, bookmarks); passOn is a
	// key to give the screen under it then, nil when none.
	closeScreen struct{ passOn tea.Msg }
	// openResult opens a library search result.
	openResult struct{ open *searchOpen }
	// jumpToMark opens the place a bookmark marks.
	jumpToMark struct{ b bookmarks.Bookmark }
	// editNote starts editing the note of a bookmark.
	editNote struct{ id, note string }
)

func (passKey) isRequest()       {}
func (say) isRequest()           {}
func (openEntry) isRequest()     {}
func (openArticleAt) isRequest() {}
func (turnArticle) isRequest()   {}
func (closeScreen) isRequest()   {}
func (openResult) isRequest()    {}
func (jumpToMark) isRequest()    {}
func (editNote) isRequest()      {}

// wheelLines is how far one notch of the mouse wheel scrolls.
const wheelLines = 3

// wheelDelta is the lines a wheel message scrolls: + down, - up.
func wheelDelta(msg tea.MouseWheelMsg) (int, bool) {
	switch msg.Button {
	case tea.MouseWheelDown:
		return wheelLines, true
	case tea.MouseWheelUp:
		return -wheelLines, true
	}
	return 0, false
}

// top is the screen on top: an overlay when one is up, else the shelf,
// front page or article.
func (m *Model) top() screen {
	switch {
	case m.help != nil:
		return m.help
	case m.search != nil:
		return m.search
	case m.marks != nil:
		return m.marks
	}
	switch {
	case m.screen == screenShelf && m.shelf != nil:
		return m.shelf
	case m.screen == screenFront && m.front != nil:
		return m.front
	case m.screen == screenArticle && m.article != nil:
		return m.article
	}
	return loadingScreen{m}
}

// route gives msg to the screen on top and does what it asks.
func (m *Model) route(msg tea.Msg, count int) tea.Cmd {
	s := m.top()
	cmd, req := s.update(msg, count)
	if req == nil {
		return cmd
	}
	return tea.Batch(cmd, m.act(s, msg, req))
}

// act does what screen s asked while handling msg.
func (m *Model) act(s screen, msg tea.Msg, req request) tea.Cmd {
	switch r := req.(type) {
	case say:
		m.status = string(r)
	case passKey:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return m.rootKey(k)
		}
	case openEntry:
		e := m.lib.Entry(r.entry)
		m.status = "opening " + e.Path + m.pdfNote(e.Path, e.Parts)
		return m.loadIssue(r.entry, "")
	case openArticleAt:
		return m.openArticle(r.article, issues.Place{})
	case turnArticle:
		return m.turnArticle(r.d)
	case closeScreen:
		return m.closeOverlay(s, r.passOn)
	case openResult:
		return m.openResult(r.open)
	case jumpToMark:
		m.marks = nil
		return m.jumpTo(r.b)
	case editNote:
		m.prompt = newNotePrompt("note: ", r.note)
		m.prompt.editID = r.id
	}
	return nil
}

// loadingScreen is the one line shown while the library or the first
// issue is opened.
type loadingScreen struct{ m *Model }

func (l loadingScreen) update(msg tea.Msg, _ int) (tea.Cmd, request) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return nil, passKey{}
	}
	return nil, nil
}
func (l loadingScreen) view(string) (string, *tea.Cursor) { return l.m.loadingView(), nil }
func (l loadingScreen) statusLeft() statusParts           { return statusParts{} }
func (l loadingScreen) input() (inputView, bool)          { return inputView{}, false }
func (l loadingScreen) topic() helpTopic                  { return helpArticle }
func (l loadingScreen) typing() bool                      { return false }

// fitScreen cuts or pads lines to height rows and puts the status line
// under them.
func fitScreen(lines []string, height int, status string) string {
	if height < 0 {
		height = 0
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	var b strings.Builder
	n := len(status) + height
	for _, l := range lines {
		n += len(l)
	}
	b.Grow(n)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	for i := len(lines); i < height; i++ {
		b.WriteByte('\n')
	}
	b.WriteString(status)
	return b.String()
}
