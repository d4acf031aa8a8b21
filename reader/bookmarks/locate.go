package bookmarks

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"sync"
	"time"
)

// RefForFile is the IssueRef of the file at path: its content hash and size.
func RefForFile(path string) (IssueRef, error) {
	hash, size, err := hashFile(path)
	if err != nil {
		return IssueRef{}, err
	}
	return IssueRef{Path: path, Hash: hash, Size: size}, nil
}

// RefForBytes is the IssueRef of a file at path whose bytes are data (when
// the caller has read them already).
func RefForBytes(path string, data []byte) IssueRef {
	sum := sha256.Sum256(data)
	return IssueRef{Path: path, Hash: hex.EncodeToString(sum[:]), Size: int64(len(data))}
}

func hashFile(path string) (hash string, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	size, err = io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), size, nil
}

// Status says where a bookmarked issue file was found.
type Status int

const (
	// Found: the file is at its path, unchanged.
	Found Status = iota
	// Moved: the same bytes are at another path (renamed or moved in the
	// library); Location.Path says where.
	Moved
	// Changed: a file is at the path but its bytes differ (edited or
	// re-extracted); positions need Reanchor.
	Changed
	// Missing: neither the path nor any candidate holds the issue. The
	// bookmark stays listed, marked missing.
	Missing
)

func (s Status) String() string {
	switch s {
	case Found:
		return "found"
	case Moved:
		return "moved"
	case Changed:
		return "changed"
	case Missing:
		return "missing"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Location is where an issue was found.
type Location struct {
	Path   string // "" when Missing
	Status Status
	Err    error // why the original path could not be read, when not simply absent
}

// Locator finds issue files by path or content hash, remembering the
// hashes it computed (by path, size and modification time) so that locating
// many bookmarks in a big library hashes each file once. Safe for
// concurrent use; the zero value is ready.
type Locator struct {
	mu    sync.Mutex
	cache map[string]cachedHash
}

type cachedHash struct {
	size  int64
	mtime time.Time
	hash  string
}

// hash is the content hash of path, from the cache when the file's size and
// mtime are unchanged. wantSize >= 0 skips files of another size (the hash
// could not match) and returns "".
func (l *Locator) hash(path string, wantSize int64) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	if wantSize >= 0 && fi.Size() != wantSize {
		return "", nil
	}
	l.mu.Lock()
	c, ok := l.cache[path]
	l.mu.Unlock()
	if ok && c.size == fi.Size() && c.mtime.Equal(fi.ModTime()) {
		return c.hash, nil
	}
	h, size, err := hashFile(path)
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	if l.cache == nil {
		l.cache = map[string]cachedHash{}
	}
	l.cache[path] = cachedHash{size: size, mtime: fi.ModTime(), hash: h}
	l.mu.Unlock()
	return h, nil
}

// Locate finds the issue ref names: at its path when the bytes there are
// the same; else the first of candidates (e.g. every file of the library;
// nil for none) with the same content hash; else at its path, changed;
// else Missing.
func (l *Locator) Locate(ref IssueRef, candidates iter.Seq[string]) Location {
	size := ref.Size
	if size <= 0 {
		size = -1 // unknown (or empty): hash every candidate
	}
	h, err := l.hash(ref.Path, -1)
	if err == nil && h == ref.Hash {
		return Location{Path: ref.Path, Status: Found}
	}
	var pathErr error
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		pathErr = err
	}
	if candidates != nil {
		for p := range candidates {
			if p == ref.Path {
				continue
			}
			if ch, cerr := l.hash(p, size); cerr == nil && ch == ref.Hash {
				return Location{Path: p, Status: Moved}
			}
		}
	}
	if err == nil {
		return Location{Path: ref.Path, Status: Changed}
	}
	return Location{Status: Missing, Err: pathErr}
}
