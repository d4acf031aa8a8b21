package bookmarks

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"bao/issues"
)

// seedPath is the real issue shared by the project (not in the repo).
const seedPath = "../../../shared/seeds/000_84ee076a4ed4be77.txt"

func loadSeed(tb testing.TB) *issues.Issue {
	tb.Helper()
	if _, err := os.Stat(seedPath); err != nil {
		tb.Skip("seed issue absent")
	}
	is, err := issues.LoadFile(seedPath, issues.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if len(is.Articles) == 0 {
		tb.Fatal("the parser found no articles in the seed issue")
	}
	return is
}

// On the real issue: every anchor taken at a random place comes back
// exactly; after a paragraph is put in front of every article and one
// character is corrected in every paragraph after the anchor's own quote,
// it comes back at the shifted place.
func TestReanchorSeed(t *testing.T) {
	is := loadSeed(t)
	r := rand.New(rand.NewPCG(7, 8))
	type mark struct {
		a    Anchor
		want issues.Position
	}
	var marks []mark
	for ai, art := range is.Articles {
		for bi := -1; bi < len(art.Blocks); bi++ {
			text, _ := blockText(is, ai, bi)
			n := utf8.RuneCountInString(text)
			if n < minPiece {
				continue
			}
			p := pos(ai, bi, r.IntN(n-minPiece+1))
			a := AnchorAt(is, p)
			if got, m := Reanchor(is, a); got != p || m != Exact {
				t.Fatalf("unchanged: %+v → %+v %v", p, got, m)
			}
			// Only quotes that occur once in their article can be expected
			// back at one place.
			if strings.Count(articleText(&art), a.Quote) != 1 || bi == issues.BlockHeadline {
				continue
			}
			marks = append(marks, mark{a, pos(ai, bi+1, p.Offset)})
		}
	}
	edited := cloneIssue(is)
	for i := range edited.Articles {
		art := &edited.Articles[i]
		art.Blocks = slices.Insert(art.Blocks, 0, issues.Block{Kind: issues.KindText, Text: "（本文有更正）"})
	}
	for _, mk := range marks {
		got, m := Reanchor(edited, mk.a)
		if got != mk.want || m != Nearby {
			t.Errorf("after a paragraph inserted: %+v %q → %+v %v, want %+v", mk.a.Position, mk.a.Quote, got, m, mk.want)
		}
	}
	t.Logf("%d articles, %d anchors checked after the edit", len(is.Articles), len(marks))
	if len(marks) < 10 {
		t.Errorf("only %d marks tested", len(marks))
	}
}

func articleText(art *issues.Article) string {
	texts, _, _ := articleBlocks(art)
	return strings.Join(texts, "\n")
}

func FuzzReanchor(f *testing.F) {
	f.Add("三号线全长二十四", 0, 1, 3, "据介绍，三号线全长二十四公里")
	f.Add("", 9, -3, -1, "")
	f.Add("\xff\xfe", 1, -1, 2, "a\xffb")
	f.Fuzz(func(t *testing.T, quote string, article, block, offset int, edit string) {
		is := fixtureIssue()
		is.Articles[0].Blocks[1].Text = edit + is.Articles[0].Blocks[1].Text
		p, m := Reanchor(is, Anchor{pos(article, block, offset), quote})
		if m == Exact {
			return // the stored position, unchecked
		}
		text, ok := blockText(is, p.Article, p.Block)
		if !ok || byteOffset(text, p.Offset) < 0 {
			t.Fatalf("Reanchor gave %+v (%v), outside the issue", p, m)
		}
	})
}
