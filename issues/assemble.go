package issues

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// elemKind is what a paragraph turned out to be.
type elemKind int

const (
	elemText        elemKind = iota
	elemHeading              // a headline, subheadline, kicker or subhead: position decides
	elemBold                 // a **bold** banner: a kicker before the body, a subhead in it
	elemByline               // a byline on its own
	elemLead                 // a lead paragraph with a byline fused to its start
	elemCaption              // a photo caption
	elemCredit               // a photo credit
	elemHeadline             // Markdown "#": always starts an article
	elemSubheadline          // Markdown heading right under a headline
	elemSubhead              // Markdown deeper heading
	elemFurniture            // a jump line ("（下转第2版）"): the page's furniture
)

// elem is one classified paragraph.
type elem struct {
	kind    elemKind
	text    string
	byline  string // for elemLead
	residue string // what of its paragraph no element holds (keepResidue)
	closed  bool   // its paragraph ended on a short line: not cut (rawPara.closed)
	page    int
	section string
}

// unfinished reports whether a text element ends mid-sentence and so
// continues in the next text element (a paragraph cut by a column break).
func (e elem) unfinished() bool { return e.kind == elemText && !e.closed && !endsSentence(e.text) }

// classify decides what one paragraph is by its shape alone and appends
// it to es (a caption may bring its credit: two elements).
func classify(es []elem, p rawPara) []elem {
	base := elem{page: p.page, section: p.section}
	mk := func(k elemKind, text string) elem {
		e := base
		e.kind, e.text = k, text
		return e
	}
	whole := unspaceLetters(squeezeSpace(joinLines(p.lines)))
	flat := whole
	if strings.HasPrefix(flat, "（上接") || strings.HasPrefix(flat, "(上接") || strings.HasPrefix(flat, "（接") {
		if i := strings.IndexAny(flat, "）)"); i > 0 && i < 24 {
			_, n := utf8.DecodeRuneInString(flat[i:])
			es = append(es, mk(elemFurniture, flat[:i+n]))
			flat = trimSpace(flat[i+n:])
		}
	}
	if whole != flat {
		// the text lost a jump: the heading rules read lines, give them it
		p.lines = []string{flat}
	}
	body, _ := stripJump(flat)
	if body == flat {
		return keepResidue(es, len(es), flat, classifyFlat(es, p, flat))
	}
	p.lines = []string{body}
	if body == "" || !strings.HasPrefix(flat, body) {
		return append(es, mk(elemFurniture, flat))
	}
	// the jump goes to the page's furniture, after the text it ends
	n := len(es)
	es = keepResidue(es, n, body, classifyFlat(es, p, body))
	return append(es, mk(elemFurniture, trimSpace(flat[len(body):])))
}

// keepResidue notes on the last of the elements made from one paragraph
// (es[from:]) the characters of its text that none of them holds: the
// brackets a byline or a credit is printed in ("（记者 张三）" is the
// byline "记者 张三"), the parenthesis a byline lost its other half of.
// They end in the issue's unassigned text, so that nothing of the input
// is lost. (Characters compare in NFKC: "(" rebuilt as "（" is the same.)
func keepResidue(_ []elem, from int, text string, es []elem) []elem {
	if len(es) == from {
		return es
	}
	if e := es[from]; len(es) == from+1 && e.byline == "" && e.text == text {
		return es // the common case: one element holding the whole text
	}
	var made strings.Builder
	for _, e := range es[from:] {
		made.WriteString(e.byline) // a lead's byline was its start
		made.WriteString(e.text)
	}
	if r := runeResidue(text, made.String()); r != "" {
		es[len(es)-1].residue += r
	}
	return es
}

// equalIgnoringSpace reports whether a and b hold the same runes in the
// same order once their whitespace is left out.
func equalIgnoringSpace(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n') {
			i++
		}
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		switch {
		case ra == rb:
		case unicode.IsSpace(ra):
			i += na
			continue
		case unicode.IsSpace(rb):
			j += nb
			continue
		default:
			return false
		}
		i, j = i+na, j+nb
	}
}

// subsequenceResidue: when the non-space runes of made are, in order, a
// subsequence of text's, the runes of text left out; ok is false if not.
func subsequenceResidue(text, made string) (string, bool) {
	r, j, _ := subsequenceWalk(text, made)
	for j < len(made) {
		m, n := utf8.DecodeRuneInString(made[j:])
		if !unicode.IsSpace(m) {
			return "", false // made holds more than text
		}
		j += n
	}
	return r, true
}

