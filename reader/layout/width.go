package layout

import (
	"fmt"
	"strings"

	"github.com/mattn/go-runewidth"
	"golang.org/x/text/width"
)

// Ambiguous is the policy for the East Asian Ambiguous characters (UAX #11
// class A: “ ” ‘ ’ — … · ° × ─ │ and others common in Chinese news): how
// many cells the terminal gives them.
type Ambiguous int

const (
	// Narrow counts ambiguous characters one cell wide (most Western
	// terminals, and charm's x/ansi unless RUNEWIDTH_EASTASIAN is set).
	Narrow Ambiguous = iota
	// Wide counts them two cells wide (CJK terminals and locales).
	Wide
)

// String is "narrow" or "wide".
func (a Ambiguous) String() string {
	if a == Wide {
		return "wide"
	}
	return "narrow"
}

// ParseAmbiguous reads a policy name: "narrow", "wide" or "auto" (also
// "1"/"2" for narrow/wide). For "auto" (or "") it returns auto = true and the
// caller decides, e.g. with AmbiguousFromEnv and a terminal probe.
func ParseAmbiguous(s string) (a Ambiguous, auto bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "narrow", "1", "n":
		return Narrow, false, nil
	case "wide", "2", "w":
		return Wide, false, nil
	case "auto", "":
		return Narrow, true, nil
	}
	return Narrow, false, fmt.Errorf("ambiguous width %q: want narrow, wide or auto", s)
}

// AmbiguousFromEnv decides the policy from the environment, as go-runewidth
// does but without reading the process environment itself: first
// RUNEWIDTH_EASTASIAN ("1"/"true" wide, "0"/"false" narrow), then the first
// of LC_ALL, LC_CTYPE, LANG that is set: a zh, ja or ko locale means wide,
// any other locale narrow. known is false when none of them says anything
// (the caller may then probe the terminal, or assume Narrow).
func AmbiguousFromEnv(getenv func(string) string) (a Ambiguous, known bool) {
	if getenv == nil {
		return Narrow, false
	}
	switch strings.ToLower(strings.TrimSpace(getenv("RUNEWIDTH_EASTASIAN"))) {
	case "1", "true", "yes", "on", "wide":
		return Wide, true
	case "0", "false", "no", "off", "narrow":
		return Narrow, true
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" {
			return Narrow, true
		}
		// language[_territory][.codeset][@modifier]
		lang := strings.ToLower(v)
		if i := strings.IndexAny(lang, "_.@-"); i >= 0 {
			lang = lang[:i]
		}
		switch lang {
		case "zh", "ja", "ko":
			return Wide, true
		}
		return Narrow, true
	}
	return Narrow, false
}

// The two width tables. They are read-only after construction (the strict
// emoji-neutral tables of go-runewidth are shared lookup tables), so sharing
// them between goroutines and sessions is safe.
var (
	narrowCondition = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}
	wideCondition   = &runewidth.Condition{EastAsianWidth: true, StrictEmojiNeutral: true}
)

// latinAmbiguous marks the Latin letters below U+0180 that Unicode's
// EastAsianWidth.txt classes Ambiguous (à é ß æ ø ł …) but go-runewidth
// counts narrow even in its East Asian mode. CJK-mode terminals (xterm
// -cjk_width, VTE and others with "ambiguous is wide") draw them two cells
// wide, so the Wide policy does too. Built once from golang.org/x/text's
// copy of the Unicode data; read-only afterwards.
var latinAmbiguous = func() (set [0x180 / 64]uint64) {
	for r := rune(0xA0); r < 0x180; r++ {
		if width.LookupRune(r).Kind() == width.EastAsianAmbiguous && wideCondition.RuneWidth(r) == 1 {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return set
}()

// narrowWidths is the Narrow model, for what must not depend on the policy.
var narrowWidths = Widths{}

// Widths measures text in terminal cells under one ambiguous-width policy.
// It is a small value: pass it around, compare it, keep one per session.
// The zero value measures with the Narrow policy.
//
// Everything in bao that measures text uses a Widths, so layout, padding,
// borders and truncation agree with each other. Widths are go-runewidth's,
// except that the Wide policy also widens the Ambiguous Latin letters
// go-runewidth keeps narrow (see latinAmbiguous). Widths are sums of rune
// widths (combining marks and other zero-width runes count 0), the same
// model the layout engine places text with.
type Widths struct {
	amb Ambiguous
}

// NewWidths returns the width model for a policy.
func NewWidths(a Ambiguous) Widths {
	if a != Wide {
		a = Narrow
	}
	return Widths{amb: a}
}

// Ambiguous is the policy w measures with.
func (w Widths) Ambiguous() Ambiguous { return w.amb }

func (w Widths) condition() *runewidth.Condition {
	if w.amb == Wide {
		return wideCondition
	}
	return narrowCondition
}

// Rune is the number of cells r takes: 0, 1 or 2.
//
//	NewWidths(Narrow).Rune('“') == 1
//	NewWidths(Wide).Rune('“') == 2
//	NewWidths(Narrow).Rune('中') == 2
func (w Widths) Rune(r rune) int {
	switch {
	case r >= 0x20 && r < 0x7F:
		return 1
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3:
		return 2
	case r >= 0xA0 && r < 0x180 && w.amb == Wide && latinAmbiguous[r/64]&(1<<(r%64)) != 0:
		return 2
	}
	return w.condition().RuneWidth(r)
}

// String is the number of cells s takes: the sum of its rune widths.
func (w Widths) String(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 {
			// Leave the ASCII fast path for the rest of the string.
			for _, r := range s[i:] {
				n += w.Rune(r)
			}
			return n
		} else if c >= 0x20 && c < 0x7F {
			n++
		}
	}
	return n
}

// Truncate cuts s to at most cells cells. When s is cut, tail (e.g. "…",
// measured with w too) is appended within the limit; a wide character that
// would straddle the limit is dropped whole.
//
//	NewWidths(Narrow).Truncate("新闻报道", 5, "…") == "新闻…"
func (w Widths) Truncate(s string, cells int, tail string) string {
	if w.String(s) <= cells {
		return s
	}
	tw := w.String(tail)
	if tw > cells {
		tail, tw = "", 0
	}
	limit := cells - tw
	n := 0
	for i, r := range s {
		rw := w.Rune(r)
		if n+rw > limit {
			return s[:i] + tail
		}
		n += rw
	}
	return s + tail
}

// PadRight appends spaces to s until it takes cells cells; s is returned
// unchanged when it is already that wide or wider.
func (w Widths) PadRight(s string, cells int) string {
	n := w.String(s)
	if n >= cells {
		return s
	}
	return s + strings.Repeat(" ", cells-n)
}
