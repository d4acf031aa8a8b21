package issues

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// runeSet finds the runes of a small set in a text by its bytes, without
// decoding the runes between: strings.IndexFunc with a predicate decodes
// every rune of a paragraph to ask about a handful of ideographs.
//
// It finds what IndexFunc finds, in any text, valid UTF-8 or not: the
// encoding of a rune opens with a byte that never continues another, and
// a decoder walking the text reads a rune at every byte that is not a
// continuation of the rune before it (an invalid byte is one rune, U+FFFD,
// of one byte), so it reads a member at the first place its bytes stand.
type runeSet struct {
	// last says, for each byte, which members' encodings end with it (a
	// bit for each, by its index in enc). The last byte of a member is a
	// continuation byte; the scan stops at few of them in CJK text, fewer
	// than at the lead bytes, which most ideographs share.
	last [256]uint32
	enc  []string // the members' encodings
}

// newRuneSet is the set of the runes of members (not U+FFFD, which an
// invalid byte is read as; at most 32 of them).
func newRuneSet(members string) *runeSet {
	rs := &runeSet{}
	for _, r := range members {
		if r == utf8.RuneError || len(rs.enc) == 32 {
			panic("newRuneSet: U+FFFD or over 32 runes")
		}
		e := string(r)
		rs.last[e[len(e)-1]] |= 1 << len(rs.enc)
		rs.enc = append(rs.enc, e)
	}
	return rs
}

// index is the byte index of the first rune of s in the set, or -1; it is
// strings.IndexFunc(s, f) for the f that holds for the set's runes. (Two
// members' encodings never overlap in a text, each opening with a byte
// that no encoding holds further on: the first to end is the first.)
//
// A valid three-byte rune, most of CJK text, is taken in one step: no
// member ends inside it but one that is it.
func (rs *runeSet) index(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if rs.last[c] != 0 {
				return i
			}
			i++
			continue
		}
		if c >= 0xE0 && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			for m := rs.last[s[i+2]]; m != 0; m &= m - 1 {
				if rs.enc[bits.TrailingZeros32(m)] == s[i:i+3] {
					return i
				}
			}
			i += 3
			continue
		}
		for m := rs.last[c]; m != 0; m &= m - 1 {
			e := rs.enc[bits.TrailingZeros32(m)]
			if start := i + 1 - len(e); start >= 0 && s[start:i+1] == e {
				return start
			}
		}
		i++
	}
	return -1
}

// in reports whether s holds a rune of the set.
func (rs *runeSet) in(s string) bool { return rs.index(s) >= 0 }

// hasASCIIDigit is strings.ContainsFunc(s, isASCIIDigit), by bytes: an
// ASCII byte is always read as itself.
func hasASCIIDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' < 10 {
			return true
		}
	}
	return false
}

// The sets of the rune predicates the parser scans whole lines with
// (TestRuneSets holds each to its predicate).
var (
	leadHints      = newRuneSet("讯訊电電【[［(（")                     // isLeadHint
	creditHints    = newRuneSet("摄攝图圖撮发發影사写hH")                  // isCreditHint
	roleHints      = newRuneSet("者员員生稿派委组組")                     // isRoleHint
	furnitureHints = newRuneSet("0123456789０１２３４５６７８９版面页頁年：:／/") // isFurnitureHint
	sentenceMarks  = newRuneSet("。，！？")                          // isSentenceMark
	bylineBreakers = newRuneSet("。，！？!?；")                       // isBylineBreaker
	clausePuncts   = newRuneSet(clausePunct)                     // isClausePunct
	// and the sets strings.ContainsAny was asked about
	timestampMarks = newRuneSet(":：T年/.-")
	timeMarks      = newRuneSet(":：T")
	datePieces     = newRuneSet("年月日星周週")
)

// wordSet finds any of a few words in a text in one scan, where a chain of
// strings.Contains scans the text once a word: it stops where a word's
// first rune stands (a runeSet of them) and compares the words there.
// A word that occurs opens with its first rune, which the scan stops at;
// the scan steps over that rune whole, and no word opens inside it.
type wordSet struct {
	firsts *runeSet
	words  []string
}

func newWordSet(words ...string) *wordSet {
	var firsts strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		firsts.WriteRune(r)
	}
	return &wordSet{firsts: newRuneSet(firsts.String()), words: words}
}

// in is whether s holds one of the words: strings.Contains of each, or-ed.
func (ws *wordSet) in(s string) bool {
	for {
		i := ws.firsts.index(s)
		if i < 0 {
			return false
		}
		s = s[i:]
		for _, w := range ws.words {
			if strings.HasPrefix(s, w) {
				return true
			}
		}
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
	}
}
