// Package serve is bao's SSH server: it serves the reader to anyone with
// an SSH client (`ssh -p 2323 host`), one bubbletea program per session,
// built on charm.land/wish/v2.
//
// The package knows nothing about newspapers: the command wires in the
// model each session runs (Config.NewModel) and how the shared library is
// refreshed. What lives here is what makes a reader a service: public-key
// authentication against an authorized_keys file that fails closed and
// honours sshd's from=, expiry-time=, restrict and no-pty (auth.go,
// keyoptions.go, frompattern.go), per-key data directories, the host key, read-only
// sessions (no exec, forwarding or subsystems), session limits, idle and
// write timeouts, panic containment, graceful shutdown, structured logs.
//
// A session passes a wish middleware chain (server.go, New): wish's
// recover, activeterm and logging, then the key re-check (the session's key
// must be the one the connection proved it holds, still allowed by the
// file), the session's bookkeeping, the ambiguous-width probe that may
// hand it to a child process, and the program.
//
// Ambiguous width. Characters such as “ ” are one cell in most Western
// terminals and two in CJK ones, and charm's x/ansi, which every
// session's renderer measures with, reads its policy once per process
// (RUNEWIDTH_EASTASIAN). So the server has one policy; each session's
// terminal is probed (internal/ambiguous: print “, ask for the cursor
// position, then for the device attributes, whose reply ends the wait on
// a terminal that reports no cursor) and a session
// whose terminal disagrees is served by a child process started with the
// other policy, on a pseudo-terminal wired to the SSH channel (child.go).
// A reader whose terminal does not answer the probe can switch by hand
// (Config.Switch, the reader's `w`): the session goes on where it was,
// in a child or back in-process.
package serve
