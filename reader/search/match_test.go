package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"bao/internal/testfiles"
	"bao/issues"
)

// Invented fixtures, one per script, with the damage PDF extraction leaves.
var fixture = issues.Article{
	Headline: "拉薩市舉行２０２３年新春聯歡會",
	Blocks: []issues.Block{
		{Kind: issues.KindText, Text: "本报讯 今年的联欢会在拉\n萨市文化宫举行，来自ＮＥＷ\nYORK的乐团也参加了演出。"},
		{Kind: issues.KindText, Text: "東京の学校でｶﾞｲﾀﾞﾝｽが行われた。ガイダンスは二回目。"},
		{Kind: issues.KindText, Text: "서울 시청 앞에서 행사가 열렸다. 한국어 안내도 있었다."},
		{Kind: issues.KindCaption, Text: "图为联欢会现场。Lhasa, 2023."},
	},
}

// TestArticleSpansAreTheOriginalText: every match's span is exactly the
// original text, whatever form the query was typed in.
func TestArticleSpansAreTheOriginalText(t *testing.T) {
	tests := []struct {
		query string
		want  []string // "block:original text" of each match, in order
	}{
		{"拉萨", []string{"-1:拉薩", "0:拉\n萨"}},
		{"拉薩市", []string{"-1:拉薩市", "0:拉\n萨市"}},
		{"2023", []string{"-1:２０２３", "3:2023"}},
		{"２０２３年", []string{"-1:２０２３年"}},
		{`"new york"`, []string{"0:ＮＥＷ\nYORK"}},
		{"ガイダンス", []string{"1:ｶﾞｲﾀﾞﾝｽ", "1:ガイダンス"}},
		{"한국어", []string{"2:한국어"}},
		{"LHASA", []string{"3:Lhasa"}},
		{"联欢会 lhasa", []string{"-1:聯歡會", "0:联欢会", "3:联欢会", "3:Lhasa"}},
		{"东京 学校", []string{"1:東京", "1:学校"}},
	}
	for _, tt := range tests {
		m := mustCompile(t, tt.query)
		var got []string
		for _, hit := range m.Article(&fixture) {
			text, _ := fixture.BlockText(hit.Block)
			rs := []rune(text)
			got = append(got, fmt.Sprintf("%d:%s", hit.Block, string(rs[hit.Offset:hit.Offset+hit.Length])))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: matches %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestArticleNeedsEveryTerm(t *testing.T) {
	for _, q := range []string{"拉萨 巴黎", "nothing", `"york new"`, "ガ イ 없다", "하"} {
		m := mustCompile(t, q)
		if got := m.Article(&fixture); got != nil {
			t.Errorf("%q matched %v", q, got)
		}
	}
}

// TestNoMatchInsideOneRunesFolding: a match may not start or end inside the
// folding of a single original rune.
func TestNoMatchInsideOneRunesFolding(t *testing.T) {
	tests := []struct{ query, text string }{
		{"カ", "ガ"}, // ガ folds to カ + U+3099
		{"平", "㍻"}, // ㍻ folds to 平成
		{"成", "㍻"},
		{"e", "é"},
		{"s", "ß"}, // ß folds to ss
	}
	for _, tt := range tests {
		m, _ := Compile(tt.query)
		if got := m.Text(tt.text); got != nil {
			t.Errorf("%q in %q: %v, want no match", tt.query, tt.text, got)
		}
	}
	m, _ := Compile("ss")
	if got := m.Text("Straße"); !slices.Equal(got, []Span{{4, 1}}) {
		t.Errorf("ss in Straße: %v, want the ß", got)
	}
}

func TestTextNonOverlapping(t *testing.T) {
	m, _ := Compile("aa")
	if got := m.Text("aaaaa"); !slices.Equal(got, []Span{{0, 2}, {2, 2}}) {
		t.Errorf("got %v", got)
	}
}

func TestMakeSnippet(t *testing.T) {
	text := "第一段文字\n继续拉萨市\n  的消息，后面还有很多很多文字。"
	off := strings.Index(text, "拉")
	off = len([]rune(text[:off]))
	sn := MakeSnippet(text, off, 3, 4, 6)
	if sn.Text != "…字继续拉萨市的消息…" {
		t.Errorf("snippet %q", sn.Text)
	}
	if got := string([]rune(sn.Text)[sn.Offset : sn.Offset+sn.Length]); got != "拉萨市" {
		t.Errorf("snippet highlight %q", got)
	}
	sn = MakeSnippet("New\n York  Times", 4, 5, 10, 10)
	if got := string([]rune(sn.Text)[sn.Offset : sn.Offset+sn.Length]); got != "York" || sn.Text != "New York Times" {
		t.Errorf("Latin snippet %+v", sn)
	}
	sn = MakeSnippet("拉萨", 0, 2, 10, 10)
	if sn.Text != "拉萨" || sn.Offset != 0 || sn.Length != 2 {
		t.Errorf("whole-text snippet %+v", sn)
	}
	// A match spanning a line break keeps its length in the snippet.
	sn = MakeSnippet("ab拉\n萨cd", 2, 3, 10, 10)
	if got := string([]rune(sn.Text)[sn.Offset : sn.Offset+sn.Length]); got != "拉萨" || sn.Text != "ab拉萨cd" {
		t.Errorf("joined-line highlight %q in %q", got, sn.Text)
	}
}

func TestCompareRanking(t *testing.T) {
	rs := []Result{
		{Source: "a", Date: "2020-01-01", Matches: make([]Match, 5)},
		{Source: "b", Date: "2019-01-01", Matches: make([]Match, 1), HeadlineMatches: 1},
		{Source: "c", Date: "2021-01-01", Matches: make([]Match, 5)},
		{Source: "d", Date: "2022-01-01", Matches: make([]Match, 2)},
		{Source: "e", Date: "2018-01-01", Matches: make([]Match, 3), HeadlineMatches: 2},
	}
	Sort(rs)
	var got []string
	for _, r := range rs {
		got = append(got, r.Source)
	}
	if want := []string{"e", "b", "c", "a", "d"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// writeArchive writes a small archive of invented issues; the last one is
// GB18030-free but Big5-free too; encodings are the parser's business.
func writeArchive(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Daily(t, dir, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), n, "2006/2006-01-02", func(i int) string {
		body := fmt.Sprintf("第%d期的标题\n\n这是第%d期的正文，记者在林芝\n采访。\n\n另一篇报道\n\n天气晴朗，气温%d度。\n", i, i, i)
		if i%3 == 0 {
			body += "\n拉薩消息\n\n拉薩市民在廣場散步。\n"
		}
		return body
	})
	return dir
}

// paragraphParse is a stand-in parser for these tests, so they test search
// and not the parser: paragraphs split at blank lines, each article a
// headline paragraph followed by one body paragraph.
func paragraphParse(data []byte, path string) (*issues.Issue, error) {
	is := &issues.Issue{Source: path}
	paras := strings.Split(strings.TrimSpace(string(data)), "\n\n")
	for i := 0; i+1 < len(paras); i += 2 {
		is.Articles = append(is.Articles, issues.Article{Headline: paras[i],
			Blocks: []issues.Block{{Kind: issues.KindText, Text: paras[i+1]}}})
	}
	if d, err := time.Parse("2006-01-02", strings.TrimSuffix(filepath.Base(path), ".txt")); err == nil {
		is.Date = d
	}
	return is, nil
}

func TestSearchFiles(t *testing.T) {
	dir := writeArchive(t, 9)
	files, _, err := ListFiles([]string{dir})
	if err != nil || len(files) != 9 {
		t.Fatalf("ListFiles: %v %v", files, err)
	}
	m, _ := Compile("拉萨 散步")
	var got []Result
	var progress atomic.Int64
	err = SearchFiles(context.Background(), files, m, Options{Parse: paragraphParse,
		Progress: func(done, total int) { progress.Store(int64(done)) }}, func(r Result) { got = append(got, r) })
	if err != nil {
		t.Fatal(err)
	}
	Sort(got)
	if len(got) != 3 || progress.Load() != 9 {
		t.Fatalf("%d results, progress %d: %+v", len(got), progress.Load(), got)
	}
	if got[0].Date != "2024-01-07" || got[0].Article != 2 || got[0].HeadlineMatches != 1 || len(got[0].Matches) != 3 {
		t.Errorf("first result %+v", got[0])
	}
	if got[0].Snippets[1].Text != "拉薩市民在廣場散步。" {
		t.Errorf("snippet %q", got[0].Snippets[1].Text)
	}
	// Line breaks inside a paragraph do not stop a match.
	m, _ = Compile("林芝采访")
	n := 0
	if err := SearchFiles(context.Background(), files, m, Options{Parse: paragraphParse}, func(Result) { n++ }); err != nil || n != 9 {
		t.Errorf("林芝采访: %d results, %v", n, err)
	}
}

func TestSearchFilesDefaultParser(t *testing.T) {
	dir := writeArchive(t, 4)
	files, _, _ := ListFiles([]string{dir})
	m, _ := Compile("拉萨市民")
	var got []Result
	if err := SearchFiles(context.Background(), files, m, Options{}, func(r Result) { got = append(got, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d results, want 2 (issues 0 and 3)", len(got))
	}
	for _, r := range got {
		for i, mt := range r.Matches {
			sn := r.Snippets[i]
			if string([]rune(sn.Text)[sn.Offset:sn.Offset+sn.Length]) != "拉薩市民" || mt.Length != 4 {
				t.Errorf("%s: match %+v snippet %+v", r.Source, mt, sn)
			}
		}
	}
}

func TestSearchFilesErrorsAndCancel(t *testing.T) {
	dir := writeArchive(t, 3)
	files, _, _ := ListFiles([]string{dir})
	files = append(files, File{Path: filepath.Join(dir, "missing.txt")})
	m, _ := Compile("拉萨")
	n := 0
	err := SearchFiles(context.Background(), files, m, Options{Parse: paragraphParse}, func(Result) { n++ })
	if err == nil || !strings.Contains(err.Error(), "missing.txt") || n != 1 {
		t.Errorf("err %v, %d results; want the missing file named and 1 result", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = SearchFiles(ctx, files, m, Options{Parse: paragraphParse}, func(Result) {})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v", err)
	}
}

func TestListFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"2024-01-02.txt", "b.md", "c.pdf", ".hidden.txt", ".git/x.txt", "sub/2023-05-06.TXT", "sub/deeper/noext", "x.markdown"} {
		testfiles.WriteFile(t, filepath.Join(dir, filepath.FromSlash(p)), "x")
	}
	os.Symlink(filepath.Join(dir, "b.md"), filepath.Join(dir, "link.txt"))
	os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "dirlink.txt"))
	got, _, err := ListFiles([]string{dir, filepath.Join(dir, "c.pdf")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range got {
		rel, _ := filepath.Rel(dir, f.Path)
		names = append(names, rel)
		if f.Size != 1 || f.ModTime.IsZero() {
			t.Errorf("%s: size %d mtime %v", rel, f.Size, f.ModTime)
		}
	}
	want := []string{"2024-01-02.txt", "b.md", "c.pdf", "link.txt", "sub/2023-05-06.TXT", "sub/deeper/noext", "x.markdown", "c.pdf"}
	if !slices.Equal(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
	// The same set as the library lists, so search and shelf agree.
	lib, err := issues.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	var libNames []string
	for _, e := range lib.Entries() {
		libNames = append(libNames, e.Rel)
	}
	slices.Sort(libNames)
	if !slices.Equal(libNames, want[:len(want)-1]) {
		t.Errorf("issues.OpenLibrary lists %v, ListFiles %v", libNames, want[:len(want)-1])
	}
	if _, _, err := ListFiles([]string{filepath.Join(dir, "nope")}); err == nil {
		t.Error("missing path: no error")
	}
}

func TestSearchLibrary(t *testing.T) {
	dir := writeArchive(t, 6)
	lib, err := issues.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := Compile("拉萨市民")
	var got []Result
	if err := SearchLibrary(context.Background(), lib, m, Options{}, func(r Result) { got = append(got, r) }); err != nil {
		t.Fatal(err)
	}
	Sort(got)
	if len(got) != 2 || got[0].Date != "2024-01-04" || got[1].Date != "2024-01-01" {
		t.Errorf("results %+v", got)
	}
}

// TestNoPrefilter: with a forced decoding the raw bytes say nothing, so
// every file is parsed.
func TestNoPrefilter(t *testing.T) {
	dir := writeArchive(t, 3)
	files, _, _ := ListFiles([]string{dir})
	parse := func(data []byte, path string) (*issues.Issue, error) {
		return &issues.Issue{Source: path, Articles: []issues.Article{{Headline: "巴黎"}}}, nil
	}
	m, _ := Compile("巴黎")
	for _, tt := range []struct {
		no   bool
		want int
	}{{false, 0}, {true, 3}} {
		n := 0
		if err := SearchFiles(context.Background(), files, m, Options{Parse: parse, NoPrefilter: tt.no}, func(Result) { n++ }); err != nil {
			t.Fatal(err)
		}
		if n != tt.want {
			t.Errorf("NoPrefilter %v: %d results, want %d", tt.no, n, tt.want)
		}
	}
}

// TestFileChangedSinceListed: a file read with the size the listing saw is
// read whole when it has shrunk since.
func TestFileChangedSinceListed(t *testing.T) {
	dir := writeArchive(t, 1)
	files, _, _ := ListFiles([]string{dir})
	files[0].Size += 1000 // listed bigger than it is now
	m, _ := Compile("林芝采访")
	n := 0
	if err := SearchFiles(context.Background(), files, m, Options{Parse: paragraphParse}, func(Result) { n++ }); err != nil || n != 1 {
		t.Errorf("%d results, %v", n, err)
	}
}

// mustCompile compiles a test's query; a query a test counts on that does
// not compile is the test's own failure, not a finding.
func mustCompile(tb testing.TB, q string) *Matcher {
	tb.Helper()
	m, err := Compile(q)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
