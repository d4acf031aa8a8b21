package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// This file is where bao finds grapheme clusters (UAX #29 extended grapheme
// clusters): what a reader sees as one character, and what a line never
// breaks inside — a letter with its combining marks (é), an emoji with its
// skin tone (👍🏽) or presentation selector (☺️), a ZWJ sequence (👨‍👩‍👧), a
// flag (two regional indicators: 🇨🇳), a Hangul syllable of jamo, a kana with
// the halfwidth sound mark (ｶﾞ).
//
// The clusters are clipperhouse/uax29's, the segmenter the renderer itself
// uses (charmbracelet/x/ansi, under bubbletea v2 and lipgloss v2), so bao and
// the terminal's cell buffer cut text the same way. Segmenting every rune
// would cost the layout engine its speed on plain CJK text, where every
// character is a cluster of its own; mayJoin is a cheap test, with no false
// negatives, that two runes could belong to one cluster, and only then is
// the segmenter asked.

// mayJoin reports whether r could continue a grapheme cluster whose last
// rune is prev (UAX #29 rules GB3 and GB6–GB13); when it returns false, a
// cluster boundary certainly lies between them. The classes come from the
// segmenter itself (grapheme_table.go), so the test has no false negatives
// (TestMayJoinNoFalseNegatives); it may have false positives (GB9c is
// taken as anything after a mark), which the segmenter then settles.
//
//	mayJoin('e', '\u0301') == true   // GB9: Extend
//	mayJoin('中', '文') == false
func mayJoin(prev, r rune) bool {
	switch {
	case prev == 0x200D: // GB11: ZWJ × Extended_Pictographic (〰 too)
		return true
	case r < 0x300:
		if r == '\n' {
			return prev == '\r' // GB3
		}
		return (r >= 0x20 && r < 0x7F || r >= 0xA0) && isPrepend(prev) // GB9b, not before a control
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x3029, r >= 0x3030 && r <= 0x3098, r >= 0x309B && r <= 0x30FF,
		r >= 0xFF00 && r <= 0xFF9D, r >= 0x2010 && r <= 0x205F, r >= 0x2100 && r <= 0x2BFF:
		// Ideographs, CJK punctuation, kana, full-width forms, general
		// punctuation, symbols: nothing but a Prepend before them joins
		// (GB9b).
		return isPrepend(prev)
	case r >= 0xAC00 && r <= 0xD7A3:
		return isJamoL(prev) || isPrepend(prev) // GB6: L × LV, LVT
	case isRegionalIndicator(r):
		return isRegionalIndicator(prev) || isPrepend(prev) // GB12, GB13
	case isJamoL(r) && isJamoL(prev):
		return true // GB6: L after L (V and T are in extendRanges)
	}
	if inRanges(extendRanges[:], r) || isPrepend(prev) {
		return true // GB9, GB9a: Extend, ZWJ, SpacingMark; GB9b
	}
	// GB9c: a consonant after a virama (InCB Linker, a mark), taken as
	// anything after a mark.
	return inRanges(extendRanges[:], prev)
}

