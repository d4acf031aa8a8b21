package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Folding maps every rune, on its own and without context, to its canonical
// search form, so that text and query can be compared byte for byte:
//
//	２０２３ → 2023        width (NFKD compatibility decomposition, UAX #15)
//	ﾗｻ → ラサ             half-width katakana (NFKD)
//	ガ → カ + U+3099       voiced kana decomposed, so ｶﾞ (two runes) folds alike
//	Ｈｅｌｌｏ → hello     case (full case folding, Unicode CaseFolding.txt)
//	拉薩 → 拉萨            Traditional → Simplified (OpenCC TSCharacters)
//	"a\n b" → "ab"        white space, controls and format characters dropped
//
// NFKD rather than NFKC keeps the map per rune: NFKC would compose ｶ + ﾞ into
// one rune, which needs context. Hangul syllables are kept whole (NFKD would
// split 한 into three jamo and let 하 match inside it).
//
// Because each folded byte comes from exactly one original rune, a match in
// folded text maps back to an exact original span; a match that would start
// or end inside the folding of one rune (カ inside ガ) is not a match.

// foldEntry values in the BMP table: 0 means the rune folds to itself,
// foldDrop means it folds to nothing, foldMultiFlag|i means multi[i], and any
// other value is the single rune it folds to.
const (
	foldDrop      = 0xFFFFFFFF
	foldMultiFlag = 1 << 31
)

type foldTable struct {
	bmp   [0x10000]uint32
	multi []string // folded forms longer than one rune
	// self has bit r set when the BMP rune r folds to itself: 8 KB that
	// stay in the L1 cache where bmp's 256 KB compete with the index
	// build's key bitmap for L2.
	self [0x10000 / 64]uint64
}

var (
	tableOnce sync.Once
	table     *foldTable
)

// foldTableGet builds the dense BMP table from the generated static lists
// (fold_table.go) once per process, in about a millisecond; it is
// immutable afterwards.
func foldTableGet() *foldTable {
	tableOnce.Do(func() {
		t := &foldTable{}
		for _, p := range foldSingle {
			if p.from < 0x10000 {
				t.bmp[p.from] = uint32(p.to)
			}
		}
		for _, p := range foldMulti {
			if p.from >= 0x10000 {
				continue
			}
			if p.to == "" {
				t.bmp[p.from] = foldDrop
			} else {
				t.bmp[p.from] = foldMultiFlag | uint32(len(t.multi))
				t.multi = append(t.multi, p.to)
			}
		}
		for r, e := range t.bmp {
			if e == 0 {
				t.self[r/64] |= 1 << (r % 64)
			}
		}
		table = t
	})
	return table
}

// astroFold looks up a rune outside the BMP in the sorted static lists.
func astroFold(r rune) (string, bool) {
	if i, ok := slices.BinarySearchFunc(foldSingle[:], r, func(p foldPair, r rune) int { return int(p.from - r) }); ok {
		return string(foldSingle[i].to), true
	}
	if i, ok := slices.BinarySearchFunc(foldMulti[:], r, func(p foldPairMulti, r rune) int { return int(p.from - r) }); ok {
		return foldMulti[i].to, true
	}
	return "", false
}

// appendRune appends r's folded form to dst.
func (t *foldTable) appendRune(dst []byte, r rune) []byte {
	if r < 0x10000 {
		switch e := t.bmp[r]; {
		case e == 0:
			return utf8.AppendRune(dst, r)
		case e == foldDrop:
			return dst
		case e&foldMultiFlag != 0:
			return append(dst, t.multi[e&^foldMultiFlag]...)
		default:
			return utf8.AppendRune(dst, rune(e))
		}
	}
	if f, ok := astroFold(r); ok {
		return append(dst, f...)
	}
	return utf8.AppendRune(dst, r)
}

// Fold returns the canonical search form of s. Fold("Ｈｅｌｌｏ 拉薩\n２０２３")
// is "hello拉萨2023".
func Fold(s string) string {
	return string(AppendFold(nil, []byte(s)))
}

