package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bao/internal/testfiles"
	"bao/reader/layout"
)

// The end-to-end test runs the real binary in tmux: a real terminal,
// real keys, real resizes. It is skipped when tmux is missing (.ci/run
// installs it) and under -short.

// tmuxSession is one tmux server of our own (its own socket), so the test
// never touches anyone else's sessions, with one session, "bao".
type tmuxSession struct {
	t      *testing.T
	socket string
	wait   time.Duration // how long waitFor waits
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.run("send-keys", "-t", "bao", k)
	}
}

func (s *tmuxSession) capture() string {
	return s.run("capture-pane", "-p", "-t", "bao")
}

// waitFor polls the screen until it contains want (spaces ignored: the
// justification may set them anywhere), and returns it.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	return s.waitForWithin(want, s.wait)
}

// waitForWithin is waitFor with a deadline of its own, for a step that
// may take long on a loaded machine (the PDF engine's first compile).
func (s *tmuxSession) waitForWithin(want string, d time.Duration) string {
	s.t.Helper()
	deadline := time.Now().Add(d)
	for {
		scr := s.capture()
		if strings.Contains(squash(scr), squash(want)) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q; it shows:\n%s", want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// resize changes the window size and waits until bao has drawn the screen
// for it: the status line (the last line) spans exactly the new width.
func (s *tmuxSession) resize(w, h int) string {
	s.t.Helper()
	s.run("resize-window", "-t", "bao", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
	widths := layout.NewWidths(layout.Narrow)
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.capture()
		lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
		last := lines[len(lines)-1]
		// The status line spans the width; narrow, it keeps the position
		// and drops the key hint.
		fits := true
		for _, l := range lines {
			fits = fits && widths.String(l) <= w
		}
		if len(lines) == h && fits && (strings.HasSuffix(last, "q back") || strings.HasSuffix(last, "%")) && widths.String(last) == w {
			time.Sleep(50 * time.Millisecond)
			if again := s.capture(); again == scr {
				return scr // the same twice: drawn, not half-way
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("bao never redrew for %d×%d; the screen shows:\n%s", w, h, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func squash(s string) string {
	return strings.NewReplacer(" ", "", "\u3000", "").Replace(s)
}

// checkFits fails when a line of the screen is wider than the window.
func checkFits(t *testing.T, scr string, width int) {
	t.Helper()
	w := layout.NewWidths(layout.Narrow)
	for i, l := range strings.Split(strings.TrimRight(scr, "\n"), "\n") {
		if n := w.String(l); n > width {
			t.Errorf("line %d is %d cells wide in a %d-column window: %q", i, n, width, l)
		}
	}
}

// writeFixtureLibrary writes invented issues: one with a long numbered
// article, so any place in it can be recognised after a re-flow.
func writeFixtureLibrary(t *testing.T) string {
	return testfiles.Tree(t, map[string]string{
		"2024-05-06.txt": testfiles.Numbered("江城晚报\n\n2024年5月6日\n\n老街区的新书房\n\n本报记者 陈默\n\n",
			"第%03d段。傍晚的老街上，灯一盏盏亮起来，书房里坐满了放学的孩子和下班的年轻人，管理员说周末的读书会已经排到了下个月。", 80),
		"2024-05-05.txt": "江城晚报\n\n2024年5月5日\n\n河边新修了步道\n\n步道沿河修了三公里，傍晚散步的人多了起来。\n",
		"2023-12-28.txt": "江城晚报\n\n2023年12月28日\n\n年末的集市\n\n集市上摆满了年货，街坊们一早就来挑选。\n",
	})
}

func buildBao(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bao")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// newTmux starts a tmux server of our own with a w×h session running
// command under sh, with env (NAME=value) set; the server is killed when
// the test ends.
func newTmux(t *testing.T, w, h int, env []string, command string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("bao-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), wait: 10 * time.Second}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	args := []string{"-f", "/dev/null", "new-session", "-d", "-s", "bao", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	s.run(append(args, "sh", "-c", command)...)
	return s
}

// startTmux runs command (bao) in a w×h tmux session, with a home of its
// own and a UTF-8 locale; after it the shell says its exit status and the
// terminal's modes.
func startTmux(t *testing.T, w, h int, command string) *tmuxSession {
	t.Helper()
	home := t.TempDir()
	s := newTmux(t, w, h, []string{
		"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "LANG=C.UTF-8", "LC_ALL=",
		"TERM=xterm-256color", "RUNEWIDTH_EASTASIAN=", "NO_COLOR=",
	}, command+"; echo BAO-EXIT=$?; stty -a; sleep 60")
	s.run("set-option", "-t", "bao", "window-size", "manual")
	return s
}

// requireTools skips an end-to-end test under -short or when one of the
// programs it runs is not installed (.ci/run installs them).
func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			// .ci/run installs every tool these tests need: in CI a
			// missing one is a broken set-up, not a reason to pass.
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (CI is set)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

// openLongArticle picks the fixture's long article on the front page
// (writeFixtureLibrary's 老街区的新书房) and opens it.
func (s *tmuxSession) openLongArticle() {
	s.t.Helper()
	scr := s.waitFor("article 1/")
	for i := 0; i < 6 && !strings.Contains(scr, "> 老街区的新书房"); i++ {
		s.keys("j")
		time.Sleep(100 * time.Millisecond)
		scr = s.capture()
	}
	s.keys("Enter")
	s.waitFor("page 1/")
}

func TestEndToEndInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	lib := writeFixtureLibrary(t)
	s := startTmux(t, 120, 40, bin+" "+lib)

	// The shelf, newest first, grouped by month.
	scr := s.waitFor("3 issues")
	for _, want := range []string{"2024 May", "2024-05-06", "2023 December", "2023-12-28"} {
		if !strings.Contains(scr, want) {
			t.Errorf("shelf lacks %q:\n%s", want, scr)
		}
	}
	if strings.Index(scr, "2024-05-06") > strings.Index(scr, "2023-12-28") {
		t.Errorf("shelf is not newest first:\n%s", scr)
	}
	checkFits(t, scr, 120)

	// Open the newest issue, then its article with the numbered paragraphs.
	s.keys("Enter")
	checkFits(t, s.waitFor("article 1/"), 120)
	s.openLongArticle()
	s.keys("Space")
	scr = s.waitFor("page 2/")
	checkFits(t, scr, 120)
	// The first runes of the top line: after a re-flow the top line holds
	// them (the line may start earlier in the paragraph when columns widen).
	top := string([]rune(squash(topBodyText(t, scr)))[:3])

	// Resize: the same text stays at the top, every line fits.
	scr = s.resize(70, 30)
	checkFits(t, scr, 70)
	if got := topBodyText(t, scr); !strings.Contains(squash(got), top) {
		t.Errorf("after resizing to 70×30 the top line is %q, want it to hold %q", got, top)
	}
	for _, size := range [][2]int{{40, 30}, {200, 60}, {120, 40}} {
		scr = s.resize(size[0], size[1])
		checkFits(t, scr, size[0])
		if got := topBodyText(t, scr); !strings.Contains(squash(got), top) {
			t.Errorf("after resizing to %v the top line is %q, want it to hold %q", size, got, top)
		}
	}

	// w: bao restarts itself with the other ambiguous width (the renderer
	// reads it only at start-up) and comes back at the same text.
	s.keys("w")
	scr = s.waitFor("ambiguous width: wide")
	if got := topBodyText(t, scr); !strings.Contains(squash(got), top) {
		t.Errorf("after w the top line is %q, want it to hold %q", got, top)
	}
	s.keys("w")
	scr = s.waitFor("ambiguous width: narrow")
	checkFits(t, scr, 120)
	if got := topBodyText(t, scr); !strings.Contains(squash(got), top) {
		t.Errorf("after w twice the top line is %q, want it to hold %q", got, top)
	}

	// Help, then quit from the article: back to the front page, the shelf,
	// and out.
	s.keys("?")
	s.waitFor("keys of the article")
	s.keys("?", "q", "q", "q")
	s.waitFor("BAO-EXIT=0")
	scr = s.waitFor("iexten") // stty -a has printed its local modes
	if !strings.Contains(scr, " icanon") || !strings.Contains(scr, " echo ") {
		t.Errorf("terminal not restored to cooked mode after quitting:\n%s", scr)
	}
	if alt := strings.TrimSpace(s.run("display-message", "-p", "-t", "bao", "#{alternate_on}#{mouse_any_flag}#{cursor_flag}")); alt != "001" {
		t.Errorf("after quitting alternate screen, mouse, cursor = %s, want 0 0 1", alt)
	}
}

// topBodyText is the first body line of an article screen (the line under
// the rule that ends the head), without its indent.
func topBodyText(t *testing.T, scr string) string {
	t.Helper()
	lines := strings.Split(scr, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "-----") && i+1 < len(lines) {
			return strings.TrimSpace(strings.ReplaceAll(lines[i+1], "\u3000", " "))
		}
	}
	t.Fatalf("no article body on screen:\n%s", scr)
	return ""
}
