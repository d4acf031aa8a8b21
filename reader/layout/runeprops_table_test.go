package layout

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// The tables of runeprops_table.go are generated here, from their sources,
// with the functions prepare calls for runes outside the tables (classify)
// and from go-runewidth and golang.org/x/text directly — never from the
// generated tables themselves, so a stale table cannot vouch for itself.

// TestRunePropsTableUpToDate derives the kinsoku flag tables, the ambiguous
// Latin letter set and the rune property cache from their sources and checks
// that runeprops_table.go is what they give today. After a change to the
// kinsoku sets of linebreak.go, to classify or to a dependency,
//
//	go test ./reader/layout -run TestRunePropsTableUpToDate -update
//
// rewrites it. (The -update flag is the one golden_test.go defines; with
// -run limited to this test it touches no golden layout file.)
func TestRunePropsTableUpToDate(t *testing.T) {
	src := renderRunePropsTable(deriveRuneTables())
	f := flag.Lookup("update")
	if f == nil {
		t.Fatal("no -update flag: golden_test.go defines it")
	}
	if f.Value.String() == "true" {
		if err := os.WriteFile("runeprops_table.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("runeprops_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, src) {
		t.Fatalf("runeprops_table.go is stale: run go test ./reader/layout -run TestRunePropsTableUpToDate -update")
	}
}

// TestRuneFlagsEveryRune checks runeFlags, which reads the generated block
// tables and the sorted flagsOther, against the kinsoku sets for every code
// point, and NoStart/NoEnd with it.
func TestRuneFlagsEveryRune(t *testing.T) {
	want := kinsokuFlags()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got := runeFlags(r); got != want[r] {
			t.Fatalf("runeFlags(%U) = %08b, want %08b", r, got, want[r])
		}
		if NoStart(r) != (want[r]&flagNoStart != 0) || NoEnd(r) != (want[r]&flagNoEnd != 0) {
			t.Fatalf("NoStart/NoEnd(%U) disagree with flags %08b", r, want[r])
		}
	}
}

// TestLatinAmbiguousWidths checks the Wide policy on U+0000..U+017F against
// the UAX #11 classes of golang.org/x/text/width: every Ambiguous Latin
// letter go-runewidth counts narrow is two cells, everything else what
// go-runewidth says.
func TestLatinAmbiguousWidths(t *testing.T) {
	for r := rune(0); r < 0x180; r++ {
		want := wideCondition.RuneWidth(r)
		if r >= 0xA0 && want == 1 && width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
			want = 2
		}
		if got := NewWidths(Wide).Rune(r); got != want {
			t.Errorf("NewWidths(Wide).Rune(%U) = %d, want %d", r, got, want)
		}
		if got, want := NewWidths(Narrow).Rune(r), narrowCondition.RuneWidth(r); got != want {
			t.Errorf("NewWidths(Narrow).Rune(%U) = %d, want %d", r, got, want)
		}
	}
	if NewWidths(Wide).Rune('é') != 2 || NewWidths(Narrow).Rune('é') != 1 {
		t.Errorf("é: want 2 cells wide, 1 narrow")
	}
}

// runeTables is what runeprops_table.go holds.
type runeTables struct {
	flagsASCII, flagsPunct, flagsKana, flagsWide []uint8
	flagsOther                                   []runeFlag
	latinAmbiguous                               [0x180 / 64]uint64
	propsASCII, propsPunct, propsKana, propsWide []runeProps
}

// The cached blocks: ASCII, General Punctuation, CJK Symbols and
// Punctuation with the kana, Halfwidth and Fullwidth Forms.
var cachedBlocks = [...]struct {
	name      string
	first, n  rune
	flags     func(*runeTables) *[]uint8
	props     func(*runeTables) *[]runeProps
	blockName string
}{
	{"ASCII", 0, 0x80, func(t *runeTables) *[]uint8 { return &t.flagsASCII }, func(t *runeTables) *[]runeProps { return &t.propsASCII }, "Basic Latin"},
	{"Punct", 0x2000, 0x70, func(t *runeTables) *[]uint8 { return &t.flagsPunct }, func(t *runeTables) *[]runeProps { return &t.propsPunct }, "General Punctuation"},
	{"Kana", 0x3000, 0x100, func(t *runeTables) *[]uint8 { return &t.flagsKana }, func(t *runeTables) *[]runeProps { return &t.propsKana }, "CJK Symbols and Punctuation, Hiragana, Katakana"},
	{"Wide", 0xFF00, 0xF0, func(t *runeTables) *[]uint8 { return &t.flagsWide }, func(t *runeTables) *[]runeProps { return &t.propsWide }, "Halfwidth and Fullwidth Forms"},
}

