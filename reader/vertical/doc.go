// Package vertical sets an article top to bottom, right to left (竖排,
// 縦書き), on top of package layout's line breaking: each vertical line is a
// column of two-cell slots, one character to a slot, and punctuation takes
// its vertical presentation form for display only. Positions, search and
// bookmarks still refer to the original text.
package vertical
