// Command keylatency measures how long a key takes to reach the screen:
// the time from writing a key to a program's pseudo-terminal to the first
// byte of the frame it answers with. It runs, on the same invented text,
// bao (reading the text as an issue, in its article), the smallest
// bubbletea v2 pager (bench/keylatency/minitea) at 60 and 120 frames a
// second, and less, alternating j and k, and prints the percentiles as a
// Markdown table.
//
//	go run ./bench/keylatency [-n 300] [-size 120x40]
//
// Run it from the repository root: it builds bao and minitea first.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/creack/pty"
)

// quiet is how long without output counts as a frame finished.
const quiet = 40 * time.Millisecond

func main() {
	n := flag.Int("n", 300, "keys per program")
	size := flag.String("size", "120x40", "terminal size, COLSxROWS")
	flag.Parse()
	var cols, rows uint16
	if _, err := fmt.Sscanf(*size, "%dx%d", &cols, &rows); err != nil {
		fail(fmt.Errorf("-size %q: want COLSxROWS", *size))
	}
	dir, err := os.MkdirTemp("", "keylatency")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	bao, mini := filepath.Join(dir, "bao"), filepath.Join(dir, "minitea")
	for _, b := range [][2]string{{bao, "."}, {mini, "./bench/keylatency/minitea"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			fail(fmt.Errorf("go build %s: %v\n%s", b[1], err, out))
		}
	}
	text := filepath.Join(dir, "2024-05-06.txt")
	if err := os.WriteFile(text, []byte(invented()), 0o644); err != nil {
		fail(err)
	}
	runs := []struct {
		name  string
		args  []string
		setup string // keys before measuring (bao: into the article)
	}{
		{"bao (120 fps)", []string{bao, "--data-dir", filepath.Join(dir, "data"), text}, "\r"},
		{"minitea, bubbletea v2 at 60 fps", []string{mini, "-fps", "60", text}, ""},
		{"minitea, bubbletea v2 at 120 fps", []string{mini, "-fps", "120", text}, ""},
		{"less", []string{"less", text}, ""},
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("keylatency: %d keys each (j and k alternating), %dx%d pty, load %s\n\n", *n, cols, rows, strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Println("| program | p50 | p90 | p99 | max |")
	fmt.Println("|---|---|---|---|---|")
	for _, r := range runs {
		ds, err := measure(r.args, r.setup, *n, cols, rows, dir)
		if err != nil {
			fail(fmt.Errorf("%s: %w", r.name, err))
		}
		slices.Sort(ds)
		at := func(p int) string { return ms(ds[min(len(ds)*p/100, len(ds)-1)]) }
		fmt.Printf("| %s | %s | %s | %s | %s |\n", r.name, at(50), at(90), at(99), ms(ds[len(ds)-1]))
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "keylatency:", err)
	os.Exit(1)
}

// measure runs args in a pty and times n keys.
func measure(args []string, setup string, n int, cols, rows uint16, home string) ([]time.Duration, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"RUNEWIDTH_EASTASIAN=0", "LANG=C.UTF-8", "LESS=", "LESSHISTFILE=-", "NO_COLOR=")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: cols, Rows: rows})
	if err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	}()
	out := make(chan time.Time, 1024)
	go func() {
		buf := make([]byte, 64<<10)
		for {
			if _, err := f.Read(buf); err != nil {
				close(out)
				return
			}
			out <- time.Now()
		}
	}()
	// settle waits for the output to stop (a frame finished), and fails
	// when the program never drew or ended.
	settle := func(first time.Duration) error {
		t := time.NewTimer(first)
		for {
			select {
			case _, ok := <-out:
				if !ok {
					return errors.New("the program ended")
				}
				t.Reset(quiet)
			case <-t.C:
				return nil
			}
		}
	}
	if err := settle(1500 * time.Millisecond); err != nil {
		return nil, err
	}
	if setup != "" {
		io.WriteString(f, setup)
		if err := settle(500 * time.Millisecond); err != nil {
			return nil, err
		}
	}
	var ds []time.Duration
	for i := 0; i < n; i++ {
		key := []byte("j")
		if i%2 == 1 {
			key = []byte("k")
		}
		// A random pause first: the renderer ticks at its frame rate, and
		// keys sent a fixed time after the last frame would all land at
		// the same phase of the tick.
		time.Sleep(time.Duration(rand.Int64N(int64(25 * time.Millisecond))))
		start := time.Now()
		if _, err := f.Write(key); err != nil {
			return nil, err
		}
		select {
		case at, ok := <-out:
			if !ok {
				return nil, errors.New("the program ended")
			}
			ds = append(ds, at.Sub(start))
		case <-time.After(2 * time.Second):
			return nil, fmt.Errorf("no frame 2 s after key %d", i)
		}
		if err := settle(quiet); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// invented is the text every program shows: an issue with one long article
// of numbered paragraphs, made up here.
func invented() string {
	var b bytes.Buffer
	b.WriteString("河畔晚报\n\n2024年5月6日\n\n老街区的新书房\n\n本报记者 陈默\n\n")
	for i := 1; i <= 400; i++ {
		fmt.Fprintf(&b, "第%03d段。傍晚的老街上，灯一盏盏亮起来，书房里坐满了放学的孩子和下班的年轻人，管理员说周末的读书会已经排到了下个月。\n\n", i)
	}
	return b.String()
}
