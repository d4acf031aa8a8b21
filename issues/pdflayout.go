package issues

import (
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"bao/issues/pdf"
)

// Reading a PDF issue from its geometry, one step per file:
//
//	pdflayout_lines.go    glyphs → printed lines (baselines, gaps, CJK without spaces, hyphens)
//	pdflayout_blocks.go   lines → blocks (column, size, font, leading) → paragraphs; drop caps
//	pdflayout_roles.go    blocks → roles against the page's body type (headline, heading, furniture…)
//	pdflayout_regions.go  headline regions, reading order inside a region, orphans
//	pdflayout_article.go  a region's blocks → an Article (kicker, subheadline, byline, captions)
//	pdflayout_jumps.go    下转第X版 / 上接第X版 / "continued on page N": two parts, one article
//	pdflayout.go          pages → Issue: furniture, masthead title and date, nothing lost

// Block kinds a PDF page adds to the text parser's (rendered as text by
// readers that do not know them).
const (
	KindQuote BlockKind = "quote" // a pull quote set apart from the body
	KindBio   BlockKind = "bio"   // what a byline says about its writer
	KindNote  BlockKind = "note"  // a jump line or closing note
)

// pdfIssue turns the pages of one PDF issue (in page order) into its
// articles (each Block with Page and Box), the page furniture, any
// unassigned text, and what the masthead says.
func pdfIssue(pages []pdf.Page) *Issue {
	var b pdfIssueBuilder
	for i := range pages {
		b.add(&pages[i])
	}
	return b.issue()
}

// pdfIssueBuilder is pdfIssue a page at a time: a page's glyphs are laid
// out as soon as it is read and only what it gives is kept, so a long
// issue never holds more than one page's glyphs.
type pdfIssueBuilder struct {
	is    Issue
	dates []time.Time
	pages int
}

func (pb *pdfIssueBuilder) add(p *pdf.Page) {
	is := &pb.is
	pb.pages++
	pr := readPage(p)
	is.Articles = append(is.Articles, pr.articles...)
	if len(pr.furniture) > 0 {
		is.Furniture = append(is.Furniture, Furniture{Page: p.Number, Lines: pr.furniture})
	}
	is.Unassigned = append(is.Unassigned, pr.unassigned...)
	if is.Title == "" && pr.title != "" {
		is.Title = pr.title
	}
	for _, l := range pr.furniture {
		for _, d := range findDates(l) {
			pb.dates = append(pb.dates, d.date)
		}
	}
}

func (pb *pdfIssueBuilder) issue() *Issue {
	is := &pb.is
	if len(pb.dates) > 0 {
		is.Date = mostCommon(pb.dates)
	}
	is.Articles = joinJumps(is.Articles)
	return is
}

// pageRead is what one page gives.
type pageRead struct {
	articles   []Article
	furniture  []string
	unassigned []string
	title      string
}

// readPage reads one page. A page set mostly in vertical lines is turned a
// quarter so that its columns run like a horizontal page's (top to bottom
// becomes left to right, right to left becomes top to bottom), read the
// same way, and its boxes turned back.
func readPage(p *pdf.Page) pageRead {
	p = spellLigatures(p)
	lines := pageLines(p)
	vertical := isVerticalPage(lines)
	q := p
	if vertical {
		q = turnPage(p)
		lines = pageLines(q)
	}
	lp := layoutPage(q, lines)
	if vertical {
		for i := range lp.articles {
			for j := range lp.articles[i].Blocks {
				if b := lp.articles[i].Blocks[j].Box; b != nil {
					*b = Box{X: p.Width - (b.Y + b.H), Y: b.X, W: b.H, H: b.W}
				}
			}
		}
	}
	return lp
}

// isVerticalPage: more glyphs stand in vertical lines than in horizontal
// ones (lines of one glyph say nothing).
func isVerticalPage(lines []*pline) bool {
	v, h := 0, 0
	for _, l := range lines {
		if len(l.glyphs) < 2 || l.rotated {
			continue
		}
		if l.vertical {
			v += len(l.glyphs)
		} else {
			h += len(l.glyphs)
		}
	}
	return v > h
}

// turnPage maps a vertical page onto a horizontal one: x' = y, y' = W − x.
func turnPage(p *pdf.Page) *pdf.Page {
	q := &pdf.Page{Number: p.Number, Width: p.Height, Height: p.Width}
	turn := func(r pdf.Rect) pdf.Rect {
		return pdf.Rect{X0: r.Y0, X1: r.Y1, Y0: p.Width - r.X1, Y1: p.Width - r.X0}
	}
	q.Glyphs = make([]pdf.Glyph, len(p.Glyphs))
	for i, g := range p.Glyphs {
		g.Rect = turn(g.Rect)
		q.Glyphs[i] = g
	}
	for _, im := range p.Images {
		q.Images = append(q.Images, turn(im))
	}
	return q
}

