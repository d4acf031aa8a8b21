package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"bao/reader/bookmarks"
)

// Config is the reader's configuration file, bao/config.toml under the XDG
// config directory. Every key has a flag of the same name; a flag given on
// the command line wins. For example:
//
//	columns = 3          # 0 or absent: chosen by width
//	ambiguous = "auto"   # narrow, wide or auto
//	theme = "auto"       # light, dark or auto
//	data_dir = "~/news/bao-data"
//	encoding = "gb18030" # absent: detected per file
//	ragged = false       # true: ragged right instead of justified
type Config struct {
	Columns   int    `toml:"columns"`
	Ambiguous string `toml:"ambiguous"`
	Theme     string `toml:"theme"`
	DataDir   string `toml:"data_dir"`
	Encoding  string `toml:"encoding"`
	Ragged    bool   `toml:"ragged"`
	Vertical  bool   `toml:"vertical"`
}

// ConfigPath is where the configuration file is looked for:
// $XDG_CONFIG_HOME/bao/config.toml, else ~/.config/bao/config.toml. It reads
// the environment through getenv so tests and bao serve can pass their own.
func ConfigPath(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "bao", "config.toml")
}

// DefaultDataDir is where bookmarks and reading state live unless told
// otherwise, the same place `bao bookmarks` reads (bookmarks.DataDir):
// $BAO_DATA_DIR, else $XDG_DATA_HOME/bao, else ~/.local/share/bao; "" when
// none of them is set.
func DefaultDataDir(getenv func(string) string) string {
	d, err := bookmarks.DataDir(getenv)
	if err != nil {
		return ""
	}
	return d
}

// LoadConfig reads the configuration file at path. A missing file is an
// empty configuration; an unreadable one, bad TOML or an unknown key is an
// error naming the file (a typo should not be silently ignored).
func LoadConfig(path string) (Config, error) {
	var c Config
	if path == "" {
		return c, nil
	}
	md, err := toml.DecodeFile(path, &c)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return Config{}, fmt.Errorf("%s: unknown key %s", path, strings.Join(keys, ", "))
	}
	if c.Columns < 0 {
		return Config{}, fmt.Errorf("%s: columns = %d: want 0 or more", path, c.Columns)
	}
	switch c.Theme {
	case "", "auto", "light", "dark":
	default:
		return Config{}, fmt.Errorf("%s: theme = %q: want light, dark or auto", path, c.Theme)
	}
	return c, nil
}
