package issues

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"
)

// TestNameDateIsTheRegexp: nameDate, isYear and isMonthDay answer as the
// regular expressions they replace, on names made to be near misses.
func TestNameDateIsTheRegexp(t *testing.T) {
	year := regexp.MustCompile(`^(?:19|20|21)[0-9]{2}$`)
	monthDay := regexp.MustCompile(`^[0-3]?[0-9]$`)
	cases := []string{"", "2024-01-02", "x20240102.txt", "120240102", "202401021", "2024_1_02", "2024.01.02",
		"1999-12-31", "2199-19-39", "2024-01-0", "rmrb2024101601", "a2024-0102b", "2024--01-02", "年2024-01-02日",
		"2024-01-02-2025-02-03", "22024-01-02", "2024-01-02x", "x2024-01-02", "1800-01-01"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"0", "1", "2", "3", "9", "19", "20", "21", "-", "_", ".", "a", "年"}
	for range 200000 {
		s := ""
		for n := r.IntN(14); n > 0; n-- {
			s += alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		y, m, d, ok := nameDate(s)
		want := reNameDate.FindStringSubmatch(s)
		if ok != (want != nil) || ok && (strconv.Itoa(y) != want[1] || pad(m) != want[2] || pad(d) != want[3]) {
			t.Fatalf("nameDate(%q) = %d %d %d %v, regexp %q", s, y, m, d, ok, want)
		}
		if isYear(s) != year.MatchString(s) || isMonthDay(s) != monthDay.MatchString(s) {
			t.Fatalf("%q: isYear %v isMonthDay %v, regexps %v %v", s, isYear(s), isMonthDay(s), year.MatchString(s), monthDay.MatchString(s))
		}
	}
}

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func BenchmarkNameDate(b *testing.B) {
	for b.Loop() {
		nameDate("gazette-2024-05-17")
	}
}
