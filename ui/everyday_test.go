package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/internal/testfiles"
	"bao/issues"
	"bao/reader/bookmarks"
	"bao/reader/layout"
	"bao/reader/search"
)

// The reader as people use it every day: each test is one thing a reader
// tries within minutes. Fixtures are invented.

func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// foregrounds are the SGR foreground colour codes in s: 30–37, 90–97 and
// 38;… (what reads on one background only).
func foregrounds(s string) []string {
	var out []string
	for _, seq := range strings.Split(s, "\x1b[")[1:] {
		end := strings.IndexByte(seq, 'm')
		if end < 0 {
			continue
		}
		params := strings.Split(seq[:end], ";")
		for i := 0; i < len(params); i++ {
			p := params[i]
			switch {
			case p == "38":
				out = append(out, strings.Join(params[i:], ";"))
				i = len(params)
			case len(p) == 2 && (p[0] == '3' || p[0] == '9') && p[1] >= '0' && p[1] <= '7':
				out = append(out, p)
			}
		}
	}
	return out
}

// TestColoursOnAnUnknownBackground: until (unless) the terminal says what
// its background is, headlines, the masthead, the help's key table and
// glamour's note are the terminal's own foreground, bold where they stand
// out: readable on white and on black. Red marks (kicker, unread) are the
// one colour, as it reads on both.
func TestColoursOnAnUnknownBackground(t *testing.T) {
	th := newTheme(backgroundUnknown)
	for name, st := range map[string]lipgloss.Style{"headline": th.headline, "masthead": th.masthead,
		"sub": th.sub, "byline": th.byline, "group": th.group, "rule": th.rule, "caption": th.caption} {
		if _, none := st.GetForeground().(lipgloss.NoColor); !none {
			t.Errorf("%s has foreground %v on an unknown background", name, st.GetForeground())
		}
	}
	if !th.headline.GetBold() || !th.masthead.GetBold() {
		t.Error("headline and masthead are not bold")
	}
	hs := th.helpStyles()
	for _, st := range []lipgloss.Style{hs.FullKey, hs.FullDesc, hs.FullSeparator, hs.ShortKey, hs.ShortDesc} {
		if _, none := st.GetForeground().(lipgloss.NoColor); !none {
			t.Errorf("help style has foreground %v", st.GetForeground())
		}
	}
	// The model with theme auto, before any answer: front page, article
	// and help carry no foreground colour but the red marks.
	d := newDriver(t, Options{Issue: fixtureIssue(), Theme: "auto"}, 100, 40)
	if d.m.c.theme.bg != backgroundUnknown {
		t.Fatalf("theme auto before an answer: %v", d.m.c.theme.bg)
	}
	for _, keys := range [][]string{nil, {"?"}, {"?", "enter"}, {"?", "?"}} {
		d.keys(keys...)
		for _, fg := range foregrounds(d.m.View().Content) {
			if fg != "31" {
				t.Errorf("after %v: foreground %s on an unknown background", keys, fg)
			}
		}
	}
	// Glamour follows: no colour in the note either, bold for **Article**.
	note := helpNote(helpArticle, 80, th)
	if fg := foregrounds(note); len(fg) > 0 || !strings.Contains(note, "\x1b[1m") || strings.Contains(note, "**") {
		t.Errorf("glamour on an unknown background: colours %v:\n%q", fg, note)
	}
	// Once the terminal answers, its background's theme, glamour's too.
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#ffffff")})
	if d.m.c.theme.bg != backgroundLight {
		t.Errorf("after a white background answer: %v", d.m.c.theme.bg)
	}
	if len(foregrounds(helpNote(helpArticle, 80, d.m.c.theme))) == 0 {
		t.Error("glamour has no colours on a known light background")
	}
}

