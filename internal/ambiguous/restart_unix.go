//go:build unix

package ambiguous

import (
	"os"
	"syscall"
)

// CanRestart says Restart can replace the process (execve).
const CanRestart = true

func execSelf(env []string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, env)
}
