package ui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"bao/issues"
)

// Library is the shelf's view of a set of issue files, newest first. Entries
// come from a directory listing (stat only); Issue parses on demand and may
// cache. Implementations must be safe for concurrent use: issues are parsed
// in commands, and bao serve shares one library between sessions.
type Library interface {
	Len() int
	Entry(i int) Entry
	Issue(i int) (*issues.Issue, error)
}

// Entry is one issue file on the shelf.
type Entry struct {
	Path    string
	Date    time.Time // zero when the name carries none
	Title   string
	Size    int64
	ModTime time.Time
	Parts   []string // the page PDFs of an issue published one file per page
}

// LibraryOf is the shelf's view of an issues.Library: newest first,
// undated files last. The library may be shared (bao serve); the view
// holds a snapshot of its listing and asks it for issues by path.
func LibraryOf(lib *issues.Library) Library {
	all := lib.Entries() // oldest first, undated last
	v := &libraryView{lib: lib}
	var undated []Entry
	for i := len(all) - 1; i >= 0; i-- {
		e := all[i]
		ve := Entry{Path: e.Path, Date: e.Date, Title: e.Title, Size: e.Size, ModTime: e.ModTime, Parts: e.Parts}
		if e.HasDate() {
			v.entries = append(v.entries, ve)
		} else {
			undated = append([]Entry{ve}, undated...)
		}
	}
	v.entries = append(v.entries, undated...)
	return v
}

type libraryView struct {
	lib     *issues.Library
	entries []Entry
}

func (v *libraryView) Len() int          { return len(v.entries) }
func (v *libraryView) Entry(i int) Entry { return v.entries[i] }

func (v *libraryView) Issue(i int) (*issues.Issue, error) {
	p := v.entries[i].Path
	j := v.lib.Find(p)
	if j < 0 {
		return nil, fmt.Errorf("%s: no longer in the library", p)
	}
	return v.lib.Issue(j)
}

// OpenLibrary lists the issue files in paths as a Library, newest first:
// one folder is an issues.Library; several paths (files or folders walked
// recursively) are listed here. encoding forces a text encoding for every
// file ("" detects it per file).
func OpenLibrary(paths []string, encoding string) (Library, error) {
	if len(paths) == 1 {
		lib, err := issues.OpenLibraryWith(paths[0], issues.LoadOptions{Encoding: encoding})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", paths[0], err)
		}
		return LibraryOf(lib), nil
	}
	lib := &fileLibrary{cache: map[int]*issues.Issue{}, enc: encoding}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if !fi.IsDir() {
			lib.entries = append(lib.entries, entryFor(p, fi))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !isIssueFile(d.Name()) {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			lib.entries = append(lib.entries, entryFor(path, fi))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	sort.SliceStable(lib.entries, func(i, j int) bool {
		a, b := lib.entries[i], lib.entries[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Path < b.Path
	})
	return lib, nil
}

func isIssueFile(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown", ".text", "", ".pdf":
		return true
	}
	return false
}

var nameDate = regexp.MustCompile(`(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})`)

func entryFor(path string, fi os.FileInfo) Entry {
	e := Entry{Path: path, Size: fi.Size(), ModTime: fi.ModTime()}
	base := filepath.Base(path)
	if m := nameDate.FindStringSubmatch(base); m != nil {
		if d, err := time.Parse("20060102", m[1]+m[2]+m[3]); err == nil {
			e.Date = d
		}
	}
	e.Title = strings.TrimSuffix(base, filepath.Ext(base))
	return e
}

// fileLibrary is the Library of files on disk, parsed on open and cached.
type fileLibrary struct {
	entries []Entry
	enc     string
	mu      sync.Mutex
	cache   map[int]*issues.Issue
}

func (l *fileLibrary) Len() int          { return len(l.entries) }
func (l *fileLibrary) Entry(i int) Entry { return l.entries[i] }

func (l *fileLibrary) Issue(i int) (*issues.Issue, error) {
	l.mu.Lock()
	is, ok := l.cache[i]
	l.mu.Unlock()
	if ok {
		return is, nil
	}
	is, err := issues.LoadFile(l.entries[i].Path, issues.LoadOptions{Encoding: l.enc})
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.cache[i] = is
	l.mu.Unlock()
	return is, nil
}
