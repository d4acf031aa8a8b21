// Command baogen writes a synthetic archive of daily issues for benchmarks:
//
//	go run ./cmd/baogen -n 3650 -o /tmp/archive
//
// It is a development tool, not part of bao's command line.
package main

import (
	"flag"
	"fmt"
	"os"

	"bao/internal/archivegen"
)

func main() {
	n := flag.Int("n", 365, "number of daily issues")
	out := flag.String("o", "archive", "output directory")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if err := archivegen.Generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "baogen:", err)
		os.Exit(1)
	}
}
