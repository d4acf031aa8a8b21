//go:build windows

package serve

import (
	"errors"
	"os"
)

// errNoChild says why sessions cannot be served by a child on Windows:
// the child runs on a Unix pseudo-terminal, is handed the resume pipe as
// fd 3 and is told of a shutdown by SIGUSR1, none of which Windows has.
// New then serves every session in-process, and a reader whose terminal
// draws ambiguous characters the other way is told how to fix it.
var errNoChild = errors.New("serving a session from a child process (Config.Child) is not available on Windows: " +
	"it needs a Unix pseudo-terminal and signals")

// childStopSignal and childShutdownSignal are never sent: there is no
// child on Windows.
var childStopSignal, childShutdownSignal os.Signal = os.Kill, os.Interrupt

// notifyShutdown relays nothing: no server sends a child a shutdown
// signal on Windows.
func notifyShutdown(chan<- os.Signal) {}
