package search

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"sync"
	"unicode/utf8"
)

// The index is a bit-sliced signature file (as in BitFunnel): each issue
// file has a column, and each pair of adjacent folded runes in the file's
// text sets the file's bit in indexHashes rows, chosen by independent
// hashes of the pair (a Bloom filter per file, stored by rows). A term of
// two or more runes can occur in a file only if all the rows of all its
// pairs have the file's bit set, so a query reads a few rows of a few
// hundred bytes and ANDs them to rule out most files without opening
// them. It can err only towards searching a file needlessly.
//
// On disk, little-endian:
//
//	"BAOSIX2\n"
//	u32 stride (bytes per row), u32 slots
//	per slot: u16 path length, path (absolute), i64 size, i64 mtime (ns), u8 flags
//	indexRows rows of stride bytes
//
// A file of ~7,000 CJK characters holds ~5,000 distinct pairs. With 65,536
// rows and one row per pair it set ~7% of its bits, and a two-character
// term (one pair) let through 7% of the files that do not hold it: 250 of
// 3,650 issues to open for a name. With three rows per pair it sets ~20%,
// and a two-character term lets through 0.2³ ≈ 0.8%, a three-character
// term 0.2⁶ ≈ 0.006%. The index of 3,650 issues is 30 MB either way.
// MinIndexedFiles is the fewest issue files worth an index: it costs a
// fixed 8 KB per issue and pays off over many issues; a few files are
// searched as fast without one.
const MinIndexedFiles = 64

const (
	indexRowBits = 16
	indexRows    = 1 << indexRowBits
	indexHashes  = 3
	indexMagic   = "BAOSIX2\n"
)

// slotAlways marks a file the index cannot rule out (Markdown, whose
// emphasis marks can sit inside a word).
const slotAlways = 1

type slot struct {
	path  string // "" for a free slot
	size  int64
	mtime int64
	flags uint8
}

// Index is the search index of one set of issue files (a library root, or
// the paths given to bao search), kept in a file under a cache directory.
// It is safe to delete; a search updates it for files that are new or whose
// size or modification time changed, and drops files that are gone.
// An Index is used by one search at a time.
type Index struct {
	file string // where it is kept

	f         *os.File // the file read, nil when there was none
	matrixOff int64
	stride    int
	slots     []slot
	bySlot    map[string]int

	parsed *parseCache

	mu      sync.Mutex
	matrix  []byte // the whole matrix, loaded on the first update
	free    int    // no free slot below this one
	dirty   bool
	seen    []bool // slots met by the current search
	want    int    // files in the current search, to size a new matrix
	loadErr error
}

// OpenIndex opens the index for the set of files named by key (say, a
// library's absolute root) in dir, or an empty one when there is none or it
// cannot be read (it is then rebuilt). The parse cache (parsecache.go) is
// kept beside it, in dir/parsed.
func OpenIndex(dir, key string) (*Index, error) {
	sum := sha256.Sum256([]byte(key))
	ix := &Index{file: filepath.Join(dir, hex.EncodeToString(sum[:12])+".idx"), bySlot: map[string]int{},
		parsed: newParseCache(filepath.Join(dir, "parsed"))}
	f, err := os.Open(ix.file)
	if errors.Is(err, fs.ErrNotExist) {
		return ix, nil
	}
	if err != nil {
		return nil, err // an *fs.PathError: it names the file
	}
	if err := ix.readHeader(f); err != nil {
		f.Close()
		// A damaged or old index is rebuilt from scratch.
		ix.slots, ix.bySlot, ix.stride = nil, map[string]int{}, 0
		return ix, nil
	}
	ix.f = f
	return ix, nil
}

func (ix *Index) readHeader(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	r := bufio.NewReaderSize(f, 64<<10)
	magic := make([]byte, len(indexMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != indexMagic {
		return errors.New("not a bao search index")
	}
	var hdr [8]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return err
	}
	stride := int(binary.LittleEndian.Uint32(hdr[0:]))
	n := int(binary.LittleEndian.Uint32(hdr[4:]))
	if n > stride*8 || stride > 1<<20 {
		return errors.New("bad index header")
	}
	off := int64(len(indexMagic) + 8)
	slots := make([]slot, 0, n)
	var rec [17]byte
	for range n {
		var l [2]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return err
		}
		p := make([]byte, binary.LittleEndian.Uint16(l[:]))
		if _, err := io.ReadFull(r, p); err != nil {
			return err
		}
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			return err
		}
		slots = append(slots, slot{path: string(p),
			size:  int64(binary.LittleEndian.Uint64(rec[0:])),
			mtime: int64(binary.LittleEndian.Uint64(rec[8:])),
			flags: rec[16]})
		off += 2 + int64(len(p)) + 17
	}
	if st.Size() != off+int64(indexRows*stride) {
		return errors.New("index truncated")
	}
	ix.slots, ix.stride, ix.matrixOff = slots, stride, off
	for i, s := range slots {
		if s.path != "" {
			ix.bySlot[s.path] = i
		}
	}
	return nil
}

