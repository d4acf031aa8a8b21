// Command bao is a terminal newspaper reader: it loads newspaper issue files
// (one, or an archive of years), cuts them into articles and sets them in
// newspaper columns that are exact to the terminal cell for CJK text.
//
//	bao [flags] [PATH...]          read an issue or a library in the terminal
//	bao print [flags] PATH...      lay an issue out and write it to stdout
//	bao search [flags] QUERY PATH… find words across issues
//	bao bookmarks [export]         list or export bookmarks
//	bao serve [flags] LIBRARY      serve the reader over SSH
//	bao --version                  print the version
//
// The commands live in internal/cli.
package main

import (
	"os"

	"bao/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
