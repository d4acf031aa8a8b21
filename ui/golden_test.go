package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"bao/internal/testfiles"
)

// Golden screens: each screen run in a real bubbletea program (teatest),
// at 80×24, the dark theme, its last frame compared as text with
// testdata/TestScreenGoldens/NAME.golden. After a change meant to alter a
// screen, regenerate with
//
//	go test ./ui -run TestScreenGoldens -update
//
// and read the diff: the files are never edited by hand.

const goldenWidth, goldenHeight = 80, 24

// elapsed is the search's time taken, the one part of a screen that
// changes from run to run.
var elapsed = regexp.MustCompile(`\(\d+\.\d\ds\)`)

func TestScreenGoldens(t *testing.T) {
	until := func(t *testing.T, tm *teatest.TestModel, text string, n int) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return bytes.Count(b, []byte(text)) >= n
		}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	typeKeys := func(tm *teatest.TestModel, keys ...string) {
		for _, k := range keys {
			tm.Send(keyMsg(k))
		}
	}
	tests := []struct {
		name string
		opt  func(t *testing.T) Options
		run  func(t *testing.T, tm *teatest.TestModel)
	}{
		{"shelf", func(t *testing.T) Options {
			lib, err := OpenLibrary([]string{inFolder(t, writeLibrary(t, "2023-12-28", "2023-12-29", "2024-01-02", "2022-12-28", "2024-02-10"))}, "")
			if err != nil {
				t.Fatal(err)
			}
			return Options{Library: lib}
		}, func(t *testing.T, tm *teatest.TestModel) {
			until(t, tm, "1 article", 5) // every count is in
			typeKeys(tm, "j")
		}},
		{"front", func(*testing.T) Options { return Options{Issue: fixtureIssue()} }, func(t *testing.T, tm *teatest.TestModel) {
			until(t, tm, "Harbour ferry returns", 1)
			typeKeys(tm, "j")
		}},
		{"article", func(*testing.T) Options { return Options{Issue: fixtureIssue()} }, func(t *testing.T, tm *teatest.TestModel) {
			until(t, tm, "Harbour ferry returns", 1)
			typeKeys(tm, "enter", "space")
		}},
		{"find", func(*testing.T) Options { return Options{Issue: fixtureIssue()} }, func(t *testing.T, tm *teatest.TestModel) {
			until(t, tm, "Harbour ferry returns", 1)
			typeKeys(tm, "enter", "/")
			tm.Type("书店")
			typeKeys(tm, "left")
		}},
		{"search", func(t *testing.T) Options {
			lib, err := OpenLibrary([]string{inFolder(t, testfiles.SearchLibrary(t))}, "")
			if err != nil {
				t.Fatal(err)
			}
			return Options{Library: lib}
		}, func(t *testing.T, tm *teatest.TestModel) {
			until(t, tm, "issue 1/4", 1)
			typeKeys(tm, "S")
			tm.Type("书房")
			until(t, tm, "articles in", 1)
		}},
		{"bookmarks", func(t *testing.T) Options {
			file := longIssueFile(t)
			return Options{Paths: []string{filepath.Join(inFolder(t, filepath.Dir(file)), filepath.Base(file))}, DataDir: t.TempDir()}
		}, func(t *testing.T, tm *teatest.TestModel) {
			until(t, tm, "社区书房开到深夜", 1)
			typeKeys(tm, "enter", "space", "m")
			tm.Type("夜读")
			typeKeys(tm, "enter")
			until(t, tm, "bookmarked:", 1)
			typeKeys(tm, "'")
			until(t, tm, "Bookmarks (1)", 1)
		}},
		{"help", func(*testing.T) Options { return Options{Issue: fixtureIssue()} }, func(t *testing.T, tm *teatest.TestModel) {
			until(t, tm, "Harbour ferry returns", 1)
			typeKeys(tm, "?")
			until(t, tm, "keys of the front page", 1)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt(t)
			opt.Theme = "dark"
			tm := teatest.NewTestModel(t, New(opt), teatest.WithInitialTermSize(goldenWidth, goldenHeight))
			tt.run(t, tm)
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
			v := m.View()
			text := elapsed.ReplaceAllString(ansi.Strip(v.Content), "(…s)")
			if v.Cursor != nil {
				// Where the terminal's cursor stands (an input method's
				// candidates open there) is part of the screen.
				text += fmt.Sprintf("\n[cursor at column %d, row %d]", v.Cursor.X, v.Cursor.Y)
			}
			golden.RequireEqual(t, text)
		})
	}
}

// inFolder moves a fixture folder to one of a fixed name, as the shelf
// shows the folder's name where a file has no title of its own.
func inFolder(t *testing.T, dir string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "河畔")
	if err := os.Rename(dir, to); err != nil {
		t.Fatal(err)
	}
	return to
}
