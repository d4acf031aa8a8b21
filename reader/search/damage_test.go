package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"bao/internal/testfiles"
)

// TestDamagedFilesAreFoundAlike: issues in UTF-8, GB18030 and Big5,
// damaged as downloads and extractions damage them — stray bytes, a
// character cut in two, a file cut short — are found alike by a search
// that parses every file, by the prefiltered search and by the indexed one.
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
	found := map[string]int{} // articles found, by the file's encoding
	for iter := range 100 {
		dir := t.TempDir()
		kinds := map[string]string{} // file name → "UTF-8", "GB18030" or "Big5"
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
			name := fmt.Sprintf("2024-01-%02d.txt", f+1)
			kinds[name] = "UTF-8"
			switch rng.IntN(4) {
			case 0: // an issue in GB18030, as many Chinese archives are
				data, _ = simplifiedchinese.GB18030.NewEncoder().Bytes(data)
				kinds[name] = "GB18030"
			case 1: // in Big5, in its Traditional forms
				trad := strings.NewReplacer("拉萨", "拉薩", "广场", "廣場", "气", "氣", "区", "區", "愿", "願",
					"图书馆", "圖書館", "阅览", "閱覽", "开", "開", "预报", "預報", "灯", "燈", "记者", "記者",
					"飞", "飛", "温", "溫")
				if big5, err := encoding.ReplaceUnsupported(traditionalchinese.Big5.NewEncoder()).Bytes([]byte(trad.Replace(string(data)))); err == nil {
					data, kinds[name] = big5, "Big5"
				}
			}
			for range rng.IntN(4) {
				i := rng.IntN(len(data))
				data = append(data[:i], append([]byte{stray[rng.IntN(len(stray))]}, data[i:]...)...)
			}
			if rng.IntN(4) == 0 {
				data = data[:len(data)-1-rng.IntN(2)] // cut short, maybe inside a character
			}
			testfiles.WriteFile(t, filepath.Join(dir, name), string(data))
		}
		files, _, err := ListFiles([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		q := queries[iter%len(queries)]
		m := mustCompile(t, q)
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
		for name, kind := range kinds {
			found[kind] += strings.Count(want, name+"#")
		}
		if got := count(Options{}); got != want {
			t.Fatalf("iteration %d, %q: prefiltered\n%s\nwant (parsing every file)\n%s", iter, q, got, want)
		}
		ix, err := OpenIndex(cache, fmt.Sprint(iter))
		if err != nil {
			t.Fatal(err)
		}
		for round := range 2 { // before the index is built, then with it
			if got := count(Options{Index: ix}); got != want {
				t.Fatalf("iteration %d, %q, indexed round %d:\n%s\nwant\n%s", iter, q, round, got, want)
			}
			ix.Close()
			if _, err := UpdateIndex(context.Background(), cache, fmt.Sprint(iter), files, IndexOptions{}); err != nil {
				t.Fatal(err)
			}
			if ix, err = OpenIndex(cache, fmt.Sprint(iter)); err != nil {
				t.Fatal(err)
			}
		}
		// And with its segment damaged: a byte flipped past the head.
		if segs, _ := segmentNames(ix.dir); len(segs) == 1 {
			p := filepath.Join(ix.dir, segs[0])
			d, _ := os.ReadFile(p)
			d[len(d)-1-rng.IntN(len(d)/2)] ^= 0x24
			os.WriteFile(p, d, 0o644)
			ix.Close()
			ix, _ = OpenIndex(cache, fmt.Sprint(iter))
			if got := count(Options{Index: ix}); got != want {
				t.Fatalf("iteration %d, %q, damaged index:\n%s\nwant\n%s", iter, q, got, want)
			}
		} else {
			t.Fatalf("iteration %d: segments %v, want one", iter, segs)
		}
		ix.Close()
	}
	t.Logf("articles found: %v", found)
	if found["UTF-8"] < 50 || found["GB18030"] < 20 || found["Big5"] < 20 {
		t.Errorf("articles found %v: too few for the test to say much", found)
	}
}