// TestEscNeverQuits: esc cancels or goes back, and at the top it says that
// q quits; q at the top and ctrl+c quit.
func TestEscNeverQuits(t *testing.T) {
	lib := writeLibrary(t, "2024-05-06", "2023-12-28")
	d := newDriver(t, Options{Paths: []string{lib}}, 80, 24)
	// The report: a date typed on the shelf, then j, then esc.
	d.keys("2", "0", "2", "3", "j", "esc")
	if d.quit {
		t.Fatal("date, j, esc on the shelf quit bao")
	}
	d.contains("q quits")
	d.keys("esc", "esc")
	if d.quit || d.m.screen != screenShelf {
		t.Fatalf("esc on the shelf: quit %v, screen %v", d.quit, d.m.screen)
	}
	d.keys("enter", "enter") // an article
	d.keys("/", "读", "esc")  // cancels the query
	if d.m.screen != screenArticle || d.m.article.find.active() {
		t.Fatalf("esc in the find bar: screen %v, find %v", d.m.screen, d.m.article.find.active())
	}
	for _, want := range []screenID{screenFront, screenShelf, screenShelf} {
		d.keys("esc")
		if d.quit || d.m.screen != want {
			t.Fatalf("esc: quit %v, screen %v, want %v", d.quit, d.m.screen, want)
		}
	}
	d.keys("'", "esc") // the bookmarks list (no data dir: a message)
	d.keys("?", "esc")
	if d.quit || d.m.help != nil {
		t.Fatalf("esc in the help: quit %v, help %v", d.quit, d.m.help)
	}
	d.quits("the shelf")
	// A single file: its front page is the top.
	one := newDriver(t, Options{Issue: fixtureIssue()}, 80, 24)
	one.keys("esc")
	if one.quit {
		t.Error("esc on the front page of one issue quit bao")
	}
	one.keys("ctrl+c")
	if !one.quit {
		t.Error("ctrl+c did not quit")
	}
}

// TestLibrarySearchBackStack: a result opened from the library search and
// left with q or esc returns to the results, the same one selected; esc
// there goes back to the shelf; S brings the last search back.
func TestLibrarySearchBackStack(t *testing.T) {
	d := newDriver(t, Options{Paths: []string{testfiles.SearchLibrary(t)}}, 100, 30)
	d.keys("S")
	typeText(d, "书房")
	if n := len(d.m.search.results); n != 3 {
		t.Fatalf("%d results, want 3", n)
	}
	// Newest first, as they stream.
	for i, want := range []string{"2024-05-06", "2024-04-01", "2023-12-28"} {
		if got := d.m.search.results[i].Date; got != want {
			t.Errorf("result %d is %s, want %s", i, got, want)
		}
	}
	d.keys("down", "enter")
	if d.m.screen != screenArticle || d.m.search != nil {
		t.Fatalf("enter: screen %v", d.m.screen)
	}
	d.contains("第2期", "/书房 1/1")
	for _, back := range [][]string{{"q"}, {"esc", "esc"}} { // esc first ends the highlights
		d.keys(back...)
		if d.m.search == nil || d.m.search.sel != 1 || string(d.m.search.query) != "书房" {
			t.Fatalf("%s from the result: search %+v", back, d.m.search)
		}
		d.contains("search: 书房", "3 articles in 4 issues")
		d.keys("enter")
	}
	d.keys("q", "esc")
	if d.m.search != nil || d.m.screen != screenShelf {
		t.Fatalf("esc from the results: search %v, screen %v", d.m.search != nil, d.m.screen)
	}
	d.keys("S")
	if d.m.search == nil || string(d.m.search.query) != "书房" || len(d.m.search.results) != 3 {
		t.Fatalf("S again: %+v", d.m.search)
	}
	d.contains("search: 书房")
	// No match is said so.
	typeText(d, "咖啡")
	d.contains("no match in 4 issues")
}

