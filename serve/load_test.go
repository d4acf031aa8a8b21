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

	"bao/internal/syncbuf"
	"bao/internal/testfiles"
)

// TestServeLoad is the load benchmark of BENCHMARKS.md (## Serve). It is
// not part of the default run: set BAO_SERVE_LOAD to the paging time.
//
//	BAO_SERVE_LOAD=20s go test ./serve -run TestServeLoad -v
//
// It builds bao, starts `bao serve` on a loopback port as its own process
// (so its RSS is the server's alone), opens BAO_SERVE_SESSIONS (50)
// sessions that each open the newest issue's first article and page
// through it (space, b, space, b, …: every key changes the screen), one
// key every BAO_SERVE_INTERVAL (100ms), waiting for the screen update
// before the next key. It reports the key→first-byte-of-update latency,
// errors (a key with no update in 2 s, a dropped session), the server's
// RSS and CPU; and, as the anchor, the same load against the tiny pager
// model served in-process. BAO_SERVE_LOAD_LOG=FILE keeps the server's
// log (with GODEBUG=gctrace=1, its GC trace).
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
	logs := &syncbuf.Buffer{}
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

	// The anchor, in the same run: the same sessions and keys against this
	// package's server serving the tiny pager model in-process — the cost
	// of SSH, the server and bubbletea's renderer without bao's reader.
	anchor := startServer(t, func(c *Config) { c.MaxSessions = sessions + 4 })
	a := runLoad(t, anchor.addr, sessions, dur, interval, nil, []string{"j", "k"}, nil)

	var peak int64
	var cpuPaging time.Duration
	r := runLoad(t, addr, sessions, dur, interval, []string{"\r", "\r"}, []string{" ", "b"}, func(phase string) {
		switch phase {
		case "open":
			rssOpen := rssKB(t, srv.Process.Pid)
			cpu0 := cpuTime(t, srv.Process.Pid)
			time.Sleep(3 * time.Second) // what open but idle sessions cost
			t.Logf("server RSS with %d sessions open: %.1f MB (idle server %.1f MB); CPU while they idle: %.1f%% of a core",
				sessions, float64(rssOpen)/1024, float64(rssIdle)/1024, 100*(cpuTime(t, srv.Process.Pid)-cpu0).Seconds()/3)
			peak = rssOpen
			cpuPaging = -cpuTime(t, srv.Process.Pid)
		case "paging":
			if r := rssKB(t, srv.Process.Pid); r > peak {
				peak = r
			}
		}
	})
	cpuPaging += cpuTime(t, srv.Process.Pid)
	t.Logf("anchor (pager model, in-process): %s", a)
	t.Logf("bao serve (reader, own process):  %s", r)
	t.Logf("bao serve while paging: CPU %.0f%% of a core (%.2f ms per key, idle ticking included); RSS peak %.1f MB = %.2f MB per session over the idle server",
		100*cpuPaging.Seconds()/dur.Seconds(), float64(cpuPaging.Microseconds())/1000/float64(max(r.keys, 1)),
		float64(peak)/1024, float64(peak-rssIdle)/1024/float64(sessions))
	if a.errors+r.errors != 0 {
		t.Errorf("%d errors", a.errors+r.errors)
	}
	if os.Getenv("BAO_SERVE_LOAD_LOG") != "" {
		os.WriteFile(os.Getenv("BAO_SERVE_LOAD_LOG"), []byte(logs.String()), 0o644)
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("server log holds a panic:\n%s", tail(logs.String(), 3000))
	}
}

// loadResult is one load run's figures.
type loadResult struct {
	keys, errors  int64
	p50, p90, p99 time.Duration
	max           time.Duration
}

func (r loadResult) String() string {
	return fmt.Sprintf("keys=%d errors=%d key→update p50=%v p90=%v p99=%v max=%v", r.keys, r.errors,
		r.p50.Round(10*time.Microsecond), r.p90.Round(10*time.Microsecond), r.p99.Round(10*time.Microsecond), r.max.Round(10*time.Microsecond))
}

// runLoad opens sessions, sends each the setup keys (waiting for the
// screen to settle after each), then has them all send pattern's keys in
// turn for dur, one every interval, each waiting for its update. observe,
// when set, is called with "open" once all sessions are set up (before
// paging starts) and with "paging" every 250 ms while they page.
func runLoad(t *testing.T, addr string, sessions int, dur, interval time.Duration, setup, pattern []string, observe func(string)) loadResult {
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
			quiet(500 * time.Millisecond) // the first screen
			for _, k := range setup {
				tm.stdin.Write([]byte(k))
				quiet(300 * time.Millisecond)
			}
			ready.Done()
			<-start
			// Readers are not in step: each starts at its own phase.
			time.Sleep(time.Duration(i) * interval / time.Duration(sessions))
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
				time.Sleep(interval - min(time.Since(sent), interval))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}(i)
	}
	ready.Wait()
	if observe != nil {
		observe("open")
	}
	close(start)
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for observe != nil {
			observe("paging")
			select {
			case <-stop:
				return
			case <-time.After(250 * time.Millisecond):
			}
		}
	}()
	done.Wait()
	close(stop)
	<-sampled

	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	return loadResult{keys: keys.Load(), errors: errs.Load(), p50: pct(0.50), p90: pct(0.90), p99: pct(0.99), max: pct(1)}
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
	return testfiles.Numbered("河谷晨报\n\n2026年11月26日\n\n山口的风电场并网发电\n\n本报记者 苏禾\n\n",
		"第%02d段。清晨的山口风很大，新装的风机一台接一台转了起来，运维班的年轻人“守着”监控屏幕，记下每一台的读数。", 60)
}
