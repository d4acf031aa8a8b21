package serve

import (
	"io"
	"strconv"
	"time"
)

// Ambiguous says how a terminal draws characters of East Asian Width class
// "A" (ambiguous) — the curly quotes “ ” ‘ ’, ○ ● § × ÷ and the like, which
// Chinese newspapers are full of. CJK terminals and fonts draw them two
// cells wide, most Western setups one. Layout and the renderer must agree
// with the terminal, or every line holding one ends misaligned.
type Ambiguous int

const (
	// AmbiguousUnknown: the terminal did not answer the probe.
	AmbiguousUnknown Ambiguous = iota
	// AmbiguousNarrow: one cell (UAX #11's default outside East Asian contexts).
	AmbiguousNarrow
	// AmbiguousWide: two cells.
	AmbiguousWide
)

func (a Ambiguous) String() string {
	switch a {
	case AmbiguousNarrow:
		return "narrow"
	case AmbiguousWide:
		return "wide"
	}
	return "unknown"
}

// probeChar is the character the probe prints: U+201C LEFT DOUBLE
// QUOTATION MARK, East Asian Width "A" in EastAsianWidth.txt, and the
// ambiguous character a Chinese article is most sure to contain.
const probeChar = "\u201c"

// probeQuery goes to the start of the line, prints the probe character and
// asks for the cursor position (DSR, CSI 6 n). The answer is
// CSI row ; col R: col 2 means the character took one cell, col 3 two.
const probeQuery = "\r" + probeChar + "\x1b[6n"

// probeErase clears the probe's trace from the line.
const probeErase = "\r\x1b[2K"

// probeAmbiguous asks the terminal how wide it draws an ambiguous
// character, waiting at most timeout for the answer. Keys typed meanwhile
// stay in in for the program. A terminal that does not answer in time (or
// answers with a column that fits neither width) is AmbiguousUnknown.
func probeAmbiguous(out io.Writer, in *sessionInput, timeout time.Duration) Ambiguous {
	if _, err := io.WriteString(out, probeQuery); err != nil {
		return AmbiguousUnknown
	}
	defer io.WriteString(out, probeErase) //nolint:errcheck // best effort: the program redraws the screen anyway
	found, ok := in.await(time.Now().Add(timeout), findCursorReport)
	if !ok {
		return AmbiguousUnknown
	}
	_, col, _ := parseCursorReport(found)
	switch col {
	case 2:
		return AmbiguousNarrow
	case 3:
		return AmbiguousWide
	}
	return AmbiguousUnknown
}

// findCursorReport finds the first cursor position report, ESC [ row ; col R,
// in b (see ECMA-48 8.3.14 CPR).
func findCursorReport(b []byte) (start, end int, ok bool) {
	for i := 0; i+1 < len(b); i++ {
		if b[i] != 0x1b || b[i+1] != '[' {
			continue
		}
		if _, _, n := parseCursorReport(b[i:]); n > 0 {
			return i, i + n, true
		}
	}
	return 0, 0, false
}

// parseCursorReport parses a CPR at the start of b and returns its row,
// column and length; n is 0 when b does not start with a complete one.
func parseCursorReport(b []byte) (row, col, n int) {
	if len(b) < 6 || b[0] != 0x1b || b[1] != '[' {
		return 0, 0, 0
	}
	i := 2
	num := func() (int, bool) {
		j := i
		for i < len(b) && i-j < 6 && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return 0, false
		}
		v, err := strconv.Atoi(string(b[j:i]))
		return v, err == nil
	}
	row, ok := num()
	if !ok || i >= len(b) || b[i] != ';' {
		return 0, 0, 0
	}
	i++
	col, ok = num()
	if !ok || i >= len(b) || b[i] != 'R' {
		return 0, 0, 0
	}
	return row, col, i + 1
}
