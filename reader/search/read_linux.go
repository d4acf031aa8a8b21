package search

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// readListed reads the first len(dst) bytes of the file at path into dst
// with three system calls: open, read, close. os.Open costs five more on
// Linux (it puts the descriptor in non-blocking mode, tries to register it
// with epoll, which refuses regular files, and puts it back), about a
// tenth of a cold search of thousands of issues. done is false, with no
// error, when the file is shorter than dst: the caller reads it again.
func readListed(path string, dst []byte) (done bool, err error) {
	var fd int
	for {
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return false, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	for got := 0; got < len(dst); {
		n, err := unix.Read(fd, dst[got:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false, fmt.Errorf("%s: %w", path, &os.PathError{Op: "read", Path: path, Err: err})
		}
		if n == 0 {
			return false, nil
		}
		got += n
	}
	return true, nil
}

// readAll reads the file at path into buf, as long as fstat says it is,
// with open, fstat, read and close: the parse cache's entries, read a
// thousand at a time by a search for a common word. (An entry that grew
// meanwhile is read short, fails its own length check, and is a miss.)
func readAll(path string, buf []byte) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return buf[:0], &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return buf[:0], &os.PathError{Op: "stat", Path: path, Err: err}
	}
	n := int(st.Size)
	if cap(buf) < n {
		buf = make([]byte, 0, n+512)
	}
	buf = buf[:n]
	got := 0
	for got < n {
		m, err := unix.Read(fd, buf[got:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return buf[:0], &os.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			break
		}
		got += m
	}
	return buf[:got], nil
}
