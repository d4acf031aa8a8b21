package bookmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// lockTimeout is how long a write waits for another bao process holding the
// lock before giving up (the change stays in memory).
const lockTimeout = 5 * time.Second

// CorruptError reports a data file that could not be read as bao's format
// (damaged, or written by a newer bao). The file was moved aside to MovedTo
// with its bytes untouched, and bao carried on from what it last knew; when
// the move itself failed (MoveErr), nothing is written over the file.
type CorruptError struct {
	Path    string
	MovedTo string // "" when the move failed
	Reason  error
	MoveErr error
}

func (e *CorruptError) Error() string {
	if e.MoveErr != nil {
		return fmt.Sprintf("%s: unreadable (%v) and could not be moved aside: %v; it is left as it is and nothing is saved over it", e.Path, e.Reason, e.MoveErr)
	}
	return fmt.Sprintf("%s: unreadable (%v); moved aside to %s", e.Path, e.Reason, filepath.Base(e.MovedTo))
}

func (e *CorruptError) Unwrap() error { return e.Reason }

// WriteError reports a change that could not be saved (read-only or full
// disk, permissions, lock held too long). The change is kept in memory and
// saving is tried again with the next change, or Flush.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string {
	return fmt.Sprintf("not saved: %s: %v (kept in memory until it can be written)", e.Path, e.Err)
}

func (e *WriteError) Unwrap() error { return e.Err }

// errUnknownVersion is the reason for a file whose version this bao does not
// know.
var errUnknownVersion = errors.New("unknown format version")

// syncedFile is one JSON data file shared by every bao process using the same
// data directory. Changes are operations replayed on the file as it is on
// disk at the time of writing, under an exclusive lock, so two processes
// changing it at once both keep their changes. T is the file's top-level
// object; it has a `json:"version"` field that empty sets and version
// points to.
type syncedFile[T any] struct {
	path, lockPath string
	version        int
	empty          func() *T
	versionOf      func(*T) *int

	committed []byte     // the file's last good contents read or written; nil when none
	pending   []func(*T) // changes not yet written, in order; each idempotent
	mem       *T         // committed with pending applied: what the caller sees
}

func newSyncedFile[T any](dir, name string, version int, empty func() *T, versionOf func(*T) *int) *syncedFile[T] {
	return &syncedFile[T]{
		path:      filepath.Join(dir, name+".json"),
		lockPath:  filepath.Join(dir, name+".lock"),
		version:   version,
		empty:     empty,
		versionOf: versionOf,
		mem:       empty(),
	}
}

// decode parses data as the file's format, refusing other versions.
func (f *syncedFile[T]) decode(data []byte) (*T, error) {
	t := f.empty()
	*f.versionOf(t) = 0 // so that a file without one is told apart
	if err := json.Unmarshal(data, t); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "version" {
			return nil, fmt.Errorf("%w %s", errUnknownVersion, te.Value)
		}
		return nil, err
	}
	switch v := *f.versionOf(t); {
	case v == 0:
		return nil, errors.New("no format version")
	case v != f.version:
		return nil, fmt.Errorf("%w %d (this bao reads %d)", errUnknownVersion, v, f.version)
	}
	return t, nil
}

// base is a fresh copy of the last good contents, to build on when the file
// on disk is unusable.
func (f *syncedFile[T]) base() *T {
	if f.committed != nil {
		if t, err := f.decode(f.committed); err == nil {
			return t
		}
	}
	return f.empty()
}

// lock takes the exclusive lock shared with other processes.
func (f *syncedFile[T]) lock() (unlock func(), err error) {
	l := flock.New(f.lockPath, flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
	defer cancel()
	ok, err := l.TryLockContext(ctx, 2*time.Millisecond)
	if err != nil || !ok {
		l.Close()
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("another bao process holds %s", f.lockPath)
		}
		return nil, err
	}
	return func() { l.Unlock(); l.Close() }, nil
}

