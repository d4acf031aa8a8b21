package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"bao/issues"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func TestLooksUTF8(t *testing.T) {
	zh := strings.Repeat("今天拉萨市民在广场上散步，天气晴朗。", 200)
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().String(zh)
	big5, _ := traditionalchinese.Big5.NewEncoder().String(strings.Repeat("今天拉薩市民在廣場上散步。", 200))
	mostlyASCII := strings.Repeat("The quick brown fox. ", 300)
	gbWord, _ := simplifiedchinese.GB18030.NewEncoder().String("拉萨")
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"short UTF-8", "拉萨", true},
		{"long UTF-8 Chinese", zh, true},
		{"long UTF-8 with a cut rune at a window edge", "a" + zh, true},
		{"GB18030", gbk, false},
		{"Big5", big5, false},
		{"ASCII", mostlyASCII, true},
		{"ASCII with one GB18030 word between windows", mostlyASCII[:3000] + gbWord + mostlyASCII[3000:], false},
		{"short GB18030", gbWord, false},
	}
	for _, tt := range tests {
		if got := looksUTF8([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: looksUTF8 = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRunesInIsComplete: whenever an article built from a raw text matches,
// the raw-byte prefilter lets the text through.
func TestRunesInIsComplete(t *testing.T) {
	raw := fixture.Headline + "\n\n"
	for _, b := range fixture.Blocks {
		raw += b.Text + "\n\n"
	}
	queries := []string{"拉萨", "拉薩市", "2023", "２０２３年", `"new york"`, "ガイダンス", "ｶﾞｲﾀﾞﾝｽ",
		"한국어", "LHASA", "联欢会 lhasa", "东京 学校", "聯歡會", "平成", "㍻"}
	for _, q := range queries {
		m, _ := Compile(q)
		if m.Article(&fixture) != nil && !m.runesIn([]byte(raw)) {
			t.Errorf("%q matches the article but the prefilter rules its text out", q)
		}
	}
	for _, q := range []string{"巴黎", "拉萨 巴黎", "纽约"} {
		m, _ := Compile(q)
		if m.runesIn([]byte(raw)) {
			t.Errorf("%q: prefilter let through a text without 巴/纽", q)
		}
	}
}

func TestContainsRune(t *testing.T) {
	data := []byte("拉萨市民 abc")
	for _, tt := range []struct {
		r    string
		want bool
	}{{"萨", true}, {"民", true}, {"拉", true}, {"薩", false}, {"c", true}, {"z", false}} {
		if got := containsRune(data, []byte(tt.r)); got != tt.want {
			t.Errorf("containsRune(%q) = %v", tt.r, got)
		}
	}
}

// TestSearchFindsLegacyEncodings: a GB18030 file is searched (through the
// real parser's detection) and a non-matching one is not parsed.
func TestSearchFindsLegacyEncodings(t *testing.T) {
	dir := t.TempDir()
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("拉萨新闻\r\n\r\n今天拉萨市民在广场上散步，天气晴朗，气温适宜。\r\n")
	other, _ := simplifiedchinese.GB18030.NewEncoder().String("天气预报\r\n\r\n明天多云转晴，气温回升。\r\n")
	os.WriteFile(filepath.Join(dir, "2024-01-01.txt"), []byte(gb), 0o644)
	os.WriteFile(filepath.Join(dir, "2024-01-02.txt"), []byte(other), 0o644)
	files, _, _ := ListFiles([]string{dir})
	m, _ := Compile("拉薩市民")
	var got []Result
	var parsed atomic.Int64
	parse := func(data []byte, path string) (*issues.Issue, error) {
		parsed.Add(1)
		return issues.Parse(data, path, issues.LoadOptions{})
	}
	if err := SearchFiles(context.Background(), files, m, Options{Parse: parse}, func(r Result) { got = append(got, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || filepath.Base(got[0].Source) != "2024-01-01.txt" || parsed.Load() != 1 {
		t.Errorf("results %+v, %d parsed; want the GB18030 issue, 1 parse", got, parsed.Load())
	}
}

// TestInvalidPastTheSampleIsParsed: a file whose sampled windows are UTF-8
// but which holds other bytes elsewhere goes to the parser when it is
// folded whole (indexing it). Without the index such a mixed file
// can be ruled out by its runes before it is folded: the price of not
// validating every file in full (see looksUTF8).
func TestInvalidPastTheSampleIsParsed(t *testing.T) {
	zh := strings.Repeat("今天拉萨市民在广场上散步，天气晴朗。", 100)
	gbWord, _ := simplifiedchinese.GB18030.NewEncoder().String("巴黎")
	cut := len(zh) / 5 / 3 * 3 // between two sampled windows, at a rune boundary
	data := zh[:cut] + gbWord + zh[cut:]
	if !looksUTF8([]byte(data)) {
		t.Skip("the sample caught it; nothing to test")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.txt"), []byte(data), 0o644)
	files, _, _ := ListFiles([]string{dir})
	var parsed atomic.Int64
	parse := func(data []byte, path string) (*issues.Issue, error) {
		parsed.Add(1)
		return &issues.Issue{Source: path}, nil
	}
	m, _ := Compile("巴黎")
	cache := t.TempDir()
	if _, err := UpdateIndex(context.Background(), cache, "x", files, IndexOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := OpenIndex(cache, "x")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	SearchFiles(context.Background(), files, m, Options{Parse: parse, Index: ix}, func(Result) {})
	if parsed.Load() != 1 || ix.Stale() != 0 {
		t.Errorf("with the index: parsed %d times (stale %d), want 1 (0)", parsed.Load(), ix.Stale())
	}
}

// TestSearchFindsUTF16 with and without a byte-order mark.
func TestSearchFindsUTF16(t *testing.T) {
	dir := t.TempDir()
	text := "拉萨新闻\n\n今天拉萨市民在广场上散步，天气晴朗。\n"
	le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(text)
	beNoBOM, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewEncoder().String(text)
	os.WriteFile(filepath.Join(dir, "2024-01-01.txt"), []byte(le), 0o644)
	os.WriteFile(filepath.Join(dir, "2024-01-02.txt"), []byte(beNoBOM), 0o644)
	files, _, _ := ListFiles([]string{dir})
	m, _ := Compile("拉薩市民")
	var parsed atomic.Int64
	parse := func(data []byte, path string) (*issues.Issue, error) {
		parsed.Add(1)
		return issues.Parse(data, path, issues.LoadOptions{})
	}
	SearchFiles(context.Background(), files, m, Options{Parse: parse}, func(Result) {})
	if parsed.Load() != 2 {
		t.Errorf("parsed %d UTF-16 files, want both", parsed.Load())
	}
}

// TestBrokenUTF8IsSearchedAsUTF8: a UTF-8 issue with a stray byte where
// looksUTF8 samples it (a cut download) is not UTF-8 to the search, but
// the parser keeps it as UTF-8 when no legacy encoding reads it better:
// the search must try its own bytes too, cold and while indexing, and
// GB18030 issues must not be parsed for it.
func TestBrokenUTF8IsSearchedAsUTF8(t *testing.T) {
	dir := t.TempDir()
	zh := []byte("拉萨新闻\n\n" + strings.Repeat("今天拉萨市民在广场上散步，天气晴朗。", 100) + "\n")
	zh[40] = 0xFF // inside looksUTF8's first window
	if looksUTF8(zh) {
		t.Fatal("the stray byte is not where looksUTF8 samples")
	}
	if is, err := issues.Parse(zh, "x.txt", issues.LoadOptions{}); err != nil || is.Encoding != issues.EncUTF8 {
		t.Fatalf("the parser reads it as %v (%v), want UTF-8", is.Encoding, err)
	}
	os.WriteFile(filepath.Join(dir, "2024-01-01.txt"), zh, 0o644)
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("天气预报\r\n\r\n明天多云转晴，气温回升。\r\n")
	for i := range 10 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("2024-02-%02d.txt", i+1)), []byte(gb), 0o644)
	}
	files, _, _ := ListFiles([]string{dir})
	for _, c := range []struct {
		query   string
		results int
		parsed  int64
	}{{"市民", 1, 1}, {"PM2.5", 0, 0}, {"多云", 10, 10}} {
		m, _ := Compile(c.query)
		for _, indexed := range []bool{false, true} {
			var parsed atomic.Int64
			opt := Options{Parse: func(data []byte, path string) (*issues.Issue, error) {
				parsed.Add(1)
				return issues.Parse(data, path, issues.LoadOptions{})
			}}
			if indexed {
				ix, err := OpenIndex(t.TempDir(), "x")
				if err != nil {
					t.Fatal(err)
				}
				defer ix.Close()
				opt.Index = ix
			}
			n := 0
			if err := SearchFiles(context.Background(), files, m, opt, func(Result) { n++ }); err != nil {
				t.Fatal(err)
			}
			if n != c.results || !indexed && parsed.Load() != c.parsed {
				t.Errorf("%s (index %v): %d results, %d parsed; want %d results, %d parsed",
					c.query, indexed, n, parsed.Load(), c.results, c.parsed)
			}
		}
	}
}
