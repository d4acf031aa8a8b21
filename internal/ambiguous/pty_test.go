//go:build linux

package ambiguous

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/creack/pty"
)

// fakeTerminal answers the probe on the master side of a pty, as a
// terminal would: the cursor report with the column it is given (0: it
// reports no cursor), then the device attributes unless silent.
func fakeTerminal(ptmx *os.File, col int, silent bool) <-chan []byte {
	got := make(chan []byte, 1)
	go func() {
		var seen []byte
		buf := make([]byte, 256)
		for !bytes.Contains(seen, []byte("\x1b[c")) {
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
		if !silent {
			ptmx.Write([]byte("\x1b[?62;22c"))
		}
		// What is written after the answer: the clean-up.
		deadline := time.Now().Add(500 * time.Millisecond)
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

func TestProbeOnAPty(t *testing.T) {
	const timeout = 300 * time.Millisecond
	for _, tt := range []struct {
		col    int
		silent bool
		want   Policy
		err    error
		quick  bool
	}{
		{2, false, Narrow, nil, true},
		{3, false, Wide, nil, true},
		{0, false, Auto, ErrNoCursorReport, true}, // the attributes end the wait
		{0, true, Auto, ErrNoAnswer, false},
	} {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pty: %v", err)
		}
		written := fakeTerminal(ptmx, tt.col, tt.silent)
		start := time.Now()
		p, err := Probe(tty, tty, timeout)
		took := time.Since(start)
		if p != tt.want || (tt.err == nil) != (err == nil) || tt.err != nil && !errors.Is(err, tt.err) {
			t.Errorf("terminal at column %d: %v, %v; want %v, %v", tt.col, p, err, tt.want, tt.err)
		}
		if took > 2*timeout || tt.quick && took > timeout/2 {
			t.Errorf("terminal at column %d: probe took %v; the timeout is %v", tt.col, took, timeout)
		}
		out := <-written
		if !bytes.HasPrefix(out, []byte(Query)) {
			t.Errorf("probe wrote %q, want it to start with %q", out, Query)
		}
		if !tt.silent && !bytes.Contains(out, []byte(Erase)) {
			t.Errorf("probe did not erase its character: wrote %q", out)
		}
		ptmx.Close()
		tty.Close()
	}
}

func TestProbeNotATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "notatty")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := Probe(f, f, time.Second); err == nil {
		t.Error("a plain file was probed as a terminal")
	}
}
