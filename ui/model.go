package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/issues"
	"bao/reader/bookmarks"
	"bao/reader/layout"
	"bao/reader/search"
)

// Options configure one reader. bao serve makes one per SSH session, so
// nothing here may be shared mutable state (Library is shared but read-only).
type Options struct {
	Paths   []string      // files or folders to read; none means Issue, then the sample
	Issue   *issues.Issue // an issue already loaded (the sample, stdin)
	Library Library       // a library already opened (bao serve shares one; see LibraryOf); overrides Paths
	DataDir string        // where bookmarks and reading state live; "" keeps nothing
	// Store is the reader's bookmarks and reading state (bao serve opens one
	// per user); nil opens the one in DataDir.
	Store *bookmarks.Store

	Encoding  string           // forced text encoding for issue files; "" detects
	Ambiguous layout.Ambiguous // the decided ambiguous-width policy (the renderer's too)
	Columns   int              // body columns; 0 chooses by width
	Ragged    bool             // ragged right instead of justified
	Vertical  bool             // set articles vertically unless an issue's state says otherwise
	Theme     string           // "light", "dark" or "auto" (ask the terminal)

	// SearchIndex, when set, opens the search index of the library (the
	// one bao search keeps in the cache directory) for an archive search
	// of a library of search.MinIndexedFiles issues or more; it is called
	// in the search's goroutine, once per search. nil searches without one.
	SearchIndex func() (*search.Index, error)

	// CanRestart says the caller can restart the process with the other
	// ambiguous-width policy (bao in a terminal). Then `w` quits the program
	// and Restart reports where to reopen; without it (bao serve) `w`
	// only re-lays the text out.
	CanRestart bool
	// Resume reopens at a place (after such a restart); nil starts at the top.
	Resume *Resume
}

// Resume is a place to reopen the reader at: which issue, which screen and
// which text. It travels through a restart in the environment (see
// EncodeResume), so it holds only plain values.
type Resume struct {
	Path    string `json:"path,omitempty"` // the issue file ("" for the sample or a preloaded issue)
	Screen  string `json:"screen"`         // "shelf", "front" or "article"
	Article int    `json:"article"`
	Block   int    `json:"block"`
	Offset  int    `json:"offset"`
	// Vertical reopens an article in vertical mode.
	Vertical bool `json:"vertical,omitempty"`
}

type screen int

const (
	screenLoading screen = iota
	screenShelf
	screenFront
	screenArticle
)

func (s screen) String() string {
	return [...]string{"loading", "shelf", "front", "article"}[s]
}

// common is what every screen reads: the terminal size, the width model,
// the theme and the keys. The root model owns it; screens hold a pointer.
type common struct {
	width, height int
	widths        layout.Widths
	theme         theme
	keys          keyMap
	opt           *Options
}

// New returns the root model of a reader.
func New(opt Options) tea.Model { return newModel(opt) }

// Model is the root model: it routes messages to the current screen.
type Model struct {
	opt    Options
	c      *common
	screen screen
	help   bool
	helpM  help.Model
	status string // a one-shot message for the status line
	err    error

	lib     Library
	libPath string // what lib was opened from, for the shelf's title
	shelf   *shelfModel

	issue     *issues.Issue
	issueIdx  int // index of issue in lib, -1 when not from the library
	issuePath string
	front     *frontModel
	article   *articleModel
	loadGen   int // tags issue loads so a stale one is dropped

	restart *Resume // set when `w` asks for a restart

	helpNote    string // the help screen's note, rendered by glamour
	helpNoteFor [3]int // screen, width and darkness it was rendered for

	// search is the library search screen while it is up (`S`, or `/` on
	// the shelf and front page); pendingOpen a result waiting for its issue.
	search      *archiveSearch
	pendingOpen *searchOpen

	store    *bookmarks.Store
	issueRef bookmarks.IssueRef // the shown issue's file, for its reading state
	// vertical is the orientation of the shown issue: its kept state, else
	// Options.Vertical; v changes it for every article of the issue.
	vertical bool

	// marks is the bookmarks list while it is up ('); prompt the note
	// prompt of m or e; pendingJump a bookmark's place waiting for its
	// issue; locator finds moved issue files by content hash.
	marks       *markList
	prompt      *markPrompt
	pendingJump *bookmarks.Position
	locator     *bookmarks.Locator
}

