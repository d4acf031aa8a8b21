package serve

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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

// authorizedKeys is an allowlist read from an OpenSSH authorized_keys file,
// with the key options of keyoptions.go. The file is read again at every
// check (a small read beside an SSH handshake), so keys are added or
// revoked without a restart, and it fails closed: while the file cannot be
// read or parsed, every key is refused.
type authorizedKeys struct {
	path string
	loc  *time.Location // for expiry-time without a Z

	mu   sync.Mutex
	data []byte                       // the content last parsed
	keys map[string][]authorizedEntry // key wire form → its lines
	bad  string                       // the last failure, "" while the file is good
}

// authorizedEntry is one line of the file.
type authorizedEntry struct {
	line int
	opts keyOptions
}

// keyVerdict is what the file says about one key from one address.
type keyVerdict struct {
	ok     bool
	noPTY  bool
	line   int    // the line that allowed it, or the first that named it
	reason string // why not, when !ok
	// recovered: the file was bad at the previous check and is good now.
	recovered bool
}

// loadAuthorizedKeys reads path; a file that cannot be read or parsed is an
// error at start, so a typo does not silently lock everyone out.
func loadAuthorizedKeys(path string) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path, loc: time.Local}
	if err := a.reload(); err != nil {
		return nil, err
	}
	return a, nil
}

// reload reads the file, and parses it when its content changed. On error
// the parsed keys are dropped: nothing is accepted until the file is good.
func (a *authorizedKeys) reload() error {
	data, err := readAuthorizedKeys(a.path)
	if err == nil && a.keys != nil && bytes.Equal(data, a.data) {
		return nil
	}
	var keys map[string][]authorizedEntry
	if err == nil {
		keys, err = parseAuthorizedKeys(data, a.loc)
	}
	if err != nil {
		a.keys, a.data = nil, nil
		return fmt.Errorf("%s: %w", a.path, err)
	}
	a.keys, a.data = keys, data
	return nil
}

// maxAuthorizedKeysSize bounds the file read at each check.
const maxAuthorizedKeysSize = 4 << 20

func readAuthorizedKeys(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	var b bytes.Buffer
	n, err := b.ReadFrom(io.LimitReader(f, maxAuthorizedKeysSize+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if n > maxAuthorizedKeysSize {
		return nil, fmt.Errorf("larger than %d MB", maxAuthorizedKeysSize>>20)
	}
	return b.Bytes(), nil
}

// unwrapPath drops the path from an *os.PathError: the caller names the file.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// parseAuthorizedKeys parses authorized_keys lines, skipping blanks and
// comments. A line that holds no key is an error for the whole file; a
// line whose options bao does not honour refuses its key only.
func parseAuthorizedKeys(data []byte, loc *time.Location) (map[string][]authorizedEntry, error) {
	keys := map[string][]authorizedEntry{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, _, opts, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		k := string(key.Marshal())
		keys[k] = append(keys[k], authorizedEntry{line: n, opts: parseKeyOptions(opts, loc)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return keys, nil
}

// check reads the file and says whether key may connect from remote now.
// The first line naming the key whose options allow it wins, as in sshd.
func (a *authorizedKeys) check(key gossh.PublicKey, remote net.Addr, now time.Time) keyVerdict {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.reload(); err != nil {
		a.bad = err.Error()
		return keyVerdict{reason: "authorized keys unusable, refusing every key: " + a.bad}
	}
	v := keyVerdict{recovered: a.bad != ""}
	a.bad = ""
	entries := a.keys[string(key.Marshal())]
	if len(entries) == 0 {
		v.reason = "not in authorized keys"
		return v
	}
	ip := remoteIP(remote)
	for i, e := range entries {
		why := e.opts.permits(ip, now)
		if why == "" {
			v.ok, v.noPTY, v.line, v.reason = true, e.opts.noPTY, e.line, ""
			return v
		}
		if i == 0 {
			v.line, v.reason = e.line, fmt.Sprintf("%s line %d: %s", a.path, e.line, why)
		}
	}
	return v
}

// refusedLines lists the lines whose key is refused whatever the address
// or time (an option bao does not implement), for a warning at start.
func (a *authorizedKeys) refusedLines() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for k, entries := range a.keys {
		for _, e := range entries {
			if e.opts.refuse == "" {
				continue
			}
			fp := "?"
			if key, err := gossh.ParsePublicKey([]byte(k)); err == nil {
				fp = gossh.FingerprintSHA256(key)
			}
			out = append(out, fmt.Sprintf("line %d (%s): %s", e.line, fp, e.opts.refuse))
		}
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(lineNumber(a), lineNumber(b)) })
	return out
}

// lineNumber is N of "line N …".
func lineNumber(s string) int {
	n, _ := strconv.Atoi(strings.Fields(s)[1])
	return n
}

// remoteIP is the IP address of a TCP peer (the zero Addr otherwise).
func remoteIP(a net.Addr) netip.Addr {
	if tcp, ok := a.(*net.TCPAddr); ok {
		ip, _ := netip.AddrFromSlice(tcp.IP)
		return ip.Unmap()
	}
	if a == nil {
		return netip.Addr{}
	}
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil {
		return netip.Addr{}
	}
	return ap.Addr().Unmap()
}
