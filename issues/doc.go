// Package issues is what bao reads: the issue and article model, the file
// formats and text encodings newspapers arrive in, the parser that cuts a
// damaged PDF extraction back into articles, and the library of issue files
// on disk.
//
// Nothing here knows about terminals or layout; package reader builds on it.
//
// One file per step of LoadFile/Parse:
//
//	encoding.go   bytes → text: BOM, UTF-16, valid UTF-8, else a scored guess
//	              among GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR; binary refused
//	clean.go      CR/CRLF → LF, terminal controls dropped, NFC
//	markdown.go   front matter and Markdown markup as paragraph hints
//	layouttext.go text kept in its page layout (pdftotext -layout) put back
//	              in reading order by a recursive XY cut
//	pages.go      form-feed pages, running heads and feet, paragraphs; the
//	              furniture kept per page, headlines next to metadata
//	boxes.go      metadata lines (timestamps, URLs) and boxes that are not
//	              stories (related links, hotlines, read-on prompts)
//	furniture.go  what a running head says (page number, section); mastheads
//	byline.go     bylines, datelines fused to leads, captions, credits
//	assemble.go   paragraphs → articles by shape and position; what no
//	              article holds goes to Issue.Unassigned (nothing is lost)
//	dates.go, meta.go   issue date and title from front matter, the paper's
//	              name in the furniture, path, text
//	library.go    a tree of issue files: listed by name, parsed on demand
//	position.go   a place in an article (Place) or an issue (Position), the
//	              head's Block numbers, reading order
//	sanitize.go   Sanitize: untrusted text made safe for a terminal line
//	sample.go     the embedded sample issue (`go run .`)
//	lazyregexp.go the rules' patterns: compiled on first use, not at init, and
//	              run only on text that passes each one's quick test
//
// The rules are general (line length, final punctuation, position, what
// follows), never tuned to one paper; rules_test.go states each with a table.
package issues
