//go:build unix

package termprobe

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// readReport reads from in until a byte 'R' ends a report, or the deadline
// passes. It polls the descriptor so nothing is left blocked reading the
// terminal after it returns (bubbletea reads it next).
func readReport(in *os.File, deadline time.Time) ([]byte, error) {
	fd := int(in.Fd())
	var got []byte
	buf := make([]byte, 64)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return got, ErrNoAnswer
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left/time.Millisecond)+1)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return got, err
		}
		if n == 0 {
			continue
		}
		r, err := unix.Read(fd, buf)
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
			continue
		}
		if err != nil {
			return got, err
		}
		if r == 0 {
			return got, ErrNoAnswer
		}
		got = append(got, buf[:r]...)
		if containsReport(got) {
			return got, nil
		}
	}
}

func containsReport(b []byte) bool {
	_, _, err := ParseCursorReport(b)
	return err == nil
}
