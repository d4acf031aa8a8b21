package config

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// The Linux rules, as bao had them before this package: they must not move.
func TestDirsLinux(t *testing.T) {
	if platformDirs() != nil {
		t.Skip("the platform has directories of its own (TestDirsNative)")
	}
	tests := []struct {
		env                 map[string]string
		config, data, cache string
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/x", "XDG_DATA_HOME": "/d", "XDG_CACHE_HOME": "/c", "HOME": "/h"},
			"/x/bao/config.toml", "/d/bao", "/c/bao"},
		{map[string]string{"XDG_CONFIG_HOME": "rel", "XDG_DATA_HOME": "rel", "XDG_CACHE_HOME": "rel", "HOME": "/h"},
			"/h/.config/bao/config.toml", "/h/.local/share/bao", "/h/.cache/bao"},
		{map[string]string{"HOME": "/h"}, "/h/.config/bao/config.toml", "/h/.local/share/bao", "/h/.cache/bao"},
		{map[string]string{"HOME": "/h", "BAO_DATA_DIR": "rel/data"}, "/h/.config/bao/config.toml", "rel/data", "/h/.cache/bao"},
		{map[string]string{"BAO_DATA_DIR": "/b", "XDG_DATA_HOME": "/d"}, "", "/b", ""},
		{map[string]string{}, "", "", ""},
	}
	for _, tt := range tests {
		env := envOf(tt.env)
		if got := ConfigFile(env); got != tt.config {
			t.Errorf("ConfigFile(%v) = %q, want %q", tt.env, got, tt.config)
		}
		got, err := DataDir(env)
		if got != tt.data || (err != nil) != (tt.data == "") {
			t.Errorf("DataDir(%v) = %q, %v; want %q", tt.env, got, err, tt.data)
		}
		if got := CacheDir(env); got != tt.cache {
			t.Errorf("CacheDir(%v) = %q, want %q", tt.env, got, tt.cache)
		}
	}
}

// The real environment, as t.Setenv leaves it, reaches the same rules.
func TestDirsSetenv(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux paths")
	}
	t.Setenv("HOME", "/h")
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("XDG_CACHE_HOME", "/c")
	t.Setenv("XDG_DATA_HOME", "/d")
	t.Setenv("BAO_DATA_DIR", "")
	if got := ConfigFile(os.Getenv); got != "/h/.config/bao/config.toml" {
		t.Errorf("ConfigFile = %q", got)
	}
	if got, _ := DataDir(os.Getenv); got != "/d/bao" {
		t.Errorf("DataDir = %q", got)
	}
	if got := CacheDir(os.Getenv); got != "/c/bao" {
		t.Errorf("CacheDir = %q", got)
	}
}

// macOS and Windows: the platform's directories, the XDG variables still
// first, and configuration or data an older bao left under ~/.config or
// ~/.local/share kept while the new place does not exist.
func TestDirsNative(t *testing.T) {
	home := t.TempDir()
	nat := &native{
		config: filepath.Join(home, "Library", "Application Support"),
		data:   filepath.Join(home, "Library", "Application Support"),
		cache:  filepath.Join(home, "Library", "Caches"),
	}
	env := envOf(map[string]string{"HOME": home})
	if got, want := baseDir(env, configHome, nat), filepath.Join(nat.config, "bao"); got != want {
		t.Errorf("config = %q, want %q", got, want)
	}
	if got, want := baseDir(env, cacheHome, nat), filepath.Join(nat.cache, "bao"); got != want {
		t.Errorf("cache = %q, want %q", got, want)
	}
	xdgEnv := envOf(map[string]string{"HOME": home, "XDG_DATA_HOME": "/d"})
	if got := baseDir(xdgEnv, dataHome, nat); got != filepath.Join("/d", "bao") {
		t.Errorf("XDG_DATA_HOME: data = %q", got)
	}

	// An older bao's data dir, and no new one: still used.
	old := filepath.Join(home, ".local", "share", "bao")
	if err := os.MkdirAll(old, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := baseDir(env, dataHome, nat); got != old {
		t.Errorf("legacy data = %q, want %q", got, old)
	}
	// Caches start afresh.
	if err := os.MkdirAll(filepath.Join(home, ".cache", "bao"), 0o700); err != nil {
		t.Fatal(err)
	}
	if got, want := baseDir(env, cacheHome, nat), filepath.Join(nat.cache, "bao"); got != want {
		t.Errorf("cache with a legacy folder = %q, want %q", got, want)
	}
	// Once the new place exists, it wins.
	if err := os.MkdirAll(filepath.Join(nat.data, "bao"), 0o700); err != nil {
		t.Fatal(err)
	}
	if got, want := baseDir(env, dataHome, nat), filepath.Join(nat.data, "bao"); got != want {
		t.Errorf("data = %q, want %q", got, want)
	}
}
