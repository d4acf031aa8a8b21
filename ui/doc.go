// Package ui is bao's terminal reader: bubbletea v2 screens routed by one
// root model (Model, made by New), in the manner of glow's ui package.
//
//   - shelf.go: the library, newest first, grouped by month; typing a date jumps.
//   - front.go: an issue's front page, filled in columns on wide screens.
//   - article.go, setting.go: an article set by reader/layout in columns, with
//     the status line; re-flows keep the reader's text at the top.
//   - search_*.go: the find bar of an article and the library search screen.
//   - keys.go: the one key map that both handles keys and writes the help.
//   - state.go: reading position and read marks in the bookmarks store.
//   - config.go: the TOML configuration file.
//
// All long work (listing a library, parsing an issue, counting articles,
// writing the store, searching) runs in tea.Cmds. Every width is measured
// with the layout's Widths; lipgloss styles only colour lines already cut.
// Nothing here is global: bao serve runs one Model per SSH session.
package ui
