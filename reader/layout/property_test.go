package layout

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"

	"bao/issues"
)

// pieces are what random paragraphs are made of: CJK, kana, hangul,
// Latin words and tokens, numbers, punctuation of every kinsoku class,
// ambiguous-width characters, spaces and combining marks.
var pieces = []string{
	"中", "文", "报", "道", "城", "市", "新", "闻", "發", "展", "經", "濟",
	"の", "は", "ち", "ょ", "っ", "と", "コ", "ー", "ヒ", "ャ", "々", "ゝ",
	"한", "국", "어", "신", "문", "기", "사",
	"the", "news", "Lhasa", "a", "I",
	"H9774", "2023", "3D", "6+1", "12.5%", "50％", "￥30", "https://example.com/a?b=1",
	"，", "。", "、", "：", "；", "！", "？", "“", "”", "‘", "’", "《", "》", "（", "）", "「", "」", "【", "】",
	"——", "……", "—", "…", "·", "・", "～",
	",", ".", ":", ";", "!", "?", "(", ")", "\"",
	"°", "×", "①", "℃", "─", "α", "§",
	" ", " ", "  ", "\u3000", "e\u0301", "\u200d", "\x1b",
	"👨\u200d👩\u200d👧", "☺\ufe0f", "☝🏻", "👍🏽", "🇨🇳", "🇯🇵", "#\ufe0f\u20e3", "ｶﾞ", "中ﾞ", "⚠\ufe0f", "❤", "😀",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz",
	"国国国国国国国国国国国国国国国国国国国国",
}

func randomText(r *rand.Rand, n int) string {
	var sb strings.Builder
	for range n {
		sb.WriteString(pieces[r.IntN(len(pieces))])
	}
	return sb.String()
}

func randomArticle(r *rand.Rand) *issues.Article {
	a := &issues.Article{Headline: randomText(r, r.IntN(20)), Byline: randomText(r, r.IntN(5))}
	kinds := []issues.BlockKind{issues.KindText, issues.KindText, issues.KindText, issues.KindSubhead, issues.KindCaption, issues.KindCredit}
	for range r.IntN(6) {
		a.Blocks = append(a.Blocks, issues.Block{Kind: kinds[r.IntN(len(kinds))], Text: randomText(r, r.IntN(120))})
	}
	return a
}

func randomOptions(r *rand.Rand) Options {
	return Options{
		Width:     2 + r.IntN(130),
		Columns:   r.IntN(5),
		Gutter:    r.IntN(4),
		Ambiguous: Ambiguous(r.IntN(2)),
		Graphemes: r.IntN(2) == 0,
		Ragged:    r.IntN(3) == 0,
		NoIndent:  r.IntN(3) == 0,
	}
}

func TestLayoutProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		a := randomArticle(r)
		opt := randomOptions(r)
		if err := checkLayout(a, opt); err != nil {
			t.Fatalf("case %d, %+v: %v\narticle: %#v", i, opt, err, a)
		}
	}
}

func FuzzLayout(f *testing.F) {
	f.Add("城关区推行“6+1”举措，H9774次列车于2023年开通——全程……", uint8(40), uint8(1), uint8(2), false, false)
	f.Add("日本語の文章です。ちょっと待ってください「コーヒー」。", uint8(21), uint8(2), uint8(2), true, false)
	f.Add("한국어 문장입니다. 3D프린터로 만든 “작품”을 봤다.", uint8(17), uint8(3), uint8(1), false, true)
	f.Add("see https://example.com/a/very/long/path?x=1 and 12.5% more", uint8(12), uint8(0), uint8(2), true, true)
	f.Add("\xa5\xe3\x81", uint8(21), uint8(2), uint8(2), true, false)                                       // invalid UTF-8 across blocks
	f.Add("家👨\u200d👩\u200d👧☝🏻，🇨🇳🇯🇵#\ufe0f\u20e3ｶﾞ中ﾞe\u0301", uint8(9), uint8(1), uint8(0x82), false, false) // clusters, per cluster
	f.Add("0000000\u202dﾞ", uint8(9), uint8(1), uint8(0x80), false, false)                                  // a mark after a hidden character joins the character before it
	f.Add("e\u202a\u0301\u202c\u0301x\u0085\U0001F3FD", uint8(3), uint8(1), uint8(0x80), true, true)        // marks and modifiers across hidden runes
	f.Fuzz(func(t *testing.T, text string, width, columns, gutter uint8, wide, ragged bool) {
		a := &issues.Article{Headline: text, Blocks: []issues.Block{{Kind: issues.KindText, Text: text}, {Kind: issues.KindCaption, Text: text}}}
		amb := Narrow
		if wide {
			amb = Wide
		}
		// The gutter's high bit counts per grapheme cluster.
		opt := Options{Width: int(width), Columns: int(columns % 6), Gutter: int(gutter % 5), Ambiguous: amb, Ragged: ragged, Graphemes: gutter&0x80 != 0}
		if err := checkLayout(a, opt); err != nil {
			t.Fatalf("%+v: %v\ntext: %q", opt, err, text)
		}
	})
}

