package issues

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"bao/issues/pdf"
)

// pageBuilder draws invented text onto a synthetic pdf.Page the way an
// e-paper's text layer gives it: one glyph per character, CJK on the em
// square, Latin at half an em, spaces drawn as glyphs.
type pageBuilder struct{ p pdf.Page }

func newPage(n int, w, h float64) *pageBuilder {
	return &pageBuilder{pdf.Page{Number: n, Width: w, Height: h}}
}

type style struct {
	font   string
	bold   bool
	italic bool
}

var (
	song  = style{font: "Song"}
	hei   = style{font: "Hei", bold: true}
	fang  = style{font: "FangSong"}
	latin = style{font: "Serif"}
)

func advance(r rune, size float64) float64 {
	if isWide(r) || r == '“' || r == '”' || r == '—' {
		return size
	}
	return 0.5 * size
}

// text draws s left to right from (x, top); it returns the x after it.
func (b *pageBuilder) text(x, top, size float64, st style, s string) float64 {
	for _, r := range s {
		w := advance(r, size)
		b.p.Glyphs = append(b.p.Glyphs, pdf.Glyph{Char: r, Rect: pdf.Rect{X0: x, Y0: top, X1: x + w, Y1: top + size*1.1},
			Size: size, Font: st.font, Bold: st.bold, Italic: st.italic})
		x += w
	}
	return x
}

// column sets lines under each other at 1.25 × size leading; "\t" opens
// an indented paragraph line.
func (b *pageBuilder) column(x, top, size float64, st style, lines ...string) float64 {
	for _, l := range lines {
		lx := x
		if t, ok := strings.CutPrefix(l, "\t"); ok {
			lx, l = x+2*size, t
		}
		b.text(lx, top, size, st, l)
		top += 1.25 * size
	}
	return top
}

// vtext draws s top to bottom from (x, top).
func (b *pageBuilder) vtext(x, top, size float64, st style, s string) {
	for _, r := range s {
		b.p.Glyphs = append(b.p.Glyphs, pdf.Glyph{Char: r, Rect: pdf.Rect{X0: x, Y0: top, X1: x + size, Y1: top + size},
			Size: size, Font: st.font, Bold: st.bold})
		top += size
	}
}

func find(t *testing.T, is *Issue, headline string) Article {
	t.Helper()
	for _, a := range is.Articles {
		if a.Headline == headline {
			return a
		}
	}
	var got []string
	for _, a := range is.Articles {
		got = append(got, a.Headline)
	}
	t.Fatalf("no article %q; articles: %q", headline, got)
	return Article{}
}

func bodyText(a Article) string {
	var s []string
	for _, b := range a.Blocks {
		if b.Kind == KindText {
			s = append(s, b.Text)
		}
	}
	return strings.Join(s, "|")
}

// A headline across two columns; its body runs down the first column and
// on into the second, the paragraph cut by the column break joined again.
func TestPDFLayoutColumns(t *testing.T) {
	b := newPage(1, 400, 600)
	b.text(20, 40, 30, hei, "青山湖畔新桥通车")
	b.column(20, 90, 10, song, "\t湖畔新桥昨日正式通车，", "两岸居民往来从此便利，", "出行时间缩短一半以上。", "\t工程历时两年建成，桥")
	b.column(160, 90, 10, song, "长八百米，设双向四车", "道。", "\t附近商户表示欢迎。")
	b.text(20, 300, 30, hei, "山城夜市重新开张")
	b.column(20, 350, 10, song, "\t夜市经过整修后开张。")
	is := pdfIssue([]pdf.Page{b.p})
	a := find(t, is, "青山湖畔新桥通车")
	want := "湖畔新桥昨日正式通车，两岸居民往来从此便利，出行时间缩短一半以上。|工程历时两年建成，桥长八百米，设双向四车道。|附近商户表示欢迎。"
	if got := bodyText(a); got != want {
		t.Errorf("body = %q\nwant   %q", got, want)
	}
	if got := bodyText(find(t, is, "山城夜市重新开张")); got != "夜市经过整修后开张。" {
		t.Errorf("second story = %q", got)
	}
	for _, bl := range a.Blocks {
		if bl.Page != 1 || bl.Box == nil || bl.Box.W <= 0 || bl.Box.H <= 0 {
			t.Errorf("block without its place: %+v", bl)
		}
	}
}

