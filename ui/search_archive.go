package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bao/reader/layout"
	"bao/reader/search"
)

// archiveSearch is the screen that searches the whole library (`/` on the
// shelf or front page, `S` anywhere): type a query, results stream in while
// the archive is searched, newest issues first, with progress; each new
// keystroke cancels the search under way and starts another. Results are
// ranked (headline matches, then number of matches, then newest) as they
// arrive. enter opens the selected article at its first match.
//
// Wiring (the root model owns it):
//
//	s := newArchiveSearch(searchFilesOf(lib), opt, widths)
//	s.openIndex = Options.SearchIndex     // for a library: each search opens the index
//	in Update: cmd, open := s.update(msg)  // every msg while the screen is up,
//	                                       // and searchBatchMsg always
//	open != nil: close the screen, open open.Path at open.Article, goTo
//	             open.Match.Pos() and set the article's findBar to open.Query
//	esc (s.update returns closed): back to the previous screen; s.stop()
//	in View: s.view(width, height)
type archiveSearch struct {
	files []search.File
	opt   search.Options
	// openIndex, when set, opens the search index for each search.
	openIndex func() (*search.Index, error)
	// running holds one token while a search goroutine runs, so that a new
	// search waits for the cancelled one to stop (the index is used by one
	// search at a time).
	running chan struct{}

	query  []rune
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
}

// searchBatchMsg carries results of search gen found since the last batch.
type searchBatchMsg struct {
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
	Article int          // index in the articles
	Match   search.Match // the first match; Match.Pos() for the layout
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

// update handles a message; it returns the command to run and, on enter,
// the result to open.
func (s *archiveSearch) update(msg tea.Msg) (tea.Cmd, *searchOpen) {
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
		s.query = append(s.query, []rune(strings.ReplaceAll(msg.Content, "\n", " "))...)
		return s.start(), nil
	case tea.KeyPressMsg:
		switch msg.String() {
		case "esc":
			s.stop()
			s.closed = true
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
		case "backspace":
			if len(s.query) > 0 {
				s.query = s.query[:len(s.query)-1]
				return s.start(), nil
			}
			return nil, nil
		}
		if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
			s.query = append(s.query, []rune(msg.Text)...)
			return s.start(), nil
		}
	}
	return nil, nil
}

func (s *archiveSearch) move(d int) {
	s.sel = min(max(s.sel+d, 0), max(len(s.results)-1, 0))
}

// add merges a batch, keeping the ranking and the selected result.
func (s *archiveSearch) add(b searchBatchMsg) {
	var selected *search.Result
	if s.sel < len(s.results) && s.sel > 0 {
		r := s.results[s.sel]
		selected = &r
	}
	s.results = append(s.results, b.results...)
	search.Sort(s.results)
	if selected != nil {
		for i := range s.results {
			if s.results[i].Source == selected.Source && s.results[i].Article == selected.Article {
				s.sel = i
				break
			}
		}
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
	ch := make(chan searchBatchMsg, 4)
	s.batch = ch
	gen, files, opt, running, openIndex := s.gen, s.files, s.opt, s.running, s.openIndex
	return func() tea.Msg {
		go streamSearch(ctx, gen, files, m, opt, openIndex, running, ch)
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
func streamSearch(ctx context.Context, gen int, files []search.File, m *search.Matcher, opt search.Options,
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
		b := searchBatchMsg{gen: gen, results: pending, done: done, total: len(files), final: final, err: err, elapsed: time.Since(start)}
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
		return fmt.Sprintf("type to search %d issues", len(s.files))
	case !s.finished:
		return fmt.Sprintf("searching %d/%d issues · %s", s.done, s.total, articles)
	default:
		return fmt.Sprintf("%s in %d issues (%.2fs)", articles, s.total, s.elapsed.Seconds())
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

// view draws the query line, the results (two lines each: date, headline
// and number of matches; the snippet with the match highlighted) and the
// progress line, in width × height cells.
func (s *archiveSearch) view(width, height int) string {
	w := s.widths
	lines := []string{w.Truncate("search: "+string(s.query)+"▏", width, "…")}
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
		head := w.Truncate(searchSanitize(r.Headline), max(width-2-len(date)-2-len(count), 1), "…")
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

// snippetLine is the excerpt around the result's first body match (else
// its headline match), cut to width cells around the match, which is
// highlighted.
func (s *archiveSearch) snippetLine(r search.Result, width int) string {
	i := 0
	for j, m := range r.Matches {
		if m.Block != search.HeadlineBlock {
			i = j
			break
		}
	}
	sn := r.Snippets[i]
	rs := []rune(searchSanitize(sn.Text))
	lo, hi := sn.Offset, min(sn.Offset+sn.Length, len(rs))
	if lo > len(rs) {
		lo = len(rs)
	}
	w := s.widths
	// Keep the match in view: drop context before it while too wide.
	before, match, after := string(rs[:lo]), string(rs[lo:hi]), string(rs[hi:])
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

// searchSanitize keeps control characters from an issue file off the screen.
func searchSanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7F || (r >= 0x80 && r < 0xA0) {
			return ' '
		}
		return r
	}, s)
}
