// Package serve is bao's SSH server: it serves the reader to anyone with
// an SSH client (`ssh -p 2323 host`), one bubbletea program per session,
// built on charm.land/wish/v2.
//
// The package knows nothing about newspapers: the command wires in the
// model each session runs (Config.NewModel) and how the shared library is
// refreshed. What lives here is what makes a reader a service: public-key
// authentication and per-key data directories, the host key, read-only
// sessions (no exec, forwarding or subsystems), session limits, idle
// timeouts, panic containment, graceful shutdown, structured logs, and the
// terminal probe that keeps East Asian ambiguous-width characters aligned
// for each session's own terminal.
package serve
