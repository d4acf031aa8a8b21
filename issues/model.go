package issues

import (
	"encoding/json"
	"time"
)

// BlockKind says what a block of an article is.
type BlockKind string

// The kinds of block an article body holds.
const (
	KindText    BlockKind = "text"    // a paragraph of body text
	KindSubhead BlockKind = "subhead" // a sub-section heading inside an article
	KindCaption BlockKind = "caption" // a photo caption (图为…)
	KindCredit  BlockKind = "credit"  // a photo credit (…摄)
)

// Block is one paragraph-level piece of an article body. Text is NFC, with the
// lines of one paragraph joined.
type Block struct {
	Kind BlockKind `json:"kind"`
	Text string    `json:"text"`
	// Page and Box say where a block read from a PDF stands: the page (from
	// 1) and its bounding box in PDF points. Zero for text issues.
	Page int  `json:"page,omitempty"`
	Box  *Box `json:"box,omitempty"`
}

// Box is a rectangle on a PDF page in points, measured from the page's
// top-left corner (y grows downwards, as a reader scans the page).
type Box struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Furniture is what one page prints that belongs to no article: the
// masthead, running heads and feet, page numbers, editors' lines.
type Furniture struct {
	Page  int      `json:"page"` // from 1
	Lines []string `json:"lines"`
}

// Article is one story of an issue.
type Article struct {
	Headline    string  `json:"headline"`
	Subheadline string  `json:"subheadline"`
	Kicker      string  `json:"kicker"` // a banner or column slogan over the headline
	Byline      string  `json:"byline"`
	Page        int     `json:"page"`    // from 1
	Section     string  `json:"section"` // the page's section name; "" when unknown
	Blocks      []Block `json:"blocks"`
}

// Issue is one day's paper.
type Issue struct {
	Title    string
	Date     time.Time // zero when unknown
	Source   string    // the front matter's source, else the file it was read from ("-" for standard input)
	Articles []Article
	// Furniture is the page furniture kept out of the articles, per page.
	Furniture []Furniture
	// Unassigned holds text the parser could place neither in an article
	// nor in the furniture, so that nothing of the input is ever lost.
	Unassigned []string
	// Warnings are one-line problems that did not stop the issue from
	// opening: a PDF page with no text layer, one page file of several
	// that could not be read. Each names its file.
	Warnings []string

	// Not in the JSON form:
	Path     string // the file read; "" for standard input
	Edition  string // from front matter
	Encoding string // the text encoding found ("utf-8", "gb18030", …)
	Format   Format // how the file was read
}

// Format is how an issue file was read.
type Format string

// The formats an issue file can be in.
const (
	FormatText     Format = "text"      // plain text
	FormatPDFText  Format = "pdftotext" // plain text with form feeds between pages
	FormatMarkdown Format = "markdown"
	// FormatPDF (pdfload.go): read from the geometry of PDF pages.
)

// HasDate reports whether the issue's date is known.
func (is *Issue) HasDate() bool { return !is.Date.IsZero() }

// DateString is the date as YYYY-MM-DD, or "" when unknown.
func (is *Issue) DateString() string {
	if !is.HasDate() {
		return ""
	}
	return is.Date.Format(time.DateOnly)
}

type jsonArticle struct {
	Headline    string  `json:"headline"`
	Subheadline string  `json:"subheadline"`
	Kicker      string  `json:"kicker"`
	Byline      string  `json:"byline"`
	Page        int     `json:"page"`
	Section     *string `json:"section"`
	Blocks      []Block `json:"blocks"`
}

type jsonIssue struct {
	Title      string        `json:"title"`
	Date       *string       `json:"date"`
	Source     string        `json:"source"`
	Articles   []jsonArticle `json:"articles"`
	Furniture  []Furniture   `json:"furniture,omitempty"`
	Unassigned []string      `json:"unassigned,omitempty"`
}

// MarshalJSON writes the form `bao print --json` documents: date and section
// are null when unknown.
func (is *Issue) MarshalJSON() ([]byte, error) {
	out := jsonIssue{Title: is.Title, Source: is.Source, Articles: make([]jsonArticle, len(is.Articles)),
		Furniture: is.Furniture, Unassigned: is.Unassigned}
	if d := is.DateString(); d != "" {
		out.Date = &d
	}
	for i, a := range is.Articles {
		ja := jsonArticle{Headline: a.Headline, Subheadline: a.Subheadline, Kicker: a.Kicker,
			Byline: a.Byline, Page: a.Page, Blocks: a.Blocks}
		if ja.Blocks == nil {
			ja.Blocks = []Block{}
		}
		if a.Section != "" {
			s := a.Section
			ja.Section = &s
		}
		out.Articles[i] = ja
	}
	return json.Marshal(out)
}
