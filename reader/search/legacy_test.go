package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"bao/internal/testfiles"
	"bao/issues"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// TestLegacyInAgreesWithDecoding: on random text in each legacy encoding,
// the raw-byte test never rules out an encoding whose decoding holds every
// anchor rune of the query (no false negatives), and it does rule out
// most texts without the query's characters (it is worth having).
func TestLegacyInAgreesWithDecoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	// Characters of all five encodings, with Traditional and Simplified
	// pairs, a compatibility ideograph, Japanese and Korean, full-width
	// forms and the duplicate-coded ≒ and 纊.
	pool := []rune("罗羅婷拉萨薩市民新变變化东東京都大阪의학교한국어ＡＢ１２≒≡∫纊褜鍈銈蓜㈱№℡あいうアイウ，。「」、")
	var queries []*Matcher
	for _, q := range []string{"罗婷", "拉薩", "東京", "학교", "≒", "纊", "ＡＢ", "新變化", "아이 あい"} {
		m, err := Compile(q)
		if err != nil {
			t.Fatal(err)
		}
		queries = append(queries, m)
	}
	ruledOut, total := 0, 0
	for iter := range 3000 {
		var b strings.Builder
		for range 5 + rng.IntN(40) {
			b.WriteRune(pool[rng.IntN(len(pool))])
			if rng.IntN(6) == 0 {
				b.WriteString("\r\n")
			}
		}
		text := b.String()
		m := queries[iter%len(queries)]
		for e := range legacyDBCS {
			// Characters the encoding lacks are left out of its text.
			raw, err := encoding.ReplaceUnsupported(legacyEncodings[e].NewEncoder()).Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			decoded, err := legacyEncodings[e].NewDecoder().Bytes(raw)
			if err != nil {
				t.Fatal(err)
			}
			want := m.runesIn(decoded)
			got := m.legacyIn(e, raw)
			if want && !got {
				t.Fatalf("%s, query %q: the decoded text %q holds its characters, but the raw test rules it out",
					legacyNames[e], m, decoded)
			}
			total++
			if !want && !got {
				ruledOut++
			}
		}
	}
	if ruledOut < total/4 {
		t.Errorf("ruled out %d of %d texts: the test is too weak", ruledOut, total)
	}
	t.Logf("ruled out %d of %d", ruledOut, total)
}

// TestSearchSkipsLegacyFilesWithoutTheTerms: in an archive of GB18030,
// Big5 and Shift_JIS issues, the files are decoded and parsed only when
// they hold the terms' characters, and every match is found.
func TestSearchSkipsLegacyFilesWithoutTheTerms(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, enc encoding.Encoding, text string) {
		t.Helper()
		raw, err := enc.NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		testfiles.WriteFile(t, filepath.Join(dir, name), raw)
	}
	for i := range 20 {
		write(fmt.Sprintf("2024-02-%02d.txt", i+1), simplifiedchinese.GB18030,
			"天气预报\r\n\r\n明天多云转晴，气温回升，市民出行注意安全。\r\n")
	}
	write("2024-03-01.txt", simplifiedchinese.GB18030, "拉萨新闻\r\n\r\n今天拉萨市民在广场上散步，天气晴朗。\r\n")
	write("2024-03-02.txt", traditionalchinese.Big5, "拉薩新聞\r\n\r\n今天拉薩市民在廣場上散步，天氣晴朗。\r\n")
	write("2024-03-03.txt", japanese.ShiftJIS, "東京の天気\r\n\r\n今日の東京は晴れ、気温は平年並み。\r\n")
	files, _, err := ListFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query       string
		results     int
		maxParsed   int64
		description string
	}{
		{"拉萨市民", 2, 2, "GB18030 and Big5, Simplified and Traditional"},
		{"東京", 1, 1, "Shift_JIS"},
		{"纳木错", 0, 0, "nowhere"},
	} {
		m, err := Compile(c.query)
		if err != nil {
			t.Fatal(err)
		}
		var parsed atomic.Int64
		parse := func(data []byte, path string) (*issues.Issue, error) {
			parsed.Add(1)
			return issues.Parse(data, path, issues.LoadOptions{})
		}
		n := 0
		if err := SearchFiles(context.Background(), files, m, Options{Parse: parse}, func(Result) { n++ }); err != nil {
			t.Fatal(err)
		}
		if n != c.results || parsed.Load() > c.maxParsed {
			t.Errorf("%s (%s): %d results, %d files parsed; want %d results, at most %d parsed",
				c.query, c.description, n, parsed.Load(), c.results, c.maxParsed)
		}
	}
}

// TestLegacyInWithReplacementCharacter: a term holding U+FFFD, which any
// broken byte decodes to, cannot be ruled out from raw bytes.
func TestLegacyInWithReplacementCharacter(t *testing.T) {
	m, err := Compile("拉\uFFFD")
	if err != nil {
		t.Fatal(err)
	}
	for e := range legacyDBCS {
		if !m.legacyIn(e, []byte("\xff\xfe plain bytes")) {
			t.Errorf("%s: ruled out a file for a term with U+FFFD", legacyNames[e])
		}
	}
	m, _ = Compile("拉萨")
	if m.legacyIn(0, []byte("\xff\xfe plain bytes")) {
		t.Error("GB18030: a file without 拉萨's bytes was not ruled out")
	}
}
