package serve

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"bao/internal/syncbuf"
)

// The authorized_keys tests run x/crypto/ssh clients against a server on
// 127.0.0.1 (startServer), so from= sees 127.0.0.1.

// authLine is an authorized_keys line for key with options opts ("" none).
func authLine(opts string, key gossh.Signer) string {
	line := string(gossh.MarshalAuthorizedKey(key.PublicKey()))
	if opts != "" {
		line = opts + " " + line
	}
	return line
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// canAuth reports whether key gets through authentication.
func canAuth(t *testing.T, addr string, key gossh.Signer) bool {
	t.Helper()
	c, err := dial(addr, gossh.PublicKeys(key))
	if err != nil {
		if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Fatalf("dial: %v (want an authentication failure or success)", err)
		}
		return false
	}
	c.Close()
	return true
}

// logsSince returns what the server logged after mark (a length of logs).
func logsSince(ts *testServer, mark int) string { return ts.logs.String()[mark:] }

func TestAuthorizedKeysFailClosed(t *testing.T) {
	alice := newKey(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "authorized_keys")
	good := "# readers\n" + authLine("", alice)
	writeFile(t, path, good)
	ts := startServer(t, func(c *Config) { c.AuthorizedKeysPath = path })
	if !canAuth(t, ts.addr, alice) {
		t.Fatal("a listed key was refused")
	}
	// A connection made while the file was good, for the re-check below.
	open, err := dial(ts.addr, gossh.PublicKeys(alice))
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()

	breakages := []struct {
		name, reason string
		do           func()
		root         bool // meaningful as root too
	}{
		{"deleted", "no such file", func() { os.Remove(path) }, true},
		{"a directory", "is a directory", func() { os.Remove(path); os.Mkdir(path, 0o700) }, true},
		{"garbage", "line 3", func() { writeFile(t, path, good+"ssh-ed25519 AAAA!!!garbage\n") }, true},
		{"truncated", "line 2", func() { writeFile(t, path, good[:len(good)-20]) }, true},
		{"mode 000", "permission denied", func() { os.Chmod(path, 0) }, false},
	}
	for _, b := range breakages {
		t.Run(b.name, func(t *testing.T) {
			if !b.root && os.Geteuid() == 0 {
				t.Skip("root reads a mode-000 file anyway (the directory case covers unreadable)")
			}
			b.do()
			mark := len(ts.logs.String())
			if canAuth(t, ts.addr, alice) {
				t.Fatalf("%s file: the last good list stayed in force", b.name)
			}
			logs := logsSince(ts, mark)
			var lines []string
			for _, l := range strings.Split(logs, "\n") {
				if strings.Contains(l, "authorized keys unusable") {
					lines = append(lines, l)
				}
			}
			if len(lines) != 1 || !strings.Contains(lines[0], path) || !strings.Contains(lines[0], b.reason) {
				t.Errorf("want one log line naming %s and %q; got:\n%s", path, b.reason, logs)
			}
			if strings.Contains(logs, "AAAA") {
				t.Errorf("key material in the log:\n%s", logs)
			}

			// A new session on the connection made before is refused too.
			sess := newSession(t, open)
			// x/crypto copies stdout and stderr in goroutines of their own.
			var out syncbuf.Buffer
			sess.Stdout, sess.Stderr = &out, &out
			if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
				t.Fatal(err)
			}
			if err := sess.Shell(); err != nil {
				t.Fatal(err)
			}
			if err := sess.Wait(); err == nil || !strings.Contains(out.String(), "permission denied") {
				t.Errorf("new session on an open connection: err=%v out=%q", err, out.String())
			}
			if !strings.Contains(logsSince(ts, mark), "session refused") {
				t.Errorf("the re-check did not log its refusal:\n%s", logsSince(ts, mark))
			}

			// Fixed: accepted again at once.
			os.RemoveAll(path)
			writeFile(t, path, good)
			if !canAuth(t, ts.addr, alice) {
				t.Fatalf("the key was still refused after the file was fixed:\n%s", logsSince(ts, mark))
			}
			if !strings.Contains(logsSince(ts, mark), "authorized keys usable again") {
				t.Errorf("recovery not logged:\n%s", logsSince(ts, mark))
			}
		})
	}

	// A key removed from the file opens no new session on a connection
	// made before.
	writeFile(t, path, "# nobody\n")
	sess := newSession(t, open)
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Wait(); err == nil {
		t.Error("a revoked key opened a session on an old connection")
	}
}

func TestAuthorizedKeysBadAtStartIsAnError(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"garbage": "ssh-ed25519 AAAA!!!\n", "not-a-key": "hello world\n"} {
		path := filepath.Join(dir, name)
		writeFile(t, path, text)
		if _, err := New(Config{HostKeyPath: filepath.Join(dir, "k", HostKeyName), DataDir: dir, AuthorizedKeysPath: path,
			NewModel: func(Session) tea.Model { return nil }}); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := New(Config{HostKeyPath: filepath.Join(dir, "k", HostKeyName), DataDir: dir, AuthorizedKeysPath: filepath.Join(dir, "none"),
		NewModel: func(Session) tea.Model { return nil }}); err == nil {
		t.Error("a missing file at start was accepted")
	}
}

