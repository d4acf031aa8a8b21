package issues

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rawPara is one paragraph-level piece of the file before it is classified:
// its lines, where it stands, and what Markdown said about it.
type rawPara struct {
	lines   []string
	page    int
	section string
	hint    mdHint
	block   int  // which run of non-blank lines it came from (paginateKeep)
	gap     int  // blank lines before it (its block's first paragraph only)
	closed  bool // ends on a short line inside its block: not cut by a column break
}

// mdHint is what Markdown markup forces on a paragraph.
type mdHint int

const (
	hintNone        mdHint = iota
	hintHeadline           // "# headline": starts an article
	hintSubheadline        // a heading one level down right after a headline
	hintSubhead            // a deeper heading: a sub-section
	hintBold               // a paragraph that is all **bold**
	hintCaption            // an image's alt text
	hintText               // an ordinary Markdown paragraph: never a headline by shape
	hintByline             // a byline's part by its place (under a timestamp)
)

// paginateKeep splits plain text into paragraphs with their pages, taking
// out page furniture. A form feed starts a new page; so does a running head
// naming a new page number in a file without form feeds. It keeps what it
// takes out of the text: the page furniture (running heads and feet, editors' lines, metadata lines,
// boxes that are not stories), per page in page order.
//
// It also marks what the shape of the file says about stories: the line
// next to a metadata line (a crawler's timestamp or URL) is the story's
// headline, and so is a headline-shaped line after a run of two or more
// blank lines in a file that separates its stories so (hintHeadline); the
// short unpunctuated lines under a timestamp are the byline (hintByline).
func paginateKeep(text string) ([]rawPara, []Furniture) {
	sheets := strings.Split(text, "\f")
	known := runningLines(sheets)
	var out []rawPara
	var furn []Furniture
	keep := func(page int, line string) {
		line = trimSpace(line)
		if line == "" {
			return
		}
		if n := len(furn); n > 0 && furn[n-1].Page == page {
			furn[n-1].Lines = append(furn[n-1].Lines, line)
			return
		}
		furn = append(furn, Furniture{Page: page, Lines: []string{line}})
	}
	var metas []metaEvent
	storyGaps := 0 // runs of two or more blank lines before a block
	blockID := 0
	page, section := 0, ""
	for si, sheet := range sheets {
		if si > 0 || page == 0 {
			page++
			section = ""
		}
		numbered := false
		blocks, gaps := sheetBlocksGaps(sheet)
		roles := sheetRoles(blocks)
		for bi, block := range blocks {
			blockID++
			gap := gaps[bi]
			if gap >= 2 && bi > 0 {
				storyGaps++
			}
			marks, isFurn := furnitureBlock(block, known, bi == 0 || bi == len(blocks)-1)
			var body []string
			first := true
			flush := func() {
				paras, closed := splitBlockClosed(body)
				for k, p := range paras {
					rp := rawPara{lines: p, page: page, section: section, block: blockID, closed: closed[k]}
					if first {
						rp.gap = gap
						first = false
					}
					out = append(out, rp)
				}
				body = nil
			}
			for li, line := range block {
				if r := roles[bi][li]; r != roleText {
					flush()
					if r == roleMeta {
						metas = append(metas, metaEvent{at: len(out), block: blockID})
					}
					keep(page, line)
					continue
				}
				if meta, rest, ok := splitMetaPrefix(line); ok {
					flush()
					metas = append(metas, metaEvent{at: len(out), block: blockID})
					keep(page, meta)
					body = append(body, rest)
					flush()
					continue
				}
				if !isFurn[li] {
					body = append(body, line)
					continue
				}
				mark := marks[li]
				if mark.number > 0 {
					if numbered && mark.number != page {
						// a new page inside one sheet: a file without form feeds
						flush()
						section = ""
					}
					page, numbered = mark.number, true
				}
				keep(page, line)
				if mark.section != "" {
					section = mark.section
					// paragraphs already read on this page get the section too
					for i := len(out) - 1; i >= 0 && out[i].page == page && out[i].section == ""; i-- {
						out[i].section = section
					}
				}
			}
			flush()
		}
	}
	markMetaHeadlines(out, metas)
	if storyGaps >= 2 {
		for i := range out {
			if (i == 0 || out[i].gap >= 2) && out[i].hint == hintNone && isHeadlineCandidate(out[i]) {
				out[i].hint = hintHeadline
			}
		}
	}
	return out, furn
}