func newModel(opt Options) *Model {
	c := &common{
		width: 80, height: 24,
		widths: layout.NewWidths(opt.Ambiguous),
		theme:  newTheme(opt.Theme != "light"),
		keys:   defaultKeys(),
	}
	m := &Model{opt: opt, c: c, issueIdx: -1, helpM: help.New(), locator: &bookmarks.Locator{}}
	c.opt = &m.opt
	m.helpM.Styles = help.DefaultStyles(c.theme.dark)
	return m
}

// Restart reports whether the reader quit to be restarted with the other
// ambiguous-width policy, and where to reopen.
func (m *Model) Restart() (*Resume, bool) { return m.restart, m.restart != nil }

// Err is the error that stopped the reader, if any (an unreadable file).
func (m *Model) Err() error { return m.err }

func (m *Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.opt.Theme == "" || m.opt.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	m.store = m.opt.Store
	var first tea.Cmd // runs before the rest: the store, when it must be opened
	if m.store == nil && m.opt.DataDir != "" {
		first = openStoreCmd(m.opt.DataDir)
	}
	switch {
	case m.opt.Library != nil:
		m.setLibrary(m.opt.Library, "")
		cmds = append(cmds, m.afterLibrary())
	case len(m.opt.Paths) == 1 && !isDir(m.opt.Paths[0]):
		m.screen = screenLoading
		cmds = append(cmds, m.loadIssue(-1, m.opt.Paths[0]))
	case len(m.opt.Paths) > 0:
		m.screen = screenLoading
		cmds = append(cmds, openLibraryCmd(m.opt.Paths, m.opt.Encoding))
	case m.opt.Issue != nil:
		cmds = append(cmds, m.showIssue(m.opt.Issue, -1, "", bookmarks.IssueRef{}))
	default:
		m.screen = screenLoading
		cmds = append(cmds, m.loadIssue(-1, ""))
	}
	if first != nil {
		return tea.Sequence(first, tea.Batch(cmds...))
	}
	return tea.Batch(cmds...)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Messages from the commands that do the long work.
type (
	libraryMsg struct {
		lib  Library
		path string
		err  error
	}
	issueMsg struct {
		gen   int
		idx   int
		path  string
		issue *issues.Issue
		ref   bookmarks.IssueRef // Hash "" when the file could not be hashed
		err   error
	}
)

func openLibraryCmd(paths []string, enc string) tea.Cmd {
	return func() tea.Msg {
		lib, err := OpenLibrary(paths, enc)
		return libraryMsg{lib: lib, path: strings.Join(paths, " "), err: err}
	}
}

// loadIssue parses issue idx of the library (or the file path when idx < 0,
// or the embedded sample when path is "" too) in a command, never in Update.
func (m *Model) loadIssue(idx int, path string) tea.Cmd {
	m.loadGen++
	gen, lib, enc := m.loadGen, m.lib, m.opt.Encoding
	return func() tea.Msg {
		var is *issues.Issue
		var err error
		var ref bookmarks.IssueRef
		switch {
		case idx >= 0 && lib != nil:
			path = lib.Entry(idx).Path
			is, err = lib.Issue(idx)
			ref, _ = bookmarks.RefForFile(path) // unhashable: no reading state
		case path == "":
			is, ref = issues.Sample(), sampleRef()
		default:
			is, err = issues.LoadFile(path, issues.LoadOptions{Encoding: enc})
			ref, _ = bookmarks.RefForFile(path)
		}
		return issueMsg{gen: gen, idx: idx, path: path, issue: is, ref: ref, err: err}
	}
}

func (m *Model) setLibrary(lib Library, path string) {
	m.lib, m.libPath = lib, path
	m.shelf = newShelf(m.c, lib)
	m.shelf.name = path
	m.screen = screenShelf
}

// afterLibrary starts what follows opening a library: the reopen of a
// resumed issue, and the lazy article counts of the visible shelf rows.
func (m *Model) afterLibrary() tea.Cmd {
	if r := m.opt.Resume; r != nil && r.Path != "" && r.Screen != "shelf" {
		for i := 0; i < m.lib.Len(); i++ {
			if m.lib.Entry(i).Path == r.Path {
				m.shelf.selectIndex(i)
				return m.loadIssue(i, r.Path)
			}
		}
	}
	return m.shelf.countCmd()
}

// showIssue shows an issue's front page, or reopens it where a restart
// or the kept reading state says.
func (m *Model) showIssue(is *issues.Issue, idx int, path string, ref bookmarks.IssueRef) tea.Cmd {
	m.issue, m.issueIdx, m.issuePath, m.issueRef = is, idx, path, ref
	m.front = newFront(m.c, is)
	m.front.marks = m.markedArticles()
	m.article = nil
	m.screen = screenFront
	m.vertical = m.opt.Vertical
	if r := m.opt.Resume; r != nil && r.Path == path && r.Screen != "shelf" {
		m.opt.Resume = nil
		m.vertical = r.Vertical
		m.status = "ambiguous width: " + m.opt.Ambiguous.String()
		if r.Article >= 0 && r.Article < len(is.Articles) {
			m.front.selected = r.Article
			if r.Screen == "article" {
				m.openArticle(r.Article, layout.Pos{Block: r.Block, Offset: r.Offset})
			}
		}
		return nil
	}
	return m.restoreState()
}

// openArticle shows article i at position at, and marks it read.
func (m *Model) openArticle(i int, at layout.Pos) tea.Cmd {
	if m.issue == nil || i < 0 || i >= len(m.issue.Articles) {
		return nil
	}
	m.front.selected = i
	m.article = newArticle(m.c, m.issue, i, m.issueTitle())
	m.article.goTo(at)
	m.article.setVertical(m.vertical)
	m.screen = screenArticle
	if m.front.read[i] {
		return nil
	}
	m.front.read[i] = true
	return m.markRead(i)
}

func (m *Model) issueTitle() string {
	if m.issue == nil {
		return ""
	}
	t := m.issue.Title
	if d := m.issue.DateString(); d != "" && !strings.Contains(t, d) {
		t += " " + d
	}
	return t
}

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = max(msg.Width, 1), max(msg.Height, 1)
		m.helpM.SetWidth(m.c.width)
		if m.article != nil {
			m.article.relayout()
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if m.opt.Theme == "" || m.opt.Theme == "auto" {
			m.c.theme = newTheme(msg.IsDark())
			m.helpM.Styles = help.DefaultStyles(msg.IsDark())
		}
		return m, nil
	case libraryMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, tea.Quit
		}
		m.setLibrary(msg.lib, msg.path)
		return m, m.afterLibrary()
	case issueMsg:
		if msg.gen != m.loadGen {
			return m, nil
		}
		if msg.err != nil {
			if m.lib == nil {
				m.err = msg.err
				return m, tea.Quit
			}
			m.status = msg.err.Error()
			return m, nil
		}
		cmd := m.showIssue(msg.issue, msg.idx, msg.path, msg.ref)
		if m.pendingOpen != nil && m.pendingOpen.Path == msg.path {
			cmd = tea.Batch(cmd, m.openPending())
		}
		return m, cmd
	case storeMsg:
		m.store = msg.store
		if msg.err != nil {
			m.status = msg.err.Error()
		}
		return m, nil
	case stateErrMsg:
		m.status = msg.err.Error()
		return m, nil
	case LibraryChangedMsg:
		return m, m.libraryChanged(msg.Library)
	case countMsg:
		if m.shelf != nil {
			return m, m.shelf.setCount(msg)
		}
		return m, nil
	case searchBatchMsg:
		if m.search != nil {
			cmd, _ := m.search.update(msg)
			return m, cmd
		}
		return m, nil
	case tea.PasteMsg:
		switch {
		case m.prompt != nil:
			m.prompt.text = append(m.prompt.text, []rune(sanitize(msg.Content))...)
		case m.marks != nil && m.marks.filter != nil:
			m.marks.filter.text = append(m.marks.filter.text, []rune(sanitize(msg.Content))...)
			m.marks.query = m.marks.filter.value()
			m.marks.refilter()
		case m.search != nil:
			cmd, _ := m.search.update(msg)
			return m, cmd
		case m.screen == screenArticle && m.article != nil:
			if m.article.find.paste(msg.Content, &m.issue.Articles[m.article.index], m.article.topPosition()) {
				m.article.showMatch()
			}
		}
		return m, nil
	case tea.MouseWheelMsg:
		return m, m.wheel(msg)
	case tea.KeyPressMsg:
		if m.prompt != nil && !key.Matches(msg, m.c.keys.Quit) {
			return m, m.promptKey(msg)
		}
		if m.search != nil && !key.Matches(msg, m.c.keys.Quit) {
			return m, m.searchKey(msg)
		}
		if m.marks != nil && !m.help && !key.Matches(msg, m.c.keys.Quit, m.c.keys.Help) {
			return m, m.marksKey(msg)
		}
		return m, m.key(msg)
	case markAddedMsg:
		m.status = "bookmarked: " + msg.b.Anchor.Snippet()
		if msg.err != nil {
			m.status = msg.err.Error()
		}
		m.refreshMarks()
		return m, nil
	case markChangedMsg:
		if msg.err != nil {
			m.status = msg.err.Error()
		}
		m.refreshMarks()
		return m, nil
	case marksResolvedMsg:
		if msg.err != nil {
			m.status = msg.err.Error()
		}
		if m.marks != nil && m.store != nil {
			// The store as it is now (a change made meanwhile stands),
			// with where each file was found.
			m.marks.set(m.store.Bookmarks())
			where := map[string]bookmarks.Location{}
			for _, it := range msg.list {
				where[it.ID] = it.Location
			}
			for i := range m.marks.all {
				if loc, ok := where[m.marks.all[i].ID]; ok {
					m.marks.all[i].Location = loc
				}
			}
		}
		if m.front != nil {
			m.front.marks = m.markedArticles()
		}
		return m, nil
	case markFoundMsg:
		return m, m.found(msg)
	}
	return m, nil
}

