package layout

// script is the writing system a paragraph is mainly in; it decides the
// first-line indent and whether lines are justified.
type script uint8

const (
	scriptLatin    script = iota // Western, or anything not CJK
	scriptChinese                // Han without kana
	scriptJapanese               // Han with kana
	scriptKorean                 // Hangul
)

// indent is the number of ideographic spaces a paragraph starts with:
// two for Chinese (GB/T 15834 practice, clreq §5), one for Japanese (jlreq
// §3.1.5 "paragraph indent of one em"), none for Korean and Western text.
func (s script) indent() int {
	switch s {
	case scriptChinese:
		return 2
	case scriptJapanese:
		return 1
	}
	return 0
}

// scriptOf guesses the script of a paragraph by counting characters:
// any noticeable kana makes it Japanese; more Hangul than Han, Korean; Han
// that is not swamped by Latin letters, Chinese.
func scriptOf(text string) script {
	var han, kana, hangul, latin int
	for _, r := range text {
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF:
			han++
		case r >= 0x3041 && r <= 0x309F, r >= 0x30A1 && r <= 0x30FA:
			kana++
		case r >= 0xAC00 && r <= 0xD7A3:
			hangul++
		}
	}
	switch {
	case kana > 0 && kana*20 >= han:
		return scriptJapanese
	case hangul > 0 && hangul >= han && hangul*2 >= latin:
		return scriptKorean
	case han > 0 && han*4 >= latin:
		return scriptChinese
	}
	return scriptLatin
}
