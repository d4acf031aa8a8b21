package serve

import (
	"net/netip"
	"strings"
	"testing"
	"time"
)

// The expectations below are what OpenSSH's match.c and addrmatch.c
// answer for the same inputs (match_pattern, match_pattern_list,
// addr_match_list, match_host_and_ip with UseDNS no), worked through by
// hand from their source.

func TestMatchPattern(t *testing.T) {
	for _, tc := range []struct {
		s, pattern string
		want       bool
	}{
		{"10.1.2.3", "10.*", true},
		{"10.1.2.3", "10.?.2.3", true},
		{"10.11.2.3", "10.?.2.3", false},
		{"10.1.2.3", "10.1.2.3", true},
		{"10.1.2.3", "10.1.2.", false},
		{"abc", "*", true},
		{"", "*", true},
		{"", "", true},
		{"a", "", false},
		{"", "?", false},
		{"abc", "a*c", true},
		{"ac", "a*c", true},
		{"abdc", "a*c", true},
		{"abcd", "a*c", false},
		{"aaa", "a*a*a", true},
		{"aa", "a*a*a", false},
		{"abcabd", "*abd", true},
		{"ABC", "abc", false}, // case-sensitive; match_pattern_list lowers
		{"a*", "a\\*", false}, // no escapes: \ is a plain byte
	} {
		if got := matchPattern(tc.s, tc.pattern); got != tc.want {
			t.Errorf("matchPattern(%q, %q) = %v, want %v", tc.s, tc.pattern, got, tc.want)
		}
	}
}

func TestMatchPatternList(t *testing.T) {
	for _, tc := range []struct {
		s, list string
		want    int
	}{
		{"10.1.2.3", "10.*,!10.1.2.3", -1},
		{"10.1.2.4", "10.*,!10.1.2.3", 1},
		{"10.1.2.3", "!10.1.2.3,10.*", -1},
		{"192.168.0.1", "10.*", 0},
		{"host.example", "*.EXAMPLE", 1},
		{"x", "!y", 0},
		{"x", "", 0},
		{"", "", 1}, // an empty entry matches the empty string
		{"x", strings.Repeat("*", maxSubpattern), 0},
	} {
		if got := matchPatternList(tc.s, tc.list, true); got != tc.want {
			t.Errorf("matchPatternList(%q, %q) = %d, want %d", tc.s, tc.list, got, tc.want)
		}
	}
}

func TestMatchFrom(t *testing.T) {
	for _, tc := range []struct {
		ip, list string
		want     bool
		err      string
	}{
		{"127.0.0.1", "127.0.0.1", true, ""},
		{"127.0.0.1", "127.0.0.0/8", true, ""},
		{"127.0.0.1", "10.0.0.0/8", false, ""},
		{"127.0.0.1", "10.0.0.0/8,127.*", true, ""},
		{"127.0.0.1", "!127.0.0.1,*", false, ""},
		{"127.0.0.1", "*,!127.0.0.1", false, ""}, // a negative match wins wherever it stands
		{"127.0.0.1", "!10.0.0.0/8", false, ""},  // negations alone admit nobody
		{"127.0.0.1", "127.0.0.0/8,!127.0.0.2", true, ""},
		{"127.0.0.2", "127.0.0.0/8,!127.0.0.2", false, ""},
		{"127.0.0.1", "0.0.0.0/0", true, ""},
		{"10.1.2.3", "10.1.2.3/32", true, ""},
		{"10.1.2.3", "10.1.*.3", true, ""},
		{"127.0.0.1", "LOCALHOST,localhost", false, ""}, // no DNS: names never match
		{"127.0.0.1", "127.0.0.1/200", false, ""},       // not a CIDR (len > 128): a pattern that does not match
		{"127.0.0.1", "127.0.0.1/8", false, "inconsistent mask"},
		{"127.0.0.1", "127.0.0.1/33", false, "inconsistent mask"},
		{"127.0.0.1", "", false, "empty"},
		{"127.0.0.1", "127.0.0.1,", false, "empty"},
		{"127.0.0.1", "!", false, "empty"},
		{"::1", "::1", true, ""},
		{"::1", "::/0", true, ""},
		{"127.0.0.1", "::/0", false, ""},
		{"::1", "0.0.0.0/0", false, ""},
		{"2001:db8::5", "2001:db8::/32,!2001:db8::5", false, ""},
		{"2001:db8::6", "2001:db8::/32,!2001:db8::5", true, ""},
		{"::ffff:127.0.0.1", "127.0.0.1", true, ""}, // a v4 client on a v6 socket
	} {
		got, err := matchFrom(netip.MustParseAddr(tc.ip), tc.list)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("matchFrom(%s, %q) = %v, %v; want %v, error %q", tc.ip, tc.list, got, err, tc.want, tc.err)
		}
	}
}

