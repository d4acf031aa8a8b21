package issues

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"unicode/utf8"
)

// archiveSample picks n issue files spread evenly over the synthetic
// archive named by BAO_BENCH_ARCHIVE (`go run ./cmd/baogen -n 3650 -o DIR`),
// plus every tenth file that is not UTF-8 (the generator writes some in
// GB18030 with CRLF line ends), so the detector and decoder are measured too.
// It skips the benchmark when the variable is unset.
func archiveSample(b *testing.B, n int) (datas [][]byte, names []string) {
	root := os.Getenv("BAO_BENCH_ARCHIVE")
	if root == "" {
		b.Skip("BAO_BENCH_ARCHIVE is unset (a directory made by go run ./cmd/baogen)")
	}
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(paths) == 0 {
		b.Fatalf("%s: no files", root)
	}
	sort.Strings(paths)
	legacy := 0
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		spread := i%max(1, len(paths)/n) == 0
		if !utf8.Valid(data) {
			legacy++
			spread = legacy%10 == 1
		}
		if spread {
			datas, names = append(datas, data), append(names, p)
		}
	}
	return datas, names
}

// BenchmarkParseArchive parses a sample of the synthetic archive: about
// 200 real-sized (20 KB) issues plus a few GB18030 ones; one op parses
// them all.
func BenchmarkParseArchive(b *testing.B) {
	datas, names := archiveSample(b, 200)
	total := 0
	for _, d := range datas {
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for b.Loop() {
		for i, d := range datas {
			if _, err := Parse(d, names[i], LoadOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(datas)), "files")
}

// BenchmarkParseSeed parses the shared seed issue (what `bao print` of it
// spends in this package); skipped when ../shared is absent.
func BenchmarkParseSeed(b *testing.B) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skipf("seed absent: %v", err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, seedPath, LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
