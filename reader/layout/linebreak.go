package layout

import (
	"unicode"

	"github.com/mattn/go-runewidth"
)

// This file is the line breaker: where a line of CJK, Korean or Western text
// may end, following the W3C "Requirements for Chinese Text Layout" (clreq,
// §prohibition rules for line start and end, "basic" level plus the two-em
// dash and ellipsis rule of the "strict" level) and "Requirements for Japanese
// Text Layout" (jlreq, Appendix A, character classes cl-01..cl-11), with the
// Unicode line-breaking classes of UAX #14 simplified to what a terminal
// needs. The rules, by example:
//
//	中文中文     a break may fall between any two CJK characters
//	H9774 6+1    never inside a Western word, number or token (URLs too)
//	中文，       never before a line-start-prohibited character (，。”」ー ぁ …)
//	“中          never after a line-end-prohibited one (“「《（ …)
//	——  ……       the paired dash and ellipsis never split (both are
//	             line-start-prohibited, so nothing breaks before either half)
//	한국어 단어  Korean breaks at spaces, like English
//
// A token longer than the whole line is cut where it must be; nothing is
// ever added to the text (no hyphen) and nothing visible dropped.

// class is how a rune takes part in line breaking.
type class uint8

const (
	// clsSpace is breakable white space (UAX #14 SP and BK/CR/LF): a line
	// may break after it, and it is dropped at the ends of lines.
	clsSpace class = iota
	// clsIdeo is a character that may break on either side: ideographs,
	// kana, full-width punctuation and the other East Asian Wide and
	// Fullwidth characters (UAX #14 ID, with CL/OP/NS of that width).
	clsIdeo
	// clsWord is part of a Western-style word or token: letters, digits,
	// narrow punctuation and symbols, East Asian Ambiguous characters,
	// full-width Latin letters and digits, and Hangul (UAX #14 AL, NU, IS,
	// PR, PO, HY and H2/H3/JL/JV/JT: Korean keeps its words whole). No
	// break falls between two of them.
	clsWord
	// clsAttach has no width of its own (combining marks, joiners,
	// variation selectors; UAX #14 CM and ZWJ): never broken from the
	// character before it.
	clsAttach
)

// Rune flags, from the kinsoku tables below.
const (
	flagNoStart     uint8 = 1 << iota // may not start a line
	flagNoEnd                         // may not end a line
	flagPostfix                       // sticks to what precedes it (％ ℃ ‰)
	flagPrefix                        // sticks to what follows it (￥ ＄ №)
	flagHidden                        // control characters: never shown
	flagBreakAfter                    // a narrow mark a line may end after (— … · ”)
	flagBreakBefore                   // a narrow mark a line may start with (“ ‘)
	flagWestern                       // a letter or digit of a Western-style word (set by prepare)
)

// noStart lists the characters that may not start a line.
//
// Source: clreq §3.1.7 "basic" level (pause and stop marks, closing quotes
// and brackets, connectors, interpuncts) plus the ellipsis and two-em dash of
// the "strict" level, which the issue requires (`……` and `——` never split
// and never start a line); jlreq Appendix A cl-02 (closing brackets), cl-03
// (hyphens), cl-04 (dividing punctuation), cl-05 (middle dots), cl-06 (full
// stops), cl-07 (commas), cl-09 (iteration marks), cl-10 (prolonged sound
// mark), cl-11 (small kana); and the narrow ASCII closing punctuation
// ! ? : ; . , ) ] } (UAX #14 CL, CP, EX, IS).
const noStart = "" +
	"。．，、：；！？‼⁇⁈⁉" + // pause and stop marks (clreq; jlreq cl-04, cl-06, cl-07)
	"”’」』）》〉】〗〕］｝〙〛〞〟｠»›" + // closing quotes and brackets (clreq; jlreq cl-02)
	"～〜–—―⸺⸻‐゠" + // connectors, dashes and hyphens (clreq; jlreq cl-03)
	"…‥⋯" + // ellipses (clreq strict; jlreq cl-08 inseparable)
	"·・‧･" + // interpuncts (clreq; jlreq cl-05)
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯ" + // small kana (jlreq cl-11)
	"ーｰ" + // prolonged sound mark (jlreq cl-10)
	"ヽヾゝゞ々〻" + // iteration marks (jlreq cl-09)
	"｡､｣" + // half-width katakana punctuation
	"!?:;.,)]}" + // ASCII closing punctuation (UAX #14 CL, CP, EX, IS)
	"-/／" + // hyphen-minus and solidus (clreq §3.1.7 connectors and separators; UAX #14 HY, SY)
	"〵" + // the lower half of the kana repeat marks 〳〵 〴〵 (jlreq cl-08: inseparable)
	"゛゜ﾞﾟ〼" + // sound marks and the masu mark (UAX #14 NS; ﾞﾟ also UAX #29 Extend)
	"๚๛។៖៚" + // Thai and Khmer marks of UAX #14 NS
	"․𐫶" + // one dot leader, Manichaean punctuation (UAX #14 IN)
	"\u3000" // the ideographic space breaks after, not before (UAX #14 BA)

// Besides the sets above, every opening bracket (general category Ps,
// UAX #14 OP: ⦅ ⟦ ❨ ༺ „ …) may not end a line and every closing one
// (Pe, UAX #14 CL/CP: ⦆ ⟧ ❩ ༻ …) may not start one, and the small forms
// (U+FE50..U+FE6B: ﹐ ﹒ ﹔ ﹕ ﹙ ﹚ ﹪) and vertical presentation forms
// (U+FE10..U+FE19, U+FE30..U+FE4F: ︐ ︙ ︵ ﹁) take the flags of the
// character they are a form of (their compatibility decomposition,
// UnicodeData.txt <small> and <vertical>). The generator of
// runeprops_table.go adds them (kinsokuFlags in tables_gen.go).

