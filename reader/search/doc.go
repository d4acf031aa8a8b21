// Package search finds words in articles and across an archive of issue
// files, the way a reader types them: full-width or half-width, either case,
// Traditional or Simplified Chinese, and regardless of the line breaks that
// PDF extraction leaves inside paragraphs.
//
// Both the query and the text are folded to one canonical form (fold.go,
// from the generated table fold_table.go) with a map back to the original
// rune offsets, so a match found in folded text is reported as the exact
// span of the article text it came from:
//
//	m, _ := search.Compile(`拉薩 "ＮＥＷ york"`) // two terms; both must occur
//	for _, hit := range m.Article(&art) {       // hit.Block issues.BlockHeadline is the headline
//		fmt.Println(hit.Block, hit.Offset, hit.Length)
//	}
//
// Highlights maps matches onto a layout's cells (highlight.go).
//
// Over many files, SearchFiles (and SearchLibrary) stream the matching
// articles with cancellation and progress, searching files in parallel
// (library.go). A file is parsed only when its raw bytes hold every rune of
// the query in some form and its folded text every term. With an Index
// (index.go) under the XDG cache directory, an inverted index of hashed
// rune pairs kept in segments rules most files out without opening them,
// and a parse cache (parsecache.go) spares parsing a file again. A search
// never waits for the index: files it lacks are searched without it, and
// Index.Update (update.go) indexes them afterwards, one small segment per
// update, merging small segments as they accumulate. Both caches are
// checked per file by size and modification time, per segment and entry
// by checksum, and by the fingerprint of the code that made them
// (version_gen.go, from go generate); they are safe to delete.
package search

// The tables (fold_table.go, legacy_table.go) first, then the fingerprint
// of the sources, which covers them.
//
//go:generate go run -tags gen ./internal/gentables
//go:generate go run ../../internal/srchash/gen
