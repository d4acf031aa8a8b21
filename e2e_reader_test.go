package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bao/internal/testfiles"
)

// End-to-end tests of the reader as people use it every day, in tmux:
// esc, the help, the library search's back stack, the terminal cursor
// where the reader types, and a data directory that cannot be written.

// escape sends esc alone: an escape followed at once by a key reads as
// alt+key.
func (s *tmuxSession) escape() {
	s.t.Helper()
	time.Sleep(100 * time.Millisecond)
	s.keys("Escape")
	time.Sleep(150 * time.Millisecond)
}

// waitExit waits for bao's exit status, looking in the scrollback too (in
// a small window stty's report pushes it off the screen).
func (s *tmuxSession) waitExit(code int) string {
	s.t.Helper()
	want := fmt.Sprintf("BAO-EXIT=%d", code)
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.run("capture-pane", "-p", "-J", "-S", "-200", "-t", "bao")
		if strings.Contains(scr, want) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("never saw %s; the screen shows:\n%s", want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// cursor is the terminal cursor's column and row.
func (s *tmuxSession) cursor() string {
	return strings.TrimSpace(s.run("display-message", "-p", "-t", "bao", "#{cursor_x},#{cursor_y}"))
}

// waitCursor polls until the cursor is at want.
func (s *tmuxSession) waitCursor(want string) {
	s.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for s.cursor() != want {
		if time.Now().After(deadline) {
			s.t.Fatalf("cursor at %s, want %s; the screen shows:\n%s", s.cursor(), want, s.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestEscNeverQuitsInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	s := startTmux(t, 100, 30, bin+" "+writeFixtureLibrary(t))
	s.waitFor("3 issues")
	// The report: a date typed on the shelf, then j, then esc.
	s.keys("2", "0", "2", "3")
	s.waitFor("go to date: 2023")
	s.keys("j")
	s.escape()
	s.waitFor("q quits")
	s.escape()
	// Into an article and back out with esc alone: never past the shelf.
	s.keys("g", "Enter")
	s.waitFor("article 1/")
	s.keys("Enter")
	s.waitFor("page 1/")
	for _, want := range []string{"article 1/", "3 issues", "q quits"} {
		s.escape()
		s.waitFor(want)
	}
	if strings.Contains(s.capture(), "BAO-EXIT") {
		t.Fatalf("esc quit bao:\n%s", s.capture())
	}
	s.keys("q")
	s.waitFor("BAO-EXIT=0")
}

func TestHelpScrollsInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	for _, size := range [][2]int{{80, 20}, {40, 12}} {
		s := startTmux(t, size[0], size[1], bin+" "+writeFixtureLibrary(t))
		s.waitFor("issues")
		s.keys("Enter")
		s.waitFor("article 1/")
		s.keys("Enter")
		s.waitFor("page")
		s.keys("?")
		scr := s.waitFor("keys of the article")
		checkFits(t, scr, size[0])
		// Line by line to the end: every binding passes by, and the
		// last line of the help is reached.
		seen := squash(scr)
		for i := 0; i < 80 && !strings.Contains(squash(scr), squash("q, esc or ?")); i++ {
			s.keys("j")
			time.Sleep(40 * time.Millisecond)
			scr = s.capture()
			checkFits(t, scr, size[0])
			seen += squash(scr)
		}
		for _, want := range []string{"linedown", "previousarticle", "morecolumns", "justified/ragged",
			"vertical/horizontaltext", "Markdownview", "bookmarkhere", "searchthelibrary", "scroll3lines", "q,escor?"} {
			if !strings.Contains(seen, want) {
				t.Errorf("%v: scrolling the help never showed %q", size, want)
			}
		}
		s.keys("q")
		s.waitFor("page")
		s.keys("q", "q", "q")
		s.waitExit(0)
	}
}

func TestSearchBackStackAndCursorInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	s := startTmux(t, 100, 30, bin+" "+testfiles.SearchLibrary(t))
	s.waitFor("4 issues")
	// The date being typed: the cursor after it, in the status line.
	s.keys("2", "0")
	s.waitFor("go to date: 20")
	s.waitCursor(fmt.Sprint(1+len("go to date: 20"), ",29"))
	s.escape()
	s.keys("S")
	s.waitFor("search:")
	s.waitCursor(fmt.Sprint(len("search: "), ",0"))
	s.keys("书房") // four wide cells
	s.waitFor("3 articles in 4 issues")
	s.waitCursor(fmt.Sprint(len("search: ")+4, ",0"))
	s.keys("Down", "Enter")
	s.waitFor("第2期")
	s.waitFor("/书房 1/1") // 第2期 is the second result, 2024-04-01
	// Back to the results, the same one selected.
	s.keys("q")
	scr := s.waitFor("3 articles in 4 issues")
	if !strings.Contains(scr, "> 2024-04-01") {
		t.Errorf("back from the result: the selection moved:\n%s", scr)
	}
	s.escape()
	s.waitFor("issue 2/4")
	// S brings the search back.
	s.keys("S")
	scr = s.waitFor("search: 书房")
	if !strings.Contains(scr, "3 articles in 4 issues") {
		t.Errorf("S again lost the results:\n%s", scr)
	}
	// The find bar in an article: the cursor after the query.
	s.escape()
	s.keys("Enter")
	s.waitFor("article 1/")
	s.keys("Enter", "/")
	s.keys("街角")
	s.waitFor("/街角")
	s.waitCursor(fmt.Sprint(1+1+4, ",29"))
	s.escape()
	s.keys("q", "q", "q")
	s.waitFor("BAO-EXIT=0")
}

// unwritableDir is a data directory bao cannot write: read-only, or (as
// root, whom file modes do not stop) a path under a regular file.
func unwritableDir(t *testing.T) (dir, reason string) {
	t.Helper()
	root := t.TempDir()
	if os.Getuid() != 0 {
		dir = filepath.Join(root, "data")
		if err := os.Mkdir(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return dir, "permission denied"
	}
	f := filepath.Join(root, "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(f, "data"), "not a directory"
}

func TestUnwritableDataDirInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	dir, reason := unwritableDir(t)
	s := startTmux(t, 100, 30, bin+" --data-dir "+dir+" "+writeFixtureLibrary(t)+" 2>&1")
	s.waitFor("3 issues")
	s.keys("Enter")
	s.waitFor("article 1/")
	s.keys("Enter")
	scr := s.waitFor("not saved: " + reason)
	checkFits(t, scr, 100)
	// Narrow: shortened, not dropped.
	s.run("resize-window", "-t", "bao", "-x", "40", "-y", "20")
	scr = s.waitFor("not saved")
	checkFits(t, scr, 40)
	s.keys("q", "q", "q")
	scr = s.waitExit(1) // lines joined where they wrapped
	if !strings.Contains(scr, "bookmarks and reading state were not saved") {
		t.Errorf("bao did not say on exit what was not saved:\n%s", scr)
	}
}

// TestStdinFromATerminalInTmux: `bao -` with the terminal as standard
// input says so at once, instead of waiting on a blank screen; piped, the
// issue opens.
func TestStdinFromATerminalInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	s := startTmux(t, 100, 30, bin+" -")
	scr := s.waitFor("BAO-EXIT=1")
	if !strings.Contains(scr, "bao: -: standard input is the terminal") || !strings.Contains(scr, "cat issue.txt | bao -") {
		t.Errorf("bao - on a terminal:\n%s", scr)
	}
	lib := writeFixtureLibrary(t)
	p := startTmux(t, 100, 30, "cat "+filepath.Join(lib, "2024-05-05.txt")+" | "+bin+" -")
	p.waitFor("河边新修了步道")
	p.keys("q")
	p.waitFor("BAO-EXIT=0")
}
