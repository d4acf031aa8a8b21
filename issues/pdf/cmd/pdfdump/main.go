// Command pdfdump prints the pages of a PDF as bao's engine reads them:
// JSON, a list of pdf.Page (glyphs with boxes, sizes and fonts; images).
//
//	go run ./issues/pdf/cmd/pdfdump FILE.pdf > FILE.json
//
// Pages the engine cannot read are reported on standard error and left
// out; the exit status is 1 when the file itself cannot be read.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"bao/issues/pdf"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pdfdump FILE.pdf > FILE.json")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	e := pdf.NewEngine(pdf.Options{Compiling: func() {
		fmt.Fprintln(os.Stderr, "pdfdump: compiling the PDF engine (once; a few seconds)…")
	}})
	defer e.Close()
	doc, err := e.Open(path, data)
	if err != nil {
		return err
	}
	defer doc.Close()
	pages := make([]pdf.Page, 0, doc.NumPages())
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			if p.Glyphs == nil {
				continue
			}
		}
		pages = append(pages, p)
	}
	enc := json.NewEncoder(os.Stdout)
	return enc.Encode(pages)
}