// Close releases the index file.
func (ix *Index) Close() error {
	if ix.f == nil {
		return nil
	}
	err := ix.f.Close()
	ix.f = nil
	return err
}

// Files is the number of issue files the index holds.
func (ix *Index) Files() int { return len(ix.bySlot) }

// pairRows are the rows of the pair of folded runes (a, b): three 16-bit
// slices of one 64-bit hash (SplitMix64's finaliser).
func pairRows(a, b rune) [indexHashes]int {
	x := uint64(a)<<32 | uint64(uint32(b))
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return [indexHashes]int{int(x & (indexRows - 1)), int(x >> 16 & (indexRows - 1)), int(x >> 32 & (indexRows - 1))}
}

// queryRows are the rows a file's bit must be set in for m to match.
func queryRows(m *Matcher) []int {
	var rows []int
	for _, nd := range m.needle {
		var prev rune = -1
		for _, r := range string(nd) {
			if prev >= 0 {
				pr := pairRows(prev, r)
				rows = append(rows, pr[:]...)
			}
			prev = r
		}
	}
	return rows
}

// candidates reads the rows of m's pairs and ANDs them: a set bit is a slot
// that may match. nil means every slot may.
func (ix *Index) candidates(m *Matcher) ([]byte, error) {
	rows := queryRows(m)
	if len(rows) == 0 || ix.f == nil || ix.stride == 0 {
		return nil, nil
	}
	cand := bytes.Repeat([]byte{0xFF}, ix.stride)
	row := make([]byte, ix.stride)
	done := map[int]bool{}
	for _, r := range rows {
		if done[r] {
			continue
		}
		done[r] = true
		if _, err := ix.f.ReadAt(row, ix.matrixOff+int64(r)*int64(ix.stride)); err != nil {
			return nil, err // an *fs.PathError: it names the file
		}
		for i := range cand {
			cand[i] &= row[i]
		}
	}
	return cand, nil
}

// lookup says whether the index knows path as it is now (size and mtime),
// and if so whether it may match under cand.
func (ix *Index) lookup(path string, size, mtime int64, cand []byte) (fresh, may bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	i, ok := ix.bySlot[path]
	if !ok {
		return false, true
	}
	s := ix.slots[i]
	if s.size != size || s.mtime != mtime {
		return false, true
	}
	if ix.seen != nil && i < len(ix.seen) {
		ix.seen[i] = true
	}
	if s.flags&slotAlways != 0 || cand == nil || i>>3 >= len(cand) {
		return true, true
	}
	return true, cand[i>>3]&(1<<(i&7)) != 0
}

// signature is what the index records for one file.
type signature struct {
	path        string
	size, mtime int64
	always      bool
	rows        []uint16
}

