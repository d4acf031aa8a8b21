package layout

import (
	"fmt"
	"strings"
	"testing"

	"bao/issues"
)

func TestAutoColumns(t *testing.T) {
	for _, tc := range []struct{ width, gutter, want int }{
		{40, 2, 1}, {80, 2, 1}, {81, 2, 1}, {82, 2, 2}, {120, 2, 2}, {123, 2, 2},
		{124, 2, 3}, {165, 2, 3}, {166, 2, 4}, {10, 2, 1}, {80, 0, 2}, {200, -1, 5},
	} {
		if got := AutoColumns(tc.width, tc.gutter); got != tc.want {
			t.Errorf("AutoColumns(%d, %d) = %d, want %d", tc.width, tc.gutter, got, tc.want)
		}
	}
	l := Article(&issues.Article{}, Options{Width: 120, Gutter: 2})
	if l.Columns != 2 || l.ColumnWidth != 59 {
		t.Errorf("width 120 auto: %d columns of %d", l.Columns, l.ColumnWidth)
	}
	l = Article(&issues.Article{}, Options{Width: 9, Columns: 8, Gutter: 2})
	if l.Columns*l.ColumnWidth+(l.Columns-1)*l.Gutter > 9 || l.ColumnWidth < 2 {
		t.Errorf("width 9, 8 columns asked: %d columns of %d", l.Columns, l.ColumnWidth)
	}
	if l := Article(&issues.Article{}, Options{}); l.Width != 80 {
		t.Errorf("zero Options: width %d", l.Width)
	}
}

// sample is a small article: a Chinese paragraph, a subhead, an English
// paragraph with a double space, a caption and its credit.
var sample = &issues.Article{
	Kicker: "专题", Headline: "城市新闻报道的标题在这里", Byline: "本报记者 王明",
	Blocks: []issues.Block{
		{Kind: issues.KindText, Text: "今年以来，我市推动“6+1”项目落地，产值增长12.5%。这是一段用来测试的文字——看看效果……"},
		{Kind: issues.KindSubhead, Text: "小标题"},
		{Kind: issues.KindText, Text: "Ferries  run again from the old port to the island."},
		{Kind: issues.KindCaption, Text: "图为码头。"},
		{Kind: issues.KindCredit, Text: "王明 摄"},
	},
}

func TestBlocksSetApart(t *testing.T) {
	l := Article(sample, Options{Width: 30, Columns: 1})
	var kinds []string
	for _, ln := range l.Body {
		if len(kinds) == 0 || kinds[len(kinds)-1] != ln.Kind.String() {
			kinds = append(kinds, ln.Kind.String())
		}
	}
	want := "text blank subhead text blank caption credit"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("kinds %q, want %q", got, want)
	}
	if !strings.HasPrefix(l.Body[0].Text, "\u3000\u3000今年") {
		t.Errorf("Chinese paragraph not indented by two ideographic spaces: %q", l.Body[0].Text)
	}
	for _, ln := range l.Body {
		if ln.Kind == LineText && strings.HasPrefix(ln.Text, "Ferries") && !strings.Contains(ln.Text, "Ferries run") {
			t.Errorf("double space not collapsed: %q", ln.Text)
		}
	}
	heads := ""
	for _, ln := range l.Head {
		heads += ln.Kind.String() + " "
	}
	if heads != "kicker headline byline " {
		t.Errorf("head kinds %q", heads)
	}
	if l := Article(sample, Options{Width: 30, Columns: 1, NoIndent: true}); strings.HasPrefix(l.Body[0].Text, "\u3000") {
		t.Errorf("NoIndent still indents: %q", l.Body[0].Text)
	}
}