// visible is s without white space and without the control characters
// bao never shows: the text a reader sees, for comparing read-back.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r < 0x20 || (r >= 0x7F && r <= 0x9F) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return -1
		}
		return r
	}, s)
}

// checkLayout lays a out and checks every promise of the package.
func checkLayout(a *issues.Article, opt Options) error {
	l := Article(a, opt)
	w := l.Widths
	if l.ColumnWidth < 1 || l.Columns*l.ColumnWidth+(l.Columns-1)*l.Gutter > l.Width {
		return fmt.Errorf("columns %d×%d gutter %d do not fit width %d", l.Columns, l.ColumnWidth, l.Gutter, l.Width)
	}
	blockText := func(b int) string {
		switch b {
		case issues.BlockKicker:
			return a.Kicker
		case issues.BlockHeadline:
			return a.Headline
		case issues.BlockSubheadline:
			return a.Subheadline
		case issues.BlockByline:
			return a.Byline
		}
		return a.Blocks[b].Text
	}
	check := func(lines []Line, limit int, head bool) error {
		for i := range lines {
			ln := &lines[i]
			if got := w.String(ln.Text); got != ln.Width {
				return fmt.Errorf("line %q: Width %d, measures %d", ln.Text, ln.Width, got)
			}
			if ln.Width > limit && limit >= 2 {
				return fmt.Errorf("line %q: %d cells, limit %d", ln.Text, ln.Width, limit)
			}
			if strings.HasPrefix(ln.Text, " ") || strings.HasSuffix(ln.Text, " ") {
				return fmt.Errorf("line %q starts or ends with a space", ln.Text)
			}
			if strings.ContainsAny(ln.Text, "\x1b\x00\r\n\t") {
				return fmt.Errorf("line %q carries a control character", ln.Text)
			}
			if ln.Kind == LineBlank {
				continue
			}
			// The source map: every source rune is the block's rune.
			src := []rune(blockText(ln.Block))
			sm := ln.sourceMap()
			k := 0
			for _, r := range ln.Text {
				s := sm[k]
				k++
				if s < 0 {
					if r != ' ' && r != ideoSpace {
						return fmt.Errorf("line %q: inserted %q", ln.Text, r)
					}
					continue
				}
				if int(s) < ln.Start || int(s) >= ln.End || (src[s] != r && !(r == ' ' && unicode.IsSpace(src[s]))) {
					return fmt.Errorf("line %q: rune %q mapped to offset %d (%q) outside [%d,%d)", ln.Text, r, s, src[s], ln.Start, ln.End)
				}
			}
			if k != len(sm) {
				return fmt.Errorf("line %q: %d runes, %d map entries", ln.Text, k, len(sm))
			}
		}
		return checkBreaks(lines, blockText, l, head)
	}
	if err := check(l.Head, l.Width, true); err != nil {
		return fmt.Errorf("head: %w", err)
	}
	if err := check(l.Body, l.ColumnWidth, false); err != nil {
		return fmt.Errorf("body: %w", err)
	}

	// Read back in reading order: nothing lost, nothing doubled.
	var got, want strings.Builder
	for i := range l.Body {
		got.WriteString(visible(l.Body[i].Text))
	}
	for i := range a.Blocks {
		want.WriteString(visible(a.Blocks[i].Text))
	}
	if g, wn := got.String(), want.String(); g != wn {
		return fmt.Errorf("read back in column order:\n got %q\nwant %q", g, wn)
	}
	for _, height := range []int{0, 4, 9} {
		if err := checkPages(l, height); err != nil {
			return fmt.Errorf("pages of %d rows: %w", height, err)
		}
	}
	rows := l.BalancedRows()
	// The page puts LineAt's line at row r, column c, the gutters blank,
	// no row wider than the page.
	for r, row := range l.Page(0, rows) {
		var sb strings.Builder
		for c := range l.Columns {
			if c > 0 {
				sb.WriteString(strings.Repeat(" ", l.Gutter))
			}
			text := ""
			if i := l.LineAt(0, rows, c, r); i >= 0 {
				text = l.Body[i].Text
			}
			sb.WriteString(w.PadRight(text, l.ColumnWidth))
		}
		if exp := strings.TrimRight(sb.String(), " "); row != exp {
			return fmt.Errorf("page row %d:\n got %q\nwant %q", r, row, exp)
		}
		if rw := w.String(row); rw > l.Width && l.ColumnWidth >= 2 {
			return fmt.Errorf("page row %q: %d cells, width %d", row, rw, l.Width)
		}
	}
	var head strings.Builder
	for _, ln := range l.Head {
		head.WriteString(visible(ln.Text))
	}
	if g, wn := head.String(), visible(a.Kicker)+visible(a.Headline)+visible(a.Subheadline)+visible(a.Byline); g != wn {
		return fmt.Errorf("head read back:\n got %q\nwant %q", g, wn)
	}

	// Positions: every shown source rune locates to a cell that maps back.
	for i := range l.Body {
		ln := &l.Body[i]
		for _, s := range ln.sourceMap() {
			if s < 0 {
				continue
			}
			p := issues.Place{Block: ln.Block, Offset: int(s)}
			li, x := l.Locate(p)
			if li != i {
				return fmt.Errorf("Locate(%v) = line %d, want %d (%q)", p, li, i, ln.Text)
			}
			if src := []rune(blockText(p.Block)); w.Rune(src[s]) == 0 || (s > 0 && !clusterStarts(string(src), int(s))) {
				continue // a zero-width rune, or one inside a cluster, shares its base's cell
			}
			if back := l.At(li, x); back != p {
				return fmt.Errorf("At(Locate(%v)) = %v (line %q, x %d)", p, back, ln.Text, x)
			}
		}
	}
	return nil
}

