package layout

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// setLines breaks text ragged at width cells, without indent and without
// the paragraph's widow rule (as a caption), and returns the lines.
func setLines(text string, width int, amb Ambiguous) []string {
	return setLinesAs(LineCaption, text, width, amb)
}

func setLinesAs(kind Kind, text string, width int, amb Ambiguous) []string {
	e := &engine{w: NewWidths(amb)}
	recs := e.set(nil, text, 0, kind, width, 0, false)
	out := make([]string, len(recs))
	for i := range recs {
		out[i] = spanText(e, i)
	}
	return out
}

// spanText is the text of line i the engine made (before finish).
func spanText(e *engine, i int) string {
	if sp := e.spans[i]; sp.src != "" {
		return sp.src
	}
	return string(e.buf[e.spans[i].t0:e.spans[i].t1])
}

// markBreaks returns text with ÷ at every break opportunity.
func markBreaks(text string) string {
	e := &engine{w: NewWidths(Narrow)}
	e.prepare(text)
	var sb strings.Builder
	for _, c := range e.ri[:e.n] {
		if c.can {
			sb.WriteRune('÷')
		}
		sb.WriteRune(c.r)
	}
	return sb.String()
}

func TestBreakOpportunities(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"中文中文", "中÷文÷中÷文"},
		{"中文，中", "中÷文，÷中"},                     // never before ，
		{"他说——好", "他÷说——÷好"},                   // —— together, never at line start
		{"等等……然后", "等÷等……÷然÷后"},                // …… together
		{"看“中”字", "看÷“中”÷字"},                   // never after “, never before ”
		{"（注）文", "（注）÷文"},                      // full-width brackets
		{"H9774项目", "H9774÷项÷目"},               // a token stays whole
		{"围绕6+1产业", "围÷绕÷6+1÷产÷业"},             // 6+1 stays whole
		{"增长12.5%。", "增÷长÷12.5%。"},             // a number with its sign and the stop
		{"50％以上", "50％÷以÷上"},                   // ％ sticks to its number
		{"￥30元", "￥30÷元"},                      // ￥ sticks to its number
		{"a b  c", "a ÷b  ÷c"},                 // breaks after white space
		{"word (abc) def", "word ÷(abc) ÷def"}, // ASCII brackets
		{"中,文", "中,÷文"},                        // ASCII comma in CJK text
		{"说:“我", "说:÷“我"},                      // the seed's ASCII colon, then a quote
		{"한국어 단어", "한국어 ÷단어"},                  // Korean breaks at spaces
		{"한국어를3D로", "한국어를3D로"},                 // and keeps words whole
		{"ちょっと", "ちょっ÷と"},                      // small kana never start a line
		{"コーヒー", "コー÷ヒー"},                      // nor the prolonged sound mark
		{"人々が", "人々÷が"},                        // nor iteration marks
		{"e\u0301中", "e\u0301÷中"},              // combining marks stay with their base
		{"中\u0301文", "中\u0301÷文"},
		{"https://a.example/x?y=1", "https://a.example/x?y=1"},
		{"２０２３年", "２０２３÷年"}, // full-width digits form a token
		{"　　正文", "　　÷正÷文"},  // U+3000 breaks after, not before
		{"文　　正", "文　　÷正"},
	} {
		if got := markBreaks(tc.in); got != tc.want {
			t.Errorf("breaks in %q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestLineBreaking(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		amb   Ambiguous
		want  string // lines joined by |
	}{
		{"中文中文中文", 4, Narrow, "中文|中文|中文"},
		{"中文，中文", 4, Narrow, "中|文，|中文"}, // push 文 down with its comma
		{"中“文字”中", 5, Narrow, "中“文|字”中"},
		{"中“文字”中", 3, Narrow, "中|“文|字”|中"},      // “ never ends a line
		{"数据H9774显示", 6, Narrow, "数据|H9774|显示"}, // never split H9774
		{"围绕6+1产业", 5, Narrow, "围绕|6+1产|业"},
		{"增长12.5%，", 8, Narrow, "增长|12.5%，"},
		{"增长50％", 7, Narrow, "增长|50％"},
		{"他说——好", 6, Narrow, "他说——|好"},
		{"他说——好", 5, Narrow, "他|说——|好"},
		{"他说——好", 6, Wide, "他|说——|好"}, // —— is 4 cells when wide
		{"等等……然后", 6, Narrow, "等等……|然后"},
		{"한국어 단어를 배웁니다", 10, Narrow, "한국어|단어를|배웁니다"}, // Korean words whole
		{"ちょっとまって", 6, Narrow, "ちょっ|とまっ|て"},
		{"コーヒー", 4, Narrow, "コー|ヒー"},
		{"word (abc) def", 5, Narrow, "word|(abc)|def"},
		{"a b c d", 3, Narrow, "a b|c d"},                                                  // no space at either end
		{"see https://example.com/abc ok", 10, Narrow, "see|https://|example.co|m/abc ok"}, // cut only when alone too long, not in a word if it can
		{"  leading  and trailing  ", 8, Narrow, "leading|and|trailing"},
		{"中文\x1b[31m红", 6, Narrow, "中文|[31m红"}, // ESC never reaches the terminal
		{"", 10, Narrow, ""},
		{"超过60°C或", 8, Narrow, "超过60°C|或"}, // 60°C stays whole under both policies
		{"超过60°C或", 10, Wide, "超过60°C|或"},
		{"超过60°C或", 8, Wide, "超过|60°C或"}, // not 超过60°|C或
		{"他说“好”吗", 8, Wide, "他说|“好”吗"},
	} {
		got := strings.Join(setLines(tc.in, tc.width, tc.amb), "|")
		if got != tc.want {
			t.Errorf("%q at %d %v:\n got %q\nwant %q", tc.in, tc.width, tc.amb, got, tc.want)
		}
	}
}

func TestNoWidows(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"中文中文中文中文中。", 8, "中文中文|中文中|文中。"}, // not 中文中文|中文中文|中。
		{"中文中文中文中文中", 8, "中文中文|中文中|文中"},
		{"中文中文中文中文中文", 8, "中文中文|中文中文|中文"},         // two characters: no widow
		{"中文中文中文中文aaaaa中", 8, "中文中文|中文中文|aaaaa中"}, // the unit before is no single character
		{"ちょっとまって", 6, "ちょっ|とまっ|て"},               // nor would moving it leave a full line
	} {
		got := strings.Join(setLinesAs(LineText, tc.in, tc.width, Narrow), "|")
		if got != tc.want {
			t.Errorf("%q at %d:\n got %q\nwant %q", tc.in, tc.width, got, tc.want)
		}
	}
}

// TestBreaksIndependentOfPolicy: where a line may break does not depend on
// how wide the ambiguous characters are drawn.
func TestBreaksIndependentOfPolicy(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		text := randomText(r, 60)
		n, w := &engine{w: NewWidths(Narrow)}, &engine{w: NewWidths(Wide)}
		n.prepare(text)
		w.prepare(text)
		for i := range n.n {
			if n.ri[i].can != w.ri[i].can || n.ri[i].cls != w.ri[i].cls {
				t.Fatalf("%q: rune %d (%q) breaks differently when wide", text, i, n.ri[i].r)
			}
		}
	}
}