// kinsokuFlags is the flags of every rune, from the kinsoku sets.
func kinsokuFlags() map[rune]uint8 {
	m := map[rune]uint8{}
	for _, s := range []struct {
		set  string
		flag uint8
	}{
		{noStart, flagNoStart}, {noEnd, flagNoEnd}, {postfix, flagPostfix}, {prefix, flagPrefix},
		{breakAfterMarks, flagBreakAfter}, {breakBeforeMarks, flagBreakBefore},
	} {
		for _, r := range s.set {
			m[r] |= s.flag
		}
	}
	// Opening and closing brackets by general category (UAX #14 OP, CL/CP).
	for _, c := range []struct {
		tab  *unicode.RangeTable
		flag uint8
	}{{unicode.Ps, flagNoEnd}, {unicode.Pe, flagNoStart}} {
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if unicode.Is(c.tab, r) {
				m[r] |= c.flag
			}
		}
	}
	// Small and vertical forms follow their base characters.
	for _, blk := range [][2]rune{{0xFE10, 0xFE19}, {0xFE30, 0xFE4F}, {0xFE50, 0xFE6B}} {
		for r := blk[0]; r <= blk[1]; r++ {
			// The compatibility decomposition; one of repeated dots
			// for the leaders (︙ is …, which is ...).
			base := []rune(norm.NFKC.String(string(r)))
			if len(base) > 0 && base[0] != r && strings.Count(string(base), string(base[0])) == len(base) {
				m[r] |= m[base[0]]
			}
		}
	}
	for r, f := range m {
		if f == 0 {
			delete(m, r)
		}
	}
	return m
}

// inCachedBlock reports whether r has its entry in one of the block tables.
func inCachedBlock(r rune) bool {
	for _, b := range cachedBlocks {
		if r >= b.first && r < b.first+b.n {
			return true
		}
	}
	return false
}

// sourceWidth is the width of r under amb as Widths.Rune defines it:
// go-runewidth's, with the Wide policy widening the Ambiguous Latin letters
// in latin.
func sourceWidth(r rune, amb Ambiguous, latin *[0x180 / 64]uint64) int {
	if amb == Wide {
		if r < 0x180 && latin[r/64]&(1<<(r%64)) != 0 {
			return 2
		}
		return wideCondition.RuneWidth(r)
	}
	return narrowCondition.RuneWidth(r)
}

// deriveRuneTables computes every table from its sources.
func deriveRuneTables() *runeTables {
	var t runeTables
	flags := kinsokuFlags()
	for r, f := range flags {
		if !inCachedBlock(r) {
			t.flagsOther = append(t.flagsOther, runeFlag{r, f})
		}
	}
	slices.SortFunc(t.flagsOther, func(a, b runeFlag) int { return cmp.Compare(a.r, b.r) })

	for r := rune(0xA0); r < 0x180; r++ {
		if width.LookupRune(r).Kind() == width.EastAsianAmbiguous && wideCondition.RuneWidth(r) == 1 {
			t.latinAmbiguous[r/64] |= 1 << (r % 64)
		}
	}

	for _, b := range cachedBlocks {
		fs, ps := b.flags(&t), b.props(&t)
		*fs, *ps = make([]uint8, b.n), make([]runeProps, b.n)
		for i := range b.n {
			r := b.first + i
			p := &(*ps)[i]
			for pol, amb := range [2]Ambiguous{Narrow, Wide} {
				w := sourceWidth(r, amb, &t.latinAmbiguous)
				// The class comes from the narrow width, as in prepare.
				p.w[pol], p.cls[pol] = uint8(w), classify(r, sourceWidth(r, Narrow, nil))
			}
			(*fs)[i] = flags[r]
			p.flags = flags[r]
			p.alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
	}
	return &t
}

var classNames = [...]string{clsSpace: "clsSpace", clsIdeo: "clsIdeo", clsWord: "clsWord", clsAttach: "clsAttach"}

// runeComment is r for a comment: its code point, and the rune itself when
// it is visible.
func runeComment(r rune) string {
	if unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Cf, r) {
		return fmt.Sprintf("%U %c", r, r)
	}
	return fmt.Sprintf("%U", r)
}

