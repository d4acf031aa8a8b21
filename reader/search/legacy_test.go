package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

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
		queries = append(queries, mustCompile(t, q))
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

// TestLegacyInIsExactInChinese: in GB18030 and Big5 the raw-byte test
// finds a character only where the decoder reads it, so it answers exactly
// as the decoded text does, on text full of sequences that straddle two
// characters and of bytes the decoders take as errors: stray leads,
// digits after a lead (GB18030's four-byte forms), 0x80, 0xFF, a lead at
// the very end.
func TestLegacyInIsExactInChinese(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	// 한 and 😀 are four bytes in GB18030.
	pool := []rune("罗羅婷拉萨薩市民新变變化东東京都马黎，。１２Ａ한😀")
	stray := []string{"\x30", "\x35", "\x39", "\x3A", "\x3F", "\x40", "\x7E", "\x7F", "\x80", "\x81", "\x84", "\xA1",
		"\xC2", "\xDE", "\xE6", "\xC3", "\xFE", "\xFF", "\n", " ", "\x81\x35", "\x84\x31\xA4", "\xFE\x39\xFE\x39", "\xE3\x32\x9A\x35"}
	var queries []*Matcher
	for _, q := range []string{"罗婷", "拉薩", "東京", "新變化", "马 黎", "１２", "한", "😀", "婷한"} {
		queries = append(queries, mustCompile(t, q))
	}
	held := [2]int{}
	for iter := range 20000 {
		m := queries[iter%len(queries)]
		e := iter % 2
		enc := encoding.ReplaceUnsupported(legacyEncodings[e].NewEncoder())
		var raw []byte
		for range 1 + rng.IntN(30) {
			if rng.IntN(3) == 0 {
				raw = append(raw, stray[rng.IntN(len(stray))]...)
				continue
			}
			b, err := enc.Bytes([]byte(string(pool[rng.IntN(len(pool))])))
			if err != nil {
				t.Fatal(err)
			}
			if rng.IntN(8) == 0 {
				b = b[:len(b)-1] // half a character
			}
			raw = append(raw, b...)
		}
		decoded, err := legacyEncodings[e].NewDecoder().Bytes(raw)
		if err != nil {
			t.Fatal(err)
		}
		want := m.runesIn(decoded)
		if got := m.legacyIn(e, raw); got != want {
			t.Fatalf("%s, query %q, bytes % x (decoded %q): legacyIn %v, the decoded text says %v",
				legacyNames[e], m, raw, decoded, got, want)
		}
		if want {
			held[e]++
		}
	}
	if held[0] < 500 || held[1] < 500 {
		t.Errorf("texts holding the query: %v; the test tests little", held)
	}
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
		m := mustCompile(t, c.query)
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
	m := mustCompile(t, "拉\uFFFD")
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

// TestLegacyStepsAreTheDecoders: gb18030Step and big5Step read characters
// of the lengths golang.org/x/text's decoders do, for every pair of bytes,
// with the four-byte forms' third and fourth bytes at and around their
// bounds, and at the end of the input.
func TestLegacyStepsAreTheDecoders(t *testing.T) {
	steps := []func([]byte, int) int{gb18030Step, big5Step}
	tails := [][]byte{nil, {0x81, 0x30}, {0x81, 0x39}, {0xFE, 0x39}, {0x80, 0x30}, {0xFF, 0x30}, {0x81, 0x3A}, {0x84, 0x31}, {0xE3, 0x32}, {0x90, 0x30}, {0x41, 0x41}}
	for e, step := range steps {
		for c0 := range 256 {
			for c1 := -1; c1 < 256; c1++ {
				for _, tail := range tails {
					src := []byte{byte(c0)}
					if c1 >= 0 {
						src = append(src, byte(c1))
						src = append(src, tail...)
					} else if tail != nil {
						continue
					}
					want := decodedLen(e, src)
					if got := step(src, 0); got != want {
						t.Fatalf("%s: % x: step %d, the decoder reads %d", legacyNames[e], src, got, want)
					}
				}
			}
		}
	}
}

// decodedLen is the length of the first character legacyEncodings[e]'s
// decoder reads in src: with room for exactly that character's UTF-8,
// it decodes that one alone.
func decodedLen(e int, src []byte) int {
	for n := 1; n <= 2*utf8.UTFMax; n++ {
		if _, nSrc, _ := legacyEncodings[e].NewDecoder().Transform(make([]byte, n), src, true); nSrc > 0 {
			return nSrc
		}
	}
	return 0
}
