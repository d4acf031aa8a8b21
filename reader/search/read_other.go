//go:build !linux

package search

import "os"

// readListed reads with os.Open elsewhere: done is always false, and
// readFile takes its general path.
func readListed(path string, dst []byte) (done bool, err error) {
	return false, nil
}

// readStat is not used elsewhere: readFile takes its general path.
const haveReadStat = false

func readStat(path string, buf []byte, max int64) ([]byte, error) { panic("readStat") }

// readAll reads the file at path; buf is not reused elsewhere.
func readAll(path string, buf []byte) ([]byte, error) {
	return os.ReadFile(path)
}
