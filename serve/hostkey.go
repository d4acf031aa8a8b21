package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
	gossh "golang.org/x/crypto/ssh"
)

// HostKeyName is the file name of the host key made under the data dir.
const HostKeyName = "ssh_host_ed25519_key"

// EnsureHostKey returns the PEM-encoded private host key at path, creating
// an ed25519 key there (mode 0600, parent directories 0700) when the file
// does not exist. A key that exists but is readable by group or others is
// refused, as OpenSSH refuses it: anyone who can read it can impersonate
// the server.
func EnsureHostKey(path string) (pemBytes []byte, created bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil {
		st, err := os.Stat(path)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			return nil, false, fmt.Errorf("%s: host key is accessible by others (mode %v); chmod 600 it", path, st.Mode().Perm())
		}
		if _, err := gossh.ParsePrivateKey(data); err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		return data, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, false, fmt.Errorf("%s: generate ed25519 key: %w", path, err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "bao serve host key")
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	data = pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	if err := renameio.WriteFile(path, data, 0o600); err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	return data, true, nil
}