// TestSearchResultsDoNotMoveUnderTheCursor: results arrive newest first;
// once the reader moved the selection, a newer result arriving above it
// leaves the selected result selected and on the same screen row.
func TestSearchResultsDoNotMoveUnderTheCursor(t *testing.T) {
	s := newArchiveSearch(nil, search.Options{}, layout.NewWidths(layout.Narrow))
	res := func(date string) search.Result {
		return search.Result{Source: date + ".txt", Date: date, Headline: date,
			Matches: []search.Match{{}}, Snippets: []search.Snippet{{Text: "x"}}}
	}
	s.add(searchBatchMsg{results: []search.Result{res("2024-01-03"), res("2024-01-01")}})
	s.add(searchBatchMsg{results: []search.Result{res("2024-01-02"), res(""), res("2024-01-04")}})
	var got []string
	for _, r := range s.results {
		got = append(got, r.Date)
	}
	if strings.Join(got, " ") != "2024-01-04 2024-01-03 2024-01-02 2024-01-01 " {
		t.Fatalf("order %q, want newest first, undated last", got)
	}
	if s.sel != 0 {
		t.Errorf("untouched selection moved to %d", s.sel)
	}
	s.move(2) // 2024-01-02, on row 2
	row := s.sel - s.top
	s.add(searchBatchMsg{results: []search.Result{res("2024-01-09"), res("2024-01-08"), res("2023-12-31")}})
	if r := s.results[s.sel]; r.Date != "2024-01-02" || s.sel-s.top != row {
		t.Errorf("after newer results: selected %s on row %d, want 2024-01-02 on row %d", r.Date, s.sel-s.top, row)
	}
}

// TestFindSaysNoMatchAndWrapped: the article's find says when nothing
// matches and when n or N came round.
func TestFindSaysNoMatchAndWrapped(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 30)
	d.keys("enter", "/")
	typeText(d, "巴黎")
	d.contains("no match")
	d.keys("enter")
	d.contains("no match for 巴黎")
	d.keys("/")
	typeText(d, "第60段")
	d.keys("enter")
	d.contains("1/1")
	d.keys("n")
	d.contains("search wrapped to the first match")
	d.keys("N")
	d.contains("search wrapped to the last match")
	d.keys("j")
	if strings.Contains(d.text(), "wrapped") {
		t.Error("the wrap message stays after another key")
	}
}

// TestCursorInInputs: the terminal's cursor stands after the text being
// typed (so an input method's candidates open there), measured with the
// width model, and is hidden elsewhere.
func TestCursorInInputs(t *testing.T) {
	data := t.TempDir()
	lib := writeLibrary(t, "2024-05-06", "2023-12-28")
	d := newDriver(t, Options{Paths: []string{lib}, DataDir: data}, 80, 24)
	cursorAt := func(what string, x, y int) {
		t.Helper()
		c := d.m.View().Cursor
		if c == nil || c.X != x || c.Y != y {
			t.Errorf("%s: cursor %+v, want (%d, %d)", what, c, x, y)
		}
	}
	noCursor := func(what string) {
		t.Helper()
		if c := d.m.View().Cursor; c != nil {
			t.Errorf("%s: cursor shown at %+v", what, c.Position)
		}
	}
	noCursor("shelf")
	d.keys("2", "0", "2")
	cursorAt("date", 1+len("go to date: 202"), 23)
	d.keys("esc", "S")
	cursorAt("empty query", len("search: "), 0)
	typeText(d, "河畔")
	cursorAt("query", len("search: ")+4, 0) // two wide characters
	d.keys("tab")
	noCursor("results list")
	d.keys("tab", "esc", "enter", "enter")
	noCursor("article")
	d.keys("/")
	typeText(d, "读者")
	cursorAt("find", 1+1+4, 23)
	d.keys("esc", "m")
	typeText(d, "好")
	cursorAt("note", 1+len("note (enter saves, esc cancels): ")+2, 23)
	d.keys("enter", "'", "/")
	typeText(d, "路")
	cursorAt("filter", 1+len("filter: ")+2, 23)
	// A long query scrolls: the cursor stays inside the window.
	d.keys("esc", "esc", "/")
	typeText(d, strings.Repeat("读者来信", 30))
	if c := d.m.View().Cursor; c == nil || c.X >= 80 || c.X < 70 {
		t.Errorf("long query: cursor %+v", c)
	}
	d.checkFits()
}

