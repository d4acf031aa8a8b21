package serve

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

func TestHostKeyOption(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", HostKeyName)
	opt, created, err := HostKeyOption(path, "")
	if err != nil || !created || opt == nil {
		t.Fatalf("first start: created=%v err=%v", created, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", st.Mode().Perm())
	}
	if dst, _ := os.Stat(filepath.Dir(path)); dst.Mode().Perm() != 0o700 {
		t.Errorf("host key dir mode %v, want 0700", dst.Mode().Perm())
	}
	first, _ := os.ReadFile(path)
	signer, err := gossh.ParsePrivateKey(first)
	if err != nil || signer.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("host key: %v, %v", signer, err)
	}
	var srv ssh.Server
	if err := opt(&srv); err != nil || len(srv.HostSigners) != 1 {
		t.Fatalf("option: %v, %d signers", err, len(srv.HostSigners))
	}
	_, created, err = HostKeyOption(path, "")
	again, _ := os.ReadFile(path)
	if err != nil || created || string(again) != string(first) {
		t.Fatalf("second start must reuse the key: created=%v err=%v", created, err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := HostKeyOption(path, ""); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("a world-readable host key must be refused, naming the file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	os.Chmod(filepath.Dir(bad), 0o700)
	os.WriteFile(bad, []byte("not a key"), 0o600)
	if _, _, err := HostKeyOption(bad, ""); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("garbage accepted as a host key: %v", err)
	}
	// wish's generator would chmod an existing folder 0700: not done.
	shared := t.TempDir()
	os.Chmod(shared, 0o755)
	if _, _, err := HostKeyOption(filepath.Join(shared, "key"), ""); err == nil {
		t.Error("a host key was made in a folder that is not private")
	}
	if st, _ := os.Stat(shared); st.Mode().Perm() != 0o755 {
		t.Errorf("folder mode changed to %v", st.Mode().Perm())
	}
	// The server's own data dir is made private and gets its key.
	if _, created, err := HostKeyOption(filepath.Join(shared, "key"), shared); err != nil || !created {
		t.Errorf("in the data dir: created=%v err=%v", created, err)
	}
	if st, _ := os.Stat(shared); st.Mode().Perm() != 0o700 {
		t.Errorf("data dir mode %v, want 0700", st.Mode().Perm())
	}
}

func TestAuthorizedKeysFile(t *testing.T) {
	dir := t.TempDir()
	k, other := newKey(t), newKey(t)
	good := filepath.Join(dir, "good")
	text := "# comment\n\n" + string(gossh.MarshalAuthorizedKey(k.PublicKey())) +
		`no-pty,command="/bin/sh" ` + string(gossh.MarshalAuthorizedKey(other.PublicKey()))
	os.WriteFile(good, []byte(text), 0o600)
	a, err := loadAuthorizedKeys(good)
	if err != nil {
		t.Fatal(err)
	}
	from := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5000}
	if v := a.check(k.PublicKey(), from, time.Now()); !v.ok || v.line != 3 {
		t.Errorf("listed key refused: %+v", v)
	}
	if v := a.check(other.PublicKey(), from, time.Now()); v.ok || !strings.Contains(v.reason, "line 4: option command is not implemented") {
		t.Errorf("a key with command= must be refused, saying why: %+v", v)
	}
	if lines := a.refusedLines(); len(lines) != 1 || !strings.Contains(lines[0], "line 4 (SHA256:") {
		t.Errorf("refused lines for the start-up warning: %q", lines)
	}
	if v := a.check(newKey(t).PublicKey(), from, time.Now()); v.ok {
		t.Error("unlisted key allowed")
	}

	broken := filepath.Join(dir, "broken")
	os.WriteFile(broken, []byte("ssh-ed25519 AAAA-not-base64\n"), 0o600)
	if _, err := loadAuthorizedKeys(broken); err == nil || !strings.Contains(err.Error(), "line 1") || !strings.Contains(err.Error(), broken) {
		t.Errorf("broken file: %v", err)
	}
	if _, err := loadAuthorizedKeys(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing file accepted: %v", err)
	}
	if _, err := New(Config{NewModel: nil}); err == nil {
		t.Error("New without a model")
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:2323": true,
		"127.0.0.2:22":   true,
		"[::1]:2323":     true,
		"localhost:2323": true,
		"0.0.0.0:2323":   false,
		":2323":          false,
		"[::]:2323":      false,
		"10.0.0.5:2323":  false,
		"example.org:22": false,
		"nonsense":       false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestClampWindow(t *testing.T) {
	for _, tc := range [][4]int{
		{80, 24, 80, 24},
		{0, 0, 0, 0},
		{-5, -1, 0, 0},
		{10000, 10000, MaxWidth, MaxHeight},
		{1 << 31, 3, MaxWidth, 3},
	} {
		if w, h := clampWindow(tc[0], tc[1]); w != tc[2] || h != tc[3] {
			t.Errorf("clampWindow(%d, %d) = %d, %d; want %d, %d", tc[0], tc[1], w, h, tc[2], tc[3])
		}
	}
}

func TestChildEnvIsAllowlisted(t *testing.T) {
	for v, want := range map[string]string{
		"truecolor":             "truecolor",
		"":                      "",
		"a b":                   "",
		strings.Repeat("x", 65): "",
		"xterm\x1b]0;pwned\x07": "",
	} {
		if got := safeEnvValue(v, ""); got != want {
			t.Errorf("safeEnvValue(%q) = %q, want %q", v, got, want)
		}
	}
}
