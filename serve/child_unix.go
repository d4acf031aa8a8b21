//go:build !windows

package serve

import (
	"os"
	"os/signal"
	"syscall"
)

// ChildSignalShutdown is sent to a child when the server starts shutting
// down; RunChild shows the notice on receiving it.
const ChildSignalShutdown = syscall.SIGUSR1

// errNoChild says why sessions cannot be served by a child here: nil, a
// child runs on a pseudo-terminal.
var errNoChild error

// childStopSignal asks a child to end its session; childShutdownSignal
// tells it the server is shutting down.
const (
	childStopSignal     = syscall.SIGTERM
	childShutdownSignal = ChildSignalShutdown
)

// notifyShutdown relays ChildSignalShutdown to c.
func notifyShutdown(c chan<- os.Signal) { signal.Notify(c, ChildSignalShutdown) }
