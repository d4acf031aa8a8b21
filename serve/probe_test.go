package serve

import (
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bao/internal/ambiguous"
)

// TestMain doubles as the child process of the child-session tests: with
// BAO_SERVE_TEST_CHILD set, the test binary is a child session serving
// the pager, the way `bao serve --session-child` serves the reader.
func TestMain(m *testing.M) {
	if os.Getenv("BAO_SERVE_TEST_CHILD") == "1" {
		os.Exit(RunChild(newPager(Session{
			DataDir:   os.Getenv("BAO_SERVE_TEST_DATA"),
			Ambiguous: ambiguous.Renderer(os.Getenv),
			Resume:    os.Getenv("BAO_SERVE_TEST_RESUME"),
			Width:     80, Height: 24,
		}), ChildOptions{Switch: pagerSwitch}))
	}
	os.Exit(m.Run())
}

func testChild(s Session) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = []string{"BAO_SERVE_TEST_CHILD=1", "BAO_SERVE_TEST_DATA=" + s.DataDir, "BAO_SERVE_TEST_RESUME=" + s.Resume}
	return cmd
}

// FuzzFindCursorReport runs the probe over whatever a terminal may send:
// it never hangs or panics, it takes out at most the cursor report and the
// device attributes reply, and every other byte stays for the program, in
// order.
func FuzzFindCursorReport(f *testing.F) {
	f.Add([]byte("\x1b[1;2R"))
	f.Add([]byte("ab\x1b[12;3Rcd\x1b[?62;22c"))
	f.Add([]byte("j\x1b[?1;2c\x1b[4;3R"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Skip(err)
		}
		defer r.Close()
		go func() {
			w.Write(b)
			w.Close()
		}()
		in := newSessionInput(r)
		got := probeAmbiguous(io.Discard, in, 5*time.Second)
		rest, _ := io.ReadAll(in.reader())
		if len(rest) > len(b) || !isSubsequence(rest, b) {
			t.Fatalf("keys left %q are not what came in, %q, less the replies", rest, b)
		}
		if got != ambiguous.Auto && len(b)-len(rest) < len("\x1b[1;2R") {
			t.Fatalf("%v from %q, but no report was taken out (left %q)", got, b, rest)
		}
	})
}

// isSubsequence: a is b with some bytes left out.
func isSubsequence(a, b []byte) bool {
	for _, c := range b {
		if len(a) > 0 && a[0] == c {
			a = a[1:]
		}
	}
	return len(a) == 0
}

func TestProbeKeepsTypedKeys(t *testing.T) {
	r, w, _ := os.Pipe()
	defer r.Close()
	in := newSessionInput(r)
	var out strings.Builder
	go func() {
		time.Sleep(20 * time.Millisecond)
		w.Write([]byte("jj\x1b[3;3Rk"))
		w.Close()
	}()
	if got := probeAmbiguous(&out, in, time.Second); got != ambiguous.Wide {
		t.Fatalf("probe = %v, want wide", got)
	}
	if !strings.Contains(out.String(), "\x1b[6n") {
		t.Errorf("no cursor report asked: %q", out.String())
	}
	rest := make([]byte, 16)
	var got []byte
	ir := in.reader()
	for {
		n, err := ir.Read(rest)
		got = append(got, rest[:n]...)
		if err != nil {
			break
		}
	}
	if string(got) != "jjk" {
		t.Errorf("keys left for the program = %q, want %q", got, "jjk")
	}
}

func TestProbeTimesOutOnSilentTerminal(t *testing.T) {
	r, w, _ := os.Pipe()
	defer w.Close()
	defer r.Close()
	in := newSessionInput(r)
	start := time.Now()
	if got := probeAmbiguous(&strings.Builder{}, in, 100*time.Millisecond); got != ambiguous.Auto {
		t.Fatalf("probe = %v, want unknown", got)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("probe took %v", d)
	}
}

