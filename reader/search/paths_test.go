package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"bao/internal/archivegen"
)

// TestSearchPathsIsListAndSearch: listing and searching at once finds what
// ListFiles and SearchFiles find, and gives the same listing, without an
// index, with one that holds nothing yet (and then counts every file for
// the update) and with one that is up to date; over two paths, one of
// them a file, and with a PDF that cannot be read among them.
func TestSearchPathsIsListAndSearch(t *testing.T) {
	dir := t.TempDir()
	if err := archivegen.Generate(dir, 90, 3); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "2099-12-31.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 not really\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	all, _, err := ListFiles([]string{dir})
	if err != nil || len(all) != 91 {
		t.Fatal(len(all), err)
	}
	one := all[5].Path
	paths := []string{dir, one}
	files, _, err := ListFiles(paths)
	if err != nil {
		t.Fatal(err)
	}
	summary := func(rs []Result) string {
		Sort(rs)
		var b strings.Builder
		for _, r := range rs {
			fmt.Fprintf(&b, "%s#%d:%v\n", r.Source, r.Article, r.Matches)
		}
		return b.String()
	}
	cache := t.TempDir()
	for _, q := range []string{"刘洋", "王偉 说", "PM2.5"} {
		m := mustCompile(t, q)
		var want []Result
		wantErr := SearchFiles(context.Background(), files, m, Options{}, func(r Result) { want = append(want, r) })
		if wantErr == nil || !strings.Contains(wantErr.Error(), pdf) {
			t.Fatalf("%s: the broken PDF gave no error: %v", q, wantErr)
		}
		for round, indexed := range []string{"none", "empty", "built"} {
			opt := Options{}
			var ix *Index
			if indexed != "none" {
				if ix, err = OpenIndex(cache, q); err != nil {
					t.Fatal(err)
				}
				opt.Index = ix
			}
			var got []Result
			var pdfs atomic.Int64
			opt.BeforePDF = func() { pdfs.Add(1) }
			listed, problems, err := SearchPaths(context.Background(), paths, m, opt, func(r Result) { got = append(got, r) })
			if err == nil || err.Error() != wantErr.Error() || len(problems) != 0 {
				t.Errorf("%s, index %s: error %v, problems %v; want %v", q, indexed, err, problems, wantErr)
			}
			if g, w := summary(got), summary(want); g != w {
				t.Errorf("%s, index %s: results\n%s\nwant\n%s", q, indexed, g, w)
			}
			if pdfs.Load() != 1 {
				t.Errorf("%s, index %s: BeforePDF called %d times, want 1", q, indexed, pdfs.Load())
			}
			if len(listed) != len(files) {
				t.Fatalf("%s, index %s: listed %d files, ListFiles %d", q, indexed, len(listed), len(files))
			}
			for i := range files {
				f, g := files[i], listed[i]
				if indexed != "built" && i < len(files)-1 {
					// Not stat-ed (the file given as a path is): the
					// search needs no change times.
					f.Size, f.ModTime = 0, g.ModTime
				}
				if !reflect.DeepEqual(f, g) {
					t.Errorf("%s, index %s: file %d %+v, ListFiles %+v", q, indexed, i, g, f)
				}
			}
			if ix != nil {
				if indexed == "empty" && (ix.Stale() != len(files)-1 || !ix.NeedsUpdate()) {
					t.Errorf("%s: first search: stale %d, want %d (the PDF aside)", q, ix.Stale(), len(files)-1)
				}
				if indexed == "built" && ix.Stale() != 0 {
					t.Errorf("%s: built index: stale %d", q, ix.Stale())
				}
				ix.Close()
				if round == 1 {
					if _, err := UpdateIndex(context.Background(), cache, q, files, IndexOptions{}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

// TestSearchPathsErrors: a path that cannot be listed stops the search
// with its error and no listing; so does a context ended before.
func TestSearchPathsErrors(t *testing.T) {
	dir := writeArchive(t, 3)
	m, _ := Compile("拉萨")
	missing := filepath.Join(dir, "nope")
	files, _, err := SearchPaths(context.Background(), []string{dir, missing}, m, Options{Parse: paragraphParse}, func(Result) {})
	if files != nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing path: %d files, %v", len(files), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	files, _, err = SearchPaths(ctx, []string{dir}, m, Options{Parse: paragraphParse}, func(Result) {})
	if files != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %d files, %v", len(files), err)
	}
}
