package pdf

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"bao/internal/pdfgen"
)

// TestNativeAccess guards nativeOf's reach into go-pdfium (see native):
// should an upgrade move the fields it reads, this fails naming the one
// missing, rather than every PDF failing to open.
func TestNativeAccess(t *testing.T) {
	d := &pdfgen.Doc{}
	d.AddPage(300, 200).Text(pdfgen.Helvetica, 10, 20, 20, "Hello")
	doc, err := testEngine().Open("access.pdf", d.Bytes())
	if err != nil {
		t.Fatalf("go-pdfium internals changed? %v", err)
	}
	defer doc.Close()
	n := doc.nat
	if n.doc == 0 || n.scratch == 0 {
		t.Fatalf("document pointer %#x, scratch %#x", n.doc, n.scratch)
	}
	for f, fn := range n.fns {
		if fn == nil {
			t.Errorf("export %s not looked up", fnNames[f])
		}
	}
	// The pointer is the document go-pdfium opened: its page loads, with
	// the size the file gives it.
	page := n.call(fnLoadPage, n.doc, 0)
	if page == 0 || n.err != nil {
		t.Fatalf("FPDF_LoadPage on the document's pointer: %#x, %v", page, n.err)
	}
	var bb [4]float32
	if n.callInt(fnGetPageBoundingBox, page, uint64(n.scratch)) == 0 || !n.floats(bb[:]) || bb != [4]float32{0, 200, 300, 0} {
		t.Errorf("bounding box %v, want [0 200 300 0]", bb)
	}
	n.call(fnClosePage, page)
	if n.err != nil {
		t.Fatal(n.err)
	}
}

// nativeFixtures are generated PDFs that go every way the reader has:
// each font kind, vertical and rotated text, photos on the page and in
// forms, ligatures spelt from glyph names.
func nativeFixtures() map[string][]byte {
	out := map[string][]byte{}
	d := &pdfgen.Doc{}
	p := d.AddPage(400, 600)
	y := 20.0
	for _, tt := range []struct {
		font pdfgen.Font
		text string
	}{
		{pdfgen.Helvetica, "Well-known co-op, end-"},
		{pdfgen.HelveticaBold, "Headline"},
		{pdfgen.TimesRoman, "Body text \u00ADsoft"},
		{pdfgen.TimesItalic, "Caption"},
		{pdfgen.SongUCS2, "报纸版面文字"},
		{pdfgen.HeiUCS2, "副题"},
		{pdfgen.SongGBK, "简体中文字样"},
		{pdfgen.MingBig5, "繁體中文報紙"},
		{pdfgen.MinchoSJIS, "日本語の新聞です"},
		{pdfgen.BatangUHC, "한국어 신문"},
		{pdfgen.IdentityH, "标识编码横排"},
	} {
		p.Text(tt.font, 10, 20, y, tt.text)
		y += 14
	}
	p.TextScaled(pdfgen.BiaoSong, 42, 20, y+40, "头版头条")
	p.Text(pdfgen.LigatureSerif, 10, 20, y+60, "e\uFB03cient o\uFB00er")
	p.Column(pdfgen.SongUCS2, 10, 14, 20, y+80, "左栏第一行", "左栏第二行")
	p.Image(200, 300, 100, 80)
	p.FormImage(200, 400, 100, 80)
	v := d.AddPage(300, 300)
	v.Text(pdfgen.IdentityV, 12, 250, 40, "縦書きの記事")
	v.Text(pdfgen.MinchoVEmbedded, 12, 230, 40, "縦書き")
	v.Text(pdfgen.GothicVEmbedded, 12, 210, 40, "見出し")
	v.Text(pdfgen.SongGBKV, 12, 190, 40, "竖排报纸")
	v.Text(pdfgen.MinchoV, 12, 170, 40, "縦書き")
	v.Text(pdfgen.SongV, 12, 150, 40, "竖排")
	r := d.AddPage(600, 400)
	r.Rotate = 90
	r.Text(pdfgen.Helvetica, 10, 10, 20, "Side")
	d.AddPage(200, 200).Image(10, 10, 50, 50) // no text
	out["fixtures.pdf"] = d.Bytes()
	paper := &pdfgen.Doc{}
	paper.PaperPage("Bao Daily", "2024-10-16", "Headline of the day",
		[]string{"Left column, first line of the story", "and its second line."},
		[]string{"Right column text", "runs on here."})
	out["paper.pdf"] = paper.Bytes()
	return out
}

// nativeTestFiles is nativeFixtures and the real pages
// (../shared/real/pdf, when present), by file name.
func nativeTestFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := nativeFixtures()
	real, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "real", "pdf", "*.pdf"))
	for _, path := range real {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(path)] = data
	}
	if len(real) == 0 {
		t.Log("no real pages: fixtures only")
	}
	return files
}

