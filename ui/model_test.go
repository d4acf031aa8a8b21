package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/internal/ambiguous"
	"bao/issues"
	"bao/reader/layout"
	"bao/reader/search"
)

// Invented fixtures: no sentence here comes from a real paper.

// longArticle is a Chinese article of n numbered paragraphs, so the text at
// any place is unique and can be looked for after a re-flow.
func longArticle(n int) issues.Article {
	a := issues.Article{Kicker: "城市观察", Headline: "河畔社区的一年", Subheadline: "从旧厂房到街角书店",
		Byline: "本报记者 周远", Page: 2, Section: "要闻"}
	for i := 1; i <= n; i++ {
		a.Blocks = append(a.Blocks, issues.Block{Kind: issues.KindText, Text: fmt.Sprintf(
			"第%d段：清晨的河堤上，晨练的人们沿着新修的步道慢跑，“这里以前是堆料场。”一位老住户指着远处说。"+
				"街道办在旧厂房里开了书店和托育点，周末还有手工市集，附近的年轻人也愿意回来看看。", i)})
	}
	return a
}

func fixtureIssue() *issues.Issue {
	return &issues.Issue{
		Title: "河畔日报", Date: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC),
		Articles: []issues.Article{
			longArticle(60),
			{Headline: "山村小学的新操场", Byline: "通讯员 李青", Page: 3, Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "操场铺上了塑胶跑道，孩子们在课间跑来跑去。"}}},
			{Headline: "駅前の小さな図書館", Page: 4, Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "駅前に小さな図書館ができ、学生たちが放課後に集まるようになった。"}}},
			{Headline: "Harbour ferry returns", Byline: "By a staff writer", Page: 5, Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "The ferry across the harbour runs again from Monday."}}},
		},
	}
}

// driver sends messages to a model and runs the commands they return,
// feeding their messages back, as a program would (synchronously).
type driver struct {
	t    *testing.T
	m    *Model
	quit bool
}

func newDriver(t *testing.T, opt Options, w, h int) *driver {
	t.Helper()
	if opt.Theme == "" {
		opt.Theme = "dark"
	}
	d := &driver{t: t, m: newModel(opt)}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
		d.quit = true
	default:
		// tea.Sequence's message is an unexported []tea.Cmd: run them in order.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := 0; i < v.Len(); i++ {
				d.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		d.send(msg)
	}
}

func (d *driver) send(msgs ...tea.Msg) *driver {
	for _, msg := range msgs {
		_, cmd := d.m.Update(msg)
		d.run(cmd)
	}
	return d
}

// keys sends key presses named as in key bindings: "j", "enter", "pgdown".
func (d *driver) keys(names ...string) *driver {
	for _, n := range names {
		d.send(keyMsg(n))
	}
	return d
}

func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"home": tea.KeyHome, "end": tea.KeyEnd, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "backspace": tea.KeyBackspace,
	}
	if name == "space" {
		return tea.KeyPressMsg{Code: ' ', Text: " "}
	}
	if name == "ctrl+c" {
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	if c, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// screen is the view as plain text lines.
func (d *driver) screen() []string {
	return strings.Split(ansi.Strip(d.m.View().Content), "\n")
}

func (d *driver) text() string { return strings.Join(d.screen(), "\n") }

// checkFits fails when the view is not exactly the window: height lines,
// none wider than the width under the model's width policy.
func (d *driver) checkFits() {
	d.t.Helper()
	lines := d.screen()
	if len(lines) != d.m.c.height {
		d.t.Errorf("view has %d lines, window %d", len(lines), d.m.c.height)
	}
	for i, l := range lines {
		if w := d.m.c.widths.String(l); w > d.m.c.width {
			d.t.Errorf("line %d is %d cells wide, window %d: %q", i, w, d.m.c.width, l)
		}
	}
}

// back presses q where it goes back to the screen want and does not quit.
func (d *driver) back(want screenID) {
	d.t.Helper()
	d.keys("q")
	if d.m.screen != want || d.quit {
		d.t.Fatalf("q: screen %v quit %v, want screen %v", d.m.screen, d.quit, want)
	}
}

// quits presses q on the top screen, named by where, which must quit.
func (d *driver) quits(where string) {
	d.t.Helper()
	d.keys("q")
	if !d.quit {
		d.t.Errorf("q on %s did not quit", where)
	}
}

func (d *driver) contains(want ...string) {
	d.t.Helper()
	text := d.text()
	// Justification may add spaces between characters: compare without them
	// too.
	squashed := strings.ReplaceAll(text, " ", "")
	for _, w := range want {
		if !strings.Contains(text, w) && !strings.Contains(squashed, strings.ReplaceAll(w, " ", "")) {
			d.t.Errorf("screen lacks %q:\n%s", w, text)
		}
	}
}

func TestFrontPageShowsTheIssue(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 40)
	if d.m.screen != screenFront {
		t.Fatalf("screen = %v, want front", d.m.screen)
	}
	d.contains("河畔日报", "2024-05-06", "城市观察", "河畔社区的一年", "从旧厂房到街角书店", "本报记者 周远",
		"p.2 要闻", "min", "山村小学的新操场", "article 1/4")
	d.checkFits()
	d.keys("j")
	d.contains("article 2/4")
	d.keys("G")
	d.contains("article 4/4", "Harbour ferry returns")
	d.keys("g")
	d.contains("article 1/4")
}

