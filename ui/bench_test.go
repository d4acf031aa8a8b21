package ui

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"bao/internal/archivegen"
	"bao/issues"
)

// Benchmarks of the reader. Run:
//
//	go test ./ui -run '^$' -bench . -benchtime 2000x
//
// Figures go to BENCHMARKS.md under "## Reader".

// longIssue is one issue with a long CJK article (about 30,000 characters)
// of varied text: characters drawn from a fixed list by a fixed
// pseudo-random sequence, with punctuation, so no two screens share rows
// by chance (which would flatter the byte counts).
func longIssue() *issues.Issue {
	is := fixtureIssue()
	a := longArticle(0)
	han := []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")
	punct := []rune("，，，。、“”")
	x := uint32(1)
	next := func(n int) int { x = x*1664525 + 1013904223; return int(x>>8) % n }
	for i := 0; i < 300; i++ {
		var b strings.Builder
		for j, n := 0, 60+next(80); j < n; j++ {
			b.WriteRune(han[next(len(han))])
			if next(9) == 0 {
				b.WriteRune(punct[next(len(punct))])
			}
		}
		b.WriteRune('。')
		a.Blocks = append(a.Blocks, issues.Block{Kind: issues.KindText, Text: b.String()})
	}
	is.Articles[0] = a
	return is
}

// p99 is the 99th percentile of ds.
func p99(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)*99/100, len(s)-1)]
}

// BenchmarkKeyPageDown is one page-down key through Update and View at
// 200×60 on a long CJK article: the reader's response to a key. It reports
// the 99th percentile of the per-key durations.
func BenchmarkKeyPageDown(b *testing.B) { benchKey(b, "space") }

// BenchmarkKeyLineDown is the same for one line down (j).
func BenchmarkKeyLineDown(b *testing.B) { benchKey(b, "j") }

// benchKey times key, pressed again and again (g at the end of the article
// starts over, untimed), through Update and View on longIssue at 200×60,
// and reports the 99th percentile.
func benchKey(b *testing.B, key string) {
	d := newDriver(&testing.T{}, Options{Issue: longIssue()}, 200, 60)
	d.keys("enter")
	down, top := keyMsg(key), keyMsg("g")
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msg := down
		if d.m.article.atEnd() {
			msg = top // start over at the end of the article
		}
		t0 := time.Now()
		d.m.Update(msg)
		_ = d.m.View()
		durs = append(durs, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64(p99(durs).Microseconds()), "p99-µs")
}

// BenchmarkShelfFirstFrame opens a folder of 3,650 synthetic issues (ten
// years of a daily) and draws the first frame of the shelf: listing by stat,
// the shelf model, and View.
func BenchmarkShelfFirstFrame(b *testing.B) {
	// BAO_BENCH_ARCHIVE names a bigger archive to open instead (bench/scale.sh).
	dir, n := os.Getenv("BAO_BENCH_ARCHIVE"), 3650
	if dir == "" {
		dir = b.TempDir()
		if err := archivegen.Generate(dir, n, 1); err != nil {
			b.Fatal(err)
		}
	} else if es, err := issues.OpenLibrary(dir); err == nil {
		n = es.Len()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := newModel(Options{Paths: []string{dir}, Theme: "dark"})
		cmd := m.Init()
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		// The library listing, done in a command that streams its
		// progress until the library and its shelf are ready.
		for msg := cmd(); ; {
			_, next := m.Update(msg)
			if _, ok := msg.(listingMsg); !ok || next == nil {
				break
			}
			msg = next()
		}
		v := m.View().Content
		if !strings.Contains(v, fmt.Sprintf("%d issues", n)) {
			b.Fatalf("first frame is not the shelf:\n%s", v)
		}
	}
}

// countingWriter counts bytes written to the terminal and when the last
// write happened.
type countingWriter struct {
	mu   sync.Mutex
	n    int
	last time.Time
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.n += len(p)
	w.last = time.Now()
	w.mu.Unlock()
	return len(p), nil
}

func (w *countingWriter) settle() int {
	for {
		time.Sleep(40 * time.Millisecond)
		w.mu.Lock()
		idle, n := time.Since(w.last), w.n
		w.mu.Unlock()
		if idle > 80*time.Millisecond {
			return n
		}
	}
}

// changedText is the number of bytes of text that differ between two
// screens: on each row, from the first to the last cell that changed.
func changedText(before, after string) int {
	a := strings.Split(ansi.Strip(before), "\n")
	b := strings.Split(ansi.Strip(after), "\n")
	n := 0
	for i := range b {
		old := ""
		if i < len(a) {
			old = a[i]
		}
		if old == b[i] {
			continue
		}
		ra, rb := []rune(old), []rune(b[i])
		lo := 0
		for lo < len(ra) && lo < len(rb) && ra[lo] == rb[lo] {
			lo++
		}
		hi := 0
		for hi < len(ra)-lo && hi < len(rb)-lo && ra[len(ra)-1-hi] == rb[len(rb)-1-hi] {
			hi++
		}
		n += len(string(rb[lo : len(rb)-hi]))
		if len(rb)-hi <= lo { // only deletions: they cost at least an erase
			n++
		}
	}
	return n
}

