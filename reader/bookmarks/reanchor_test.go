package bookmarks

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"bao/issues"
)

// Invented fixtures: a zh-Hans city page, a zh-Hant item, a Japanese and an
// English one, each article a headline and a few paragraphs.
func fixtureIssue() *issues.Issue {
	return &issues.Issue{
		Title: "晨江日报",
		Articles: []issues.Article{
			{Headline: "江北新区地铁三号线年底试运行", Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "本报讯 记者从市轨道交通集团获悉，江北新区地铁三号线土建工程已全部完工，机电安装进入收尾阶段。"},
				{Kind: issues.KindText, Text: "据介绍，三号线全长二十四公里，设站十八座，其中换乘站五座，预计年底开展空载试运行。"},
				{Kind: issues.KindText, Text: "沿线居民表示，通车后去老城区上班单程可节省约四十分钟，早高峰不用再挤公交。"},
			}},
			{Headline: "港口吞吐量创新高", Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "今年前十个月，本市港口集装箱吞吐量同比增长百分之九点六，外贸航线新增七条。"},
				{Kind: issues.KindCaption, Text: "图为夜间作业的集装箱码头。"},
			}},
			{Headline: "舊城老街修繕完工", Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "歷時兩年的老街修繕工程日前完工，沿街三十餘棟騎樓恢復了原有的磚雕與木窗。"},
			}},
			{Headline: "駅前に新しい図書館", Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "市は駅前の再開発ビルに新しい図書館を開設すると発表した。蔵書は約二十万冊を予定している。"},
			}},
			{Headline: "Night market returns to the riverside", Blocks: []issues.Block{
				{Kind: issues.KindText, Text: "After a three-year pause the riverside night market reopened on Friday with more than two hundred stalls selling noodles, lanterns and secondhand books."},
			}},
		},
	}
}

func cloneIssue(is *issues.Issue) *issues.Issue {
	out := *is
	out.Articles = slices.Clone(is.Articles)
	for i := range out.Articles {
		out.Articles[i].Blocks = slices.Clone(out.Articles[i].Blocks)
	}
	return &out
}

func TestReanchor(t *testing.T) {
	base := fixtureIssue()
	tests := []struct {
		name  string
		at    issues.Position
		edit  func(is *issues.Issue)
		want  issues.Position
		match Match
	}{
		{"unchanged", pos(0, 1, 6), func(*issues.Issue) {}, pos(0, 1, 6), Exact},
		{"headline unchanged", pos(1, issues.BlockHeadline, 0), func(*issues.Issue) {}, pos(1, issues.BlockHeadline, 0), Exact},
		{"paragraph inserted before", pos(0, 1, 6),
			func(is *issues.Issue) {
				a := &is.Articles[0]
				a.Blocks = slices.Insert(a.Blocks, 0, issues.Block{Kind: issues.KindText, Text: "（编者按：本文有更正。）"})
			}, pos(0, 2, 6), Nearby},
		{"text inserted before in the same paragraph", pos(0, 1, 6),
			func(is *issues.Issue) { is.Articles[0].Blocks[1].Text = "又讯，" + is.Articles[0].Blocks[1].Text },
			pos(0, 1, 9), Nearby},
		{"quote corrected by one character", pos(0, 1, 0),
			func(is *issues.Issue) {
				r := []rune(is.Articles[0].Blocks[1].Text)
				r[10] = '廿' // 二十四 → 廿十四: a one-character correction inside the quote
				is.Articles[0].Blocks[1].Text = string(r)
			}, pos(0, 1, 0), Nearby},
		{"quote corrected in two places", pos(0, 1, 0),
			func(is *issues.Issue) {
				r := []rune(is.Articles[0].Blocks[1].Text)
				r[8], r[20] = '总', '个'
				is.Articles[0].Blocks[1].Text = "另据介绍：" + string(r)
			}, pos(0, 1, 5), Nearby},
		{"paragraphs joined (column break repaired)", pos(0, 2, 4),
			func(is *issues.Issue) {
				a := &is.Articles[0]
				a.Blocks[1].Text += a.Blocks[2].Text
				a.Blocks = a.Blocks[:2]
			}, pos(0, 1, utf8.RuneCountInString(base.Articles[0].Blocks[1].Text)+4), Nearby},
		{"article inserted before", pos(2, 0, 4),
			func(is *issues.Issue) {
				is.Articles = slices.Insert(is.Articles, 0, issues.Article{Headline: "天气", Blocks: []issues.Block{{Text: "明日多云转晴。"}}})
			}, pos(3, 0, 4), Elsewhere},
		{"japanese paragraph edited before", pos(3, 0, 22),
			func(is *issues.Issue) { is.Articles[3].Blocks[0].Text = "【速報】" + is.Articles[3].Blocks[0].Text },
			pos(3, 0, 26), Nearby},
		{"english typo fixed in the quote", pos(4, 0, 30),
			func(is *issues.Issue) {
				is.Articles[4].Blocks[0].Text = "After a three-year pause the riverside night markets reopened on Friday with more than two hundred stalls selling noodles, lanterns and secondhand books."
			}, pos(4, 0, 30), Nearby},
		{"text deleted", pos(1, 1, 2),
			func(is *issues.Issue) { is.Articles[1].Blocks = is.Articles[1].Blocks[:1] },
			pos(1, 0, 2), Lost},
		{"article deleted, issue shorter", pos(4, 0, 200),
			func(is *issues.Issue) { is.Articles = is.Articles[:2] },
			pos(1, 0, 37), Lost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := AnchorAt(base, tt.at)
			if a.Quote == "" && tt.match != Lost {
				t.Fatalf("no quote at %+v", tt.at)
			}
			is := cloneIssue(base)
			tt.edit(is)
			got, m := Reanchor(is, a)
			if got != tt.want || m != tt.match {
				t.Errorf("Reanchor(%+v %q) = %+v %v, want %+v %v", tt.at, a.Quote, got, m, tt.want, tt.match)
			}
			if m != Lost {
				text, _ := blockText(is, got.Article, got.Block)
				if i := byteOffset(text, got.Offset); i < 0 {
					t.Errorf("position %+v is outside its block", got)
				}
			}
		})
	}
}

