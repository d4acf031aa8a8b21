package issues

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cleanTextReference is cleanText as first written: rune by rune into a
// new string, then NFC. The fast cleanText must agree with it on every input.
func cleanTextReference(s string) string {
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
	return norm.NFC.String(b.String())
}

// cleanPieces are what the random texts of TestCleanTextAgrees are made of:
// plain text in each script, every kind of control and escape cleanText
// drops, combining marks and jamo that NFC composes, singletons NFC
// replaces, and broken UTF-8.
var cleanPieces = []string{
	"江城晨报", "記者", "かな", "カナ", "한국어", "plain ASCII", " ", "\n", "\t", "\f", "。", "，", "“", "…", "Ａ１",
	"\r", "\r\n", "\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;x\x1b\\", "\x1b(B", "\x1b", "\x00", "\x07", "\x7f",
	"\u0085", "\u009b1m", "\u009dosc\u009c", "\u0090dcs", "\u202e", "\u2066", "\ufeff", "\u2028", "\u2029",
	"e\u0301", "\u0301", "か\u3099", "\u3099", "\u1100\u1161", "\u11a8", "가\u11a8", "\u2000", "\uf900", "\u212b",
	"Å", "é", "\u302a", "\ufffd", "\xff", "\xe6\xb1", "\xed\xa0\x80", "\xc0\xaf", "\U00020000",
	"\u2060", "\u206f", "\u2070", "\u2027", "\ufefe", "\uff01", "\u3000", "\xe3\x80",
}

// TestCleanTextAgrees compares cleanText with its reference on the
// fixtures, the sample and random texts of cleanPieces.
func TestCleanTextAgrees(t *testing.T) {
	inputs := []string{"", "a", string(SampleBytes())}
	for _, f := range fixtures {
		if text, _, err := Decode(fixtureBytes(t, f), ""); err == nil {
			inputs = append(inputs, text)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		inputs = append(inputs, randomText(rng, cleanPieces, rng.IntN(12)))
	}
	for _, s := range inputs {
		if got, want := cleanText(s), cleanTextReference(s); got != want {
			t.Fatalf("cleanText(%q)\n = %q\nwant %q", s, got, want)
		}
	}
}

// TestNFCInert checks every rune nfcInert accepts against the NFC tables:
// normal on its own, combining class 0, and combining with nothing before it.
func TestNFCInert(t *testing.T) {
	n := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !nfcInert(r) {
			continue
		}
		n++
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || p.CCC() != 0 || !p.BoundaryBefore() {
			t.Errorf("%U is not NFC-inert: normal %v, ccc %d, boundary before %v",
				r, norm.NFC.IsNormalString(s), p.CCC(), p.BoundaryBefore())
		}
		// nothing it may follow composes with it
		for _, prev := range []string{"a", "e", "가", "か", "\u1100"} {
			if !norm.NFC.IsNormalString(prev + s) {
				t.Errorf("%q+%U is not NFC", prev, r)
			}
		}
	}
	if n < 39000 {
		t.Errorf("only %d runes inert", n)
	}
	for _, r := range []rune{0x300, 0x2000, 0x302A, 0x3099, 0x1161, 0x11A8, 0xF900, 0x212B} {
		if nfcInert(r) {
			t.Errorf("nfcInert(%U) = true", r)
		}
	}
}
