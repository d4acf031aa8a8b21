package search

import (
	"context"
	"os"
	"testing"
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
	q := os.Getenv("BAO_BENCH_QUERY")
	if q == "" {
		q = "纳木错"
	}
	m, err := Compile(q)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := SearchFiles(context.Background(), files, m, Options{}, func(Result) {}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkArchiveIndexed(b *testing.B) {
	files := benchArchive(b)
	q := os.Getenv("BAO_BENCH_QUERY")
	if q == "" {
		q = "纳木错"
	}
	m, err := Compile(q)
	if err != nil {
		b.Fatal(err)
	}
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
	build() // the first search builds the index and caches the parses it needs
	for b.Loop() {
		build()
	}
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
