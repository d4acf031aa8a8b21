package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"bao/issues"
)

// countingParse is paragraphParse counting the files it parses.
func countingParse(n *atomic.Int64) func([]byte, string) (*issues.Issue, error) {
	return func(data []byte, path string) (*issues.Issue, error) {
		n.Add(1)
		return paragraphParse(data, path)
	}
}

func searchWithIndex(t *testing.T, cache string, files []File, q string, parsed *atomic.Int64) []string {
	t.Helper()
	ix, err := OpenIndex(cache, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	m, err := Compile(q)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = SearchFiles(context.Background(), files, m, Options{Index: ix, Parse: countingParse(parsed)},
		func(r Result) { got = append(got, filepath.Base(r.Source)) })
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

func TestIndexGivesTheSameResults(t *testing.T) {
	dir := writeArchive(t, 30)
	cache := t.TempDir()
	files, _, _ := ListFiles([]string{dir})
	queries := []string{"拉萨市民", "第7期", "林芝 采访", "气温2", `"记者在林芝采访"`, "nothing here", "度"}
	var parsed atomic.Int64
	for _, q := range queries {
		var p0 atomic.Int64
		want := searchWithIndex(t, t.TempDir(), files, q, &p0) // a fresh index each time: cold
		got := searchWithIndex(t, cache, files, q, &parsed)    // the shared, warm index
		if !slices.Equal(got, want) {
			t.Errorf("%q: with index %v, without %v", q, got, want)
		}
	}
	// The warm index rules out files: 第7期 is in one file.
	parsed.Store(0)
	got := searchWithIndex(t, cache, files, "第17期", &parsed)
	if len(got) != 1 || parsed.Load() > 3 {
		t.Errorf("第17期: %v, %d files parsed; want 1 result and few parses", got, parsed.Load())
	}
	ix, _ := OpenIndex(cache, "test")
	defer ix.Close()
	if ix.Files() != 30 {
		t.Errorf("index holds %d files, want 30", ix.Files())
	}
}

func TestIndexFollowsChanges(t *testing.T) {
	dir := writeArchive(t, 6)
	cache := t.TempDir()
	files, _, _ := ListFiles([]string{dir})
	var parsed atomic.Int64
	if got := searchWithIndex(t, cache, files, "乌鲁木齐", &parsed); got != nil {
		t.Fatalf("found %v before the change", got)
	}
	// Change one file (size and mtime), add one, remove one.
	changed := files[2].Path
	os.WriteFile(changed, []byte("乌鲁木齐来信\n\n乌鲁木齐下雪了。\n"), 0o644)
	os.Chtimes(changed, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	added := filepath.Join(dir, "2030-01-01.txt")
	os.WriteFile(added, []byte("新文章\n\n乌鲁木齐的新闻。\n"), 0o644)
	removed := files[0].Path
	os.Remove(removed)
	files, _, _ = ListFiles([]string{dir})
	got := searchWithIndex(t, cache, files, "乌鲁木齐", &parsed)
	if want := []string{filepath.Base(changed), "2030-01-01.txt"}; !slices.Equal(got, want) {
		t.Errorf("after changes: %v, want %v", got, want)
	}
	ix, _ := OpenIndex(cache, "test")
	if ix.Files() != 6 {
		t.Errorf("index holds %d files, want 6 (one removed, one added)", ix.Files())
	}
	abs, _ := filepath.Abs(removed)
	if _, ok := ix.bySlot[abs]; ok || len(ix.bySlot) != 6 {
		t.Errorf("removed file still indexed: %v", ix.bySlot)
	}
	slots := len(ix.slots)
	ix.Close()

	// A file added later takes the removed file's slot, and is found.
	later := filepath.Join(dir, "2030-02-01.txt")
	os.WriteFile(later, []byte("又一篇\n\n喀什的新闻。\n"), 0o644)
	files, _, _ = ListFiles([]string{dir})
	if got := searchWithIndex(t, cache, files, "喀什", &parsed); !slices.Equal(got, []string{"2030-02-01.txt"}) {
		t.Errorf("the later file: %v", got)
	}
	if got := searchWithIndex(t, cache, files, "乌鲁木齐", &parsed); len(got) != 2 {
		t.Errorf("after the later file: %v, want the two files", got)
	}
	ix2, _ := OpenIndex(cache, "test")
	defer ix2.Close()
	if ix2.Files() != 7 || len(ix2.slots) != slots {
		t.Errorf("index holds %d files in %d slots, want 7 in %d (the free slot reused)", ix2.Files(), len(ix2.slots), slots)
	}
}

func TestIndexDamagedOrDeleted(t *testing.T) {
	dir := writeArchive(t, 5)
	cache := t.TempDir()
	files, _, _ := ListFiles([]string{dir})
	var parsed atomic.Int64
	want := searchWithIndex(t, cache, files, "拉萨", &parsed)
	idx, _ := filepath.Glob(filepath.Join(cache, "*.idx"))
	if len(idx) != 1 {
		t.Fatalf("index files %v", idx)
	}
	for _, damage := range []func(string){
		func(p string) { os.Truncate(p, 100) },
		func(p string) { os.WriteFile(p, []byte("garbage"), 0o644) },
		func(p string) { os.Remove(p) },
		func(p string) { os.RemoveAll(filepath.Join(cache, "parsed")) },
	} {
		damage(idx[0])
		if got := searchWithIndex(t, cache, files, "拉萨", &parsed); !slices.Equal(got, want) {
			t.Errorf("after damage: %v, want %v", got, want)
		}
	}
}

func TestParseCacheRoundTrip(t *testing.T) {
	is := &issues.Issue{Date: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC), Articles: []issues.Article{
		{Headline: "拉萨", Blocks: []issues.Block{{Text: "一"}, {Text: ""}, {Text: "三\n四"}}},
		{Headline: "", Blocks: nil},
	}}
	data := encodeParsed(is, 7, 100, 200)
	got, err := decodeParsed(data, 7, 100, 200)
	if err != nil {
		t.Fatal(err)
	}
	if got.DateString() != "2024-02-03" || len(got.Articles) != 2 || got.Articles[0].Blocks[2].Text != "三\n四" {
		t.Errorf("round trip: %+v", got)
	}
	for _, tt := range []struct {
		stamp       uint64
		size, mtime int64
	}{{8, 100, 200}, {7, 101, 200}, {7, 100, 201}} {
		if _, err := decodeParsed(data, tt.stamp, tt.size, tt.mtime); err == nil {
			t.Errorf("stale entry %+v accepted", tt)
		}
	}
	for i := range len(data) {
		decodeParsed(data[:i], 7, 100, 200) // must not panic
	}
}
