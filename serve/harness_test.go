package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"bao/internal/syncbuf"
)

// testServer is a server on a loopback port with its log captured.
type testServer struct {
	*Server
	addr string
	logs *syncbuf.Buffer
}

// startServer starts a server with the pager test model; edit adjusts the
// config first.
func startServer(t testing.TB, edit func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	logs := &syncbuf.Buffer{}
	cfg := Config{
		HostKeyPath:  filepath.Join(dir, "hostkey", HostKeyName),
		DataDir:      dir,
		ProbeTimeout: 200 * time.Millisecond,
		NewModel:     func(s Session) tea.Model { return newPager(s) },
		Logger:       log.NewWithOptions(logs, log.Options{Level: log.DebugLevel}),
	}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return &testServer{Server: s, addr: ln.Addr().String(), logs: logs}
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

func dial(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "reader",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
}

// connect dials ts with a new key; the connection is closed when the test
// ends.
func connect(t testing.TB, ts *testServer) *gossh.Client {
	t.Helper()
	c, err := dial(ts.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// newSession opens a session channel on c.
func newSession(t testing.TB, c *gossh.Client) *gossh.Session {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// term is an SSH session with a PTY, seen the way a terminal would: it
// collects the output and answers cursor position queries as a terminal
// that draws ambiguous characters ambiguousCells wide (0: never answers).
type term struct {
	t       testing.TB
	client  *gossh.Client
	sess    *gossh.Session
	stdin   io.WriteCloser
	mu      sync.Mutex
	out     bytes.Buffer
	changed chan struct{}
	done    chan struct{}
	lastOut time.Time
	scr     *screen
}

type termOptions struct {
	width, height  int
	ambiguousCells int  // 1 or 2; 0 does not answer the probe
	noCursorReport bool // with ambiguousCells 0: answers the device attributes query only
	env            map[string]string
	noScreen       bool             // skip the emulator (the load test's clients)
	onOut          func(n int)      // called after each output chunk
	auth           gossh.AuthMethod // instead of the key
}

func openTerm(t testing.TB, addr string, key gossh.Signer, opt termOptions) *term {
	t.Helper()
	tm, err := tryOpenTerm(t, addr, key, opt)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func tryOpenTerm(t testing.TB, addr string, key gossh.Signer, opt termOptions) (*term, error) {
	if opt.width == 0 && opt.height == 0 {
		opt.width, opt.height = 80, 24
	}
	auth := opt.auth
	if auth == nil {
		auth = gossh.PublicKeys(key)
	}
	c, err := dial(addr, auth)
	if err != nil {
		return nil, err
	}
	sess, err := c.NewSession()
	if err != nil {
		c.Close()
		return nil, err
	}
	for k, v := range opt.env {
		if err := sess.Setenv(k, v); err != nil {
			return nil, err
		}
	}
	if err := sess.RequestPty("xterm-256color", opt.height, opt.width, gossh.TerminalModes{}); err != nil {
		c.Close()
		return nil, err
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	tm := &term{t: t, client: c, sess: sess, stdin: stdin, changed: make(chan struct{}, 1), done: make(chan struct{}),
		scr: newScreen(min(max(opt.width, 1), 300), min(max(opt.height, 1), 100), opt.ambiguousCells)}
	if err := sess.Shell(); err != nil {
		c.Close()
		return nil, err
	}
	go func() {
		defer close(tm.done)
		p := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(p)
			if n > 0 {
				tm.mu.Lock()
				if tm.out.Len() < 4<<20 && !opt.noScreen {
					tm.out.Write(p[:n])
				}
				tm.lastOut = time.Now()
				scr := tm.scr
				tm.mu.Unlock()
				if !opt.noScreen {
					scr.Write(p[:n])
				}
				if opt.ambiguousCells > 0 && bytes.Contains(p[:n], []byte("\x1b[6n")) {
					fmt.Fprintf(stdin, "\x1b[1;%dR", 1+opt.ambiguousCells)
				}
				if (opt.ambiguousCells > 0 || opt.noCursorReport) && bytes.Contains(p[:n], []byte("\x1b[c")) {
					io.WriteString(stdin, "\x1b[?62;22c") // as every terminal does
				}
				if opt.onOut != nil {
					opt.onOut(n)
				}
				select {
				case tm.changed <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { c.Close() })
	return tm, nil
}

// text is everything received so far with escape sequences removed.
func (tm *term) text() string { return ansi.Strip(tm.raw()) }

func (tm *term) raw() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}

// screenText is what the terminal's screen shows now.
func (tm *term) screenText() string {
	tm.mu.Lock()
	scr := tm.scr
	tm.mu.Unlock()
	return scr.String()
}

// resetScreen starts a blank w×h screen (after a window change, whose
// repaint the old screen's size would garble); the reader goroutine
// writes to whichever screen is current, so the swap is under tm.mu.
func (tm *term) resetScreen(w, h, ambiguousCells int) {
	scr := newScreen(w, h, ambiguousCells)
	tm.mu.Lock()
	tm.scr = scr
	tm.mu.Unlock()
}

// waitFor waits until the screen shows want.
func (tm *term) waitFor(want string) {
	tm.t.Helper()
	if !tm.eventually(tm.screenText, want, 5*time.Second) {
		tm.t.Fatalf("screen never showed %q; screen:\n%s\nstream tail: %q", want, tm.screenText(), tail(tm.raw(), 600))
	}
}

// waitStream waits until the output with escape sequences removed holds want.
func (tm *term) waitStream(want string) {
	tm.t.Helper()
	if !tm.eventually(tm.text, want, 5*time.Second) {
		tm.t.Fatalf("output never held %q; got: %q", want, tail(tm.text(), 600))
	}
}

func (tm *term) eventually(get func() string, want string, d time.Duration) bool {
	deadline := time.After(d)
	for {
		if strings.Contains(get(), want) {
			return true
		}
		select {
		case <-tm.changed:
		case <-deadline:
			return strings.Contains(get(), want)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := io.WriteString(tm.stdin, s); err != nil {
		tm.t.Fatalf("send %q: %v", s, err)
	}
}

// quit presses q, which must end the session without an error.
func (tm *term) quit() {
	tm.t.Helper()
	tm.send("q")
	if err, ok := tm.waitClosed(5 * time.Second); !ok || err != nil {
		tm.t.Fatalf("session did not end cleanly after q: closed=%v err=%v", ok, err)
	}
}

// waitClosed waits for the session to end and returns its exit error.
func (tm *term) waitClosed(d time.Duration) (error, bool) {
	res := make(chan error, 1)
	go func() { res <- tm.sess.Wait() }()
	select {
	case err := <-res:
		return err, true
	case <-time.After(d):
		return nil, false
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// pager is the model the server tests run: numbered pages, a bookmark kept
// in the session's data dir, and keys that make it panic on purpose.
type pager struct {
	s         Session
	page      int
	w, h      int
	bookmark  string
	refreshed int
	viewPanic bool
	fill      bool // every cell of the window changes with the page
	switchReq bool // w: asked for the other ambiguous width
	err       string
}

type refreshMsg struct{}

// pagerSwitch is the pager's Config.Switch.
func pagerSwitch(final tea.Model) (string, bool) {
	p, ok := final.(*pager)
	if !ok || !p.switchReq {
		return "", false
	}
	return fmt.Sprintf("page=%d", p.page), true
}

func newPager(s Session) *pager {
	p := &pager{s: s, page: 1, w: s.Width, h: s.Height}
	fmt.Sscanf(s.Resume, "page=%d", &p.page)
	if b, err := os.ReadFile(filepath.Join(s.DataDir, "bookmark")); err == nil {
		p.bookmark = string(b)
	}
	return p
}

func (p *pager) Init() tea.Cmd { return nil }

func (p *pager) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = msg.Width, msg.Height
	case refreshMsg:
		p.refreshed++
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q":
			return p, tea.Quit
		case "j", "space":
			p.page++
		case "k":
			p.page = max(1, p.page-1)
		case "b":
			if err := os.WriteFile(filepath.Join(p.s.DataDir, "bookmark"), []byte(fmt.Sprint(p.page)), 0o600); err != nil {
				p.err = err.Error()
			}
			p.bookmark = fmt.Sprint(p.page)
		case "P":
			panic("pager: asked to panic in Update")
		case "V":
			p.viewPanic = true
		case "F":
			p.fill = true
		case "w":
			p.switchReq = true
			return p, tea.Quit
		case "C":
			return p, tea.Batch(func() tea.Msg { panic("pager: asked to panic in a command") })
		}
	}
	return p, nil
}

func (p *pager) View() tea.View {
	if p.viewPanic {
		panic("pager: asked to panic in View")
	}
	var b strings.Builder
	if p.fill {
		row := make([]byte, p.w) // no runs the renderer could repeat (REP)
		for i := range row {
			row[i] = byte('a' + (i+p.page)%26)
		}
		for i := 0; i < p.h; i++ {
			b.Write(row)
			b.WriteByte('\n')
		}
		return tea.NewView(b.String())
	}
	fmt.Fprintf(&b, "PAGE %d size=%dx%d wide=%v bookmark=%q refreshed=%d\n", p.page, p.w, p.h, p.s.Ambiguous.IsWide(), p.bookmark, p.refreshed)
	fmt.Fprintf(&b, "ambiguous width here: %d\n", ansi.StringWidth("\u201c"))
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&b, "line %d of page %d %s\n", i, p.page, p.err)
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}
