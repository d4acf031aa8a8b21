package issues

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"bao/issues/pdf"
)

func mustEncode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Short texts are the hard case for detection: few characters to score.
func TestDetectEncoding(t *testing.T) {
	zhs := "城市更新让老街焕发新活力，居民生活更加便利。"
	zht := "舊區重建計劃展開諮詢，居民關注賠償安排。"
	ja := "商店街に子ども食堂がオープンし、親子連れでにぎわった。"
	ko := "서울시가 다음 달부터 지하철 막차 시간을 연장한다."
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"gb18030", mustEncode(t, simplifiedchinese.GB18030, zhs), EncGB18030},
		{"gbk", mustEncode(t, simplifiedchinese.GBK, zhs), EncGB18030},
		{"big5", mustEncode(t, traditionalchinese.Big5, zht), EncBig5},
		{"shift_jis", mustEncode(t, japanese.ShiftJIS, ja), EncShiftJIS},
		{"euc-jp", mustEncode(t, japanese.EUCJP, ja), EncEUCJP},
		{"euc-kr", mustEncode(t, korean.EUCKR, ko), EncEUCKR},
		{"gb18030 short", mustEncode(t, simplifiedchinese.GB18030, "北京时间"), EncGB18030},
		{"big5 short", mustEncode(t, traditionalchinese.Big5, "新聞報導"), EncBig5},
		{"shift_jis kanji only", mustEncode(t, japanese.ShiftJIS, "日本経済新聞"), EncShiftJIS},
		{"euc-jp kanji only", mustEncode(t, japanese.EUCJP, "日本経済新聞"), EncEUCJP},
		{"euc-jp short with kana", mustEncode(t, japanese.EUCJP, "きょうは晴れです。"), EncEUCJP},
		{"euc-kr short", mustEncode(t, korean.EUCKR, "대한민국"), EncEUCKR},
		{"utf-8", []byte(zhs), EncUTF8},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, zhs...), EncUTF8},
		{"ascii", []byte("Plain English text."), EncUTF8},
		{"utf-8 with one broken byte", append([]byte(zhs+zhs+zhs), 0xE5), EncUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.data, "")
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.want {
				t.Errorf("detected %s, want %s (text %q)", enc, tt.want, text)
			}
		})
	}
}

func TestForcedEncoding(t *testing.T) {
	data := mustEncode(t, traditionalchinese.Big5, "港島電車")
	for _, name := range []string{"big5", "BIG5", "cp950"} {
		text, enc, err := Decode(data, name)
		if err != nil || enc != EncBig5 || text != "港島電車" {
			t.Errorf("Decode(%q) = %q, %s, %v", name, text, enc, err)
		}
	}
	if _, _, err := Decode(data, "klingon"); err == nil || !strings.Contains(err.Error(), "klingon") {
		t.Errorf("unknown encoding: err = %v", err)
	}
	is, err := Parse(data, "x.txt", LoadOptions{Encoding: "big5"})
	if err != nil || is.Encoding != EncBig5 {
		t.Errorf("Parse with forced encoding: %v, %v", is, err)
	}
}

