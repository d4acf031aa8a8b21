package search

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"bao/issues"
)

// Match is one occurrence of a term in an article: where it starts (the
// headline is issues.BlockHeadline, body blocks count from 0) and its Length
// in runes of the matched text. The span covers exactly the original text
// that matched, including any line breaks or spaces inside it. Only the
// headline and the body are searched.
type Match struct {
	issues.Place
	Length int `json:"length"`
}

// Span is a match within one string, in runes.
type Span struct{ Offset, Length int }

// Matcher is a compiled query. It is immutable and safe for concurrent use.
type Matcher struct {
	terms   []Term
	needle  [][]byte   // the folded terms
	anchors [][][]byte // per rune of the terms: the original forms it can come from
	// seqs are the terms' sequence tests (sequence.go); seqWhole is true
	// when every term has one.
	seqs     []seqAnchor
	seqWhole bool
	// legacy is the raw-byte test for files in legacy encodings (legacy.go).
	legacy *legacyTest
}

// maxAnchorForms bounds the original forms a rune may have to be used as an
// anchor; a combining accent comes from hundreds of precomposed letters.
const maxAnchorForms = 16

// Compile parses a query (see ParseQuery) into a Matcher.
func Compile(query string) (*Matcher, error) {
	terms, err := ParseQuery(query)
	if err != nil {
		return nil, err
	}
	m := &Matcher{terms: terms, legacy: new(legacyTest)}
	seen := map[rune]bool{}
	m.seqWhole = true
	for _, t := range terms {
		m.needle = append(m.needle, []byte(t.Folded))
		if a, ok := newSeqAnchor([]byte(t.Folded)); ok {
			m.seqs = append(m.seqs, a)
		} else {
			m.seqWhole = false
		}
		for _, r := range t.Folded {
			// ASCII letters and digits are everywhere and have many forms.
			if r < utf8.RuneSelf || seen[r] {
				continue
			}
			seen[r] = true
			if src := sources(r); len(src) <= maxAnchorForms {
				var forms [][]byte
				for _, s := range src {
					forms = append(forms, []byte(s))
				}
				m.anchors = append(m.anchors, forms)
			}
		}
	}
	// A rune that is absent costs a scan of the whole file per form, and the
	// first absent one settles it: test the runes with the fewest forms
	// first (a name's rarer given-name character before its surname, which
	// has Traditional forms too).
	slices.SortStableFunc(m.anchors, func(a, b [][]byte) int { return len(a) - len(b) })
	return m, nil
}

// Terms returns the query's terms.
func (m *Matcher) Terms() []Term { return slices.Clone(m.terms) }

// String is the query in a form Compile reads back to the same terms.
func (m *Matcher) String() string { return formatTerms(m.terms) }

// Text returns every occurrence of every term in s, by offset; occurrences
// of one term do not overlap, those of different terms may.
func (m *Matcher) Text(s string) []Span {
	if s == "" {
		return nil
	}
	var out []Span
	m.appendText(&out, FoldMap(s), nil)
	return out
}

// appendText adds the spans of every term found in f to out, and marks in
// found which terms occurred.
func (m *Matcher) appendText(out *[]Span, f Folded, found []bool) {
	n0 := len(*out)
	for ti, nd := range m.needle {
		for pos := 0; pos <= len(f.Text)-len(nd); {
			i := bytes.Index(f.Text[pos:], nd)
			if i < 0 {
				break
			}
			i += pos
			start, end, ok := f.Span(i, i+len(nd))
			if !ok {
				_, w := utf8.DecodeRune(f.Text[i:])
				pos = i + w
				continue
			}
			*out = append(*out, Span{start, end - start})
			if found != nil {
				found[ti] = true
			}
			pos = i + len(nd)
		}
	}
	if len(m.needle) > 1 {
		added := (*out)[n0:]
		slices.SortFunc(added, func(a, b Span) int {
			return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Length, b.Length))
		})
		*out = append((*out)[:n0], slices.Compact(added)...)
	}
}

