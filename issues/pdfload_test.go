package issues

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"bao/internal/pdfgen"
	"bao/issues/pdf"
)

// pagePDF is a one-page PDF of a made-up paper: masthead, date line,
// headline and two columns of body text.
func pagePDF(headline string, body ...string) []byte {
	d := &pdfgen.Doc{}
	half := (len(body) + 1) / 2
	d.PaperPage("山海晚报", "2024年10月16日 星期三", headline, body[:half], body[half:])
	return d.Bytes()
}

func writePDFFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// allText is everything the issue holds, articles first, then the
// furniture and the unassigned text (the layout decides which is which).
func allText(is *Issue) string {
	var b strings.Builder
	for _, a := range is.Articles {
		b.WriteString(a.Kicker + a.Headline + a.Subheadline + a.Byline)
		for _, bl := range a.Blocks {
			b.WriteString(bl.Text)
		}
	}
	for _, f := range is.Furniture {
		b.WriteString(strings.Join(f.Lines, ""))
	}
	b.WriteString(strings.Join(is.Unassigned, ""))
	return b.String()
}

func TestParsePDF(t *testing.T) {
	is, err := Parse(pagePDF("港口新闻", "第一段正文写在这里", "第二行接着写"), "2024-10-16.pdf", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if is.Format != FormatPDF || is.Path != "2024-10-16.pdf" {
		t.Errorf("format %q path %q", is.Format, is.Path)
	}
	if got := is.DateString(); got != "2024-10-16" {
		t.Errorf("date = %q, want the file name's", got)
	}
	txt := strings.ReplaceAll(allText(is), "\n", "")
	for _, want := range []string{"港口新闻", "第一段正文写在这里", "第二行接着写"} {
		if !strings.Contains(txt, want) {
			t.Errorf("issue text %q lacks %q", txt, want)
		}
	}
	for _, a := range is.Articles {
		for _, b := range a.Blocks {
			if b.Page != 1 || b.Box == nil || b.Box.W <= 0 || b.Box.H <= 0 {
				t.Errorf("block %q: page %d box %+v", b.Text, b.Page, b.Box)
			}
		}
	}
}

func TestLoadPDFErrors(t *testing.T) {
	dir := t.TempDir()
	enc := &pdfgen.Doc{Encrypt: true}
	enc.AddPage(100, 100).Text(pdfgen.Helvetica, 10, 10, 10, "x")
	scan := &pdfgen.Doc{}
	scan.AddPage(100, 100).Image(0, 0, 100, 100)
	good := pagePDF("头条", "正文")
	for name, data := range map[string][]byte{
		"enc.pdf": enc.Bytes(), "scan.pdf": scan.Bytes(), "cut.pdf": good[:len(good)/3], "good.pdf": good,
	} {
		writePDFFile(t, filepath.Join(dir, name), data)
	}
	tests := []struct {
		file string
		want error
		msg  string
	}{
		{"enc.pdf", pdf.ErrEncrypted, "enc.pdf: encrypted PDF"},
		{"scan.pdf", pdf.ErrNoText, "scan.pdf: page 1 has no text (a scan); bao does not read images"},
		{"cut.pdf", pdf.ErrMalformed, "cut.pdf: not a readable PDF"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.file)
		_, err := LoadFile(path, LoadOptions{})
		if !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), filepath.Join(dir, tt.msg)) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v, want %v starting %q", tt.file, err, tt.want, tt.msg)
		}
	}
	// The pages that can be read still make the issue.
	is, err := LoadPDF([]string{filepath.Join(dir, "good.pdf"), filepath.Join(dir, "scan.pdf"), filepath.Join(dir, "enc.pdf")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(allText(is), "头条") || len(is.Warnings) != 2 {
		t.Errorf("text %q warnings %q", allText(is), is.Warnings)
	}
	for _, w := range is.Warnings {
		if !strings.HasPrefix(w, dir) {
			t.Errorf("warning %q does not name its file", w)
		}
	}
}

func TestGroupPDFPages(t *testing.T) {
	tests := []struct {
		in   []string
		want [][]string
	}{
		{[]string{"d/02.pdf", "d/01.pdf", "d/10.pdf"}, [][]string{{"d/01.pdf", "d/02.pdf", "d/10.pdf"}}},
		{[]string{"rmrb2024101602.pdf", "rmrb2024101601.pdf", "rmrb2024101701.pdf"},
			[][]string{{"rmrb2024101601.pdf", "rmrb2024101602.pdf"}, {"rmrb2024101701.pdf"}}},
		{[]string{"2024-10-16/B01.pdf", "2024-10-16/A02.pdf", "2024-10-16/A01.pdf"},
			[][]string{{"2024-10-16/A01.pdf", "2024-10-16/A02.pdf", "2024-10-16/B01.pdf"}}},
		{[]string{"x/2024-10-16.pdf", "x/2024-10-17.pdf"}, [][]string{{"x/2024-10-16.pdf"}, {"x/2024-10-17.pdf"}}},
		{[]string{"a/01.pdf", "b/01.pdf"}, [][]string{{"a/01.pdf"}, {"b/01.pdf"}}},
		{[]string{"paper-p1.pdf", "paper-p2.pdf", "report.pdf"}, [][]string{{"paper-p1.pdf", "paper-p2.pdf"}, {"report.pdf"}}},
	}
	for _, tt := range tests {
		if got := GroupPDFPages(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("GroupPDFPages(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLibraryGroupsPagePDFs(t *testing.T) {
	dir := t.TempDir()
	day := filepath.Join(dir, "shanhai", "2024-10-16")
	writePDFFile(t, filepath.Join(day, "02.pdf"), pagePDF("第二版头条", "本报讯 二版的正文在左栏", "二版正文在右栏接着读"))
	writePDFFile(t, filepath.Join(day, "01.pdf"), pagePDF("第一版头条", "本报讯 一版的正文在左栏", "一版正文在右栏接着读"))
	writePDFFile(t, filepath.Join(dir, "notes", "2024-10-15.txt"), []byte("标题\n\n正文一段。\n"))
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	if lib.Len() != 2 {
		t.Fatalf("library lists %d entries, want 2: %+v", lib.Len(), lib.Entries())
	}
	e := lib.Entry(1)
	if len(e.Parts) != 2 || !strings.HasSuffix(e.Parts[0], "01.pdf") || !e.Date.Equal(time.Date(2024, 10, 16, 0, 0, 0, 0, time.UTC)) || e.Title != "shanhai" {
		t.Errorf("entry = %+v", e)
	}
	is, err := lib.Issue(1)
	if err != nil {
		t.Fatal(err)
	}
	txt := allText(is)
	if i, j := strings.Index(txt, "第一版头条"), strings.Index(txt, "第二版头条"); i < 0 || j < i {
		t.Errorf("pages out of order or missing: %q", txt)
	}
	if n := len(is.Articles); n == 0 || is.Articles[n-1].Page != 2 {
		t.Errorf("articles %+v: want the last on page 2", is.Articles)
	}
}

func TestLongPDFReadsInPageOrder(t *testing.T) {
	d := &pdfgen.Doc{}
	for i := 1; i <= 7; i++ {
		d.PaperPage("山海晚报", "2024年10月16日", "第"+string(rune('0'+i))+"版要闻标题",
			[]string{"本报讯 这一版的正文写在左栏，", "一行接着一行往下排。"}, []string{"右栏接着左栏往下读，", "直到这篇文章结束。"})
	}
	is, err := Parse(d.Bytes(), "long.pdf", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var pages []int
	for _, a := range is.Articles {
		if !strings.Contains(a.Headline, "版要闻") {
			continue // the masthead, when the layout makes it an article
		}
		if !strings.Contains(allText(&Issue{Articles: []Article{a}}), "第"+string(rune('0'+a.Page))+"版") {
			t.Errorf("article on page %d: %q", a.Page, allText(&Issue{Articles: []Article{a}}))
		}
		pages = append(pages, a.Page)
	}
	if !reflect.DeepEqual(pages, []int{1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("article pages %v", pages)
	}
}

// TestLoadPDFFile: a PDF file is read page by page where it lies (not
// into memory), to the same issue as its bytes give; it is known by its
// header, not its name; MaxSize still holds, and a PDF may be far larger
// than a text file (DefaultMaxPDFSize).
func TestLoadPDFFile(t *testing.T) {
	dir := t.TempDir()
	data := pagePDF("港口新闻", "第一段正文写在这里", "第二行接着写")
	opt := LoadOptions{PDF: pdf.NewEngine(pdf.Options{PageCacheDir: "-"})}
	defer opt.PDF.Close()
	for _, name := range []string{"a.pdf", "a-pdf.txt"} {
		path := filepath.Join(dir, name)
		writePDFFile(t, path, data)
		want, err := Parse(data, path, opt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := LoadFile(path, opt)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: err %v, same issue as Parse: %v", name, err, reflect.DeepEqual(got, want))
		}
	}
	small := opt
	small.MaxSize = 100
	if _, err := LoadFile(filepath.Join(dir, "a.pdf"), small); !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), filepath.Join(dir, "a.pdf")+": ") {
		t.Errorf("over MaxSize: err %v", err)
	}
	if DefaultMaxPDFSize < 4*DefaultMaxSize {
		t.Errorf("DefaultMaxPDFSize %d: a 300-page issue (about 180 MB) must open", DefaultMaxPDFSize)
	}
}

// TestLoadPDFReadsAhead: page files read ahead while the one before is
// laid out make the same issue as files read one by one, in page order,
// with one instance or two, from PDFium or from the page cache.
func TestLoadPDFReadsAhead(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	var want []pdf.Page
	for i := 1; i <= 6; i++ {
		path := filepath.Join(dir, fmt.Sprintf("%02d.pdf", i))
		data := pagePDF(fmt.Sprintf("第%d版要闻", i), "本报讯 这一版的正文写在左栏，", "右栏接着往下读。")
		if i == 4 { // a scan: a warning, and the pages after it still numbered on
			scan := &pdfgen.Doc{}
			scan.AddPage(100, 100).Image(0, 0, 100, 100)
			data = scan.Bytes()
		}
		writePDFFile(t, path, data)
		paths = append(paths, path)
		pages, _, err := pdf.NewEngine(pdf.Options{PageCacheDir: "-"}).ReadAll(path, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			p.Number = len(want) + 1
			want = append(want, p)
		}
	}
	wantIs := pdfIssue(want)
	for _, tc := range []struct {
		name      string
		instances int
		cache     string
	}{
		{"one instance", 1, "-"},
		{"two instances", 2, "-"},
		{"page cache", 2, filepath.Join(dir, "cache")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := LoadOptions{PDF: pdf.NewEngine(pdf.Options{Instances: tc.instances, PageCacheDir: tc.cache})}
			defer opt.PDF.Close()
			for range 2 { // the second time from the cache, when there is one
				is, err := LoadPDF(paths, opt)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(is.Articles, wantIs.Articles) || !reflect.DeepEqual(is.Furniture, wantIs.Furniture) {
					t.Fatalf("issue differs from the pages read one by one:\n%q\nwant\n%q", allText(is), allText(wantIs))
				}
				if len(is.Warnings) != 1 || !strings.Contains(is.Warnings[0], "04.pdf: page 1 has no text") {
					t.Errorf("warnings %q", is.Warnings)
				}
			}
		})
	}
}
