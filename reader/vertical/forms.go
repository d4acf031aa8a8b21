package vertical

import (
	"sync"

	"golang.org/x/text/unicode/norm"
)

// The vertical presentation forms are derived, not typed in: Unicode gives
// each character of the blocks Vertical Forms (U+FE10–U+FE19) and CJK
// Compatibility Forms (U+FE30–U+FE4F) a <vertical> compatibility
// decomposition in UnicodeData.txt (for example U+FE10 PRESENTATION FORM FOR
// VERTICAL COMMA is <vertical> U+002C). A horizontal character maps to a
// vertical form when its own compatibility form equals that decomposition,
// which pairs the full-width comma U+FF0C and the ideographic full stop
// U+3002 with their vertical forms, and … (U+2026) with ︙. The tables come
// from golang.org/x/text's copy of the Unicode Character Database.
//
// ASCII punctuation is left as it is: in vertical text a Latin run stands
// upright, and its commas and brackets belong to it.
//
// Unicode has no vertical forms for the curly quotation marks; by the
// convention of Chinese vertical typesetting (clreq §3.1.7) “ ” ‘ ’ become the
// corner brackets ﹁ ﹂ ﹃ ﹄. See ../shared/reference/cjk-layout.md §4.

var verticalRanges = [][2]rune{{0xFE10, 0xFE19}, {0xFE30, 0xFE4F}}

// sourceRanges are where horizontal punctuation that has a vertical form
// lives: General Punctuation, CJK Symbols and Punctuation, and the
// full-width half of Halfwidth and Fullwidth Forms.
var sourceRanges = [][2]rune{{0x2000, 0x206F}, {0x3000, 0x303F}, {0xFF01, 0xFF60}}

// conventionalForms pairs the curly quotes with their corner brackets (an
// array, not a map: static data, no work at start-up).
var conventionalForms = [...][2]rune{
	{'“', '﹁'}, {'”', '﹂'}, {'‘', '﹃'}, {'’', '﹄'},
}

var (
	formsOnce sync.Once
	forms     map[rune]rune // horizontal → vertical; immutable once built
	unforms   map[rune]rune // vertical → horizontal
)

func buildForms() {
	byDecomposition := map[string]rune{}
	for _, rg := range verticalRanges {
		for v := rg[0]; v <= rg[1]; v++ {
			d := norm.NFKD.String(string(v))
			if d == string(v) {
				continue // no <vertical> decomposition (e.g. the sesame dots U+FE45)
			}
			if _, dup := byDecomposition[d]; !dup {
				byDecomposition[d] = v
			}
		}
	}
	forms = map[rune]rune{}
	unforms = map[rune]rune{}
	for _, rg := range sourceRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			if v, ok := byDecomposition[norm.NFKD.String(string(r))]; ok {
				forms[r] = v
			}
		}
	}
	for _, f := range conventionalForms {
		forms[f[0]] = f[1]
	}
	for r, v := range forms {
		// Several horizontal characters may share one vertical form; the
		// inverse keeps the CJK one, which is what Chinese text uses.
		if old, ok := unforms[v]; !ok || r > old {
			unforms[v] = r
		}
	}
}

// Form returns the vertical presentation form of r, or r itself when it has
// none (Han characters, kana, letters and digits stand as they are).
//
//	Form('，') == '︐'
//	Form('「') == '﹁'
//	Form('字') == '字'
func Form(r rune) rune {
	formsOnce.Do(buildForms)
	if v, ok := forms[r]; ok {
		return v
	}
	return r
}

// HasForm reports whether r takes a different vertical form.
func HasForm(r rune) bool { return Form(r) != r }
