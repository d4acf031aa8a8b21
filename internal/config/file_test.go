package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bao/internal/ambiguous"
)

func TestLoad(t *testing.T) {
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
		want    File
		wantErr string
	}{
		{"", File{}, ""},
		{"columns = 3\nambiguous = \"wide\"\ntheme = \"light\"\ndata_dir = \"/d\"\nencoding = \"gb18030\"\nragged = true\n",
			File{Columns: 3, Ambiguous: ambiguous.Wide, Theme: "light", DataDir: "/d", Encoding: "gb18030", Ragged: true}, ""},
		{"colums = 3\n", File{}, "unknown key colums"},
		{"columns = -1\n", File{}, "columns = -1: want auto or a number of columns"},
		{"columns = \"auto\"\n", File{Columns: 0}, ""},
		{"columns = 2\n", File{Columns: 2}, ""},
		{"ragged = 1\n", File{}, "line 1: ragged: want true or false, not a number"},
		{"theme = \"sepia\"\n", File{}, "want light, dark or auto"},
		{"ambiguous = \"narrow\"\n", File{Ambiguous: ambiguous.Narrow}, ""},
		{"ambiguous = \"auto\"\n", File{}, ""},
		{"\nambiguous = \"huge\"\n", File{}, "config.toml: line 2: ambiguous"},
		{"columns = \"three\"\n", File{}, "config.toml: line 1: columns = three: want auto or a number of columns"},
		{"columns = \n", File{}, "config.toml: line 1: "},
	}
	for _, tt := range tests {
		got, err := Load(write(tt.text))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), ": toml") || strings.Contains(err.Error(), "last key") {
				t.Errorf("Load(%q) error = %v, want %q", tt.text, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Load(%q) = %+v, %v; want %+v", tt.text, got, err, tt.want)
		}
	}
	if c, err := Load(filepath.Join(dir, "missing.toml")); err != nil || c != (File{}) {
		t.Errorf("missing file: %+v, %v", c, err)
	}
}

func TestExpandHome(t *testing.T) {
	env := func(k string) string { return map[string]string{"HOME": "/h"}[k] }
	for in, want := range map[string]string{"~/news": "/h/news", "~": "/h", "/abs": "/abs", "rel/~": "rel/~", "~other/x": "~other/x"} {
		if got := ExpandHome(in, env); got != want {
			t.Errorf("ExpandHome(%q) = %q, want %q", in, got, want)
		}
	}
	if got := ExpandHome("~/x", func(string) string { return "" }); got != "~/x" {
		t.Errorf("no HOME: %q", got)
	}
}
