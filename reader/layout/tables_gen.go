//go:build gen

package layout

// The generators of runeprops_table.go and grapheme_table.go, built only
// with the gen tag: `go generate ./reader/layout` runs
// internal/gentables, which calls GenerateTables. They derive every table
// from its sources — the kinsoku sets of linebreak.go, classify,
// go-runewidth, golang.org/x/text, the segmenter — never from the
// generated tables themselves, so a stale table cannot vouch for itself.
// The tests compare against the committed tables; after a dependency
// update, `go generate ./... && git diff --exit-code` tells whether they
// are stale.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"bao/internal/tablegen"
)

// GenerateTables writes runeprops_table.go and grapheme_table.go into dir
// (the package's directory).
func GenerateTables(dir string) error {
	rp, err := renderRunePropsTable(deriveRuneTables())
	if err != nil {
		return err
	}
	if err := rp.Save(dir); err != nil {
		return err
	}
	gt, err := renderGraphemeTable()
	if err != nil {
		return err
	}
	return gt.Save(dir)
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

func renderRunePropsTable(t *runeTables) (*tablegen.File, error) {
	b := tablegen.NewFile("runeprops_table.go", "reader/layout/internal/gentables", "layout")
	mods, err := b.Sources("golang.org/x/text", "github.com/mattn/go-runewidth")
	if err != nil {
		return nil, err
	}
	b.Comment(fmt.Sprintf(`The per-rune tables of the line breaker and the width model, derived by
tables_gen.go from their sources: the kinsoku sets of linebreak.go (W3C
clreq §3.1.7, jlreq Appendix A, UAX #14); UAX #11 East Asian Width as
go-runewidth and golang.org/x/text/width give it; classify; the letter
and digit categories of package unicode. Static data: no process pays
for them at start-up.

Sources:
  - Unicode %s EastAsianWidth.txt (UAX #11) and the NFKC decompositions
    of UnicodeData.txt, as %s packages them (width, norm);
  - Unicode %s general categories (Ps, Pe, L, N), as Go's package unicode has them;
  - %s (East Asian Width with its own overrides).`,
		width.UnicodeVersion, mods["golang.org/x/text"], unicode.Version, mods["github.com/mattn/go-runewidth"]))
	b.WriteString("\n")

	b.Comment(`The kinsoku flags (flagNoStart, flagNoEnd, …) of the blocks CJK text
draws on most, indexed by the rune's offset in its block; runeFlags reads
them.`)
	b.WriteString("var (\n")
	for _, blk := range cachedBlocks {
		fs := *blk.flags(t)
		fmt.Fprintf(b, "\tflags%s = [0x%X]uint8{ // %s, %U..%U\n", blk.name, blk.n, blk.blockName, blk.first, blk.first+blk.n-1)
		for i := 0; i < len(fs); i += 16 {
			b.WriteString("\t\t")
			for j := i; j < i+16 && j < len(fs); j++ {
				fmt.Fprintf(b, "0x%02X,", fs[j])
				if j < i+15 {
					b.WriteString(" ")
				}
			}
			fmt.Fprintf(b, " // %U\n", blk.first+rune(i))
		}
		b.WriteString("\t}\n")
	}
	b.WriteString(")\n\n")

	b.Comment(fmt.Sprintf("flagsOther: the %d flagged runes outside the block tables, sorted by rune\nfor binary search.", len(t.flagsOther)))
	b.WriteString("var flagsOther = [...]runeFlag{\n")
	for _, e := range t.flagsOther {
		fmt.Fprintf(b, "\t{0x%X, 0x%02X}, // %s\n", e.r, e.flags, runeComment(e.r))
	}
	b.WriteString("}\n\n")

	var latin []string
	for r := rune(0); r < 0x180; r++ {
		if t.latinAmbiguous[r/64]&(1<<(r%64)) != 0 {
			latin = append(latin, string(r))
		}
	}
	b.Comment(fmt.Sprintf(`latinAmbiguous marks, one bit per rune below U+0180, the Latin letters
that UAX #11 (x/text/width) classes Ambiguous but go-runewidth counts
narrow even in its East Asian mode (%d of them):
`, len(latin)))
	b.Rows("//\t", 24, latin)
	b.WriteString("var latinAmbiguous = [0x180 / 64]uint64{\n")
	for _, w := range t.latinAmbiguous {
		fmt.Fprintf(b, "\t0x%016X,\n", w)
	}
	b.WriteString("}\n\n")

	b.Comment(`The rune property cache (see runeProps): width and class under Narrow
and Wide, kinsoku flags, letter or digit.`)
	b.WriteString("var (\n")
	for _, blk := range cachedBlocks {
		ps := *blk.props(t)
		fmt.Fprintf(b, "\tprops%s = [0x%X]runeProps{ // %s\n", blk.name, blk.n, blk.blockName)
		for i, p := range ps {
			fmt.Fprintf(b, "\t\t{[2]uint8{%d, %d}, [2]class{%s, %s}, 0x%02X, %v}, // %s\n",
				p.w[0], p.w[1], classNames[p.cls[0]], classNames[p.cls[1]], p.flags, p.alnum, runeComment(blk.first+rune(i)))
		}
		b.WriteString("\t}\n")
	}
	b.WriteString(")\n")
	return b, nil
}

func oneCluster(s string) bool { return len(graphemes.FromString(s).First()) == len(s) }

func renderGraphemeTable() (*tablegen.File, error) {
	var extend, prepend, wcZero [][2]rune
	add := func(tab *[][2]rune, r rune) {
		if n := len(*tab); n > 0 && (*tab)[n-1][1] == r-1 {
			(*tab)[n-1][1] = r
		} else {
			*tab = append(*tab, [2]rune{r, r})
		}
	}
	for r := rune(0x80); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r)
		if oneCluster("a"+s) || oneCluster("가"+s) || oneCluster("각"+s) {
			add(&extend, r)
		}
		if oneCluster(s + "a") {
			add(&prepend, r)
		}
		if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) && (narrowCondition.RuneWidth(r) > 0 || wideCondition.RuneWidth(r) > 0) {
			add(&wcZero, r)
		}
	}
	b := tablegen.NewFile("grapheme_table.go", "reader/layout/internal/gentables", "layout")
	mods, err := b.Sources("github.com/clipperhouse/uax29/v2", "github.com/mattn/go-runewidth")
	if err != nil {
		return nil, err
	}
	b.Comment(fmt.Sprintf(`The grapheme cluster classes mayJoin needs, derived by tables_gen.go from
the segmenter the renderer uses (github.com/clipperhouse/uax29/v2/graphemes):
ranges of runes, sorted. Static data, read-only.

Sources:
  - the Grapheme_Cluster_Break property of UAX #29 (GraphemeBreakProperty.txt,
    emoji-data.txt) as %s implements it;
  - Unicode %s general categories (Mn, Me, Cf), as Go's package unicode has them;
  - %s, against x/ansi's wcwidth rule (Mn, Me, Cf count zero).`,
		mods["github.com/clipperhouse/uax29/v2"], unicode.Version, mods["github.com/mattn/go-runewidth"]))
	b.WriteString("\n")
	for _, tab := range []struct {
		name, doc string
		r         [][2]rune
	}{
		{"extendRanges", "runes that continue a cluster after a letter or a Hangul syllable (UAX #29 Extend, SpacingMark, ZWJ; V and T)", extend},
		{"prependRanges", "runes a letter after them joins (UAX #29 Prepend)", prepend},
		{"wcZeroRanges", "marks and format characters (Mn, Me, Cf) that go-runewidth counts but x/ansi's wcwidth does not", wcZero},
	} {
		fmt.Fprintf(b, "// %s are the %s.\n", tab.name, tab.doc)
		fmt.Fprintf(b, "var %s = [...][2]rune{\n", tab.name)
		items := make([]string, len(tab.r))
		for i, r := range tab.r {
			items[i] = fmt.Sprintf("{0x%04X, 0x%04X},", r[0], r[1])
		}
		b.Rows("\t", 4, items)
		b.WriteString("}\n\n")
	}
	return b, nil
}