func TestReadingTime(t *testing.T) {
	tests := []struct {
		text    string
		chars   int
		minutes int
	}{
		{strings.Repeat("新", 800), 800, 2},
		{strings.Repeat("新", 100), 100, 1}, // never less than a minute
		{strings.Repeat("word ", 600), 2400, 3},
		{strings.Repeat("新", 2000), 2000, 5},
	}
	for _, tt := range tests {
		a := issues.Article{Blocks: []issues.Block{{Text: tt.text}}}
		if got := statsOf(&a); got.chars != tt.chars || got.minutes != tt.minutes {
			t.Errorf("statsOf(%.12q…) = %+v, want %d chars, %d min", tt.text, got, tt.chars, tt.minutes)
		}
	}
}

func TestArticlePaging(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 120, 40)
	d.keys("enter")
	if d.m.screen != screenArticle {
		t.Fatalf("screen = %v after enter, want article", d.m.screen)
	}
	d.contains("河畔社区的一年", "第1段", "article 1/4 | page 1/")
	d.checkFits()
	if d.m.article.set.Columns != 2 {
		t.Errorf("columns at 120 = %d, want 2", d.m.article.set.Columns)
	}
	first := d.m.article.first
	d.keys("space")
	if got, want := d.m.article.first, first+d.m.article.pageLines(); got != want {
		t.Errorf("space: first line %d, want %d", got, want)
	}
	d.contains("page 2/")
	d.keys("b")
	if d.m.article.first != first {
		t.Errorf("b: first line %d, want %d", d.m.article.first, first)
	}
	d.keys("j", "j", "j", "k")
	if d.m.article.first != first+2 {
		t.Errorf("jjjk: first line %d, want %d", d.m.article.first, first+2)
	}
	d.keys("d")
	if d.m.article.first != first+2+d.m.article.bodyHeight()/2 {
		t.Errorf("d: first line %d", d.m.article.first)
	}
	d.keys("G")
	d.contains("100%", "第60段")
	d.checkFits()
	d.keys("space")
	d.contains("end of article")
	d.keys("g")
	d.contains("第1段")
	d.keys("l")
	d.contains("山村小学的新操场", "article 2/4")
	d.keys("h")
	d.contains("河畔社区的一年", "article 1/4")
	d.back(screenFront)
	d.quits("the front page of a single issue")
}

func TestMouseWheelScrolls(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 80, 30)
	d.keys("enter")
	d.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if d.m.article.first != 3 {
		t.Errorf("wheel down: first line %d, want 3", d.m.article.first)
	}
	d.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if d.m.article.first != 0 {
		t.Errorf("wheel up: first line %d, want 0", d.m.article.first)
	}
}

// TestResizeKeepsText: after a re-flow the text that was at the top of the
// first column is still on the first line of the screen's body.
func TestResizeKeepsText(t *testing.T) {
	for _, size := range [][2]int{{70, 30}, {40, 20}, {200, 60}, {120, 40}, {13, 8}} {
		d := newDriver(t, Options{Issue: fixtureIssue()}, 120, 40)
		d.keys("enter", "space", "space", "j", "j")
		a := d.m.article
		at := a.topPosition()
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		a = d.m.article
		ln := a.set.Body[a.first]
		if ln.Block != at.Block || at.Offset < ln.Start || at.Offset > ln.End {
			if a.first != a.maxFirst() { // the last page may have to show more
				t.Errorf("%v: top line shows block %d runes [%d,%d), want block %d rune %d",
					size, ln.Block, ln.Start, ln.End, at.Block, at.Offset)
			}
		}
		d.checkFits()
	}
}

