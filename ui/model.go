package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/internal/ambiguous"
	"bao/issues"
	"bao/issues/pdf"
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

// screenID is which of the base screens is shown under any overlay.
type screenID int

const (
	screenLoading screenID = iota
	screenShelf
	screenFront
	screenArticle
)

func (s screenID) String() string {
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
	screen screenID
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

	// pdfNoted says the reader was told the PDF engine compiles (once);
	// loadingNote is that note for the loading line.
	pdfNoted    bool
	loadingNote string

	// search is the library search screen while it is up (`S`, or `/` on
	// the shelf and front page); pendingOpen a result waiting for its issue.
	search      *archiveSearch
	pendingOpen *searchOpen
	// searchBack is the search an article was opened from: back (q, esc)
	// returns to its results. lastSearch is the last search, which S
	// brings back; searchFrom the screen the search was opened on.
	searchBack *archiveSearch
	lastSearch *archiveSearch
	searchFrom screenID

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
		m.loadingNote = m.pdfNote(m.opt.Paths[0], nil)
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

// pdfNote is what "opening …" adds the first time a PDF is opened while
// the PDF engine's compilation cache is empty: the compile takes seconds,
// and the reader should know what the wait is for. "" otherwise.
func (m *Model) pdfNote(path string, parts []string) string {
	if m.pdfNoted || (!issues.IsPDFName(path) && len(parts) == 0) || pdf.CompileCached("") {
		return ""
	}
	m.pdfNoted = true
	return " (compiling the PDF engine: once, a few seconds)"
}

// sayWarnings puts the issue's warnings (a PDF page without text, a page
// file that could not be read) on the status line, after what it says
// already: the first one and how many more. The next key clears it.
func (m *Model) sayWarnings(is *issues.Issue) {
	if is == nil || len(is.Warnings) == 0 {
		return
	}
	w := "warning: " + is.Warnings[0]
	if n := len(is.Warnings) - 1; n > 0 {
		w = plural(len(is.Warnings), "warning", "warnings") + ": " + is.Warnings[0] + fmt.Sprintf(" (and %d more)", n)
	}
	if m.status != "" {
		w = m.status + " · " + w
	}
	m.status = w
}

// showIssue shows an issue's front page, or reopens it where a restart
// or the kept reading state says.
func (m *Model) showIssue(is *issues.Issue, idx int, path string, ref bookmarks.IssueRef) tea.Cmd {
	defer m.sayWarnings(is)
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
			cmd, _ := msg.owner.handle(msg)
			return m, cmd
		}
		return m, nil
	case tea.PasteMsg:
		if m.prompt != nil && m.help == nil {
			m.prompt.insert(msg.Content)
			return m, nil
		}
		return m, m.route(msg, 1)
	case tea.MouseWheelMsg:
		if m.prompt != nil && m.help == nil {
			return m, nil
		}
		return m, m.route(msg, 1)
	case tea.MouseClickMsg:
		if m.prompt != nil {
			return m, nil
		}
		return m, m.route(msg, 1)
	case tea.KeyPressMsg:
		k := m.c.keys
		switch {
		case key.Matches(msg, k.Quit):
			return m, m.quit()
		case m.help != nil:
			return m, m.helpKey(msg)
		case msg.String() == "f1" || (key.Matches(msg, k.Help) && m.prompt == nil && !m.top().typing()):
			m.openHelp()
			return m, nil
		case m.prompt != nil:
			return m, m.promptKey(msg)
		case m.search != nil, m.marks != nil:
			return m, m.route(msg, 1)
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

// openHelp brings up the help of what is on screen.
func (m *Model) openHelp() {
	m.help = newHelpScreen(m.c, m.top().topic())
	m.count = ""
}

// helpKey gives a key to the help, with the count typed before it.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.takeCount(msg) {
		return nil
	}
	count := m.countValue()
	m.count = ""
	return m.route(msg, count)
}

