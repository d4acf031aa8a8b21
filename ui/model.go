package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/internal/ambiguous"
	"bao/issues"
	"bao/reader/bookmarks"
	"bao/reader/layout"
	"bao/reader/search"
)

// Options configure one reader. bao serve makes one per SSH session, so
// nothing here may be shared mutable state (Library is shared but read-only).
type Options struct {
	Paths []string      // files or folders to read; none means Issue, then the sample
	Issue *issues.Issue // an issue already loaded (the sample, stdin)
	// IssueRef is Issue's content hash (stdin: bookmarks.RefForBytes of
	// what was read), so its bookmarks and reading state are kept; the
	// zero ref keeps none.
	IssueRef bookmarks.IssueRef
	Library  Library // a library already opened (bao serve shares one; see LibraryOf); overrides Paths
	DataDir  string  // where bookmarks and reading state live; "" keeps nothing
	// Store is the reader's bookmarks and reading state (bao serve opens one
	// per user); nil opens the one in DataDir.
	Store *bookmarks.Store

	Encoding  string           // forced text encoding for issue files; "" detects
	Ambiguous ambiguous.Policy // the decided ambiguous-width policy (the renderer's too); Auto counts narrow
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
	Path   string `json:"path,omitempty"` // the issue file ("" for the sample or a preloaded issue)
	Screen string `json:"screen"`         // "shelf", "front" or "article"
	issues.Position
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
	// help is the help screen while it is up (? or F1).
	help   *helpScreen
	status string // a one-shot message for the status line
	err    error
	// storeErr is the last error writing the store: while changes stay
	// unsaved the status line warns, and bao says so on exit.
	storeErr error
	// count is the number typed before a move (5j), "" when none.
	count string

	lib     Library
	libPath string // what lib was opened from, for the shelf's title
	shelf   *shelfModel
	// listed counts the issue files found while the library is being
	// listed; stopListing cancels that listing (nil when none runs).
	listed      int
	stopListing context.CancelFunc

	issue     *issues.Issue
	issueIdx  int // index of issue in lib, -1 when not from the library
	issuePath string
	front     *frontModel
	article   *articleModel
	loadGen   int // tags issue loads so a stale one is dropped

	restart *Resume // set when `w` asks for a restart

	// search is the library search screen while it is up (`S`, or `/` on
	// the shelf and front page); pendingOpen a result waiting for its issue.
	search      *archiveSearch
	pendingOpen *searchOpen
	// searchBack is the search an article was opened from: back (q, esc)
	// returns to its results. lastSearch is the last search, which S
	// brings back; searchFrom the screen the search was opened on.
	searchBack *archiveSearch
	lastSearch *archiveSearch
	searchFrom screen

	// columns and ragged are the shown issue's layout: the options', or
	// what + - and J chose for it (kept in its reading state, as v is).
	columns int
	ragged  bool

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
	pendingJump *issues.Position
	// pendingQuote is how many runes of the marked text to highlight there.
	pendingQuote int
	locator      *bookmarks.Locator
}

