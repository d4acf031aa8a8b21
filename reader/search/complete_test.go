package search

import (
	"context"
	"testing"

	"bao/internal/archivegen"
)

// TestPrefilterAndIndexAreComplete: on a generated archive (realistic text,
// PDF damage, two GB18030 issues), ruling files out by raw bytes, by folded
// text and by the index finds exactly what parsing every file finds.
func TestPrefilterAndIndexAreComplete(t *testing.T) {
	if testing.Short() {
		t.Skip("parses every issue several times")
	}
	files := generatedFiles(t, 40, 7)
	cache := t.TempDir()
	found := 0
	for _, q := range []string{"刘洋", "王偉 说", "PM2.5", "新變化", `"市 政府"`, "ａｐｐ", "图书馆 垃圾分类"} {
		m := mustCompile(t, q)
		count := func(opt Options) (articles, matches int) {
			err := SearchFiles(context.Background(), files, m, opt, func(r Result) {
				articles++
				matches += len(r.Matches)
			})
			if err != nil {
				t.Fatal(err)
			}
			return
		}
		wantA, wantM := count(Options{NoPrefilter: true})
		found += wantA
		gotA, gotM := count(Options{})
		ix, err := OpenIndex(cache, "complete")
		if err != nil {
			t.Fatal(err)
		}
		ixA, ixM := count(Options{Index: ix})
		ix.Close()
		if gotA != wantA || gotM != wantM || ixA != wantA || ixM != wantM {
			t.Errorf("%s: parse everything %d articles/%d matches; prefiltered %d/%d; indexed %d/%d",
				q, wantA, wantM, gotA, gotM, ixA, ixM)
		}
		t.Logf("%s: %d articles, %d matches", q, wantA, wantM)
	}
	if found < 20 {
		t.Errorf("only %d articles found in all: the queries test little", found)
	}
}

// generatedFiles lists an archive of n generated issues (archivegen's
// realistic text, PDF damage and legacy encodings) made for the test.
func generatedFiles(t *testing.T, n int, seed int64) []File {
	t.Helper()
	dir := t.TempDir()
	if err := archivegen.Generate(dir, n, seed); err != nil {
		t.Fatal(err)
	}
	files, _, err := ListFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
