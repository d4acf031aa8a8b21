package search

// Index is an on-disk index of an archive's folded text that rules out files
// which cannot match a query.
type Index struct{}

// OpenIndex opens the index kept in dir.
func OpenIndex(dir string) (*Index, error) { return &Index{}, nil }

// Close releases the index.
func (ix *Index) Close() error { return nil }

// MayMatch reports whether the file at path can hold a match of m.
func (ix *Index) MayMatch(path string, m *Matcher) bool { return true }
