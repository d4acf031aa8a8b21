package bookmarks

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bao/issues"
)

func testClock() func() time.Time {
	t := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Minute); return t }
}

func openT(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.Now = testClock()
	return s
}

func TestStoreAddListDeleteUndo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bao") // made on first write
	s := openT(t, dir)
	is := fixtureIssue()
	ref := IssueRef{Path: "/news/a.txt", Hash: "abc", Size: 10}
	b1, err := s.Add(NewBookmark(is, ref, pos(0, 1, 0), "地铁"))
	if err != nil {
		t.Fatal(err)
	}
	b2, err := s.Add(NewBookmark(is, ref, pos(1, issues.BlockHeadline, 0), ""))
	if err != nil {
		t.Fatal(err)
	}
	if b1.ID == "" || b1.ID == b2.ID || b1.Created.IsZero() {
		t.Fatalf("ids %q %q created %v", b1.ID, b2.ID, b1.Created)
	}
	if b2.Headline != "港口吞吐量创新高" || b2.Quote != "港口吞吐量创新高" {
		t.Errorf("b2 = %+v", b2)
	}
	if got := ids(s.Bookmarks()); got != b2.ID+","+b1.ID {
		t.Errorf("newest first: %s", got)
	}

	// Another Store on the same dir sees them.
	s2 := openT(t, dir)
	if got := ids(s2.Bookmarks()); got != b2.ID+","+b1.ID {
		t.Errorf("reopened: %s", got)
	}

	old, ok, err := s.Delete(b1.ID)
	if err != nil || !ok || old.ID != b1.ID {
		t.Fatalf("Delete: %v %v %v", old, ok, err)
	}
	if got := ids(s.Bookmarks()); got != b2.ID {
		t.Errorf("after delete: %s", got)
	}
	if _, err := s.Add(old); err != nil { // undo
		t.Fatal(err)
	}
	if err := s.SetNote(b2.ID, "港口 note ✓"); err != nil {
		t.Fatal(err)
	}
	s2.Reload()
	if got := ids(s2.Bookmarks()); got != b2.ID+","+b1.ID {
		t.Errorf("after undo: %s", got)
	}
	if b, _ := s2.Get(b2.ID); b.Note != "港口 note ✓" {
		t.Errorf("note = %q", b.Note)
	}
	if got := len(s2.ForIssue("abc")); got != 2 {
		t.Errorf("ForIssue = %d", got)
	}
	if got := len(s2.ForIssue("zzz")); got != 0 {
		t.Errorf("ForIssue(other) = %d", got)
	}

	// The file is for people: indented, versioned.
	data, _ := os.ReadFile(filepath.Join(dir, "bookmarks.json"))
	if !bytes.HasPrefix(data, []byte("{\n  \"version\": 1,\n")) || !bytes.Contains(data, []byte("港口 note ✓")) {
		t.Errorf("file:\n%s", data)
	}
}

func ids(bs []Bookmark) string {
	var s []string
	for _, b := range bs {
		s = append(s, b.ID)
	}
	return strings.Join(s, ",")
}

