package ui

import (
	"encoding/json"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"bao/issues"
	"bao/reader/layout"
)

// Resume is a place to reopen the reader at: which issue, which screen and
// which text. It travels through a restart in the environment (see
// EncodeResume), so it holds only plain values.
type Resume struct {
	Path   string `json:"path,omitempty"` // the issue file ("" for the sample or a preloaded issue)
	Screen string `json:"screen"`         // "shelf", "front" or "article"
	issues.Position
	// Vertical reopens an article in vertical mode.
	Vertical bool `json:"vertical,omitempty"`
}

// toggleAmbiguous flips the ambiguous-width policy. The layout follows at
// once; the renderer (charm's x/ansi) reads the policy only at process
// start, so where the caller can, the program quits to be restarted at the
// same text.
func (m *Model) toggleAmbiguous() tea.Cmd {
	next := m.c.widths.Ambiguous().Policy().Other()
	if m.opt.CanRestart {
		m.restart = m.resumeHere()
		return m.quit()
	}
	m.opt.Ambiguous = next
	m.c.widths = layout.NewWidths(layout.AmbiguousFor(next)).WithGraphemes(m.c.widths.Graphemes())
	if m.article != nil {
		m.article.relayout()
	}
	m.status = "ambiguous width: " + next.String()
	return nil
}

// resumeHere is the current place as a Resume.
func (m *Model) resumeHere() *Resume {
	r := &Resume{Path: m.issuePath, Screen: m.screen.String()}
	if m.screen == screenShelf {
		if i, ok := m.shelf.current(); ok {
			r.Path = m.lib.Entry(i).Path
		}
	}
	if m.front != nil {
		r.Article = m.front.selected
	}
	if m.screen == screenArticle && m.article != nil {
		r.Position = issues.Position{Article: m.article.index, Place: m.article.topPosition()}
	}
	r.Vertical = m.vertical
	return r
}

// EncodeResume writes r for the environment of a restarted process.
func EncodeResume(r *Resume) string {
	b, _ := json.Marshal(r) // plain strings and ints: cannot fail
	return string(b)
}

// DecodeResume reads what EncodeResume wrote.
func DecodeResume(s string) (*Resume, error) {
	var r Resume
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("resume %q: %w", s, err)
	}
	return &r, nil
}
