// Package tablegen is what the table generators share (reader/layout and
// reader/search, `go generate`): the versions of the modules a table is
// derived from, for its header, and writing a generated Go file.
//
// A generated table names its sources and their versions in its header, so
// that after a dependency update `go generate ./... && git diff
// --exit-code` shows which tables are stale; the tests compare against the
// committed tables only and keep passing until someone regenerates.
package tablegen

import (
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// Sources names each module path with its version in the build of the
// running program ("golang.org/x/text v0.44.0"), for a generated file's
// header: from the build information that `go run` embeds, else (a test
// binary records no dependencies) from `go list -m`, which answers from the
// same go.mod. A path that is no dependency is an error.
func Sources(paths ...string) (map[string]string, error) {
	out := make(map[string]string, len(paths))
	var deps []*debug.Module
	if info, ok := debug.ReadBuildInfo(); ok {
		deps = info.Deps
	}
	for _, path := range paths {
		v, err := moduleVersion(deps, path)
		if err != nil {
			return nil, err
		}
		out[path] = path + " " + v
	}
	return out, nil
}

func moduleVersion(deps []*debug.Module, path string) (string, error) {
	for _, m := range deps {
		if m.Path == path {
			if m.Replace != nil {
				m = m.Replace
			}
			return m.Version, nil
		}
	}
	cmd := exec.Command("go", "list", "-m", "-f", "{{if .Replace}}{{.Replace.Version}}{{else}}{{.Version}}{{end}}", path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %w: %s", path, err, strings.TrimSpace(stderr.String()))
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", fmt.Errorf("go list -m %s: no version (not a dependency?)", path)
	}
	return v, nil
}

// Write formats src as Go and writes it to dir/name.
func Write(dir, name string, src []byte) error {
	out, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
