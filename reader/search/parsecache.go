package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
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
// the parser (parserVersion, a fingerprint of package issues' source) are
// the same, and its checksum holds; anything else is a miss.
//
//	"BAOSPC2\n" u64 stamp, i64 size, i64 mtime, str date, uvarint articles,
//	per article: str headline, uvarint blocks, str text per block,
//	u32 CRC-32C of all before it
//
// where str is a uvarint length and the UTF-8 bytes.
const parseCacheMagic = "BAOSPC2\n"

type parseCache struct {
	dir   string
	stamp uint64 // identifies the parser
}

func newParseCache(dir string) *parseCache {
	v, _ := hex.DecodeString(parserVersion)
	return &parseCache{dir: dir, stamp: binary.LittleEndian.Uint64(v)}
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
	if len(data) < len(parseCacheMagic)+28 || string(data[:len(parseCacheMagic)]) != parseCacheMagic {
		return nil, errCacheEntry
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil, errCacheEntry
	}
	data = body
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
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
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
