//go:build unix

package main

import (
	"os"
	"syscall"
)

// canRestart says restart can replace the process (execve).
const canRestart = true

// restart replaces the process with a fresh run of the same binary and
// arguments, with the variables in set changed in its environment. It
// returns only on failure.
func restart(set map[string]string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, environWith(set))
}