// Headline type is measured against the page's body: a kicker over the
// headline, a dash subheadline under it, a byline line, a fused dateline.
func TestPDFLayoutHeadParts(t *testing.T) {
	b := newPage(1, 400, 600)
	b.text(20, 20, 14, hei, "聚焦秋粮收购")
	b.text(20, 40, 28, hei, "粮仓满了心里踏实")
	b.text(20, 76, 16, hei, "——来自平原产区的报道")
	b.text(20, 104, 10, fang, "本报记者 林小雨")
	b.column(20, 124, 10, song, "\t今年秋粮收购进度快于往年。", "\t多地粮库满仓运行。")
	b.text(220, 40, 28, hei, "河道清淤完成")
	b.column(220, 80, 10, song, "\t本报讯（记者 王大山 通讯员 李小河）近日，城区河道清淤完成。")
	is := pdfIssue([]pdf.Page{b.p})
	a := find(t, is, "粮仓满了心里踏实")
	if a.Kicker != "聚焦秋粮收购" || a.Subheadline != "——来自平原产区的报道" || a.Byline != "本报记者林小雨" {
		t.Errorf("kicker %q, subheadline %q, byline %q", a.Kicker, a.Subheadline, a.Byline)
	}
	c := find(t, is, "河道清淤完成")
	if !strings.Contains(c.Byline, "王大山") || !strings.HasPrefix(bodyText(c), "近日，") {
		t.Errorf("fused dateline: byline %q, body %q", c.Byline, bodyText(c))
	}
}

// A caption in its own type under a photo's box belongs to the story over
// it, with its credit apart; a drop cap joins its word; a line-end hyphen
// is dropped when the word is rejoined.
func TestPDFLayoutCaptionDropCapHyphen(t *testing.T) {
	b := newPage(1, 500, 700)
	b.text(20, 30, 36, style{font: "Serif", italic: true}, "Harbour lights return")
	b.p.Images = append(b.p.Images, pdf.Rect{X0: 20, Y0: 80, X1: 300, Y1: 240})
	b.text(20, 245, 8, style{font: "Sans"}, "Boats in the harbour at dusk. Photo: Jane Roe")
	top := 270.0
	b.text(20, top, 30, style{font: "Serif", bold: true}, "T")
	b.text(40, top, 10, latin, "he harbour lights came")
	b.text(40, top+12.5, 10, latin, "back on this week after")
	b.text(20, top+25, 10, latin, "a long repair of the cab")
	b.p.Glyphs = append(b.p.Glyphs, pdf.Glyph{Char: '-', Rect: pdf.Rect{X0: 140, Y0: top + 25, X1: 145, Y1: top + 36}, Size: 10, Font: "Serif", Hyphen: true})
	b.text(20, top+37.5, 10, latin, "les under the quay.")
	is := pdfIssue([]pdf.Page{b.p})
	a := find(t, is, "Harbour lights return")
	var caption, credit string
	for _, bl := range a.Blocks {
		switch bl.Kind {
		case KindCaption:
			caption = bl.Text
		case KindCredit:
			credit = bl.Text
		}
	}
	if caption == "" || !strings.Contains(caption+credit, "Boats in the harbour") {
		t.Errorf("caption %q credit %q in %+v", caption, credit, a.Blocks)
	}
	body := strings.ReplaceAll(bodyText(a), " ", "")
	if !strings.HasPrefix(body, "Theharbour") || !strings.Contains(body, "cablesunder") {
		t.Errorf("body = %q", bodyText(a))
	}
}

