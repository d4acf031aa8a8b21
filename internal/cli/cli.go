// Package cli is bao's command line: the subcommands, their flags, help
// and error lines. main.go only calls Main.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// cli is what a command runs with: its streams, so tests can run commands
// in-process, and the environment it reads instead of the process's.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// spawn starts bao with args as a detached background process (bao
	// search's index build); nil runs such work in this process instead.
	spawn func(args []string) error
}

type command struct {
	name, usage, summary string
	run                  func(c *cli, args []string) int
}

// commands is the table of subcommands; `bao` without one reads.
func commands() []command {
	return []command{
		{"print", "bao print [flags] PATH...", "lay an issue out in columns and write it to stdout", runPrint},
		{"search", "bao search [flags] QUERY PATH...", "find words in issue files (exit 1 when nothing matches)", runSearch},
		{"bookmarks", "bao bookmarks [--json] | bao bookmarks export --markdown", "list or export your bookmarks", runBookmarks},
		{"serve", "bao serve [flags] LIBRARY", "serve the reader over SSH", runServe},
	}
}

// Main runs bao with args (os.Args: the program name first) on the given
// streams and the process's environment, and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, spawn: spawnDetached}
	return c.main(args[1:])
}

func (c *cli) main(args []string) int {
	if len(args) > 0 {
		for _, cmd := range commands() {
			if args[0] == cmd.name {
				return cmd.run(c, args[1:])
			}
		}
		switch args[0] {
		case "help":
			if len(args) > 1 {
				for _, cmd := range commands() {
					if args[1] == cmd.name {
						return cmd.run(c, []string{"--help"})
					}
				}
				fmt.Fprintf(c.stderr, "bao help: unknown command %q (bao --help lists the commands)\n", args[1])
				return 2
			}
			return runRead(c, []string{"--help"})
		case "version", "--version", "-version", "-V":
			fmt.Fprintln(c.stdout, versionString())
			return 0
		}
	}
	return runRead(c, args)
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintln(w, "bao (报) reads newspaper issues in the terminal, set in CJK-exact columns.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  bao [flags] [PATH...]   read issue files or a library folder (no path: a sample issue)")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-22s  %s\n", "bao "+cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "  %-22s  %s\n", "bao --version", "print the version")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'bao COMMAND --help' for a command's flags.")
}

// newFlags makes a command's flag set; its usage text goes to stderr on
// errors and to stdout for --help.
func (c *cli) newFlags(name, usage, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\n%s\n", usage, summary)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags that may come before or after the positional
// arguments (`bao print FILE --width 40` works as well as the other order).
// It returns the positional arguments, or a non-negative exit code when the
// command should stop: 0 after --help, 2 after a usage error.
func (c *cli) parse(fs *flag.FlagSet, args []string) ([]string, int) {
	var pos []string
	for {
		fs.SetOutput(io.Discard)
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(c.stdout)
			fs.Usage()
			return nil, 0
		}
		if err != nil {
			return nil, c.usageError(fs.Name(), errors.New(flagError(err)))
		}
		rest := fs.Args()
		// Collect positionals up to the next flag, then parse again from there.
		i := 0
		for i < len(rest) && (rest[i] == "-" || !strings.HasPrefix(rest[i], "-")) {
			i++
		}
		pos = append(pos, rest[:i]...)
		if i == len(rest) {
			return pos, -1
		}
		if rest[i] == "--" {
			return append(pos, rest[i+1:]...), -1
		}
		args = rest[i:]
	}
}

// prog is how a command is named in messages: "bao", "bao print".
func (c *cli) prog(name string) string {
	if name == "" || name == "bao" {
		return "bao"
	}
	return "bao " + name
}

// flagError words the flag package's errors: "-bogus" as the user typed
// it ("--bogus" works too), and a bad value without Go's parse error.
func flagError(err error) string {
	s := err.Error()
	s = strings.Replace(s, "flag provided but not defined: -", "unknown flag -", 1)
	s = strings.Replace(s, ": parse error", ": not a number", 1)
	return strings.Replace(s, "flag needs an argument: -", "flag needs a value: -", 1)
}

// usageError prints the one line of a usage error for the command ("" for
// bao itself): what was wrong and where the flags are listed; it returns
// exit status 2. Every mistyped flag, bad flag value and missing or extra
// argument goes through here, so that all commands word them alike.
func (c *cli) usageError(cmd string, err error) int {
	fmt.Fprintf(c.stderr, "%s: %v (%s --help lists the flags)\n", c.prog(cmd), err, c.prog(cmd))
	return 2
}

// fail prints a one-line error for the command ("" for bao itself) and
// returns exit status 1.
func (c *cli) fail(cmd string, err error) int {
	c.printError(cmd, err)
	return 1
}

// printError writes err as "bao CMD: path: reason" lines on stderr: one
// line for each error an errors.Join holds (bookmarks.Open reports two
// files at once), so that every line names its file and a script can
// read the messages line by line.
func (c *cli) printError(cmd string, err error) {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		fmt.Fprintf(c.stderr, "%s: %s\n", c.prog(cmd), strings.ReplaceAll(describe(e), "\n", " "))
	}
}