func TestJustification(t *testing.T) {
	for _, ragged := range []bool{false, true} {
		l := Article(sample, Options{Width: 24, Columns: 1, Ragged: ragged})
		for _, ln := range l.Body {
			if ln.Kind != LineText || ln.Block != 0 {
				continue
			}
			switch {
			case ragged && strings.Contains(strings.TrimLeft(ln.Text, "\u3000"), " ") && !strings.Contains(sample.Blocks[0].Text, " "):
				t.Errorf("ragged line has inserted spaces: %q", ln.Text)
			case !ragged && !ln.Last && ln.Width != 24 && insertedSpaces(&ln) > 0:
				t.Errorf("line is %d cells, neither 24 nor left short: %q", ln.Width, ln.Text)
			}
		}
	}
	// Never inside an unbreakable unit.
	l := Article(sample, Options{Width: 24, Columns: 1})
	for _, ln := range l.Body {
		for _, unit := range []string{"6+1", "12.5%", "——", "……", "，", "。"} {
			if strings.Contains(sample.Blocks[0].Text, unit) && strings.Contains(ln.Text, unit[:1]) {
				// a unit split by an inserted space would show its first
				// rune followed by a space
				r := []rune(unit)
				if len(r) > 1 && strings.Contains(ln.Text, string(r[0])+" ") {
					t.Errorf("space inserted inside %q: %q", unit, ln.Text)
				}
			}
		}
		if strings.Contains(ln.Text, " ，") || strings.Contains(ln.Text, " 。") {
			t.Errorf("space before closing punctuation: %q", ln.Text)
		}
	}
}

func TestLocateAndSpans(t *testing.T) {
	for _, opt := range []Options{{Width: 30, Columns: 1}, {Width: 50, Columns: 2, Gutter: 2}, {Width: 30, Columns: 1, Ambiguous: Wide}} {
		l := Article(sample, opt)
		// Every rune of every block locates to a line showing it.
		for b, blk := range sample.Blocks {
			for off, r := range []rune(blk.Text) {
				i, x := l.Locate(issues.Place{Block: b, Offset: off})
				ln := &l.Body[i]
				if r == ' ' {
					continue // white space may be dropped at a break
				}
				if ln.Block != b || off < ln.Start || off >= ln.End {
					t.Fatalf("%+v: Locate(%d,%d) = line %d %q [%d,%d)", opt, b, off, i, ln.Text, ln.Start, ln.End)
				}
				before, mid, _ := ln.Cut(x, x+l.Widths.Rune(r))
				if mid != string(r) {
					t.Fatalf("%+v: cell %d of %q holds %q, want %q (before %q)", opt, x, ln.Text, mid, string(r), before)
				}
			}
		}
		// A search hit across a line break: one span a line, covering it.
		text := []rune(sample.Blocks[0].Text)
		start := strings.Index(sample.Blocks[0].Text, "这是")
		off := len([]rune(sample.Blocks[0].Text[:start]))
		spans := l.Spans(issues.Place{Block: 0, Offset: off}, 12)
		var got strings.Builder
		for _, sp := range spans {
			if sp.Head {
				t.Fatalf("body hit reported in the head")
			}
			_, mid, _ := l.Body[sp.Line].Cut(sp.X0, sp.X1)
			got.WriteString(strings.ReplaceAll(mid, " ", ""))
		}
		if want := string(text[off : off+12]); got.String() != want {
			t.Errorf("%+v: spans of %q read %q", opt, want, got.String())
		}
		// Head positions.
		hs := l.Spans(issues.Place{Block: issues.BlockHeadline, Offset: 2}, 2)
		if len(hs) != 1 || !hs[0].Head {
			t.Fatalf("%+v: headline spans %+v", opt, hs)
		}
		if _, mid, _ := l.Head[hs[0].Line].Cut(hs[0].X0, hs[0].X1); mid != "新闻" {
			t.Errorf("%+v: headline span shows %q", opt, mid)
		}
		if i, x := l.Locate(issues.Place{Block: issues.BlockHeadline, Offset: 3}); i != 0 || x != 0 {
			t.Errorf("head position locates to %d,%d", i, x)
		}
	}
}

func TestPositionSurvivesRelayout(t *testing.T) {
	target := issues.Place{Block: 0, Offset: 30}
	for _, opt := range []Options{{Width: 20}, {Width: 33, Ambiguous: Wide}, {Width: 120, Columns: 3, Gutter: 2}, {Width: 61, Ragged: true}} {
		l := Article(sample, opt)
		i, x := l.Locate(target)
		if got := l.At(i, x); got != target {
			t.Errorf("%+v: At(Locate(%v)) = %v", opt, target, got)
		}
		page, col, row := l.PageOf(target, 6)
		w := l.Pages(6)[page]
		if l.LineAt(w.First, w.Rows, col, row) != i {
			t.Errorf("%+v: PageOf = page %d col %d row %d, window %+v, line %d", opt, page, col, row, w, i)
		}
	}
}

