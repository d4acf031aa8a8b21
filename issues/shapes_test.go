package issues

import (
	"strings"
	"testing"
)

// The shapes real text takes (issue #13), each on invented text in each
// language: what a crawler's dump, a hard-wrapped PDF extraction and a
// page kept in its layout do to headlines, bylines, paragraphs, furniture,
// captions and boxes. Every case also keeps every character of its input.

// shapeArt is what a case expects of one article: its headline exactly,
// the byline holding byline, the first text block opening with lead.
type shapeArt struct{ head, byline, lead string }

type shapeCase struct {
	name  string
	text  string
	want  []shapeArt
	furn  []string // lines the furniture must hold
	title string   // the issue's title, when the text names the paper
	check func(t *testing.T, is *Issue)
}

func runShapes(t *testing.T, tests []shapeCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.text)
			is, err := Parse(data, "shape.txt", LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkNothingLost(t, data, "shape.txt")
			if len(is.Articles) != len(tt.want) {
				var heads []string
				for _, a := range is.Articles {
					heads = append(heads, a.Headline)
				}
				t.Fatalf("%d articles %q, want %d", len(is.Articles), heads, len(tt.want))
			}
			for i, w := range tt.want {
				a := is.Articles[i]
				lead := ""
				for _, b := range a.Blocks {
					if b.Kind == KindText {
						lead = b.Text
						break
					}
				}
				if a.Headline != w.head || !strings.Contains(a.Byline, w.byline) || !strings.HasPrefix(lead, w.lead) {
					t.Errorf("article %d: headline %q byline %q lead %q\nwant %q, byline holding %q, lead opening %q",
						i+1, a.Headline, a.Byline, prefix(lead, 20), w.head, w.byline, w.lead)
				}
			}
			var furn []string
			for _, f := range is.Furniture {
				furn = append(furn, f.Lines...)
			}
			for _, f := range tt.furn {
				found := false
				for _, l := range furn {
					found = found || strings.Contains(l, f)
				}
				if !found {
					t.Errorf("furniture %q missing from %q", f, furn)
				}
			}
			if tt.title != "" && is.Title != tt.title {
				t.Errorf("title %q, want %q", is.Title, tt.title)
			}
			if tt.check != nil {
				tt.check(t, is)
			}
		})
	}
}

// blockKinds lists the kinds of an article's blocks.
func blockKinds(a Article) []BlockKind {
	var ks []BlockKind
	for _, b := range a.Blocks {
		ks = append(ks, b.Kind)
	}
	return ks
}

