package issues

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Character classes the parser's rules are stated in.

// isCJK reports whether r is written without spaces between words: Han,
// kana, CJK and full-width punctuation (Hangul is not: Korean spaces words).
func isCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x2FDF, // radicals
		r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
		r >= 0x3040 && r <= 0x30FF, // kana
		r >= 0x31F0 && r <= 0x31FF,
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0x20000 && r <= 0x3FFFF,
		r >= 0xFF01 && r <= 0xFF60, // full-width forms
		r >= 0xFF61 && r <= 0xFF9F, // half-width katakana
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·':
		return true
	}
	return false
}

func isHangul(r rune) bool {
	return r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F
}

// cellWidth is the display width of s in terminal cells: 2 for East Asian
// wide and full-width characters, 1 otherwise. The parser uses it to compare
// line lengths across scripts; it is not the layout's width model.
func cellWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			w++
			i++
			continue
		}
		if isHanUTF8(s, i) && (s[i] > 0xE4 || s[i+1] >= 0xB8) {
			w += 2 // U+4E00–U+9FFF
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		w += runeCells(r)
	}
	return w
}

// runeCells is the width of one rune for cellWidth.
func runeCells(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3:
		return 2 // the common case first: ideographs and Hangul syllables
	case isCJK(r) && r != '“' && r != '”' && r != '‘' && r != '’' && r != '—' && r != '…' && r != '·', isHangul(r):
		return 2
	}
	return 1
}

// finalPunct are the marks that end a sentence.
const finalPunct = "。．.！!？?…；;"

// closers may follow the final mark: "…。”" still ends the sentence.
const closers = "”’」』）)》〉】\"'］]"

// endsSentence reports whether a paragraph ends like a finished sentence.
// "…空间”。" and "…成绩。”" do; "…江城区", "…的基" and "…“大工委”" do not.
// A short parenthesis at the end ("（完）", "（记者 张三）") closes a story.
func endsSentence(s string) bool {
	s = trimBlankRight(s)
	if s == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if last == ')' || last == '）' {
		open := strings.LastIndexAny(s, "(（")
		if open >= 0 && utf8.RuneCountInString(s[open:]) <= 24 {
			return true
		}
		// a note in brackets on its own: "（作者为…，本报记者…采访整理）"
		if open == 0 && !strings.ContainsAny(s[1:], "(（") {
			return true
		}
	}
	t := strings.TrimRight(s, closers)
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	if r == '.' {
		// In CJK text a full stop after a digit is a decimal point cut by
		// a column break ("同比增长27." + "5%").
		if p := lastRuneBefore(t); p >= '0' && p <= '9' && !isLatinText(t) {
			return false
		}
		return true
	}
	return strings.ContainsRune(finalPunct, r) || r == ':' || r == '：'
}

// clausePunct are marks found inside sentences but not in headlines.
const clausePunct = "，,、；;。．！？"

// hasClausePunct reports whether s has a clause or sentence mark before its
// last character (a headline has none; a cut paragraph almost always has).
func hasClausePunct(s string, latin bool) bool {
	if latin {
		// Latin headlines may carry commas; sentences carry ". ".
		return strings.Contains(s, ". ") || strings.Contains(s, "; ")
	}
	return clausePuncts.in(s)
}

// isClausePunct reports whether r is one of clausePunct. (A switch, not
// strings.ContainsAny: that looks each rune of s up in the set string.)
func isClausePunct(r rune) bool {
	switch r {
	case '，', ',', '、', '；', ';', '。', '．', '！', '？':
		return true
	}
	return false
}

// isLatinText reports whether s is mostly Latin script.
func isLatinText(s string) bool {
	var latin, other int
	for _, r := range s {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				latin++
			}
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3:
			// ideographs and Hangul syllables, letters of other scripts,
			// counted without a search of the Unicode tables
			other++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin > 2*other
}

