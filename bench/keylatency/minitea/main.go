// Command minitea is the smallest bubbletea v2 pager, the anchor of
// bench/keylatency: it shows a text file in the alternate screen and moves
// a line with j and k, so a key's time to its frame is bubbletea's alone.
//
//	minitea [-fps N] FILE
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
)

type pager struct {
	lines  []string
	first  int
	height int
}

func (p *pager) Init() tea.Cmd { return nil }

func (p *pager) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.height = msg.Height
	case tea.KeyPressMsg:
		switch msg.String() {
		case "j":
			p.first = min(p.first+1, max(len(p.lines)-p.height, 0))
		case "k":
			p.first = max(p.first-1, 0)
		case "q", "ctrl+c":
			return p, tea.Quit
		}
	}
	return p, nil
}

func (p *pager) View() tea.View {
	end := min(p.first+p.height, len(p.lines))
	v := tea.NewView(strings.Join(p.lines[p.first:end], "\n"))
	v.AltScreen = true
	return v
}

func main() {
	fps := flag.Int("fps", 60, "frames a second (bubbletea's default is 60)")
	flag.Parse()
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "minitea:", err)
		os.Exit(1)
	}
	p := &pager{lines: strings.Split(string(data), "\n"), height: 24}
	if _, err := tea.NewProgram(p, tea.WithFPS(*fps)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "minitea:", err)
		os.Exit(1)
	}
}