func TestParseKeyOptions(t *testing.T) {
	loc := time.UTC
	for _, tc := range []struct {
		opts   string // comma-joined as in the file (values here hold no commas)
		noPTY  bool
		from   string
		refuse string // a substring of the reason, or ""
	}{
		{"", false, "", ""},
		{"no-pty", true, "", ""},
		{"NO-PTY", true, "", ""},
		{"restrict", true, "", ""},
		{"restrict,pty", false, "", ""},
		{"pty,restrict", true, "", ""},
		{"no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc", false, "", ""},
		{"restrict,port-forwarding", true, "", ""},
		{`from="10.0.0.0/8"`, false, "10.0.0.0/8", ""},
		{`from="a\"b"`, false, `a"b`, ""},
		{`from="a",from="b"`, false, "", "given twice"},
		{`expiry-time="20200101"`, false, "", ""},
		{`expiry-time="2020"`, false, "", "want YYYYMMDD"},
		{`command="ls"`, false, "", "option command is not implemented"},
		{"cert-authority", false, "", "option cert-authority is not implemented"},
		{`permitopen="host:22"`, false, "", "not implemented"},
		{`permitlisten="8080"`, false, "", "not implemented"},
		{`principals="alice"`, false, "", "not implemented"},
		{`environment="A=B"`, false, "", "not implemented"},
		{`tunnel="0"`, false, "", "not implemented"},
		{"verify-required", false, "", "not implemented"},
		{"no-touch-required", false, "", "not implemented"},
		{"frobnicate", false, "", "unknown option frobnicate"},
		{"no-restrict", false, "", "unknown option"},
		{`pty="yes"`, false, "", "unknown option pty"},
		{"from=10.0.0.1", false, "", "missing start quote"},
		{`from="10.0.0.1`, false, "", "missing end quote"},
		{`from="10.0.0.1"x`, false, "", "after the closing quote"},
		{`no-pty,command="ls"`, true, "", "not implemented"},
	} {
		var opts []string
		if tc.opts != "" {
			opts = strings.Split(tc.opts, ",")
		}
		ko := parseKeyOptions(opts, loc)
		if (ko.refuse == "") != (tc.refuse == "") || !strings.Contains(ko.refuse, tc.refuse) {
			t.Errorf("%s: refuse %q, want %q", tc.opts, ko.refuse, tc.refuse)
			continue
		}
		if tc.refuse != "" {
			continue
		}
		if ko.noPTY != tc.noPTY || ko.from != tc.from {
			t.Errorf("%s: noPTY=%v from=%q; want %v %q", tc.opts, ko.noPTY, ko.from, tc.noPTY, tc.from)
		}
	}
}

