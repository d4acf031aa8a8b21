package ambiguous

import "strconv"

// The terminal's replies to the probe, as they arrive among the keys the
// reader types meanwhile.
//
//	CPR  cursor position report   ESC [ row ; col R   (ECMA-48 8.3.14)
//	DA1  primary device attributes ESC [ ? Ps ; … c    (VT100 and every emulator since)

// Reply is which reply FindReply found.
type Reply uint8

const (
	// CursorReport is a CPR: the answer to the probe.
	CursorReport Reply = iota + 1
	// DeviceAttributes is a DA1 reply: the terminal answered the query
	// sent after the CPR request, so any CPR it would send is in already.
	DeviceAttributes
)

// FindReply finds the first CPR or DA1 reply in b: its kind and span
// (the bytes around it are keys, and stay the program's).
func FindReply(b []byte) (kind Reply, start, end int, ok bool) {
	for i := 0; i+1 < len(b); i++ {
		if b[i] != 0x1b || b[i+1] != '[' {
			continue
		}
		if _, _, n := ParseCursorReport(b[i:]); n > 0 {
			return CursorReport, i, i + n, true
		}
		if n := parseDeviceAttributes(b[i:]); n > 0 {
			return DeviceAttributes, i, i + n, true
		}
	}
	return 0, 0, 0, false
}

// FindCursorReport finds the first CPR in b.
func FindCursorReport(b []byte) (start, end int, ok bool) {
	for i := 0; i+1 < len(b); i++ {
		if b[i] != 0x1b || b[i+1] != '[' {
			continue
		}
		if _, _, n := ParseCursorReport(b[i:]); n > 0 {
			return i, i + n, true
		}
	}
	return 0, 0, false
}

// findDeviceAttributes finds the first DA1 reply in b.
func findDeviceAttributes(b []byte) (start, end int, ok bool) {
	for i := 0; i+1 < len(b); i++ {
		if b[i] == 0x1b && b[i+1] == '[' {
			if n := parseDeviceAttributes(b[i:]); n > 0 {
				return i, i + n, true
			}
		}
	}
	return 0, 0, false
}

// maxDigits bounds a number in a reply: a longer run is not a reply.
const maxDigits = 6

// ParseCursorReport parses a CPR at the start of b and returns its row,
// column and length; n is 0 when b does not start with a complete one.
//
//	ParseCursorReport([]byte("\x1b[12;3Rjk")) == 12, 3, 7
func ParseCursorReport(b []byte) (row, col, n int) {
	if len(b) < 6 || b[0] != 0x1b || b[1] != '[' {
		return 0, 0, 0
	}
	i := 2
	num := func() (int, bool) {
		j := i
		for i < len(b) && i-j < maxDigits && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return 0, false
		}
		v, err := strconv.Atoi(string(b[j:i]))
		return v, err == nil && v > 0
	}
	row, ok := num()
	if !ok || i >= len(b) || b[i] != ';' {
		return 0, 0, 0
	}
	i++
	col, ok = num()
	if !ok || i >= len(b) || b[i] != 'R' {
		return 0, 0, 0
	}
	return row, col, i + 1
}

// parseDeviceAttributes is the length of the DA1 reply at the start of b,
// ESC [ ? then numbers separated by ; then c; 0 when there is none.
func parseDeviceAttributes(b []byte) int {
	if len(b) < 4 || b[0] != 0x1b || b[1] != '[' || b[2] != '?' {
		return 0
	}
	digits := 0
	for i := 3; i < len(b) && i < 3+64; i++ {
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			if digits++; digits > maxDigits {
				return 0
			}
		case c == ';' && digits > 0:
			digits = 0
		case c == 'c' && digits > 0:
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