// closeOverlay closes the overlay s: the help (then passOn, a key that
// was not the help's, goes to the screen under it), the library search
// (back to the screen it was opened on), the bookmarks list.
func (m *Model) closeOverlay(s screen, passOn tea.Msg) tea.Cmd {
	switch s.(type) {
	case *helpScreen:
		m.help = nil
		if passOn != nil {
			_, cmd := m.Update(passOn)
			return cmd
		}
	case *archiveSearch:
		m.search.closed = false
		m.lastSearch = m.search
		m.search = nil
		if m.searchFrom == screenShelf && m.shelf != nil {
			m.screen = screenShelf
			return m.shelf.countCmd()
		}
	case *markList:
		m.marks = nil
	}
	return nil
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

func keyPress(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code} }

// key gives a key to the shelf, front page or article, with the count
// typed before it; the keys that are not the screen's are the root's.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	m.status = ""
	if m.takeCount(msg) {
		return nil
	}
	count := m.countValue()
	m.count = ""
	cmd := m.route(msg, count)
	if m.screen == screenArticle && m.article != nil {
		cmd = tea.Batch(cmd, m.keepArticleLayout())
	}
	return cmd
}

// keepArticleLayout keeps what the article's keys chose (columns,
// justification, orientation) as the issue's.
func (m *Model) keepArticleLayout() tea.Cmd {
	var cmds []tea.Cmd
	if m.article.columns != m.columns || m.article.ragged != m.ragged {
		m.columns, m.ragged = m.article.columns, m.article.ragged
		cmds = append(cmds, m.saveLayout())
	}
	if v := m.article.vert != nil; v != m.vertical {
		m.vertical = v
		cmds = append(cmds, m.saveVertical())
	}
	return tea.Batch(cmds...)
}

// rootKey is the keys of every screen: help, back, the searches,
// bookmarks, the neighbouring issues and the ambiguous width.
func (m *Model) rootKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Help):
		m.openHelp()
	case key.Matches(msg, k.Back):
		return m.back(true)
	case key.Matches(msg, k.Cancel):
		return m.back(false)
	case key.Matches(msg, k.Search, k.SearchAll):
		return m.openSearch()
	case key.Matches(msg, k.NextMatch, k.PrevMatch):
		m.status = "no search: / to find"
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
	return nil
}

// turnArticle opens the article d after the one being read.
func (m *Model) turnArticle(d int) tea.Cmd {
	switch i := m.article.index + d; {
	case i < 0:
		m.status = "first article"
	case i >= len(m.issue.Articles):
		m.status = "last article"
	default:
		return tea.Batch(m.savePosition(), m.openArticle(i, issues.Place{}))
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
	if e := m.lib.Entry(j); len(e.Parts) > 0 || issues.IsPDFName(e.Path) {
		if note := m.pdfNote(e.Path, e.Parts); note != "" {
			m.status = "opening " + e.Path + note
		}
	}
	return tea.Batch(m.savePosition(), m.loadIssue(j, ""))
}

func (m *Model) View() tea.View {
	s := m.top()
	parts := s.statusLeft()
	hint := parts.hint
	if hint == "" {
		hint = "? help  q back"
		if m.atTop() {
			hint = "? help  q quit"
		}
	}
	in, typing := s.input()
	if p := m.prompt; p != nil && m.help == nil {
		in, typing = p.view(""), true
	}
	var status string
	var cursor *tea.Cursor
	if typing {
		status, cursor = m.inputLine(in)
	} else {
		status = m.statusLine(parts, hint)
	}
	body, c := s.view(status)
	if c != nil {
		cursor = c
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
	line := "bao: opening " + what + m.loadingNote + " …"
	if m.listed > 0 {
		line += " " + plural(m.listed, "issue", "issues") + " found"
	}
	lines[0] = m.c.widths.Truncate(issues.Sanitize(line), m.c.width, "…")
	return strings.Join(lines, "\n")
}
