package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bao/internal/ambiguous"
)

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestDecideAmbiguous(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want ambiguous.Policy
	}{
		{map[string]string{"RUNEWIDTH_EASTASIAN": "1"}, ambiguous.Wide},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "0", "LANG": "zh_CN.UTF-8"}, ambiguous.Narrow},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ambiguous.Wide},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, ambiguous.Wide},
		{map[string]string{"LANG": "en_US.UTF-8"}, ambiguous.Narrow},
		{map[string]string{}, ambiguous.Narrow},
	}
	for _, tt := range tests {
		// tty false: no terminal probe, as in any test run.
		if got := decideAmbiguous(envOf(tt.env), false); got != tt.want {
			t.Errorf("decideAmbiguous(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestReadUsageErrors(t *testing.T) {
	cfgHome := t.TempDir()
	bad := filepath.Join(cfgHome, "bad")
	os.MkdirAll(filepath.Join(bad, "bao"), 0o755)
	os.WriteFile(filepath.Join(bad, "bao", "config.toml"), []byte("colums = 2\n"), 0o644)
	badLine := filepath.Join(cfgHome, "badline")
	os.MkdirAll(filepath.Join(badLine, "bao"), 0o755)
	os.WriteFile(filepath.Join(badLine, "bao", "config.toml"), []byte("columns = 2\nragged = 1\n"), 0o644)
	tests := []struct {
		env  map[string]string
		args []string
		code int
		want string
	}{
		{nil, []string{"--help"}, 0, "-ambiguous string"},
		{nil, []string{"--theme", "sepia"}, 2, "want light, dark or auto"},
		{nil, []string{"--columns", "-1"}, 2, "want auto or a number of columns"},
		{nil, []string{"--ambiguous", "huge"}, 2, "want narrow, wide or auto"},
		{map[string]string{"XDG_CONFIG_HOME": bad}, nil, 1, "unknown key colums"},
		{map[string]string{"XDG_CONFIG_HOME": badLine}, nil, 1, filepath.Join(badLine, "bao", "config.toml") + ": line 2: ragged: want true or false, not a number"},
		{nil, []string{filepath.Join(cfgHome, "missing.txt")}, 1, "missing.txt"},
		{nil, []string{"--bogus"}, 2, "bao: unknown flag -bogus (bao --help lists the flags)\n"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCLI(t, tt.env, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("bao %v: code %d, output %q; want code %d and %q", tt.args, code, stdout+stderr, tt.code, tt.want)
		}
	}
}

func TestCLIHelpVersionAndErrors(t *testing.T) {
	out, _, code := runCLI(t, nil, "--help")
	if code != 0 {
		t.Fatalf("bao --help: exit %d", code)
	}
	for _, want := range []string{"bao print", "bao search", "bao bookmarks", "bao serve", "bao --version", "-columns", "-theme"} {
		if !strings.Contains(out, want) {
			t.Errorf("bao --help lacks %q:\n%s", want, out)
		}
	}
	for _, args := range [][]string{{"--version"}, {"version"}, {"-version"}} {
		out, errs, code := runCLI(t, nil, args...)
		if code != 0 || !strings.HasPrefix(out, "bao ") || strings.Count(out, "\n") != 1 || errs != "" {
			t.Errorf("bao %v: exit %d, %q %q", args, code, out, errs)
		}
	}
	// A flag error is one line on stderr, never the whole usage, and
	// never "bao bao".
	for _, args := range [][]string{
		{"--bogus"}, {"--columns", "many"}, {"--columns"},
		{"print", "--bogus", "x"}, {"print", "--columns", "-2", "x"}, {"print"},
		{"search", "--bogus"}, {"search", "x"}, {"bookmarks", "extra"},
	} {
		out, errs, code := runCLI(t, nil, args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "bao bao") ||
			strings.Contains(errs, "Usage") || !strings.Contains(errs, "--help") {
			t.Errorf("bao %v: exit %d, stdout %q, stderr %q; want one line and exit 2", args, code, out, errs)
		}
	}
	// Paths are said once: "x: no such file", not "stat x: … x".
	_, errs, _ := runCLI(t, nil, "no/such/issue.txt")
	if strings.Count(errs, "no/such/issue.txt") != 1 || strings.Contains(errs, "stat ") {
		t.Errorf("missing file: %q", errs)
	}
	_, errs, _ = runCLI(t, nil, "print", "no/such/issue.txt")
	if strings.Count(errs, "no/such/issue.txt") != 1 || strings.Contains(errs, "open ") {
		t.Errorf("print, missing file: %q", errs)
	}
}

func TestColumnsFlag(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{{"auto", 0, true}, {"AUTO", 0, true}, {"0", 0, true}, {"1", 1, true}, {"4", 4, true}, {"-1", 0, false}, {"two", 0, false}, {"", 0, false}} {
		var c columnsFlag
		err := c.Set(tt.in)
		if (err == nil) != tt.ok || (tt.ok && int(c) != tt.want) {
			t.Errorf("--columns %q: %d, %v", tt.in, c, err)
		}
	}
	var c columnsFlag
	if c.String() != "auto" {
		t.Errorf("default columns print as %q", c.String())
	}
}

func TestPlural(t *testing.T) {
	if got := plural(1, "column", "columns"); got != "1 column" {
		t.Error(got)
	}
	if got := plural(0, "issue", "issues") + " " + plural(2, "issue", "issues"); got != "0 issues 2 issues" {
		t.Error(got)
	}
}
