package issues

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"bao/issues/pdf"
)

// A region's blocks → an Article, in reading order:
//
//	kicker, headline, subheadline       from the region's head
//	本报讯（记者…）/ □ name / By … / a bold name     Byline (the text parser's rules first)
//	the short lines after a name        KindBio (a writer's bio, a letter's place)
//	a block under or beside a photo     KindCaption / KindCredit (…摄, 新华社发)
//	bold body-size lines                KindSubhead (crossheads)
//	type a little larger than the body  KindQuote (a pull quote)
//	（下转第二版）                        KindNote, and the jump joined (pdflayout_jumps.go)
//	paragraphs                          KindText; one cut by a column break is joined again

// isPicture: an image box big enough to be a photo or chart, not a rule
// or a column logo.
func isPicture(im pdf.Rect, body float64) bool {
	return im.X1-im.X0 >= 4*body && im.Y1-im.Y0 >= 4*body
}

func (pg *pageLayout) box(r pdf.Rect) *Box {
	return &Box{X: round2(r.X0), Y: round2(r.Y0), W: round2(r.X1 - r.X0), H: round2(r.Y1 - r.Y0)}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// nearImage: b stands just under, over or beside a picture.
func (pg *pageLayout) nearImage(b *pblock) bool {
	for _, im := range pg.page.Images {
		if !isPicture(im, pg.body) {
			continue
		}
		if b.box.X0 >= im.X0-1 && b.box.X1 <= im.X1+1 && b.box.Y0 >= im.Y0-1 && b.box.Y1 <= im.Y1+1 && len(b.lines) <= 2 {
			return true // printed on the photo's box (a caption band over a bleeding photo)
		}
		ov := overlapX(b.box.X0, b.box.X1, im.X0, im.X1)
		if ov > 0.5*(b.box.X1-b.box.X0) && (b.box.Y0-im.Y1 > -pg.body && b.box.Y0-im.Y1 < 1.5*pg.body || im.Y0-b.box.Y1 > -pg.body && im.Y0-b.box.Y1 < 1.5*pg.body) {
			return true
		}
		vov := math.Min(b.box.Y1, im.Y1) - math.Max(b.box.Y0, im.Y0)
		if vov > 0.8*(b.box.Y1-b.box.Y0) && (b.box.X0-im.X1 > -pg.body && b.box.X0-im.X1 < 1.5*pg.body || im.X0-b.box.X1 > -pg.body && im.X0-b.box.X1 < 1.5*pg.body) {
			return true
		}
	}
	return false
}

// article builds one region's article; ok is false for an empty one.
func (pg *pageLayout) article(r *region) (Article, bool) {
	a := Article{Page: pg.page.Number, Headline: strings.TrimSpace(r.head.text()), Section: pg.sectionOf[r.head]}
	if r.kicker != nil {
		a.Kicker = r.kicker.text()
	}
	var subs []string
	for _, s := range r.subs {
		subs = append(subs, s.text())
	}
	a.Subheadline = joinHeadText(subs)
	var bylines []string
	lastText := -1 // index in a.Blocks of the last KindText block
	afterName := false
	add := func(k BlockKind, text string, b *pblock) {
		a.Blocks = append(a.Blocks, Block{Kind: k, Text: text, Page: pg.page.Number, Box: pg.box(b.box)})
	}
	bodyFont := pg.bodyFont(r)
	for _, b := range xyOrder(r.blocks, pg.body) {
		rl := pg.role[b]
		pg.role[b] = roleTaken
		t := strings.TrimSpace(b.text())
		switch {
		case isStandaloneByline(t) || strings.HasPrefix(t, "□") || strings.HasPrefix(t, "■"):
			bylines = append(bylines, t) // "□ 田某": the mark stays, it is printed
			afterName = true
			continue
		case (b.bold || b.font != bodyFont) && looksLikeName(strings.TrimRight(t, ",，")) && len(b.lines) <= 2:
			bylines = append(bylines, t) // "B. Name," keeps its comma: nothing printed is dropped
			afterName = true
			continue
		case afterName && rl == roleBody && !b.bold && len(b.lines) <= 12 && (b.size < 0.97*pg.body || utf8.RuneCountInString(t) <= 60 && b.font != bodyFont):
			add(KindBio, t, b)
			continue
		case pg.nearImage(b) && b.font != bodyFont && rl == roleBody && !opensDatelinePDF(t) || isCaptionStart(t):
			c, cr := splitCaptionCredit(t)
			if !sameChars(t, c+cr) {
				c, cr = t, "" // the rule trimmed a bracket: keep what was printed
			}
			if isCredit(t) {
				c, cr = "", t
			}
			if c != "" {
				add(KindCaption, c, b)
			}
			if cr != "" {
				add(KindCredit, cr, b)
			}
			continue
		case isCredit(t):
			add(KindCredit, t, b)
			continue
		case rl == roleHeading || rl == roleHeadline:
			add(KindSubhead, t, b)
			afterName = false
			continue
		case b.size > 1.05*pg.body && !b.bold && b.font != bodyFont:
			add(KindQuote, t, b)
			continue
		}
		afterName = false
		for i, p := range b.paras {
			text := strings.TrimSpace(p.text)
			if lastText < 0 && len(bylines) == 0 && a.Byline == "" {
				// a dateline that names nobody (本报讯) stays in the lead
				if by, rest, ok := splitLead(text); ok && rest != "" && (hasRoleHint(by) || strings.ContainsAny(by, "（(【[")) && sameChars(text, by+rest) {
					bylines = append(bylines, by)
					text = strings.TrimSpace(rest)
				}
			}
			var jump string
			if body, ok := stripJump(text); body != text {
				jump = strings.TrimSpace(text[len(body):])
				text = body
				_ = ok
			}
			if text != "" {
				if i == 0 && !p.indented && lastText >= 0 && !endsSentence(a.Blocks[lastText].Text) {
					prev := &a.Blocks[lastText]
					sep := " "
					if isWide(lastRune(prev.Text)) || isWide(firstRune(text)) || strings.HasSuffix(prev.Text, "-") {
						sep = ""
					}
					prev.Text += sep + text
				} else {
					add(KindText, text, b)
					lastText = len(a.Blocks) - 1
				}
			}
			if jump != "" {
				add(KindNote, jump, b)
			}
		}
	}
	// a name alone at the very end of the body is its signature
	if lastText >= 0 && lastText == len(a.Blocks)-1 {
		t := a.Blocks[lastText].Text
		if i := strings.LastIndexAny(t, "。！？”"); i > 0 {
			tail := strings.TrimSpace(t[i+utf8.RuneLen(lastRune(t[:i+1])):])
			if tail != "" && (isStandaloneByline(tail) || looksLikeName(tail) && isHanOnly(tail)) {
				bylines = append(bylines, tail)
				a.Blocks[lastText].Text = strings.TrimSpace(t[:len(t)-len(tail)])
			}
		}
	}
	a.Byline = strings.Join(bylines, " ") // no separator the page did not print
	for _, im := range pg.page.Images {
		if !isPicture(im, pg.body) {
			continue
		}
		c := pdf.Rect{X0: cx(im), X1: cx(im), Y0: cy(im), Y1: cy(im)}
		if c.X0 >= r.x0-pg.body && c.X0 <= r.x1+pg.body && c.Y0 >= r.head.box.Y0 && c.Y0 < r.bottom {
			r.images++
		}
	}
	return a, true
}

func isHanOnly(s string) bool {
	for _, r := range s {
		if !isWide(r) || isSentenceMark(r) {
			return false
		}
	}
	return s != ""
}

// joinHeadText joins the lines of a deck: CJK without a space.
func joinHeadText(ss []string) string {
	var b strings.Builder
	for _, s := range ss {
		if b.Len() > 0 && !(isWide(lastRune(b.String())) || isWide(firstRune(s))) {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// bodyFont is the font most of a region's text is set in.
func (pg *pageLayout) bodyFont(r *region) string {
	n := map[string]int{}
	best, bn := "", 0
	for _, b := range r.blocks {
		if pg.role[b] != roleBody {
			continue
		}
		for _, l := range b.lines {
			n[l.font] += len(l.glyphs)
			if n[l.font] > bn {
				best, bn = l.font, n[l.font]
			}
		}
	}
	return best
}

// sameChars reports whether a and b hold the same characters, white space
// aside: a split by one of the text parser's rules may drop a bracket or a
// colon it matched, and the layout loses nothing the page printed.
func sameChars(a, b string) bool {
	count := map[rune]int{}
	for _, r := range a {
		if !unicode.IsSpace(r) {
			count[r]++
		}
	}
	for _, r := range b {
		if !unicode.IsSpace(r) {
			count[r]--
		}
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
