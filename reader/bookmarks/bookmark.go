package bookmarks

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"bao/issues"
)

// QuoteLen is how many runes of text a bookmark quotes from its position:
// long enough to be found again in one newspaper issue, short enough to
// survive a small edit nearby.
const QuoteLen = 30

// Anchor is a position with the text found there, so the place can be found
// again after the file changed (see Reanchor). In the files it is
// {"article", "block", "offset", "quote"}, the headline being block -1
// (issues.BlockHeadline) as it always was.
type Anchor struct {
	issues.Position
	Quote string `json:"quote"`
}

// IssueRef says which issue file something belongs to: where it was and
// what it held. Hash (sha256 of the file bytes, hex) and Size find a moved or
// renamed file again in a library (see Locator).
type IssueRef struct {
	Path string `json:"path"`
	Hash string `json:"hash"`
	Size int64  `json:"size"`
}

// Bookmark is a marked place in an issue with the reader's note.
type Bookmark struct {
	ID       string    `json:"id"`
	Issue    IssueRef  `json:"issue"`
	Date     string    `json:"date,omitempty"` // the issue's date, YYYY-MM-DD; "" when unknown
	Title    string    `json:"title,omitempty"`
	Headline string    `json:"headline"`
	Anchor             // position and quote
	Note     string    `json:"note,omitempty"`
	Created  time.Time `json:"created"`
}

// NewBookmark makes a bookmark at pos in is (read from the file ref), with
// the headline, date and quote taken from the issue. ID and Created are left
// for Store.Add to fill.
func NewBookmark(is *issues.Issue, ref IssueRef, pos issues.Position, note string) Bookmark {
	b := Bookmark{
		Issue:  ref,
		Date:   is.DateString(),
		Title:  is.Title,
		Anchor: AnchorAt(is, pos),
		Note:   note,
	}
	if pos.Article >= 0 && pos.Article < len(is.Articles) {
		b.Headline = is.Articles[pos.Article].Headline
	}
	return b
}

// AnchorAt is the anchor for pos in is: pos with the QuoteLen runes of text
// from there (fewer at the end of a block; "" when pos is outside the issue).
func AnchorAt(is *issues.Issue, pos issues.Position) Anchor {
	text, ok := blockText(is, pos.Article, pos.Block)
	if !ok {
		return Anchor{Position: pos}
	}
	return Anchor{Position: pos, Quote: quoteFrom(text, pos.Offset)}
}

// blockText is the text of block b of article a (see
// issues.Article.BlockText); false when is has no such place.
func blockText(is *issues.Issue, a, b int) (string, bool) {
	if is == nil || a < 0 || a >= len(is.Articles) {
		return "", false
	}
	return is.Articles[a].BlockText(b)
}

// quoteFrom is up to QuoteLen runes of text from rune offset off.
func quoteFrom(text string, off int) string {
	i := byteOffset(text, off)
	if i < 0 {
		return ""
	}
	end, n := i, 0
	for end < len(text) && n < QuoteLen {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
		n++
	}
	return text[i:end]
}

// byteOffset is the byte index of rune offset off in text, or -1 when text
// is shorter.
func byteOffset(text string, off int) int {
	if off < 0 {
		return -1
	}
	n := 0
	for i := range text {
		if n == off {
			return i
		}
		n++
	}
	if n == off {
		return len(text)
	}
	return -1
}

// newID is a random identifier for a bookmark, unique across processes.
func newID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	return hex.EncodeToString(b[:])
}

// Snippet is the quote for showing: on one line, with "…" when it was cut
// at QuoteLen runes (the text goes on).
func (a Anchor) Snippet() string {
	q := strings.Join(strings.Fields(a.Quote), " ")
	if utf8.RuneCountInString(a.Quote) >= QuoteLen {
		q += "…"
	}
	return q
}
