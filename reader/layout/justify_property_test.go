package layout

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"bao/issues"
)

// justifyCorpus is the articles the justification property runs on: the
// fixtures, an emoji-heavy paragraph, random paragraphs, and the shared
// seed and real texts when they are there.
func justifyCorpus(t *testing.T) []issues.Article {
	var arts []issues.Article
	files, _ := filepath.Glob("testdata/*.md")
	files = append(files, seedPathInternal)
	real, _ := filepath.Glob("../../../shared/real/text/*.txt")
	files = append(files, real...)
	for _, f := range files {
		is, err := issues.LoadFile(f, issues.LoadOptions{})
		if err != nil {
			continue // the shared files are optional
		}
		arts = append(arts, is.Articles...)
	}
	arts = append(arts, issues.Article{Headline: "表情", Blocks: []issues.Block{{Kind: issues.KindText, Text: emojiText + emojiText}}})
	r := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		arts = append(arts, *randomArticle(r))
	}
	return arts
}

// TestJustificationProperty: in justified output at every width from 8 to
// 160, under both ambiguous-width policies (and per code point and per
// cluster), no space is inserted between two CJK characters (anything two
// cells wide under the narrow policy: Han, kana, Hangul, full-width
// punctuation, emoji), inside a number or Western token, or inside a
// grapheme cluster; and the text reads back unchanged (checkLayout).
func TestJustificationProperty(t *testing.T) {
	arts := justifyCorpus(t)
	step := 1
	if testing.Short() {
		step = 9
	}
	var lines, justified, inserted int
	for _, g := range []bool{false, true} {
		for _, amb := range []Ambiguous{Narrow, Wide} {
			for width := 8; width <= 160; width += step {
				if g && width%4 != 0 {
					continue // per cluster: a quarter of the widths suffices
				}
				opt := Options{Width: width, Columns: 1, Ambiguous: amb, Graphemes: g}
				for ai := range arts {
					a := &arts[ai]
					l := Article(a, opt)
					for i := range l.Body {
						ln := &l.Body[i]
						if ln.Kind != LineText {
							continue
						}
						lines++
						n, err := checkInsertedSpaces(ln, a.Blocks[ln.Block].Text)
						if err != nil {
							t.Fatalf("width %d, %v, graphemes %v, article %d: %v", width, amb, g, ai, err)
						}
						if n > 0 {
							justified++
							inserted += n
						}
					}
					if width%20 == 0 && !g {
						if err := checkLayout(a, opt); err != nil {
							t.Fatalf("width %d, %v, article %d: %v", width, amb, ai, err)
						}
					}
				}
			}
		}
	}
	t.Logf("%d articles, %d text lines, %d of them justified with %d inserted spaces", len(arts), lines, justified, inserted)
}

// checkInsertedSpaces checks each run of spaces justification inserted
// into ln (the source rune on either side of it, in the block text src)
// and returns how many it inserted.
func checkInsertedSpaces(ln *Line, src string) (int, error) {
	srcRunes := []rune(src)
	text := []rune(ln.Text)
	sm := ln.sourceMap()
	n := 0
	for i := 0; i < len(text); i++ {
		if sm[i] >= 0 || text[i] != ' ' {
			continue
		}
		j := i
		for j < len(text) && sm[j] < 0 && text[j] == ' ' {
			j++
		}
		n += j - i
		if i == 0 || j == len(text) || sm[i-1] < 0 || sm[j] < 0 {
			return n, fmt.Errorf("line %q: inserted spaces at its edge or beside an indent", ln.Text)
		}
		a, b := srcRunes[sm[i-1]], srcRunes[sm[j]]
		switch {
		case narrowWidths.Rune(a) == 2 && narrowWidths.Rune(b) == 2:
			return n, fmt.Errorf("line %q: space inserted between two CJK characters %q and %q", ln.Text, a, b)
		case isLatinToken(a) && isLatinToken(b):
			return n, fmt.Errorf("line %q: space inserted inside a number or token, between %q and %q", ln.Text, a, b)
		case !clusterStarts(src, int(sm[j])):
			return n, fmt.Errorf("line %q: space inserted inside a grapheme cluster, before %q", ln.Text, b)
		}
		i = j
	}
	return n, nil
}
