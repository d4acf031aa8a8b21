package layout

import (
	"testing"
	"unicode"
)

// TestRuneProps checks every cached entry against the functions prepare
// calls for runes outside the cache: the cache must change nothing.
func TestRuneProps(t *testing.T) {
	blocks := []struct {
		props []runeProps
		base  rune
	}{{propsASCII[:], 0}, {propsPunct[:], 0x2000}, {propsKana[:], 0x3000}, {propsWide[:], 0xFF00}}
	for _, b := range blocks {
		for i := range b.props {
			r := b.base + rune(i)
			p := cachedRune(r)
			if p != &b.props[i] {
				t.Fatalf("cachedRune(%U) is not its table entry", r)
			}
			for pol, amb := range []Ambiguous{Narrow, Wide} {
				w := NewWidths(amb).Rune(r)
				wc := w
				if amb == Wide && w == 2 {
					wc = NewWidths(Narrow).Rune(r)
				}
				if int(p.w[pol]) != w || p.cls[pol] != classify(r, wc) {
					t.Errorf("%U %v: cached width %d class %d, want %d %d", r, amb, p.w[pol], p.cls[pol], w, classify(r, wc))
				}
			}
			if p.flags != runeFlags(r) || p.alnum != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				t.Errorf("%U: cached flags %08b alnum %v", r, p.flags, p.alnum)
			}
		}
	}
	for _, r := range []rune{0x80, 0x1FFF, 0x2070, 0x2FFF, 0x3100, 0x4E00, 0xFEFF, 0xFFF0} {
		if cachedRune(r) != nil {
			t.Errorf("cachedRune(%U) is cached", r)
		}
	}
}
