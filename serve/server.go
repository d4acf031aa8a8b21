package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	"charm.land/wish/v2/logging"
	wishrecover "charm.land/wish/v2/recover"
	gossh "golang.org/x/crypto/ssh"
)

// Server serves readers over SSH. Make one with New, run it with Serve or
// ListenAndServe, stop it with Shutdown.
type Server struct {
	cfg  Config
	log  *log.Logger
	ssh  *ssh.Server
	auth *authorizedKeys // nil: any key

	nextID   atomic.Int64
	conns    atomic.Int64 // open TCP connections, authenticated or not
	active   atomic.Int64 // sessions counted against MaxSessions
	mu       sync.Mutex
	sessions map[string]*liveSession
	closing  bool
	lns      []net.Listener // what Serve listens on, for Shutdown to close
	done     chan struct{}  // closed by Shutdown: stops the refresh loop
	wg       sync.WaitGroup
	stopOnce sync.Once
}

// liveSession is an open session as Shutdown and the refresh loop see it.
type liveSession struct {
	send func(tea.Msg) // to its program; nil while probing or for a child
	stop func()        // ends it now
	done chan struct{} // closed when its handler returns
}

// New makes a server from cfg. It reads the authorized keys file, if any,
// so a bad one is reported before listening.
func New(cfg Config) (*Server, error) {
	c := cfg.withDefaults()
	if c.NewModel == nil {
		return nil, errors.New("serve: Config.NewModel is required")
	}
	if c.HostKeyPath == "" {
		return nil, errors.New("serve: Config.HostKeyPath is required")
	}
	if c.DataDir == "" {
		return nil, errors.New("serve: Config.DataDir is required")
	}
	s := &Server{cfg: c, sessions: map[string]*liveSession{}, done: make(chan struct{})}
	s.log = c.Logger
	if s.log == nil {
		w := c.Stderr
		if w == nil {
			w = os.Stderr
		}
		s.log = log.NewWithOptions(w, log.Options{ReportTimestamp: true, Prefix: "bao serve"})
	}
	if c.Child != nil && errNoChild != nil {
		s.log.Warn("ambiguous-width sessions are served in-process and told how to set their terminal", "reason", errNoChild)
		s.cfg.Child = nil
	}
	if c.AuthorizedKeysPath != "" {
		a, err := loadAuthorizedKeys(c.AuthorizedKeysPath)
		if err != nil {
			return nil, err
		}
		for _, line := range a.refusedLines() {
			s.log.Warn("authorized keys: this key will be refused", "path", c.AuthorizedKeysPath, "line", line)
		}
		s.auth = a
	}
	hostKey, created, err := HostKeyOption(c.HostKeyPath, c.DataDir)
	if err != nil {
		return nil, err
	}
	if created {
		s.log.Info("created host key", "path", c.HostKeyPath)
	}
	srv, err := wish.NewServer(
		wish.WithAddress(c.Addr),
		hostKey,
		wish.WithVersion("bao"),
		wish.WithPublicKeyAuth(s.publicKeyAuth),
		ssh.WrapConn(s.wrapConn),
		// The connection-level idle timeout counts server output as
		// activity, so it only backs up the input-based one in the session
		// handler (and ends connections that never open a session).
		wish.WithIdleTimeout(s.connIdleTimeout()),
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = DefaultHandshakeTimout
			// Sessions are a shell with a pty and nothing else: exec (and so
			// scp) and subsystems (sftp) are refused. Port forwarding is
			// refused because no forwarding callbacks or channel handlers are
			// set; password and keyboard-interactive because no handlers are.
			srv.SessionRequestCallback = s.sessionRequest
			// A key whose authorized_keys line says no-pty gets no terminal.
			srv.PtyCallback = s.ptyAllowed
			// Only session channels, and a few per connection. (Forwarding
			// channels, direct-tcpip and the like, have no handler.)
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel}
			return nil
		},
		// Listed innermost first: a session passes recover, the terminal
		// check, logging, the key re-check, the session's bookkeeping, the
		// ambiguous-width probe (which may serve it from a child process)
		// and reaches the program.
		wish.WithMiddleware(
			s.programMiddleware,
			s.ambiguousMiddleware,
			s.sessionMiddleware,
			s.authMiddleware,
			logging.StructuredMiddlewareWithLogger(s.log, log.InfoLevel),
			activeterm.Middleware(),
			s.terminalHint,
			wishrecover.MiddlewareWithLogger(s.log.StandardLog(log.StandardLogOptions{ForceLevel: log.ErrorLevel})),
		),
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.ssh = srv
	return s, nil
}

func (s *Server) connIdleTimeout() time.Duration {
	if s.cfg.IdleTimeout < 0 {
		return 0
	}
	return s.cfg.IdleTimeout + time.Minute
}

// ListenAndServe listens on Config.Addr and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ln)
}

