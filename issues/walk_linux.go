package issues

import (
	"encoding/binary"
	"io/fs"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// dirReader lists one folder for the walker: the entries' names and types
// straight from getdents64 into a buffer it reuses, so that the names of
// skipped entries are never copied and no fs.DirEntry is made per file
// (os.File.ReadDir makes two allocations an entry, a fifth of the
// listing's time over a century of a daily), and stats relative to the
// folder's descriptor: the kernel then resolves one name instead of the
// whole path, which matters when a search lists thousands of issues.
type dirReader struct {
	fd   int
	name string
	buf  *[]byte
	b    []byte // what is left of the last read
}

var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// openDir opens a folder to list. os.Open would also try to register it
// with the runtime's poller (a fcntl and a failing epoll_ctl a folder:
// over the 1,300 folders of a century, a tenth of the listing's system
// calls).
func openDir(path string) (*dirReader, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return &dirReader{fd: fd, name: path, buf: direntBufs.Get().(*[]byte)}, nil
}

// next returns the next entry's name (valid until the next call) and
// type (typeUnknown when the folder does not say); a nil name at the end.
// "." and ".." are left out.
func (d *dirReader) next() ([]byte, fs.FileMode, error) {
	for {
		if len(d.b) == 0 {
			n, err := unix.Getdents(d.fd, *d.buf)
			if err == unix.EINTR {
				continue
			}
			if err != nil {
				return nil, 0, &os.PathError{Op: "readdirent", Path: d.name, Err: err}
			}
			if n <= 0 {
				return nil, 0, nil
			}
			d.b = (*d.buf)[:n]
		}
		// struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type,
		// then the name, NUL-terminated.
		const nameOff = 19
		if len(d.b) < nameOff {
			d.b = nil
			continue
		}
		reclen := int(binary.NativeEndian.Uint16(d.b[16:]))
		if reclen < nameOff || reclen > len(d.b) {
			d.b = nil // not a record: what getdents64 never gives
			continue
		}
		rec := d.b[:reclen]
		d.b = d.b[reclen:]
		name := rec[nameOff:]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		return name, direntType(rec[18]), nil
	}
}

func direntType(t byte) fs.FileMode {
	switch t {
	case unix.DT_REG:
		return 0
	case unix.DT_DIR:
		return fs.ModeDir
	case unix.DT_LNK:
		return fs.ModeSymlink
	case unix.DT_FIFO:
		return fs.ModeNamedPipe
	case unix.DT_SOCK:
		return fs.ModeSocket
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.DT_BLK:
		return fs.ModeDevice
	}
	return typeUnknown
}

// typeUnknown is the type of an entry whose folder does not say it.
const typeUnknown = fs.ModeIrregular

// lstatType is the type of the entry name, not following a link.
func (d *dirReader) lstatType(name string) (fs.FileMode, error) {
	var st unix.Stat_t
	if err := unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return 0, &os.PathError{Op: "lstat", Path: d.name + "/" + name, Err: err}
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
		return 0, nil
	case unix.S_IFDIR:
		return fs.ModeDir, nil
	case unix.S_IFLNK:
		return fs.ModeSymlink, nil
	}
	return fs.ModeIrregular, nil
}

// stat stats the entry name, following a symbolic link when follow is set.
func (d *dirReader) stat(name string, follow bool) (size int64, mtime time.Time, regular bool, err error) {
	var st unix.Stat_t
	flags := unix.AT_SYMLINK_NOFOLLOW
	if follow {
		flags = 0
	}
	if err := unix.Fstatat(d.fd, name, &st, flags); err != nil {
		return 0, time.Time{}, false, &os.PathError{Op: "stat", Path: d.name + "/" + name, Err: err}
	}
	return st.Size, time.Unix(st.Mtim.Unix()), st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}

func (d *dirReader) close() {
	unix.Close(d.fd)
	d.b = nil
	direntBufs.Put(d.buf)
	d.buf = nil
}
