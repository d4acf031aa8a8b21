//go:build gen

package layout

import (
	"testing"
	"unicode"

	"golang.org/x/text/width"
)

// The checks of the generated tables against their sources, run with
// `go test -tags gen ./reader/layout` (the tests without the tag take the
// committed tables as they are, so a dependency update does not fail them).

// TestRuneFlagsEveryRune checks runeFlags against the kinsoku sets for
// every code point, and NoStart/NoEnd with it.
func TestRuneFlagsEveryRune(t *testing.T) {
	want := kinsokuFlags()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got := runeFlags(r); got != want[r] {
			t.Fatalf("runeFlags(%U) = %08b, want %08b", r, got, want[r])
		}
		if NoStart(r) != (want[r]&flagNoStart != 0) || NoEnd(r) != (want[r]&flagNoEnd != 0) {
			t.Fatalf("NoStart/NoEnd(%U) disagree with flags %08b", r, want[r])
		}
	}
}

// TestLatinAmbiguousWidths checks the Wide policy on U+0000..U+017F against
// the UAX #11 classes of golang.org/x/text/width: every Ambiguous Latin
// letter go-runewidth counts narrow is two cells, everything else what
// go-runewidth says.
func TestLatinAmbiguousWidths(t *testing.T) {
	for r := rune(0); r < 0x180; r++ {
		want := wideCondition.RuneWidth(r)
		if r >= 0xA0 && want == 1 && width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
			want = 2
		}
		if got := NewWidths(Wide).Rune(r); got != want {
			t.Errorf("NewWidths(Wide).Rune(%U) = %d, want %d", r, got, want)
		}
		if got, want := NewWidths(Narrow).Rune(r), narrowCondition.RuneWidth(r); got != want {
			t.Errorf("NewWidths(Narrow).Rune(%U) = %d, want %d", r, got, want)
		}
	}
	if NewWidths(Wide).Rune('é') != 2 || NewWidths(Narrow).Rune('é') != 1 {
		t.Errorf("é: want 2 cells wide, 1 narrow")
	}
}