// searchKey gives a key to the library search screen, and acts on what it
// asks: close, or open a result.
func (m *Model) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, open := m.search.update(msg)
	if m.search.closed {
		m.search = nil
		return cmd
	}
	if open == nil {
		return cmd
	}
	m.search.stop()
	m.search = nil
	if open.Path == m.issuePath && m.issue != nil {
		m.pendingOpen = open
		return m.openPending()
	}
	idx := -1
	if m.lib != nil {
		for i := 0; i < m.lib.Len(); i++ {
			if m.lib.Entry(i).Path == open.Path {
				idx = i
				m.shelf.selectIndex(i)
				break
			}
		}
	}
	m.pendingOpen = open
	return tea.Batch(m.savePosition(), m.loadIssue(idx, open.Path))
}

// openPending opens the search result waiting for the issue just shown,
// at its match, with the query kept for n and N.
func (m *Model) openPending() tea.Cmd {
	o := m.pendingOpen
	m.pendingOpen = nil
	if o == nil || o.Article < 0 || o.Article >= len(m.issue.Articles) {
		return nil
	}
	cmd := m.openArticle(o.Article, o.Match.Pos())
	m.article.find.setQuery(o.Query, &m.issue.Articles[o.Article], o.Match.Pos())
	m.article.showMatch()
	return cmd
}

