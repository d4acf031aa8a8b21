package issues

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bylines, datelines, captions and credits: the small pieces of an article
// that have a fixed shape. Each pattern is written for the general form, not
// for any one paper.

// roleWords name the people a byline credits.
const roleWords = `记者|記者|评论员|評論員|通讯员|通訊員|实习生|實習生|见习记者|見習記者|特约撰稿人?|特約撰稿人?|撰稿|特派員|特派员|編集委員|论说委员|論説委員|기자|특파원|통신원|논설위원|객원기자`

var (
	// "江城融媒记者 周晓 林一帆", "本报记者 张三 通讯员 李四", "记者 王五",
	// "文/张三", "山田太郎記者"
	reBylineCJK = lazyRegexp{src: `^(?:[●○■◆▲□]\s*)?(?:文[/／]\s*)?[\p{Han}\p{Hangul}A-Za-z]{0,8}(?:` + roleWords + `)\s*[:：]?\s*` + bylineName + `(?:\s*(?:` + roleWords + `)\s*` + bylineName + `)?(?:\s+` + bylineName + `(?:\s*(?:` + roleWords + `)\s*` + bylineName + `)?)*(?:\s*(?:[／/]\s*[\p{Han}]{0,8})?(?:报道|報導|报导|采写|採寫|撰文))?$`, quick: hasRoleWord}
	// "홍길동 기자", "글·사진=홍길동 기자", "山田太郎記者"
	reBylineSuffix = lazyRegexp{src: `^(?:[\p{Han}\p{Hangul}]{2,8}\s+)?(?:[글사진·/=\s]+)?(?:[\p{Hangul}\p{Han}]{2,5}\s*(?:` + roleWords + `)\s*)+$`, quick: hasRoleWord}
	// "By Jane Doe", "By JANE DOE and JOHN ROE, Staff Writers"
	reBylineEn = lazyRegexp{src: `^(?:By|BY|by)\s+[A-Z][A-Za-z.'’-]*(?:\s+[A-Za-z.'’-]+){0,8}(?:,\s*[A-Za-z ]{2,40})?$`, quick: opensBy}

	// A lead whose byline lost its opening parenthesis:
	// "江城融媒记者 周晓)自今年入冬…", "本报记者 张三 通讯员 李四）近日，…"
	reLeadLostParen = lazyRegexp{src: `^([\p{Han}A-Za-z]{0,12}(?:` + roleWords + `)[^()（）。，,]{1,40}?)\s*[)）]\s*`, quick: opensRoleWord}
	// "本报讯（记者 张三）", "本报讯 (通讯员 李四)", "新华社北京1月5日电（记者 李四）",
	// "本报北京1月4日电"
	reLeadAgency = lazyRegexp{src: `^((?:(?:本报|本報|本刊|本台)(?:[\p{Han}]{0,6}(?:[0-9０-９]{1,2}月)?[0-9０-９]{1,2}日)?|(?:[\p{Han}]{1,6}社|[\p{Han}]{2,6}(?:网|網|台))[\p{Han}]{0,8}(?:[0-9０-９]{1,2}月)?[0-9０-９]{1,2}日)(?:讯|訊|电|電))\s*(?:[（(]([^()（）]{1,40})[)）])?\s*[:：]?\s*`}
	// "（中央社記者王小明台北5日電）", "(本报记者 张三 北京3日电)": a whole dateline in parentheses
	reLeadParenDateline = lazyRegexp{src: `^[（(]([^()（）]{2,40}?[0-9０-９]{1,2}日(?:电|電|讯|訊))[)）]\s*`}
	// "홍길동 기자 hong@example.com": a Korean byline with the reporter's address
	reBylineMail = lazyRegexp{src: `^(?:[\p{Hangul}]{2,4}\s*(?:기자|특파원|통신원)\s*)+[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`, quick: hasAt}
	// "【本报讯】", "【東京＝山田太郎】", "【ソウル＝共同】"
	reLeadBracket = lazyRegexp{src: `^【([^【】]{1,40})】\s*`}
	// "[서울=홍길동 기자]", "[Seoul=Hong Gil-dong]"
	reLeadSquare = lazyRegexp{src: `^[\[［]([^\[\]［］]{1,40})[\]］]\s*`}
	// "(서울=연합뉴스) 홍길동 기자 = ", "（東京＝共同）"
	reLeadParenEq = lazyRegexp{src: `^[（(]([^()（）]{1,30}[=＝][^()（）]{1,30})[)）]\s*(?:([\p{Hangul}\p{Han}A-Za-z ]{2,20}?(?:` + roleWords + `))\s*[=＝]?\s*)?`}
	// "LONDON (Reuters) - ", "BEIJING, Jan. 5 (Xinhua) -- ", "PARIS — "
	reLeadWire = lazyRegexp{src: `^([A-Z][A-Z .'’-]{1,30}(?:,\s*[A-Z][A-Za-z]{0,8}\.?\s*[0-9]{1,2})?\s*(?:\([A-Za-z .&]{2,30}\))?)\s*(?:--|[-–—])\s+`}
)

