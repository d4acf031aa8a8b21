package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"bao/internal/syncbuf"
)

func TestShelfAppearsAndKeysNavigate(t *testing.T) {
	ts := startServer(t, nil)
	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	tm.waitFor("PAGE 1 size=80x24 wide=false")
	tm.send("j")
	tm.waitFor("PAGE 2 ")
	tm.send("jj")
	tm.waitFor("PAGE 4 ")
	tm.waitFor("line 4 of page 4")
	tm.send("k")
	tm.waitFor("PAGE 3 ")
	tm.quit()
	logs := ts.logs.String()
	for _, want := range []string{"connect", "auth", "session start", "session end", "reason=quit"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestBookmarkFollowsTheKey(t *testing.T) {
	ts := startServer(t, nil)
	alice, bob := newKey(t), newKey(t)

	tm := openTerm(t, ts.addr, alice, termOptions{ambiguousCells: 1})
	tm.waitFor(`PAGE 1 `)
	tm.send("jjb")
	tm.waitFor(`PAGE 3 size=80x24 wide=false bookmark="3"`)
	tm.send("q")
	tm.waitClosed(5 * time.Second)

	again := openTerm(t, ts.addr, alice, termOptions{ambiguousCells: 1})
	again.waitFor(`bookmark="3"`)

	other := openTerm(t, ts.addr, bob, termOptions{ambiguousCells: 1})
	other.waitFor(`PAGE 1 size=80x24 wide=false bookmark=""`)

	a, b := KeyID(alice.PublicKey()), KeyID(bob.PublicKey())
	if a == b || len(a) != 64 {
		t.Fatalf("key ids %q %q", a, b)
	}
}

func TestUnauthorizedKeyRefused(t *testing.T) {
	alice, mallory := newKey(t), newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	line := "# readers\n\n" + string(gossh.MarshalAuthorizedKey(alice.PublicKey()))
	if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, func(c *Config) { c.AuthorizedKeysPath = path })
	if _, err := dial(ts.addr, gossh.PublicKeys(mallory)); err == nil {
		t.Fatal("a key not in authorized_keys was let in")
	}
	if _, err := dial(ts.addr, gossh.Password("hunter2")); err == nil {
		t.Fatal("password auth was accepted")
	}
	if _, err := dial(ts.addr, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return []string{"x"}, nil
	})); err == nil {
		t.Fatal("keyboard-interactive auth was accepted")
	}
	tm := openTerm(t, ts.addr, alice, termOptions{ambiguousCells: 1})
	tm.waitFor("PAGE 1 ")

	// Keys added to the file count without a restart.
	time.Sleep(10 * time.Millisecond) // a distinct mtime on coarse file systems
	line += string(gossh.MarshalAuthorizedKey(mallory.PublicKey()))
	if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	openTerm(t, ts.addr, mallory, termOptions{ambiguousCells: 1}).waitFor("PAGE 1 ")
}

func TestAnyKeyWithoutAuthorizedKeys(t *testing.T) {
	ts := startServer(t, nil)
	if _, err := dial(ts.addr, gossh.Password("")); err == nil {
		t.Fatal("password auth was accepted")
	}
	c, err := dial(ts.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatalf("any key should be let in: %v", err)
	}
	c.Close()
}

func TestCommandsForwardingAndSubsystemsRefused(t *testing.T) {
	ts := startServer(t, nil)
	c := connect(t, ts)

	for _, cmd := range []string{"cat /etc/passwd", "scp -f /etc/passwd", "bao print /etc/passwd"} {
		sess := newSession(t, c)
		if out, err := sess.CombinedOutput(cmd); err == nil {
			t.Errorf("exec %q allowed: %q", cmd, out)
		}
		sess.Close()
	}

	sess := newSession(t, c)
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("sftp subsystem allowed")
	}
	sess.Close()

	if conn, err := c.Dial("tcp", ts.addr); err == nil {
		conn.Close()
		t.Error("local port forwarding (direct-tcpip) allowed")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding (tcpip-forward) allowed")
	}

	// A shell without a pty is told to use one.
	sess = newSession(t, c)
	// x/crypto copies stdout and stderr in goroutines of their own.
	var out syncbuf.Buffer
	sess.Stdout, sess.Stderr = &out, &out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Wait(); err == nil || !strings.Contains(out.String(), "needs a terminal") {
		t.Errorf("shell without pty: err=%v out=%q", err, out.String())
	}
}

