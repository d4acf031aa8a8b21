package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bao/reader/layout"
)

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestDecideAmbiguous(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want layout.Ambiguous
	}{
		{map[string]string{"RUNEWIDTH_EASTASIAN": "1"}, layout.Wide},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "0", "LANG": "zh_CN.UTF-8"}, layout.Narrow},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, layout.Wide},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, layout.Wide},
		{map[string]string{"LANG": "en_US.UTF-8"}, layout.Narrow},
		{map[string]string{}, layout.Narrow},
	}
	for _, tt := range tests {
		// tty false: no terminal probe, as in any test run.
		if got := decideAmbiguous(envOf(tt.env), false); got != tt.want {
			t.Errorf("decideAmbiguous(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestRendererAmbiguous(t *testing.T) {
	// charm's x/ansi: wide only when RUNEWIDTH_EASTASIAN parses as true;
	// the locale does not count.
	for v, want := range map[string]layout.Ambiguous{"1": layout.Wide, "true": layout.Wide, "0": layout.Narrow, "": layout.Narrow, "yes": layout.Narrow} {
		env := map[string]string{"RUNEWIDTH_EASTASIAN": v, "LANG": "zh_CN.UTF-8"}
		if got := rendererAmbiguous(envOf(env)); got != want {
			t.Errorf("rendererAmbiguous(RUNEWIDTH_EASTASIAN=%q) = %v, want %v", v, got, want)
		}
	}
}

func TestEnvironWith(t *testing.T) {
	t.Setenv("RUNEWIDTH_EASTASIAN", "0")
	env := environWith(map[string]string{"RUNEWIDTH_EASTASIAN": "1", "BAO_RESUME": "{}"})
	got := map[string]int{}
	for _, kv := range env {
		got[kv]++
	}
	if got["RUNEWIDTH_EASTASIAN=1"] != 1 || got["RUNEWIDTH_EASTASIAN=0"] != 0 || got["BAO_RESUME={}"] != 1 {
		t.Errorf("environWith: %v", env)
	}
}

func TestReadUsageErrors(t *testing.T) {
	cfgHome := t.TempDir()
	bad := filepath.Join(cfgHome, "bad")
	os.MkdirAll(filepath.Join(bad, "bao"), 0o755)
	os.WriteFile(filepath.Join(bad, "bao", "config.toml"), []byte("colums = 2\n"), 0o644)
	tests := []struct {
		env  map[string]string
		args []string
		code int
		want string
	}{
		{nil, []string{"--help"}, 0, "-ambiguous string"},
		{nil, []string{"--theme", "sepia"}, 1, "want light, dark or auto"},
		{nil, []string{"--columns", "-1"}, 1, "want 0 or more"},
		{nil, []string{"--ambiguous", "huge"}, 1, "want narrow, wide or auto"},
		{map[string]string{"XDG_CONFIG_HOME": bad}, nil, 1, "unknown key colums"},
		{nil, []string{filepath.Join(cfgHome, "missing.txt")}, 1, "missing.txt"},
		{nil, []string{"--bogus"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCLI(t, tt.env, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("bao %v: code %d, output %q; want code %d and %q", tt.args, code, stdout+stderr, tt.code, tt.want)
		}
	}
}