// TestStatusLineKeepsThePosition: at any width the status line keeps the
// article, page and percentage before the title and the key hints, and a
// message is shortened, never dropped.
func TestStatusLineKeepsThePosition(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 30)
	d.keys("enter", "space")
	for _, width := range []int{100, 60, 44, 36} {
		d.send(tea.WindowSizeMsg{Width: width, Height: 30})
		lines := d.screen()
		st := lines[len(lines)-1]
		if !strings.Contains(st, "article 1/4") || !strings.Contains(st, "page") || !strings.Contains(st, "%") {
			t.Errorf("width %d: status line %q lacks the position", width, st)
		}
		if width >= 100 && !strings.Contains(st, "? help") {
			t.Errorf("width %d: no hint in %q", width, st)
		}
		d.checkFits()
	}
	// Every width: the line fits, and holds the whole position whenever
	// there is room for it.
	for width := 1; width <= 130; width++ {
		d.send(tea.WindowSizeMsg{Width: width, Height: 30})
		d.checkFits()
		pos := d.m.article.statusLeft().pos
		if st := d.screen()[29]; width > d.m.c.widths.String(pos) && !strings.Contains(st, pos) {
			t.Errorf("width %d: %q lacks %q", width, st, pos)
		}
	}
	// A long message at a narrow width: shortened, the position kept
	// while it fits beside a dozen cells of it.
	d.send(tea.WindowSizeMsg{Width: 50, Height: 30})
	d.m.status = "ambiguous width: wide, so quotes take two cells each"
	st := d.screen()[29]
	if !strings.Contains(st, "ambiguous") || !strings.Contains(st, "…") || !strings.Contains(st, "page") {
		t.Errorf("long message at 50: %q", st)
	}
	d.checkFits()
}

// notADirectory is a data directory that can never be written, even by
// root (tests may run as root, which file modes do not stop): a path
// under a regular file.
func notADirectory(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(f, "data")
}

// TestUnwritableDataDir: the warning fits the status line at every width,
// shortened but never dropped; the position stays while there is room;
// after quitting, Unsaved says what was not saved.
func TestUnwritableDataDir(t *testing.T) {
	d := newDriver(t, Options{Paths: []string{longIssueFile(t)}, DataDir: notADirectory(t)}, 120, 30)
	d.keys("enter") // opening an article writes the reading state
	if d.m.storeErr == nil {
		t.Fatal("no store error")
	}
	for _, tc := range []struct {
		width int
		want  []string
	}{
		{120, []string{"bookmarks and reading state not saved: not a directory", "article 1/1"}},
		{80, []string{"not saved: not a directory", "article 1/1"}},
		{50, []string{"not saved", "article 1/1"}},
		{30, []string{"not saved"}},
		{12, []string{"not saved"}},
		{8, []string{"not", "…"}},
	} {
		d.send(tea.WindowSizeMsg{Width: tc.width, Height: 30})
		st := d.screen()[29]
		for _, w := range tc.want {
			if !strings.Contains(st, w) {
				t.Errorf("width %d: status line %q lacks %q", tc.width, st, w)
			}
		}
		d.checkFits()
	}
	d.keys("q", "q")
	err := d.m.Unsaved()
	if err == nil || !strings.Contains(err.Error(), "bookmarks and reading state were not saved") ||
		!strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Unsaved after quitting: %v", err)
	}
	// A writable one: nothing to say.
	ok := newDriver(t, Options{Paths: []string{longIssueFile(t)}, DataDir: t.TempDir()}, 80, 24)
	ok.keys("enter", "q", "q")
	if err := ok.m.Unsaved(); err != nil {
		t.Errorf("writable data dir: %v", err)
	}
}

