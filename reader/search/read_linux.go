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
	fd, err := openRead(path)
	if err != nil {
		return false, err
	}
	defer unix.Close(fd)
	got, err := readFull(fd, dst)
	if err != nil {
		return false, fmt.Errorf("%s: %w", path, &os.PathError{Op: "read", Path: path, Err: err})
	}
	return got == len(dst), nil
}

// readAll reads the file at path into buf, as long as fstat says it is,
// with open, fstat, read and close: the parse cache's entries, read a
// thousand at a time by a search for a common word. (An entry that grew
// meanwhile is read short, fails its own length check, and is a miss.)
func readAll(path string, buf []byte) ([]byte, error) { return readStat(path, buf, -1) }

// readStat is readAll refusing a file over max bytes (max >= 0): the
// issue files a listing did not stat (issues.WalkOptions.NoStat), with
// the four system calls the listing's stat and readListed take.
func readStat(path string, buf []byte, max int64) ([]byte, error) {
	fd, err := openRead(path)
	if err != nil {
		return buf[:0], err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return buf[:0], &os.PathError{Op: "stat", Path: path, Err: err}
	}
	if max >= 0 && st.Size > max {
		return buf[:0], fmt.Errorf("%s: %d bytes is over the %d byte limit", path, st.Size, max)
	}
	n := int(st.Size)
	if cap(buf) < n+1 {
		buf = make([]byte, 0, n+512)
	}
	got, err := readFull(fd, buf[:n])
	if err != nil {
		return buf[:0], &os.PathError{Op: "read", Path: path, Err: err}
	}
	return buf[:got], nil
}

// openRead opens path read-only, again when a signal interrupts the call.
func openRead(path string) (int, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return -1, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return fd, nil
	}
}

// readFull reads from fd until b is full or the file ends, again when a
// signal interrupts a read, and says how much it read.
func readFull(fd int, b []byte) (int, error) {
	got := 0
	for got < len(b) {
		n, err := unix.Read(fd, b[got:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return got, err
		}
		if n == 0 {
			break
		}
		got += n
	}
	return got, nil
}

// haveReadStat: readFile reads unlisted files with readStat.
const haveReadStat = true
