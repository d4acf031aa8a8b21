//go:build gen

package search

import (
	"bytes"
	"slices"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The checks of the generated tables against their sources, run with
// `go test -tags gen ./reader/search` (the tests without the tag take the
// committed tables as they are, so a dependency update does not fail them).

// TestLegacyFormsComplete checks the prefilter's premise against the
// decoders, sequence by sequence: whatever sequence of one to four bytes
// decodes to a character, the sequences legacySequences gives for that
// character include it or a part of it. A sequence missing here would let
// a file that holds the character be ruled out.
func TestLegacyFormsComplete(t *testing.T) {
	for e := range legacyDBCS {
		t.Run(legacyNames[e], func(t *testing.T) {
			all := decodeEverySequence(e)
			target := map[rune][]int{}
			for _, d := range all {
				for _, r := range d.text {
					target[r] = nil
				}
			}
			rev := legacySequences(e, target)
			missing := 0
			for _, d := range all {
				for _, r := range d.text {
					if !slices.ContainsFunc(rev[r], func(s []byte) bool { return bytes.Contains(d.seq, s) }) {
						if missing++; missing <= 5 {
							t.Errorf("% X decodes to %q but is not listed for %U", d.seq, d.text, r)
						}
					}
				}
			}
			t.Logf("%d sequences decode to %d characters; %d extra sequences", len(all), len(target), len(legacyExtra[e]))
			if len(all) < 7000 {
				t.Errorf("only %d sequences decode: the enumeration is broken", len(all))
			}
		})
	}
	// GB18030's four-byte sequences map one-to-one onto the characters
	// outside GBK, so the canonical encoding is the only one: check that
	// every four-byte sequence is its character's canonical encoding.
	if testing.Short() {
		t.Skip("1.6 million four-byte sequences")
	}
	enc := simplifiedchinese.GB18030
	dec, encd := enc.NewDecoder(), enc.NewEncoder()
	seq := make([]byte, 4)
	checked := 0
	for a := 0x81; a <= 0xFE; a++ {
		for b := 0x30; b <= 0x39; b++ {
			for c := 0x81; c <= 0xFE; c++ {
				for d := 0x30; d <= 0x39; d++ {
					seq[0], seq[1], seq[2], seq[3] = byte(a), byte(b), byte(c), byte(d)
					out, err := dec.Bytes(seq)
					if err != nil || bytes.Contains(out, []byte("\uFFFD")) || utf8.RuneCount(out) != 1 {
						continue
					}
					checked++
					if back, err := encd.Bytes(out); err != nil || !bytes.Equal(back, seq) {
						t.Fatalf("% X decodes to %q, which encodes back to % X (%v)", seq, out, back, err)
					}
				}
			}
		}
	}
	if checked < 1_000_000 {
		t.Errorf("only %d four-byte sequences decode", checked)
	}
}
