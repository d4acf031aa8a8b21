package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"

	"bao/internal/ambiguous"
	"bao/issues"
	"bao/reader/search"
	"bao/serve"
	"bao/ui"
)

// runServe is `bao serve [flags] LIBRARY`: the reader over SSH.
func runServe(c *cli, args []string) int {
	fs := c.newFlags("serve", "bao serve [flags] LIBRARY",
		"Serve the reader over SSH: anyone with an SSH client reads LIBRARY (a folder of issue\n"+
			"files, or one file) with `ssh -p PORT host`. Public-key authentication only; each key\n"+
			"keeps its own bookmarks. Sessions are read-only: no commands, forwarding or file transfer.\n"+
			"Each session's terminal is asked how wide it draws “ ” and the like; one that differs from\n"+
			"--ambiguous is served by a child bao with the other width (and `w` switches by hand).")
	listen := fs.String("listen", serve.DefaultAddr, "address to listen on (a non-loopback address is warned about)")
	hostKey := fs.String("host-key", "", "host private key (default DATA-DIR/"+serve.HostKeyName+", made on first start)")
	authKeys := fs.String("authorized-keys", "", "authorized_keys file: only these keys may read (default: any key)")
	maxSessions := fs.Int("max-sessions", serve.DefaultMaxSessions, "most readers connected at once")
	idle := fs.Duration("idle-timeout", serve.DefaultIdleTimeout, "close a session after this long without a key pressed")
	ambiguousFlag := fs.String("ambiguous", "", "width of East Asian ambiguous characters (“ ” · …) for the server: narrow or wide\n(default: RUNEWIDTH_EASTASIAN, else narrow); sessions whose terminal differs are served by a child process")
	dataDir := fs.String("data-dir", "", "where the host key and each key's bookmarks live (default "+displayPath(defaultServeDataDir(c.getenv))+")")
	enc := fs.String("encoding", "", "text encoding of the issue files (default: detect)")
	refresh := fs.Duration("refresh", serve.DefaultRefreshInterval, "how often to look for new issue files")
	child := fs.String(sessionChildFlag, "", "(internal) serve one session on this terminal from this per-key data dir")
	hideFlag(fs, sessionChildFlag)
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		return c.usageError("serve", errors.New("want one LIBRARY (a folder of issue files, or a file)"))
	}
	root := pos[0]
	if _, err := os.Stat(root); err != nil {
		return c.fail("serve", err)
	}
	policy := ambiguous.Renderer(os.Getenv) // what x/ansi read at start-up
	if *ambiguousFlag != "" {
		want, err := ambiguous.Parse(*ambiguousFlag)
		if err != nil {
			return c.usageError("serve", err)
		}
		if want == ambiguous.Auto {
			return c.usageError("serve", errors.New("--ambiguous auto: a server has no terminal to ask; say narrow or wide (each session's terminal is probed anyway)"))
		}
		if want != policy {
			// x/ansi read RUNEWIDTH_EASTASIAN once at start-up and the
			// renderer of every session measures with it: start again
			// with it set, before listening.
			if ambiguous.Restarted(c.getenv) {
				return c.fail("serve", fmt.Errorf("--ambiguous %s: still %s after a restart", want, policy))
			}
			return c.fail("serve", ambiguous.Restart(want, nil))
		}
	}
	lib, err := newServedLibrary(root, *enc)
	if err != nil {
		return c.fail("serve", err)
	}
	if *child == "" {
		c.reportUnreadable("serve", lib.lib.Errors())
	}
	if dir, key := searchCacheDir(c), indexKey([]string{root}); *enc == "" && dir != "" {
		lib.searchIndex = func() (*search.Index, error) {
			return search.OpenIndexWith(dir, key, search.IndexOptions{Background: true})
		}
	}
	if *child != "" {
		return runServeChild(lib, *child, policy, *refresh)
	}

	if *maxSessions < 1 {
		return c.usageError("serve", fmt.Errorf("--max-sessions %d: want 1 or more", *maxSessions))
	}
	dir := *dataDir
	if dir == "" {
		dir = defaultServeDataDir(c.getenv)
		if dir == "" {
			return c.fail("serve", errors.New("no data dir: set --data-dir (HOME and XDG_DATA_HOME are unset)"))
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return c.fail("serve", err)
	}
	logger := log.NewWithOptions(c.stderr, log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339, Prefix: "bao serve"})
	keyPath := *hostKey
	if keyPath == "" {
		keyPath = filepath.Join(dir, serve.HostKeyName)
	}
	if !serve.IsLoopback(*listen) {
		logger.Warn("listening beyond this machine: anyone who can reach " + *listen + " and holds " +
			map[bool]string{true: "an authorized key", false: "any SSH key"}[*authKeys != ""] + " can read the library")
	}
	exe, err := os.Executable()
	if err != nil {
		return c.fail("serve", err)
	}
	srv, err := serve.New(serve.Config{
		Addr:               *listen,
		HostKeyPath:        keyPath,
		AuthorizedKeysPath: *authKeys,
		DataDir:            dir,
		MaxSessions:        *maxSessions,
		IdleTimeout:        *idle,
		Ambiguous:          policy,
		Logger:             logger,
		NewModel: func(s serve.Session) tea.Model {
			return servedReader(lib, s.DataDir, s.Ambiguous, s.Resume)
		},
		Switch: switchPolicy,
		Child: func(s serve.Session) *exec.Cmd {
			// Only what the server decided goes on the command line; the
			// client's input never does.
			args := []string{"serve", "--" + sessionChildFlag, s.DataDir, "--ambiguous", s.Ambiguous.String(),
				"--refresh", refresh.String()}
			if *enc != "" {
				args = append(args, "--encoding", *enc)
			}
			cmd := exec.Command(exe, append(args, "--", root)...)
			cmd.Env = []string{ambiguous.EnvRestarted + "=1", envServeResume + "=" + s.Resume}
			if home := os.Getenv("HOME"); home != "" {
				cmd.Env = append(cmd.Env, "HOME="+home)
			}
			return cmd
		},
		Refresh:         lib.refresh,
		RefreshInterval: *refresh,
		RefreshMsg:      func() tea.Msg { return ui.LibraryChangedMsg{Library: lib.current()} },
	})
	if err != nil {
		return c.fail("serve", err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return c.fail("serve", err)
	}
	fmt.Fprintf(c.stdout, "bao serve: reading %s on ssh -p %s %s\n", root, portOf(ln.Addr()), hostOf(ln.Addr()))

	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return c.fail("serve", err)
	case sig := <-sigs:
		logger.Info("signal", "signal", sig.String())
	}
	ctx, cancel := context.WithTimeout(context.Background(), serve.DefaultShutdownGrace+5*time.Second)
	defer cancel()
	go func() {
		// A second signal skips the grace period.
		if _, ok := <-sigs; ok {
			cancel()
		}
	}()
	if err := srv.Shutdown(ctx); err != nil {
		return c.fail("serve", err)
	}
	if err := <-served; err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return c.fail("serve", err)
	}
	logger.Info("stopped")
	return 0
}

