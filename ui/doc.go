// Package ui is bao's terminal reader: bubbletea v2 screens (shelf, front
// page, article, search, bookmarks, help) routed by one root model, with the
// key map that both handles keys and writes the help.
package ui
