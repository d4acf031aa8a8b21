package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// background is what the reader knows of the terminal's background: a
// terminal that does not answer the query (tmux without passthrough, many
// SSH clients) leaves it unknown, and then nothing may assume light or dark.
type background int

const (
	backgroundUnknown background = iota
	backgroundLight
	backgroundDark
)

// backgroundOf is the background named by --theme: light, dark, or
// unknown until the terminal answers (auto).
func backgroundOf(theme string) background {
	switch theme {
	case "light":
		return backgroundLight
	case "dark":
		return backgroundDark
	}
	return backgroundUnknown
}

// theme is how the reader colours text. Every distinction also carries a
// text attribute (bold, faint, reverse, underline), so the screens stay
// readable in 16 colours and in monochrome (NO_COLOR), where bubbletea's
// renderer drops the colours and keeps the attributes.
//
// Headlines and the masthead are always the terminal's own foreground in
// bold: the one ink that reads on any background. Colours are added only
// where the background is known, except the red of kickers and marks,
// which reads on white and on black alike.
//
// Styles here only colour: they are applied to one line at a time after the
// line has been measured and cut, never with a width, so lipgloss can not
// re-wrap or pad article text.
type theme struct {
	bg   background
	dark bool // bg == backgroundDark

	masthead, rule         lipgloss.Style
	kicker, headline, sub  lipgloss.Style
	byline, meta, body     lipgloss.Style
	status, statusKey      lipgloss.Style
	selected, group, faint lipgloss.Style
	unread, read, errText  lipgloss.Style
	caption, subhead       lipgloss.Style
	warn                   lipgloss.Style
	hit, current           lipgloss.Style // search matches, and the current one
}

// newTheme builds the theme for a background. The colours are ANSI 16
// indices so the result is the same on any terminal that has colour at all;
// nothing needs truecolor.
func newTheme(bg background) theme {
	accent := color.Color(lipgloss.Red)
	var dim, blue color.Color // nil: the terminal's foreground
	switch bg {
	case backgroundLight:
		dim, blue = lipgloss.BrightBlack, lipgloss.Blue
	case backgroundDark:
		accent, dim, blue = lipgloss.BrightRed, lipgloss.BrightBlack, lipgloss.BrightBlue
	}
	s := lipgloss.NewStyle
	fg := func(st lipgloss.Style, c color.Color) lipgloss.Style {
		if c == nil {
			return st
		}
		return st.Foreground(c)
	}
	return theme{
		bg:        bg,
		dark:      bg == backgroundDark,
		masthead:  s().Bold(true),
		rule:      fg(s(), dim),
		kicker:    s().Foreground(accent),
		headline:  s().Bold(true),
		sub:       fg(s(), blue),
		byline:    fg(s().Italic(true), dim),
		meta:      s().Faint(true),
		body:      s(),
		status:    s().Reverse(true),
		statusKey: s().Reverse(true).Bold(true),
		selected:  s().Reverse(true).Bold(true),
		group:     fg(s().Bold(true).Underline(true), blue),
		faint:     s().Faint(true),
		unread:    s().Bold(true).Foreground(accent),
		read:      s().Faint(true),
		errText:   s().Bold(true).Foreground(accent),
		caption:   fg(s().Italic(true), dim),
		subhead:   s().Bold(true),
		warn:      s().Reverse(true).Bold(true),
		hit:       s().Underline(true).Bold(true),
		current:   s().Reverse(true),
	}
}

// helpStyles are the key table's styles: keys bold, descriptions and
// separators in the terminal's foreground (bubbles' defaults are greys
// picked for one background, light grey on white when it guesses wrong).
func (t theme) helpStyles() help.Styles {
	s := lipgloss.NewStyle
	return help.Styles{
		Ellipsis:       s().Faint(true),
		ShortKey:       s().Bold(true),
		ShortDesc:      s(),
		ShortSeparator: s().Faint(true),
		FullKey:        s().Bold(true),
		FullDesc:       s(),
		FullSeparator:  s().Faint(true),
	}
}

// glamourStyle is the glamour style that follows the theme: glamour's own
// light and dark styles when the background is known, else one with no
// colours at all (bold, italic and underline only).
func (t theme) glamourStyle() glamour.TermRendererOption {
	switch t.bg {
	case backgroundLight:
		return glamour.WithStyles(styles.LightStyleConfig)
	case backgroundDark:
		return glamour.WithStyles(styles.DarkStyleConfig)
	}
	on := true
	cfg := styles.ASCIIStyleConfig
	cfg.Emph = gansi.StylePrimitive{Italic: &on}
	cfg.Strong = gansi.StylePrimitive{Bold: &on}
	cfg.Code = gansi.StyleBlock{StylePrimitive: gansi.StylePrimitive{Bold: &on}}
	cfg.Link = gansi.StylePrimitive{Underline: &on}
	for _, h := range []*gansi.StyleBlock{&cfg.Heading, &cfg.H1, &cfg.H2, &cfg.H3} {
		h.Bold = &on
	}
	return glamour.WithStyles(cfg)
}
