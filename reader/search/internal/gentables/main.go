//go:build gen

// Command gentables regenerates reader/search's tables, fold_table.go and
// legacy_table.go, from their sources (see search.GenerateTables).
// go generate runs it in reader/search:
//
//	//go:generate go run -tags gen ./internal/gentables
package main

import (
	"fmt"
	"os"

	"bao/reader/search"
)

func main() {
	if err := search.GenerateTables("."); err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}
