package layout_test

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/issues"
	"bao/reader/layout"
)

// seedPath is the real issue shared with the project (a Chinese city
// daily), relative to this package; benchmarks fall back to an invented
// issue when it is absent.
const seedPath = "../../../shared/seeds/000_84ee076a4ed4be77.txt"

// benchIssue returns the articles the benchmarks set, and the same issue
// as Markdown (for glamour) and as plain text (for lipgloss).
func benchIssue(tb testing.TB) (arts []issues.Article, markdown, plain string) {
	tb.Helper()
	is, err := issues.LoadFile(seedPath, issues.LoadOptions{})
	if err != nil {
		is, err = issues.LoadFile("testdata/zh-Hans.md", issues.LoadOptions{})
		if err != nil {
			tb.Fatal(err)
		}
		// Make the invented issue newspaper-sized: 40 copies.
		base := is.Articles
		for range 39 {
			is.Articles = append(is.Articles, base...)
		}
	}
	var md, pt strings.Builder
	for _, a := range is.Articles {
		md.WriteString("# " + a.Headline + "\n\n")
		pt.WriteString(a.Headline + "\n\n")
		for _, b := range a.Blocks {
			md.WriteString(b.Text + "\n\n")
			pt.WriteString(b.Text + "\n\n")
		}
	}
	return is.Articles, md.String(), pt.String()
}

// BenchmarkLayoutIssue sets every article of the issue at width 80 and
// composes its lines (what bao print does, minus the write).
func BenchmarkLayoutIssue(b *testing.B) {
	arts, _, plain := benchIssue(b)
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	opt := layout.Options{Width: 80, Gutter: layout.DefaultGutter}
	var s layout.Setter
	for b.Loop() {
		for i := range arts {
			l := s.Article(&arts[i], opt)
			_ = l.Compose(0, nil)
		}
	}
}

// BenchmarkLayoutIssue3Columns is the same at width 120 in 3 columns.
func BenchmarkLayoutIssue3Columns(b *testing.B) {
	arts, _, plain := benchIssue(b)
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	opt := layout.Options{Width: 120, Columns: 3, Gutter: layout.DefaultGutter}
	var s layout.Setter
	for b.Loop() {
		for i := range arts {
			_ = s.Article(&arts[i], opt).Compose(0, nil)
		}
	}
}

// BenchmarkGlamourIssue renders the same issue as Markdown with glamour v2
// wrapping at 80 (the renderer is built once, outside the loop).
func BenchmarkGlamourIssue(b *testing.B) {
	_, md, plain := benchIssue(b)
	r, err := glamour.NewTermRenderer(glamour.WithWordWrap(80))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(md); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLipglossIssue wraps the same issue's text with a lipgloss v2
// style 80 cells wide.
func BenchmarkLipglossIssue(b *testing.B) {
	_, _, plain := benchIssue(b)
	st := lipgloss.NewStyle().Width(80)
	b.SetBytes(int64(len(plain)))
	b.ReportAllocs()
	for b.Loop() {
		_ = st.Render(plain)
	}
}

// BenchmarkRatios interleaves the three on the same issue, one of each per
// iteration, so that the machine's load (shared, changing by the second)
// weighs on all three alike, and reports how many times slower glamour and
// lipgloss are than bao. The garbage of each is collected while the others
// run, so bao pays for some of glamour's collections here.
func BenchmarkRatios(b *testing.B) {
	arts, md, plain := benchIssue(b)
	r, err := glamour.NewTermRenderer(glamour.WithWordWrap(80))
	if err != nil {
		b.Fatal(err)
	}
	st := lipgloss.NewStyle().Width(80)
	opt := layout.Options{Width: 80, Gutter: layout.DefaultGutter}
	var s layout.Setter
	var tBao, tGlamour, tLipgloss time.Duration
	for b.Loop() {
		t0 := time.Now()
		for i := range arts {
			_ = s.Article(&arts[i], opt).Compose(0, nil)
		}
		t1 := time.Now()
		if _, err := r.Render(md); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		_ = st.Render(plain)
		t3 := time.Now()
		tBao, tGlamour, tLipgloss = tBao+t1.Sub(t0), tGlamour+t2.Sub(t1), tLipgloss+t3.Sub(t2)
	}
	b.ReportMetric(float64(tGlamour)/float64(tBao), "glamour/bao")
	b.ReportMetric(float64(tLipgloss)/float64(tBao), "lipgloss/bao")
	b.ReportMetric(float64(tBao.Microseconds())/float64(b.N), "bao-µs/issue")
}

// TestGlamourAtWidth40 measures what the issue's "Why" describes: glamour
// v2 on the seed at width 40 against bao, counting lines wider than 40
// cells (in each ambiguous-width policy), lines starting with a
// line-start-prohibited character and lines ending with a line-end-
// prohibited one. bao must have none; glamour's counts are logged for
// BENCHMARKS.md.
func TestGlamourAtWidth40(t *testing.T) {
	if _, err := os.Stat(seedPath); err != nil {
		t.Skip("seed issue absent")
	}
	arts, md, _ := benchIssue(t)
	r, err := glamour.NewTermRenderer(glamour.WithWordWrap(40))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(md)
	if err != nil {
		t.Fatal(err)
	}
	g := countProblems(strings.Split(ansi.Strip(out), "\n"), 40)
	t.Logf("glamour v2 WithWordWrap(40): %d lines; wider than 40: %d narrow, %d wide; start with a closing mark: %d; end with an opening mark: %d",
		g.lines, g.wideNarrow, g.wideWide, g.badStart, g.badEnd)
	for _, amb := range []layout.Ambiguous{layout.Narrow, layout.Wide} {
		var sb strings.Builder
		p := layout.Printer{Options: layout.Options{Width: 40, Columns: 1, Ambiguous: amb}}
		if err := p.Write(&sb, arts); err != nil {
			t.Fatal(err)
		}
		c := countProblems(strings.Split(sb.String(), "\n"), 40)
		t.Logf("bao --width 40 --ambiguous %v: %d lines; wider than 40: %d narrow, %d wide; start with a closing mark: %d; end with an opening mark: %d",
			amb, c.lines, c.wideNarrow, c.wideWide, c.badStart, c.badEnd)
		over := c.wideNarrow
		if amb == layout.Wide {
			over = c.wideWide
		}
		if over+c.badStart+c.badEnd > 0 {
			t.Errorf("bao at width 40 (%v): %+v", amb, c)
		}
	}
}

type problems struct{ lines, wideNarrow, wideWide, badStart, badEnd int }

// The marks layout-check (and the issue) count: closing marks that must
// not start a line, opening marks that must not end one.
const (
	closing = "。．，、：；！？‼⁇”’」』）》〉】〗〕］｝～·・‧ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶーヽヾゝゞ々〻,.;:!?)]}"
	opening = "“‘「『（《〈【〖〔［｛([{"
)

func countProblems(lines []string, width int) problems {
	n, w := layout.NewWidths(layout.Narrow), layout.NewWidths(layout.Wide)
	var p problems
	for _, ln := range lines {
		p.lines++
		if n.String(ln) > width {
			p.wideNarrow++
		}
		if w.String(ln) > width {
			p.wideWide++
		}
		s := strings.Trim(ln, " \u3000")
		if s == "" {
			continue
		}
		rs := []rune(s)
		if strings.ContainsRune(closing, rs[0]) {
			p.badStart++
		}
		if strings.ContainsRune(opening, rs[len(rs)-1]) {
			p.badEnd++
		}
	}
	return p
}

var _ = io.Discard