// bodySize is the size most of the page's glyphs are set in. On a page
// with little text a headline can hold as many glyphs as the body: a
// smaller size with at least half as many glyphs is then the body.
func bodySize(lines []*pline) float64 {
	n := map[float64]int{}
	for _, l := range lines {
		if !l.rotated && l.size > 0 {
			n[l.size] += len(l.glyphs)
		}
	}
	best, bn := 0.0, 0
	for sz, c := range n {
		if c > bn || c == bn && sz < best {
			best, bn = sz, c
		}
	}
	for {
		next, nn := 0.0, 0
		for sz, c := range n {
			if sz <= best/1.5 && 2*c >= bn && (c > nn || c == nn && sz > next) {
				next, nn = sz, c
			}
		}
		if nn == 0 {
			break
		}
		best, bn = next, nn
	}
	if best == 0 {
		best = 10
	}
	return best
}

// layoutPage reads a horizontal page's lines.
func layoutPage(p *pdf.Page, lines []*pline) pageRead {
	body := bodySize(lines)
	lines, capOf := joinDropCaps(lines, body)
	blocks := pageBlocks(lines, capOf, p.Images)
	pg := &pageLayout{page: p, body: body, blocks: blocks}
	pg.classify()
	pg.regions()
	pg.standingNotices()
	var out pageRead
	// Text no headline stands over and no article continues (a page set
	// without headline type) is read as one article without a headline
	// rather than left unassigned.
	var rest *region
	for _, b := range pg.blocks {
		if pg.role[b] == roleUnassigned {
			if rest == nil {
				rest = &region{head: &pblock{box: b.box}, x0: 0, x1: p.Width, bottom: p.Height + 1}
				pg.arts = append(pg.arts, rest)
			}
			pg.role[b] = roleBody
			rest.blocks = append(rest.blocks, b)
		}
	}
	for _, a := range pg.readingOrder() {
		if art, ok := pg.article(a); ok {
			out.articles = append(out.articles, art)
		}
	}
	for _, b := range pg.blocks {
		switch pg.role[b] {
		case roleFurniture:
			out.furniture = append(out.furniture, b.text())
		case roleUnassigned:
			out.unassigned = append(out.unassigned, b.text())
		}
	}
	out.furniture = joinEdgeText(out.furniture, pg)
	out.title = pg.mastheadTitle()
	return out
}

// joinEdgeText: rotated text printed one glyph to a line down a page edge
// is one furniture line, not dozens.
func joinEdgeText(lines []string, pg *pageLayout) []string {
	var rot []*pblock
	for _, b := range pg.blocks {
		if pg.role[b] == roleFurniture && b.lines[0].rotated {
			rot = append(rot, b)
		}
	}
	if len(rot) < 2 {
		return lines
	}
	drop := map[string]int{}
	for _, b := range rot {
		drop[b.text()]++
	}
	var out []string
	for _, l := range lines {
		if drop[l] > 0 {
			drop[l]--
			continue
		}
		out = append(out, l)
	}
	sort.SliceStable(rot, func(i, j int) bool {
		a, b := rot[i].box, rot[j].box
		if math.Abs(cx(a)-cx(b)) > 2 {
			return cx(a) < cx(b)
		}
		return a.Y0 < b.Y0
	})
	var cur strings.Builder
	for i, b := range rot {
		if i > 0 && math.Abs(cx(b.box)-cx(rot[i-1].box)) > 2 {
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteString(b.text())
	}
	return append(out, cur.String())
}

// mastheadTitle is the paper's name: on the page's top band, the topmost
// furniture line in type no smaller than the body that is a name (no
// digits, no punctuation).
func (pg *pageLayout) mastheadTitle() string {
	var best *pblock
	for _, b := range pg.blocks {
		if pg.role[b] != roleFurniture || b.lines[0].rotated || b.box.Y1 > 0.15*pg.page.Height || b.size < pg.body || len(b.lines) > 2 {
			continue
		}
		t := b.text()
		if strings.ContainsFunc(t, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) }) ||
			utf8.RuneCountInString(t) < 2 {
			continue
		}
		if best == nil || b.box.Y0 < best.box.Y0 {
			best = b
		}
	}
	if best == nil {
		return ""
	}
	return best.text()
}

// readingOrder orders a page's articles as a reader takes them: each
// article's whole region (headline and blocks) cut like blocks are, down
// the white between column groups first, then across.
func (pg *pageLayout) readingOrder() []*region {
	boxes := make([]*pblock, len(pg.arts))
	of := map[*pblock]*region{}
	for i, r := range pg.arts {
		box := r.head.box
		for _, b := range r.blocks {
			box = union(box, b.box)
		}
		boxes[i] = &pblock{box: box}
		of[boxes[i]] = r
	}
	var out []*region
	for _, b := range xyOrder(boxes, pg.body) {
		out = append(out, of[b])
	}
	return out
}
