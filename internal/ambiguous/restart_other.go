//go:build !unix

package ambiguous

import "errors"

// CanRestart says Restart can replace the process; here it can not.
const CanRestart = false

func execSelf([]string) error { return errors.New("restarting in place is not supported here") }
