package serve

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// keyOptions are the options of one authorized_keys line that bao honours
// (sshd(8), AUTHORIZED_KEYS FILE FORMAT). Option names are matched without
// regard to case, as sshd does, and applied left to right ("restrict,pty"
// allows a terminal, "pty,restrict" does not).
//
//	from="pattern-list"    the client address must match (frompattern.go)
//	expiry-time="timespec" refused after YYYYMMDD[HHMM[SS]] (local time, or UTC with a Z)
//	restrict               no terminal, no forwarding, no rc file
//	no-pty / pty           no terminal (bao serves nothing else) / a terminal after restrict
//
// The forwarding and rc-file flags (no-port-forwarding, agent-forwarding,
// X11-forwarding, user-rc and their no- forms) are accepted as they are:
// bao never forwards anything nor runs an rc file. Every other option
// (command=, environment=, permitopen=, permitlisten=, principals=, tunnel=,
// cert-authority, no-touch-required, verify-required, or a name sshd does
// not know) is something bao does not do, and the key is refused, so a
// line never grants more than it says.
type keyOptions struct {
	from    string    // pattern list; "" for none
	hasFrom bool      // from= given (an empty one matches nothing)
	expiry  time.Time // zero: none
	noPTY   bool
	// refuse says why the key is never accepted (an option bao does not
	// implement, a malformed one); "" when it may be.
	refuse string
}

// forwardingFlags are the flags bao satisfies by offering nothing of the
// kind, in either polarity.
var forwardingFlags = map[string]bool{
	"agent-forwarding": true, "port-forwarding": true, "x11-forwarding": true, "user-rc": true,
}

// parseKeyOptions parses the options x/crypto's ParseAuthorizedKey split
// off a line (each "name" or `name="value"`). A malformed or unimplemented
// option does not fail the file: it marks the key refused, as sshd skips
// a line with bad options.
func parseKeyOptions(opts []string, loc *time.Location) keyOptions {
	var ko keyOptions
	for _, opt := range opts {
		name, value, hasValue := strings.Cut(opt, "=")
		name = strings.ToLower(name)
		if hasValue {
			v, err := dequote(value)
			if err != nil {
				ko.refuse = fmt.Sprintf("option %s: %v", name, err)
				return ko
			}
			value = v
		}
		bare := strings.TrimPrefix(name, "no-")
		switch {
		case name == "restrict" && !hasValue:
			ko.noPTY = true
		case bare == "pty" && !hasValue:
			ko.noPTY = name == "no-pty"
		case forwardingFlags[bare] && !hasValue:
		case name == "from" && hasValue:
			if ko.hasFrom {
				ko.refuse = `option from: given twice`
				return ko
			}
			ko.from, ko.hasFrom = value, true
		case name == "expiry-time" && hasValue:
			t, err := parseExpiryTime(value, loc)
			if err != nil {
				ko.refuse = fmt.Sprintf("option expiry-time: %v", err)
				return ko
			}
			// sshd keeps the earliest of several.
			if ko.expiry.IsZero() || t.Before(ko.expiry) {
				ko.expiry = t
			}
		default:
			ko.refuse = fmt.Sprintf("option %s is not implemented by bao serve", name)
			if !knownSSHDOption(name) {
				ko.refuse = fmt.Sprintf("unknown option %s", name)
			}
			return ko
		}
	}
	return ko
}

// knownSSHDOption reports whether sshd(8) knows the option (so that a typo
// is called what it is in the log).
func knownSSHDOption(name string) bool {
	switch name {
	case "cert-authority", "command", "environment", "permitopen", "permitlisten", "principals",
		"tunnel", "no-touch-required", "verify-required":
		return true
	}
	return false
}

// dequote is sshd's opt_dequote: a value in double quotes, where \" is a
// quote and any other byte stands for itself; nothing may follow the
// closing quote.
func dequote(v string) (string, error) {
	if !strings.HasPrefix(v, `"`) {
		return "", errors.New("missing start quote")
	}
	var b strings.Builder
	i := 1
	for ; i < len(v) && v[i] != '"'; i++ {
		if v[i] == '\\' && i+1 < len(v) && v[i+1] == '"' {
			i++
		}
		b.WriteByte(v[i])
	}
	if i >= len(v) {
		return "", errors.New("missing end quote")
	}
	if i != len(v)-1 {
		return "", errors.New("text after the closing quote")
	}
	return b.String(), nil
}

// parseExpiryTime is sshd's parse_absolute_time: YYYYMMDD, YYYYMMDDHHMM or
// YYYYMMDDHHMMSS, in local time, or in UTC when followed by Z (or UTC).
// The key is refused from that instant on.
func parseExpiryTime(s string, loc *time.Location) (time.Time, error) {
	spec := s
	switch upper := strings.ToUpper(s); {
	case len(s) > 1 && strings.HasSuffix(upper, "Z"):
		spec, loc = s[:len(s)-1], time.UTC
	case len(s) > 3 && strings.HasSuffix(upper, "UTC"):
		spec, loc = s[:len(s)-3], time.UTC
	}
	var layout string
	switch len(spec) {
	case 8:
		layout = "20060102"
	case 12:
		layout = "200601021504"
	case 14:
		layout = "20060102150405"
	default:
		return time.Time{}, fmt.Errorf("%q: want YYYYMMDD[HHMM[SS]][Z]", s)
	}
	for i := 0; i < len(spec); i++ {
		if spec[i] < '0' || spec[i] > '9' {
			return time.Time{}, fmt.Errorf("%q: want YYYYMMDD[HHMM[SS]][Z]", s)
		}
	}
	t, err := time.ParseInLocation(layout, spec, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: %w", s, err)
	}
	return t, nil
}

// permits says why a key with these options may not connect from ip at
// now; "" when it may.
func (ko *keyOptions) permits(ip netip.Addr, now time.Time) string {
	if ko.refuse != "" {
		return ko.refuse
	}
	if !ko.expiry.IsZero() && now.After(ko.expiry) {
		return "key expired at " + ko.expiry.Format(time.RFC3339)
	}
	if ko.hasFrom {
		if !ip.IsValid() {
			return "from= given and the client address is unknown"
		}
		ok, err := matchFrom(ip, ko.from)
		if err != nil {
			return "from= list is invalid: " + err.Error()
		}
		if !ok {
			return fmt.Sprintf("from=%q does not match %s", ko.from, ip.Unmap())
		}
	}
	return ""
}
