package bookmarks

import (
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
)

// Listed is a bookmark with where its issue file is now.
type Listed struct {
	Bookmark
	Location
}

// Resolve locates the issue of each bookmark (each distinct issue once),
// looking in library when the file is not at its path; library may be nil.
// Bookmarks whose file is gone are kept, with Status Missing.
func Resolve(bs []Bookmark, l *Locator, library iter.Seq[string]) []Listed {
	seen := map[IssueRef]Location{}
	out := make([]Listed, len(bs))
	for i, b := range bs {
		loc, ok := seen[b.Issue]
		if !ok {
			loc = l.Locate(b.Issue, library)
			seen[b.Issue] = loc
		}
		out[i] = Listed{b, loc}
	}
	return out
}

// WriteMarkdown writes bookmarks as Markdown: one section per issue (in the
// order the issues first appear in list), each bookmark its headline, the
// quote as a blockquote and the note. Missing files are marked.
//
//	## 2026-11-28 · 晨江日报
//
//	`/news/2026-11-28.txt`
//
//	### 江北新区地铁三号线年底试运行
//
//	> 据介绍，三号线全长二十四公里…
//
//	Check the opening date.
//
//	<sub>article 1, paragraph 2 · marked 2026-11-28 08:01 UTC</sub>
func WriteMarkdown(w io.Writer, list []Listed) error {
	var groups [][]Listed
	index := map[string]int{}
	for _, b := range list {
		key := b.Issue.Hash + "\x00" + b.Issue.Path
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], b)
	}
	var sb strings.Builder
	sb.WriteString("# Bookmarks\n")
	for _, g := range groups {
		first := g[0]
		title := first.Title
		if title == "" {
			title = first.Issue.Path
		}
		if first.Date != "" {
			title = first.Date + " · " + title
		}
		fmt.Fprintf(&sb, "\n## %s\n\n", oneLine(title))
		switch first.Status {
		case Missing:
			fmt.Fprintf(&sb, "`%s` — **file missing** (not at this path, and no file with the same contents found)\n", first.Issue.Path)
		case Moved:
			fmt.Fprintf(&sb, "`%s` (moved from `%s`)\n", first.Location.Path, first.Issue.Path)
		case Changed:
			fmt.Fprintf(&sb, "`%s` (changed since bookmarked)\n", first.Issue.Path)
		default:
			fmt.Fprintf(&sb, "`%s`\n", first.Issue.Path)
		}
		for _, b := range g {
			headline := b.Headline
			if headline == "" {
				headline = "(untitled)"
			}
			fmt.Fprintf(&sb, "\n### %s\n", oneLine(headline))
			if b.Quote != "" {
				fmt.Fprintf(&sb, "\n> %s\n", b.Snippet())
			}
			if b.Note != "" {
				// Lines of a note end in two spaces: Markdown's line break.
				note := strings.Split(strings.TrimRight(b.Note, "\n"), "\n")
				fmt.Fprintf(&sb, "\n%s\n", strings.Join(note, "  \n"))
			}
			fmt.Fprintf(&sb, "\n<sub>%s · marked %s</sub>\n", b.Position.Describe(), b.Created.UTC().Format("2006-01-02 15:04 UTC"))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// oneLine folds line breaks, which would end a Markdown heading or quote.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// Age is how long ago t was, roughly, for lists ("3 days ago").
func Age(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour")
	case d < 60*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day")
	}
	return t.Format(time.DateOnly)
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit + " ago"
	}
	return fmt.Sprintf("%d %ss ago", n, unit)
}