// checkBreaks checks each break between two lines of a block: it falls at
// a break opportunity (so kinsoku holds and no token is split), or it was
// forced: the previous line has no opportunity at all, so the unit it
// starts is wider than the line.
func checkBreaks(lines []Line, blockText func(int) string, l *Layout, head bool) error {
	e := &engine{w: l.Widths}
	prevBlock := -99
	for i := 1; i < len(lines); i++ {
		prev, ln := &lines[i-1], &lines[i]
		if ln.Kind == LineBlank || prev.Kind == LineBlank || prev.Block != ln.Block {
			continue
		}
		if ln.Block != prevBlock {
			e.prepare(blockText(ln.Block))
			prevBlock = ln.Block
		}
		b := ln.Start
		ri := e.ri
		if ri[b].can {
			continue
		}
		for k := prev.Start + 1; k <= b; k++ {
			if ri[k].can {
				return fmt.Errorf("break before %q (offset %d) is no opportunity, and %d was", string(ri[b].r), b, k)
			}
		}
		// The unit the forced break cuts, from the previous line's start
		// to the next opportunity, must be wider than the line.
		limit := l.ColumnWidth
		if head {
			limit = l.Width
		}
		if limit >= 4 {
			limit &^= 1 // justified text is set on an even measure
		}
		q := b + 1
		for q < e.n && !ri[q].can {
			q++
		}
		for q > b && ri[q-1].cls == clsSpace {
			q--
		}
		uw := 0
		for k := prev.Start; k < q; k++ {
			uw += int(ri[k].w)
		}
		if uw <= limit-(prev.Width-lineSourceWidth(prev)) {
			return fmt.Errorf("forced break before %q, but the unit from line %q is only %d cells", string(ri[b].r), prev.Text, uw)
		}
	}
	return nil
}

