package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The index is an inverted index of hashed rune pairs, kept in segments.
//
// Each adjacent pair of folded runes in an issue file's text, and each
// folded rune alone, is hashed to one of 2²⁰ keys; a segment lists, for
// every key, the issues of the segment that hold it. A term of two or more
// runes can occur in an issue only if the issue holds the keys of all its
// pairs, so a query reads a few posting lists per segment and intersects
// them to rule out most files without opening them. It can err only
// towards searching a file needlessly (two pairs sharing a key).
//
// A segment is one immutable file, written to a temporary name and renamed
// into place, so a search sees it whole or not at all. A full build writes
// one segment per segmentDocs issues; an update writes the new and changed
// issues as a small segment of their own (a changed issue's old entry no
// longer matches the file's size and modification time, so it is ignored
// from then on). Update merges small segments, and rewrites segments that
// have come to hold mostly stale entries, in the background of the next
// searches. The newest segment's entry for a file wins.
//
// A segment, little-endian:
//
//	head:  "BAOSEG1\n", [32]byte indexVersion, u32 files, u32 keys,
//	       u32 blocks, u32 docs-bits, u64 head length, u64 postings offset,
//	       u64 file length, u32 CRC-32C of the head (with this field 0)
//	files: per file: u16 path length, path, i64 size, i64 mtime (ns), u8 flags
//	fence: per block of fenceEvery keys: u32 first key, u32 postings start,
//	       u32 CRC-32C of the block's directory, u32 CRC-32C of its postings
//	dir:   per key: u32 key, u32 end of its posting list
//	postings: per key: 0 then the issues as uvarint gaps, or 1 then a bitmap
//
// The head (with the file table and fence) is read and checked when the
// segment is opened; a directory block and its postings are checked when
// a query reads them. A segment of another bao version (indexVersion,
// fingerprinting this package and the parser) or one that fails a check is
// ignored: its files are searched as if never indexed, and the next update
// deletes it and indexes them again.

// MinIndexedFiles is the fewest issue files worth an index; a few files
// are searched as fast without one.
const MinIndexedFiles = 64

const (
	keyBits = 20
	numKeys = 1 << keyBits
	// invertSlice is how many keys writeSegment inverts at a time: their
	// counters (64 KB) fit in a core's L2 cache.
	invertSlice = 1 << 14
	// segmentDocs issues make a segment of a full build, and a segment
	// also ends when its issues hold segmentPostings keys in all, which
	// bounds the memory a build takes (8 bytes a posting while building).
	segmentDocs     = 4096
	segmentPostings = 4 << 20
	fenceEvery      = 64
	segMagic        = "BAOSEG1\n"
	segHeadFixed    = len(segMagic) + 32 + 4*4 + 3*8 + 4
	// smallSegment: a segment with fewer live issues is merged with the
	// other small ones once there are mergeSmall of them.
	smallSegment = segmentDocs / 8
	mergeSmall   = 4
)

// docAlways marks a file the index cannot rule out (Markdown, whose
// emphasis marks can sit inside a word; text that could not be decoded).
const docAlways = 1

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errSegment is a segment that failed a check.
var errSegment = errors.New("damaged search index segment")

// runeKey is the key of a lone folded rune: one multiplication (Knuth's
// multiplicative hash) is enough to spread the few thousand runes of a
// text; sharing a key with a pair only lets a file through needlessly.
func runeKey(r rune) uint32 { return uint32(r) * 0x9E3779B1 >> (32 - keyBits) }

// pairKey is the key of the pair of folded runes (a, b): multiply-shift
// hashing of the 42 bits of the pair (a rune has 21), one multiplication
// where SplitMix64's finaliser took two and three shifts, for as many
// distinct keys per issue (measured on generated archives: 737,286 against
// 736,869 in 300 issues).
func pairKey(a, b rune) uint32 {
	return uint32((uint64(uint32(a))<<21 ^ uint64(uint32(b))) * 0x9E3779B97F4A7C15 >> (64 - keyBits))
}

