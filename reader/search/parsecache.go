package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"bao/issues"
)

// The parse cache keeps what search needs of a parsed issue — its date and
// each article's headline and block texts — in a compact binary file per
// issue file, so that a search that has to look inside a file again does
// not parse it again (the parser's rules cost far more than matching).
// An entry is valid while the issue file's size and modification time and
// the running bao binary are the same; anything else is a miss.
//
//	"BAOSPC1\n" u64 stamp, i64 size, i64 mtime, str date, uvarint articles,
//	per article: str headline, uvarint blocks, str text per block
//
// where str is a uvarint length and the UTF-8 bytes.
const parseCacheMagic = "BAOSPC1\n"

type parseCache struct {
	dir   string
	stamp uint64 // identifies the parser: the binary's size and mtime
}

func newParseCache(dir string) *parseCache {
	pc := &parseCache{dir: dir}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			pc.stamp = uint64(st.Size())*1_000_003 ^ uint64(st.ModTime().UnixNano())
		}
	}
	return pc
}

func (pc *parseCache) file(abs string) string {
	sum := sha256.Sum256([]byte(abs))
	h := hex.EncodeToString(sum[:12])
	return filepath.Join(pc.dir, h[:2], h[2:]+".bin")
}

var errCacheEntry = errors.New("bad parse cache entry")

// get returns the cached parse of the issue file abs, or nil. buf is
// scratch for reading the entry; the scratch to keep is returned.
func (pc *parseCache) get(abs, source string, size, mtime int64, buf []byte) (*issues.Issue, []byte) {
	data, err := readAll(pc.file(abs), buf)
	if err != nil {
		return nil, data[:0]
	}
	is, err := decodeParsed(data, pc.stamp, size, mtime)
	if err != nil {
		return nil, data[:0]
	}
	is.Source = source
	return is, data[:0]
}

func decodeParsed(data []byte, stamp uint64, size, mtime int64) (*issues.Issue, error) {
	if len(data) < len(parseCacheMagic)+24 || string(data[:len(parseCacheMagic)]) != parseCacheMagic {
		return nil, errCacheEntry
	}
	p := data[len(parseCacheMagic):]
	if binary.LittleEndian.Uint64(p) != stamp || int64(binary.LittleEndian.Uint64(p[8:])) != size ||
		int64(binary.LittleEndian.Uint64(p[16:])) != mtime {
		return nil, errCacheEntry
	}
	p = p[24:]
	// The texts are substrings of one copy of the entry: one allocation
	// instead of one per block.
	all := string(p)
	bad := false
	num := func() int {
		v, n := binary.Uvarint(p)
		if n <= 0 || v > uint64(len(data)) {
			bad = true
			return 0
		}
		p = p[n:]
		return int(v)
	}
	str := func() string {
		n := num()
		if bad || n > len(p) {
			bad = true
			return ""
		}
		off := len(all) - len(p)
		p = p[n:]
		return all[off : off+n]
	}
	is := &issues.Issue{}
	if d := str(); d != "" {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return nil, errCacheEntry
		}
		is.Date = t
	}
	na := num()
	is.Articles = make([]issues.Article, 0, min(na, 1<<16))
	for range na {
		if bad {
			break
		}
		a := issues.Article{Headline: str()}
		nb := num()
		for range nb {
			if bad {
				break
			}
			a.Blocks = append(a.Blocks, issues.Block{Text: str()})
		}
		is.Articles = append(is.Articles, a)
	}
	if bad || len(p) != 0 {
		return nil, errCacheEntry
	}
	return is, nil
}

func encodeParsed(is *issues.Issue, stamp uint64, size, mtime int64) []byte {
	b := []byte(parseCacheMagic)
	b = binary.LittleEndian.AppendUint64(b, stamp)
	b = binary.LittleEndian.AppendUint64(b, uint64(size))
	b = binary.LittleEndian.AppendUint64(b, uint64(mtime))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(is.DateString())
	b = binary.AppendUvarint(b, uint64(len(is.Articles)))
	for _, a := range is.Articles {
		str(a.Headline)
		b = binary.AppendUvarint(b, uint64(len(a.Blocks)))
		for _, bl := range a.Blocks {
			str(bl.Text)
		}
	}
	return b
}

// put stores the parse of the issue file abs, replacing any older entry.
func (pc *parseCache) put(abs string, size, mtime int64, is *issues.Issue) error {
	name := pc.file(abs)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	t, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = t.Write(encodeParsed(is, pc.stamp, size, mtime))
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.Name(), name)
	}
	if err != nil {
		os.Remove(t.Name())
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