func TestAuthorizedKeyOptions(t *testing.T) {
	type key struct {
		name, opts string
		ok         bool
		reason     string // in the log when refused
	}
	keys := []key{
		{"from-exact", `from="127.0.0.1"`, true, ""},
		{"from-cidr", `from="127.0.0.0/8,!127.0.0.2"`, true, ""},
		{"from-wildcard", `from="127.0.*.1"`, true, ""},
		{"from-other-net", `from="10.0.0.0/8"`, false, `does not match 127.0.0.1`},
		{"from-negated", `from="!127.0.0.1,*"`, false, `does not match 127.0.0.1`},
		{"from-invalid", `from="127.0.0.1/8"`, false, "inconsistent mask"},
		{"expired", `expiry-time="20200101"`, false, "key expired at 2020-01-01"},
		{"not-expired", `expiry-time="29991231Z"`, true, ""},
		{"expiry-malformed", `expiry-time="2020-01-01"`, false, "want YYYYMMDD"},
		{"command", `command="/bin/sh"`, false, "option command is not implemented"},
		{"permitopen", `permitopen="127.0.0.1:22"`, false, "option permitopen is not implemented"},
		{"principals", `principals="alice"`, false, "option principals is not implemented"},
		{"cert-authority", `cert-authority`, false, "option cert-authority is not implemented"},
		{"unknown", `frobnicate`, false, "unknown option frobnicate"},
		{"restrictions", `no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc`, true, ""},
	}
	signers := map[string]gossh.Signer{}
	var file strings.Builder
	for _, k := range keys {
		signers[k.name] = newKey(t)
		file.WriteString("# " + k.name + "\n" + authLine(k.opts, signers[k.name]))
	}
	path := filepath.Join(t.TempDir(), "authorized_keys")
	writeFile(t, path, file.String())
	ts := startServer(t, func(c *Config) { c.AuthorizedKeysPath = path })
	if !strings.Contains(ts.logs.String(), "this key will be refused") {
		t.Errorf("no start-up warning for keys with unimplemented options:\n%s", ts.logs.String())
	}
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			mark := len(ts.logs.String())
			if got := canAuth(t, ts.addr, signers[k.name]); got != k.ok {
				t.Fatalf("%s: authenticated=%v, want %v\n%s", k.opts, got, k.ok, logsSince(ts, mark))
			}
			if !k.ok {
				logs := logsSince(ts, mark)
				fp := gossh.FingerprintSHA256(signers[k.name].PublicKey())
				if !strings.Contains(logs, k.reason) || !strings.Contains(logs, fp) || !strings.Contains(logs, "ok=false") {
					t.Errorf("log does not say why (%q) for %s:\n%s", k.reason, fp, logs)
				}
				return
			}
			tm := openTerm(t, ts.addr, signers[k.name], termOptions{ambiguousCells: 1})
			tm.waitFor("PAGE 1 ")
		})
	}
}

func TestNoPTYKeyGetsNoTerminal(t *testing.T) {
	noPTY, restricted, restrictedPTY := newKey(t), newKey(t), newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	writeFile(t, path, authLine("no-pty", noPTY)+authLine("restrict", restricted)+authLine("restrict,pty", restrictedPTY))
	ts := startServer(t, func(c *Config) { c.AuthorizedKeysPath = path })
	for name, key := range map[string]gossh.Signer{"no-pty": noPTY, "restrict": restricted} {
		c, err := dial(ts.addr, gossh.PublicKeys(key))
		if err != nil {
			t.Fatalf("%s: a no-pty key may still authenticate (sshd lets it): %v", name, err)
		}
		sess := newSession(t, c)
		if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err == nil {
			t.Errorf("%s: a pty was granted", name)
		}
		// Two buffers: x/crypto copies stdout and stderr in goroutines of
		// their own, and one shared bytes.Buffer would be written by both.
		var stdout, stderr bytes.Buffer
		sess.Stdout, sess.Stderr = &stdout, &stderr
		if err := sess.Shell(); err != nil {
			t.Fatal(err)
		}
		if err := sess.Wait(); err == nil || !strings.Contains(stderr.String(), "may not open a terminal") {
			t.Errorf("%s: err=%v stderr=%q stdout=%q", name, err, stderr.String(), stdout.String())
		}
		c.Close()
	}
	if !strings.Contains(ts.logs.String(), "refused pty") {
		t.Errorf("the refused pty was not logged:\n%s", ts.logs.String())
	}
	openTerm(t, ts.addr, restrictedPTY, termOptions{ambiguousCells: 1}).waitFor("PAGE 1 ")
}

// liar offers one public key and signs with another's private key: the
// client side of CVE-2024-45337, where the server's PublicKeyCallback is
// asked about a key (the query phase) that the client does not hold.
type liar struct {
	offers gossh.PublicKey
	signs  gossh.Signer
}

