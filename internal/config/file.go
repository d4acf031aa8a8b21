package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"bao/internal/ambiguous"
)

// File is the reader's configuration file, bao/config.toml under the
// config directory (ConfigFile). Every key has a flag of the same name; a flag given on
// the command line wins. For example:
//
//	columns = 3          # "auto", 0 or absent: chosen by width
//	ambiguous = "auto"   # narrow, wide or auto
//	theme = "auto"       # light, dark or auto
//	data_dir = "~/news/bao-data"
//	encoding = "gb18030" # absent: detected per file
//	ragged = false       # true: ragged right instead of justified
type File struct {
	Columns   Columns          `toml:"columns"`
	Ambiguous ambiguous.Policy `toml:"ambiguous"` // absent: Auto
	Theme     string           `toml:"theme"`
	DataDir   string           `toml:"data_dir"`
	Encoding  string           `toml:"encoding"`
	Ragged    bool             `toml:"ragged"`
	Vertical  bool             `toml:"vertical"`
}

// Columns is the columns key: a number of columns, or "auto" (0) for the
// layout's choice by width, as the --columns flag takes.
type Columns int

// UnmarshalTOML takes columns = 3 or columns = "auto".
func (c *Columns) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		if v < 0 {
			return fmt.Errorf("columns = %d: want auto or a number of columns", v)
		}
		*c = Columns(v)
		return nil
	case string:
		if strings.EqualFold(v, "auto") {
			*c = 0
			return nil
		}
	}
	return fmt.Errorf("columns = %v: want auto or a number of columns", v)
}

// Load reads the configuration file at path. A missing file is an
// empty configuration; an unreadable one, bad TOML or an unknown key is an
// error naming the file (a typo should not be silently ignored).
func Load(path string) (File, error) {
	var c File
	if path == "" {
		return c, nil
	}
	md, err := toml.DecodeFile(path, &c)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, nil
	}
	if err != nil {
		return File{}, fmt.Errorf("%s: %s", path, configError(err))
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return File{}, fmt.Errorf("%s: unknown key %s", path, strings.Join(keys, ", "))
	}
	switch c.Theme {
	case "", "auto", "light", "dark":
	default:
		return File{}, fmt.Errorf("%s: theme = %q: want light, dark or auto", path, c.Theme)
	}
	return c, nil
}

// configError words a TOML error for the person editing the file: the
// line and key, and what was wanted, without the parser's name.
//
//	columns = "x"  →  line 1: columns = x: want auto or a number of columns
//	ragged = 1     →  line 1: ragged: want true or false, not a number
func configError(err error) string {
	msg, line, key := err.Error(), 0, ""
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg, line, key = pe.Message, pe.Position.Line, pe.LastKey
	} else if m := tomlTypeError.FindStringSubmatch(msg); m != nil {
		// The decoder's type errors are plain strings.
		fmt.Sscan(m[1], &line)
		key, msg = m[2], "want "+tomlTypeName(m[4])+", not "+tomlTypeName(m[3])
	} else if m := tomlLineError.FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
		key, msg = m[2], m[3]
	}
	msg = strings.TrimPrefix(msg, "toml: ")
	if key != "" && !strings.HasPrefix(msg, key+" ") {
		msg = key + ": " + msg
	}
	if line > 0 {
		msg = fmt.Sprintf("line %d: %s", line, msg)
	}
	return msg
}

var (
	tomlTypeError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): incompatible types: TOML value has type (\w+); destination has type (\w+)`)
	tomlLineError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)
)

// tomlTypeName is a TOML or Go type as the user would name what they wrote.
func tomlTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool", t == "boolean":
		return "true or false"
	case t == "string":
		return "a string"
	case strings.HasPrefix(t, "[]"), t == "array", t == "slice":
		return "a list"
	case strings.HasPrefix(t, "map"), t == "table":
		return "a table"
	}
	return t
}

// ExpandHome is path with a leading ~/ replaced by $HOME (read through
// getenv), as the configuration file's data_dir = "~/news" is meant: the
// shell expands a flag's ~, nothing expands the file's.
func ExpandHome(path string, getenv func(string) string) string {
	home := getenv("HOME")
	if home == "" {
		return path
	}
	if path == "~" {
		return home
	}
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		return filepath.Join(home, rest)
	}
	return path
}
