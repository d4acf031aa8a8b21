package ui

import tea "charm.land/bubbletea/v2"

// LibraryChangedMsg tells a reader that its library changed on disk: bao
// serve sends it to every open session when its periodic listing finds
// issue files added, changed or removed. The shelf shows the new listing
// with the same issue still selected; an issue being read stays open.
type LibraryChangedMsg struct{ Library Library }

// libraryChanged installs a new listing of the library. Article counts
// already known are kept by path, so nothing is parsed again for them.
func (m *Model) libraryChanged(lib Library) tea.Cmd {
	if m.lib == nil || lib == nil {
		return nil // reading one file or the sample: there is no shelf
	}
	selected := ""
	counts := map[string]int{}
	if m.shelf != nil {
		if i, ok := m.shelf.current(); ok && i < m.lib.Len() {
			selected = m.lib.Entry(i).Path
		}
		for i, n := range m.shelf.counts {
			if i < m.lib.Len() {
				counts[m.lib.Entry(i).Path] = n
			}
		}
	}
	m.lib = lib
	m.shelf = newShelf(m.c, lib)
	m.shelf.name = m.libPath
	m.issueIdx = -1
	for i := 0; i < lib.Len(); i++ {
		p := lib.Entry(i).Path
		if n, ok := counts[p]; ok {
			m.shelf.counts[i] = n
		}
		if p == selected {
			m.shelf.selectIndex(i)
		}
		if m.issue != nil && p == m.issuePath {
			m.issueIdx = i
		}
	}
	return m.shelf.countCmd()
}
