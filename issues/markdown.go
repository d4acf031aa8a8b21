package issues

import (
	"strings"
)

// frontMatter is the optional YAML header of a Markdown issue:
//
//	---
//	title: 江城日报
//	date: 2024-01-02
//	edition: 早版
//	source: 江城日报社
//	---
//
// Only flat "key: value" pairs are read (quotes stripped); that is all an
// issue's header holds, so no YAML library is needed.
type frontMatter struct {
	title, date, edition, source string
}

// splitFrontMatter returns the front matter and the text after it.
func splitFrontMatter(text string) (frontMatter, string, bool) {
	var fm frontMatter
	if !strings.HasPrefix(text, "---\n") && !strings.HasPrefix(text, "---\r") {
		return fm, text, false
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return fm, text, false
	}
	head := text[4 : 4+end]
	rest := text[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	for _, line := range strings.Split(head, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			fm.title = v
		case "date":
			fm.date = v
		case "edition":
			fm.edition = v
		case "source", "paper", "publisher":
			fm.source = v
		}
	}
	return fm, rest, true
}

var (
	reMDHeading = lazyRegexp{src: `^(#{1,6})\s+(.*?)\s*#*\s*$`}
	reMDImage   = lazyRegexp{src: `^!\[([^\]]*)\]\([^)]*\)\s*$`}
	reMDLink    = lazyRegexp{src: `!?\[([^\]]*)\]\([^)]*\)`}
	reMDList    = lazyRegexp{src: `^\s*(?:[-*+]|[0-9]{1,3}[.)])\s+`}
	reMDRule    = lazyRegexp{src: `^\s*(?:-{3,}|\*{3,}|_{3,})\s*$`}
	reMDCode    = lazyRegexp{src: "`([^`]*)`"}
	reMDEmph    = lazyRegexp{src: `(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_]([^\w*]|$)`}
)

// parseMarkdown turns a Markdown issue into paragraphs with hints: "#"
// headings start articles ("##" when one "#" is the issue's title, as
// headingLevels decides from the structure), a
// heading one level down right after a headline is its subheadline, deeper
// ones are sub-sections, an all-bold paragraph is a banner, an image's alt
// text is a caption. Form feeds still break pages.
func parseMarkdown(text string) (paras []rawPara, title string) {
	lines := strings.Split(text, "\n")
	titleLevel, level := headingLevels(lines)
	page := 1
	var block []string
	var inFence bool
	lastHeadline := false
	flush := func() {
		if len(block) > 0 {
			paras = append(paras, rawPara{lines: block, page: page, hint: hintText})
			lastHeadline = false
		}
		block = nil
	}
	for _, l := range lines {
		for strings.Contains(l, "\f") {
			before, after, _ := strings.Cut(l, "\f")
			if strings.TrimSpace(before) != "" {
				block = append(block, before)
			}
			flush()
			page++
			l = after
		}
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			flush()
			inFence = !inFence
			continue
		}
		if inFence {
			block = append(block, l)
			continue
		}
		switch {
		case t == "":
			flush()
		case reMDRule.MatchString(t):
			flush()
		case reMDHeading.MatchString(t):
			flush()
			m := reMDHeading.FindStringSubmatch(t)
			n, h := len(m[1]), inlineMarkdown(m[2])
			switch {
			case n == titleLevel:
				if title == "" {
					title = h
				}
				continue
			case n <= level:
				paras = append(paras, rawPara{lines: []string{h}, page: page, hint: hintHeadline})
				lastHeadline = true
				continue
			case n == level+1 && lastHeadline:
				paras = append(paras, rawPara{lines: []string{h}, page: page, hint: hintSubheadline})
			default:
				paras = append(paras, rawPara{lines: []string{h}, page: page, hint: hintSubhead})
			}
			lastHeadline = false
		case reMDImage.MatchString(t):
			flush()
			if alt := reMDImage.FindStringSubmatch(t)[1]; alt != "" {
				paras = append(paras, rawPara{lines: []string{alt}, page: page, hint: hintCaption})
			}
		case isWholeBold(t) && len(block) == 0:
			// a bold paragraph, maybe over two lines: collect until the closing **
			block = append(block, t)
			if strings.HasSuffix(t, "**") && len(t) > 4 {
				paras = append(paras, rawPara{lines: trimBold(block), page: page, hint: hintBold})
				block = nil
				lastHeadline = false
			}
		case len(block) > 0 && strings.HasPrefix(block[0], "**") && !strings.Contains(block[0][2:], "**") && strings.HasSuffix(t, "**"):
			block = append(block, t)
			paras = append(paras, rawPara{lines: trimBold(block), page: page, hint: hintBold})
			block = nil
			lastHeadline = false
		case reMDList.MatchString(l):
			flush()
			block = append(block, inlineMarkdown(reMDList.ReplaceAllString(l, "")))
		default:
			t = strings.TrimLeft(t, "> ")
			block = append(block, inlineMarkdown(t))
		}
	}
	flush()
	return paras, title
}