// TestBookmarkJumpHighlightsTheText: the jump shows the marked text in
// reverse, until esc.
func TestBookmarkJumpHighlightsTheText(t *testing.T) {
	d := newDriver(t, Options{Paths: []string{longIssueFile(t)}, DataDir: t.TempDir()}, 100, 30)
	d.keys("enter", "space", "m", "enter", "g", "l", "'", "enter")
	if d.m.article == nil || len(d.m.article.marked) != 1 {
		t.Fatalf("after the jump: %+v", d.m.article)
	}
	quote := d.m.store.Bookmarks()[0].Quote
	first := string([]rune(quote)[:2])
	view := d.m.View().Content
	i := strings.Index(view, "\x1b[7m")
	if i < 0 || !strings.Contains(ansi.Strip(view[i:i+200]), first) {
		t.Errorf("the marked text %q is not highlighted:\n%q", quote, view)
	}
	d.keys("esc")
	if d.m.article.marked != nil || strings.Contains(d.m.View().Content, "\x1b[7m"+first) {
		t.Error("esc did not end the highlight")
	}
	if d.m.screen != screenArticle {
		t.Errorf("esc ending the highlight also left the article: %v", d.m.screen)
	}
	// In vertical mode too.
	d.keys("'", "enter", "v")
	if !strings.Contains(d.m.View().Content, "\x1b[7m") {
		t.Error("no highlight in vertical mode")
	}
}

// TestShelfDates: typed dates match unpadded months and days, and a date
// that cannot be is said so, the selection left where it was.
func TestShelfDates(t *testing.T) {
	lib := writeLibrary(t, "2024-06-12", "2024-06-01", "2023-06-01", "2023-02-28", "2022-12-05", "2024-02-29")
	tests := []struct {
		typed, want, status string
	}{
		{"6-1", "2024-06-01", ""},   // 1 June before 10–19 June
		{"6-12", "2024-06-12", ""},  //
		{"06-01", "2024-06-01", ""}, //
		{"2023-6-1", "2023-06-01", ""},
		{"2023-6", "2023-06-01", ""},
		{"2022", "2022-12-05", ""},
		{"20", "2024-06-12", ""}, // the start of a year
		{"12-5", "2022-12-05", ""},
		{"2-29", "2024-02-29", ""},
		{"2-30", "", "no such date"},
		{"13", "", "no issue of that date"}, // a year 13xx, maybe
		{"13-", "", "no such date"},
		{"4-31", "", "no such date"},
		{"2023-02-29", "", "no such date"},
		{"2023-13", "", "no such date"},
		{"7-4", "", "no issue of that date"},
	}
	for _, tt := range tests {
		d := newDriver(t, Options{Paths: []string{lib}}, 80, 24)
		d.keys("G")
		before := d.m.shelf.selected
		for _, r := range tt.typed {
			before = d.m.shelf.selected // a failed date leaves the selection where the keys before put it
			d.keys(string(r))
		}
		got := d.m.lib.Entry(d.m.shelf.selected).Date.Format("2006-01-02")
		if tt.want != "" && got != tt.want {
			t.Errorf("typed %q: selected %s, want %s", tt.typed, got, tt.want)
		}
		if tt.want == "" && d.m.shelf.selected != before {
			t.Errorf("typed %q: the selection moved to %s", tt.typed, got)
		}
		if tt.status != "" {
			d.contains(tt.status)
		} else if strings.Contains(d.text(), "no such date") || strings.Contains(d.text(), "no issue") {
			t.Errorf("typed %q: %s", tt.typed, d.screen()[23])
		}
	}
}

