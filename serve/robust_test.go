package serve

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// windowChange sends an SSH window-change request with any size, as a
// hostile client can (x/crypto's WindowChange takes the same values).
func windowChange(t *testing.T, tm *term, w, h uint32) {
	t.Helper()
	var p [16]byte
	binary.BigEndian.PutUint32(p[0:], w)
	binary.BigEndian.PutUint32(p[4:], h)
	if _, err := tm.sess.SendRequest("window-change", false, p[:]); err != nil {
		t.Fatalf("window-change %dx%d: %v", w, h, err)
	}
}

func TestHostileClientLeavesOthersAlone(t *testing.T) {
	ts := startServer(t, nil)
	bystander := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	bystander.waitFor("PAGE 1 ")

	hostile := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	hostile.waitFor("PAGE 1 ")

	// Random bytes: broken escape sequences, UTF-8 garbage, NULs. (No 'q':
	// it would end the session, which is fine but ends the test early.)
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 64<<10)
	for i := range junk {
		junk[i] = byte(rng.IntN(256))
		if junk[i] == 'q' || junk[i] == 'P' || junk[i] == 'V' || junk[i] == 'C' || junk[i] == 3 {
			junk[i] = 0x1b
		}
	}
	hostile.send(string(junk))

	// Degenerate and huge windows, then a storm of resizes.
	windowChange(t, hostile, 0, 0)
	start := time.Now()
	windowChange(t, hostile, 10000, 10000)
	if !hostile.eventually(hostile.screenText, "size=500x200", 20*time.Second) {
		t.Fatalf("a 10000x10000 window was not clamped to 500x200:\n%s", hostile.screenText())
	}
	t.Logf("junk and a huge window handled in %v", time.Since(start))
	windowChange(t, hostile, 1<<31, 1<<31)
	for i := 0; i < 2000; i++ {
		windowChange(t, hostile, uint32(rng.IntN(400)), uint32(rng.IntN(200)))
	}
	windowChange(t, hostile, 0, 0)
	windowChange(t, hostile, 80, 24)
	hostile.resetScreen(80, 24, 1)
	hostile.send("j")
	if !hostile.eventually(hostile.text, "size=80x24", 5*time.Second) {
		t.Errorf("hostile session did not settle at 80x24")
	}

	// The bystander is unaffected and quick.
	start = time.Now()
	bystander.send("j")
	bystander.waitFor("PAGE 2 ")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("bystander waited %v for a page", d)
	}
	// And the server still takes new readers.
	openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1}).waitFor("PAGE 1 ")
}

func TestHugeInitialWindowIsClamped(t *testing.T) {
	ts := startServer(t, nil)
	tm := openTerm(t, ts.addr, newKey(t), termOptions{width: 10000, height: 10000, ambiguousCells: 1})
	if !tm.eventually(tm.text, "size=500x200", 5*time.Second) {
		t.Fatalf("model was not told a clamped size: %q", tail(tm.text(), 300))
	}
	tm.send("q")
	if _, ok := tm.waitClosed(5 * time.Second); !ok {
		t.Fatal("not closed")
	}
}

func TestConnectionWithoutSessionTimesOut(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.IdleTimeout = 100 * time.Millisecond })
	c := connect(t, ts)
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	// The connection-level backstop is IdleTimeout + 1 minute: too long to
	// wait for here, so only check the connection is not closed early.
	select {
	case err := <-done:
		t.Fatalf("connection closed at once: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestSessionChannelsPerConnectionBounded(t *testing.T) {
	ts := startServer(t, nil)
	c := connect(t, ts)
	var opened int
	for i := 0; i < MaxSessionsPerConn+3; i++ {
		if _, err := c.NewSession(); err == nil {
			opened++
		}
	}
	if opened != MaxSessionsPerConn {
		t.Errorf("opened %d session channels on one connection, want %d", opened, MaxSessionsPerConn)
	}
}

func TestClientThatStopsReadingIsCutOff(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.WriteTimeout = 300 * time.Millisecond })
	c := connect(t, ts)
	sess := newSession(t, c)
	// A huge window the client never reads: the program's frames fill the
	// SSH window and its writes block.
	if err := sess.RequestPty("xterm", 1000, 1000, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	if _, err := sess.StdoutPipe(); err != nil { // taken, never read
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	// Keys come until the cut: a machine slowed by the race detector or
	// by load renders fewer frames a second, and takes longer to fill the
	// window.
	cut := make(chan struct{})
	defer close(cut)
	go func() {
		stdin.Write([]byte("F"))
		for { // each j redraws a million cells
			if _, err := stdin.Write([]byte("j")); err != nil {
				return
			}
			select {
			case <-cut:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(ts.logs.String(), "reason=stalled") {
		if time.Now().After(deadline) {
			t.Fatalf("a client that stopped reading was not cut off:\n%s", ts.logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestEnvFloodBeforeShellIsCut(t *testing.T) {
	ts := startServer(t, nil)
	c := connect(t, ts)
	sess := newSession(t, c)
	// 3 MB of requests before any shell (env ones, refused past a few,
	// still cost the server reading them): the connection is cut.
	value := strings.Repeat("x", 30<<10)
	for i := 0; i < 100; i++ {
		if _, err := sess.SendRequest("env", true, gossh.Marshal(struct{ K, V string }{fmt.Sprint("V", i), value})); err == io.EOF {
			break
		}
	}
	if _, err := c.NewSession(); err == nil {
		t.Error("the connection survived 3 MB sent before a shell")
	}
	if !strings.Contains(ts.logs.String(), "too much sent before a session") {
		t.Errorf("log:\n%s", ts.logs.String())
	}
	// Others are fine.
	openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1}).waitFor("PAGE 1 ")
}

func TestEnvRequestsBounded(t *testing.T) {
	ts := startServer(t, nil)
	c := connect(t, ts)
	sess := newSession(t, c)
	accepted := 0
	for i := 0; i < 100; i++ {
		if sess.Setenv(fmt.Sprintf("V%d", i), "x") == nil {
			accepted++
		}
	}
	if accepted != maxEnvRequests {
		t.Errorf("%d env requests accepted, want %d", accepted, maxEnvRequests)
	}
}
