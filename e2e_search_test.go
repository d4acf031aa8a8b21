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
)

// TestLibrarySearchEndToEndInTmux: the reader's library search (S) over
// an archive large enough for an index builds the index under
// XDG_CACHE_HOME, and bao search over the same folder then uses that
// index (one segment, not rewritten) and finds the same articles.
func TestLibrarySearchEndToEndInTmux(t *testing.T) {
	requireTools(t, "tmux")
	bin := buildBao(t)
	lib := t.TempDir()
	testfiles.Daily(t, lib, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), 70, "2006-01-02", func(i int) string {
		body := "河畔社区的志愿者每周清理一次步道，居民说环境比去年好了很多。"
		if i%10 == 4 {
			body = "河畔社区的志愿者程雪飞每周清理一次步道，居民说环境比去年好了很多。"
		}
		return fmt.Sprintf("河畔晚报\n\n第%d期社区消息\n\n%s\n", i+1, body)
	})
	cache := t.TempDir()
	s := startTmux(t, 100, 30, "env XDG_CACHE_HOME="+cache+" "+bin+" "+lib)
	s.waitFor("70 issues")
	s.keys("S")
	s.waitFor("search:")
	s.keys("程雪飞")
	scr := s.waitFor("7 articles in 70 issues")
	checkFits(t, scr, 100)
	// The reader builds the index beside itself once the search answered.
	var idx []string
	for deadline := time.Now().Add(10 * time.Second); len(idx) != 1 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		idx, _ = filepath.Glob(filepath.Join(cache, "bao", "search", "*", "seg-*.bsx"))
	}
	if len(idx) != 1 {
		t.Fatalf("index segments after the reader's search: %v", idx)
	}
	before, err := os.Stat(idx[0])
	if err != nil {
		t.Fatal(err)
	}
	s.keys("Escape") // alone: an escape followed at once by q reads as alt+q
	s.waitFor("issue 1/70")
	s.keys("q")
	s.waitFor("BAO-EXIT=0")

	cmd := exec.Command(bin, "search", "程雪飞", lib)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache, "NO_COLOR=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bao search: %v", err)
	}
	if n := strings.Count(string(out), "\n"); n != 7 {
		t.Errorf("bao search found %d articles, want 7:\n%s", n, out)
	}
	after, err := os.Stat(idx[0])
	if err != nil {
		t.Fatal(err)
	}
	all, _ := filepath.Glob(filepath.Join(cache, "bao", "search", "*", "seg-*.bsx"))
	if len(all) != 1 || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("bao search did not use the reader's index: index files %v, modified %v → %v",
			all, before.ModTime(), after.ModTime())
	}
}
