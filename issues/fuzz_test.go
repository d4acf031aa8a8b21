package issues

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzParse: no byte sequence makes the parser panic, and whatever it
// returns is valid UTF-8, NFC, free of terminal controls, and marshals.
func FuzzParse(f *testing.F) {
	f.Add([]byte("标题\n\n本报记者 张三\n\n正文，被切断在\n\n这里。\n"), "x.txt")
	f.Add([]byte("\x1b]0;title\x07\x1b[2J\u009b31m\r\n第2版 要闻\f"), "x.txt")
	f.Add([]byte("---\ntitle: t\n---\n# h\n**b\nc**\n![a](b)\n"), "x.md")
	f.Add([]byte{0xFF, 0xFE, 'a', 0, 0x1b, 0}, "x.txt")
	f.Add([]byte("【本报讯】正文。\n\n[서울=홍길동 기자] 본문.\n\nLONDON (Reuters) - text"), "x.txt")
	// Seeds stay small: the fuzzer minimises every new input it finds, and
	// a whole issue as a seed spends the run minimising instead of fuzzing.
	f.Add(SampleBytes()[:600], "sample.txt")
	if src, err := os.ReadFile(filepath.Join("testdata", "src", "zh-hans-plain.txt")); err == nil {
		f.Add(src[:min(len(src), 700)], "zh-hans-plain.txt")
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		is, err := Parse(data, name, LoadOptions{})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		all := []string{is.Title}
		for _, a := range is.Articles {
			all = append(all, a.Headline, a.Subheadline, a.Kicker, a.Byline, a.Section)
			if a.Page < 1 {
				t.Fatalf("page %d", a.Page)
			}
			for _, b := range a.Blocks {
				all = append(all, b.Text)
			}
		}
		for _, s := range all {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
			for _, r := range s {
				if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
					t.Fatalf("control %U in %q", r, s)
				}
			}
			if !norm.NFC.IsNormalString(s) {
				t.Fatalf("not NFC: %q", s)
			}
		}
		if _, err := json.Marshal(is); err != nil {
			t.Fatal(err)
		}
	})
}
