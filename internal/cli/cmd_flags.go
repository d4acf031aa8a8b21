package cli

import (
	"errors"
	"runtime/debug"
	"strconv"
	"strings"

	"bao/ui"
)

// columnsFlag is --columns: "auto" (or 0) lets the layout choose by width,
// N asks for N columns. The reader and bao print take the same values.
//
//	auto → 0, 0 → 0, 3 → 3, -1 or "many" → error
type columnsFlag int

func (c *columnsFlag) String() string {
	if c == nil || *c == 0 {
		return "auto"
	}
	return strconv.Itoa(int(*c))
}

func (c *columnsFlag) Set(s string) error {
	if strings.EqualFold(strings.TrimSpace(s), "auto") {
		*c = 0
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return errors.New("want auto or a number of columns")
	}
	*c = columnsFlag(n)
	return nil
}

// version is set at link time (-ldflags "-X bao/internal/cli.version=v1.2.3"); else
// the module version or the VCS revision the binary was built from.
var version = ""

// versionString is what bao --version prints: "bao v1.2.3", or for a
// build from a checkout "bao (devel) 1a2b3c4d5e6f 2026-12-03 (modified)".
func versionString() string {
	v := version
	bi, ok := debug.ReadBuildInfo()
	if v == "" && ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	if v != "" {
		return "bao " + v
	}
	s := "bao (devel)"
	if ok {
		var rev, when, dirty string
		for _, kv := range bi.Settings {
			switch kv.Key {
			case "vcs.revision":
				rev = kv.Value
			case "vcs.time":
				when = kv.Value
			case "vcs.modified":
				if kv.Value == "true" {
					dirty = " (modified)"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			s += " " + rev
		}
		if len(when) >= 10 {
			s += " " + when[:10]
		}
		s += dirty + " " + bi.GoVersion
	}
	return s
}

// plural is "1 column", "3 columns".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// describe words an error for a person (see ui.ErrorText): a file
// error says its path once, without the system call that failed.
func describe(err error) string { return ui.ErrorText(err) }
