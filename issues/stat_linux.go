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
