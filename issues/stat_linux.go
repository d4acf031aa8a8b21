package issues

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// statIn stats the entry name of the open folder dir, following a symbolic
// link when follow is set, relative to the folder's descriptor: the kernel
// then resolves one name instead of the whole path, which matters when a
// search lists thousands of issues.
func statIn(dir *os.File, name string, follow bool) (size int64, mtime time.Time, regular bool, err error) {
	var st unix.Stat_t
	flags := unix.AT_SYMLINK_NOFOLLOW
	if follow {
		flags = 0
	}
	if err := unix.Fstatat(int(dir.Fd()), name, &st, flags); err != nil {
		return 0, time.Time{}, false, &os.PathError{Op: "stat", Path: dir.Name() + "/" + name, Err: err}
	}
	return st.Size, time.Unix(st.Mtim.Unix()), st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}

// openDir opens a folder to list. os.Open would also try to register it
// with the runtime's poller (a fcntl and a failing epoll_ctl a folder:
// over the 1,300 folders of a century, a tenth of the listing's system
// calls).
func openDir(path string) (*os.File, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}
