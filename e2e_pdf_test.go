package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bao/internal/pdfgen"
)

// writePDFPaper writes one day of an invented paper as an e-paper site
// publishes it: a folder named for the date holding one PDF per page, each
// with the masthead, a headline in big type and the body in two columns.
func writePDFPaper(t *testing.T) string {
	t.Helper()
	lib := t.TempDir()
	day := filepath.Join(lib, "山海晚报", "2024-10-16")
	if err := os.MkdirAll(day, 0o755); err != nil {
		t.Fatal(err)
	}
	left := []string{"本报讯 集装箱码头今天开通了", "通往南方群岛的远洋新航线，", "首班货轮清晨满载出港。码头", "工人说，新航线让装卸更忙了。"}
	right := []string{"港务部门表示，航线每周往返", "两班，运送建材和日用百货，", "群岛居民购物将更方便。渔民", "也盼着把海产更快运到城里。"}
	pages := []struct {
		head        string
		left, right []string
	}{
		{"港口开通远洋新航线", left, right},
		{"湖畔书店周末开张", []string{"本报讯 湖畔的旧仓库改成了", "一家书店，周末正式迎客。", "店主说，书架上有三千册书，"}, []string{"其中一半是本地作者的作品，", "读者可以坐在窗边看湖景，", "也可以借书回家慢慢读。"}},
	}
	for i, pg := range pages {
		d := &pdfgen.Doc{}
		d.PaperPage("山海晚报", "2024年10月16日 星期三 第"+string(rune('1'+i))+"版", pg.head, pg.left, pg.right)
		name := filepath.Join(day, []string{"01.pdf", "02.pdf"}[i])
		if err := os.WriteFile(name, d.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

// TestPDFPaperEndToEndInTmux: a folder of page PDFs is one issue on the
// shelf under the paper's name; its article reads; S finds a word from the
// second page.
func TestPDFPaperEndToEndInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	lib := writePDFPaper(t)
	cache := t.TempDir() // an empty compilation cache: the first PDF compiles the engine
	s := startTmux(t, 120, 40, "env XDG_CACHE_HOME="+cache+" "+bin+" "+lib)

	scr := s.waitFor("1 issue")
	if !strings.Contains(scr, "山海晚报") || !strings.Contains(scr, "2024-10-16") {
		t.Errorf("shelf lacks the paper's name or date:\n%s", scr)
	}
	checkFits(t, scr, 120)

	s.keys("Enter")
	// The first PDF compiles the engine: ~5 s on an idle 2-core machine,
	// several times that while other builds run.
	scr = s.waitForWithin("article 1/", 90*time.Second)
	checkFits(t, scr, 120)
	if !strings.Contains(scr, "港口开通远洋新航线") {
		t.Errorf("front page lacks the first page's headline:\n%s", scr)
	}
	for i := 0; i < 6 && !strings.Contains(s.capture(), "> 港口开通远洋新航线"); i++ {
		s.keys("j")
		time.Sleep(100 * time.Millisecond)
	}
	s.keys("Enter")
	scr = s.waitFor("page 1/")
	checkFits(t, scr, 120)
	body := squash(scr)
	for _, want := range []string{"集装箱码头", "港务部门表示"} {
		if !strings.Contains(body, want) {
			t.Errorf("article lacks %q:\n%s", want, scr)
		}
	}
	// The page's left column reads before its right one (the screen sets
	// the article in columns of its own: ask bao print for one column).
	out, err := exec.Command(bin, "print", "--plain", "--columns", "1", filepath.Join(lib, "山海晚报", "2024-10-16", "01.pdf")).Output()
	if err != nil {
		t.Fatalf("bao print: %v", err)
	}
	plain := strings.NewReplacer("\n", "", " ", "", "　", "").Replace(string(out))
	if i, j := strings.Index(plain, "工人说"), strings.Index(plain, "港务部门"); i < 0 || j < i {
		t.Errorf("page columns out of order in the article:\n%s", out)
	}

	s.keys("Escape")
	s.waitFor("p.1 |")
	s.keys("Escape")
	s.waitFor("1 issue")
	s.keys("S")
	s.waitFor("search:")
	s.keys("湖畔书店")
	scr = s.waitFor("1 article")
	if !strings.Contains(scr, "湖畔书店周末开张") {
		t.Errorf("search result lacks the article:\n%s", scr)
	}
	checkFits(t, scr, 120)
	s.keys("Escape") // alone: an escape followed at once by q reads as alt+q
	time.Sleep(300 * time.Millisecond)
	s.keys("q")
	s.waitFor("BAO-EXIT=0")
}
