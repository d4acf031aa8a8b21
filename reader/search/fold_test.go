package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFoldRules is one row per folding rule, each with the code points it
// is about.
func TestFoldRules(t *testing.T) {
	tests := []struct {
		rule, in, want string
	}{
		{"ASCII kept", "abc-123", "abc-123"},
		{"ASCII upper case", "Lhasa NEWS", "lhasanews"},
		{"full-width digits (NFKD)", "２０２３", "2023"},
		{"full-width Latin and case", "Ｈｅｌｌｏ", "hello"},
		{"full-width punctuation", "（ｘ）＋１", "(x)+1"},
		{"half-width katakana (NFKD)", "ﾗｻ", "ラサ"},
		{"half-width voiced kana = full-width", "ｶﾞｯｺｳ", Fold("ガッコウ")},
		{"precomposed = decomposed kana", "ガ", "カ\u3099"},
		{"Latin accents decomposed", "Café", "cafe\u0301"},
		{"full case folding ß", "STRASSE", Fold("straße")},
		{"Greek final sigma", "ΟΔΟΣ", Fold("οδος")},
		{"Cyrillic", "МОСКВА", "москва"},
		{"Traditional → Simplified", "拉薩", "拉萨"},
		{"Traditional place names", "臺灣 香港 東京", "台湾香港东京"},
		{"Simplified kept", "拉萨市", "拉萨市"},
		{"CJK compatibility ideograph", "\uF900", "岂"}, // 豈 → 豈 → 岂
		{"Kangxi radical", "\u2F00", "一"},
		{"circled digit", "①", "1"},
		{"squared era name", "㍻", "平成"},
		{"Hangul syllables kept whole", "한국어", "한국어"},
		{"Hangul compatibility jamo", "ㄱ", "\u1100"},
		{"half-width Hangul", "\uFFA1", "\u1100"},
		{"line breaks inside a paragraph", "拉\n萨\r\n市", "拉萨市"},
		{"spaces and ideographic space", "a b\u3000c\td", "abcd"},
		{"no-break and thin spaces", "a\u00A0b\u2009c", "abc"},
		{"zero-width space, soft hyphen, BOM", "\uFEFFin\u00ADter\u200Bnet", "internet"},
		{"C0 and C1 controls", "a\x1b[1mb\u0085c", "a[1mbc"},
		{"invalid UTF-8 → U+FFFD", "a\xffb", "a\uFFFDb"},
		{"supplementary math letters", "𝐀𝐁", "ab"},
		{"supplementary Han kept", "𠀀", "𠀀"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("%s: Fold(%q) = %q (%U), want %q (%U)", tt.rule, tt.in, got, []rune(got), tt.want, []rune(tt.want))
		}
	}
}

// TestFoldIdempotent: folding folded text changes nothing, for every rune
// in the table and a sample of the rest.
func TestFoldIdempotent(t *testing.T) {
	tab := foldTableGet()
	check := func(r rune) {
		once := Fold(string(r))
		if twice := Fold(once); twice != once {
			t.Errorf("U+%04X: Fold = %q, Fold(Fold) = %q", r, once, twice)
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		if tab.bmp[r] != 0 || r%97 == 0 {
			check(r)
		}
	}
	for _, p := range foldSingle {
		check(p.from)
	}
	for _, p := range foldMulti {
		check(p.from)
	}
}

// TestFoldFastPathAgrees: the inline UTF-8 decoding in appendFold gives the
// table's answer for every BMP rune, alone and between others.
func TestFoldFastPathAgrees(t *testing.T) {
	tab := foldTableGet()
	for r := rune(0x80); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		want := string(tab.appendRune([]byte("x"), r)) + "y"
		if got := Fold("x" + string(r) + "y"); got != want {
			t.Fatalf("U+%04X: %q, want %q", r, got, want)
		}
	}
}

func TestFoldMapOffsets(t *testing.T) {
	in := "Ａ拉\n薩 ①㍻x"
	f := FoldMap(in)
	if string(f.Text) != "a拉萨1平成x" {
		t.Fatalf("text %q", f.Text)
	}
	if n := utf8.RuneCountInString(in); int(f.Src[len(f.Text)]) != n {
		t.Fatalf("Src end %d, want %d", f.Src[len(f.Text)], n)
	}
	tests := []struct {
		folded   string
		wantOrig string
		ok       bool
	}{
		{"a", "Ａ", true},
		{"拉萨", "拉\n薩", true},
		{"1平成", "①㍻", true},
		{"平成x", "㍻x", true},
		{"平", "", false}, // inside the folding of ㍻
		{"成", "", false},
		{"a拉萨1平成x", in, true},
	}
	rs := []rune(in)
	for _, tt := range tests {
		i := strings.Index(string(f.Text), tt.folded)
		start, end, ok := f.Span(i, i+len(tt.folded))
		if ok != tt.ok {
			t.Errorf("%q: ok %v, want %v", tt.folded, ok, tt.ok)
			continue
		}
		if ok && string(rs[start:end]) != tt.wantOrig {
			t.Errorf("%q: span %q, want %q", tt.folded, string(rs[start:end]), tt.wantOrig)
		}
	}
}

func TestSources(t *testing.T) {
	for _, tt := range []struct {
		r    rune
		want []string
	}{
		{'萨', []string{"萨", "薩"}},
		{'2', []string{"2", "２", "②"}},
		{'h', []string{"h", "H", "Ｈ", "ｈ"}},
		{'成', []string{"成", "㍻"}}, // inside a folding, not only at its start
		{'カ', []string{"カ", "ｶ", "ガ"}},
	} {
		got := sources(tt.r)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("sources(%q) = %q, missing %q", tt.r, got, w)
			}
		}
	}
}
