package issues

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// declaredRegexp finds the declarations of lazyRegexps in source.
var declaredRegexp = regexp.MustCompile(`(?m)^(?:var |\t)re[A-Za-z]+\s*= lazyRegexp\{src: `)

// allRegexps lists every lazyRegexp of the package.
var allRegexps = []*lazyRegexp{
	&reNumberedHead, &reBylineCJK, &reBylineSuffix, &reBylineEn, &reLeadLostParen, &reLeadAgency,
	&reLeadParenDateline, &reBylineMail, &reLeadBracket, &reLeadSquare, &reLeadParenEq, &reLeadWire,
	&reBylineNoName, &reJump, &reCaption, &reCredit, &reDateYMD, &reDateNum, &reDateEra, &reDateHan,
	&reDateMD, &reDateEnM, &reDateEnD, &rePageCJK, &rePageLetter, &rePageLatin, &reEditors, &reWeekday,
	&reLunar, &reIssueNo, &reFurnitureSep, &reDateCJK, &reDateISO, &reMDHeading, &reMDImage, &reMDLink,
	&reMDList, &reMDRule, &reMDCode, &reMDEmph, &reNameDate,
	&reTimestamp, &reURL, &reHotline, &reReadOn, &reLinksLabel, &reBylineDesk, &reCaptionEnd, &reRoleOnly, &reSourceLine, &reMasthead, &rePhoneLine, &reDatePieces, &reBylineBullet, &reLeadDate, &reBylineIt, &reJumpLatin, &reDateIt,
	&reJumpTo, &reJumpFrom, // pdflayout_jumps.go
}

// TestLazyRegexpsCompile compiles every pattern of the package, so a bad
// one fails here and not on a user's first file; and checks allRegexps
// misses none of the patterns declared in the package's source.
func TestLazyRegexpsCompile(t *testing.T) {
	for _, l := range allRegexps {
		if _, err := regexp.Compile(l.src); err != nil {
			t.Errorf("%q: %v", l.src, err)
		}
		//lint:ignore SA4000 two calls must give the same *Regexp: it is compiled once.
		if l.get() != l.get() {
			t.Errorf("%q: compiled twice", l.src)
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		declared += len(declaredRegexp.FindAll(src, -1))
	}
	if declared != len(allRegexps) {
		t.Errorf("%d lazyRegexps declared in the package, %d in allRegexps", declared, len(allRegexps))
	}
}

// TestFrequentRunes checks the detector's bitmaps hold exactly the runes of
// the frequency lists within their blocks.
func TestFrequentRunes(t *testing.T) {
	sets := frequentRunes()
	for _, c := range []struct {
		name   string
		list   string
		bitmap runeBitmap
	}{{"frequentHan", frequentHan, sets.han}, {"frequentHangul", frequentHangul, sets.hangul}} {
		want := map[rune]bool{}
		for _, r := range c.list {
			want[r] = true
		}
		n := 0
		for r := c.bitmap.lo - 1; r <= c.bitmap.hi+1; r++ {
			in := want[r] && r >= c.bitmap.lo && r <= c.bitmap.hi
			if c.bitmap.has(r) != in {
				t.Errorf("%s: has(%U) = %v, want %v", c.name, r, !in, in)
			}
			if in {
				n++
			}
		}
		if n < 400 {
			t.Errorf("%s: only %d runes in the bitmap", c.name, n)
		}
	}
}
