package issues

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on its first use rather than
// at package init: the parser states its rules as some forty patterns, and
// compiling them all up front cost every bao process (`bao --help` included)
// about 5 ms and 1 MB before main. A lazyRegexp declared as
//
//	var reJump = lazyRegexp{src: `…`}
//
// is static data: nothing runs at init. It is safe for concurrent use, like
// the *regexp.Regexp it wraps; its only state is set once.
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// get compiles the pattern once and returns it. A bad pattern panics on
// first use, as regexp.MustCompile would at init; TestLazyRegexpsCompile
// compiles every pattern of the package so that cannot reach a user.
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }

func (l *lazyRegexp) FindStringIndex(s string) []int { return l.get().FindStringIndex(s) }

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }

func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.get().FindStringSubmatchIndex(s)
}

func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.get().FindAllStringSubmatch(s, n)
}

func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.get().FindAllStringSubmatchIndex(s, n)
}

func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.get().ReplaceAllString(src, repl)
}

func (l *lazyRegexp) Split(s string, n int) []string { return l.get().Split(s, n) }
