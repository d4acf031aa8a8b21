package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"bao/internal/ambiguous"
	"bao/issues"
	"bao/issues/pdf"
	"bao/reader/layout"
	"bao/reader/vertical"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// runPrint is `bao print`: lay an issue out with the reader's engine and
// write it to stdout, no TUI.
func runPrint(c *cli, args []string) int {
	fs := c.newFlags("print", "bao print [flags] PATH...",
		"Lay an issue out in newspaper columns and write it to stdout. PATH is an issue file (- reads stdin),\n"+
			"a day's page PDFs (01.pdf 02.pdf …), or a folder holding one issue (a day's page PDFs).")
	width := fs.Int("width", 0, "page width in cells (default: the terminal's, else $COLUMNS, else 80)")
	var columns columnsFlag
	fs.Var(&columns, "columns", "number of columns, `auto|N` (auto: columns of at least 40 cells)")
	gutter := fs.Int("gutter", layout.DefaultGutter, "blank cells between columns")
	height := fs.Int("height", 0, "page height in lines (0: one page per article, balanced columns)")
	ambiguousFlag := fs.String("ambiguous", "auto", "width of East Asian ambiguous characters (“ ” … ·): narrow, wide or auto (RUNEWIDTH_EASTASIAN, else the terminal's answer, else the locale)")
	ragged := fs.Bool("ragged", false, "set body text ragged right instead of justified")
	noIndent := fs.Bool("no-indent", false, "no first-line indent of paragraphs")
	plain := fs.Bool("plain", false, "write no escape sequences")
	article := fs.Int("article", 0, "print only article N (from 1)")
	asJSON := fs.Bool("json", false, "print the parsed issue as JSON instead of laying it out")
	vert := fs.Bool("vertical", false, "set text top to bottom, right to left (竖排/縦書き); pages of --height rows (default 24) split by form feeds")
	enc := fs.String("encoding", "", "text encoding of the file (gb18030, big5, shift_jis, euc-kr, utf-8, …; default: detect)")
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) == 0 {
		return c.usageError("print", errors.New("want a PATH"))
	}
	path := strings.Join(pos, " ")

	opt := layout.Options{Width: *width, Gutter: *gutter, Height: *height, Ragged: *ragged, NoIndent: *noIndent}
	if opt.Width <= 0 {
		opt.Width = c.termWidth()
	}
	opt.Columns = int(columns) // 0: auto
	amb, err := ambiguous.Parse(*ambiguousFlag)
	if err != nil {
		return c.usageError("print", err)
	}
	if amb == ambiguous.Auto {
		// RUNEWIDTH_EASTASIAN, else the terminal's answer to a probe when
		// bao print writes to one (and reads from it), else the locale.
		amb = decideAmbiguous(c.getenv, c.onTerminal())
	}
	opt.Ambiguous = layout.AmbiguousFor(amb)
	if *height < 0 || *gutter < 0 || *article < 0 {
		return c.usageError("print", errors.New("--height, --gutter and --article must not be negative"))
	}

	is, err := c.loadOneIssue(pos, issues.LoadOptions{Encoding: *enc})
	if err != nil {
		return c.fail("print", err)
	}
	for _, w := range is.Warnings { // a PDF page with no text, …
		fmt.Fprintf(c.stderr, "bao print: %s\n", w)
	}
	if *asJSON {
		data, err := json.Marshal(is)
		if err != nil {
			return c.fail("print", fmt.Errorf("%s: %w", path, err))
		}
		data = append(data, '\n')
		if _, err := c.stdout.Write(data); err != nil {
			return c.fail("print", err)
		}
		return 0
	}
	arts := is.Articles
	if *article > 0 {
		if *article > len(arts) {
			return c.fail("print", fmt.Errorf("%s: no article %d (the issue has %s)", path, *article, plural(len(arts), "article", "articles")))
		}
		arts = arts[*article-1 : *article]
	}

	if *vert {
		return c.printVertical(arts, vertical.Options{Width: opt.Width, Height: *height, Ambiguous: opt.Ambiguous}, *plain)
	}

	opt.Height = *height
	widths := layout.NewWidths(opt.Ambiguous)
	pr := layout.Printer{Options: opt}
	var out io.Writer = c.stdout
	if !*plain {
		// Light styling; the colour profile writer drops what the output
		// cannot show (everything, when it is not a terminal).
		out = colorprofile.NewWriter(c.stdout, c.environ())
		pr.Style = styleLine
		pr.Rule = func(width int) string {
			// ─ is ambiguous-width: count it with the width model.
			return styleFaint.Render(strings.Repeat("─", width/max(1, widths.Rune('─'))))
		}
	}
	if err := pr.Write(out, arts); err != nil {
		return c.fail("print", err)
	}
	return 0
}

