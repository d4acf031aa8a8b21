// Package issues is what bao reads: the issue and article model, the file
// formats and text encodings newspapers arrive in, the parser that cuts a
// damaged PDF extraction back into articles, and the library of issue files
// on disk.
//
// Nothing here knows about terminals or layout; package reader builds on it.
package issues
