package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"bao/internal/ambiguous"
	"bao/internal/config"
	"bao/issues"
	"bao/reader/bookmarks"
	"bao/reader/search"
	"bao/ui"
)

// Environment variables the reader passes to itself when it restarts in
// place (ambiguous.Restart, for the `w` key): the policy chosen with `w`,
// which wins over flags and configuration, and where to reopen.
const (
	envAmbiguous = "BAO_AMBIGUOUS"
	envResume    = "BAO_RESUME"
)

// probeTimeout bounds the terminal probe for the ambiguous width: a
// terminal that has not answered by then is taken not to answer.
const probeTimeout = 200 * time.Millisecond

// readerFPS is the renderer's frame rate, bubbletea's highest, as bao
// serve runs it: at the default 60 a key waits up to 17 ms for its frame.
const readerFPS = 120

// runRead is `bao [flags] [PATH...]`: the reader in the terminal.
func runRead(c *cli, args []string) int {
	fs := c.newFlags("bao", "bao [flags] [PATH...]",
		"Read issue files, or a library folder of them, in the terminal.\n"+
			"No PATH opens a sample issue; one file opens its front page; a folder opens the shelf.\n"+
			"Flags may also be set in the configuration file "+displayPath(config.ConfigFile(c.getenv))+"\n(same names; data_dir for --data-dir).")
	var columns columnsFlag
	fs.Var(&columns, "columns", "body columns, `auto|N`: auto chooses by width (columns of 20 to 40 CJK characters)")
	ambiguousFlag := fs.String("ambiguous", "", "width of East Asian ambiguous characters (“ ” … ·): narrow, wide or auto (default auto: RUNEWIDTH_EASTASIAN, then asking the terminal, then the locale)")
	theme := fs.String("theme", "", "colours for a light or dark background: light, dark or auto (default auto)")
	dataDir := fs.String("data-dir", "", "where bookmarks and reading positions are kept (default "+displayPath(defaultDataDir(c.getenv))+")")
	enc := fs.String("encoding", "", "text encoding of the files (gb18030, big5, shift_jis, euc-kr, utf-8, …; default: detect)")
	ragged := fs.Bool("ragged", false, "set body text ragged right instead of justified")
	vert := fs.Bool("vertical", false, "set articles top to bottom, right to left (竖排/縦書き; v toggles, remembered per issue)")
	fs.Usage = func() {
		// bao --help: the commands, then the reader's own flags.
		w := fs.Output()
		c.usage(w)
		fmt.Fprintln(w, "\nReading: bao [flags] [PATH...]")
		fmt.Fprintln(w, "No PATH opens a sample issue; one file opens its front page; a folder opens the shelf;")
		fmt.Fprintln(w, "- reads one issue from standard input (cat issue.txt | bao -).")
		fmt.Fprintln(w, "Flags may also be set in the configuration file "+displayPath(config.ConfigFile(c.getenv)))
		fmt.Fprintln(w, "(same names; data_dir for --data-dir).")
		fmt.Fprintln(w, "\nFlags:")
		fs.PrintDefaults()
	}
	paths, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	cfgPath := config.ConfigFile(c.getenv)
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return c.fail("", err)
	}
	opt := ui.Options{
		Paths:    paths,
		Columns:  pick(set["columns"], int(columns), int(cfg.Columns)),
		Theme:    pick(set["theme"], *theme, cfg.Theme),
		DataDir:  pick(set["data-dir"], *dataDir, config.ExpandHome(cfg.DataDir, c.getenv)),
		Encoding: pick(set["encoding"], *enc, cfg.Encoding),
		Ragged:   pick(set["ragged"], *ragged, cfg.Ragged),
		Vertical: pick(set["vertical"], *vert, cfg.Vertical),
	}
	switch opt.Theme {
	case "", "auto", "light", "dark":
	default:
		// Only the flag can be wrong here: config.Load checks the file's.
		return c.usageError("", fmt.Errorf("--theme %q: want light, dark or auto", opt.Theme))
	}
	if opt.DataDir == "" {
		opt.DataDir = defaultDataDir(c.getenv)
	}
	if dir := searchCacheDir(c); len(paths) > 0 && opt.Encoding == "" && dir != "" {
		// The index bao search keeps for the same paths.
		key := indexKey(paths)
		opt.SearchIndex = func() (*search.Index, error) {
			return search.OpenIndexWith(dir, key, search.IndexOptions{Background: true})
		}
	}
	policy, err := ambiguous.Parse(*ambiguousFlag)
	if err != nil {
		return c.usageError("", err)
	}
	policy = pick(set["ambiguous"], policy, cfg.Ambiguous)
	if v := c.getenv(envAmbiguous); v != "" {
		// chosen with `w` before a restart
		if policy, err = ambiguous.Parse(v); err != nil {
			return c.fail("", fmt.Errorf("%s: %w", envAmbiguous, err))
		}
	}
	tty := term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
	if policy == ambiguous.Auto {
		policy = decideAmbiguous(c.getenv, tty)
	}
	opt.Ambiguous = policy

	// charm's x/ansi, which the renderer measures with, read
	// RUNEWIDTH_EASTASIAN once at start-up. When it disagrees with the
	// policy, start again with the variable set, before any output.
	if tty && ambiguous.Renderer(c.getenv) != policy && !ambiguous.Restarted(c.getenv) {
		return c.fail("", ambiguous.Restart(policy, nil))
	}
	if v := c.getenv(envResume); v != "" {
		r, err := ui.DecodeResume(v)
		if err != nil {
			return c.fail("", err)
		}
		opt.Resume = r
	}
	opt.CanRestart = tty && ambiguous.CanRestart

	// As bao serve does: a key's frame is drawn on the next tick, so the
	// tick bounds the latency (see bench/keylatency).
	progOpts := []tea.ProgramOption{tea.WithFPS(readerFPS)}
	stdinTTY := term.IsTerminal(os.Stdin.Fd())
	fromStdin := len(paths) == 1 && paths[0] == "-"
	if fromStdin && stdinTTY {
		return c.fail("", errors.New("-: standard input is the terminal, not an issue; pipe one in: cat issue.txt | bao -"))
	}
	for _, p := range opt.Paths {
		if _, err := os.Stat(p); err != nil && !fromStdin {
			return c.fail("", err)
		}
	}
	if !term.IsTerminal(os.Stdout.Fd()) {
		return c.fail("", errors.New("the reader needs a terminal to draw on; bao print writes an issue to a pipe or file"))
	}
	if !stdinTTY && !fromStdin {
		return c.fail("", errors.New("the reader reads keys from a terminal, and standard input is not one (bao - reads an issue from it)"))
	}
	if fromStdin {
		// The issue comes on standard input; the keys from the terminal.
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			return c.fail("", fmt.Errorf("-: %w", err))
		}
		is, err := issues.Parse(data, "-", issues.LoadOptions{Encoding: opt.Encoding})
		if err != nil {
			return c.fail("", err)
		}
		opt.Issue, opt.Paths = is, nil
		// Its bookmarks and reading state are kept by its content, so a
		// bookmark made here is found again when the same text is piped in.
		opt.IssueRef = bookmarks.RefForBytes("-", data)
		opt.CanRestart = false // standard input cannot be read again
		ttyIn, err := os.Open("/dev/tty")
		if err != nil {
			return c.fail("", fmt.Errorf("keys need a terminal: %w", err))
		}
		defer ttyIn.Close()
		progOpts = append(progOpts, tea.WithInput(ttyIn))
	}

	final, err := tea.NewProgram(ui.New(opt), progOpts...).Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		// The library's name is no help to the reader.
		return c.fail("", errors.New(strings.ReplaceAll(err.Error(), "bubbletea: ", "")))
	}
	m, _ := final.(*ui.Model)
	if m == nil {
		return 0
	}
	// Shown on the shelf while reading; said again where it stays.
	c.reportUnreadable("", m.LibraryErrors())
	if err := m.Err(); err != nil {
		return c.fail("", err)
	}
	if r, ok := m.Restart(); ok {
		next := policy.Other()
		return c.fail("", ambiguous.Restart(next, map[string]string{envAmbiguous: next.String(), envResume: ui.EncodeResume(r)}))
	}
	if err := m.Unsaved(); err != nil {
		// A read-only or full data directory: say what was lost.
		return c.fail("", err)
	}
	return 0
}

// defaultDataDir is where bookmarks and reading state live unless told
// otherwise, the place `bao bookmarks` reads; "" when the environment names
// none (the reader then keeps nothing and says so).
func defaultDataDir(getenv func(string) string) string {
	d, err := config.DataDir(getenv)
	if err != nil {
		return ""
	}
	return d
}

// pick is the flag's value when it was given, else the configuration's.
func pick[T any](given bool, flagValue, configValue T) T {
	if given {
		return flagValue
	}
	return configValue
}

// decideAmbiguous is the `auto` policy (ambiguous.Decide), asking the
// terminal on standard input and output when tty.
func decideAmbiguous(getenv func(string) string, tty bool) ambiguous.Policy {
	var probe func() (ambiguous.Policy, error)
	if tty {
		probe = func() (ambiguous.Policy, error) { return ambiguous.Probe(os.Stdin, os.Stdout, probeTimeout) }
	}
	return ambiguous.Decide(getenv, probe)
}

func displayPath(p string) string {
	if p == "" {
		return "(none: HOME is not set)"
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(p, home+"/") {
		return "~" + p[len(home):]
	}
	return p
}