// Article returns the matches in an article's headline and body blocks, in
// reading order, when every term occurs somewhere in it; otherwise nil.
func (m *Matcher) Article(a *issues.Article) []Match {
	found := make([]bool, len(m.needle))
	var out []Match
	var spans []Span
	add := func(block int, text string) {
		if text == "" || !m.maybeIn(text) {
			return
		}
		spans = spans[:0]
		m.appendText(&spans, FoldMap(text), found)
		for _, s := range spans {
			out = append(out, Match{issues.Place{Block: block, Offset: s.Offset}, s.Length})
		}
	}
	add(issues.BlockHeadline, a.Headline)
	for i, b := range a.Blocks {
		add(i, b.Text)
	}
	for _, f := range found {
		if !f {
			return nil
		}
	}
	return out
}

// maybeIn is a cheap test that some term can occur in text: the sequence
// test of each term when every term has one (exact, and it folds only
// around the places where a term's rarest rune occurs), else folding
// without the offset map, which is only built for texts that pass.
func (m *Matcher) maybeIn(text string) bool {
	if m.seqWhole {
		// A read-only view of text: the sequence test does not write.
		raw := unsafe.Slice(unsafe.StringData(text), len(text))
		for i := range m.seqs {
			if m.seqs[i].in(raw) {
				return true
			}
		}
		return false
	}
	var buf [512]byte
	f := AppendFold(buf[:0], []byte(text))
	for _, nd := range m.needle {
		if bytes.Contains(f, nd) {
			return true
		}
	}
	return false
}

// runesIn reports whether the UTF-8 text data holds, for every non-ASCII
// rune of the terms, some original form of it. Parsing only removes and
// rejoins text and folding maps each rune on its own, so a file that fails
// this cannot match; the test costs a fraction of folding the file.
func (m *Matcher) runesIn(data []byte) bool {
	for _, forms := range m.anchors {
		found := false
		for _, f := range forms {
			if containsRune(data, f) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// legacyEncodings are the encodings issues.Decode detects besides UTF-8:
// the five double-byte ones, then UTF-16 in both byte orders.
var legacyEncodings = []encoding.Encoding{
	simplifiedchinese.GB18030, traditionalchinese.Big5, japanese.ShiftJIS, japanese.EUCJP,
	korean.EUCKR, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM),
	xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM),
}

// containsRune reports whether data holds the UTF-8 sequence enc (see
// indexRune: it looks for the last byte first).
func containsRune(data, enc []byte) bool { return indexRune(data, enc) >= 0 }

// allIn reports whether every term occurs in the folded text f.
func (m *Matcher) allIn(f []byte) bool {
	for _, nd := range m.needle {
		if !bytes.Contains(f, nd) {
			return false
		}
	}
	return true
}

// Snippet is a short excerpt of a text around a match, on one line, with
// the match's place in it (in runes of Text).
type Snippet struct {
	Text           string `json:"text"`
	Offset, Length int    `json:"-"`
}

// MakeSnippet cuts the excerpt of text around the span [offset, offset+length):
// up to before runes before it and after runes after, white space runs shown
// as one space, and "…" where text was cut.
func MakeSnippet(text string, offset, length, before, after int) Snippet {
	rs := []rune(text)
	lo := max(0, offset-before)
	hi := min(len(rs), offset+length+after)
	var b strings.Builder
	var sn Snippet
	n := 0 // runes written
	if lo > 0 {
		b.WriteRune('…')
		n++
	}
	space := true // no space at the start of the excerpt
	for i := lo; i < hi; i++ {
		if i == offset {
			sn.Offset = n
		}
		r := rs[i]
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			// A line break between two Chinese or Japanese characters is
			// PDF damage, not a space; elsewhere a run of white space
			// shows as one space.
			j := i + 1
			for j < hi && (unicode.IsSpace(rs[j]) || unicode.IsControl(rs[j])) {
				j++
			}
			if i > lo && j < hi && unspaced(rs[i-1]) && unspaced(rs[j]) {
				i = j - 1
				continue
			}
			if space {
				continue
			}
			r = ' '
		}
		space = r == ' '
		b.WriteRune(r)
		n++
		if i >= offset && i < offset+length {
			sn.Length++
		}
	}
	if hi < len(rs) {
		b.WriteRune('…')
	}
	sn.Text = b.String()
	return sn
}

// unspaced reports whether r belongs to a script written without spaces
// between words (Han, kana, CJK punctuation and full-width forms; not Hangul).
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60)
}
