package ambiguous

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeInput is a terminal's input: chunks arrive on ch (closed: the input
// ended); what no match took stays in buf, as keys for the program.
type fakeInput struct {
	ch  chan string
	buf []byte
}

func (f *fakeInput) Await(deadline time.Time, match func([]byte) (int, int, bool)) ([]byte, bool) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		if i, j, ok := match(f.buf); ok {
			found := append([]byte(nil), f.buf[i:j]...)
			f.buf = append(f.buf[:i:i], f.buf[j:]...)
			return found, true
		}
		select {
		case s, ok := <-f.ch:
			if !ok {
				return nil, false
			}
			f.buf = append(f.buf, s...)
		case <-timer.C:
			return nil, false
		}
	}
}

func TestAsk(t *testing.T) {
	const timeout = 300 * time.Millisecond
	for _, tc := range []struct {
		name   string
		answer []string // what the terminal sends, a chunk at a time
		want   Policy
		err    error
		keys   string // left for the program
		quick  bool   // answered well before the timeout
	}{
		{"narrow", []string{"\x1b[7;2R", "\x1b[?62;22c"}, Narrow, nil, "", true},
		{"wide", []string{"\x1b[7;3R\x1b[?1;2c"}, Wide, nil, "", true},
		{"keys around", []string{"jj\x1b[3;3", "Rk\x1b[?6", "4;1cq"}, Wide, nil, "jjkq", true},
		{"no cursor reports", []string{"\x1b[?1;2c"}, Auto, ErrNoCursorReport, "", true},
		{"keys, no cursor reports", []string{"j", "\x1b[?1;2c"}, Auto, ErrNoCursorReport, "j", true},
		{"silent", nil, Auto, ErrNoAnswer, "", false},
		{"cursor report, no attributes", []string{"\x1b[7;2R"}, Narrow, nil, "", false},
		{"odd column", []string{"\x1b[7;5R\x1b[?1c"}, Auto, errors.New("column 5"), "", true},
	} {
		in := &fakeInput{ch: make(chan string, len(tc.answer))}
		for _, s := range tc.answer {
			in.ch <- s
		}
		var out strings.Builder
		start := time.Now()
		got, err := Ask(&out, in, timeout)
		took := time.Since(start)
		if got != tc.want || (err == nil) != (tc.err == nil) ||
			(err != nil && !errors.Is(err, tc.err) && !strings.Contains(err.Error(), tc.err.Error())) {
			t.Errorf("%s: Ask = %v, %v; want %v, %v", tc.name, got, err, tc.want, tc.err)
		}
		if string(in.buf) != tc.keys {
			t.Errorf("%s: keys left %q, want %q", tc.name, in.buf, tc.keys)
		}
		if tc.quick && took > timeout/2 {
			t.Errorf("%s: took %v, the timeout is %v", tc.name, took, timeout)
		}
		if !tc.quick && took < timeout {
			t.Errorf("%s: took %v, before the timeout %v", tc.name, took, timeout)
		}
		if w := out.String(); w != Query+Erase {
			t.Errorf("%s: wrote %q, want %q", tc.name, w, Query+Erase)
		}
	}
}
