package issues

import (
	"strings"
	"testing"
)

// TestMarkdownStructure: which heading level is the issue's title and which
// starts articles is decided by the file's structure. One "#" at the top
// directly over several "##" sections that each have body text is the
// issue's title; a "#" followed by body text, or by a single "##" and then
// the body, is an article's headline.
func TestMarkdownStructure(t *testing.T) {
	type art = wantArt
	tests := []struct {
		name  string
		text  string
		title string
		want  []art
	}{
		{"# then one ## is headline and subheadline",
			"---\ntitle: Gazette\n---\n\n# Bridge reopens\n\n## Repairs took two years\n\nBy Ann Lee\n\nThe bridge reopened today.\n\n### Traffic\n\nCars return next week.\n",
			"Gazette", []art{{"Bridge reopens", "Repairs took two years", "", "By Ann Lee", "The bridge reopened today."}}},
		{"# followed by body is a headline, later ## are sub-sections",
			"# 河口大桥恢复通车\n\n大桥今天恢复通车。\n\n## 交通安排\n\n公交线路同步恢复。\n\n## 后续工程\n\n引桥明年完工。\n",
			"x", []art{{"河口大桥恢复通车", "", "", "", "大桥今天恢复通车。"}}},
		{"one # over several ## with bodies is the issue title",
			"# 山海周报\n\n## 第一篇\n\n正文一。\n\n## 第二篇\n\n正文二。\n",
			"山海周报", []art{{"第一篇", "", "", "", "正文一。"}, {"第二篇", "", "", "", "正文二。"}}},
		{"one # over ## sections with sub-headings is the issue title",
			"# 山海周报\n\n## 第一篇\n\n### 副题\n\n正文一。\n\n## 第二篇\n\n正文二。\n",
			"山海周报", []art{{"第一篇", "副题", "", "", "正文一。"}, {"第二篇", "", "", "", "正文二。"}}},
		{"a ## without body keeps # a headline",
			"# 标题\n\n## 副标题一\n\n正文。\n\n## 小节\n",
			"x", []art{{"标题", "副标题一", "", "", "正文。"}}},
		{"several # are articles",
			"# 第一条\n\n## 副题一\n\n正文一。\n\n# 第二条\n\n正文二。\n",
			"x", []art{{"第一条", "副题一", "", "", "正文一。"}, {"第二条", "", "", "", "正文二。"}}},
		{"a bold banner over # is that article's kicker",
			"**观察**\n\n# 标题\n\n## 副题\n\n本报记者 张三\n\n正文。\n\n### 小标题\n\n又一段。\n",
			"x", []art{{"标题", "副题", "观察", "本报记者 张三", "正文。"}}},
		{"a bold banner between articles is the next one's kicker",
			"# 第一条\n\n正文一。\n\n**学习新思想\n实干开新局**\n\n# 第二条\n\n正文二。\n",
			"x", []art{{"第一条", "", "", "", "正文一。"}, {"第二条", "", "学习新思想 实干开新局", "", "正文二。"}}},
		{"bracketed Japanese byline on its own line",
			"# 港町で夜市復活\n\n【湊＝山田花子】\n\n商店街で十九日夜、夜市が開かれた。\n",
			"x", []art{{"港町で夜市復活", "", "", "湊＝山田花子", "商店街で十九日夜、夜市が開かれた。"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is, err := Parse([]byte(tt.text), "x.md", LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, is)
			if is.Title != tt.title {
				t.Errorf("title %q, want %q", is.Title, tt.title)
			}
			checkArticles(t, is, tt.want)
		})
	}
}

// TestBracketedBylineAlone: a byline in brackets on a line of its own
// (【地名＝名前】, [서울=홍길동 기자], （東京＝共同）) is the article's byline
// and is not rejoined to the lead as an unfinished paragraph.
func TestBracketedBylineAlone(t *testing.T) {
	tests := []struct{ in, byline string }{
		{"【湊＝山本花子】", "湊＝山本花子"},
		{"【東京＝共同】", "東京＝共同"},
		{"【本报讯】", "本报讯"},
		{"[서울=홍길동 기자]", "서울=홍길동 기자"},
		{"（ソウル＝共同）", "ソウル＝共同"},
		{"(부산=연합뉴스) 이영희 기자", "부산=연합뉴스 이영희 기자"},
	}
	for _, tt := range tests {
		if by, ok := bracketedByline(tt.in); !ok || by != tt.byline {
			t.Errorf("bracketedByline(%q) = %q, %v; want %q", tt.in, by, ok, tt.byline)
		}
		text := "港の新しい見出し\n\n" + tt.in + "\n\n本文の一段目。\n"
		is, err := Parse([]byte(text), "x.txt", LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(is.Articles) != 1 {
			t.Fatalf("%q: %d articles: %+v", tt.in, len(is.Articles), is.Articles)
		}
		a := is.Articles[0]
		if a.Headline != "港の新しい見出し" || a.Byline != tt.byline || len(a.Blocks) == 0 || a.Blocks[0].Text != "本文の一段目。" {
			t.Errorf("%q: headline %q byline %q blocks %+v", tt.in, a.Headline, a.Byline, a.Blocks)
		}
	}
	for _, s := range []string{"【编者按】", "【社説】", "[속보]", "（上）", "【湊＝山本花子】港町で", "(서울=연합뉴스) 서울시가 오늘 발표했다."} {
		if by, ok := bracketedByline(s); ok {
			t.Errorf("bracketedByline(%q) = %q, want none", s, by)
		}
	}
}

// The layout test fixtures of package reader, rebuilt in miniature: the
// shapes that were reported wrong.
func TestMarkdownReportedShapes(t *testing.T) {
	text := strings.Join([]string{
		"---", "title: 湊新聞", "date: 2025-05-20", "---", "",
		"# 港町で「夜の市場」復活 三年ぶり", "",
		"【湊＝山本花子】港町商店街で十九日夜、市場が開かれた。", "",
		"### 交通規制も", "",
		"市は当日、車両の通行を規制した。", "",
	}, "\n")
	is, err := Parse([]byte(text), "ja.md", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(is.Articles) != 1 {
		t.Fatalf("%d articles", len(is.Articles))
	}
	a := is.Articles[0]
	if a.Headline != "港町で「夜の市場」復活 三年ぶり" || a.Byline != "湊＝山本花子" || a.Blocks[0].Text != "港町商店街で十九日夜、市場が開かれた。" {
		t.Errorf("fused bracket byline: %+v", a)
	}
}