func TestColumnsAndJustify(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 200, 60)
	d.keys("enter")
	n := d.m.article.set.Columns
	if n != 4 {
		t.Errorf("columns at 200 = %d, want 4", n)
	}
	d.keys("-")
	if got := d.m.article.set.Columns; got != n-1 {
		t.Errorf("-: %d columns, want %d", got, n-1)
	}
	d.contains(fmt.Sprintf("%d columns", n-1))
	d.keys("+", "+")
	if got := d.m.article.set.Columns; got != n+1 {
		t.Errorf("++: %d columns, want %d", got, n+1)
	}
	d.checkFits()
	d.keys("J")
	if !d.m.article.set.Options.Ragged {
		t.Error("J did not set ragged right")
	}
	d.contains("ragged right")
	d.keys("J")
	d.contains("justified")
	d.keys("J", "l") // the next article keeps the columns and the ragged right
	if got := d.m.article.set.Columns; got != n+1 || !d.m.article.set.Options.Ragged {
		t.Errorf("next article: %d columns, ragged %v; want %d, true", got, d.m.article.set.Options.Ragged, n+1)
	}

	opt := Options{Issue: fixtureIssue(), Columns: 1}
	d = newDriver(t, opt, 200, 60)
	d.keys("enter")
	if got := d.m.article.set.Columns; got != 1 {
		t.Errorf("Options.Columns 1: %d columns", got)
	}
}

// TestHelpOfEachScreen: every screen and overlay has its own help (?),
// and scrolling it reaches every binding, at 120×40, 80×20 and 40×12.
func TestHelpOfEachScreen(t *testing.T) {
	lib := writeLibrary(t, "2024-05-06", "2024-05-05")
	cases := []struct {
		topic helpTopic
		open  []string
		title string
	}{
		{helpShelf, nil, "keys of the shelf"},
		{helpFront, []string{"enter"}, "keys of the front page"},
		{helpArticle, []string{"enter", "enter"}, "keys of the article"},
		{helpMarks, []string{"'"}, "keys of the bookmarks list"},
		{helpSearch, []string{"S"}, "keys of the library search"},
	}
	for _, size := range [][2]int{{120, 40}, {80, 20}, {40, 12}} {
		for _, tc := range cases {
			d := newDriver(t, Options{Paths: []string{lib}, DataDir: t.TempDir()}, size[0], size[1])
			d.keys(tc.open...)
			d.keys("?")
			if d.m.help == nil || d.m.help.about != tc.topic {
				t.Fatalf("%v: ? after %v opened %+v, want the help of the %v", size, tc.open, d.m.help, tc.topic)
			}
			// Page through: every line once, each screen fitting.
			seen := d.text()
			for i := 0; i < 200 && d.m.help.first < d.m.help.maxFirst(); i++ {
				d.keys("j")
				d.checkFits()
				lines := d.screen()
				seen += "\n" + lines[len(lines)-2]
			}
			d.keys("G")
			seen += "\n" + d.text()
			squashed := strings.ReplaceAll(seen, " ", "")
			if !strings.Contains(squashed, strings.ReplaceAll(tc.title, " ", "")) {
				t.Errorf("%v %v: help lacks its title %q", size, tc.topic, tc.title)
			}
			for _, group := range d.m.c.keys.forTopic(tc.topic).FullHelp() {
				for _, b := range group {
					if !strings.Contains(squashed, strings.ReplaceAll(b.Help().Key+b.Help().Desc, " ", "")) &&
						!(strings.Contains(squashed, strings.ReplaceAll(b.Help().Key, " ", "")) && strings.Contains(squashed, strings.ReplaceAll(b.Help().Desc, " ", ""))) {
						t.Errorf("%v %v: %q %q never shown while scrolling the help:\n%s", size, tc.topic, b.Help().Key, b.Help().Desc, seen)
					}
				}
			}
			d.keys("?")
			if d.m.help != nil {
				t.Errorf("%v %v: ? did not close the help", size, tc.topic)
			}
		}
	}
	// The bookmarks list's d and u delete and undo, not scroll: its help
	// says so, and the article's help is not shown there.
	d := newDriver(t, Options{Paths: []string{lib}, DataDir: t.TempDir()}, 100, 40)
	d.keys("'", "?")
	d.contains("keys of the bookmarks list", "d delete", "u undo delete")
	if strings.Contains(d.text(), "half page") {
		t.Errorf("the bookmarks list's help shows the article's keys:\n%s", d.text())
	}
	// esc closes the help without leaving the list.
	d.keys("esc")
	if d.m.help != nil || d.m.marks == nil {
		t.Errorf("esc in the list's help: help %v, list %v", d.m.help, d.m.marks)
	}
	// In the search, ? is typed once there is a query; F1 still helps.
	d.keys("esc", "S")
	typeText(d, "河?")
	if got := string(d.m.search.query); got != "河?" || d.m.help != nil {
		t.Errorf("? in a query: query %q, help %v", got, d.m.help)
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyF1})
	if d.m.help == nil || d.m.help.about != helpSearch {
		t.Errorf("F1 in the search: %+v", d.m.help)
	}
}

