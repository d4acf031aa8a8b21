package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	type term struct {
		folded string
		phrase bool
	}
	tests := []struct {
		q    string
		want []term
	}{
		{"拉萨", []term{{"拉萨", false}}},
		{"拉薩 ２０２３", []term{{"拉萨", false}, {"2023", false}}},
		{"  a\tb\nc  ", []term{{"a", false}, {"b", false}, {"c", false}}},
		{`"New York" times`, []term{{"newyork", true}, {"times", false}}},
		{`＂拉萨 市＂`, []term{{"拉萨市", true}}},
		{`“东京 大学”`, []term{{"东京大学", true}}},
		{`"unclosed phrase`, []term{{"unclosedphrase", true}}},
		{`a"b c"d`, []term{{"a", false}, {"bc", true}, {"d", false}}},
		{"Lhasa lhasa ＬＨＡＳＡ", []term{{"lhasa", false}}}, // duplicates after folding
		{`"" a`, []term{{"a", false}}},
	}
	for _, tt := range tests {
		terms, err := ParseQuery(tt.q)
		if err != nil {
			t.Errorf("%q: %v", tt.q, err)
			continue
		}
		var got []term
		for _, x := range terms {
			got = append(got, term{x.Folded, x.Phrase})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ParseQuery(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	for _, q := range []string{"", "   ", `""`, "\u200b", "\n\t"} {
		if _, err := ParseQuery(q); err != ErrEmptyQuery {
			t.Errorf("ParseQuery(%q) error %v, want ErrEmptyQuery", q, err)
		}
	}
}

// FuzzParseQuery: any input parses or is empty, without panicking; terms
// are folded and non-empty; writing the terms back parses to the same terms.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"拉萨", `"a b" c`, `“x ＂y”`, `＂`, "a\"", "\xff\"\xfe", "ｶﾞ 2023"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms, err := ParseQuery(q)
		if err != nil {
			if err != ErrEmptyQuery {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, x := range terms {
			if x.Folded == "" || x.Folded != Fold(x.Folded) || !utf8.ValidString(x.Folded) {
				t.Fatalf("term %+v not folded", x)
			}
		}
		again, err := ParseQuery(formatTerms(terms))
		if err != nil {
			t.Fatalf("reparse of %q: %v", formatTerms(terms), err)
		}
		if len(again) != len(terms) {
			t.Fatalf("reparse of %q: %d terms, want %d", formatTerms(terms), len(again), len(terms))
		}
		for i := range terms {
			if again[i].Folded != terms[i].Folded {
				t.Fatalf("reparse of %q: term %d %q, want %q", formatTerms(terms), i, again[i].Folded, terms[i].Folded)
			}
		}
	})
}