// joinLines joins the lines of one paragraph: no space between two CJK
// characters, one space between Latin words (or Hangul words), and a
// hyphen at a line end followed by a lowercase letter is dropped.
func joinLines(lines []string) string {
	if len(lines) == 1 {
		// (U+3000 is white space: TrimSpace trims it too, as TrimLeft did first)
		return trimSpace(lines[0]) // no copy
	}
	var b strings.Builder
	if len(lines) > 1 {
		n := 0
		for _, l := range lines {
			n += len(l) + 1
		}
		b.Grow(n)
	}
	for _, l := range lines {
		l = trimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(l)
			continue
		}
		prev := b.String()
		pr, _ := utf8.DecodeLastRuneInString(prev)
		nr, _ := utf8.DecodeRuneInString(l)
		switch {
		case isDropCap(prev, l):
			// a drop cap and the rest of its word: "D" + "opo due anni"
		case pr == '-' && len(prev) >= 2 && unicode.IsLetter(lastRuneBefore(prev)) && unicode.IsLower(nr):
			s := prev[:len(prev)-1]
			b.Reset()
			b.WriteString(s)
		case isCJK(pr) || isCJK(nr):
		default:
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

func lastRuneBefore(s string) rune {
	_, n := utf8.DecodeLastRuneInString(s)
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return r
}

// trimSpace is strings.TrimSpace, which decodes the end runes of a line
// that ends with 。 or opens with an ideograph before it finds nothing to
// trim: it returns s at once when its first byte opens no white space
// (white space beyond ASCII opens with C2, E1, E2 or E3) and its last
// rune ends with none (beyond ASCII: 85, A0, 80–8A, A8, A9, AF or 9F;
// and a three-byte rune ending there is white space only when it opens
// with C2… E3 80 80 and the like, which it checks).
func trimSpace(s string) string {
	if s == "" || mayOpenSpace(s[0]) || mayEndSpace(s) {
		return strings.TrimSpace(s)
	}
	return s
}

func mayOpenSpace(c byte) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xC2, 0xE1, 0xE2, 0xE3:
		return true
	}
	return false
}

func mayEndSpace(s string) bool {
	n := len(s)
	switch c := s[n-1]; {
	case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ':
		return true
	case c < utf8.RuneSelf:
		return false
	case c == 0x85, c == 0xA0, c >= 0x80 && c <= 0x8A, c == 0xA8, c == 0xA9, c == 0xAF, c == 0x9F:
		// a three-byte rune led by E4–EF, or U+3001–U+303F, is no white space
		if n >= 3 && s[n-2]&0xC0 == 0x80 && (s[n-3] >= 0xE4 && s[n-3] <= 0xEF || s[n-3] == 0xE3 && s[n-2] == 0x80 && c != 0x80) {
			return false
		}
		return true
	}
	return false
}

// trimBlank is strings.Trim(s, " \t　") by bytes: Trim looks each end
// rune up in its cutset (the ideographic space makes it one of runes).
// The bytes of U+3000 at an end are that rune, wherever they stand.
func trimBlank(s string) string { return trimBlankRight(trimBlankLeft(s)) }

// trimBlankLeft is strings.TrimLeft(s, " \t　").
func trimBlankLeft(s string) string {
	for s != "" {
		switch {
		case s[0] == ' ' || s[0] == '\t':
			s = s[1:]
		case strings.HasPrefix(s, "　"):
			s = s[len("　"):]
		default:
			return s
		}
	}
	return s
}

// trimBlankRight is strings.TrimRight(s, " \t　").
func trimBlankRight(s string) string {
	for s != "" {
		switch {
		case s[len(s)-1] == ' ' || s[len(s)-1] == '\t':
			s = s[:len(s)-1]
		case strings.HasSuffix(s, "　"):
			s = s[:len(s)-len("　")]
		default:
			return s
		}
	}
	return s
}

// squeezeSpace trims s and collapses runs of ASCII and ideographic spaces
// and tabs into one ASCII space.
func squeezeSpace(s string) string {
	if !hasSqueezable(s) {
		return s
	}
	s = trimSpace(s)
	if !validUTF8(s) {
		return squeezeSpaceRunes(s)
	}
	// Copy the text between runs whole; a run that is one ASCII space
	// already needs no change, and when no run needs one s is the result.
	var b strings.Builder
	kept := 0 // s[kept:i] is kept as it is, not yet copied to b
	for i := 0; i < len(s); {
		n := squeezableLen(s, i)
		if n == 0 {
			i++
			continue
		}
		j := i + n
		for m := squeezableLen(s, j); m > 0; m = squeezableLen(s, j) {
			j += m
		}
		if j-i == 1 && s[i] == ' ' {
			i = j
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[kept:i])
		b.WriteByte(' ')
		i, kept = j, j
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[kept:])
	return b.String()
}

