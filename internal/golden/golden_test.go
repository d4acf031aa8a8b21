package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFirstDiff(t *testing.T) {
	tests := []struct{ want, got, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\n", "a\nc\n", "line 2:\n- b\n+ c"},
		{"a\n", "a\nb\n", "line 2:\n- \n+ b"},
		{"a\nb", "a", "line 2:\n- b\n+ "},
	}
	for _, tt := range tests {
		if got := FirstDiff(tt.want, tt.got); got != tt.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", tt.want, tt.got, got, tt.diff)
		}
	}
}

// TestCheck: the same content passes, other content fails, a missing file
// fails; with -update the file is written.
func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	defer func(u bool) { *update = u }(*update)
	*update = true
	Check(t, path, []byte("one\n"))
	if b, err := os.ReadFile(path); err != nil || string(b) != "one\n" {
		t.Fatalf("-update wrote %q, %v", b, err)
	}
	*update = false
	for _, tt := range []struct {
		path, got string
		fails     bool
	}{
		{path, "one\n", false},
		{path, "two\n", true},
		{path + ".missing", "one\n", true},
	} {
		var rec recorder
		func() {
			defer func() { recover() }() // Fatal's runtime.Goexit stand-in
			Check(&rec, tt.path, []byte(tt.got))
		}()
		if rec.failed != tt.fails {
			t.Errorf("Check(%s, %q) failed = %v, want %v", filepath.Base(tt.path), tt.got, rec.failed, tt.fails)
		}
	}
}

// recorder is a testing.TB that only notes whether it failed; Fatal
// panics to stop Check as a test's Fatal would.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic("fatal") }
func (r *recorder) Fatal(...any)          { r.failed = true; panic("fatal") }
