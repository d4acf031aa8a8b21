package issues

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// dateMatch is a date found in text, with its byte span.
type dateMatch struct {
	date       time.Time
	start, end int
	full       bool // the year was written
}

var (
	reDateYMD = lazyRegexp{src: `([0-9]{4})\s*[年년]\s*([0-9]{1,2})\s*[月월]\s*([0-9]{1,2})\s*[日일]?`, quick: mayBeDateYMD}
	reDateNum = lazyRegexp{src: `\b([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})\b`, quick: mayBeDateNum}
	reDateEra = lazyRegexp{src: `(令和|平成)\s*([0-9]{1,2}|元)\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`, quick: mayBeDateEra}
	reDateHan = lazyRegexp{src: `([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`, quick: hasHanYear}
	reDateMD  = lazyRegexp{src: `(?:^|[^0-9年])([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`}
	reDateEnM = lazyRegexp{src: `(?i)\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})\b`, quick: mayBeDateEn}
	// "21 ottobre 2024" (Italian: day, month, year)
	reDateIt  = lazyRegexp{src: `(?i)\b([0-9]{1,2})\s+(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\s+([0-9]{4})\b`, quick: mayBeDateEn}
	reDateEnD = lazyRegexp{src: `(?i)\b([0-9]{1,2})\s+(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?,?\s+([0-9]{4})\b`, quick: mayBeDateEn}
)

// monthNumber reads a lower-case three-letter English month abbreviation,
// or 0.
func monthNumber(abbr string) int {
	switch abbr {
	case "jan":
		return 1
	case "feb":
		return 2
	case "mar":
		return 3
	case "apr":
		return 4
	case "may":
		return 5
	case "jun":
		return 6
	case "jul":
		return 7
	case "aug":
		return 8
	case "sep":
		return 9
	case "oct":
		return 10
	case "nov":
		return 11
	case "dec":
		return 12
	}
	return 0
}

// monthNumberIt reads a lower-case Italian month name, or 0.
func monthNumberIt(name string) int {
	for i, m := range []string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
		"settembre", "ottobre", "novembre", "dicembre"} {
		if name == m {
			return i + 1
		}
	}
	return 0
}

// mkDate builds a valid date or reports false ("2月30日" is not a date).
func mkDate(y, m, d int) (time.Time, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func hanDigits(s string) int {
	n := 0
	for _, r := range s {
		d := strings.IndexRune("〇一二三四五六七八九", r)
		if r == '零' || r == '○' {
			d = 0
		}
		if d < 0 {
			return -1
		}
		n = n*10 + d/3
	}
	return n
}

// findDates returns the full dates (with a year) written in s, in order:
// 2024年1月2日, 2024-01-02, 2024/1/2, 2024.1.2, 2024년 1월 2일, 令和6年1月2日,
// 二〇二四年一月二日, January 2, 2024, 2 January 2024.
func findDates(s string) []dateMatch {
	if !strings.ContainsAny(s, "0123456789") && !strings.Contains(s, "年") {
		return nil
	}
	var out []dateMatch
	add := func(loc []int, y, m, d int) {
		if t, ok := mkDate(y, m, d); ok {
			out = append(out, dateMatch{date: t, start: loc[0], end: loc[1], full: true})
		}
	}
	for _, m := range reDateYMD.FindAllStringSubmatchIndex(s, -1) {
		add(m, atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	for _, m := range reDateNum.FindAllStringSubmatchIndex(s, -1) {
		if s[m[4]:m[5]] != s[m[8]:m[9]] {
			continue
		}
		add(m, atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[10]:m[11]]))
	}
	for _, m := range reDateEra.FindAllStringSubmatchIndex(s, -1) {
		y := 1
		if s[m[4]:m[5]] != "元" {
			y = atoi(s[m[4]:m[5]])
		}
		base := 2018
		if s[m[2]:m[3]] == "平成" {
			base = 1988
		}
		add(m, base+y, atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]]))
	}
	for _, m := range reDateHan.FindAllStringSubmatchIndex(s, -1) {
		add(m, hanDigits(s[m[2]:m[3]]), parseNumber(s[m[4]:m[5]]), parseNumber(s[m[6]:m[7]]))
	}
	for _, m := range reDateEnM.FindAllStringSubmatchIndex(s, -1) {
		add(m, atoi(s[m[6]:m[7]]), monthNumber(strings.ToLower(s[m[2]:m[2]+3])), atoi(s[m[4]:m[5]]))
	}
	for _, m := range reDateEnD.FindAllStringSubmatchIndex(s, -1) {
		add(m, atoi(s[m[6]:m[7]]), monthNumber(strings.ToLower(s[m[4]:m[4]+3])), atoi(s[m[2]:m[3]]))
	}
	for _, m := range reDateIt.FindAllStringSubmatchIndex(s, -1) {
		add(m, atoi(s[m[6]:m[7]]), monthNumberIt(strings.ToLower(s[m[4]:m[5]])), atoi(s[m[2]:m[3]]))
	}
	// keep matches in order and drop overlaps
	return sortDates(out)
}

// Quick tests for the date patterns (see lazyRegexp.quick): most lines
// hold no year of four ASCII digits, no 年 and no era name.

// hasYearDigits: four ASCII digits in a row, as every pattern with
// [0-9]{4} needs.
func hasYearDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run >= 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// mayBeDateYMD: a year in digits and 年 or 년.
func mayBeDateYMD(s string) bool {
	return (strings.Contains(s, "年") || strings.Contains(s, "년")) && hasYearDigits(s)
}

// mayBeDateNum: a year in digits and a separator.
func mayBeDateNum(s string) bool { return strings.ContainsAny(s, "-/.") && hasYearDigits(s) }

// mayBeDateEra: an era name and 年.
func mayBeDateEra(s string) bool {
	return (strings.Contains(s, "令和") || strings.Contains(s, "平成")) && strings.Contains(s, "年")
}

// hasHanYear: a Han digit right before 年, as a date in Han numerals needs.
func hasHanYear(s string) bool {
	for {
		i := strings.Index(s, "年")
		if i < 0 {
			return false
		}
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if strings.ContainsRune("〇零○一二三四五六七八九", r) {
			return true
		}
		s = s[i+len("年"):]
	}
}

// mayBeDateEn: a year in digits and an ASCII letter. Each month name has
// a letter whose only case forms are ASCII (the pattern folds case, and
// "s" also matches "ſ", but no month name is all s's).
func mayBeDateEn(s string) bool {
	return hasYearDigits(s) && strings.IndexFunc(s, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) >= 0
}

func sortDates(ds []dateMatch) []dateMatch {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].start < ds[j-1].start; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
	w := 0
	for i, d := range ds {
		if i > 0 && w > 0 && d.start < ds[w-1].end {
			continue
		}
		ds[w] = d
		w++
	}
	return ds[:w]
}

// findPartialDates returns month-day dates without a year ("1月1日"), given
// the year of a reference date; a month far after the reference's month is
// taken as the year before (December news in a January paper).
func findPartialDates(s string, ref time.Time) []time.Time {
	var out []time.Time
	for _, m := range reDateMD.FindAllStringSubmatch(s, -1) {
		mo, d := atoi(m[1]), atoi(m[2])
		for _, y := range []int{ref.Year(), ref.Year() + 1, ref.Year() - 1} {
			t, ok := mkDate(y, mo, d)
			if ok && t.Sub(ref) > -200*24*time.Hour && t.Sub(ref) < 60*24*time.Hour {
				out = append(out, t)
				break
			}
		}
	}
	return out
}
