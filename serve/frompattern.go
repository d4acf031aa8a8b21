package serve

import (
	"net/netip"
	"strconv"
	"strings"
)

// This file is the from="pattern-list" key option of authorized_keys, as
// OpenSSH's sshd(8) matches it (match.c: match_pattern, match_pattern_list,
// match_host_and_ip; addrmatch.c: addr_match_list). A pattern list is
// comma-separated; an entry is an address, an address/prefix (CIDR) or a
// wildcard pattern (* any run, ? any one character), and a leading ! negates
// it. A negated entry that matches refuses outright; otherwise some entry
// must match. Host names are never looked up, as in sshd with UseDNS no
// (its default): the "host name" sshd matches is then the address itself.
//
//	from="10.0.0.0/8,!10.1.2.3"   anywhere in 10/8 but 10.1.2.3
//	from="192.168.1.*"            a wildcard over the address text
//	from="!127.0.0.1,*"           anywhere but loopback

// matchFrom reports whether the client address ip satisfies the from= list,
// as match_host_and_ip(ip, ip, list) with UseDNS no. err explains a list
// sshd would reject as invalid (an empty entry, a prefix with host bits
// set); such a list matches nothing.
func matchFrom(ip netip.Addr, list string) (ok bool, err error) {
	ipText := ip.Unmap().String()
	mip, err := addrMatchList(ip, list)
	if err != nil {
		return false, err
	}
	if mip < 0 {
		return false, nil
	}
	mhost := matchPatternList(strings.ToLower(ipText), list, true)
	if mhost < 0 {
		return false, nil
	}
	return mhost > 0 || mip > 0, nil
}

// fromListError is an invalid from= list.
type fromListError struct{ entry, why string }

func (e *fromListError) Error() string {
	return "from= entry " + strconv.Quote(e.entry) + ": " + e.why
}

// addrMatchList is addr_match_list: 1 when an entry matches ip, -1 when a
// negated entry matches (that ends the search), 0 when none does. Entries
// that parse as an address or address/prefix match by network; others as
// wildcard patterns over the address text.
func addrMatchList(ip netip.Addr, list string) (int, error) {
	ip = ip.Unmap()
	ipText := ip.String()
	ret := 0
	for entry := range strings.SplitSeq(list, ",") {
		neg := strings.HasPrefix(entry, "!")
		if neg {
			entry = entry[1:]
		}
		if entry == "" {
			return 0, &fromListError{entry, "empty"}
		}
		var hit bool
		prefix, perr := parseCIDR(entry)
		switch {
		case perr == errHostBits:
			return 0, &fromListError{entry, "inconsistent mask length (host bits set)"}
		case perr == nil:
			hit = prefix.Addr().Is4() == ip.Is4() && prefix.Contains(ip)
		default:
			hit = matchPattern(ipText, entry)
		}
		if hit {
			if neg {
				return -1, nil
			}
			ret = 1
		}
	}
	return ret, nil
}

type cidrError string

func (e cidrError) Error() string { return string(e) }

const (
	errNotAddress cidrError = "not an address"
	errHostBits   cidrError = "host bits set"
)

// parseCIDR is addr_pton_cidr: "addr" (a host prefix) or "addr/len" with a
// decimal len that fits the family and no host bits set.
func parseCIDR(s string) (netip.Prefix, error) {
	addrText, lenText, hasLen := strings.Cut(s, "/")
	addr, err := netip.ParseAddr(addrText)
	if err != nil || addr.Zone() != "" {
		return netip.Prefix{}, errNotAddress
	}
	bits := addr.BitLen()
	if hasLen {
		if lenText == "" || lenText[0] < '0' || lenText[0] > '9' {
			return netip.Prefix{}, errNotAddress
		}
		n, err := strconv.ParseUint(lenText, 10, 8)
		if err != nil || n > 128 {
			return netip.Prefix{}, errNotAddress
		}
		if int(n) > bits {
			return netip.Prefix{}, errHostBits // masklen_valid fails: sshd says -2 too
		}
		bits = int(n)
	}
	p := netip.PrefixFrom(addr, bits)
	if p.Masked().Addr() != addr {
		return netip.Prefix{}, errHostBits
	}
	return p, nil
}

// maxSubpattern is the size of match_pattern_list's buffer for one entry:
// a longer entry makes the whole list fail to match.
const maxSubpattern = 1024

// matchPatternList is match_pattern_list: 1 when some entry matches s, -1
// when a negated entry does (which wins), 0 otherwise. With lower, entries
// are lower-cased first (s is expected lower-case already).
func matchPatternList(s, list string, lower bool) int {
	got := 0
	for entry := range strings.SplitSeq(list, ",") {
		neg := strings.HasPrefix(entry, "!")
		if neg {
			entry = entry[1:]
		}
		if len(entry) >= maxSubpattern-1 {
			return 0
		}
		if lower {
			entry = asciiLower(entry)
		}
		if matchPattern(s, entry) {
			if neg {
				return -1
			}
			got = 1
		}
	}
	return got
}

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// matchPattern is match_pattern: the whole of s against pattern, where *
// matches any run of bytes and ? any one byte. It backtracks only to the
// last *, so it takes O(len(s)·len(pattern)) at worst.
func matchPattern(s, pattern string) bool {
	i, j := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case j < len(pattern) && (pattern[j] == '?' || pattern[j] == s[i]) && pattern[j] != '*':
			i++
			j++
		case j < len(pattern) && pattern[j] == '*':
			star, mark = j, i
			j++
		case star >= 0:
			mark++
			i, j = mark, star+1
		default:
			return false
		}
	}
	for j < len(pattern) && pattern[j] == '*' {
		j++
	}
	return j == len(pattern)
}
