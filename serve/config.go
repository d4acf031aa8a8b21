package serve

import (
	"io"
	"os/exec"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"

	"bao/internal/ambiguous"
)

// Defaults for a Config's zero fields.
const (
	DefaultAddr            = "127.0.0.1:2323"
	DefaultMaxSessions     = 64
	DefaultIdleTimeout     = 30 * time.Minute
	DefaultProbeTimeout    = 400 * time.Millisecond
	DefaultShutdownGrace   = 10 * time.Second
	DefaultRefreshInterval = 30 * time.Second
	DefaultHandshakeTimout = 20 * time.Second
	DefaultWriteTimeout    = time.Minute
	// MaxSessionsPerConn bounds the session channels one connection may
	// open at once (each is a program, or a goroutine waiting to be one).
	MaxSessionsPerConn = 4

	// MaxWidth and MaxHeight are the largest window a program is told. A
	// client may claim 10000×10000; laying out and diffing 100M cells per
	// frame would let one session eat the server (even 1000×1000 costs
	// the renderer about a second of CPU per full frame), so sizes are
	// clamped and the terminal shows the top-left part. The largest real
	// terminals (a 4K screen, a small font) are about 480×135.
	MaxWidth  = 500
	MaxHeight = 200
)

// Config is what a Server needs. NewModel is required; the rest has
// defaults.
type Config struct {
	// Addr is the TCP address to listen on (DefaultAddr when empty).
	Addr string
	// HostKeyPath is the server's private host key, made on first start
	// (see HostKeyOption).
	HostKeyPath string
	// AuthorizedKeysPath is an OpenSSH authorized_keys file: only those keys
	// may connect. Empty: any public key may (anonymous reading, each key
	// with its own bookmarks). Passwords and keyboard-interactive are never
	// accepted.
	AuthorizedKeysPath string
	// DataDir holds per-key data: each key gets DataDir/users/<KeyID>.
	DataDir string
	// MaxSessions is how many readers may be connected at once
	// (DefaultMaxSessions when 0); the next is refused politely.
	MaxSessions int
	// IdleTimeout ends a session after this long without input
	// (DefaultIdleTimeout when 0, never when negative).
	IdleTimeout time.Duration
	// Ambiguous is the server's ambiguous-width policy, Narrow or Wide
	// (Auto counts narrow), which must be the one this process's x/ansi
	// was initialised with (RUNEWIDTH_EASTASIAN).
	Ambiguous ambiguous.Policy
	// ProbeTimeout bounds the wait for a terminal's answer to the
	// ambiguous-width probe (DefaultProbeTimeout when 0; negative: no probe).
	ProbeTimeout time.Duration
	// WriteTimeout ends a session whose client has not taken its output
	// for this long (DefaultWriteTimeout when 0).
	WriteTimeout time.Duration
	// ShutdownGrace is how long Shutdown lets open sessions finish after
	// telling them (DefaultShutdownGrace when 0).
	ShutdownGrace time.Duration

	// NewModel makes the program model of one session.
	NewModel func(Session) tea.Model
	// Child, when set, makes the command that serves a session whose
	// terminal draws ambiguous characters differently from the server's
	// policy: a bao process started with the other policy, run on a pty
	// wired to the session. The server sets its environment. When nil, such
	// a session runs in-process and its reader is told how to fix it.
	// On Windows, which has no Unix pseudo-terminal, New logs that and
	// drops it.
	Child func(s Session) *exec.Cmd

	// Switch, when set, is asked about a session's model after its
	// program ended without error: ok means the reader asked for the other
	// ambiguous-width policy, and the session goes on under it (in-process
	// or in a child, whichever has it) with a new model made with
	// Session.Resume = resume.
	Switch func(final tea.Model) (resume string, ok bool)

	// Refresh, when set, is called every RefreshInterval; when it reports a
	// change, RefreshMsg is sent to every open session's program.
	Refresh         func() (changed bool)
	RefreshInterval time.Duration
	RefreshMsg      func() tea.Msg

	// Logger receives the structured log (a stderr logger when nil).
	Logger *log.Logger
	// Stderr is where a nil Logger writes.
	Stderr io.Writer
}

// Session is what a session's model is made from.
type Session struct {
	ID          string // unique in this server's run, for logs
	User        string // the SSH user name (not trusted: any name works)
	KeyID       string // KeyID of the public key
	Fingerprint string // SHA256:… as ssh-keygen prints it
	DataDir     string // this key's own data directory (created)
	Term        string // the client's TERM
	Width       int    // initial window, clamped to MaxWidth×MaxHeight
	Height      int
	Ambiguous   ambiguous.Policy // the policy the program runs under: Narrow or Wide
	Terminal    ambiguous.Policy // what the probe found the terminal to do; Auto: it did not say
	Resume      string           // where to reopen after a switch (see Config.Switch); "" at first
}

func (c *Config) withDefaults() Config {
	d := *c
	if d.Addr == "" {
		d.Addr = DefaultAddr
	}
	if d.MaxSessions <= 0 {
		d.MaxSessions = DefaultMaxSessions
	}
	if d.Ambiguous != ambiguous.Wide {
		d.Ambiguous = ambiguous.Narrow // what x/ansi does unless told otherwise
	}
	if d.IdleTimeout == 0 {
		d.IdleTimeout = DefaultIdleTimeout
	}
	if d.ProbeTimeout == 0 {
		d.ProbeTimeout = DefaultProbeTimeout
	}
	if d.WriteTimeout <= 0 {
		d.WriteTimeout = DefaultWriteTimeout
	}
	if d.ShutdownGrace <= 0 {
		d.ShutdownGrace = DefaultShutdownGrace
	}
	if d.RefreshInterval <= 0 {
		d.RefreshInterval = DefaultRefreshInterval
	}
	return d
}

func clampWindow(w, h int) (int, int) {
	return min(max(w, 0), MaxWidth), min(max(h, 0), MaxHeight)
}