// inRanges reports whether r lies in one of the sorted ranges.
func inRanges(ranges [][2]rune, r rune) bool {
	if len(ranges) == 0 || r < ranges[0][0] || r > ranges[len(ranges)-1][1] {
		return false
	}
	lo, hi := 0, len(ranges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ranges[m][1] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(ranges) && ranges[lo][0] <= r
}

// isPrepend reports whether r is of Grapheme_Cluster_Break Prepend. No
// Prepend rune lies in U+0E00..U+10FFF (TestPrependRangesOutsideTheSkip checks),
// which holds everything common in CJK text.
func isPrepend(r rune) bool {
	return (r >= 0x600 && r < 0xE00 || r >= 0x11000) && inRanges(prependRanges[:], r)
}

func isJamoL(r rune) bool { return r >= 0x1100 && r <= 0x115F || r >= 0xA960 && r <= 0xA97F }

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// clusterLen returns the byte length of the grapheme cluster at the start
// of s (whose first rune, size bytes long, is r).
func clusterLen(s string, r rune, size int) int {
	if size >= len(s) || r == ' ' {
		// A space is a cluster of its own here, as the line breaker
		// keeps it: a mark after it stands alone (UAX #29 would join
		// " ﾞ"; bao gives the mark its own cell, never less room).
		return min(size, len(s))
	}
	next, _ := utf8.DecodeRuneInString(s[size:])
	if !mayJoin(r, next) {
		return size
	}
	return validLen(graphemes.FromString(s).First())
}

// clusterFrom returns the grapheme cluster that starts at text[b0:] as the
// terminal will see it, and the byte offset in text where it ends. An
// invalid byte is drawn as U+FFFD, which marks and modifiers after it
// join like after any base, so it is segmented as U+FFFD.
func clusterFrom(text string, b0 int) (cluster string, end int) {
	s := text[b0:]
	if r, size := utf8.DecodeRuneInString(s); r != utf8.RuneError || size != 1 {
		n := validLen(graphemes.FromString(s).First())
		return s[:n], b0 + n
	}
	window := "\uFFFD" + s[1:min(len(s), 1+64)] // a cluster is short
	c := graphemes.FromString(window).First()
	n := validLen(c) // ≥ 3: U+FFFD is valid
	return c[:n], b0 + 1 + n - len("\uFFFD")
}

// drawnClusterFrom is clusterFrom for the text as the terminal is given
// it, without the runes the layout hides (controls and bidi formatting
// characters, see isHidden): the cluster that starts at text[b0:] with
// them left out, and the byte offset in text where it ends.
//
//	drawnClusterFrom("0\u202d\uff9ex", 0) == ("0\uff9e", 6)
func drawnClusterFrom(text string, b0 int) (cluster string, end int) {
	// A cluster is short: a window of the text is enough.
	s := text[b0:min(len(text), b0+256)]
	var b strings.Builder
	offs := make([]int, 0, 8) // the byte offset in text of each rune of b
	for i, r := range s {
		if !isHidden(r) {
			b.WriteRune(r)
			offs = append(offs, b0+i)
		}
	}
	drawn := b.String()
	if drawn == "" {
		return "", b0
	}
	c, _ := clusterFrom(drawn, 0)
	n := utf8.RuneCountInString(c)
	if n >= len(offs) {
		return c, b0 + len(s)
	}
	return c, offs[n]
}

// isHidden reports whether the layout never writes r to the terminal:
// C0 and C1 controls but the white space among them (TAB, LF, VT, FF, CR:
// shown as a space, and a cluster boundary, GB4 and GB5), and the bidi
// embedding, override and isolate characters.
func isHidden(r rune) bool {
	return r < 0x20 && (r < '\t' || r > '\r') || (r >= 0x7F && r <= 0x9F) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// validLen is the length of the valid UTF-8 prefix of a cluster. The
// segmenter may join an invalid byte to the cluster before it, but the
// text is drawn with that byte as U+FFFD, a character of its own, so the
// cluster ends before it (at least one rune is kept).
//
//	validLen("\uFE0F\xe2") == 3
func validLen(c string) int {
	for i := 0; i < len(c); {
		r, size := utf8.DecodeRuneInString(c[i:])
		if r == utf8.RuneError && size == 1 {
			if i == 0 {
				return 1
			}
			return i
		}
		i += size
	}
	return len(c)
}

// ClusterLen returns how many runes of rs, from rs[i] on, form one grapheme
// cluster (at least 1 when i < len(rs)): the unit a line never breaks inside
// and a vertical slot holds whole.
//
//	ClusterLen([]rune("👍🏽!"), 0) == 2
func ClusterLen(rs []rune, i int) int {
	if i >= len(rs) {
		return 0
	}
	if i+1 == len(rs) || rs[i] == ' ' || !mayJoin(rs[i], rs[i+1]) {
		return 1
	}
	// A cluster is short; segment a window of the runes after rs[i],
	// widened while the cluster fills it.
	for n := 16; ; n *= 4 {
		end := min(len(rs), i+n)
		s := string(rs[i:end])
		k := 0
		for range graphemes.FromString(s).First() {
			k++
		}
		if k < end-i || end == len(rs) {
			return k
		}
	}
}

// replaceInvalid turns each invalid byte of s into U+FFFD, as the terminal
// will draw it, so that clusters and widths are found on what is drawn.
// Issue text is valid UTF-8 already (package issues cleans it); this keeps
// the layout exact for any string. One rune per byte, as a range loop
// counts them, so rune offsets into the text do not move.
//
//	replaceInvalid("a\xe2\x80b") == "a\uFFFD\uFFFDb"
func replaceInvalid(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		b.WriteRune(r) // an invalid byte comes as utf8.RuneError
	}
	return b.String()
}
