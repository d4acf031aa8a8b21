package pdf

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"bao/internal/pdfgen"
)

// testEngine is shared by the tests of this package: one compile (or one
// read of the compilation cache) for all of them.
var testEngine = sync.OnceValue(func() *Engine { return NewEngine(Options{PageCacheDir: "-"}) })

// readAll opens data and reads every page, returning the pages read and
// the page errors.
func readAll(t testing.TB, name string, data []byte) ([]Page, []error, error) {
	t.Helper()
	doc, err := testEngine().Open(name, data)
	if err != nil {
		return nil, nil, err
	}
	defer doc.Close()
	var pages []Page
	var errs []error
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		pages = append(pages, p)
	}
	return pages, errs, nil
}

func text(p Page) string {
	var b strings.Builder
	for _, g := range p.Glyphs {
		b.WriteRune(g.Char)
	}
	return b.String()
}

// runs splits a page's glyphs into the strings of consecutive glyphs of one
// font and size.
func runs(p Page) []string {
	var out []string
	var b strings.Builder
	for i, g := range p.Glyphs {
		if i > 0 && (g.Font != p.Glyphs[i-1].Font || g.Size != p.Glyphs[i-1].Size) {
			out = append(out, b.String())
			b.Reset()
		}
		b.WriteRune(g.Char)
	}
	return append(out, b.String())
}

func TestPredefinedCMapsWithoutToUnicode(t *testing.T) {
	tests := []struct {
		font pdfgen.Font
		text string
	}{
		{pdfgen.SongUCS2, "报纸版面文字"},
		{pdfgen.SongGBK, "简体中文字样"},
		{pdfgen.MingBig5, "繁體中文報紙"},
		{pdfgen.MinchoSJIS, "日本語の新聞です"},
		{pdfgen.BatangUHC, "한국어 신문"},
		{pdfgen.IdentityH, "标识编码横排"},
	}
	for _, tt := range tests {
		t.Run(tt.font.CMap, func(t *testing.T) {
			d := &pdfgen.Doc{}
			d.AddPage(300, 200).Text(tt.font, 10, 20, 50, tt.text)
			pages, errs, err := readAll(t, "cmap.pdf", d.Bytes())
			if err != nil || len(errs) > 0 {
				t.Fatal(err, errs)
			}
			if got := text(pages[0]); got != tt.text {
				t.Errorf("text = %q, want %q", got, tt.text)
			}
			for _, g := range pages[0].Glyphs {
				if g.Size != 10 || g.Font != tt.font.Base {
					t.Errorf("%q: size %v font %q, want 10 %q", g.Char, g.Size, g.Font, tt.font.Base)
				}
				if g.Y1 < 40 || g.Y0 > 51 || g.Y0 >= g.Y1 || g.X0 >= g.X1 && g.Char != ' ' {
					t.Errorf("%q: box %+v not on the baseline at y=50", g.Char, g.Rect)
				}
			}
		})
	}
}

func TestSizesAndStyles(t *testing.T) {
	d := &pdfgen.Doc{}
	p := d.AddPage(400, 400)
	p.TextScaled(pdfgen.BiaoSong, 42, 20, 60, "头版头条") // 1 Tf, size in the matrix
	p.Text(pdfgen.HeiUCS2, 14, 20, 90, "副题")          // bold sans
	p.Text(pdfgen.SongUCS2, 9, 20, 110, "正文")         // body face: not bold
	p.Text(pdfgen.HelveticaBold, 20, 20, 140, "Headline")
	p.Text(pdfgen.TimesItalic, 9, 20, 160, "Caption")
	p.Text(pdfgen.HeiUCS2, 9, 20, 180, "记者")  // a byline in bold …
	p.Text(pdfgen.SongUCS2, 9, 38, 180, "报道") // … then body type of the same size
	pages, _, err := readAll(t, "sizes.pdf", d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text         string
		size         float64
		bold, italic bool
	}{
		{"头版头条", 42, true, false},
		{"副题", 14, true, false},
		{"正文", 9, false, false},
		{"Headline", 20, true, false},
		{"Caption", 9, false, true},
		{"记者", 9, true, false},
		{"报道", 9, false, false},
	}
	got := runs(pages[0])
	// runs splits on font changes; the last two share a size, not a font.
	if len(got) != len(want) {
		t.Fatalf("runs = %q", got)
	}
	i := 0
	for k, w := range want {
		if got[k] != w.text {
			t.Errorf("run %d = %q, want %q", k, got[k], w.text)
		}
		g := pages[0].Glyphs[i]
		if g.Size != w.size || g.Bold != w.bold || g.Italic != w.italic {
			t.Errorf("%q: size %v bold %v italic %v, want %v %v %v", w.text, g.Size, g.Bold, g.Italic, w.size, w.bold, w.italic)
		}
		i += len([]rune(w.text))
	}
	// A 42 pt headline's boxes are about 42 pt tall.
	if h := pages[0].Glyphs[0].Y1 - pages[0].Glyphs[0].Y0; h < 35 || h > 50 {
		t.Errorf("42 pt glyph box is %.1f pt tall", h)
	}
}

