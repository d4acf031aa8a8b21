package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// modesArePrivacy says whether a file's permission bits tell who can read
// it. On Windows they do not (Go reports 0666 or 0444, access is by ACL),
// so the mode checks below would refuse every key there.
const modesArePrivacy = runtime.GOOS != "windows"

// HostKeyName is the file name of the host key made under the data dir.
const HostKeyName = "ssh_host_ed25519_key"

// HostKeyOption is the host key at path as the server option wish makes of
// it (wish.WithHostKeyPath), which creates an ed25519 key there (mode
// 0600, with PATH.pub beside it) when the file does not exist. A key that
// exists but is readable by group or others is refused, as OpenSSH
// refuses it: anyone who can read it can impersonate the server.
//
// wish's key generator makes the key's directory mode 0700, changing an
// existing one: so a key is only made in a directory that is already
// private, does not exist yet (it is then made 0700) or is ownDir (the
// server's data dir, which holds readers' bookmarks and is made private
// anyway), never by changing the mode of a folder someone else chose.
func HostKeyOption(path, ownDir string) (opt ssh.Option, created bool, err error) {
	st, err := os.Stat(path)
	switch {
	case err == nil:
		if modesArePrivacy && st.Mode().Perm()&0o077 != 0 {
			return nil, false, fmt.Errorf("%s: host key is accessible by others (mode %v); chmod 600 it", path, st.Mode().Perm())
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, unwrapPath(err))
		}
		if _, err := gossh.ParsePrivateKey(data); err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(path)
		if modesArePrivacy && ownDir != "" && filepath.Clean(ownDir) == dir {
			if err := os.Chmod(dir, 0o700); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, false, fmt.Errorf("%s: %w", dir, unwrapPath(err))
			}
		}
		if dst, err := os.Stat(dir); err == nil && modesArePrivacy && dst.Mode().Perm() != 0o700 {
			return nil, false, fmt.Errorf("%s: not creating a host key in %s (mode %v, not 0700): "+
				"create one with ssh-keygen -t ed25519 -N '' -f %s, or choose a private directory", path, dir, dst.Mode().Perm(), path)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, unwrapPath(err))
		}
		created = true
	default:
		return nil, false, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	withKey := wish.WithHostKeyPath(path) // makes the key now, when missing
	opt = func(srv *ssh.Server) error {
		if err := withKey(srv); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	if created && modesArePrivacy {
		st, err := os.Stat(path)
		if err != nil {
			return opt, false, nil // the option reports why when applied
		}
		if st.Mode().Perm()&0o077 != 0 {
			return nil, false, fmt.Errorf("%s: made with mode %v; want 0600", path, st.Mode().Perm())
		}
	}
	return opt, created, nil
}