// readDisk reads the file as it is now. A missing file is empty. An
// unparsable one is moved aside and reported as warn (a *CorruptError), and
// the last good contents are returned in its place; err means the file must
// not be written over.
func (f *syncedFile[T]) readDisk() (t *T, warn, err error) {
	data, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return f.empty(), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if f.committed != nil && bytes.Equal(data, f.committed) {
		// Unchanged since this process last read or wrote it: build on
		// memory, which is it with the pending changes applied (replaying
		// them again is harmless, each is idempotent). Saves a parse.
		return f.mem, nil, nil
	}
	t, perr := f.decode(data)
	if perr == nil {
		f.committed = data
		return t, nil, nil
	}
	ce := &CorruptError{Path: f.path, Reason: perr}
	ce.MovedTo, ce.MoveErr = f.moveAside()
	if ce.MoveErr != nil {
		return nil, nil, ce
	}
	return f.base(), ce, nil
}

// moveAside renames the file to NAME.corrupt-TIME, never over another file.
func (f *syncedFile[T]) moveAside() (string, error) {
	stamp := time.Now().UTC().Format("20060102T150405.000Z")
	to := f.path + ".corrupt-" + stamp
	for i := 2; ; i++ {
		if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
			break
		}
		to = fmt.Sprintf("%s.corrupt-%s-%d", f.path, stamp, i)
	}
	if err := os.Rename(f.path, to); err != nil {
		return "", err
	}
	return to, syncDir(filepath.Dir(f.path))
}

// reload re-reads the file (other processes may have changed it) and
// replays the changes not yet written on top.
func (f *syncedFile[T]) reload() error {
	unlock, lockErr := f.lock()
	if lockErr == nil {
		defer unlock()
	} // else: read anyway, writers replace the file atomically; a corrupt file is then moved aside unlocked.
	t, warn, err := f.readDisk()
	if err != nil {
		return errors.Join(warn, err)
	}
	for _, op := range f.pending {
		op(t)
	}
	f.mem = t
	return warn
}

// update applies op at once in memory and saves it (see flush).
func (f *syncedFile[T]) update(op func(*T)) error {
	op(f.mem)
	f.pending = append(f.pending, op)
	return f.flush()
}

// flush writes the pending changes: under the lock, it re-reads the file,
// replays them on it and replaces it atomically. On failure they stay
// pending, and in memory, and a *WriteError says why.
func (f *syncedFile[T]) flush() error {
	if len(f.pending) == 0 {
		return nil
	}
	dir := filepath.Dir(f.path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return &WriteError{Path: f.path, Err: err}
		}
		// A new data dir's own entry must be durable too.
		if err := syncDir(filepath.Dir(dir)); err != nil {
			return &WriteError{Path: f.path, Err: err}
		}
	}
	unlock, err := f.lock()
	if err != nil {
		return &WriteError{Path: f.path, Err: err}
	}
	defer unlock()
	f.removeStaleTemps()
	t, warn, err := f.readDisk()
	if err != nil {
		return errors.Join(warn, &WriteError{Path: f.path, Err: err})
	}
	for _, op := range f.pending {
		op(t)
	}
	data, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return errors.Join(warn, &WriteError{Path: f.path, Err: err})
	}
	data = append(data, '\n')
	if err := writeAtomic(resolveLink(f.path), data); err != nil {
		return errors.Join(warn, &WriteError{Path: f.path, Err: err})
	}
	f.committed, f.pending, f.mem = data, nil, t
	return warn
}

// removeStaleTemps removes temporary files left by a writer that died
// before renaming (renameio names them .NAME<digits>). Only called under
// the lock, when no other writer can be using one.
func (f *syncedFile[T]) removeStaleTemps() {
	dir, prefix := filepath.Dir(f.path), "."+filepath.Base(f.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name())) // best effort: a leftover only wastes space
	}
}

// resolveLink is the file a symlink at path points to (people link data
// files into synced folders; replacing the link with a file would cut it),
// or path itself.
func resolveLink(path string) string {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(path); err == nil {
			return target
		}
	}
	return path
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
