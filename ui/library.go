package ui

import (
	"context"
	"fmt"

	"bao/issues"
)

// Library is the shelf's view of a set of issue files, newest first. Entries
// come from a directory listing (stat only); Issue parses on demand and may
// cache. Implementations must be safe for concurrent use: issues are parsed
// in commands, and bao serve shares one library between sessions. One that
// also has an Errors() []error method (as LibraryOf's views do) tells the
// shelf which files could not be read.
type Library interface {
	Len() int
	Entry(i int) Entry
	Issue(i int) (*issues.Issue, error)
}

// Entry is one issue file on the shelf: the library's own entry.
type Entry = issues.Entry

// libraryErrors is a Library that knows the files it could not read.
type libraryErrors interface{ Errors() []error }

// errorsOf is what lib could not read, if it says.
func errorsOf(lib Library) []error {
	if le, ok := lib.(libraryErrors); ok {
		return le.Errors()
	}
	return nil
}

// LibraryOf is the shelf's view of an issues.Library: newest first,
// undated files last. The library may be shared (bao serve) and refreshed;
// the view holds a snapshot of its listing and loads each entry as it
// was listed, through the library's cache.
func LibraryOf(lib *issues.Library) Library {
	all := lib.Entries() // oldest first, undated last
	undated := len(all)
	for undated > 0 && !all[undated-1].HasDate() {
		undated--
	}
	v := &libraryView{lib: lib, entries: make([]Entry, 0, len(all))}
	for i := undated - 1; i >= 0; i-- {
		v.entries = append(v.entries, all[i])
	}
	v.entries = append(v.entries, all[undated:]...)
	return v
}

type libraryView struct {
	lib     *issues.Library
	entries []Entry
}

func (v *libraryView) Len() int          { return len(v.entries) }
func (v *libraryView) Entry(i int) Entry { return v.entries[i] }
func (v *libraryView) Errors() []error   { return v.lib.Errors() }

func (v *libraryView) Issue(i int) (*issues.Issue, error) {
	if i < 0 || i >= len(v.entries) {
		return nil, fmt.Errorf("issue %d: out of range (library has %d)", i, len(v.entries))
	}
	return v.lib.Load(v.entries[i])
}

// OpenLibrary lists the issue files in paths (files, or folders walked
// recursively; see issues.Walk) as a Library, newest first. encoding
// forces a text encoding for every file ("" detects it per file).
func OpenLibrary(paths []string, encoding string) (Library, error) {
	return openLibrary(context.Background(), paths, encoding, nil)
}

// openLibrary is OpenLibrary, cancellable, calling found as folders are
// listed (issues.Walk).
func openLibrary(ctx context.Context, paths []string, encoding string, found func([]Entry)) (Library, error) {
	lib, err := issues.Open(ctx, paths, issues.LibraryOptions{Load: issues.LoadOptions{Encoding: encoding}, Found: found})
	if err != nil {
		if len(paths) == 1 {
			return nil, fmt.Errorf("%s: %w", paths[0], err)
		}
		return nil, err
	}
	return LibraryOf(lib), nil
}
