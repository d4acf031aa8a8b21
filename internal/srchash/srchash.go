// Package srchash fingerprints Go source trees, so that a cache of what
// some code computed can name the version of that code: bao's parse cache
// is keyed by the fingerprint of the issues package, its search index by
// that of the parser and the search package together. The fingerprints are
// generated into reader/search (go generate), and a test there fails when
// they no longer match the source, so they cannot silently go stale.
package srchash

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Sum is the SHA-256, in hex, of the non-test .go files under each of dirs
// (walked recursively, testdata skipped), by path relative to its dir and
// content, skipping any file named in skip. The order of dirs matters;
// the order the files are met in does not.
//
//	v, err := srchash.Sum([]string{"../../issues"}, nil)
func Sum(dirs []string, skip []string) (string, error) {
	h := sha256.New()
	for _, dir := range dirs {
		var files []string
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			name := d.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || slices.Contains(skip, name) {
				return nil
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			return "", err
		}
		if len(files) == 0 {
			return "", fmt.Errorf("%s: no Go source files", dir)
		}
		slices.Sort(files)
		fmt.Fprintf(h, "dir %d\n", len(files))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return "", err
			}
			rel, _ := filepath.Rel(dir, f)
			fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
			h.Write(data)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