func TestPages(t *testing.T) {
	l := Article(sample, Options{Width: 40, Columns: 2, Gutter: 2})
	pages := l.Pages(0)
	if len(pages) != 1 || pages[0].Rows != l.BalancedRows() || !pages[0].Head {
		t.Fatalf("Pages(0) = %+v", pages)
	}
	h := l.HeadRows() + 3
	pages = l.Pages(h)
	covered := 0
	for k, w := range pages {
		if k == 0 && (w.Rows != 3 || !w.Head) {
			t.Errorf("first page %+v, want 3 body rows under the head", w)
		}
		if want := l.PageRows(w.First, h); k > 0 && w.Rows != want {
			t.Errorf("page %d has %d rows, want %d", k, w.Rows, want)
		}
		if w.First != covered {
			t.Errorf("page %d starts at line %d, want %d", k, w.First, covered)
		}
		rows := h
		if k == 0 {
			rows = 3
		}
		covered = l.PageEnd(w.First, rows)
		if covered <= w.First {
			t.Errorf("page %d from line %d ends at %d", k, w.First, covered)
		}
		for i := w.First + rows*l.Columns; i < covered; i++ {
			if l.Body[i].Kind != LineBlank {
				t.Errorf("page %d from line %d, %d rows of %d columns, ends at %d", k, w.First, rows, l.Columns, covered)
			}
		}
	}
	if covered < len(l.Body) {
		t.Errorf("pages cover %d of %d lines", covered, len(l.Body))
	}
	// Compose: head, blank, rows of the balanced page.
	rows := l.Compose(0, nil)
	if len(rows) != len(l.Head)+1+l.BalancedRows() || rows[len(l.Head)] != "" {
		t.Errorf("Compose: %d rows for %d head lines and %d body rows", len(rows), len(l.Head), l.BalancedRows())
	}
	// PageFunc pads by Line.Width, not by measuring what render returns.
	styled := l.PageFunc(0, l.BalancedRows(), func(_ int, ln *Line) string { return "\x1b[1m" + ln.Text + "\x1b[0m" })
	plain := l.Page(0, l.BalancedRows())
	for r := range plain {
		if strings.ReplaceAll(strings.ReplaceAll(styled[r], "\x1b[1m", ""), "\x1b[0m", "") != plain[r] {
			t.Errorf("row %d: styled %q, plain %q", r, styled[r], plain[r])
		}
	}
}

func TestKindString(t *testing.T) {
	if LineHeadline.String() != "headline" || Kind(99).String() != "unknown" {
		t.Error("Kind.String")
	}
}

// insertedSpaces counts the justification spaces of a line.
func insertedSpaces(ln *Line) int {
	n := 0
	for _, f := range ln.fixes() {
		if f < 0 && []rune(ln.Text)[-1-f] == ' ' {
			n++
		}
	}
	return n
}

// TestLastPageRepeatsNothing: in two or more columns, turning pages shows
// every body line exactly once, and a short last page is balanced.
func TestLastPageRepeatsNothing(t *testing.T) {
	a := &issues.Article{}
	for i := range 30 {
		a.Blocks = append(a.Blocks, issues.Block{Kind: issues.KindText, Text: strings.Repeat("城市新闻报道", 3+i%4)})
	}
	for _, cols := range []int{2, 3, 4} {
		for height := 5; height <= 40; height += 7 {
			l := Article(a, Options{Width: 42 * cols, Columns: cols, Gutter: 2})
			shown := make([]int, len(l.Body))
			for _, w := range l.Pages(height) {
				for i := w.First; i < w.First+w.Rows*l.Columns && i < len(l.Body); i++ {
					shown[i]++
				}
				if last := w.First + w.Rows*l.Columns; last < len(l.Body) && w.Rows < height-l.HeadRows() {
					t.Errorf("%d columns, height %d: page at %d is short (%d rows) but not the last", cols, height, w.First, w.Rows)
				}
			}
			for i, n := range shown {
				if n != 1 {
					t.Fatalf("%d columns, height %d: body line %d shown %d times", cols, height, i, n)
				}
			}
			// The balanced last page: its columns differ by at most one line.
			pages := l.Pages(height)
			if w := pages[len(pages)-1]; len(pages) > 1 {
				rest := len(l.Body) - w.First
				if w.Rows*l.Columns < rest || (w.Rows-1)*l.Columns >= rest {
					t.Errorf("%d columns, height %d: last page of %d lines has %d rows", cols, height, rest, w.Rows)
				}
			}
		}
	}
}