func newModel(opt Options) *Model {
	c := &common{
		width: 80, height: 24,
		widths: layout.NewWidths(layout.AmbiguousFor(opt.Ambiguous)),
		theme:  newTheme(backgroundOf(opt.Theme)),
		keys:   defaultKeys(),
	}
	m := &Model{opt: opt, c: c, issueIdx: -1, locator: &bookmarks.Locator{}}
	c.opt = &m.opt
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
		ctx, cancel := context.WithCancel(context.Background())
		m.stopListing = cancel
		cmds = append(cmds, openLibraryCmd(ctx, m.c, m.opt.Paths, m.opt.Encoding))
	case m.opt.Issue != nil:
		cmds = append(cmds, m.showIssue(m.opt.Issue, -1, "", m.opt.IssueRef))
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
		lib   Library
		shelf *shelfModel // built beside Update: 36,500 rows take a while
		path  string
		err   error
	}
	// listingMsg says how many issue files the listing has found so far;
	// next waits for its next message.
	listingMsg struct {
		found int
		next  tea.Cmd
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

// listingEvery is how often the loading screen hears how far the listing
// of a library has got.
const listingEvery = 50 * time.Millisecond

// openLibraryCmd lists the library in a goroutine of its own and streams
// what it does: listingMsg as folders are listed, then libraryMsg with
// the library and its shelf, built there too, so Update only installs
// them. Cancelling ctx stops the listing.
func openLibraryCmd(ctx context.Context, c *common, paths []string, enc string) tea.Cmd {
	msgs := make(chan tea.Msg, 1)
	next := func() tea.Msg {
		msg, ok := <-msgs
		if !ok {
			return nil
		}
		return msg
	}
	go func() {
		defer close(msgs)
		found, last := 0, time.Now()
		lib, err := openLibrary(ctx, paths, enc, func(es []Entry) {
			found += len(es) // one call at a time (issues.Walk)
			if time.Since(last) < listingEvery {
				return
			}
			last = time.Now()
			select {
			case msgs <- listingMsg{found: found, next: next}:
			default: // the screen has not taken the last one yet
			}
		})
		msg := libraryMsg{lib: lib, path: strings.Join(paths, " "), err: err}
		if err == nil {
			msg.shelf = newShelf(c, lib)
		}
		select {
		case msgs <- msg:
		case <-ctx.Done():
		}
	}()
	return next
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
	m.setLibraryShelf(lib, path, newShelf(m.c, lib))
}

// setLibraryShelf installs a library and its shelf (newShelf(m.c, lib)).
func (m *Model) setLibraryShelf(lib Library, path string, shelf *shelfModel) {
	m.lib, m.libPath = lib, path
	m.shelf = shelf
	m.shelf.name = path
	m.screen = screenShelf
}

// LibraryErrors are the files of the library that could not be read
// (listed or parsed), each "path: reason"; bao prints them on exit.
func (m *Model) LibraryErrors() []error {
	if m.lib == nil {
		return nil
	}
	return errorsOf(m.lib)
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
	if strings.HasPrefix(m.status, "opening ") {
		m.status = "" // it is open
	}
	if m.pendingOpen == nil {
		m.searchBack = nil // another issue: back no longer leads to the search
	}
	m.front = newFront(m.c, is)
	m.front.marks = m.markedArticles()
	m.article = nil
	m.screen = screenFront
	m.vertical = m.opt.Vertical
	m.columns, m.ragged = m.opt.Columns, m.opt.Ragged
	if r := m.opt.Resume; r != nil && r.Path == path && r.Screen != "shelf" {
		m.opt.Resume = nil
		m.vertical = r.Vertical
		m.keptLayout()
		m.status = "ambiguous width: " + m.c.widths.Ambiguous().String()
		if r.Article >= 0 && r.Article < len(is.Articles) {
			m.front.selected = r.Article
			if r.Screen == "article" {
				m.openArticle(r.Article, r.Place)
			}
		}
		return nil
	}
	return m.restoreState()
}

// openArticle shows article i at position at, and marks it read.
func (m *Model) openArticle(i int, at issues.Place) tea.Cmd {
	if m.issue == nil || i < 0 || i >= len(m.issue.Articles) {
		return nil
	}
	m.front.selected = i
	m.article = newArticle(m.c, m.issue, i, m.issueTitle(), m.columns, m.ragged)
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
		if m.article != nil {
			m.article.relayout()
		}
		return m, nil
	case tea.ModeReportMsg:
		// bubbletea's renderer counts per grapheme cluster from the moment
		// the terminal reports Unicode core mode (2027) in any state but
		// "not recognized" (tea.go, ModeReportMsg); the layout does too.
		if msg.Mode == ansi.ModeUnicodeCore && (msg.Value == ansi.ModeSet || msg.Value == ansi.ModeReset || msg.Value == ansi.ModePermanentlySet) && !m.c.widths.Graphemes() {
			m.c.widths = m.c.widths.WithGraphemes(true)
			if m.article != nil {
				m.article.relayout()
			}
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if m.opt.Theme == "" || m.opt.Theme == "auto" {
			bg := backgroundLight
			if msg.IsDark() {
				bg = backgroundDark
			}
			m.c.theme = newTheme(bg)
		}
		return m, nil
	case listingMsg:
		m.listed = msg.found
		return m, msg.next
	case libraryMsg:
		m.stopListing = nil
		if msg.err != nil {
			if errors.Is(msg.err, context.Canceled) {
				return m, nil // quit while listing
			}
			m.err = msg.err
			return m, tea.Quit
		}
		m.setLibraryShelf(msg.lib, msg.path, msg.shelf)
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
			m.status = ErrorText(msg.err)
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
			m.status = ErrorText(msg.err)
		}
		return m, nil
	case stateErrMsg:
		m.storeError(msg.err)
		return m, nil
	case LibraryChangedMsg:
		return m, m.libraryChanged(msg.Library)
	case countMsg:
		if m.shelf != nil {
			return m, m.shelf.setCount(msg)
		}
		return m, nil
	case searchBatchMsg:
		// To its search, shown or not: one opened a result from goes on.
		if msg.owner != nil {
			cmd, _ := msg.owner.update(msg)
			return m, cmd
		}
		return m, nil
	case tea.PasteMsg:
		switch {
		case m.help != nil:
		case m.prompt != nil:
			m.prompt.text = append(m.prompt.text, []rune(issues.Sanitize(msg.Content))...)
		case m.marks != nil && m.marks.filter != nil:
			m.marks.filter.text = append(m.marks.filter.text, []rune(issues.Sanitize(msg.Content))...)
			m.marks.query = m.marks.filter.value()
			m.marks.refilter()
		case m.search != nil:
			cmd, _ := m.search.update(msg)
			return m, cmd
		case m.screen == screenShelf && m.shelf != nil:
			m.shelf.typed = ""
			for _, r := range msg.Content {
				if _, ok := m.shelf.typeDate(tea.KeyPressMsg{Code: r, Text: string(r)}); !ok {
					break
				}
			}
			m.status = m.shelf.dateStatus()
		case m.screen == screenArticle && m.article != nil:
			if m.article.find.paste(msg.Content, &m.issue.Articles[m.article.index], m.article.topPosition()) {
				m.article.showMatch()
			}
		}
		return m, nil
	case tea.MouseWheelMsg:
		return m, m.wheel(msg)
	case tea.MouseClickMsg:
		return m, m.click(msg)
	case tea.KeyPressMsg:
		k := m.c.keys
		switch {
		case key.Matches(msg, k.Quit):
			return m, m.quit()
		case m.help != nil:
			return m, m.helpKey(msg)
		case msg.String() == "f1" || (key.Matches(msg, k.Help) && m.prompt == nil && m.wantsHelpKey()):
			m.openHelp()
			return m, nil
		case m.prompt != nil:
			return m, m.promptKey(msg)
		case m.search != nil:
			return m, m.searchKey(msg)
		case m.marks != nil:
			return m, m.marksKey(msg)
		}
		return m, m.key(msg)
	case markAddedMsg:
		m.status = "bookmarked: " + msg.b.Anchor.Snippet()
		if msg.err != nil {
			m.storeError(msg.err)
			m.status = ""
		}
		m.refreshMarks()
		return m, nil
	case markChangedMsg:
		if msg.err != nil {
			m.storeError(msg.err)
		}
		m.refreshMarks()
		return m, nil
	case marksResolvedMsg:
		if msg.err != nil {
			m.status = ErrorText(msg.err)
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
				// The issue being read is here, whether or not a file
				// holds it (standard input, the sample).
				if h := m.marks.all[i].Issue.Hash; h != "" && (h == m.issueRef.Hash || h == sampleRef().Hash) {
					m.marks.all[i].Location = bookmarks.Location{Path: m.issuePath, Status: bookmarks.Found}
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

// storeError records a store error: a write error (the change is kept
// in memory) becomes the status line's warning until it is saved; any
// other is said once.
func (m *Model) storeError(err error) {
	var we *bookmarks.WriteError
	if errors.As(err, &we) {
		m.storeErr = err
		return
	}
	m.status = ErrorText(err)
}

// wantsHelpKey reports whether ? is the help key where the reader is, and
// not a character being typed.
func (m *Model) wantsHelpKey() bool {
	switch {
	case m.search != nil:
		return m.search.listFocus || len(m.search.query) == 0
	case m.marks != nil:
		return m.marks.filter == nil
	case m.screen == screenArticle && m.article != nil:
		return !m.article.find.editing
	}
	return true
}

// openHelp brings up the help of what is on screen.
func (m *Model) openHelp() {
	t := helpArticle
	switch {
	case m.search != nil:
		t = helpSearch
	case m.marks != nil:
		t = helpMarks
	case m.screen == screenShelf:
		t = helpShelf
	case m.screen == screenFront:
		t = helpFront
	}
	m.help = newHelpScreen(m.c, t)
	m.count = ""
}

// helpKey gives a key to the help: it scrolls, closes, or closes and
// passes the key on to the screen under it.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.takeCount(msg) {
		return nil
	}
	closed, passOn := m.help.key(msg, m.countValue())
	m.count = ""
	if !closed {
		return nil
	}
	m.help = nil
	if !passOn {
		return nil
	}
	_, cmd := m.Update(msg)
	return cmd
}

// takeCount takes a digit typed before a move (5j) on the screens that
// move by lines, and reports whether it did.
func (m *Model) takeCount(msg tea.KeyPressMsg) bool {
	if len(msg.Text) != 1 || msg.Text[0] < '0' || msg.Text[0] > '9' || (msg.Text == "0" && m.count == "") {
		return false
	}
	if m.help == nil && m.screen != screenArticle && m.screen != screenFront {
		return false // the shelf takes digits as a date
	}
	if m.help == nil && m.screen == screenArticle && m.article != nil && m.article.find.editing {
		return false // typed into the query
	}
	if len(m.count) < 6 {
		m.count += msg.Text
	}
	m.status = m.count
	return true
}

// countValue is the count typed before this key, 1 when none.
func (m *Model) countValue() int {
	n := 0
	for _, c := range m.count {
		n = n*10 + int(c-'0')
	}
	return max(n, 1)
}

// searchKey gives a key to the library search screen, and acts on what it
// asks: close, or open a result.
func (m *Model) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, open := m.search.update(msg)
	if m.search.closed {
		m.search.closed = false
		m.lastSearch = m.search
		m.search = nil
		if m.searchFrom == screenShelf && m.shelf != nil {
			m.screen = screenShelf
			return tea.Batch(cmd, m.shelf.countCmd())
		}
		return cmd
	}
	if open == nil {
		return cmd
	}
	// The search stays, results and all, to come back to.
	m.searchBack, m.lastSearch = m.search, m.search
	m.search = nil
	if open.Path == m.issuePath && m.issue != nil {
		m.pendingOpen = open
		return tea.Batch(cmd, m.savePosition(), m.openPending())
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
	return tea.Batch(cmd, m.savePosition(), m.loadIssue(idx, open.Path))
}

// openPending opens the search result waiting for the issue just shown,
// at its match, with the query kept for n and N.
func (m *Model) openPending() tea.Cmd {
	o := m.pendingOpen
	m.pendingOpen = nil
	if o == nil || o.Article < 0 || o.Article >= len(m.issue.Articles) {
		return nil
	}
	cmd := m.openArticle(o.Article, o.Match.Place)
	m.article.find.setQuery(o.Query, &m.issue.Articles[o.Article], o.Match.Place)
	m.article.showMatch()
	return cmd
}

// searchFiles is what a library search searches: the library's files
// newest first, or the one file being read.
func (m *Model) searchFiles() []search.File {
	var files []search.File
	switch {
	case m.lib != nil:
		if m.lib.Len() > 0 {
			files = searchFilesOf(m.lib)
		}
	case m.issuePath != "":
		files = []search.File{{Path: m.issuePath}}
	}
	return files
}

// openSearch brings up the library search: the last one again, results
// and all, when it searched the same files; else a new one, with the last
// query typed in and searched again.
func (m *Model) openSearch() tea.Cmd {
	files := m.searchFiles()
	if files == nil {
		m.status = "search: the sample has no file to search; / in an article finds in it"
		return nil
	}
	m.searchFrom = m.screen
	m.searchBack = nil
	if l := m.lastSearch; l != nil && sameFiles(l.files, files) {
		m.search = l
		return l.resume()
	}
	enc := m.opt.Encoding
	m.search = newArchiveSearch(files, search.Options{Parse: func(data []byte, path string) (*issues.Issue, error) {
		return issues.Parse(data, path, issues.LoadOptions{Encoding: enc})
	}, NoPrefilter: enc != ""}, m.c.widths) // a forced encoding: the raw-byte tests do not apply
	if m.opt.SearchIndex != nil && enc == "" && m.lib != nil && len(files) >= search.MinIndexedFiles {
		m.search.openIndex = m.opt.SearchIndex
	}
	if l := m.lastSearch; l != nil && len(l.query) > 0 {
		m.search.query = append([]rune(nil), l.query...)
		return m.search.start()
	}
	return nil
}

func sameFiles(a, b []search.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path || !a[i].Date.Equal(b[i].Date) || a[i].Size != b[i].Size || !a[i].ModTime.Equal(b[i].ModTime) || !slices.Equal(a[i].Parts, b[i].Parts) {
			return false
		}
	}
	return true
}

// wheelLines is how far one notch of the mouse wheel scrolls.
const wheelLines = 3

func (m *Model) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	d := wheelLines
	switch msg.Button {
	case tea.MouseWheelDown:
	case tea.MouseWheelUp:
		d = -d
	default:
		return nil
	}
	switch {
	case m.help != nil:
		m.help.scroll(d)
	case m.prompt != nil:
	case m.search != nil:
		m.search.move(d / wheelLines)
	case m.marks != nil:
		m.marks.sel = min(max(m.marks.sel+d/wheelLines, 0), max(len(m.marks.shown)-1, 0))
	case m.screen == screenArticle:
		m.article.scroll(d)
	case m.screen == screenFront:
		m.front.move(d / wheelLines)
	case m.screen == screenShelf:
		m.shelf.move(d)
		return m.shelf.countCmd()
	}
	return nil
}

