//go:build gen

// Command gentables regenerates reader/layout's tables, runeprops_table.go
// and grapheme_table.go, from their sources (see layout.GenerateTables).
// go generate runs it in reader/layout:
//
//	//go:generate go run -tags gen ./internal/gentables
package main

import (
	"fmt"
	"os"

	"bao/reader/layout"
)

func main() {
	if err := layout.GenerateTables("."); err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}
