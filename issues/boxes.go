package issues

import (
	"strings"
	"unicode/utf8"
)

// Lines that are not story text and not a running head either, found line
// by line before the paragraphs are cut (pages.go keeps them in the page's
// furniture, so nothing of them is lost):
//
//   - metadata a crawler or a web page prints beside a story: a timestamp
//     ("2012-03-29T11:38:00+0900", "2025-08-01 13:17", "建立時間：2016/05/21
//     11:44"), a URL. The story's headline stands next to it;
//   - boxes that are not stories: a list of related links under its label
//     (【関連記事】, 相关阅读, "Related" then "・…" lines), a hotline box
//     (专线/專線/Hotline: a number) with its short call to the reader, a
//     "read on" prompt (請繼續往下閱讀...).

var (
	// "2012-03-29T11:38:00+0900", "2025-08-01 13:17", "2016/05/21 11:44:05",
	// "2017年12月9日 00:26", "15:312018/09/16" (time fused before the date),
	// "最新更新：2016/03/19 10:48", "Updated: 2024-01-02 09:30"
	reTimestamp = lazyRegexp{src: `^(?:[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}A-Za-z ]{1,12}[：:]\s*)?(?:` +
		`[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?` +
		`|(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\s*)?[0-9]{4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*日?(?:\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?)$`, quick: hasDigitColonOrT}
	// "http://news.example.com/article/1/", "www.example.com/x"
	reURL = lazyRegexp{src: `^(?:https?://|www\.)[^\s]+$`, quick: opensURL}
	// a hotline: "自殺防治諮詢安心專線：0800-788995（24小時）", "生命線：1995",
	// "Samaritans helpline: 116 123"
	reHotline = lazyRegexp{src: `^[^。，,]{0,16}(?:专线|專線|热线|熱線|生命线|生命線|[Hh]otline|[Hh]elpline|ダイヤル|상담전화|핫라인)[^。：:]{0,6}[：:]\s*[(（+]?[0-9０-９][0-9０-９()（）\-－ ]{2,}[^。]{0,12}$`, quick: hasHotlineWord}
	// a "read on" prompt a web page prints mid-story
	reReadOn = lazyRegexp{src: `^(?:請繼續往下閱讀|请继续往下阅读|繼續閱讀|继续阅读|続きを読む|Continue reading|CONTINUE READING|계속 읽기)[.…。·\s]*$`, quick: opensReadOn}
	// a jump in a Latin-script paper, on its own line: "● a pagina 12",
	// "(Continued on Page 3)", "Continua a pagina 5", "See page 4"
	reJumpLatin = lazyRegexp{src: `^[(●•▶►→]?\s*(?:[Cc]ontinued on [Pp]age|[Cc]ontinues on [Pp]age|CONTINUED ON PAGE|[Ss]ee [Pp]age|[Cc]ontinua a pagina|[Ss]egue a pagina|[Aa] pagina|ALLE PAGINE|[Aa]lle pagine|[Pp]agina)\s+[0-9]{1,3}(?:\s*(?:e|and|-|–)\s*[0-9]{1,3})?\s*[)]?$`, quick: hasPageWord}
	// the label of a box of links: "【関連記事】", "相关阅读", "Related:"
	reLinksLabel = lazyRegexp{src: `^(?:[【\[［■□◆●▶]\s*)?(?:関連記事|関連情報|関連リンク|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|相关报道|相關報導|관련기사|관련 기사|Related(?: articles| stories| links)?|Read more|See also)(?:\s*[】\]］])?\s*[:：]?$`, quick: hasLinksWord}
)

// hasDigitColonOrT: a timestamp holds a digit and a colon or a T (the
// bare dates of running heads, which hold neither, are furniture.go's).
// A match without either is a date with no time, which isMetaLine refuses.
func hasDigitColonOrT(s string) bool {
	return hasASCIIDigit(s) && timestampMarks.in(s)
}

