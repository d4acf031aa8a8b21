package ui

import (
	"time"

	"bao/issues"
)

// sampleIssue is the issue `bao` opens without a path.
//
// TODO(ui): stand-in until issues.Sample (the embedded sample) lands.
func sampleIssue() *issues.Issue {
	body := func(paras ...string) []issues.Block {
		var bs []issues.Block
		for _, p := range paras {
			bs = append(bs, issues.Block{Kind: issues.KindText, Text: p})
		}
		return bs
	}
	long := "江边的老码头今年春天换了新模样，旧仓库改成了图书馆和茶室，傍晚时分常有居民带着孩子来读书。“我们想让码头重新热闹起来。”负责改造的设计师说，保留下来的吊车和铁轨成了孩子们最喜欢的地方。"
	return &issues.Issue{
		Title: "报 Sample Daily",
		Date:  time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		Articles: []issues.Article{
			{Kicker: "城市更新", Headline: "老码头变身社区书房", Subheadline: "旧仓库里的新生活", Byline: "本报记者 林晓", Page: 1,
				Blocks: body(long, long, long, long, long, long, long, long, long, long, long, long)},
			{Headline: "春季果树嫁接课开讲", Byline: "通讯员 王青", Page: 2,
				Blocks: body("郊区果园的技术员在田间搭起小讲台，向果农演示嫁接的要领。", "参加培训的果农说，今年准备试种两个新品种。")},
			{Headline: "A quiet harbour reopens", Byline: "By a staff writer", Page: 3,
				Blocks: body("The old harbour reopened on Saturday as a reading room and tea house, with the cranes kept as a playground.")},
		},
	}
}