func TestBookmarksNeedADataDirectory(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 30)
	d.keys("enter")
	for _, k := range []string{"m", "'"} {
		d.keys(k)
		d.contains("bookmarks: no data directory")
	}
}

func TestFindInArticle(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 30)
	d.keys("enter", "/")
	for _, r := range "第40段" {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	d.contains("/第40段", "1/1")
	// The match is turned to: paragraph 40 is on screen.
	d.contains("第40段")
	d.keys("enter") // done typing: keys move again, highlights stay
	first := d.m.article.first
	d.keys("j")
	if d.m.article.first != first+1 {
		t.Errorf("j after the search: first %d, want %d", d.m.article.first, first+1)
	}
	d.keys("n")
	d.contains("1/1")
	d.keys("esc") // clears the search, does not leave the article
	if d.m.screen != screenArticle || d.m.article.find.active() {
		t.Errorf("esc: screen %v, find active %v", d.m.screen, d.m.article.find.active())
	}
	// q while typing a query types q; it does not leave.
	d.keys("/", "q")
	if d.m.screen != screenArticle {
		t.Error("q while typing a query left the article")
	}
	d.checkFits()
}

func TestLibrarySearchOpensTheArticle(t *testing.T) {
	dir := writeLibrary(t, "2024-01-02", "2024-01-03")
	d := newDriver(t, Options{Paths: []string{dir}}, 100, 30)
	d.keys("S")
	if d.m.search == nil {
		t.Fatal("S did not open the library search")
	}
	for _, r := range "路灯" {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	// Results stream in commands; the driver ran them.
	d.contains("路灯")
	d.keys("enter")
	if d.m.search != nil || d.m.screen != screenArticle {
		t.Fatalf("enter on a result: search %v, screen %v", d.m.search != nil, d.m.screen)
	}
	if !d.m.article.find.active() {
		t.Error("the opened article does not keep the query for n/N")
	}
	d.checkFits()
}

func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	is := fixtureIssue()
	is.Title = "Evil\x1b]0;owned\x07 \u202eDaily"
	is.Articles[0].Headline = "头条\x1b[2J\x1b]8;;http://x\x07链接"
	is.Articles[0].Blocks[0].Text = "正文\x1b[31m红\x9b31m字\u009b32m"
	d := newDriver(t, Options{Issue: is}, 100, 30)
	for _, keys := range [][]string{nil, {"enter"}, {"?"}} {
		d.keys(keys...)
		v := d.m.View().Content
		for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\x9b31m", "\u009b", "\x1b[31m红", "\u202e"} {
			if strings.Contains(v, bad) {
				t.Errorf("view after %v contains %q", keys, bad)
			}
		}
		d.keys("?")
	}
}

