package pdf

import (
	"strings"
	"unicode"
)

// styleFromName reads bold and italic from a font's base name. The weight
// and flags in real e-paper fonts are no guide (every Founder face reports
// weight 480, a Roman can report more than its Bold); the name is. Latin
// faces spell their style out ("Publico-Bold", "Arial,BoldItalic",
// "HelveticaNeueLTStd-BdCn", "HiraginoSans-W6"); Founder's Chinese faces
// abbreviate theirs in pinyin initials ("FZHTK--GBK1-0" is 黑体 HeiTi,
// "FZDBSK--GBK1-0" 大标宋 DaBiaoSong, but "FZBSJW--GB1-0" is 报宋
// BaoSong, the body face).
//
//	styleFromName("Publico-BoldItalic") // true, true
//	styleFromName("FZSSK--GBK1-0")      // false, false (书宋, the body face)
//	styleFromName("FZDHTK--GBK1-0")     // true, false (大黑)
func styleFromName(name string) (bold, italic bool) {
	for _, t := range nameTokens(name) {
		t = strings.ToLower(t)
		if boldTokens[t] {
			bold = true
		}
		if italicTokens[t] {
			italic = true
		}
		// Weight numbers of Japanese faces (W3 regular … W9): W6 and up.
		if len(t) == 2 && t[0] == 'w' && t[1] >= '6' && t[1] <= '9' {
			bold = true
		}
	}
	if strings.HasPrefix(name, "FZ") && founderBold[founderCode(name)] {
		bold = true
	}
	return bold, italic
}

// Tokens that mark a bold or an italic Latin face (after splitting on
// punctuation and case changes: "BoldItalic" is "Bold" and "Italic").
var (
	boldTokens = map[string]bool{
		"bold": true, "bd": true, "black": true, "blk": true, "heavy": true, "hv": true,
		"demi": true, "demibold": true, "semibold": true, "sb": true, "semi": true,
		"extrabold": true, "ultrabold": true, "xbd": true, "ultra": true, "extra": true,
	}
	italicTokens = map[string]bool{
		"italic": true, "it": true, "ital": true, "oblique": true, "obl": true, "kursiv": true, "slanted": true,
	}
)

// founderBold are the pinyin codes of Founder (方正) heavy faces: 黑体 HT,
// 大黑 DHT/DH, 粗黑 CHT/CH, 大标宋 DBS, 小标宋 XBS, 粗宋 CS, 综艺 ZY,
// 魏碑 WB, 粗圆 CY. The
// text faces are 报宋 BS (not 标宋: that is always DBS or XBS), 书宋 SS,
// 楷体 KT, 仿宋 FS, 细等线 XDX.
var founderBold = map[string]bool{
	"HT": true, "DHT": true, "DH": true, "CHT": true, "CH": true,
	"DBS": true, "XBS": true, "CS": true, "ZY": true, "WB": true, "CY": true,
}

// founderCode is the letters after "FZ" up to the first non-letter, minus
// the charset suffix (K for GBK, F for traditional, JW for the GB18030
// "简体" releases): "FZDBSK--GBK1-0" gives "DBS".
func founderCode(name string) string {
	s := name[2:]
	end := 0
	for end < len(s) && s[end] >= 'A' && s[end] <= 'Z' {
		end++
	}
	s = s[:end]
	switch {
	case strings.HasSuffix(s, "JW") && len(s) > 3:
		s = s[:len(s)-2]
	case len(s) > 2 && (s[len(s)-1] == 'K' || s[len(s)-1] == 'F'):
		s = s[:len(s)-1]
	}
	return s
}

// nameTokens splits a font name at punctuation, digits-to-letters and
// lower-to-upper case changes: "ArialNarrow,BoldItalic" gives "Arial",
// "Narrow", "Bold", "Italic"; "HiraginoSans-W6" gives "Hiragino", "Sans", "W6".
func nameTokens(name string) []string {
	var out []string
	start := -1
	rs := []rune(name)
	for i, r := range rs {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !letter {
			if start >= 0 {
				out = append(out, string(rs[start:i]))
				start = -1
			}
			continue
		}
		if start >= 0 && unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]) {
			out = append(out, string(rs[start:i]))
			start = i
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, string(rs[start:]))
	}
	return out
}