func TestShapesSimplifiedChinese(t *testing.T) {
	runShapes(t, []shapeCase{
		{"wrapped headline with a tag, byline in two pieces, source line, ragged paragraphs",
			"一座小城的夜市重新热闹起来（“烟火气”的\n回归镜头）\n本报记者\n\n林小雨\n\n《江城日报》（2024年5月6日 第 03 版）\n\n" +
				"亮点\n全市新增夜市摊位一千二百个\n" +
				"在城东的老码头边，摊主们早早支起了灯。\n" +
				"卖烤串的老周今年五十岁，十年前他就在这里摆过摊，后来码头改造\n" +
				"停了几年，如今又回来了：“人多了，生意也好做了，心里踏\n" +
				"实。”他一边翻着烤串一边说。\n" +
				"傍晚六点，第一批客人到了。年轻人举着手机拍照，老人带着孙子慢\n" +
				"慢地逛，河面上的游船也亮起了彩灯。\n" +
				"夜市管理办公室的工作人员说，今年新增的摊位优先给了本地居\n" +
				"民。\n",
			[]shapeArt{{"一座小城的夜市重新热闹起来（“烟火气”的回归镜头）", "林小雨", "全市新增夜市摊位一千二百个"}},
			[]string{"《江城日报》（2024年5月6日 第 03 版）"}, "江城日报",
			func(t *testing.T, is *Issue) {
				a := is.Articles[0]
				if a.Byline != "本报记者 林小雨" {
					t.Errorf("byline %q, want the two pieces joined", a.Byline)
				}
				// the box's line, the paragraph ending on a short line, and
				// the one ending a quotation are each a paragraph
				var starts []string
				for _, b := range a.Blocks {
					if b.Kind == KindText {
						starts = append(starts, prefix(b.Text, 4))
					}
				}
				if strings.Join(starts, "|") != "全市新增|在城东的|卖烤串的|傍晚六点|夜市管理" {
					t.Errorf("paragraphs open %q", starts)
				}
			}},
		{"a name set one character a line under its headline",
			"社区食堂越办越红火（记者观察）\n周\n\n敏\n\n社区食堂开业一年，每天接待老人三百多人次。\n",
			[]shapeArt{{"社区食堂越办越红火（记者观察）", "周敏", "社区食堂开业一年"}}, nil, "", nil},
		{"a name under its headline in one block, and a name ending a story",
			"老街的新生意\n陈立\n\n老街上新开了三家书店。\n\n宗平\n\n第二条新闻的标题\n\n本报记者 王某\n\n正文。\n",
			[]shapeArt{{"老街的新生意", "宗平", "老街上新开了"}, {"第二条新闻的标题", "王某", "正文。"}}, nil, "",
			func(t *testing.T, is *Issue) {
				if by := is.Articles[0].Byline; !strings.Contains(by, "陈立") {
					t.Errorf("byline %q lost the name under the headline", by)
				}
			}},
		{"masthead, editors' lines and a telephone number are furniture; the paper names the issue",
			"江城日报\nJIANGCHENG DAILY\n国内统一连续出版物号CN 11-0000 总第5000期 今日八版\n2024年5月\n\n6 日 星期一\n\n" +
				"新闻标题在这里\n\n本报记者 张三\n\n正文第一段。\n\n本期值班副总编 / 李四 责任编辑 / 王五 责任校对 / 赵六\n（010）12345678\n",
			[]shapeArt{{"新闻标题在这里", "张三", "正文第一段。"}},
			[]string{"CN 11-0000", "JIANGCHENG DAILY", "本期值班副总编", "（010）12345678", "6 日 星期一"}, "江城日报", nil},
		{"a □ byline, a caption ending with its credit over the lead, a letter-spaced dateline",
			"评论的标题在这里\n□ 田某某\n\n评论正文第一段。\n\n码头新桥今天合龙\n\n新桥的最后一段钢梁吊装到位。 本报记者 李明 摄\n" +
				"本 报 讯 5 月 6 日 ， 江 城 新 桥 合 龙 。\n",
			[]shapeArt{{"评论的标题在这里", "田某某", "评论正文第一段。"}, {"码头新桥今天合龙", "本报讯", "5月6日，江城新桥合龙。"}}, nil, "",
			func(t *testing.T, is *Issue) {
				if k := blockKinds(is.Articles[1]); len(k) < 3 || k[0] != KindCaption || k[1] != KindCredit {
					t.Errorf("blocks %v, want caption, credit, text", k)
				}
			}},
		{"a headline and its deck of clauses on the next line",
			"江城新区建设全面提速 一批重点项目集中开工\n市长致辞 副市长讲话 秘书长主持\n\n本报讯（记者 张三）正文。\n",
			[]shapeArt{{"江城新区建设全面提速 一批重点项目集中开工", "张三", "正文。"}}, nil, "",
			func(t *testing.T, is *Issue) {
				if s := is.Articles[0].Subheadline; s != "市长致辞 副市长讲话 秘书长主持" {
					t.Errorf("subheadline %q", s)
				}
			}},
		{"a credit 图/agency",
			"新闻标题\n\n本报记者 张三\n\n正文。\n\n图为新桥夜景。\n\n图/新华社\n",
			[]shapeArt{{"新闻标题", "张三", "正文。"}}, nil, "",
			func(t *testing.T, is *Issue) {
				if k := blockKinds(is.Articles[0]); len(k) != 3 || k[2] != KindCredit {
					t.Errorf("blocks %v, want text, caption, credit", k)
				}
			}},
	})
}

