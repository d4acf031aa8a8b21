package issues

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCacheSingleFlight: many goroutines asking at once for the same
// file load it once and share the one *Issue; a changed file (other size
// or time) loads again.
func TestCacheSingleFlight(t *testing.T) {
	c := NewCache(4, LoadOptions{})
	var loads atomic.Int32
	release := make(chan struct{})
	c.load = func(e Entry, _ LoadOptions) (*Issue, error) {
		loads.Add(1)
		<-release // every caller arrives while the first load runs
		return &Issue{Source: e.Path}, nil
	}
	e := Entry{Path: "/lib/2024-01-01.txt", Size: 10, ModTime: time.Unix(1, 0)}
	const n = 64
	got := make([]*Issue, n)
	var started, wg sync.WaitGroup
	started.Add(n)
	for i := range n {
		wg.Go(func() {
			started.Done()
			is, err := c.Get(e)
			if err != nil {
				t.Error(err)
			}
			got[i] = is
		})
	}
	started.Wait()
	time.Sleep(20 * time.Millisecond) // let them reach Get
	close(release)
	wg.Wait()
	if l := loads.Load(); l != 1 {
		t.Errorf("%d loads of one file, want 1", l)
	}
	for i := range got {
		if got[i] != got[0] || got[0] == nil {
			t.Fatalf("caller %d got %p, caller 0 %p", i, got[i], got[0])
		}
	}
	changed := e
	changed.ModTime = time.Unix(2, 0)
	if is, _ := c.Get(changed); is == got[0] || loads.Load() != 2 {
		t.Errorf("a changed file was not loaded again (%d loads)", loads.Load())
	}
}

// TestCacheLRU: the cache holds at most max issues, dropping the least
// recently used; failures are not kept but remembered per path until the
// file loads or leaves the library.
func TestCacheLRU(t *testing.T) {
	c := NewCache(3, LoadOptions{})
	loads := map[string]int{}
	var mu sync.Mutex
	fail := map[string]bool{"/bad": true}
	c.load = func(e Entry, _ LoadOptions) (*Issue, error) {
		mu.Lock()
		defer mu.Unlock()
		loads[e.Path]++
		if fail[e.Path] {
			return nil, fmt.Errorf("%s: %w", e.Path, ErrTooLarge)
		}
		return &Issue{Source: e.Path}, nil
	}
	get := func(p string) error { _, err := c.Get(Entry{Path: p}); return err }
	for _, p := range []string{"/a", "/b", "/c", "/a", "/d"} { // /b is the least recent when /d comes
		if err := get(p); err != nil {
			t.Fatal(err)
		}
	}
	if c.Len() != 3 {
		t.Errorf("holds %d, want 3", c.Len())
	}
	for _, p := range []string{"/a", "/c", "/d"} {
		get(p)
	}
	if loads["/a"] != 1 || loads["/c"] != 1 || loads["/d"] != 1 {
		t.Errorf("kept ones loaded again: %v", loads)
	}
	get("/b")
	if loads["/b"] != 2 {
		t.Errorf("/b was not dropped: %v", loads)
	}

	err := get("/bad")
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != "/bad" || err.Error() != "/bad: "+ErrTooLarge.Error() || !errors.Is(err, ErrTooLarge) {
		t.Errorf("failure %q (%T), want \"/bad: reason\"", err, err)
	}
	get("/bad")
	if loads["/bad"] != 2 {
		t.Errorf("a failure was cached: %d loads", loads["/bad"])
	}
	if fs := c.Failures(nil); len(fs) != 1 {
		t.Errorf("failures %v", fs)
	}
	if fs := c.Failures(func(p string) bool { return p != "/bad" }); len(fs) != 0 {
		t.Errorf("failures of unlisted paths: %v", fs)
	}
	mu.Lock()
	fail["/bad"] = false
	mu.Unlock()
	get("/bad")
	if fs := c.Failures(nil); len(fs) != 0 {
		t.Errorf("a file that loaded is still a failure: %v", fs)
	}
	c.Forget(func(p string) bool { return p == "/a" })
	get("/a")
	if loads["/a"] != 2 {
		t.Errorf("a forgotten file stayed cached: %v", loads)
	}
}
