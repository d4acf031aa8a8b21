//go:build !unix

package ambiguous

import (
	"os"
	"time"
)

// ttyInput is not available here: without poll a read could not be
// bounded by the deadline, and a blocked read would steal the reader's
// keys. Every wait ends at once, unanswered.
type ttyInput struct{ f *os.File }

func (*ttyInput) Await(time.Time, func([]byte) (int, int, bool)) ([]byte, bool) { return nil, false }
