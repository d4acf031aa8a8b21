package layout

// This file caches what the engine's preparing pass (engine.prepare) asks
// of a rune regardless of its context — its width under each policy, its
// breaking class, its kinsoku flags, whether it is a letter or digit — for
// the blocks that CJK text draws on most besides the ideographs: ASCII,
// General Punctuation (“ ” — …), CJK Symbols and Punctuation with the kana
// (，。、「」), and Halfwidth and Fullwidth Forms (，：！？（）). The
// entries are generated (runeprops_table.go, by go generate: tables_gen.go)
// from the same functions and sources prepare uses for other runes, so the
// cache changes nothing but the time taken, and costs nothing at start-up.

// runeProps is the context-free part of what prepare knows of a rune.
type runeProps struct {
	w     [2]uint8 // cells under Narrow and Wide (Widths.Rune)
	cls   [2]class // breaking class under Narrow and Wide (from the narrow width)
	flags uint8    // runeFlags
	alnum bool     // unicode.IsLetter or unicode.IsDigit
}

// The cached blocks, propsASCII (U+0000..U+007F), propsPunct
// (U+2000..U+206F), propsKana (U+3000..U+30FF) and propsWide
// (U+FF00..U+FFEF), are in runeprops_table.go; read-only.

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
