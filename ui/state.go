package ui

import (
	tea "charm.land/bubbletea/v2"

	"bao/issues"
	"bao/reader/bookmarks"
)

// Reading state: the position in each issue and which articles were read,
// kept in the bookmarks Store of the data directory. Every store call that
// writes a file runs in a command; the model only keeps the ref and what it
// read at open.

// sampleRef is the ref of the embedded sample issue.
func sampleRef() bookmarks.IssueRef {
	return bookmarks.RefForBytes(issues.SampleName, issues.SampleBytes())
}

type (
	storeMsg struct {
		store *bookmarks.Store
		err   error
	}
	// stateErrMsg reports a store error to the status line (the change is
	// kept in memory and retried; see bookmarks.Store).
	stateErrMsg struct{ err error }
)

func openStoreCmd(dir string) tea.Cmd {
	return func() tea.Msg {
		s, err := bookmarks.Open(dir)
		return storeMsg{store: s, err: err}
	}
}

// stateCmd runs a store change in a command.
func stateCmd(change func() error) tea.Cmd {
	return func() tea.Msg {
		if err := change(); err != nil {
			return stateErrMsg{err}
		}
		return nil
	}
}

// restoreState applies the kept state of the issue just shown: read marks,
// and the place the reader left off, which reopens that article there.
// It returns a command recording that the issue was opened.
func (m *Model) restoreState() tea.Cmd {
	s, ref := m.store, m.issueRef
	if s == nil || ref.Hash == "" || m.issue == nil {
		return nil
	}
	st, sameFile, ok := s.ReadingFor(ref)
	if ok && st.Vertical != nil {
		m.vertical = *st.Vertical
	}
	if ok {
		m.applyLayout(st)
	}
	if ok && m.screen == screenFront {
		if sameFile {
			for _, a := range st.Read {
				m.front.read[a] = true
			}
		}
		// A state made by MarkOpened alone has no position (and no quote).
		saved := st.Position.Quote != ""
		pos := st.Position.Position
		if saved && !sameFile {
			pos, _ = bookmarks.Reanchor(m.issue, st.Position)
		}
		if saved && pos.Article >= 0 && pos.Article < len(m.issue.Articles) && (pos.Article > 0 || pos.Block >= 0) {
			m.openArticle(pos.Article, pos.Place)
			m.status = "back where you left off"
		}
	}
	return stateCmd(func() error { return s.MarkOpened(ref) })
}

// savePosition records the place in the article being read (when leaving
// it, the issue, or the reader). Elsewhere it keeps the last one.
func (m *Model) savePosition() tea.Cmd {
	s, ref, is := m.store, m.issueRef, m.issue
	if s == nil || ref.Hash == "" || is == nil || m.screen != screenArticle || m.article == nil {
		return nil
	}
	anchor := bookmarks.AnchorAt(is, issues.Position{Article: m.article.index, Place: m.article.topPosition()})
	return stateCmd(func() error { return s.SetPosition(ref, anchor) })
}

// markRead records that article i was opened.
func (m *Model) markRead(i int) tea.Cmd {
	s, ref := m.store, m.issueRef
	if s == nil || ref.Hash == "" {
		return nil
	}
	return stateCmd(func() error { return s.SetRead(ref, i, true) })
}

// saveVertical records the orientation chosen for the shown issue.
func (m *Model) saveVertical() tea.Cmd {
	s, ref, v := m.store, m.issueRef, m.vertical
	if s == nil || ref.Hash == "" {
		return nil
	}
	return stateCmd(func() error { return s.SetVertical(ref, v) })
}

// saveLayout records the columns and justification chosen for the shown
// issue.
func (m *Model) saveLayout() tea.Cmd {
	s, ref, cols, ragged := m.store, m.issueRef, m.columns, m.ragged
	if s == nil || ref.Hash == "" {
		return nil
	}
	return stateCmd(func() error { return s.SetLayout(ref, cols, ragged) })
}

// applyLayout takes the columns and justification kept for the issue.
func (m *Model) applyLayout(st bookmarks.IssueState) {
	if st.Columns != nil {
		m.columns = *st.Columns
	}
	if st.Ragged != nil {
		m.ragged = *st.Ragged
	}
}

// keptLayout applies the shown issue's kept layout, when it has one (a
// restart with w reopens without the rest of restoreState).
func (m *Model) keptLayout() {
	if m.store == nil || m.issueRef.Hash == "" {
		return
	}
	if st, _, ok := m.store.ReadingFor(m.issueRef); ok {
		m.applyLayout(st)
	}
}