func TestShapesTraditionalChinese(t *testing.T) {
	runShapes(t, []shapeCase{
		{"a web page: timestamp, caption printed twice, dateline, read-on prompt, desk byline",
			"港口夜市重現人潮\n\n最新更新：2023/05/06 10:48\n\n港口夜市重現人潮，攤商笑開懷。（圖／記者翻攝）\n\n港口夜市重現人潮，攤商笑開懷。（圖／記者翻攝）\n\n" +
				"（中央社記者陳某某基隆6日電）基隆港口夜市今晚重新開張。\n\n請繼續往下閱讀...\n\n攤商表示生意比去年好。\n\n\n" +
				"下一則新聞的標題\n\n2023-05-06 18:03\n\n地方中心／綜合報導\n\n正文的第一段。\n",
			[]shapeArt{{"港口夜市重現人潮", "陳某某", "基隆港口夜市"}, {"下一則新聞的標題", "地方中心／綜合報導", "正文的第一段。"}},
			[]string{"最新更新：2023/05/06 10:48", "請繼續往下閱讀...", "2023-05-06 18:03"}, "",
			func(t *testing.T, is *Issue) {
				if k := blockKinds(is.Articles[0]); len(k) != 4 || k[0] != KindCaption || k[1] != KindCaption {
					t.Errorf("blocks %v, want caption, caption, text, text", k)
				}
			}},
		{"a hotline box under a story is furniture, not a story",
			"標題一則\n\n記者林某／南市報導\n\n正文說完了。\n再給自己一次機會\n安心專線：0800-000-000（24小時）\n生命線：1995\n",
			[]shapeArt{{"標題一則", "林某", "正文說完了。"}}, []string{"安心專線：0800-000-000（24小時）", "生命線：1995", "再給自己一次機會"}, "", nil},
		{"a byline fused to its timestamp",
			"機場新航廈啟用\n\n2019-03-18 23:59某某報記者林某某／機場報導\n\n新航廈今天啟用。\n",
			[]shapeArt{{"機場新航廈啟用", "林某某", "新航廈今天啟用。"}}, []string{"2019-03-18 23:59"}, "", nil},
	})
}

func TestShapesJapanese(t *testing.T) {
	runShapes(t, []shapeCase{
		{"a crawler's dump: URL and timestamp over the title, boxes of links",
			"http://news.example.jp/article/1/\n2012-04-01T09:00:00+0900\n「駅前に新しい図書館」市民の声に応える\n" +
				"1日、市は駅前に新しい図書館を開いた。利用者は初日に千人を超えた。\n\n二段落目の本文。\n\n" +
				"【関連記事】\n・図書館の話題 (某ニュース)\n・別の話題 (某ブログ)\n\n" +
				"http://news.example.jp/article/2/\n2012-04-01T10:00:00+0900\n二本目の見出し\n本文はここから始まる。\n",
			[]shapeArt{{"「駅前に新しい図書館」市民の声に応える", "", "1日、市は駅前に"}, {"二本目の見出し", "", "本文はここから"}},
			[]string{"http://news.example.jp/article/1/", "2012-04-01T09:00:00+0900", "【関連記事】", "・図書館の話題 (某ニュース)"}, "", nil},
		{"a bracketed reporter's byline, a caption ending with （写真）",
			"港の見出し\n\n駅前の新しい図書館（写真）\n\n【港町＝山本花子記者】本文の一段目。\n",
			[]shapeArt{{"港の見出し", "山本花子", "本文の一段目。"}}, nil, "",
			func(t *testing.T, is *Issue) {
				if k := blockKinds(is.Articles[0]); len(k) != 2 || k[0] != KindCaption {
					t.Errorf("blocks %v, want caption, text", k)
				}
			}},
	})
}

func TestShapesKorean(t *testing.T) {
	runShapes(t, []shapeCase{
		{"title over its timestamp, stories two blank lines apart, a byline with an address at the end",
			"정부, 새 교통 대책 발표\n2025-08-01 13:17\n\n정부는 1일 새 교통 대책을 발표했다.\n\n\n" +
				"둘째 기사 제목\n2025-08-01 15:00\n\n본문 첫 문단이다.\n\n홍길동 기자 hong@example.com\n",
			[]shapeArt{{"정부, 새 교통 대책 발표", "", "정부는 1일"}, {"둘째 기사 제목", "hong@example.com", "본문 첫 문단이다."}},
			[]string{"2025-08-01 13:17", "2025-08-01 15:00"}, "", nil},
		{"a caption with its photo's source, a box of related articles",
			"시장 살리기 나선 상인들\n\n시장 상인들이 손님을 맞고 있다. (사진=연합뉴스)\n\n상인들이 새 행사를 열었다.\n\n관련기사\n· 다른 기사 제목\n· 또 다른 기사\n",
			[]shapeArt{{"시장 살리기 나선 상인들", "", "상인들이 새 행사를"}}, []string{"관련기사", "· 다른 기사 제목"}, "", nil},
	})
}

