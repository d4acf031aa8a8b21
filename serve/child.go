package serve

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/creack/pty"
)

// A session whose terminal draws ambiguous characters differently from the
// server's policy cannot be served in-process: the width tables live in
// x/ansi as process-wide state read once at start-up, and every program
// of this process renders with them. So such a session is served by a
// child bao started with RUNEWIDTH_EASTASIAN set the other way, run on a
// pseudo-terminal whose master is wired to the SSH channel. The child
// opens only what the server tells it (the library and the key's data
// dir) and gets no environment from the client beyond an allowlist.

// childEnvAllow lists the client environment a child may see: what colour
// detection reads. Nothing else (LD_PRELOAD, PATH, …) crosses over.
var childEnvAllow = []string{"COLORTERM", "NO_COLOR"}

func childEnv(sess ssh.Session, info Session, base []string) []string {
	env := append([]string(nil), base...)
	env = append(env, "TERM="+safeEnvValue(info.Term, "xterm-256color"))
	for _, kv := range sess.Environ() {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		for _, allow := range childEnvAllow {
			if k == allow {
				env = append(env, k+"="+safeEnvValue(v, ""))
			}
		}
	}
	return append(env, "RUNEWIDTH_EASTASIAN="+info.Ambiguous.EastAsian())
}

// safeEnvValue keeps short printable ASCII values only.
func safeEnvValue(v, fallback string) string {
	if len(v) == 0 || len(v) > 64 {
		return fallback
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x21 || v[i] > 0x7e {
			return fallback
		}
	}
	return v
}

func (s *Server) runChild(ctx context.Context, sess ssh.Session, info *Session, in *sessionInput,
	win *windowWatch, stopFn, endWhy *atomic.Value, lg *log.Logger) (string, error) {
	if errNoChild != nil {
		return "error", errNoChild
	}
	info.Width, info.Height = win.size()
	cmd := s.cfg.Child(*info)
	cmd.Env = childEnv(sess, *info, cmd.Env)
	cmd.Stderr = &logLines{lg: lg}
	// The child hands back where the reader was, when it asks to switch
	// policy, on a pipe of its own (fd 3).
	resumeR, resumeW, err := os.Pipe()
	if err != nil {
		return "error", err
	}
	defer resumeR.Close()
	cmd.ExtraFiles = []*os.File{resumeW}
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(info.Width), Rows: uint16(info.Height)})
	resumeW.Close()
	if err != nil {
		return "error", err
	}
	lg.Info("child started", "pid", cmd.Process.Pid)

	// Resizes reach the child through the pty's fd (pty.Setsize), which a
	// closed os.File no longer owns and the kernel may have handed to
	// another file: so the resizer is stopped, and waited for, before the
	// pty is closed. (The copies only Read and Write, which os.File makes
	// safe against a concurrent Close.)
	done := make(chan struct{})
	resized := make(chan struct{})
	go func() {
		defer close(resized)
		win.follow(done, func(w, h int) { _ = pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}) })
	}()
	defer func() {
		close(done)
		<-resized
		ptmx.Close()
	}()
	waited := make(chan struct{})
	stopFn.Store(func() {
		_ = cmd.Process.Signal(childStopSignal)
		go func() {
			select {
			case <-waited:
			case <-time.After(2 * time.Second):
				_ = cmd.Process.Kill()
				closeConn(sess) // unblocks a stalled output copy
			}
		}()
	})
	s.setSend(info.ID, func(msg tea.Msg) {
		if _, ok := msg.(shutdownNoticeMsg); ok {
			_ = cmd.Process.Signal(childShutdownSignal)
		}
	})

	out := &sessionOutput{w: sess}
	outDone := make(chan struct{})
	go func() {
		defer close(outDone)
		_, _ = io.Copy(out, ptmx)
	}()
	input := in.reader()
	defer input.Close()
	go func() { _, _ = io.Copy(ptmx, input) }()
	go func() {
		select {
		case <-ctx.Done(): // the client went away
			endWhy.CompareAndSwap(nil, endClosed)
			if f, ok := stopFn.Load().(func()); ok {
				f()
			}
		case <-waited:
		}
	}()
	go s.watchIdle(done, in, out, endWhy, stopFn)

	err = cmd.Wait()
	close(waited)
	// The child's last frame may still be in the pty; give it a moment.
	select {
	case <-outDone:
	case <-time.After(time.Second):
	}
	why, _ := endWhy.Load().(string)
	var exit *exec.ExitError
	switch {
	case why != "":
		return why, nil
	case errors.As(err, &exit) && exit.ExitCode() == childPanicExit:
		return endPanic, err
	case errors.As(err, &exit) && exit.ExitCode() == childSwitchExit:
		resume, rerr := io.ReadAll(io.LimitReader(resumeR, 64<<10))
		if rerr != nil {
			return "error", rerr
		}
		info.Resume = string(resume)
		return endSwitch, nil
	case err != nil:
		return "error", err
	}
	return endQuit, nil
}