// TestKeysPeopleTry: ctrl+d/u/f/b, counts, the wheel by three lines, and a
// click opening the row.
func TestKeysPeopleTry(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 80, 30)
	d.keys("enter")
	a := d.m.article
	page, half := a.pageLines(), a.bodyHeight()/2
	for _, tc := range []struct {
		msg  tea.KeyPressMsg
		want int
	}{
		{ctrl('f'), page}, {ctrl('b'), 0}, {ctrl('d'), half}, {ctrl('u'), 0},
		{ctrl('e'), 1}, {ctrl('y'), 0},
	} {
		d.send(tc.msg)
		if d.m.article.first != tc.want {
			t.Errorf("%s: first line %d, want %d", tc.msg, d.m.article.first, tc.want)
		}
	}
	d.keys("5", "j")
	if d.m.article.first != 5 {
		t.Errorf("5j: first line %d, want 5", d.m.article.first)
	}
	d.keys("1", "2", "k")
	if d.m.article.first != 0 {
		t.Errorf("12k: first line %d, want 0", d.m.article.first)
	}
	d.keys("2", "space")
	if d.m.article.first != 2*page {
		t.Errorf("2 space: first line %d, want %d", d.m.article.first, 2*page)
	}
	d.keys("g", "3", "x", "j") // a count is dropped by another key
	if d.m.article.first != 1 {
		t.Errorf("3 x j: first line %d, want 1", d.m.article.first)
	}
	d.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if d.m.article.first != 4 {
		t.Errorf("wheel: first line %d, want 4", d.m.article.first)
	}
	// The front page: 2j, and a click on an article opens it.
	d.keys("q", "g", "2", "j")
	if d.m.front.selected != 2 {
		t.Errorf("2j on the front page: article %d", d.m.front.selected)
	}
	_ = d.m.View()
	box := d.m.front.boxes[1]
	d.send(tea.MouseClickMsg{X: box.x0 + 4, Y: box.y0 + 1, Button: tea.MouseLeft})
	if d.m.screen != screenArticle || d.m.article.index != box.article {
		t.Errorf("click on article %d: screen %v", box.article, d.m.screen)
	}
	// The shelf: a click opens the row, the wheel moves three rows.
	lib := writeLibrary(t, "2024-05-06", "2024-05-05", "2024-05-04", "2024-05-03", "2024-05-02")
	s := newDriver(t, Options{Paths: []string{lib}}, 80, 24)
	s.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if s.m.shelf.selected != 3 {
		t.Errorf("wheel on the shelf: issue %d", s.m.shelf.selected)
	}
	s.send(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft}) // title, rule, month, 05-06, 05-05
	if s.m.screen != screenFront || s.m.issueIdx != 1 {
		t.Errorf("click on the second issue: screen %v, issue %d", s.m.screen, s.m.issueIdx)
	}
	// The search and the bookmarks list: a click opens the result.
	s.keys("q", "S")
	typeText(s, "路灯")
	s.send(tea.MouseClickMsg{X: 5, Y: 3, Button: tea.MouseLeft}) // the second result
	if s.m.screen != screenArticle || s.m.issuePath != s.m.lib.Entry(1).Path {
		t.Errorf("click on the second result: screen %v, %s", s.m.screen, s.m.issuePath)
	}
}