// Quick tests for the byline patterns (see lazyRegexp.quick).

// isRoleInitial: the first characters of the roleWords.
func isRoleInitial(r rune) bool {
	switch r {
	case '记', '記', '评', '評', '通', '实', '實', '见', '見', '特', '撰', '編', '论', '論', '기', '특', '통', '논', '객':
		return true
	}
	return false
}

// roleWordCores: each of the roleWords holds one of these ("见习记者" holds
// 记者, "特约撰稿人" 撰稿, "객원기자" 기자).
var roleWordCores = newWordSet("记者", "記者", "评论员", "評論員", "通讯员", "通訊員", "实习生", "實習生", "撰稿", "特派員", "特派员", "編集委員", "论说委员", "論説委員", "기자", "특파원", "통신원", "논설위원")

// hasRoleWord: a pattern that needs a role word needs one of the
// roleWordCores (a headline with 通 or 特 in it holds no role).
func hasRoleWord(s string) bool { return roleWordCores.in(s) }

// opensRoleWord: reLeadLostParen needs a role word among the first 13
// characters, after nothing but Han characters and Latin letters.
func opensRoleWord(s string) bool {
	for n := 0; n <= 12 && s != ""; n++ {
		r, size := utf8.DecodeRuneInString(s)
		if isRoleInitial(r) {
			return true
		}
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || unicode.Is(unicode.Han, r)) {
			return false
		}
		s = s[size:]
	}
	return false
}

// opensBy: reBylineEn opens with "By", "BY" or "by".
func opensBy(s string) bool { return s != "" && (s[0] == 'B' || s[0] == 'b') }

// hasAt: reBylineMail ends with an address.
func hasAt(s string) bool { return strings.IndexByte(s, '@') >= 0 }

// opensBen: reBylineNoName opens with 本.
func opensBen(s string) bool { return strings.HasPrefix(s, "本") }

// bylineName is a personal name in a byline: two to four characters, or a
// transliterated name with a middle dot ("阿卜杜·热合曼").
const bylineName = `(?:[\p{Han}\p{Hangul}]{2,4}|[\p{Han}]{1,6}[·•][\p{Han}]{1,8})`

// bylineMarks are what a bracketed lead must contain to be a byline or a
// dateline rather than an editorial label such as 【编者按】.
var bylineMarks = []string{"讯", "訊", "电", "電", "=", "＝", "记者", "記者", "기자", "特派", "共同", "時事", "新华", "新華", "연합"}

