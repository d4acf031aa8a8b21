package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedFilesAreFoundAlike: UTF-8 issues damaged as downloads and
// extractions damage them — stray bytes that are not UTF-8, a character
// cut in two, a file cut short — are found alike by a search that parses
// every file, by the prefiltered search and by the indexed one.
func TestDamagedFilesAreFoundAlike(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	sentences := []string{
		"今天拉萨市民在广场上散步，天气晴朗。", "河畔社区的志愿者每周清理一次步道。",
		"新图书馆的阅览室周末也开放。", "气象台预报明天有小雨，气温下降。",
		"老街的路灯修好了，晚上散步安心多了。", "记者程雪飞报道。",
	}
	queries := []string{"市民", "程雪飞", "路灯 小雨", "阅览室", "气温"}
	stray := []byte{0xFF, 0x80, 0xC3, 0xE6, 0xBF, 0xFE}
	cache := t.TempDir()
	for iter := range 100 {
		dir := t.TempDir()
		for f := range 4 {
			var b strings.Builder
			fmt.Fprintf(&b, "第%d期\n\n", f+1)
			for p := range 3 + rng.IntN(6) {
				fmt.Fprintf(&b, "标题%d\n\n", p)
				for range 1 + rng.IntN(8) {
					b.WriteString(sentences[rng.IntN(len(sentences))])
					if rng.IntN(5) == 0 {
						b.WriteString("\n") // a line cut inside a paragraph
					}
				}
				b.WriteString("\n\n")
			}
			data := []byte(b.String())
			for range rng.IntN(4) {
				i := rng.IntN(len(data))
				data = append(data[:i], append([]byte{stray[rng.IntN(len(stray))]}, data[i:]...)...)
			}
			if rng.IntN(4) == 0 {
				data = data[:len(data)-1-rng.IntN(2)] // cut short, maybe inside a character
			}
			name := filepath.Join(dir, fmt.Sprintf("2024-01-%02d.txt", f+1))
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		files, _, err := ListFiles([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		q := queries[iter%len(queries)]
		m, err := Compile(q)
		if err != nil {
			t.Fatal(err)
		}
		count := func(opt Options) string {
			var rs []Result
			SearchFiles(context.Background(), files, m, opt, func(r Result) { rs = append(rs, r) })
			Sort(rs)
			var b strings.Builder
			for _, r := range rs {
				fmt.Fprintf(&b, "%s#%d:%v ", filepath.Base(r.Source), r.Article, r.Matches)
			}
			return b.String()
		}
		want := count(Options{NoPrefilter: true})
		if got := count(Options{}); got != want {
			t.Fatalf("iteration %d, %q: prefiltered\n%s\nwant (parsing every file)\n%s", iter, q, got, want)
		}
		ix, err := OpenIndex(cache, fmt.Sprint(iter))
		if err != nil {
			t.Fatal(err)
		}
		for round := range 2 { // building the index, then using it
			if got := count(Options{Index: ix}); got != want {
				t.Fatalf("iteration %d, %q, indexed round %d:\n%s\nwant\n%s", iter, q, round, got, want)
			}
		}
		ix.Close()
	}
}