func TestColumnsKeepTheirBoxes(t *testing.T) {
	d := &pdfgen.Doc{}
	p := d.AddPage(400, 300)
	p.Column(pdfgen.SongUCS2, 10, 14, 20, 40, "左栏第一行", "左栏第二行", "左栏第三行")
	p.Column(pdfgen.SongUCS2, 10, 14, 220, 40, "右栏第一行", "右栏第二行")
	pages, _, err := readAll(t, "cols.pdf", d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := text(pages[0]), "左栏第一行左栏第二行左栏第三行右栏第一行右栏第二行"; got != want {
		t.Fatalf("text = %q, want %q (drawing order)", got, want)
	}
	for i, g := range pages[0].Glyphs {
		left := i < 15
		if left && g.X1 > 200 || !left && g.X0 < 220 {
			t.Errorf("%q at x %.1f–%.1f is in the wrong column", g.Char, g.X0, g.X1)
		}
		line := (i % 15) / 5
		if base := 40 + 14*float64(line); g.Y1 < base-2 || g.Y1 > base+3 {
			t.Errorf("%q: bottom %.1f, want near the baseline %v", g.Char, g.Y1, base)
		}
		if i%5 > 0 && pages[0].Glyphs[i-1].X1 > g.X0+0.01 {
			t.Errorf("%q overlaps the glyph before it", g.Char)
		}
	}
}

func TestVerticalText(t *testing.T) {
	d := &pdfgen.Doc{}
	p := d.AddPage(300, 400)
	p.Text(pdfgen.IdentityV, 12, 250, 40, "縦書きの記事")
	p.Text(pdfgen.IdentityV, 12, 230, 40, "二行目")
	pages, _, err := readAll(t, "tate.pdf", d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// PDFium's text page may order vertical runs by position, not by drawing
	// order: check each column by itself, top to bottom.
	cols := map[float64]string{}
	last := map[float64]float64{}
	for _, g := range pages[0].Glyphs {
		col := math.Round((g.X0 + g.X1) / 2)
		if g.Y0 < last[col]-0.01 {
			t.Errorf("%q (y %.1f) is above the glyph before it in its column", g.Char, g.Y0)
		}
		last[col] = g.Y1
		cols[col] += string(g.Char)
	}
	want := map[float64]string{250: "縦書きの記事", 230: "二行目"}
	if fmt.Sprint(cols) != fmt.Sprint(want) {
		t.Errorf("columns = %v, want %v", cols, want)
	}
}

// Vertical text in embedded CID fonts on predefined -V CMaps without a
// ToUnicode map, as Japanese and Chinese e-papers set it: every column
// reads top to bottom, in the collection's characters.
func TestVerticalEmbeddedCIDFonts(t *testing.T) {
	tests := []struct {
		font       pdfgen.Font
		col1, col2 string
		bold       bool
	}{
		{pdfgen.MinchoVEmbedded, "縦書きの記事", "二行目です", false},
		{pdfgen.GothicVEmbedded, "見出し", "小見出し", true},
		{pdfgen.SongGBKV, "竖排报纸正文", "第二行", false},
	}
	for _, tt := range tests {
		t.Run(tt.font.Base, func(t *testing.T) {
			d := &pdfgen.Doc{}
			p := d.AddPage(300, 400)
			p.Text(tt.font, 12, 250, 40, tt.col1)
			p.Text(tt.font, 12, 230, 40, tt.col2)
			pages, errs, err := readAll(t, "tate.pdf", d.Bytes())
			if err != nil || len(errs) > 0 {
				t.Fatal(err, errs)
			}
			cols := map[float64]string{}
			for _, g := range pages[0].Glyphs {
				col := math.Round((g.X0 + g.X1) / 2)
				cols[col] += string(g.Char)
				if g.Size != 12 || g.Bold != tt.bold || g.X1-g.X0 < 11 || g.Y1-g.Y0 < 11 {
					t.Errorf("%q: size %v bold %v box %+v", g.Char, g.Size, g.Bold, g.Rect)
				}
			}
			want := map[float64]string{250: tt.col1, 230: tt.col2}
			if fmt.Sprint(cols) != fmt.Sprint(want) {
				t.Errorf("columns = %v, want %v", cols, want)
			}
		})
	}
}

func TestImages(t *testing.T) {
	d := &pdfgen.Doc{}
	p := d.AddPage(400, 400)
	p.Image(20, 30, 200, 100)
	p.FormImage(250, 30, 100, 150)
	p.Image(-50, 300, 500, 200) // bleeds off the page
	p.Text(pdfgen.SongUCS2, 8, 20, 145, "图为照片说明")
	pages, _, err := readAll(t, "img.pdf", d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := []Rect{{20, 30, 220, 130}, {250, 30, 350, 180}, {0, 300, 400, 400}}
	if fmt.Sprint(pages[0].Images) != fmt.Sprint(want) {
		t.Errorf("images = %v, want %v", pages[0].Images, want)
	}
}

func TestRotatedPage(t *testing.T) {
	d := &pdfgen.Doc{}
	p := d.AddPage(600, 400)
	p.Rotate = 90
	p.Text(pdfgen.Helvetica, 10, 10, 20, "Side")
	pages, _, err := readAll(t, "rot.pdf", d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	pg := pages[0]
	if pg.Width != 400 || pg.Height != 600 {
		t.Errorf("size %vx%v, want 400x600 after /Rotate 90", pg.Width, pg.Height)
	}
	for _, g := range pg.Glyphs {
		if g.X0 < 0 || g.X1 > pg.Width || g.Y0 < 0 || g.Y1 > pg.Height {
			t.Errorf("%q box %+v off the page", g.Char, g.Rect)
		}
		if math.Abs(g.Angle-3*math.Pi/2) > 0.01 {
			t.Errorf("%q angle %v, want 3π/2 (reads top to bottom)", g.Char, g.Angle)
		}
	}
}

func TestBadFiles(t *testing.T) {
	good := func() []byte {
		d := &pdfgen.Doc{}
		d.AddPage(300, 300).Text(pdfgen.Helvetica, 10, 20, 20, "Hello")
		return d.Bytes()
	}
	encrypted := &pdfgen.Doc{Encrypt: true}
	encrypted.AddPage(300, 300).Text(pdfgen.Helvetica, 10, 20, 20, "Secret")

	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.pdf", nil, ErrMalformed},
		{"text.pdf", []byte("just some text, not a PDF at all"), ErrMalformed},
		{"header.pdf", []byte("%PDF-1.7\n"), ErrMalformed},
		{"garbage.pdf", append([]byte("%PDF-1.4\n"), strings.Repeat("\x00\xff garbage ( << [ ", 200)...), ErrMalformed},
		{"encrypted.pdf", encrypted.Bytes(), ErrEncrypted},
		{"first-bytes.pdf", good()[:40], ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, tt.name, tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.name+": ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q is not one line naming the file", msg)
			}
		})
	}
}