// click opens the row clicked: an issue on the shelf, an article on the
// front page, a result of the search, a bookmark.
func (m *Model) click(msg tea.MouseClickMsg) tea.Cmd {
	if msg.Button != tea.MouseLeft || m.help != nil || m.prompt != nil {
		return nil
	}
	switch {
	case m.search != nil:
		if i, ok := m.search.resultAt(msg.Y, m.c.height); ok {
			m.search.sel = i
			return m.searchKey(keyPress(tea.KeyEnter))
		}
	case m.marks != nil:
		if i, ok := m.marks.itemAt(msg.Y); ok {
			m.marks.sel = i
			return m.marksKey(keyPress(tea.KeyEnter))
		}
	case m.screen == screenShelf && m.shelf != nil:
		if i, ok := m.shelf.entryAt(msg.Y); ok {
			m.shelf.selectIndex(i)
			return m.key(keyPress(tea.KeyEnter))
		}
	case m.screen == screenFront && m.front != nil:
		if i, ok := m.front.articleAt(msg.X, msg.Y); ok {
			m.front.selected = i
			return m.openArticle(i, issues.Place{})
		}
	}
	return nil
}

func keyPress(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code} }

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	m.status = ""
	if m.takeCount(msg) {
		return nil
	}
	count := m.countValue()
	m.count = ""
	if m.screen == screenArticle && m.article != nil {
		handled, said := m.article.findKey(msg)
		if said != "" {
			m.status = said
		}
		if handled {
			return nil
		}
	}
	// The list of unreadable files takes every key while it is up.
	if m.screen == screenShelf && m.shelf != nil && m.shelf.errorsShown {
		m.shelf.errorsKey(msg)
		if !m.shelf.errorsShown {
			return m.shelf.countCmd()
		}
		return nil
	}
	// The shelf takes digits and '-' first: typing a date jumps to it.
	if m.screen == screenShelf && m.shelf != nil {
		if cmd, ok := m.shelf.typeDate(msg); ok {
			m.status = m.shelf.dateStatus()
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.Help):
		m.openHelp()
		return nil
	case key.Matches(msg, k.Back):
		return m.back(true)
	case key.Matches(msg, k.Cancel):
		return m.back(false)
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
		if key.Matches(msg, k.Errors) && m.shelf.unreadable() > 0 {
			m.shelf.errorsShown, m.shelf.errOffset = true, 0
			return nil
		}
		m.shelf.key(msg)
		return m.shelf.countCmd()
	case screenFront:
		switch {
		case key.Matches(msg, k.Open, k.NextArticle):
			return m.openArticle(m.front.selected, issues.Place{})
		default:
			m.front.key(msg, count)
		}
	case screenArticle:
		switch {
		case key.Matches(msg, k.PrevArticle):
			if m.article.index > 0 {
				return tea.Batch(m.savePosition(), m.openArticle(m.article.index-1, issues.Place{}))
			} else {
				m.status = "first article"
			}
		case key.Matches(msg, k.NextArticle, k.Open):
			if m.article.index+1 < len(m.issue.Articles) {
				return tea.Batch(m.savePosition(), m.openArticle(m.article.index+1, issues.Place{}))
			} else {
				m.status = "last article"
			}
		default:
			m.status = m.article.key(msg, count)
			var cmds []tea.Cmd
			// Columns and justification chosen here are the issue's.
			if m.article.columns != m.columns || m.article.ragged != m.ragged {
				m.columns, m.ragged = m.article.columns, m.article.ragged
				cmds = append(cmds, m.saveLayout())
			}
			if v := m.article.vert != nil; v != m.vertical {
				m.vertical = v // and the orientation, kept for the issue
				cmds = append(cmds, m.saveVertical())
			}
			return tea.Batch(cmds...)
		}
	}
	return nil
}