func TestReadingState(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	ref := IssueRef{Path: "/news/a.txt", Hash: "h1"}
	if _, ok := s.Reading("h1"); ok {
		t.Fatal("state before any")
	}
	must(t, s.MarkOpened(ref))
	must(t, s.SetRead(ref, 3, true))
	must(t, s.SetRead(ref, 1, true))
	must(t, s.SetRead(ref, 3, true))
	must(t, s.SetRead(ref, 2, true))
	must(t, s.SetRead(ref, 2, false))
	must(t, s.SetPosition(ref, AnchorAt(fixtureIssue(), pos(0, 2, 5))))
	if st, _ := s.Reading("h1"); st.Vertical != nil {
		t.Errorf("orientation set before v: %v", *st.Vertical)
	}
	must(t, s.SetVertical(ref, true))
	if st, _ := s.Reading("h1"); st.Columns != nil || st.Ragged != nil {
		t.Errorf("layout set before + - J: %v %v", st.Columns, st.Ragged)
	}
	must(t, s.SetLayout(ref, 3, true))

	s2 := openT(t, dir)
	st, ok := s2.Reading("h1")
	if !ok {
		t.Fatal("no state after reopen")
	}
	if st.Vertical == nil || !*st.Vertical {
		t.Errorf("vertical = %v, want true", st.Vertical)
	}
	if st.Columns == nil || *st.Columns != 3 || st.Ragged == nil || !*st.Ragged {
		t.Errorf("layout = %v %v, want 3 columns, ragged", st.Columns, st.Ragged)
	}
	if !st.IsRead(1) || st.IsRead(2) || !st.IsRead(3) || len(st.Read) != 2 {
		t.Errorf("read = %v", st.Read)
	}
	if st.Position.Position != (pos(0, 2, 5)) || st.Position.Quote == "" {
		t.Errorf("position = %+v", st.Position)
	}
	if st.LastOpened.IsZero() || st.Path != "/news/a.txt" {
		t.Errorf("state = %+v", st)
	}
	s2.Now = func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }
	must(t, s2.MarkOpened(IssueRef{Path: "/news/b.txt", Hash: "h2"}))
	if r := s2.RecentIssues(); len(r) != 2 || r[0].Hash != "h2" || r[1].Hash != "h1" || r[1].Path != "/news/a.txt" {
		t.Errorf("RecentIssues = %+v", r)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestCorruptFileIsMovedAsideAndReported(t *testing.T) {
	for _, tt := range []struct{ name, content string }{
		{"truncated", "{\n  \"version\": 1,\n  \"bookmarks\": [\n    {\"id\": \"a"},
		{"not json", "\x00\x00\x00garbage"},
		{"newer version", `{"version": 7, "bookmarks": []}`},
		{"no version", `{"bookmarks": []}`},
		{"wrong shape", `{"version": 1, "bookmarks": {"a": 1}}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "bookmarks.json")
			os.WriteFile(path, []byte(tt.content), 0o600)
			s, err := Open(dir)
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Open error = %v, want a CorruptError", err)
			}
			if !strings.Contains(err.Error(), "moved aside to bookmarks.json.corrupt-") {
				t.Errorf("message %q", err)
			}
			got, rerr := os.ReadFile(ce.MovedTo)
			if rerr != nil || string(got) != tt.content {
				t.Fatalf("moved-aside copy %s: %q, %v", ce.MovedTo, got, rerr)
			}
			if m, _ := filepath.Glob(path + ".corrupt-*"); len(m) != 1 {
				t.Errorf("corrupt copies: %v", m)
			}
			// The store works on, and writes a fresh file.
			if _, err := s.Add(Bookmark{Headline: "x"}); err != nil {
				t.Fatal(err)
			}
			if _, err := Open(dir); err != nil {
				t.Errorf("after rewrite: %v", err)
			}
		})
	}
}

// A file damaged while a Store is open is moved aside on the next write and
// the Store carries on from what it last knew, losing nothing it had.
func TestCorruptionWhileOpenKeepsKnownBookmarks(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	a, _ := s.Add(Bookmark{Headline: "a"})
	os.WriteFile(filepath.Join(dir, "bookmarks.json"), []byte("{oops"), 0o600)
	b, err := s.Add(Bookmark{Headline: "b"})
	var ce *CorruptError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v", err)
	}
	s2 := openT(t, dir)
	if got, want := ids(s2.Bookmarks()), b.ID+","+a.ID; got != want {
		t.Errorf("after recovery %s, want %s", got, want)
	}
}

func TestUnwritableDirKeepsChangesInMemory(t *testing.T) {
	// A data dir under a regular file cannot be made, as root too.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o600)
	s, err := Open(filepath.Join(blocker, "bao"))
	if err == nil || !strings.Contains(err.Error(), blocker) {
		t.Errorf("Open: %v, want an error naming the path", err)
	}
	b, err := s.Add(Bookmark{Headline: "kept"})
	var we *WriteError
	if !errors.As(err, &we) || !strings.Contains(err.Error(), "not saved") || !strings.Contains(err.Error(), blocker) {
		t.Fatalf("err = %v, want a WriteError naming the path", err)
	}
	if got := ids(s.Bookmarks()); got != b.ID || !s.Unsaved() {
		t.Errorf("in memory: %s unsaved=%v", got, s.Unsaved())
	}
	if err := s.SetNote(b.ID, "still here"); err == nil {
		t.Error("SetNote on an unwritable dir: no error")
	}
	if got, _ := s.Get(b.ID); got.Note != "still here" {
		t.Errorf("note in memory = %q", got.Note)
	}
	// The disk comes back: the pending changes are saved.
	os.Remove(blocker)
	os.Mkdir(blocker, 0o700)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	s2 := openT(t, filepath.Join(blocker, "bao"))
	if got, _ := s2.Get(b.ID); got.Note != "still here" {
		t.Errorf("after flush: %+v", got)
	}
}

func TestReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("as root chmod does not stop writes; TestUnwritableDirKeepsChangesInMemory covers this")
	}
	dir := t.TempDir()
	s := openT(t, dir)
	a, _ := s.Add(Bookmark{Headline: "before"})
	os.Chmod(dir, 0o500)
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	_, err := s.Add(Bookmark{Headline: "after"})
	var we *WriteError
	if !errors.As(err, &we) || !errors.Is(err, os.ErrPermission) {
		t.Fatalf("err = %v", err)
	}
	if len(s.Bookmarks()) != 2 {
		t.Errorf("in memory: %d", len(s.Bookmarks()))
	}
	// Reading a read-only store works.
	s2, err := Open(dir)
	if err != nil || ids(s2.Bookmarks()) != a.ID {
		t.Errorf("read-only open: %v %s", err, ids(s2.Bookmarks()))
	}
}

// Goroutines sharing one Store (bao serve: sessions of one key) and a
// second Store on the same dir keep every change.
func TestStoreConcurrentGoroutines(t *testing.T) {
	dir := t.TempDir()
	s1, s2 := openT(t, dir), openT(t, dir)
	done := make(chan error)
	for g := range 4 {
		s := s1
		if g%2 == 1 {
			s = s2
		}
		go func() {
			for range 10 {
				if _, err := s.Add(Bookmark{Headline: "g"}); err != nil {
					done <- err
					return
				}
				if err := s.SetRead(IssueRef{Hash: "h"}, g, true); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		must(t, <-done)
	}
	s3 := openT(t, dir)
	if n := len(s3.Bookmarks()); n != 40 {
		t.Errorf("%d bookmarks, want 40", n)
	}
	if st, _ := s3.Reading("h"); len(st.Read) != 4 {
		t.Errorf("read = %v", st.Read)
	}
}

// A bookmarks.json that is a symlink (into a synced folder) stays one.
func TestSymlinkedFileStaysALink(t *testing.T) {
	dir, synced := t.TempDir(), t.TempDir()
	target := filepath.Join(synced, "bao-bookmarks.json")
	os.WriteFile(target, []byte(`{"version": 1, "bookmarks": []}`), 0o600)
	if err := os.Symlink(target, filepath.Join(dir, "bookmarks.json")); err != nil {
		t.Skip(err)
	}
	s := openT(t, dir)
	if _, err := s.Add(Bookmark{Headline: "linked"}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(filepath.Join(dir, "bookmarks.json"))
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("bookmarks.json is no longer a link: %v %v", fi.Mode(), err)
	}
	if data, _ := os.ReadFile(target); !bytes.Contains(data, []byte("linked")) {
		t.Errorf("target not written: %s", data)
	}
}

// Files written before positions moved into package issues (format 1, the
// headline as block -1, head parts other than the headline never stored)
// still load, and every place in them points at the same text.
func TestStoreLoadsOldPositions(t *testing.T) {
	dir := t.TempDir()
	const marks = `{
  "version": 1,
  "bookmarks": [
    {
      "id": "0a1b2c3d4e5f6071",
      "issue": {"path": "/news/a.txt", "hash": "abc", "size": 10},
      "date": "2026-11-28",
      "title": "晨江日报",
      "headline": "港口吞吐量创新高",
      "article": 1,
      "block": -1,
      "offset": 2,
      "quote": "吞吐量创新高",
      "created": "2026-11-28T08:01:00Z"
    },
    {
      "id": "8192a3b4c5d6e7f8",
      "issue": {"path": "/news/a.txt", "hash": "abc", "size": 10},
      "headline": "江北新区地铁三号线年底试运行",
      "article": 0,
      "block": 1,
      "offset": 4,
      "quote": "三号线全长二十四公里",
      "note": "地铁",
      "created": "2026-11-28T08:02:00Z"
    }
  ]
}
`
	const state = `{
  "version": 1,
  "issues": {
    "abc": {"path": "/news/a.txt", "position": {"article": 2, "block": -1, "offset": 0, "quote": "舊城老街"}}
  }
}
`
	must(t, os.WriteFile(filepath.Join(dir, "bookmarks.json"), []byte(marks), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "state.json"), []byte(state), 0o600))
	s := openT(t, dir)
	is := fixtureIssue()
	var anchors []Anchor
	for _, b := range s.Bookmarks() {
		anchors = append(anchors, b.Anchor)
	}
	st, ok := s.Reading("abc")
	if !ok {
		t.Fatal("no reading state for abc")
	}
	anchors = append(anchors, st.Position)
	want := []struct {
		pos  issues.Position
		text string // the text of the block there
		desc string
	}{
		{pos(0, 1, 4), is.Articles[0].Blocks[1].Text, "article 1, paragraph 2"},
		{pos(1, issues.BlockHeadline, 2), "港口吞吐量创新高", "article 2, headline"},
		{pos(2, issues.BlockHeadline, 0), "舊城老街修繕完工", "article 3, headline"},
	}
	if len(anchors) != len(want) {
		t.Fatalf("loaded %d anchors, want %d: %+v", len(anchors), len(want), anchors)
	}
	for i, a := range anchors {
		w := want[i]
		text, ok := is.Articles[a.Article].BlockText(a.Block)
		if a.Position != w.pos || !ok || text != w.text || a.Describe() != w.desc {
			t.Errorf("anchor %d = %+v (%q, %s), want %+v (%q, %s)", i, a.Position, text, a.Describe(), w.pos, w.text, w.desc)
		}
		if got, m := Reanchor(is, a); got != a.Position || m != Exact {
			t.Errorf("anchor %d: Reanchor = %+v %v, want it exactly where it was", i, got, m)
		}
	}
}
