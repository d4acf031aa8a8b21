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

// scriptFromCounts decides the script of a paragraph from the numbers of
// its Han, kana, Hangul and Latin letters: any noticeable kana makes it
// Japanese; more Hangul than Han, Korean; Han that is not swamped by Latin
// letters, Chinese.
func scriptFromCounts(han, kana, hangul, latin int) script {
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
