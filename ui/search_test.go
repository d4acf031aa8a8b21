package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/internal/testfiles"
	"bao/issues"
	"bao/reader/layout"
	"bao/reader/search"
)

// searchKey is a key press: "enter", "esc", "backspace", "down", "up" or text.
func searchKey(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	}
	return tea.KeyPressMsg{Code: []rune(name)[0], Text: name}
}

var findArticle = issues.Article{
	Headline: "拉薩市舉行新春聯歡會",
	Blocks: []issues.Block{
		{Kind: issues.KindText, Text: "本报讯 今年的联欢会在拉\n萨市文化宫举行，来自各地的乐团参加了演出。"},
		{Kind: issues.KindText, Text: "观众们说明年还要来拉萨看联欢会。"},
	},
}

func TestFindBarAsYouType(t *testing.T) {
	var f findBar
	f.clear()
	f.open()
	top := issues.Place{}
	for _, k := range []string{"拉", "薩"} {
		f.key(searchKey(k), &findArticle, top)
	}
	if f.counter() != "1/3" || f.prompt() != "/拉薩" {
		t.Fatalf("after typing: %s %s", f.counter(), f.prompt())
	}
	if p, _ := f.current(); p != (issues.Place{Block: issues.BlockHeadline, Offset: 0}) {
		t.Errorf("current %+v, want the headline", p)
	}
	f.key(searchKey("enter"), &findArticle, top)
	if f.editing || !f.active() {
		t.Fatal("enter should keep the highlights and stop editing")
	}
	var seen []string
	for range 4 {
		f.key(searchKey("n"), &findArticle, top)
		p, _ := f.current()
		seen = append(seen, f.counter())
		_ = p
	}
	if want := []string{"2/3", "3/3", "1/3", "2/3"}; !slices.Equal(seen, want) {
		t.Errorf("n: %v, want %v", seen, want)
	}
	f.key(searchKey("N"), &findArticle, top)
	if f.counter() != "1/3" {
		t.Errorf("N: %s", f.counter())
	}
	if handled, _ := f.key(searchKey("esc"), &findArticle, top); !handled || f.active() {
		t.Error("esc should clear")
	}
}

func TestFindBarStartsAtTheReadersPlace(t *testing.T) {
	var f findBar
	f.clear()
	f.open()
	f.paste("拉萨", &findArticle, issues.Place{Block: 1, Offset: 0})
	if f.counter() != "3/3" {
		t.Errorf("from block 1: %s, want the match in block 1", f.counter())
	}
	f.clear()
	f.open()
	f.paste("巴黎", &findArticle, issues.Place{})
	if f.counter() != "no match" {
		t.Errorf("no match: %s", f.counter())
	}
	f.key(searchKey("enter"), &findArticle, issues.Place{})
	if f.active() {
		t.Error("enter on no match should close the bar")
	}
}

// TestHighlightLineCells: the styled line is the line's text, and the
// highlighted runs are exactly the matched text, at several widths and
// both ambiguous-width policies.
func TestHighlightLineCells(t *testing.T) {
	hit := lipgloss.NewStyle().SetString("").Reverse(true)
	for _, amb := range []layout.Ambiguous{layout.Narrow, layout.Wide} {
		for _, width := range []int{14, 23, 40, 90} {
			l := layout.Article(&findArticle, layout.Options{Width: width, Ambiguous: amb})
			var f findBar
			f.clear()
			f.open()
			f.paste("拉萨市", &findArticle, issues.Place{})
			spans, cur := f.spans(l)
			var got []string
			draw := func(lines []layout.Line, head bool) {
				for i := range lines {
					ls := lineHighlights(spans, cur, head, i)
					out := highlightLine(&lines[i], ls, lipgloss.NewStyle(), hit, hit.Bold(true))
					if ansi.Strip(out) != lines[i].Text {
						t.Errorf("%v %d: line %q drawn as %q", amb, width, lines[i].Text, ansi.Strip(out))
					}
					for _, s := range ls {
						_, mid, _ := lines[i].Cut(s.x0, s.x1)
						got = append(got, mid)
					}
				}
			}
			draw(l.Head, true)
			draw(l.Body, false)
			// The line break inside 拉\n萨 shows as a space (and justification
			// may widen it); the highlight covers it.
			if joined := strings.Join(strings.Fields(strings.Join(got, "")), ""); joined != "拉薩市拉萨市" {
				t.Errorf("%v width %d: highlighted %q", amb, width, joined)
			}
		}
	}
}

func writeSearchLibrary(t *testing.T) []search.File {
	t.Helper()
	dir := t.TempDir()
	testfiles.Daily(t, dir, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 40, "2006-01-02", func(i int) string {
		if i%10 == 3 {
			return "拉萨消息\n\n拉萨市民在广场散步。\n"
		}
		return "本地新闻\n\n今天天气晴朗。\n"
	})
	files, _, err := search.ListFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(files)
	return files
}

// drain runs cmd and feeds its messages back until the search is final.
func drain(t *testing.T, s *archiveSearch, cmd tea.Cmd) {
	t.Helper()
	for cmd != nil {
		msg := cmd()
		if msg == nil {
			return
		}
		cmd, _ = s.handle(msg)
	}
}

