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
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		case c == 0x1b:
			i = skipEscape(s, i)
			continue
		case c < 0x20 && c != '\n' && c != '\t' && c != '\f', c == 0x7f:
			i++
			continue
		case c < 0x80:
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r >= 0x80 && r <= 0x9f:
			// C1 control; CSI (0x9b) and OSC (0x9d) strings go with it.
			if r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f {
				i = skipString(s, i, r == 0x9b)
			}
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		case r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
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
