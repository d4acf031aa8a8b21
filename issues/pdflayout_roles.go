package issues

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"bao/issues/pdf"
)

// Blocks → roles, all measured against the page's body type:
//
//	size ≥ 1.3 × body, or ≥ 1.15 × body and bold       headline (or kicker/subheadline beside one)
//	bold, near body size, one or two short lines       heading: a crosshead, a run-in letter heading, or a name
//	drawn at an angle; a page mark, date or editors' line (furnitureLine)   furniture
//	a headline directly over other headings            a section label (furniture)
//	a headline with no body in its region              a promo or label (furniture)

type role int

const (
	roleBody role = iota
	roleHeadline
	roleHeading
	roleKicker
	roleSubheadline
	roleFurniture
	roleUnassigned
	roleTaken // placed in an article
)

// pageLayout is one page being read.
type pageLayout struct {
	page   *pdf.Page
	body   float64
	blocks []*pblock
	role   map[*pblock]role
	arts   []*region
	owner  map[*pblock]*region
	labels []*pblock // section labels: they end the regions over them
	// sectionOf names the section label a promoted heading stands under
	sectionOf map[*pblock]string
}

const (
	headlineRatio     = 1.3
	boldHeadlineRatio = 1.15
)

func (pg *pageLayout) isHeadlineType(b *pblock) bool {
	return len(b.lines) <= 4 && (b.size >= headlineRatio*pg.body || b.bold && b.size >= boldHeadlineRatio*pg.body)
}

// isHeadingType: bold, about the body size, short.
func (pg *pageLayout) isHeadingType(b *pblock) bool {
	return b.bold && b.size < boldHeadlineRatio*pg.body && b.size > 0.85*pg.body && len(b.lines) <= 2 &&
		utf8.RuneCountInString(b.text()) <= 60 && !endsSentence(b.text())
}

// looksLikeName: a writer's name as papers set it under or after a story:
// one to five capitalised words ("B.S. Yadav"), or two to four Han
// characters.
func looksLikeName(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ",，")
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 40 {
		return false
	}
	han := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	if han == n {
		return n >= 2 && n <= 4
	}
	if han > 0 {
		return false
	}
	ws := strings.Fields(s)
	if len(ws) < 1 || len(ws) > 5 {
		return false
	}
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, ",;:!?") {
			return false
		}
	}
	return true
}

