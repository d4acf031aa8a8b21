package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpScreen is the help of one screen or overlay (`?` or F1 there): a
// note on the screen, rendered by glamour, and every key binding of it.
// It scrolls like an article (j/k, space/b, d/u, g/G, the wheel), so every
// binding can be reached in the smallest window; q, esc, ? and F1 close it,
// and any other key closes it and does what it does on the screen.
type helpScreen struct {
	c     *common
	about helpTopic
	first int
	lines []string
	// linesFor is the width and background the lines were rendered for.
	linesFor [2]int
}

func newHelpScreen(c *common, t helpTopic) *helpScreen {
	return &helpScreen{c: c, about: t}
}

// rows is how many lines of help show above the status line.
func (h *helpScreen) rows() int { return max(h.c.height-1, 1) }

func (h *helpScreen) maxFirst() int { return max(len(h.render())-h.rows(), 0) }

// key scrolls, or reports that the help is to close (and whether the key
// then goes on to the screen under it).
func (h *helpScreen) key(msg tea.KeyPressMsg, count int) (closed, passOn bool) {
	k := h.c.keys
	if key.Matches(msg, k.HelpClose) {
		return true, false
	}
	if d, ok := k.moveBy(msg, h.rows(), h.rows()/2); ok {
		if d != toEnd && d != -toEnd {
			d *= count
		}
		h.scroll(d)
		return false, false
	}
	return true, true
}

// update is the help's part of Update: it scrolls (the keys, count times
// over, and the wheel), or asks to close, passing the key on when it is
// not the help's own.
func (h *helpScreen) update(msg tea.Msg, count int) (tea.Cmd, request) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		closed, passOn := h.key(msg, count)
		switch {
		case passOn:
			return nil, closeScreen{passOn: msg}
		case closed:
			return nil, closeScreen{}
		}
	case tea.MouseWheelMsg:
		if d, ok := wheelDelta(msg); ok {
			h.scroll(d)
		}
	}
	return nil, nil
}

func (h *helpScreen) statusLeft() statusParts {
	return statusParts{title: "help", pos: h.position(), hint: h.hint()}
}
func (h *helpScreen) input() (inputView, bool) { return inputView{}, false }
func (h *helpScreen) topic() helpTopic         { return h.about }
func (h *helpScreen) typing() bool             { return false }

func (h *helpScreen) scroll(d int) {
	h.first = min(max(h.first+d, 0), h.maxFirst())
}

// render is the help's lines at the current width and theme, cut to the
// width; rendered again only when either changes.
func (h *helpScreen) render() []string {
	t := h.c.theme
	if h.lines != nil && h.linesFor == [2]int{h.c.width, int(t.bg)} {
		return h.lines
	}
	width := h.c.width
	lines := []string{t.masthead.Render("bao - keys of the " + h.about.String()), ""}
	if note := helpNote(h.about, width, t); note != "" {
		lines = append(lines, strings.Split(note, "\n")...)
		lines = append(lines, "")
	}
	lines = append(lines, keyTable(h.c.keys.forTopic(h.about).FullHelp(), width, t)...)
	lines = append(lines, t.faint.Render("q, esc or ? closes this help; other keys close it and act"))
	for i, l := range lines {
		// The renderer measures with x/ansi, as ansi.Truncate does.
		lines[i] = ansi.Truncate(strings.TrimRight(l, " "), width, "")
	}
	h.lines, h.linesFor = lines, [2]int{width, int(t.bg)}
	h.first = min(h.first, max(len(lines)-h.rows(), 0))
	return lines
}

// position says where in the help the reader is.
func (h *helpScreen) position() string {
	n := len(h.render())
	if n <= h.rows() {
		return "all shown"
	}
	return fmt.Sprintf("lines %d-%d/%d", h.first+1, min(h.first+h.rows(), n), n)
}

// hint is the help's key hint for the status line.
func (h *helpScreen) hint() string {
	if len(h.render()) > h.rows() {
		return "j/k scroll  q close"
	}
	return "q close"
}

func (h *helpScreen) view(status string) (string, *tea.Cursor) {
	lines := h.render()
	end := min(h.first+h.rows(), len(lines))
	return fitScreen(lines[h.first:end], h.c.height-1, status), nil
}

// keyTable lays the bindings out: each group a column of key and
// description, groups side by side while they fit, then on the next rows.
// A group wider than the window puts each description under its key,
// wrapped, so every binding is shown whole at any width. Help text is key
// names and English, so lipgloss measures it as the renderer does.
func keyTable(groups [][]key.Binding, width int, t theme) []string {
	st := t.helpStyles()
	var out, row []string
	rowWidth := 0
	flush := func() {
		if len(row) > 0 {
			out = append(out, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, row...), "\n")...)
			out = append(out, "")
		}
		row, rowWidth = nil, 0
	}
	for _, g := range groups {
		keyW, descW := 0, 0
		for _, b := range g {
			keyW = max(keyW, lipgloss.Width(b.Help().Key))
			descW = max(descW, lipgloss.Width(b.Help().Desc))
		}
		if keyW+2+descW > width {
			flush()
			for _, b := range g {
				out = append(out, st.FullKey.Render(b.Help().Key))
				for _, l := range strings.Split(lipgloss.Wrap(b.Help().Desc, max(width-2, 1), " "), "\n") {
					out = append(out, "  "+st.FullDesc.Render(l))
				}
			}
			out = append(out, "")
			continue
		}
		var col []string
		for _, b := range g {
			k := b.Help().Key
			col = append(col, st.FullKey.Render(k)+strings.Repeat(" ", keyW-lipgloss.Width(k)+2)+st.FullDesc.Render(b.Help().Desc))
		}
		w := keyW + 2 + descW
		if rowWidth > 0 && rowWidth+4+w > width {
			flush()
		}
		block := strings.Join(col, "\n")
		if rowWidth > 0 {
			block = lipgloss.NewStyle().PaddingLeft(4).Render(block)
			rowWidth += 4
		}
		row = append(row, block)
		rowWidth += w
	}
	flush()
	return out
}