func renderRunePropsTable(t *runeTables) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by TestRunePropsTableUpToDate -update; DO NOT EDIT.\n\n")
	b.WriteString("package layout\n\n")
	b.WriteString("// The per-rune tables of the line breaker and the width model, derived by\n")
	b.WriteString("// runeprops_table_test.go from their sources: the kinsoku sets of\n")
	b.WriteString("// linebreak.go (W3C clreq §3.1.7, jlreq Appendix A, UAX #14); UAX #11\n")
	b.WriteString("// East Asian Width as go-runewidth and golang.org/x/text/width give it;\n")
	b.WriteString("// classify; the letter and digit categories of package unicode.\n")
	fmt.Fprintf(&b, "// Unicode %s (x/text/width), %s (unicode). Static data: no process\n", width.UnicodeVersion, unicode.Version)
	b.WriteString("// pays for them at start-up.\n\n")

	b.WriteString("// The kinsoku flags (flagNoStart, flagNoEnd, …) of the blocks CJK text\n")
	b.WriteString("// draws on most, indexed by the rune's offset in its block; runeFlags reads\n")
	b.WriteString("// them.\n")
	b.WriteString("var (\n")
	for _, blk := range cachedBlocks {
		fs := *blk.flags(t)
		fmt.Fprintf(&b, "\tflags%s = [0x%X]uint8{ // %s, %U..%U\n", blk.name, blk.n, blk.blockName, blk.first, blk.first+blk.n-1)
		for i := 0; i < len(fs); i += 16 {
			b.WriteString("\t\t")
			for j := i; j < i+16 && j < len(fs); j++ {
				fmt.Fprintf(&b, "0x%02X,", fs[j])
				if j < i+15 {
					b.WriteString(" ")
				}
			}
			fmt.Fprintf(&b, " // %U\n", blk.first+rune(i))
		}
		b.WriteString("\t}\n")
	}
	b.WriteString(")\n\n")

	fmt.Fprintf(&b, "// flagsOther: the %d flagged runes outside the block tables, sorted by rune\n// for binary search.\n", len(t.flagsOther))
	b.WriteString("var flagsOther = [...]runeFlag{\n")
	for _, e := range t.flagsOther {
		fmt.Fprintf(&b, "\t{0x%X, 0x%02X}, // %s\n", e.r, e.flags, runeComment(e.r))
	}
	b.WriteString("}\n\n")

	var latin []string
	for r := rune(0); r < 0x180; r++ {
		if t.latinAmbiguous[r/64]&(1<<(r%64)) != 0 {
			latin = append(latin, string(r))
		}
	}
	b.WriteString("// latinAmbiguous marks, one bit per rune below U+0180, the Latin letters\n")
	b.WriteString("// that UAX #11 (x/text/width) classes Ambiguous but go-runewidth counts\n")
	fmt.Fprintf(&b, "// narrow even in its East Asian mode (%d of them):\n//\n", len(latin))
	for i := 0; i < len(latin); i += 24 {
		b.WriteString("//\t")
		for j := i; j < i+24 && j < len(latin); j++ {
			b.WriteString(latin[j])
			if j < i+23 && j < len(latin)-1 {
				b.WriteString(" ")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("var latinAmbiguous = [0x180 / 64]uint64{\n")
	for _, w := range t.latinAmbiguous {
		fmt.Fprintf(&b, "\t0x%016X,\n", w)
	}
	b.WriteString("}\n\n")

	b.WriteString("// The rune property cache (see runeProps): width and class under Narrow\n")
	b.WriteString("// and Wide, kinsoku flags, letter or digit.\n")
	b.WriteString("var (\n")
	for _, blk := range cachedBlocks {
		ps := *blk.props(t)
		fmt.Fprintf(&b, "\tprops%s = [0x%X]runeProps{ // %s\n", blk.name, blk.n, blk.blockName)
		for i, p := range ps {
			fmt.Fprintf(&b, "\t\t{[2]uint8{%d, %d}, [2]class{%s, %s}, 0x%02X, %v}, // %s\n",
				p.w[0], p.w[1], classNames[p.cls[0]], classNames[p.cls[1]], p.flags, p.alnum, runeComment(blk.first+rune(i)))
		}
		b.WriteString("\t}\n")
	}
	b.WriteString(")\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		panic(fmt.Sprintf("runeprops_table.go: %v\n%s", err, b.Bytes()))
	}
	return src
}

// BenchmarkRuneFlags looks up the flags of runes outside the block tables
// and the Han/Hangul fast path — Latin-1 letters and signs, arrows, Han
// extension A, Hangul jamo, the flagged ⋯ ℃ № ㇰ — in the generated flagsOther
// ("sorted", binary search) and, as the anchor, in a map of the same entries,
// which is what flagsOther was before it became static data.
func BenchmarkRuneFlags(b *testing.B) {
	rs := []rune("«»·°é ß ñ ø ℃ № ⋯ ⸺ ㇰ ㇿ ← → ∑ ─ │ 㐀 㒵 ᄀ ᅡ ㄱ ㅏ Ω α я ☆ ♪")
	m := map[rune]uint8{}
	for _, e := range flagsOther {
		m[e.r] = e.flags
	}
	b.Run("sorted", func(b *testing.B) {
		var sum uint8
		for b.Loop() {
			for _, r := range rs {
				sum += otherFlags(r)
			}
		}
		_ = sum
	})
	b.Run("map", func(b *testing.B) {
		var sum uint8
		for b.Loop() {
			for _, r := range rs {
				sum += m[r]
			}
		}
		_ = sum
	})
}
