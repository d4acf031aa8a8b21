package ui

import (
	"strings"

	"charm.land/glamour/v2"
)

// helpNotes is the help screen's note on each screen and overlay, in
// Markdown, rendered with glamour above the key bindings. It is English
// prose and key names only: glamour wraps and measures it itself, which is
// right for such text and never used for the CJK article body.
var helpNotes = map[helpTopic]string{
	helpShelf: "**Shelf**: every issue of the library, newest first, grouped by month. " +
		"Type a date to jump to it: `2023-12-28`, `2023-12`, `12-28` or `6-1` for the newest such day. " +
		"Article counts appear as the rows come into view. " +
		"Files that could not be read are counted at the bottom; `E` lists them, each with the reason.",
	helpFront: "**Front page**: the issue's articles with page, length, reading time " +
		"(about 400 CJK characters a minute) and a mark: `●` unread, `○` read. `enter` or a click opens one.",
	helpArticle: "**Article**: the headline across the top, the body in columns. " +
		"`+` and `-` change the number of columns and `J` switches justified and ragged right; " +
		"like `v`, they are remembered for the issue. A number before a move repeats it (`5j`). " +
		"If quotes and dots look misaligned, press `w`: the terminal draws ambiguous-width " +
		"characters differently from what bao assumed, and bao restarts at the same text with the other width.",
	helpMarks: "**Bookmarks**: newest first, each with its issue, the marked text and your note. " +
		"`enter` goes to the marked text, which is highlighted; a bookmark whose file is gone stays, marked missing.",
	helpSearch: "**Library search**: type; results stream in newest first while the archive is searched, " +
		"and each key starts the search again. `enter` opens the article at its match (`n` and `N` go on there); " +
		"`q` in that article comes back to these results, and `S` later brings them back too.",
}

// helpNote renders the note for t at width cells in the theme's glamour
// style (without glamour's blank lines around it); "" when there is none
// or glamour fails.
func helpNote(t helpTopic, width int, th theme) string {
	md, ok := helpNotes[t]
	if !ok || width < 20 {
		return ""
	}
	r, err := glamour.NewTermRenderer(th.glamourStyle(), glamour.WithWordWrap(min(width-4, 96)))
	if err != nil {
		return ""
	}
	out, err := r.Render(md)
	if err != nil {
		return ""
	}
	return strings.Trim(out, "\n")
}
