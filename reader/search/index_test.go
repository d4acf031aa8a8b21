package search

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"bao/internal/srchash"
	"bao/issues"
)

// countingParse is paragraphParse counting the files it parses.
func countingParse(n *atomic.Int64) func([]byte, string) (*issues.Issue, error) {
	return func(data []byte, path string) (*issues.Issue, error) {
		n.Add(1)
		return paragraphParse(data, path)
	}
}

// searchIndexed searches files with the index in cache, without updating it.
func searchIndexed(t *testing.T, cache string, files []File, q string, parsed *atomic.Int64) []string {
	t.Helper()
	ix, err := OpenIndex(cache, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	m := mustCompile(t, q)
	var got []string
	err = SearchFiles(context.Background(), files, m, Options{Index: ix, Parse: countingParse(parsed)},
		func(r Result) { got = append(got, filepath.Base(r.Source)) })
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

// updateIndex brings the index in cache up to date with files.
func updateIndex(t *testing.T, cache string, files []File) UpdateStats {
	t.Helper()
	st, err := UpdateIndex(context.Background(), cache, "test", files, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// searchWithIndex searches, then updates the index, as bao search does.
func searchWithIndex(t *testing.T, cache string, files []File, q string, parsed *atomic.Int64) []string {
	t.Helper()
	got := searchIndexed(t, cache, files, q, parsed)
	updateIndex(t, cache, files)
	return got
}

// searchCold is the truth: every file parsed.
func searchCold(t *testing.T, files []File, q string) []string {
	t.Helper()
	m := mustCompile(t, q)
	var got []string
	SearchFiles(context.Background(), files, m, Options{NoPrefilter: true, Parse: paragraphParse},
		func(r Result) { got = append(got, filepath.Base(r.Source)) })
	slices.Sort(got)
	return got
}

func indexDir(t *testing.T, cache string) string {
	t.Helper()
	ix, err := OpenIndex(cache, "test")
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	return ix.dir
}

func segmentFiles(t *testing.T, cache string) []string {
	t.Helper()
	names, err := segmentNames(indexDir(t, cache))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = filepath.Join(indexDir(t, cache), n)
	}
	return names
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
		if !slices.Equal(got, want) || !slices.Equal(got, searchCold(t, files, q)) {
			t.Errorf("%q: with index %v, without %v", q, got, want)
		}
	}
	// The warm index rules out files: 第17期 is in one file.
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

// TestFirstSearchDoesNotBuild: a search on an empty cache answers as a
// search without the index does (same results, no file written), counts
// the files it lacks, and Update then indexes them.
func TestFirstSearchDoesNotBuild(t *testing.T) {
	dir := writeArchive(t, 20)
	cache := t.TempDir()
	files, _, _ := ListFiles([]string{dir})
	ix, err := OpenIndex(cache, "test")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := Compile("拉萨")
	var got []string
	if err := SearchFiles(context.Background(), files, m, Options{Index: ix, Parse: paragraphParse},
		func(r Result) { got = append(got, filepath.Base(r.Source)) }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := searchCold(t, files, "拉萨"); !slices.Equal(got, want) {
		t.Errorf("first search %v, want %v", got, want)
	}
	if ix.Stale() != 20 || !ix.NeedsUpdate() {
		t.Errorf("stale %d, needs update %v; want 20, true", ix.Stale(), ix.NeedsUpdate())
	}
	if segs := segmentFiles(t, cache); len(segs) != 0 {
		t.Errorf("the search wrote segments: %v", segs)
	}
	st, err := ix.Update(context.Background(), files)
	if err != nil || st.Indexed != 20 || st.Segments != 1 {
		t.Errorf("update: %+v, %v", st, err)
	}
	ix.Close()
	ix, _ = OpenIndex(cache, "test")
	defer ix.Close()
	SearchFiles(context.Background(), files, m, Options{Index: ix, Parse: paragraphParse}, func(Result) {})
	if ix.Stale() != 0 || ix.NeedsUpdate() {
		t.Errorf("after the update: stale %d, needs update %v", ix.Stale(), ix.NeedsUpdate())
	}
}

// TestBackgroundUpdate: an index opened for a long-running reader updates
// itself after a search that met files it lacks.
func TestBackgroundUpdate(t *testing.T) {
	dir := writeArchive(t, 10)
	cache := t.TempDir()
	files, _, _ := ListFiles([]string{dir})
	ix, _ := OpenIndexWith(cache, "test", IndexOptions{Background: true})
	m, _ := Compile("拉萨")
	SearchFiles(context.Background(), files, m, Options{Index: ix, Parse: paragraphParse}, func(Result) {})
	ix.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ix, _ := OpenIndex(cache, "test")
		n := ix.Files()
		ix.Close()
		if n == 10 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("index holds %d files 10 s after the search, want 10", n)
		}
		time.Sleep(10 * time.Millisecond)
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
	// Before the update the index lacks them, and the search still finds them.
	if got, want := searchIndexed(t, cache, files, "乌鲁木齐", &parsed), []string{filepath.Base(changed), "2030-01-01.txt"}; !slices.Equal(got, want) {
		t.Errorf("after changes, before the update: %v, want %v", got, want)
	}
	st := updateIndex(t, cache, files)
	if st.Indexed != 2 || st.Segments != 1 || st.Written > 64<<10 {
		t.Errorf("update after one change and one addition: %+v; want 2 files in one small segment", st)
	}
	parsed.Store(0)
	if got, want := searchIndexed(t, cache, files, "乌鲁木齐", &parsed), []string{filepath.Base(changed), "2030-01-01.txt"}; !slices.Equal(got, want) || parsed.Load() != 2 {
		t.Errorf("after the update: %v (%d parsed), want %v (2 parsed)", got, parsed.Load(), want)
	}
	// The removed file is not found, even where its words are.
	if got := searchIndexed(t, cache, files, "第0期", &parsed); len(got) != 0 {
		t.Errorf("removed file found: %v", got)
	}
	// Nor does its entry ask for an update after every search.
	ix, _ := OpenIndex(cache, "test")
	defer ix.Close()
	m, _ := Compile("拉萨")
	SearchFiles(context.Background(), files, m, Options{Index: ix, Parse: paragraphParse}, func(Result) {})
	if ix.NeedsUpdate() {
		t.Errorf("an up-to-date index needs an update (stale %d)", ix.Stale())
	}
}

// TestUpdateSeesOtherUpdates: an index opened before another process
// updated it reads the segments again when it updates (and indexes
// nothing twice); one whose segments are as it loaded them does not.
func TestUpdateSeesOtherUpdates(t *testing.T) {
	dir := writeArchive(t, 20)
	cache := t.TempDir()
	files, _, _ := ListFiles([]string{dir})
	updateIndex(t, cache, files)
	early, err := OpenIndex(cache, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer early.Close()
	early.wait() // its segments read
	segs := early.segs
	if st, err := early.Update(context.Background(), files); err != nil || st.Indexed != 0 || &early.segs[0] != &segs[0] {
		t.Errorf("nothing changed: %+v, %v, segments read again %v", st, err, &early.segs[0] != &segs[0])
	}
	os.WriteFile(files[3].Path, []byte("乌鲁木齐来信\n\n乌鲁木齐下雪了。\n"), 0o644)
	os.Chtimes(files[3].Path, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	files, _, _ = ListFiles([]string{dir})
	if st := updateIndex(t, cache, files); st.Indexed != 1 {
		t.Fatalf("the other update: %+v", st)
	}
	if st, err := early.Update(context.Background(), files); err != nil || st.Indexed != 0 || st.Segments != 0 {
		t.Errorf("after another update: %+v, %v; want nothing indexed or written", st, err)
	}
	var parsed atomic.Int64
	if got := searchIndexed(t, cache, files, "乌鲁木齐", &parsed); len(got) != 1 || parsed.Load() != 1 {
		t.Errorf("found %v, %d parsed", got, parsed.Load())
	}
}

// TestSegmentMerge: issues added one at a time make one small segment
// each, which Update merges once there are mergeSmall of them; entries
// of changed and removed files go in the merge, and the results stay those
// of a search without the index all along.
func TestSegmentMerge(t *testing.T) {
	dir := writeArchive(t, 40)
	cache := t.TempDir()
	files, _, _ := ListFiles([]string{dir})
	updateIndex(t, cache, files)
	var parsed atomic.Int64
	for i := range 2 * mergeSmall {
		p := filepath.Join(dir, fmt.Sprintf("2031-01-%02d.txt", i+1))
		os.WriteFile(p, []byte(fmt.Sprintf("第%d号新刊\n\n喀什第%d号的新闻。\n", i, i)), 0o644)
		if i == 3 {
			os.Remove(files[5].Path) // removed, and one changed, on the way
			os.WriteFile(files[7].Path, []byte("改版\n\n喀什改版了。\n"), 0o644)
		}
		files, _, _ = ListFiles([]string{dir})
		st := updateIndex(t, cache, files)
		segs := segmentFiles(t, cache)
		if len(segs) > mergeSmall {
			t.Errorf("after %d additions: %d segments (%+v), want at most %d", i+1, len(segs), st, mergeSmall)
		}
		for _, q := range []string{"喀什", "拉萨", "第5期", "第7期", fmt.Sprintf("第%d号", i)} {
			if got, want := searchIndexed(t, cache, files, q, &parsed), searchCold(t, files, q); !slices.Equal(got, want) {
				t.Errorf("after %d additions, %q: %v, want %v", i+1, q, got, want)
			}
		}
	}
	ix, _ := OpenIndex(cache, "test")
	defer ix.Close()
	// The old entries of the removed and changed files are gone once their
	// segment is merged: every entry is a live file.
	total := 0
	ix.wait()
	for _, s := range ix.segs {
		total += len(s.docs)
	}
	if total != len(files) || ix.Files() != len(files) {
		t.Errorf("segments hold %d entries for %d paths, want %d (one per live file)", total, ix.Files(), len(files))
	}
}

// TestIndexDamaged: a segment damaged anywhere — head, file table,
// directory, postings, cut short, of another version — is never read into
// wrong results: its files are searched without it, and the next Update
// drops it and indexes them again.
func TestIndexDamaged(t *testing.T) {
	dir := writeArchive(t, 30)
	files, _, _ := ListFiles([]string{dir})
	queries := []string{"拉萨", "第12期", "林芝 采访", "度"}
	want := map[string][]string{}
	for _, q := range queries {
		want[q] = searchCold(t, files, q)
	}
	damages := map[string]func(data []byte) []byte{
		"magic":      func(d []byte) []byte { d[0] ^= 1; return d },
		"version":    func(d []byte) []byte { d[len(segMagic)+3] ^= 0x40; return d },
		"file table": func(d []byte) []byte { d[segHeadFixed+5] ^= 0x20; return d },
		"cut short":  func(d []byte) []byte { return d[:len(d)-7] },
		"garbage":    func(d []byte) []byte { return []byte("garbage") },
		"empty":      func(d []byte) []byte { return nil },
		"last byte":  func(d []byte) []byte { d[len(d)-1] ^= 0xFF; return d },
	}
	// A byte in each directory block and postings region, found from the head.
	for k := range 6 {
		damages[fmt.Sprintf("body %d", k)] = func(d []byte) []byte {
			headLen := int(leUint64(d[len(segMagic)+32+16:]))
			i := headLen + k*(len(d)-headLen)/6
			d[i] ^= 0x5A
			return d
		}
	}
	for name, damage := range damages {
		cache := t.TempDir()
		var parsed atomic.Int64
		updateIndex(t, cache, files)
		segs := segmentFiles(t, cache)
		if len(segs) != 1 {
			t.Fatalf("segments %v", segs)
		}
		data, _ := os.ReadFile(segs[0])
		os.WriteFile(segs[0], damage(data), 0o644)
		for _, q := range queries {
			if got := searchIndexed(t, cache, files, q, &parsed); !slices.Equal(got, want[q]) {
				t.Errorf("%s: %q found %v, want %v", name, q, got, want[q])
			}
		}
		_, statErr := os.Stat(segs[0])
		st := updateIndex(t, cache, files)
		if statErr == nil {
			// The queries never read the damaged bytes (nor will any
			// query that reads them take them: its check fails then).
			t.Logf("%s: damage not met by the queries; update %+v", name, st)
		} else if st.Indexed != len(files) {
			t.Errorf("%s: the search dropped the damaged segment, but the update indexed %d files, want %d", name, st.Indexed, len(files))
		}
		for _, q := range queries {
			if got := searchIndexed(t, cache, files, q, &parsed); !slices.Equal(got, want[q]) {
				t.Errorf("%s, after the update: %q found %v, want %v", name, q, got, want[q])
			}
		}
	}
	// The head's checks: another version, a bad checksum, a short file.
	for _, name := range []string{"magic", "version", "file table", "cut short", "garbage", "empty"} {
		cache := t.TempDir()
		updateIndex(t, cache, files)
		segs := segmentFiles(t, cache)
		data, _ := os.ReadFile(segs[0])
		os.WriteFile(segs[0], damages[name](data), 0o644)
		st := updateIndex(t, cache, files)
		if st.Indexed != len(files) || st.Merged != 1 {
			t.Errorf("%s: update %+v, want all %d files indexed again and the segment dropped", name, st, len(files))
		}
	}
}

func leUint64(b []byte) uint64 {
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// TestParseCacheDamaged: a parse cache entry damaged anywhere is a miss,
// never a wrong parse.
func TestParseCacheDamaged(t *testing.T) {
	is := &issues.Issue{Articles: []issues.Article{{Headline: "拉萨", Blocks: []issues.Block{{Text: "市民在广场散步"}}}}}
	data := encodeParsed(is, 7, 100, 200)
	for i := range data {
		d := slices.Clone(data)
		d[i] ^= 0x10
		if got, err := decodeParsed(d, 7, 100, 200); err == nil {
			t.Errorf("byte %d flipped: read as %+v", i, got.Articles)
		}
	}
}

// TestCrashMidUpdate: a child process updating the index is killed with
// SIGKILL while it writes a segment; the next search still finds what a
// search without the index finds, and the next Update repairs the index.
func TestCrashMidUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := writeArchive(t, 120)
	cache := t.TempDir()
	ixDir := indexDir(t, cache)
	queries := []string{"拉萨", "第33期", "喀什", "林芝 采访"}
	midWrite := 0
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
		cmd.Env = append(os.Environ(), "BAO_CRASH_CHILD="+dir, "BAO_CRASH_CACHE="+cache)
		out := new(strings.Builder)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it the moment a segment is being written (a temporary file
		// in the index folder), else after a while.
		deadline := time.Now().Add(time.Duration(2+round) * time.Second)
		for time.Now().Before(deadline) {
			if tmps, _ := filepath.Glob(filepath.Join(ixDir, ".tmp-*")); len(tmps) > 0 {
				midWrite++
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		if strings.Contains(out.String(), "FAIL") {
			t.Fatalf("child failed:\n%s", out)
		}
		files, _, _ := ListFiles([]string{dir})
		var parsed atomic.Int64
		for _, q := range queries {
			if got, want := searchIndexed(t, cache, files, q, &parsed), searchCold(t, files, q); !slices.Equal(got, want) {
				t.Errorf("round %d, after the kill: %q found %v, want %v", round, q, got, want)
			}
		}
		updateIndex(t, cache, files)
		if tmps, _ := filepath.Glob(filepath.Join(ixDir, ".tmp-*")); len(tmps) != 0 {
			t.Errorf("round %d: temporary files left after the update: %v", round, tmps)
		}
		for _, q := range queries {
			if got, want := searchIndexed(t, cache, files, q, &parsed), searchCold(t, files, q); !slices.Equal(got, want) {
				t.Errorf("round %d, after the update: %q found %v, want %v", round, q, got, want)
			}
		}
	}
	if midWrite == 0 {
		t.Errorf("no kill came while a segment was being written")
	}
	t.Logf("%d of 4 kills while a segment was being written", midWrite)
}

// TestCrashChild is the child process of TestCrashMidUpdate: it adds and
// changes issues and updates the index until it is killed.
func TestCrashChild(t *testing.T) {
	dir, cache := os.Getenv("BAO_CRASH_CHILD"), os.Getenv("BAO_CRASH_CACHE")
	if dir == "" {
		t.Skip("the child of TestCrashMidUpdate")
	}
	for i := 0; ; i++ {
		p := filepath.Join(dir, fmt.Sprintf("2032-%02d-%02d.txt", i/28%12+1, i%28+1))
		os.WriteFile(p, []byte(fmt.Sprintf("喀什第%d号\n\n喀什的新闻，第%d号。\n", i, i)), 0o644)
		files, _, err := ListFiles([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			// Now and then a full rebuild: a long write to be killed in.
			os.RemoveAll(filepath.Join(indexDirOf(cache, "test")))
		}
		if _, err := UpdateIndex(context.Background(), cache, "test", files, IndexOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}

func indexDirOf(cache, key string) string {
	ix := &Index{}
	ix, _ = OpenIndex(cache, key)
	ix.Close()
	return ix.dir
}

// TestVersionsAreCurrent: the fingerprints the caches are keyed by are
// those of the source as it is. It fails when package issues or this
// package changed without `go generate ./reader/search`.
func TestVersionsAreCurrent(t *testing.T) {
	parser, err := srchash.Sum([]string{"../../issues"}, nil)
	if err != nil {
		t.Skip("the source of package issues is not here:", err)
	}
	index, err := srchash.Sum([]string{"../../issues", "."}, []string{"version_gen.go"})
	if err != nil {
		t.Fatal(err)
	}
	if parser != parserVersion || index != indexVersion {
		t.Errorf("version_gen.go is stale (parser %v, index %v): run go generate ./reader/search",
			parser == parserVersion, index == indexVersion)
	}
}

// TestCacheCap: past its cap the cache drops the least recently used
// libraries first, never the one in use (only its parse cache, if it alone
// is over), and what older versions left.
func TestCacheCap(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, size int, age time.Duration) string {
		d := filepath.Join(root, name)
		os.MkdirAll(filepath.Join(d, "parsed", "ab"), 0o755)
		os.WriteFile(filepath.Join(d, "seg-1.bsx"), make([]byte, size/2), 0o644)
		os.WriteFile(filepath.Join(d, "parsed", "ab", "x.bin"), make([]byte, size/2), 0o644)
		old := time.Now().Add(-age)
		os.Chtimes(d, old, old)
		return d
	}
	a := mk("aaaaaaaaaaaaaaaaaaaaaaaa", 1000, 3*time.Hour)
	b := mk("bbbbbbbbbbbbbbbbbbbbbbbb", 1000, 2*time.Hour)
	c := mk("cccccccccccccccccccccccc", 1000, 1*time.Hour)
	keep := mk("dddddddddddddddddddddddd", 1000, 4*time.Hour) // in use, though oldest
	os.WriteFile(filepath.Join(root, "0123.idx"), []byte("old"), 0o644)
	os.MkdirAll(filepath.Join(root, "parsed", "00"), 0o755)
	if err := trimCache(root, keep, 2500); err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if exists(a) || exists(b) || !exists(c) || !exists(keep) {
		t.Errorf("after trimming to 2,500 bytes: a %v b %v c %v keep %v; want only c and keep",
			exists(a), exists(b), exists(c), exists(keep))
	}
	if exists(filepath.Join(root, "0123.idx")) || exists(filepath.Join(root, "parsed")) {
		t.Errorf("an older version's files are left")
	}
	if err := trimCache(root, keep, 700); err != nil {
		t.Fatal(err)
	}
	if exists(c) || !exists(filepath.Join(keep, "seg-1.bsx")) || exists(filepath.Join(keep, "parsed")) {
		t.Errorf("trimming to 700 bytes: c %v, keep's segment %v, keep's parse cache %v; want false, true, false",
			exists(c), exists(filepath.Join(keep, "seg-1.bsx")), exists(filepath.Join(keep, "parsed")))
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

// TestPostingsRoundTrip: both encodings of a posting list read back as
// written, for lists dense and sparse.
func TestPostingsRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		n    int
		docs []uint32
	}{
		{1, []uint32{0}}, {64, []uint32{0, 63}}, {4096, []uint32{5, 4095}}, {100, nil},
		{300, func() []uint32 {
			var d []uint32
			for i := uint32(0); i < 300; i += 2 {
				d = append(d, i)
			}
			return d
		}()},
	} {
		p := encodePostings(nil, tt.docs, tt.n)
		out := make([]uint64, (tt.n+63)/64)
		if err := decodePostings(p, tt.n, out); err != nil {
			t.Fatalf("%v: %v", tt.docs, err)
		}
		var got []uint32
		for d := range tt.n {
			if out[d>>6]&(1<<(d&63)) != 0 {
				got = append(got, uint32(d))
			}
		}
		if !slices.Equal(got, tt.docs) {
			t.Errorf("n %d: %v read back as %v (kind %d)", tt.n, tt.docs, got, p[0])
		}
	}
}

// TestSegmentsEndWhereTheKeysDo: a build cuts its segments where the
// files' keys, in the files' order, pass segmentPostings (or at
// segmentDocs files), whatever order the readers finish in.
func TestSegmentsEndWhereTheKeysDo(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 2,600 issues")
	}
	files := generatedFiles(t, 2600, 11)
	// The segments as the files' own key counts cut them.
	var want []int
	w := new(worker)
	docs, keys := 0, 0
	for _, f := range files {
		sig, err := w.signature(f)
		if err != nil {
			t.Fatal(err)
		}
		if docs > 0 && (keys+len(sig.keys) > segmentPostings || docs == segmentDocs) {
			want = append(want, docs)
			docs, keys = 0, 0
		}
		docs++
		keys += len(sig.keys)
	}
	want = append(want, docs)
	if len(want) < 2 {
		t.Fatalf("segments %v: the test needs more than one", want)
	}
	cache := t.TempDir()
	updateIndex(t, cache, files)
	ix, err := OpenIndex(cache, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.wait()
	var got []int
	for _, s := range ix.segs {
		got = append(got, len(s.docs))
	}
	if !slices.Equal(got, want) {
		t.Errorf("segments of %v files, want %v", got, want)
	}
}