func TestBinaryRefused(t *testing.T) {
	for name, data := range map[string][]byte{
		"png":  []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"nul":  []byte("text\x00with\x00nuls\x00and\x00more\x01\x02\x03"),
		"ctrl": bytes.Repeat([]byte{1, 2, 3, 4, 5, 6, 'a'}, 40),
	} {
		_, err := Parse(data, "bad/"+name+".txt", LoadOptions{})
		if !errors.Is(err, ErrBinary) {
			t.Errorf("%s: err = %v, want ErrBinary", name, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "bad/"+name+".txt: ") || strings.Contains(msg, "\n") {
			t.Errorf("%s: error %q should be one line naming the file", name, msg)
		}
	}
	// A PDF is read by its pages now; a broken one is an error of its own.
	if _, err := Parse([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "bad/pdf.txt", LoadOptions{}); !errors.Is(err, pdf.ErrMalformed) ||
		!strings.HasPrefix(err.Error(), "bad/pdf.txt: ") {
		t.Errorf("broken PDF: err = %v, want pdf.ErrMalformed naming the file", err)
	}
	// UTF-16 without a BOM is text, not binary.
	u16 := []byte{}
	for _, r := range "Hello, world. This is text.\n" {
		u16 = append(u16, byte(r), 0)
	}
	if text, enc, err := Decode(u16, ""); err != nil || enc != EncUTF16LE || !strings.HasPrefix(text, "Hello") {
		t.Errorf("BOM-less UTF-16LE: %q %s %v", text, enc, err)
	}
}

func TestTooLarge(t *testing.T) {
	_, err := Parse(make([]byte, 100), "big.txt", LoadOptions{MaxSize: 10})
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "big.txt: ") {
		t.Errorf("err = %v", err)
	}
}

// Terminal controls never survive: an issue file cannot move the cursor,
// set the title or write the clipboard.
func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb\rc\n", "a\nb\nc\n"},
		{"red \x1b[31mtext\x1b[0m end", "red text end"},
		{"title \x1b]0;pwned\x07after", "title after"},
		{"clip \x1b]52;c;SGVsbG8=\x1b\\after", "clip after"},
		{"csi8 \u009b2Jafter", "csi8 after"},
		{"osc8 \u009d0;x\u009cafter", "osc8 after"},
		{"bell\x07 bs\x08 del\x7f", "bell bs del"},
		{"keep\ttab\fand\nnewline", "keep\ttab\fand\nnewline"},
		{"bidi \u202eevil\u202c ok", "bidi evil ok"},
		{"e\u0301", "é"}, // NFC
		{"unterminated \x1b]0;title\nnext line", "unterminated \nnext line"},
		{"\ufeffbom", "bom"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEndsSentence(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"发挥作用。", true},
		{"更大成绩。”", true},
		{"“公共空间”。", true},
		{"等问题，江城区", false},
		{"领导下的基", false},
		{"称为“大工委”", false},
		{"同比增长27.", false},
		{"rates in 2024.", true},
		{"（完）", true},
		{"（记者 张三）", true},
		{"他说：", true},
		{"the businesses", false},
		{"真的吗？", true},
	}
	for _, tt := range tests {
		if got := endsSentence(tt.in); got != tt.want {
			t.Errorf("endsSentence(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestJoinLines(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"城关区", "完善成员"}, "城关区完善成员"},
		{[]string{"the business dis-", "trict each"}, "the business district each"},
		{[]string{"protected cycle", "lanes"}, "protected cycle lanes"},
		{[]string{"　　首行缩进", "续行。"}, "首行缩进续行。"},
		{[]string{"安装5G", "基站"}, "安装5G基站"},
		{[]string{"지하철 막차", "시간을"}, "지하철 막차 시간을"},
		{[]string{"Well-", "Known"}, "Well- Known"},
	}
	for _, tt := range tests {
		if got := joinLines(tt.in); got != tt.want {
			t.Errorf("joinLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFurnitureLine(t *testing.T) {
	known := map[string]bool{"青川日报": true}
	tests := []struct {
		in      string
		furn    bool
		page    int
		section string
	}{
		{"第2版 要闻", true, 2, "要闻"},
		{"第 12 版", true, 12, ""},
		{"第三版：国际", true, 3, "国际"},
		{"A2", true, 2, ""},
		{"要闻 A2", true, 2, "要闻"},
		{"A3 国际", true, 3, "国际"},
		{"3", true, 3, ""},
		{"- 4 -", true, 4, ""},
		{"Page 5", true, 5, ""},
		{"第7面 地域", true, 7, "地域"},
		{"제2면", true, 2, ""},
		{"责任编辑：陈默　校对：王青", true, 0, ""},
		{"2024年1月5日 星期五", true, 0, ""},
		{"2024年1月2日　星期二　　编辑：张三　　校对：李四", true, 0, ""},
		{"本版编辑：王五　美编：赵六　第3版", true, 3, ""},
		{"青川日报　2024年1月5日　星期五", true, 0, ""},
		{"2024年2月8日（木曜日）", true, 0, ""},
		{"2024년 4월 3일 수요일", true, 0, ""},
		{"Tuesday, March 5, 2024", true, 0, ""},
		{"青川日报", true, 0, ""},
		{"2024年1月5日，全市召开大会。", false, 0, ""},
		{"新能源公交线路全面开通 市民绿色出行更便捷", false, 0, ""},
		{"市妇联", false, 0, ""},
		{"2024", false, 0, ""},
	}
	for _, tt := range tests {
		m, ok := furnitureLine(tt.in, known)
		if ok != tt.furn || m.number != tt.page || m.section != tt.section {
			t.Errorf("furnitureLine(%q) = %+v %v, want page %d section %q furniture %v", tt.in, m, ok, tt.page, tt.section, tt.furn)
		}
	}
}

func TestSplitLead(t *testing.T) {
	tests := []struct{ in, byline, rest string }{
		{"江城融媒记者 周晓)自今年入冬以来，", "江城融媒记者 周晓", "自今年入冬以来，"},
		{"江城融媒记者 李明通讯员 王芳)2023年12月", "江城融媒记者 李明通讯员 王芳", "2023年12月"},
		{"本报讯（记者 张三）近日，", "本报讯（记者 张三）", "近日，"},
		{"本报讯 (通讯员 李四) 近日，", "本报讯（通讯员 李四）", "近日，"},
		{"新华社北京1月5日电（记者 李四）记者从", "新华社北京1月5日电（记者 李四）", "记者从"},
		{"本报北京3月4日电 今天上午，", "本报北京3月4日电", "今天上午，"},
		{"【本报讯】被市民", "本报讯", "被市民"},
		{"【東京＝山田太郎】北陸新幹線", "東京＝山田太郎", "北陸新幹線"},
		{"[서울=홍길동 기자] 서울시가", "서울=홍길동 기자", "서울시가"},
		{"(부산=연합뉴스) 이영희 기자 = 부산의", "부산=연합뉴스 이영희 기자", "부산의"},
		{"LONDON (Reuters) - British inflation", "LONDON (Reuters)", "British inflation"},
		{"中央社台北5日電 颱風", "中央社台北5日電", "颱風"},
		{"BEIJING, Jan. 5 (Xinhua) -- China", "BEIJING, Jan. 5 (Xinhua)", "China"},
	}
	for _, tt := range tests {
		by, rest, ok := splitLead(tt.in)
		if !ok || by != tt.byline || rest != tt.rest {
			t.Errorf("splitLead(%q) = %q, %q, %v; want %q, %q", tt.in, by, rest, ok, tt.byline, tt.rest)
		}
	}
	for _, s := range []string{
		"【编者按】本期关注", "梧桐社区重点完善数字电商活动，", "记者了解到，全市", "Hello (world) - x",
	} {
		if by, _, ok := splitLead(s); ok {
			t.Errorf("splitLead(%q) found byline %q", s, by)
		}
	}
}

func TestBylinesCaptionsCredits(t *testing.T) {
	bylines := []string{"本报记者 张三 李四", "江城融媒记者 周晓 林一帆", "记者 王五", "本报记者 张三 通讯员 李四",
		"By Jane Whitfield", "홍길동 기자", "中部支局 田中健太記者", "本报记者 阿卜杜·热合曼", "本报评论员", "（记者 张三）", "홍길동 기자 hong@example.com"}
	for _, s := range bylines {
		if !isStandaloneByline(s) {
			t.Errorf("%q should be a byline", s)
		}
	}
	notBylines := []string{"南港镇不断吸引民生记者", "记者节表彰大会在市委举行", "记者在现场看到，", "Byzantine art returns", "市妇联"}
	for _, s := range notBylines {
		if isStandaloneByline(s) {
			t.Errorf("%q should not be a byline", s)
		}
	}
	for _, s := range []string{"本报记者 林一帆摄", "江城融媒记者 余某某 摄", "新华社发", "山田太郎撮影", "사진=대전시 제공", "Photo by Mark Ellis", "（资料图片）"} {
		if !isCredit(s) {
			t.Errorf("%q should be a credit", s)
		}
	}
	for _, s := range []string{"市政府为群众提供", "摄影展开幕 作品展出三百幅", "图为市民在广场上跳舞。"} {
		if isCredit(s) {
			t.Errorf("%q should not be a credit", s)
		}
	}
	c, cr := splitCaptionCredit("图为青石巷口的骑楼群。 本报记者 林一帆摄")
	if c != "图为青石巷口的骑楼群。" || cr != "本报记者 林一帆摄" {
		t.Errorf("caption+credit split: %q %q", c, cr)
	}
	c, cr = splitCaptionCredit("图为市民参观展览（本报记者 张三 摄）")
	if c != "图为市民参观展览" || cr != "本报记者 张三 摄" {
		t.Errorf("caption+(credit) split: %q %q", c, cr)
	}
}

// wantArt is what the layout tests check of an article: its head and the
// text of its first block.
type wantArt struct{ head, sub, kicker, byline, first string }

// checkArticles fails the test unless is holds exactly the articles want.
func checkArticles(t *testing.T, is *Issue, want []wantArt) {
	t.Helper()
	if len(is.Articles) != len(want) {
		t.Fatalf("%d articles, want %d: %+v", len(is.Articles), len(want), is.Articles)
	}
	for i, w := range want {
		a := is.Articles[i]
		got := wantArt{a.Headline, a.Subheadline, a.Kicker, a.Byline, ""}
		if len(a.Blocks) > 0 {
			got.first = a.Blocks[0].Text
		}
		if got != w {
			t.Errorf("article %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
}

// Each layout rule on a minimal issue.
func TestArticleRules(t *testing.T) {
	type art = wantArt
	tests := []struct {
		name string
		text string
		want []art
	}{
		{"column break rejoins a paragraph", "标题一号新闻\n\n本报记者 张三\n\n这是第一段，说到一半被切断在\n\n第二栏继续说完。\n",
			[]art{{"标题一号新闻", "", "", "本报记者 张三", "这是第一段，说到一半被切断在第二栏继续说完。"}}},
		{"two-part headline on one line", "江城老街改造启动 百年骑楼重焕新颜\n\n本报记者 张三\n\n正文一段。\n",
			[]art{{"江城老街改造启动 百年骑楼重焕新颜", "", "", "本报记者 张三", "正文一段。"}}},
		{"kicker, headline, subheadline", "聚焦民生实事\n\n老旧小区加装电梯\n\n——全市已完成一百八十部\n\n本报讯（记者 李四）正文。\n",
			[]art{{"老旧小区加装电梯", "——全市已完成一百八十部", "聚焦民生实事", "本报讯（记者 李四）", "正文。"}}},
		{"bold banner over two lines is the kicker", "标题\n\n记者 王五\n\n**学习新思想\n实干开新局**\n\n正文。\n",
			[]art{{"标题", "", "学习新思想 实干开新局", "记者 王五", "正文。"}}},
		{"headline after body", "江城融媒记者 周晓)正文第一段。\n\n正文第二段。\n\n后置标题在正文之后\n\n下一篇的标题\n\n本报记者 张三\n\n下一篇正文。\n",
			[]art{{"后置标题在正文之后", "", "", "江城融媒记者 周晓", "正文第一段。"}, {"下一篇的标题", "", "", "本报记者 张三", "下一篇正文。"}}},
		{"furniture is page metadata", "第2版 要闻\n江城日报\n2024年1月5日 星期五\n\n新闻标题\n\n本报记者 张三\n\n正文。\n\n责任编辑：某某\n2\n",
			[]art{{"新闻标题", "", "", "本报记者 张三", "正文。"}}},
		{"pdftotext column lines, headline and byline in the same block", "第1版\n北川新城区学校建成\n本报记者　马骏\n记者近日从教育局获悉，新城\n区十二所学校已全部建成投用\n，新增学位一万八千个，基本\n解决了就近入学问题。\n“孩子上学近了，步行十分钟\n就到。”家长说。\n",
			[]art{{"北川新城区学校建成", "", "", "本报记者 马骏", "记者近日从教育局获悉，新城区十二所学校已全部建成投用，新增学位一万八千个，基本解决了就近入学问题。"}}},
		{"jump lines and a byline at the end", "转版的新闻标题\n\n（上接第1版）正文开头，后面还有。\n\n最后一段。（下转第3版）\n\n（记者 张三）\n",
			[]art{{"转版的新闻标题", "", "", "记者 张三", "正文开头，后面还有。"}}},
		{"headline with a comma, numbered sub-sections", "稳中求进，奋力开创新局面\n\n本报记者 张三\n\n导语。\n\n一、加强组织领导\n\n第一部分正文。\n\n（二）坚持党建引领，推动基层治理提质增效\n\n第二部分正文。\n",
			[]art{{"稳中求进，奋力开创新局面", "", "", "本报记者 张三", "导语。"}}},
		{"Taiwan dateline in parentheses", "颱風過境 全台停班停課\n\n（中央社記者王小明台北5日電）颱風今天清晨登陸。\n",
			[]art{{"颱風過境 全台停班停課", "", "", "中央社記者王小明台北5日電", "颱風今天清晨登陸。"}}},
		{"English", "Harbour Ferry Returns\n\nBy Jane Doe\n\nThe ferry returned to\nservice on Thursday.\n",
			[]art{{"Harbour Ferry Returns", "", "", "By Jane Doe", "The ferry returned to service on Thursday."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is, err := Parse([]byte(tt.text), "x.txt", LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkArticles(t, is, tt.want)
		})
	}
}

func TestPagesAndSections(t *testing.T) {
	text := "第1版 要闻\n\n甲新闻标题\n\n本报记者 张三\n\n正文。\n\f第2版 经济\n\n乙新闻标题\n\n本报记者 李四\n\n正文。\n\f\n丙新闻标题\n\n本报记者 王五\n\n正文。\n"
	is, err := Parse([]byte(text), "x.txt", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		page    int
		section string
	}{{1, "要闻"}, {2, "经济"}, {3, ""}}
	if len(is.Articles) != 3 {
		t.Fatalf("%d articles", len(is.Articles))
	}
	for i, w := range want {
		if a := is.Articles[i]; a.Page != w.page || a.Section != w.section {
			t.Errorf("article %d: page %d section %q, want %d %q", i, a.Page, a.Section, w.page, w.section)
		}
	}
	if is.Format != FormatPDFText {
		t.Errorf("format %s", is.Format)
	}
}

func TestRunningHeadsAcrossPages(t *testing.T) {
	text := "B1 THE RIVERTON COURIER TUESDAY, MARCH 5, 2024\n\nFirst Headline Here\n\nBy Ann Lee\n\nBody text one.\n" +
		"\fTHE RIVERTON COURIER TUESDAY, MARCH 5, 2024 B2\n\nSecond Headline Here\n\nBy Bo Kim\n\nBody text two.\n" +
		"\f第3版\n要闻\n\n第三条新闻标题\n\n本报记者 张三\n\n正文。\n"
	is, err := Parse([]byte(text), "x.txt", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(is.Articles) != 3 {
		t.Fatalf("%d articles: %+v", len(is.Articles), is.Articles)
	}
	for i, want := range []struct {
		head    string
		page    int
		section string
	}{{"First Headline Here", 1, ""}, {"Second Headline Here", 2, ""}, {"第三条新闻标题", 3, "要闻"}} {
		if a := is.Articles[i]; a.Headline != want.head || a.Page != want.page || a.Section != want.section {
			t.Errorf("article %d: %q p%d %q, want %q p%d %q", i, a.Headline, a.Page, a.Section, want.head, want.page, want.section)
		}
	}
	if is.DateString() != "2024-03-05" {
		t.Errorf("date %s", is.DateString())
	}
}

func TestSubsectionsCaptionsCredits(t *testing.T) {
	text := "庆元旦活动丰富多彩\n\n本报记者 张三\n\n导语一段。\n\n市妇联\n\n妇联的活动。\n\n市总工会\n\n工会的活动。\n\n图为活动现场。\n\n本报记者 张三摄\n"
	is, err := Parse([]byte(text), "x.txt", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range is.Articles[0].Blocks {
		kinds = append(kinds, string(b.Kind))
	}
	if got := strings.Join(kinds, ","); got != "text,subhead,text,subhead,text,caption,credit" {
		t.Errorf("blocks = %s", got)
	}
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name, text, title, date string
	}{
		{"lhasa-daily/2024-01-02.txt", "x", "lhasa-daily", "2024-01-02"},
		{"paper/20240102.txt", "x", "paper", "2024-01-02"},
		{"archive/2024/01/02.txt", "x", "archive", "2024-01-02"},
		{"某报/2024/01/2024-01-02.txt", "x", "某报", "2024-01-02"},
		{"notes.txt", "青川日报\n2024年1月5日 星期五\n\n正文。", "青川日报", "2024-01-05"}, // the paper's name its masthead prints (#13)
		{"notes.txt", "正文提到2023年12月30日和12月31日，以及1月1日的活动。", "notes", "2024-01-01"},
		{"x.md", "---\ntitle: \"山海周报\"\ndate: 2024-06-18\n---\n\n# 标题\n\n正文。\n", "山海周报", "2024-06-18"},
		{"-", "no date here", "standard input", ""},
	}
	for _, tt := range tests {
		is, err := Parse([]byte(tt.text), tt.name, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if is.Title != tt.title || is.DateString() != tt.date {
			t.Errorf("%s: title %q date %q, want %q %q", tt.name, is.Title, is.DateString(), tt.title, tt.date)
		}
	}
}

func TestMarkdown(t *testing.T) {
	text := "# 山海周报\n\n## 第一篇\n\n### 副题在此\n\n正文有**加粗**和[链接](http://x)。\n\n### 小标题\n\n更多正文。\n\n## 第二篇\n\n本报讯（记者 郑欣）正文。\n"
	is, err := Parse([]byte(text), "x.md", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if is.Title != "山海周报" || len(is.Articles) != 2 {
		t.Fatalf("title %q, %d articles", is.Title, len(is.Articles))
	}
	a := is.Articles[0]
	if a.Headline != "第一篇" || a.Subheadline != "副题在此" || a.Blocks[0].Text != "正文有加粗和链接。" || a.Blocks[1].Kind != KindSubhead {
		t.Errorf("article 1: %+v", a)
	}
	if b := is.Articles[1]; b.Byline != "本报讯（记者 郑欣）" {
		t.Errorf("article 2 byline %q", b.Byline)
	}
}

func TestSampleIssue(t *testing.T) {
	is := Sample()
	if len(is.Articles) < 7 {
		t.Fatalf("sample has %d articles", len(is.Articles))
	}
	checkInvariants(t, is)
	langs := map[string]bool{}
	for _, a := range is.Articles {
		if a.Headline == "" || a.Byline == "" || len(a.Blocks) < 2 {
			t.Errorf("sample article %q incomplete: byline %q, %d blocks", a.Headline, a.Byline, len(a.Blocks))
		}
		for _, r := range a.Headline {
			switch {
			case r >= 0x3040 && r <= 0x30ff:
				langs["ja"] = true
			case r >= 0xac00 && r <= 0xd7a3:
				langs["ko"] = true
			case r >= 'A' && r <= 'z':
				langs["en"] = true
			}
		}
	}
	if len(langs) != 3 {
		t.Errorf("sample languages %v", langs)
	}
	if is.Articles[len(is.Articles)-1].Page != 3 {
		t.Errorf("sample pages: last article on page %d", is.Articles[len(is.Articles)-1].Page)
	}
	if !utf8.Valid(SampleBytes()) {
		t.Error("sample is not UTF-8")
	}
}
