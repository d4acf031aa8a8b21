package serve

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestServeLoad is the load benchmark of BENCHMARKS.md (## Serve). It is
// not part of the default run: set BAO_SERVE_LOAD to the paging time.
//
//	BAO_SERVE_LOAD=20s go test ./serve -run TestServeLoad -v
//
// It builds bao, starts `bao serve` on a loopback port as its own process
// (so its RSS is the server's alone), opens BAO_SERVE_SESSIONS (50)
// sessions that each open the newest issue's first article and page
// through it (space, b, space, b, …: every key changes the screen) one key every BAO_SERVE_INTERVAL
// (100ms), waiting for the screen update before the next key. It reports
// the key→first-byte-of-update latency, errors (a key with no update in
// 2 s, a dropped session), and the server's RSS before and during.
func TestServeLoad(t *testing.T) {
	dur, err := time.ParseDuration(os.Getenv("BAO_SERVE_LOAD"))
	if err != nil {
		t.Skip("load benchmark: set BAO_SERVE_LOAD=20s to run it")
	}
	sessions := envInt("BAO_SERVE_SESSIONS", 50)
	interval, err := time.ParseDuration(cmpOr(os.Getenv("BAO_SERVE_INTERVAL"), "100ms"))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	bin := filepath.Join(work, "bao")
	if out, err := exec.Command("go", "build", "-o", bin, "bao").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	lib := filepath.Join(work, "lib")
	os.MkdirAll(lib, 0o755)
	seed, err := os.ReadFile("../../shared/seeds/000_84ee076a4ed4be77.txt")
	if err != nil {
		seed = []byte(loadFixture())
	}
	os.WriteFile(filepath.Join(lib, "2026-11-27.txt"), seed, 0o644)
	os.WriteFile(filepath.Join(lib, "2026-11-26.txt"), []byte(loadFixture()), 0o644)

	srv := exec.Command(bin, "serve", "--listen", "127.0.0.1:0", "--data-dir", filepath.Join(work, "data"),
		"--max-sessions", strconv.Itoa(sessions+4), lib)
	srv.Env = append(os.Environ(), "RUNEWIDTH_EASTASIAN=0", "HOME="+work)
	stdout, _ := srv.StdoutPipe()
	logs := &syncBuffer{}
	srv.Stderr = logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := regexp.MustCompile(`ssh -p (\d+) `).FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("server start: %v %q\n%s", err, line, logs.String())
	}
	addr := "127.0.0.1:" + m[1]
	time.Sleep(300 * time.Millisecond)
	rssIdle := rssKB(t, srv.Process.Pid)

	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      atomic.Int64
		keys      atomic.Int64
		ready     sync.WaitGroup
		done      sync.WaitGroup
	)
	start := make(chan struct{})
	ready.Add(sessions)
	for i := 0; i < sessions; i++ {
		done.Add(1)
		go func(i int) {
			defer done.Done()
			got := make(chan struct{}, 64)
			tm, err := tryOpenTerm(t, addr, newKey(t), termOptions{width: 100, height: 30, ambiguousCells: 1, noScreen: true,
				onOut: func(int) {
					select {
					case got <- struct{}{}:
					default:
					}
				}})
			if err != nil {
				errs.Add(1)
				ready.Done()
				t.Logf("session %d: %v", i, err)
				return
			}
			defer tm.client.Close()
			quiet := func(d time.Duration) { // drain until no output for d
				for {
					select {
					case <-got:
					case <-time.After(d):
						return
					}
				}
			}
			quiet(500 * time.Millisecond) // the shelf
			for _, k := range []string{"\r", "\r"} {
				tm.stdin.Write([]byte(k))
				quiet(300 * time.Millisecond)
			}
			ready.Done()
			<-start
			pattern := []string{" ", "b"} // page down and back: each key changes the screen
			end := time.Now().Add(dur)
			var mine []time.Duration
			for n := 0; time.Now().Before(end); n++ {
				quiet(5 * time.Millisecond)
				sent := time.Now()
				if _, err := tm.stdin.Write([]byte(pattern[n%len(pattern)])); err != nil {
					errs.Add(1)
					return
				}
				keys.Add(1)
				select {
				case <-got:
					mine = append(mine, time.Since(sent))
				case <-time.After(2 * time.Second):
					if errs.Add(1) < 5 {
						t.Logf("session %d: no update for key %q (#%d)", i, pattern[n%len(pattern)], n)
					}
				}
				time.Sleep(interval - time.Since(sent)%interval)
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}(i)
	}
	ready.Wait()
	rssOpen := rssKB(t, srv.Process.Pid)
	// What open but idle sessions cost (the renderer ticks even so).
	cpu0 := cpuTime(t, srv.Process.Pid)
	time.Sleep(3 * time.Second)
	cpuIdle := (cpuTime(t, srv.Process.Pid) - cpu0) / 3
	cpu0 = cpuTime(t, srv.Process.Pid)
	close(start)
	var peak int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if r := rssKB(t, srv.Process.Pid); r > peak {
				peak = r
			}
			select {
			case <-stop:
				return
			case <-time.After(250 * time.Millisecond):
			}
		}
	}()
	done.Wait()
	cpuPaging := cpuTime(t, srv.Process.Pid) - cpu0
	close(stop)
	<-sampled

	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	perSession := float64(peak-rssIdle) / float64(sessions) / 1024
	t.Logf("sessions=%d paging=%v interval=%v keys=%d updates=%d errors=%d", sessions, dur, interval, keys.Load(), len(latencies), errs.Load())
	t.Logf("latency key→update: p50=%v p90=%v p99=%v max=%v", pct(0.50), pct(0.90), pct(0.99), pct(1))
	t.Logf("server RSS: idle=%.1f MB, %d sessions open=%.1f MB, peak while paging=%.1f MB, per session=%.2f MB",
		float64(rssIdle)/1024, sessions, float64(rssOpen)/1024, float64(peak)/1024, perSession)
	t.Logf("server CPU: %.1f%% of a core with %d sessions idle; %.2f ms per key while paging",
		100*cpuIdle.Seconds(), sessions, float64(cpuPaging.Microseconds())/1000/float64(max(keys.Load(), 1)))
	if errs.Load() != 0 {
		t.Errorf("%d errors", errs.Load())
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("server log holds a panic:\n%s", tail(logs.String(), 3000))
	}
}

func rssKB(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Logf("rss: %v", err)
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			v, _ := strconv.ParseInt(f[1], 10, 64)
			return v
		}
	}
	return 0
}

// cpuTime is the user+system CPU time of process pid.
func cpuTime(t *testing.T, pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Logf("cpu: %v", err)
		return 0
	}
	// Fields after the command name (which may hold spaces) in parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// loadFixture is an invented long article for when the shared seed is
// absent.
func loadFixture() string {
	var b strings.Builder
	b.WriteString("河谷晨报\n\n2026年11月26日\n\n山口的风电场并网发电\n\n本报记者 苏禾\n\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "第%02d段。清晨的山口风很大，新装的风机一台接一台转了起来，运维班的年轻人“守着”监控屏幕，记下每一台的读数。\n\n", i)
	}
	return b.String()
}