// metaEvent is where a metadata line stood: before paragraph at of the
// output, in block block.
type metaEvent struct{ at, block int }

// markMetaHeadlines marks the headline next to each run of metadata
// lines: the paragraph just above it in its block, else the paragraph
// before it (a title, a blank line, the timestamp), else the paragraph
// just under it. Short unpunctuated paragraphs under a timestamp in its
// block are the byline ("中時" / "王某").
func markMetaHeadlines(out []rawPara, metas []metaEvent) {
	for i, m := range metas {
		if i > 0 && metas[i-1].at == m.at {
			continue // one run of metadata lines
		}
		switch {
		case m.at > 0 && out[m.at-1].hint == hintHeadline:
		case m.at > 0 && out[m.at-1].block == m.block && isHeadlineCandidate(out[m.at-1]):
			out[m.at-1].hint = hintHeadline
		case m.at > 0 && out[m.at-1].block < m.block && isHeadlineCandidate(out[m.at-1]) &&
			(m.at == 1 || out[m.at-1].gap >= 1):
			out[m.at-1].hint = hintHeadline
		case m.at < len(out) && isHeadlineCandidate(out[m.at]):
			out[m.at].hint = hintHeadline
			continue
		}
		for j := m.at; j < len(out) && j < m.at+3 && out[j].block == m.block && out[j].hint == hintNone; j++ {
			if !isNameLike(out[j]) {
				break
			}
			out[j].hint = hintByline
		}
	}
}

// isHeadlineCandidate: a paragraph that could be a headline by its size
// and its end: one or two lines, not over 100 cells, not ending with a
// full stop, not a byline or a caption.
func isHeadlineCandidate(p rawPara) bool {
	if len(p.lines) > 2 {
		return false
	}
	flat := squeezeSpace(joinLines(p.lines))
	if flat == "" || len(flat) > 400 || cellWidth(flat) > 100 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(flat, closers))
	if strings.ContainsRune("。．.；;：:", last) && !strings.HasSuffix(flat, "...") {
		return false
	}
	return !isStandaloneByline(flat) && !isCaptionStart(flat) && !isCredit(flat)
}

// isNameLike: a short paragraph without marks, as a byline's parts are
// ("中時", "王某", "社會中心／綜合報導").
func isNameLike(p rawPara) bool {
	flat := squeezeSpace(joinLines(p.lines))
	if isStandaloneByline(flat) {
		return true
	}
	return len(p.lines) <= 2 && cellWidth(flat) <= 16 && !bylineBreakers.in(flat) &&
		!strings.ContainsAny(flat, "：:、,") && !hasASCIIDigit(flat)
}

// sheetRoles runs boxRoles over the lines of a page's blocks.
func sheetRoles(blocks [][]string) [][]lineRole {
	var flat []string
	for i, b := range blocks {
		if i > 0 {
			flat = append(flat, "")
		}
		flat = append(flat, b...)
	}
	roles := boxRoles(flat)
	latinMasthead(flat, roles)
	out := make([][]lineRole, len(blocks))
	k := 0
	for i, b := range blocks {
		if i > 0 {
			k++
		}
		out[i] = roles[k : k+len(b)]
		k += len(b)
	}
	return out
}

