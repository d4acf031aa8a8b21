package ambiguous

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/term"
)

// probeChar is the character the probe prints: U+201C LEFT DOUBLE
// QUOTATION MARK, East Asian Width A in EastAsianWidth.txt, and the
// ambiguous character a Chinese article is most sure to contain.
const probeChar = "\u201c"

// Query goes to the start of the line, prints the probe character, asks
// for the cursor position (CSI 6 n: the answer's column is 2 when the
// character took one cell, 3 when it took two) and then for the primary
// device attributes (CSI c), whose reply ends the wait on a terminal that
// does not report the cursor.
const Query = "\r" + probeChar + "\x1b[6n" + "\x1b[c"

// Erase clears the probe's trace from the line.
const Erase = "\r\x1b[2K"

// ErrNoAnswer is returned when the terminal did not report the cursor
// position in time (the line is slow, or the terminal answers nothing).
var ErrNoAnswer = errors.New("terminal did not answer the cursor position report")

// ErrNoCursorReport is returned when the terminal answered the device
// attributes query but not the cursor position report before it: it does
// not report the cursor, and waiting longer would not help.
var ErrNoCursorReport = errors.New("terminal does not report the cursor position")

// Input is where the terminal's replies come in, among typed keys. Await
// waits until match finds a span in what has come in, removes that span
// (the rest is kept for the program) and returns it; ok is false when the
// deadline passes or the input ends first.
type Input interface {
	Await(deadline time.Time, match func([]byte) (start, end int, ok bool)) (found []byte, ok bool)
}

// Ask writes Query to out and reads the terminal's answer from in, waiting
// at most timeout: Narrow or Wide, or an error (ErrNoAnswer,
// ErrNoCursorReport, or a column that fits neither width). It erases the
// probe character whatever happened, and takes the device attributes reply
// out of the input too, so that the program never reads it as keys.
func Ask(out io.Writer, in Input, timeout time.Duration) (Policy, error) {
	if _, err := io.WriteString(out, Query); err != nil {
		return Auto, err
	}
	//nolint:errcheck // best effort: the program draws the whole screen next
	defer io.WriteString(out, Erase)
	deadline := time.Now().Add(timeout)
	var kind Reply
	got, ok := in.Await(deadline, func(b []byte) (int, int, bool) {
		k, i, j, ok := FindReply(b)
		kind = k
		return i, j, ok
	})
	switch {
	case !ok:
		return Auto, ErrNoAnswer
	case kind == DeviceAttributes:
		return Auto, ErrNoCursorReport
	}
	// The attributes reply follows the cursor report; wait for it within
	// the same deadline (a terminal that never sends it only costs the
	// timeout it would have cost without the query).
	in.Await(deadline, findDeviceAttributes)
	_, col, _ := ParseCursorReport(got)
	switch col {
	case 2:
		return Narrow, nil
	case 3:
		return Wide, nil
	}
	return Auto, fmt.Errorf("cursor at column %d after one character", col)
}

// Probe asks the terminal on in/out how wide it draws an ambiguous
// character (Ask), with the terminal in raw mode for the probe. Both files
// must be terminals; otherwise it returns an error at once. Keys typed
// during the probe are lost (they cannot be given back to the terminal).
func Probe(in, out *os.File, timeout time.Duration) (Policy, error) {
	if !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return Auto, errors.New("not a terminal")
	}
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return Auto, fmt.Errorf("raw mode: %w", err)
	}
	defer term.Restore(in.Fd(), state) //nolint:errcheck // nothing to do if it fails: the program sets its own mode next
	return Ask(out, &ttyInput{f: in}, timeout)
}
