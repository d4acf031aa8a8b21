package issues

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Page furniture: the running heads and feet a PDF extraction repeats on
// every page (paper name, date and weekday, "第2版 要闻", "A2", "责任编辑：…",
// a bare page number). They become the page's metadata, never article text.
//
// A line is furniture when every token of it is a furniture token (a date, a
// weekday, a page mark, a section name next to a page mark, the paper's name
// as found repeated at page edges), when it is an editors' credit line, or
// when the same short line recurs at the edges of several pages.

var (
	// "第2版", "第 12 版", "第二版", "第2面", "2面", "제2면", "A2면"
	rePageCJK = lazyRegexp{src: `^(?:第\s*([0-9０-９一二三四五六七八九十百]+)\s*[版面页頁]|제?\s*([A-Z]?[0-9]{1,3})\s*면|([0-9]{1,3})\s*[版面])$`, quick: endsPageCJK}
	// "A2", "B12", "A2版"
	rePageLetter = lazyRegexp{src: `^([A-H])\s?([0-9]{1,2})版?$`, quick: opensPageLetter}
	// "Page 2", "P2", "p. 2", "-2-", "— 2 —", "2"
	rePageLatin = lazyRegexp{src: `^(?:(?:[Pp]age|PAGE|[Pp]\.?)\s*([0-9]{1,3})|[-–—‐]\s*([0-9]{1,3})\s*[-–—‐]|([0-9]{1,3}))$`, quick: opensPageLatin}
	// editors' credit lines
	reEditors = lazyRegexp{src: `^(?:本期值班副总编|本期值班副總編|本期值班总编|本期值班總編|值班副总编|值班副總編|值班总编|值班總編|值班编辑|值班編輯|责任校对|責任校對|责任编辑|責任編輯|本版编辑|本版編輯|责编|責編|美术编辑|美術編輯|美编|美編|版式设计|版式設計|版式|校对|校對|组版|組版|审校|審校|编辑|編輯|照排|视觉设计|編集|担当|편집|교열|デスク)\s*[:：／/]`, quick: opensEditors}
	reWeekday = lazyRegexp{src: `^(?:星期[一二三四五六日天]|週[一二三四五六日]|周[一二三四五六日]|禮拜[一二三四五六日天]|[月火水木金土日]曜日?|[월화수목금토일]요일|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY|(?:Lune|Marte|Mercole|Giove|Vener)dì|(?:LUNE|MARTE|MERCOLE|GIOVE|VENER)DÌ|Sabato|SABATO|Domenica|DOMENICA),?$`, quick: opensWeekday}
	reLunar   = lazyRegexp{src: `^(?:农历|農曆|陰暦|음력)\S*$`, quick: opensLunar}
	reIssueNo = lazyRegexp{src: `^(?:第\s*[0-9]+\s*[期号號]|总第\s*[0-9]+\s*[期号號]|總第\s*[0-9]+\s*[期号號]|今日\s*[0-9]+\s*版|CN\s*[0-9-]+/?[A-Z0-9]*|邮发代号\S*|郵發代號\S*|No\.\s*[0-9]+|Vol\.\s*[0-9]+)$`, quick: opensIssueNo}
	// tokens are separated by spaces and these marks; splitFurniture
	// splits by hand as this pattern's Split does
	reFurnitureSep = lazyRegexp{src: `[\s\x{3000}|｜│丨•●■◆]+`}
)

// splitFurniture splits a running head into its tokens at each run of
// reFurnitureSep, as reFurnitureSep.Split(s, -1) does: a separator at
// either end leaves an empty token there. (By hand because it runs on
// every line at a page's edges; TestSplitFurniture holds it to the pattern.)
func splitFurniture(s string) []string {
	var toks []string
	beg := 0 // the start of the token being read
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isFurnitureSep(r) {
			i += size
			continue
		}
		toks = append(toks, s[beg:i])
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !isFurnitureSep(r) {
				break
			}
			i += size
		}
		beg = i
	}
	return append(toks, s[beg:])
}