// isBlank reports whether s is white space alone, as
// trimSpace(strings.Trim(s, "　")) == "" does (U+3000 is white
// space): it stops at the first other rune, most often the first byte.
func isBlank(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !unicode.IsSpace(rune(c)) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// sheetBlocksGaps splits a page into runs of non-blank lines, with the
// number of blank lines before each block. The blocks share the one slice
// of the page's lines (each capped at its end, so appending to one cannot
// overwrite the next).
func sheetBlocksGaps(sheet string) ([][]string, []int) {
	lines := strings.Split(sheet, "\n")
	var blocks [][]string
	var gaps []int
	blank := 0
	start, w := 0, 0
	for _, line := range lines {
		line = trimBlankRight(line)
		if isBlank(line) {
			if w > start {
				blocks = append(blocks, lines[start:w:w])
				start = w
			}
			blank++
			continue
		}
		if w == start {
			gaps = append(gaps, blank)
		}
		blank = 0
		lines[w] = line
		w++
	}
	if w > start {
		blocks = append(blocks, lines[start:w:w])
	}
	return blocks, gaps
}

// furnitureBlock marks the furniture lines of a block. A running head is
// often several lines (paper name, date, page and section) without a blank
// line between them: a short unpunctuated line (the paper's name) in a block
// otherwise made of furniture is furniture too, when the block is at the
// page's top or bottom or has two furniture lines.
func furnitureBlock(block []string, known map[string]bool, edge bool) ([]pageMark, []bool) {
	marks := make([]pageMark, len(block))
	is := make([]bool, len(block))
	n := 0
	for i, line := range block {
		marks[i], is[i] = furnitureLine(trimBlank(line), known)
		if is[i] {
			n++
		}
	}
	// (at least half the block must be furniture already: a headline and
	// its byline over a source line are not a running head)
	if n == 0 || n == len(block) || !(edge || n >= 2) || n*2 < len(block) {
		return marks, is
	}
	for i, line := range block {
		l := trimBlank(line)
		if !is[i] && (cellWidth(l) > 32 || endsSentence(l) || hasClausePunct(l, false)) {
			return marks, is
		}
	}
	// "第2版" over "要闻": a section name on its own line names the page's section
	sectionAt := -1
	for i := range marks {
		if is[i] && marks[i].number > 0 && marks[i].section == "" {
			sectionAt = i
		}
	}
	for i, line := range block {
		if l := trimBlank(line); !is[i] && sectionAt >= 0 && (i == sectionAt+1 || i == sectionAt-1) && isSectionName(l) {
			marks[sectionAt].section = l
		}
	}
	for i := range is {
		is[i] = true
	}
	return marks, is
}

// runningLines finds the running heads and feet: short lines that recur at
// the top or bottom of several pages, and the words (a paper's name) that
// recur beside the page mark or date of running heads on several pages. In
// a file without form feeds, the lines with a page mark divide the pages.
func runningLines(sheets []string) map[string]bool {
	if len(sheets) == 1 {
		sheets = splitAtPageMarks(sheets[0])
	}
	edge := map[string]int{}
	tokens := map[string]int{}
	var lines []string
	for _, sheet := range sheets {
		lines = edgeLines(lines[:0], sheet, 4)
		seen := map[string]bool{}
		for _, l := range lines {
			// (over 240 bytes a line holds over 60 runes: not counted)
			if len(l) > 60*4 || utf8.RuneCountInString(l) > 60 || endsSentence(l) && !isDateLine(l) {
				continue
			}
			if !seen[l] && utf8.RuneCountInString(l) <= 40 && !isRoleOnly(l) && !isStandaloneByline(l) {
				edge[l]++
			}
			seen[l] = true
			// words beside a page mark or a date on a running head
			if _, ok := furnitureLine(l, nil); ok || isDateLine(l) || hasPageToken(l) {
				for _, tok := range splitFurniture(l) {
					if tok != "" && !seen["\x00"+tok] && utf8.RuneCountInString(tok) <= 12 && !strings.ContainsAny(tok, "。，,.") {
						tokens[tok]++
						seen["\x00"+tok] = true
					}
				}
			}
		}
	}
	known := map[string]bool{}
	for l, n := range edge {
		if n >= 2 && len(sheets) >= 2 {
			known[l] = true
		}
	}
	for t, n := range tokens {
		if n >= 2 && len(sheets) >= 2 {
			known[t] = true
		}
	}
	return known
}

// edgeLines appends to dst the first n and the last n non-blank lines of
// a sheet, trimmed of spaces, in order (all of them when it has no more
// than 2n). It reads the sheet from both ends: the lines between are not
// looked at, let alone split and trimmed.
func edgeLines(dst []string, sheet string, n int) []string {
	end := 0 // the head was read up to here
	for head := 0; head < n && end < len(sheet); {
		line := sheet[end:]
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, end = line[:i], end+i+1
		} else {
			end = len(sheet)
		}
		if l := trimBlank(line); l != "" {
			dst = append(dst, l)
			head++
		}
	}
	headLen := len(dst)
	// The tail, read backwards down to where the head stopped. A line
	// that ends the head (before end) is not read again.
	start := len(sheet)
	for tail := 0; tail < n && start > end; {
		line := sheet[end:start]
		if i := strings.LastIndexByte(line, '\n'); i >= 0 {
			line, start = line[i+1:], end+i
		} else {
			start = end
		}
		if l := trimBlank(line); l != "" {
			dst = append(dst, l)
			tail++
		}
	}
	slices.Reverse(dst[headLen:])
	return dst
}

