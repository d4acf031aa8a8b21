package serve

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestMain doubles as the child process of the child-session tests: with
// BAO_SERVE_TEST_CHILD set, the test binary is a child session serving
// the pager, the way `bao serve --session-child` serves the reader.
func TestMain(m *testing.M) {
	if os.Getenv("BAO_SERVE_TEST_CHILD") == "1" {
		os.Exit(RunChild(newPager(Session{
			DataDir: os.Getenv("BAO_SERVE_TEST_DATA"),
			Wide:    os.Getenv("RUNEWIDTH_EASTASIAN") == "1",
			Resume:  os.Getenv("BAO_SERVE_TEST_RESUME"),
			Width:   80, Height: 24,
		}), ChildOptions{Switch: pagerSwitch}))
	}
	os.Exit(m.Run())
}

func testChild(s Session) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = []string{"BAO_SERVE_TEST_CHILD=1", "BAO_SERVE_TEST_DATA=" + s.DataDir, "BAO_SERVE_TEST_RESUME=" + s.Resume}
	return cmd
}

func TestParseCursorReport(t *testing.T) {
	for _, tc := range []struct {
		in          string
		row, col, n int
		start, end  int
		found       bool
	}{
		{"\x1b[1;2R", 1, 2, 6, 0, 6, true},
		{"\x1b[24;3R", 24, 3, 7, 0, 7, true},
		{"jk\x1b[5;120Rq", 0, 0, 0, 2, 10, true},  // keys typed around it stay
		{"\x1b[1;2", 0, 0, 0, 0, 0, false},        // incomplete
		{"\x1b[;2R", 0, 0, 0, 0, 0, false},        // no row
		{"\x1b[1;R", 0, 0, 0, 0, 0, false},        // no column
		{"\x1b[1;2~", 0, 0, 0, 0, 0, false},       // a key, not a report
		{"\x1b[1234567;2R", 0, 0, 0, 0, 0, false}, // absurd number
		{"", 0, 0, 0, 0, 0, false},
	} {
		row, col, n := parseCursorReport([]byte(tc.in))
		if row != tc.row || col != tc.col || n != tc.n {
			t.Errorf("parseCursorReport(%q) = %d, %d, %d; want %d, %d, %d", tc.in, row, col, n, tc.row, tc.col, tc.n)
		}
		start, end, ok := findCursorReport([]byte(tc.in))
		if ok != tc.found || start != tc.start || end != tc.end {
			t.Errorf("findCursorReport(%q) = %d, %d, %v; want %d, %d, %v", tc.in, start, end, ok, tc.start, tc.end, tc.found)
		}
	}
}

func FuzzFindCursorReport(f *testing.F) {
	f.Add([]byte("\x1b[1;2R"))
	f.Add([]byte("ab\x1b[12;3Rcd"))
	f.Fuzz(func(t *testing.T, b []byte) {
		start, end, ok := findCursorReport(b)
		if !ok {
			return
		}
		if start < 0 || end > len(b) || start >= end {
			t.Fatalf("bad span %d..%d of %d", start, end, len(b))
		}
		if _, _, n := parseCursorReport(b[start:end]); n != end-start {
			t.Fatalf("span %q does not parse whole", b[start:end])
		}
	})
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
	if got := probeAmbiguous(&out, in, time.Second); got != AmbiguousWide {
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
	if got := probeAmbiguous(&strings.Builder{}, in, 100*time.Millisecond); got != AmbiguousUnknown {
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
	wide.send("q")
	if err, ok := wide.waitClosed(5 * time.Second); !ok || err != nil {
		t.Fatalf("child session did not end cleanly: closed=%v err=%v", ok, err)
	}

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
	tm.send("q")
	if err, ok := tm.waitClosed(5 * time.Second); !ok || err != nil {
		t.Fatalf("session did not end cleanly: closed=%v err=%v", ok, err)
	}
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
