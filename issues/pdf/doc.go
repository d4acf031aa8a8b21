// Package pdf reads the text layer of e-paper PDF pages: every glyph with
// its box, size and font, and the boxes of the images, page by page. It
// knows nothing of articles; package issues turns the geometry into them.
package pdf
