package termprobe

import "testing"

func TestParseCursorReport(t *testing.T) {
	tests := []struct {
		in       string
		row, col int
		ok       bool
	}{
		{"\x1b[12;3R", 12, 3, true},
		{"\x1b[1;2R", 1, 2, true},
		{"jk\x1b[40;120R", 40, 120, true}, // typed-ahead keys before the answer
		{"\x1b[12;3", 0, 0, false},        // cut short
		{"\x1b[;3R", 0, 0, false},
		{"\x1b[0;3R", 0, 0, false},
		{"12;3R", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		row, col, err := ParseCursorReport([]byte(tt.in))
		if (err == nil) != tt.ok || row != tt.row || col != tt.col {
			t.Errorf("ParseCursorReport(%q) = %d, %d, %v; want %d, %d, ok=%v", tt.in, row, col, err, tt.row, tt.col, tt.ok)
		}
	}
}
