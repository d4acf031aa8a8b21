package ui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"bao/issues"
)

// TestVerticalMode drives v in an article: the headline stands at the
// right edge, paging moves by the lines of a page, a resize keeps the text
// at the right edge, a search match is turned to, and v again goes back to
// the columns at the same text.
func TestVerticalMode(t *testing.T) {
	d := newDriver(t, Options{Issue: fixtureIssue()}, 100, 30)
	d.keys("enter", "v")
	a := d.m.article
	if a.vert == nil {
		t.Fatal("v did not turn vertical mode on")
	}
	d.checkFits()
	d.contains("vertical", "page 1/")
	// The kicker 城市观察 reads down the rightmost line.
	rows := d.screen()
	for i, r := range []rune("城市观察") {
		if !strings.HasSuffix(strings.TrimRight(rows[i], " "), string(r)) {
			t.Errorf("row %d does not end with %q: %q", i, r, rows[i])
		}
	}
	per := a.vert.set.PerPage
	d.keys("space")
	if a.vert.first != per {
		t.Errorf("space: first line %d, want %d", a.vert.first, per)
	}
	d.keys("j")
	if a.vert.first != per+1 {
		t.Errorf("j: first line %d, want %d", a.vert.first, per+1)
	}
	at := a.topPosition()
	for _, size := range [][2]int{{70, 20}, {200, 60}, {41, 12}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		d.checkFits()
		v := d.m.article.vert
		line, _ := v.set.Locate(at)
		if v.first != line && v.first != max(len(v.set.Lines)-v.set.PerPage, 0) {
			t.Errorf("%v: right edge shows line %d, the anchor %+v is on line %d", size, v.first, at, line)
		}
	}
	// Search turns to the match.
	d.keys("/")
	for _, r := range "第50段" {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	d.keys("enter")
	p, _ := a.find.current()
	line, _ := a.vert.set.Locate(p)
	if line < a.vert.first || line >= a.vert.first+a.vert.set.PerPage {
		t.Errorf("match on line %d is off screen (lines %d..%d)", line, a.vert.first, a.vert.first+a.vert.set.PerPage)
	}
	d.keys("esc")
	// Back to columns at the same text.
	at = a.topPosition()
	d.keys("v")
	if a.vert != nil {
		t.Fatal("v did not turn vertical mode off")
	}
	ln := a.set.Body[a.first]
	if at != (issues.Place{}) && (ln.Block != at.Block || at.Offset < ln.Start || at.Offset > ln.End) && a.first != a.maxFirst() {
		t.Errorf("back in columns the top line shows block %d [%d,%d), want %+v", ln.Block, ln.Start, ln.End, at)
	}
	d.checkFits()
}

// TestVerticalIsKeptPerIssue: v is remembered for the issue and carried to
// its next article; the reopened issue is vertical again.
func TestVerticalIsKeptPerIssue(t *testing.T) {
	data := t.TempDir()
	lib := writeLibrary(t, "2024-03-01")
	file := filepath.Join(lib, "2024", "2024-03-01.txt")
	d := newDriver(t, Options{Paths: []string{file}, DataDir: data}, 80, 24)
	d.keys("enter", "v")
	if !d.m.vertical {
		t.Fatal("v did not set the issue vertical")
	}
	d.keys("q", "q", "q")
	d = newDriver(t, Options{Paths: []string{file}, DataDir: data}, 80, 24)
	if d.m.screen == screenFront {
		d.keys("enter")
	}
	if d.m.article == nil || d.m.article.vert == nil {
		t.Error("the issue read vertically reopens in columns")
	}
	// The configured default does not override what the issue keeps.
	d = newDriver(t, Options{Paths: []string{file}, DataDir: t.TempDir(), Vertical: true}, 80, 24)
	d.keys("enter")
	if d.m.article == nil || d.m.article.vert == nil {
		t.Error("Options.Vertical did not open the article vertically")
	}
}
