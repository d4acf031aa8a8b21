package pdf

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"bao/internal/pdfgen"
)

// longDoc is a PDF of n pages, each saying its number.
func longDoc(n int) []byte {
	d := &pdfgen.Doc{}
	for i := 1; i <= n; i++ {
		p := d.AddPage(300, 300)
		p.Text(pdfgen.SongUCS2, 10, 20, 20, fmt.Sprintf("第%d版", i))
		p.Text(pdfgen.Helvetica, 9, 20, 40, fmt.Sprintf("page %d of %d", i, n))
	}
	return d.Bytes()
}

// TestEachInOrder: whatever the readers and however often an instance is
// given up, Each hands every page once, in order, as Page reads it.
func TestEachInOrder(t *testing.T) {
	const n = 11
	data := longDoc(n)
	want, errs, err := readAll(t, "long.pdf", data)
	if err != nil || len(errs) > 0 || len(want) != n {
		t.Fatal(len(want), errs, err)
	}
	for _, tc := range []struct {
		name      string
		instances int
		memCap    uint64
	}{
		{"one instance", 1, memCap},
		{"two instances", 2, memCap},
		{"fresh instance every page", 2, 1},
		{"one instance, fresh every page", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := NewEngine(Options{PageCacheDir: "-", Instances: tc.instances})
			defer e.Close()
			e.memCap = tc.memCap
			var got []Page
			errs, err := e.Each("long.pdf", bytes.NewReader(data), int64(len(data)), func(p Page) { got = append(got, p) })
			if err != nil || len(errs) > 0 {
				t.Fatal(errs, err)
			}
			if !reflect.DeepEqual(got, want) {
				for i := range got {
					if i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("page %d of %d differs (number %d, text %q)", i+1, len(got), got[i].Number, text(got[i]))
					}
				}
				t.Fatalf("got %d pages, want %d", len(got), len(want))
			}
		})
	}
}

// TestEachFromFile reads the file where it lies: the same pages as from
// memory.
func TestEachFromFile(t *testing.T) {
	data := longDoc(3)
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []Page
	if _, err := testEngine().Each("f.pdf", f, int64(len(data)), func(p Page) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	want, _, _ := testEngine().ReadAll("f.pdf", data)
	if !reflect.DeepEqual(got, want) || len(got) != 3 {
		t.Errorf("from the file %d pages, from memory %d, equal %v", len(got), len(want), reflect.DeepEqual(got, want))
	}
}

// TestPageCacheDamagedMidway: an entry cut short hands on the pages it
// still holds, the rest come from the PDF (each page once), and the
// entry goes, to be written anew by the next read.
func TestPageCacheDamagedMidway(t *testing.T) {
	dir := t.TempDir()
	e := NewEngine(Options{PageCacheDir: dir})
	defer e.Close()
	data := longDoc(6)
	first, _, err := e.ReadAll("c.pdf", data)
	if err != nil || len(first) != 6 {
		t.Fatal(len(first), err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pages.gz"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	// Cut the stream inside, then compress it again, so that the first
	// pages still decode.
	cut := cutEntry(t, files[0], 0.75)
	os.WriteFile(files[0], cut, 0o644)
	key := filepath.Base(files[0])[:32]
	done, complete := e.cachedPages(key, math.MaxInt, func(Page) {})
	if complete || done < 1 || done >= 6 {
		t.Fatalf("cut entry gave %d pages, complete %v: the test wants some, not all", done, complete)
	}
	os.WriteFile(files[0], cut, 0o644) // cachedPages removed it
	second, errs, err := e.ReadAll("c.pdf", data)
	if err != nil || len(errs) > 0 || !reflect.DeepEqual(first, second) {
		t.Fatalf("after a cut: err %v %v, %d pages, equal %v", err, errs, len(second), reflect.DeepEqual(first, second))
	}
	if _, _, err := e.ReadAll("c.pdf", data); err != nil {
		t.Fatal(err)
	}
	e.Close()
	third, _, err := e.ReadAll("c.pdf", data)
	if err != nil || !reflect.DeepEqual(first, third) || e.Started() {
		t.Errorf("rewritten entry: err %v, equal %v, started PDFium %v", err, reflect.DeepEqual(first, third), e.Started())
	}
}

// cutEntry is the first part (a fraction) of a cache entry's stream,
// compressed again as the cache writes it.
func cutEntry(t *testing.T, path string, part float64) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(raw[:int(float64(len(raw))*part)])
	zw.Close()
	return b.Bytes()
}