// On an unchanged issue, every position anchors back exactly to itself.
func TestReanchorUnchangedIsExact(t *testing.T) {
	is := fixtureIssue()
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		ai := r.IntN(len(is.Articles))
		bi := r.IntN(len(is.Articles[ai].Blocks)+1) - 1
		text, _ := blockText(is, ai, bi)
		p := pos(ai, bi, r.IntN(utf8.RuneCountInString(text)))
		a := AnchorAt(is, p)
		if got, m := Reanchor(is, a); got != p || m != Exact {
			t.Fatalf("Reanchor(%+v) = %+v %v", p, got, m)
		}
	}
}

// After text is inserted anywhere before it, the quote's first occurrence
// is still found, at the shifted position when the quote is unique.
func TestReanchorAfterRandomInsertions(t *testing.T) {
	base := fixtureIssue()
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		p := pos(0, 2, r.IntN(20))
		a := AnchorAt(base, p)
		is := cloneIssue(base)
		ins := string([]rune("插入的文字")[:1+r.IntN(5)])
		at := r.IntN(p.Offset + 1)
		rs := []rune(is.Articles[0].Blocks[2].Text)
		is.Articles[0].Blocks[2].Text = string(rs[:at]) + ins + string(rs[at:])
		want := pos(0, 2, p.Offset+utf8.RuneCountInString(ins))
		if got, m := Reanchor(is, a); got != want || m != Nearby {
			t.Fatalf("insert %q at %d, anchor %+v: got %+v %v, want %+v", ins, at, p, got, m, want)
		}
	}
}

func TestQuote(t *testing.T) {
	is := fixtureIssue()
	tests := []struct {
		p    issues.Position
		want string
	}{
		{pos(1, issues.BlockHeadline, 2), "吞吐量创新高"},
		{pos(1, 1, 11), "头。"},
		{pos(1, 1, 13), ""}, // end of the block
		{pos(1, 1, 14), ""}, // past it
		{pos(9, 0, 0), ""},
		{pos(0, 0, 0), "本报讯 记者从市轨道交通集团获悉，江北新区地铁三号线土建工程"},
	}
	for _, tt := range tests {
		if got := AnchorAt(is, tt.p).Quote; got != tt.want {
			t.Errorf("AnchorAt(%+v).Quote = %q, want %q", tt.p, got, tt.want)
		}
	}
	if got := AnchorAt(is, pos(0, 0, 0)).Snippet(); !strings.HasSuffix(got, "土建工程…") {
		t.Errorf("cut quote's Snippet = %q, want a trailing …", got)
	}
	if got := AnchorAt(is, pos(1, 1, 11)).Snippet(); got != "头。" {
		t.Errorf("whole quote's Snippet = %q", got)
	}
	if n := utf8.RuneCountInString(AnchorAt(is, pos(0, 0, 0)).Quote); n != QuoteLen {
		t.Errorf("quote has %d runes, want %d", n, QuoteLen)
	}
}

// pos is the position at rune offset of block of article.
func pos(article, block, offset int) issues.Position {
	return issues.Position{Article: article, Place: issues.Place{Block: block, Offset: offset}}
}
