package search

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// The archive benchmarks run on a synthetic archive named by
// $BAO_BENCH_ARCHIVE (bench/search.sh makes one); they skip without it.
func benchArchive(b *testing.B) []File {
	dir := os.Getenv("BAO_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("set BAO_BENCH_ARCHIVE to an archive folder (bench/search.sh makes one)")
	}
	files, _, err := ListFiles([]string{dir})
	if err != nil || len(files) == 0 {
		b.Skipf("no archive at %s: %v", dir, err)
	}
	return files
}

// benchQuery compiles the query of BAO_BENCH_QUERY (default 纳木错).
func benchQuery(b *testing.B) *Matcher {
	q := os.Getenv("BAO_BENCH_QUERY")
	if q == "" {
		q = "纳木错"
	}
	return mustCompile(b, q)
}

func BenchmarkAppendFold(b *testing.B) {
	files := benchArchive(b)
	data, err := os.ReadFile(files[0].Path)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, len(data))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		buf = AppendFold(buf[:0], data)
	}
}

func BenchmarkArchiveCold(b *testing.B) {
	files := benchArchive(b)
	m := benchQuery(b)
	for b.Loop() {
		if err := SearchFiles(context.Background(), files, m, Options{}, func(Result) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchPaths lists and searches the archive at once, without
// an index: bao search --no-index (and the first search) in the process.
func BenchmarkSearchPaths(b *testing.B) {
	dir := os.Getenv("BAO_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("set BAO_BENCH_ARCHIVE to an archive folder (bench/search.sh makes one)")
	}
	m := benchQuery(b)
	for b.Loop() {
		if _, _, err := SearchPaths(context.Background(), []string{dir}, m, Options{}, func(Result) {}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkArchiveIndexed(b *testing.B) {
	files := benchArchive(b)
	m := benchQuery(b)
	dir := b.TempDir()
	build := func() {
		ix, err := OpenIndex(dir, "bench")
		if err != nil {
			b.Fatal(err)
		}
		defer ix.Close()
		if err := SearchFiles(context.Background(), files, m, Options{Index: ix}, func(Result) {}); err != nil {
			b.Fatal(err)
		}
	}
	build() // the first search answers without the index
	if _, err := UpdateIndex(context.Background(), dir, "bench", files, IndexOptions{}); err != nil {
		b.Fatal(err)
	}
	build() // and this one caches the parses of the issues it needs
	for b.Loop() {
		build()
	}
}

// BenchmarkArchiveBuild builds the index of an archive from nothing
// (Update on an empty cache), the listing in hand.
func BenchmarkArchiveBuild(b *testing.B) {
	files := benchArchive(b)
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		if _, err := UpdateIndex(context.Background(), dir, "bench", files, IndexOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdateOne changes one issue of an indexed archive and brings
// the index up to date, the listing in hand (as the reader has it):
// reported with the bytes of segments written per update.
func BenchmarkUpdateOne(b *testing.B) {
	files := benchArchive(b)
	dir := b.TempDir()
	if _, err := UpdateIndex(context.Background(), dir, "bench", files, IndexOptions{}); err != nil {
		b.Fatal(err)
	}
	victim := files[len(files)/2]
	orig, err := os.ReadFile(victim.Path)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(victim.Path, orig, 0o644)
	var written int64
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		os.WriteFile(victim.Path, append(slices.Clone(orig), []byte("\n更正启事"+strings.Repeat("。", i%7))...), 0o644)
		fi, _ := os.Stat(victim.Path)
		files[len(files)/2].Size, files[len(files)/2].ModTime = fi.Size(), fi.ModTime()
		b.StartTimer()
		st, err := UpdateIndex(context.Background(), dir, "bench", files, IndexOptions{})
		if err != nil || st.Indexed != 1 {
			b.Fatalf("%+v %v", st, err)
		}
		written += st.Written
	}
	b.ReportMetric(float64(written)/float64(b.N), "bytes-written/op")
}

func BenchmarkListFiles(b *testing.B) {
	dir := os.Getenv("BAO_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("set BAO_BENCH_ARCHIVE")
	}
	for b.Loop() {
		if _, _, err := ListFiles([]string{dir}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstResult measures how long an interactive archive search
// takes to show its first result: from the start of SearchFiles (the
// library already listed, as the reader has it) to the first emit, cold
// and with the index warm; reported as ms-to-first.
func BenchmarkFirstResult(b *testing.B) {
	files := benchArchive(b)
	// The reader searches newest first, so that the first results are recent.
	slices.Reverse(files)
	m := benchQuery(b)
	first := func(opt Options) time.Duration {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		start := time.Now()
		var d time.Duration
		SearchFiles(ctx, files, m, opt, func(Result) {
			if d == 0 {
				d = time.Since(start)
				cancel() // as a new keystroke would
			}
		})
		return d
	}
	b.Run("cold", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			total += first(Options{})
		}
		b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-first")
	})
	b.Run("indexed", func(b *testing.B) {
		dir := b.TempDir()
		ix, err := OpenIndex(dir, "bench")
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
		if _, err := UpdateIndex(context.Background(), dir, "bench", files, IndexOptions{}); err != nil {
			b.Fatal(err)
		}
		var total time.Duration
		for b.Loop() {
			ix, _ := OpenIndex(dir, "bench")
			total += first(Options{Index: ix})
			ix.Close()
		}
		b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-first")
	})
}
