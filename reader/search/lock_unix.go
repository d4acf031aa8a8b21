//go:build unix

package search

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockIndex takes the index folder's lock without waiting, so that one
// process or goroutine at a time updates it; ok is false when another
// holds it. The lock goes with the process: a builder killed mid-write
// leaves none behind.
func lockIndex(path string) (unlock func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, &os.PathError{Op: "flock", Path: path, Err: err}
	}
	return func() { f.Close() }, true, nil
}
