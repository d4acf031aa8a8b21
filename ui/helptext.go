package ui

import (
	"strings"

	"charm.land/glamour/v2"
)

// screenNotes is the help screen's note on each screen, in Markdown,
// rendered with glamour above the key bindings. It is English prose and
// key names only: glamour wraps and measures it itself, which is right for
// such text and never used for the CJK article body.
var screenNotes = map[screen]string{
	screenShelf: "**Shelf**: every issue of the library, newest first, grouped by month. " +
		"Type a date to jump to it: `2023-12-28`, `2023-12`, or `12-28` for the newest 28 December. " +
		"Article counts appear as the rows come into view.",
	screenFront: "**Front page**: the issue's articles with page, length, reading time " +
		"(about 400 CJK characters a minute) and a mark: `●` unread, `○` read. `enter` opens one.",
	screenArticle: "**Article**: the headline across the top, the body in columns. " +
		"`+` and `-` change the number of columns, `J` switches justified and ragged right. " +
		"If quotes and dots look misaligned, press `w`: the terminal draws ambiguous-width " +
		"characters differently from what bao assumed, and bao restarts at the same text with the other width.",
}

// helpNote renders the note for s at width cells (without glamour's
// blank lines around it); "" when there is none or glamour fails.
func helpNote(s screen, width int, dark bool) string {
	md, ok := screenNotes[s]
	if !ok || width < 20 {
		return ""
	}
	style := "light"
	if dark {
		style = "dark"
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(min(width-4, 96)))
	if err != nil {
		return ""
	}
	out, err := r.Render(md)
	if err != nil {
		return ""
	}
	return strings.Trim(out, "\n")
}
