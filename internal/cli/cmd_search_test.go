package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"bao/internal/testfiles"
	"bao/issues"
	"bao/reader/search"
)

func runSearchCLI(t *testing.T, cache string, args ...string) (string, string, int) {
	t.Helper()
	return runSearchCLIStdin(t, cache, "", args...)
}

func runSearchCLIStdin(t *testing.T, cache, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"XDG_CACHE_HOME": cache}
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
	code := c.main(append([]string{"search"}, args...))
	return out.String(), errb.String(), code
}

// searchFixture writes a small library of invented issues: one Simplified,
// one Traditional with full-width digits, one English.
func searchFixture(t *testing.T) string {
	t.Helper()
	return testfiles.Tree(t, map[string]string{
		"2024/2024-01-02.txt": "拉萨新建图书馆开放\n\n本报讯 新建的市图书馆今天向市民开\n放，馆藏图书二十万册。\n\n天气预报\n\n明天晴。\n",
		"2024/2024-03-05.txt": "拉薩市民喜迎新春\n\n２０２４年春節期間，拉薩市民走上街頭。\n",
		"2023/2023-12-30.txt": "Lhasa library opens\n\nThe new LHASA city library opened its doors in\n2024 to readers.\n",
	})
}

func TestSearchCLIText(t *testing.T) {
	dir := searchFixture(t)
	out, errs, code := runSearchCLI(t, t.TempDir(), "拉萨", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %q", out)
	}
	// Both match in the headline; the newer one has more matches, so first.
	if !strings.HasPrefix(lines[0], "2024-03-05  ") || !strings.Contains(lines[0], "#1  拉薩市民喜迎新春") {
		t.Errorf("first line %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "2024-01-02  ") {
		t.Errorf("second line %q", lines[1])
	}
	out, _, code = runSearchCLI(t, t.TempDir(), "--limit", "1", "拉萨", dir)
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("--limit 1: exit %d, %q", code, out)
	}
}

