package issues

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// realDir holds real newspaper inputs with their expected articles
// (truth.json); shared with the project, not in the repo.
const realDir = "../../shared/real/text"

// realFloor is the ratchet: the share (in per cent) of each measure the
// parser has reached on the real inputs. A change that falls below one
// fails TestRealInputs; raise a figure when the parser gets better.
var realFloor = map[string]float64{
	"headlines": 95,
	"bylines":   90,
	"leads":     93,
	"rejoined":  100,
	"breaks":    100,
	"furniture": 100,
	"titles":    33,
}

// realCharsRequired: every character of the input must be placed.
const realCharsRequired = true

// realTruth is truth.json: per input file, the articles read from the
// page images or the crawler's structured source (never from bao).
type realTruth struct {
	Files map[string]realFile `json:"files"`
}

type realFile struct {
	SameAs   string        `json:"same_as"`
	Title    string        `json:"title"`
	Articles []realArticle `json:"articles"`
	Rejoin   []string      `json:"rejoin"`
	Furn     []string      `json:"furniture"`
	Breaks   [][2]string   `json:"breaks"`
}

type realArticle struct {
	Headline string   `json:"headline"`
	Byline   []string `json:"byline"`
	Lead     []string `json:"lead"`
}

// realNorm is truth's comparison form: NFKC with all whitespace removed.
func realNorm(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
}

// ratio counts the hits of one measure.
type ratio struct{ hit, n int }

func (r *ratio) add(ok bool) {
	r.n++
	if ok {
		r.hit++
	}
}

func (r ratio) pct() float64 {
	if r.n == 0 {
		return 100
	}
	return 100 * float64(r.hit) / float64(r.n)
}

func (r ratio) String() string {
	if r.n == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", r.hit, r.n)
}

// chars is the input's characters found in the output; twice is the
// output's characters beyond the input's (placed twice or made up).
var realMeasures = []string{"headlines", "bylines", "leads", "rejoined", "breaks", "furniture", "titles", "chars", "twice"}

// scoreReal scores one parsed issue against its truth. The decoded input
// text is given for the characters kept.
func scoreReal(is *Issue, tr realFile, text string) (map[string]*ratio, []string) {
	var misses []string
	miss := func(ok bool, format string, args ...any) bool {
		if !ok {
			misses = append(misses, fmt.Sprintf(format, args...))
		}
		return ok
	}
	m := map[string]*ratio{}
	for _, k := range realMeasures {
		m[k] = &ratio{}
	}
	type normArt struct {
		head, by string
		blocks   []string
		lead     string // the first text block
	}
	arts := make([]normArt, len(is.Articles))
	var allBlocks []string
	for i, a := range is.Articles {
		na := normArt{head: realNorm(a.Headline), by: realNorm(a.Byline)}
		for _, b := range a.Blocks {
			t := realNorm(b.Text)
			na.blocks = append(na.blocks, t)
			if b.Kind == KindText && na.lead == "" {
				na.lead = t
			}
		}
		allBlocks = append(allBlocks, na.blocks...)
		arts[i] = na
	}
	for _, ta := range tr.Articles {
		h := realNorm(ta.Headline)
		found := -1
		for i, a := range arts {
			// "starts with, little extra allowed": a tag or a wrapped
			// word, not a swallowed paragraph
			if strings.HasPrefix(a.head, h) && utf8.RuneCountInString(a.head)-utf8.RuneCountInString(h) <= max(6, utf8.RuneCountInString(h)/2) {
				found = i
				break
			}
		}
		m["headlines"].add(miss(found >= 0, "headline %q", ta.Headline))
		if found < 0 {
			// the story may stand under a wrong headline: find it by its lead
			for i, a := range arts {
				for _, l := range ta.Lead {
					if l := realNorm(l); l != "" && strings.HasPrefix(a.lead, l) {
						found = i
					}
				}
				if found >= 0 {
					break
				}
			}
		}
		if len(ta.Byline) > 0 {
			ok := found >= 0
			for _, name := range ta.Byline {
				ok = ok && strings.Contains(arts[found].by, realNorm(name))
			}
			m["bylines"].add(miss(ok, "byline %q of %q", ta.Byline, ta.Headline))
		}
		if len(ta.Lead) > 0 {
			ok := false
			for _, l := range ta.Lead {
				ok = ok || found >= 0 && strings.HasPrefix(arts[found].lead, realNorm(l))
			}
			m["leads"].add(miss(ok, "lead of %q", ta.Headline))
		}
	}
	blockOf := func(frag string) int {
		for i, b := range allBlocks {
			if strings.Contains(b, frag) {
				return i
			}
		}
		return -1
	}
	for _, f := range tr.Rejoin {
		m["rejoined"].add(miss(blockOf(realNorm(f)) >= 0, "not rejoined %q", f))
	}
	for _, br := range tr.Breaks {
		a, b := blockOf(realNorm(br[0])), blockOf(realNorm(br[1]))
		m["breaks"].add(miss(a >= 0 && b >= 0 && a != b, "break %q / %q", br[0], br[1]))
	}
	for _, f := range tr.Furn {
		f = realNorm(f)
		in := false
		for _, a := range arts {
			in = in || strings.Contains(a.head, f)
		}
		in = in || blockOf(f) >= 0
		m["furniture"].add(miss(!in, "furniture %q in the text", f))
	}
	if tr.Title != "" {
		m["titles"].add(miss(realNorm(is.Title) == realNorm(tr.Title), "title %q, want %q", is.Title, tr.Title))
	}
	kept, total, extra := charsKept(text, is)
	*m["chars"] = ratio{kept, total}
	*m["twice"] = ratio{extra, total}
	return m, misses
}

