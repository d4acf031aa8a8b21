package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		text    string
		want    Config
		wantErr string
	}{
		{"", Config{}, ""},
		{"columns = 3\nambiguous = \"wide\"\ntheme = \"light\"\ndata_dir = \"/d\"\nencoding = \"gb18030\"\nragged = true\n",
			Config{Columns: 3, Ambiguous: "wide", Theme: "light", DataDir: "/d", Encoding: "gb18030", Ragged: true}, ""},
		{"colums = 3\n", Config{}, "unknown key colums"},
		{"columns = -1\n", Config{}, "columns = -1: want auto or a number of columns"},
		{"columns = \"auto\"\n", Config{Columns: 0}, ""},
		{"columns = 2\n", Config{Columns: 2}, ""},
		{"ragged = 1\n", Config{}, "line 1: ragged: want true or false, not a number"},
		{"theme = \"sepia\"\n", Config{}, "want light, dark or auto"},
		{"columns = \"three\"\n", Config{}, "config.toml: line 1: columns = three: want auto or a number of columns"},
		{"columns = \n", Config{}, "config.toml: line 1: "},
	}
	for _, tt := range tests {
		got, err := LoadConfig(write(tt.text))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), ": toml") || strings.Contains(err.Error(), "last key") {
				t.Errorf("LoadConfig(%q) error = %v, want %q", tt.text, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("LoadConfig(%q) = %+v, %v; want %+v", tt.text, got, err, tt.want)
		}
	}
	if c, err := LoadConfig(filepath.Join(dir, "missing.toml")); err != nil || c != (Config{}) {
		t.Errorf("missing file: %+v, %v", c, err)
	}
}

func TestConfigPath(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"}, "/x/bao/config.toml"},
		{map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/h"}, "/h/.config/bao/config.toml"},
		{map[string]string{"HOME": "/h"}, "/h/.config/bao/config.toml"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		if got := ConfigPath(env(tt.env)); got != tt.want {
			t.Errorf("ConfigPath(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}