// Serve serves on ln until Shutdown; it then returns ssh.ErrServerClosed.
func (s *Server) Serve(ln net.Listener) error {
	s.log.Info("listening", "addr", ln.Addr().String(), "max_sessions", s.cfg.MaxSessions,
		"idle_timeout", s.cfg.IdleTimeout, "ambiguous", s.cfg.Ambiguous.String(),
		"authorized_keys", s.cfg.AuthorizedKeysPath)
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		_ = ln.Close()
		return ssh.ErrServerClosed
	}
	s.lns = append(s.lns, ln)
	s.mu.Unlock()
	if s.cfg.Refresh != nil {
		s.wg.Add(1)
		go s.refreshLoop()
	}
	err := s.ssh.Serve(ln)
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing { // Shutdown closed ln under it
		return ssh.ErrServerClosed
	}
	return err
}

// IsLoopback reports whether addr (host:port) listens only on loopback.
// A host name other than localhost counts as not loopback.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Shutdown stops accepting connections, tells every open session the
// server is going down, lets them finish for up to Config.ShutdownGrace
// (or until ctx ends), then ends those still open and closes.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	s.stopOnce.Do(func() { err = s.shutdown(ctx) })
	return err
}

func (s *Server) shutdown(ctx context.Context) error {
	close(s.done)
	s.mu.Lock()
	s.closing = true
	open := make([]*liveSession, 0, len(s.sessions))
	for _, ls := range s.sessions {
		open = append(open, ls)
	}
	lns := s.lns
	s.lns = nil
	s.mu.Unlock()

	// The listeners are closed here and the connections waited for below,
	// by wrapConn's count, not by ssh.Server.Shutdown: its WaitGroup of
	// connections races with a connection that finishes its handshake
	// while Shutdown waits (gliderlabs/ssh#117, also in charm.land/ssh).
	for _, ln := range lns {
		_ = ln.Close()
	}

	deadline := time.Now().Add(s.cfg.ShutdownGrace)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	s.log.Info("shutting down", "open_sessions", len(open), "grace", time.Until(deadline).Round(time.Second))
	for _, ls := range open {
		if ls.send != nil {
			go ls.send(shutdownNoticeMsg{deadline: deadline})
		}
	}
	grace, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	for _, ls := range open {
		select {
		case <-ls.done:
		case <-grace.Done():
		}
	}
	// Those still open are ended; their handlers say goodbye and return.
	for _, ls := range open {
		select {
		case <-ls.done:
		default:
			ls.stop()
		}
	}
	ended := time.After(2 * time.Second)
	for _, ls := range open {
		select {
		case <-ls.done:
		case <-ended:
		}
	}
	// Clients close their connections once their session said goodbye;
	// give them a moment before cutting what is left. (A poll: the count
	// is an atomic that connections of any state update.)
	for cut := time.Now().Add(time.Second); s.conns.Load() > 0 && time.Now().Before(cut); {
		time.Sleep(10 * time.Millisecond)
	}
	cerr := s.ssh.Close()
	s.wg.Wait()
	if cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		return cerr
	}
	return nil
}

// register adds a session for Shutdown and the refresh loop; it fails when
// the server is shutting down.
func (s *Server) register(id string, ls *liveSession) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.sessions[id] = ls
	return true
}

func (s *Server) unregister(id string) {
	s.mu.Lock()
	delete(s.sessions, id)
	s.mu.Unlock()
}

func (s *Server) setSend(id string, send func(tea.Msg)) {
	s.mu.Lock()
	if ls := s.sessions[id]; ls != nil {
		ls.send = send
	}
	s.mu.Unlock()
}

// refreshLoop calls Config.Refresh periodically and tells open programs
// when the library changed.
func (s *Server) refreshLoop() {
	defer s.wg.Done()
	t := time.NewTicker(s.cfg.RefreshInterval)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
		}
		if !s.cfg.Refresh() || s.cfg.RefreshMsg == nil {
			continue
		}
		s.mu.Lock()
		var sends []func(tea.Msg)
		for _, ls := range s.sessions {
			if ls.send != nil {
				sends = append(sends, ls.send)
			}
		}
		s.mu.Unlock()
		s.log.Info("library changed", "sessions_told", len(sends))
		for _, send := range sends {
			go send(s.cfg.RefreshMsg())
		}
	}
}

// Permissions extensions set by publicKeyAuth. x/crypto hands the session
// the Permissions returned for the key the client proved it holds, so
// these describe that key, whatever other keys the client asked about.
const (
	extKeyFP = "bao-key-fingerprint" // the key's SHA256 fingerprint
	extNoPTY = "bao-no-pty"          // "1": its line says no-pty or restrict
)

// publicKeyAuth accepts any key, or those the authorized keys file allows
// from this address now. Every attempt is logged in one line, with the
// reason when refused (the fingerprint is the only key material logged).
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	fp := gossh.FingerprintSHA256(key)
	v := keyVerdict{ok: true}
	if s.auth != nil {
		v = s.auth.check(key, ctx.RemoteAddr(), time.Now())
		if v.recovered {
			s.log.Info("authorized keys usable again", "path", s.cfg.AuthorizedKeysPath)
		}
	}
	args := []any{"remote", remote(ctx.RemoteAddr()), "user", ctx.User(), "key", fp, "type", key.Type(), "ok", v.ok}
	if !v.ok {
		s.log.Warn("auth", append(args, "reason", v.reason)...)
		return false
	}
	s.log.Info("auth", args...)
	perms := ctx.Permissions()
	if perms.Extensions == nil {
		perms.Extensions = map[string]string{}
	}
	perms.Extensions[extKeyFP] = fp
	if v.noPTY {
		perms.Extensions[extNoPTY] = "1"
	}
	return true
}