// atTop reports whether the reader is on its first screen, where q quits.
func (m *Model) atTop() bool {
	return m.screen == screenShelf || (m.screen == screenFront && m.shelf == nil) || m.screen == screenLoading
}

// back goes up one screen: from an article opened from the library search
// to its results, from an article to its front page, from a front page to
// the shelf. At the top q quits; esc never does.
func (m *Model) back(quit bool) tea.Cmd {
	switch m.screen {
	case screenArticle:
		save := m.savePosition()
		m.screen = screenFront
		m.article = nil
		if m.searchBack != nil {
			m.search, m.searchBack = m.searchBack, nil
			return tea.Batch(save, m.search.resume())
		}
		return save
	case screenFront:
		if m.shelf != nil {
			save := m.savePosition()
			m.screen = screenShelf
			return tea.Batch(save, m.shelf.countCmd())
		}
	}
	if quit {
		return m.quit()
	}
	m.status = "q quits"
	return nil
}

// quit saves the reading position, then quits.
func (m *Model) quit() tea.Cmd {
	if m.stopListing != nil {
		m.stopListing()
		m.stopListing = nil
	}
	for _, s := range []*archiveSearch{m.search, m.searchBack, m.lastSearch} {
		if s != nil {
			s.stop() // bao serve goes on: leave no search running
		}
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
	next := m.c.widths.Ambiguous().Policy().Other()
	if m.opt.CanRestart {
		m.restart = m.resumeHere()
		return m.quit()
	}
	m.opt.Ambiguous = next
	m.c.widths = layout.NewWidths(layout.AmbiguousFor(next)).WithGraphemes(m.c.widths.Graphemes())
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
		r.Position = issues.Position{Article: m.article.index, Place: m.article.topPosition()}
	}
	r.Vertical = m.vertical
	return r
}

