package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"bao/internal/testfiles"
)

// TestOpenLibraryTwoPathsSameAsOne: with two paths on the command line,
// a/2024/03/01.txt used to show undated, titled "01", and with one path as
// 2024-03-01 titled "a". However the paths are given, the shelf's date and
// title of a file are the same.
func TestOpenLibraryTwoPathsSameAsOne(t *testing.T) {
	dir := testfiles.Tree(t, map[string]string{"a/2024/03/01.txt": "标题\n\n正文。\n", "b/2023-11-05.txt": "标题\n\n正文。\n"})
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	want := map[string]string{
		filepath.Join(a, "2024", "03", "01.txt"): "2024-03-01 a",
		filepath.Join(b, "2023-11-05.txt"):       "2023-11-05 b",
	}
	for _, paths := range [][]string{{a}, {b}, {a, b}, {b, a}} {
		lib, err := OpenLibrary(paths, "")
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < lib.Len(); i++ {
			e := lib.Entry(i)
			if got := e.Date.Format(time.DateOnly) + " " + e.Title; got != want[e.Path] {
				t.Errorf("paths %q: %s shows as %q, want %q", paths, e.Path, got, want[e.Path])
			}
		}
		if len(paths) == 2 && (lib.Len() != 2 || lib.Entry(0).Path != filepath.Join(a, "2024", "03", "01.txt")) {
			t.Errorf("paths %q: %d entries, newest %v", paths, lib.Len(), lib.Entry(0).Path)
		}
	}
}

// TestShelfShowsUnreadableFiles: files the library could not read are
// counted on one line at the bottom of the shelf, and E lists them as
// "path: reason"; esc goes back to the shelf.
func TestShelfShowsUnreadableFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "2024-01-01.txt"), []byte("标题\n\n正文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A dangling link: listed by its name, but it cannot be stat-ed.
	gone := filepath.Join(dir, "2024-01-02.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), gone); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, Options{Paths: []string{dir}}, 100, 20)
	d.contains("1 file could not be read — E lists them")
	if strings.Contains(d.text(), gone) {
		t.Error("the shelf lists the unreadable file before E")
	}
	d.keys("E")
	d.contains(gone+": stat: ", "unreadable files")
	d.keys("esc")
	d.contains("1 file could not be read", "2024-01-01")
	if d.quit {
		t.Error("esc in the list quit")
	}
	if errs := d.m.LibraryErrors(); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), gone+": ") {
		t.Errorf("LibraryErrors %v", errs)
	}
}

// TestOpenLibraryCmdStreams: the listing runs beside Update and streams
// its progress: listingMsgs with a growing count, each with the command
// that waits for the next, then the library with its shelf built; a
// cancelled listing ends with context.Canceled and no library.
func TestOpenLibraryCmdStreams(t *testing.T) {
	dir := t.TempDir()
	for y := 2000; y < 2030; y++ {
		for m := 1; m <= 12; m++ {
			testfiles.WriteFile(t, filepath.Join(dir, fmt.Sprint(y), fmt.Sprintf("%02d", m), "01.txt"), "x\n")
		}
	}
	m := newModel(Options{Paths: []string{dir}, Theme: "dark"})
	next := openLibraryCmd(context.Background(), m.c, []string{dir}, "")
	last := 0
	for {
		msg := next()
		if lm, ok := msg.(listingMsg); ok {
			if lm.found < last || lm.next == nil {
				t.Fatalf("progress %d after %d", lm.found, last)
			}
			last, next = lm.found, lm.next
			continue
		}
		lib, ok := msg.(libraryMsg)
		if !ok || lib.err != nil || lib.lib.Len() != 30*12 || lib.shelf == nil || len(lib.shelf.rows) != 30*12*2 {
			t.Fatalf("final message %#v", msg)
		}
		break
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	msg := openLibraryCmd(ctx, m.c, []string{dir}, "")()
	if lib, ok := msg.(libraryMsg); ok && !errors.Is(lib.err, context.Canceled) {
		t.Errorf("cancelled listing: %#v", msg)
	}
	// and the model takes it quietly (it was quitting)
	if _, cmd := m.Update(libraryMsg{err: context.Canceled}); cmd != nil || m.err != nil {
		t.Errorf("a cancelled listing: cmd %v, err %v", cmd, m.err)
	}
}
