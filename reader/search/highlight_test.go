package search

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"bao/issues"
	"bao/reader/layout"
)

// highlightFixture has matches that the layout must break across lines at
// narrow widths, ambiguous-width characters (“ ” · …) around them, and
// line breaks from PDF extraction inside them.
var highlightFixture = issues.Article{
	Headline: "“拉薩”·２０２３年新春聯歡會在市文化宮舉行",
	Blocks: []issues.Block{
		{Kind: issues.KindText, Text: "本报讯 今年的联欢会在拉\n萨市文化宫举行，来自ＮＥＷ\nYORK的乐团……也参加了演出。“拉萨”两个字写在横幅上，横幅长达二十米，十分醒目。"},
		{Kind: issues.KindText, Text: "演出持续到深夜，观众们说：“明年还要来拉萨看联欢会。”Lhasa 2023 · New York"},
		{Kind: issues.KindCaption, Text: "图为联欢会现场（拉萨·文化宫）。"},
	},
}

// TestHighlightCells: at several widths and both ambiguous-width policies,
// the cells highlighted for each match show exactly the matched text (less
// the white space the layout drops at line ends), and their count of cells
// is that text's width under the policy.
func TestHighlightCells(t *testing.T) {
	queries := []string{"拉萨", "联欢会", `"new york"`, "2023", "拉萨市文化宫", "“拉萨”", "……也参加"}
	for _, amb := range []layout.Ambiguous{layout.Narrow, layout.Wide} {
		for _, width := range []int{12, 17, 30, 44, 81, 130} {
			l := layout.Article(&highlightFixture, layout.Options{Width: width, Ambiguous: amb})
			for _, q := range queries {
				m := mustCompile(t, q)
				ms := m.Article(&highlightFixture)
				if len(ms) == 0 {
					t.Fatalf("%q: no match", q)
				}
				for i, spans := range Highlights(l, ms) {
					text, _ := highlightFixture.BlockText(ms[i].Block)
					want := []rune(text)[ms[i].Offset : ms[i].Offset+ms[i].Length]
					var shown strings.Builder
					for _, sp := range spans {
						lines := l.Body
						if sp.Head {
							lines = l.Head
						}
						ln := lines[sp.Line]
						_, mid, _ := ln.Cut(sp.X0, sp.X1)
						if got := l.Widths.String(mid); got != sp.X1-sp.X0 {
							t.Errorf("%v width %d %q: span %+v shows %q, %d cells for %d", amb, width, q, sp, mid, got, sp.X1-sp.X0)
						}
						shown.WriteString(mid)
					}
					if noSpace(shown.String()) != noSpace(string(want)) {
						t.Errorf("%v width %d %q match %d: highlighted %q, want %q (spans %+v)", amb, width, q, i, shown.String(), string(want), spans)
					}
				}
			}
		}
	}
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestMatchJSON: a Match keeps the form `bao search --json` and scripts
// have always seen, the headline as block -1.
func TestMatchJSON(t *testing.T) {
	for _, tt := range []struct {
		m    Match
		want string
	}{
		{Match{issues.Place{Block: issues.BlockHeadline, Offset: 3}, 2}, `{"block":-1,"offset":3,"length":2}`},
		{Match{issues.Place{Block: 0, Offset: 5}, 1}, `{"block":0,"offset":5,"length":1}`},
	} {
		b, err := json.Marshal(tt.m)
		if err != nil || string(b) != tt.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tt.m, b, err, tt.want)
		}
	}
}
