package vertical

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"bao/issues"
	"bao/reader/layout"
)

func TestSlots(t *testing.T) {
	tests := []struct {
		name, text string
		height     int
		want       []string // each line's slots, joined by |
	}{
		{"han fills the line", "中文排版", 2, []string{"中|文", "排|版"}},
		// The comma may not start a line, so 文 goes down with it.
		{"comma never starts a line", "中文，排版", 2, []string{"中", "文|︐", "排|版"}},
		{"opening bracket never ends a line", "中「文」", 2, []string{"中", "﹁|文", "﹂"}},
		{"two digits share a slot", "第12版", 4, []string{"第|12|版"}},
		{"one digit is padded", "第3版", 4, []string{"第|3 |版"}},
		{"longer numbers stand a digit a slot", "2024年", 8, []string{"2 |0 |2 |4 |年"}},
		{"latin one letter a slot", "AB", 4, []string{"A |B "}},
		{"words break at spaces", "ab cd", 3, []string{"a |b ", "c |d "}},
		{"dash pair stays together", "中文——好", 3, []string{"中", "文|︱|︱", "好"}},
		{"ellipsis pair stays together", "中文等……", 3, []string{"中|文", "等|︙|︙"}},
		{"curly quotes become corner brackets", "“好”", 4, []string{"﹁|好|﹂"}},
		{"ascii comma in Chinese turns", "中,文", 4, []string{"中|︐|文"}},
		{"ascii comma in Latin stays", "a,b", 4, []string{"a |, |b "}},
		{"a token taller than the line is cut", "ABCDE", 2, []string{"A |B ", "C |D ", "E "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &issues.Article{Blocks: []issues.Block{{Kind: issues.KindCaption, Text: tt.text}}}
			v := Article(a, Options{Width: 80, Height: tt.height})
			var got []string
			for _, ln := range v.Lines {
				var s []string
				for _, sl := range ln.Slots {
					s = append(s, sl.Text)
				}
				got = append(got, strings.Join(s, "|"))
			}
			if strings.Join(got, " / ") != strings.Join(tt.want, " / ") {
				t.Errorf("%q at height %d:\n got %q\nwant %q", tt.text, tt.height, got, tt.want)
			}
		})
	}
}

func TestIndentAndHead(t *testing.T) {
	a := &issues.Article{Headline: "標題", Byline: "記者", Blocks: []issues.Block{{Kind: issues.KindText, Text: "正文正文"}}}
	v := Article(a, Options{Width: 20, Height: 6})
	kinds := []layout.Kind{layout.LineHeadline, layout.LineBlank, layout.LineByline, layout.LineBlank, layout.LineText}
	if len(v.Lines) != len(kinds) {
		t.Fatalf("got %d lines, want %d", len(v.Lines), len(kinds))
	}
	for i, k := range kinds {
		if v.Lines[i].Kind != k {
			t.Errorf("line %d is %v, want %v", i, v.Lines[i].Kind, k)
		}
	}
	body := v.Lines[4].Slots
	if body[0].Text != "\u3000" || body[0].N != 0 {
		t.Errorf("paragraph does not start with a one-slot indent: %+v", body[0])
	}
	// The headline is the rightmost line of the page.
	rows := v.Page(0, nil)
	if !strings.HasSuffix(rows[0], "標") || !strings.HasSuffix(rows[1], "題") {
		t.Errorf("headline not at the right edge:\n%s", strings.Join(rows, "\n"))
	}
}

// alphabet mixes everything an issue holds, the awkward characters
// overrepresented.
var alphabet = []rune("中文排版报纸新闻記者東京かなカタカナっャー々한국어기사ABCxyz0123456789 ，。、；：！？“”‘’「」《》（）——……·°×%№・—…‥")

func randomText(r *rand.Rand) string {
	n := 1 + r.Intn(120)
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(rs)
}

