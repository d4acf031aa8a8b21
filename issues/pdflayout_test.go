package issues

func init() {
	// the layout's patterns join the package's list (lazyregexp_test.go)
	allRegexps = append(allRegexps, &reJumpTo, &reJumpFrom)
}
