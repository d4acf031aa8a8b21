//go:build !unix

package termprobe

import (
	"os"
	"time"
)

// readReport is not available here: without poll a read could not be
// bounded by the deadline, and a blocked read would steal the reader's keys.
func readReport(in *os.File, deadline time.Time) ([]byte, error) {
	return nil, ErrNoAnswer
}