// tokenRE is layout-check's Latin token: a word, number or run such as
// H9774, 6+1, 12.5%.
var tokenRE = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9+.%]*[A-Za-z0-9%]|[A-Za-z0-9]`)

func TestKinsokuOracle(t *testing.T) {
	// An oracle independent of the break table: in ordinary text (no unit
	// longer than the line), no line starts with a closing mark or ends
	// with an opening one, and no ASCII token is split.
	r := rand.New(rand.NewPCG(3, 4))
	short := pieces[:len(pieces)-2] // no long runs
	for i := range 2000 {
		var sb strings.Builder
		for range 20 + r.IntN(200) {
			sb.WriteString(short[r.IntN(len(short))])
		}
		text := sb.String()
		width := 30 + r.IntN(60)
		amb := Ambiguous(r.IntN(2))
		e := &engine{w: NewWidths(amb)}
		recs := e.set(nil, text, 0, LineText, width, 0, false)
		lines := make([]string, len(recs))
		for k := range recs {
			lines[k] = spanText(e, k)
		}
		for k, ln := range lines {
			rs := []rune(strings.TrimLeft(ln, "\u3000"))
			if len(rs) == 0 {
				continue
			}
			if k > 0 && strings.ContainsRune(noStart, rs[0]) {
				t.Fatalf("case %d: line %q starts with %q (width %d)", i, ln, rs[0], width)
			}
			if k < len(lines)-1 && strings.ContainsRune(noEnd, rs[len(rs)-1]) {
				t.Fatalf("case %d: line %q ends with %q", i, ln, rs[len(rs)-1])
			}
		}
		// The tokens layout-check looks for: each no longer than half the
		// line is found whole on a line.
		for _, tok := range tokenRE.FindAllString(text, -1) {
			if len(tok) > width/2 {
				continue
			}
			found := false
			for _, ln := range lines {
				found = found || strings.Contains(ln, tok)
			}
			if !found {
				t.Fatalf("case %d: token %q split (width %d):\n%s", i, tok, width, strings.Join(lines, "\n"))
			}
		}
	}
}

// lineSourceWidth is the width of the source characters of a line (its
// width without inserted indent and justification spaces).
func lineSourceWidth(ln *Line) int {
	n, k := 0, 0
	sm := ln.sourceMap()
	sc := cellScanner{w: ln.widths(), s: ln.Text}
	for {
		_, _, _, cells, ok := sc.next()
		if !ok {
			return n
		}
		if sm[k] >= 0 {
			n += cells
		}
		k++
	}
}

// clusterStarts reports whether a grapheme cluster of s starts at rune k.
func clusterStarts(s string, k int) bool {
	// Clusters as the terminal draws them: hidden runes are never
	// written, so a mark after one joins the character before it.
	var drawn strings.Builder
	dk := -1
	n := 0
	for i, r := range []rune(s) {
		if isHidden(r) {
			if i == k {
				return false
			}
			continue
		}
		if i == k {
			dk = n
		}
		drawn.WriteRune(r)
		n++
	}
	i := 0
	for it := graphemes.FromString(drawn.String()); it.Next(); {
		if i == dk {
			return true
		}
		i += utf8.RuneCountInString(it.Value())
		if i > dk {
			return false
		}
	}
	return i == dk
}

// checkPages: the pages of l, read column by column, show every line that
// is not blank exactly once and in order, each column top down without a
// hole; no column opens with a blank line or ends with a subhead whose
// text follows in the next column; a page holds no more than its rows.
func checkPages(l *Layout, height int) error {
	next := 0 // the lowest line not shown yet
	pages := l.Pages(height)
	for pi, w := range pages {
		if w.Rows < 1 {
			return fmt.Errorf("page %d: %d rows", pi, w.Rows)
		}
		for c := range l.Columns {
			var shown []int
			for r := range w.Rows {
				i := l.LineAt(w.First, w.Rows, c, r)
				if i < 0 {
					break
				}
				shown = append(shown, i)
			}
			for r := len(shown); r < w.Rows; r++ {
				if i := l.LineAt(w.First, w.Rows, c, r); i >= 0 {
					return fmt.Errorf("page %d column %d: line %d below a hole at row %d", pi, c, i, len(shown))
				}
			}
			if len(shown) == 0 {
				continue
			}
			if l.Body[shown[0]].Kind == LineBlank {
				return fmt.Errorf("page %d column %d opens with blank line %d", pi, c, shown[0])
			}
			for _, i := range shown {
				if i < next {
					return fmt.Errorf("page %d column %d: line %d again or out of order (next %d)", pi, c, i, next)
				}
				for k := next; k < i; k++ {
					if l.Body[k].Kind != LineBlank {
						return fmt.Errorf("page %d column %d: line %d (%q) never shown", pi, c, k, l.Body[k].Text)
					}
				}
				next = i + 1
			}
			last := shown[len(shown)-1]
			for last > shown[0] && l.Body[last].Kind == LineBlank {
				last--
			}
			onlyHeads := true
			for _, i := range shown {
				onlyHeads = onlyHeads && (l.Body[i].Kind == LineSubhead || l.Body[i].Kind == LineBlank)
			}
			if ln := l.Body[last]; ln.Kind == LineSubhead && !onlyHeads {
				for k := last + 1; k < len(l.Body); k++ {
					if l.Body[k].Kind != LineBlank && l.Body[k].Kind != LineSubhead {
						return fmt.Errorf("page %d column %d ends with subhead %q, its text in the next column", pi, c, ln.Text)
					}
				}
			}
		}
		if end := l.PageEnd(w.First, w.Rows); pi+1 < len(pages) && pages[pi+1].First != end {
			return fmt.Errorf("page %d ends at %d, page %d starts at %d", pi, end, pi+1, pages[pi+1].First)
		}
	}
	for k := next; k < len(l.Body); k++ {
		if l.Body[k].Kind != LineBlank {
			return fmt.Errorf("line %d (%q) on no page", k, l.Body[k].Text)
		}
	}
	return nil
}
