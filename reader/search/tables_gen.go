//go:build gen

package search

// The generators of fold_table.go and legacy_table.go, built only with the
// gen tag: `go generate ./reader/search` runs internal/gentables, which
// calls GenerateTables. The tests compare against the committed tables;
// after a dependency update, `go generate ./... && git diff --exit-code`
// tells whether they are stale (or `go test -tags gen ./reader/search`).

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/cases"
	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"

	"bao/internal/tablegen"
)

// legacyEUCJP is EUC-JP's index in legacyEncodings, the one encoding with
// three-byte sequences (0x8F and two bytes, JIS X 0212).
const legacyEUCJP = 3

// GenerateTables writes fold_table.go and legacy_table.go into dir (the
// package's directory).
func GenerateTables(dir string) error {
	fold, err := deriveFoldTable()
	if err != nil {
		return err
	}
	f, err := renderFoldTable(fold)
	if err != nil {
		return err
	}
	if err := f.Save(dir); err != nil {
		return err
	}
	if f, err = renderLegacyTable(deriveLegacyExtra()); err != nil {
		return err
	}
	return f.Save(dir)
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

func renderFoldTable(m map[rune]string) (*tablegen.File, error) {
	b := tablegen.NewFile("fold_table.go", "reader/search/internal/gentables", "search")
	mods, err := b.Sources("golang.org/x/text", "github.com/longbridgeapp/opencc")
	if err != nil {
		return nil, err
	}
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
	b.Comment(fmt.Sprintf(`The runes that do not fold to themselves, derived by tables_gen.go from
NFKD, full case folding and OpenCC's TSCharacters, sorted by rune. Static
data: no start-up cost.

Sources:
  - Unicode %s UnicodeData.txt decompositions and CaseFolding.txt, as
    %s packages them (unicode/norm, cases);
  - Unicode %s white space and categories Cc, Cf (package unicode), dropped;
  - OpenCC's TSCharacters dictionary, as %s embeds it.`,
		norm.Version, mods["golang.org/x/text"], unicode.Version, mods["github.com/longbridgeapp/opencc"]))
	b.WriteString("\n")
	b.WriteString("type foldPair struct{ from, to rune }\n\n")
	b.WriteString("type foldPairMulti struct {\n\tfrom rune\n\tto   string\n}\n\n")
	fmt.Fprintf(b, "// foldSingle: the %d runes that fold to one other rune.\n", len(single))
	b.WriteString("var foldSingle = [...]foldPair{\n")
	items := make([]string, len(single))
	for i, r := range single {
		to, _ := utf8.DecodeRuneInString(m[r])
		items[i] = fmt.Sprintf("{0x%X, 0x%X},", r, to)
	}
	b.Rows("\t", 6, items)
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "// foldMulti: the %d runes that fold to nothing or to several runes.\n", len(multi))
	b.WriteString("var foldMulti = [...]foldPairMulti{\n")
	for _, r := range multi {
		fmt.Fprintf(b, "\t{0x%X, %+q},\n", r, m[r])
	}
	b.WriteString("}\n")
	return b, nil
}

// decodeAlone decodes one byte sequence on its own; ok is false when the
// decoder finds it broken (U+FFFD) or it decodes to nothing.
func decodeAlone(enc encoding.Encoding, seq []byte) (string, bool) {
	out, err := enc.NewDecoder().Bytes(seq)
	if err != nil || len(out) == 0 || bytes.Contains(out, []byte("\uFFFD")) {
		return "", false
	}
	return string(out), true
}

// legacyDecoding is one byte sequence and the text it decodes to.
type legacyDecoding struct {
	seq  []byte
	text string
}

// decodeEverySequence decodes, one at a time, every sequence of one and two
// bytes in legacyEncodings[e], and for EUC-JP of three (0x8F, JIS X 0212),
// and returns those that decode.
func decodeEverySequence(e int) []legacyDecoding {
	enc := legacyEncodings[e]
	var all []legacyDecoding
	try := func(seq ...byte) {
		if s, ok := decodeAlone(enc, seq); ok {
			all = append(all, legacyDecoding{seq, s})
		}
	}
	for a := range 0x100 {
		try(byte(a))
		for b := 0x30; b < 0x100 && a >= 0x80; b++ {
			try(byte(a), byte(b))
		}
	}
	if e == legacyEUCJP {
		for b := 0xA1; b < 0xFF; b++ {
			for c := 0xA1; c < 0xFF; c++ {
				try(0x8F, byte(b), byte(c))
			}
		}
	}
	return all
}

// deriveLegacyExtra finds, for each encoding, the sequences that decode to
// a character whose canonical encoding they do not contain: a second code
// of the character, or one that decodes to several characters.
func deriveLegacyExtra() [legacyDBCS][]legacyExtraSeq {
	var out [legacyDBCS][]legacyExtraSeq
	for e := range legacyDBCS {
		enc := legacyEncodings[e]
		for _, d := range decodeEverySequence(e) {
			for _, r := range d.text {
				canon, err := enc.NewEncoder().Bytes([]byte(string(r)))
				if err == nil && bytes.Contains(d.seq, canon) {
					continue
				}
				x := legacyExtraSeq{r, string(d.seq)}
				if !slices.Contains(out[e], x) {
					out[e] = append(out[e], x)
				}
			}
		}
		// A sequence holding a shorter listed one for the same character
		// adds nothing (GB18030 decodes 0x80 to € whatever follows it).
		out[e] = slices.DeleteFunc(out[e], func(x legacyExtraSeq) bool {
			return slices.ContainsFunc(out[e], func(y legacyExtraSeq) bool {
				return y.r == x.r && len(y.seq) < len(x.seq) && strings.Contains(x.seq, y.seq)
			})
		})
		slices.SortFunc(out[e], func(a, b legacyExtraSeq) int {
			return cmp.Or(cmp.Compare(a.r, b.r), strings.Compare(a.seq, b.seq))
		})
	}
	return out
}

func renderLegacyTable(extra [legacyDBCS][]legacyExtraSeq) (*tablegen.File, error) {
	b := tablegen.NewFile("legacy_table.go", "reader/search/internal/gentables", "search")
	mods, err := b.Sources("golang.org/x/text")
	if err != nil {
		return nil, err
	}
	b.Comment(`legacyExtraSeq is a byte sequence that decodes to r without holding
r's canonical encoding.`)
	b.WriteString("type legacyExtraSeq struct {\n\tr   rune\n\tseq string\n}\n\n")
	b.Comment(fmt.Sprintf(`legacyExtra[e] lists, for legacyEncodings[e], the sequences of one to
three bytes that decode to a character but do not hold the encoder's
sequence for it, sorted by rune: derived by tables_gen.go from the
decoders by decoding every such sequence (see legacy.go). Static data:
no start-up cost.

Source: the GB18030, Big5, Shift_JIS, EUC-JP and EUC-KR decoders of
%s (its WHATWG Encoding Standard index tables).`, mods["golang.org/x/text"]))
	b.WriteString("var legacyExtra = [legacyDBCS][]legacyExtraSeq{\n")
	for e, xs := range extra {
		fmt.Fprintf(b, "\t// %s: %d sequences.\n\t{\n", legacyNames[e], len(xs))
		items := make([]string, len(xs))
		for i, x := range xs {
			items[i] = fmt.Sprintf("{0x%X, %+q},", x.r, x.seq)
		}
		b.Rows("\t\t", 4, items)
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n")
	return b, nil
}