// hasPageToken reports whether a line holds a page mark among its words.
func hasPageToken(l string) bool {
	for _, tok := range splitFurniture(l) {
		if parsePageToken(strings.Trim(tok, "·-–—_=~,，()（）")) > 0 {
			return true
		}
	}
	return false
}

// splitAtPageMarks cuts a file without form feeds into pages at its page
// mark lines ("第2版 要闻", "A2"), each mark starting a page.
func splitAtPageMarks(text string) []string {
	lines := strings.Split(text, "\n")
	var pages []string
	start := 0
	for i, l := range lines {
		if m, ok := furnitureLine(trimBlank(l), nil); ok && m.number > 0 && i > start {
			pages = append(pages, strings.Join(lines[start:i], "\n"))
			start = i
		}
	}
	return append(pages, strings.Join(lines[start:], "\n"))
}

func isDateLine(l string) bool { return len(findDates(l)) > 0 }

// splitBlockClosed cuts a run of non-blank lines into paragraphs.
// Column-wrapped text keeps its lines together; a line break is a
// paragraph break when the next line is indented, when a sentence ends on
// a short line, when a short unpunctuated line (a headline, a byline)
// stands among longer ones, or when every line is a paragraph of its own
// (a file with one paragraph per line). It also tells which paragraphs
// end on a line clearly shorter than the column without a closing mark (a box's
// line, a figure: "…年均增长9.6%"). Such a paragraph is whole: it is not a
// paragraph a column break cut, to be joined to the next.
func splitBlockClosed(lines []string) ([][]string, []bool) {
	if len(lines) == 0 {
		return nil, nil
	}
	if len(lines) == 1 {
		return [][]string{lines}, []bool{false}
	}
	maxW, ends := 0, 0
	for _, l := range lines {
		maxW = max(maxW, cellWidth(trimSpace(l)))
		if endsSentence(l) {
			ends++
		}
	}
	perLine := maxW > 160 || ends*5 >= len(lines)*3
	if !perLine {
		maxW = typicalMaxWidth(lines, maxW)
	}
	colW := columnWidth(lines)
	ragW := raggedWidth(lines)
	if colW > 0 {
		ragW = max(ragW, colW)
	}
	var out [][]string
	var closed []bool
	start := 0
	quotes := 0 // quotation marks open in the paragraph being read
	for i := 0; i < len(lines)-1; i++ {
		cur, next := trimSpace(lines[i]), lines[i+1]
		w := cellWidth(cur)
		quotes += openQuotes(cur)
		short := w*4 < maxW*3 || colW > 0 && w < colW-2 ||
			colW == 0 && ragW > 0 && w <= ragW-3 && quotes <= 0
		nextT := trimSpace(next)
		brk := perLine ||
			indented(next) ||
			endsSentence(cur) && (short || shortUnpunctuated(nextT, maxW)) ||
			// a ragged column: a line clearly shorter than the column ends
			// its paragraph, whatever its last mark
			ragW > 0 && w*100 < ragW*85 && !endsClause(cur) ||
			shortUnpunctuated(cur, maxW) ||
			strings.HasSuffix(cur, "**") || strings.HasPrefix(nextT, "**") ||
			isCredit(cur) || isCaptionStart(nextT) || isStandaloneByline(cur) || isStandaloneByline(nextT) ||
			cur == nextT || // a caption a web page prints twice
			// a caption ending with its credit, over the text
			endsWithCredit(cur) ||
			// a line that opens with a dateline starts the lead
			opensDateline(nextT) ||
			// a headline over its lead in one block: "…“最后一棒”" / "10月9日，…"
			i == 0 && isHeadingShape(cur) && reLeadDate.MatchString(unspaceLetters(nextT)) ||
			// a name under its headline, in the headline's block
			isHanName(nextT) && cellWidth(cur) >= 10 && !endsSentence(cur) && !isHanName(cur)
		if brk && !isDropCap(cur, nextT) {
			out = append(out, lines[start:i+1])
			closed = append(closed, !perLine && ragW > 0 && w*100 < ragW*85 && !endsClause(cur) && !endsSentence(cur))
			start = i + 1
			quotes = 0
		}
	}
	return append(out, lines[start:]), append(closed, false)
}

