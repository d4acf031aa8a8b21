package ambiguous

import "testing"

func TestParseCursorReport(t *testing.T) {
	for _, tc := range []struct {
		in          string
		row, col, n int
		start, end  int
		found       bool
	}{
		{"\x1b[1;2R", 1, 2, 6, 0, 6, true},
		{"\x1b[24;3R", 24, 3, 7, 0, 7, true},
		{"\x1b[12;3Rjk", 12, 3, 7, 0, 7, true},
		{"jk\x1b[5;120Rq", 0, 0, 0, 2, 10, true},  // keys typed around it stay
		{"\x1b[A\x1b[7;2R", 0, 0, 0, 3, 9, true},  // an arrow key before it
		{"\x1b[1;2", 0, 0, 0, 0, 0, false},        // incomplete
		{"\x1b[;2R", 0, 0, 0, 0, 0, false},        // no row
		{"\x1b[1;R", 0, 0, 0, 0, 0, false},        // no column
		{"\x1b[0;3R", 0, 0, 0, 0, 0, false},       // rows count from 1
		{"\x1b[1;2~", 0, 0, 0, 0, 0, false},       // a key, not a report
		{"\x1b[1234567;2R", 0, 0, 0, 0, 0, false}, // absurd number
		{"12;3R", 0, 0, 0, 0, 0, false},
		{"", 0, 0, 0, 0, 0, false},
	} {
		row, col, n := ParseCursorReport([]byte(tc.in))
		if row != tc.row || col != tc.col || n != tc.n {
			t.Errorf("ParseCursorReport(%q) = %d, %d, %d; want %d, %d, %d", tc.in, row, col, n, tc.row, tc.col, tc.n)
		}
		start, end, ok := FindCursorReport([]byte(tc.in))
		if ok != tc.found || start != tc.start || end != tc.end {
			t.Errorf("FindCursorReport(%q) = %d, %d, %v; want %d, %d, %v", tc.in, start, end, ok, tc.start, tc.end, tc.found)
		}
	}
}

func TestFindReply(t *testing.T) {
	for _, tc := range []struct {
		in         string
		kind       Reply
		start, end int
	}{
		{"\x1b[3;2R\x1b[?62;22c", CursorReport, 0, 6},
		{"\x1b[?62;22c", DeviceAttributes, 0, 9},
		{"j\x1b[?1;2c", DeviceAttributes, 1, 8},
		{"\x1b[?6c", DeviceAttributes, 0, 5},
		{"\x1b[?c", 0, 0, 0},     // no attribute
		{"\x1b[?62;c", 0, 0, 0},  // empty last one
		{"\x1b[?62;22", 0, 0, 0}, // incomplete
		{"\x1b[62;22c", 0, 0, 0}, // DA1 replies have the ?
		{"\x1b[>41;1c", 0, 0, 0}, // secondary attributes are not asked for
		{"k\x1b[1;2", 0, 0, 0},
	} {
		kind, start, end, ok := FindReply([]byte(tc.in))
		if kind != tc.kind || start != tc.start || end != tc.end || ok != (tc.kind != 0) {
			t.Errorf("FindReply(%q) = %v, %d, %d, %v; want %v, %d, %d", tc.in, kind, start, end, ok, tc.kind, tc.start, tc.end)
		}
	}
}

// FuzzFindCursorReport: whatever comes in, a reply found is a span of the
// input that parses whole as that reply.
func FuzzFindCursorReport(f *testing.F) {
	f.Add([]byte("\x1b[1;2R"))
	f.Add([]byte("ab\x1b[12;3Rcd"))
	f.Add([]byte("\x1b[?62;22c"))
	f.Add([]byte("x\x1b[?1;2c\x1b[4;3R"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if start, end, ok := FindCursorReport(b); ok {
			if start < 0 || end > len(b) || start >= end {
				t.Fatalf("bad span %d..%d of %d", start, end, len(b))
			}
			if _, _, n := ParseCursorReport(b[start:end]); n != end-start {
				t.Fatalf("span %q does not parse whole", b[start:end])
			}
		}
		kind, start, end, ok := FindReply(b)
		if !ok {
			return
		}
		if start < 0 || end > len(b) || start >= end {
			t.Fatalf("bad reply span %d..%d of %d", start, end, len(b))
		}
		span := b[start:end]
		switch kind {
		case CursorReport:
			if _, _, n := ParseCursorReport(span); n != len(span) {
				t.Fatalf("cursor report %q does not parse whole", span)
			}
		case DeviceAttributes:
			if n := parseDeviceAttributes(span); n != len(span) {
				t.Fatalf("attributes %q do not parse whole", span)
			}
		default:
			t.Fatalf("kind %d", kind)
		}
	})
}
