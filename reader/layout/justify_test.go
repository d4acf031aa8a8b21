package layout

import (
	"strings"
	"testing"

	"bao/issues"
)

// TestJustificationTiers: the slack of a justified line goes first beside
// narrow punctuation standing for CJK punctuation, then to Han–Western
// gaps, then to existing spaces, and never between two CJK characters, after
// full-width punctuation or beside a bare number: a line with no such place
// stays short.
func TestJustificationTiers(t *testing.T) {
	tests := []struct {
		name, text string
		width      int
		amb        Ambiguous
		want       string // the first line
	}{
		// 14 Han + ” = 29 cells in 30: the cell goes after the quote.
		{"beside a narrow closing quote", "一二三四五六七”八九十一二三四五六七八九十", 30, Narrow, "一二三四五六七” 八九十一二三四"},
		// The same quote drawn wide: 15 two-cell characters, no slack.
		{"a wide quote leaves no slack", "一二三四五六七”八九十一二三四五六七八九十", 30, Wide, "一二三四五六七”八九十一二三四"},
		// 、 pushes 问 down with its comma (、 may not start a line): the
		// two cells of slack have no place to go, the line stays short.
		{"not after full-width punctuation", "一二三、四五六、七八九十一二问，题", 30, Narrow, "一二三、四五六、七八九十一二"},
		// An ASCII comma standing for ，: the cell goes after it.
		{"after an ASCII comma in CJK text", "一二三四五六七,八九十一二三四五六七八九十", 30, Narrow, "一二三四五六七, 八九十一二三四"},
		// A date is one word: no cell beside its digits.
		{"not inside a date", "一二三四五3月14日十一二三四五六七八九十", 30, Narrow, "一二三四五3月14日十一二三四五"},
		// Korean: at the spaces only.
		{"at existing spaces", "한국어 신문 기사를 읽는다 한국어 신문 기사", 26, Narrow, "한국어 신문  기사를 읽는다"},
		// 7 Han + A + 7 Han = 29 cells: the cell goes beside the letter.
		{"Han–Western", "一二三四五六七A八九十一二三四五六七", 30, Narrow, "一二三四五六七A 八九十一二三四"},
		// 15 Han with no place for slack in 30 cells of a 31-cell column
		// (justified text is set on an even measure): exact already.
		{"exact", "一二三四五六七八九十一二三四五六七八九十", 31, Narrow, "一二三四五六七八九十一二三四五"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &issues.Article{Blocks: []issues.Block{{Kind: issues.KindText, Text: tt.text}}}
			l := Article(a, Options{Width: tt.width, Columns: 1, NoIndent: true, Ambiguous: tt.amb})
			if got := l.Body[0].Text; got != tt.want {
				t.Errorf("first line %q (%d cells), want %q", got, l.Body[0].Width, tt.want)
			}
			if strings.TrimSpace(l.Body[0].Text) != l.Body[0].Text {
				t.Errorf("line starts or ends with a space: %q", l.Body[0].Text)
			}
		})
	}
}
