package layout

import "unicode"

// This file caches what the engine's preparing pass (engine.prepare) asks
// of a rune regardless of its context — its width under each policy, its
// breaking class, its kinsoku flags, whether it is a letter or digit — for
// the blocks that CJK text draws on most besides the ideographs: ASCII,
// General Punctuation (“ ” — …), CJK Symbols and Punctuation with the kana
// (，。、「」), and Halfwidth and Fullwidth Forms (，：！？（）). The
// entries are computed once, by the same functions prepare calls for other
// runes, so the cache changes nothing but the time taken.

// runeProps is the context-free part of what prepare knows of a rune.
type runeProps struct {
	w     [2]uint8 // cells under Narrow and Wide (Widths.Rune)
	cls   [2]class // breaking class under Narrow and Wide (from the narrow width)
	flags uint8    // runeFlags
	alnum bool     // unicode.IsLetter or unicode.IsDigit
}

// The cached blocks. Filled by initRuneProps, read-only afterwards.
var (
	propsASCII [0x80]runeProps
	propsPunct [0x70]runeProps  // U+2000..U+206F
	propsKana  [0x100]runeProps // U+3000..U+30FF
	propsWide  [0xF0]runeProps  // U+FF00..U+FFEF
)

// cachedRune returns the cached properties of r, or nil when r is not in
// a cached block.
func cachedRune(r rune) *runeProps {
	switch {
	case r < 0x80:
		return &propsASCII[r]
	case r >= 0x3000 && r < 0x3100:
		return &propsKana[r-0x3000]
	case r >= 0xFF00 && r < 0xFFF0:
		return &propsWide[r-0xFF00]
	case r >= 0x2000 && r < 0x2070:
		return &propsPunct[r-0x2000]
	}
	return nil
}

// initRuneProps fills the cache; the kinsoku flag tables must be built.
func initRuneProps() {
	fill := func(props []runeProps, base rune) {
		for i := range props {
			r := base + rune(i)
			p := &props[i]
			for pol, wm := range [2]Widths{NewWidths(Narrow), NewWidths(Wide)} {
				w := wm.Rune(r)
				wc := w
				if wm.Ambiguous() == Wide && w == 2 {
					wc = narrowWidths.Rune(r)
				}
				p.w[pol], p.cls[pol] = uint8(w), classify(r, wc)
			}
			p.flags = runeFlags(r)
			p.alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
	}
	fill(propsASCII[:], 0)
	fill(propsPunct[:], 0x2000)
	fill(propsKana[:], 0x3000)
	fill(propsWide[:], 0xFF00)
}
