package ui

import (
	tea "charm.land/bubbletea/v2"

	"bao/issues"
)

// Options configure one reader. bao serve makes one per SSH session, so
// nothing here may be shared mutable state.
//
// TODO(ui): placeholder until the reader lands.
type Options struct {
	Paths   []string      // files or folders to read; none means the sample
	Issue   *issues.Issue // an issue already loaded (the sample, stdin)
	DataDir string        // where bookmarks and reading state live
}

// New returns the root model of a reader.
func New(opt Options) tea.Model { return &Model{opt: opt} }

// Model is the root model: it routes messages to the current screen.
type Model struct{ opt Options }

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (m *Model) View() tea.View { return tea.NewView("bao: the reader is being built; press any key") }
