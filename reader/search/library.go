package search

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"bao/issues"
)

// Result is one matching article of an archive search.
type Result struct {
	Source   string  // the issue file
	Date     string  // YYYY-MM-DD, "" when unknown
	Article  int     // index in the issue's Articles, from 0
	Headline string  // the article's headline
	Matches  []Match // in reading order
	// Snippets[i] is an excerpt around Matches[i].
	Snippets []Snippet
	// HeadlineMatches counts the matches in the headline.
	HeadlineMatches int
}

// Compare orders results as a search lists them: articles matching in the
// headline first, then by number of matches, then newest first; ties by
// file and article number.
func Compare(a, b *Result) int {
	return cmp.Or(
		-cmp.Compare(min(a.HeadlineMatches, 1), min(b.HeadlineMatches, 1)),
		-cmp.Compare(len(a.Matches), len(b.Matches)),
		-cmp.Compare(a.Date, b.Date),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Article, b.Article),
	)
}

// Sort sorts results in ranking order (see Compare).
func Sort(rs []Result) {
	slices.SortFunc(rs, func(a, b Result) int { return Compare(&a, &b) })
}

// Options tune an archive search; the zero value is ready to use.
type Options struct {
	// Workers is how many files are searched at once; 0 means GOMAXPROCS.
	Workers int
	// Load decodes an issue file's bytes; nil means issues.Parse with
	// automatic encoding detection.
	Parse func(data []byte, path string) (*issues.Issue, error)
	// Progress, when set, is called after each file with the number of files
	// done and the total, from the goroutine that called SearchFiles.
	Progress func(done, total int)
	// SnippetBefore and SnippetAfter are the runes of context shown around a
	// match; 0 means 16 and 32.
	SnippetBefore, SnippetAfter int
	// Index, when set, skips files that it shows cannot match.
	Index *Index
}

// fileResult is what one worker found in one file.
type fileResult struct {
	results []Result
	err     error
}

// SearchFiles searches issue files for m and calls emit with each matching
// article as soon as its file is searched, from the calling goroutine, in no
// particular order (Sort them for ranking). The files are searched in
// parallel. It stops early when ctx is cancelled, returning ctx.Err().
// A file that cannot be read or parsed does not stop the search: its error,
// which names it, is joined into the returned error.
func SearchFiles(ctx context.Context, files []string, m *Matcher, opt Options, emit func(Result)) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(files)))
	var next atomic.Int64
	out := make(chan fileResult, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var buf, fbuf []byte
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				var fr fileResult
				fr.results, fr.err = searchFile(files[i], m, &opt, &buf, &fbuf)
				select {
				case out <- fr:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(out) }()
	var errs []error
	done := 0
	for fr := range out {
		done++
		if fr.err != nil {
			errs = append(errs, fr.err)
		}
		for _, r := range fr.results {
			emit(r)
		}
		if opt.Progress != nil {
			opt.Progress(done, len(files))
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// searchFile searches one file. Before parsing, it folds the file's raw
// bytes and looks for every term: parsing only rejoins and removes text, so
// an article can match only if the folded file contains every term. Files
// that are not UTF-8 (GB18030, Big5, UTF-16…) or are Markdown (whose
// emphasis marks can sit inside a word) are parsed without that test.
//
// buf and fbuf are the worker's buffers for the file and its folding.
func searchFile(path string, m *Matcher, opt *Options, buf, fbuf *[]byte) ([]Result, error) {
	if opt.Index != nil && !opt.Index.MayMatch(path, m) {
		return nil, nil
	}
	data, err := readFile(path, *buf)
	*buf = data[:0]
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, nil
	}
	if canPrefilter(path, data) {
		folded, invalid := appendFold((*fbuf)[:0], data)
		*fbuf = folded[:0]
		if !invalid && !m.allIn(folded) {
			return nil, nil
		}
	}
	parse := opt.Parse
	if parse == nil {
		parse = func(data []byte, path string) (*issues.Issue, error) {
			return issues.Parse(data, path, issues.LoadOptions{})
		}
	}
	is, err := parse(data, path)
	if err != nil {
		return nil, err
	}
	return MatchIssue(is, m, opt), nil
}

// MatchIssue returns the matching articles of a parsed issue.
func MatchIssue(is *issues.Issue, m *Matcher, opt *Options) []Result {
	before, after := 16, 32
	if opt != nil && opt.SnippetBefore > 0 {
		before = opt.SnippetBefore
	}
	if opt != nil && opt.SnippetAfter > 0 {
		after = opt.SnippetAfter
	}
	var out []Result
	for i := range is.Articles {
		a := &is.Articles[i]
		ms := m.Article(a)
		if ms == nil {
			continue
		}
		r := Result{Source: is.Source, Date: is.DateString(), Article: i, Headline: a.Headline, Matches: ms}
		for _, mt := range ms {
			if mt.Block == HeadlineBlock {
				r.HeadlineMatches++
			}
			r.Snippets = append(r.Snippets, MakeSnippet(ArticleText(a, mt.Block), mt.Offset, mt.Length, before, after))
		}
		out = append(out, r)
	}
	return out
}

func readFile(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return buf[:0], fmt.Errorf("%s: %w", path, err)
	}
	if st.Size() > issues.DefaultMaxSize {
		return buf[:0], fmt.Errorf("%s: %d bytes is over the %d byte limit", path, st.Size(), issues.DefaultMaxSize)
	}
	n := int(st.Size())
	if cap(buf) < n+1 {
		buf = make([]byte, 0, n+512)
	}
	b := bytes.NewBuffer(buf[:0])
	if _, err := b.ReadFrom(f); err != nil {
		return buf[:0], fmt.Errorf("%s: %w", path, err)
	}
	return b.Bytes(), nil
}

// canPrefilter reports whether a file's raw bytes can be folded as UTF-8
// text to rule it out before parsing.
func canPrefilter(path string, data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return false // UTF-16
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return false
	}
	return true
}

// issueExts are the file names a directory walk takes as issue files.
var issueExts = []string{".txt", ".text", ".md", ".markdown"}

// ListFiles expands paths into issue files: a file is taken as given, a
// directory is walked for files ending in .txt, .text, .md or .markdown
// (hidden files and folders skipped), sorted by path.
//
// TODO(library): use issues.OpenLibrary's listing once it lands, so search
// and the shelf agree on what an issue file is.
func ListFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && slices.Contains(issueExts, strings.ToLower(filepath.Ext(name))) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}