// A story that jumps (下转第2版) is joined to its rest on that page (上接第1版).
func TestPDFLayoutJump(t *testing.T) {
	p1 := newPage(1, 400, 600)
	p1.text(20, 40, 28, hei, "港区扩建开工")
	p1.column(20, 80, 10, song, "\t港区扩建工程昨日开工，", "预计三年建成。", "（下转第2版）")
	p1.text(220, 40, 28, hei, "另一条消息")
	p1.column(220, 80, 10, song, "\t这是另一条消息的正文。")
	p2 := newPage(2, 400, 600)
	p2.text(20, 40, 20, hei, "港区扩建开工")
	p2.column(20, 70, 10, song, "（上接第1版）", "\t新码头可停靠大型船舶。")
	is := pdfIssue([]pdf.Page{p1.p, p2.p})
	if len(is.Articles) != 2 {
		t.Fatalf("%d articles, want 2 (the jump joined): %+v", len(is.Articles), is.Articles)
	}
	a := find(t, is, "港区扩建开工")
	if !strings.Contains(bodyText(a), "新码头可停靠大型船舶。") || a.Page != 1 {
		t.Errorf("jump not joined: %+v", a)
	}
}

// A vertical page is read top to bottom, right to left; its headline is
// found by size as on a horizontal page.
func TestPDFLayoutVertical(t *testing.T) {
	b := newPage(1, 400, 600)
	b.vtext(340, 20, 28, hei, "秋祭開幕")
	x := 300.0
	for _, l := range []string{"町の秋祭りが", "昨日始まった。", "三日間続く。"} {
		b.vtext(x, 20, 10, song, l)
		x -= 12.5
	}
	is := pdfIssue([]pdf.Page{b.p})
	a := find(t, is, "秋祭開幕")
	if got := strings.ReplaceAll(bodyText(a), "|", ""); got != "町の秋祭りが昨日始まった。三日間続く。" {
		t.Errorf("vertical body = %q", got)
	}
}

// Furniture: the masthead gives the title, the dateline the date, page
// numbers and edge text stay out of the articles; a promo box with no body
// is no article.
func TestPDFLayoutFurniture(t *testing.T) {
	b := newPage(1, 400, 600)
	b.text(20, 10, 24, latin, "THE HARBOUR TIMES")
	b.text(250, 12, 8, latin, "Monday, March 2, 2026")
	b.text(380, 12, 12, latin, "7")
	for i, r := range "0f3a-77" {
		b.p.Glyphs = append(b.p.Glyphs, pdf.Glyph{Char: r, Rect: pdf.Rect{X0: 2, Y0: 200 + float64(i)*5, X1: 8, Y1: 205 + float64(i)*5}, Size: 6, Font: "Times", Angle: 1.5708})
	}
	b.text(20, 60, 24, style{font: "Serif", bold: true}, "Tide tables change")
	b.text(20, 300, 20, latin, "Read our weekend guide")
	b.column(20, 100, 10, latin, "\tThe harbour office has published", "new tide tables for the spring.")
	is := pdfIssue([]pdf.Page{b.p})
	if is.Title != "THE HARBOUR TIMES" || is.DateString() != "2026-03-02" {
		t.Errorf("title %q date %q", is.Title, is.DateString())
	}
	if len(is.Articles) != 1 || is.Articles[0].Headline != "Tide tables change" {
		t.Fatalf("articles = %+v", is.Articles)
	}
	var furn []string
	for _, f := range is.Furniture {
		furn = append(furn, f.Lines...)
	}
	all := strings.Join(furn, "|")
	for _, want := range []string{"Monday, March 2, 2026", "7", "0f3a-77", "Read our weekend guide"} {
		if !strings.Contains(all, want) {
			t.Errorf("furniture %q lacks %q", all, want)
		}
	}
}

// Property: every character a page draws ends up exactly once in the
// issue (articles, furniture or unassigned), white space aside.
func TestPDFLayoutKeepsEveryGlyph(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("报道新闻河桥城市的了。，“”（）abcdefgh ABC0123-,.□本记者讯")
	for n := 0; n < 300; n++ {
		p := randomPage(rng, alphabet)
		is := pdfIssue([]pdf.Page{p})
		in := pageChars([]pdf.Page{p})
		s := scoreIssue(is, truthPage{}, in)
		if s.lost != 0 || s.twice != 0 {
			t.Fatalf("page %d: %d lost, %d doubled of %d", n, s.lost, s.twice, s.glyphs)
		}
	}
}

