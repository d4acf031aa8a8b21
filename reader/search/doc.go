// Package search finds words in articles and across an archive of issue
// files, the way a reader types them: full-width or half-width, either case,
// Traditional or Simplified Chinese, and regardless of the line breaks that
// PDF extraction leaves inside paragraphs.
//
// Both the query and the text are folded to one canonical form (fold.go) with
// a map back to the original rune offsets, so a match found in folded text is
// reported as the exact span of the article text it came from:
//
//	m, _ := search.Compile(`拉薩 "ＮＥＷ york"`)
//	for _, hit := range m.Article(&art) { // hit.Block -1 is the headline
//		fmt.Println(hit.Block, hit.Offset, hit.Length)
//	}
//
// Over many files, SearchFiles streams ranked-per-article results with
// cancellation and progress; a file is parsed only when its folded raw text
// contains every term (library.go), and an optional on-disk index under the
// XDG cache directory skips files that cannot match (index.go).
package search
