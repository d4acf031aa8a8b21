package layout

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"

	"bao/issues"
)

// A line breaker seen from outside: wrap text into lines of at most width
// cells. Each is probed the same way (breaksAt), so bao is measured as the
// others are, through its public API.
type wrapper struct {
	name string
	wrap func(text string, width int) []string
}

func conformanceWrappers(t *testing.T) []wrapper {
	glamours := map[int]*glamour.TermRenderer{}
	return []wrapper{
		{"bao", func(text string, width int) []string {
			a := &issues.Article{Blocks: []issues.Block{{Kind: issues.KindText, Text: text}}}
			l := Article(a, Options{Width: width, Columns: 1, Ragged: true, NoIndent: true})
			out := make([]string, len(l.Body))
			for i, ln := range l.Body {
				out[i] = ln.Text
			}
			return out
		}},
		{"glamour v2", func(text string, width int) []string {
			r := glamours[width]
			if r == nil {
				// The notty style sets a margin of two cells on either side.
				var err error
				if r, err = glamour.NewTermRenderer(glamour.WithStandardStyle("notty"), glamour.WithWordWrap(width+4)); err != nil {
					t.Fatal(err)
				}
				glamours[width] = r
			}
			// Markdown: every ASCII punctuation mark escaped, so that it
			// stands for itself.
			var md strings.Builder
			for _, r := range text {
				if r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
					md.WriteByte('\\')
				}
				md.WriteRune(r)
			}
			out, err := r.Render(md.String())
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, ln := range strings.Split(ansi.Strip(out), "\n") {
				if ln = strings.TrimPrefix(ln, "  "); strings.TrimSpace(ln) != "" {
					lines = append(lines, ln)
				}
			}
			return lines
		}},
		{"lipgloss v2", func(text string, width int) []string {
			return strings.Split(lipgloss.NewStyle().Width(width).Render(text), "\n")
		}},
		{"go-runewidth Wrap", func(text string, width int) []string {
			return strings.Split((&runewidth.Condition{StrictEmojiNeutral: true}).Wrap(text, width), "\n")
		}},
	}
}

// breaksAt reports whether w breaks text before rune pos when a line has
// exactly the room for the text before pos: the first line is that text.
// The text is set after a word and a space, so that a wrapper that may not
// break at pos has an earlier place to break (rather than being forced to
// cut at the line's end), and before a space and two words, so that
// nothing about the paragraph's end (bao's no-widow rule) comes into it.
func breaksAt(w wrapper, text string, pos int) (bool, bool) {
	rs := []rune(text)
	if strings.TrimSpace(string(rs[:pos])) == "" {
		return false, false
	}
	before := "x " + strings.TrimRight(string(rs[:pos]), " ")
	width := NewWidths(Narrow).String(before)
	lines := w.wrap("x "+text+" tail tail", width)
	if len(lines) == 0 {
		return false, true
	}
	return strings.TrimRight(lines[0], " ") == before, true
}

// TestConformanceVsRenderers scores bao, glamour v2, lipgloss v2 and
// go-runewidth's Wrap on the conformance suite, each probed through its
// wrapping API (breaksAt), and logs the table BENCHMARKS.md quotes:
//
//	go test ./reader/layout -run TestConformanceVsRenderers -v
func TestConformanceVsRenderers(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	cases := loadConformance(t)
	ws := conformanceWrappers(t)
	type score struct{ cases, pass, dev, forced int }
	scores := map[string]map[string]*score{} // file → wrapper → score
	files := map[string]bool{}
	for _, c := range cases {
		files[c.File] = true
		for _, w := range ws {
			if scores[c.File] == nil {
				scores[c.File] = map[string]*score{}
			}
			s := scores[c.File][w.name]
			if s == nil {
				s = &score{}
				scores[c.File][w.name] = s
			}
			got, ok := breaksAt(w, c.Text, c.Pos)
			if !ok {
				continue // no room to probe (a break before the first character)
			}
			s.cases++
			switch _, dev := deviations[c.ID]; {
			case got == c.Want:
				s.pass++
			case dev:
				s.dev++
			case w.name == "bao" && forcedProbe(c.Text, c.Pos):
				s.forced++
			}
		}
	}
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("| cases | ")
	for _, w := range ws {
		b.WriteString(w.name + " | ")
	}
	b.WriteString("\n")
	total := map[string]*score{}
	for _, f := range names {
		fmt.Fprintf(&b, "| %s (%d) | ", f, scores[f]["bao"].cases)
		for _, w := range ws {
			s := scores[f][w.name]
			fmt.Fprintf(&b, "%d (%.0f %%) | ", s.pass, 100*float64(s.pass)/float64(max(s.cases, 1)))
			if total[w.name] == nil {
				total[w.name] = &score{}
			}
			total[w.name].cases += s.cases
			total[w.name].pass += s.pass
			total[w.name].dev += s.dev
			total[w.name].forced += s.forced
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "| all (%d) | ", total["bao"].cases)
	for _, w := range ws {
		s := total[w.name]
		fmt.Fprintf(&b, "**%d (%.1f %%)** | ", s.pass, 100*float64(s.pass)/float64(max(s.cases, 1)))
	}
	// The bare probe: the case's text alone, in a column exactly as wide as
	// the text before the position — what a reader sees in a narrow
	// column, forced cuts counted as breaks.
	fmt.Fprintf(&b, "\n| all, bare probe (%d) | ", total["bao"].cases)
	for _, w := range ws {
		pass, n := 0, 0
		for _, c := range cases {
			rs := []rune(c.Text)
			before := strings.TrimRight(string(rs[:c.Pos]), " ")
			width := NewWidths(Narrow).String(before)
			if width < 1 || strings.TrimSpace(before) == "" {
				continue
			}
			n++
			lines := w.wrap(c.Text, width)
			if got := len(lines) > 0 && strings.TrimRight(lines[0], " ") == before; got == c.Want {
				pass++
			}
		}
		fmt.Fprintf(&b, "%d of %d (%.1f %%) | ", pass, n, 100*float64(pass)/float64(max(n, 1)))
	}
	s := total["bao"]
	fmt.Fprintf(&b, "\n(bao's %d misses: %d listed deviations, %d where the probe forces a cut: no break opportunity before the position at all)", s.cases-s.pass, s.dev, s.forced)
	t.Log("\n" + b.String())
	if n := s.cases - s.pass - s.dev - s.forced; n > 0 {
		t.Errorf("bao misses %d cases through its wrapping API that are neither a listed deviation nor a forced cut", n)
	}
}

// forcedProbe reports whether bao has no break opportunity in breaksAt's
// probe text up to the case's position (the probe's first character may
// not start a line: } ! 、 ぁ), so any wrapper must cut the line at its edge.
func forcedProbe(text string, pos int) bool {
	probe := "x " + text + " tail tail"
	for k := 1; k <= pos+2; k++ {
		if baoBreaks(probe, k, NewWidths(Narrow)) {
			return false
		}
	}
	return true
}