func TestAmbiguousToggle(t *testing.T) {
	// Without restart (bao serve): the layout follows at once.
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 30)
	d.keys("enter", "w")
	if d.m.c.widths.Ambiguous() != layout.Wide || d.m.article.set.Widths.Ambiguous() != layout.Wide {
		t.Error("w did not switch the layout to wide")
	}
	d.contains("ambiguous width: wide")
	d.checkFits()

	// With restart: the program quits and reports where to reopen.
	d = newDriver(t, Options{Issue: fixtureIssue(), CanRestart: true}, 100, 30)
	d.keys("enter", "space", "w")
	r, ok := d.m.Restart()
	if !ok || !d.quit {
		t.Fatal("w with CanRestart did not quit for a restart")
	}
	top := d.m.article.topPosition()
	if r.Screen != "article" || r.Article != 0 || r.Block != top.Block || r.Offset != top.Offset {
		t.Errorf("resume = %+v, want article 0 at %+v", r, top)
	}
	back, err := DecodeResume(EncodeResume(r))
	if err != nil || *back != *r {
		t.Errorf("resume round trip: %+v, %v", back, err)
	}

	// Reopening with that resume lands on the same text.
	d2 := newDriver(t, Options{Issue: fixtureIssue(), Resume: r, Ambiguous: ambiguous.Wide}, 100, 30)
	if d2.m.screen != screenArticle {
		t.Fatalf("resumed on %v, want article", d2.m.screen)
	}
	if got := d2.m.article.topPosition(); got.Block != top.Block {
		t.Errorf("resumed at %+v, want block %d", got, top.Block)
	}
}

