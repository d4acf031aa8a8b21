// Package ui is bao's terminal reader: bubbletea v2 screens routed by one
// root model (Model, made by New), in the manner of glow's ui package.
//
//   - screen.go: the screen interface every screen implements (update,
//     view, status line, input, help topic) and the requests a screen
//     makes of the root; model.go: the root, a router.
//   - input.go: the fields typed in (bubbles' textinput for the editing,
//     drawn with the layout's widths, the terminal's cursor at the caret).
//   - shelf.go: the library, newest first, grouped by month; typing a date
//     (6-1, 2023-12-28) jumps.
//   - front.go: an issue's front page, filled in columns on wide screens.
//   - article.go, setting.go: an article set by reader/layout in columns, with
//     the status line; re-flows keep the reader's text at the top.
//   - search_*.go: the find bar of an article and the library search screen.
//   - keys.go: the one key map that both handles keys and writes the help;
//     help.go, helptext.go: the help of each screen and overlay, scrolling.
//   - status.go: the status line (the position kept before hints, messages
//     shortened, the unsaved-state warning) and the inputs typed in it,
//     with the terminal's cursor at the caret.
//   - golden_test.go: every screen run in a program (teatest) and compared
//     with testdata/TestScreenGoldens (go test ./ui -run Golden -update).
//   - theme.go: colours for a light, dark or unknown background.
//   - state.go: reading position and read marks in the bookmarks store.
//
// All long work (listing a library, parsing an issue, counting articles,
// writing the store, searching) runs in tea.Cmds. Every width is measured
// with the layout's Widths; lipgloss styles only colour lines already cut.
// Nothing here is global: bao serve runs one Model per SSH session.
package ui
