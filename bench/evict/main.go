//go:build linux

// Command evict drops the named files (and the files under named folders)
// from the page cache with posix_fadvise(POSIX_FADV_DONTNEED), no root
// needed, so that a benchmark can time reading them from the disk:
//
//	go run ./bench/evict /tmp/archive ~/.cache/bao/search
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

func main() {
	n := 0
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			n++
			return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "evict:", err)
			os.Exit(1)
		}
	}
	fmt.Fprintf(os.Stderr, "evict: %d files\n", n)
}