func TestShapesEnglish(t *testing.T) {
	runShapes(t, []shapeCase{
		{"stories two blank lines apart, a timestamp, a jump and a box of links",
			"Council backs new cycle lanes\nUpdated: 2024-03-05 09:30\n\nBy Jane Roe\n\nThe council approved the water-\nfront plan on Tuesday.\n\n" +
				"(Continued on Page 3)\n\nRelated stories:\n• Parking rules change\n• Bridge to close\n\n\n" +
				"Library extends weekend hours\n\nThe city library will open on Sundays.\n",
			[]shapeArt{{"Council backs new cycle lanes", "Jane Roe", "The council approved the waterfront plan"}, {"Library extends weekend hours", "", "The city library"}},
			[]string{"Updated: 2024-03-05 09:30", "(Continued on Page 3)", "Related stories:", "• Bridge to close"}, "", nil},
	})
}

func TestShapesItalian(t *testing.T) {
	runShapes(t, []shapeCase{
		{"a front page: masthead, a headline over three lines, a drop cap, a jump",
			"IL CORRIERE DEL LAGO\nLunedì 21 ottobre 2024\n\nIl porto riapre\nai turisti dopo\ndue anni di lavori\ndi Maria Rossi\n\n" +
				"D\nopo due anni di lavori il porto della città ha riaperto ieri mattina, e centinaia di\n" +
				"persone hanno atteso l'apertura sul molo fin dalle prime ore del giorno.\n\n● a pagina 12\n",
			[]shapeArt{{"Il porto riapre ai turisti dopo due anni di lavori", "Maria Rossi", "Dopo due anni di lavori"}},
			[]string{"● a pagina 12", "Lunedì 21 ottobre 2024"}, "IL CORRIERE DEL LAGO",
			func(t *testing.T, is *Issue) {
				if d := is.DateString(); d != "2024-10-21" {
					t.Errorf("date %q, want the masthead's 2024-10-21", d)
				}
			}},
		{"a di byline and a jump to another page",
			"Il porto riapre ai turisti\n\ndi Maria Rossi\n\nIl porto della città ha riaperto ieri dopo due anni di lavori.\n\n● a pagina 12\n",
			[]shapeArt{{"Il porto riapre ai turisti", "Maria Rossi", "Il porto della città"}}, []string{"● a pagina 12"}, "", nil},
	})
}

