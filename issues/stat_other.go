//go:build !linux

package issues

import (
	"os"
	"path/filepath"
	"time"
)

// statIn stats the entry name of the open folder dir, following a symbolic
// link when follow is set.
func statIn(dir *os.File, name string, follow bool) (size int64, mtime time.Time, regular bool, err error) {
	stat := os.Lstat
	if follow {
		stat = os.Stat
	}
	info, err := stat(filepath.Join(dir.Name(), name))
	if err != nil {
		return 0, time.Time{}, false, err
	}
	return info.Size(), info.ModTime(), info.Mode().IsRegular(), nil
}

// openDir opens a folder to list.
func openDir(path string) (*os.File, error) { return os.Open(path) }