// isFurnitureSep: the runes of reFurnitureSep (\s is ASCII space, tab,
// LF, FF and CR there).
func isFurnitureSep(r rune) bool {
	switch r {
	case '\t', '\n', '\f', '\r', ' ', '\u3000', '|', '｜', '│', '丨', '•', '●', '■', '◆':
		return true
	}
	return false
}

// pageMark is what a furniture line says about its page.
type pageMark struct {
	number  int    // 0 if the line names no page
	section string // "" if none
}

// parsePageToken reads a page number from one token, or 0.
func parsePageToken(tok string) int {
	tok = strings.Trim(tok, "（）()[]【】:：")
	if m := rePageCJK.FindStringSubmatch(tok); m != nil {
		for _, g := range m[1:] {
			if g != "" {
				return parseNumber(strings.TrimLeft(g, "ABCDEFGH"))
			}
		}
	}
	if m := rePageLetter.FindStringSubmatch(tok); m != nil {
		return parseNumber(m[2])
	}
	return 0
}

// Quick tests for the page furniture patterns (see lazyRegexp.quick).

// endsPageCJK: every alternative of rePageCJK ends with 版, 面, 页, 頁 or 면.
func endsPageCJK(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return last == '版' || last == '面' || last == '页' || last == '頁' || last == '면'
}

// opensPageLetter: rePageLetter opens with a letter A to H.
func opensPageLetter(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'H' }

// opensPageLatin: rePageLatin opens with a digit, P, p or a dash, and
// ends with a digit or a dash.
func opensPageLatin(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return (isASCIIDigit(first) || first == 'P' || first == 'p' || isDash(first)) && (isASCIIDigit(last) || isDash(last))
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// isDash: the dashes of rePageLatin's "- 2 -".
func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '‐' }

// opensWeekday: each weekday of reWeekday opens with one of these.
func opensWeekday(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	switch first {
	case '星', '週', '周', '禮', '月', '火', '水', '木', '金', '土', '日', '월', '화', '수', '목', '금', '토', '일',
		'M', 'T', 'W', 'F', 'S', 'L', 'G', 'V', 'D':
		return true
	}
	return false
}

// opensLunar: reLunar opens with 农, 農, 陰 or 음.
func opensLunar(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	return first == '农' || first == '農' || first == '陰' || first == '음'
}

// opensIssueNo: each issue number of reIssueNo opens with one of these.
func opensIssueNo(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	switch first {
	case '第', '总', '總', '今', 'C', '邮', '郵', 'N', 'V':
		return true
	}
	return false
}

// opensDigit: the date patterns of running heads open with an ASCII digit.
func opensDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// opensEditors: each role of reEditors opens with one of these.
func opensEditors(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	switch first {
	case '责', '責', '本', '美', '版', '校', '组', '組', '审', '審', '编', '編', '照', '视', '担', '편', '교', 'デ', '值':
		return true
	}
	return false
}

// parseNumber reads ASCII, full-width or Chinese numerals up to 999.
func parseNumber(s string) int {
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			n += cur * 100
			cur = 0
		default:
			d, ok := digits[r]
			if !ok {
				return 0
			}
			cur = d
		}
	}
	return n + cur
}

