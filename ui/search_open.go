package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"bao/issues"
	"bao/reader/search"
)

// The root's side of the library search: bringing the screen up (the
// last search again when it searched the same files) and opening a
// result at its match, the search kept to come back to.

// openSearch brings up the library search: the last one again, results
// and all, when it searched the same files; else a new one, with the last
// query typed in and searched again.
func (m *Model) openSearch() tea.Cmd {
	files := m.searchFiles()
	if files == nil {
		m.status = "search: the sample has no file to search; / in an article finds in it"
		return nil
	}
	m.searchFrom = m.screen
	m.searchBack = nil
	if l := m.lastSearch; l != nil && sameFiles(l.files, files) {
		m.search = l
		return l.resume()
	}
	enc := m.opt.Encoding
	m.search = newArchiveSearch(files, search.Options{Parse: func(data []byte, path string) (*issues.Issue, error) {
		return issues.Parse(data, path, issues.LoadOptions{Encoding: enc})
	}, NoPrefilter: enc != ""}, m.c.widths) // a forced encoding: the raw-byte tests do not apply
	m.search.c = m.c
	if m.opt.SearchIndex != nil && enc == "" && m.lib != nil && len(files) >= search.MinIndexedFiles {
		m.search.openIndex = m.opt.SearchIndex
	}
	if l := m.lastSearch; l != nil && len(l.query) > 0 {
		m.search.query = append([]rune(nil), l.query...)
		return m.search.start()
	}
	return nil
}

// searchFiles is what a library search searches: the library's files
// newest first, or the one file being read.
func (m *Model) searchFiles() []search.File {
	var files []search.File
	switch {
	case m.lib != nil:
		if m.lib.Len() > 0 {
			files = searchFilesOf(m.lib)
		}
	case m.issuePath != "":
		files = []search.File{{Path: m.issuePath}}
	}
	return files
}

func sameFiles(a, b []search.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path || !a[i].Date.Equal(b[i].Date) || a[i].Size != b[i].Size || !a[i].ModTime.Equal(b[i].ModTime) || !slices.Equal(a[i].Parts, b[i].Parts) {
			return false
		}
	}
	return true
}

// openResult opens a result of the library search at its match; the
// search stays, results and all, to come back to.
func (m *Model) openResult(open *searchOpen) tea.Cmd {
	m.searchBack, m.lastSearch = m.search, m.search
	m.search = nil
	if open.Path == m.issuePath && m.issue != nil {
		m.pendingOpen = open
		return tea.Batch(m.savePosition(), m.openPending())
	}
	idx := -1
	if m.lib != nil {
		for i := 0; i < m.lib.Len(); i++ {
			if m.lib.Entry(i).Path == open.Path {
				idx = i
				m.shelf.selectIndex(i)
				break
			}
		}
	}
	m.pendingOpen = open
	return tea.Batch(m.savePosition(), m.loadIssue(idx, open.Path))
}

// openPending opens the search result waiting for the issue just shown,
// at its match, with the query kept for n and N.
func (m *Model) openPending() tea.Cmd {
	o := m.pendingOpen
	m.pendingOpen = nil
	if o == nil || o.Article < 0 || o.Article >= len(m.issue.Articles) {
		return nil
	}
	cmd := m.openArticle(o.Article, o.Match.Place)
	m.article.find.setQuery(o.Query, &m.issue.Articles[o.Article], o.Match.Place)
	m.article.showMatch()
	return cmd
}
