package main

import (
	"path/filepath"
	"strings"
	"testing"

	"bao/reader/layout"
)

// TestVerticalEndToEndInTmux toggles v on an article in a real terminal:
// the headline reads down the right edge, paging turns to the lines
// further left, a resize keeps the text at the right edge, and v again
// goes back to the columns.
func TestVerticalEndToEndInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	lib := writeFixtureLibrary(t)
	s := startTmux(t, 100, 30, bin+" "+filepath.Join(lib, "2024-05-06.txt"))
	s.openLongArticle()
	s.keys("v")
	scr := s.waitFor("vertical")
	checkFits(t, scr, 100)
	// The head (here a kicker, then the headline) reads down the right edge.
	if got := verticalLine(scr, 100, 0) + verticalLine(scr, 100, 1) + verticalLine(scr, 100, 2); !strings.Contains(got, "老街区的新书房") {
		t.Errorf("the rightmost lines read %q, want the headline:\n%s", got, scr)
	}
	s.keys("Space")
	scr = s.waitFor("page 2/")
	checkFits(t, scr, 100)
	first := []rune(verticalLine(scr, 100, 0))
	if len(first) < 3 {
		t.Fatalf("page 2 starts with a short line %q:\n%s", string(first), scr)
	}
	want := string(first[:4])

	scr = s.resize(70, 24)
	checkFits(t, scr, 70)
	if got := verticalLine(scr, 70, 0) + verticalLine(scr, 70, 1); !strings.Contains(got, want) {
		t.Errorf("after resizing the right edge reads %q, want it to hold %q:\n%s", got, want, scr)
	}
	s.keys("v")
	scr = s.waitFor("horizontal")
	if strings.Contains(scr, "| vertical") {
		t.Errorf("v did not go back to columns:\n%s", scr)
	}
	if got := topBodyText(t, scr); !strings.Contains(squash(got), want) {
		t.Errorf("back in columns the top line is %q, want it near %q", got, want)
	}
	s.keys("q", "q")
	s.waitFor("BAO-EXIT=0")
}

// verticalLine reads the k-th vertical line from the right edge of a
// screen width cells wide: the two-cell slots at its column, top to bottom
// (the status line excluded), spaces and the paragraph indent dropped.
func verticalLine(scr string, width, k int) string {
	w := layout.NewWidths(layout.Narrow)
	perPage := (width + 1) / 3
	x0 := width - (3*perPage - 1) + 3*(perPage-1-k)
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	var b strings.Builder
	for _, l := range lines[:len(lines)-1] {
		x := 0
		for _, r := range l {
			if x >= x0 && x < x0+2 && r != ' ' && r != '\u3000' {
				b.WriteRune(r)
			}
			x += w.Rune(r)
		}
	}
	return b.String()
}