func TestParseExpiryTime(t *testing.T) {
	plus1 := time.FixedZone("UTC+1", 3600)
	for _, tc := range []struct {
		s    string
		loc  *time.Location
		want string // RFC 3339 in UTC, or "" for an error
	}{
		{"20260102", time.UTC, "2026-01-02T00:00:00Z"},
		{"20260102", plus1, "2026-01-01T23:00:00Z"},
		{"202601021530", plus1, "2026-01-02T14:30:00Z"},
		{"202601021530Z", plus1, "2026-01-02T15:30:00Z"},
		{"202601021530z", plus1, "2026-01-02T15:30:00Z"},
		{"20260102153045UTC", plus1, "2026-01-02T15:30:45Z"},
		{"20261301", time.UTC, ""},
		{"20260230", time.UTC, ""},
		{"2026010", time.UTC, ""},
		{"2026-01-02", time.UTC, ""},
		{"2026010215304Z", time.UTC, ""},
		{"Z", time.UTC, ""},
		{"+0260102", time.UTC, ""},
	} {
		got, err := parseExpiryTime(tc.s, tc.loc)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("parseExpiryTime(%q) = %v, want an error", tc.s, got)
		case tc.want != "" && (err != nil || got.UTC().Format(time.RFC3339) != tc.want):
			t.Errorf("parseExpiryTime(%q) = %v, %v; want %s", tc.s, got.UTC(), err, tc.want)
		}
	}
}

func TestKeyOptionsPermit(t *testing.T) {
	loopback := netip.MustParseAddr("127.0.0.1")
	expiry := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	ko := keyOptions{expiry: expiry}
	if why := ko.permits(loopback, expiry.Add(-time.Second)); why != "" {
		t.Errorf("before expiry: %s", why)
	}
	if why := ko.permits(loopback, expiry); why != "" {
		t.Errorf("at the instant of expiry (sshd refuses only after): %s", why)
	}
	if why := ko.permits(loopback, expiry.Add(time.Second)); !strings.Contains(why, "expired") {
		t.Errorf("after expiry: %q", why)
	}
	ko = keyOptions{hasFrom: true, from: "127.0.0.1"}
	if why := ko.permits(netip.Addr{}, expiry); why == "" {
		t.Error("from= with no client address must refuse")
	}
	ko = keyOptions{hasFrom: true, from: ""}
	if why := ko.permits(loopback, expiry); !strings.Contains(why, "invalid") {
		t.Errorf("an empty from= must refuse as invalid: %q", why)
	}
}

// FuzzMatchFrom checks that no list makes the matcher fail, and that a
// list admitting an address still does with a non-matching entry added.
func FuzzMatchFrom(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "10.0.0.0/8,!10.1.2.3", "*", "!*", "a*b?c", "::/0", "127.0.0.1/8", ",", "**?*"} {
		f.Add(s, uint32(0x7f000001))
	}
	f.Fuzz(func(t *testing.T, list string, v4 uint32) {
		if len(list) > 4096 {
			return
		}
		ip := netip.AddrFrom4([4]byte{byte(v4 >> 24), byte(v4 >> 16), byte(v4 >> 8), byte(v4)})
		ok, err := matchFrom(ip, list)
		if err != nil && ok {
			t.Fatalf("matchFrom(%s, %q) matched with an error: %v", ip, list, err)
		}
		if ok {
			if ok2, err2 := matchFrom(ip, list+",192.0.2.255/32"); !ok2 || err2 != nil {
				t.Fatalf("adding a non-matching entry to %q changed the answer: %v %v", list, ok2, err2)
			}
		}
	})
}

// FuzzParseKeyOptions checks that option parsing never fails and that
// what it accepts is one of the options bao honours.
func FuzzParseKeyOptions(f *testing.F) {
	for _, s := range []string{"no-pty", `from="10.0.0.0/8"`, `expiry-time="20260102Z"`, "restrict,pty", `command="x"`, `from="a\"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ko := parseKeyOptions(strings.Split(s, ","), time.UTC)
		if ko.refuse != "" {
			return
		}
		for _, opt := range strings.Split(s, ",") {
			name, _, _ := strings.Cut(strings.ToLower(opt), "=")
			switch strings.TrimPrefix(name, "no-") {
			case "pty", "restrict", "from", "expiry-time", "agent-forwarding", "port-forwarding", "x11-forwarding", "user-rc":
			default:
				t.Fatalf("%q accepted with option %q", s, name)
			}
		}
	})
}
