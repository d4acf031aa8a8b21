package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"bao/internal/config"
	"bao/issues"
	"bao/reader/search"

	"github.com/charmbracelet/x/term"
)

// runSearch is `bao search`: find the articles that hold every term of a
// query across issue files, ranked, as text lines or JSON. Exit status 1
// when nothing matched, as grep.
func runSearch(c *cli, args []string) int {
	fs := c.newFlags("search", "bao search [flags] QUERY PATH...",
		"Find the articles holding every word of QUERY in issue files or folders of them\n"+
			"(PATH - reads one issue from standard input).\n"+
			"Words match anywhere, ignoring case, full/half width, Traditional/Simplified\n"+
			"Chinese and line breaks; \"a phrase\" in quotes must occur as written.\n"+
			"Results: headline matches first, then most matches, then newest.\n"+
			"Exit status: 0 when something matched, 1 when nothing did, 2 on errors.")
	asJSON := fs.Bool("json", false, `print a JSON array of {"date","source","article","headline","matches":[{"block","offset","length","snippet"}]}`)
	limit := fs.Int("limit", 0, "print at most N articles (0: all)")
	enc := fs.String("encoding", "", "text encoding of the files (gb18030, big5, …; default: detect)")
	noIndex := fs.Bool("no-index", false, "do not use or update the search index in the cache directory")
	buildIndex := fs.Bool("build-index", false, "build or bring up to date the search index of PATH... and exit (no QUERY)")
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if *buildIndex {
		return c.buildSearchIndex(pos)
	}
	// A search lives a fraction of a second and keeps little: collecting
	// as the listing of a century grows was a third of its user time.
	// The limit keeps a long search of a large archive bounded all the
	// same (the collector works harder near it). Not for PDFs: their
	// engine's memory, collected that lazily, took a search of twenty
	// page PDFs to 170–200 MB (114 MB collected as usual), for no speed.
	gcPercent := debug.SetGCPercent(400)
	debug.SetMemoryLimit(256 << 20)
	if len(pos) < 2 {
		return c.usageError("search", errors.New("want a QUERY and at least one PATH"))
	}
	if *limit < 0 {
		return c.usageError("search", fmt.Errorf("--limit %d: must not be negative", *limit))
	}
	m, err := search.Compile(pos[0])
	if err != nil {
		return c.usageError("search", fmt.Errorf("query %q: %w", pos[0], err))
	}
	var paths []string
	stdin := false
	for _, p := range pos[1:] {
		if p == "-" {
			stdin = true
		} else {
			paths = append(paths, p)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	opt := search.Options{BeforePDF: func() { debug.SetGCPercent(gcPercent) }}
	if *enc != "" {
		lopt := issues.LoadOptions{Encoding: *enc}
		opt.Parse = func(data []byte, path string) (*issues.Issue, error) { return issues.Parse(data, path, lopt) }
		opt.NoPrefilter = true
	}
	// The index is opened before the listing, which the search overlaps:
	// for fewer than MinIndexedFiles files it holds nothing (it is never
	// built for them), and searching with it is searching without it.
	if dir := searchCacheDir(c); !*noIndex && *enc == "" && dir != "" && len(paths) > 0 {
		if ix, err := search.OpenIndexWith(dir, indexKey(paths), searchIndexOptions(c)); err == nil {
			opt.Index = ix
			defer ix.Close()
		} else {
			fmt.Fprintf(c.stderr, "bao search: index not used: %v\n", err)
		}
	}

	var results []search.Result
	var files []search.File
	var serr error
	if len(paths) > 0 {
		var problems []error
		var err error
		files, problems, err = search.SearchPaths(ctx, paths, m, opt, func(r search.Result) { results = append(results, r) })
		if files == nil {
			return c.failSearch(err) // a path that cannot be listed
		}
		c.reportUnreadable("search", problems)
		serr = err
	}
	if stdin {
		// "-": one issue read from standard input, as bao print reads it.
		data, err := io.ReadAll(c.stdin)
		if err != nil {
			return c.failSearch(fmt.Errorf("-: %w", err))
		}
		is, err := issues.Parse(data, "-", issues.LoadOptions{Encoding: *enc})
		if err != nil {
			return c.failSearch(err)
		}
		results = append(results, search.MatchIssue(is, m, &opt)...)
	}
	if serr != nil {
		if errors.Is(serr, context.Canceled) {
			return c.failSearch(serr)
		}
		for _, line := range strings.Split(serr.Error(), "\n") {
			fmt.Fprintf(c.stderr, "bao search: %s\n", line)
		}
	}
	search.Sort(results)
	if *limit > 0 && len(results) > *limit {
		results = results[:*limit]
	}
	if *asJSON {
		if err := writeSearchJSON(c, results); err != nil {
			return c.failSearch(err)
		}
	} else {
		hl := searchToTerminal(c)
		for _, r := range results {
			writeSearchLine(c, r, hl)
		}
	}
	if opt.Index != nil && serr == nil && len(files) >= search.MinIndexedFiles && opt.Index.NeedsUpdate() {
		// The answer is out; the index is built after it, in a process of
		// its own so that this one exits now.
		c.updateIndexAfter(paths, files)
	}
	switch {
	case len(results) > 0:
		return 0
	case serr != nil:
		return 2
	default:
		return 1
	}
}

// buildSearchIndex is `bao search --build-index PATH...`: it builds or
// updates the index bao search keeps for exactly those paths.
func (c *cli) buildSearchIndex(paths []string) int {
	if len(paths) == 0 {
		return c.usageError("search", errors.New("--build-index wants at least one PATH"))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// A process that only builds the index: keep its heap small (the
	// collector works harder near the limit) beside the reader it serves.
	debug.SetMemoryLimit(128 << 20)
	dir := searchCacheDir(c)
	if dir == "" {
		return c.failSearch(errors.New("building the index: no cache directory: set XDG_CACHE_HOME or HOME"))
	}
	// The index's segment heads are read while the folders are listed
	// (OpenIndexWith): for one changed issue of a century, both are most
	// of the time.
	ix, ixErr := search.OpenIndexWith(dir, indexKey(paths), searchIndexOptions(c))
	if ixErr == nil {
		defer ix.Close()
	}
	// The listing's garbage is not collected while it grows (as in a
	// search): for one changed issue it is most of what the process
	// allocates, and collecting it a tenth of its time. Indexing, which
	// reads every new file, collects as usual.
	gcPercent := debug.SetGCPercent(400)
	files, problems, err := search.ListFilesContext(ctx, paths)
	debug.SetGCPercent(gcPercent)
	if err != nil {
		return c.failSearch(err)
	}
	c.reportUnreadable("search", problems)
	if ixErr != nil {
		return c.failSearch(fmt.Errorf("building the index: %w", ixErr))
	}
	st, err := ix.Update(ctx, files)
	if err != nil {
		return c.failSearch(fmt.Errorf("building the index: %w", err))
	}
	if st.Busy {
		fmt.Fprintln(c.stderr, "bao search: the index is being updated by another process")
		return 0
	}
	fmt.Fprintf(c.stdout, "indexed %d files; %d segments written (%d bytes), %d merged or dropped\n",
		st.Indexed, st.Segments, st.Written, st.Merged)
	return 0
}

// updateIndexAfter brings the index up to date after a search has
// answered: in a detached child process (bao search --build-index) when
// the cli can start one, else here.
func (c *cli) updateIndexAfter(paths []string, files []search.File) {
	if c.getenv("BAO_SEARCH_BUILD") == "off" || searchCacheDir(c) == "" {
		return
	}
	if c.spawn != nil {
		args := append([]string{"search", "--build-index", "--"}, paths...)
		if err := c.spawn(args); err == nil {
			return
		}
	}
	if _, err := search.UpdateIndex(context.Background(), searchCacheDir(c), indexKey(paths), files, searchIndexOptions(c)); err != nil {
		fmt.Fprintf(c.stderr, "bao search: updating the index: %v\n", err)
	}
}

// searchIndexOptions: BAO_CACHE_LIMIT (bytes, or with a K, M or G suffix)
// caps the search cache instead of search.DefaultCacheLimit.
func searchIndexOptions(c *cli) search.IndexOptions {
	var o search.IndexOptions
	if v := strings.TrimSpace(c.getenv("BAO_CACHE_LIMIT")); v != "" {
		mult := int64(1)
		switch v[len(v)-1] {
		case 'K', 'k':
			mult = 1 << 10
		case 'M', 'm':
			mult = 1 << 20
		case 'G', 'g':
			mult = 1 << 30
		}
		if mult > 1 {
			v = v[:len(v)-1]
		}
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			o.CacheLimit = n * mult
		}
	}
	return o
}

// reportUnreadable prints the files of a library that could not be read
// on stderr, one line each ("bao CMD: path: reason"). They do not change
// the exit status: the rest of the library is read.
func (c *cli) reportUnreadable(cmd string, errs []error) {
	for _, err := range errs {
		c.printError(cmd, err)
	}
}

// failSearch is fail for bao search, whose exit status 1 means "nothing
// matched" (as grep's does): its errors exit 2.
func (c *cli) failSearch(err error) int {
	c.printError("search", err)
	return 2
}

// searchCacheDir is where the search index lives: search under bao's cache
// directory (config.CacheDir: $XDG_CACHE_HOME/bao/search on Linux), read
// from the command's environment so tests can point it elsewhere; "" when
// there is none (no HOME), and then no index is kept.
func searchCacheDir(c *cli) string {
	base := config.CacheDir(c.getenv)
	if base == "" {
		return ""
	}
	return filepath.Join(base, "search")
}

// indexKey names the set of files an index is for: the absolute paths
// searched, in order.
func indexKey(paths []string) string {
	abs := make([]string, len(paths))
	for i, p := range paths {
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		abs[i] = p
	}
	return strings.Join(abs, "\x00")
}

type jsonSearchMatch struct {
	Block   int    `json:"block"`
	Offset  int    `json:"offset"`
	Length  int    `json:"length"`
	Snippet string `json:"snippet"`
}

type jsonSearchResult struct {
	Date     *string           `json:"date"`
	Source   string            `json:"source"`
	Article  int               `json:"article"`
	Headline string            `json:"headline"`
	Matches  []jsonSearchMatch `json:"matches"`
}

func writeSearchJSON(c *cli, results []search.Result) error {
	out := make([]jsonSearchResult, 0, len(results))
	for _, r := range results {
		j := jsonSearchResult{Source: r.Source, Article: r.Article + 1, Headline: r.Headline}
		if r.Date != "" {
			d := r.Date
			j.Date = &d
		}
		for i, mt := range r.Matches {
			j.Matches = append(j.Matches, jsonSearchMatch{mt.Block, mt.Offset, mt.Length, r.Snippets[i].Text})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// searchToTerminal reports whether matches should be shown in reverse
// video: stdout is a terminal and NO_COLOR is not set.
func searchToTerminal(c *cli) bool {
	f, ok := c.stdout.(*os.File)
	return ok && c.getenv("NO_COLOR") == "" && term.IsTerminal(f.Fd())
}

// writeSearchLine prints `DATE  FILE  #N  HEADLINE  SNIPPET (K matches)`,
// the match in the snippet in reverse video when hl is set.
func writeSearchLine(c *cli, r search.Result, hl bool) {
	date := r.Date
	if date == "" {
		date = "----------"
	}
	var sn search.Snippet
	for i, mt := range r.Matches {
		if mt.Block != issues.BlockHeadline {
			sn = r.Snippets[i]
			break
		}
	}
	snippet := issues.Sanitize(sn.Text)
	if hl && sn.Length > 0 {
		rs := []rune(sn.Text)
		if end := sn.Offset + sn.Length; end <= len(rs) {
			// Cut at the match's rune offsets before sanitizing, which may
			// drop runes.
			snippet = issues.Sanitize(string(rs[:sn.Offset])) + "\x1b[7m" + issues.Sanitize(string(rs[sn.Offset:end])) +
				"\x1b[27m" + issues.Sanitize(string(rs[end:]))
		}
	}
	count := "1 match"
	if len(r.Matches) != 1 {
		count = fmt.Sprintf("%d matches", len(r.Matches))
	}
	fmt.Fprintf(c.stdout, "%s  %s  #%d  %s  %s (%s)\n", date, issues.Sanitize(r.Source), r.Article+1,
		issues.Sanitize(r.Headline), snippet, count)
}
