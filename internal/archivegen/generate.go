package archivegen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Start is the date of the first generated issue.
var Start = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

// Paper is the name on every generated issue's running head.
const Paper = "江城日报"

// Generate writes n daily issues from Start on under dir, as
// dir/YYYY/MM/YYYY-MM-DD.txt, about 19 KB each. Issue i depends only on seed
// and i, so the same call always writes the same bytes. Every 37th issue is
// GB18030 with CRLF line ends.
func Generate(dir string, n int, seed int64) error {
	for i := 0; i < n; i++ {
		date := Start.AddDate(0, 0, i)
		iss := GenerateIssue(seed, i)
		path := filepath.Join(dir, date.Format("2006"), date.Format("01"), date.Format("2006-01-02")+".txt")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		data := []byte(iss.Text)
		if iss.GB18030 {
			var err error
			data, err = simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(strings.ReplaceAll(iss.Text, "\n", "\r\n")))
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Issue is one generated issue and what a correct parse must find in it.
type Issue struct {
	Date      time.Time
	Text      string   // UTF-8, LF line ends
	GB18030   bool     // written as GB18030 with CRLF
	Headlines []string // the articles' headlines in reading order
	Pages     []int    // each article's page
}

// GenerateIssue makes issue number i (Start plus i days) of the archive.
func GenerateIssue(seed int64, i int) Issue {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), uint64(i))), date: Start.AddDate(0, 0, i)}
	g.issue()
	return Issue{Date: g.date, Text: g.b.String(), GB18030: i%37 == 5, Headlines: g.heads, Pages: g.pages}
}

type gen struct {
	r     *rand.Rand
	date  time.Time
	b     strings.Builder
	heads []string
	pages []int
}

// pick draws from a list ranked by frequency: low indexes far more often.
func (g *gen) pick(list []string) string {
	u := g.r.Float64()
	return list[int(u*u*float64(len(list)))]
}

func (g *gen) name() string {
	n := g.pick(surnames) + g.pick(givenChars)
	if g.r.IntN(2) == 0 {
		n += g.pick(givenChars)
	}
	return n
}

func (g *gen) para(s string) { g.b.WriteString(s); g.b.WriteString("\n\n") }

func (g *gen) issue() {
	pages := 4
	lastAfter := false
	for p := 1; p <= pages; p++ {
		if p > 1 {
			g.b.WriteString("\f")
		}
		section := sections[(p-1+g.r.IntN(2))%len(sections)]
		// running head: paper, date and weekday, page and section
		g.b.WriteString(Paper + "\n")
		g.b.WriteString(fmt.Sprintf("%d年%d月%d日 %s\n", g.date.Year(), g.date.Month(), g.date.Day(), weekdays[g.date.Weekday()]))
		g.para(fmt.Sprintf("第%d版 %s", p, section))
		n := 2
		for a := 0; a < n; a++ {
			// a headline printed after its body needs a next story that opens with its own headline
			after := !lastAfter && g.r.IntN(10) == 0 && !(p == pages && a == n-1)
			g.article(p, after)
			lastAfter = after
		}
		// running foot
		g.b.WriteString("责任编辑：" + g.name() + "\n")
		g.para(strconv.Itoa(p))
	}
}

func (g *gen) headline() string {
	h := g.pick(places) + g.pick(modifiers) + g.pick(verbs) + g.pick(adjectives) + g.pick(nouns)
	if g.r.IntN(2) == 0 {
		h += " " + g.pick(verbs) + g.pick(nouns) + g.pick(nouns)
	}
	return h
}

func (g *gen) article(page int, headlineAfter bool) {
	head := g.headline()
	g.heads = append(g.heads, head)
	g.pages = append(g.pages, page)
	reporter := g.name()
	lead := g.paragraph()
	if headlineAfter {
		g.para(fmt.Sprintf("%s融媒记者 %s)%s", Paper[:6], reporter, lead))
	} else {
		g.para(head)
		switch g.r.IntN(4) {
		case 0:
			g.para("本报记者 " + reporter + " " + g.name())
			if g.r.IntN(4) == 0 {
				k := kickers[g.r.IntN(len(kickers))]
				g.para("**" + k[0] + "\n" + k[1] + "**")
			}
			g.para(lead)
		case 1:
			g.para(fmt.Sprintf("%s融媒记者 %s)%s", Paper[:6], reporter, lead))
		case 2:
			g.para(fmt.Sprintf("本报讯（记者 %s）%s", reporter, lead))
		default:
			g.para(fmt.Sprintf("新华社北京%d月%d日电（记者 %s）%s", g.date.Month(), g.date.Day(), reporter, lead))
		}
	}
	paras := 4 + g.r.IntN(3)
	subs := g.r.IntN(5) == 0
	for i := 0; i < paras; i++ {
		if subs && i%2 == 0 {
			g.para(subheads[g.r.IntN(len(subheads))])
		}
		p := g.paragraph()
		if g.r.IntN(4) == 0 {
			// cut at a column break, mid-clause, after the first comma
			if c := strings.Index(p, "，"); c > 0 {
				rs := []rune(p[c+len("，"):])
				if len(rs) > 8 {
					cut := 2 + g.r.IntN(len(rs)/2)
					if !strings.ContainsRune("，。、“”", rs[cut-1]) && !strings.ContainsRune("，。、“”", rs[cut]) {
						g.para(p[:c+len("，")] + string(rs[:cut]))
						p = string(rs[cut:])
					}
				}
			}
		}
		g.para(p)
	}
	if g.r.IntN(4) == 0 {
		g.para("图为" + g.pick(places) + g.pick(nouns) + g.pick(verbs) + "现场。")
		g.para("本报记者 " + reporter + "摄")
	}
	if headlineAfter {
		g.para(head)
	}
}

// paragraph is 2–5 sentences of 2–5 clauses.
func (g *gen) paragraph() string {
	var b strings.Builder
	n := 2 + g.r.IntN(4)
	for s := 0; s < n; s++ {
		if g.r.IntN(8) == 0 {
			b.WriteString("“")
			b.WriteString(g.sentence())
			b.WriteString("”" + g.name() + "说。")
			continue
		}
		b.WriteString(g.sentence())
	}
	return b.String()
}

func (g *gen) sentence() string {
	var b strings.Builder
	clauses := 2 + g.r.IntN(4)
	for c := 0; c < clauses; c++ {
		if c > 0 {
			b.WriteString("，")
		}
		b.WriteString(g.clause())
	}
	b.WriteString("。")
	return b.String()
}

func (g *gen) clause() string {
	switch g.r.IntN(9) {
	case 0:
		return fmt.Sprintf("累计投入资金%d万元", 10+g.r.IntN(990))
	case 1:
		return fmt.Sprintf("同比增长%d.%d%%", g.r.IntN(30), g.r.IntN(10))
	case 2:
		return fmt.Sprintf("惠及%d户%s", 100+g.r.IntN(9000), g.pick(nouns))
	case 3:
		return g.pick(verbs) + g.pick(latinRuns) + g.pick(nouns)
	case 4:
		return g.pick(orgs) + g.pick(modifiers) + g.pick(verbs) + g.pick(nouns) + "和" + g.pick(nouns)
	}
	s := ""
	if g.r.IntN(2) == 0 {
		s = g.pick(places)
	}
	return s + g.pick(modifiers) + g.pick(verbs) + g.pick(adjectives) + g.pick(nouns) + g.pick(nouns)
}
