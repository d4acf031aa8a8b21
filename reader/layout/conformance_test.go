package layout

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// conformanceDir holds line-break cases built from material written outside
// the project (W3C web-platform-tests, csswg-test, Unicode LineBreakTest,
// jlreq and clreq classes), shared with it; the test skips when it is absent.
const conformanceDir = "../../../shared/conformance/linebreak"

// lbCase is one case: whether a line may break before rune Pos of Text.
type lbCase struct {
	ID, File, Cat, Text, Key string
	Pos                      int
	Want                     bool
}

// loadConformance reads every case of the suite. A case's expectation is
// the one for bao's chosen rules: strict line breaking (wpt "strict",
// clreq "strict" where the case has one, else "basic"), jlreq, UAX #14 as
// the csswg tests and LineBreakTest state it, and CSS word-break: normal.
func loadConformance(tb testing.TB) []lbCase {
	files, _ := filepath.Glob(filepath.Join(conformanceDir, "*.json"))
	if len(files) == 0 {
		tb.Skip("no conformance suite at " + conformanceDir)
	}
	var out []lbCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		var suite struct {
			Cases []struct {
				ID, Cat, Text string
				Pos           int
				Expect        map[string]bool
			}
			Lines []struct {
				N    int
				Text string
				Pos  [][]any
			}
		}
		if err := json.Unmarshal(data, &suite); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		name := filepath.Base(f)
		for _, c := range suite.Cases {
			key := ""
			for _, k := range []string{"strict", "clreq-strict", "clreq-basic", "jlreq", "uax14", "word-break:normal", "any"} {
				if _, ok := c.Expect[k]; ok {
					key = k
					break
				}
			}
			if key == "" {
				tb.Fatalf("%s: case %s: no expectation for bao's rules in %v", f, c.ID, c.Expect)
			}
			out = append(out, lbCase{ID: c.ID, File: name, Cat: c.Cat, Text: c.Text, Pos: c.Pos, Key: key, Want: c.Expect[key]})
		}
		for _, ln := range suite.Lines {
			for _, p := range ln.Pos {
				if len(p) < 4 {
					tb.Fatalf("%s: line %d: position %v", f, ln.N, p)
				}
				pos, _ := p[0].(float64)
				want, _ := p[1].(bool)
				cat, _ := p[3].(string)
				out = append(out, lbCase{ID: fmt.Sprintf("uax14-%d-%d", ln.N, int(pos)), File: name, Cat: cat,
					Text: ln.Text, Pos: int(pos), Key: fmt.Sprint(p[2]), Want: want})
			}
		}
	}
	return out
}

// baoBreaks reports whether bao may break a line before rune pos of text:
// the engine's own preparing pass, under width model w.
func baoBreaks(text string, pos int, w Widths) bool {
	e := &engine{w: w}
	e.prepare(text)
	if pos <= 0 || pos >= e.n {
		return false
	}
	return e.ri[pos].can
}

// TestConformance runs every case of the suite under both ambiguous-width
// policies and both ways of counting cells: each passes, or is one of the
// deliberate deviations (conformance_deviations_test.go).
func TestConformance(t *testing.T) {
	cases := loadConformance(t)
	seen := map[string]bool{}
	failed := map[string]bool{}
	var fails []string
	models := []Widths{NewWidths(Narrow), NewWidths(Wide), NewWidths(Narrow).WithGraphemes(true), NewWidths(Wide).WithGraphemes(true)}
	perFile := map[string][2]int{}
	for _, c := range cases {
		pf := perFile[c.File]
		pf[0]++
		for _, w := range models {
			got := baoBreaks(c.Text, c.Pos, w)
			if got == c.Want {
				continue
			}
			if failed[c.ID] {
				continue
			}
			failed[c.ID] = true
			if _, ok := deviations[c.ID]; ok {
				seen[c.ID] = true
				continue
			}
			rs := []rune(c.Text)
			pair := ""
			if c.Pos > 0 && c.Pos < len(rs) {
				pair = fmt.Sprintf("%U %U", rs[c.Pos-1], rs[c.Pos])
			}
			fails = append(fails, fmt.Sprintf("%s (%s, %s, %s): %q before %d [%s]: bao %v, want %v (%v, graphemes %v)", c.ID, c.File, c.Cat, c.Key, c.Text, c.Pos, pair, got, c.Want, w.Ambiguous(), w.Graphemes()))
		}
		if !failed[c.ID] {
			pf[1]++
		}
		perFile[c.File] = pf
	}
	names := make([]string, 0, len(perFile))
	for f := range perFile {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		t.Logf("%s: %d of %d pass", f, perFile[f][1], perFile[f][0])
	}
	sort.Strings(fails)
	for _, f := range fails {
		t.Error(f)
	}
	for id := range deviations {
		if !seen[id] {
			t.Errorf("deviation %s is listed but the case passes (or is gone): remove it", id)
		}
	}
	t.Logf("%d cases, %d pass, %d deliberate deviations, %d failures", len(cases), len(cases)-len(failed), len(seen), len(fails))
}
