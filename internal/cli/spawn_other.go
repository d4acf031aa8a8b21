//go:build !unix

package cli

import "os/exec"

// detach does nothing here: the child is started as it is.
func detach(*exec.Cmd) {}
