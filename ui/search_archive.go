package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/issues"
	"bao/reader/layout"
	"bao/reader/search"
)

// archiveSearch is the screen that searches the whole library (`/` on the
// shelf or front page, `S` anywhere): type a query, results stream in while
// the archive is searched, with progress; each new keystroke cancels the
// search under way and starts another. Results are listed newest first as
// they arrive; once the reader has moved the selection, a result arriving
// above it never moves the selected one on the screen. enter opens the
// selected article at its first match; tab moves to the list (j/k, g/G,
// ? for help) and back to the query.
//
// Wiring (the root model owns it):
//
//	s := newArchiveSearch(searchFilesOf(lib), opt, widths)
//	s.openIndex = Options.SearchIndex     // for a library: each search opens the index
//	in Update: cmd, open := s.handle(msg)  // every msg while the screen is up,
//	                                       // and searchBatchMsg always
//	open != nil: close the screen, open open.Path at open.Article, goTo
//	             open.Match.Place and set the article's findBar to open.Query
//	esc (s.update returns closed): back to the previous screen; s.stop()
//	in View: s.render(width, height)
type archiveSearch struct {
	files []search.File
	opt   search.Options
	// openIndex, when set, opens the search index for each search.
	openIndex func() (*search.Index, error)
	// running holds one token while a search goroutine runs, so that a new
	// search waits for the cancelled one to stop (the index is used by one
	// search at a time).
	running chan struct{}

	// query is the text of field, the query line (see sync).
	query  []rune
	field  textField
	gen    int // which search the results belong to
	cancel context.CancelFunc
	batch  chan searchBatchMsg
	err    string

	results     []search.Result
	done, total int
	finished    bool
	elapsed     time.Duration
	sel, top    int
	closed      bool
	widths      layout.Widths
	// moved says the reader moved the selection: from then on it stays on
	// the same result, at the same row, while results stream in.
	moved bool
	// listFocus: keys move in the list instead of typing (tab).
	listFocus bool
	// c is the root's size and keys, once the root shows the screen.
	c *common
}

// searchBatchMsg carries results of search gen found since the last batch.
type searchBatchMsg struct {
	owner       *archiveSearch // the search it is for (one may run hidden, to come back to)
	gen         int
	results     []search.Result
	done, total int
	final       bool
	err         error
	elapsed     time.Duration
}

// searchOpen is what enter on a result asks the root model to open.
type searchOpen struct {
	Path    string
	Article int          // index in the issue's articles
	Match   search.Match // the first match; Match.Place to open the article at
	Query   string       // to set the article's findBar, so n/N go on
}

// searchFilesOf lists the shelf's library for an archive search, in the
// shelf's order (newest first), so the first results are recent.
func searchFilesOf(lib Library) []search.File {
	files := make([]search.File, lib.Len())
	for i := range files {
		e := lib.Entry(i)
		files[i] = search.File{Path: e.Path, Date: e.Date, Size: e.Size, ModTime: e.ModTime, Parts: e.Parts}
	}
	return files
}

// batchEvery is how often found results are handed to the screen.
const batchEvery = 30 * time.Millisecond

func newArchiveSearch(files []search.File, opt search.Options, widths layout.Widths) *archiveSearch {
	return &archiveSearch{files: files, opt: opt, running: make(chan struct{}, 1), widths: widths}
}

// stop cancels the search under way.
func (s *archiveSearch) stop() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// update is the search's part of Update while it is the screen on top:
// keys and paste to the query or the list, the wheel, a click on a result.
func (s *archiveSearch) update(msg tea.Msg, _ int) (tea.Cmd, request) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		if d, ok := wheelDelta(msg); ok {
			s.move(d / wheelLines)
		}
		return nil, nil
	case tea.MouseClickMsg:
		i, ok := s.resultAt(msg.Y, s.c.height)
		if !ok || msg.Button != tea.MouseLeft {
			return nil, nil
		}
		s.sel = i
		return s.update(keyPress(tea.KeyEnter), 1)
	}
	cmd, open := s.handle(msg)
	switch {
	case s.closed:
		return cmd, closeScreen{}
	case open != nil:
		return cmd, openResult{open}
	}
	return cmd, nil
}

// view draws the whole window: the search has no status line.
func (s *archiveSearch) view(string) (string, *tea.Cursor) { return s.render(s.c.width, s.c.height) }

func (s *archiveSearch) statusLeft() statusParts  { return statusParts{} }
func (s *archiveSearch) input() (inputView, bool) { return inputView{}, false }
func (s *archiveSearch) topic() helpTopic         { return helpSearch }