// subsequenceWalk matches the non-space runes of text, in order, to those
// of made, each to the next one of made if it is the same: the runes of
// text left unmatched, where in made the walk stopped, and how many runes
// of made it took.
func subsequenceWalk(text, made string) (residue string, j, taken int) {
	var b strings.Builder
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		for j < len(made) {
			m, n := utf8.DecodeRuneInString(made[j:])
			if !unicode.IsSpace(m) {
				break
			}
			j += n
		}
		if j < len(made) {
			if m, n := utf8.DecodeRuneInString(made[j:]); m == r {
				j += n
				taken++
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String(), j, taken
}

// headResidue is subsequenceResidue(head+tail, madeHead+tail) found from
// the heads: when the walk of head takes from made the non-space runes of
// madeHead and no more, the walk of tail then matches tail to itself and
// leaves nothing out. The walk of head may look at tail's first non-space
// rune in made, no further. ok is false when the heads cannot tell.
func headResidue(head, madeHead, tail string) (string, bool) {
	r, _, taken := subsequenceWalk(head, madeHead+tailLook(tail))
	if taken != nonSpaceRunes(madeHead) {
		return "", false
	}
	return r, true
}

// tailLook is tail up to and with its first non-space rune: what of it a
// walk of the heads may look at (headResidue).
func tailLook(tail string) string {
	end := 0
	for end < len(tail) {
		r, n := utf8.DecodeRuneInString(tail[end:])
		end += n
		if !unicode.IsSpace(r) {
			break
		}
	}
	return tail[:end]
}

// nonSpaceRunes counts the runes of s that are not white space.
func nonSpaceRunes(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// runeResidue is what of text's non-space characters (in NFKC) made does
// not hold, counted as multisets, in text's order.
func runeResidue(text, made string) string {
	if text == made || equalIgnoringSpace(text, made) {
		return ""
	}
	// made most often ends as text does (a lead is its byline, then the
	// rest of its paragraph): the walk needs only the heads before that
	// common tail
	head, madeHead, tail := cutCommonTail(text, made)
	// as printed first; NFKC only when something is missing as printed
	// (a bracket rebuilt full-width is the same bracket)
	if r, ok := headResidue(head, madeHead, tail); ok {
		if r == "" {
			return ""
		}
	} else if r := multisetResidue(text, made); r == "" {
		return ""
	}
	// NFKC maps a tail of runes that each stand at a normalization
	// boundary alone, the same in both: the heads decide again
	if nfkcRunewise(tail) {
		if r, ok := headResidue(nfkc(head), nfkc(madeHead), nfkc(tailLook(tail))); ok {
			return r
		}
	}
	return multisetResidue(nfkc(text), nfkc(made))
}

// cutCommonTail splits a and b before the longest tail they share that
// starts at a rune: a = aHead+tail, b = bHead+tail. Walking aHead and
// bHead rune by rune reads the runes a walk of a and b reads before tail.
func cutCommonTail(a, b string) (aHead, bHead, tail string) {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	for n > 0 && !utf8.RuneStart(a[len(a)-n]) {
		n--
	}
	return a[:len(a)-n], b[:len(b)-n], a[len(a)-n:]
}

// nfkc is norm.NFKC.String, without the normalizer's buffered walk for the
// text a paragraph is made of: ASCII, ideographs, kana, Hangul syllables
// and CJK punctuation, where NFKC maps each rune alone (a full-width form
// to its ASCII letter, U+3000 to a space) and no two of them compose. Any
// other rune (a combining mark, a jamo, "…", a compatibility ideograph)
// sends the whole text to the normalizer.
func nfkc(s string) string {
	wide := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch k := nfkcKind(r); {
		case k == nfkcOther:
			return norm.NFKC.String(s)
		case k == nfkcWide:
			wide = true
		}
		i += n
	}
	if !wide {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b = append(b, byte(r-0xFEE0))
		case r == 0x3000:
			b = append(b, ' ')
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// nfkcRunewise reports whether nfkc maps s rune by rune: every rune of
// it composes with nothing before it, so NFKC(x+s) is NFKC(x)+NFKC(s).
func nfkcRunewise(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if nfkcKind(r) == nfkcOther {
			return false
		}
		i += n
	}
	return true
}

// What NFKC does to a rune alone, for nfkc.
const (
	nfkcKeep  = iota // NFKC-stable, and composes with none of the kept runes
	nfkcWide         // a full-width ASCII form or U+3000: one ASCII byte
	nfkcOther        // anything else: the normalizer decides
)

func nfkcKind(r rune) int {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r == 0x30FC, // kana, ー
		r >= 0xAC00 && r <= 0xD7A3,                           // Hangul syllables
		r == 0x3001, r == 0x3002, r >= 0x3008 && r <= 0x3011, // 、。〈〉《》「」『』【】
		r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D, r == 0x00B7: // —‘’“”·
		return nfkcKeep
	case r >= 0xFF01 && r <= 0xFF5E, r == 0x3000:
		return nfkcWide
	}
	return nfkcOther
}

// multisetResidue lists the non-space runes of text that made lacks,
// counted as multisets, in text's order.
func multisetResidue(text, made string) string {
	// made is most often text with a few runes left out (the brackets of
	// a byline): then the runes left out are the residue, found in one walk
	if r, ok := subsequenceResidue(text, made); ok {
		return r
	}
	have := map[rune]int{}
	for _, r := range made {
		have[r]++
	}
	var b strings.Builder
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		if have[r] > 0 {
			have[r]--
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// classifyFlat is classify of a paragraph's text without its jump lines.
func classifyFlat(es []elem, p rawPara, flat string) []elem {
	base := elem{page: p.page, section: p.section, closed: p.closed}
	mk := func(k elemKind, text string) elem {
		e := base
		e.kind, e.text = k, text
		return e
	}
	if p.hint == hintByline {
		return append(es, mk(elemByline, flat))
	}
	switch p.hint {
	case hintHeadline:
		return append(es, mk(elemHeadline, headingText(p.lines)))
	case hintSubheadline:
		return append(es, mk(elemSubheadline, headingText(p.lines)))
	case hintSubhead:
		return append(es, mk(elemSubhead, headingText(p.lines)))
	case hintBold:
		return append(es, mk(elemBold, headingText(p.lines)))
	case hintCaption:
		return append(es, mk(elemCaption, flat))
	}
	// **bold banner**, possibly over two lines
	if strings.HasPrefix(flat, "**") && strings.HasSuffix(flat, "**") && len(flat) > 4 {
		lines := make([]string, len(p.lines))
		for i, l := range p.lines {
			lines[i] = strings.Trim(trimSpace(l), "*")
		}
		return append(es, mk(elemBold, headingText(lines)))
	}
	flat = stripInlineBold(flat)
	if isCredit(flat) {
		return append(es, mk(elemCredit, strings.Trim(flat, "()（）")))
	}
	if isCaptionStart(flat) {
		capt, credit := splitCaptionCredit(flat)
		es = append(es, mk(elemCaption, capt))
		if credit != "" {
			es = append(es, mk(elemCredit, credit))
		}
		return es
	}
	if isCaptionEnd(flat) {
		return append(es, mk(elemCaption, flat))
	}
	// a sentence that ends with its photographer's credit is a caption:
	// "…完工装船。 特约记者 某某 摄"
	if len(flat) <= 160*3 && creditHints.in(flat[max(0, len(flat)-36*4):]) && cellWidth(flat) <= 160 {
		if capt, credit := splitCaptionCredit(flat); credit != "" && endsSentence(capt) && strings.HasPrefix(flat, capt) {
			es = append(es, mk(elemCaption, capt))
			return append(es, mk(elemCredit, trimSpace(flat[len(capt):])))
		}
	}
	if by, ok := bracketedByline(flat); ok {
		return append(es, mk(elemByline, by))
	}
	if isStandaloneByline(flat) {
		return append(es, mk(elemByline, strings.Trim(flat, "()（）")))
	}
	if isRoleOnly(flat) {
		// "本报记者" over the name on the next line
		return append(es, mk(elemByline, flat))
	}
	if by, rest, ok := splitLead(flat); ok {
		e := mk(elemLead, trimSpace(rest))
		e.byline = by
		return append(es, e)
	}
	// (len first: over 4 bytes a cell, a text is wider than 48 cells without measuring)
	if p.hint != hintText && len(flat) <= 48*4 && cellWidth(flat) <= 48 && reNumberedHead.MatchString(flat) && !endsSentence(flat) {
		return append(es, mk(elemSubhead, flat))
	}
	if p.hint != hintText && len(p.lines) <= 3 && isHeadingShape(flat) {
		if len(p.lines) == 2 && isHeadAndDeck(p.lines[0], p.lines[1]) {
			es = append(es, mk(elemHeading, headingText(p.lines[:1])))
			return append(es, mk(elemHeading, headingText(p.lines[1:])))
		}
		return append(es, mk(elemHeading, headingText(p.lines)))
	}
	return append(es, mk(elemText, flat))
}

// isHeadAndDeck reports whether two heading lines are a headline and the
// deck under it rather than one headline wrapped or a banner of two
// halves: the deck is a list of clauses ("某某致辞 某某出席并讲话 某某主持")
// clearly shorter than the headline but not a wrapped remnant, and the
// headline leaves no bracket open.
func isHeadAndDeck(head, deck string) bool {
	head, deck = squeezeSpace(head), squeezeSpace(deck)
	hw, dw := cellWidth(head), cellWidth(deck)
	if isLatinText(head) || openBrackets(head) > 0 || dw*5 < hw*2 || dw*5 > hw*4 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(deck)
	return strings.Count(deck, " ") >= 2 && !strings.ContainsRune(closers, first)
}

// headingText joins the lines of a heading with a space: a line break in a
// headline or banner separates its parts ("学思想 强党性" / "重实践 建新功").
//
// A headline wrapped in the middle of a phrase joins without a space: when
// the line before leaves a bracket or quotation mark open, or the next opens
// with a closing mark ("…（“十四五”的发" / "展镜头）").
func headingText(lines []string) string {
	var b strings.Builder
	open := 0
	for _, l := range lines {
		l = unspaceLetters(squeezeSpace(l))
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			first, _ := utf8.DecodeRuneInString(l)
			last, _ := utf8.DecodeLastRuneInString(b.String())
			wrapped := (open > 0 || strings.ContainsRune(closers+"，、。", first)) && (isCJK(first) || isCJK(last))
			if !wrapped {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
		open += openBrackets(l)
	}
	return b.String()
}

// openBrackets is how many brackets and quotation marks a line opens and
// leaves open.
func openBrackets(l string) int {
	n := 0
	for _, r := range l {
		switch r {
		case '（', '(', '“', '「', '『', '《', '【':
			n++
		case '）', ')', '”', '」', '』', '》', '】':
			n--
		}
	}
	return n
}

func stripInlineBold(s string) string {
	if strings.Count(s, "**")%2 == 0 {
		s = strings.ReplaceAll(s, "**", "")
	}
	return s
}

// isHeadingShape: a headline is short, has no clause or sentence marks and
// does not end like a sentence; it does not start like a continuation
// (closing marks, lowercase letters).
func isHeadingShape(s string) bool {
	if len(s) > 400 {
		return false // over 100 cells: see promoteHeadlines
	}
	// a tag after the headline: "服务消费潜力巨大（专家点评）"
	if head, tag := cutHeadlineTag(s); tag != "" {
		s = head
	}
	w := cellWidth(s)
	if w == 0 || w > 100 || endsSentence(s) {
		return false
	}
	latin := isLatinText(s)
	if hasClausePunct(s, latin) {
		return false
	}
	if strings.HasPrefix(s, "——") {
		s = strings.TrimLeft(s, "—")
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(first) || strings.ContainsRune("，,、。．）)」』”’】》；;：:…—-", first) {
		return false
	}
	if latin && len(strings.Fields(s)) > 16 {
		return false
	}
	return !looksCut(s, latin)
}

// cutHeadlineTag cuts the tag a headline may end with: a short label in
// brackets with no sentence marks in it, "（专家点评）", "（“十四五”的发展镜头）",
// "(update)". tag is "" when there is none or nothing stands before it.
func cutHeadlineTag(s string) (head, tag string) {
	if !strings.HasSuffix(s, "）") && !strings.HasSuffix(s, ")") {
		return s, ""
	}
	open := strings.LastIndexAny(s, "(（")
	if open <= 0 {
		return s, ""
	}
	tag = s[open:]
	if utf8.RuneCountInString(tag) > 16 || clausePuncts.in(tag) {
		return s, ""
	}
	return trimSpace(s[:open]), tag
}

// looksCut reports a line that stops where no headline would: on a Korean
// particle or connective ("…갖추는 것이"), or on an English function word
// ("…consult the").
func looksCut(s string, latin bool) bool {
	words := strings.Fields(s)
	if len(words) < 2 {
		return false
	}
	last := words[len(words)-1]
	if latin {
		return isCutWordEn(strings.ToLower(last)) && unicode.IsLower([]rune(last)[0])
	}
	r := []rune(last)
	if !isHangul(r[len(r)-1]) || len(r) < 2 {
		return false
	}
	return strings.ContainsRune("이가을를은는의에와과고며서도로면게며지", r[len(r)-1]) && len(words) >= 4
}

// isCutWordEn reports the English function words no headline ends on. A
// switch, not a map: a map literal is built at package init.
func isCutWordEn(w string) bool {
	switch w {
	case "the", "a", "an", "of", "to", "and", "in",
		"for", "with", "that", "by", "on", "at", "from", "or", "but",
		"as", "is", "was", "were", "are", "be", "had", "has", "have",
		"which", "who", "their", "his", "her", "its", "would", "could":
		return true
	}
	return false
}

// reNumberedHead matches the numbered sub-section heads of Chinese and
// Japanese papers: "一、加强组织领导", "（二）完善机制", "3. Results".
var reNumberedHead = lazyRegexp{src: `^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[、．.]\s*[^0-9\s])`}

// markRepeats makes captions of the text paragraphs printed twice, one
// after the other or with one paragraph between: a web page shows a
// photo's caption under the photo and again in the gallery, never a
// paragraph of the story.
func markRepeats(es []elem) {
	for i := range es {
		if es[i].kind != elemText {
			continue
		}
		for j := i + 1; j < len(es) && j <= i+2; j++ {
			if (es[j].kind == elemText || es[j].kind == elemCaption) && es[j].text == es[i].text {
				es[i].kind, es[j].kind = elemCaption, elemCaption
			}
		}
	}
}

// isRoleOnly: a byline's role without the name, printed on a line of its
// own over it ("本报记者", "特約記者").
func isRoleOnly(s string) bool {
	if len(s) > 40 || !hasRoleHint(s) {
		return false
	}
	return reRoleOnly.MatchString(s)
}

var reRoleOnly = lazyRegexp{src: `^[\p{Han}]{0,6}(?:` + roleWords + `)$`, quick: endsRoleWord}

// endsRoleWord: reRoleOnly ends with one of the roleWords, and so with
// one of these.
func endsRoleWord(s string) bool {
	for _, w := range roleWordEnds {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

var roleWordEnds = [...]string{"记者", "記者", "评论员", "評論員", "通讯员", "通訊員", "实习生", "實習生", "撰稿", "撰稿人", "特派員", "特派员", "編集委員", "论说委员", "論説委員", "기자", "특파원", "통신원", "논설위원"}

// markBylineParts finds the bylines printed in pieces under a headline:
// a role alone over the name ("本报记者" / "王某"), and a name under the
// headline, whole or one character a line ("陶某某", "洪" / "勇"), before
// the body. A name is one to four Han characters (six for all the pieces).
func markBylineParts(es []elem) {
	isName := func(e elem, max int) bool {
		if e.kind != elemHeading && e.kind != elemText {
			return false
		}
		n := 0
		for _, r := range e.text {
			if !unicode.Is(unicode.Han, r) {
				return false
			}
			n++
		}
		return n >= 1 && n <= max
	}
	bodyAfter := func(j int) bool {
		return j < len(es) && (es[j].kind == elemText || es[j].kind == elemLead || es[j].kind == elemCaption ||
			es[j].kind == elemByline || es[j].kind == elemHeading)
	}
	for i := 1; i < len(es); i++ {
		prev := es[i-1]
		switch {
		case prev.kind == elemByline && isRoleOnly(prev.text) && isName(es[i], 4):
			es[i].kind = elemByline
		case (prev.kind == elemHeading || prev.kind == elemHeadline) && cellWidth(prev.text) >= 10 && isName(es[i], 4):
			j, n := i, 0
			for j < len(es) && isName(es[j], 4) && n+utf8.RuneCountInString(es[j].text) <= 6 {
				n += utf8.RuneCountInString(es[j].text)
				j++
			}
			if !bodyAfter(j) || es[j].kind == elemHeading && isName(es[j], 4) {
				continue
			}
			for k := i; k < j; k++ {
				es[k].kind = elemByline
			}
			i = j - 1
		}
	}
}

// promoteHeadlines turns a short text paragraph into a heading when a
// byline or a lead follows it at once: a headline with a comma or an
// exclamation ("稳中求进，开创新局", "加油，中国队！"). A paragraph ending with
// a full stop stays text.
func promoteHeadlines(es []elem) {
	for i := 0; i+1 < len(es); i++ {
		e := &es[i]
		// (a rune is at most 4 bytes and at least 1 cell wide: over 160
		// bytes is over 40 cells without measuring)
		if e.kind != elemText || len(e.text) > 160 || cellWidth(e.text) > 40 {
			continue
		}
		if n := es[i+1].kind; n != elemByline && n != elemLead {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(e.text, closers))
		if strings.ContainsRune("。．.；;…：:", last) || strings.ContainsAny(e.text, "。．") {
			continue
		}
		e.kind = elemHeading
	}
}

// isShortHeading: short enough to be a sub-section heading inside an article
// ("市妇联", "林堆社区", "Reaction") rather than a story's headline.
func isShortHeading(s string) bool {
	if isLatinText(s) {
		return len(strings.Fields(s)) <= 3
	}
	return cellWidth(s) <= 24
}

// mergeContinuations rejoins paragraphs cut by a column or page break: a
// text element that ends mid-sentence continues into the next text element,
// even across a caption or credit set between the columns. A heading-shaped
// fragment ("层治理联席会议制度") continues it too, unless a byline follows it,
// which makes it a real headline.
func mergeContinuations(es []elem) []elem {
	out := make([]elem, 0, len(es))
	open := -1         // index in out of a paragraph that ends mid-sentence
	var parts []string // its pieces, joined when it closes
	merges := 0
	closeOpen := func() {
		if open >= 0 && len(parts) > 1 {
			out[open].text = joinLines(parts)
		}
		open, parts, merges = -1, nil, 0
	}
	for i, e := range es {
		if open >= 0 && len(out)-1-open <= 3 {
			strong := i+1 < len(es) && (es[i+1].kind == elemByline || es[i+1].kind == elemLead || es[i+1].kind == elemHeading)
			if e.kind == elemText || e.kind == elemHeading && !strong {
				parts = append(parts, e.text)
				merges++
				out[open].kind = elemText
				out[open].residue += e.residue
				// a paragraph is not cut by more than a few column breaks
				if endsSentence(e.text) || merges >= 8 {
					closeOpen()
				}
				continue
			}
			if e.kind == elemCaption || e.kind == elemCredit || e.kind == elemFurniture {
				// captions set between the columns stay after the paragraph
				out = append(out, e)
				continue
			}
		}
		closeOpen()
		out = append(out, e)
		if e.unfinished() {
			open, parts = len(out)-1, []string{e.text}
		}
	}
	closeOpen()
	return out
}

// assembleKeep builds articles from classified paragraphs by position: a
// run of headings followed by a byline or lead starts an article; a short
// heading inside a story with a body is a sub-section; a headline-shaped
// line after a story that had none is that story's headline (the headline
// printed under its body); a bold banner before the body is the kicker.
// It loses nothing: the text of a story that came to nothing (a byline
// with neither headline nor body) is returned as unassigned.
func assembleKeep(es []elem) ([]Article, []string) {
	arts, dashes := assembleAll(es)
	out := arts[:0]
	unassigned := dashes
	for _, e := range es {
		if e.residue != "" {
			unassigned = append(unassigned, e.residue)
		}
	}
	for i := range arts {
		a := &arts[i]
		// a story with a byline and a body but no headline, after one whose
		// kicker is as long as a headline: that was its headline, read
		// before the story over it (a photo stood between them)
		if a.Headline == "" && a.Byline != "" && len(a.Blocks) > 0 && i > 0 {
			if prev := &arts[i-1]; cellWidth(prev.Kicker) >= 24 && prev.Subheadline != "" {
				a.Headline, prev.Kicker = prev.Kicker, ""
			}
		}
	}
	for _, a := range arts {
		if a.Headline != "" || len(a.Blocks) > 0 {
			out = append(out, a)
			continue
		}
		for _, s := range []string{a.Kicker, a.Subheadline, a.Byline} {
			if s != "" {
				unassigned = append(unassigned, s)
			}
		}
	}
	return out, unassigned
}

// mergeFurniture adds the jump lines the classifier took out of the
// paragraphs to the pages' furniture.
func mergeFurniture(furn []Furniture, es []elem) []Furniture {
	for _, e := range es {
		if e.kind != elemFurniture {
			continue
		}
		page := max(e.page, 1)
		i := 0
		for i < len(furn) && furn[i].Page < page {
			i++
		}
		if i == len(furn) || furn[i].Page != page {
			furn = slices.Insert(furn, i, Furniture{Page: page})
		}
		furn[i].Lines = append(furn[i].Lines, e.text)
	}
	return furn
}

// assembleAll is assembleKeep without dropping the stories that came to nothing.
func assembleAll(es []elem) ([]Article, []string) {
	var arts []Article
	var residue []string // what setHeadlines trims ("——" before a subheadline)
	setHeadlines := func(a *Article, run []elem) {
		before := a.Kicker + a.Headline + a.Subheadline
		for _, e := range run {
			before += e.text
		}
		setHeadlines(a, run)
		if r := runeResidue(before, a.Kicker+a.Headline+a.Subheadline); r != "" {
			residue = append(residue, r)
		}
	}
	var cur *Article
	hasBody := false
	kicker := "" // a banner waiting for the headline under it
	start := func(e elem) {
		arts = append(arts, Article{Page: max(e.page, 1), Section: e.section})
		cur = &arts[len(arts)-1]
		hasBody = false
	}
	add := func(k BlockKind, text string) {
		if text == "" {
			return
		}
		cur.Blocks = append(cur.Blocks, Block{Kind: k, Text: text})
		if k == KindText {
			hasBody = true
		}
	}
	for i := 0; i < len(es); i++ {
		e := es[i]
		switch e.kind {
		case elemHeadline:
			start(e)
			cur.Headline, cur.Kicker, kicker = e.text, kicker, ""
			// a deeper heading straight after is the subheadline
			if i+1 < len(es) && es[i+1].kind == elemSubheadline {
				cur.Subheadline = es[i+1].text
				i++
			}
		case elemSubheadline, elemSubhead:
			if cur == nil {
				start(e)
			}
			if e.kind == elemSubheadline && !hasBody && cur.Subheadline == "" && len(cur.Blocks) == 0 {
				cur.Subheadline = e.text
			} else {
				add(KindSubhead, e.text)
			}
		case elemHeading, elemBold:
			j := i
			for j < len(es) && (es[j].kind == elemHeading || es[j].kind == elemBold) {
				j++
			}
			run := es[i:j]
			var next *elem
			if j < len(es) {
				next = &es[j]
			}
			i = j - 1
			// a name under a finished story, before the next one: its byline
			// printed at its end ("…提供坚强保障。" / "宗某" / next headline)
			if cur != nil && hasBody && run[0].kind == elemHeading && isHanName(run[0].text) &&
				i-len(run) >= 0 && es[j-len(run)-1].kind == elemText && endsSentence(es[j-len(run)-1].text) &&
				(len(run) >= 2 || next == nil || next.kind == elemLead || next.kind == elemByline || next.kind == elemHeadline) {
				if !strings.Contains(cur.Byline, run[0].text) {
					cur.Byline = joinHeading(cur.Byline, run[0].text)
				}
				run = run[1:]
				if len(run) == 0 {
					continue
				}
			}
			if next != nil && next.kind == elemHeadline && allBold(run) {
				// a banner set over a Markdown "#" headline is its kicker
				for _, b := range run {
					kicker = joinHeading(kicker, b.text)
				}
				continue
			}
			// (a photo's caption may stand between a headline and its lead)
			after := next
			for k := j; after != nil && (after.kind == elemCaption || after.kind == elemCredit) && k+1 < len(es); k++ {
				after = &es[k+1]
			}
			startsStory := after != nil && (after.kind == elemByline || after.kind == elemLead || after.kind == elemHeadline)
			// the headline printed after its story's body
			if cur != nil && cur.Headline == "" && hasBody && run[0].kind == elemHeading &&
				(next == nil || len(run) >= 2) {
				cur.Headline = run[0].text
				run = run[1:]
				if len(run) > 0 {
					// that story is closed: what follows is the next one
					start(run[0])
					setHeadlines(cur, run)
				}
				continue
			}
			if len(run) == 0 {
				continue
			}
			switch {
			case cur != nil && cur.Headline != "" && cur.Kicker == "" && !hasBody && len(run) == 1 &&
				strings.HasPrefix(run[0].text, "——"):
				// the deck under a headline, a photo's caption set between:
				// the headings read so far and the deck are one run
				heads := []elem{{kind: elemHeading, text: cur.Headline}}
				if cur.Subheadline != "" {
					heads = append(heads, elem{kind: elemHeading, text: cur.Subheadline})
				}
				cur.Headline, cur.Subheadline = "", ""
				setHeadlines(cur, append(heads, run[0]))
			case cur != nil && cur.Headline != "" && cur.Byline != "" && !hasBody && len(run) <= 2 &&
				run[0].kind == elemHeading && isHanName(run[0].text) && next != nil && next.kind == elemText:
				// a label over the body, under headline and byline ("亮点"),
				// and the line of its box
				add(KindSubhead, run[0].text)
				for _, h := range run[1:] {
					add(KindText, h.text)
				}
			case cur != nil && cur.Headline != "" && cur.Byline != "" && !hasBody && len(run) == 1 &&
				run[0].kind == elemHeading && isShortHeading(run[0].text) && next != nil && next.kind == elemText:
				// a label over the body, under headline and byline
				add(KindSubhead, run[0].text)
			case cur != nil && !hasBody && allBold(run):
				// a banner between headline/byline and body
				for _, b := range run {
					cur.Kicker = joinHeading(cur.Kicker, b.text)
				}
			case cur != nil && hasBody && !startsStory && (len(run) == 1 && (isShortHeading(run[0].text) || run[0].kind == elemBold) || next == nil):
				for _, h := range run {
					add(KindSubhead, h.text)
				}
			case cur != nil && cur.Headline == "" && !hasBody && len(cur.Blocks) == 0:
				setHeadlines(cur, run)
			default:
				start(run[0])
				setHeadlines(cur, run)
			}
		case elemFurniture:
			// the page's furniture (mergeFurniture)
		case elemByline:
			switch {
			case cur == nil:
				start(e)
				cur.Byline = e.text
			case !hasBody && cur.Byline == "":
				cur.Byline = e.text
			case !hasBody && len(cur.Blocks) == 0:
				// a byline over two lines ("本报记者" / "王某", "洪" / "勇")
				cur.Byline = joinByline(cur.Byline, e.text)
			case hasBody && i+1 < len(es) && (es[i+1].kind == elemText):
				// a byline after a finished story, followed by body: a new
				// story whose headline is elsewhere
				start(e)
				cur.Byline = e.text
			case cur.Byline == "":
				cur.Byline = e.text
			default:
				add(KindText, e.text)
			}
		case elemLead:
			if cur == nil || hasBody || cur.Byline != "" && cur.Byline != e.byline && len(cur.Blocks) > 0 {
				start(e)
			}
			switch {
			case cur.Byline == "":
				cur.Byline = e.byline
			case !strings.Contains(cur.Byline, e.byline):
				// a byline over the story and a dateline fused to its lead
				cur.Byline = joinHeading(cur.Byline, e.byline)
			case e.byline != "":
				// the same byline printed twice: the copy stays unassigned
				residue = append(residue, e.byline)
			}
			add(KindText, e.text)
		case elemCaption, elemCredit:
			if cur == nil {
				start(e)
			}
			k := KindCaption
			if e.kind == elemCredit {
				k = KindCredit
			}
			add(k, e.text)
		default:
			if cur == nil {
				start(e)
			}
			add(KindText, e.text)
		}
	}
	return arts, residue
}

// joinByline joins the parts of a byline printed on two lines: Han
// characters without a space ("洪" + "勇"), else with one.
// A role over the name keeps the space bylines are printed with ("本报记者"
// + "王某" is "本报记者 王某").
func joinByline(a, b string) string {
	if isRoleOnly(a) {
		return a + " " + b
	}
	return joinLines([]string{a, b})
}

func allBold(run []elem) bool {
	for _, e := range run {
		if e.kind != elemBold {
			return false
		}
	}
	return true
}

func joinHeading(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// setHeadlines distributes a run of headings over kicker, headline and
// subheadline: bold banners first are kickers; of the plain headings one is
// the headline, two are headline and subheadline, three are kicker,
// headline and subheadline.
func setHeadlines(a *Article, run []elem) {
	var plain []string
	for _, e := range run {
		if e.kind == elemBold && len(plain) == 0 {
			a.Kicker = joinHeading(a.Kicker, e.text)
			continue
		}
		plain = append(plain, e.text)
	}
	switch len(plain) {
	case 0:
		if a.Kicker != "" {
			a.Headline, a.Kicker = a.Kicker, ""
		}
	case 1:
		a.Headline = plain[0]
	case 2:
		a.Headline, a.Subheadline = plain[0], trimSpace(plain[1])
	default:
		a.Kicker = joinHeading(a.Kicker, plain[0])
		a.Headline = plain[1]
		a.Subheadline = trimSpace(strings.Join(plain[2:], " "))
	}
}
