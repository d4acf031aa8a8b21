package search

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "regenerate fold_table.go and legacy_table.go from OpenCC and golang.org/x/text")

// TestFoldTableUpToDate derives the folding table from its sources — NFKD
// and case folding from golang.org/x/text (its Unicode version), Traditional
// → Simplified from OpenCC's TSCharacters — and checks that the generated
// fold_table.go is what they give today. `go test -run TestFoldTableUpToDate
// -update` rewrites it after a dependency update.
func TestFoldTableUpToDate(t *testing.T) {
	want, err := deriveFoldTable()
	if err != nil {
		t.Fatal(err)
	}
	src := renderFoldTable(want)
	if *update {
		if err := os.WriteFile("fold_table.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("fold_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, src) {
		t.Fatalf("fold_table.go is stale: run go test ./reader/search -run TestFoldTableUpToDate -update")
	}
}

// t2sTable reads OpenCC's single-character Traditional → Simplified table
// (TSCharacters, embedded in github.com/longbridgeapp/opencc). The library
// cannot list a dictionary, so every Han code point is looked up; the first
// candidate is OpenCC's conventional one.
func t2sTable() (map[rune]rune, error) {
	cc, err := opencc.New("t2s")
	if err != nil {
		return nil, err
	}
	var chars interface {
		PrefixMatch(string) (map[string][]string, error)
	}
	for _, g := range cc.DictChains {
		for i, f := range g.Files {
			if strings.HasPrefix(f, "TSCharacters") {
				chars = g.Dicts[i]
			}
		}
	}
	if chars == nil {
		return nil, fmt.Errorf("opencc t2s has no TSCharacters dictionary")
	}
	m := make(map[rune]rune, 4200)
	for _, rg := range cjkRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			k := string(r)
			ret, err := chars.PrefixMatch(k)
			if err != nil || len(ret) == 0 {
				continue
			}
			if v, ok := ret[k]; ok && len(v) > 0 {
				if to, n := utf8.DecodeRuneInString(v[0]); n == len(v[0]) && to != r {
					m[r] = to
				}
			}
		}
	}
	if len(m) < 4000 {
		return nil, fmt.Errorf("opencc TSCharacters gave only %d characters", len(m))
	}
	return m, nil
}

// cjkRanges are the blocks that hold Han characters (Unicode Blocks.txt):
// CJK Radicals Supplement through CJK Unified Ideographs, CJK Compatibility
// Ideographs, and the Supplementary Ideographic Plane.
var cjkRanges = [][2]rune{
	{0x2E80, 0x9FFF},
	{0xF900, 0xFAFF},
	{0x20000, 0x2FA1F},
}

// astroCompat are the ranges outside the BMP with compatibility
// decompositions or case pairs (UnicodeData.txt): Deseret and other cased
// scripts, mathematical alphanumerics, enclosed alphanumerics and
// ideographic supplement, segmented digits, CJK compatibility ideographs
// supplement.
var astroCompat = [][2]rune{
	{0x10400, 0x104FF},
	{0x10570, 0x105BF},
	{0x10C80, 0x10CFF},
	{0x118A0, 0x118FF},
	{0x16E40, 0x16E9F},
	{0x1D400, 0x1D7FF},
	{0x1E900, 0x1E95F},
	{0x1F100, 0x1F2FF},
	{0x1FBF0, 0x1FBF9},
	{0x2F800, 0x2FA1F},
}

// deriveFoldTable returns every rune whose folding is not itself, with its
// folding ("" when dropped).
func deriveFoldTable() (map[rune]string, error) {
	t2s, err := t2sTable()
	if err != nil {
		return nil, err
	}
	fold := cases.Fold()
	out := map[rune]string{}
	var buf [utf8.UTFMax]byte
	set := func(r rune) {
		if r >= 0xD800 && r <= 0xDFFF {
			return
		}
		n := utf8.EncodeRune(buf[:], r)
		if _, t2 := t2s[r]; !t2 && !isDropped(r) && unicode.SimpleFold(r) == r &&
			norm.NFKD.Properties(buf[:n]).Decomposition() == nil {
			return
		}
		s := string(r)
		for range 4 { // to a fixed point; two rounds suffice in practice
			next := foldOnce(s, fold, t2s)
			if next == s {
				break
			}
			s = next
		}
		if s != string(r) {
			out[r] = s
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		set(r)
	}
	for _, rg := range astroCompat {
		for r := rg[0]; r <= rg[1]; r++ {
			set(r)
		}
	}
	for r := range t2s {
		if r >= 0x10000 {
			set(r)
		}
	}
	return out, nil
}

// foldOnce applies one round of NFKD (Hangul syllables kept whole), full
// case folding and Traditional → Simplified to s, dropping ignorable runes.
func foldOnce(s string, fold cases.Caser, t2s map[rune]rune) string {
	var b strings.Builder
	for _, r := range s {
		if isDropped(r) {
			continue
		}
		d := string(r)
		if !isHangulSyllable(r) {
			d = norm.NFKD.String(d)
		}
		for _, c := range fold.String(d) {
			if isDropped(c) {
				continue
			}
			if to, ok := t2s[c]; ok {
				c = to
			}
			if isHangulSyllable(c) {
				b.WriteRune(c)
			} else {
				b.WriteString(norm.NFKD.String(string(c)))
			}
		}
	}
	return b.String()
}

func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// isDropped: white space (the line breaks and spaces PDF extraction leaves
// inside paragraphs, the ideographic space), other controls, and format
// characters (zero-width space, soft hyphen, byte-order mark, bidi marks).
func isDropped(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)
}

func renderFoldTable(m map[rune]string) []byte {
	keys := make([]rune, 0, len(m))
	for r := range m {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	var single, multi []rune
	for _, r := range keys {
		if utf8.RuneCountInString(m[r]) == 1 {
			single = append(single, r)
		} else {
			multi = append(multi, r)
		}
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by TestFoldTableUpToDate -update; DO NOT EDIT.\n\n")
	b.WriteString("package search\n\n")
	b.WriteString("// The runes that do not fold to themselves, derived from golang.org/x/text\n")
	fmt.Fprintf(&b, "// (NFKD, case folding; Unicode %s) and OpenCC's TSCharacters\n", norm.Version)
	b.WriteString("// (github.com/longbridgeapp/opencc), sorted by rune. Static data: no\n// start-up cost.\n\n")
	b.WriteString("type foldPair struct{ from, to rune }\n\n")
	b.WriteString("type foldPairMulti struct {\n\tfrom rune\n\tto   string\n}\n\n")
	fmt.Fprintf(&b, "// foldSingle: the %d runes that fold to one other rune.\n", len(single))
	b.WriteString("var foldSingle = [...]foldPair{\n")
	for i, r := range single {
		if i%6 == 0 {
			b.WriteString("\t")
		}
		to, _ := utf8.DecodeRuneInString(m[r])
		fmt.Fprintf(&b, "{0x%X, 0x%X},", r, to)
		if i%6 == 5 || i == len(single)-1 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// foldMulti: the %d runes that fold to nothing or to several runes.\n", len(multi))
	b.WriteString("var foldMulti = [...]foldPairMulti{\n")
	for _, r := range multi {
		fmt.Fprintf(&b, "\t{0x%X, %+q},\n", r, m[r])
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		panic(err)
	}
	return src
}
