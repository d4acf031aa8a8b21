package search

import (
	"errors"
	"strings"
	"unicode"
)

// Term is one thing a query looks for: a word, or a quoted phrase.
type Term struct {
	Text   string // as typed (without the quotes)
	Phrase bool   // it was quoted
	Folded string // canonical search form; never empty
}

// ErrEmptyQuery is returned for a query with nothing to look for (only
// spaces, quotes or ignorable characters).
var ErrEmptyQuery = errors.New("empty query")

// ParseQuery splits a query into terms: words separated by white space, and
// phrases in double quotes (ASCII "…", full-width ＂…＂ or curly “…”); an
// unclosed quote runs to the end. All terms must occur in an article for it
// to match. Because folding drops white space, a phrase matches across line
// breaks and `"New York"` finds `new\nyork`; a word is matched anywhere,
// also inside longer words, as CJK has no word spaces.
//
//	ParseQuery(`拉薩 "Ｌｈａｓａ city" 2023`) → 拉萨, lhasacity (phrase), 2023
func ParseQuery(q string) ([]Term, error) {
	var terms []Term
	add := func(text string, phrase bool) {
		if f := Fold(text); f != "" {
			for _, t := range terms {
				if t.Folded == f {
					return
				}
			}
			terms = append(terms, Term{Text: text, Phrase: phrase, Folded: f})
		}
	}
	rs := []rune(q)
	for i := 0; i < len(rs); {
		switch r := rs[i]; {
		case unicode.IsSpace(r):
			i++
		case isQuote(r):
			j := i + 1
			for j < len(rs) && !isCloseQuote(r, rs[j]) {
				j++
			}
			add(string(rs[i+1:j]), true)
			i = j + 1
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && !isQuote(rs[j]) {
				j++
			}
			add(string(rs[i:j]), false)
			i = j
		}
	}
	if len(terms) == 0 {
		return nil, ErrEmptyQuery
	}
	return terms, nil
}

func isQuote(r rune) bool { return r == '"' || r == '＂' || r == '“' }

func isCloseQuote(open, r rune) bool {
	switch open {
	case '“':
		return r == '”' || r == '"'
	default:
		return r == '"' || r == '＂' || r == '”'
	}
}

// formatTerms writes terms back as a query that ParseQuery reads to the
// same terms.
func formatTerms(terms []Term) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		if t.Phrase && strings.ContainsRune(t.Text, '＂') {
			b.WriteString("“" + t.Text + "”") // opened by “, so it holds no ” or "
		} else if t.Phrase {
			b.WriteString(`"` + t.Text + `"`)
		} else {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}
