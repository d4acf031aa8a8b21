//go:build !unix

package main

import "errors"

// canRestart says restart can replace the process; here it can not.
const canRestart = false

func restart(map[string]string) error { return errors.New("restarting in place is not supported here") }
