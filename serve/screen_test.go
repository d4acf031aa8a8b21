package serve

import (
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// screen is a small terminal emulator for tests: enough of ECMA-48 and
// xterm to replay what bubbletea's renderer sends (cursor movement, erase,
// insert/delete, scroll regions, repeat) into a grid of cells, so tests can
// assert what a reader would see rather than which bytes the diffing
// renderer chose to send. Ambiguous characters are drawn ambiguousCells
// wide, like the terminal the test plays.
type screen struct {
	mu         sync.Mutex
	w, h       int
	cells      [][]string
	x, y       int
	sx, sy     int // saved cursor
	top, bot   int // scroll region, inclusive
	last       string
	wideAmb    bool
	p          *ansi.Parser
	altScreen  bool
	main       [][]string // the main screen while the alternate one shows
	wrapNext   bool
	autoWrapOn bool
}

func newScreen(w, h int, ambiguousCells int) *screen {
	s := &screen{w: w, h: h, wideAmb: ambiguousCells == 2, autoWrapOn: true}
	s.cells = s.blank()
	s.top, s.bot = 0, h-1
	s.p = ansi.NewParser()
	s.p.SetHandler(ansi.Handler{
		Print:     s.print,
		Execute:   s.execute,
		HandleCsi: s.csi,
		HandleEsc: s.esc,
	})
	return s
}

func (s *screen) blank() [][]string {
	c := make([][]string, s.h)
	for i := range c {
		c[i] = s.blankLine()
	}
	return c
}

func (s *screen) blankLine() []string {
	l := make([]string, s.w)
	for i := range l {
		l[i] = " "
	}
	return l
}

func (s *screen) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.Parse(b)
	return len(b), nil
}

// String is the screen's text, one line per row, trailing spaces trimmed.
func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, row := range s.cells {
		b.WriteString(strings.TrimRight(strings.Join(row, ""), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

func (s *screen) runeWidth(r rune) int {
	c := runewidth.Condition{EastAsianWidth: s.wideAmb}
	return c.RuneWidth(r)
}

func (s *screen) print(r rune) {
	w := s.runeWidth(r)
	if w == 0 {
		return
	}
	if s.wrapNext && s.autoWrapOn {
		s.x = 0
		s.lineFeed()
	}
	s.wrapNext = false
	if s.x+w > s.w {
		if !s.autoWrapOn {
			return
		}
		s.x = 0
		s.lineFeed()
	}
	s.cells[s.y][s.x] = string(r)
	if w == 2 && s.x+1 < s.w {
		s.cells[s.y][s.x+1] = ""
	}
	s.last = string(r)
	s.x += w
	if s.x >= s.w {
		s.x = s.w - 1
		s.wrapNext = true
	}
}

func (s *screen) lineFeed() {
	if s.y == s.bot {
		s.scrollUp(1)
	} else if s.y < s.h-1 {
		s.y++
	}
}

func (s *screen) scrollUp(n int) {
	for i := 0; i < n; i++ {
		copy(s.cells[s.top:s.bot], s.cells[s.top+1:s.bot+1])
		s.cells[s.bot] = s.blankLine()
	}
}

func (s *screen) scrollDown(n int) {
	for i := 0; i < n; i++ {
		copy(s.cells[s.top+1:s.bot+1], s.cells[s.top:s.bot])
		s.cells[s.top] = s.blankLine()
	}
}

func (s *screen) execute(b byte) {
	s.wrapNext = false
	switch b {
	case '\r':
		s.x = 0
	case '\n', '\v', '\f':
		s.lineFeed()
	case '\b':
		if s.x > 0 {
			s.x--
		}
	case '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
	}
}

func (s *screen) esc(cmd ansi.Cmd) {
	switch cmd.Final() {
	case '7':
		s.sx, s.sy = s.x, s.y
	case '8':
		s.x, s.y = s.sx, s.sy
	case 'M':
		if s.y == s.top {
			s.scrollDown(1)
		} else if s.y > 0 {
			s.y--
		}
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	}
}

func (s *screen) clampCursor() {
	s.x = min(max(s.x, 0), s.w-1)
	s.y = min(max(s.y, 0), s.h-1)
}

func (s *screen) erase(y, from, to int) {
	for x := max(from, 0); x < min(to, s.w); x++ {
		s.cells[y][x] = " "
	}
}

func (s *screen) csi(cmd ansi.Cmd, params ansi.Params) {
	s.wrapNext = false
	n := func(i, def int) int {
		v, _, _ := params.Param(i, def)
		if v == 0 && def > 0 {
			return def
		}
		return v
	}
	if cmd.Prefix() == '?' {
		mode := n(0, 0)
		on := cmd.Final() == 'h'
		switch mode {
		case 1049, 1047, 47:
			if on != s.altScreen {
				s.altScreen = on
				if on {
					s.main = s.cells
					s.cells = s.blank()
				} else {
					s.cells = s.main
				}
			}
		case 7:
			s.autoWrapOn = on
		}
		return
	}
	if cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		return
	}
	switch cmd.Final() {
	case 'A':
		s.y -= n(0, 1)
	case 'B', 'e':
		s.y += n(0, 1)
	case 'C', 'a':
		s.x += n(0, 1)
	case 'D':
		s.x -= n(0, 1)
	case 'E':
		s.y += n(0, 1)
		s.x = 0
	case 'F':
		s.y -= n(0, 1)
		s.x = 0
	case 'G', '`':
		s.x = n(0, 1) - 1
	case 'd':
		s.y = n(0, 1) - 1
	case 'H', 'f':
		s.y, s.x = n(0, 1)-1, n(1, 1)-1
	case 'J':
		switch n(0, 0) {
		case 0:
			s.erase(s.y, s.x, s.w)
			for y := s.y + 1; y < s.h; y++ {
				s.erase(y, 0, s.w)
			}
		case 1:
			s.erase(s.y, 0, s.x+1)
			for y := 0; y < s.y; y++ {
				s.erase(y, 0, s.w)
			}
		case 2, 3:
			s.cells = s.blank()
		}
	case 'K':
		switch n(0, 0) {
		case 0:
			s.erase(s.y, s.x, s.w)
		case 1:
			s.erase(s.y, 0, s.x+1)
		case 2:
			s.erase(s.y, 0, s.w)
		}
	case 'X':
		s.erase(s.y, s.x, s.x+n(0, 1))
	case 'b':
		for i := 0; i < n(0, 1) && s.last != ""; i++ {
			for _, r := range s.last {
				s.print(r)
			}
		}
	case '@':
		k := min(n(0, 1), s.w-s.x)
		row := s.cells[s.y]
		copy(row[s.x+k:], row[s.x:s.w-k])
		s.erase(s.y, s.x, s.x+k)
	case 'P':
		k := min(n(0, 1), s.w-s.x)
		row := s.cells[s.y]
		copy(row[s.x:], row[s.x+k:])
		s.erase(s.y, s.w-k, s.w)
	case 'L', 'M':
		if s.y < s.top || s.y > s.bot {
			return
		}
		top := s.top
		s.top = s.y
		if cmd.Final() == 'L' {
			s.scrollDown(n(0, 1))
		} else {
			s.scrollUp(n(0, 1))
		}
		s.top = top
	case 'S':
		s.scrollUp(n(0, 1))
	case 'T':
		s.scrollDown(n(0, 1))
	case 'r':
		s.top, s.bot = n(0, 1)-1, n(1, s.h)-1
		if s.bot >= s.h || s.top >= s.bot {
			s.top, s.bot = 0, s.h-1
		}
		s.x, s.y = 0, 0
	}
	s.clampCursor()
}
