//go:build gen

// Command gentables regenerates reader/search's tables, fold_table.go and
// legacy_table.go, from their sources (see search.GenerateTables).
// go generate runs it in reader/search:
//
//	//go:generate go run -tags gen ./internal/gentables
package main

import (
	"bao/internal/tablegen"
	"bao/reader/search"
)

func main() { tablegen.Main(search.GenerateTables) }
