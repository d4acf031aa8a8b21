package pdf

// Page is what one PDF page draws, in points from the page's top-left
// corner (y grows downwards).
type Page struct {
	Number int     `json:"number"` // from 1
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	Glyphs []Glyph `json:"glyphs"` // in the content stream's drawing order
	Images []Rect  `json:"images"` // photos, charts and figure boxes
}

// Glyph is one character of the text layer. Its fields are ordered
// widest first so that it packs into 72 bytes rather than 88: a page of a
// broadsheet holds 20,000 of them.
type Glyph struct {
	Rect
	Size   float64 `json:"size"`   // font size in points, after the text matrix's scale
	Angle  float64 `json:"angle"`  // rotation in radians; 0 for upright text
	Font   string  `json:"font"`   // the font's base name ("FZSSK--GBK1-0", "Publico-Bold")
	Char   rune    `json:"char"`   // the character
	Bold   bool    `json:"bold"`   // from the font name's tokens, not its weight field
	Italic bool    `json:"italic"` // likewise
	Hyphen bool    `json:"hyphen"` // a line-end hyphen the engine recognised
}

// Rect is a box in points: X0 < X1, Y0 < Y1, Y from the top of the page.
type Rect struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}