func (m *Model) View() tea.View {
	var body string
	var cursor *tea.Cursor
	hint := "? help  q back"
	if m.atTop() {
		hint = "? help  q quit"
	}
	switch {
	case m.help != nil:
		body = m.help.view(m.statusLine(statusParts{"help", m.help.position()}, m.help.hint()))
	case m.search != nil:
		body, cursor = m.search.view(m.c.width, m.c.height)
	case m.marks != nil:
		status := m.statusLine(m.marks.statusLeft(), "enter open  / filter  ? help")
		switch {
		case m.prompt != nil:
			status, cursor = m.inputLine(m.prompt.prompt, string(m.prompt.text), "")
		case m.marks.filter != nil:
			status, cursor = m.inputLine(m.marks.filter.prompt, string(m.marks.filter.text), "")
		}
		body = m.marks.view(status)
	case m.screen == screenShelf:
		status := m.statusLine(m.shelf.statusLeft(), hint)
		if m.shelf.errorsShown {
			status = m.statusLine(statusParts{"unreadable files", strconv.Itoa(m.shelf.unreadable())}, "E/esc close")
		}
		if m.shelf.typed != "" {
			status, cursor = m.inputLine("go to date: ", m.shelf.typed, m.status)
		}
		body = m.shelf.view(status)
	case m.screen == screenFront:
		body = m.front.view(m.statusLine(m.front.statusLeft(), hint))
	case m.screen == screenArticle:
		status := m.statusLine(m.article.statusLeft(), hint)
		switch {
		case m.prompt != nil:
			status, cursor = m.inputLine(m.prompt.prompt, string(m.prompt.text), "")
		case m.article.find.editing:
			status, cursor = m.inputLine("/", string(m.article.find.query), m.article.find.counter())
		}
		body = m.article.view(status)
	default:
		body = m.loadingView()
	}
	v := tea.NewView(body)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.Cursor = cursor // the terminal's own, where the reader types: an input method shows its candidates there
	return v
}

func (m *Model) loadingView() string {
	what := strings.Join(m.opt.Paths, " ")
	lines := make([]string, m.c.height)
	if what == "" {
		what = "the sample issue"
	}
	line := "bao: opening " + what + " …"
	if m.listed > 0 {
		line += " " + plural(m.listed, "issue", "issues") + " found"
	}
	lines[0] = m.c.widths.Truncate(issues.Sanitize(line), m.c.width, "…")
	return strings.Join(lines, "\n")
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
