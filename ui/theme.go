package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// theme is how the reader colours text. Every distinction also carries a
// text attribute (bold, faint, reverse, underline), so the screens stay
// readable in 16 colours and in monochrome (NO_COLOR), where bubbletea's
// renderer drops the colours and keeps the attributes.
//
// Styles here only colour: they are applied to one line at a time after the
// line has been measured and cut, never with a width, so lipgloss can not
// re-wrap or pad article text.
type theme struct {
	dark bool

	masthead, rule         lipgloss.Style
	kicker, headline, sub  lipgloss.Style
	byline, meta, body     lipgloss.Style
	status, statusKey      lipgloss.Style
	selected, group, faint lipgloss.Style
	unread, read, errText  lipgloss.Style
	caption, subhead       lipgloss.Style
}

// newTheme builds the theme for a light or dark background. The colours are
// ANSI 16 indices so the result is the same on any terminal that has colour
// at all; nothing needs truecolor.
func newTheme(dark bool) theme {
	ld := lipgloss.LightDark(dark)
	pick := func(light, dark color.Color) color.Color { return ld(light, dark) }
	accent := pick(lipgloss.Red, lipgloss.BrightRed)
	dim := pick(lipgloss.BrightBlack, lipgloss.BrightBlack)
	ink := pick(lipgloss.Black, lipgloss.BrightWhite)
	blue := pick(lipgloss.Blue, lipgloss.BrightBlue)
	s := lipgloss.NewStyle
	return theme{
		dark:      dark,
		masthead:  s().Bold(true).Foreground(ink),
		rule:      s().Foreground(dim),
		kicker:    s().Foreground(accent),
		headline:  s().Bold(true).Foreground(ink),
		sub:       s().Foreground(blue),
		byline:    s().Italic(true).Foreground(dim),
		meta:      s().Faint(true),
		body:      s(),
		status:    s().Reverse(true),
		statusKey: s().Reverse(true).Bold(true),
		selected:  s().Reverse(true).Bold(true),
		group:     s().Bold(true).Underline(true).Foreground(blue),
		faint:     s().Faint(true),
		unread:    s().Bold(true).Foreground(accent),
		read:      s().Faint(true),
		errText:   s().Bold(true).Foreground(accent),
		caption:   s().Italic(true).Foreground(dim),
		subhead:   s().Bold(true),
	}
}
