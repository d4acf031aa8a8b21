package serve

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bao/ui"
)

// TestHostileClientAgainstTheReader is the robustness test with bao's
// real reader rather than the pager: junk input, 0×0 and huge windows and
// a resize storm in one session; another session reads on unaffected, and
// the reader itself neither panics nor hangs.
func TestHostileClientAgainstTheReader(t *testing.T) {
	dir := t.TempDir()
	text := "河谷晨报\n\n2026年11月26日\n\n山口的风电场并网发电\n\n本报记者 苏禾\n\n" +
		strings.Repeat("清晨的山口风很大，新装的风机一台接一台转了起来，运维班的年轻人“守着”监控屏幕，记下每一台的读数。\n\n", 40)
	if err := os.WriteFile(filepath.Join(dir, "2026-11-26.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := ui.OpenLibrary([]string{dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, func(c *Config) {
		c.NewModel = func(s Session) tea.Model {
			return ui.New(ui.Options{Library: lib, DataDir: s.DataDir, Theme: "dark"})
		}
	})
	bystander := openTerm(t, ts.addr, newKey(t), termOptions{width: 100, height: 30, ambiguousCells: 1})
	bystander.waitFor("2026-11-26")

	hostile := openTerm(t, ts.addr, newKey(t), termOptions{width: 100, height: 30, ambiguousCells: 1})
	hostile.waitFor("2026-11-26")
	hostile.send("\r\r") // into the article, where layout works hardest
	hostile.waitFor("风电场")
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 20; round++ {
		junk := make([]byte, 2048)
		for i := range junk {
			junk[i] = byte(rng.IntN(256))
			if junk[i] == 'q' || junk[i] == 3 || junk[i] == 0x1b && rng.IntN(2) == 0 { // keep it reading
				junk[i] = 'j'
			}
		}
		hostile.send(string(junk))
		switch round % 5 {
		case 0:
			windowChange(t, hostile, 0, 0)
		case 1:
			windowChange(t, hostile, 10000, 10000)
		case 2:
			windowChange(t, hostile, 1, 1)
		case 3:
			windowChange(t, hostile, 3, 200)
		case 4:
			for i := 0; i < 200; i++ {
				windowChange(t, hostile, uint32(rng.IntN(300)), uint32(rng.IntN(120)))
			}
		}
	}
	start := time.Now()
	bystander.send("\r")
	bystander.waitFor("风电场")
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("bystander waited %v", d)
	}
	// The hostile session still answers (it did not hang): it repaints at
	// a sane size. (Not a key's effect: the junk may have left a prompt,
	// such as the search field, open to take keys.) The fresh screen comes
	// first so that the whole repaint lands on it.
	hostile.resetScreen(80, 24, 1)
	windowChange(t, hostile, 80, 24)
	painted := func() string {
		if strings.TrimSpace(hostile.screenText()) != "" {
			return "painted"
		}
		return ""
	}
	if !hostile.eventually(painted, "painted", 10*time.Second) {
		t.Errorf("the reader stopped answering after the storm:\n%s", hostile.screenText())
	}
	if logs := ts.logs.String(); strings.Contains(logs, "panic") {
		t.Errorf("the reader panicked:\n%s", tail(logs, 4000))
	}
}