// queryKeys are the keys a file must hold for m to match: each term's
// pairs, or its rune when it has one rune.
func queryKeys(m *Matcher) []uint32 {
	var keys []uint32
	for _, nd := range m.needle {
		var prev rune = -1
		n := 0
		for _, r := range string(nd) {
			if prev >= 0 {
				keys = append(keys, pairKey(prev, r))
			}
			prev = r
			n++
		}
		if n == 1 {
			keys = append(keys, runeKey(prev))
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// keySet is the set of keys of one file's text being indexed: a bitmap,
// and a summary of which of its words are not zero, so that listing and
// clearing it touch only those.
type keySet struct {
	bits [numKeys / 64]uint64
	used [numKeys / 64 / 64]uint64
	buf  []uint32
}

// markFold marks in ks the keys of src's folded form, as
// markKeys(appendFold(src)) would, without writing the folded text: the
// index build reads every byte of the archive once, and folding into a
// buffer and decoding it again was a third of its time. It reports, as
// appendFold does, whether src held bytes that are not UTF-8.
func markFold(src []byte, ks *keySet) (invalid bool) {
	t := foldTableGet()
	m := keyMarker{ks: ks, prev: -1}
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				m.mark(rune(c + 'a' - 'A'))
			case c <= ' ' || c == 0x7F:
				// dropped, as appendFold drops them
			default:
				m.mark(rune(c))
			}
			continue
		}
		var r rune
		if c&0xF0 == 0xE0 && i+2 < len(src) && src[i+1]&0xC0 == 0x80 && src[i+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(src[i+1]&0x3F)<<6 | rune(src[i+2]&0x3F)
			if r >= 0x800 && t.self[r/64]&(1<<(r%64)) != 0 && (r < 0xD800 || r > 0xDFFF) {
				// the common case: CJK that folds to itself
				i += 3
				m.mark(r)
				continue
			}
			if r < 0x800 || 0xD800 <= r && r <= 0xDFFF {
				// overlong or a surrogate: decoded as appendFold does
				var n int
				r, n = utf8.DecodeRune(src[i:])
				invalid = invalid || r == utf8.RuneError && n == 1
				i += n
			} else {
				i += 3
			}
		} else {
			var n int
			r, n = utf8.DecodeRune(src[i:])
			invalid = invalid || r == utf8.RuneError && n == 1
			i += n
		}
		if r >= 0x10000 {
			if f, ok := astroFold(r); ok {
				for _, fr := range f {
					m.mark(fr)
				}
			} else {
				m.mark(r)
			}
			continue
		}
		switch e := t.bmp[r]; {
		case e == 0:
			m.mark(r)
		case e == foldDrop:
		case e&foldMultiFlag != 0:
			for _, fr := range t.multi[e&^foldMultiFlag] {
				m.mark(fr)
			}
		default:
			m.mark(rune(e))
		}
	}
	return invalid
}

// keyMarker marks the keys of folded runes as they come: each rune's and
// that of the pair it ends.
type keyMarker struct {
	ks   *keySet
	prev rune
}

func (m *keyMarker) mark(r rune) {
	bits, used := &m.ks.bits, &m.ks.used
	k := runeKey(r)
	bits[k>>6] |= 1 << (k & 63)
	used[k>>12] |= 1 << (k >> 6 & 63)
	if m.prev >= 0 {
		k = pairKey(m.prev, r)
		bits[k>>6] |= 1 << (k & 63)
		used[k>>12] |= 1 << (k >> 6 & 63)
	}
	m.prev = r
}

func takeKeys(ks *keySet) []uint32 {
	keys := ks.buf[:0]
	for u, uw := range ks.used {
		for uw != 0 {
			i := u<<6 | bits.TrailingZeros64(uw)
			uw &= uw - 1
			w := ks.bits[i]
			for w != 0 {
				keys = append(keys, uint32(i<<6|bits.TrailingZeros64(w)))
				w &= w - 1
			}
			ks.bits[i] = 0
		}
		ks.used[u] = 0
	}
	ks.buf = keys[:0]
	return slices.Clone(keys)
}