func TestWideTerminalOnNarrowServerIsServedByChild(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Child = testChild })
	wide := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 2})
	wide.waitFor("ambiguous width here: 2")
	wide.waitFor("wide=true")
	wide.send("jjb")
	wide.waitFor(`PAGE 3 size=80x24 wide=true bookmark="3"`)
	// Resizes reach the child through the pty.
	windowChange(t, wide, 100, 30)
	wide.resetScreen(100, 30, 2)
	wide.send("j")
	wide.waitFor("PAGE 4 size=100x30")
	wide.quit()

	// A narrow terminal on the same server is served in-process.
	narrow := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	narrow.waitFor("ambiguous width here: 1")
	narrow.waitFor("wide=false")
	if n := strings.Count(ts.logs.String(), "child started"); n != 1 {
		t.Errorf("%d child processes started, want 1:\n%s", n, ts.logs.String())
	}
}

func TestChildSessionPanicAndShutdown(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.Child = testChild
		c.ShutdownGrace = 500 * time.Millisecond
	})
	victim := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 2})
	victim.waitFor("wide=true")
	victim.send("P")
	if _, ok := victim.waitClosed(5 * time.Second); !ok {
		t.Fatal("panicking child session not closed")
	}
	victim.waitStream("internal error")

	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 2})
	tm.waitFor("wide=true")
	go ts.Shutdown(t.Context())
	tm.waitFor("shutting down")
	if _, ok := tm.waitClosed(5 * time.Second); !ok {
		t.Fatal("child session not closed at shutdown")
	}
	tm.waitStream("has shut down")
}

func TestMismatchWithoutChildIsExplained(t *testing.T) {
	ts := startServer(t, nil)
	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 2})
	tm.waitStream("draws characters such as")
	tm.send(" ")
	tm.waitFor("wide=false")
}

func TestSilentTerminalGetsServerPolicy(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Child = testChild; c.ProbeTimeout = 50 * time.Millisecond })
	tm := openTerm(t, ts.addr, newKey(t), termOptions{})
	tm.waitFor("wide=false")
	if !strings.Contains(ts.logs.String(), "terminal_ambiguous=unknown") {
		t.Errorf("log:\n%s", ts.logs.String())
	}
}

// A terminal that reports no cursor but answers the device attributes
// query is served at once, not after the probe's timeout.
func TestTerminalWithoutCursorReportIsNotWaitedFor(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Child = testChild; c.ProbeTimeout = 20 * time.Second })
	start := time.Now()
	tm := openTerm(t, ts.addr, newKey(t), termOptions{noCursorReport: true})
	tm.waitFor("wide=false")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("served after %v: the probe waited for its timeout", d)
	}
	if !strings.Contains(ts.logs.String(), "terminal_ambiguous=unknown") {
		t.Errorf("log:\n%s", ts.logs.String())
	}
}

var _ tea.Model = (*pager)(nil)

func TestReaderSwitchesAmbiguousWidth(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.Child = testChild
		c.Switch = pagerSwitch
	})
	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 1})
	tm.waitFor("PAGE 1 size=80x24 wide=false")
	tm.send("jj")
	tm.waitFor("PAGE 3 ")
	// w: the session goes on in a child with the other width, same place;
	// the first key after the switch reaches the new program.
	tm.send("w")
	tm.waitFor("PAGE 3 size=80x24 wide=true")
	tm.waitFor("ambiguous width here: 2")
	tm.send("j")
	tm.waitFor("PAGE 4 size=80x24 wide=true")
	// And back, in-process.
	tm.send("w")
	tm.waitFor("PAGE 4 size=80x24 wide=false")
	tm.send("j")
	tm.waitFor("PAGE 5 size=80x24 wide=false")
	tm.quit()
	if n := strings.Count(ts.logs.String(), "switching ambiguous width"); n != 2 {
		t.Errorf("%d switches logged, want 2:\n%s", n, ts.logs.String())
	}
}

func TestChildSessionIdleTimeout(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.Child = testChild
		c.IdleTimeout = 400 * time.Millisecond
	})
	tm := openTerm(t, ts.addr, newKey(t), termOptions{ambiguousCells: 2})
	// The child may be cut off before its first frame where starting a
	// process takes longer than the timeout (under the race detector, on
	// a loaded machine): that it ran is in the log.
	if _, ok := tm.waitClosed(10 * time.Second); !ok {
		t.Fatal("idle child session was not closed")
	}
	if logs := ts.logs.String(); !strings.Contains(logs, "child started") || !strings.Contains(logs, "reason=idle") {
		t.Errorf("want a child session ended as idle; log:\n%s", logs)
	}
	tm.waitStream("without a key pressed")
}
