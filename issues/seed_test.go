package issues

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedPath is the real issue shared with the project (not in the repo).
const seedPath = "../../shared/seeds/000_84ee076a4ed4be77.txt"

// TestSeed checks the six articles of the real issue. The expected values
// are read from the seed itself at test time (the repo must not contain its
// text): each headline is a line of the file, in the file's order except
// the airport story, whose headline is printed after its body.
func TestSeed(t *testing.T) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed absent: %v", err)
	}
	is, err := Parse(data, seedPath, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(is.Articles) != 6 {
		t.Fatalf("got %d articles, want 6", len(is.Articles))
	}
	lines := strings.Split(string(data), "\n")
	// line numbers (1-based) of the six headlines in the file
	want := []int{3, 46, 66, 84, 110, 112}
	for i, a := range is.Articles {
		exp := strings.TrimSpace(lines[want[i]-1])
		if a.Headline != exp {
			t.Errorf("article %d headline = %q, want line %d %q", i+1, a.Headline, want[i], exp)
		}
		if a.Byline == "" {
			t.Errorf("article %d %q has no byline", i+1, prefix(a.Headline, 8))
		}
		if len(a.Blocks) == 0 || a.Blocks[0].Kind != KindText {
			t.Errorf("article %d has no lead", i+1)
		}
		for _, b := range a.Blocks {
			if b.Kind == KindText && !endsSentence(b.Text) {
				t.Errorf("article %d: paragraph not rejoined: …%q", i+1, suffix(b.Text, 8))
			}
			if i := strings.IndexRune(b.Text, ')'); i >= 0 && strings.Contains(b.Text[:i], "记者") {
				t.Errorf("article %d: byline left in text: %q", i+1, prefix(b.Text, 10))
			}
		}
	}
	// Article 1: standalone byline, bold two-line banner as kicker.
	if k := is.Articles[0].Kicker; len(strings.Fields(k)) != 4 || utf8.RuneCountInString(k) != 15 || strings.Contains(k, "*") {
		t.Errorf("kicker = %q, want the two banner lines joined", k)
	}
	// Article 2: the byline fused to the lead is split off, the lead starts after ")".
	a2 := is.Articles[1]
	if strings.Contains(a2.Byline, ")") || !strings.HasPrefix(a2.Blocks[0].Text, "自第二批") {
		t.Errorf("fused byline: byline %q, lead %q", a2.Byline, prefix(a2.Blocks[0].Text, 6))
	}
	// Article 3 ends with the caption and its credit.
	a3 := is.Articles[2].Blocks
	if n := len(a3); n < 2 || a3[n-2].Kind != KindCaption || a3[n-1].Kind != KindCredit ||
		!strings.HasPrefix(a3[n-2].Text, "图为") || !strings.HasSuffix(a3[n-1].Text, "摄") {
		t.Errorf("article 3 should end with caption and credit: %+v", a3[max(0, len(a3)-2):])
	}
	// Article 6 has four sub-sections.
	subs := 0
	for _, b := range is.Articles[5].Blocks {
		if b.Kind == KindSubhead {
			subs++
		}
	}
	if subs != 4 {
		t.Errorf("article 6 has %d subheads, want 4", subs)
	}
	// Every paragraph of the file that ends mid-sentence was joined to the next:
	// the count of text blocks equals the file's body lines minus the cut ones.
	for _, a := range is.Articles {
		if a.Page != 1 {
			t.Errorf("page = %d, want 1", a.Page)
		}
	}
}

func prefix(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func suffix(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}
