package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"bao/internal/syncbuf"
	"bao/internal/testfiles"
)

// The OpenSSH end-to-end test: `bao serve` as built, the OpenSSH client
// in tmux as the reader's terminal. Skipped when ssh, ssh-keygen or tmux
// is missing (.ci/run installs them) and under -short.

// serveFixture writes an invented library of two issues.
func serveFixture(t *testing.T) string {
	return testfiles.Tree(t, map[string]string{
		"2025-09-03.txt": testfiles.Numbered("山城日报\n\n2025年9月3日\n\n码头旧仓库改成了社区剧场\n\n本报记者 周原\n\n",
			"第%02d节。江边的旧仓库刷了新漆，周末的晚上总有街坊搬着小板凳来看戏，剧团的年轻人说下一出戏讲的是码头工人的故事。", 40),
		"2025-09-02.txt": "山城日报\n\n2025年9月2日\n\n缆车检修完毕\n\n过江缆车检修完毕，明天起恢复运行。\n",
	})
}

func TestServeOverOpenSSHInTmux(t *testing.T) {
	requireTools(t, "tmux", "ssh", "ssh-keygen")
	work := t.TempDir()
	bin := buildBao(t)
	key, otherKey := filepath.Join(work, "id_ed25519"), filepath.Join(work, "other_ed25519")
	for _, k := range []string{key, otherKey} {
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
	}
	lib := serveFixture(t)
	data := filepath.Join(work, "data")

	// The server, on a free loopback port, narrow like tmux here.
	srv := startServe(t, bin, work, "--data-dir", data, "--refresh", "200ms", lib)
	port := srv.port
	if st, err := os.Stat(filepath.Join(data, "ssh_host_ed25519_key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("host key not made 0600 under the data dir: %v %v", st, err)
	}

	var s *tmuxSession
	connect := func(key string) {
		sshCmd := strings.Join([]string{"ssh", "-tt", "-F", "/dev/null", "-p", port, "-i", key,
			"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
			"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "reader@127.0.0.1"}, " ")
		// A tmux server of our own per connection: never anyone else's,
		// and no race with the previous one exiting.
		s = newTmux(t, 100, 30, []string{"TERM=xterm-256color", "LANG=C.UTF-8"}, sshCmd+"; echo SSH-EXIT=$?; sleep 60")
		s.wait = 15 * time.Second
	}
	quit := func() {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for !strings.Contains(s.capture(), "SSH-EXIT=") {
			if time.Now().After(deadline) {
				t.Fatalf("ssh never exited; screen:\n%s", s.capture())
			}
			s.keys("q")
			time.Sleep(300 * time.Millisecond)
		}
		if scr := s.capture(); !strings.Contains(scr, "SSH-EXIT=0") {
			t.Fatalf("ssh did not exit 0:\n%s", scr)
		}
	}
	connect(key)

	// The shelf; an issue arriving on disk shows up on it without a
	// restart, and the selection stays on the issue it was on although
	// the new one sorts above it.
	s.waitFor("2025-09-03")
	if err := os.WriteFile(filepath.Join(lib, "2025-09-04.txt"), []byte("山城日报\n\n2025年9月4日\n\n夜市开张\n\n桥下的夜市今晚开张。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.waitFor("2025-09-04")

	// The selected issue's front page, then its article.
	s.keys("Enter")
	s.waitFor("码头旧仓库改成了社区剧场")
	s.keys("Enter")
	s.waitFor("第01节")
	s.keys("Space")
	s.waitFor("第1") // still reading; paging kept a numbered paragraph on screen
	// A bookmark here, with a note.
	s.keys("m")
	s.waitFor("note (enter saves")
	s.run("send-keys", "-t", "bao", "-l", "剧场")
	s.keys("Enter")
	s.waitFor("bookmarked:")

	// Quit back out; the connection closes cleanly.
	quit()

	// The same key again: its reading state came along (the issue reopens
	// at the article where it was left), and so did its bookmark.
	connect(key)
	s.waitFor("2025-09-03")
	s.keys("j", "Enter") // the newest is 09-04 now
	s.waitFor("back where you left off")
	s.keys("'")
	s.waitFor("Bookmarks (1)")
	s.waitFor("note: 剧场")
	s.keys("q")
	quit()

	// Another key: a reader of its own, with no state and no bookmark from
	// the first.
	connect(otherKey)
	s.waitFor("2025-09-03")
	s.keys("j", "Enter")
	if scr := s.waitFor("码头旧仓库改成了社区剧场"); strings.Contains(scr, "left off") {
		t.Errorf("another key's session opened at the first key's place:\n%s", scr)
	}
	s.keys("'")
	s.waitFor("Bookmarks (0)")
	s.keys("q")
	quit()
	users, _ := filepath.Glob(filepath.Join(data, "users", "*"))
	if len(users) != 2 {
		t.Errorf("per-key data dirs: %v", users)
	}

	// SIGTERM: the server stops and says so.
	_ = srv.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-srv.exited:
		if err != nil {
			t.Errorf("server exit: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop on SIGTERM")
	}
	for _, want := range []string{"connect", "auth", "session start", "reason=quit", "disconnect", "stopped"} {
		if !strings.Contains(srv.logs.String(), want) {
			t.Errorf("server log lacks %q", want)
		}
	}
	if strings.Contains(srv.logs.String(), "码头") {
		t.Error("the server log holds text that was read")
	}
}

// TestServeAuthorizedKeysWithOpenSSH runs `bao serve --authorized-keys` as
// built against the OpenSSH client: key options and a file that breaks
// after start, as an administrator would meet them.
func TestServeAuthorizedKeysWithOpenSSH(t *testing.T) {
	requireTools(t, "ssh", "ssh-keygen")
	work := t.TempDir()
	bin := buildBao(t)
	opts := map[string]string{
		"near":       `from="127.0.0.0/8,!127.0.0.2"`,
		"far":        `from="10.0.0.0/8"`,
		"expired":    `expiry-time="20200101"`,
		"command":    `command="/bin/sh"`,
		"restricted": `restrict`,
	}
	var file strings.Builder
	keys := map[string]string{}
	for name, opt := range opts {
		k := filepath.Join(work, name)
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		pub, err := os.ReadFile(k + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		keys[name] = k
		file.WriteString(opt + " " + string(pub))
	}
	authPath := filepath.Join(work, "authorized_keys")
	if err := os.WriteFile(authPath, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServe(t, bin, work, "--data-dir", filepath.Join(work, "data"), "--authorized-keys", authPath, serveFixture(t))

	// read connects with key and returns what the session printed and
	// how ssh ended; a session that reaches the shelf is quit with q.
	read := func(name string) (string, int) {
		t.Helper()
		cmd := exec.Command("ssh", "-tt", "-F", "/dev/null", "-p", srv.port, "-i", keys[name],
			"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
			"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "reader@127.0.0.1")
		// ssh on a terminal of its own, 100×30, as a reader's would be.
		tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
		if err != nil {
			t.Fatal(err)
		}
		defer tty.Close()
		out := &syncbuf.Buffer{}
		copied := make(chan struct{})
		go func() { _, _ = io.Copy(out, tty); close(copied) }()
		stdin := tty
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case err := <-done:
				// ssh's last words may still be in the pty: the copy ends
				// when the pty reports the child side closed.
				select {
				case <-copied:
				case <-time.After(2 * time.Second):
				}
				code := 0
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				}
				return out.String(), code
			case <-deadline:
				_ = cmd.Process.Kill()
				t.Fatalf("%s: ssh did not end; it printed %q", name, out.String())
			case <-time.After(200 * time.Millisecond):
				if strings.Contains(out.String(), "2025-09-03") {
					_, _ = stdin.Write([]byte("q"))
				}
			}
		}
	}
	if out, code := read("near"); code != 0 || !strings.Contains(out, "2025-09-03") {
		t.Errorf("near (from= matches 127.0.0.1): exit %d, %q", code, tail(out, 300))
	}
	for _, name := range []string{"far", "expired", "command"} {
		if out, code := read(name); code != 255 || !strings.Contains(out, "Permission denied (publickey)") {
			t.Errorf("%s (%s): exit %d, %q; want ssh's permission denied", name, opts[name], code, tail(out, 300))
		}
	}
	for want, name := range map[string]string{"does not match 127.0.0.1": "far", "key expired": "expired", "option command is not implemented": "command"} {
		if !strings.Contains(srv.logs.String(), want) {
			t.Errorf("log does not say %q for %s", want, name)
		}
	}
	// restrict: authenticated, but no terminal (OpenSSH's -tt then gives up).
	if out, code := read("restricted"); code != 255 || !strings.Contains(out, "PTY allocation request failed") {
		t.Errorf("restricted: exit %d, %q", code, tail(out, 300))
	}

	// The file breaks after start: refused; fixed: accepted again.
	if err := os.Remove(authPath); err != nil {
		t.Fatal(err)
	}
	if out, code := read("near"); code != 255 {
		t.Errorf("with the file deleted: exit %d, %q", code, tail(out, 300))
	}
	if !strings.Contains(srv.logs.String(), authPath+": open: no such file") {
		t.Errorf("log does not name the file and the reason")
	}
	if err := os.WriteFile(authPath, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := read("near"); code != 0 {
		t.Errorf("with the file back: exit %d, %q", code, tail(out, 300))
	}
	for _, secret := range []string{"AAAAC3NzaC1lZDI1NTE5", "BEGIN OPENSSH"} {
		if strings.Contains(srv.logs.String(), secret) {
			t.Errorf("the log holds key material (%s)", secret)
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// servedBao is a `bao serve` started by startServe.
type servedBao struct {
	cmd    *exec.Cmd
	port   string          // the port it listens on, from its first line
	logs   *syncbuf.Buffer // its standard error
	exited chan error      // its exit, once
	waited chan struct{}   // closed when it has exited
}

// startServe runs `bao serve --listen 127.0.0.1:0 ARGS...` narrow (as tmux
// draws) with HOME in work, waits for the line that names its port, and
// kills it when the test ends, printing its log if the test failed.
func startServe(t *testing.T, bin, work string, args ...string) *servedBao {
	t.Helper()
	srv := &servedBao{
		cmd:    exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)...),
		logs:   &syncbuf.Buffer{},
		exited: make(chan error, 1),
		waited: make(chan struct{}),
	}
	srv.cmd.Env = append(os.Environ(), "RUNEWIDTH_EASTASIAN=0", "HOME="+work)
	stdout, err := srv.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	srv.cmd.Stderr = srv.logs
	if err := srv.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { srv.exited <- srv.cmd.Wait(); close(srv.waited) }()
	t.Cleanup(func() {
		_ = srv.cmd.Process.Kill()
		<-srv.waited
		if t.Failed() {
			t.Logf("server log:\n%s", srv.logs.String())
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("server said nothing: %v\n%s", err, srv.logs.String())
	}
	m := regexp.MustCompile(`ssh -p (\d+) `).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no port in %q\n%s", line, srv.logs.String())
	}
	srv.port = m[1]
	return srv
}
