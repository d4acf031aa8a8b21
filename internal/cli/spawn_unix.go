//go:build unix

package cli

import (
	"os"
	"os/exec"
	"syscall"
)

// spawnDetached starts this executable with args in a session of its own,
// with no standard streams, and does not wait for it: it outlives this
// process, and whoever waits for this process's output does not wait for it.
func spawnDetached(args []string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Process.Release()
}
