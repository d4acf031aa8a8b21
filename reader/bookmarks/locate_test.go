package bookmarks

import (
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"testing"

	"bao/internal/testfiles"
)

// walk yields every regular file under root, as a library would.
func walk(root string) iter.Seq[string] {
	return func(yield func(string) bool) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if !yield(p) {
				return filepath.SkipAll
			}
			return nil
		})
	}
}

func TestLocate(t *testing.T) {
	lib := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(lib, name)
		testfiles.WriteFile(t, p, text)
		return p
	}
	a := write("2026/11/a.txt", "晨江日报 第一版\n\n江北新区地铁三号线年底试运行")
	write("2026/11/other.txt", "港口吞吐量创新高")
	refA, err := RefForFile(a)
	if err != nil {
		t.Fatal(err)
	}
	var l Locator

	if got := l.Locate(refA, walk(lib)); got.Status != Found || got.Path != a {
		t.Errorf("in place: %+v", got)
	}

	// Renamed and moved into another folder: found by hash.
	moved := filepath.Join(lib, "archive", "2026-11-28.txt")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.Rename(a, moved); err != nil {
		t.Fatal(err)
	}
	if got := l.Locate(refA, walk(lib)); got.Status != Moved || got.Path != moved {
		t.Errorf("after rename: %+v, want moved to %s", got, moved)
	}

	// Something else now at the old path: still the moved copy wins.
	write("2026/11/a.txt", "另一份报纸")
	if got := l.Locate(refA, walk(lib)); got.Status != Moved || got.Path != moved {
		t.Errorf("old path reused: %+v", got)
	}
	// No library given: the file at the path has changed.
	if got := l.Locate(refA, nil); got.Status != Changed || got.Path != a {
		t.Errorf("changed: %+v", got)
	}

	// Deleted everywhere: missing.
	os.Remove(moved)
	os.Remove(a)
	if got := l.Locate(refA, walk(lib)); got.Status != Missing || got.Path != "" || got.Err != nil {
		t.Errorf("deleted: %+v", got)
	}
}

// The cache must not answer for a file rewritten in place.
func TestLocatorCacheSeesRewrites(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.txt")
	testfiles.WriteFile(t, p, "一")
	ref, _ := RefForFile(p)
	var l Locator
	if got := l.Locate(ref, nil); got.Status != Found {
		t.Fatalf("%+v", got)
	}
	testfiles.WriteFile(t, p, "二二")
	if got := l.Locate(ref, nil); got.Status != Changed {
		t.Errorf("after rewrite: %+v", got)
	}
	if RefForBytes(p, []byte("一")) != ref {
		t.Errorf("RefForBytes differs from RefForFile")
	}
}