// headingLevels decides from the file's structure which heading level
// starts articles, and which level (if any) is the issue's title. The top
// level present starts articles, unless it is used once, at the top,
// directly over two or more sections one level down that each have body
// text: then it is the issue's title ("# 山海周报" over "## 第一篇",
// "## 第二篇") and those sections are the articles. A top heading followed
// by body text, or by a single section ("# headline" / "## subheadline" /
// body), is an article's headline.
func headingLevels(lines []string) (titleLevel, level int) {
	// the file as a sequence of headings (their level) and body lines (0)
	var seq []int
	inFence := false
	for _, l := range lines {
		t := strings.TrimSpace(strings.ReplaceAll(l, "\f", ""))
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			inFence = !inFence
			seq = append(seq, 0)
		case inFence:
			seq = append(seq, 0)
		case t == "" || reMDRule.MatchString(t):
		case reMDHeading.MatchString(t):
			seq = append(seq, len(reMDHeading.FindStringSubmatch(t)[1]))
		default:
			seq = append(seq, 0)
		}
	}
	count := map[int]int{}
	for _, n := range seq {
		count[n]++
	}
	level = 1
	for level < 6 && count[level] == 0 {
		level++
	}
	if count[level] != 1 || count[level+1] < 2 {
		return 0, level
	}
	top := 0
	for seq[top] != level {
		if seq[top] == level+1 {
			return 0, level // a section before the title
		}
		top++
	}
	if top+1 >= len(seq) || seq[top+1] != level+1 {
		return 0, level // body text (or a deeper heading) under the top heading
	}
	// every section one level down has body text before the next section
	for i := top + 1; i < len(seq); i++ {
		if seq[i] != level+1 {
			continue
		}
		body := false
		for j := i + 1; j < len(seq) && (seq[j] == 0 || seq[j] > level+1); j++ {
			if seq[j] == 0 {
				body = true
				break
			}
		}
		if !body {
			return 0, level
		}
	}
	return level, level + 1
}

func isWholeBold(t string) bool {
	return strings.HasPrefix(t, "**") && !strings.HasPrefix(t, "***")
}

func trimBold(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Trim(strings.TrimSpace(l), "*")
	}
	return out
}

// inlineMarkdown removes inline markup: links and images keep their text,
// code spans their content, bold and emphasis markers go.
func inlineMarkdown(s string) string {
	s = reMDLink.ReplaceAllString(s, "$1")
	s = reMDCode.ReplaceAllString(s, "$1")
	if strings.Count(s, "**")%2 == 0 {
		s = strings.ReplaceAll(s, "**", "")
	}
	if strings.Count(s, "__")%2 == 0 {
		s = strings.ReplaceAll(s, "__", "")
	}
	s = reMDEmph.ReplaceAllString(s, "$1$2$3")
	return strings.ReplaceAll(s, `\`, "")
}

// looksMarkdown reports whether a file without a telling name is Markdown:
// it has front matter, or "#" headings.
func looksMarkdown(text string) bool {
	if strings.HasPrefix(text, "---\n") {
		return true
	}
	n := 0
	for _, l := range strings.SplitN(text, "\n", 400) {
		if reMDHeading.MatchString(l) {
			n++
		}
	}
	return n >= 2
}