// squeezeSpaceRunes is squeezeSpace rune by rune, for text that is not
// valid UTF-8: each invalid byte becomes U+FFFD, as it always has.
func squeezeSpaceRunes(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '　' || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// squeezableLen is the byte length of the space squeezeSpace squeezes at
// s[i] (a space, a tab, U+3000 or U+00A0), or 0. Looking at bytes is safe
// in valid UTF-8: the lead bytes 0xE3 and 0xC2 never continue a rune.
func squeezableLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch s[i] {
	case ' ', '\t':
		return 1
	case 0xC2: // U+00A0 is C2 A0
		if i+1 < len(s) && s[i+1] == 0xA0 {
			return 2
		}
	case 0xE3: // U+3000 is E3 80 80
		if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
			return 3
		}
	}
	return 0
}

// hasSqueezable reports whether s holds a space, a tab, U+3000 or U+00A0.
// (Four searches for a byte or a string: each is vectorised, and faster
// than one loop over the bytes.)
func hasSqueezable(s string) bool {
	return strings.IndexByte(s, ' ') >= 0 || strings.IndexByte(s, '\t') >= 0 ||
		strings.Contains(s, "　") || strings.Contains(s, "\u00a0")
}

// unspaceLetters closes up CJK text set letter-spaced (a justified line or
// a headline spread over its column, which an extraction reads as one
// character a word): a run of four or more words of one or two characters,
// three of them single CJK characters, loses its spaces.
// "本 报 讯 10 月 14 日 ， 中 国" is "本报讯10月14日，中国"; "学思想 强党性" and
// Latin text are left as they are.
func unspaceLetters(s string) string {
	if !hasSpacedLetters(s) {
		return s
	}
	words := strings.Split(s, " ")
	small := func(w string) bool {
		n := utf8.RuneCountInString(w)
		if n == 0 || n > 2 {
			return n > 2 && n <= 4 && strings.IndexFunc(w, func(r rune) bool { return !(isASCIIDigit(r) || r == '-' || r == '.' || r == '%') }) < 0
		}
		for _, r := range w {
			if !(isCJK(r) || isASCIIDigit(r) || r == '-' || r == '.' || r == '%') {
				return false
			}
		}
		return true
	}
	single := func(w string) bool {
		r, n := utf8.DecodeRuneInString(w)
		return n == len(w) && isCJK(r)
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(words); {
		j, cjk := i, 0
		for j < len(words) && small(words[j]) {
			if single(words[j]) {
				cjk++
			}
			j++
		}
		if j-i >= 4 && cjk >= 3 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Join(words[i:j], ""))
			changed = true
			i = j
			continue
		}
		if j == i {
			j = i + 1
		}
		for k := i; k < j; k++ {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[k])
		}
		i = j
	}
	if !changed {
		return s
	}
	return b.String()
}

// hasSpacedLetters is unspaceLetters' quick test: three times a CJK
// character alone between two spaces (or after the start), in one pass.
func hasSpacedLetters(s string) bool {
	// CJK text holds few spaces: look at each one and what follows it
	n := 0
	for i := strings.IndexByte(s, ' '); i >= 0; {
		rest := s[i+1:]
		if len(rest) >= 3 && rest[0] >= 0xE0 {
			r, size := utf8.DecodeRuneInString(rest)
			if (size == len(rest) || rest[size] == ' ') && isCJK(r) {
				if n++; n >= 3 {
					return true
				}
			}
		}
		j := strings.IndexByte(rest, ' ')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// isDropCap reports whether line is a drop cap, the large first letter of
// a story an extraction prints on a line of its own, and next the rest of
// its word: one capital Latin letter over a line opening in lowercase. A,
// E, I and O are words of their own in English and Italian ("A new…",
// "E poi…"): they keep their space.
func isDropCap(line, next string) bool {
	if len(line) != 1 || line[0] < 'A' || line[0] > 'Z' || strings.ContainsRune("AEIO", rune(line[0])) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r)
}