// furnitureLine decides whether line is page furniture. known holds short
// lines already seen repeated at page edges (running heads), which also
// count as furniture tokens (the paper's name inside a longer running head).
func furnitureLine(line string, known map[string]bool) (pageMark, bool) {
	line = trimSpace(line)
	if line == "" || len(line) > 240 {
		return pageMark{}, false
	}
	if known[line] {
		return pageMark{}, true
	}
	// Quick necessary test: a page mark or a date needs a digit (or 版, 面,
	// 年 with Han numerals); an editors' line needs its colon or slash. A
	// masthead line needs one too, or one of its bare words.
	hint := furnitureHints.in(line)
	if (hint || mastheadBareWords.in(line)) && isMastheadLine(line) {
		return pageMark{}, true
	}
	if !hint {
		return pageMark{}, false
	}
	if reEditors.MatchString(line) {
		var m pageMark
		for _, tok := range splitFurniture(line) {
			if n := parsePageToken(tok); n > 0 {
				m.number = n
			}
		}
		return m, true
	}
	if known[line] {
		return pageMark{}, true
	}
	if utf8.RuneCountInString(line) > 60 || sentenceMarks.in(line) {
		return pageMark{}, false
	}
	if m := rePageLatin.FindStringSubmatch(line); m != nil {
		for _, g := range m[1:] {
			if g != "" {
				return pageMark{number: parseNumber(g)}, true
			}
		}
	}
	if n := parsePageToken(line); n > 0 {
		return pageMark{number: n}, true
	}
	// Token by token: each must be furniture, and one must be a strong
	// mark (a page mark or a date) for the line to be a running head.
	var mark pageMark
	strong := false
	if ds := findDates(line); len(ds) > 0 {
		strong = true
		for i := len(ds) - 1; i >= 0; i-- {
			line = line[:ds[i].start] + " " + line[ds[i].end:]
		}
	}
	toks := splitFurniture(trimSpace(line))
	pendingSection := -1 // index of an unexplained short token next to a page mark
	skipNext := false
	unexplained := 0
	for i, tok := range toks {
		tok = strings.Trim(tok, "·-–—_=~,，()（）")
		if tok == "" {
			continue
		}
		if n := parsePageToken(tok); n > 0 {
			mark.number = n
			strong = true
			// a section name right before the page mark: "要闻 A2"
			if i > 0 && pendingSection == i-1 && mark.section == "" {
				mark.section = strings.Trim(toks[i-1], "·-–—_=~:：")
				unexplained--
			}
			continue
		}
		// "第2版·要闻", "第2版：要闻": the mark glued to its section
		if j := strings.IndexAny(tok, "·:：・"); j > 0 {
			if n := parsePageToken(tok[:j]); n > 0 {
				mark.number, strong = n, true
				_, sz := utf8.DecodeRuneInString(tok[j:])
				mark.section = tok[j+sz:]
				continue
			}
		}
		// "编辑：张三", or "编辑：" then the name as the next token
		if reEditors.MatchString(tok) {
			if strings.HasSuffix(tok, "：") || strings.HasSuffix(tok, ":") {
				skipNext = true
			}
			continue
		}
		if skipNext {
			skipNext = false
			if utf8.RuneCountInString(tok) <= 4 {
				continue
			}
		}
		switch {
		case isDateToken(tok):
			strong = true
			continue
		case reWeekday.MatchString(tok), reLunar.MatchString(tok), reIssueNo.MatchString(tok), known[tok]:
			continue
		}
		// a short word right after a page mark is its section: "第2版 要闻"
		if mark.number > 0 && mark.section == "" && i > 0 && parsePageToken(toks[i-1]) > 0 && isSectionName(tok) {
			mark.section = tok
			continue
		}
		if isSectionName(tok) {
			pendingSection = i
		}
		unexplained++
	}
	if !strong {
		return pageMark{}, false
	}
	// A paper's name may stand unexplained beside the date on a running head.
	if unexplained > 1 || (unexplained == 1 && mark.number == 0 && len(toks) < 2) {
		return pageMark{}, false
	}
	return mark, true
}

// isFurnitureHint: a character a page mark, a date or an editors' line
// needs (an ASCII or full-width digit, 版面页頁年, a colon or a slash).
func isFurnitureHint(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= '０' && r <= '９':
		return true
	}
	switch r {
	case '版', '面', '页', '頁', '年', '：', ':', '／', '/':
		return true
	}
	return false
}

// isSentenceMark: the marks of running text no running head holds (。，！？).
func isSentenceMark(r rune) bool {
	switch r {
	case '。', '，', '！', '？':
		return true
	}
	return false
}

// isSectionName reports whether tok could name a page's section: a short
// word without digits or marks.
func isSectionName(tok string) bool {
	n := utf8.RuneCountInString(tok)
	if n == 0 || n > 8 {
		return false
	}
	return !strings.ContainsAny(tok, "0123456789，。、,.!?！？：:（）()“”")
}

