package ui

import (
	"runtime"
	"strings"
	"testing"
)

// An issue's warnings (a PDF page without text) are said on the status
// line when it opens, and the next key clears them.
func TestIssueWarningsAreSaid(t *testing.T) {
	tests := []struct {
		warnings []string
		want     string
	}{
		{nil, "? help"},
		{[]string{"p3.pdf: page 1 has no text"}, "warning: p3.pdf: page 1 has no text"},
		{[]string{"p3.pdf: page 1 has no text", "p4.pdf: unreadable"}, "2 warnings: p3.pdf: page 1 has no text (and 1 more)"},
	}
	for _, tt := range tests {
		is := fixtureIssue()
		is.Warnings = tt.warnings
		d := newDriver(t, Options{Issue: is}, 100, 30)
		if last := d.screen()[29]; !strings.Contains(last, tt.want) {
			t.Errorf("warnings %q: status line %q, want %q", tt.warnings, last, tt.want)
		}
		d.keys("j")
		if last := d.screen()[29]; strings.Contains(last, "warning") {
			t.Errorf("warnings %q: still on the status line after a key: %q", tt.warnings, last)
		}
	}
}

// The first PDF opened while the PDF engine's compilation cache is empty
// says the wait is the engine compiling; later ones, and other files, not.
func TestPDFEngineCompileIsSaidOnce(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the cache directory follows XDG_CACHE_HOME on Linux only")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	m := newModel(Options{})
	if n := m.pdfNote("2024-05-06.txt", nil); n != "" {
		t.Errorf("a text file: %q", n)
	}
	if n := m.pdfNote("2024-05-06.pdf", nil); !strings.Contains(n, "compiling the PDF engine") {
		t.Errorf("the first PDF: %q", n)
	}
	if n := m.pdfNote("2024-05-07.pdf", nil); n != "" {
		t.Errorf("the second PDF: %q", n)
	}
	if n := newModel(Options{}).pdfNote("2024-05-06/01", []string{"2024-05-06/01.pdf"}); n == "" {
		t.Error("an issue of page PDFs in a new reader: no note")
	}
	// A PDF on the command line: the loading line says it (the load
	// command is not run here).
	m2 := newModel(Options{Paths: []string{"/nonexistent/2024-05-06.pdf"}})
	m2.Init()
	if !strings.Contains(m2.loadingView(), "compiling the PDF engine") {
		t.Errorf("loading line: %q", m2.loadingView())
	}
}
