package cli

import (
	"os"
	"os/exec"
)

// spawnDetached starts this executable with args, with no standard
// streams, and does not wait for it; detach makes it outlive this process
// where the system allows.
func spawnDetached(args []string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, args...)
	detach(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Process.Release()
}