// noEnd lists the characters that may not end a line: opening quotes and
// brackets. Source: clreq §3.1.7; jlreq Appendix A cl-01; UAX #14 OP and the
// opening QU.
const noEnd = "“‘「『（《〈【〖〔［｛〘〚〝｟«‹｢([{"

// postfix lists the signs that stay with the number before them, and prefix
// those that stay with the number after them (clreq: "a number with its
// prefix and suffix signs"; UAX #14 PO and PR; jlreq Appendix A cl-12
// prefixed and cl-13 postfixed abbreviations, which hold after and before
// ideographic numerals too: 五㎏, ¥百). The ASCII % $ # are part of a Western
// token already; the flags keep them with a CJK neighbour as well.
const (
	postfix = "%％‰‱℃℉°′″‵¢￠﹪ℓ" +
		"㌃㌍㌔㌘㌢㌣㌦㌧㌫㌶㌻㍉㍊㍍㍑㍗㎎㎏㎜㎝㎞㎡㏄㏋" // jlreq cl-13: the squared units
	prefix = "$#¥£€￥＄￡№＃"
)

// breakAfter lists the narrow (East Asian Ambiguous) marks of CJK text
// after which a line may break even when a Western character follows:
// dashes and ellipses (UAX #14 B2 and IN), interpuncts, and the closing
// quotes (clreq treats them as CJK punctuation; UAX #14 LB19 would glue
// them to their neighbours, see w3c/clreq#245). breakBefore lists the
// opening quotes, before which a line may break.
const (
	breakAfterMarks  = "—―⸺⸻…‥⋯·‧・”’»›"
	breakBeforeMarks = "“‘«‹"
)

// The flags of the characters in the tables above are generated into
// runeprops_table.go (go generate: tables_gen.go): lookup tables for the
// blocks they live in — flagsASCII, flagsPunct (U+2000..U+206F), flagsKana
// (U+3000..U+30FF), flagsWide (U+FF00..U+FFEF) — and the sorted flagsOther
// for the rest. Static data, read-only.

// runeFlags returns the kinsoku flags of r.
func runeFlags(r rune) uint8 {
	switch {
	case r < 0x80:
		return flagsASCII[r]
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3:
		return 0
	case r >= 0x3000 && r < 0x3100:
		return flagsKana[r-0x3000]
	case r >= 0xFF00 && r < 0xFFF0:
		return flagsWide[r-0xFF00]
	case r >= 0x2000 && r < 0x2070:
		return flagsPunct[r-0x2000]
	}
	return otherFlags(r)
}

// otherFlags looks r up in flagsOther by binary search.
func otherFlags(r rune) uint8 {
	lo, hi := 0, len(flagsOther)
	if hi == 0 || r < flagsOther[0].r || r > flagsOther[hi-1].r {
		return 0 // Han beyond the URO, most scripts: two comparisons
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if flagsOther[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if flagsOther[lo].r == r {
		return flagsOther[lo].flags
	}
	return 0
}

// classify returns the breaking class of r, whose width is w cells.
func classify(r rune, w int) class {
	switch {
	case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		return clsSpace
	case r < 0x7F:
		return clsWord
	case r >= 0x4E00 && r <= 0x9FFF:
		return clsIdeo
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F:
		return clsWord // Hangul syllables and jamo: Korean words break at spaces
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		return clsWord // full-width digits and Latin letters form tokens
	case r == 0x3000:
		return clsIdeo // the ideographic space is a full-width character, kept
	case r == 0x200D || r == 0x2060 || r == 0xFEFF:
		return clsAttach
	case w == 0:
		return clsAttach
	case r == 0x00A0 || r == 0x202F:
		return clsWord // no-break spaces glue like letters
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF && unicode.Is(unicode.So, r) && !runewidth.IsAmbiguousWidth(r):
		// Emoji and regional indicators, however wide the terminal draws
		// them: UAX #14 ID, EB and RI break on either side (☝ is narrow
		// per code point). The ambiguous symbols of the block (★ ♪ ☎)
		// are AI, resolved as letters.
		return clsIdeo
	case unicode.IsSpace(r):
		return clsSpace
	case w == 2:
		return clsIdeo
	}
	return clsWord
}

// breakBefore reports whether a line may end between a and b, runes of
// classes ca and cb with flags fa and fb: a is the last rune before b that
// is no space and no attachment (b is neither), and spaced says whether
// white space lies between them (the opportunity is then after the spaces,
// which are dropped at the break).
func breakBefore(a, b rune, ca, cb class, fa, fb uint8, spaced bool) bool {
	if fb&flagNoStart != 0 || fa&flagNoEnd != 0 {
		return false
	}
	if spaced {
		return true
	}
	if fb&flagPostfix != 0 || fa&flagPrefix != 0 {
		return false
	}
	return ca != clsWord || cb != clsWord ||
		(fa&flagBreakAfter != 0 && !(isCloseQuote(a) && unicode.IsLetter(b))) || // not in it’s, ”고
		(fb&flagBreakBefore != 0 && !isAlnum(a))
}

// isAlnum reports whether r is an ASCII letter or digit.
func isAlnum(r rune) bool {
	return r < 0x80 && ('0' <= r && r <= '9' || 'a' <= r|0x20 && r|0x20 <= 'z')
}

// isCloseQuote reports whether r is a closing quote that a letter may
// follow inside one word: it’s, Korean ”고 (a quote and its particle).
func isCloseQuote(r rune) bool { return r == '’' || r == '”' || r == '»' || r == '›' }

// runeFlag is the kinsoku flags of one rune (flagsOther).
type runeFlag struct {
	r     rune
	flags uint8
}
