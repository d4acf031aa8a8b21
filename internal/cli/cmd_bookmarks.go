package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path/filepath"
	"strings"
	"time"

	"bao/internal/config"
	"bao/issues"
	"bao/reader/bookmarks"
)

// runBookmarks lists bookmarks, or exports them with `export --markdown`.
func runBookmarks(c *cli, args []string) int {
	export := len(args) > 0 && args[0] == "export"
	name, usage, summary := "bookmarks", "bao bookmarks [--json] [--data-dir DIR] [--library DIR]",
		"List your bookmarks, newest first: issue date, headline, the marked text and your note.\n"+
			"Bookmarks whose issue file is gone are listed, marked missing.\n"+
			"'bao bookmarks export --markdown' writes them as Markdown.\n"+
			"Data dir: --data-dir, else $BAO_DATA_DIR, else $XDG_DATA_HOME/bao, else ~/.local/share/bao."
	if export {
		args = args[1:]
		name, usage, summary = "bookmarks export", "bao bookmarks export --markdown [--data-dir DIR] [--library DIR]",
			"Write your bookmarks as Markdown to stdout: grouped by issue, quotes as blockquotes, with notes."
	}
	fs := c.newFlags(name, usage, summary)
	asJSON := fs.Bool("json", false, "write a JSON array, one object per bookmark")
	markdown := fs.Bool("markdown", false, "write Markdown (export)")
	dataDir := fs.String("data-dir", "", "where bookmarks are kept (overrides $BAO_DATA_DIR and $XDG_DATA_HOME)")
	var libraries []string
	fs.Func("library", "a folder of issue files to look in for moved or renamed issues (repeatable)", func(s string) error {
		libraries = append(libraries, s)
		return nil
	})
	pos, code := c.parse(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return c.usageError(name, fmt.Errorf("unexpected argument %q", pos[0]))
	}
	if export && !*markdown {
		return c.usageError(name, errors.New("export needs a format: --markdown"))
	}
	if !export && *markdown {
		return c.usageError(name, errors.New("--markdown is for 'bao bookmarks export'"))
	}

	dir := *dataDir
	if dir == "" {
		var err error
		if dir, err = config.DataDir(c.getenv); err != nil {
			return c.fail(name, err)
		}
	}
	store, err := bookmarks.Open(dir)
	status := 0
	if err != nil {
		// A damaged file was moved aside (a warning), or a file could not be
		// read (an error: the list below may be incomplete).
		c.printError(name, err)
		if !onlyCorrupt(err) {
			status = 1
		}
	}
	list := bookmarks.Resolve(store.Bookmarks(), new(bookmarks.Locator), walkFiles(libraries))

	err = nil
	switch {
	case export:
		err = bookmarks.WriteMarkdown(c.stdout, list)
	case *asJSON:
		err = writeBookmarksJSON(c, list)
	default:
		writeBookmarksText(c, list, store.BookmarksPath())
	}
	if err != nil {
		return c.fail(name, err)
	}
	return status
}

// onlyCorrupt reports whether err is only files moved aside, which the
// store recovered from.
func onlyCorrupt(err error) bool {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if !onlyCorrupt(e) {
				return false
			}
		}
		return true
	}
	ce, ok := err.(*bookmarks.CorruptError)
	return ok && ce.MoveErr == nil
}

// walkFiles yields every regular file under the library folders.
func walkFiles(roots []string) iter.Seq[string] {
	if len(roots) == 0 {
		return nil
	}
	return func(yield func(string) bool) {
		for _, root := range roots {
			stop := false
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil || !d.Type().IsRegular() {
					return nil
				}
				if !yield(p) {
					stop = true
					return filepath.SkipAll
				}
				return nil
			})
			if stop {
				return
			}
		}
	}
}

// bookmarkJSON is one bookmark in `bao bookmarks --json`.
type bookmarkJSON struct {
	ID    string `json:"id"`
	Issue struct {
		Path   string `json:"path"`
		Hash   string `json:"hash"`
		Status string `json:"status"`          // found, moved, changed, missing
		Found  string `json:"found,omitempty"` // where it is now, when moved
	} `json:"issue"`
	Missing  bool            `json:"missing"`
	Date     *string         `json:"date"` // null when unknown
	Title    string          `json:"title"`
	Headline string          `json:"headline"`
	Quote    string          `json:"quote"`
	Note     string          `json:"note"`
	Position issues.Position `json:"position"`
	Created  time.Time       `json:"created"`
}

func writeBookmarksJSON(c *cli, list []bookmarks.Listed) error {
	out := make([]bookmarkJSON, len(list))
	for i, b := range list {
		j := bookmarkJSON{ID: b.ID, Missing: b.Status == bookmarks.Missing, Title: b.Title,
			Headline: b.Headline, Quote: b.Quote, Note: b.Note, Position: b.Position, Created: b.Created}
		j.Issue.Path, j.Issue.Hash, j.Issue.Status = b.Issue.Path, b.Issue.Hash, b.Status.String()
		if b.Status == bookmarks.Moved {
			j.Issue.Found = b.Location.Path
		}
		if b.Date != "" {
			d := b.Date
			j.Date = &d
		}
		out[i] = j
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeBookmarksText(c *cli, list []bookmarks.Listed, path string) {
	if len(list) == 0 {
		fmt.Fprintf(c.stdout, "No bookmarks yet (%s). Press m in the reader to add one.\n", path)
		return
	}
	now := time.Now()
	for i, b := range list {
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		date := b.Date
		if date == "" {
			date = "(no date)"
		}
		headline := b.Headline
		if headline == "" {
			headline = "(untitled)"
		}
		// The file is for people to edit, and paths are anything: every
		// field is sanitized (a note line by line, as it was written).
		fmt.Fprintf(c.stdout, "%s  %s\n", issues.Sanitize(date), issues.Sanitize(headline))
		if b.Quote != "" {
			fmt.Fprintf(c.stdout, "    「%s」\n", issues.Sanitize(b.Snippet()))
		}
		if b.Note != "" {
			note := strings.Split(b.Note, "\n")
			for i := range note {
				note[i] = issues.Sanitize(note[i])
			}
			fmt.Fprintf(c.stdout, "    note: %s\n", strings.Join(note, "\n          "))
		}
		where := b.Issue.Path
		switch b.Status {
		case bookmarks.Missing:
			where += "  [missing]"
		case bookmarks.Moved:
			where = b.Location.Path + "  [moved from " + b.Issue.Path + "]"
		case bookmarks.Changed:
			where += "  [changed since]"
		}
		fmt.Fprintf(c.stdout, "    %s | %s | %s\n", issues.Sanitize(where), b.Position.Describe(), bookmarks.Age(b.Created, now))
	}
}
