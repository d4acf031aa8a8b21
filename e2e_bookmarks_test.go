package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBookmarkEndToEndInTmux: m in a real terminal, quit, start again at
// another size, ' and enter: the marked text is on screen.
func TestBookmarkEndToEndInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	lib := writeFixtureLibrary(t)
	data := t.TempDir()
	file := filepath.Join(lib, "2024-05-06.txt")
	cmd := bin + " --data-dir " + data + " " + file

	s := startTmux(t, 120, 40, cmd)
	s.openLongArticle()
	// Find paragraph 50 and mark the match: m marks the current match.
	s.keys("/")
	s.keys("-l", "第050段")
	s.keys("Enter")
	s.waitFor("1/1")
	s.keys("m")
	s.waitFor("note (enter saves")
	s.keys("-l", "晚读") // -l: the note as literal text
	s.keys("Enter")
	s.waitFor("bookmarked:")
	s.keys("q", "q")
	s.waitFor("BAO-EXIT=0")
	// The marked text, as the bookmark quotes it.
	var saved struct {
		Bookmarks []struct{ Quote string } `json:"bookmarks"`
	}
	data2, err := os.ReadFile(filepath.Join(data, "bookmarks.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data2, &saved); err != nil || len(saved.Bookmarks) != 1 {
		t.Fatalf("bookmarks.json: %v, %d bookmarks:\n%s", err, len(saved.Bookmarks), data2)
	}
	marked := []rune(squash(saved.Bookmarks[0].Quote))
	if len(marked) < 8 || string(marked[:5]) != "第050段" {
		t.Fatalf("the bookmark quotes %q, want the text from the match 第050段", saved.Bookmarks[0].Quote)
	}
	marked = marked[:8]

	s2 := startTmux(t, 70, 30, cmd)
	// The reading state reopens the article where it was left; go to its
	// top first, so only the bookmark can bring the marked text back.
	s2.waitFor("back where you left off")
	s2.keys("g")
	scr := s2.waitFor("第001段")
	if strings.Contains(squash(scr), string(marked)) {
		t.Fatalf("the marked text %q is on the first page already; the test proves nothing", string(marked))
	}
	s2.keys("'")
	scr = s2.waitFor("Bookmarks (1)")
	if !strings.Contains(scr, "note: 晚读") {
		t.Errorf("the list lacks the note:\n%s", scr)
	}
	s2.keys("Enter")
	scr = s2.waitFor("bookmark:")
	checkFits(t, scr, 70)
	if !strings.Contains(squash(scr), string(marked)) {
		t.Errorf("after the jump the screen lacks the marked text %q:\n%s", string(marked), scr)
	}
	s2.keys("q", "q")
	s2.waitFor("BAO-EXIT=0")
}