// docEntry is one issue file as a segment records it.
type docEntry struct {
	path        string
	size, mtime int64
	flags       uint8
}

// docSig is an issue file and its keys, on their way into a segment.
type docSig struct {
	docEntry
	keys []uint32 // increasing
}

type fence struct {
	first, postStart, dirCRC, postCRC uint32
}

// segment is one open segment file.
type segment struct {
	name      string // file name in the index folder
	f         *os.File
	docs      []docEntry
	fences    []fence
	keys      int
	dirOff    int64
	postOff   int64
	postLen   int64
	bad       bool // failed a check while being read: its files are stale
	versionOK bool
}

// openSegment opens and checks a segment's head. A segment of another
// version is returned with versionOK false and no docs.
func openSegment(path string) (*segment, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s, err := readSegmentHead(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.name = filepath.Base(path)
	s.f = f
	return s, nil
}

func readSegmentHead(f *os.File) (*segment, error) {
	var fixed [segHeadFixed]byte
	if _, err := io.ReadFull(f, fixed[:]); err != nil {
		return nil, errSegment
	}
	if string(fixed[:len(segMagic)]) != segMagic {
		return nil, errSegment
	}
	s := &segment{}
	want, _ := hex.DecodeString(indexVersion)
	if !bytes.Equal(fixed[len(segMagic):len(segMagic)+32], want) {
		return s, nil // another version: to be rebuilt
	}
	p := fixed[len(segMagic)+32:]
	nfiles := int(binary.LittleEndian.Uint32(p[0:]))
	nkeys := int(binary.LittleEndian.Uint32(p[4:]))
	nblocks := int(binary.LittleEndian.Uint32(p[8:]))
	headLen := int64(binary.LittleEndian.Uint64(p[16:]))
	postOff := int64(binary.LittleEndian.Uint64(p[24:]))
	fileLen := int64(binary.LittleEndian.Uint64(p[32:]))
	sum := binary.LittleEndian.Uint32(p[40:])
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() != fileLen || headLen < int64(segHeadFixed) || headLen > fileLen || postOff > fileLen ||
		nblocks != (nkeys+fenceEvery-1)/fenceEvery || postOff != headLen+8*int64(nkeys) || nfiles > 1<<24 {
		return nil, errSegment
	}
	head := make([]byte, headLen)
	copy(head, fixed[:])
	if _, err := io.ReadFull(f, head[segHeadFixed:]); err != nil {
		return nil, errSegment
	}
	binary.LittleEndian.PutUint32(head[segHeadFixed-4:], 0)
	if crc32.Checksum(head, castagnoli) != sum {
		return nil, errSegment
	}
	q := head[segHeadFixed:]
	// The paths are cut from one copy of the file table, not copied one
	// by one: 36,500 allocations for a century, on every search.
	paths := string(q)
	s.docs = make([]docEntry, 0, nfiles)
	for range nfiles {
		if len(q) < 2 {
			return nil, errSegment
		}
		l := int(binary.LittleEndian.Uint16(q))
		if len(q) < 2+l+17 {
			return nil, errSegment
		}
		at := len(paths) - len(q) + 2
		s.docs = append(s.docs, docEntry{path: paths[at : at+l],
			size:  int64(binary.LittleEndian.Uint64(q[2+l:])),
			mtime: int64(binary.LittleEndian.Uint64(q[10+l:])),
			flags: q[18+l]})
		q = q[19+l:]
	}
	if len(q) != 16*nblocks {
		return nil, errSegment
	}
	s.fences = make([]fence, nblocks)
	for i := range s.fences {
		s.fences[i] = fence{binary.LittleEndian.Uint32(q[0:]), binary.LittleEndian.Uint32(q[4:]),
			binary.LittleEndian.Uint32(q[8:]), binary.LittleEndian.Uint32(q[12:])}
		q = q[16:]
	}
	s.keys, s.dirOff, s.postOff, s.postLen = nkeys, headLen, postOff, fileLen-postOff
	s.versionOK = true
	return s, nil
}

// block reads and checks directory block b: its keys, the ends of their
// posting lists (from the block's postings start), and the postings.
func (s *segment) block(b int) (dir []byte, post []byte, err error) {
	fc := s.fences[b]
	n := min(fenceEvery, s.keys-b*fenceEvery)
	dir = make([]byte, 8*n)
	if _, err := s.f.ReadAt(dir, s.dirOff+int64(8*b*fenceEvery)); err != nil {
		return nil, nil, errSegment
	}
	if crc32.Checksum(dir, castagnoli) != fc.dirCRC {
		return nil, nil, errSegment
	}
	end := int64(binary.LittleEndian.Uint32(dir[8*(n-1)+4:]))
	if end < int64(fc.postStart) || end > s.postLen {
		return nil, nil, errSegment
	}
	post = make([]byte, end-int64(fc.postStart))
	if _, err := s.f.ReadAt(post, s.postOff+int64(fc.postStart)); err != nil {
		return nil, nil, errSegment
	}
	if crc32.Checksum(post, castagnoli) != fc.postCRC {
		return nil, nil, errSegment
	}
	return dir, post, nil
}

// candidates intersects the posting lists of keys: bit i is set when doc i
// of the segment may match. A key no doc holds leaves none.
func (s *segment) candidates(keys []uint32) ([]uint64, error) {
	words := (len(s.docs) + 63) / 64
	cand := make([]uint64, words)
	for i := range cand {
		cand[i] = ^uint64(0)
	}
	list := make([]uint64, words)
	blocks := map[int][2][]byte{}
	for _, k := range keys {
		b := sort.Search(len(s.fences), func(i int) bool { return s.fences[i].first > k }) - 1
		if b < 0 {
			return make([]uint64, words), nil
		}
		bl, ok := blocks[b]
		if !ok {
			dir, post, err := s.block(b)
			if err != nil {
				return nil, err
			}
			bl = [2][]byte{dir, post}
			blocks[b] = bl
		}
		dir, post := bl[0], bl[1]
		n := len(dir) / 8
		j := sort.Search(n, func(i int) bool { return binary.LittleEndian.Uint32(dir[8*i:]) >= k })
		if j == n || binary.LittleEndian.Uint32(dir[8*j:]) != k {
			return make([]uint64, words), nil
		}
		start := uint32(s.fences[b].postStart)
		if j > 0 {
			start = binary.LittleEndian.Uint32(dir[8*(j-1)+4:])
		}
		end := binary.LittleEndian.Uint32(dir[8*j+4:])
		base := s.fences[b].postStart
		if start < base || end < start || int(end-base) > len(post) {
			return nil, errSegment
		}
		clear(list)
		if err := decodePostings(post[start-base:end-base], len(s.docs), list); err != nil {
			return nil, err
		}
		for i := range cand {
			cand[i] &= list[i]
		}
	}
	return cand, nil
}

// encodePostings appends the posting list of the increasing docs of a
// segment of n docs, as gaps or as a bitmap, whichever is shorter.
func encodePostings(dst []byte, docs []uint32, n int) []byte {
	gaps := 1
	prev := -1
	for _, d := range docs {
		gaps += (bits.Len(uint(int(d)-prev)) + 6) / 7
		prev = int(d)
	}
	if bm := 1 + (n+7)/8; bm < gaps {
		dst = append(dst, 1)
		start := len(dst)
		dst = append(dst, make([]byte, (n+7)/8)...)
		for _, d := range docs {
			dst[start+int(d>>3)] |= 1 << (d & 7)
		}
		return dst
	}
	dst = append(dst, 0)
	prev = -1
	for _, d := range docs {
		dst = binary.AppendUvarint(dst, uint64(int(d)-prev))
		prev = int(d)
	}
	return dst
}

// decodePostings sets in out the docs of a posting list.
func decodePostings(p []byte, n int, out []uint64) error {
	if len(p) == 0 {
		return errSegment
	}
	switch p[0] {
	case 1:
		bm := p[1:]
		if len(bm) != (n+7)/8 {
			return errSegment
		}
		for i, c := range bm {
			out[i>>3] |= uint64(c) << (8 * (i & 7))
		}
	case 0:
		d := -1
		for q := p[1:]; len(q) > 0; {
			g, k := binary.Uvarint(q)
			if k <= 0 || g == 0 || g > uint64(n) {
				return errSegment
			}
			q = q[k:]
			d += int(g)
			if d >= n {
				return errSegment
			}
			out[d>>6] |= 1 << (d & 63)
		}
	default:
		return errSegment
	}
	return nil
}

// decodeAll lists every doc's keys, for a merge.
func (s *segment) decodeAll() ([][]uint32, error) {
	keys := make([][]uint32, len(s.docs))
	list := make([]uint64, (len(s.docs)+63)/64)
	for b := range s.fences {
		dir, post, err := s.block(b)
		if err != nil {
			return nil, err
		}
		base := s.fences[b].postStart
		start := base
		for j := 0; j < len(dir)/8; j++ {
			k := binary.LittleEndian.Uint32(dir[8*j:])
			end := binary.LittleEndian.Uint32(dir[8*j+4:])
			if end < start || int(end-base) > len(post) {
				return nil, errSegment
			}
			clear(list)
			if err := decodePostings(post[start-base:end-base], len(s.docs), list); err != nil {
				return nil, err
			}
			for w, x := range list {
				for x != 0 {
					d := w<<6 | bits.TrailingZeros64(x)
					keys[d] = append(keys[d], k)
					x &= x - 1
				}
			}
			start = end
		}
	}
	return keys, nil
}

// writeSegment writes docs as a new segment in dir and returns its name
// and size. The file appears whole under its name or not at all.
func writeSegment(dir string, docs []docSig) (string, int64, error) {
	n := len(docs)
	// Invert: for each key, in increasing order, the docs holding it. A
	// counting sort over the whole key space missed the cache on nearly
	// every posting (its counters are 4 MB); done one slice of the key
	// space at a time, each doc's keys being sorted, the counters of the
	// slice stay in the cache.
	total := 0
	for _, d := range docs {
		total += len(d.keys)
	}
	flat := make([]uint32, total)
	var keys []uint32
	var keyEnd []int32       // keyEnd[j]: where the docs of keys[j] end in flat
	cur := make([]int32, n)  // cur[i]: doc i's first key not yet inverted
	stop := make([]int32, n) // stop[i]: doc i's first key past the slice
	counts := make([]int32, invertSlice)
	base := int32(0)
	for lo := uint32(0); lo < numKeys; lo += invertSlice {
		hi := lo + invertSlice
		for i, d := range docs {
			j := int(cur[i])
			for j < len(d.keys) && d.keys[j] < hi {
				counts[d.keys[j]-lo]++
				j++
			}
			stop[i] = int32(j)
		}
		first := len(keys)
		pos := base
		for k, c := range counts {
			if c > 0 {
				keys = append(keys, lo+uint32(k))
			}
			counts[k] = pos
			pos += c
		}
		for i, d := range docs {
			for _, k := range d.keys[cur[i]:stop[i]] {
				flat[counts[k-lo]] = uint32(i)
				counts[k-lo]++
			}
			cur[i] = stop[i]
		}
		// counts[k] is now the end of key lo+k's docs.
		for _, k := range keys[first:] {
			keyEnd = append(keyEnd, counts[k-lo])
		}
		clear(counts)
		base = pos
	}
	docsOf := func(j int) []uint32 {
		s := int32(0)
		if j > 0 {
			s = keyEnd[j-1]
		}
		return flat[s:keyEnd[j]]
	}

	var files bytes.Buffer
	for _, d := range docs {
		if len(d.path) > 0xFFFF {
			return "", 0, fmt.Errorf("%s: path too long for the index", d.path)
		}
		files.Write(binary.LittleEndian.AppendUint16(nil, uint16(len(d.path))))
		files.WriteString(d.path)
		files.Write(binary.LittleEndian.AppendUint64(nil, uint64(d.size)))
		files.Write(binary.LittleEndian.AppendUint64(nil, uint64(d.mtime)))
		files.WriteByte(d.flags)
	}
	nblocks := (len(keys) + fenceEvery - 1) / fenceEvery
	dirb := make([]byte, 0, 8*len(keys))
	post := make([]byte, 0, total/2+len(keys)*2)
	fences := make([]byte, 0, 16*nblocks)
	for b := 0; b < nblocks; b++ {
		ks := keys[b*fenceEvery : min((b+1)*fenceEvery, len(keys))]
		d0, p0 := len(dirb), len(post)
		for j, k := range ks {
			post = encodePostings(post, docsOf(b*fenceEvery+j), n)
			if int64(len(post)) > 1<<32-1 {
				return "", 0, errors.New("search index segment over 4 GB")
			}
			dirb = binary.LittleEndian.AppendUint32(dirb, k)
			dirb = binary.LittleEndian.AppendUint32(dirb, uint32(len(post)))
		}
		fences = binary.LittleEndian.AppendUint32(fences, ks[0])
		fences = binary.LittleEndian.AppendUint32(fences, uint32(p0))
		fences = binary.LittleEndian.AppendUint32(fences, crc32.Checksum(dirb[d0:], castagnoli))
		fences = binary.LittleEndian.AppendUint32(fences, crc32.Checksum(post[p0:], castagnoli))
	}
	headLen := int64(segHeadFixed + files.Len() + len(fences))
	postOff := headLen + int64(len(dirb))
	fileLen := postOff + int64(len(post))
	head := make([]byte, 0, headLen)
	head = append(head, segMagic...)
	ver, _ := hex.DecodeString(indexVersion)
	head = append(head, ver...)
	head = binary.LittleEndian.AppendUint32(head, uint32(n))
	head = binary.LittleEndian.AppendUint32(head, uint32(len(keys)))
	head = binary.LittleEndian.AppendUint32(head, uint32(nblocks))
	head = binary.LittleEndian.AppendUint32(head, uint32(n))
	head = binary.LittleEndian.AppendUint64(head, uint64(headLen))
	head = binary.LittleEndian.AppendUint64(head, uint64(postOff))
	head = binary.LittleEndian.AppendUint64(head, uint64(fileLen))
	head = binary.LittleEndian.AppendUint32(head, 0)
	head = append(head, files.Bytes()...)
	head = append(head, fences...)
	binary.LittleEndian.PutUint32(head[segHeadFixed-4:], crc32.Checksum(head, castagnoli))

	name := fmt.Sprintf("seg-%016x-%08x.bsx", time.Now().UnixNano(), randUint32())
	t, err := os.CreateTemp(dir, ".tmp-*.bsx")
	if err != nil {
		return "", 0, err
	}
	// No fsync: this is a cache. A segment cut short by a crash fails
	// its size check and is rebuilt.
	_, err = t.Write(head)
	if err == nil {
		_, err = t.Write(dirb)
	}
	if err == nil {
		_, err = t.Write(post)
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(t.Name())
		return "", 0, fmt.Errorf("%s: %w", filepath.Join(dir, name), err)
	}
	return name, fileLen, nil
}

func randUint32() uint32 {
	var b [4]byte
	if f, err := os.Open("/dev/urandom"); err == nil {
		f.Read(b[:])
		f.Close()
	}
	return binary.LittleEndian.Uint32(b[:]) ^ uint32(os.Getpid())
}

// docRef is where an index holds a file: segment and doc.
type docRef struct{ seg, doc int32 }

// Index is the search index of one set of issue files (a library root, or
// the paths given to bao search), kept in a folder of segments under a
// cache directory, beside the parse cache of the same files. It is safe to
// delete. A search uses the segments as they are; files that are new or
// changed since are searched without the index and reported (Stale), and
// Update indexes them. An Index is used by one search at a time.
type Index struct {
	root string // the cache directory of every library's index
	key  string // names the set of files
	dir  string // this one's
	// loading is closed once the segments found at opening are read, in
	// the background (see OpenIndexWith); what reads segs, names or
	// byPath waits for it (wait).
	loading chan struct{}
	segs    []*segment
	names   []string // the segment files load found, oldest first
	byPath  map[string]docRef
	opened  int // segment files found at opening
	parsed  *parseCache
	opt     IndexOptions

	mu    sync.Mutex
	stale int // files the last search met that the index lacks
}

// IndexOptions tune OpenIndexWith.
type IndexOptions struct {
	// Background starts Update in a goroutine when a search ends with
	// files the index lacks: for a long-running process (the reader,
	// bao serve). A command that exits instead runs Update itself (bao
	// search starts a child process for it).
	Background bool
	// CacheLimit caps the bytes of the whole cache directory; Update drops
	// the least recently used libraries' indexes and parse caches past it.
	// 0 means DefaultCacheLimit.
	CacheLimit int64
}

// DefaultCacheLimit is the cap on the search cache (every library's index
// and parse cache under $XDG_CACHE_HOME/bao/search): 1 GiB.
const DefaultCacheLimit = 1 << 30

// OpenIndex is OpenIndexWith with the zero IndexOptions.
func OpenIndex(dir, key string) (*Index, error) { return OpenIndexWith(dir, key, IndexOptions{}) }

// OpenIndexWith opens the index for the set of files named by key (say, a
// library's absolute root) in the cache directory dir, or an empty one
// when there is none yet. Segments that cannot be read are left out (their
// files are then searched without the index, and indexed again by Update).
//
// It lists the index's segments and returns; their heads (a century's
// file table is 2 MB) are read in the background, while the caller lists
// the library, and the first use of the index waits for them.
func OpenIndexWith(dir, key string, opt IndexOptions) (*Index, error) {
	sum := sha256.Sum256([]byte(key))
	ix := &Index{root: dir, key: key, dir: filepath.Join(dir, hex.EncodeToString(sum[:12])), byPath: map[string]docRef{}, opt: opt}
	ix.parsed = newParseCache(filepath.Join(ix.dir, "parsed"))
	names, err := segmentNames(ix.dir)
	if err != nil {
		return nil, err
	}
	ix.opened = len(names)
	ix.loading = make(chan struct{})
	go func() {
		defer close(ix.loading)
		ix.open(names)
	}()
	// The folder's modification time is its last use, for the cache cap.
	now := time.Now()
	os.Chtimes(ix.dir, now, now) // none yet: nothing to mark
	return ix, nil
}

// wait waits for the segments found at opening to be read.
func (ix *Index) wait() {
	if ix.loading != nil {
		<-ix.loading
	}
}

// hasSegments reports, without waiting for them to be read, whether the index
// has segments: one that has none holds no file.
func (ix *Index) hasSegments() bool { return ix.opened > 0 }

// load opens the segments in the index folder.
func (ix *Index) load() error {
	names, err := segmentNames(ix.dir)
	if err != nil {
		return err
	}
	ix.open(names)
	return nil
}

// open opens the segments named.
func (ix *Index) open(names []string) {
	for _, s := range ix.segs {
		s.f.Close()
	}
	ix.segs, ix.byPath = nil, map[string]docRef{}
	ix.names = names
	docs := 0
	for _, name := range names {
		s, err := openSegment(filepath.Join(ix.dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // merged away since the listing
		}
		if err != nil {
			// Damaged: left out, deleted by the next Update.
			ix.segs = append(ix.segs, &segment{name: name, bad: true})
			continue
		}
		ix.segs = append(ix.segs, s)
		docs += len(s.docs)
	}
	ix.byPath = make(map[string]docRef, docs) // grown once, not 16 times
	for i, s := range ix.segs {
		ix.addDocs(i, s)
	}
}

// addDocs records segment i's files in byPath, over those of older
// segments.
func (ix *Index) addDocs(i int, s *segment) {
	if !s.versionOK {
		return
	}
	for d, e := range s.docs {
		ix.byPath[e.path] = docRef{int32(i), int32(d)}
	}
}

// reload is load, unless the folder holds the segments it loaded last:
// they never change under their names, and another process's update
// would have written or removed some.
func (ix *Index) reload() error {
	ix.wait()
	names, err := segmentNames(ix.dir)
	if err != nil {
		return err
	}
	if ix.names != nil && slices.Equal(names, ix.names) && !slices.ContainsFunc(ix.segs, func(s *segment) bool { return s.bad }) {
		return nil
	}
	return ix.load()
}

// segmentNames lists the segment files in dir, oldest first.
func segmentNames(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err // an *fs.PathError: it names the folder
	}
	var names []string
	for _, e := range es {
		if n := e.Name(); strings.HasPrefix(n, "seg-") && strings.HasSuffix(n, ".bsx") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// Close releases the index's files.
func (ix *Index) Close() error {
	ix.wait()
	var errs []error
	for _, s := range ix.segs {
		if s.f != nil {
			errs = append(errs, s.f.Close())
			s.f = nil
		}
	}
	return errors.Join(errs...)
}

// Files is the number of issue files the index holds.
func (ix *Index) Files() int { ix.wait(); return len(ix.byPath) }

// Segments is the number of segments the index is kept in.
func (ix *Index) Segments() int { ix.wait(); return len(ix.segs) }

// Stale is the number of files the last search met that the index did
// not hold as they are now (new or changed), which it searched without
// the index.
func (ix *Index) Stale() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.stale
}

// NeedsUpdate reports whether Update would change the index after the
// last search: files it lacks, damaged or old segments, or small segments
// to merge. Files gone alone do not count: their entries cost only space,
// and go when their segment is next merged or rewritten (else every search
// after a file was removed would start an Update that changes nothing).
func (ix *Index) NeedsUpdate() bool {
	ix.wait()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.stale > 0 {
		return true
	}
	small := 0
	for _, s := range ix.segs {
		if s.bad || !s.versionOK {
			return true
		}
		if len(s.docs) < smallSegment {
			small++
		}
	}
	return small >= mergeSmall
}

// candidates computes, per segment, which docs may match m; nil for a
// segment means every doc may. A segment that fails a check is marked
// bad, and its files are then searched without the index.
func (ix *Index) candidates(m *Matcher) [][]uint64 {
	ix.wait()
	keys := queryKeys(m)
	out := make([][]uint64, len(ix.segs))
	if len(keys) == 0 {
		return out
	}
	for i, s := range ix.segs {
		if s.bad || !s.versionOK {
			continue
		}
		c, err := s.candidates(keys)
		if err != nil {
			// Damaged: never read again. Deleting it makes its files
			// stale, so that the next Update indexes them again.
			s.bad = true
			os.Remove(filepath.Join(ix.dir, s.name))
			continue
		}
		out[i] = c
	}
	return out
}

// fresh says where the index holds path as it is now (size and mtime).
func (ix *Index) fresh(path string, size, mtime int64) (docRef, bool) {
	ref, ok := ix.byPath[path]
	if !ok {
		return ref, false
	}
	s := ix.segs[ref.seg]
	e := &s.docs[ref.doc]
	return ref, !s.bad && e.size == size && e.mtime == mtime
}

// lookupDoc says whether the index holds path as it is now (size and
// mtime), and if so whether it may match under cand, held whether it holds
// path at all, and always whether the file is one the index cannot rule
// out (docAlways), which the search then parses untested.
func (ix *Index) lookupDoc(path string, size, mtime int64, cand [][]uint64) (fresh, may, held, always bool) {
	ref, ok := ix.byPath[path]
	if !ok {
		return false, true, false, false
	}
	s := ix.segs[ref.seg]
	e := s.docs[ref.doc]
	if s.bad || e.size != size || e.mtime != mtime {
		return false, true, true, false
	}
	if e.flags&docAlways != 0 {
		return true, true, true, true
	}
	c := cand[ref.seg]
	if c == nil {
		return true, true, true, false
	}
	return true, c[ref.doc>>6]&(1<<(ref.doc&63)) != 0, true, false
}

// endSearch records what a search found the index to lack.
func (ix *Index) endSearch(stale int) {
	ix.mu.Lock()
	ix.stale = stale
	ix.mu.Unlock()
}