// openSearch brings up the library search: the library's files newest
// first, or the one file being read.
func (m *Model) openSearch() tea.Cmd {
	var files []search.File
	switch {
	case m.lib != nil:
		for i := 0; i < m.lib.Len(); i++ {
			e := m.lib.Entry(i)
			files = append(files, search.File{Path: e.Path, Date: e.Date, Size: e.Size, ModTime: e.ModTime, Parts: e.Parts})
		}
	case m.issuePath != "":
		files = []search.File{{Path: m.issuePath}}
	default:
		m.status = "search: the sample has no file to search; / in an article finds in it"
		return nil
	}
	enc := m.opt.Encoding
	m.search = newArchiveSearch(files, search.Options{Parse: func(data []byte, path string) (*issues.Issue, error) {
		return issues.Parse(data, path, issues.LoadOptions{Encoding: enc})
	}, NoPrefilter: enc != ""}, m.c.widths) // a forced encoding: the raw-byte tests do not apply
	if m.opt.SearchIndex != nil && enc == "" && m.lib != nil && len(files) >= search.MinIndexedFiles {
		m.search.openIndex = m.opt.SearchIndex
	}
	return nil
}

func (m *Model) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	down := msg.Button == tea.MouseWheelDown
	if m.search != nil || m.help || m.marks != nil || m.prompt != nil {
		return nil // the screen under them stays where it is
	}
	switch m.screen {
	case screenArticle:
		if down {
			m.article.scroll(3)
		} else {
			m.article.scroll(-3)
		}
	case screenFront:
		m.front.move(map[bool]int{true: 1, false: -1}[down])
	case screenShelf:
		m.shelf.move(map[bool]int{true: 1, false: -1}[down])
		return m.shelf.countCmd()
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	m.status = ""
	if key.Matches(msg, k.Quit) {
		return m.quit()
	}
	if m.screen == screenArticle && m.article != nil && !m.help && m.article.findKey(msg) {
		return nil
	}
	if m.help {
		// Any key closes the help; q/esc/? only close it.
		m.help = false
		if key.Matches(msg, k.Back, k.Help) {
			return nil
		}
	}
	// The shelf takes digits and '-' first: typing a date jumps to it.
	if m.screen == screenShelf && m.shelf != nil {
		if cmd, ok := m.shelf.typeDate(msg); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.Help):
		m.help = true
		return nil
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Search) && m.screen == screenArticle:
		m.article.find.open()
		return nil
	case key.Matches(msg, k.Search, k.SearchAll):
		return m.openSearch()
	case key.Matches(msg, k.NextMatch, k.PrevMatch):
		m.status = "no search: / to find"
		return nil
	case key.Matches(msg, k.Mark):
		return m.markHere()
	case key.Matches(msg, k.Marks):
		return m.openMarks()
	case key.Matches(msg, k.PrevIssue):
		return m.stepIssue(+1) // older: the shelf is newest first
	case key.Matches(msg, k.NextIssue):
		return m.stepIssue(-1)
	case key.Matches(msg, k.Ambiguous):
		return m.toggleAmbiguous()
	}
	switch m.screen {
	case screenShelf:
		if key.Matches(msg, k.Open) {
			if i, ok := m.shelf.current(); ok {
				m.status = "opening " + m.lib.Entry(i).Path
				return m.loadIssue(i, "")
			}
			return nil
		}
		m.shelf.key(msg)
		return m.shelf.countCmd()
	case screenFront:
		switch {
		case key.Matches(msg, k.Open, k.NextArticle):
			return m.openArticle(m.front.selected, layout.Pos{})
		default:
			m.front.key(msg)
		}
	case screenArticle:
		switch {
		case key.Matches(msg, k.PrevArticle):
			if m.article.index > 0 {
				return tea.Batch(m.savePosition(), m.openArticle(m.article.index-1, layout.Pos{}))
			} else {
				m.status = "first article"
			}
		case key.Matches(msg, k.NextArticle, k.Open):
			if m.article.index+1 < len(m.issue.Articles) {
				return tea.Batch(m.savePosition(), m.openArticle(m.article.index+1, layout.Pos{}))
			} else {
				m.status = "last article"
			}
		default:
			m.status = m.article.key(msg)
			// Columns and justification chosen here carry to the next article.
			m.opt.Columns, m.opt.Ragged = m.article.columns, m.article.ragged
			if v := m.article.vert != nil; v != m.vertical {
				m.vertical = v // and the orientation, kept for the issue
				return m.saveVertical()
			}
		}
	}
	return nil
}

