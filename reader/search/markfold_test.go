package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// markFoldCases hold every path of the fold: ASCII with case and white
// space, CJK that folds to itself and that folds (Traditional, width),
// kana that decomposes, a dropped format character, a rune outside the
// BMP, and bytes that are not UTF-8 (a stray continuation, a truncated
// three-byte form, an encoded surrogate, an overlong form).
var markFoldCases = []string{
	"",
	"Hello, World\n  again",
	"拉薩の２０２３年、ガイド",
	"ﾗｻ ｶﾞ ﬁne",
	"a\u200bb\u00adc",
	"𠀋𠀋 𝐀",
	"\x80abc",
	"中\xe4\xb8",
	"\xed\xa0\x80x",
	"\xe0\x80\xafy",
	"\xff\xfe中",
}

// TestMarkFold: the fused fold-and-mark gives the keys (and the verdict on
// invalid bytes) of folding first and marking the folded text.
func TestMarkFold(t *testing.T) {
	for _, s := range markFoldCases {
		checkMarkFold(t, []byte(s))
	}
}

func FuzzMarkFold(f *testing.F) {
	for _, s := range markFoldCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkMarkFold(t, src) })
}

func checkMarkFold(t *testing.T, src []byte) {
	t.Helper()
	var want, got keySet
	folded, wantInvalid := appendFold(nil, src)
	markKeys(folded, &want)
	gotInvalid := markFold(src, &got)
	if gotInvalid != wantInvalid {
		t.Errorf("%q: invalid %v, want %v", src, gotInvalid, wantInvalid)
	}
	if w, g := takeKeys(&want), takeKeys(&got); !slices.Equal(g, w) {
		t.Errorf("%q: keys %v, want %v", src, g, w)
	}
}

// markKeys marks in ks the keys of the folded text f, decoding it rune by
// rune: the plain form markFold is checked against.
func markKeys(f []byte, ks *keySet) {
	bits := &ks.bits
	used := &ks.used
	var prev rune = -1
	for i := 0; i < len(f); {
		// Folded text is valid UTF-8 (appendFold writes U+FFFD for what
		// is not): decoded without utf8.DecodeRune's checks, which were a
		// fifth of building the index.
		c := f[i]
		var r rune
		switch {
		case c < 0x80:
			r = rune(c)
			i++
		case c < 0xE0 && i+1 < len(f):
			r = rune(c&0x1F)<<6 | rune(f[i+1]&0x3F)
			i += 2
		case c < 0xF0 && i+2 < len(f):
			r = rune(c&0x0F)<<12 | rune(f[i+1]&0x3F)<<6 | rune(f[i+2]&0x3F)
			i += 3
		case i+3 < len(f):
			r = rune(c&0x07)<<18 | rune(f[i+1]&0x3F)<<12 | rune(f[i+2]&0x3F)<<6 | rune(f[i+3]&0x3F)
			i += 4
		default:
			r = utf8.RuneError
			i = len(f)
		}
		k := runeKey(r)
		bits[k>>6] |= 1 << (k & 63)
		used[k>>12] |= 1 << (k >> 6 & 63)
		if prev >= 0 {
			k = pairKey(prev, r)
			bits[k>>6] |= 1 << (k & 63)
			used[k>>12] |= 1 << (k >> 6 & 63)
		}
		prev = r
	}
}
