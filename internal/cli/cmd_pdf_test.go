package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bao/internal/pdfgen"
	"bao/ui"
)

// pdfPaperFixture writes one day of an invented paper as page PDFs in a
// date folder, plus a text issue beside it.
func pdfPaperFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	day := filepath.Join(dir, "shanhai", "2024-10-16")
	os.MkdirAll(day, 0o755)
	for i, page := range []struct{ head, body string }{
		{"港口迎来新航线", "本报讯 集装箱码头今天开通新的远洋航线"},
		{"湖畔书店开张", "读者可以在湖畔借阅图书"},
	} {
		d := &pdfgen.Doc{}
		p := d.AddPage(400, 600)
		p.TextScaled(pdfgen.BiaoSong, 28, 20, 70, page.head)
		p.Text(pdfgen.SongUCS2, 10, 20, 110, page.body)
		name := filepath.Join(day, []string{"01.pdf", "02.pdf"}[i])
		if err := os.WriteFile(name, d.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "2024-10-15.txt"), []byte("天气\n\n明天晴。\n"), 0o644)
	return dir
}

func TestSearchCLIFindsWordsInPagePDFs(t *testing.T) {
	dir := pdfPaperFixture(t)
	// The word is in no file's raw bytes: the content streams are compressed.
	raw, _ := os.ReadFile(filepath.Join(dir, "shanhai", "2024-10-16", "02.pdf"))
	if bytes.Contains(raw, []byte("湖畔")) || bytes.Contains(raw, []byte{0x6e, 0x56}) {
		t.Fatal("fixture leaks its text into the raw bytes")
	}
	out, errs, code := runSearchCLI(t, t.TempDir(), "湖畔", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "2024-10-16  ") || !strings.Contains(out, "湖畔书店开张") {
		t.Errorf("bao search 湖畔: %q (stderr %q)", out, errs)
	}
}

func TestPrintPDF(t *testing.T) {
	dir := pdfPaperFixture(t)
	file := filepath.Join(dir, "shanhai", "2024-10-16", "01.pdf")
	out, errs, code := runPrintCLI(t, "", nil, "print", "--json", file)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var got struct {
		Date     string
		Articles []struct {
			Headline string
			Blocks   []struct {
				Text string
				Page int
				Box  *struct{ X, Y, W, H float64 }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Date != "2024-10-16" || len(got.Articles) == 0 || !strings.Contains(out, "港口迎来新航线") {
		t.Fatalf("print --json: %s", out)
	}
	for _, a := range got.Articles {
		for _, b := range a.Blocks {
			if b.Page != 1 || b.Box == nil || b.Box.W <= 0 {
				t.Errorf("block %q has page %d box %+v", b.Text, b.Page, b.Box)
			}
		}
	}
	plain, _, code := runPrintCLI(t, "", nil, "print", "--plain", file)
	if code != 0 || !strings.Contains(plain, "集装箱码头") {
		t.Errorf("print --plain: exit %d %q", code, plain)
	}
	// A file that is not a readable PDF: one line naming it, exit 1.
	bad := filepath.Join(dir, "bad.pdf")
	os.WriteFile(bad, []byte("%PDF-1.7\nnothing"), 0o644)
	_, errs, code = runPrintCLI(t, "", nil, "print", bad)
	if code == 0 || !strings.Contains(errs, bad+": not a readable PDF") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
		t.Errorf("bad PDF: exit %d stderr %q", code, errs)
	}
}

// bao serve's issue cache loads the page PDFs of one date as one issue.
func TestServedLibraryReadsPagePDFsAsOneIssue(t *testing.T) {
	dir := pdfPaperFixture(t)
	l, err := newServedLibrary(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	listed, err := ui.OpenLibrary([]string{dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	if listed.Len() != 2 {
		t.Fatalf("served library lists %d issues, want 2 (the PDF day and the text)", listed.Len())
	}
	for i := 0; i < listed.Len(); i++ {
		e := listed.Entry(i)
		if len(e.Parts) != 2 {
			continue
		}
		is, err := l.lib.Load(e)
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, a := range is.Articles {
			all.WriteString(a.Headline)
		}
		if !strings.Contains(all.String(), "港口迎来新航线") || !strings.Contains(all.String(), "湖畔书店开张") {
			t.Errorf("served issue holds %q, want both pages' headlines", all.String())
		}
		return
	}
	t.Error("no entry of two page PDFs")
}

// bao print takes one issue however a user names it: the folder of a
// day's page PDFs, the pages themselves, or one file; more than one issue,
// or none, is one line saying so.
func TestPrintOneIssueOfPages(t *testing.T) {
	dir := pdfPaperFixture(t)
	day := filepath.Join(dir, "shanhai", "2024-10-16")
	for _, tc := range []struct {
		name  string
		args  []string
		want  []string // in the output, in this order
		error string   // in stderr, when the command must fail
	}{
		{"the day's folder", []string{day}, []string{"港口迎来新航线", "湖畔书店开张"}, ""},
		{"the pages, out of order", []string{filepath.Join(day, "02.pdf"), filepath.Join(day, "01.pdf")}, []string{"港口迎来新航线", "湖畔书店开张"}, ""},
		{"one page", []string{filepath.Join(day, "02.pdf")}, []string{"湖畔书店开张"}, ""},
		{"a library of two issues", []string{dir}, nil, dir + ": 2 issues, not one"},
		{"a folder with no issue", []string{t.TempDir()}, nil, ": no issue files"},
		{"stdin beside a path", []string{"-", day}, nil, "-: standard input must be the only PATH"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runPrintCLI(t, "", nil, append([]string{"print", "--plain"}, tc.args...)...)
			if tc.error != "" {
				if code != 1 || !strings.Contains(errs, tc.error) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
					t.Fatalf("exit %d, stderr %q; want exit 1 and one line with %q", code, errs, tc.error)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			at := 0
			for _, w := range tc.want {
				i := strings.Index(out[at:], w)
				if i < 0 {
					t.Fatalf("%q missing (or out of order) in %q", w, out)
				}
				at += i + len(w)
			}
			if tc.name == "one page" && strings.Contains(out, "港口迎来新航线") {
				t.Errorf("one page printed the other page too: %q", out)
			}
		})
	}
}
