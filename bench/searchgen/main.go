// Command searchgen writes a synthetic archive of Chinese daily issues for
// the search benchmark (bench/search.sh): N issues by date folders
// (YYYY/MM/YYYY-MM-DD.txt), about 19 KB each, deterministic for a seed.
//
// It is a stand-in until the parser's archive generator lands; the text is
// made of frequent characters in sentence-like runs with punctuation, digit
// and Latin runs, line breaks where a PDF column would cut, and a Zipf-like
// spread of names so that queries of every selectivity exist.
//
//	go run ./bench/searchgen -n 3650 -seed 1 DIR
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// common is a run of frequent Han characters, roughly by frequency.
const common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"

var places = []string{"拉萨", "北京", "上海", "日喀则", "林芝", "加德满都", "成都", "重庆", "昌都", "那曲", "山南", "阿里", "西宁", "兰州", "乌鲁木齐", "喀什", "格尔木", "羊八井", "纳木错", "珠穆朗玛"}
var names = []string{"王泽江", "张三", "李四", "扎西", "次仁", "卓玛", "达瓦", "索朗", "旺堆", "格桑", "平措", "边巴", "普布", "洛桑", "曲珍", "央金", "多吉", "顿珠", "尼玛", "白玛"}
var latin = []string{"GDP", "5G", "APP", "CPI", "PM2.5", "WiFi", "COVID-19", "AI", "Lhasa", "Tibet", "EMS", "G318"}

func main() {
	n := flag.Int("n", 3650, "number of issues")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: searchgen [-n N] [-seed S] DIR")
		os.Exit(2)
	}
	if err := generate(flag.Arg(0), *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "searchgen:", err)
		os.Exit(1)
	}
}

func generate(dir string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	cs := []rune(common)
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := day.AddDate(0, 0, i)
		var b strings.Builder
		fmt.Fprintf(&b, "拉萨日报\n%d年%d月%d日 星期%s\n\n", d.Year(), int(d.Month()), d.Day(), "日一二三四五六"[d.Weekday()*3:d.Weekday()*3+3])
		for b.Len() < 19000 {
			writeArticle(&b, rng, cs)
		}
		p := filepath.Join(dir, d.Format("2006"), d.Format("01"), d.Format("2006-01-02")+".txt")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// zipf picks an index in [0, n) with weight 1/(i+1)^1.5.
func zipf(rng *rand.Rand, n int) int {
	for {
		i := int(float64(n) * rng.Float64() * rng.Float64() * rng.Float64())
		if i < n {
			return i
		}
	}
}

func writeArticle(b *strings.Builder, rng *rand.Rand, cs []rune) {
	// headline
	b.WriteString(places[zipf(rng, len(places))])
	for range 6 + rng.IntN(10) {
		b.WriteRune(cs[zipf(rng, len(cs))])
	}
	b.WriteString("\n\n")
	for p := range 2 + rng.IntN(6) {
		if p == 0 {
			fmt.Fprintf(b, "本报讯（记者 %s）", names[zipf(rng, len(names))])
		}
		col := 0
		lineLen := 18 + rng.IntN(6)
		for range 3 + rng.IntN(6) { // sentences
			for w := range 8 + rng.IntN(20) {
				var word string
				switch x := rng.IntN(100); {
				case x < 3:
					word = places[zipf(rng, len(places))]
				case x < 5:
					word = names[zipf(rng, len(names))]
				case x < 7:
					word = fmt.Sprintf("%d", rng.IntN(3000))
				case x < 8:
					word = latin[rng.IntN(len(latin))]
				default:
					word = string(cs[zipf(rng, len(cs))])
				}
				if w > 0 && w%7 == 0 {
					word += "，"
				}
				for _, r := range word {
					b.WriteRune(r)
					col++
					if col >= lineLen { // a column break of the PDF
						b.WriteByte('\n')
						col = 0
					}
				}
			}
			b.WriteString("。")
			col++
		}
		b.WriteString("\n\n")
	}
}