func TestSearchCLIJSONOffsetsPointIntoPrintJSON(t *testing.T) {
	dir := searchFixture(t)
	for _, q := range []string{"２０２４", "lhasa", "图书馆开放", `"city library"`} {
		out, errs, code := runSearchCLI(t, t.TempDir(), "--json", q, dir)
		if code != 0 {
			t.Fatalf("%q: exit %d, stderr %q", q, code, errs)
		}
		var res []struct {
			Date     *string `json:"date"`
			Source   string  `json:"source"`
			Article  int     `json:"article"`
			Headline string  `json:"headline"`
			Matches  []struct {
				Block, Offset, Length int
				Snippet               string
			} `json:"matches"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%q: %v in %s", q, err, out)
		}
		if len(res) == 0 {
			t.Fatalf("%q: no results", q)
		}
		for _, r := range res {
			is, err := issues.LoadFile(r.Source, issues.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			a := is.Articles[r.Article-1]
			if a.Headline != r.Headline || r.Date == nil {
				t.Errorf("%q: article %d of %s is %q, result says %q, date %v", q, r.Article, r.Source, a.Headline, r.Headline, r.Date)
			}
			for _, m := range r.Matches {
				text := a.Headline
				if m.Block >= 0 {
					text = a.Blocks[m.Block].Text
				}
				span := string([]rune(text)[m.Offset : m.Offset+m.Length])
				if !sameFolded(span, q) {
					t.Errorf("%q: span %q in block %d does not match", q, span, m.Block)
				}
				if m.Snippet == "" {
					t.Errorf("%q: empty snippet", q)
				}
			}
		}
	}
}

// sameFolded compares loosely enough for the fixture's cases.
func sameFolded(span, q string) bool {
	norm := func(s string) string {
		s = strings.Trim(s, `"`)
		s = strings.Join(strings.Fields(strings.ToLower(s)), "")
		return strings.NewReplacer("２", "2", "０", "0", "４", "4", "薩", "萨").Replace(s)
	}
	return norm(span) == norm(q)
}

func TestSearchCLIExitCodes(t *testing.T) {
	dir := searchFixture(t)
	if out, _, code := runSearchCLI(t, t.TempDir(), "巴黎", dir); code != 1 || out != "" {
		t.Errorf("no match: exit %d, out %q", code, out)
	}
	if out, _, code := runSearchCLI(t, t.TempDir(), "--json", "巴黎", dir); code != 1 || strings.TrimSpace(out) != "[]" {
		t.Errorf("no match, json: exit %d, out %q", code, out)
	}
	if _, errs, code := runSearchCLI(t, t.TempDir(), "拉萨"); code != 2 || !strings.Contains(errs, "PATH") {
		t.Errorf("no path: exit %d, %q", code, errs)
	}
	if _, errs, code := runSearchCLI(t, t.TempDir(), "  ", dir); code != 2 || !strings.Contains(errs, "empty query") {
		t.Errorf("empty query: exit %d, %q", code, errs)
	}
	if _, errs, code := runSearchCLI(t, t.TempDir(), "拉萨", filepath.Join(dir, "nope")); code != 2 || !strings.Contains(errs, "nope") {
		t.Errorf("missing path: exit %d, %q", code, errs)
	}
	if out, _, code := runSearchCLI(t, t.TempDir(), "--help"); code != 0 || !strings.Contains(out, "-limit") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
}

func TestSearchCLIIndexIsACache(t *testing.T) {
	dir := searchFixture(t)
	// Enough issues for bao search to keep an index.
	for i := range search.MinIndexedFiles {
		testfiles.WriteFile(t, filepath.Join(dir, "2022", fmt.Sprintf("2022-01-%02d-%d.txt", i%28+1, i)), "本地新闻\n\n今天天气晴朗。\n")
	}
	cache := t.TempDir()
	first, _, _ := runSearchCLI(t, cache, "--json", "拉萨", dir)
	// The first search answers without the index, then builds it (in
	// this process: the test's cli starts no child).
	idx, _ := filepath.Glob(filepath.Join(cache, "bao", "search", "*", "seg-*.bsx"))
	if len(idx) != 1 {
		t.Fatalf("index segments: %v", idx)
	}
	second, _, _ := runSearchCLI(t, cache, "--json", "拉萨", dir)
	os.RemoveAll(filepath.Join(cache, "bao"))
	third, _, _ := runSearchCLI(t, cache, "--json", "拉萨", dir)
	noIndex, _, _ := runSearchCLI(t, t.TempDir(), "--no-index", "--json", "拉萨", dir)
	if second != first || third != first || noIndex != first {
		t.Errorf("results differ with the index warm, deleted or unused:\n%s\n%s\n%s\n%s", first, second, third, noIndex)
	}
}

func TestSearchCLIStdin(t *testing.T) {
	out, errs, code := runSearchCLIStdin(t, t.TempDir(), "拉薩消息\n\n拉薩市民在廣場散步。\n", "拉萨", "-")
	if code != 0 || !strings.Contains(out, "  -  #1  拉薩消息") {
		t.Errorf("exit %d, out %q, stderr %q", code, out, errs)
	}
}

func TestSearchCLINoIndexForAFewFiles(t *testing.T) {
	dir := searchFixture(t)
	cache := t.TempDir()
	if _, _, code := runSearchCLI(t, cache, "拉萨", dir); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if idx, _ := filepath.Glob(filepath.Join(cache, "bao", "search", "*", "seg-*.bsx")); len(idx) != 0 {
		t.Errorf("an index for 3 files: %v", idx)
	}
}

// A result line is sanitized (issues.Sanitize) field by field, and the
// highlight still covers the match when a control before it is dropped.
func TestSearchLineSanitized(t *testing.T) {
	var out strings.Builder
	c := &cli{stdout: &out}
	r := search.Result{Source: "a\x1b]0;t\x07.txt", Article: 0, Headline: "红\u202e字\n头条",
		Matches:  []search.Match{{Place: issues.Place{Block: 0, Offset: 4}, Length: 2}},
		Snippets: []search.Snippet{{Text: "“\u200e报”江豚回来", Offset: 4, Length: 2}}}
	writeSearchLine(c, r, true)
	want := "----------  a]0;t.txt  #1  红字 头条  “报”\x1b[7m江豚\x1b[27m回来 (1 match)\n"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}

func TestSearchCLIKeepsPunctuation(t *testing.T) {
	dir := t.TempDir()
	text := "长江晚报\n\n“江豚”回来了\n\n渔民说——江豚又回来了…‘真好’。\n"
	if err := os.WriteFile(filepath.Join(dir, "2024-06-01.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runSearchCLI(t, t.TempDir(), "江豚", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"——江豚又回来了…‘真好’"} {
		if !strings.Contains(out, want) {
			t.Errorf("plain output lacks %q:\n%s", want, out)
		}
	}
}

// TestSearchCLIReportsUnreadableFiles: a file of the library that cannot
// be read is one line on stderr, "bao search: path: reason", and the
// exit status is what the readable files make it.
func TestSearchCLIReportsUnreadableFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := searchFixture(t)
	gone := filepath.Join(dir, "2024", "2024-04-01.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), gone); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runSearchCLI(t, t.TempDir(), "拉萨", dir)
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if lines := strings.Split(strings.TrimSpace(errs), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "bao search: "+gone+": ") {
		t.Errorf("stderr %q, want one line bao search: %s: reason", errs, gone)
	}
	if _, _, code := runSearchCLI(t, t.TempDir(), "nothing-matches-this", dir); code != 1 {
		t.Errorf("no match with an unreadable file: exit %d, want 1", code)
	}
}

// TestSearchCLICollectsAsUsualForPDFs: bao search collects garbage lazily
// for text, and as before once it reads a PDF (whose engine's memory,
// collected lazily, doubled a PDF search's peak); bao search --build-index
// as before once it has listed the files.
func TestSearchCLICollectsAsUsualForPDFs(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	text := searchFixture(t)
	pdfs := t.TempDir()
	if err := os.WriteFile(filepath.Join(pdfs, "2024-01-02.pdf"), []byte("%PDF-1.4 not really\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir  string
		want int
	}{{text, 400}, {pdfs, 100}} {
		debug.SetGCPercent(100)
		runSearchCLI(t, t.TempDir(), "--no-index", "拉萨", tc.dir)
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("%s: GC percent %d after the search, want %d", tc.dir, got, tc.want)
		}
	}
	// Building the index collects lazily only while listing.
	runSearchCLI(t, t.TempDir(), "--build-index", text)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d after --build-index, want 100", got)
	}
}