func (l liar) PublicKey() gossh.PublicKey { return l.offers }
func (l liar) Sign(rand io.Reader, data []byte) (*gossh.Signature, error) {
	return l.signs.Sign(rand, data)
}

func TestOfferedKeyIsNotTheSessionKey(t *testing.T) {
	for _, mode := range []string{"authorized keys", "any key"} {
		t.Run(mode, func(t *testing.T) {
			alice, mallory := newKey(t), newKey(t)
			path := filepath.Join(t.TempDir(), "authorized_keys")
			writeFile(t, path, authLine("", alice))
			seen := make(chan string, 8)
			ts := startServer(t, func(c *Config) {
				if mode == "authorized keys" {
					c.AuthorizedKeysPath = path
				}
				c.NewModel = func(s Session) tea.Model {
					seen <- s.Fingerprint
					return newPager(s)
				}
			})
			aliceFP := gossh.FingerprintSHA256(alice.PublicKey())

			// Offers alice's key (the server says yes to the query) and
			// signs with mallory's: refused, and no session is made.
			_, err := dial(ts.addr, gossh.PublicKeys(liar{offers: alice.PublicKey(), signs: mallory}))
			if err == nil {
				t.Fatal("a client that offered alice's key and signed with mallory's got in")
			}
			if logs := ts.logs.String(); !strings.Contains(logs, aliceFP) || strings.Contains(logs, "session start") {
				t.Errorf("the query for alice's key should be logged, and no session started:\n%s", logs)
			}

			if mode != "authorized keys" {
				return
			}
			// Asks about alice's key, which the file lists but only from
			// 10/8 (so the query is refused and x/crypto's client goes
			// on), then authenticates with its own: the session is
			// mallory's, under mallory's line.
			writeFile(t, path, authLine(`from="10.0.0.0/8"`, alice)+authLine("", mallory))
			signers := []gossh.Signer{liar{offers: alice.PublicKey(), signs: mallory}, mallory}
			tm, err := tryOpenTerm(t, ts.addr, nil, termOptions{ambiguousCells: 1, auth: gossh.PublicKeys(signers...)})
			if err != nil {
				t.Fatal(err)
			}
			tm.waitFor("PAGE 1 ")
			select {
			case fp := <-seen:
				if want := gossh.FingerprintSHA256(mallory.PublicKey()); fp != want {
					t.Fatalf("session runs as %s, want mallory's %s (alice is %s)", fp, want, aliceFP)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("no session")
			}
			if logs := ts.logs.String(); !strings.Contains(logs, `from=\"10.0.0.0/8\" does not match 127.0.0.1`) {
				t.Errorf("alice's refused query not logged:\n%s", logs)
			}
		})
	}
}

// fakeSession is a session as the auth middleware sees it.
type fakeSession struct {
	ssh.Session
	key    ssh.PublicKey
	perms  ssh.Permissions
	stderr bytes.Buffer
	exit   int
}

func (f *fakeSession) PublicKey() ssh.PublicKey     { return f.key }
func (f *fakeSession) Permissions() ssh.Permissions { return f.perms }
func (f *fakeSession) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4000}
}
func (f *fakeSession) Stderr() io.ReadWriter { return &f.stderr }
func (f *fakeSession) Exit(code int) error   { f.exit = code; return nil }

func TestAuthMiddlewareRechecksTheSessionKey(t *testing.T) {
	alice, mallory := newKey(t), newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	writeFile(t, path, authLine("", alice)+authLine("", mallory))
	ts := startServer(t, func(c *Config) { c.AuthorizedKeysPath = path })
	withFP := func(k gossh.Signer) ssh.Permissions {
		return ssh.Permissions{Permissions: &gossh.Permissions{Extensions: map[string]string{extKeyFP: gossh.FingerprintSHA256(k.PublicKey())}}}
	}
	for _, tc := range []struct {
		name   string
		sess   *fakeSession
		passes bool
	}{
		{"the authenticated key", &fakeSession{key: alice.PublicKey(), perms: withFP(alice)}, true},
		{"another key than authenticated", &fakeSession{key: mallory.PublicKey(), perms: withFP(alice)}, false},
		{"no record of the authentication", &fakeSession{key: alice.PublicKey(), perms: ssh.Permissions{Permissions: &gossh.Permissions{}}}, false},
		{"no permissions", &fakeSession{key: alice.PublicKey()}, false},
		{"no key", &fakeSession{perms: withFP(alice)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mark := len(ts.logs.String())
			called := false
			ts.authMiddleware(func(ssh.Session) { called = true })(tc.sess)
			if called != tc.passes {
				t.Fatalf("handler called=%v, want %v", called, tc.passes)
			}
			if !tc.passes && (tc.sess.exit != 1 || !strings.Contains(tc.sess.stderr.String(), "permission denied") ||
				!strings.Contains(logsSince(ts, mark), "session refused")) {
				t.Errorf("refusal: exit=%d stderr=%q log=%s", tc.sess.exit, tc.sess.stderr.String(), logsSince(ts, mark))
			}
		})
	}
}
