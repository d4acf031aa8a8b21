package search

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"bao/internal/testfiles"
)

// TestReadFile: the listed size is what is read; a file shorter than
// listed is read whole; a missing file's error names it.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "2024-01-01.txt")
	text := "拉萨新闻\n\n今天拉萨市民在广场上散步。\n"
	testfiles.WriteFile(t, path, text)
	for _, tt := range []struct {
		name string
		size int64
		want string
	}{
		{"as listed", int64(len(text)), text},
		{"grown since listed", 12, text[:12]},
		{"shrunk since listed", int64(len(text)) + 100, text},
		{"not listed", -1, text},
		{"listed empty", 0, ""},
	} {
		got, err := readFile(path, nil, tt.size)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	missing := filepath.Join(dir, "gone.txt")
	for _, size := range []int64{10, -1} {
		_, err := readFile(missing, nil, size)
		if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
			t.Errorf("size %d: error %v, want one naming %s that is fs.ErrNotExist", size, err, missing)
		}
	}
}
