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
//
// quick, when set, is a cheap necessary condition for a match: a test for
// a character the pattern cannot match without ("ends with 版 or 面",
// "holds four digits in a row"). The pattern runs only on text that passes
// it, which spares most lines of a file most patterns. TestQuickTests holds
// each quick test to its pattern.
type lazyRegexp struct {
	src   string
	quick func(string) bool
	once  sync.Once
	re    *regexp.Regexp
}

// get compiles the pattern once and returns it. A bad pattern panics on
// first use, as regexp.MustCompile would at init; TestLazyRegexpsCompile
// compiles every pattern of the package so that cannot reach a user.
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

// skip reports that s cannot match: it fails the quick test.
func (l *lazyRegexp) skip(s string) bool { return l.quick != nil && !l.quick(s) }

func (l *lazyRegexp) MatchString(s string) bool { return !l.skip(s) && l.get().MatchString(s) }

func (l *lazyRegexp) FindStringIndex(s string) []int {
	if l.skip(s) {
		return nil
	}
	return l.get().FindStringIndex(s)
}

func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	if l.skip(s) {
		return nil
	}
	return l.get().FindStringSubmatch(s)
}

func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	if l.skip(s) {
		return nil
	}
	return l.get().FindStringSubmatchIndex(s)
}

func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	if l.skip(s) {
		return nil
	}
	return l.get().FindAllStringSubmatch(s, n)
}

func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if l.skip(s) {
		return nil
	}
	return l.get().FindAllStringSubmatchIndex(s, n)
}

func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	if l.skip(src) {
		return src
	}
	return l.get().ReplaceAllString(src, repl)
}

func (l *lazyRegexp) Split(s string, n int) []string {
	if l.skip(s) {
		if n == 0 {
			return nil
		}
		return []string{s} // what regexp.Split returns without a match
	}
	return l.get().Split(s, n)
}
