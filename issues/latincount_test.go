package issues

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// countByRunes is countLatinAndKana as a range loop says it: the rule the
// byte-reading version must keep.
func countByRunes(l string) (latin, other int) {
	for _, r := range l {
		switch {
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			latin++
		case r >= 0x3040:
			other++
		}
	}
	return latin, other
}

func TestCountLatinAndKanaMatchesRunes(t *testing.T) {
	// the runes at each edge of the rule, and of UTF-8's lengths
	alphabet := []rune{'@', 'A', 'Z', '[', '`', 'a', 'z', '{', ' ', 0x7f, 0x80, 0x7ff, 0x800,
		0x3000, 0x3002, 0x303f, 0x3040, 0x3041, 0x30a2, 0x3fff, 0x4000, 0x4e2d, 0xac00,
		0xff0c, 0xfffd, 0xffff, 0x10000, 0x20000, 0x10ffff}
	check := func(s string) {
		t.Helper()
		wl, wo := countByRunes(s)
		if gl, gob := countLatinAndKana(s, 0, 0); gl != wl || gob != wo {
			t.Fatalf("%+q: got latin %d other %d, want %d %d", s, gl, gob, wl, wo)
		}
	}
	for _, r := range alphabet {
		check(string(r))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(20) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		check(b.String())
	}
	// counts carry over from line to line
	if l, o := countLatinAndKana("ab中", 2, 3); l != 4 || o != 4 {
		t.Fatalf("got %d %d, want 4 4", l, o)
	}
}