// A page kept in its layout (pdftotext -layout): two stories side by side,
// the left one in two columns; read back in order, each story whole.
func TestShapesLaidOutPage(t *testing.T) {
	row := func(cols ...string) string { // cols at 0, 24 and 48 runes
		var line []rune
		for i, c := range cols {
			for len(line) < i*24 {
				line = append(line, ' ')
			}
			line = append(line, []rune(c)...)
		}
		return strings.TrimRight(string(line), " ")
	}
	page := strings.Join([]string{
		row("江城新桥今天合龙通车", "", "老街书店重新开门"),
		"",
		row("本报讯 新桥的最后一段", "钢梁吊装到位，全长", "本报记者 王某"),
		row("钢梁今天上午吊装，两岸", "一千二百米，是江城第", "老街上的三家书店"),
		row("的市民早早来到江边观看", "五座跨江大桥。", "今天重新开门，读者排"),
		row("，工人们在桥面上忙碌，", "", "起了长队。"),
		row("", "", ""),
		row("第三行之后又一段，新桥", "", "店主说，书店会办读书"),
		row("的名字由市民投票选出，", "", "会和展览。"),
		row("这是最后一行，结束了新", "", "书店还请来了作家签名"),
		row("桥的第一栏，接着第二栏", "", "售书，读者很多。"),
		row("第一栏的又一行文字写在", "", ""),
		row("这里，然后结束。", "", ""),
	}, "\n")
	is, err := Parse([]byte(page), "layout.txt", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkNothingLost(t, []byte(page), "layout.txt")
	if !looksLaidOut(page) {
		t.Fatal("the page is not taken for a laid-out one")
	}
	if len(is.Articles) != 2 || is.Articles[0].Headline != "江城新桥今天合龙通车" || is.Articles[1].Headline != "老街书店重新开门" {
		var heads []string
		for _, a := range is.Articles {
			heads = append(heads, a.Headline)
		}
		t.Fatalf("headlines %q", heads)
	}
	if by := is.Articles[1].Byline; by != "本报记者 王某" {
		t.Errorf("second story's byline %q", by)
	}
	var left strings.Builder
	for _, b := range is.Articles[0].Blocks {
		left.WriteString(b.Text)
	}
	if s := left.String(); !strings.Contains(s, "两岸的市民") || strings.Contains(s, "书店") {
		t.Errorf("left story read %q", s)
	}
}

// Letter-spaced CJK is closed up; words of a banner and Latin text are not.
func TestUnspaceLetters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"本 报 讯 10 月 14 日 ， 中 国", "本报讯10月14日，中国"},
		{"中国海油召开会议 中 国 海 油 党 组", "中国海油召开会议 中国海油党组"},
		{"学思想 强党性 重实践 建新功", "学思想 强党性 重实践 建新功"},
		{"a b c d e", "a b c d e"},
		{"陵 水 36-1， 推 动 我 国 首 个", "陵 水 36-1， 推动我国首个"},
	}
	for _, tt := range tests {
		if got := unspaceLetters(tt.in); got != tt.want {
			t.Errorf("unspaceLetters(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Lines of metadata and of boxes, one rule each.
func TestMetaAndBoxLines(t *testing.T) {
	for _, l := range []string{"2012-03-29T11:38:00+0900", "2025-08-01 13:17", "最新更新：2016/03/19 10:48",
		"建立時間：2016/05/21 11:44", "2017年12月9日 00:26", "15:312018/09/16", "https://example.com/a/b", "Updated: 2024-01-02 09:30"} {
		if !isMetaLine(l) {
			t.Errorf("%q should be metadata", l)
		}
	}
	for _, l := range []string{"2024年1月5日", "十点半开会：地点在三楼", "http 协议的历史"} {
		if isMetaLine(l) {
			t.Errorf("%q should not be metadata", l)
		}
	}
	for _, l := range []string{"国内统一连续出版物号CN 11-0000", "总第3807期", "今日四版", "某某集团有限公司主管主办", "（010）84528274", "2024年10月", "16 日 星期三"} {
		if !isMastheadLine(l) {
			t.Errorf("%q should be a masthead line", l)
		}
	}
	for _, l := range []string{"今日起实行新规定。", "总第一次会议召开，", "2024年全市经济总量增长。"} {
		if isMastheadLine(l) {
			t.Errorf("%q should not be a masthead line", l)
		}
	}
	for _, s := range []string{"di Maria Rossi", "DI LUCA BIANCHI", "□ 田某某", "社會中心／綜合報導", "記者林某／南市報導", "聯合報記者陳某某／桃園報導"} {
		if !isStandaloneByline(s) {
			t.Errorf("%q should be a byline", s)
		}
	}
	for _, s := range []string{"di notte la città dorme", "di Roma", "□ 这是一个方框里的长句子，并不是署名"} {
		if isStandaloneByline(s) {
			t.Errorf("%q should not be a byline", s)
		}
	}
	if h, tag := cutHeadlineTag("服务消费潜力巨大（专家点评）"); h != "服务消费潜力巨大" || tag != "（专家点评）" {
		t.Errorf("cutHeadlineTag = %q, %q", h, tag)
	}
	if _, tag := cutHeadlineTag("他说（这是一句，带逗号的话）"); tag != "" {
		t.Errorf("a parenthesis with a comma is no tag: %q", tag)
	}
}