// loadIssue reads PATH, or the command's stdin for "-".
func (c *cli) loadIssue(path string, opt issues.LoadOptions) (*issues.Issue, error) {
	if path == "-" && c.stdin != nil && c.stdin != os.Stdin {
		data, err := io.ReadAll(c.stdin)
		if err != nil {
			return nil, fmt.Errorf("-: %w", err)
		}
		return issues.Parse(data, "-", opt)
	}
	if issues.IsPDFName(path) {
		c.sayIfCompiling()
	}
	return issues.LoadFile(path, opt)
}

// sayIfCompiling says, before the first PDF is read, that the engine
// must be compiled first (seconds, once, when its cache is empty).
func (c *cli) sayIfCompiling() {
	if !pdf.CompileCached("") {
		fmt.Fprintln(c.stderr, "bao print: compiling the PDF engine (once; a few seconds)…")
	}
}

// loadOneIssue loads what a user names as one issue: a file, the page
// PDFs of one date, or a folder that holds one issue (a day's pages, as
// e-paper sites publish them). More than one issue is an error that says
// how many, not a guess at which one was meant.
func (c *cli) loadOneIssue(paths []string, opt issues.LoadOptions) (*issues.Issue, error) {
	if len(paths) == 1 {
		if st, err := os.Stat(paths[0]); paths[0] == "-" || err != nil || !st.IsDir() {
			return c.loadIssue(paths[0], opt) // its error names the path
		}
	}
	for _, p := range paths {
		if p == "-" {
			return nil, errors.New("-: standard input must be the only PATH")
		}
	}
	entries, problems, err := issues.Walk(context.Background(), paths, nil)
	if err != nil {
		return nil, err
	}
	c.reportUnreadable("print", problems)
	named := strings.Join(paths, " ")
	switch {
	case len(entries) == 0:
		return nil, fmt.Errorf("%s: no issue files (.txt, .md or .pdf)", named)
	case len(entries) > 1:
		return nil, fmt.Errorf("%s: %d issues, not one (bao %s shows them on the shelf)", named, len(entries), named)
	}
	e := entries[0]
	if len(e.Parts) == 0 {
		return c.loadIssue(e.Path, opt)
	}
	c.sayIfCompiling()
	return issues.LoadPDF(e.Parts, opt)
}

// onTerminal reports whether the command reads and writes the process's
// own terminal (so the terminal can be asked how it draws ambiguous
// characters).
func (c *cli) onTerminal() bool {
	in, ok1 := c.stdin.(*os.File)
	out, ok2 := c.stdout.(*os.File)
	return ok1 && ok2 && in == os.Stdin && out == os.Stdout && term.IsTerminal(in.Fd()) && term.IsTerminal(out.Fd())
}

// termWidth is the width of the terminal on stdout, else $COLUMNS, else 80.
func (c *cli) termWidth() int {
	if f, ok := c.stdout.(*os.File); ok {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return w
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(c.getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	return 80
}

// environ is the part of the environment colour detection reads.
func (c *cli) environ() []string {
	var env []string
	for _, k := range []string{"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TTY_FORCE", "TERM_PROGRAM"} {
		if v := c.getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

var (
	styleBold  = lipgloss.NewStyle().Bold(true)
	styleFaint = lipgloss.NewStyle().Faint(true)
)

// styleLine colours a line by its kind; lipgloss only adds SGR sequences
// here (no width is set, so it never wraps or pads).
func styleLine(ln *layout.Line) string { return styleKind(ln.Kind, ln.Text) }

func styleKind(k layout.Kind, text string) string {
	switch k {
	case layout.LineHeadline, layout.LineSubhead:
		return styleBold.Render(text)
	case layout.LineKicker, layout.LineByline, layout.LineCaption, layout.LineCredit:
		return styleFaint.Render(text)
	}
	return text
}

// printVertical is `bao print --vertical`.
func (c *cli) printVertical(arts []issues.Article, opt vertical.Options, plain bool) int {
	pr := vertical.Printer{Options: opt}
	var out io.Writer = c.stdout
	if !plain {
		out = colorprofile.NewWriter(c.stdout, c.environ())
		pr.Style = func(ln *vertical.Line, _ int, text string) string { return styleKind(ln.Kind, text) }
	}
	if err := pr.Write(out, arts); err != nil {
		return c.fail("print", err)
	}
	return 0
}