func TestMaxSessionsRefusesPolitely(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxSessions = 2 })
	key := newKey(t)
	a := openTerm(t, ts.addr, key, termOptions{ambiguousCells: 1})
	a.waitFor("PAGE 1 ")
	b := openTerm(t, ts.addr, key, termOptions{ambiguousCells: 1})
	b.waitFor("PAGE 1 ")
	c := openTerm(t, ts.addr, key, termOptions{ambiguousCells: 1})
	c.waitStream("all 2 reading places are taken")
	if err, ok := c.waitClosed(5 * time.Second); !ok || err == nil {
		t.Fatalf("refused session: closed=%v err=%v (want exit status 1)", ok, err)
	}
	a.send("q")
	a.waitClosed(5 * time.Second)
	// The place is free again.
	deadline := time.Now().Add(3 * time.Second)
	for {
		d := openTerm(t, ts.addr, key, termOptions{ambiguousCells: 1})
		if d.eventually(d.screenText, "PAGE 1 ", time.Second) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a freed place was not given to the next reader")
		}
	}
}

func TestIdleTimeout(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.IdleTimeout = 400 * time.Millisecond })
	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	tm.waitFor("PAGE 1 ")
	// Keys keep it open past the timeout.
	for i := 0; i < 4; i++ {
		time.Sleep(150 * time.Millisecond)
		tm.send("j")
	}
	tm.waitFor("PAGE 5 ")
	if _, ok := tm.waitClosed(2 * time.Second); !ok {
		t.Fatal("idle session was not closed")
	}
	tm.waitStream("without a key pressed")
	if !strings.Contains(ts.logs.String(), "reason=idle") {
		t.Errorf("log lacks reason=idle:\n%s", ts.logs.String())
	}
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	for _, key := range []string{"P", "V", "C"} {
		t.Run(key, func(t *testing.T) {
			ts := startServer(t, nil)
			bystander := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
			bystander.waitFor("PAGE 1 ")
			victim := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
			victim.waitFor("PAGE 1 ")
			victim.send(key)
			if _, ok := victim.waitClosed(5 * time.Second); !ok {
				t.Fatal("panicking session was not closed")
			}
			victim.waitStream("internal error")
			bystander.send("j")
			bystander.waitFor("PAGE 2 ")
			logs := ts.logs.String()
			if !strings.Contains(logs, "panic") || !strings.Contains(logs, "session=s2") {
				t.Errorf("panic not logged with the session id:\n%s", logs)
			}
		})
	}
}

func TestShutdownTellsOpenSessions(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.ShutdownGrace = 600 * time.Millisecond })
	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	tm.waitFor("PAGE 1 ")
	stopped := make(chan error, 1)
	start := time.Now()
	go func() { stopped <- ts.Shutdown(context.Background()) }()
	tm.waitFor("bao serve is shutting down")
	if _, ok := tm.waitClosed(5 * time.Second); !ok {
		t.Fatal("session not closed at shutdown")
	}
	tm.waitStream("has shut down")
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Shutdown did not return")
	}
	if d := time.Since(start); d < 500*time.Millisecond {
		t.Errorf("shutdown took %v: the grace period was not given", d)
	}
	if _, err := dial(ts.addr, gossh.PublicKeys(newKey(t))); err == nil {
		t.Error("still accepting after shutdown")
	}
}

func TestLibraryRefreshReachesOpenSessions(t *testing.T) {
	var changed atomic.Bool
	ts := startServer(t, func(c *Config) {
		c.RefreshInterval = 50 * time.Millisecond
		c.Refresh = func() bool { return changed.Swap(false) }
		c.RefreshMsg = func() tea.Msg { return refreshMsg{} }
	})
	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	tm.waitFor("refreshed=0")
	changed.Store(true)
	tm.waitFor("refreshed=1")
}

func TestPanicInTheHandlerEndsOnlyThatSession(t *testing.T) {
	var n atomic.Int32
	ts := startServer(t, func(c *Config) {
		c.NewModel = func(s Session) tea.Model {
			if n.Add(1) == 2 {
				panic("NewModel: asked to panic") // outside the guarded program
			}
			return newPager(s)
		}
	})
	bystander := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	bystander.waitFor("PAGE 1 ")
	victim := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	if err, ok := victim.waitClosed(5 * time.Second); !ok || err == nil {
		t.Fatalf("the panicking session: closed=%v err=%v (want exit status 1)", ok, err)
	}
	victim.waitStream("internal error")
	bystander.send("j")
	bystander.waitFor("PAGE 2 ")
	if logs := ts.logs.String(); !strings.Contains(logs, "where=handler") || !strings.Contains(logs, "session=s2") {
		t.Errorf("handler panic not logged with the session id:\n%s", logs)
	}
	openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1}).waitFor("PAGE 1 ")
}
