package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"bao/internal/testfiles"
	"bao/reader/bookmarks"
)

// longIssueFile writes an issue file with one long article of numbered
// paragraphs (so any place in it is recognisable) and a short one.
func longIssueFile(t *testing.T) string {
	t.Helper()
	text := testfiles.Numbered("河畔日报\n\n社区书房开到深夜\n\n本报记者 周远\n\n",
		"第%02d段。夜里十点，书房的灯还亮着，值班的志愿者说来读书的多是附近加班回来的年轻人。", 60)
	path := filepath.Join(t.TempDir(), "2024-05-06.txt")
	testfiles.WriteFile(t, path, text+"河边步道完工\n\n步道沿河修了三公里，傍晚散步的人多了起来。\n")
	return path
}

func typeText(d *driver, s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// TestBookmarksInTheReader: m marks the place with a note; ' lists it;
// enter jumps back to it from another article, at another window size, in
// columns and vertically; e edits the note, d deletes and u undoes, /
// filters; the front page shows the mark; a second reader on the same data
// directory sees the bookmark.
func TestBookmarksInTheReader(t *testing.T) {
	data, file := t.TempDir(), longIssueFile(t)
	d := newDriver(t, Options{Paths: []string{file}, DataDir: data}, 100, 30)
	d.keys("enter", "space", "space", "j")
	at := d.m.article.topPosition()
	d.keys("m")
	typeText(d, "夜读")
	d.contains("note (enter saves, esc cancels): 夜读")
	d.keys("enter")
	d.contains("bookmarked:")
	bs := d.m.store.Bookmarks()
	if len(bs) != 1 || bs[0].Note != "夜读" || bs[0].Block != at.Block || bs[0].Offset != at.Offset {
		t.Fatalf("bookmarks = %+v, want one at %+v with the note", bs, at)
	}
	quote := []rune(bs[0].Quote)

	// From another article and another size, the jump shows the marked text.
	d.keys("l")
	d.send(tea.WindowSizeMsg{Width: 61, Height: 24})
	d.keys("'")
	d.contains("Bookmarks (1)", "note: 夜读")
	d.keys("enter")
	if d.m.screen != screenArticle || d.m.article.index != bs[0].Article {
		t.Fatalf("enter did not open the bookmarked article (screen %v)", d.m.screen)
	}
	d.contains(string(quote[:6]))
	d.checkFits()

	// Vertically too.
	d.keys("v", "G", "'", "enter")
	if d.m.article.vert == nil {
		t.Fatal("the jump left vertical mode")
	}
	line, _ := d.m.article.vert.set.Locate(at)
	if v := d.m.article.vert; line < v.first || line >= v.first+v.set.PerPage {
		t.Errorf("vertical: the marked text is on line %d, off screen (%d..)", line, v.first)
	}
	d.keys("v")

	// e edits the note; / filters; d deletes, u undoes.
	d.keys("'", "e")
	typeText(d, "！")
	d.keys("enter")
	if b, _ := d.m.store.Get(bs[0].ID); b.Note != "夜读！" {
		t.Errorf("note after e = %q", b.Note)
	}
	d.keys("/")
	typeText(d, "没有这个")
	d.contains("0 of 1")
	d.keys("esc") // cancels the filter, the list stays
	d.contains("Bookmarks (1)")
	d.keys("d")
	if n := len(d.m.store.Bookmarks()); n != 0 {
		t.Errorf("d left %d bookmarks", n)
	}
	d.contains("Bookmarks (0)")
	d.keys("u")
	if n := len(d.m.store.Bookmarks()); n != 1 {
		t.Errorf("u: %d bookmarks, want 1", n)
	}
	d.keys("q", "q")
	if d.m.screen != screenFront {
		t.Fatalf("q from the list and the article: screen %v", d.m.screen)
	}
	d.contains("1 bookmarked")

	// esc at the note prompt adds nothing.
	d.keys("enter", "m", "esc")
	d.contains("not bookmarked")
	if n := len(d.m.store.Bookmarks()); n != 1 {
		t.Errorf("esc at the prompt: %d bookmarks, want 1", n)
	}

	// Another reader on the same data directory lists it.
	d2 := newDriver(t, Options{Paths: []string{file}, DataDir: data}, 80, 24)
	d2.keys("'")
	d2.contains("Bookmarks (1)", "note: 夜读！")
}

// TestBookmarkOfAMissingIssue stays listed, marked, and says so on enter.
func TestBookmarkOfAMissingIssue(t *testing.T) {
	data, file := t.TempDir(), longIssueFile(t)
	d := newDriver(t, Options{Paths: []string{file}, DataDir: data}, 80, 24)
	d.keys("enter", "m", "enter")
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	d2 := newDriver(t, Options{Issue: fixtureIssue(), DataDir: data}, 80, 24)
	d2.keys("'")
	d2.contains("Bookmarks (1)", "[missing]")
	d2.keys("enter")
	d2.contains("gone")
}

// TestMarkListMoves: the moving keys of the bookmark list, from the third
// of ten bookmarks with four to a page, clamped at the ends; d and u are
// delete and undo there, so only ctrl+d and ctrl+u move half a page.
func TestMarkListMoves(t *testing.T) {
	tests := []struct {
		key  tea.KeyPressMsg
		want int
	}{
		{keyMsg("j"), 3},
		{keyMsg("down"), 3},
		{keyMsg("k"), 1},
		{keyMsg("pgdown"), 6},
		{keyMsg("pgup"), 0},
		{tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, 4},
		{tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, 0},
		{keyMsg("G"), 9},
		{keyMsg("g"), 0},
		{keyMsg("d"), 2}, // deletes (no store here: nothing), does not move
		{keyMsg("u"), 2},
		{keyMsg("x"), 2},
	}
	bs := make([]bookmarks.Bookmark, 10)
	for i := range bs {
		bs[i].ID = fmt.Sprint(i)
	}
	for _, tt := range tests {
		t.Run(tt.key.String(), func(t *testing.T) {
			l := newMarkList(&common{height: 3 + 4*rowsPerItem, keys: defaultKeys()}, bs)
			l.sel = 2
			l.key(tt.key, nil)
			if l.sel != tt.want {
				t.Errorf("selected %d, want %d", l.sel, tt.want)
			}
		})
	}
}
