package search

import (
	"bytes"
	"cmp"
	"slices"
	"sync"
	"unicode/utf8"
)

// The legacy-encoding prefilter: can a file in GB18030, Big5, Shift_JIS,
// EUC-JP or EUC-KR hold the terms, decided from its raw bytes, without
// decoding it?
//
// A file that is not UTF-8 is decoded by the parser in the encoding its
// detection picks, which a search does not know without paying for the
// detection. It must therefore rule a file out in each of the five
// encodings, and decoding a file five times costs more than parsing the
// few that match. These encodings are stateless: a character of the
// decoded text comes from one byte sequence of the file, and the decoder
// maps that sequence to it whatever comes around it. So the decoded text
// can hold a rune only if the raw bytes hold a sequence that decodes to
// it, and a file is decoded in an encoding only when, for every anchor
// rune of the terms (Matcher.anchors), its bytes hold a sequence that
// decodes to one of the rune's original forms.
//
// The sequences that decode to a rune are its canonical encoding (the
// encoder's) and the others listed in legacy_table.go: Big5, Shift_JIS and
// EUC-JP give some characters two codes (Shift_JIS 0x8790 and 0x81E0 are
// both ≒), and Big5 decodes a few codes to two characters (0x8862 is Ê̄).
// The table is derived from golang.org/x/text's decoders by decoding every
// sequence of one and two bytes, and EUC-JP's of three (TestLegacyTable-
// UpToDate); GB18030's four-byte sequences map one-to-one onto the
// characters outside GBK, so their canonical encodings are the only ones.
// TestLegacyFormsComplete checks it all against every sequence of every
// length.
//
// Finding a sequence at a place that is not a character boundary (the
// trail byte of one character and the lead of the next) is only a false
// alarm: the file is then decoded and checked as before.

// legacyDBCS are the indexes in legacyEncodings of the five multi-byte
// encodings the prefilter covers.
const legacyDBCS = 5

// legacyNames name the legacyDBCS encodings, for messages and the
// generated table's comments.
var legacyNames = [legacyDBCS]string{"GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR"}

// legacyTest is a Matcher's prefilter for files in the legacy encodings,
// built on first use (most archives have no such file).
type legacyTest struct {
	once sync.Once
	// seqs[e][i] are the byte sequences that decode, in legacyEncodings[e],
	// to an original form of the anchor rune m.anchors[i]. ok is false
	// when files cannot be tested from raw bytes: an anchor is U+FFFD,
	// which any broken byte decodes to.
	seqs [legacyDBCS][][][]byte
	ok   bool
}

// legacyIn reports whether data, decoded in legacyEncodings[e] (e below
// legacyDBCS), may hold every term of m: false only when some anchor rune
// cannot be in it.
func (m *Matcher) legacyIn(e int, data []byte) bool {
	lt := m.legacy
	lt.once.Do(func() { lt.build(m.anchors) })
	if !lt.ok {
		return true
	}
	for _, seqs := range lt.seqs[e] {
		found := false
		for _, s := range seqs {
			if legacyContains(e, data, s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// legacyContains reports whether data holds the sequence s where
// legacyEncodings[e]'s decoder reads a character: in GB18030 and Big5,
// whose characters the search delimits itself (a Chinese archive's
// legacy files are in these), an occurrence that straddles two characters
// (the trail byte of one and the lead of the next) does not count;
// that was most occurrences of a two-byte name, each a file decoded
// whole for nothing. In the other encodings any occurrence does.
func legacyContains(e int, data, s []byte) bool {
	switch e {
	case 0:
		return alignedContains(data, s, gb18030Step, 0x30)
	case 1:
		return alignedContains(data, s, big5Step, 0x40)
	}
	if len(s) == 1 {
		return bytes.IndexByte(data, s[0]) >= 0
	}
	return bytes.Contains(data, s)
}

// alignedContains reports whether s occurs in data at the start of a
// character, as step (the length of the character the decoder reads at
// data[i:]) delimits them from the start of data. A byte below low is
// never part of a longer character, so the character after it starts
// there: the delimiting starts again from the last such byte before an
// occurrence, not from the start of the file.
func alignedContains(data, s []byte, step func(d []byte, i int) int, low byte) bool {
	pos := 0 // where a character starts, at or before the next occurrence
	for from := 0; from < len(data); {
		j := bytes.Index(data[from:], s)
		if j < 0 {
			return false
		}
		p := from + j
		for k := p - 1; k >= pos; k-- {
			if data[k] < low {
				pos = k + 1
				break
			}
		}
		for pos < p {
			pos += step(data, pos)
		}
		if pos == p {
			return true
		}
		from = p + 1
	}
	return false
}

// gb18030Step is the length of the character golang.org/x/text's GB18030
// decoder reads at data[i:], invalid bytes included (each a U+FFFD of its
// own), as its Transform decides it at the end of the input.
func gb18030Step(d []byte, i int) int {
	c0 := d[i]
	if c0 < 0x81 || c0 == 0xFF || i+1 >= len(d) {
		return 1
	}
	switch c1 := d[i+1]; {
	case 0x40 <= c1 && c1 < 0x7F, 0x80 <= c1 && c1 < 0xFF:
		return 2
	case 0x30 <= c1 && c1 < 0x40:
		if i+3 >= len(d) {
			return 1
		}
		c2, c3 := d[i+2], d[i+3]
		if c2 < 0x81 || c2 == 0xFF || c3 < 0x30 || c3 >= 0x3A {
			return 1
		}
		r := ((rune(c0-0x81)*10+rune(c1-0x30))*126+rune(c2-0x81))*10 + rune(c3-0x30)
		if r < 39420 || 0 <= r-189000 && r-189000 < 0x100000 {
			return 4
		}
	}
	return 1
}

// big5Step is gb18030Step for the Big5 decoder.
func big5Step(d []byte, i int) int {
	if c0 := d[i]; c0 < 0x81 || c0 == 0xFF || i+1 >= len(d) || d[i+1] < 0x40 {
		return 1
	}
	return 2
}

func (lt *legacyTest) build(anchors [][][]byte) {
	// target[r] are the anchors r is an original form of.
	target := map[rune][]int{}
	for i, forms := range anchors {
		for _, f := range forms {
			r, _ := utf8.DecodeRune(f)
			target[r] = append(target[r], i)
		}
	}
	if _, bad := target[utf8.RuneError]; bad {
		return
	}
	lt.ok = true
	for e := range legacyDBCS {
		rev := legacySequences(e, target)
		lt.seqs[e] = make([][][]byte, len(anchors))
		for r, seqs := range rev {
			for _, i := range target[r] {
				lt.seqs[e][i] = append(lt.seqs[e][i], seqs...)
			}
		}
	}
}

// legacySequences returns, for each rune of target that legacyEncodings[e]
// can decode to, the byte sequences that decode to it: its canonical
// encoding and the others listed in legacyExtra.
func legacySequences(e int, target map[rune][]int) map[rune][][]byte {
	enc := legacyEncodings[e]
	extra := legacyExtra[e]
	rev := map[rune][][]byte{}
	for r := range target {
		if seq, err := enc.NewEncoder().Bytes([]byte(string(r))); err == nil {
			rev[r] = append(rev[r], seq)
		}
		i, _ := slices.BinarySearchFunc(extra, r, func(x legacyExtraSeq, r rune) int { return cmp.Compare(x.r, r) })
		for ; i < len(extra) && extra[i].r == r; i++ {
			rev[r] = append(rev[r], []byte(extra[i].seq))
		}
	}
	return rev
}
