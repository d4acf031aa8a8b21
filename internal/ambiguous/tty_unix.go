//go:build unix

package ambiguous

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// ttyInput reads a terminal for the probe, polling the descriptor so that
// nothing is left blocked reading it after the probe returns (bubbletea
// reads it next).
type ttyInput struct {
	f   *os.File
	buf []byte
	err error
}

func (t *ttyInput) Await(deadline time.Time, match func([]byte) (int, int, bool)) ([]byte, bool) {
	fd := int(t.f.Fd())
	chunk := make([]byte, 64)
	for {
		if i, j, ok := match(t.buf); ok {
			found := append([]byte(nil), t.buf[i:j]...)
			t.buf = append(t.buf[:i:i], t.buf[j:]...)
			return found, true
		}
		left := time.Until(deadline)
		if left <= 0 || t.err != nil {
			return nil, false
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left/time.Millisecond)+1)
		if errors.Is(err, unix.EINTR) || (err == nil && n == 0) {
			continue
		}
		if err != nil {
			t.err = err
			continue
		}
		r, err := unix.Read(fd, chunk)
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
			continue
		}
		if err == nil && r == 0 {
			err = errors.New("end of input")
		}
		if err != nil {
			t.err = err
			continue
		}
		t.buf = append(t.buf, chunk[:r]...)
	}
}