// outputTexts lists every place of a parsed issue that holds text of the
// input, once each: the article fields and blocks, the furniture and the
// unassigned text. (The title and the sections name what these hold.)
func outputTexts(is *Issue) []string {
	var out []string
	for _, a := range is.Articles {
		out = append(out, a.Kicker, a.Headline, a.Subheadline, a.Byline)
		for _, b := range a.Blocks {
			out = append(out, b.Text)
		}
	}
	for _, f := range is.Furniture {
		out = append(out, f.Lines...)
	}
	return append(out, is.Unassigned...)
}

// charsKept compares the characters of the decoded input with those of
// the output as multisets (NFKC, whitespace removed, as truth compares):
// kept is how many of the input's total are found in the output, extra
// how many of the output's are not in the input (text placed twice).
// A hyphen that ends a line before a lowercase letter is a break the
// layout made: joining the word drops it, as it drops the line break.
func charsKept(text string, is *Issue) (kept, total, extra int) {
	in, out := charCounts(text, is)
	for r, n := range in {
		total += n
		kept += min(n, out[r])
	}
	for r, n := range out {
		extra += max(0, n-in[r])
	}
	return kept, total, extra
}

// charsDiff lists the characters charsKept finds lost and made up.
func charsDiff(text string, is *Issue) (lost, made string) {
	in, out := charCounts(text, is)
	var l, m []rune
	for r, n := range in {
		for range max(0, n-out[r]) {
			l = append(l, r)
		}
	}
	for r, n := range out {
		for range max(0, n-in[r]) {
			m = append(m, r)
		}
	}
	slices.Sort(l)
	slices.Sort(m)
	return string(l), string(m)
}

func runeCounts(m map[rune]int, s string) map[rune]int {
	for _, r := range s {
		m[r]++
	}
	return m
}

// charCounts counts the characters of the input and of the output. The
// hyphens that may end a line before a lowercase letter are the one
// allowance: joinLines drops such a hyphen when it joins the word (as it
// drops the line break), so up to that many hyphens may be missing.
func charCounts(text string, is *Issue) (in, out map[rune]int) {
	in = runeCounts(map[rune]int{}, realNorm(text))
	out = map[rune]int{}
	for _, s := range outputTexts(is) {
		runeCounts(out, realNorm(s))
	}
	if soft := softHyphens(text); soft > 0 && out['-'] < in['-'] && out['-'] >= in['-']-soft {
		in['-'] = out['-']
	}
	return in, out
}

// softHyphens counts the hyphens joinLines may drop: "-" at the end of a
// line, after a letter (the word goes on in the next piece of text that
// opens with a lowercase letter, a line, a column or a page later).
func softHyphens(text string) int {
	n := 0
	for _, l := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\f' }) {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if len(l) >= 2 && l[len(l)-1] == '-' && unicode.IsLetter(lastRuneBefore(l)) {
			n++
		}
	}
	return n
}

// decodedInput is the text the parser reads, as Parse decodes and cleans it.
func decodedInput(t testing.TB, data []byte) string {
	t.Helper()
	text, _, err := Decode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	return cleanText(text)
}

// TestRealInputs scores the parser on the real inputs of ../shared/real/text
// against their truth and prints, per file and in total, the measures of
// issue #13 (go test -run RealInputs -v ./issues). It fails when a
// character of an input is lost or placed twice, or when a measure falls
// below its floor in realFloor.
func TestRealInputs(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(realDir, "truth.json"))
	if err != nil {
		t.Skipf("real inputs absent: %v", err)
	}
	var truth realTruth
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	names := make([]string, 0, len(truth.Files))
	for name := range truth.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	total := map[string]*ratio{}
	for _, k := range realMeasures {
		total[k] = &ratio{}
	}
	var tab strings.Builder
	fmt.Fprintf(&tab, "%-38s", "file")
	for _, k := range realMeasures {
		fmt.Fprintf(&tab, " %11s", k)
	}
	tab.WriteString("\n")
	for _, name := range names {
		tr := truth.Files[name]
		if tr.SameAs != "" {
			tr = truth.Files[tr.SameAs]
		}
		path := filepath.Join(realDir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		is, err := Parse(data, path, LoadOptions{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		text := decodedInput(t, data)
		m, misses := scoreReal(is, tr, text)
		if testing.Verbose() {
			for _, s := range misses {
				t.Logf("%s: %s", name, s)
			}
		}
		if kept, n, extra := charsKept(text, is); realCharsRequired && (kept != n || extra != 0) {
			lost, made := charsDiff(text, is)
			t.Errorf("%s: %d of %d characters kept, %d placed twice or made up (lost %q, made %q)", name, kept, n, extra, lost, made)
		}
		fmt.Fprintf(&tab, "%-38s", name)
		for _, k := range realMeasures {
			fmt.Fprintf(&tab, " %11s", m[k])
			total[k].hit += m[k].hit
			total[k].n += m[k].n
		}
		tab.WriteString("\n")
	}
	fmt.Fprintf(&tab, "%-38s", "total")
	for _, k := range realMeasures {
		fmt.Fprintf(&tab, " %11s", total[k])
	}
	fmt.Fprintf(&tab, "\n%-38s", "total %")
	for _, k := range realMeasures {
		if k == "chars" || k == "twice" {
			fmt.Fprintf(&tab, " %10.2f%%", total[k].pct())
		} else {
			fmt.Fprintf(&tab, " %10.0f%%", total[k].pct())
		}
	}
	t.Logf("real inputs against truth.json:\n%s", tab.String())
	for k, floor := range realFloor {
		if got := total[k].pct(); got+1e-9 < floor {
			t.Errorf("%s: %.1f%% (%s), below the %.1f%% reached before", k, got, total[k], floor)
		}
	}
}
