package issues

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to write to a terminal on one line:
// text from an issue or bookmarks file, a file name, a paste, an error
// message. Rune by rune:
//
//   - TAB, LF, VT, FF and CR become a space (the text stays on one line and
//     words stay apart);
//   - every other C0 control (U+0000–U+001F: ESC among them), DEL and every
//     C1 control (U+0080–U+009F: the 8-bit CSI U+009B and OSC U+009D among
//     them, and NEL) is dropped, so no escape sequence can start;
//   - the characters that can reorder or break what a terminal shows are
//     dropped: the bidi marks LRM, RLM and ALM (U+200E, U+200F, U+061C), the
//     embeddings and overrides LRE…RLO (U+202A–U+202E), the isolates LRI…PDI
//     (U+2066–U+2069), and the line and paragraph separators U+2028–U+2029;
//   - each byte of invalid UTF-8 becomes U+FFFD (a stray 0x9B byte is CSI
//     to an 8-bit terminal).
//
// Everything else is kept as it is, and a string that needs none of this is
// returned itself, found by a byte scan (the reader sanitizes every line it
// draws). What is dropped has no width in the layout (reader/layout gives
// each of those runes 0 cells), so a laid-out line keeps its measured width.
//
// Dropping works rune by rune: an escape sequence loses its ESC, and its
// parameters ("[31m") show as the harmless text they then are. Issue text
// has lost whole sequences already when it was parsed (see cleanText);
// Sanitize is the last guard before the terminal for all text alike.
//
// Sanitize("a\x1b[2Jb\tc\u202e") == "a[2Jb c"
func Sanitize(s string) string {
	if terminalSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte comes as U+FFFD
		switch {
		case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
			b.WriteByte(' ')
		case unsafeRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports the runes Sanitize drops or replaces.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c, r >= 0x2028 && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// terminalSafe reports whether Sanitize(s) == s, by a byte scan: ASCII
// controls, the UTF-8 lead bytes of the unsafe runes above U+007F (C2 for
// C1, D8 9C for ALM, E2 80 / E2 81 for the bidi controls and separators),
// then validity when anything is not ASCII.
func terminalSafe(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			if c < 0x20 || c == 0x7f {
				return false
			}
			continue
		}
		ascii = false
		switch c {
		case 0xc2: // U+0080–U+00BF: C1 is C2 80–9F
			if i+1 < len(s) && s[i+1] < 0xa0 {
				return false
			}
		case 0xd8: // U+061C is D8 9C
			if i+1 < len(s) && s[i+1] == 0x9c {
				return false
			}
		case 0xe2: // U+2000–U+2FFF
			if i+2 < len(s) && unsafeRune(rune(c&0x0f)<<12|rune(s[i+1]&0x3f)<<6|rune(s[i+2]&0x3f)) {
				return false
			}
		}
	}
	return ascii || utf8.ValidString(s)
}