func TestColumnBreaks(t *testing.T) {
	// body lines by kind: t text, b blank, S a subhead line (one block for
	// a run of S)
	body := func(kinds string) *Layout {
		l := &Layout{Columns: 2, ColumnWidth: 4, Gutter: 1}
		for i, k := range kinds {
			ln := Line{Kind: LineText, Block: i, Text: fmt.Sprint(i), Width: 1}
			switch k {
			case 'b':
				ln = Line{Kind: LineBlank, Block: i}
			case 'S':
				ln.Kind = LineSubhead
				if i > 0 && kinds[i-1] == 'S' {
					ln.Block = l.Body[i-1].Block
				}
			}
			l.Body = append(l.Body, ln)
		}
		return l
	}
	for _, tc := range []struct {
		name        string
		kinds       string
		first, rows int
		want        [][]int // lines by column, top down
		end         int     // PageEnd
	}{
		{"full columns", "tttttt", 0, 3, [][]int{{0, 1, 2}, {3, 4, 5}}, 6},
		{"a gap at a column's top is dropped", "tttbtt", 0, 3, [][]int{{0, 1, 2}, {4, 5}}, 6},
		{"two gaps", "tttbbttt", 0, 3, [][]int{{0, 1, 2}, {5, 6, 7}}, 8},
		{"a gap at the foot stays", "ttbttt", 0, 3, [][]int{{0, 1, 2}, {3, 4, 5}}, 6},
		{"a page's first column too", "btttbt", 0, 3, [][]int{{1, 2, 3}, {5}}, 6},
		{"a subhead at the foot goes over", "ttbStttt", 0, 4, [][]int{{0, 1, 2}, {3, 4, 5, 6}}, 7},
		{"the gap above it stays at the foot", "tttbSttt", 0, 4, [][]int{{0, 1, 2, 3}, {4, 5, 6, 7}}, 8},
		{"a two-line subhead goes whole", "tbSStttt", 0, 4, [][]int{{0, 1}, {2, 3, 4, 5}}, 6},
		{"a subhead alone in its column stays", "Stttt", 0, 1, [][]int{{0}, {1}}, 2},
		{"a subhead at the body's end stays", "tttS", 0, 2, [][]int{{0, 1}, {2, 3}}, 4},
		{"the next page drops its gap", "ttttttbtt", 0, 3, [][]int{{0, 1, 2}, {3, 4, 5}}, 7},
		{"from a line scroll", "ttbtttb", 1, 2, [][]int{{1, 2}, {3, 4}}, 5},
	} {
		l := body(tc.kinds)
		for c, lines := range tc.want {
			for r := range tc.rows {
				want := -1
				if r < len(lines) {
					want = lines[r]
				}
				if got := l.LineAt(tc.first, tc.rows, c, r); got != want {
					t.Errorf("%s: %s from %d, %d rows: column %d row %d shows %d, want %d", tc.name, tc.kinds, tc.first, tc.rows, c, r, got, want)
				}
			}
		}
		if got := l.PageEnd(tc.first, tc.rows); got != tc.end {
			t.Errorf("%s: %s from %d, %d rows: PageEnd %d, want %d", tc.name, tc.kinds, tc.first, tc.rows, got, tc.end)
		}
	}
}

func TestPageStartTurnsBack(t *testing.T) {
	l := Article(sample, Options{Width: 40, Columns: 2, Gutter: 2})
	for _, rows := range []int{1, 3, 7} {
		pages := []int{0}
		for at := 0; at < len(l.Body); {
			at = l.PageEnd(at, rows)
			pages = append(pages, at)
		}
		for k := len(pages) - 1; k > 0; k-- {
			back := l.PageStart(pages[k], rows)
			if l.PageEnd(back, rows) != pages[k] || back > pages[k-1] {
				t.Errorf("%d rows: back from %d to %d, which ends at %d (the page before starts at %d)", rows, pages[k], back, l.PageEnd(back, rows), pages[k-1])
			}
		}
	}
}
