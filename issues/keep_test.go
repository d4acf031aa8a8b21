package issues

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// keepPieces are what the random issues of TestNothingLost are made of:
// the shapes the parser's rules look for (bylines, datelines, captions,
// credits, jumps, furniture, timestamps, boxes, headlines with tags) and
// plain text in each script, so that every rule fires on some input and
// on its neighbours.
var keepPieces = []string{
	"江城融媒记者 周晓)", "本报讯（记者 张三）", "本报讯 (通讯员 李四) ", "【東京＝山田太郎】", "[서울=홍길동 기자] ",
	"(부산=연합뉴스) 이영희 기자 = ", "LONDON (Reuters) - ", "（中央社記者王小明台北5日電）", "〔即時新聞／綜合報導〕",
	"本报记者", "洪", "勇", "王某某", "□ 田某某", "記者林某／南市報導", "社會中心／綜合報導", "By Jane Roe", "di Mario Rossi",
	"홍길동 기자 hong@example.com", "图为市民在广场上。", "（图／翻攝畫面）", "本报记者 林一帆摄", "（资料图片）", "사진=연합뉴스",
	"（下转第2版）", "（上接第1版）", "第2版 要闻", "第 30 页", "A2", "- 3 -", "责任编辑：某某", "本期值班副总编 / 某某",
	"国内统一连续出版物号CN 11-0000", "总第1234期", "今日八版", "（010）12345678", "2024年1月5日 星期五",
	"2012-03-29T11:38:00+0900", "2025-08-01 13:17", "最新更新：2016/03/19 10:48", "http://news.example.com/a/1/",
	"【関連記事】", "・関連する記事の題 (某ニュース)", "相关阅读", "請繼續往下閱讀...", "自殺防治諮詢安心專線：0800-000000（24小時）",
	"生命線：1995", "《江城日报》（2024年1月5日 第 02 版）", "THE EASTERN COURIER", "服务消费潜力巨大（专家点评）",
	"一户家庭开启新生活（“十四五”的发", "展镜头）", "——全市已完成一百八十部", "本 报 讯 10 月 14 日 ， 中 国",
	"**加粗**", "**", "# ", "1. ", "（二）", "一、", "——", "…", "“", "”", "「", "」", "（", "）", "(", ")", "【", "】",
	"城市更新让老街焕发新活力，", "居民生活更加便利。", "舊區重建計劃展開諮詢，", "居民關注賠償安排。",
	"商店街に子ども食堂がオープンし、", "親子連れでにぎわった。", "서울시가 다음 달부터 ", "막차 시간을 연장한다. ",
	"The council approved new cycle lanes ", "along the water-", "front on Tuesday. ", "Il consiglio ha approvato ",
	"10 月 9 日，", "12.5%", "2024", "·", "・", "▲", "●", "★", " ", "  ", "　", "　　", "\t",
	"\n", "\n", "\n", "\n\n", "\n\n", "\n\n\n", "\f",
}

// randomIssue is a random issue text of n pieces.
func randomIssue(rng *rand.Rand, n int) string { return randomText(rng, keepPieces, n) }

// checkNothingLost fails t unless every character of data's decoded text
// (whitespace aside) is in exactly one place of its parse.
func checkNothingLost(t *testing.T, data []byte, name string) {
	t.Helper()
	is, err := Parse(data, name, LoadOptions{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	text := decodedInput(t, data)
	if kept, total, extra := charsKept(text, is); kept != total || extra != 0 {
		lost, made := charsDiff(text, is)
		t.Fatalf("%s: %d of %d characters kept, %d made up: lost %q, made %q\ninput %q", name, kept, total, extra, lost, made, text)
	}
}

// TestNothingLost is the property of #13: the characters of the input,
// whitespace aside, are those of the output (article fields and blocks,
// the furniture, the unassigned text), over random issues made of the
// shapes the rules act on, the fixtures, and the real inputs when present.
// (Plain-text names: Markdown markup is the one thing the parser drops.)
func TestNothingLost(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	runs := 3000
	if n, err := strconv.Atoi(os.Getenv("BAO_KEEP_RUNS")); err == nil {
		runs = n
	}
	if testing.Short() {
		runs = 300
	}
	for range runs {
		checkNothingLost(t, []byte(randomIssue(rng, 1+rng.IntN(60))), "random.txt")
	}
	for _, f := range fixtures {
		if strings.HasSuffix(f.name, ".md") {
			continue
		}
		checkNothingLost(t, fixtureBytes(t, f), f.name)
	}
	checkNothingLost(t, SampleBytes(), "sample.txt")
	if data, err := os.ReadFile(seedPath); err == nil {
		checkNothingLost(t, data, "seed.txt")
	}
	real, _ := filepath.Glob(filepath.Join(realDir, "*.txt"))
	for _, p := range real {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkNothingLost(t, data, p)
	}
}

// FuzzNothingLost: the same property for what the fuzzer finds.
func FuzzNothingLost(f *testing.F) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 8 {
		f.Add(randomIssue(rng, 20))
	}
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := Parse([]byte(text), "fuzz.txt", LoadOptions{}); err != nil {
			return // refused (binary): nothing to keep
		}
		checkNothingLost(t, []byte(text), "fuzz.txt")
	})
}
