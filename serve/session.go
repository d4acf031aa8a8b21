package serve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"bao/internal/ambiguous"
)

// Why a session ended, for the log and the goodbye line.
const (
	endQuit     = "quit"
	endIdle     = "idle"
	endShutdown = "shutdown"
	endPanic    = "panic"
	endClosed   = "closed"
	endStalled  = "stalled"
	endSwitch   = "switch" // the reader asked for the other ambiguous width
)

// maxSwitches bounds the ambiguous-width switches of one session.
const maxSwitches = 16

// terminalHint tells a client that opened a session without a terminal
// how to get one (or that its key may not), before activeterm refuses it.
func (s *Server) terminalHint(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			if p := sess.Permissions(); p.Permissions != nil && p.Extensions[extNoPTY] != "" {
				fmt.Fprint(sess.Stderr(), "bao serve: this key may not open a terminal (no-pty or restrict in authorized_keys), and a terminal is all bao serves.\r\n")
			} else {
				fmt.Fprint(sess.Stderr(), "bao serve shows a newspaper reader and needs a terminal: connect with `ssh -t`.\r\n")
			}
		}
		next(sess)
	}
}

// authMiddleware checks again, for each session, the key it runs as: the
// key the session reports must be the one the connection authenticated
// with (x/crypto's PublicKeyCallback also sees keys a client only asked
// about, CVE-2024-45337, so nothing recorded there on the side is
// trusted; the Permissions extensions travel with the proven key), and the
// authorized keys file must still allow it from this address now (a key
// revoked, expired or a file broken since the connection was made opens no
// new session on it).
func (s *Server) authMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if why := s.recheckKey(sess); why != "" {
			s.log.Warn("session refused", "remote", remote(sess.RemoteAddr()), "reason", why)
			fmt.Fprint(sess.Stderr(), "bao serve: permission denied.\r\n")
			_ = sess.Exit(1)
			return
		}
		next(sess)
	}
}

// recheckKey says why sess may not go on; "" when it may.
func (s *Server) recheckKey(sess ssh.Session) string {
	key := sess.PublicKey()
	if key == nil {
		return "no public key"
	}
	fp := gossh.FingerprintSHA256(key)
	perms := sess.Permissions()
	if perms.Permissions == nil || perms.Extensions[extKeyFP] != fp {
		return "the session's key " + fp + " is not the key the connection authenticated with"
	}
	if s.auth == nil {
		return ""
	}
	v := s.auth.check(key, sess.RemoteAddr(), time.Now())
	switch {
	case !v.ok:
		return v.reason
	case v.noPTY:
		return fmt.Sprintf("%s line %d: no-pty or restrict", s.cfg.AuthorizedKeysPath, v.line)
	}
	return ""
}

// servedSession is a session as the inner middlewares see it: what the
// session middleware set up for it, and how its program ended.
type servedSession struct {
	ssh.Session
	info   Session
	lg     *log.Logger
	ctx    context.Context
	in     *sessionInput
	win    *windowWatch
	stopFn atomic.Value // func(): ends what serves the session now
	endWhy atomic.Value // string: why stopFn was called

	reason string // why the session ended (end*)
	err    error
}

