package issues

import (
	"strings"
	"testing"

	"bao/internal/pdfgen"
)

// The layout on PDFs the tests write (internal/pdfgen), through the engine
// and Parse, as a user's file goes: invented text only.

// vcolumn draws the columns of a vertical story right to left, leading
// points apart, each from the top y.
func vcolumn(p *pdfgen.Page, f pdfgen.Font, size, leading, x, y float64, cols ...string) {
	for i, c := range cols {
		p.Text(f, size, x-float64(i)*leading, y, c)
	}
}

// A two-page issue in CID fonts without ToUnicode maps: a masthead, two
// stories of different headline sizes across two columns, a photo with its
// caption in another face, and a story that jumps to page 2.
func TestPDFFixtureColumnsCaptionJump(t *testing.T) {
	d := &pdfgen.Doc{}
	p1 := d.AddPage(420, 600)
	p1.TextScaled(pdfgen.BiaoSong, 36, 20, 50, "山海晚报")
	p1.Text(pdfgen.SongUCS2, 9, 20, 66, "2024年10月16日 星期三")
	// Two justified columns of 18 characters, 20–200 and 215–395.
	p1.TextScaled(pdfgen.BiaoSong, 32, 20, 112, "城东港区扩建工程开工")
	p1.Text(pdfgen.SongUCS2, 10, 20, 137, "本报记者 林小雨")
	p1.Column(pdfgen.SongUCS2, 10, 15, 20, 160,
		"　　港区扩建工程昨日开工，预计三", "年建成，新建泊位六个，年吞吐能力", "翻番。", "　　工程分两期进行，一期建设集装", "箱码头和堆场，")
	p1.Image(215, 150, 180, 100)
	p1.Text(pdfgen.SongGBK, 9, 215, 265, "图为新码头施工现场。")
	p1.Column(pdfgen.SongUCS2, 10, 15, 215, 290,
		"二期建设客运码头和候船大楼。", "　　港区负责人介绍，扩建完成后可", "停靠大型船舶。", "（下转第2版）")
	p1.TextScaled(pdfgen.BiaoSong, 20, 20, 400, "老街夜市重新开张")
	p1.Column(pdfgen.SongUCS2, 10, 15, 20, 430, "　　经过半年整修，老街夜市昨晚重", "新开张，摊位比以前多了一倍。")
	p2 := d.AddPage(420, 600)
	p2.TextScaled(pdfgen.BiaoSong, 20, 20, 60, "城东港区扩建工程开工")
	p2.Column(pdfgen.SongUCS2, 10, 15, 20, 90, "（上接第1版）", "　　新码头还将建设冷链仓库，方便", "水产品进出。")
	is, err := Parse(d.Bytes(), "2024-10-16.pdf", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if is.Title != "山海晚报" || is.DateString() != "2024-10-16" {
		t.Errorf("title %q, date %q", is.Title, is.DateString())
	}
	if len(is.Articles) != 2 {
		var hs []string
		for _, a := range is.Articles {
			hs = append(hs, a.Headline)
		}
		t.Fatalf("articles %q, want 2 (the jump joined)", hs)
	}
	a := find(t, is, "城东港区扩建工程开工")
	if a.Byline != "本报记者林小雨" || a.Page != 1 {
		t.Errorf("byline %q page %d", a.Byline, a.Page)
	}
	body := strings.ReplaceAll(bodyText(a), "|", "")
	for _, want := range []string{
		"港区扩建工程昨日开工，预计三年建成，新建泊位六个，年吞吐能力翻番。",
		"一期建设集装箱码头和堆场，二期建设客运码头和候船大楼。", // the paragraph runs on into the next column
		"扩建完成后可停靠大型船舶。",
		"新码头还将建设冷链仓库，方便水产品进出。", // page 2
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body %q lacks %q", body, want)
		}
	}
	if strings.Index(body, "年吞吐") > strings.Index(body, "二期建设") {
		t.Errorf("columns out of order: %q", body)
	}
	var caption string
	for _, bl := range a.Blocks {
		if bl.Kind == KindCaption {
			caption += bl.Text
		}
		if bl.Box == nil || bl.Page < 1 || bl.Page > 2 {
			t.Errorf("block %q without its place (page %d, box %v)", bl.Text, bl.Page, bl.Box)
		}
	}
	if caption != "图为新码头施工现场。" {
		t.Errorf("caption %q", caption)
	}
	if b := bodyText(find(t, is, "老街夜市重新开张")); b != "经过半年整修，老街夜市昨晚重新开张，摊位比以前多了一倍。" {
		t.Errorf("second story %q", b)
	}
}

// A vertical Japanese page in embedded CID fonts on UniJIS-UCS2-V, no
// ToUnicode: two stories in two tiers, each a headline column at the right
// and its body columns to the left, read top to bottom, right to left.
func TestPDFFixtureVerticalPage(t *testing.T) {
	d := &pdfgen.Doc{}
	p := d.AddPage(420, 600)
	p.Text(pdfgen.GothicVEmbedded, 26, 385, 30, "秋祭り開幕")
	vcolumn(p, pdfgen.MinchoVEmbedded, 10, 14, 350, 30,
		"町の秋祭りが昨日始まった。", "山車が大通りを練り歩き、", "見物客でにぎわった。", "祭りは三日間続く。")
	p.Text(pdfgen.GothicVEmbedded, 26, 385, 320, "灯台に新しい明かり")
	vcolumn(p, pdfgen.MinchoVEmbedded, 10, 14, 350, 320,
		"港の灯台の明かりが", "新しくなった。", "遠くの船からも見える。")
	is, err := Parse(d.Bytes(), "tate.pdf", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ head, body string }{
		{"秋祭り開幕", "町の秋祭りが昨日始まった。山車が大通りを練り歩き、見物客でにぎわった。祭りは三日間続く。"},
		{"灯台に新しい明かり", "港の灯台の明かりが新しくなった。遠くの船からも見える。"},
	} {
		a := find(t, is, tt.head)
		if got := strings.ReplaceAll(bodyText(a), "|", ""); got != tt.body {
			t.Errorf("%s: body %q, want %q", tt.head, got, tt.body)
		}
	}
	if len(is.Articles) != 2 {
		t.Errorf("%d articles, want 2", len(is.Articles))
	}
}
