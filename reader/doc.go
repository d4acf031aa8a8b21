// Package reader holds how an issue is read, apart from any terminal: the
// layout engine that sets articles in CJK-exact newspaper columns
// (reader/layout), full-text search (reader/search) and bookmarks
// (reader/bookmarks). Nothing here does terminal I/O; the ui package and the
// bao commands draw what these packages compute, so everything can be tested
// and benchmarked with plain Go tests.
package reader
