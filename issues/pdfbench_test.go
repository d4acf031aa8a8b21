package issues

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"bao/issues/pdf"
)

// The real pages (../shared/real/pdf) are not in the repo: these skip
// without them. BAO_BENCH_PDF names another PDF to read (bench/pdf.sh
// passes a 20-page issue it concatenates with pdfunite).
func benchPDF(b *testing.B) (string, []byte) {
	path := os.Getenv("BAO_BENCH_PDF")
	if path == "" {
		path = filepath.Join("..", "..", "shared", "real", "pdf", "zh-hans-cnooc-20241016-p1.pdf")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no PDF to read: %v", err)
	}
	return path, data
}

// BenchmarkPDFToArticles is a PDF to its articles, engine warm: PDFium
// reads every glyph (no page cache), then the layout builds the articles.
func BenchmarkPDFToArticles(b *testing.B) {
	benchPDFToArticles(b, "-")
}

// BenchmarkPDFToArticlesCached is the same with the pages in the page
// cache: a PDF opened again, or searched again.
func BenchmarkPDFToArticlesCached(b *testing.B) {
	benchPDFToArticles(b, b.TempDir())
}

// BenchmarkPDFToArticlesFirstRead is BenchmarkPDFToArticles writing the
// page cache, as bao does the first time it reads a PDF.
func BenchmarkPDFToArticlesFirstRead(b *testing.B) {
	benchPDFToArticles(b, "empty")
}

// benchPDFToArticles parses the PDF with the page cache in dir ("-" for
// none), or in one emptied before every read ("empty").
func benchPDFToArticles(b *testing.B, dir string) {
	path, data := benchPDF(b)
	empty := dir == "empty"
	if empty {
		dir = b.TempDir()
	}
	opt := LoadOptions{PDF: pdf.NewEngine(pdf.Options{PageCacheDir: dir})}
	defer opt.PDF.Close()
	if _, err := Parse(data, path, opt); err != nil { // warm: compile or load the cache
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		if empty {
			b.StopTimer()
			if err := os.RemoveAll(dir); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		if _, err := Parse(data, path, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// reportCPU adds the CPU time per op (this process's and its children's,
// all threads) to a benchmark's figures: on a machine others share, the
// time per op swings with their load, the CPU time much less.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkPDFToTextAnchor is poppler's pdftotext on the same file, run as a
// process as a user would, then bao's text parser on its output: the
// anchor for BenchmarkPDFToArticles.
func BenchmarkPDFToTextAnchor(b *testing.B) {
	path, _ := benchPDF(b)
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	defer reportCPU(b)()
	for b.Loop() {
		out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Parse(out, "x.txt", LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPagePDFsToIssue is the usual e-paper case: an issue of 20 page
// PDFs (the real pages, repeated) read with LoadPDF, engine warm. Each file
// gets a fresh PDFium instance, so memory stays at one page's.
func BenchmarkPagePDFsToIssue(b *testing.B) {
	pages, _ := filepath.Glob(filepath.Join("..", "..", "shared", "real", "pdf", "*.pdf"))
	if len(pages) == 0 {
		b.Skip("no real pages")
	}
	var paths []string
	for len(paths) < 20 {
		paths = append(paths, pages...)
	}
	paths = paths[:20]
	opt := LoadOptions{PDF: pdf.NewEngine(pdf.Options{PageCacheDir: "-"})}
	defer opt.PDF.Close()
	if _, err := LoadPDF(paths[:1], opt); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := LoadPDF(paths, opt); err != nil {
			b.Fatal(err)
		}
	}
}
