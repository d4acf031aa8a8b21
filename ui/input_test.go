package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"bao/reader/layout"
)

// The fields edit inside the line (textinput), and the terminal's cursor
// stands at the caret, measured with the layout's widths.
func TestTextFieldEditsAtTheCaret(t *testing.T) {
	tests := []struct {
		name  string
		keys  []tea.KeyPressMsg
		text  string
		caret int
	}{
		{"typed", []tea.KeyPressMsg{keyMsg("河"), keyMsg("畔")}, "河畔", 2},
		{"left then typed", []tea.KeyPressMsg{keyMsg("河"), keyMsg("畔"), keyMsg("left"), keyMsg("湖")}, "河湖畔", 2},
		{"home, delete", []tea.KeyPressMsg{keyMsg("a"), keyMsg("b"), keyMsg("home"), {Code: tea.KeyDelete}}, "b", 0},
		{"ctrl+u clears before the caret", []tea.KeyPressMsg{keyMsg("a"), keyMsg("b"), {Code: 'u', Mod: tea.ModCtrl}}, "", 0},
		{"a control character never enters", []tea.KeyPressMsg{{Code: 'x', Text: "\x1b[2J"}}, "[2J", 3},
	}
	for _, tt := range tests {
		f := newTextField("/", "")
		for _, k := range tt.keys {
			f.key(k)
		}
		if f.text() != tt.text || f.ti.Position() != tt.caret {
			t.Errorf("%s: %q caret %d, want %q caret %d", tt.name, f.text(), f.ti.Position(), tt.text, tt.caret)
		}
	}
}

func TestInputTextCursorAtTheCaret(t *testing.T) {
	w := layout.NewWidths(layout.Narrow)
	tests := []struct {
		in    inputView
		width int
		x     int
	}{
		{inputView{prompt: "/", text: "河畔", caret: 2}, 40, 1 + 1 + 4},
		{inputView{prompt: "/", text: "河畔", caret: 1}, 40, 1 + 1 + 2},
		{inputView{prompt: "/", text: "河畔", caret: 0}, 40, 1 + 1},
		// Too long: the start scrolls off, the caret stays in view.
		{inputView{prompt: "/", text: "一二三四五六七八九十", caret: 10}, 12, 10},
		{inputView{prompt: "/", text: "一二三四五六七八九十", caret: 2}, 12, 1 + 1 + 4},
	}
	for _, tt := range tests {
		line, x := inputText(w, tt.width, tt.in)
		if x != tt.x || w.String(line) != tt.width {
			t.Errorf("%+v at %d: cursor %d (want %d), line %q", tt.in, tt.width, x, tt.x, line)
		}
	}
}
