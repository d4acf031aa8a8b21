package issues

import (
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	// "2024-01-02", "2024_01_02", "2024.01.02", "20240102" in a file name
	// (nameDate is the same test without the regexp machinery, for the
	// tens of thousands of names a library lists)
	reNameDate = lazyRegexp{src: `(?:^|[^0-9])((?:19|20|21)[0-9]{2})[-_.]?([01][0-9])[-_.]?([0-3][0-9])(?:[^0-9]|$)`}
)

// parseDateString reads a front-matter date: "2024-01-02", "2024/1/2",
// "2024年1月2日", an RFC 3339 timestamp.
func parseDateString(s string) (time.Time, bool) {
	s = trimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	if ds := findDates(s); len(ds) > 0 {
		return ds[0].date, true
	}
	if m := reNameDate.FindStringSubmatch(s); m != nil {
		return mkDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	return time.Time{}, false
}

// dateFromPath reads the date from a file name ("2024-01-02.txt",
// "20240102.txt") or from date folders ("2024/01/02.txt", "2024/01/2024-01-02.txt").
func dateFromPath(path string) (time.Time, bool) {
	if path == "" || path == "-" {
		return time.Time{}, false
	}
	path = filepath.ToSlash(path)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if y, m, d, ok := nameDate(base); ok {
		if t, ok := mkDate(y, m, d); ok {
			return t, true
		}
	}
	parts := strings.Split(strings.TrimSuffix(path, filepath.Ext(path)), "/")
	if n := len(parts); n >= 3 && isYear(parts[n-3]) && isMonthDay(parts[n-2]) && isMonthDay(parts[n-1]) {
		return mkDate(atoi(parts[n-3]), atoi(parts[n-2]), atoi(parts[n-1]))
	}
	return time.Time{}, false
}

// nameDate finds the first date of reNameDate in s ("2024-01-02",
// "2024_01_02", "2024.01.02", "20240102", not inside a longer number) and
// returns its numbers, unchecked. It is that regexp written out: a
// library lists every file's name, and the regexp took a fifth of the
// time of listing a century of a daily.
func nameDate(s string) (y, m, d int, ok bool) {
	digit := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	sep := func(i int) bool { return i < len(s) && (s[i] == '-' || s[i] == '_' || s[i] == '.') }
	num := func(i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
	for i := 0; i+8 <= len(s); i++ {
		if i > 0 && digit(i-1) || !(s[i] == '1' && s[i+1] == '9' || s[i] == '2' && (s[i+1] == '0' || s[i+1] == '1')) || !digit(i+2) || !digit(i+3) {
			continue
		}
		j := i + 4
		if sep(j) {
			j++
		}
		if j+1 >= len(s) || s[j] != '0' && s[j] != '1' || !digit(j+1) {
			continue
		}
		mo := num(j)
		j += 2
		if sep(j) {
			j++
		}
		if j+1 >= len(s) || s[j] < '0' || s[j] > '3' || !digit(j+1) || digit(j+2) {
			continue
		}
		return num(i)*100 + num(i+2), mo, num(j), true
	}
	return 0, 0, 0, false
}

// isYear: 19xx, 20xx or 21xx.
func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20" || s[:2] == "21") && isDigits(s[2:])
}

// isMonthDay: one or two digits, the first of two 0–3.
func isMonthDay(s string) bool {
	return len(s) == 1 && isDigits(s) || len(s) == 2 && s[0] >= '0' && s[0] <= '3' && isDigits(s[1:])
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// titleFromPath names an issue after its file, or after its folder when the
// file's name is only a date ("lhasa-daily/2024-01-02.txt" is "lhasa-daily");
// date folders ("2024/01/") are skipped.
func titleFromPath(path string) string {
	if path == "" || path == "-" {
		return "standard input"
	}
	path = filepath.ToSlash(filepath.Clean(path))
	parts := strings.Split(path, "/")
	base := strings.TrimSuffix(parts[len(parts)-1], filepath.Ext(path))
	if !isDateName(base) {
		return base
	}
	for i := len(parts) - 2; i >= 0; i-- {
		p := parts[i]
		if p == "" || p == "." || p == ".." || isDateName(p) {
			continue
		}
		return p
	}
	return base
}

// isDateName: a name made only of date digits and separators.
func isDateName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// dateFromText infers an issue's date from the dates written in it: a date
// on a running head (with a weekday) wins; else the latest date written in
// full or month-day, at the 80th percentile: a paper reports what has
// happened, so its date is at or after most dates it names, and the few
// later ones are plans and deadlines.
func dateFromText(text string) (time.Time, bool) {
	var heads, all []time.Time
	for _, line := range strings.Split(text, "\n") {
		ds := findDates(line)
		if len(ds) == 0 {
			continue
		}
		for _, d := range ds {
			all = append(all, d.date)
		}
		if _, ok := furnitureLine(trimSpace(line), nil); ok {
			for _, d := range ds {
				heads = append(heads, d.date)
			}
		}
	}
	if len(heads) > 0 {
		return mostCommon(heads), true
	}
	if len(all) == 0 {
		return time.Time{}, false
	}
	// Month-day dates ("1月1日") take their year from the full dates.
	sort.Slice(all, func(i, j int) bool { return all[i].Before(all[j]) })
	all = append(all, findPartialDates(text, all[len(all)/2])...)
	sort.Slice(all, func(i, j int) bool { return all[i].Before(all[j]) })
	// A paper reports what has happened: its date is at or after most of
	// the dates it names; the few later ones are plans and deadlines.
	return all[len(all)-1-len(all)/5], true
}

func mostCommon(ds []time.Time) time.Time {
	n := map[time.Time]int{}
	best := ds[0]
	for _, d := range ds {
		n[d]++
		if n[d] > n[best] {
			best = d
		}
	}
	return best
}

// reSourceLine: the line that names the paper a story was printed in,
// with the date and page: "《江城日报》（2024年3月5日 第 02 版）".
var reSourceLine = lazyRegexp{src: `^《([^《》]{2,16})》\s*[（(][^（()）]*[0-9０-９][^（()）]*[)）]$`, quick: opensGuillemet}

// opensGuillemet: reSourceLine opens with 《.
func opensGuillemet(s string) bool { return strings.HasPrefix(s, "《") }

// paperName is the paper's name as the furniture prints it, "" when it
// prints none (a masthead set as a picture leaves no name in the text):
//
//   - the name most source lines give ("《江城日报》（…日 第2版）");
//   - else the name a running head or masthead prints most often: a word
//     ending like a paper's name (…日报, …新聞, …일보, "… Daily", "THE …
//     COURIER"), CJK names before Latin ones, the first page's first.
func paperName(furn []Furniture) string {
	count := map[string]int{}
	best := ""
	for _, f := range furn {
		for _, l := range f.Lines {
			if m := reSourceLine.FindStringSubmatch(l); m != nil {
				count[m[1]]++
				if count[m[1]] > count[best] || count[m[1]] == count[best] && m[1] < best {
					best = m[1]
				}
			}
		}
	}
	if best != "" {
		return best
	}
	var names []string
	for _, f := range furn {
		for _, l := range f.Lines {
			if isLatinText(l) {
				if isPaperNameLatin(l) {
					names = append(names, l)
				}
				continue
			}
			for _, tok := range splitFurniture(l) {
				if isPaperNameCJK(tok) {
					names = append(names, tok)
				}
			}
		}
	}
	bestScore := 0
	for i, n := range names {
		count[n]++
		score := count[n] * 2
		if !isLatinText(n) {
			score++ // a CJK name before a Latin one
		}
		if score > bestScore {
			best, bestScore = names[i], score
		}
	}
	return best
}

// paperSuffixes end the names of papers (CJK).
var paperSuffixes = []string{"日报", "日報", "晚报", "晚報", "时报", "時報", "新闻", "新聞", "新报", "新報", "商报", "商報",
	"周报", "週報", "周刊", "週刊", "快报", "快報", "早报", "早報", "导报", "導報", "报", "報", "일보", "신문", "新聞"}

// isPaperNameCJK: a word of three to twelve letters without digits that
// ends like a paper's name and is not "本报".
func isPaperNameCJK(tok string) bool {
	n := utf8.RuneCountInString(tok)
	if n < 3 || n > 12 || strings.HasPrefix(tok, "本") || strings.ContainsFunc(tok, func(r rune) bool {
		return isASCIIDigit(r) || r >= '０' && r <= '９' || !unicode.IsLetter(r)
	}) {
		return false
	}
	for _, suf := range paperSuffixes {
		if strings.HasSuffix(tok, suf) {
			return true
		}
	}
	return false
}

// isPaperNameLatin: a line of two to six words without digits one of
// which names a kind of paper ("The Riverton Courier", "DAILY NEWS",
// "Il Corriere del Lago").
func isPaperNameLatin(l string) bool {
	words := strings.Fields(l)
	if len(words) < 2 || len(words) > 6 || hasASCIIDigit(l) {
		return false
	}
	for _, w := range words {
		switch strings.ToLower(strings.Trim(w, ".,")) {
		case "daily", "times", "news", "post", "herald", "courier", "journal", "gazette", "tribune", "chronicle",
			"press", "observer", "mail", "express", "telegraph", "guardian", "standard", "record", "star",
			"sun", "gazzetta", "corriere", "stampa", "messaggero", "giornale":
			return true
		}
	}
	return false
}