// TestNativeMatchesGoPdfium reads every page of the fixtures and of the
// real pages (../shared/real/pdf, when present) both ways, through the
// exports (native) and through go-pdfium's wrappers (oracleReader, the
// reader native replaced): the pages must be the same to the last bit.
func TestNativeMatchesGoPdfium(t *testing.T) {
	files := nativeTestFiles(t)
	// What the comparison went through, so that it cannot pass by
	// reading nothing.
	var glyphs, hyphens, split, images, noText int
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			doc, err := testEngine().Open(name, data)
			if err != nil {
				t.Fatal(err)
			}
			defer doc.Close()
			for k := 1; k <= doc.NumPages(); k++ {
				got, gotErr := doc.Page(k)
				o := oracleReader{inst: doc.inst}
				want, wantErr := o.read(doc.doc, k)
				if wantErr == nil && len(want.Glyphs) == 0 {
					wantErr = ErrNoText
				}
				if (gotErr == nil) != (wantErr == nil) {
					t.Fatalf("page %d: error %v, go-pdfium's %v", k, gotErr, wantErr)
				}
				comparePages(t, k, got, want)
				glyphs += len(got.Glyphs)
				images += len(got.Images)
				if gotErr != nil {
					noText++
				}
				for _, g := range got.Glyphs {
					if g.Hyphen {
						hyphens++
					}
					// The ligatures of LigatureSerif have no ToUnicode
					// entry: their letters come from the glyph names.
					if g.Font == "BaoSerif-Roman" && g.Char == 'f' {
						split++
					}
				}
			}
		})
	}
	t.Logf("compared %d glyphs (%d hyphens, %d ligature parts), %d images, %d pages without text", glyphs, hyphens, split, images, noText)
	if hyphens == 0 || split == 0 || images < 3 || noText == 0 {
		t.Errorf("the fixtures no longer reach every way: %d hyphens, %d ligature parts, %d images, %d pages without text", hyphens, split, images, noText)
	}
}

func comparePages(t *testing.T, k int, got, want Page) {
	t.Helper()
	if got.Width != want.Width || got.Height != want.Height {
		t.Errorf("page %d: %vx%v, go-pdfium's %vx%v", k, got.Width, got.Height, want.Width, want.Height)
	}
	if !reflect.DeepEqual(got.Images, want.Images) {
		t.Errorf("page %d: images %v, go-pdfium's %v", k, got.Images, want.Images)
	}
	if len(got.Glyphs) != len(want.Glyphs) {
		t.Errorf("page %d: %d glyphs, go-pdfium's %d", k, len(got.Glyphs), len(want.Glyphs))
	}
	for i := range min(len(got.Glyphs), len(want.Glyphs)) {
		if got.Glyphs[i] != want.Glyphs[i] {
			t.Fatalf("page %d glyph %d: %+v, go-pdfium's %+v", k, i, got.Glyphs[i], want.Glyphs[i])
		}
	}
}

// TestInstanceReuse: a closed document's instance serves the next one
// (unless it grew past memCap), is closed once idle long enough, and what
// one document leaves in it changes nothing another reads: pages read
// one after another in kept instances are those fresh instances read.
func TestInstanceReuse(t *testing.T) {
	files := nativeTestFiles(t)
	names := slices.Sorted(maps.Keys(files))
	read := func(e *Engine) (pages map[string][]Page, mems []*wasmMemory) {
		pages = map[string][]Page{}
		for _, name := range names {
			d, err := e.Open(name, files[name])
			if err != nil {
				t.Fatal(err)
			}
			mems = append(mems, d.mem)
			for k := 1; k <= d.NumPages(); k++ {
				p, _ := d.Page(k)
				pages[name] = append(pages[name], p)
			}
			d.Close()
		}
		return pages, mems
	}
	fresh := NewEngine(Options{PageCacheDir: "-", Instances: 1})
	defer fresh.Close()
	fresh.memCap = 0 // every instance past it: none kept
	want, mems := read(fresh)
	if mems[0] == mems[1] {
		t.Fatal("an instance past memCap was kept")
	}
	kept := NewEngine(Options{PageCacheDir: "-", Instances: 1})
	defer kept.Close()
	got, mems := read(kept)
	if mems[0] != mems[len(mems)-1] {
		t.Error("the instance was not kept for the next document")
	}
	for _, name := range names {
		if !reflect.DeepEqual(got[name], want[name]) {
			t.Errorf("%s: read after other documents in one instance, not as a fresh instance reads it", name)
		}
	}
	// Idle too long: closed, its memory gone.
	kept.idleFor = time.Millisecond
	d, err := kept.Open("a.pdf", files[names[0]])
	if err != nil {
		t.Fatal(err)
	}
	first := d.mem
	d.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		kept.mu.Lock()
		n := len(kept.idle)
		kept.mu.Unlock()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("an idle instance was not closed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	d, err = kept.Open("a.pdf", files[names[0]])
	if err != nil {
		t.Fatal(err)
	}
	if d.mem == first {
		t.Error("an expired instance served again")
	}
	// A document outliving the engine's Close: its instance, closed with
	// the pool, is not kept for the engine started again.
	two := NewEngine(Options{PageCacheDir: "-", Instances: 2})
	defer two.Close()
	old, err := two.Open("a.pdf", files[names[0]])
	if err != nil {
		t.Fatal(err)
	}
	two.Close()
	d, err = two.Open("b.pdf", files[names[1]]) // starts it again
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	two.mu.Lock()
	n := len(two.idle)
	two.mu.Unlock()
	if n != 0 {
		t.Error("an instance of the pool closed was kept")
	}
	d.Close()
	d, err = two.Open("a.pdf", files[names[0]])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Page(1); err != nil {
		t.Errorf("in the instance kept after the restart: %v", err)
	}
	d.Close()
}

// TestCloseWhileReading: closing the engine waits for the page being read
// and leaves its documents saying so, rather than PDFium running in
// memory the pool unmapped (a fault no recover catches).
func TestCloseWhileReading(t *testing.T) {
	data := nativeFixtures()["fixtures.pdf"]
	e := NewEngine(Options{PageCacheDir: "-"})
	defer e.Close()
	doc, err := e.Open("a.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		for {
			if _, err := doc.Page(1); err != nil {
				done <- err
				return
			}
		}
	}()
	time.Sleep(50 * time.Millisecond)
	e.Close()
	if err := <-done; !errors.Is(err, errClosed) {
		t.Errorf("reading on after Close: %v, want errClosed", err)
	}
	if err := doc.Close(); err != nil {
		t.Error(err)
	}
	// The engine starts again.
	doc, err = e.Open("a.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := doc.Page(1); err != nil {
		t.Error(err)
	}
	doc.Close()
}
