package layout

import (
	"testing"

	"bao/internal/ambiguous"
)

func TestAmbiguousFor(t *testing.T) {
	for p, want := range map[ambiguous.Policy]Ambiguous{ambiguous.Narrow: Narrow, ambiguous.Wide: Wide, ambiguous.Auto: Narrow} {
		if got := AmbiguousFor(p); got != want {
			t.Errorf("AmbiguousFor(%v) = %v, want %v", p, got, want)
		}
	}
	if Wide.Policy() != ambiguous.Wide || Narrow.Policy() != ambiguous.Narrow {
		t.Error("Policy")
	}
}

func TestWidths(t *testing.T) {
	n, w := NewWidths(Narrow), NewWidths(Wide)
	for _, tc := range []struct {
		s            string
		narrow, wide int
	}{
		{"abc", 3, 3},
		{"中文", 4, 4},
		{"“中”", 4, 6},
		{"……", 2, 4},
		{"——", 2, 4},
		{"·°×", 3, 6},
		{"─│┌", 3, 6},
		{"，。！？（）", 12, 12},
		{"한국어", 6, 6},
		{"ｶﾀｶﾅ", 4, 4},
		{"e\u0301", 1, 1},
		{"a\tb\x1b", 2, 2},
		{"①Ⅱα", 3, 6},
		{"café", 4, 5},   // é is East Asian Ambiguous
		{"Łódź", 4, 6},   // Ł ó ambiguous; d ź not
		{"pīnyīn", 6, 8}, // ī is ambiguous
		{"", 0, 0},
	} {
		if got := n.String(tc.s); got != tc.narrow {
			t.Errorf("narrow String(%q) = %d, want %d", tc.s, got, tc.narrow)
		}
		if got := w.String(tc.s); got != tc.wide {
			t.Errorf("wide String(%q) = %d, want %d", tc.s, got, tc.wide)
		}
		sum := 0
		for _, r := range tc.s {
			sum += w.Rune(r)
		}
		if sum != tc.wide {
			t.Errorf("wide rune sum of %q = %d, String says %d", tc.s, sum, tc.wide)
		}
	}
	var zero Widths
	if zero.Ambiguous() != Narrow || zero.String("“") != 1 {
		t.Error("the zero Widths is not narrow")
	}
}

func TestTruncatePad(t *testing.T) {
	n, w := NewWidths(Narrow), NewWidths(Wide)
	for _, tc := range []struct {
		wd         Widths
		s          string
		cells      int
		tail, want string
	}{
		{n, "新闻报道", 5, "…", "新闻…"},
		{n, "新闻报道", 8, "…", "新闻报道"},
		{n, "新闻报道", 7, "…", "新闻报…"},
		{w, "新闻报道", 7, "…", "新闻…"},
		{n, "abcdef", 4, "", "abcd"},
		{n, "中文", 3, "", "中"},
		{n, "中文", 1, "……", ""},
	} {
		if got := tc.wd.Truncate(tc.s, tc.cells, tc.tail); got != tc.want {
			t.Errorf("%v Truncate(%q, %d, %q) = %q, want %q", tc.wd.Ambiguous(), tc.s, tc.cells, tc.tail, got, tc.want)
		}
		if got := tc.wd.String(tc.wd.Truncate(tc.s, tc.cells, tc.tail)); got > tc.cells {
			t.Errorf("Truncate(%q, %d) is %d cells", tc.s, tc.cells, got)
		}
	}
	if got := n.PadRight("中“", 6); got != "中“   " {
		t.Errorf("PadRight narrow = %q", got)
	}
	if got := w.PadRight("中“", 6); got != "中“  " {
		t.Errorf("PadRight wide = %q", got)
	}
	if got := n.PadRight("中文字", 4); got != "中文字" {
		t.Errorf("PadRight shorter = %q", got)
	}
}
