//go:build linux

package termprobe

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/creack/pty"
)

// fakeTerminal answers the cursor position report on the master side of a
// pty, as a terminal would, with the column it is given (0: never answers).
func fakeTerminal(t *testing.T, ptmx *os.File, col int) <-chan []byte {
	got := make(chan []byte, 1)
	go func() {
		var seen []byte
		buf := make([]byte, 256)
		for !bytes.Contains(seen, []byte("\x1b[6n")) {
			n, err := ptmx.Read(buf)
			if err != nil {
				got <- seen
				return
			}
			seen = append(seen, buf[:n]...)
		}
		if col > 0 {
			ptmx.Write([]byte("\x1b[7;" + string(rune('0'+col)) + "R"))
		}
		// What is written after the answer: the clean-up.
		deadline := time.Now().Add(300 * time.Millisecond)
		ptmx.SetReadDeadline(deadline)
		for time.Now().Before(deadline) {
			n, err := ptmx.Read(buf)
			seen = append(seen, buf[:n]...)
			if err != nil || bytes.Contains(seen, []byte("\x1b[2K")) {
				break
			}
		}
		got <- seen
	}()
	return got
}

func TestAmbiguousWidthOnAPty(t *testing.T) {
	for _, tt := range []struct {
		col  int
		want int
		err  error
	}{{2, 1, nil}, {3, 2, nil}, {0, 0, ErrNoAnswer}} {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pty: %v", err)
		}
		written := fakeTerminal(t, ptmx, tt.col)
		start := time.Now()
		w, err := AmbiguousWidth(tty, tty, 200*time.Millisecond)
		took := time.Since(start)
		if w != tt.want || (tt.err == nil) != (err == nil) || tt.err != nil && !errors.Is(err, tt.err) {
			t.Errorf("terminal at column %d: width %d, %v; want %d, %v", tt.col, w, err, tt.want, tt.err)
		}
		if took > time.Second {
			t.Errorf("probe took %v; the timeout is 200ms", took)
		}
		out := <-written
		if !bytes.HasPrefix(out, []byte("\r▽\x1b[6n")) {
			t.Errorf("probe wrote %q, want it to start with \\r▽ ESC[6n", out)
		}
		if tt.col > 0 && !bytes.Contains(out, []byte("\r\x1b[2K")) {
			t.Errorf("probe did not erase its character: wrote %q", out)
		}
		ptmx.Close()
		tty.Close()
	}
}

func TestAmbiguousWidthNotATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "notatty")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := AmbiguousWidth(f, f, time.Second); err == nil {
		t.Error("a plain file was probed as a terminal")
	}
}