func hasBylineMark(s string) bool {
	for _, m := range bylineMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// reBylineIt: an Italian byline, "di" and a name of two to four
// capitalised words ("di Maria Rossi", "DI LUCA BIANCHI", "di Anna De Luca").
var reBylineIt = lazyRegexp{src: `^(?:di|DI|Di)\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|di|da|del|della|van|von)){1,3}$`, quick: opensDi}

// opensDi: reBylineIt opens with d or D.
func opensDi(s string) bool { return s != "" && (s[0] == 'd' || s[0] == 'D') }

// reBylineBullet: a name or two after a square, as some papers mark the
// author of a commentary: "□ 田某某", "■ 张三 李四".
var reBylineBullet = lazyRegexp{src: `^[□■◇◆]\s*` + bylineName + `(?:\s+` + bylineName + `){0,3}$`, quick: opensSquare}

// opensSquare: reBylineBullet opens with a square or a diamond.
func opensSquare(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '□' || r == '■' || r == '◇' || r == '◆'
}

// reBylineDesk: a desk or a reporter and the place it reports from, as
// Taiwanese papers print them: "社會中心／綜合報導", "記者林某／南市報導".
var reBylineDesk = lazyRegexp{src: `^[\p{Han}]{2,10}\s*[／/]\s*[\p{Han}]{0,8}(?:报道|報導|报导)$`, quick: endsReport}

// endsReport: reBylineDesk ends with 报道, 報導 or 报导.
func endsReport(s string) bool {
	return strings.HasSuffix(s, "报道") || strings.HasSuffix(s, "報導") || strings.HasSuffix(s, "报导")
}

// isStandaloneByline reports whether a whole paragraph is a byline.
func isStandaloneByline(s string) bool {
	if len(s) > 48*4 || !hasRoleHint(s) {
		return false
	}
	s = squeezeSpace(s)
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 48 || bylineBreakers.in(s) {
		return false
	}
	if plainBylineCJK(s) || reBylineBullet.MatchString(s) || reBylineDesk.MatchString(s) || reBylineCJK.MatchString(s) || reBylineSuffix.MatchString(s) || reBylineEn.MatchString(s) || reBylineIt.MatchString(s) || reBylineNoName.MatchString(s) || reBylineMail.MatchString(s) {
		return true
	}
	// "（记者 张三）", "(通讯员 李四)": a byline printed at the story's end
	if inner, ok := strings.CutPrefix(s, "（"); ok {
		if inner, ok = strings.CutSuffix(inner, "）"); ok {
			return reBylineCJK.MatchString(inner)
		}
	}
	if inner, ok := strings.CutPrefix(s, "("); ok {
		if inner, ok = strings.CutSuffix(inner, ")"); ok {
			return reBylineCJK.MatchString(inner)
		}
	}
	return false
}

// plainBylineCJK is a sufficient test for reBylineCJK, without running
// it, for the byline most papers print: Han characters ending with a role
// word (at most eight before it), then one to several names of two to four
// Han characters, each after one space ("本报记者 张三 李四", "江城融媒记者
// 周晓"). What it refuses goes to the pattern.
func plainBylineCJK(s string) bool {
	head, names, ok := strings.Cut(s, " ")
	if !ok {
		return false
	}
	role := false
	for _, w := range roleWordList {
		if p, ok := strings.CutSuffix(head, w); ok && hanRun(p, 0, 8) {
			role = true
			break
		}
	}
	if !role {
		return false
	}
	for {
		name, rest, more := strings.Cut(names, " ")
		if !hanRun(name, 2, 4) {
			return false
		}
		if !more {
			return true
		}
		names = rest
	}
}

// roleWordList is each of the roleWords ("特约撰稿人?" twice: with and
// without 人).
var roleWordList = func() []string {
	var out []string
	for _, w := range strings.Split(roleWords, "|") {
		if stem, ok := strings.CutSuffix(w, "人?"); ok {
			out = append(out, stem, stem+"人")
			continue
		}
		out = append(out, w)
	}
	return out
}()

// hanRun reports whether s is lo to hi Han characters and nothing else.
func hanRun(s string, lo, hi int) bool {
	n := 0
	for _, r := range s {
		if n++; n > hi || !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return n >= lo
}

// isBylineBreaker: the sentence and clause marks no byline holds.
func isBylineBreaker(r rune) bool {
	switch r {
	case '。', '，', '！', '？', '!', '?', '；':
		return true
	}
	return false
}

// hasRoleHint is a quick necessary test for a byline: a character of a
// role word, a Korean role, an English "By", or a report ("／綜合報導").
func hasRoleHint(s string) bool {
	return roleHints.in(s) || opensSquare(s) || roleHintWords.in(s) ||
		strings.HasPrefix(s, "By ") || strings.HasPrefix(s, "BY ") || strings.HasPrefix(s, "by ") ||
		strings.HasPrefix(s, "di ") || strings.HasPrefix(s, "DI ") || strings.HasPrefix(s, "Di ")
}

var roleHintWords = newWordSet("報導", "报道", "기자", "특파원", "통신원", "위원")

// isRoleHint: the characters of which every Chinese and Japanese role word
// holds one (者员員生稿派委组組).
func isRoleHint(r rune) bool {
	switch r {
	case '者', '员', '員', '生', '稿', '派', '委', '组', '組':
		return true
	}
	return false
}

// reBylineNoName: bylines that credit a role, not a person ("本报评论员",
// "本报特约评论员", "本报调查组").
var reBylineNoName = lazyRegexp{src: `^(?:本报|本報|本刊)(?:特约|特約)?(?:评论员|評論員|调查组|調查組|采访组|採訪組|记者组|記者組)$`, quick: opensBen}

// reJump matches the jump lines that send a story to another page:
// "（下转第2版）", "(上接第1版)", "转A3", "接第四版".
var reJump = lazyRegexp{src: `[（(]?(?:下转|上接|转|接|轉|續|续)(?:第\s*)?[0-9０-９一二三四五六七八九十A-H]{1,3}\s*[版面][）)]?$`, quick: endsJump}

// endsJump: a jump line ends with 版, 面 or a closing parenthesis (the
// quick test of reJump).
func endsJump(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return last == '版' || last == '面' || last == ')' || last == '）'
}

// stripJump removes a jump line at the end of a paragraph and reports
// whether anything is left.
func stripJump(s string) (string, bool) {
	// the pattern is anchored at the end: look at the tail only
	off := max(0, len(s)-48)
	for off > 0 && !utf8.RuneStart(s[off]) {
		off--
	}
	loc := reJump.FindStringIndex(s[off:])
	if loc != nil {
		loc[0] += off
	}
	if loc == nil || !(strings.HasPrefix(s[loc[0]:], "（") || strings.HasPrefix(s[loc[0]:], "(") || loc[0] == 0) {
		return s, s != ""
	}
	s = trimSpace(s[:loc[0]])
	return s, s != ""
}

// splitLead splits a byline or dateline fused to the start of a lead
// paragraph. It returns the byline and the rest, or ok=false.
func splitLead(s string) (byline, rest string, ok bool) {
	// Every pattern is anchored and short: match on the head only.
	full := s
	if len(s) > 256 {
		cut := 256
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	by, restHead, ok := splitLeadHead(s)
	if !ok {
		return "", full, false
	}
	return by, full[len(s)-len(restHead):], true
}

// indexCloseParen is the index of the first ")" or "）" in s, or -1.
func indexCloseParen(s string) int {
	i, j := strings.IndexByte(s, ')'), strings.Index(s, "）")
	if i < 0 || j >= 0 && j < i {
		return j
	}
	return i
}

// isLeadHint: a character one of the dateline patterns needs near the
// start of a lead (讯訊电電【[［(（).
func isLeadHint(r rune) bool {
	switch r {
	case '讯', '訊', '电', '電', '【', '[', '［', '(', '（':
		return true
	}
	return false
}

func splitLeadHead(s string) (byline, rest string, ok bool) {
	if s == "" {
		return "", s, false
	}
	// Cheap tests first: each pattern needs a telltale character.
	if i := indexCloseParen(s); i > 0 && i < 200 {
		if m := reLeadLostParen.FindStringSubmatchIndex(s); m != nil {
			by := s[m[2]:m[3]]
			if strings.Count(by, " ") <= 6 || isStandaloneByline(by) {
				return squeezeSpace(by), s[m[1]:], s[m[1]:] != ""
			}
		}
	}
	if !leadHints.in(s[:min(len(s), 120)]) && !(s[0] >= 'A' && s[0] <= 'Z') {
		return "", s, false
	}
	if m := reLeadParenDateline.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
		return squeezeSpace(s[m[2]:m[3]]), s[m[1]:], true
	}
	if m := reLeadAgency.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
		by := s[m[2]:m[3]]
		if m[4] >= 0 {
			by += "（" + squeezeSpace(s[m[4]:m[5]]) + "）"
		}
		return by, s[m[1]:], true
	}
	if m := reLeadBracket.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
		if in := s[m[2]:m[3]]; hasBylineMark(in) {
			return squeezeSpace(in), s[m[1]:], true
		}
	}
	if m := reLeadSquare.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
		if in := s[m[2]:m[3]]; hasBylineMark(in) {
			return squeezeSpace(in), s[m[1]:], true
		}
	}
	if m := reLeadParenEq.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
		by := s[m[2]:m[3]]
		if m[4] >= 0 {
			by += " " + trimSpace(s[m[4]:m[5]])
		}
		return squeezeSpace(by), s[m[1]:], true
	}
	if m := reLeadWire.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
		by := trimSpace(s[m[2]:m[3]])
		if utf8.RuneCountInString(by) >= 3 {
			return by, s[m[1]:], true
		}
	}
	return "", s, false
}