// TestProperties checks, on random text at random sizes in both policies:
// no line holds more than Height slots; every slot is two cells; no line
// starts with a line-start-prohibited character or ends with a
// line-end-prohibited one unless it could not be set otherwise; and the
// slots read back in order give the source text, white space aside.
func TestProperties(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	for iter := 0; iter < 3000; iter++ {
		text := randomText(r)
		height := 1 + r.Intn(30)
		amb := layout.Ambiguous(r.Intn(2))
		w := layout.NewWidths(amb)
		can := layout.BreakOpportunities([]rune(text), w)
		a := &issues.Article{Blocks: []issues.Block{{Kind: issues.KindText, Text: text}}}
		v := Article(a, Options{Width: 1 + r.Intn(200), Height: height, Ambiguous: amb})
		var back []rune
		for li, ln := range v.Lines {
			if len(ln.Slots) > height {
				t.Fatalf("%q height %d: line %d has %d slots", text, height, li, len(ln.Slots))
			}
			for _, sl := range ln.Slots {
				if w.String(sl.Text) != 2 {
					t.Fatalf("%q: slot %q is %d cells", text, sl.Text, w.String(sl.Text))
				}
				back = append(back, []rune(text)[sl.Pos.Offset:sl.Pos.Offset+sl.N]...)
			}
			if li > 0 {
				checkBreak(t, text, height, can, v.Lines[li-1], ln)
			}
		}
		if strip(string(back)) != strip(text) {
			t.Fatalf("%q height %d: read back %q", text, height, string(back))
		}
	}
}

// checkBreak checks the break between two lines of one block: it falls at
// a break opportunity (so no line starts with a line-start-prohibited
// character or ends with a line-end-prohibited one), unless the line
// before it holds no opportunity at all — a run taller than the line, cut
// where it must be.
func checkBreak(t *testing.T, text string, height int, can []bool, prev, ln Line) {
	t.Helper()
	first := -1
	for _, sl := range ln.Slots {
		if sl.N > 0 {
			first = sl.Pos.Offset
			break
		}
	}
	if first < 0 || len(prev.Slots) == 0 {
		return
	}
	if can[first] {
		return
	}
	rs := []rune(text)
	start := prev.Slots[0].Pos.Offset
	for k := start + 1; k < first; k++ {
		if can[k] {
			t.Errorf("%q height %d: line breaks before %q at %d, not at an opportunity, though it had one at %d", text, height, rs[first], first, k)
			return
		}
	}
}

func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) && r != '\u3000' {
			return -1
		}
		return r
	}, s)
}

func TestLocate(t *testing.T) {
	text := "一二三四五六七八九十"
	a := &issues.Article{Blocks: []issues.Block{{Kind: issues.KindText, Text: text}}}
	v := Article(a, Options{Width: 30, Height: 4})
	for off := range []rune(text) {
		li, s := v.Locate(issues.Place{Block: 0, Offset: off})
		sl := v.Lines[li].Slots[s]
		if sl.Pos.Offset != off {
			t.Errorf("Locate(%d) = slot at %d", off, sl.Pos.Offset)
		}
	}
}

func FuzzVertical(f *testing.F) {
	f.Add("中文，排版「好」——12", 5, 40)
	f.Add("ABC DEF 1234", 2, 3)
	f.Fuzz(func(t *testing.T, text string, height, width int) {
		height, width = 1+abs(height)%60, 1+abs(width)%300
		a := &issues.Article{Headline: text, Blocks: []issues.Block{{Kind: issues.KindText, Text: text}}}
		v := Article(a, Options{Width: width, Height: height})
		w := layout.NewWidths(layout.Narrow)
		for p := 0; p < v.Pages(); p++ {
			for _, row := range v.Page(p, nil) {
				if w.String(row) > max(width, 2) {
					t.Fatalf("row wider than %d: %q", width, row)
				}
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestClusterSlots: a grapheme cluster that fits a slot takes one slot
// whole (a flag either way; a skin-toned emoji or a ZWJ family when the
// terminal counts per cluster), and every slot stays two cells wide.
func TestClusterSlots(t *testing.T) {
	text := "中🇨🇳文👍🏽字👨\u200d👩\u200d👧。"
	a := &issues.Article{Blocks: []issues.Block{{Kind: issues.KindText, Text: text}}}
	for _, tt := range []struct {
		graphemes bool
		want      []string // the slots' characters, without padding
	}{
		{false, []string{"中", "🇨🇳", "文", "👍", "🏽", "字", "👨\u200d", "👩\u200d", "👧", "︒"}},
		{true, []string{"中", "🇨🇳", "文", "👍🏽", "字", "👨\u200d👩\u200d👧", "︒"}},
	} {
		v := Article(a, Options{Width: 40, Height: 30, Graphemes: tt.graphemes})
		w := layout.NewWidths(layout.Narrow).WithGraphemes(tt.graphemes)
		var got []string
		for _, ln := range v.Lines {
			for _, s := range ln.Slots {
				if s.N == 0 {
					continue // the indent
				}
				if n := w.String(s.Text); n != 2 {
					t.Errorf("graphemes %v: slot %q is %d cells", tt.graphemes, s.Text, n)
				}
				got = append(got, strings.TrimRight(s.Text, " "))
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("graphemes %v: slots %q, want %q", tt.graphemes, got, tt.want)
		}
	}
}