// hasHotlineWord: reHotline names a line: 线, 線, (hot/help)line, ダ(イヤル),
// 상(담전화) or 핫(라인).
func hasHotlineWord(s string) bool { return hotlineWords.in(s) }

var hotlineWords = newWordSet("线", "線", "line", "ダ", "상", "핫")

// opensReadOn: each prompt of reReadOn opens with one of these.
func opensReadOn(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("請请繼继続Cc계", r)
}

// hasLinksWord: each label of reLinksLabel holds one of these.
func hasLinksWord(s string) bool { return linksWords.in(s) }

var linksWords = newWordSet("関連", "相关", "相關", "延伸", "관련", "Related", "Read", "See")

// hasPageWord: reJumpLatin names a page (age, agin, AGE, AGIN).
func hasPageWord(s string) bool {
	return strings.Contains(s, "age") || strings.Contains(s, "agin") || strings.Contains(s, "AGE") || strings.Contains(s, "AGIN")
}

// opensURL: reURL opens with h or w.
func opensURL(s string) bool { return s != "" && (s[0] == 'h' || s[0] == 'w') }

// isMetaLine reports whether a whole line is metadata: a timestamp (a date
// with a time, an ISO time, or a labelled date) or a URL.
func isMetaLine(l string) bool {
	l = trimSpace(l)
	if l == "" || len(l) > 200 {
		return false
	}
	if reURL.MatchString(l) {
		return true
	}
	// a bare date is a running head's (furniture.go); metadata has a time
	// or a label
	return timeMarks.in(l) && reTimestamp.MatchString(l)
}

// splitMetaPrefix cuts a timestamp printed fused before a byline:
// "2019-03-18 23:59聯合報記者陳嘉寧／桃園機場報導" is the timestamp and the
// byline. ok is false unless the rest is a byline.
func splitMetaPrefix(l string) (meta, rest string, ok bool) {
	l = trimSpace(l)
	if len(l) > 200 || !strings.Contains(l, ":") || !hasRoleHint(l) {
		return "", l, false
	}
	re := reTimestamp.get()
	// the longest timestamp prefix that leaves a byline
	for cut := len(l) - 1; cut > 0; cut-- {
		if !utf8.RuneStart(l[cut]) || !isASCIIDigit(rune(l[cut-1])) {
			continue // a timestamp ends with a digit
		}
		head, tail := trimSpace(l[:cut]), trimSpace(l[cut:])
		if tail == "" || !strings.Contains(head, ":") {
			continue
		}
		if re.MatchString(head) && isStandaloneByline(tail) {
			return head, tail, true
		}
	}
	return "", l, false
}

// isListItem: a line of a box of links opens with a bullet.
func isListItem(l string) bool {
	r, _ := utf8.DecodeRuneInString(trimSpace(l))
	switch r {
	case '・', '•', '·', '‧', '●', '○', '▶', '►', '▷', '◆', '■', '□', '※', '-', '–', '*':
		return true
	}
	return false
}

// lineRole is what the line pass found a line to be.
type lineRole int

const (
	roleText lineRole = iota
	roleMeta          // a timestamp or a URL: furniture, and the headline is near
	roleBox           // a line of a box that is not a story: furniture
)

