package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap is every binding of the reader. The same bindings decide what a key
// does (key.Matches in Update) and write the help screen (help.KeyMap), so
// the help can never drift from the keys.
type keyMap struct {
	Down, Up                 key.Binding
	PageDown, PageUp         key.Binding
	HalfDown, HalfUp         key.Binding
	Top, Bottom              key.Binding
	PrevArticle, NextArticle key.Binding
	PrevIssue, NextIssue     key.Binding
	Open, Back, Quit, Help   key.Binding
	Search, NextMatch        key.Binding
	PrevMatch, SearchAll     key.Binding
	Mark, Marks              key.Binding
	MoreColumns, FewerCols   key.Binding
	Ambiguous, Justify       key.Binding
	Markdown, Vertical       key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "line down")),
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "line up")),
		PageDown:    key.NewBinding(key.WithKeys("space", "f", "pgdown"), key.WithHelp("space/f/pgdn", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b/pgup", "page up")),
		HalfDown:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "half page down")),
		HalfUp:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "half page up")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		PrevArticle: key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "previous article")),
		NextArticle: key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "next article")),
		PrevIssue:   key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous issue")),
		NextIssue:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next issue")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q/esc", "back (quit at the top)")),
		Quit:        key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		SearchAll:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "search the library")),
		Mark:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "bookmark here")),
		Marks:       key.NewBinding(key.WithKeys("'"), key.WithHelp("'", "bookmarks")),
		MoreColumns: key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "more columns")),
		FewerCols:   key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "fewer columns")),
		Ambiguous:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "ambiguous width narrow/wide")),
		Justify:     key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "justified/ragged")),
		Markdown:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "Markdown view (Markdown issues)")),
		Vertical:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "vertical/horizontal text")),
	}
}

// screenKeys is the help.KeyMap of one screen: the bindings that do
// something there, grouped the way the help screen shows them.
type screenKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (s screenKeys) ShortHelp() []key.Binding  { return s.short }
func (s screenKeys) FullHelp() [][]key.Binding { return s.full }

func (k keyMap) forScreen(s screen) screenKeys {
	move := []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom}
	general := []key.Binding{k.Open, k.Back, k.Quit, k.Help}
	find := []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.SearchAll, k.Mark, k.Marks}
	switch s {
	case screenShelf:
		return screenKeys{
			short: []key.Binding{k.Open, k.Down, k.Up, k.Top, k.Bottom, k.Back, k.Help},
			full:  [][]key.Binding{move, general, find},
		}
	case screenFront:
		return screenKeys{
			short: []key.Binding{k.Open, k.Down, k.Up, k.PrevIssue, k.NextIssue, k.Back, k.Help},
			full:  [][]key.Binding{move, append([]key.Binding{k.PrevIssue, k.NextIssue}, general...), find},
		}
	default:
		return screenKeys{
			short: []key.Binding{k.PageDown, k.PageUp, k.PrevArticle, k.NextArticle, k.Back, k.Help},
			full: [][]key.Binding{
				move,
				append([]key.Binding{k.PrevArticle, k.NextArticle, k.PrevIssue, k.NextIssue}, general...),
				find,
				{k.MoreColumns, k.FewerCols, k.Justify, k.Vertical, k.Ambiguous, k.Markdown},
			},
		}
	}
}

// toEnd is a move far enough to reach the top or the bottom; the caller
// clamps it.
const toEnd = 1 << 30

// moveBy is how far a moving key goes in a text or list that shows page
// rows a screen (half of them for d and u): one line, a page, half a page,
// or to either end. ok is false for any other key.
func (k keyMap) moveBy(msg tea.KeyPressMsg, page, half int) (delta int, ok bool) {
	switch {
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.HalfDown):
		return max(half, 1), true
	case key.Matches(msg, k.HalfUp):
		return -max(half, 1), true
	case key.Matches(msg, k.Top):
		return -toEnd, true
	case key.Matches(msg, k.Bottom):
		return toEnd, true
	}
	return 0, false
}
