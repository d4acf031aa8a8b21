package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{"Ａ拉\n薩 ①㍻x", "ｶﾞｯｺｳ ガッコウ", "Straße STRASSE", "한국어 ㄱ", "\xff\xfe拉", "e\u0301 é", "拉萨\u200b市"}

// FuzzFoldMap: FoldMap agrees with AppendFold, its map is monotonic and in
// range, and folding is idempotent.
func FuzzFoldMap(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fm := FoldMap(s)
		if string(fm.Text) != Fold(s) {
			t.Fatalf("FoldMap %q, Fold %q", fm.Text, Fold(s))
		}
		if len(fm.Src) != len(fm.Text)+1 || int(fm.Src[len(fm.Text)]) != utf8.RuneCountInString(s) {
			t.Fatalf("Src has %d entries for %d bytes", len(fm.Src), len(fm.Text))
		}
		for i := 1; i < len(fm.Src); i++ {
			if fm.Src[i] < fm.Src[i-1] {
				t.Fatalf("Src not monotonic at %d: %v", i, fm.Src)
			}
		}
		if utf8.ValidString(s) {
			if f := Fold(s); Fold(f) != f {
				t.Fatalf("Fold(Fold(%q)) = %q, Fold = %q", s, Fold(f), f)
			}
		}
	})
}

// FuzzMatchSpans: a piece of a text, searched as a phrase, is found, and
// every span found is original text that folds to the query.
func FuzzMatchSpans(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 1, 3)
	}
	f.Fuzz(func(t *testing.T, s string, i, j int) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, `"＂“”`) {
			return
		}
		rs := []rune(s)
		if i < 0 || j < i || j > len(rs) {
			return
		}
		piece := string(rs[i:j])
		m, err := Compile(`"` + piece + `"`)
		if err != nil {
			return // nothing but ignorable characters
		}
		want := m.terms[0].Folded
		spans := m.Text(s)
		for _, sp := range spans {
			if got := Fold(string(rs[sp.Offset : sp.Offset+sp.Length])); got != want {
				t.Fatalf("span %+v of %q is %q, folds to %q, want %q", sp, s, string(rs[sp.Offset:sp.Offset+sp.Length]), got, want)
			}
		}
		// The piece itself is an occurrence, unless it starts or ends inside
		// the folding of one rune (it cannot: it is whole runes), so some
		// occurrence is found — possibly an overlapping earlier one.
		if len(spans) == 0 {
			t.Fatalf("%q not found in %q", piece, s)
		}
	})
}
