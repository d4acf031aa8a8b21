package vertical

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"bao/internal/golden"
	"bao/issues"
	"bao/reader/layout"
)

// TestGolden sets the zh-Hant and ja fixtures at two page sizes in both
// ambiguous-width policies and compares with testdata/*.golden
// (go test ./reader/vertical -run Golden -update rewrites them).
func TestGolden(t *testing.T) {
	sizes := []struct{ width, height int }{{40, 12}, {80, 24}}
	for _, name := range []string{"zh-hant", "ja"} {
		is, err := issues.LoadFile(filepath.Join("testdata", name+".md"), issues.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, sz := range sizes {
			for _, amb := range []layout.Ambiguous{layout.Narrow, layout.Wide} {
				var buf bytes.Buffer
				opt := Options{Width: sz.width, Height: sz.height, Ambiguous: amb}
				if err := (Printer{Options: opt}).Write(&buf, is.Articles); err != nil {
					t.Fatal(err)
				}
				checkSlots(t, buf.String(), opt)
				golden.Check(t, filepath.Join("testdata", name+"-"+itoa(sz.width)+"x"+itoa(sz.height)+"-"+amb.String()+".golden"), buf.Bytes())
			}
		}
	}
}

// checkSlots checks the plain output: pages of at most Height rows
// separated by form-feed lines, no row wider than the page, and every
// character of the body in a two-cell slot aligned to its line's column.
func checkSlots(t *testing.T, out string, opt Options) {
	t.Helper()
	w := layout.NewWidths(opt.Ambiguous)
	perPage := (opt.Width + 1) / 3
	margin := opt.Width - (3*perPage - 1)
	for pi, page := range strings.Split(out, "\f\n") {
		rows := strings.Split(strings.TrimSuffix(page, "\n"), "\n")
		if len(rows) > opt.Height {
			t.Errorf("page %d has %d rows, more than %d", pi, len(rows), opt.Height)
		}
		for _, row := range rows {
			if w.String(row) > opt.Width {
				t.Errorf("row wider than %d: %q", opt.Width, row)
			}
			x := 0
			for _, r := range row {
				cw := w.Rune(r)
				if r != ' ' && cw > 0 && (x < margin || (x-margin)%3 > 1 || (cw == 2 && (x-margin)%3 != 0)) {
					t.Errorf("%q at cell %d is not in a slot: %q", r, x, row)
					break
				}
				x += cw
			}
		}
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
