package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func TestEnsureHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", HostKeyName)
	first, created, err := EnsureHostKey(path)
	if err != nil || !created {
		t.Fatalf("first start: created=%v err=%v", created, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", st.Mode().Perm())
	}
	signer, err := gossh.ParsePrivateKey(first)
	if err != nil || signer.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("host key: %v, %v", signer, err)
	}
	again, created, err := EnsureHostKey(path)
	if err != nil || created || string(again) != string(first) {
		t.Fatalf("second start must reuse the key: created=%v err=%v", created, err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := EnsureHostKey(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("a world-readable host key must be refused, naming the file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	os.WriteFile(bad, []byte("not a key"), 0o600)
	if _, _, err := EnsureHostKey(bad); err == nil {
		t.Error("garbage accepted as a host key")
	}
}

func TestAuthorizedKeysFile(t *testing.T) {
	dir := t.TempDir()
	k := newKey(t)
	good := filepath.Join(dir, "good")
	line := `no-pty,command="/bin/sh" ` + string(gossh.MarshalAuthorizedKey(k.PublicKey()))
	os.WriteFile(good, []byte("# comment\n\n"+line), 0o600)
	a, err := loadAuthorizedKeys(good)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := a.allowed(k.PublicKey()); !ok {
		t.Error("listed key (with options) refused")
	}
	if ok, _ := a.allowed(newKey(t).PublicKey()); ok {
		t.Error("unlisted key allowed")
	}

	broken := filepath.Join(dir, "broken")
	os.WriteFile(broken, []byte("ssh-ed25519 AAAA-not-base64\n"), 0o600)
	if _, err := loadAuthorizedKeys(broken); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("broken file: %v", err)
	}
	if _, err := loadAuthorizedKeys(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file accepted")
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