var (
	// "图为…", "上图：…", "▲…", "写真：…", "사진=…", "Photo: …"
	reCaption = lazyRegexp{src: `^(?:图为|圖為|图片为|圖片為|(?:上|下|左|右|题|題)?[图圖][:：]|图片[:：]|圖片[:：]|[上下左右][图圖]为|[上下左右][图圖]為|[▲△▼▽]|写真[:：は＝=]|사진[=:：]|\(사진|（사진|Photo:|PHOTO:|Pictured:?|Above:|Below:|Left:|Right:)`, quick: opensCaption}
	// "江城融媒记者 林一帆摄", "本报记者 张三 摄", "新华社发", "资料图片",
	// "山田太郎撮影", "사진=연합뉴스", "Photo by Jane Doe", "(Photo: AP)"
	reCredit = lazyRegexp{src: `^[（(]?(?:[^。，！？]{0,30}(?:摄|攝|摄影|攝影|供图|供圖|图片提供|圖片提供|写真提供|撮影|新华社发|新華社發|资料图片|資料圖片|资料图|資料圖)|(?:사진|写真)\s*[=＝:：]\s*[^。]{1,30}|[图圖]\s*[/／]\s*[^。，/／]{2,20}|[Pp]hoto(?:graph)?s?(?: by|:)\s+[^.]{1,40}|PHOTO(?: BY|:)\s+[^.]{1,40})[)）]?$`, quick: mayBeCredit}
)

