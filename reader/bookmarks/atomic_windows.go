package bookmarks

import (
	"os"
	"path/filepath"
)

// writeAtomic replaces path with data: a temp file in the same directory,
// synced, then renamed over path (os.Rename replaces an existing file on
// Windows). renameio does not build on Windows, and Windows has no way to
// sync a directory, so the rename's durability is the file system's. The
// temp file is named .NAME<digits>, the pattern removeStaleTemps cleans.
func writeAtomic(path string, data []byte) error {
	t, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"*")
	if err != nil {
		return err
	}
	defer os.Remove(t.Name()) // fails harmlessly once renamed
	if _, err := t.Write(data); err != nil {
		t.Close()
		return err
	}
	if err := t.Sync(); err != nil {
		t.Close()
		return err
	}
	if err := t.Close(); err != nil {
		return err
	}
	return os.Rename(t.Name(), path)
}
