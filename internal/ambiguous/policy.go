package ambiguous

import (
	"fmt"
	"strconv"
	"strings"
)

// Policy is how wide East Asian Ambiguous characters are counted: Auto
// (decide from RUNEWIDTH_EASTASIAN, the terminal and the locale), Narrow
// (one cell: most Western terminals) or Wide (two: CJK terminals and
// locales). The zero value is Auto, so an absent flag or configuration key
// means "decide".
type Policy uint8

const (
	Auto Policy = iota
	Narrow
	Wide
)

// String is "auto", "narrow" or "wide", as Parse reads them.
func (p Policy) String() string {
	switch p {
	case Narrow:
		return "narrow"
	case Wide:
		return "wide"
	}
	return "auto"
}

// Parse reads a policy name: "narrow", "wide" or "auto" (also "1"/"2" and
// "n"/"w"; "" is auto).
func Parse(s string) (Policy, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "narrow", "1", "n":
		return Narrow, nil
	case "wide", "2", "w":
		return Wide, nil
	case "auto", "":
		return Auto, nil
	}
	return Auto, fmt.Errorf("ambiguous width %q: want narrow, wide or auto", s)
}

// UnmarshalText is Parse, for the configuration file (ambiguous = "wide").
func (p *Policy) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// MarshalText is String.
func (p Policy) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// IsWide is whether p counts ambiguous characters two cells wide (Auto
// counts them narrow, as charm's renderer does until told otherwise).
func (p Policy) IsWide() bool { return p == Wide }

// Other is the policy the `w` key switches to: Wide from Narrow (or Auto),
// Narrow from Wide.
func (p Policy) Other() Policy {
	if p == Wide {
		return Narrow
	}
	return Wide
}

// EastAsian is the value of RUNEWIDTH_EASTASIAN that gives charm's
// renderer the policy p: "1" for Wide, else "0".
func (p Policy) EastAsian() string {
	if p == Wide {
		return "1"
	}
	return "0"
}

// FromEnv decides the policy from the environment read through getenv,
// as go-runewidth does but without reading the process environment
// itself: first RUNEWIDTH_EASTASIAN ("1"/"true" wide, "0"/"false"
// narrow), then the first of LC_ALL, LC_CTYPE, LANG that is set: a zh, ja
// or ko locale means Wide, any other locale Narrow. Auto when none of them
// says anything (the caller may then probe the terminal, or count narrow).
func FromEnv(getenv func(string) string) Policy {
	if getenv == nil {
		return Auto
	}
	switch strings.ToLower(strings.TrimSpace(getenv("RUNEWIDTH_EASTASIAN"))) {
	case "1", "true", "yes", "on", "wide":
		return Wide
	case "0", "false", "no", "off", "narrow":
		return Narrow
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" {
			return Narrow
		}
		// language[_territory][.codeset][@modifier]
		lang := strings.ToLower(v)
		if i := strings.IndexAny(lang, "_.@-"); i >= 0 {
			lang = lang[:i]
		}
		switch lang {
		case "zh", "ja", "ko":
			return Wide
		}
		return Narrow
	}
	return Auto
}

// Renderer is the policy charm's x/ansi took at start-up from the
// environment: Wide only when RUNEWIDTH_EASTASIAN parses as true (it
// ignores the locale), else Narrow.
func Renderer(getenv func(string) string) Policy {
	if ea, err := strconv.ParseBool(getenv("RUNEWIDTH_EASTASIAN")); err == nil && ea {
		return Wide
	}
	return Narrow
}

// Decide is the Auto policy made Narrow or Wide: RUNEWIDTH_EASTASIAN when
// it says (the user said so, and it is what charm's renderer reads), else
// the terminal's answer to probe (nil: there is no terminal to ask), else
// the locale, else Narrow.
func Decide(getenv func(string) string, probe func() (Policy, error)) Policy {
	if getenv("RUNEWIDTH_EASTASIAN") != "" {
		if p := FromEnv(getenv); p != Auto {
			return p
		}
	}
	if probe != nil {
		if p, err := probe(); err == nil && p != Auto {
			return p
		}
	}
	if p := FromEnv(getenv); p != Auto {
		return p
	}
	return Narrow
}
