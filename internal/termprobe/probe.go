package termprobe

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/charmbracelet/x/term"
)

// probeRune is U+25BD WHITE DOWN-POINTING TRIANGLE, East Asian Width A:
// one cell in a Western terminal, two in a CJK one.
const probeRune = "▽"

// ErrNoAnswer is returned when the terminal did not report the cursor
// position in time (it does not support CSI 6n, or the line is slow).
var ErrNoAnswer = errors.New("terminal did not answer the cursor position report")

// AmbiguousWidth prints an ambiguous-width character at the start of the
// line in the terminal on in/out and returns how many cells the terminal
// advanced for it: 1 or 2. It puts the terminal in raw mode for the probe,
// waits at most timeout for the answer, and erases what it printed. Both
// files must be terminals; otherwise it returns an error at once.
func AmbiguousWidth(in, out *os.File, timeout time.Duration) (int, error) {
	if !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return 0, errors.New("not a terminal")
	}
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return 0, fmt.Errorf("raw mode: %w", err)
	}
	defer term.Restore(in.Fd(), state)
	// \r: column 1; the probe character; ESC[6n: report the cursor.
	if _, err := out.WriteString("\r" + probeRune + "\x1b[6n"); err != nil {
		return 0, err
	}
	answer, err := readReport(in, time.Now().Add(timeout))
	// Erase the probe whatever happened: \r and ESC[2K clear the line.
	out.WriteString("\r\x1b[2K")
	if err != nil {
		return 0, err
	}
	_, col, err := ParseCursorReport(answer)
	if err != nil {
		return 0, err
	}
	switch w := col - 1; w {
	case 1, 2:
		return w, nil
	default:
		return 0, fmt.Errorf("cursor at column %d after one character", col)
	}
}

// ParseCursorReport reads the row and column of a cursor position report
// ESC [ row ; col R found anywhere in b (input typed before it is skipped).
//
//	ParseCursorReport([]byte("\x1b[12;3R")) == 12, 3, nil
func ParseCursorReport(b []byte) (row, col int, err error) {
	i := bytes.LastIndex(b, []byte("\x1b["))
	if i < 0 || !bytes.HasSuffix(b, []byte("R")) {
		return 0, 0, fmt.Errorf("no cursor report in %q", b)
	}
	body := b[i+2 : len(b)-1]
	semi := bytes.IndexByte(body, ';')
	if semi < 0 {
		return 0, 0, fmt.Errorf("bad cursor report %q", b[i:])
	}
	row, err1 := strconv.Atoi(string(body[:semi]))
	col, err2 := strconv.Atoi(string(body[semi+1:]))
	if err1 != nil || err2 != nil || row < 1 || col < 1 {
		return 0, 0, fmt.Errorf("bad cursor report %q", b[i:])
	}
	return row, col, nil
}
