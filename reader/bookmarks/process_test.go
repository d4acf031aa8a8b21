package bookmarks

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests below re-execute the test binary as a second bao process: with
// BAO_BOOKMARKS_HELPER set, TestMain runs that helper instead of the tests.
const helperEnv = "BAO_BOOKMARKS_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode, os.Getenv("BAO_BOOKMARKS_DIR"), os.Getenv("BAO_BOOKMARKS_N")))
	}
	os.Exit(m.Run())
}

// runHelper is the helper process: "add" adds N bookmarks then exits;
// "write" adds bookmarks until killed, printing "committed K" after each
// write returns.
func runHelper(mode, dir, n string) int {
	s, err := Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 3
	}
	count, _ := strconv.Atoi(n)
	name := fmt.Sprintf("pid%d", os.Getpid())
	for i := 0; mode == "write" || i < count; i++ {
		// A long note makes each write take a while, so kills land inside it.
		note := strings.Repeat("笔记", 200)
		if _, err := s.Add(Bookmark{Headline: fmt.Sprintf("%s-%d", name, i), Note: note}); err != nil {
			fmt.Fprintln(os.Stderr, "add:", err)
			return 4
		}
		if mode == "write" {
			fmt.Printf("committed %d\n", len(s.Bookmarks()))
		}
	}
	return 0
}

func helper(t *testing.T, mode, dir string, n int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "BAO_BOOKMARKS_DIR="+dir, "BAO_BOOKMARKS_N="+strconv.Itoa(n))
	return cmd
}

// readStrict parses bookmarks.json as a fresh bao would, without the
// recovery path: any damage fails the test.
func readStrict(t *testing.T, dir string) []Bookmark {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "bookmarks.json"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var f bookmarksFile
	if err := json.Unmarshal(data, &f); err != nil || f.Version != bookmarksVersion {
		t.Fatalf("bookmarks.json damaged (version %d): %v\n%.200s", f.Version, err, data)
	}
	return f.Bookmarks
}

// Kill a writer with SIGKILL at random moments, again and again: each time
// the file holds every write the writer saw complete (and at most the one
// it was in), and parses.
func TestSIGKILLDuringWritesLeavesLastCommittedState(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 6))
	rounds := 50
	inWrite := 0 // rounds killed between a write's start and its report
	for round := range rounds {
		before := len(readStrict(t, dir))
		cmd := helper(t, "write", dir, 0)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill at a random moment once the writer is writing (process start
		// takes longer than a write, and varies with the machine's load).
		started := make(chan struct{})
		last := before
		var wg sync.WaitGroup
		wg.Go(func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if k, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "committed ")); err == nil {
					if last == before {
						close(started)
					}
					last = k
				}
			}
		})
		select {
		case <-started:
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: the writer never wrote: %s", round, stderr.String())
		}
		time.Sleep(time.Duration(r.IntN(8000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		wg.Wait()
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: writer exited on its own: %v\n%s", round, err, stderr.String())
		}
		got := readStrict(t, dir)
		if len(got) < last || len(got) > last+1 {
			t.Fatalf("round %d: file has %d bookmarks, the writer had committed %d", round, len(got), last)
		}
		temps, _ := filepath.Glob(filepath.Join(dir, ".bookmarks.json*"))
		if len(got) == last+1 || len(temps) > 0 {
			inWrite++
		}
		if m, _ := filepath.Glob(filepath.Join(dir, "*.corrupt-*")); len(m) > 0 {
			t.Fatalf("round %d: a file was found corrupt: %v", round, m)
		}
	}
	if inWrite == 0 {
		t.Errorf("no kill landed inside a write in %d rounds; the test is not testing", rounds)
	}
	// The next writer cleans up the temp files killed writers left.
	s := openT(t, dir)
	if _, err := s.Add(Bookmark{Headline: "after"}); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".bookmarks.json*")); len(m) > 0 {
		t.Errorf("temp files left: %v", m)
	}
	t.Logf("%d bookmarks after %d kills, %d of them inside a write", len(readStrict(t, dir)), rounds, inWrite)
}

// Two processes adding 100 bookmarks each at the same time end with 200.
func TestConcurrentProcessesKeepEveryBookmark(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	const n = 100
	var cmds []*exec.Cmd
	for range 2 {
		cmd := helper(t, "add", dir, n)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper: %v", err)
		}
	}
	got := readStrict(t, dir)
	seen := map[string]bool{}
	for _, b := range got {
		if seen[b.Headline] {
			t.Errorf("duplicate %s", b.Headline)
		}
		seen[b.Headline] = true
	}
	for _, cmd := range cmds {
		for i := range n {
			if h := fmt.Sprintf("pid%d-%d", cmd.Process.Pid, i); !seen[h] {
				t.Errorf("lost %s", h)
			}
		}
	}
	if len(got) != 2*n {
		t.Errorf("%d bookmarks, want %d", len(got), 2*n)
	}
}