// back goes up one screen, and quits from the top one.
func (m *Model) back() tea.Cmd {
	switch m.screen {
	case screenArticle:
		save := m.savePosition()
		m.screen = screenFront
		m.article = nil
		return save
	case screenFront:
		if m.shelf != nil {
			save := m.savePosition()
			m.screen = screenShelf
			return tea.Batch(save, m.shelf.countCmd())
		}
	}
	return m.quit()
}

// quit saves the reading position, then quits.
func (m *Model) quit() tea.Cmd {
	if m.search != nil {
		m.search.stop() // bao serve goes on: leave no search running
	}
	if save := m.savePosition(); save != nil {
		return tea.Sequence(save, tea.Quit)
	}
	return tea.Quit
}

// stepIssue opens the neighbouring issue of the library; d is +1 for the
// older one.
func (m *Model) stepIssue(d int) tea.Cmd {
	if m.lib == nil {
		m.status = "one issue only"
		return nil
	}
	i := m.issueIdx
	if m.screen == screenShelf || i < 0 {
		i, _ = m.shelf.current()
	}
	j := i + d
	if j < 0 || j >= m.lib.Len() {
		m.status = map[bool]string{true: "oldest issue", false: "newest issue"}[d > 0]
		return nil
	}
	m.shelf.selectIndex(j)
	if m.screen == screenShelf {
		return m.shelf.countCmd()
	}
	return tea.Batch(m.savePosition(), m.loadIssue(j, ""))
}