// markSignature marks in scratch the rows set by the folded text f;
// takeSignature then lists them.
func markSignature(f []byte, scratch *[indexRows / 64]uint64) {
	var prev rune = -1
	for i := 0; i < len(f); {
		r, n := rune(f[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(f[i:])
		}
		i += n
		if prev >= 0 {
			for _, row := range pairRows(prev, r) {
				scratch[row>>6] |= 1 << (row & 63)
			}
		}
		prev = r
	}
}

// takeSignature returns the rows marked in scratch, in increasing order (so
// that recording them walks the matrix forwards, not at random), and
// clears scratch.
func takeSignature(scratch *[indexRows / 64]uint64) []uint16 {
	n := 0
	for _, w := range scratch {
		n += bits.OnesCount64(w)
	}
	rows := make([]uint16, 0, n)
	for i, w := range scratch {
		for w != 0 {
			rows = append(rows, uint16(i<<6|bits.TrailingZeros64(w)))
			w &= w - 1
		}
		scratch[i] = 0
	}
	return rows
}

// loadMatrix reads the whole matrix for an update, once.
func (ix *Index) loadMatrix() error {
	if ix.matrix != nil || ix.loadErr != nil {
		return ix.loadErr
	}
	if ix.f == nil || ix.stride == 0 {
		ix.stride = 64
		for ix.stride*8 < ix.want {
			ix.stride *= 2
		}
		ix.matrix = make([]byte, indexRows*ix.stride)
		return nil
	}
	ix.matrix = make([]byte, indexRows*ix.stride)
	if _, err := ix.f.ReadAt(ix.matrix, ix.matrixOff); err != nil {
		ix.loadErr = err // an *fs.PathError: it names the file
		ix.matrix = nil
	}
	return ix.loadErr
}

// clearColumn clears slot i's bit in every row.
func (ix *Index) clearColumn(i int) {
	b, bit := i>>3, byte(1)<<(i&7)
	for r := 0; r < indexRows; r++ {
		ix.matrix[r*ix.stride+b] &^= bit
	}
}

// grow widens the rows so that the matrix holds at least n slots.
func (ix *Index) grow(n int) {
	stride := ix.stride
	for stride*8 < n {
		stride *= 2
	}
	if stride == ix.stride {
		return
	}
	m := make([]byte, indexRows*stride)
	for r := 0; r < indexRows; r++ {
		copy(m[r*stride:], ix.matrix[r*ix.stride:(r+1)*ix.stride])
	}
	ix.matrix, ix.stride = m, stride
}

// record puts a file's new signature in the index.
func (ix *Index) record(s signature) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.loadMatrix(); err != nil {
		return err
	}
	i, ok := ix.bySlot[s.path]
	if ok {
		ix.clearColumn(i)
	} else {
		i = -1
		for j := ix.free; j < len(ix.slots); j++ {
			if ix.slots[j].path == "" {
				i = j
				break
			}
		}
		if i < 0 {
			i = len(ix.slots)
			ix.slots = append(ix.slots, slot{})
			ix.grow(len(ix.slots))
		}
		ix.free = i + 1
		ix.bySlot[s.path] = i
	}
	if ix.seen != nil {
		for len(ix.seen) <= i {
			ix.seen = append(ix.seen, false)
		}
		ix.seen[i] = true
	}
	var flags uint8
	if s.always {
		flags = slotAlways
	}
	ix.slots[i] = slot{path: s.path, size: s.size, mtime: s.mtime, flags: flags}
	b, bit := i>>3, byte(1)<<(i&7)
	for _, r := range s.rows {
		ix.matrix[int(r)*ix.stride+b] |= bit
	}
	ix.dirty = true
	return nil
}

// beginSearch starts tracking which known files a search meets, so that
// files gone from the set can be dropped when it ends.
func (ix *Index) beginSearch(files int) {
	ix.mu.Lock()
	ix.seen = make([]bool, len(ix.slots))
	ix.want = files
	ix.mu.Unlock()
}

// endSearch drops the files a complete search did not meet and writes the
// index back when it changed.
func (ix *Index) endSearch(complete bool) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if complete {
		for i, sl := range ix.slots {
			if sl.path != "" && i < len(ix.seen) && !ix.seen[i] {
				if err := ix.loadMatrix(); err != nil {
					return err
				}
				ix.clearColumn(i)
				delete(ix.bySlot, sl.path)
				ix.slots[i] = slot{}
				ix.free = min(ix.free, i)
				ix.dirty = true
			}
		}
	}
	ix.seen = nil
	if !ix.dirty {
		return nil
	}
	ix.dirty = false
	return ix.write()
}

// write replaces the index file atomically.
func (ix *Index) write() error {
	if err := os.MkdirAll(filepath.Dir(ix.file), 0o755); err != nil {
		return err
	}
	var hdr bytes.Buffer
	hdr.WriteString(indexMagic)
	hdr.Write(binary.LittleEndian.AppendUint32(nil, uint32(ix.stride)))
	hdr.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(ix.slots))))
	for _, s := range ix.slots {
		if len(s.path) > 0xFFFF {
			return fmt.Errorf("%s: path too long for the index", s.path)
		}
		hdr.Write(binary.LittleEndian.AppendUint16(nil, uint16(len(s.path))))
		hdr.WriteString(s.path)
		hdr.Write(binary.LittleEndian.AppendUint64(nil, uint64(s.size)))
		hdr.Write(binary.LittleEndian.AppendUint64(nil, uint64(s.mtime)))
		hdr.WriteByte(s.flags)
	}
	// A temporary file renamed over the old one: readers see the old index
	// or the new, never half of one. No fsync: this is a cache, and a file
	// cut short by a crash fails the size check and is rebuilt.
	t, err := os.CreateTemp(filepath.Dir(ix.file), ".tmp-*.idx")
	if err != nil {
		return err
	}
	_, err = t.Write(hdr.Bytes())
	if err == nil {
		_, err = t.Write(ix.matrix)
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.Name(), ix.file)
	}
	if err != nil {
		os.Remove(t.Name())
		return fmt.Errorf("%s: %w", ix.file, err)
	}
	return nil
}