// sessionMiddleware does a session's bookkeeping: its id and log lines,
// the session limit, the key's data directory, registration for shutdown
// and the refresh loop, input and window watching, and the last word to
// the reader when it ends.
func (s *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := &servedSession{Session: sess, reason: endQuit}
		st.info.ID = s.newSessionID()
		start := time.Now()
		st.lg = s.log.With("session", st.info.ID)
		defer func() {
			// A panic outside the program ends this session only, logged
			// with its id (recover, further out, would log it without).
			if r := recover(); r != nil {
				st.reason = endPanic
				st.lg.Error("panic", "where", "handler", "panic", r, "stack", string(debug.Stack()))
				fmt.Fprintf(sess, "\r\nbao hit an internal error and closed this session (logged as %s). Sorry; please reconnect.\r\n", st.info.ID)
				_ = sess.Exit(1)
			}
			st.lg.Info("session end", "reason", st.reason, "duration", time.Since(start).Round(time.Millisecond))
		}()
		if lc, ok := sess.Context().Value(connKey{}).(*loggedConn); ok {
			lc.shelled.Store(true)
		}
		pty, winCh, _ := sess.Pty() // activeterm let only sessions with one through
		if n := s.active.Add(1); n > int64(s.cfg.MaxSessions) {
			s.active.Add(-1)
			st.reason = "full"
			st.lg.Warn("refused: full", "max_sessions", s.cfg.MaxSessions)
			fmt.Fprintf(sess, "\r\nbao: sorry, all %d reading places are taken right now. Please try again in a few minutes.\r\n", s.cfg.MaxSessions)
			_ = sess.Exit(1)
			return
		}
		defer s.active.Add(-1)

		key := sess.PublicKey()
		st.info.User = sess.User()
		st.info.KeyID = KeyID(key)
		st.info.Fingerprint = gossh.FingerprintSHA256(key)
		st.info.Term = pty.Term
		st.info.Ambiguous = s.cfg.Ambiguous
		st.info.Width, st.info.Height = clampWindow(pty.Window.Width, pty.Window.Height)
		st.info.DataDir = filepath.Join(s.cfg.DataDir, "users", st.info.KeyID)
		if err := os.MkdirAll(st.info.DataDir, 0o700); err != nil {
			st.reason = "error"
			st.lg.Error("data dir", "err", err)
			fmt.Fprint(sess, "\r\nbao: the server cannot store your reading state right now; please tell its operator.\r\n")
			_ = sess.Exit(1)
			return
		}

		ctx, cancel := context.WithCancel(sess.Context())
		defer cancel()
		st.ctx = ctx
		st.in = newSessionInput(sess)
		defer st.in.Close()
		st.win = watchWindow(winCh, st.info.Width, st.info.Height)

		ls := &liveSession{done: make(chan struct{})}
		ls.stop = func() {
			st.endWhy.CompareAndSwap(nil, endShutdown)
			if f, ok := st.stopFn.Load().(func()); ok {
				f()
			}
		}
		if !s.register(st.info.ID, ls) {
			st.reason = endShutdown
			fmt.Fprint(sess, "\r\nbao serve is shutting down; please come back later.\r\n")
			_ = sess.Exit(1)
			return
		}
		defer func() {
			s.unregister(st.info.ID)
			close(ls.done)
		}()

		next(st)

		if st.err != nil {
			st.lg.Error("session error", "err", st.err)
		}
		switch st.reason {
		case endIdle:
			fmt.Fprintf(sess, "\r\nbao: closed after %v without a key pressed. Come back any time.\r\n", s.cfg.IdleTimeout)
		case endShutdown:
			fmt.Fprint(sess, "\r\nbao serve has shut down. Thank you for reading.\r\n")
		case endPanic:
			fmt.Fprintf(sess, "\r\nbao hit an internal error and closed this session (logged as %s). Sorry; please reconnect.\r\n", st.info.ID)
			_ = sess.Exit(1)
		}
	}
}