// TestLayoutIsKeptPerIssue: + - and J are remembered for the issue, like
// v: another issue keeps its own, and the issue reopened (in another
// reader on the same data directory) has them back.
func TestLayoutIsKeptPerIssue(t *testing.T) {
	data := t.TempDir()
	lib := filepath.Dir(longIssueFile(t))
	other := filepath.Join(lib, "2024-05-07.txt")
	if err := os.WriteFile(other, []byte("河畔日报\n\n另一期\n\n"+strings.Repeat("另一期的正文，讲的是河边的新步道。", 60)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, Options{Paths: []string{lib}, DataDir: data}, 120, 30)
	d.keys("j", "enter", "enter") // 2024-05-06
	auto := d.m.article.cols()
	d.keys("-", "J")
	if d.m.article.cols() != auto-1 || !d.m.article.ragged {
		t.Fatalf("- J: %d columns, ragged %v", d.m.article.cols(), d.m.article.ragged)
	}
	d.keys("l", "h") // another article of the issue: the same layout
	if d.m.article.cols() != auto-1 || !d.m.article.ragged {
		t.Errorf("next article: %d columns, ragged %v", d.m.article.cols(), d.m.article.ragged)
	}
	d.keys("q", "q", "g", "enter", "enter") // the other issue: its own (the default)
	if d.m.article.cols() != auto || d.m.article.ragged {
		t.Errorf("other issue: %d columns, ragged %v", d.m.article.cols(), d.m.article.ragged)
	}
	d.keys("q", "q", "q")
	e := newDriver(t, Options{Paths: []string{lib}, DataDir: data}, 120, 30)
	e.keys("j", "enter") // reopens where it was left, in its layout
	if e.m.article == nil {
		e.keys("enter")
	}
	if e.m.article.cols() != auto-1 || !e.m.article.ragged {
		t.Errorf("reopened: %d columns, ragged %v", e.m.article.cols(), e.m.article.ragged)
	}
	// After a restart with w (Resume), the same.
	r := newDriver(t, Options{Paths: []string{lib}, DataDir: data,
		Resume: &Resume{Path: filepath.Join(lib, "2024-05-06.txt"), Screen: "article"}}, 120, 30)
	if r.m.article == nil || r.m.article.cols() != auto-1 || !r.m.article.ragged {
		t.Errorf("resumed: %+v", r.m.article)
	}
}

// TestStdinBookmarkIsNotMissing: a bookmark made in an issue read from
// standard input is listed as found while that issue is open, and the
// jump to it works.
func TestStdinBookmarkIsNotMissing(t *testing.T) {
	data, err := os.ReadFile(longIssueFile(t))
	if err != nil {
		t.Fatal(err)
	}
	is, err := issues.Parse(data, "-", issues.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, Options{Issue: is, IssueRef: bookmarks.RefForBytes("-", data), DataDir: t.TempDir()}, 100, 30)
	d.keys("enter", "space", "m", "enter", "'")
	if strings.Contains(d.text(), "missing") {
		t.Errorf("the bookmark is marked missing:\n%s", d.text())
	}
	d.keys("enter")
	if d.m.screen != screenArticle || !strings.HasPrefix(d.m.status, "bookmark:") {
		t.Errorf("jump: screen %v, status %q", d.m.screen, d.m.status)
	}
}

// TestFrontPageBottomOfAHugeIssue: G on the front page of an issue of
// thousands of articles shows the last one, with the page the linear walk
// would have found (the binary search finds the same first article).
func TestFrontPageBottomOfAHugeIssue(t *testing.T) {
	is := &issues.Issue{Title: "河畔日报"}
	for i := 0; i < 3000; i++ {
		a := issues.Article{Headline: fmt.Sprintf("第%d篇", i), Blocks: []issues.Block{{Text: "正文。"}}}
		if i%3 == 0 {
			a.Kicker = "要闻"
		}
		if i%5 == 0 {
			a.Byline = "本报记者"
		}
		is.Articles = append(is.Articles, a)
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		d := newDriver(t, Options{Issue: is}, size[0], size[1])
		d.keys("G")
		d.contains("第2999篇", "article 3000/3000")
		got := d.m.front.offset
		// The linear walk the view did before: one page at a time.
		f := d.m.front
		cols := f.frontColumns()
		room := size[1] - 1 - len(f.masthead())
		want := 0
		for f.lastShown(want, cols, room) < f.selected {
			want++
		}
		if got != want {
			t.Errorf("%v: first article %d, the linear walk finds %d", size, got, want)
		}
		// The heights fill uses are those of the entries it draws.
		for i := 0; i < 30; i++ {
			if h, e := f.entryHeight(i), len(f.entry(i, 40)); h != e {
				t.Errorf("entry %d: height %d, drawn %d lines", i, h, e)
			}
		}
	}
}

func TestErrorTextSaysThePathOnce(t *testing.T) {
	pe := &os.PathError{Op: "open", Path: "a/x.txt", Err: os.ErrNotExist}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{pe, "a/x.txt: file does not exist"},
		{fmt.Errorf("a/x.txt: %w", pe), "a/x.txt: file does not exist"},
		{fmt.Errorf("library: %w", pe), "library: a/x.txt: file does not exist"},
		{os.ErrClosed, os.ErrClosed.Error()},
	} {
		if got := ErrorText(tc.err); got != tc.want {
			t.Errorf("ErrorText(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestPlurals: one of a thing is said in the singular.
func TestPlurals(t *testing.T) {
	d := newDriver(t, Options{Paths: []string{writeLibrary(t, "2024-05-06")}}, 80, 24)
	d.contains("bao | ", " | 1 issue")
	d.keys("S")
	d.contains("type to search 1 issue (")
	d.keys("esc", "enter", "enter")
	d.keys("-")
	for i := 0; i < 4 && d.m.article.cols() > 1; i++ {
		d.keys("-")
	}
	d.contains("1 column")
	if strings.Contains(d.text(), "1 columns") || strings.Contains(d.text(), "1 issues") {
		t.Errorf("a plural for one:\n%s", d.text())
	}
}

// TestSearchBackEndsWithAnotherIssue: back leads to the search only from
// the article a result opened; after going to another issue it leads to
// that issue's front page.
func TestSearchBackEndsWithAnotherIssue(t *testing.T) {
	d := newDriver(t, Options{Paths: []string{testfiles.SearchLibrary(t)}}, 100, 30)
	d.keys("S")
	typeText(d, "书房")
	d.keys("enter")
	if d.m.searchBack == nil {
		t.Fatal("no way back to the search")
	}
	d.keys("[") // the older issue
	d.keys("enter", "q")
	if d.m.search != nil || d.m.screen != screenFront {
		t.Errorf("q after [ went to the search: screen %v", d.m.screen)
	}
}

// TestTypedDatesOfEveryDay: every day of a leap and a common year, typed
// in each form and every prefix of it, is a possible date; the whole
// forms find that day.
func TestTypedDatesOfEveryDay(t *testing.T) {
	for _, year := range []int{2023, 2024} {
		for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
			for _, form := range []string{"2006-01-02", "2006-1-2", "01-02", "1-2", "2006-01"} {
				typed := d.Format(form)
				for i := 1; i <= len(typed); i++ {
					if _, ok := parseTypedDate(typed[:i]); !ok {
						t.Fatalf("%s: %q (from %q) is said to be no date", d.Format("2006-01-02"), typed[:i], typed)
					}
				}
				q, _ := parseTypedDate(typed)
				if q.month != int(d.Month()) || (strings.Count(form, "-") == 2 && q.year != year) ||
					(strings.HasSuffix(form, "2") && q.day != d.Day()) {
					t.Errorf("%q: %+v", typed, q)
				}
			}
		}
	}
}

// FuzzParseTypedDate: any typing parses without panicking, and a whole
// date (YYYY-MM-DD) is possible exactly when it is a real date.
func FuzzParseTypedDate(f *testing.F) {
	for _, s := range []string{"6-1", "2023-12-28", "2-30", "13-", "2024-02-29", "0", "--", "2023--1", "99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 16 || strings.Trim(s, "0123456789-") != "" || strings.HasPrefix(s, "-") {
			return // the shelf takes only digits and '-', never first
		}
		q, ok := parseTypedDate(s)
		if len(s) == 10 && s[4] == '-' && s[7] == '-' && strings.Count(s, "-") == 2 {
			_, err := time.Parse("2006-01-02", s)
			if ok != (err == nil) {
				t.Errorf("%q: possible %v (%+v), time.Parse says %v", s, ok, q, err)
			}
		}
	})
}
