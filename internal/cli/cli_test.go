package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryCommandHelpAndErrors runs each subcommand in-process with
// --help, with a mistyped flag and with a path that is not there, and
// checks the exit status and the form of what it prints: the same in every
// command, so that a script or a person reads them all one way.
func TestEveryCommandHelpAndErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.txt")
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		prog  string   // how messages name the command
		args  []string // the command's words
		flags []string // flags its help must list (a sample, as README names them)
		// A run that fails at run time, its exit status and the path its
		// message names.
		failArgs []string
		failCode int
		failPath string
		badValue []string // a flag with a wrong or missing value: a usage error
	}{
		{"bao", nil, []string{"-columns", "-ambiguous", "-theme", "-data-dir", "-encoding", "-ragged", "-vertical"},
			[]string{missing}, 1, missing, []string{"-columns", "many"}},
		{"bao print", []string{"print"}, []string{"-width", "-columns", "-plain", "-json", "-vertical"},
			[]string{missing}, 1, missing, []string{"-width", "wide", missing}},
		// bao search's exit status 1 means "nothing matched", as grep's.
		{"bao search", []string{"search"}, []string{"-limit", "-json", "-no-index"},
			[]string{"word", missing}, 2, missing, []string{"-limit", "-1", "word", missing}},
		{"bao bookmarks", []string{"bookmarks"}, []string{"-json", "-data-dir", "-library"},
			[]string{"--data-dir", notDir}, 1, filepath.Join(notDir, "bookmarks.json"), []string{"-data-dir"}},
		{"bao bookmarks export", []string{"bookmarks", "export"}, []string{"-markdown", "-data-dir"},
			[]string{"--markdown", "--data-dir", notDir}, 1, filepath.Join(notDir, "bookmarks.json"), []string{"-markdown=maybe"}},
		{"bao serve", []string{"serve"}, []string{"-listen", "-authorized-keys", "-max-sessions", "-data-dir"},
			[]string{missing}, 1, missing, []string{"-max-sessions", "0", t.TempDir()}},
	}
	oneLine := func(s string) bool { return strings.Count(s, "\n") == 1 && strings.HasSuffix(s, "\n") }
	for _, tt := range tests {
		run := func(extra ...string) (string, string, int) {
			t.Helper()
			return runCLI(t, nil, append(append([]string{}, tt.args...), extra...)...)
		}
		t.Run(tt.prog, func(t *testing.T) {
			for _, help := range []string{"--help", "-help", "-h"} {
				out, errs, code := run(help)
				if code != 0 || errs != "" || !strings.Contains(out, "Usage:") {
					t.Errorf("%s %s: exit %d, stderr %q, stdout starts %q; want 0, usage on stdout", tt.prog, help, code, errs, head(out))
				}
				for _, f := range tt.flags {
					if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(f) + `\b`).MatchString(out) {
						t.Errorf("%s %s does not list %s:\n%s", tt.prog, help, f, out)
					}
				}
			}
			if len(tt.args) > 0 {
				// bao help CMD is CMD --help.
				want, _, _ := run("--help")
				if out, _, code := runCLI(t, nil, append([]string{"help"}, tt.args[0])...); code != 0 || (len(tt.args) == 1 && out != want) {
					t.Errorf("bao help %s: exit %d, output differs from %s --help", tt.args[0], code, tt.prog)
				}
			}

			wantBad := tt.prog + ": unknown flag -foo (" + tt.prog + " --help lists the flags)\n"
			for _, bad := range []string{"-foo", "--foo"} {
				out, errs, code := run(bad)
				if code != 2 || out != "" || errs != wantBad {
					t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want 2 and %q", tt.prog, bad, code, out, errs, wantBad)
				}
			}
			if out, errs, code := run(tt.badValue...); code != 2 || out != "" || !oneLine(errs) ||
				!strings.HasPrefix(errs, tt.prog+": ") || !strings.HasSuffix(errs, " ("+tt.prog+" --help lists the flags)\n") {
				t.Errorf("%s %v: exit %d, stdout %q, stderr %q; want 2 and one usage line", tt.prog, tt.badValue, code, out, errs)
			}

			_, errs, code := run(tt.failArgs...)
			if code != tt.failCode || !strings.HasPrefix(errs, tt.prog+": "+tt.failPath+": ") || strings.Contains(errs, "stat ") || strings.Contains(errs, "open ") {
				t.Errorf("%s %v: exit %d, stderr %q; want %d and %q", tt.prog, tt.failArgs, code, errs, tt.failCode, tt.prog+": "+tt.failPath+": reason")
			}
			for _, line := range strings.SplitAfter(errs, "\n") {
				if line != "" && !strings.HasPrefix(line, tt.prog+": ") {
					t.Errorf("%s %v: stderr line %q does not name the command", tt.prog, tt.failArgs, line)
				}
			}
		})
	}
}

// TestSingleDashLongFlags: README documents -columns style flags; the
// flag package takes one dash or two alike, and so must every command.
func TestSingleDashLongFlags(t *testing.T) {
	dir := searchFixture(t)
	for _, args := range [][]string{
		{"print", "-plain", "-width", "40", "-columns", "2", printFixture},
		{"print", printFixture, "-plain", "-width=40"},
		{"search", "-limit", "1", "-no-index", "拉萨", dir},
		{"bookmarks", "-json", "-data-dir", t.TempDir()},
		{"-columns", "many"}, // a bad value, but the flag itself is known
	} {
		_, errs, code := runCLI(t, nil, args...)
		if strings.Contains(errs, "unknown flag") || (code != 0 && args[0] != "-columns") {
			t.Errorf("bao %v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestHelpUnknownCommand(t *testing.T) {
	out, errs, code := runCLI(t, nil, "help", "prnt")
	if code != 2 || out != "" || errs != "bao help: unknown command \"prnt\" (bao --help lists the commands)\n" {
		t.Errorf("bao help prnt: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func head(s string) string {
	if len(s) > 60 {
		return s[:60]
	}
	return s
}
