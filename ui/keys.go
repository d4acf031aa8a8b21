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
	Open, Back, Cancel       key.Binding
	Quit, Help, Count        key.Binding
	Search, NextMatch        key.Binding
	PrevMatch, SearchAll     key.Binding
	Mark, Marks              key.Binding
	MoreColumns, FewerCols   key.Binding
	Ambiguous, Justify       key.Binding
	Markdown, Vertical       key.Binding
	Wheel, Click             key.Binding
	TypeDate, Errors         key.Binding

	// The bookmarks list.
	MarkFilter, MarkDelete, MarkUndo, MarkNote key.Binding
	// The library search.
	SearchType, SearchMove, SearchPage, SearchFocus key.Binding
	// The help itself.
	HelpClose key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Down:        key.NewBinding(key.WithKeys("j", "down", "ctrl+n", "ctrl+e"), key.WithHelp("j/↓", "line down")),
		Up:          key.NewBinding(key.WithKeys("k", "up", "ctrl+p", "ctrl+y"), key.WithHelp("k/↑", "line up")),
		PageDown:    key.NewBinding(key.WithKeys("space", "f", "pgdown", "ctrl+f"), key.WithHelp("space/f/pgdn/ctrl+f", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("b", "pgup", "ctrl+b"), key.WithHelp("b/pgup/ctrl+b", "page up")),
		HalfDown:    key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d/ctrl+d", "half page down")),
		HalfUp:      key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u/ctrl+u", "half page up")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Count:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("5j", "a number repeats a move")),
		PrevArticle: key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "previous article")),
		NextArticle: key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "next article")),
		PrevIssue:   key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous issue")),
		NextIssue:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next issue")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "back (quit at the top)")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel, or back (never quits)")),
		Quit:        key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:        key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?/F1", "help")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		SearchAll:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "search the library (again)")),
		Mark:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "bookmark here")),
		Marks:       key.NewBinding(key.WithKeys("'"), key.WithHelp("'", "bookmarks")),
		MoreColumns: key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "more columns")),
		FewerCols:   key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "fewer columns")),
		Ambiguous:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "ambiguous width narrow/wide")),
		Justify:     key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "justified/ragged")),
		Markdown:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "Markdown view (Markdown issues)")),
		Vertical:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "vertical/horizontal text")),
		// Listed in the help only: Update reads the mouse messages and the
		// shelf its dates (the key names can never be pressed).
		Wheel:    key.NewBinding(key.WithKeys("(wheel)"), key.WithHelp("wheel", "scroll 3 lines")),
		Click:    key.NewBinding(key.WithKeys("(click)"), key.WithHelp("click", "open the row")),
		TypeDate: key.NewBinding(key.WithKeys("(date)"), key.WithHelp("2023-12-28", "type a date to go to it (6-1, 2024-6)")),
		Errors:   key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "the files that could not be read")),

		MarkFilter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		MarkDelete: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		MarkUndo:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo delete")),
		MarkNote:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit the note")),

		SearchType:  key.NewBinding(key.WithKeys("(type)"), key.WithHelp("type", "search as you type")),
		SearchMove:  key.NewBinding(key.WithKeys("down", "up", "ctrl+n", "ctrl+p"), key.WithHelp("↓/↑", "next/previous result")),
		SearchPage:  key.NewBinding(key.WithKeys("pgdown", "pgup"), key.WithHelp("pgdn/pgup", "ten results on/back")),
		SearchFocus: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "to the results (j/k, ?) and back")),

		HelpClose: key.NewBinding(key.WithKeys("q", "esc", "?", "f1"), key.WithHelp("q/esc/?", "close the help")),
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

// helpTopic is what a help screen is about: a screen, or an overlay on it
// (the bookmarks list, the library search), each with keys of its own.
type helpTopic int

const (
	helpShelf helpTopic = iota
	helpFront
	helpArticle
	helpMarks
	helpSearch
)

func (t helpTopic) String() string {
	return [...]string{"shelf", "front page", "article", "bookmarks list", "library search"}[t]
}

func (k keyMap) forTopic(t helpTopic) screenKeys {
	move := []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom, k.Count}
	general := []key.Binding{k.Open, k.Back, k.Cancel, k.Quit, k.Help}
	find := []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.SearchAll, k.Mark, k.Marks}
	mouse := []key.Binding{k.Wheel, k.Click}
	switch t {
	case helpShelf:
		shelfMove := []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom}
		return screenKeys{
			short: []key.Binding{k.Open, k.Down, k.Up, k.Top, k.Bottom, k.Back, k.Help},
			full: [][]key.Binding{shelfMove, append([]key.Binding{k.TypeDate, k.PrevIssue, k.NextIssue, k.Errors}, general...),
				{k.Search, k.SearchAll, k.Marks, k.Ambiguous}, mouse},
		}
	case helpFront:
		return screenKeys{
			short: []key.Binding{k.Open, k.Down, k.Up, k.PrevIssue, k.NextIssue, k.Back, k.Help},
			full: [][]key.Binding{move, append([]key.Binding{k.PrevIssue, k.NextIssue}, general...),
				{k.Search, k.SearchAll, k.Marks, k.Ambiguous}, mouse},
		}
	case helpMarks:
		return screenKeys{
			short: []key.Binding{k.Open, k.MarkFilter, k.MarkDelete, k.MarkUndo, k.MarkNote, k.Back},
			full: [][]key.Binding{
				{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
				{k.Open, k.MarkFilter, k.MarkDelete, k.MarkUndo, k.MarkNote},
				{k.Back, k.Cancel, k.Quit, k.Help}, mouse,
			},
		}
	case helpSearch:
		return screenKeys{
			short: []key.Binding{k.SearchType, k.SearchMove, k.Open, k.Cancel},
			full: [][]key.Binding{
				{k.SearchType, k.SearchMove, k.SearchPage, k.SearchFocus},
				{k.Open, k.Cancel, k.Quit, k.Help}, mouse,
			},
		}
	default:
		return screenKeys{
			short: []key.Binding{k.PageDown, k.PageUp, k.PrevArticle, k.NextArticle, k.Back, k.Help},
			full: [][]key.Binding{
				move,
				append([]key.Binding{k.PrevArticle, k.NextArticle, k.PrevIssue, k.NextIssue}, general...),
				find,
				{k.MoreColumns, k.FewerCols, k.Justify, k.Vertical, k.Ambiguous, k.Markdown},
				{k.Wheel},
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
