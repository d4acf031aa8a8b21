package issues

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"
)

// TestQuickTests holds each lazyRegexp's quick test to its pattern: no text
// the pattern matches may fail it. The texts are random matches generated
// from the pattern itself (with random text around them for unanchored
// patterns) and every line, token and paragraph of the fixtures, the
// sample and the shared seed issue.
func TestQuickTests(t *testing.T) {
	corpus := quickCorpus(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, l := range allRegexps {
		if l.quick == nil {
			continue
		}
		re := regexp.MustCompile(l.src)
		check := func(s string) {
			if re.MatchString(s) && !l.quick(s) {
				t.Errorf("%s\nmatches %q, which fails its quick test", l.src, s)
			}
		}
		for _, s := range corpus {
			check(s)
		}
		tree, err := syntax.Parse(l.src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		matched := 0
		for range 3000 {
			var b strings.Builder
			if rng.IntN(2) == 0 {
				b.WriteString(randomFiller(rng))
			}
			generate(&b, tree, rng)
			if rng.IntN(2) == 0 {
				b.WriteString(randomFiller(rng))
			}
			s := b.String()
			if re.MatchString(s) {
				matched++
				check(s)
			}
		}
		if matched < 100 {
			t.Errorf("%s: only %d of 3000 generated texts match", l.src, matched)
		}
	}
}

// quickCorpus is the real text TestQuickTests tries: lines, trimmed lines,
// tokens and paragraphs.
func quickCorpus(t *testing.T) []string {
	texts := []string{string(SampleBytes())}
	for _, f := range fixtures {
		if text, _, err := Decode(fixtureBytes(t, f), ""); err == nil {
			texts = append(texts, text)
		}
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(data))
		}
	}
	var out []string
	for _, text := range texts {
		text = cleanText(text)
		out = append(out, strings.Split(text, "\n\n")...)
		for _, line := range strings.Split(text, "\n") {
			out = append(out, line, strings.TrimSpace(line))
			out = append(out, strings.Fields(line)...)
		}
	}
	return out
}

var fillers = []string{"", " ", "abc", "江城", "。", "2024", "x1", "版", "（", "）", "\n"}

func randomFiller(rng *rand.Rand) string { return fillers[rng.IntN(len(fillers))] }

// generate writes a random text that the syntax tree re matches, give or
// take the anchors and word boundaries it cannot arrange (the caller checks
// the result against the compiled pattern).
func generate(b *strings.Builder, re *syntax.Regexp, rng *rand.Rand) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && rng.IntN(2) == 0 {
				r = unicode.SimpleFold(r)
			}
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return
		}
		// favour the small ranges: a class such as [^()（）] is mostly huge
		// ranges, but the interesting runes sit in the small ones
		i := rng.IntN(len(re.Rune)/2) * 2
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi-lo > 0x100 {
			hi = lo + 0x100
		}
		b.WriteRune(lo + rng.Int32N(hi-lo+1))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		b.WriteString([]string{"a", "中", "1", " ", "。"}[rng.IntN(5)])
	case syntax.OpCapture:
		generate(b, re.Sub[0], rng)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			generate(b, sub, rng)
		}
	case syntax.OpAlternate:
		generate(b, re.Sub[rng.IntN(len(re.Sub))], rng)
	case syntax.OpQuest:
		if rng.IntN(2) == 0 {
			generate(b, re.Sub[0], rng)
		}
	case syntax.OpStar, syntax.OpPlus:
		n := rng.IntN(4)
		if re.Op == syntax.OpPlus {
			n++
		}
		for range n {
			generate(b, re.Sub[0], rng)
		}
	case syntax.OpRepeat:
		hi := re.Max
		if hi < 0 {
			hi = re.Min + 3
		}
		for range re.Min + rng.IntN(hi-re.Min+1) {
			generate(b, re.Sub[0], rng)
		}
	}
}
