package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"bao/issues"
)

// textField is a line the reader types: the query of the find bar and of
// the library search, the note of a bookmark, the filter of the list.
// bubbles' textinput keeps the text and the caret and does the editing
// keys (←/→, home/end and ctrl+a/e, alt+b/f by words, backspace, delete,
// ctrl+w, ctrl+u, ctrl+k); bao draws the line itself (inputText), measured
// with the layout's width model rather than textinput's own tables, so CJK
// and ambiguous characters take the cells the layout says, and puts the
// terminal's own cursor at the caret, where an input method opens its
// candidates. Enter, esc and the keys of the screen around it are the
// caller's, handled before the field sees them.
type textField struct {
	prompt string
	ti     textinput.Model
}

func newTextField(prompt, text string) textField {
	ti := textinput.New()
	ti.Prompt = ""
	ti.SetVirtualCursor(false) // the terminal's cursor, placed by inputText
	// The terminal's bracketed paste arrives as tea.PasteMsg, given to
	// insert; ctrl+v asking the clipboard would paste twice.
	ti.KeyMap.Paste.SetEnabled(false)
	// No suggestions: tab and the arrows are the screens' keys.
	for _, b := range []*key.Binding{&ti.KeyMap.AcceptSuggestion, &ti.KeyMap.NextSuggestion, &ti.KeyMap.PrevSuggestion} {
		b.SetEnabled(false)
	}
	ti.Focus()
	ti.SetValue(issues.Sanitize(text))
	ti.CursorEnd()
	return textField{prompt: prompt, ti: ti}
}

// editingKeys are the keys textinput acts on besides typed text.
func (f *textField) editingKeys() []key.Binding {
	k := f.ti.KeyMap
	return []key.Binding{k.CharacterForward, k.CharacterBackward, k.WordForward, k.WordBackward,
		k.DeleteWordBackward, k.DeleteWordForward, k.DeleteAfterCursor, k.DeleteBeforeCursor,
		k.DeleteCharacterBackward, k.DeleteCharacterForward, k.LineStart, k.LineEnd}
}

// key edits the line with an editing key or typed text. It reports
// whether the key was the field's, and whether the text changed.
func (f *textField) key(msg tea.KeyPressMsg) (handled, changed bool) {
	typed := msg.Text != "" && msg.Mod&^tea.ModShift == 0
	if !typed && !key.Matches(msg, f.editingKeys()...) {
		return false, false
	}
	if typed {
		msg.Text = issues.Sanitize(msg.Text) // text from the terminal never becomes an escape
	}
	before := f.ti.Value()
	f.ti, _ = f.ti.Update(msg) // no command: the cursor is not virtual, and nothing blinks
	return true, f.ti.Value() != before
}

// insert adds pasted text at the caret; it reports whether the text
// changed.
func (f *textField) insert(s string) bool {
	s = issues.Sanitize(strings.ReplaceAll(s, "\n", " "))
	if s == "" {
		return false
	}
	f.ti, _ = f.ti.Update(tea.PasteMsg{Content: s})
	return true
}

func (f *textField) text() string  { return f.ti.Value() }
func (f *textField) runes() []rune { return []rune(f.ti.Value()) }

// view is the field for inputLine, with extra on the right.
func (f *textField) view(extra string) inputView {
	return inputView{prompt: f.prompt, text: f.ti.Value(), caret: f.ti.Position(), extra: extra}
}

// splitAt cuts s at rune caret (clamped).
func splitAt(s string, caret int) (string, string) {
	rs := []rune(s)
	caret = min(max(caret, 0), len(rs))
	return string(rs[:caret]), string(rs[caret:])
}

// holds reports whether the field holds the runes rs.
func (f *textField) holds(rs []rune) bool { return slices.Equal(f.runes(), rs) }
