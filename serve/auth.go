package serve

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// KeyID is the directory name of a public key's data: the hex SHA-256 of
// the key's wire form, which is what `ssh-keygen -lf` prints as
// "SHA256:<base64>" (hex here so that it is safe as a file name on every
// file system).
func KeyID(key gossh.PublicKey) string {
	sum := sha256.Sum256(key.Marshal())
	return hex.EncodeToString(sum[:])
}

// authorizedKeys is an allowlist read from an OpenSSH authorized_keys file.
// The file is re-read when its size or modification time changes, so keys
// can be added or revoked without a restart.
type authorizedKeys struct {
	path string

	mu    sync.Mutex
	mtime time.Time
	size  int64
	keys  map[string]bool // key wire form → allowed
}

// loadAuthorizedKeys reads path; a file that cannot be read or parsed is an
// error at start, so a typo does not silently lock everyone out.
func loadAuthorizedKeys(path string) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path}
	if err := a.reload(); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *authorizedKeys) reload() error {
	st, err := os.Stat(a.path)
	if err != nil {
		return fmt.Errorf("%s: %w", a.path, err)
	}
	if st.ModTime().Equal(a.mtime) && st.Size() == a.size && a.keys != nil {
		return nil
	}
	data, err := os.ReadFile(a.path)
	if err != nil {
		return fmt.Errorf("%s: %w", a.path, err)
	}
	keys, err := parseAuthorizedKeys(data)
	if err != nil {
		return fmt.Errorf("%s: %w", a.path, err)
	}
	a.keys, a.mtime, a.size = keys, st.ModTime(), st.Size()
	return nil
}

// parseAuthorizedKeys parses authorized_keys lines, skipping blanks and
// comments. Options before the key (from="…", command="…") are accepted
// and ignored: bao runs no commands whatever they say.
func parseAuthorizedKeys(data []byte) (map[string]bool, error) {
	keys := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		keys[string(key.Marshal())] = true
	}
	return keys, sc.Err()
}

// allowed reports whether key is in the file. When the file changed and no
// longer parses, the last good list stays in force and the error is
// returned for logging.
func (a *authorizedKeys) allowed(key ssh.PublicKey) (bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	err := a.reload()
	return a.keys[string(key.Marshal())], err
}
