package layout_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"bao/internal/golden"
	"bao/issues"
	"bao/reader/layout"
)

// TestGoldenPrint sets each fixture issue (testdata/*.md, invented text in
// zh-Hans, zh-Hant, ja, ko and en) as `bao print --plain --width W
// --columns N` does, at widths 40, 80, 120 and 1, 2, 3 columns (and once
// with wide ambiguous characters), and compares with testdata/golden.
func TestGoldenPrint(t *testing.T) {
	fixtures, err := filepath.Glob("testdata/*.md")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	type config struct {
		width, columns int
		amb            layout.Ambiguous
	}
	var configs []config
	for _, w := range []int{40, 80, 120} {
		for _, n := range []int{1, 2, 3} {
			configs = append(configs, config{w, n, layout.Narrow})
		}
	}
	configs = append(configs, config{80, 2, layout.Wide})
	for _, path := range fixtures {
		is, err := issues.LoadFile(path, issues.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(is.Articles) == 0 {
			t.Fatalf("%s: no articles", path)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		for _, c := range configs {
			path := filepath.Join("testdata", "golden", fmt.Sprintf("%s.w%d.c%d.%v.txt", name, c.width, c.columns, c.amb))
			t.Run(filepath.Base(path), func(t *testing.T) {
				opt := layout.Options{Width: c.width, Columns: c.columns, Gutter: layout.DefaultGutter, Ambiguous: c.amb}
				var buf bytes.Buffer
				if err := (layout.Printer{Options: opt}).Write(&buf, is.Articles); err != nil {
					t.Fatal(err)
				}
				w := layout.NewWidths(c.amb)
				for i, ln := range strings.Split(buf.String(), "\n") {
					if n := w.String(ln); n > c.width {
						t.Errorf("line %d is %d cells, wider than %d: %q", i+1, n, c.width, ln)
					}
				}
				golden.Check(t, path, buf.Bytes())
			})
		}
	}
}