// toggleAmbiguous flips the ambiguous-width policy. The layout follows at
// once; the renderer (charm's x/ansi) reads the policy only at process
// start, so where the caller can, the program quits to be restarted at the
// same text.
func (m *Model) toggleAmbiguous() tea.Cmd {
	next := layout.Wide
	if m.opt.Ambiguous == layout.Wide {
		next = layout.Narrow
	}
	if m.opt.CanRestart {
		m.restart = m.resumeHere()
		return m.quit()
	}
	m.opt.Ambiguous = next
	m.c.widths = layout.NewWidths(next)
	if m.article != nil {
		m.article.relayout()
	}
	m.status = "ambiguous width: " + next.String()
	return nil
}

// resumeHere is the current place as a Resume.
func (m *Model) resumeHere() *Resume {
	r := &Resume{Path: m.issuePath, Screen: m.screen.String()}
	if m.screen == screenShelf {
		if i, ok := m.shelf.current(); ok {
			r.Path = m.lib.Entry(i).Path
		}
	}
	if m.front != nil {
		r.Article = m.front.selected
	}
	if m.screen == screenArticle && m.article != nil {
		p := m.article.topPosition()
		r.Article, r.Block, r.Offset = m.article.index, p.Block, p.Offset
	}
	r.Vertical = m.vertical
	return r
}

func (m *Model) View() tea.View {
	var body string
	switch {
	case m.help:
		body = m.helpView()
	case m.search != nil:
		body = m.search.view(m.c.width, m.c.height)
		// Very small windows: keep the search screen inside them.
		lines := strings.Split(body, "\n")
		if len(lines) > m.c.height {
			lines = lines[len(lines)-m.c.height:]
		}
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, m.c.width, "")
		}
		body = strings.Join(lines, "\n")
	case m.marks != nil:
		body = m.marks.view(m.statusLine(m.marks.statusLeft()))
	case m.screen == screenShelf:
		body = m.shelf.view(m.statusLine(m.shelf.statusLeft()))
	case m.screen == screenFront:
		body = m.front.view(m.statusLine(m.front.statusLeft()))
	case m.screen == screenArticle:
		body = m.article.view(m.statusLine(m.article.statusLeft()))
	default:
		body = m.loadingView()
	}
	v := tea.NewView(body)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (m *Model) loadingView() string {
	what := strings.Join(m.opt.Paths, " ")
	lines := make([]string, m.c.height)
	if what == "" {
		what = "the sample issue"
	}
	lines[0] = m.c.widths.Truncate(sanitize("bao: opening "+what+" …"), m.c.width, "…")
	return strings.Join(lines, "\n")
}

