package ambiguous

import (
	"fmt"
	"os"
	"strings"
)

// EnvRestarted is set in the environment of a process that Restart started:
// a second restart for the same reason would loop.
const EnvRestarted = "BAO_RESTARTED"

// Restarted is whether this process was started by Restart.
func Restarted(getenv func(string) string) bool { return getenv(EnvRestarted) != "" }

// Restart replaces the process with a fresh run of the same binary and
// arguments whose renderer counts ambiguous characters as p says
// (RUNEWIDTH_EASTASIAN, which charm's x/ansi reads once at start-up), with
// EnvRestarted and the variables in set changed in its environment. It
// returns only on failure, with an error saying what it tried.
func Restart(p Policy, set map[string]string) error {
	all := map[string]string{"RUNEWIDTH_EASTASIAN": p.EastAsian(), EnvRestarted: "1"}
	for k, v := range set {
		all[k] = v
	}
	if err := execSelf(EnvironWith(os.Environ(), all)); err != nil {
		return fmt.Errorf("restarting with RUNEWIDTH_EASTASIAN=%s: %w", p.EastAsian(), err)
	}
	return nil
}

// EnvironWith is env (KEY=value lines) with the variables in set replaced
// or added.
func EnvironWith(env []string, set map[string]string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; !ok {
			out = append(out, kv)
		}
	}
	for k, v := range set {
		out = append(out, k+"="+v)
	}
	return out
}
