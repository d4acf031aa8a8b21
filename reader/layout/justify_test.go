package layout

import (
	"strings"
	"testing"

	"bao/issues"
)

// TestJustificationTiers: the slack of a justified line goes first beside
// a quotation mark drawn one cell wide, then after full-width punctuation,
// then to Han–Western gaps, and only then between two Han characters.
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
		// 、 pushes 问 down with its comma (、 may not start a line): two
		// cells of slack go after the two pause marks.
		{"after full-width punctuation", "一二三、四五六、七八九十一二问，题", 30, Narrow, "一二三、 四五六、 七八九十一二"},
		// 7 Han + A + 7 Han = 29 cells: the cell goes beside the letter.
		{"Han–Western before Han–Han", "一二三四五六七A八九十一二三四五六七", 30, Narrow, "一二三四五六七A 八九十一二三四"},
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