var (
	reDateCJK = lazyRegexp{src: `^(?:([0-9]{4})\s*[年년./-]\s*)?([0-9]{1,2})\s*[月월./-]\s*([0-9]{1,2})\s*[日일]?$`, quick: opensDigit}
	reDateISO = lazyRegexp{src: `^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$`, quick: opensDigit}
)

// isDateToken reports whether one whitespace-free token is (part of) a date.
func isDateToken(tok string) bool {
	tok = strings.Trim(tok, "（）()[],，")
	if reDateCJK.MatchString(tok) || reDateISO.MatchString(tok) {
		return true
	}
	return false
}

var (
	// what only a masthead prints: a CN or ISSN serial number, the issue's
	// running number, the number of pages today, the postal code, the
	// publisher ("国内统一连续出版物号CN 11-0000", "总第3807期", "今日四版",
	// "ISSN 1234-5678", "某某集团主管主办")
	reMasthead = lazyRegexp{src: `(?:CN\s*[0-9]{2}\s*-\s*[0-9]{4}|ISSN\s*[0-9]{4}-[0-9]{3}[0-9X]|[总總]第\s*[0-9]+\s*[期号號]|今日\s*[0-9一二三四五六七八九十]+\s*版|邮发代号|郵發代號|连续出版物号|連續出版物號|^[\p{Han}]{2,24}(?:主管主办|主管主辦|主办|主辦)$)`, quick: hasMastheadWord}
	// a telephone number alone on its line: "（010）84528274", "010-8452 8274"
	rePhoneLine = lazyRegexp{src: `^(?:[（(][0-9]{2,4}[）)]|[0-9]{2,4}-)\s*[0-9]{3,4}[- ]?[0-9]{4}$`, quick: phoneShape}
	// the date of a masthead in pieces: "2024年10月", "16 日 星期三"
	reDatePieces = lazyRegexp{src: `^(?:(?:[0-9]{4}\s*年|[0-9]{1,2}\s*月|[0-9]{1,2}\s*日|星期[一二三四五六日天]|周[一二三四五六日]|週[一二三四五六日])\s*)+$`, quick: hasDatePiece}
)

// phoneShape: rePhoneLine opens with a digit or a parenthesis and ends
// with a digit.
func phoneShape(s string) bool {
	return s != "" && (isASCIIDigit(rune(s[0])) || s[0] == '(' || strings.HasPrefix(s, "（")) && isASCIIDigit(rune(s[len(s)-1]))
}

// hasMastheadWord: each alternative of reMasthead holds one of these.
func hasMastheadWord(s string) bool { return mastheadWords.in(s) }

var mastheadWords = newWordSet("CN", "ISSN", "总第", "總第", "今日", "邮发", "郵發", "出版物", "主办", "主辦")

// hasDatePiece: each piece of reDatePieces holds one of 年月日星周週.
func hasDatePiece(s string) bool { return datePieces.in(s) }

// mastheadBareWords: what isMastheadLine matches without a furniture hint
// (a digit, 版) holds one of these: reMasthead's postal code, serial and
// publisher lines.
var mastheadBareWords = newWordSet("邮发", "郵發", "出版物", "主办", "主辦")

// isMastheadLine reports a line only a masthead or an imprint prints: a
// serial number, the issue's number, the publisher, a bare telephone
// number, the date in pieces, the source line of a reprinted story
// ("《江城日报》（2024年5月6日 第 03 版）").
func isMastheadLine(l string) bool {
	if len(l) > 240 {
		return false
	}
	if rePhoneLine.MatchString(l) || reSourceLine.MatchString(l) {
		return true
	}
	if len(l) <= 40 && hasASCIIDigit(l) && reDatePieces.MatchString(l) {
		return true
	}
	// the sentence marks first: they end the test on a paragraph's line
	// at its first clause, before the regexp's quick test reads it all
	return !sentenceMarks.in(l) && reMasthead.MatchString(l)
}