// sessionChildFlag starts a child that serves one session (serve.Config.Child):
// the server's own business, so it is not in `bao serve --help`.
const sessionChildFlag = "session-child"

// hideFlag leaves the named flag out of fs's help; it still parses. The
// flag package prints each flag as "  -name …" and its usage on lines
// indented by a tab: those lines are dropped.
func hideFlag(fs *flag.FlagSet, name string) {
	usage := fs.Usage
	fs.Usage = func() {
		out := fs.Output()
		var b strings.Builder
		fs.SetOutput(&b)
		usage()
		fs.SetOutput(out)
		skipping := false
		for _, line := range strings.SplitAfter(b.String(), "\n") {
			switch {
			case strings.HasPrefix(line, "  -"):
				flagName, _, _ := strings.Cut(strings.TrimPrefix(line, "  -"), " ")
				skipping = strings.TrimSpace(flagName) == name
			case !strings.HasPrefix(line, "    \t"):
				skipping = false
			}
			if !skipping {
				io.WriteString(out, line)
			}
		}
	}
}

// envServeResume carries where a session reopens into a child process
// after an ambiguous-width switch (ui.EncodeResume).
const envServeResume = "BAO_SERVE_RESUME"

// runServeChild serves one session on this process's terminal (a pty the
// server made), with this process's ambiguous-width policy.
func runServeChild(lib *servedLibrary, userDir string, policy ambiguous.Policy, refresh time.Duration) int {
	m := servedReader(lib, userDir, policy, os.Getenv(envServeResume))
	return serve.RunChild(m, serve.ChildOptions{Refresh: lib.refresh, RefreshInterval: refresh, Switch: switchPolicy,
		RefreshMsg: func() tea.Msg { return ui.LibraryChangedMsg{Library: lib.current()} }})
}

