package testfiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteTree(t *testing.T) {
	dir := t.TempDir()
	WriteTree(t, dir, map[string]string{"a.txt": "A", "x/y/b.md": "B"})
	for name, want := range map[string]string{"a.txt": "A", "x/y/b.md": "B"} {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestSearchLibrary(t *testing.T) {
	dir := SearchLibrary(t)
	for date, has := range map[string]bool{"2024-05-06": true, "2024-04-01": true, "2023-12-28": true, "2023-11-11": false} {
		b, err := os.ReadFile(filepath.Join(dir, date+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "书房") != has {
			t.Errorf("%s: 书房 in it = %v, want %v", date, !has, has)
		}
	}
}