// writeLibrary writes invented issue files named by date into a folder.
func writeLibrary(t testing.TB, dates ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i, d := range dates {
		text := fmt.Sprintf("第%d期 河畔新闻\n\n读者来信选登\n\n一位读者写信说，社区的路灯修好了，晚上散步安心多了。\n", i+1)
		sub := filepath.Join(dir, d[:4])
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, d+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLibrarySearchOpensTheIndex: a library of search.MinIndexedFiles
// issues or more is searched with the index Options.SearchIndex opens; a
// smaller one, or a forced encoding, without.
func TestLibrarySearchOpensTheIndex(t *testing.T) {
	for _, c := range []struct {
		issues   int
		encoding string
		want     bool
	}{
		{search.MinIndexedFiles, "", true},
		{search.MinIndexedFiles - 1, "", false},
		{search.MinIndexedFiles, "gb18030", false},
	} {
		var dates []string
		for i := range c.issues {
			dates = append(dates, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"))
		}
		dir := writeLibrary(t, dates...)
		cache := t.TempDir()
		opened := 0
		d := newDriver(t, Options{Paths: []string{dir}, Encoding: c.encoding, SearchIndex: func() (*search.Index, error) {
			opened++
			return search.OpenIndex(cache, "library")
		}}, 100, 30)
		d.keys("S")
		for _, r := range "路灯" {
			d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		if c.encoding == "" {
			d.contains("路灯")
		}
		if got := opened > 0; got != c.want {
			t.Errorf("%d issues, encoding %q: index opened %d times, want it %v", c.issues, c.encoding, opened, c.want)
		}
	}
}

func TestShelf(t *testing.T) {
	dir := writeLibrary(t, "2023-12-28", "2023-12-29", "2024-01-02", "2022-12-28", "2024-02-10")
	d := newDriver(t, Options{Paths: []string{dir}}, 100, 30)
	if d.m.screen != screenShelf {
		t.Fatalf("screen = %v, want shelf", d.m.screen)
	}
	d.contains("5 issues", "2024 February", "2023 December", "2022 December", "issue 1/5")
	d.checkFits()
	text := d.text()
	if strings.Index(text, "2024-02-10") > strings.Index(text, "2022-12-28") {
		t.Error("shelf is not newest first")
	}
	if !strings.Contains(text, "article") {
		t.Error("article counts never appeared")
	}
	d.keys("G")
	d.contains("issue 5/5")
	d.keys("g")
	d.contains("issue 1/5")
	// Typing a date jumps to it: the newest 12-28 is 2023's.
	d.keys("1", "2", "-", "2", "8")
	if e := d.m.lib.Entry(d.m.shelf.selected); e.Date.Format("2006-01-02") != "2023-12-28" {
		t.Errorf("typed 12-28: selected %s", e.Path)
	}
	d.keys("esc")
	d.keys("2", "0", "2", "2")
	if e := d.m.lib.Entry(d.m.shelf.selected); e.Date.Year() != 2022 {
		t.Errorf("typed 2022: selected %s", e.Path)
	}
	d.keys("enter") // opens the issue the date selected
	if d.m.screen != screenFront {
		t.Fatalf("enter on the shelf: screen %v", d.m.screen)
	}
	d.keys("[")
	d.contains("oldest issue") // 2022 is the oldest: nothing older
	d.keys("]")
	if e := d.m.lib.Entry(d.m.issueIdx); e.Date.Format("2006-01-02") != "2023-12-28" {
		t.Errorf("] opened %s, want the next newer issue", e.Path)
	}
	d.back(screenShelf)
	d.quits("the shelf")
}

func TestSingleFileSkipsTheShelf(t *testing.T) {
	dir := writeLibrary(t, "2024-03-01")
	d := newDriver(t, Options{Paths: []string{filepath.Join(dir, "2024", "2024-03-01.txt")}}, 80, 24)
	if d.m.screen != screenFront {
		t.Fatalf("one file: screen %v, want front", d.m.screen)
	}
}

func TestMissingFileIsAnError(t *testing.T) {
	d := newDriver(t, Options{Paths: []string{filepath.Join(t.TempDir(), "nope.txt")}}, 80, 24)
	if !d.quit || d.m.Err() == nil || !strings.Contains(d.m.Err().Error(), "nope.txt") {
		t.Errorf("missing file: quit=%v err=%v", d.quit, d.m.Err())
	}
}

func TestNoPathOpensTheSample(t *testing.T) {
	d := newDriver(t, Options{}, 80, 24)
	if d.m.screen != screenFront || d.m.issue == nil || len(d.m.issue.Articles) == 0 {
		t.Fatalf("no path: screen %v", d.m.screen)
	}
	d.checkFits()
}

func TestTinyWindows(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {10, 3}, {40, 10}} {
		d := newDriver(t, Options{Issue: fixtureIssue()}, size[0], size[1])
		d.checkFits()
		d.keys("enter", "space", "j")
		d.checkFits()
		d.keys("?")
		d.checkFits()
	}
}

func TestReadingStateIsKept(t *testing.T) {
	data := t.TempDir()
	lib := writeLibrary(t, "2024-03-01", "2024-03-02")
	file := filepath.Join(lib, "2024", "2024-03-01.txt")
	long := "头版\n\n"
	for i := 1; i <= 40; i++ {
		long += fmt.Sprintf("第%d段。街角的面包店清晨五点就亮了灯，排队的人从门口一直排到了路口。\n\n", i)
	}
	if err := os.WriteFile(file, []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, Options{Paths: []string{file}, DataDir: data}, 60, 20)
	if d.m.store == nil {
		t.Fatal("store not opened from DataDir")
	}
	d.keys("q")
	// Opened and left without reading: it opens on the front page again.
	d = newDriver(t, Options{Paths: []string{file}, DataDir: data}, 60, 20)
	if d.m.screen != screenFront {
		t.Fatalf("an issue only opened before reopens on %v, want the front page", d.m.screen)
	}
	d.keys("enter", "space", "j")
	if d.m.screen != screenArticle {
		t.Fatalf("screen %v", d.m.screen)
	}
	at := d.m.article.topPosition()
	d.keys("q", "q")
	if !d.quit {
		t.Fatal("did not quit")
	}

	// Reopen: the same article at the same text, marked read.
	d = newDriver(t, Options{Paths: []string{file}, DataDir: data}, 60, 20)
	if d.m.screen != screenArticle {
		t.Fatalf("reopened on %v, want the article", d.m.screen)
	}
	if got := d.m.article.topPosition(); got != at {
		t.Errorf("reopened at %+v, want %+v", got, at)
	}
	d.contains("back where you left off")
	if !d.m.front.read[d.m.article.index] {
		t.Error("the article read before is not marked read")
	}
}

// TestRandomKeysAlwaysFit presses random keys of every screen and resizes
// at random: the view must always be exactly the window, whatever the
// state, and nothing may panic.
func TestRandomKeysAlwaysFit(t *testing.T) {
	names := []string{"j", "k", "down", "up", "space", "f", "pgdown", "b", "pgup", "d", "u", "g", "G",
		"home", "end", "h", "l", "left", "right", "[", "]", "enter", "esc", "q", "?", "/", "n", "N",
		"S", "m", "'", "+", "-", "J", "v", "1", "2", "-", "backspace", "x", "新"}
	// Not w: without a restart it changes the layout's width model but not
	// the renderer's (x/ansi), so "fits" would be judged by two rulers.
	dir := writeLibrary(t, "2024-01-01", "2024-01-02", "2023-12-28")
	r := rand.New(rand.NewPCG(1, 2))
	for run := 0; run < 6; run++ {
		opt := Options{Issue: fixtureIssue()}
		if run%2 == 1 {
			opt = Options{Paths: []string{dir}}
		}
		d := newDriver(t, opt, 80, 24)
		for step := 0; step < 300 && !d.quit; step++ {
			if r.IntN(12) == 0 {
				d.send(tea.WindowSizeMsg{Width: 1 + r.IntN(220), Height: 1 + r.IntN(70)})
			} else {
				k := names[r.IntN(len(names))]
				if (k == "q" || k == "esc") && r.IntN(3) > 0 {
					continue // quit less often, to get deeper
				}
				d.keys(k)
			}
			if d.quit {
				break
			}
			d.checkFits()
			if t.Failed() {
				t.Fatalf("run %d step %d", run, step)
			}
		}
	}
}

func TestMarkdownView(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 30)
	d.keys("enter", "M")
	d.contains("for issues read from Markdown files")
	if d.m.article.md != nil {
		t.Fatal("M opened the Markdown view of a text issue")
	}

	is := fixtureIssue()
	is.Format = issues.FormatMarkdown
	d = newDriver(t, Options{Issue: is}, 100, 30)
	d.keys("enter", "M")
	if d.m.article.md == nil {
		t.Fatal("M did not open the Markdown view")
	}
	d.contains("Markdown view", "河畔社区的一年", "第1段")
	d.checkFits()
	d.keys("G")
	d.contains("第60段")
	d.keys("M")
	if d.m.article.md != nil {
		t.Error("M did not go back to the columns")
	}
	d.checkFits()
}

func TestArticleMarkdown(t *testing.T) {
	a := &issues.Article{Kicker: "观察", Headline: "标题", Subheadline: "副题", Byline: "记者 甲",
		Blocks: []issues.Block{{Kind: issues.KindText, Text: "正文。"}, {Kind: issues.KindSubhead, Text: "小标题"},
			{Kind: issues.KindCaption, Text: "图为街景"}, {Kind: issues.KindText, Text: "又一段\x1b[31m。"}}}
	want := "**观察**\n\n# 标题\n\n## 副题\n\n*记者 甲*\n\n正文。\n\n### 小标题\n\n*图为街景*\n\n又一段[31m。\n"
	if got := articleMarkdown(a); got != want {
		t.Errorf("articleMarkdown = %q, want %q", got, want)
	}
}

// TestPageTurnsRepeatNothing: in two or more columns, each page turn shows
// the lines after the last page's, never lines already shown, down to a
// short, balanced last page.
func TestPageTurnsRepeatNothing(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {200, 60}, {90, 25}, {40, 20}} {
		d := newDriver(t, Options{Issue: fixtureIssue()}, size[0], size[1])
		d.keys("enter")
		a := d.m.article
		var starts []int
		for turn := 0; turn < 200; turn++ {
			if n := len(starts); n > 0 && a.first != a.set.PageEnd(starts[n-1], a.bodyHeight()) {
				t.Fatalf("%v: page %d starts at line %d, the page before ended at %d", size, turn, a.first, a.set.PageEnd(starts[n-1], a.bodyHeight()))
			}
			starts = append(starts, a.first)
			d.checkFits()
			if a.atEnd() {
				break
			}
			d.keys("space")
			a = d.m.article
		}
		if !a.atEnd() {
			t.Errorf("%v: never reached the end", size)
		}
		// and back, page by page, through the same pages
		for k := len(starts) - 2; k >= 0; k-- {
			d.keys("b")
			if a = d.m.article; a.first > starts[k] || a.pageEnd() != starts[k+1] {
				t.Errorf("%v: back to page %d: top line %d ending at %d, want the page from %d to %d", size, k+1, a.first, a.pageEnd(), starts[k], starts[k+1])
			}
		}
	}
}

// TestUnicodeCoreModeWidths: once the terminal reports mode 2027 (in any
// state but "not recognized", as bubbletea's renderer takes it), the layout
// counts per grapheme cluster like the renderer; before, per code point.
func TestUnicodeCoreModeWidths(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 120, 40)
	d.keys("enter")
	if d.m.c.widths.Graphemes() || d.m.article.set.Widths.Graphemes() {
		t.Fatal("counting per cluster before the terminal said so")
	}
	d.send(tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeNotRecognized})
	if d.m.c.widths.Graphemes() {
		t.Fatal("a terminal without mode 2027 switched the width model")
	}
	d.send(tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset})
	if !d.m.c.widths.Graphemes() || !d.m.article.set.Widths.Graphemes() {
		t.Error("mode 2027 reported: the layout does not count per cluster")
	}
	d.checkFits()
}