// ambiguousMiddleware asks the session's terminal how wide it draws
// ambiguous characters and serves a terminal that differs from the
// server's policy from a child process (Config.Child); the rest go on to
// the program in this process. A reader's `w` switches between the two
// as often as asked (up to maxSwitches).
func (s *Server) ambiguousMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st, ok := sess.(*servedSession)
		if !ok { // cannot happen: sessionMiddleware comes first
			_ = sess.Exit(1)
			return
		}
		info := &st.info
		if s.cfg.ProbeTimeout > 0 && info.Width >= 4 {
			info.Terminal = probeAmbiguous(sess, st.in, s.cfg.ProbeTimeout)
		}
		st.lg.Info("session start", "user", info.User, "key", info.Fingerprint, "remote", remote(sess.RemoteAddr()),
			"term", info.Term, "width", info.Width, "height", info.Height, "terminal_ambiguous", terminalName(info.Terminal))

		mismatch := info.Terminal != ambiguous.Auto && info.Terminal != s.cfg.Ambiguous
		if mismatch && s.cfg.Child != nil {
			info.Ambiguous = info.Terminal
		} else if mismatch {
			s.explainMismatch(sess, st.in, *info)
		}
		for switches := 0; ; switches++ {
			if st.endWhy.Load() != nil { // shutdown began while probing or switching
				st.reason = endShutdown
				return
			}
			if info.Ambiguous != s.cfg.Ambiguous {
				st.lg.Info("serving from a child process", "ambiguous", info.Ambiguous.String())
				st.reason, st.err = s.runChild(st.ctx, st.Session, info, st.in, st.win, &st.stopFn, &st.endWhy, st.lg)
			} else {
				next(st)
			}
			if st.reason != endSwitch {
				return
			}
			if switches == maxSwitches || (s.cfg.Child == nil && info.Ambiguous == s.cfg.Ambiguous) {
				st.reason = endQuit
				return
			}
			// The reader asked for the other ambiguous width (`w`): go on
			// with it where they were, in-process or in a child.
			info.Ambiguous = info.Ambiguous.Other()
			st.lg.Info("switching ambiguous width", "ambiguous", info.Ambiguous.String())
		}
	}
}

// programMiddleware runs the session's program in this process.
func (s *Server) programMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st, ok := sess.(*servedSession)
		if !ok {
			_ = sess.Exit(1)
			return
		}
		st.reason, st.err = s.runProgram(st.ctx, st.Session, &st.info, st.in, st.win, &st.stopFn, &st.endWhy, st.lg)
		next(sess)
	}
}

// explainMismatch tells a reader whose terminal draws ambiguous characters
// differently from the server how to fix it, and waits for a key (or 15 s).
func (s *Server) explainMismatch(sess ssh.Session, in *sessionInput, info Session) {
	term, server := "two cells", "one cell"
	fix := "set your terminal's ambiguous-width characters to narrow (single width)"
	if s.cfg.Ambiguous == ambiguous.Wide {
		term, server = server, term
		fix = "set your terminal's ambiguous-width characters to wide (double width)"
	}
	fmt.Fprintf(sess, "\r\nbao: your terminal draws characters such as “ ” %s wide, this server sets them %s wide,\r\n"+
		"so lines holding them may not align. For exact columns, %s and reconnect.\r\n"+
		"Press any key to read on.\r\n", term, server, fix)
	in.await(time.Now().Add(15*time.Second), func(b []byte) (int, int, bool) { return 0, min(len(b), 1), len(b) > 0 })
}

