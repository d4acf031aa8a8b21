package serve

import (
	"io"
	"time"

	"bao/internal/ambiguous"
)

// probeAmbiguous asks the terminal how wide it draws an ambiguous
// character (ambiguous.Ask: the cursor report, the wait ended early by the
// device attributes reply on a terminal that reports no cursor), waiting
// at most timeout. Keys typed meanwhile stay in in for the program. A
// terminal that does not say (or answers with a column that fits neither
// width) is ambiguous.Auto.
func probeAmbiguous(out io.Writer, in *sessionInput, timeout time.Duration) ambiguous.Policy {
	p, err := ambiguous.Ask(out, awaiter{in}, timeout)
	if err != nil {
		return ambiguous.Auto
	}
	return p
}

// awaiter is a session's input as the probe reads it.
type awaiter struct{ in *sessionInput }

func (a awaiter) Await(deadline time.Time, match func([]byte) (int, int, bool)) ([]byte, bool) {
	return a.in.await(deadline, match)
}

// terminalName is what the log says of a terminal's answer.
func terminalName(p ambiguous.Policy) string {
	if p == ambiguous.Auto {
		return "unknown"
	}
	return p.String()
}
