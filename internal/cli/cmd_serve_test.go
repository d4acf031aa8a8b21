package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeHelpHidesTheSessionChildFlag(t *testing.T) {
	stdout, _, code := runCLI(t, nil, "serve", "--help")
	if code != 0 || !strings.Contains(stdout, "-authorized-keys") || !strings.Contains(stdout, "-refresh") {
		t.Fatalf("bao serve --help: exit %d\n%s", code, stdout)
	}
	if strings.Contains(stdout, "session-child") || strings.Contains(stdout, "(internal)") {
		t.Errorf("the internal flag shows in the help:\n%s", stdout)
	}
	// It still parses (the child itself is driven by the tmux test).
	_, stderr, code := runCLI(t, nil, "serve", "--"+sessionChildFlag, t.TempDir())
	if code != 2 || strings.Contains(stderr, "flag provided but not defined") {
		t.Errorf("--%s: exit %d, %q", sessionChildFlag, code, stderr)
	}
}

func TestServeFlagErrors(t *testing.T) {
	lib := searchFixture(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve"}, 2, "want one LIBRARY"},
		{[]string{"serve", lib, lib}, 2, "want one LIBRARY"},
		{[]string{"serve", filepath.Join(lib, "missing")}, 1, "missing"},
		{[]string{"serve", "--ambiguous", "auto", lib}, 2, "no terminal to ask"},
		{[]string{"serve", "--ambiguous", "sideways", lib}, 2, "sideways"},
		{[]string{"serve", "--max-sessions", "0", "--data-dir", t.TempDir(), lib}, 2, "--max-sessions 0"},
		{[]string{"serve", "--authorized-keys", filepath.Join(lib, "nope"), "--data-dir", t.TempDir(), lib}, 1, "nope"},
		{[]string{"serve", "--listen", "127.0.0.1:notaport", "--data-dir", t.TempDir(), lib}, 1, "notaport"},
	} {
		// The process's own policy, so --ambiguous never restarts the test.
		env := map[string]string{"RUNEWIDTH_EASTASIAN": os.Getenv("RUNEWIDTH_EASTASIAN")}
		_, stderr, code := runCLI(t, env, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("bao %v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}