// reCaptionEnd: a caption that ends with its photo's source in brackets:
// "…一帶。（圖翻攝自某網站）", "…不治。（圖／翻攝畫面）", "…（写真）",
// "…(사진=연합뉴스)", "…(Photo: Reuters)".
var reCaptionEnd = lazyRegexp{src: `[（(](?:[图圖](?:片|為|为)?[／/：:]?|翻攝|翻摄|写真|사진|Photo|PHOTO|資料照|资料照)[^（()）]{0,30}[）)]$`, quick: endsParen}

// endsParen: reCaptionEnd ends with a closing parenthesis.
func endsParen(s string) bool { return strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）") }

// isCaptionEnd reports whether a short paragraph is a caption by its end:
// its photo's source in brackets.
func isCaptionEnd(s string) bool {
	if len(s) > 120*4 || !endsParen(s) || cellWidth(s) > 240 {
		return false
	}
	// the pattern is anchored at the end: look at the tail only
	off := max(0, len(s)-40*3)
	for off > 0 && !utf8.RuneStart(s[off]) {
		off--
	}
	return reCaptionEnd.MatchString(s[off:])
}

// isCaptionStart reports whether s opens a photo caption.
func isCaptionStart(s string) bool { return reCaption.MatchString(s) }

// opensCaption: each alternative of reCaption opens with one of these
// (its quick test).
func opensCaption(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	switch first {
	case '图', '圖', '上', '下', '左', '右', '题', '題', '▲', '△', '▼', '▽', '写', '사', '(', '（',
		'P', 'A', 'B', 'L', 'R':
		return true
	}
	return false
}

// isCredit reports whether a short paragraph is a photo credit.
func isCredit(s string) bool {
	if len(s) > 36*4 || !creditHints.in(s) {
		return false
	}
	s = squeezeSpace(s)
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 36 {
		return false
	}
	return reCredit.MatchString(s)
}

// mayBeCredit: reCredit's first alternative ends with a credit word (摄,
// 摄影, 供图, 图片提供, 新华社发, 资料图片…) before at most one closing
// bracket; the others hold 사진 or 写真, a slash, or Photo.
func mayBeCredit(s string) bool {
	t, ok := strings.CutSuffix(s, ")")
	if !ok {
		t = strings.TrimSuffix(s, "）")
	}
	switch last, _ := utf8.DecodeLastRuneInString(t); last {
	case '摄', '攝', '影', '图', '圖', '供', '发', '發', '片':
		return true
	}
	return strings.Contains(s, "사진") || strings.Contains(s, "写真") || strings.ContainsAny(s, "/／") ||
		strings.Contains(s, "hoto") || strings.Contains(s, "PHOTO")
}

// isCreditHint: a character each alternative of reCredit needs
// (摄攝图圖撮发發影사写hH).
func isCreditHint(r rune) bool {
	switch r {
	case '摄', '攝', '图', '圖', '撮', '发', '發', '影', '사', '写', 'h', 'H':
		return true
	}
	return false
}

// splitCaptionCredit separates a credit that ends a caption's paragraph:
// "图为…作品。 本报记者 张三摄", "图为…作品。（本报记者 张三 摄）".
func splitCaptionCredit(s string) (caption, credit string) {
	for _, sep := range []string{"。", ". ", "！", "）"} {
		i := strings.LastIndex(s, sep)
		if i < 0 {
			continue
		}
		tail := trimSpace(s[i+len(sep):])
		if tail != "" && isCredit(tail) {
			return trimSpace(s[:i+len(sep)]), strings.Trim(squeezeSpace(tail), "()（）")
		}
	}
	// "图为…作品（本报记者 张三摄）"
	if i := strings.LastIndexAny(s, "（("); i > 0 && (strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")")) {
		if tail := s[i:]; isCredit(tail) {
			return trimSpace(s[:i]), strings.Trim(squeezeSpace(tail), "()（）")
		}
	}
	return s, ""
}

// bracketedByline reports whether a whole paragraph is a bracketed byline
// or dateline: "【湊＝山本花子】", "[서울=홍길동 기자]", "（東京＝共同）".
// The same patterns as a fused lead's (splitLeadHead), but the match must
// be the whole paragraph: a line of its own over the lead, as papers set it.
// A bracket without a byline mark ("【编者按】", "[속보]") is a label, not a
// byline.
func bracketedByline(s string) (string, bool) {
	s = trimSpace(s)
	if first, _ := utf8.DecodeRuneInString(s); len(s) > 120 || !strings.ContainsRune("【[［(（", first) {
		return "", false
	}
	for _, re := range []*lazyRegexp{&reLeadBracket, &reLeadSquare} {
		if m := re.FindStringSubmatchIndex(s); m != nil && m[1] == len(s) {
			if in := s[m[2]:m[3]]; hasBylineMark(in) {
				return squeezeSpace(in), true
			}
		}
	}
	if m := reLeadParenEq.FindStringSubmatchIndex(s); m != nil && m[1] == len(s) {
		by := s[m[2]:m[3]]
		if m[4] >= 0 {
			by += " " + trimSpace(s[m[4]:m[5]])
		}
		return squeezeSpace(by), true
	}
	return "", false
}