// ptyAllowed refuses a terminal to a key whose line says no-pty.
func (s *Server) ptyAllowed(ctx ssh.Context, _ ssh.Pty) bool {
	if ctx.Permissions().Permissions == nil || ctx.Permissions().Extensions[extNoPTY] == "" {
		return true
	}
	s.log.Warn("refused pty: the key's authorized_keys line says no-pty or restrict", "remote", remote(ctx.RemoteAddr()),
		"key", ctx.Permissions().Extensions[extKeyFP])
	return false
}

// sessionRequest allows only a shell: a command (exec, and scp which is an
// exec) and subsystems (sftp) are refused.
func (s *Server) sessionRequest(sess ssh.Session, kind string) bool {
	if kind == "shell" {
		return true
	}
	what := sess.RawCommand()
	if kind == "subsystem" {
		what = sess.Subsystem()
	}
	s.log.Warn("refused", "remote", remote(sess.RemoteAddr()), "request", kind, "len", len(what))
	return false
}

// channelCount is the context key of a connection's open session channels.
type channelCount struct{}

// sessionChannel admits a session channel unless the connection already
// has MaxSessionsPerConn open.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	n, _ := ctx.Value(channelCount{}).(*atomic.Int32)
	if n == nil { // not made by wrapConn: cannot happen
		_ = ch.Reject(gossh.ResourceShortage, "bao: no session")
		return
	}
	if n.Add(1) > MaxSessionsPerConn {
		n.Add(-1)
		s.log.Warn("refused channel: too many on one connection", "remote", remote(conn.RemoteAddr()))
		_ = ch.Reject(gossh.ResourceShortage, fmt.Sprintf("bao: at most %d sessions per connection", MaxSessionsPerConn))
		return
	}
	defer n.Add(-1)
	ssh.DefaultSessionHandler(srv, conn, limitedChannel{ch}, ctx)
}

// Env requests are kept by the SSH library for the session's life, as
// many as come: only the first few are let through.
const (
	maxEnvRequests = 32
	maxEnvBytes    = 8 << 10
)

// limitedChannel is a session channel whose env requests are bounded.
type limitedChannel struct{ gossh.NewChannel }

func (c limitedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		var count, size int
		for req := range reqs {
			if req.Type == "env" {
				count++
				size += len(req.Payload)
				if count > maxEnvRequests || size > maxEnvBytes {
					if req.WantReply {
						_ = req.Reply(false, nil)
					}
					continue
				}
			}
			out <- req
		}
	}()
	return ch, out, nil
}

// maxConns bounds open TCP connections (authenticated or not), so a flood
// of handshakes cannot exhaust the server before sessions are counted.
func (s *Server) maxConns() int64 { return int64(2*s.cfg.MaxSessions + 16) }

// wrapConn counts and logs connections.
func (s *Server) wrapConn(ctx ssh.Context, c net.Conn) net.Conn {
	if n := s.conns.Add(1); n > s.maxConns() {
		s.conns.Add(-1)
		s.log.Warn("refused connection: too many open", "remote", remote(c.RemoteAddr()), "open", n-1)
		return nil
	}
	s.log.Info("connect", "remote", remote(c.RemoteAddr()))
	ctx.SetValue(channelCount{}, new(atomic.Int32))
	lc := &loggedConn{Conn: c, s: s, start: time.Now()}
	ctx.SetValue(connKey{}, lc)
	return lc
}

// connKey is the context key of a connection's *loggedConn.
type connKey struct{}

// maxBytesBeforeShell bounds what a client may send before its first
// session starts: the handshake, authentication, pty and env requests take
// a few kilobytes, and the SSH library keeps every env request, so without
// a bound a client could grow the server's memory at will.
const maxBytesBeforeShell = 256 << 10

type loggedConn struct {
	net.Conn
	s       *Server
	start   time.Time
	once    sync.Once
	read    atomic.Int64
	shelled atomic.Bool // a session of this connection got to its handler
}

func (c *loggedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if !c.shelled.Load() && c.read.Add(int64(n)) > maxBytesBeforeShell {
		c.s.log.Warn("closing connection: too much sent before a session", "remote", remote(c.RemoteAddr()))
		_ = c.Conn.Close()
		return n, net.ErrClosed
	}
	return n, err
}

func (c *loggedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.s.conns.Add(-1)
		c.s.log.Info("disconnect", "remote", remote(c.RemoteAddr()), "duration", time.Since(c.start).Round(time.Millisecond))
	})
	return err
}

func remote(a net.Addr) string {
	if a == nil {
		return "?"
	}
	return a.String()
}

func (s *Server) newSessionID() string {
	return "s" + strconv.FormatInt(s.nextID.Add(1), 10)
}
