package issues

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"bao/internal/testfiles"
)

func TestLibrary(t *testing.T) {
	root := t.TempDir()
	story := "标题%d\n\n本报记者 张三\n\n正文。\n"
	testfiles.WriteFile(t, filepath.Join(root, "2024/01/2024-01-03.txt"), fmt.Sprintf(story, 3))
	testfiles.WriteFile(t, filepath.Join(root, "2024/01/2024-01-01.txt"), fmt.Sprintf(story, 1))
	testfiles.WriteFile(t, filepath.Join(root, "2023/12/31.txt"), fmt.Sprintf(story, 0))
	testfiles.WriteFile(t, filepath.Join(root, "extra/undated.md"), "# 无日期\n\n正文。\n")
	testfiles.WriteFile(t, filepath.Join(root, "2024/01/2024-01-02.txt"), "%PDF-1.4 binary")
	testfiles.WriteFile(t, filepath.Join(root, ".hidden/2024-01-05.txt"), "x")
	testfiles.WriteFile(t, filepath.Join(root, "2024/01/photo.jpg"), "x")

	lib, err := OpenLibrary(root)
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, e := range lib.Entries() {
		rels = append(rels, e.Rel)
	}
	want := "2023/12/31.txt 2024/01/2024-01-01.txt 2024/01/2024-01-02.txt 2024/01/2024-01-03.txt extra/undated.md"
	if got := strings.Join(rels, " "); got != want {
		t.Fatalf("entries:\n got %s\nwant %s", got, want)
	}
	if e := lib.Entry(0); e.Date != time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC) || e.Size == 0 || e.ModTime.IsZero() {
		t.Errorf("entry 0: %+v", e)
	}
	if e := lib.Entry(4); e.HasDate() || e.Title != "undated" {
		t.Errorf("undated entry: %+v", e)
	}
	// Nothing is parsed until asked for.
	if n := lib.cache.Len(); n != 0 {
		t.Errorf("%d issues parsed at open", n)
	}
	is, err := lib.Issue(1)
	if err != nil || is.Articles[0].Headline != "标题1" || is.DateString() != "2024-01-01" {
		t.Fatalf("issue 1: %v %v", is, err)
	}
	again, _ := lib.Issue(1)
	if again != is {
		t.Error("issue not cached")
	}
	// A bad file is a one-line error naming it; the others still load.
	_, err = lib.Issue(2)
	if err == nil || !strings.Contains(err.Error(), "2024-01-02.txt") || strings.Contains(err.Error(), "\n") {
		t.Errorf("bad file error: %v", err)
	}
	if _, err := lib.Issue(3); err != nil {
		t.Error(err)
	}
	// Concurrent readers share one parse.
	var wg sync.WaitGroup
	got := make([]*Issue, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = lib.Issue(0)
		}()
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] || g == nil {
			t.Fatal("concurrent Issue calls parsed separately")
		}
	}
	// Refresh picks up new and changed files and keeps unchanged parses.
	testfiles.WriteFile(t, filepath.Join(root, "2024/01/2024-01-04.txt"), fmt.Sprintf(story, 4))
	future := time.Now().Add(time.Hour)
	testfiles.WriteFile(t, filepath.Join(root, "2024/01/2024-01-01.txt"), fmt.Sprintf(story, 11))
	os.Chtimes(filepath.Join(root, "2024/01/2024-01-01.txt"), future, future)
	if err := lib.Refresh(); err != nil {
		t.Fatal(err)
	}
	if lib.Len() != 6 || lib.Find("2024/01/2024-01-04.txt") != 4 {
		t.Errorf("after refresh: %d entries, new at %d", lib.Len(), lib.Find("2024/01/2024-01-04.txt"))
	}
	if is, _ := lib.Issue(1); is.Articles[0].Headline != "标题11" {
		t.Errorf("changed file not reparsed: %q", is.Articles[0].Headline)
	}
	if is3, _ := lib.Issue(3); is3 == nil {
		t.Error("issue 3 lost")
	}
}

func TestLibraryErrors(t *testing.T) {
	if _, err := OpenLibrary(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing root should fail")
	}
	root := t.TempDir()
	testfiles.WriteFile(t, filepath.Join(root, "big.txt"), strings.Repeat("x", 100))
	lib, err := OpenLibraryWith(root, LoadOptions{MaxSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Issue(0); err == nil || !strings.Contains(err.Error(), "big.txt") {
		t.Errorf("size limit: %v", err)
	}
	if _, err := lib.Issue(5); err == nil {
		t.Error("out of range should fail")
	}
	// The failed load is one of the library's errors, "path: reason",
	// until the file leaves the library.
	big := filepath.Join(root, "big.txt")
	if errs := lib.Errors(); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), big+": ") || !errors.Is(errs[0], ErrTooLarge) {
		t.Errorf("Errors() = %v, want one %s: reason", errs, big)
	}
	if err := os.Remove(big); err != nil {
		t.Fatal(err)
	}
	if err := lib.Refresh(); err != nil || lib.Len() != 0 || len(lib.Errors()) != 0 {
		t.Errorf("after removing it: %d entries, errors %v (%v)", lib.Len(), lib.Errors(), err)
	}
	testfiles.WriteFile(t, big, strings.Repeat("x", 100))
	// A single file is a library of one.
	one, err := OpenLibrary(filepath.Join(root, "big.txt"))
	if err != nil || one.Len() != 1 {
		t.Errorf("single file: %v", err)
	}
}

// BenchmarkOpenLibrary lists a synthetic ten-year archive (3,650 files):
// names and stats only.
func BenchmarkOpenLibrary(b *testing.B) {
	root := b.TempDir()
	testfiles.Daily(b, root, time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), 3650, "2006/01/2006-01-02", func(int) string { return "x" })
	b.ResetTimer()
	for b.Loop() {
		lib, err := OpenLibrary(root)
		if err != nil || lib.Len() != 3650 {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSample parses the embedded sample issue.
func BenchmarkParseSample(b *testing.B) {
	data := SampleBytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, "sample.txt", LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLibraryCacheBounded opens more issues than the cache keeps: the
// cache stays at MaxCachedIssues, the most recently used issue stays
// cached (same pointer), and an evicted one parses again on demand.
func TestLibraryCacheBounded(t *testing.T) {
	dir := t.TempDir()
	n := MaxCachedIssues + 10
	for i := 0; i < n; i++ {
		name := filepath.Join(dir, fmt.Sprintf("2024-01-%02d-%03d.txt", 1+i%28, i))
		if err := os.WriteFile(name, []byte(fmt.Sprintf("标题%d\n\n正文第%d篇。\n", i, i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	first, err := lib.Issue(0)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < n; i++ {
		if _, err := lib.Issue(i); err != nil {
			t.Fatal(err)
		}
		if _, err := lib.Issue(0); err != nil { // keep issue 0 in use
			t.Fatal(err)
		}
	}
	size := lib.cache.Len()
	if size != MaxCachedIssues {
		t.Errorf("cache holds %d issues, want %d", size, MaxCachedIssues)
	}
	if again, _ := lib.Issue(0); again != first {
		t.Error("the most recently used issue was evicted")
	}
	if is, err := lib.Issue(1); err != nil || is == nil {
		t.Errorf("evicted issue 1 did not parse again: %v", err)
	}
}
