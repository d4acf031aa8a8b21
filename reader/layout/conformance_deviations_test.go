package layout

import "strings"

// deviations lists the conformance cases (TestConformance) bao answers
// differently on purpose, by case id, with the reason. A listed case that
// starts to pass, or disappears from the suite, fails the test.
var deviations = byReason(map[string]string{
	// Korean is kept in words: Hangul breaks at spaces only (the project's rule, CSS word-break: keep-all for Korean),
	// where UAX #14 and CSS word-break: normal break between syllables and beside them.
	"Korean is kept in words": "" +
		"csswg-ko-inside-word uax14-1073-1 uax14-1077-1 uax14-1101-1 uax14-1417-1 uax14-1421-1 uax14-1445-1 " +
		"uax14-1721-1 uax14-1761-1 uax14-1765-1 uax14-1789-1 uax14-1813-1 uax14-1825-1 uax14-1865-1 " +
		"uax14-1893-1 uax14-1933-1 uax14-1937-1 uax14-1961-1 uax14-1969-1 uax14-1985-1 uax14-1997-1 " +
		"uax14-2037-1 uax14-2621-1 uax14-2625-1 uax14-2649-1 uax14-2793-1 uax14-2797-1 uax14-2821-1 " +
		"uax14-2925-1 uax14-2997-1 uax14-3017-1 uax14-3029-1 uax14-3069-1 uax14-3825-1 uax14-3829-1 " +
		"uax14-3853-1 uax14-3997-1 uax14-4001-1 uax14-4025-1 uax14-41-1 uax14-4341-1 uax14-4345-1 " +
		"uax14-4369-1 uax14-45-1 uax14-6061-1 uax14-6065-1 uax14-6089-1 uax14-69-1 uax14-7565-3 uax14-7569-4 " +
		"uax14-7569-5 uax14-7570-3 uax14-7570-4 uax14-7570-8 uax14-7602-1 uax14-7602-2 uax14-7602-3",
	// An ASCII quotation mark beside CJK text or an emoji is CJK punctuation there: a line may break on its
	// far side (clreq; w3c/clreq#245; the East Asian tailoring of LB19 that UAX #14 adopted in Unicode 15.1
	// as LB19a), where LineBreakTest 15.0 glues QU to both neighbours.
	"ASCII quotes beside CJK text are CJK punctuation": "" +
		"uax14-2517-1 uax14-4701-1 uax14-4741-1 uax14-4773-1 uax14-4777-1 uax14-5613-1 uax14-5785-1 " +
		"uax14-5957-1 uax14-7333-1 uax14-7607-3",
	// A prefix sign (¥ $ # €, jlreq cl-12) stays with whatever follows it and a postfix sign (% ％ ℃, jlreq cl-13)
	// with whatever precedes it, not only with numerals: bao cannot tell an ideographic numeral (五, 百) from
	// another ideograph, and a sign alone at a line end or start reads as a stray.
	"prefix and postfix signs stay with any neighbour": "" +
		"uax14-1133-1 uax14-129-1 uax14-133-1 uax14-1477-1 uax14-2681-1 uax14-2853-1 uax14-3885-1 " +
		"uax14-4401-1 uax14-4569-1 uax14-4573-1 uax14-4577-1 uax14-4601-1 uax14-4617-1 uax14-5605-1 " +
		"uax14-57-1 uax14-6121-1 uax14-7325-1 uax14-97-1",
	// A run of narrow characters without a space is one Western token (URLs, H9774, 6+1, code such as
	// operator[]()): bao breaks it only where it must (a token longer than the line), where UAX #14 allows a
	// break after closing punctuation or an infix separator before a letter, digit, sign or opening bracket.
	"a narrow run without spaces is one token": "" +
		"uax14-1033-1 uax14-1125-1 uax14-1137-1 uax14-1177-1 uax14-1377-1 uax14-1469-1 uax14-1481-1 " +
		"uax14-1521-1 uax14-2581-1 uax14-2673-1 uax14-2685-1 uax14-2725-1 uax14-2845-1 uax14-2857-1 " +
		"uax14-2897-1 uax14-3785-1 uax14-3877-1 uax14-3889-1 uax14-3929-1 uax14-4405-1 uax14-4445-1 " +
		"uax14-6125-1 uax14-6165-1 uax14-7451-3 uax14-7458-5 uax14-7463-5 uax14-7468-9 uax14-7500-10 " +
		"uax14-7501-10 uax14-7501-12 uax14-7626-3 uax14-7627-3",
})

// byReason turns reason → space-separated ids into id → reason.
func byReason(m map[string]string) map[string]string {
	out := map[string]string{}
	for reason, ids := range m {
		for _, id := range strings.Fields(ids) {
			out[id] = reason
		}
	}
	return out
}
