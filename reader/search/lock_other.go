//go:build !unix

package search

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lockIndex takes the index folder's lock, a file created exclusively;
// ok is false when it exists. A lock left by a process that died is taken
// over when it is an hour old.
func lockIndex(path string) (unlock func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if st, serr := os.Stat(path); serr == nil && time.Since(st.ModTime()) > time.Hour {
			os.Remove(path)
			return lockIndex(path)
		}
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	f.Close()
	return func() { os.Remove(path) }, true, nil
}