// boxRoles marks, over the lines of a page in order (blocks flattened),
// the metadata lines and the lines of boxes that are not stories.
//
// A box of links is its label and the bulleted lines after it (over blank
// lines too). A hotline box is its hotline lines, the lines between them,
// and up to two lines before them that call the reader ("…關心您：", a short
// line without a full stop), as such boxes are printed.
func boxRoles(lines []string) []lineRole {
	roles := make([]lineRole, len(lines))
	hotlines := false
	for i, l := range lines {
		l = trimSpace(l)
		if l == "" || len(l) > 200 { // these lines are all short
			continue
		}
		digit := hasASCIIDigit(l) // what all but two kinds need
		hotlines = hotlines || digit
		switch {
		case digit && isMetaLine(l), !digit && reURL.MatchString(l):
			roles[i] = roleMeta
		case reReadOn.MatchString(l), digit && reJumpLatin.MatchString(l):
			roles[i] = roleBox
		case len(l) <= 48 && reLinksLabel.MatchString(l):
			j := i + 1
			for j < len(lines) && (trimSpace(lines[j]) == "" || isListItem(lines[j])) {
				j++
			}
			// the label alone, with no list under it, is a subhead
			if j > i+1 {
				for k := i; k < j; k++ {
					roles[k] = roleBox
				}
			}
		}
	}
	for i := 0; hotlines && i < len(lines); i++ {
		if len(lines[i]) > 200 || !reHotline.MatchString(trimSpace(lines[i])) {
			continue
		}
		roles[i] = roleBox
		// the call to the reader above the box
		for k, n := i-1, 0; k >= 0 && n < 2; k-- {
			l := trimSpace(lines[k])
			if l == "" {
				continue
			}
			if roles[k] != roleText || !isBoxCall(l) {
				break
			}
			roles[k] = roleBox
			n++
		}
		// the hotlines after it, with what stands between them
		last := i
		for j := i + 1; j < len(lines) && j <= last+3; j++ {
			if len(lines[j]) <= 200 && reHotline.MatchString(trimSpace(lines[j])) {
				for k := last + 1; k <= j; k++ {
					roles[k] = roleBox
				}
				last = j
			}
		}
		i = last
	}
	return roles
}

// isBoxCall: the line over a hotline box that speaks to the reader: it
// ends with a colon, or it is short and has no full stop.
func isBoxCall(l string) bool {
	if strings.HasSuffix(l, "：") || strings.HasSuffix(l, ":") {
		return cellWidth(l) <= 60
	}
	return cellWidth(l) <= 36 && !strings.ContainsAny(l, "。.") && !isStandaloneByline(l)
}

// latinMasthead marks the paper's name in capitals at the top of a page
// of CJK text ("THE EASTERN DAILY", an English name under a Chinese
// masthead): an all-capitals Latin line of two words or more among the
// first eight lines, on a page whose text is mostly not Latin.
func latinMasthead(lines []string, roles []lineRole) {
	// the candidates first: most pages have none, and then the page's
	// text need not be counted
	var names []int
	for i, n := 0, 0; i < len(lines) && n < 8; i++ {
		l := trimSpace(lines[i])
		if l == "" {
			continue
		}
		n++
		if roles[i] == roleText && len(l) <= 60 && strings.IndexFunc(l, notCapital) < 0 && len(strings.Fields(l)) >= 2 {
			names = append(names, i)
		}
	}
	if len(names) == 0 {
		return
	}
	latin, other := 0, 0
	for _, l := range lines[:min(len(lines), 60)] { // the top of the page tells
		latin, other = countLatinAndKana(l, latin, other)
	}
	if latin*4 > other {
		return
	}
	for _, i := range names {
		roles[i] = roleBox
	}
}

// countLatinAndKana adds to latin the ASCII letters of l and to other its
// characters from U+3040 on (kana, Han, Hangul and beyond), reading bytes
// rather than runes: l is valid UTF-8 (cleanText made it so), where those
// characters are the sequences led by a byte from 0xE4 up (U+4000 on) or
// by 0xE3 with a second byte from 0x81 up (U+3040…U+3FFF).
func countLatinAndKana(l string, latin, other int) (int, int) {
	for i := 0; i < len(l); i++ {
		switch b := l[i]; {
		case b|0x20 >= 'a' && b|0x20 <= 'z':
			latin++
		case b >= 0xE4, b == 0xE3 && i+1 < len(l) && l[i+1] >= 0x81:
			other++
		}
	}
	return latin, other
}

// notCapital: a rune an all-capitals name does not hold.
func notCapital(r rune) bool {
	return !(r >= 'A' && r <= 'Z' || r == ' ' || r == '.' || r == '&' || r == '-' || r == '\'')
}