// AppendFold appends the folded form of the UTF-8 text src to dst. Invalid
// bytes fold to U+FFFD, one for each byte.
func AppendFold(dst, src []byte) []byte {
	dst, _ = appendFold(dst, src)
	return dst
}

// appendFold is AppendFold that also reports whether src held bytes that
// are not UTF-8 (a file in another encoding).
func appendFold(dst, src []byte) ([]byte, bool) {
	t := foldTableGet()
	invalid := false
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c <= ' ' || c == 0x7F:
				// white space and controls are dropped
			default:
				dst = append(dst, c)
			}
			continue
		}
		// The three-byte forms (U+0800–U+FFFF: all CJK, kana, Hangul,
		// full-width forms) are decoded inline; a rune that folds to itself
		// is copied as it is.
		if c&0xF0 == 0xE0 && i+2 < len(src) {
			c1, c2 := src[i+1], src[i+2]
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
				r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
				if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
					if t.self[r/64]&(1<<(r%64)) != 0 {
						dst = append(dst, c, c1, c2)
					} else {
						dst = t.appendRune(dst, r)
					}
					i += 3
					continue
				}
			}
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			invalid = true
		}
		i += n
		dst = t.appendRune(dst, r)
	}
	return dst, invalid
}

// Folded is a text in canonical search form with, for every folded byte, the
// index of the original rune it came from.
type Folded struct {
	Text []byte
	// Src[i] is the rune offset in the original text of the rune whose
	// folding produced Text[i]; Src[len(Text)] is the original's rune count.
	Src []int32
}

// FoldMap folds s and records where each folded byte came from.
func FoldMap(s string) Folded {
	t := foldTableGet()
	f := Folded{Text: make([]byte, 0, len(s)), Src: make([]int32, 0, len(s)+1)}
	var ri int32
	for _, r := range s {
		n := len(f.Text)
		if r < utf8.RuneSelf {
			switch {
			case 'A' <= r && r <= 'Z':
				f.Text = append(f.Text, byte(r)+'a'-'A')
			case r <= ' ' || r == 0x7F:
			default:
				f.Text = append(f.Text, byte(r))
			}
		} else {
			f.Text = t.appendRune(f.Text, r)
		}
		for range len(f.Text) - n {
			f.Src = append(f.Src, ri)
		}
		ri++
	}
	f.Src = append(f.Src, ri)
	return f
}

// Span maps the folded byte range [i, j) back to the original rune range
// [start, end). ok is false when the range starts or ends inside the folding
// of one original rune, which makes it no match of the original.
func (f *Folded) Span(i, j int) (start, end int, ok bool) {
	if i > 0 && f.Src[i-1] == f.Src[i] {
		return 0, 0, false
	}
	if j < len(f.Text) && f.Src[j] == f.Src[j-1] {
		return 0, 0, false
	}
	return int(f.Src[i]), int(f.Src[j-1]) + 1, true
}

// sources returns the UTF-8 forms of the original runes whose folding
// contains the folded rune r, r itself included: if r occurs in folded text,
// one of them occurs in the original.
func sources(r rune) []string {
	sourcesOnce.Do(func() {
		sourcesOf = make(map[rune][]rune, len(foldSingle)+len(foldMulti))
		for _, p := range foldSingle {
			sourcesOf[p.to] = append(sourcesOf[p.to], p.from)
		}
		for _, p := range foldMulti {
			for i, c := range p.to {
				if !strings.ContainsRune(p.to[:i], c) {
					sourcesOf[c] = append(sourcesOf[c], p.from)
				}
			}
		}
	})
	out := []string{string(r)}
	for _, s := range sourcesOf[r] {
		out = append(out, string(s))
	}
	return out
}

// sourcesOf is the inverse of the fold table, built on first use and
// immutable after.
var (
	sourcesOnce sync.Once
	sourcesOf   map[rune][]rune
)
