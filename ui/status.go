package ui

import (
	"errors"
	"io/fs"
	"strings"

	tea "charm.land/bubbletea/v2"

	"bao/issues"
	"bao/reader/bookmarks"
)

// The status line is the last line of every screen: where the reader is
// (title and position) on the left, a one-shot message or a key hint on
// the right, reversed across the whole width. Every width is the layout's
// width model. When the line is too narrow for all of it, the hint goes
// first, then the title; the position (article, page, %) stays, and a
// message is shortened rather than dropped.

// statusParts is a screen's left side, title then position, and its key
// hint for the right side ("" for the root's).
type statusParts struct{ title, pos, hint string }

// minMessage is the least room a message is shortened to before the
// position gives way to it.
const minMessage = 12

// statusLine draws the status line of a screen.
func (m *Model) statusLine(p statusParts, hint string) string {
	w := m.c.widths
	width := m.c.width
	title, pos := issues.Sanitize(p.title), issues.Sanitize(p.pos)
	msg := issues.Sanitize(m.status)
	if msg == "" {
		msg = m.warning(width - 2 - w.String(pos) - 2)
	}
	room := width - 1 // the leading space
	var left, right string
	switch {
	case msg != "":
		mw := w.String(msg)
		switch {
		case w.String(pos)+2+mw <= room:
			right = msg
			left = joinStatus(w.Truncate(title, room-w.String(pos)-2-mw-3, "…"), pos)
		case room-w.String(pos)-2 >= minMessage:
			right = w.Truncate(msg, room-w.String(pos)-2, "…")
			left = pos
		default:
			right = w.Truncate(msg, room, "…")
		}
	default:
		full := joinStatus(title, pos)
		switch hw := w.String(hint); {
		case w.String(full)+2+hw <= room:
			left, right = full, hint
		case w.String(pos)+2+hw+8 <= room && title != "":
			left, right = joinStatus(w.Truncate(title, room-w.String(pos)-3-2-hw, "…"), pos), hint
		case w.String(full) <= room:
			left = full
		case w.String(pos)+3+4 <= room && title != "":
			left = joinStatus(w.Truncate(title, room-w.String(pos)-3, "…"), pos)
		default:
			left = w.Truncate(pos, room, "…")
		}
	}
	gap := room - w.String(left) - w.String(right)
	line := " " + left + strings.Repeat(" ", max(gap, 0)) + right
	line = w.Truncate(line, width, "")
	style := m.c.theme.status
	return style.Render(w.PadRight(line, width))
}

func joinStatus(title, pos string) string {
	switch {
	case title == "" || strings.TrimRight(title, "…") == "":
		return pos
	case pos == "":
		return title
	}
	return title + " | " + pos
}

// inputLine draws a line being typed in the status line (a note, a filter,
// a query, a date), with the terminal's cursor at the caret, so an input
// method opens its candidates there. When the text is too long its start
// scrolls off, the caret staying in view. extra (a match counter) is
// shown on the right when it fits.
func (m *Model) inputLine(in inputView) (string, *tea.Cursor) {
	line, x := inputText(m.c.widths, m.c.width, in)
	return m.c.theme.status.Render(line), tea.NewCursor(x, m.c.height-1)
}

// widther is what inputText measures with (layout.Widths).
type widther interface {
	String(s string) int
	Truncate(s string, w int, tail string) string
	PadRight(s string, w int) string
}

// inputText is inputLine's text and the cursor's column.
func inputText(w widther, width int, in inputView) (string, int) {
	before, after := splitAt(in.text, in.caret)
	prompt, before, after, extra := issues.Sanitize(in.prompt), issues.Sanitize(before), issues.Sanitize(after), issues.Sanitize(in.extra)
	text := before + after
	room := width - 2 // leading space, and the cursor's own cell
	if extra != "" && w.String(prompt)+w.String(text)+2+w.String(extra) > room {
		extra = ""
	}
	if extra != "" {
		room -= 2 + w.String(extra)
	}
	for w.String(prompt) > room/2 && prompt != "" {
		// A long prompt gives way to the text first.
		rs := []rune(prompt)
		prompt = string(rs[:len(rs)-1])
	}
	// The text before the caret scrolls off at the start until the caret
	// is in view; the text after it is cut at the end.
	rs := []rune(before)
	for len(rs) > 0 && w.String(prompt)+w.String(string(rs)) > room {
		rs = rs[1:]
	}
	shown := prompt + string(rs)
	x := 1 + w.String(shown)
	if after != "" {
		shown += w.Truncate(after, max(room-w.String(shown)+1, 0), "")
	}
	line := " " + shown
	if extra != "" {
		line = w.PadRight(line, width-w.String(extra)-1) + extra
	}
	line = w.PadRight(w.Truncate(line, width, ""), width)
	return line, min(x, max(width-1, 0))
}

// warning is the unsaved-state warning, worded to fit room cells: the
// longest of its forms that fits, else the shortest cut to room.
func (m *Model) warning(room int) string {
	if m.storeErr == nil || m.store == nil || !m.store.Unsaved() {
		return ""
	}
	reason := saveReason(m.storeErr)
	forms := []string{
		"bookmarks and reading state not saved: " + reason,
		"not saved: " + reason,
		"not saved",
	}
	for _, f := range forms {
		if m.c.widths.String(f) <= room {
			return f
		}
	}
	return forms[len(forms)-1]
}

// saveReason is why the store could not write, in a few words ("read-only
// file system", "no space left on device"), without the path.
func saveReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var we *bookmarks.WriteError
	if errors.As(err, &we) {
		return we.Err.Error()
	}
	return err.Error()
}

// Unsaved reports, once the reader has quit, bookmarks or reading state
// that could not be written (a read-only or full data directory): saving
// is tried once more first. nil when everything was saved.
func (m *Model) Unsaved() error {
	if m.store == nil || !m.store.Unsaved() {
		return nil
	}
	err := m.store.Flush()
	if !m.store.Unsaved() {
		return nil
	}
	if err == nil {
		err = m.storeErr
	}
	reason := "unknown error"
	if err != nil {
		reason = saveReason(err)
	}
	return errors.New("bookmarks and reading state were not saved in " + m.store.Dir() + ": " + reason)
}

// ErrorText words an error for a person: a file error as "PATH: reason",
// without the system call that failed, so the path is said once (also
// when a caller already put the path in front of it).
//
//	ErrorText(&fs.PathError{Op: "open", Path: "x.txt", Err: fs.ErrNotExist}) == "x.txt: file does not exist"
//	ErrorText(fmt.Errorf("x.txt: %w", thatError))                              == "x.txt: file does not exist"
func ErrorText(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return msg
	}
	inner := pe.Path + ": " + pe.Err.Error()
	if err == error(pe) {
		return inner
	}
	if strings.Count(msg, pe.Path) > 1 {
		return strings.Replace(msg, pe.Error(), pe.Err.Error(), 1)
	}
	return strings.Replace(msg, pe.Error(), inner, 1)
}
