package ui

import (
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bao/issues"
)

// frontModel is an issue's front page: every article as kicker, headline,
// subheadline and byline, with page, length, reading time and a read mark.
type frontModel struct {
	c        *common
	issue    *issues.Issue
	selected int
	offset   int // first visible article
	read     map[int]bool
	stats    []articleStats
}

// articleStats is what the front page says about an article's length.
type articleStats struct {
	chars   int // characters, not counting spaces
	minutes int // reading time, at least 1
}

// Reading speeds: CJK text at about 400 characters a minute (the usual
// figure for adult Chinese readers), other text at about 200 words a minute.
const (
	cjkPerMinute   = 400
	wordsPerMinute = 200
)

// statsOf counts an article's characters and estimates its reading time.
//
//	statsOf(article of 800 Han characters) == articleStats{chars: 800, minutes: 2}
func statsOf(a *issues.Article) articleStats {
	var st articleStats
	cjk, words := 0, 0
	inWord := false
	for _, b := range a.Blocks {
		for _, r := range b.Text {
			switch {
			case unicode.IsSpace(r):
				inWord = false
				continue
			case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
				cjk++
				inWord = false
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if !inWord {
					words++
				}
				inWord = true
			default:
				inWord = false
			}
			st.chars++
		}
		inWord = false
	}
	secs := cjk*60/cjkPerMinute + words*60/wordsPerMinute
	st.minutes = max((secs+30)/60, 1)
	return st
}

func newFront(c *common, is *issues.Issue) *frontModel {
	f := &frontModel{c: c, issue: is, read: map[int]bool{}}
	for i := range is.Articles {
		f.stats = append(f.stats, statsOf(&is.Articles[i]))
	}
	return f
}

func (f *frontModel) move(d int) {
	n := len(f.issue.Articles)
	if n == 0 {
		return
	}
	f.selected = min(max(f.selected+d, 0), n-1)
}

func (f *frontModel) key(msg tea.KeyPressMsg) {
	k := f.c.keys
	page := max(f.c.height/6, 1)
	switch {
	case key.Matches(msg, k.Down):
		f.move(1)
	case key.Matches(msg, k.Up, k.PrevArticle):
		f.move(-1)
	case key.Matches(msg, k.PageDown):
		f.move(page)
	case key.Matches(msg, k.PageUp):
		f.move(-page)
	case key.Matches(msg, k.HalfDown):
		f.move(max(page/2, 1))
	case key.Matches(msg, k.HalfUp):
		f.move(-max(page/2, 1))
	case key.Matches(msg, k.Top):
		f.move(-len(f.issue.Articles))
	case key.Matches(msg, k.Bottom):
		f.move(len(f.issue.Articles))
	}
}

func (f *frontModel) statusLeft() string {
	title := f.issue.Title
	if d := f.issue.DateString(); d != "" && !strings.Contains(title, d) {
		title += " " + d
	}
	n := len(f.issue.Articles)
	if n == 0 {
		return title + " | no articles"
	}
	return fmt.Sprintf("%s | article %d/%d", title, f.selected+1, n)
}

// masthead is the paper's name centred over a double rule, with the date.
func (f *frontModel) masthead() []string {
	w, t, width := f.c.widths, f.c.theme, f.c.width
	name := w.Truncate(sanitize(f.issue.Title), width, "…")
	pad := max((width-w.String(name))/2, 0)
	lines := []string{strings.Repeat(" ", pad) + t.masthead.Render(name)}
	info := fmt.Sprintf("%d articles", len(f.issue.Articles))
	if d := f.issue.DateString(); d != "" {
		info = d + " | " + info
	}
	info = w.Truncate(info, width, "")
	lines = append(lines, strings.Repeat(" ", max((width-w.String(info))/2, 0))+t.meta.Render(info))
	lines = append(lines, t.rule.Render(strings.Repeat("=", width)))
	return lines
}

// entry is the block of lines for article i.
func (f *frontModel) entry(i int) []string {
	w, t, width := f.c.widths, f.c.theme, f.c.width
	a := &f.issue.Articles[i]
	st := f.stats[i]
	sel := i == f.selected
	indent := "   "
	cut := func(s string) string { return w.Truncate(sanitize(s), max(width-3, 1), "…") }
	var lines []string
	mark := "●" // unread
	style := t.unread
	if f.read[i] {
		mark, style = "○", t.read
	}
	meta := fmt.Sprintf("p.%d", max(a.Page, 1))
	if a.Section != "" {
		meta += " " + sanitize(a.Section)
	}
	meta += fmt.Sprintf(" | %d chars | %d min", st.chars, st.minutes)
	lead := " " + style.Render(mark) + " "
	if w.String(mark) == 2 { // ● is ambiguous: wide terminals give it two cells
		lead = " " + style.Render(mark)
	}
	lines = append(lines, lead+t.meta.Render(cut(meta)))
	if a.Kicker != "" {
		lines = append(lines, indent+t.kicker.Render(cut(a.Kicker)))
	}
	head := cut(a.Headline)
	if head == "" {
		head = "(untitled)"
	}
	if sel {
		lines = append(lines, " >"+" "+t.selected.Render(head))
	} else {
		lines = append(lines, indent+t.headline.Render(head))
	}
	if a.Subheadline != "" {
		lines = append(lines, indent+t.sub.Render(cut(a.Subheadline)))
	}
	if a.Byline != "" {
		lines = append(lines, indent+t.byline.Render(cut(a.Byline)))
	}
	return append(lines, "")
}

func (f *frontModel) view(status string) string {
	lines := f.masthead()
	room := f.c.height - 1 - len(lines)
	if len(f.issue.Articles) == 0 {
		lines = append(lines, "  this issue has no articles")
		return fitScreen(lines, f.c.height-1, status)
	}
	// Keep the selected article in view: scroll down until it fits.
	if f.selected < f.offset {
		f.offset = f.selected
	}
	for {
		used := 0
		for i := f.offset; i <= f.selected; i++ {
			used += len(f.entry(i))
		}
		if used <= room || f.offset >= f.selected {
			break
		}
		f.offset++
	}
	for i := f.offset; i < len(f.issue.Articles) && len(lines) < f.c.height-1; i++ {
		lines = append(lines, f.entry(i)...)
	}
	return fitScreen(lines, f.c.height-1, status)
}
