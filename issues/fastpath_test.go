package issues

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The parser's quick tests are switches and byte scans standing for a set
// of characters or a pattern; these tests hold each to what it stands for.

// TestRunePredicates: each predicate accepts exactly the runes of its set.
func TestRunePredicates(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		f    func(rune) bool
		set  string
	}{
		{"isClausePunct", isClausePunct, clausePunct},
		{"isBylineBreaker", isBylineBreaker, "。，！？!?；"},
		{"isRoleHint", isRoleHint, "者员員生稿派委组組"},
		{"isLeadHint", isLeadHint, "讯訊电電【[［(（"},
		{"isCreditHint", isCreditHint, "摄攝图圖撮发發影사写hH"},
		{"isFurnitureHint", isFurnitureHint, "0123456789０１２３４５６７８９版面页頁年：:／/"},
		{"isSentenceMark", isSentenceMark, "。，！？"},
	} {
		for r := rune(0); r <= 0x10FFFF; r++ {
			if got, want := c.f(r), strings.ContainsRune(c.set, r); got != want {
				t.Errorf("%s(%q) = %v, want %v", c.name, r, got, want)
			}
		}
	}
}

// squeezeSpaceReference is squeezeSpace as first written, rune by rune.
func squeezeSpaceReference(s string) string {
	if !strings.ContainsAny(s, "\t 　\u00a0") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if r == ' ' || r == '\t' || r == '　' || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

var spacePieces = []string{"江城", "ab", "。", " ", "  ", "\t", "　", "\u00a0", "\n", "\u2003", "\xe3", "\xc2", "\x80", "\xa0", "\xe3\x80", "é"}

// randomText is n pieces drawn by rng, one after another: the random
// inputs of the tests that hold a quick test to what it stands for.
func randomText(rng *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func TestSqueezeSpaceAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		s := randomText(rng, spacePieces, rng.IntN(10))
		if got, want := squeezeSpace(s), squeezeSpaceReference(s); got != want {
			t.Fatalf("squeezeSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// cellWidthReference is cellWidth as first written.
func cellWidthReference(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r < 0x1100:
			w++
		case isCJK(r) && r != '“' && r != '”' && r != '‘' && r != '’' && r != '—' && r != '…' && r != '·', isHangul(r):
			w += 2
		default:
			w++
		}
	}
	return w
}

func TestCellWidthAgrees(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := "a" + string(r)
		if got, want := cellWidth(s), cellWidthReference(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, want %d", s, got, want)
		}
	}
	for _, s := range []string{"", "\xff", "\xe6\xb1", "中\xe6文", string(SampleBytes())} {
		if got, want := cellWidth(s), cellWidthReference(s); got != want {
			t.Errorf("cellWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestSplitFurniture: splitFurniture splits as reFurnitureSep.Split does.
func TestSplitFurniture(t *testing.T) {
	pieces := []string{"第2版", "要闻", "A2", " ", "  ", "\t", "\n", "\r", "\f", "\v", "　", "|", "｜", "│", "丨", "•", "●", "■", "◆",
		"·", "\u00a0", "\xff", "\xe4\xb8", "2024年1月2日", "星期二"}
	inputs := []string{"", " ", "a", "a b", " a ", "江城晨报 | 2024年1月2日 星期二 | 第2版 要闻"}
	inputs = append(inputs, quickCorpus(t)...)
	rng := rand.New(rand.NewPCG(7, 8))
	for range 30000 {
		inputs = append(inputs, randomText(rng, pieces, rng.IntN(8)))
	}
	re := reFurnitureSep.get()
	for _, s := range inputs {
		got, want := splitFurniture(s), re.Split(s, -1)
		if !slices.Equal(got, want) {
			t.Fatalf("splitFurniture(%q) = %q, want %q", s, got, want)
		}
	}
}

// isLatinTextReference is isLatinText as first written.
func isLatinTextReference(s string) bool {
	var latin, other int
	for _, r := range s {
		switch {
		case r < 0x80 && unicode.IsLetter(r), unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin > 2*other
}

func TestIsLatinTextAgrees(t *testing.T) {
	t.Parallel()
	// every rune alone (Latin or not) and after two Latin letters (which
	// a letter of another script outweighs: "ab中" is not Latin, "ab." is)
	for r := rune(0); r <= 0x10FFFF; r++ {
		for _, s := range []string{string(r), "ab" + string(r)} {
			if got, want := isLatinText(s), isLatinTextReference(s); got != want {
				t.Fatalf("isLatinText(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func TestHasSqueezable(t *testing.T) {
	for _, s := range append(quickCorpus(t), "", " ", "\t", "　", "\u00a0", "\xe3\x80", "\xc2", "ab", "江城") {
		if got, want := hasSqueezable(s), strings.ContainsAny(s, "\t 　\u00a0"); got != want {
			t.Fatalf("hasSqueezable(%q) = %v, want %v", s, got, want)
		}
	}
}

// edgeLinesReference is how runningLines first picked a sheet's edge
// lines: split and trim them all, keep the first and last four.
func edgeLinesReference(sheet string) []string {
	var lines []string
	for _, l := range strings.Split(sheet, "\n") {
		if l = strings.Trim(l, " \t　"); l != "" {
			lines = append(lines, l)
		}
	}
	var out []string
	for i, l := range lines {
		if i < 4 || i >= len(lines)-4 {
			out = append(out, l)
		}
	}
	return out
}

func TestEdgeLines(t *testing.T) {
	pieces := []string{"a", "江城", "第2版", " ", "　", "\t", "\n", "\n", "\n\n", " \n"}
	rng := rand.New(rand.NewPCG(9, 10))
	inputs := []string{"", "\n", "a", "a\n", "\na", strings.Repeat("x\n", 20), string(SampleBytes())}
	for range 30000 {
		inputs = append(inputs, randomText(rng, pieces, rng.IntN(30)))
	}
	for _, s := range inputs {
		got, want := edgeLines(nil, s, 4), edgeLinesReference(s)
		if !slices.Equal(got, want) {
			t.Fatalf("edgeLines(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestDecodeBytesAgrees: decodeBytes decodes as encoding.Decoder.Bytes does,
// on the fixtures in every encoding and on random bytes.
func TestDecodeBytesAgrees(t *testing.T) {
	inputs := [][]byte{nil, {}, {0x81}, {0xA4, 0xA4}, SampleBytes()}
	for _, f := range fixtures {
		inputs = append(inputs, fixtureBytes(t, f))
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 2000 {
		b := make([]byte, rng.IntN(64))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		inputs = append(inputs, b)
	}
	for _, c := range legacyEncodings {
		for _, in := range inputs {
			got, gotErr := decodeBytes(c.enc, in)
			want, wantErr := c.enc.NewDecoder().Bytes(in)
			if !bytes.Equal(got, want) || (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%s: decodeBytes(%q) = %q, %v; want %q, %v", c.name, in, got, gotErr, want, wantErr)
			}
		}
	}
}

// TestNFKCAgrees holds nfkc to norm.NFKC.String: each rune it maps alone
// maps as the normalizer maps it, and stands at a normalization boundary
// (composes with nothing before it), so a text of such runes normalizes
// rune by rune; random texts mixing them with runes that do compose agree.
func TestNFKCAgrees(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if nfkcKind(r) == nfkcOther || !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if got, want := nfkc(s), norm.NFKC.String(s); got != want {
			t.Fatalf("nfkc(%U) = %q, want %q", r, got, want)
		}
		if !norm.NFKC.PropertiesString(s).BoundaryBefore() {
			t.Fatalf("%U composes with what stands before it", r)
		}
	}
	pieces := []string{"江", "，", "（", "）", "　", " ", "a", "Ａ", "가", "か", "\u3099", "\u0301", "ㄳ", "…", "\u11a8", "é", "e", "\xe3", "“", "—"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		s := randomText(rng, pieces, rng.IntN(8))
		if got, want := nfkc(s), norm.NFKC.String(s); got != want {
			t.Fatalf("nfkc(%q) = %q, want %q", s, got, want)
		}
	}
}

// runeResidueReference is runeResidue as first written: the walks over
// the whole texts, as printed and in NFKC.
func runeResidueReference(text, made string) string {
	if text == made || equalIgnoringSpace(text, made) {
		return ""
	}
	if r := multisetResidue(text, made); r == "" {
		return ""
	}
	return multisetResidue(norm.NFKC.String(text), norm.NFKC.String(made))
}

func TestRuneResidueAgrees(t *testing.T) {
	pieces := []string{"记者", "张三", "（", "）", "(", ")", "，", "。", " ", "　", "a", "Ａ", "…", "\u0301", "e", "가", "\u11a8", "\xe3", "\xff", "本报讯"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 100000 {
		text := randomText(rng, pieces, rng.IntN(10))
		var made string
		switch rng.IntN(3) {
		case 0: // a byline, then a tail of the text (a lead)
			cut := rng.IntN(len(text) + 1)
			made = randomText(rng, pieces, rng.IntN(4)) + text[cut:]
		case 1: // the text with a piece left out
			i := rng.IntN(len(text) + 1)
			j := i + rng.IntN(len(text)-i+1)
			made = text[:i] + text[j:]
		default:
			made = randomText(rng, pieces, rng.IntN(10))
		}
		if got, want := runeResidue(text, made), runeResidueReference(text, made); got != want {
			t.Fatalf("runeResidue(%q, %q) = %q, want %q", text, made, got, want)
		}
	}
}

// TestHasRoleWord: every role word, alone or among other text, passes.
func TestHasRoleWord(t *testing.T) {
	for _, w := range strings.Split(roleWords, "|") {
		w = strings.TrimSuffix(w, "人?")
		for _, s := range []string{w, "本报" + w + " 张三", "通特" + w, w + "人"} {
			if !hasRoleWord(s) {
				t.Errorf("hasRoleWord(%q) = false", s)
			}
		}
	}
	for _, s := range []string{"", "通知", "特色生态", "市委书记", "记录者"} {
		if hasRoleWord(s) {
			t.Errorf("hasRoleWord(%q) = true", s)
		}
	}
}

// TestRuneSets holds each runeSet to the predicate it stands for: the same
// runes, and the same index as strings.IndexFunc in any text, cut runes
// and invalid bytes among its members included.
func TestRuneSets(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		set  *runeSet
		f    func(rune) bool
	}{
		{"leadHints", leadHints, isLeadHint},
		{"creditHints", creditHints, isCreditHint},
		{"roleHints", roleHints, isRoleHint},
		{"furnitureHints", furnitureHints, isFurnitureHint},
		{"sentenceMarks", sentenceMarks, isSentenceMark},
		{"bylineBreakers", bylineBreakers, isBylineBreaker},
		{"clausePuncts", clausePuncts, isClausePunct},
		{"digits", nil, isASCIIDigit},
		{"timestampMarks", timestampMarks, func(r rune) bool { return strings.ContainsRune(":：T年/.-", r) }},
		{"timeMarks", timeMarks, func(r rune) bool { return strings.ContainsRune(":：T", r) }},
		{"datePieces", datePieces, func(r rune) bool { return strings.ContainsRune("年月日星周週", r) }},
	} {
		index := func(s string) int {
			if c.set == nil {
				if hasASCIIDigit(s) {
					return strings.IndexFunc(s, isASCIIDigit) // only its truth is held
				}
				return -1
			}
			return c.set.index(s)
		}
		var members []string
		for r := rune(0); r <= unicode.MaxRune; r++ {
			s := string(r)
			if got, want := index(s) == 0, c.f(r); got != want {
				t.Fatalf("%s: %U in = %v, want %v", c.name, r, got, want)
			}
			if c.f(r) {
				members = append(members, s)
			}
		}
		var pieces []string
		for _, m := range members {
			pieces = append(pieces, m, m[:len(m)-1], m[1:])
		}
		pieces = append(pieces, "江", "城", "a", " ", "\xe8", "\xff", "\x80", "é", "가", "\U0001F600")
		rng := rand.New(rand.NewPCG(9, 10))
		for range 20000 {
			s := randomText(rng, pieces, rng.IntN(12))
			if got, want := index(s), strings.IndexFunc(s, c.f); got != want {
				t.Fatalf("%s: index(%q) = %d, want %d", c.name, s, got, want)
			}
		}
	}
}

// TestWordSets holds each wordSet to strings.Contains of its words, or-ed,
// on texts made of its words, their halves and invalid bytes.
func TestWordSets(t *testing.T) {
	t.Parallel()
	for name, ws := range map[string]*wordSet{
		"hotlineWords": hotlineWords, "linksWords": linksWords, "mastheadWords": mastheadWords,
		"roleHintWords": roleHintWords, "roleWordCores": roleWordCores,
	} {
		pieces := []string{"江", "a", " ", "\xe8", "\xff", "\x80"}
		for _, w := range ws.words {
			pieces = append(pieces, w, w[:len(w)/2], w[len(w)/2:], w[:len(w)-1], w[1:])
		}
		rng := rand.New(rand.NewPCG(11, 12))
		for range 20000 {
			s := randomText(rng, pieces, rng.IntN(8))
			want := false
			for _, w := range ws.words {
				want = want || strings.Contains(s, w)
			}
			if got := ws.in(s); got != want {
				t.Fatalf("%s.in(%q) = %v, want %v", name, s, got, want)
			}
		}
	}
}

// TestValidUTF8Agrees holds validUTF8 to utf8.Valid, on texts made of the
// edge cases of three-byte runes: overlong forms, surrogates, cut runes.
func TestValidUTF8Agrees(t *testing.T) {
	pieces := []string{"江", "a", "\xe0\xa0\x80", "\xe0\x9f\xbf", "\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbf", "\xe1\x80", "\xe1",
		"\x80", "\xbf", "\xc2\xa0", "\xc0\x80", "\xf0\x90\x80\x80", "\xf4\x90\x80\x80", "\xee\x80\x80", "\xec\xbf\xbf", "\xff"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 100000 {
		s := randomText(rng, pieces, rng.IntN(8))
		if got, want := validUTF8([]byte(s)), utf8.Valid([]byte(s)); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", s, got, want)
		}
		if got, want := validUTF8(s), utf8.ValidString(s); got != want {
			t.Fatalf("validUTF8(string %q) = %v, want %v", s, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		for d := 0; d < 256; d += 7 {
			s := []byte{byte(c), byte(d), 0x80, 'a'}
			if got, want := validUTF8(s), utf8.Valid(s); got != want {
				t.Fatalf("validUTF8(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

// TestPlainBylineCJK: what plainBylineCJK takes, reBylineCJK matches; it
// takes the common bylines; random texts of byline pieces keep to that.
func TestPlainBylineCJK(t *testing.T) {
	re := regexp.MustCompile(reBylineCJK.src)
	for _, s := range []string{"本报记者 张三", "本报记者 张三 李四", "江城融媒记者 周晓 林一帆", "记者 王五", "本报特约撰稿人 欧阳修文"} {
		if !plainBylineCJK(s) {
			t.Errorf("plainBylineCJK(%q) = false", s)
		}
	}
	pieces := []string{"本报", "记者", "見習記者", "特约撰稿", "人", "기자", "张", "三", "李四", " ", "  ", "　", "·", "摄", "a", "\xe8", "报道", "/", "：", "欧阳修文山"}
	rng := rand.New(rand.NewPCG(15, 16))
	taken := 0
	for range 200000 {
		s := randomText(rng, pieces, rng.IntN(8))
		if plainBylineCJK(s) {
			taken++
			if !re.MatchString(s) {
				t.Fatalf("plainBylineCJK(%q) = true, but reBylineCJK does not match", s)
			}
		}
	}
	if taken < 100 {
		t.Errorf("only %d random texts taken", taken)
	}
}

// TestMastheadNeedsHint: each pattern isMastheadLine matches by holds a
// furniture hint or one of mastheadBareWords (furnitureLine asks for them
// before it).
func TestMastheadNeedsHint(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, l := range []*lazyRegexp{&rePhoneLine, &reSourceLine, &reDatePieces, &reMasthead} {
		tree, err := syntax.Parse(l.src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		for range 3000 {
			var b strings.Builder
			generate(&b, tree, rng)
			s := b.String()
			if isMastheadLine(s) && !furnitureHints.in(s) && !mastheadBareWords.in(s) {
				t.Fatalf("isMastheadLine(%q) without a hint", s)
			}
		}
	}
	for _, s := range quickCorpus(t) {
		if isMastheadLine(s) && !furnitureHints.in(s) && !mastheadBareWords.in(s) {
			t.Fatalf("isMastheadLine(%q) without a hint", s)
		}
	}
}

func TestIsBlankAgrees(t *testing.T) {
	pieces := []string{" ", "\t", "　", "\u00a0", "\u0085", "\v", "\u2003", "a", "江", "\xe3\x80", "\xff", "\r"}
	rng := rand.New(rand.NewPCG(19, 20))
	for range 50000 {
		s := randomText(rng, pieces, rng.IntN(6))
		if got, want := isBlank(s), strings.TrimSpace(strings.Trim(s, "　")) == ""; got != want {
			t.Fatalf("isBlank(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTrimBlankAgrees(t *testing.T) {
	pieces := []string{" ", "\t", "　", "\xe3\x80", "\x80", "\xe3", "a", "江", "\u00a0", "\xff"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 50000 {
		s := randomText(rng, pieces, rng.IntN(7))
		if got, want := trimBlank(s), strings.Trim(s, " \t　"); got != want {
			t.Fatalf("trimBlank(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimBlankRight(s), strings.TrimRight(s, " \t　"); got != want {
			t.Fatalf("trimBlankRight(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimBlankLeft(s), strings.TrimLeft(s, " \t　"); got != want {
			t.Fatalf("trimBlankLeft(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTrimSpaceTakesIdeographicSpace: joinLines trims with TrimSpace alone
// what it trimmed with TrimLeft(l, "　") first.
func TestTrimSpaceTakesIdeographicSpace(t *testing.T) {
	pieces := []string{" ", "\t", "　", "\xe3\x80", "\x80", "a", "江", "\u00a0"}
	rng := rand.New(rand.NewPCG(23, 24))
	for range 50000 {
		s := randomText(rng, pieces, rng.IntN(7))
		if got, want := strings.TrimSpace(s), strings.TrimSpace(strings.TrimLeft(s, "　")); got != want {
			t.Fatalf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTrimSpaceAgrees holds trimSpace to strings.TrimSpace: every rune at
// either end, and random texts of white space, near misses and cut runes.
func TestTrimSpaceAgrees(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		c := string(r)
		for _, s := range []string{c, "a" + c, c + "a", "江" + c, c + "江"} {
			if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
				t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
			}
		}
	}
	pieces := []string{" ", "\t", "\n", "　", "\u00a0", "\u0085", "\u2003", "\u1680", "\u205f", "\u202f", "\u2029", "。", "）", "a", "江",
		"\xe3\x80", "\x80", "\xe3", "\xc2", "\xed\xa0", "\xe4\x80", "\xff", "\xa0"}
	rng := rand.New(rand.NewPCG(25, 26))
	for range 100000 {
		s := randomText(rng, pieces, rng.IntN(6))
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