// servedReader is the reader of one session. `w` (the other ambiguous
// width) quits it with a place to resume at; the server then goes on
// under the other policy, in-process or in a child (see switchPolicy).
func servedReader(lib *servedLibrary, dataDir string, policy ambiguous.Policy, resume string) tea.Model {
	opt := ui.Options{Library: lib.current(), DataDir: dataDir, Ambiguous: policy, CanRestart: true,
		SearchIndex: lib.searchIndex}
	if resume != "" {
		if r, err := ui.DecodeResume(resume); err == nil {
			opt.Resume = r
		}
	}
	return ui.New(opt)
}

// switchPolicy is serve.Config.Switch for the reader.
func switchPolicy(final tea.Model) (string, bool) {
	m, ok := final.(*ui.Model)
	if !ok {
		return "", false
	}
	r, ok := m.Restart()
	if !ok {
		return "", false
	}
	return ui.EncodeResume(r), true
}

func defaultServeDataDir(getenv func(string) string) string {
	d := defaultDataDir(getenv)
	if d == "" {
		return ""
	}
	return filepath.Join(d, "serve")
}

func portOf(a net.Addr) string {
	_, p, _ := net.SplitHostPort(a.String())
	return p
}

func hostOf(a net.Addr) string {
	h, _, _ := net.SplitHostPort(a.String())
	if ip := net.ParseIP(h); ip != nil && ip.IsUnspecified() {
		if name, err := os.Hostname(); err == nil {
			return name
		}
	}
	return h
}

// servedLibrary is the library all sessions share. Its listing is redone
// by refresh (a parallel stat walk, cheap) and, when a file arrived, left
// or changed, a new snapshot is handed to the sessions, so each sees one
// consistent listing; parsed issues are shared through the library's
// cache, so an issue is parsed once however many readers open it at once.
type servedLibrary struct {
	lib *issues.Library
	// searchIndex opens the library's search index (bao search's, shared
	// by every session: each search opens it anew); nil for none.
	searchIndex func() (*search.Index, error)

	mu  sync.Mutex
	cur ui.Library
}

// servedCacheIssues is how many parsed issues bao serve keeps for all its
// sessions: readers mostly open the latest few issues.
const servedCacheIssues = 32

func newServedLibrary(root, enc string) (*servedLibrary, error) {
	opt := issues.LoadOptions{Encoding: enc}
	lib, err := issues.Open(context.Background(), []string{root},
		issues.LibraryOptions{Cache: issues.NewCache(servedCacheIssues, opt)})
	if err != nil {
		return nil, err
	}
	return &servedLibrary{lib: lib, cur: ui.LibraryOf(lib)}, nil
}

// current is the listing new sessions open.
func (l *servedLibrary) current() ui.Library {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur
}

// refresh relists and reports whether the listing changed; a library that
// cannot be listed right now (a folder being replaced) keeps its last
// listing.
func (l *servedLibrary) refresh() bool {
	changed, err := l.lib.RefreshContext(context.Background())
	if err != nil || !changed {
		return false
	}
	l.mu.Lock()
	l.cur = ui.LibraryOf(l.lib)
	l.mu.Unlock()
	return true
}