func TestTruncatedFilesNeverPanic(t *testing.T) {
	d := &pdfgen.Doc{}
	for i := 0; i < 3; i++ {
		d.AddPage(300, 300).Text(pdfgen.SongUCS2, 10, 20, 20, fmt.Sprintf("第%d页", i+1))
	}
	data := d.Bytes()
	opened := 0
	for _, cut := range []int{len(data) / 4, len(data) / 2, len(data) * 3 / 4, len(data) - 30, len(data) - 1} {
		pages, _, err := readAll(t, "cut.pdf", data[:cut])
		if err != nil {
			if !errors.Is(err, ErrMalformed) || !strings.HasPrefix(err.Error(), "cut.pdf: ") {
				t.Errorf("cut at %d: %v", cut, err)
			}
			continue
		}
		opened++
		for _, p := range pages {
			if !strings.HasPrefix(text(p), "第") {
				t.Errorf("cut at %d: page %d reads %q", cut, p.Number, text(p))
			}
		}
	}
	// PDFium rebuilds a lost cross-reference table: a file cut after its
	// last page's objects still opens.
	if opened == 0 {
		t.Error("no truncated file opened; PDFium's recovery should read those cut after the pages")
	}
}

func TestPageWithoutTextLayer(t *testing.T) {
	d := &pdfgen.Doc{}
	d.AddPage(300, 300).Text(pdfgen.SongUCS2, 10, 20, 20, "第一版")
	d.AddPage(300, 300).Image(0, 0, 300, 300) // a scan
	d.AddPage(300, 300).Text(pdfgen.SongUCS2, 10, 20, 20, "第三版")
	pages, errs, err := readAll(t, "scan.pdf", d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || text(pages[0]) != "第一版" || text(pages[1]) != "第三版" {
		t.Errorf("pages = %v", pages)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrNoText) {
		t.Fatalf("errs = %v, want one ErrNoText", errs)
	}
	if got, want := errs[0].Error(), "scan.pdf: page 2 has no text (a scan); bao does not read images"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	var pe *PageError
	if !errors.As(errs[0], &pe) || pe.Page != 2 {
		t.Errorf("error %v is not a *PageError for page 2", errs[0])
	}
}

func TestConcurrentDocuments(t *testing.T) {
	e := NewEngine(Options{Instances: 2})
	defer e.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := fmt.Sprintf("读者%d", i)
			d := &pdfgen.Doc{}
			d.AddPage(200, 200).Text(pdfgen.SongUCS2, 10, 20, 20, want)
			doc, err := e.Open("c.pdf", d.Bytes())
			if err != nil {
				errs <- err
				return
			}
			defer doc.Close()
			p, err := doc.Page(1)
			if err != nil {
				errs <- err
			} else if text(p) != want {
				errs <- fmt.Errorf("got %q, want %q", text(p), want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestEngineStartsLazily(t *testing.T) {
	e := NewEngine(Options{CacheDir: t.TempDir()})
	if e.Started() {
		t.Fatal("a new engine has started PDFium")
	}
	if _, err := e.Open("x.txt", []byte("plain text")); err == nil || e.Started() {
		t.Errorf("a file that is no PDF started PDFium (err %v)", err)
	}
}

func TestPageCache(t *testing.T) {
	dir := t.TempDir()
	e := NewEngine(Options{PageCacheDir: dir})
	defer e.Close()
	d := &pdfgen.Doc{}
	for i := 0; i < 5; i++ {
		p := d.AddPage(300, 300)
		p.Text(pdfgen.SongUCS2, 10, 20, 20, fmt.Sprintf("第%d版", i+1))
		p.Image(20, 40, 100, 50)
	}
	data := d.Bytes()
	first, errs, err := e.ReadAll("c.pdf", data)
	if err != nil || len(errs) > 0 || len(first) != 5 {
		t.Fatal(first, errs, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pages.gz"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	e.Close() // the second read must not need PDFium
	second, _, err := e.ReadAll("c.pdf", data)
	if err != nil || !reflect.DeepEqual(first, second) || e.Started() {
		t.Errorf("cached read: err %v, equal %v, started PDFium %v", err, reflect.DeepEqual(first, second), e.Started())
	}
	for i, p := range second {
		if p.Number != i+1 || text(p) != fmt.Sprintf("第%d版", i+1) {
			t.Errorf("page %d: number %d text %q", i+1, p.Number, text(p))
		}
	}
	// A damaged cache entry is read again from the PDF.
	os.WriteFile(files[0], []byte("not gzip"), 0o644)
	third, _, err := e.ReadAll("c.pdf", data)
	if err != nil || !reflect.DeepEqual(first, third) {
		t.Errorf("after damage: err %v, equal %v", err, reflect.DeepEqual(first, third))
	}
}