// classify gives each block its first role.
func (pg *pageLayout) classify() {
	pg.role = map[*pblock]role{}
	for _, b := range pg.blocks {
		t := strings.TrimSpace(b.text())
		switch {
		case t == "":
			pg.role[b] = roleTaken // only spaces: nothing to place
		case b.lines[0].rotated:
			pg.role[b] = roleFurniture
		case len(b.lines) <= 2 && !reJump.MatchString(t) && (isFurnitureText(t) && !pg.isHeadlineType(b) || b.box.Y0 > 0.985*pg.page.Height || b.box.Y1 < 0.015*pg.page.Height):
			pg.role[b] = roleFurniture
		case pg.isHeadlineType(b):
			pg.role[b] = roleHeadline
		case pg.isHeadingType(b) && !opensDatelinePDF(t):
			pg.role[b] = roleHeading
		default:
			pg.role[b] = roleBody
		}
	}
	// A headline directly over a heading (no body between) labels a
	// section: the headings under it are the headlines.
	for _, h := range pg.blocks {
		if pg.role[h] != roleHeadline {
			continue
		}
		nb := pg.nextBelow(h)
		if nb == nil || pg.role[nb] != roleHeading || looksLikeName(nb.text()) || nb.size >= h.size {
			continue
		}
		pg.role[h] = roleFurniture
		pg.labels = append(pg.labels, h)
		for _, b := range pg.blocks {
			if pg.role[b] == roleHeading && b.box.Y0 > h.box.Y0 && overlapX(b.box.X0, b.box.X1, h.box.X0-pg.page.Width, h.box.X1+pg.page.Width) > 0 &&
				!looksLikeName(b.text()) && pg.inBand(b, h) {
				pg.role[b] = roleHeadline
				if pg.sectionOf == nil {
					pg.sectionOf = map[*pblock]string{}
				}
				pg.sectionOf[b] = strings.TrimSpace(h.text())
			}
		}
	}
	// Kickers and subheadlines: headline type right above or below a
	// larger headline, or a line opening with a dash under it.
	for _, h := range pg.blocks {
		if pg.role[h] != roleHeadline {
			continue
		}
		for _, b := range pg.blocks {
			if b == h || !(pg.role[b] == roleHeadline || pg.role[b] == roleHeading || pg.role[b] == roleBody && strings.HasPrefix(b.text(), "——")) {
				continue
			}
			if overlapX(b.box.X0, b.box.X1, h.box.X0, h.box.X1) < 0.3*math.Min(b.box.X1-b.box.X0, h.box.X1-h.box.X0) {
				continue
			}
			below := b.box.Y0 - h.box.Y1
			above := h.box.Y0 - b.box.Y1
			switch {
			case below > -0.3*b.size && below < 1.2*pg.body+0.3*h.size && (b.size < h.size || strings.HasPrefix(b.text(), "——")) && pg.role[b] != roleHeading:
				pg.role[b] = roleSubheadline
			case above > -0.3*b.size && above < 0.8*pg.body+0.2*h.size && b.size < h.size && pg.role[b] == roleHeadline:
				pg.role[b] = roleKicker
			}
		}
	}
}

// inBand: b stands under h before any other headline-type block across
// h's width.
func (pg *pageLayout) inBand(b, h *pblock) bool {
	for _, o := range pg.blocks {
		if o == h || o == b || pg.role[o] != roleHeadline && !(pg.isHeadlineType(o) && pg.role[o] != roleFurniture) {
			continue
		}
		if o.box.Y0 > h.box.Y1 && o.box.Y1 < b.box.Y0 && overlapX(o.box.X0, o.box.X1, b.box.X0, b.box.X1) > 0 {
			return false
		}
	}
	return true
}

// nextBelow is the nearest block under b that shares its columns.
func (pg *pageLayout) nextBelow(b *pblock) *pblock {
	var best *pblock
	for _, o := range pg.blocks {
		if o == b || o.box.Y0 < b.box.Y1-0.3*o.size || overlapX(o.box.X0, o.box.X1, b.box.X0, b.box.X1) <= 0 || pg.role[o] == roleFurniture {
			continue
		}
		if best == nil || o.box.Y0 < best.box.Y0-0.5*pg.body || math.Abs(o.box.Y0-best.box.Y0) <= 0.5*pg.body && o.box.X0 < best.box.X0 {
			best = o
		}
	}
	return best
}

func overlapX(a0, a1, b0, b1 float64) float64 { return math.Min(a1, b1) - math.Max(a0, b0) }

// isFurnitureText: a line the text parser's rules call furniture (a page
// mark, a date line, an editors' line), or a bare page number.
func isFurnitureText(s string) bool {
	if _, ok := furnitureLine(s, nil); ok {
		return true
	}
	if reEditors.MatchString(s) {
		return true
	}
	return isCreditsLine(s)
}

// isCreditsLine: an editors' line of "role／name" pairs ("值班编辑／甲
// 责任校对／乙"): two or more slashes, each between short words.
func isCreditsLine(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '／' })
	if len(parts) < 3 || strings.ContainsFunc(s, isSentenceMark) {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if utf8.RuneCountInString(strings.TrimSpace(p)) > 16 {
			return false
		}
	}
	return true
}

// opensDatelinePDF: a bold line that opens with a dateline ("本报讯（记者…）")
// is the first line of a story, not a heading.
func opensDatelinePDF(s string) bool {
	_, _, ok := splitLead(s)
	return ok
}
