package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"bao/issues"
)

// The Markdown view (`M` in an article of a Markdown issue): the article
// as Markdown rendered by glamour in one column, for readers who want the
// file's own look. It is a view the reader asks for; the newspaper columns
// remain the layout engine's.

// articleMarkdown writes an article back as Markdown.
//
//	articleMarkdown(&issues.Article{Headline: "标题", Blocks: []issues.Block{{Text: "正文"}}})
//	== "# 标题\n\n正文\n"
func articleMarkdown(a *issues.Article) string {
	var b strings.Builder
	line := func(prefix, s string) {
		if s = strings.TrimSpace(issues.Sanitize(s)); s != "" {
			b.WriteString(prefix + s + "\n\n")
		}
	}
	if a.Kicker != "" {
		line("**", a.Kicker+"**")
	}
	line("# ", a.Headline)
	line("## ", a.Subheadline)
	if a.Byline != "" {
		line("*", a.Byline+"*")
	}
	for _, bl := range a.Blocks {
		switch bl.Kind {
		case issues.KindSubhead:
			line("### ", bl.Text)
		case issues.KindCaption, issues.KindCredit:
			line("*", bl.Text+"*")
		default:
			line("", bl.Text)
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// markdownView is the rendered article and where the reader is in it.
type markdownView struct {
	lines []string
	first int
	width int        // the width it was rendered for
	bg    background // and the background
}

// render renders a with glamour at width, unless it already is.
func (v *markdownView) render(a *issues.Article, width int, t theme) {
	if v.lines != nil && v.width == width && v.bg == t.bg {
		return
	}
	v.width, v.bg = width, t.bg
	r, err := glamour.NewTermRenderer(t.glamourStyle(), glamour.WithWordWrap(max(min(width-4, 100), 10)))
	if err == nil {
		var out string
		if out, err = r.Render(articleMarkdown(a)); err == nil {
			v.lines = strings.Split(strings.Trim(out, "\n"), "\n")
		}
	}
	if err != nil {
		v.lines = []string{"Markdown view: " + err.Error()}
	}
	v.first = min(v.first, max(len(v.lines)-1, 0))
}

// key moves in the rendered text; height is the number of rows shown.
func (v *markdownView) key(msg tea.KeyPressMsg, k keyMap, height, count int) {
	if d, ok := k.moveBy(msg, height, height/2); ok {
		d = repeat(d, count)
		v.first = min(max(v.first+d, 0), max(len(v.lines)-height, 0))
	}
}

// view is height rows of the rendered text, cut to width by x/ansi (which
// the renderer measures with, as glamour does).
func (v *markdownView) view(width, height int) []string {
	end := min(v.first+height, len(v.lines))
	out := make([]string, 0, height)
	for _, l := range v.lines[v.first:end] {
		out = append(out, ansi.Truncate(l, width, ""))
	}
	return out
}