// logLines logs a child's stderr line by line with the session's logger.
type logLines struct {
	lg  *log.Logger
	buf []byte
}

func (l *logLines) Write(p []byte) (int, error) {
	l.buf = append(l.buf, p...)
	for {
		i := strings.IndexByte(string(l.buf), '\n')
		if i < 0 {
			if len(l.buf) > 8<<10 {
				l.lg.Warn("child", "stderr", string(l.buf))
				l.buf = l.buf[:0]
			}
			return len(p), nil
		}
		l.lg.Warn("child", "stderr", strings.TrimRight(string(l.buf[:i]), "\r"))
		l.buf = l.buf[i+1:]
	}
}

// RunChild's exit statuses: after a panic, and when the reader asked for
// the other ambiguous width (the resume string is then on fd 3).
const (
	childPanicExit  = 70
	childSwitchExit = 75
)

// ChildOptions configure RunChild.
type ChildOptions struct {
	// Refresh and RefreshMsg work as in Config, for this one program.
	Refresh         func() bool
	RefreshInterval time.Duration
	RefreshMsg      func() tea.Msg
	// ShutdownGrace is what the shutdown notice announces.
	ShutdownGrace time.Duration
	// Switch works as in Config: the resume string goes back to the server.
	Switch func(final tea.Model) (resume string, ok bool)
}

// RunChild runs model as a child session on this process's terminal
// (the pty the server made) and returns the exit status for the process:
// 0, or childPanicExit after a panic, whose report goes to stderr (the
// server's log).
func RunChild(model tea.Model, opt ChildOptions) int {
	if opt.ShutdownGrace <= 0 {
		opt.ShutdownGrace = DefaultShutdownGrace
	}
	if opt.RefreshInterval <= 0 {
		opt.RefreshInterval = DefaultRefreshInterval
	}
	var p *tea.Program
	var panicked atomic.Bool
	g := newGuard(model, 0, func(where string, r any, stack []byte) {
		panicked.Store(true)
		lg := log.NewWithOptions(os.Stderr, log.Options{})
		lg.Error("panic", "where", where, "panic", r, "stack", string(stack))
		go p.Quit()
	})
	p = tea.NewProgram(g, tea.WithFPS(120))
	sigs := make(chan os.Signal, 1)
	notifyShutdown(sigs)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(opt.RefreshInterval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-sigs:
				p.Send(shutdownNoticeMsg{deadline: time.Now().Add(opt.ShutdownGrace)})
			case <-t.C:
				if opt.Refresh != nil && opt.Refresh() && opt.RefreshMsg != nil {
					p.Send(opt.RefreshMsg())
				}
			}
		}
	}()
	_, err := p.Run()
	if panicked.Load() || errors.Is(err, tea.ErrProgramPanic) {
		return childPanicExit
	}
	if err == nil && opt.Switch != nil {
		if resume, ok := opt.Switch(g.inner); ok {
			f := os.NewFile(3, "resume")
			if f == nil {
				return 0
			}
			if _, err := f.WriteString(resume); err != nil {
				return 0
			}
			f.Close()
			return childSwitchExit
		}
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		log.NewWithOptions(os.Stderr, log.Options{}).Error("child", "err", err)
		return 1
	}
	return 0
}