// runProgram runs the session's program in this process.
func (s *Server) runProgram(ctx context.Context, sess ssh.Session, info *Session, in *sessionInput,
	win *windowWatch, stopFn, endWhy *atomic.Value, lg *log.Logger) (string, error) {
	var p *tea.Program
	var quitOnce sync.Once
	info.Width, info.Height = win.size()
	model := newGuard(s.cfg.NewModel(*info), info.Width, func(where string, r any, stack []byte) {
		endWhy.CompareAndSwap(nil, endPanic)
		lg.Error("panic", "where", where, "panic", r, "stack", string(stack))
		quitOnce.Do(func() { go p.Quit() })
	})
	out := &sessionOutput{w: sess}
	input := in.reader()
	defer input.Close()
	opts := append(bubbletea.MakeOptions(sess),
		tea.WithInput(input),
		tea.WithOutput(out),
		tea.WithWindowSize(info.Width, info.Height),
		tea.WithContext(ctx),
		tea.WithoutSignalHandler(),
		// The renderer flushes on a ticker: at the default 60 fps a key
		// waits up to 17 ms for its frame, most of a 20 ms budget. 120
		// (bubbletea's most) halves that; an unchanged frame costs a
		// string comparison per tick.
		tea.WithFPS(120),
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.SuspendMsg); ok {
				return tea.ResumeMsg{} // there is no shell to suspend to
			}
			return msg
		}),
	)
	p = tea.NewProgram(model, opts...)
	done := make(chan struct{})
	defer close(done)
	stopFn.Store(func() {
		go p.Quit()
		go func() {
			select {
			case <-done:
			case <-time.After(2 * time.Second):
				// Still running: a stuck model or a client that stopped
				// reading. A write waiting for the client's SSH window is
				// only released by closing the connection.
				// (Kill would wait for the blocked renderer: close first.)
				closeConn(sess)
				p.Kill()
			}
		}()
	})
	s.setSend(info.ID, p.Send)

	go win.follow(done, func(w, h int) { p.Send(tea.WindowSizeMsg{Width: w, Height: h}) })
	go s.watchIdle(done, in, out, endWhy, stopFn)

	_, err := p.Run()
	why, _ := endWhy.Load().(string)
	switch {
	case why != "":
		return why, nil
	case err == nil && s.cfg.Switch != nil:
		if resume, ok := s.cfg.Switch(model.inner); ok {
			info.Resume = resume
			return endSwitch, nil
		}
	case errors.Is(err, tea.ErrProgramPanic):
		return endPanic, err
	case ctx.Err() != nil:
		return endClosed, nil
	case err != nil && !errors.Is(err, tea.ErrProgramKilled):
		return endQuit, err
	}
	return endQuit, nil
}

// watchIdle ends the session once the client has sent nothing for
// IdleTimeout, or has not taken its output for WriteTimeout.
func (s *Server) watchIdle(done <-chan struct{}, in *sessionInput, out *sessionOutput, endWhy, stopFn *atomic.Value) {
	every := min(max(s.cfg.WriteTimeout/20, 10*time.Millisecond), 30*time.Second)
	if s.cfg.IdleTimeout > 0 {
		every = min(every, max(s.cfg.IdleTimeout/20, 10*time.Millisecond))
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		why := ""
		switch {
		case s.cfg.IdleTimeout > 0 && in.idleFor() >= s.cfg.IdleTimeout:
			why = endIdle
		case out.stalledFor() >= s.cfg.WriteTimeout:
			why = endStalled
		default:
			continue
		}
		endWhy.CompareAndSwap(nil, why)
		if f, ok := stopFn.Load().(func()); ok {
			f()
		}
		return
	}
}

// windowWatch drains a session's window changes as fast as the client
// sends them (the ssh library blocks the session's requests until they are
// taken), clamps them, and keeps only the latest, so a resize storm costs
// the program one redraw per change it can keep up with.
type windowWatch struct {
	mu      sync.Mutex
	w, h    int
	changed chan struct{}
	count   atomic.Int64
}

func watchWindow(winCh <-chan ssh.Window, w, h int) *windowWatch {
	ww := &windowWatch{w: w, h: h, changed: make(chan struct{}, 1)}
	go func() {
		for win := range winCh {
			cw, ch := clampWindow(win.Width, win.Height)
			ww.count.Add(1)
			ww.mu.Lock()
			same := cw == ww.w && ch == ww.h
			ww.w, ww.h = cw, ch
			ww.mu.Unlock()
			if same {
				continue
			}
			select {
			case ww.changed <- struct{}{}:
			default:
			}
		}
	}()
	return ww
}

func (ww *windowWatch) size() (int, int) {
	ww.mu.Lock()
	defer ww.mu.Unlock()
	return ww.w, ww.h
}

// follow calls resize with the latest size after each change until done
// is closed.
func (ww *windowWatch) follow(done <-chan struct{}, resize func(w, h int)) {
	for {
		select {
		case <-done:
			return
		case <-ww.changed:
			resize(ww.size())
		}
	}
}

// closeConn closes the SSH connection a session belongs to.
func closeConn(sess ssh.Session) {
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		_ = c.Close()
		return
	}
	_ = sess.Close()
}
