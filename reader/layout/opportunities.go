package layout

// BreakOpportunities reports, for each rune of rs, whether a line may break
// before it under the same rules the horizontal engine follows (linebreak.go):
// the kinsoku tables, unbreakable tokens, ——/…… pairs and Korean words. It is
// orientation-neutral, so the vertical layout (package reader/vertical)
// breaks its lines exactly where a horizontal line may break, and only fits
// them by another measure. can[0] is always false; can[i] is never true at
// white space (a break after spaces falls on the first rune after them),
// nor inside a grapheme cluster.
//
//	BreakOpportunities([]rune("中文，字"), w) == [false true false true]
func BreakOpportunities(rs []rune, w Widths) []bool {
	var e engine
	e.w = w
	e.prepare(string(rs))
	can := make([]bool, len(rs))
	for i := range min(len(rs), e.n) {
		can[i] = e.ri[i].can
	}
	return can
}

// NoStart reports whether r may not start a line, and NoEnd whether it may
// not end one (the kinsoku tables of linebreak.go).
func NoStart(r rune) bool { return runeFlags(r)&flagNoStart != 0 }

// NoEnd reports whether r may not end a line.
func NoEnd(r rune) bool { return runeFlags(r)&flagNoEnd != 0 }
