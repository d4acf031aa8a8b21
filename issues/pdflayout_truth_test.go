package issues

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"bao/issues/pdf"
)

// The truth test: the real e-paper pages of ../../shared/real/pdf read by
// the engine and pdfIssue, scored against truth.json (read from the page
// images by a person), beside the anchor: pdftotext of the same page through
// the text parser. Strings are compared after NFKC with all white space
// removed (the README's rule).

const realPDFDir = "../../shared/real"

type truthPage struct {
	Articles []struct {
		Headline        *string  `json:"headline"`
		Byline          []string `json:"byline"`
		Lead            string   `json:"lead"`
		LeadAfterByline string   `json:"lead_after_byline"`
		End             string   `json:"end"`
		CaptionTexts    []string `json:"caption_texts"`
	} `json:"articles"`
	Furniture []string `json:"furniture"`
}

func loadTruth(t testing.TB) map[string]truthPage {
	data, err := os.ReadFile(filepath.Join(realPDFDir, "truth.json"))
	if err != nil {
		t.Skipf("no real pages: %v", err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	out := map[string]truthPage{}
	for name, raw := range all {
		if !strings.HasSuffix(name, ".pdf") {
			continue
		}
		var tp truthPage
		if err := json.Unmarshal(raw, &tp); err != nil {
			t.Fatalf("truth.json: %s: %v", name, err)
		}
		out[name] = tp
	}
	return out
}

// score counts what an issue got right of one page's truth.
type score struct {
	heads, bylines, leads, ends, captions, furniture [2]int // right, of
	lost, twice, glyphs                              int
	misses                                           []string // what was wrong, for -v
}

func (s *score) add(o score) {
	for i, p := range []*[2]int{&s.heads, &s.bylines, &s.leads, &s.ends, &s.captions, &s.furniture} {
		q := []*[2]int{&o.heads, &o.bylines, &o.leads, &o.ends, &o.captions, &o.furniture}[i]
		p[0] += q[0]
		p[1] += q[1]
	}
	s.lost += o.lost
	s.twice += o.twice
	s.glyphs += o.glyphs
}

func articleText(a Article) string {
	var b strings.Builder
	b.WriteString(a.Kicker + a.Headline + a.Subheadline + a.Byline)
	for _, bl := range a.Blocks {
		b.WriteString(bl.Text)
	}
	return b.String()
}

func firstLastText(a Article) (first, last string) {
	for _, bl := range a.Blocks {
		if bl.Kind == KindText {
			if first == "" {
				first = bl.Text
			}
			last = bl.Text
		}
	}
	return first, last
}

// scoreIssue scores is against tp; in is the multiset of the page's
// characters (white space aside) that the output must hold exactly.
func scoreIssue(is *Issue, tp truthPage, in map[rune]int) score {
	var s score
	byHead := map[string]Article{}
	for _, a := range is.Articles {
		byHead[realNorm(a.Headline)] = a
	}
	var furn strings.Builder
	for _, f := range is.Furniture {
		for _, l := range f.Lines {
			furn.WriteString(realNorm(l))
		}
	}
	for _, ta := range tp.Articles {
		if ta.Headline == nil {
			continue
		}
		a, ok := byHead[realNorm(*ta.Headline)]
		s.heads[1]++
		s.leads[1]++
		s.ends[1]++
		if len(ta.Byline) > 0 {
			s.bylines[1]++
		}
		if len(ta.CaptionTexts) > 0 {
			s.captions[1]++
		}
		if !ok {
			s.misses = append(s.misses, "headline "+*ta.Headline)
			continue
		}
		s.heads[0]++
		by := realNorm(a.Byline)
		if len(ta.Byline) > 0 {
			all := true
			for _, n := range ta.Byline {
				all = all && strings.Contains(by, realNorm(n))
			}
			if all {
				s.bylines[0]++
			} else {
				s.misses = append(s.misses, fmt.Sprintf("byline %q: got %q", ta.Byline, a.Byline))
			}
		}
		first, last := firstLastText(a)
		first, last = realNorm(first), realNorm(last)
		lead := realNorm(ta.Lead)
		if strings.HasPrefix(first, lead) || ta.LeadAfterByline != "" && strings.HasPrefix(first, realNorm(ta.LeadAfterByline)) ||
			strings.HasPrefix(by+first, lead) {
			s.leads[0]++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("lead %q: got %.40q", ta.Lead, first))
		}
		if strings.HasSuffix(last, realNorm(ta.End)) {
			s.ends[0]++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("end %q: got …%q", ta.End, tail(last, 20)))
		}
		if len(ta.CaptionTexts) > 0 {
			var caps strings.Builder
			for _, bl := range a.Blocks {
				if bl.Kind == KindCaption || bl.Kind == KindCredit {
					caps.WriteString(realNorm(bl.Text))
				}
			}
			all := true
			for _, c := range ta.CaptionTexts {
				all = all && strings.Contains(caps.String(), realNorm(c))
			}
			if all {
				s.captions[0]++
			}
		}
	}
	for _, f := range tp.Furniture {
		s.furniture[1]++
		// In the furniture; that it is not also in an article is what the
		// "doubled" column holds (a page may print the same words in a
		// story too: "Chennai" as a letter writer's place).
		if strings.Contains(furn.String(), realNorm(f)) {
			s.furniture[0]++
		} else {
			s.misses = append(s.misses, "furniture "+f)
		}
	}
	out := map[rune]int{}
	count := func(t string) {
		for _, r := range realNorm(t) {
			out[r]++
		}
	}
	for _, a := range is.Articles {
		count(articleText(a))
	}
	for _, f := range is.Furniture {
		for _, l := range f.Lines {
			count(l)
		}
	}
	for _, u := range is.Unassigned {
		count(u)
	}
	for r, n := range in {
		s.glyphs += n
		if d := n - out[r]; d > 0 {
			s.lost += d
		}
	}
	for r, n := range out {
		if d := n - in[r]; d > 0 {
			s.twice += d
		}
	}
	return s
}

