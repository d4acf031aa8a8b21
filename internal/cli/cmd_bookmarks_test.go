package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bao/issues"
	"bao/reader/bookmarks"
)

// runCLI runs bao in-process with env as its whole environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
	code = c.main(args)
	return out.String(), errb.String(), code
}

// seedBookmarks makes a data dir with two bookmarks in one issue file and
// one in a file since deleted.
func seedBookmarks(t *testing.T) (dataDir, issuePath string) {
	t.Helper()
	root := t.TempDir()
	dataDir = filepath.Join(root, "data")
	issuePath = filepath.Join(root, "2026-11-28.txt")
	os.WriteFile(issuePath, []byte("x"), 0o644)
	ref, err := bookmarks.RefForFile(issuePath)
	if err != nil {
		t.Fatal(err)
	}
	is := &issues.Issue{Title: "晨江日报", Articles: []issues.Article{
		{Headline: "江北新区地铁三号线年底试运行", Blocks: []issues.Block{{Text: "据介绍，三号线全长二十四公里，设站十八座。"}}},
		{Headline: "Night market returns", Blocks: []issues.Block{{Text: "After a three-year pause the night market reopened."}}},
	}}
	s, _ := bookmarks.Open(dataDir)
	if _, err := s.Add(bookmarks.NewBookmark(is, ref, issues.Position{Article: 0, Place: issues.Place{Block: 0, Offset: 4}}, "查开通日期")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(bookmarks.NewBookmark(is, ref, issues.Position{Article: 1, Place: issues.Place{Block: issues.BlockHeadline}}, "")); err != nil {
		t.Fatal(err)
	}
	gone := bookmarks.IssueRef{Path: filepath.Join(root, "gone.txt"), Hash: "00", Size: 3}
	if _, err := s.Add(bookmarks.NewBookmark(is, gone, issues.Position{Article: 1}, "old one")); err != nil {
		t.Fatal(err)
	}
	return dataDir, issuePath
}

func TestBookmarksJSON(t *testing.T) {
	dataDir, issuePath := seedBookmarks(t)
	for _, env := range []map[string]string{
		{"BAO_DATA_DIR": dataDir},
		{"XDG_DATA_HOME": "/nowhere", "HOME": "/nowhere"}, // --data-dir wins
	} {
		out, errs, code := runCLI(t, env, "bookmarks", "--json", "--data-dir", dataDir)
		if code != 0 || errs != "" {
			t.Fatalf("code %d, stderr %s", code, errs)
		}
		var got []bookmarkJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(got) != 3 {
			t.Fatalf("%d bookmarks", len(got))
		}
		if !got[0].Missing || got[0].Issue.Status != "missing" || got[0].Note != "old one" {
			t.Errorf("newest (missing) = %+v", got[0])
		}
		if got[2].Headline != "江北新区地铁三号线年底试运行" || got[2].Quote != "三号线全长二十四公里，设站十八座。" ||
			got[2].Issue.Path != issuePath || got[2].Issue.Status != "found" || got[2].Missing ||
			got[2].Position != (issues.Position{Article: 0, Place: issues.Place{Block: 0, Offset: 4}}) || len(got[2].Issue.Hash) != 64 {
			t.Errorf("oldest = %+v", got[2])
		}
	}
}

func TestBookmarksTextAndMarkdown(t *testing.T) {
	dataDir, _ := seedBookmarks(t)
	env := map[string]string{"XDG_DATA_HOME": filepath.Dir(dataDir)}
	os.Rename(dataDir, filepath.Join(filepath.Dir(dataDir), "bao"))
	out, errs, code := runCLI(t, env, "bookmarks")
	if code != 0 || errs != "" {
		t.Fatalf("code %d, stderr %s", code, errs)
	}
	for _, want := range []string{"江北新区地铁三号线年底试运行", "「三号线全长", "note: 查开通日期", "[missing]", "article 1, paragraph 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	md, errs, code := runCLI(t, env, "bookmarks", "export", "--markdown")
	if code != 0 || errs != "" {
		t.Fatalf("code %d, stderr %s", code, errs)
	}
	for _, want := range []string{"# Bookmarks\n", "## 晨江日报", "> 三号线全长二十四公里，设站十八座。\n", "查开通日期", "**file missing**"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if _, _, code := runCLI(t, env, "bookmarks", "export"); code != 2 {
		t.Errorf("export without a format: code %d", code)
	}
	if out, _, code := runCLI(t, env, "bookmarks", "--help"); code != 0 || !strings.Contains(out, "--data-dir") {
		t.Errorf("--help: %d %s", code, out)
	}
}

func TestBookmarksCorruptFileReportedOnStderr(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bookmarks.json"), []byte("{broken"), 0o600)
	out, errs, code := runCLI(t, nil, "bookmarks", "--data-dir", dir)
	if code != 0 || !strings.Contains(errs, "moved aside to bookmarks.json.corrupt-") || !strings.Contains(out, "No bookmarks yet") {
		t.Errorf("code %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "bookmarks.json.corrupt-*")); len(m) != 1 {
		t.Errorf("corrupt copy: %v", m)
	}
}

func TestBookmarksLibraryFindsMovedIssue(t *testing.T) {
	dataDir, issuePath := seedBookmarks(t)
	lib := t.TempDir()
	moved := filepath.Join(lib, "2026", "renamed.txt")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	data, _ := os.ReadFile(issuePath)
	os.WriteFile(moved, data, 0o644)
	os.Remove(issuePath)

	out, _, code := runCLI(t, nil, "bookmarks", "--json", "--data-dir", dataDir)
	var got []bookmarkJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("%d %v", code, err)
	}
	for _, b := range got {
		if !b.Missing {
			t.Errorf("without --library, %q is not marked missing", b.Headline)
		}
	}
	out, _, code = runCLI(t, nil, "bookmarks", "--json", "--data-dir", dataDir, "--library", lib)
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("%d %v", code, err)
	}
	moves := 0
	for _, b := range got {
		if b.Issue.Status == "moved" && b.Issue.Found == moved && b.Issue.Path == issuePath {
			moves++
		}
	}
	if moves != 2 {
		t.Errorf("%d bookmarks found moved, want 2:\n%s", moves, out)
	}
	text, _, _ := runCLI(t, nil, "bookmarks", "--data-dir", dataDir, "--library", lib)
	if !strings.Contains(text, "[moved from "+issuePath+"]") {
		t.Errorf("text list:\n%s", text)
	}
}
