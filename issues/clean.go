package issues

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cleanText makes decoded text safe and canonical for everything after it:
//
//   - CRLF and lone CR line ends become LF;
//   - terminal controls are dropped: all of C0 except LF, TAB and FF, DEL,
//     all of C1 (U+0080–U+009F, which include the 8-bit CSI and OSC), and the
//     bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
//     can reorder what a terminal shows. An ESC takes its whole escape
//     sequence with it (CSI … final byte, OSC … BEL/ST), so neither the
//     control nor its parameters reach the screen;
//   - U+FEFF (a BOM or zero-width no-break space) and U+FFFD replacement
//     characters from undecodable bytes are kept only as "\uFFFD" (visible);
//   - the text is NFC-normalised.
//
// This is canonical text for the model, not yet text for a terminal: the
// bidi marks LRM, RLM and ALM stay (they belong to the text), and what
// reaches a terminal goes through Sanitize, the one guard for all text.
//
// Most files need none of this, so cleanText copies only when it must: it
// returns s itself when nothing is dropped or replaced, and copies the
// unchanged runs between changes in one piece. It asks the NFC tables only
// when a rune outside the ranges nfcInert knows occurs.
func cleanText(s string) string {
	var b strings.Builder // used from the first change on
	changed := false
	kept := 0     // s[kept:i] is text kept as it is, not yet copied to b
	inert := true // every rune kept so far is nfcInert
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || c == '\f' {
			i++
			continue
		}
		if isHanUTF8(s, i) {
			i += 3 // an ideograph: kept, and NFC-inert
			continue
		}
		// Another valid three-byte rune (CJK punctuation, kana, Hangul,
		// full-width forms), decoded here: kept unless it is one of the
		// format characters dropped below (U+2028–U+206F, U+FEFF).
		if i+2 < len(s) && (c >= 0xE1 && c <= 0xEC || c >= 0xEE && c <= 0xEF) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if !(r >= 0x2028 && r <= 0x206F || r == 0xFEFF) {
				if inert && !nfcInert(r) {
					inert = false
				}
				i += 3
				continue
			}
		}
		if c < 0x80 {
			// CR, ESC, another C0 control or DEL: a change
			if !changed {
				changed = true
				b.Grow(len(s))
			}
			b.WriteString(s[kept:i])
			switch c {
			case '\r':
				b.WriteByte('\n')
				i++
				if i < len(s) && s[i] == '\n' {
					i++
				}
			case 0x1b:
				i = skipEscape(s, i)
			default:
				i++
			}
			kept = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		drop := false // drop s[i:i+size], writing repl in its place
		repl := ""
		switch {
		case r == utf8.RuneError && size == 1:
			// an invalid byte becomes a visible replacement character
			drop, repl = true, "\uFFFD"
		case r >= 0x80 && r <= 0x9f:
			drop = true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
			drop = true
		case r == 0x2028 || r == 0x2029:
			drop, repl = true, "\n"
		case inert && !nfcInert(r):
			inert = false
		}
		if !drop {
			i += size
			continue
		}
		if !changed {
			changed = true
			b.Grow(len(s))
		}
		b.WriteString(s[kept:i])
		b.WriteString(repl)
		i += size
		if r >= 0x80 && r <= 0x9f && (r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f) {
			// C1 control; CSI (0x9b) and OSC (0x9d) strings go with it.
			i = skipString(s, i, r == 0x9b)
		}
		kept = i
	}
	out := s
	if changed {
		b.WriteString(s[kept:])
		out = b.String()
	}
	if !inert && !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// nfcInert reports whether r is in a range of runes that are each NFC as
// they stand and combine with nothing before them (NFC_Quick_Check=Yes and
// canonical combining class 0): a string made only of them, and of ASCII,
// is NFC without a look at the normalisation tables. The ranges cover what
// newspapers are written in; TestNFCInert checks each rune of them against
// golang.org/x/text/unicode/norm. Combining marks (U+0300…, U+3099, U+302A…),
// Hangul jamo and singletons such as U+2000 and the compatibility
// ideographs are left out on purpose.
func nfcInert(r rune) bool {
	switch {
	case r < 0x300, // Latin-1, Latin Extended-A and -B, IPA, spacing modifiers
		r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E, // general punctuation
		r >= 0x3000 && r <= 0x3029, r >= 0x3030 && r <= 0x303F, // CJK symbols and punctuation
		r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF, // kana
		r >= 0x3400 && r <= 0x9FFF, // CJK unified ideographs (and the Yijing hexagrams among them)
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xFF01 && r <= 0xFF9F, // full-width and half-width forms
		r == 0xFFFD:
		return true
	}
	return false
}

// skipEscape returns the index after the escape sequence starting with the
// ESC at s[i]. Unterminated strings end at the line's end, so a stray ESC
// cannot swallow the rest of the file.
func skipEscape(s string, i int) int {
	i++ // ESC
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipString(s, i+1, true)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1, false)
	case c >= 0x20 && c <= 0x2f: // intermediates, then one final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		return i + 1
	}
	return i
}

// skipString skips a control sequence body from s[i]: for a CSI the
// parameter and intermediate bytes and the final byte; for OSC, DCS and the
// like everything up to BEL or ST (ESC \ or U+009C).
func skipString(s string, i int, csi bool) int {
	if csi {
		for n := 0; i < len(s) && n < 64; n++ {
			c := s[i]
			switch {
			case c >= 0x20 && c <= 0x3f:
				i++
			case c >= 0x40 && c <= 0x7e:
				return i + 1
			default:
				return i
			}
		}
		return i
	}
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + 2
		case s[i] == '\n' || s[i] == '\r':
			return i
		}
		i++
	}
	return i
}

// isHanUTF8 reports whether s[i:] opens with the UTF-8 of a rune in
// U+4000–U+9FFF (lead byte E4 to E9 and two continuation bytes; with these
// lead bytes every continuation is valid): the ideographs that are most of
// a Chinese or Japanese text, recognised without decoding them.
func isHanUTF8(s string, i int) bool {
	return i+2 < len(s) && s[i] >= 0xE4 && s[i] <= 0xE9 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80
}