// statusLine is the last line of every screen: the screen's own left part,
// the one-shot message or a short key hint on the right, measured with the
// width model and reversed across the whole width.
func (m *Model) statusLine(left string) string {
	w := m.c.widths
	right := m.status
	if p := m.prompt; p != nil {
		left, right = p.prompt+string(p.text)+"▏", " "
	}
	if right == "" {
		right = "? help  q back"
	}
	right = sanitize(right)
	left = sanitize(left)
	room := m.c.width - w.String(right) - 2
	if room < 8 {
		right, room = "", m.c.width-1
	}
	left = w.Truncate(left, max(room, 0), "…")
	gap := m.c.width - w.String(left) - w.String(right) - 1
	line := " " + left + strings.Repeat(" ", max(gap, 1)) + right
	line = w.Truncate(line, m.c.width, "")
	return m.c.theme.status.Render(w.PadRight(line, m.c.width))
}

// sanitize drops control characters from text that reaches the terminal,
// so text from a file can never become an escape sequence: C0 controls,
// DEL, C1 controls (U+0080–U+009F) and invalid UTF-8 (a stray 0x9b byte is
// CSI to an 8-bit terminal), which becomes U+FFFD.
func sanitize(s string) string {
	if isClean(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			if r == '\t' || r == '\n' {
				return ' '
			}
			return -1
		}
		return r
	}, s)
}

// isClean is sanitize's fast path: a byte scan, as this runs on every line
// of every frame.
func isClean(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0: // U+0080–U+009F
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s)
}

func (m *Model) helpView() string {
	keys := m.c.keys.forScreen(m.screen)
	title := m.c.theme.masthead.Render(fmt.Sprintf("bao - keys on the %s", m.screen))
	lines := []string{title, ""}
	if m.helpNote == "" || m.helpNoteFor != [3]int{int(m.screen), m.c.width, btoi(m.c.theme.dark)} {
		m.helpNote = helpNote(m.screen, m.c.width, m.c.theme.dark)
		m.helpNoteFor = [3]int{int(m.screen), m.c.width, btoi(m.c.theme.dark)}
	}
	if m.helpNote != "" {
		lines = append(lines, strings.Split(m.helpNote, "\n")...)
		lines = append(lines, "")
	}
	// Groups side by side while they fit, then on the next rows: every
	// binding is shown, whatever the width. Help text is ASCII and key
	// names, so lipgloss measures it correctly here.
	var row []string
	rowWidth := 0
	flush := func() {
		if len(row) > 0 {
			lines = append(lines, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, row...), "\n")...)
			lines = append(lines, "")
		}
		row, rowWidth = nil, 0
	}
	for _, g := range keys.FullHelp() {
		col := m.helpM.FullHelpView([][]key.Binding{g})
		w := lipgloss.Width(col) + 4
		if rowWidth > 0 && rowWidth+w > m.c.width {
			flush()
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(col))
		rowWidth += w
	}
	flush()
	lines = append(lines, m.c.theme.faint.Render("any key closes this help"))
	for i, l := range lines {
		// The renderer measures with x/ansi, as ansi.Truncate does.
		lines[i] = ansi.Truncate(l, m.c.width, "")
	}
	return fitScreen(lines, m.c.height-1, m.statusLine("help"))
}

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

// EncodeResume writes r for the environment of a restarted process.
func EncodeResume(r *Resume) string {
	b, _ := json.Marshal(r) // plain strings and ints: cannot fail
	return string(b)
}

// DecodeResume reads what EncodeResume wrote.
func DecodeResume(s string) (*Resume, error) {
	var r Resume
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("resume %q: %w", s, err)
	}
	return &r, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