// BenchmarkTerminalBytes drives a real tea.Program (bubbletea's cell
// renderer) at 200×60 and counts the bytes it writes for one page turn and
// for one line scroll, against the bytes of text that changed on screen.
func BenchmarkTerminalBytes(b *testing.B) {
	for _, tc := range []struct{ name, key string }{{"page", "space"}, {"line", "j"}, {"nothing", "x"}} {
		b.Run(tc.name, func(b *testing.B) {
			out := &countingWriter{}
			in, inw := io.Pipe()
			defer inw.Close()
			m := newModel(Options{Issue: longIssue(), Theme: "dark"})
			p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out),
				tea.WithWindowSize(200, 60), tea.WithColorProfile(colorprofile.ANSI),
				tea.WithEnvironment([]string{"TERM=xterm-256color"}), tea.WithoutSignalHandler())
			done := make(chan struct{})
			go func() { p.Run(); close(done) }()
			out.settle()
			p.Send(keyMsg("enter"))
			out.settle()
			var written, changed int
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				before := m.View().Content
				start := out.settle()
				if m.article.atEnd() {
					p.Send(keyMsg("g"))
					start = out.settle()
					before = m.View().Content
				}
				p.Send(keyMsg(tc.key))
				end := out.settle()
				written += end - start
				ch := changedText(before, m.View().Content)
				changed += ch
				if testing.Verbose() {
					b.Logf("%s: first %d, %d bytes written, %d changed", tc.key, m.article.first, end-start, ch)
				}
			}
			b.StopTimer()
			p.Quit()
			<-done
			b.ReportMetric(float64(written)/float64(b.N), "bytes/key")
			b.ReportMetric(float64(changed)/float64(b.N), "changed-bytes/key")
			b.ReportMetric(float64(written)/float64(max(changed, 1)), "ratio")
		})
	}
}

func TestChangedText(t *testing.T) {
	tests := []struct {
		before, after string
		want          int
	}{
		{"abc\ndef", "abc\ndef", 0},
		{"abc\ndef", "abc\ndxf", 1},
		{"新闻报道", "新闻快报", 6}, // 快报 replaces 报道: two 3-byte runes
		{"abc", "ab", 1},    // a deletion costs at least one byte
	}
	for _, tt := range tests {
		if got := changedText(tt.before, tt.after); got != tt.want {
			t.Errorf("changedText(%q, %q) = %d, want %d", tt.before, tt.after, got, tt.want)
		}
	}
}

// BenchmarkAnchorPage is the anchor of BenchmarkKeyPageDown: the layout
// engine composing the same page (layout.Page) with no model, no styles and
// no status line — the least a frame can cost.
func BenchmarkAnchorPage(b *testing.B) {
	d := newDriver(&testing.T{}, Options{Issue: longIssue()}, 200, 60)
	d.keys("enter")
	a := d.m.article
	rows, per := a.bodyHeight(), a.pageLines()
	durs := make([]time.Duration, 0, b.N)
	first := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		_ = strings.Join(a.set.Page(first, rows), "\n")
		durs = append(durs, time.Since(t0))
		if first += per; first > a.maxFirst() {
			first = 0
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(p99(durs).Microseconds()), "p99-µs")
}

// BenchmarkAnchorOpenLibrary is the anchor of BenchmarkShelfFirstFrame:
// issues.OpenLibrary listing the same 3,650 files, with no reader.
func BenchmarkAnchorOpenLibrary(b *testing.B) {
	dir := b.TempDir()
	if err := archivegen.Generate(dir, 3650, 1); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := issues.OpenLibrary(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// hugeIssue is one issue file of about 10 MB (the generated archive's
// issues one after another, as a year's volume extracted into one file),
// parsed.
func hugeIssue(b *testing.B) *issues.Issue {
	var text strings.Builder
	for i := 0; text.Len() < 10<<20; i++ {
		text.WriteString(archivegen.GenerateIssue(1, i).Text)
	}
	is, err := issues.Parse([]byte(text.String()), "huge.txt", issues.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return is
}

// BenchmarkFrontPageBottom is G on the front page of a 10 MB issue (4,000
// articles) at 200×60: the key and the frame (the issue already shown). Its anchor, "linear", is the
// walk the view did before, one first article at a time until the
// selected one is on the page (one fill of the page per step).
func BenchmarkFrontPageBottom(b *testing.B) {
	is := hugeIssue(b)
	// shown is a reader with the issue's front page drawn, untimed.
	shown := func(b *testing.B) *Model {
		b.StopTimer()
		defer b.StartTimer()
		m := newModel(Options{Issue: is, Theme: "dark"})
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		_ = m.View()
		return m
	}
	b.Run("binary", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			m := shown(b)
			m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
			if v := m.View().Content; !strings.Contains(v, fmt.Sprintf("article %d/%d", len(is.Articles), len(is.Articles))) {
				b.Fatal("G did not reach the last article")
			}
		}
	})
	b.Run("linear", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			m := shown(b)
			f := m.front
			f.selected = len(is.Articles) - 1
			cols := f.frontColumns()
			colW := (f.c.width - gutter*(cols-1)) / cols
			room := f.c.height - 1 - len(f.masthead())
			_, _, last := f.fill(f.offset, cols, colW, room)
			for f.selected > last && f.offset < f.selected {
				f.offset++
				_, _, last = f.fill(f.offset, cols, colW, room)
			}
		}
	})
}