func randomPage(rng *rand.Rand, alphabet []rune) pdf.Page {
	b := newPage(1, 600, 800)
	for k := rng.IntN(30); k >= 0; k-- {
		size := []float64{8, 9, 10, 10, 10, 14, 20, 32}[rng.IntN(8)]
		st := []style{song, hei, fang, latin}[rng.IntN(4)]
		x, y := rng.Float64()*500, rng.Float64()*760
		var s []rune
		for i := rng.IntN(40) + 1; i > 0; i-- {
			s = append(s, alphabet[rng.IntN(len(alphabet))])
		}
		switch rng.IntN(5) {
		case 0:
			b.vtext(x, y, size, st, string(s))
		case 1:
			lines := strings.SplitAfter(string(s), "。")
			b.column(x, y, size, st, lines...)
		default:
			b.text(x, y, size, st, string(s))
		}
		if rng.IntN(6) == 0 {
			b.p.Images = append(b.p.Images, pdf.Rect{X0: x, Y0: y, X1: x + 100, Y1: y + 80})
		}
		if rng.IntN(8) == 0 && len(b.p.Glyphs) > 0 {
			g := &b.p.Glyphs[len(b.p.Glyphs)-1]
			g.Angle = 1.5708
		}
	}
	rng.Shuffle(len(b.p.Glyphs)/3, func(i, j int) { b.p.Glyphs[i], b.p.Glyphs[j] = b.p.Glyphs[j], b.p.Glyphs[i] })
	return b.p
}

// FuzzPDFLayout: pages built from arbitrary bytes never panic and keep
// every character.
func FuzzPDFLayout(f *testing.F) {
	f.Add([]byte("本报讯（记者 张三）今天。"), uint64(1))
	f.Add([]byte("Harbour lights return"), uint64(7))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		if !utf8.Valid(data) || len(data) == 0 {
			return
		}
		alphabet := []rune(string(data))
		p := randomPage(rand.New(rand.NewPCG(seed, 3)), alphabet)
		is := pdfIssue([]pdf.Page{p})
		s := scoreIssue(is, truthPage{}, pageChars([]pdf.Page{p}))
		if s.lost != 0 || s.twice != 0 {
			t.Fatalf("%d lost, %d doubled of %d", s.lost, s.twice, s.glyphs)
		}
	})
}

// A section label over run-in headings: the label is furniture and the
// article's section, each heading opens an article, a body cut at a column
// foot runs on at the next column's top, and a bold name after the body
// signs it.
func TestPDFLayoutSectionLabelAndRunOn(t *testing.T) {
	b := newPage(1, 500, 400)
	sans, sansBold := style{font: "Sans"}, style{font: "Sans-Bold", bold: true}
	b.text(20, 20, 16, style{font: "Serif-Bold", bold: true}, "NOTES FROM READERS")
	b.text(20, 50, 10, sansBold, "Bridges first")
	b.column(20, 64, 10, sans, "The new bridge is welcome but", "the old one still needs care")
	b.column(180, 50, 10, sans, "before the winter comes.")
	b.text(180, 64, 10, sansBold, "Ann Lee,")
	b.text(180, 76, 8, sans, "Northport")
	b.text(180, 100, 10, sansBold, "Quiet streets")
	b.column(180, 114, 10, sans, "Night buses would help us all.")
	b.text(180, 128, 10, sansBold, "Tom Roe,")
	is := pdfIssue([]pdf.Page{b.p})
	a := find(t, is, "Bridges first")
	if got := bodyText(a); got != "The new bridge is welcome but the old one still needs care before the winter comes." {
		t.Errorf("run-on body = %q", got)
	}
	if a.Byline != "Ann Lee," || a.Section != "NOTES FROM READERS" {
		t.Errorf("byline %q section %q", a.Byline, a.Section)
	}
	if c := find(t, is, "Quiet streets"); c.Byline != "Tom Roe," {
		t.Errorf("second letter byline %q", c.Byline)
	}
	if len(is.Furniture) == 0 || !strings.Contains(strings.Join(is.Furniture[0].Lines, "|"), "NOTES FROM READERS") {
		t.Errorf("label not in furniture: %+v", is.Furniture)
	}
}
