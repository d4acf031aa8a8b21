package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"

	"github.com/adrg/xdg"
)

// Where bao keeps its files, from the environment read through getenv (so
// tests and `bao serve` can pass their own). The XDG variables win on every
// platform when they hold an absolute path (the XDG Base Directory spec
// says a relative one is ignored). Without them:
//
//   - Linux and the BSDs: $HOME/.config, $HOME/.local/share, $HOME/.cache,
//     with HOME read through getenv ("" when it is unset).
//   - macOS and Windows: the platform's own directories as adrg/xdg finds
//     them (~/Library/Application Support and ~/Library/Caches;
//     %LOCALAPPDATA% and %LOCALAPPDATA%\cache). Configuration and data
//     that an older bao left in $HOME/.config/bao or $HOME/.local/share/bao
//     are still used there while the new place does not exist, so that
//     nobody's bookmarks vanish with an upgrade.

// ConfigFile is bao's configuration file, bao/config.toml under the
// config directory; "" when there is none (no HOME).
func ConfigFile(getenv func(string) string) string {
	d := baseDir(getenv, configHome, platformDirs())
	if d == "" {
		return ""
	}
	return filepath.Join(d, "config.toml")
}

// DataDir is where bookmarks and reading state live: $BAO_DATA_DIR, else
// bao under the data directory ($XDG_DATA_HOME/bao, ~/.local/share/bao).
// A --data-dir flag, when given, goes before all of these.
func DataDir(getenv func(string) string) (string, error) {
	if d := getenv("BAO_DATA_DIR"); d != "" {
		return d, nil
	}
	if d := baseDir(getenv, dataHome, platformDirs()); d != "" {
		return d, nil
	}
	return "", errors.New("no data directory: set BAO_DATA_DIR, XDG_DATA_HOME or HOME, or pass --data-dir")
}

// CacheDir is bao's cache directory, bao under the cache directory
// ($XDG_CACHE_HOME/bao, ~/.cache/bao); the search index, the PDF page cache
// and wazero's compilation cache live in folders of their own under it.
// "" when there is none (no HOME): nothing is cached then.
func CacheDir(getenv func(string) string) string {
	return baseDir(getenv, cacheHome, platformDirs())
}

// kind is one XDG base directory: its variable, its place under HOME on
// Linux, and whether an older bao kept bao's folder there on every
// platform (configuration and data did; the caches already followed the
// platform).
type kind struct {
	env    string
	unix   []string
	legacy bool
}

var (
	configHome = kind{"XDG_CONFIG_HOME", []string{".config"}, true}
	dataHome   = kind{"XDG_DATA_HOME", []string{".local", "share"}, true}
	cacheHome  = kind{"XDG_CACHE_HOME", []string{".cache"}, false}
)

// native is the platform's own base directories where they are not the
// XDG ones (macOS, Windows); nil on Linux and the BSDs.
type native struct {
	config, data, cache string
}

func (n *native) of(k kind) string {
	switch k.env {
	case configHome.env:
		return n.config
	case dataHome.env:
		return n.data
	}
	return n.cache
}

// platformDirs is adrg/xdg's directories on the platforms that have their
// own; adrg/xdg read the process environment once at start-up.
func platformDirs() *native {
	switch runtime.GOOS {
	case "darwin", "ios", "windows", "plan9":
		return &native{config: xdg.ConfigHome, data: xdg.DataHome, cache: xdg.CacheHome}
	}
	return nil
}

// baseDir is bao's folder in the base directory k: under $XDG_…_HOME when
// it is absolute, else under the platform's directory (nat, nil where that
// is the XDG default under HOME); "" when neither is known.
func baseDir(getenv func(string) string, k kind, nat *native) string {
	if d := getenv(k.env); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "bao")
	}
	var unix string
	if home := getenv("HOME"); home != "" {
		unix = filepath.Join(append(append([]string{home}, k.unix...), "bao")...)
	}
	if nat == nil || nat.of(k) == "" {
		return unix
	}
	d := filepath.Join(nat.of(k), "bao")
	if k.legacy && unix != "" && unix != d && !exists(d) && exists(unix) {
		return unix
	}
	return d
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
