//go:build !linux

package issues

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// dirReader lists one folder for the walker.
type dirReader struct {
	f   *os.File
	des []os.DirEntry
	err error
}

// typeUnknown is the type of an entry whose folder does not say it
// (os.ReadDir always says).
const typeUnknown = fs.ModeIrregular

// openDir opens a folder to list.
func openDir(path string) (*dirReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	d := &dirReader{f: f}
	d.des, d.err = f.ReadDir(-1)
	return d, nil
}

// next returns the next entry's name and type; a nil name at the end.
func (d *dirReader) next() ([]byte, fs.FileMode, error) {
	if len(d.des) == 0 {
		err := d.err
		d.err = nil
		return nil, 0, err
	}
	de := d.des[0]
	d.des = d.des[1:]
	return []byte(de.Name()), de.Type(), nil
}

// lstatType is the type of the entry name, not following a link.
func (d *dirReader) lstatType(name string) (fs.FileMode, error) {
	info, err := os.Lstat(filepath.Join(d.f.Name(), name))
	if err != nil {
		return 0, err
	}
	return info.Mode().Type(), nil
}

// stat stats the entry name, following a symbolic link when follow is set.
func (d *dirReader) stat(name string, follow bool) (size int64, mtime time.Time, regular bool, err error) {
	stat := os.Lstat
	if follow {
		stat = os.Stat
	}
	info, err := stat(filepath.Join(d.f.Name(), name))
	if err != nil {
		return 0, time.Time{}, false, err
	}
	return info.Size(), info.ModTime(), info.Mode().IsRegular(), nil
}

func (d *dirReader) close() { d.f.Close() }
