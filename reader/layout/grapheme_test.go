package layout

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/clipperhouse/uax29/v2/graphemes"

	"bao/issues"
)

// emojiText is an invented paragraph heavy in grapheme clusters: ZWJ
// sequences, skin tones, presentation selectors, flags, keycaps, combining
// marks, halfwidth sound marks, Hangul jamo.
const emojiText = "今天👨‍👩‍👧一家人去看☺️升旗，我点赞👍🏽，他举手☝🏻说：🇨🇳加油！" +
	"门票#️⃣号在⚠️窗口，❤️满满。Café é e\u0301 ｶﾞｷﾞ 한글 ᄒᆞᆫ글 👩🏾‍💻写代码🏳️‍🌈，" +
	"🧑‍🤝‍🧑并肩，🇯🇵🇰🇷🇺🇸三面旗，नमस्ते，中ﾞ。"

// TestMayJoinNoFalseNegatives: wherever the UAX #29 segmenter puts two runes
// in one cluster, mayJoin says they may join — checked for every rune of
// the BMP, the SMP and the tag and selector blocks after the runes that
// start clusters in practice.
func TestMayJoinNoFalseNegatives(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	prefixes := []string{"a", "中", "가", "ᄀ", "ᅡ", "ᆨ", "\u0600", "क्", "👨\u200d", "🇦", "\r", "😀", "e\u0301", "ｶ"}
	for _, p := range prefixes {
		last, _ := utf8.DecodeLastRuneInString(p)
		for r := rune(0); r <= 0xE01EF; r++ {
			if r == 0x20000 {
				r = 0xE0000 // the CJK extension planes hold ideographs only
			}
			if r >= 0xD800 && r <= 0xDFFF {
				continue
			}
			s := p + string(r)
			if len(graphemes.FromString(s).First()) > len(p) && !mayJoin(last, r) {
				t.Fatalf("%q + %U form one cluster, mayJoin(%U, %U) = false", p, r, last, r)
			}
		}
	}
}

// TestClusterLen checks ClusterLen and clusterLen against the segmenter.
func TestClusterLen(t *testing.T) {
	for it := graphemes.FromString(emojiText); it.Next(); {
		c := it.Value()
		r, size := utf8.DecodeRuneInString(c)
		if got := clusterLen(emojiText[it.Start():], r, size); got != len(c) {
			t.Errorf("clusterLen at %q = %d bytes, want %d", c, got, len(c))
		}
		rs := []rune(emojiText[it.Start():])
		if got := ClusterLen(rs, 0); got != utf8.RuneCountInString(c) {
			t.Errorf("ClusterLen at %q = %d runes, want %d", c, got, utf8.RuneCountInString(c))
		}
	}
}

// rendererWidth is how bubbletea v2's renderer counts s: x/ansi's WcWidth
// until the terminal reports mode 2027, GraphemeWidth after.
func rendererWidth(s string, graphemes bool) int {
	if graphemes {
		return ansi.GraphemeWidth.StringWidth(s)
	}
	return ansi.WcWidth.StringWidth(s)
}

// widthCorpus is text to measure: the emoji paragraph, the test pieces,
// the fixtures, the seed when present, and random runes from the blocks
// news text draws on.
func widthCorpus(t *testing.T) []string {
	out := []string{emojiText}
	out = append(out, pieces...)
	for _, f := range []string{"testdata/zh-Hans.md", "testdata/ja.md", "testdata/ko.md", "testdata/en.md", seedPathInternal} {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, strings.Split(string(b), "\n")...)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	blocks := [][2]rune{{0x20, 0x24F}, {0x300, 0x36F}, {0x2000, 0x2BFF}, {0x3000, 0x30FF}, {0xFE00, 0xFFEF}, {0x1F000, 0x1FAFF}, {0xE0020, 0xE007F}, {0x1100, 0x11FF}, {0x900, 0x97F}}
	for range 2000 {
		var sb strings.Builder
		for range 1 + r.IntN(12) {
			b := blocks[r.IntN(len(blocks))]
			sb.WriteRune(b[0] + r.Int32N(b[1]-b[0]+1))
		}
		out = append(out, sb.String())
	}
	return out
}

const seedPathInternal = "../../../shared/seeds/000_84ee076a4ed4be77.txt"

// TestWidthsMatchRenderer: the layout's width model is the renderer's, in
// both of the renderer's ways of counting (the Narrow policy: x/ansi reads
// its own policy from RUNEWIDTH_EASTASIAN at start-up).
func TestWidthsMatchRenderer(t *testing.T) {
	if os.Getenv("RUNEWIDTH_EASTASIAN") != "" {
		t.Skip("x/ansi's policy comes from RUNEWIDTH_EASTASIAN")
	}
	for _, g := range []bool{false, true} {
		w := NewWidths(Narrow).WithGraphemes(g)
		bad := 0
		for _, s := range widthCorpus(t) {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\x1b") {
				continue
			}
			if got, want := w.String(s), rendererWidth(s, g); got != want {
				bad++
				if bad < 10 {
					t.Errorf("graphemes=%v: Widths.String(%q) = %d, the renderer counts %d", g, s, got, want)
				}
			}
		}
	}
	if NewWidths(Narrow).String("👨‍👩‍👧") != 6 || NewWidths(Narrow).WithGraphemes(true).String("👨‍👩‍👧") != 2 {
		t.Errorf("👨‍👩‍👧: want 6 cells per code point, 2 per cluster")
	}
}

// TestLinesMatchRenderer lays the emoji paragraph out at every width and
// checks each line's Width against the renderer's count of its text, and
// that no line breaks inside a cluster.
func TestLinesMatchRenderer(t *testing.T) {
	if os.Getenv("RUNEWIDTH_EASTASIAN") != "" {
		t.Skip("x/ansi's policy comes from RUNEWIDTH_EASTASIAN")
	}
	a := &issues.Article{Headline: "☝🏻👍🏽 标题", Blocks: []issues.Block{{Kind: issues.KindText, Text: emojiText}}}
	for _, g := range []bool{false, true} {
		for width := 4; width <= 60; width++ {
			l := Article(a, Options{Width: width, Columns: 1, Graphemes: g})
			for _, ln := range append(l.Head, l.Body...) {
				if got := rendererWidth(ln.Text, g); got != ln.Width {
					t.Errorf("graphemes=%v width %d: line %q has Width %d, the renderer counts %d", g, width, ln.Text, ln.Width, got)
				}
				if ln.Kind == LineBlank || ln.Start == 0 {
					continue
				}
				if !clusterStarts(a.Blocks[0].Text, ln.Start) && ln.Block == 0 && !(!g && NewWidths(Narrow).String(clusterAtRune(emojiText, ln.Start)) > width&^1) {
					t.Errorf("graphemes=%v width %d: line %q starts inside a cluster", g, width, ln.Text)
				}
			}
		}
	}
}

// clusterAtRune is the grapheme cluster of s that holds rune k.
func clusterAtRune(s string, k int) string {
	i := 0
	for it := graphemes.FromString(s); it.Next(); {
		n := utf8.RuneCountInString(it.Value())
		if k < i+n {
			return it.Value()
		}
		i += n
	}
	return ""
}

// A cluster never takes in an invalid byte: the byte is drawn as U+FFFD,
// a character of its own (found by FuzzLayout).
func TestValidLen(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"\ufe0f\xe2", 3},
		{"\xe2\ufe0f", 1},
		{"👍🏽", len("👍🏽")},
		{"", 0},
	} {
		if got := validLen(tc.in); got != tc.want {
			t.Errorf("validLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