func TestArchiveSearchStreamsAndOpens(t *testing.T) {
	files := writeSearchLibrary(t)
	s := newArchiveSearch(files, search.Options{}, layout.NewWidths(layout.Narrow))
	cmd, _ := s.handle(searchKey("拉"))
	// A new keystroke replaces the search under way: its batches are dropped.
	cmd2, _ := s.handle(searchKey("薩"))
	if cmd != nil {
		if msg := cmd(); msg != nil {
			if c, _ := s.handle(msg); c != nil {
				t.Log("stale search still streaming") // allowed, but its results must not count
			}
		}
	}
	drain(t, s, cmd2)
	if !s.finished || len(s.results) != 4 {
		t.Fatalf("finished %v, %d results, status %q", s.finished, len(s.results), s.status())
	}
	if s.results[0].Date != "2024-02-03" {
		t.Errorf("first result %s, want the newest", s.results[0].Date)
	}
	view, _ := s.render(60, 12)
	screen := ansi.Strip(view)
	for _, want := range []string{"search: 拉薩", "2024-02-03", "拉萨消息", "拉萨市民在广场散步。", "4 articles in 40 issues"} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	s.handle(searchKey("down"))
	_, open := s.handle(searchKey("enter"))
	if open == nil || filepath.Base(open.Path) != "2024-01-24.txt" || open.Article != 0 || open.Query != "拉薩" {
		t.Fatalf("open %+v", open)
	}
	if p := open.Match.Place; p.Block != issues.BlockHeadline {
		t.Errorf("open at %+v, want the headline match", p)
	}
	s.handle(searchKey("esc"))
	if !s.closed {
		t.Error("esc should close the screen")
	}
}

func TestArchiveSearchEmptyAndNoMatch(t *testing.T) {
	files := writeSearchLibrary(t)
	s := newArchiveSearch(files, search.Options{}, layout.NewWidths(layout.Narrow))
	if !strings.Contains(s.status(), "type to search 40 issues") {
		t.Errorf("status %q", s.status())
	}
	cmd, _ := s.handle(searchKey("巴"))
	drain(t, s, cmd)
	if len(s.results) != 0 || !strings.Contains(s.status(), "no match in 40 issues") {
		t.Errorf("status %q", s.status())
	}
	cmd, _ = s.handle(searchKey("backspace"))
	drain(t, s, cmd)
	if len(s.results) != 0 || s.err != "" {
		t.Errorf("empty query: %d results, err %q", len(s.results), s.err)
	}
	s.handle(searchKey("enter")) // nothing to open: no panic
}

func TestSearchFilesOfKeepsTheShelfOrder(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"2024-01-01", "2024-03-01", "2024-02-01"} {
		os.WriteFile(filepath.Join(dir, d+".txt"), []byte("标题\n\n正文。\n"), 0o644)
	}
	lib, err := issues.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := searchFilesOf(LibraryOf(lib))
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.Path))
		if f.Size == 0 || f.ModTime.IsZero() {
			t.Errorf("%s: no size or mtime", f.Path)
		}
	}
	if want := []string{"2024-03-01.txt", "2024-02-01.txt", "2024-01-01.txt"}; !slices.Equal(names, want) {
		t.Errorf("order %v, want %v", names, want)
	}
}

// TestArchiveSearchViewFits: every line of the results screen fits the
// width, under both ambiguous-width policies.
func TestArchiveSearchViewFits(t *testing.T) {
	files := writeSearchLibrary(t)
	for _, amb := range []layout.Ambiguous{layout.Narrow, layout.Wide} {
		w := layout.NewWidths(amb)
		s := newArchiveSearch(files, search.Options{}, w)
		cmd, _ := s.handle(tea.PasteMsg{Content: "拉萨 广场"})
		drain(t, s, cmd)
		if len(s.results) == 0 {
			t.Fatal("no results")
		}
		for _, width := range []int{12, 20, 33, 80} {
			view, _ := s.render(width, 10)
			for i, line := range strings.Split(view, "\n") {
				if got := w.String(ansi.Strip(line)); got > width {
					t.Errorf("%v width %d: line %d is %d cells: %q", amb, width, i, got, ansi.Strip(line))
				}
			}
		}
	}
}

// TestArchiveSearchUsesTheIndex: each search opens the index it is given,
// the first has it built beside the reader once it answered, later ones
// find the same; one that cannot be opened
// leaves the search to go on without it and says so.
func TestArchiveSearchUsesTheIndex(t *testing.T) {
	files := writeSearchLibrary(t)
	dir := t.TempDir()
	opened := 0
	s := newArchiveSearch(files, search.Options{}, layout.NewWidths(layout.Narrow))
	s.openIndex = func() (*search.Index, error) {
		opened++
		return search.OpenIndexWith(dir, "library", search.IndexOptions{Background: true})
	}
	for round, q := range []string{"拉萨", "拉薩市民"} {
		cmd, _ := s.handle(tea.PasteMsg{Content: q})
		drain(t, s, cmd)
		if !s.finished || len(s.results) != 4 || s.err != "" {
			t.Fatalf("%s: finished %v, %d results, err %q", q, s.finished, len(s.results), s.err)
		}
		var idx []string
		for deadline := time.Now().Add(10 * time.Second); len(idx) != 1 && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
			idx, _ = filepath.Glob(filepath.Join(dir, "*", "seg-*.bsx"))
		}
		if len(idx) != 1 || opened != round+1 {
			t.Fatalf("%s: index files %v, opened %d times", q, idx, opened)
		}
		s.query = nil
	}
	ix, err := search.OpenIndex(dir, "library")
	if err != nil {
		t.Fatal(err)
	}
	if ix.Files() != len(files) {
		t.Errorf("the index holds %d files, want %d", ix.Files(), len(files))
	}
	ix.Close()

	s.openIndex = func() (*search.Index, error) { return nil, errors.New("permission denied") }
	cmd, _ := s.handle(tea.PasteMsg{Content: "拉萨"})
	drain(t, s, cmd)
	if len(s.results) != 4 || !strings.Contains(s.status(), "search index not used: permission denied") {
		t.Errorf("%d results, status %q", len(s.results), s.status())
	}
}
