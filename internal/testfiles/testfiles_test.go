package testfiles

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTree(t *testing.T) {
	dir := Tree(t, map[string]string{"a.txt": "A", "x/y/b.md": "B"})
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

func TestNumbered(t *testing.T) {
	if got, want := Numbered("报\n\n", "第%02d段。", 2), "报\n\n第01段。\n\n第02段。\n\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDaily(t *testing.T) {
	dir := t.TempDir()
	Daily(t, dir, time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC), 3, "2006/2006-01-02", func(i int) string { return fmt.Sprint(i) })
	for name, want := range map[string]string{"2024/2024-12-30.txt": "0", "2024/2024-12-31.txt": "1", "2025/2025-01-01.txt": "2"} {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
}
