package bookmarks

import (
	"errors"
	"path/filepath"
)

// DataDir is where bao keeps bookmarks and reading state, from the
// environment read through getenv (so tests and `bao serve` choose):
// $BAO_DATA_DIR, else $XDG_DATA_HOME/bao, else ~/.local/share/bao
// (XDG Base Directory spec: a relative XDG_DATA_HOME is ignored).
// A --data-dir flag, when given, goes before all of these.
func DataDir(getenv func(string) string) (string, error) {
	if d := getenv("BAO_DATA_DIR"); d != "" {
		return d, nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "bao"), nil
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "share", "bao"), nil
	}
	return "", errors.New("no data directory: set BAO_DATA_DIR, XDG_DATA_HOME or HOME, or pass --data-dir")
}
