package issues

import (
	"math"
	"sort"
	"strings"

	"bao/issues/pdf"
)

// pdfIssue is a naive stand-in for the layout analysis (issues/pdflayout.go
// on branch pdflayout, which replaces this file): one article per page, its
// lines read by baseline, top to bottom and left to right.
func pdfIssue(pages []pdf.Page) *Issue {
	is := &Issue{}
	for _, p := range pages {
		if len(p.Glyphs) == 0 {
			continue
		}
		gs := append([]pdf.Glyph(nil), p.Glyphs...)
		sort.SliceStable(gs, func(i, j int) bool {
			yi, yj := math.Round(gs[i].Y1), math.Round(gs[j].Y1)
			if yi != yj {
				return yi < yj
			}
			return gs[i].X0 < gs[j].X0
		})
		var lines []string
		var b strings.Builder
		box := pdf.Rect{X0: gs[0].X0, Y0: gs[0].Y0, X1: gs[0].X1, Y1: gs[0].Y1}
		for i, g := range gs {
			if i > 0 && math.Round(g.Y1) != math.Round(gs[i-1].Y1) {
				lines = append(lines, b.String())
				b.Reset()
			} else if i > 0 && g.X0-gs[i-1].X1 > g.Size/4 {
				b.WriteByte(' ')
			}
			b.WriteRune(g.Char)
			box.X0, box.Y0 = min(box.X0, g.X0), min(box.Y0, g.Y0)
			box.X1, box.Y1 = max(box.X1, g.X1), max(box.Y1, g.Y1)
		}
		lines = append(lines, b.String())
		is.Articles = append(is.Articles, Article{
			Headline: lines[0],
			Page:     p.Number,
			Blocks: []Block{{Kind: KindText, Text: strings.Join(lines[1:], "\n"), Page: p.Number,
				Box: &Box{X: box.X0, Y: box.Y0, W: box.X1 - box.X0, H: box.Y1 - box.Y0}}},
		})
	}
	return is
}