// typicalMaxWidth is the widest line of a block leaving out a line far
// wider than three in four of them (a caption across the columns set in a
// column's block): the column's width the line-length rules compare with.
func typicalMaxWidth(lines []string, maxW int) int {
	if len(lines) < 4 {
		return maxW
	}
	ws := make([]int, len(lines))
	for i, l := range lines {
		ws[i] = cellWidth(trimSpace(l))
	}
	slices.Sort(ws)
	p75 := ws[len(ws)*3/4]
	best := 0
	for _, w := range ws {
		if w*4 <= p75*5 {
			best = max(best, w)
		}
	}
	if best == 0 {
		return maxW
	}
	return best
}

// raggedWidth is the width of a ragged CJK column (set flush left, lines
// ending where the next character would not fit, so full lines differ by
// a few cells): the width three lines in four stay within, for a block of
// at least four lines most of which are near it. 0 for Latin text.
func raggedWidth(lines []string) int {
	if len(lines) < 4 {
		return 0
	}
	ws := make([]int, 0, len(lines))
	latin := 0
	for _, l := range lines {
		l = trimSpace(l)
		ws = append(ws, cellWidth(l))
		if isLatinText(l) {
			latin++
		}
	}
	if latin*2 > len(lines) {
		return 0
	}
	slices.Sort(ws)
	w := ws[len(ws)*3/4]
	near := 0
	for _, x := range ws {
		if x*100 >= w*85 {
			near++
		}
	}
	if w < 16 || near*2 < len(lines) {
		return 0
	}
	return w
}

// reLeadDate: a lead that opens with its day, "10 月 9 日，".
var reLeadDate = lazyRegexp{src: `^[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*[，,]`, quick: opensDigit}

// endsWithCredit: a line of a caption ending with its photo's credit.
func endsWithCredit(l string) bool {
	if cellWidth(l) > 160 || !creditHints.in(l) {
		return false
	}
	capt, credit := splitCaptionCredit(l)
	return credit != "" && endsSentence(capt)
}

// opensDateline: a line that opens with an agency's dateline
// ("本报讯 （记者…", "新华社北京1月5日电").
func opensDateline(l string) bool {
	if !leadHints.in(l[:min(len(l), 120)]) {
		return false
	}
	loc := reLeadAgency.FindStringIndex(unspaceLetters(l))
	return loc != nil
}

// isHanName: one to four Han characters and nothing else, as a name
// printed on its own line is.
func isHanName(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= 4
}

// openQuotes is how many quotation marks a line opens and leaves open.
func openQuotes(l string) int {
	return strings.Count(l, "“") + strings.Count(l, "「") - strings.Count(l, "”") - strings.Count(l, "」")
}

// endsClause: a line that stops on a comma or an enumeration mark goes on.
func endsClause(l string) bool {
	last, _ := utf8.DecodeLastRuneInString(l)
	return last == '，' || last == '、' || last == ',' || last == '；'
}

// columnWidth is the width of a justified CJK column: the most common line
// width in the block, when most lines share it (give or take a half-width
// digit or letter). It is 0 for ragged (Latin) or too short blocks.
func columnWidth(lines []string) int {
	if len(lines) < 3 {
		return 0
	}
	count := map[int]int{}
	latin := 0
	for _, l := range lines {
		l = trimSpace(l)
		count[cellWidth(l)]++
		if isLatinText(l) {
			latin++
		}
	}
	if latin*2 > len(lines) {
		return 0
	}
	best, bestN := 0, 0
	for w, n := range count {
		near := n + count[w-1] + count[w+1]
		if near > bestN || near == bestN && w > best {
			best, bestN = w, near
		}
	}
	if bestN*2 < len(lines) || best < 8 {
		return 0
	}
	return best
}

// shortUnpunctuated: a line much shorter than its block's width with no
// sentence marks and no final punctuation, as headlines and bylines are.
func shortUnpunctuated(l string, maxW int) bool {
	w := cellWidth(l)
	return w*3 < maxW*2 && !endsSentence(l) && !hasClausePunct(l, isLatinText(l))
}

func indented(l string) bool {
	return strings.HasPrefix(l, "　") || strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")
}
