//go:build !windows

package bookmarks

import (
	"path/filepath"

	"github.com/google/renameio/v2"
)

// writeAtomic replaces path with data so that a crash at any point leaves
// either the old or the new contents: temp file in the same directory, fsync,
// rename, then fsync of the directory so the rename itself is durable
// (renameio does all but the last).
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	t, err := renameio.NewPendingFile(path, renameio.WithTempDir(dir), renameio.WithPermissions(0o600))
	if err != nil {
		return err
	}
	defer t.Cleanup()
	if _, err := t.Write(data); err != nil {
		return err
	}
	if err := t.CloseAtomicallyReplace(); err != nil {
		return err
	}
	return syncDir(dir)
}