// typing: ? opens the help only while the list has the focus or nothing
// is typed yet.
func (s *archiveSearch) typing() bool { return !s.listFocus && len(s.query) > 0 }

// handle handles a message; it returns the command to run and, on enter,
// the result to open.
func (s *archiveSearch) handle(msg tea.Msg) (tea.Cmd, *searchOpen) {
	switch msg := msg.(type) {
	case searchBatchMsg:
		if msg.gen != s.gen {
			return nil, nil // from a search a keystroke replaced
		}
		s.add(msg)
		if msg.final {
			return nil, nil
		}
		return waitBatch(s.batch), nil
	case tea.PasteMsg:
		s.sync()
		if !s.field.insert(msg.Content) {
			return nil, nil
		}
		s.query = s.field.runes()
		return s.start(), nil
	case tea.KeyPressMsg:
		if s.listFocus {
			if cmd, open, ok := s.listKey(msg); ok {
				return cmd, open
			}
		}
		switch msg.String() {
		case "esc":
			s.stop()
			s.closed = true
			return nil, nil
		case "tab":
			s.listFocus = len(s.results) > 0
			return nil, nil
		case "enter":
			if s.sel < len(s.results) {
				r := s.results[s.sel]
				return nil, &searchOpen{Path: r.Source, Article: r.Article, Match: r.Matches[0], Query: string(s.query)}
			}
			return nil, nil
		case "down", "ctrl+n":
			s.move(1)
			return nil, nil
		case "up", "ctrl+p":
			s.move(-1)
			return nil, nil
		case "pgdown":
			s.move(10)
			return nil, nil
		case "pgup":
			s.move(-10)
			return nil, nil
		}
		s.sync()
		if _, changed := s.field.key(msg); changed {
			s.query = s.field.runes()
			return s.start(), nil
		}
	}
	return nil, nil
}

// sync makes the query line hold the query, when it was set from outside
// (the last search's query brought back).
func (s *archiveSearch) sync() {
	if !s.field.ti.Focused() || !s.field.holds(s.query) {
		s.field = newTextField("search: ", string(s.query))
	}
}

// listKey handles a key while the list has the focus; ok is false for
// keys the query line handles the same way (esc, enter, arrows).
func (s *archiveSearch) listKey(msg tea.KeyPressMsg) (tea.Cmd, *searchOpen, bool) {
	switch msg.String() {
	case "j":
		s.move(1)
	case "k":
		s.move(-1)
	case "g", "home":
		s.move(-len(s.results))
	case "G", "end":
		s.move(len(s.results))
	case "space", "f", "ctrl+f", "ctrl+d":
		s.move(10)
	case "b", "ctrl+b", "ctrl+u":
		s.move(-10)
	case "q":
		s.stop()
		s.closed = true
	case "/", "tab":
		s.listFocus = false
	default:
		return nil, nil, false
	}
	return nil, nil, true
}

func (s *archiveSearch) move(d int) {
	s.sel = min(max(s.sel+d, 0), max(len(s.results)-1, 0))
	s.moved = s.moved || d != 0
}

// newestFirst is the order of the result list: newest issue first
// (undated last), then by file and article.
func newestFirst(a, b search.Result) int {
	if a.Date != b.Date {
		switch {
		case a.Date == "":
			return 1
		case b.Date == "":
			return -1
		}
		return -strings.Compare(a.Date, b.Date)
	}
	return cmp.Or(strings.Compare(a.Source, b.Source), cmp.Compare(a.Article, b.Article))
}

// add merges a batch in the list's order. Once the reader has moved the
// selection, the selected result stays selected and on the same row.
func (s *archiveSearch) add(b searchBatchMsg) {
	row := s.sel - s.top
	for _, r := range b.results {
		i, _ := slices.BinarySearchFunc(s.results, r, newestFirst)
		s.results = slices.Insert(s.results, i, r)
		if s.moved && i <= s.sel && len(s.results) > 1 {
			s.sel++
		}
	}
	if s.moved {
		s.top = max(s.sel-row, 0)
	}
	s.done, s.total, s.finished, s.elapsed = b.done, b.total, b.final, b.elapsed
	if b.err != nil && b.err != context.Canceled {
		s.err = searchFirstLine(b.err.Error())
	}
}

func searchFirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// start cancels the search under way and returns the command that starts
// one for the current query.
func (s *archiveSearch) start() tea.Cmd {
	s.stop()
	s.gen++
	s.results, s.sel, s.top, s.done, s.finished, s.err = nil, 0, 0, 0, false, ""
	m, err := search.Compile(string(s.query))
	if err != nil {
		s.batch = nil
		if len(strings.TrimSpace(string(s.query))) > 0 {
			s.err = err.Error()
		}
		s.finished = true
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.moved = false
	ch := make(chan searchBatchMsg, 4)
	s.batch = ch
	gen, files, opt, running, openIndex := s.gen, s.files, s.opt, s.running, s.openIndex
	return func() tea.Msg {
		go streamSearch(ctx, s, gen, files, m, opt, openIndex, running, ch)
		if msg, ok := <-ch; ok {
			return msg
		}
		return nil
	}
}

// waitBatch waits for the next batch of a running search.
func waitBatch(ch chan searchBatchMsg) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		if msg, ok := <-ch; ok {
			return msg
		}
		return nil // the search was cancelled
	}
}

// streamSearch searches the files and sends what it finds in batches, at
// most every batchEvery, the first result at once; the last batch is final.
// Once ctx is cancelled nobody reads ch any more: it sends nothing then, and
// closes ch so that a command still waiting on it ends.
func streamSearch(ctx context.Context, owner *archiveSearch, gen int, files []search.File, m *search.Matcher, opt search.Options,
	openIndex func() (*search.Index, error), running chan struct{}, ch chan<- searchBatchMsg) {
	defer close(ch)
	select {
	case running <- struct{}{}:
	case <-ctx.Done():
		return
	}
	defer func() { <-running }()
	var indexErr error
	if openIndex != nil {
		// Without the index the search is only slower: it goes on, and
		// says why at the end.
		ix, err := openIndex()
		if err == nil {
			opt.Index = ix
			defer ix.Close()
		} else {
			indexErr = fmt.Errorf("search index not used: %w", err)
		}
	}
	start := time.Now()
	var pending []search.Result
	var last time.Time
	done := 0
	flush := func(final bool, err error) {
		b := searchBatchMsg{owner: owner, gen: gen, results: pending, done: done, total: len(files), final: final, err: err, elapsed: time.Since(start)}
		pending = nil
		last = time.Now()
		select {
		case ch <- b:
		case <-ctx.Done():
		}
	}
	last = start
	shown := false
	opt.Progress = func(d, total int) {
		done = d
		if time.Since(last) >= batchEvery {
			flush(false, nil) // results, or progress alone
		}
	}
	err := search.SearchFiles(ctx, files, m, opt, func(r search.Result) {
		pending = append(pending, r)
		if !shown {
			shown = true
			flush(false, nil) // the first result shows at once
		}
	})
	flush(true, errors.Join(indexErr, err))
}

// status is the progress line: "searching 1,200/3,650 issues · 17 articles".
func (s *archiveSearch) status() string {
	n := len(s.results)
	articles := fmt.Sprintf("%d articles", n)
	if n == 1 {
		articles = "1 article"
	}
	switch {
	case s.err != "":
		return s.err
	case len(s.query) == 0:
		return "type to search " + plural(len(s.files), "issue", "issues") + " (? for help)"
	case len(s.files) == 0:
		return "no issues to search"
	case !s.finished:
		return fmt.Sprintf("searching %d/%s · %s", s.done, plural(s.total, "issue", "issues"), articles)
	case n == 0:
		return fmt.Sprintf("no match in %s (%.2fs)", plural(s.total, "issue", "issues"), s.elapsed.Seconds())
	default:
		return fmt.Sprintf("%s in %s (%.2fs)", articles, plural(s.total, "issue", "issues"), s.elapsed.Seconds())
	}
}

// Styles of the result list; the root model may replace them with its theme.
var (
	searchDateStyle  = lipgloss.NewStyle().Faint(true)
	searchHeadStyle  = lipgloss.NewStyle().Bold(true)
	searchHitStyle   = lipgloss.NewStyle().Reverse(true)
	searchSelStyle   = lipgloss.NewStyle().Bold(true)
	searchPlainStyle = lipgloss.NewStyle()
)

// resume continues a search brought back (S, or back from a result): one
// stopped before it finished starts again.
func (s *archiveSearch) resume() tea.Cmd {
	s.closed = false
	if !s.finished && s.cancel == nil && len(s.query) > 0 {
		return s.start()
	}
	return nil
}

// resultAt is the result drawn on screen row y (a click), if any.
func (s *archiveSearch) resultAt(y, height int) (int, bool) {
	rows := max((height-2)/2, 1)
	i := s.top + (y-1)/2
	if y < 1 || y >= height-1 || (y-1)/2 >= rows || i >= len(s.results) {
		return 0, false
	}
	return i, true
}

