package issues

import (
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
	// first says, for each byte, whether a member's encoding opens with
	// it: an ASCII member has 1; a lead byte has the bits (the low six of
	// the second byte) of the members' second bytes.
	first [256]uint64
	enc   []string // the encodings of the members that are not ASCII
}

// newRuneSet is the set of the runes of members (not U+FFFD, which an
// invalid byte is read as).
func newRuneSet(members string) *runeSet {
	rs := &runeSet{}
	for _, r := range members {
		if r == utf8.RuneError {
			panic("newRuneSet: U+FFFD")
		}
		if r < utf8.RuneSelf {
			rs.first[r] = 1
			continue
		}
		e := string(r)
		rs.first[e[0]] |= 1 << (e[1] & 0x3F)
		rs.enc = append(rs.enc, e)
	}
	return rs
}

// index is the byte index of the first rune of s in the set, or -1; it is
// strings.IndexFunc(s, f) for the f that holds for the set's runes.
func (rs *runeSet) index(s string) int {
	for i := 0; i < len(s); i++ {
		m := rs.first[s[i]]
		if m == 0 {
			continue
		}
		if s[i] < utf8.RuneSelf {
			return i
		}
		if i+1 < len(s) && m&(1<<(s[i+1]&0x3F)) != 0 {
			for _, e := range rs.enc {
				if strings.HasPrefix(s[i:], e) {
					return i
				}
			}
		}
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
	roleInitials   = newRuneSet("记記评評通实實见見特撰編论論기특통논객")           // isRoleInitial
	furnitureHints = newRuneSet("0123456789０１２３４５６７８９版面页頁年：:／/") // isFurnitureHint
	sentenceMarks  = newRuneSet("。，！？")                          // isSentenceMark
	bylineBreakers = newRuneSet("。，！？!?；")                       // isBylineBreaker
	clausePuncts   = newRuneSet(clausePunct)                     // isClausePunct
)