// pageChars is the multiset of what the pages draw, white space (and NUL,
// which draws nothing) and the line-end hyphens the engine marked aside
// (rejoining a word drops them).
func pageChars(pages []pdf.Page) map[rune]int {
	m := map[rune]int{}
	var b strings.Builder
	for _, p := range pages {
		for _, g := range p.Glyphs {
			if !g.Hyphen && !isSpaceGlyph(g) {
				b.WriteRune(g.Char)
			}
		}
	}
	for _, r := range realNorm(b.String()) {
		m[r]++
	}
	return m
}

func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

func textChars(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range realNorm(s) {
		m[r]++
	}
	return m
}

func pct(p [2]int) string {
	if p[1] == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", p[0], p[1])
}

func realPages(t testing.TB, name string) []pdf.Page {
	data, err := os.ReadFile(filepath.Join(realPDFDir, "pdf", name))
	if err != nil {
		t.Skipf("%s: %v", name, err)
	}
	pages, warn, err := defaultPDFEngine().ReadAll(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, w := range warn {
		t.Logf("%s: %v", name, w)
	}
	return pages
}

func TestPDFLayoutTruth(t *testing.T) {
	truth := loadTruth(t)
	names := make([]string, 0, len(truth))
	for n := range truth {
		names = append(names, n)
	}
	sort.Strings(names)
	pdftotext, _ := exec.LookPath("pdftotext")
	var total, anchorTotal score
	var rows []string
	row := func(name string, s score) string {
		return fmt.Sprintf("%-34s %9s %9s %9s %9s %9s %9s %12s %8s", name, pct(s.heads), pct(s.bylines), pct(s.leads), pct(s.ends),
			pct(s.captions), pct(s.furniture), fmt.Sprintf("%d/%d", s.glyphs-s.lost, s.glyphs), fmt.Sprint(s.twice))
	}
	for _, name := range names {
		pages := realPages(t, name)
		is := pdfIssue(pages)
		s := scoreIssue(is, truth[name], pageChars(pages))
		total.add(s)
		rows = append(rows, row(name, s))
		for _, m := range s.misses {
			t.Logf("%s: %s", name, m)
		}
		if s.lost > 0 || s.twice > 0 {
			t.Errorf("%s: %d characters lost, %d doubled", name, s.lost, s.twice)
		}
		if pdftotext == "" {
			continue
		}
		txt, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(realPDFDir, "pdf", name), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		ais, err := Parse(txt, strings.TrimSuffix(name, ".pdf")+".txt", LoadOptions{})
		if err != nil {
			t.Fatalf("%s through the text parser: %v", name, err)
		}
		as := scoreIssue(ais, truth[name], textChars(string(txt)))
		anchorTotal.add(as)
		rows = append(rows, row("  anchor: pdftotext+Parse", as))
	}
	head := fmt.Sprintf("%-34s %9s %9s %9s %9s %9s %9s %12s %8s", "page", "headlines", "bylines", "leads", "ends", "captions", "furniture", "chars kept", "doubled")
	t.Log("\n" + head + "\n" + strings.Join(rows, "\n") + "\n" + row("total", total) + "\n" + row("  anchor total", anchorTotal) +
		"\n" + fmt.Sprintf("%-34s %9s %9s %9s %9s %9s %9s", "total %", rate(total.heads), rate(total.bylines), rate(total.leads), rate(total.ends), rate(total.captions), rate(total.furniture)) +
		"\n" + fmt.Sprintf("%-34s %9s %9s %9s %9s %9s %9s", "  anchor total %", rate(anchorTotal.heads), rate(anchorTotal.bylines), rate(anchorTotal.leads), rate(anchorTotal.ends), rate(anchorTotal.captions), rate(anchorTotal.furniture)))
}

func rate(p [2]int) string {
	if p[1] == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(p[0])/float64(p[1]))
}

// BenchmarkPDFIssue times the layout alone (pdfIssue) on a real page whose
// glyphs the engine has read once; the anchor beside it is the text parser
// (Parse) on pdftotext's text of the same page, read once too.
func BenchmarkPDFIssue(b *testing.B) {
	for _, name := range []string{"zh-hans-cnooc-20241016-p1.pdf", "en-thehindu-20260814-p8.pdf"} {
		short := strings.TrimSuffix(name, ".pdf")
		b.Run(short+"/layout", func(b *testing.B) {
			pages := realPages(b, name)
			b.ResetTimer()
			for b.Loop() {
				pdfIssue(pages)
			}
		})
		b.Run(short+"/anchor-parse-pdftotext", func(b *testing.B) {
			bin, err := exec.LookPath("pdftotext")
			if err != nil {
				b.Skip("no pdftotext")
			}
			txt, err := exec.Command(bin, "-enc", "UTF-8", filepath.Join(realPDFDir, "pdf", name), "-").Output()
			if err != nil {
				b.Skipf("pdftotext %s: %v", name, err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := Parse(txt, short+".txt", LoadOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