// view draws the query line, the results (two lines each: date, headline
// and number of matches; the snippet with the match highlighted) and the
// progress line, in width × height cells, and where the terminal's cursor
// goes while the query is typed.
func (s *archiveSearch) render(width, height int) (string, *tea.Cursor) {
	body := s.draw(width, height)
	// Very small windows: keep the search screen inside them.
	lines := strings.Split(body, "\n")
	if len(lines) > height {
		lines = lines[len(lines)-height:]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, width, "")
	}
	var cur *tea.Cursor
	if !s.listFocus && len(lines) == height {
		_, x := s.queryLine(width)
		cur = tea.NewCursor(min(max(x, 0), max(width-1, 0)), 0)
	}
	return strings.Join(lines, "\n"), cur
}

func (s *archiveSearch) draw(width, height int) string {
	w := s.widths
	line, _ := s.queryLine(width)
	lines := []string{line}
	rows := max((height-2)/2, 1)
	if s.sel < s.top {
		s.top = s.sel
	}
	if s.sel >= s.top+rows {
		s.top = s.sel - rows + 1
	}
	for i := s.top; i < len(s.results) && i < s.top+rows; i++ {
		r := s.results[i]
		mark := "  "
		if i == s.sel {
			mark = "> "
		}
		date := r.Date
		if date == "" {
			date = "----------"
		}
		count := fmt.Sprintf(" (%d)", len(r.Matches))
		head := w.Truncate(issues.Sanitize(r.Headline), max(width-2-len(date)-2-len(count), 1), "…")
		hs := searchHeadStyle
		if i == s.sel {
			hs = searchSelStyle.Underline(true)
		}
		if plain := mark + date + "  " + head + count; w.String(plain) > width {
			lines = append(lines, w.Truncate(plain, width, "…")) // too narrow to style
		} else {
			lines = append(lines, mark+searchDateStyle.Render(date)+"  "+hs.Render(head)+count)
		}
		lines = append(lines, "    "+s.snippetLine(r, max(width-4, 1)))
	}
	for len(lines) < height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:max(height-1, 1)], w.Truncate(s.status(), width, "…"))
	return strings.Join(lines, "\n")
}

// queryLine is the query line at the top, and the column of the caret in
// it. The text before the caret scrolls off at the start while the caret
// would be past the window, so the caret stays in view.
func (s *archiveSearch) queryLine(width int) (string, int) {
	w := s.widths
	prompt := "search: "
	if s.listFocus {
		prompt = "search (tab to type): "
	}
	caret := len(s.query)
	if s.field.ti.Focused() && s.field.holds(s.query) {
		caret = s.field.ti.Position()
	}
	before, after := splitAt(string(s.query), caret)
	before, after = issues.Sanitize(before), issues.Sanitize(after)
	for before != "" && w.String(prompt+before) >= width {
		_, size := searchFirstRune(before)
		before = before[size:]
	}
	return w.Truncate(prompt+before+after, width, "…"), w.String(prompt + before)
}

// snippetLine is the excerpt around the result's first body match (else
// its headline match), cut to width cells around the match, which is
// highlighted.
func (s *archiveSearch) snippetLine(r search.Result, width int) string {
	i := 0
	for j, m := range r.Matches {
		if m.Block != issues.BlockHeadline {
			i = j
			break
		}
	}
	sn := r.Snippets[i]
	rs := []rune(sn.Text)
	lo, hi := sn.Offset, min(sn.Offset+sn.Length, len(rs))
	if lo > len(rs) {
		lo = len(rs)
	}
	w := s.widths
	// Cut at the match's rune offsets before sanitizing, which may drop
	// runes. Keep the match in view: drop context before it while too wide.
	before, match, after := issues.Sanitize(string(rs[:lo])), issues.Sanitize(string(rs[lo:hi])), issues.Sanitize(string(rs[hi:]))
	for w.String(before)+w.String(match) > width*2/3 && before != "" {
		_, size := searchFirstRune(before)
		before = before[size:]
	}
	room := max(width-w.String(before)-w.String(match), 0)
	after = w.Truncate(after, room, "…")
	if w.String(match) > width {
		match = w.Truncate(match, width, "…")
		before, after = "", ""
	}
	return searchPlainStyle.Render(before) + searchHitStyle.Render(match) + searchPlainStyle.Render(after)
}

func searchFirstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}
