package serve

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// shutdownNoticeMsg tells a session the server is going down.
type shutdownNoticeMsg struct{ deadline time.Time }

// guard wraps a session's model: a panic in its Update, View or commands
// is recovered and reported through onPanic (which logs it with the
// session id and ends that session only), and the shutdown notice is drawn
// over the last line of its view.
type guard struct {
	inner    tea.Model
	onPanic  func(where string, r any, stack []byte)
	panicked *atomic.Bool
	width    int
	notice   string
}

func newGuard(inner tea.Model, width int, onPanic func(string, any, []byte)) *guard {
	return &guard{inner: inner, width: width, onPanic: onPanic, panicked: new(atomic.Bool)}
}

// report reports a recovered panic (the first one only: the session is
// ending). recover itself must be called by each deferred function: it
// only stops a panic when called directly from one.
func (g *guard) report(where string, r any) {
	if g.panicked.CompareAndSwap(false, true) {
		g.onPanic(where, r, debug.Stack())
	}
}

func (g *guard) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.report("init", r)
			cmd = tea.Quit
		}
	}()
	return g.wrap(g.inner.Init())
}

func (g *guard) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.report("update", r)
			m, cmd = g, tea.Quit
		}
	}()
	if g.panicked.Load() {
		return g, tea.Quit
	}
	switch msg := msg.(type) {
	case shutdownNoticeMsg:
		secs := int(time.Until(msg.deadline).Round(time.Second) / time.Second)
		g.notice = fmt.Sprintf(" bao serve is shutting down: this session closes in %d s. Thank you for reading. ", max(secs, 0))
		return g, nil
	case tea.WindowSizeMsg:
		g.width = msg.Width
	}
	inner, cmd := g.inner.Update(msg)
	g.inner = inner
	return g, g.wrap(cmd)
}

var noticeStyle = lipgloss.NewStyle().Reverse(true).Bold(true)

func (g *guard) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			g.report("view", r)
			v = tea.NewView("bao: internal error; this session is closing.")
		}
	}()
	if g.panicked.Load() {
		return tea.NewView("bao: internal error; this session is closing.")
	}
	v = g.inner.View()
	if g.notice != "" {
		line := noticeStyle.Render(ansi.Truncate(g.notice, max(g.width, 1), ""))
		if i := strings.LastIndexByte(v.Content, '\n'); i >= 0 {
			v.Content = v.Content[:i+1] + line
		} else {
			v.Content = line
		}
	}
	return v
}

// wrap makes a command recover its own panics: commands run on their own
// goroutines, where nothing up the stack could catch them.
func (g *guard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.report("command", r)
				msg = tea.QuitMsg{}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			// tea.Batch's commands also run on goroutines of their own.
			wrapped := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				wrapped[i] = g.wrap(c)
			}
			msg = wrapped
		}
		return msg
	}
}
