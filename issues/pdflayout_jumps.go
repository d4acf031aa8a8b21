package issues

import (
	"strings"
)

// Jumps: a story cut at the foot of one page ends with a jump line
// ("（下转第二版）", "continued on page 8", "● a pagina 8"); its rest opens
// on that page with the return line ("（上接第一版）", "continued from
// page 1"). The two parts are one article: the rest's blocks are appended
// to the first part, in page order.

var (
	// the jump line's target page: "下转第二版" → "二", "continued on page 8" → "8"
	reJumpTo = lazyRegexp{src: `(?:下转|转|轉)\s*(?:第\s*)?([0-9０-９一二三四五六七八九十A-H]{1,3})\s*[版面]|(?i:continued on page|see page|turn to page)\s*([0-9]{1,3})|●\s*a\s+pagina\s+([0-9]{1,3})`}
	// the return line: "上接第一版" → "一", "continued from page 1" → "1"
	reJumpFrom = lazyRegexp{src: `^[（(]?\s*(?:上接|接|續|续)\s*(?:第\s*)?([0-9０-９一二三四五六七八九十A-H]{1,3})\s*[版面]\s*[）)]?|^(?i:continued from page)\s*([0-9]{1,3})|^●\s*(?:segue\s+)?da\s+pagina\s+([0-9]{1,3})`}
)

func jumpPage(m []string) int {
	for _, g := range m[1:] {
		if g != "" {
			return parseNumber(g)
		}
	}
	return 0
}

// jumpTarget is the page an article's jump line sends the reader to, or 0.
func jumpTarget(a *Article) int {
	for i := len(a.Blocks) - 1; i >= 0 && i >= len(a.Blocks)-3; i-- {
		if m := reJumpTo.FindStringSubmatch(a.Blocks[i].Text); m != nil {
			return jumpPage(m)
		}
	}
	return 0
}

// jumpSource is the page an article's opening return line names, or 0.
func jumpSource(a *Article) int {
	for i := 0; i < len(a.Blocks) && i < 2; i++ {
		if m := reJumpFrom.FindStringSubmatch(strings.TrimSpace(a.Blocks[i].Text)); m != nil {
			return jumpPage(m)
		}
	}
	if m := reJumpFrom.FindStringSubmatch(a.Kicker); m != nil {
		return jumpPage(m)
	}
	return 0
}

// joinJumps appends each continuation to the article that jumps to it.
// Where one page holds several returns from one page, they are matched in
// order.
func joinJumps(arts []Article) []Article {
	used := make([]bool, len(arts))
	for i := range arts {
		to := jumpTarget(&arts[i])
		if to == 0 {
			continue
		}
		for j := range arts {
			if used[j] || j == i || arts[j].Page != to || jumpSource(&arts[j]) != arts[i].Page {
				continue
			}
			rest := arts[j]
			if rest.Headline != "" && rest.Headline != arts[i].Headline {
				arts[i].Blocks = append(arts[i].Blocks, Block{Kind: KindSubhead, Text: rest.Headline, Page: rest.Page})
			}
			arts[i].Blocks = append(arts[i].Blocks, rest.Blocks...)
			for _, f := range []string{rest.Kicker, rest.Subheadline} {
				if f != "" {
					arts[i].Blocks = append(arts[i].Blocks, Block{Kind: KindNote, Text: f, Page: rest.Page})
				}
			}
			if rest.Byline != "" && !strings.Contains(arts[i].Byline, rest.Byline) {
				arts[i].Byline = strings.TrimSpace(arts[i].Byline + " " + rest.Byline)
			}
			used[j] = true
			break
		}
	}
	out := arts[:0]
	for i, a := range arts {
		if !used[i] {
			out = append(out, a)
		}
	}
	return out
}
