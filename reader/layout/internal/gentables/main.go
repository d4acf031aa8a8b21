//go:build gen

// Command gentables regenerates reader/layout's tables, runeprops_table.go
// and grapheme_table.go, from their sources (see layout.GenerateTables).
// go generate runs it in reader/layout:
//
//	//go:generate go run -tags gen ./internal/gentables
package main

import (
	"bao/internal/tablegen"
	"bao/reader/layout"
)

func main() { tablegen.Main(layout.GenerateTables) }
