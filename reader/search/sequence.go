package search

import (
	"bytes"
	"sync/atomic"
	"unicode/utf8"
)

// The sequence prefilter: does the folded form of a raw UTF-8 text contain
// a folded term, decided without folding the text?
//
// The rune prefilter (runesIn) only asks that each rune of a term occur
// somewhere; for a name of two common characters (罗婷) most issues pass it
// and are then folded whole. Here the text is scanned for every raw form of
// one rune of the term (婷 in 罗婷; 罗 would be 罗, 羅 or U+F90F), and from each occurrence the
// following runes are folded one at a time, with the fold table itself, and
// compared with the rest of the term. Runes that fold to nothing (white
// space, line breaks, U+3000, format characters) are skipped as folding
// skips them:
//
//	term 罗婷, text "…罗\n婷…"  → 罗 found, \n folds to nothing, 婷 = 婷: in
//	term 罗婷, text "…羅 婷…"   → 羅 folds to 罗, then 婷: in
//	term 罗婷, text "…罗马…婷…" → 马 ≠ 婷 at every 罗: not in
//
// The runes before the anchor are folded and compared the same way,
// backwards. Because folding maps each rune on its own, this answers
// exactly bytes.Contains(AppendFold(nil, text), term), invalid bytes
// folding to U+FFFD as in AppendFold.

// seqAnchor is the sequence test for one term.
type seqAnchor struct {
	// forms are the raw UTF-8 forms of the anchor rune, and places[i] the
	// folded bytes that must come before and after forms[i] for the term
	// to be in the text: one entry for each place the anchor rune
	// can be inside the form's folding (one, except for folds of several
	// runes such as ㍻ → 平成).
	forms  [][]byte
	places [][]seqPlace
	term   []byte // folded
	// probes[i] is the byte of forms[i] the scan looks for (see
	// pickProbes); nil until a text long enough to tell has been seen,
	// and the last byte meanwhile.
	probes *atomic.Pointer[[]int]
}

// seqPlace is what must surround one form of the anchor rune.
type seqPlace struct{ before, after []byte }

// newSeqAnchor builds the test for the folded term nd, anchored at the
// non-ASCII rune with the fewest raw forms (the rarest to scan for: 婷
// rather than 罗, which has Traditional forms), provided it has at most
// maxAnchorForms; ok is false when the term has none (ASCII terms such as
// PM2.5, which the other tests handle). U+FFFD is never the anchor, as
// any byte that is not UTF-8 folds to it.
func newSeqAnchor(nd []byte) (a seqAnchor, ok bool) {
	k, best := -1, []string(nil)
	for i, r := range string(nd) {
		if r < utf8.RuneSelf || r == utf8.RuneError {
			continue
		}
		if src := sources(r); len(src) <= maxAnchorForms && (k < 0 || len(src) < len(best)) {
			k, best = i, src
		}
	}
	if k < 0 {
		return a, false
	}
	_, size := utf8.DecodeRune(nd[k:])
	anchor := nd[k : k+size]
	a.term = nd
	a.probes = new(atomic.Pointer[[]int])
	for _, s := range best {
		f := AppendFold(nil, []byte(s))
		var places []seqPlace
		for o := 0; o < len(f); {
			j := bytes.Index(f[o:], anchor)
			if j < 0 {
				break
			}
			o += j
			pre := min(o, k)
			post := min(len(f)-o, len(nd)-k)
			if bytes.Equal(f[o-pre:o], nd[k-pre:k]) && bytes.Equal(f[o:o+post], nd[k:k+post]) {
				places = append(places, seqPlace{before: nd[:k-pre], after: nd[k+post:]})
			}
			o++
		}
		if len(places) > 0 {
			a.forms = append(a.forms, []byte(s))
			a.places = append(a.places, places)
		}
	}
	return a, len(a.forms) > 0
}

// in reports whether the folded form of the UTF-8 text data contains the
// term.
func (a *seqAnchor) in(data []byte) bool {
	t := foldTableGet()
	probes := a.probesFor(data)
	for fi, form := range a.forms {
		places := a.places[fi]
		k := len(form) - 1
		if probes != nil {
			k = probes[fi]
		}
		for i := 0; ; {
			j := indexRuneAt(data[i:], form, k)
			if j < 0 {
				break
			}
			start := i + j
			i = start + len(form)
			for _, p := range places {
				if t.foldsTo(data[i:], p.after) && t.foldsBackTo(data[:start], p.before) {
					return true
				}
			}
		}
	}
	return false
}

// probeSample is the text a seqAnchor needs to have seen to choose the
// bytes it scans for, and the most of it that it counts.
const (
	probeSample    = 4 << 10
	probeSampleMax = 64 << 10
)

// probesFor returns the byte of each form to scan for, choosing them from
// data when none are chosen yet and data is long enough to tell; nil means
// the last byte of each.
func (a *seqAnchor) probesFor(data []byte) []int {
	if p := a.probes.Load(); p != nil {
		return *p
	}
	if len(data) < probeSample {
		return nil
	}
	p := pickProbes(a.forms, data[:min(len(data), probeSampleMax)])
	a.probes.CompareAndSwap(nil, &p)
	return *a.probes.Load()
}

// pickProbes chooses, for each form, the byte that is rarest in sample.
// The scan stops at every occurrence of the byte it looks for: in Chinese
// text the lead bytes of three-byte sequences (0xE4–0xE9) are a third of
// all bytes, and continuation bytes are far from equally common (婷 is E5
// A9 B7; in generated news text B7 is one byte in 140, A9 one in 650), so
// the rarest byte of the form means several times fewer stops than its
// last. Which byte is scanned for changes only the speed, never the
// answer; ties keep the last byte.
func pickProbes(forms [][]byte, sample []byte) []int {
	probes := make([]int, len(forms))
	var counts [256]int
	var counted [256]bool
	for fi, form := range forms {
		best := len(form) - 1
		for k := len(form) - 1; k >= 0; k-- {
			c := form[k]
			if !counted[c] {
				counts[c], counted[c] = bytes.Count(sample, form[k:k+1]), true
			}
			if counts[c] < counts[form[best]] {
				best = k
			}
		}
		probes[fi] = best
	}
	return probes
}

// indexRune is the index of the first UTF-8 sequence enc in data, or -1,
// looking for its last byte first: in CJK text that is a continuation
// byte, rarer than the lead bytes and so faster to scan for.
func indexRune(data, enc []byte) int { return indexRuneAt(data, enc, len(enc)-1) }

// indexRuneAt is the index of the first UTF-8 sequence enc in data, or -1,
// found by its byte enc[k] (see pickProbes), then compared whole.
func indexRuneAt(data, enc []byte, k int) int {
	probe := enc[k]
	for i := k; i < len(data)-(len(enc)-1-k); {
		j := bytes.IndexByte(data[i:], probe)
		if j < 0 {
			return -1
		}
		i += j
		if i+len(enc)-k > len(data) {
			return -1
		}
		if string(data[i-k:i-k+len(enc)]) == string(enc) {
			return i - k
		}
		i++
	}
	return -1
}

// foldsBackTo reports whether the folding of data ends with want, folding
// rune by rune from the end, as foldsTo does from the start.
func (t *foldTable) foldsBackTo(data, want []byte) bool {
	var tmp [utf8.UTFMax]byte
	for i := len(data); len(want) > 0; {
		if i <= 0 {
			return false
		}
		c := data[i-1]
		if c < utf8.RuneSelf {
			i--
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c <= ' ' || c == 0x7F:
				continue
			}
			if want[len(want)-1] != c {
				return false
			}
			want = want[:len(want)-1]
			continue
		}
		r, n := utf8.DecodeLastRune(data[:i])
		i -= n
		var ok bool
		if r < 0x10000 {
			switch e := t.bmp[r]; {
			case e == 0:
				want, ok = consumeFoldBack(tmp[:utf8.EncodeRune(tmp[:], r)], want)
			case e == foldDrop:
				continue
			case e&foldMultiFlag != 0:
				want, ok = consumeFoldBack(t.multi[e&^foldMultiFlag], want)
			default:
				want, ok = consumeFoldBack(tmp[:utf8.EncodeRune(tmp[:], rune(e))], want)
			}
		} else if f, found := astroFold(r); found {
			want, ok = consumeFoldBack(f, want)
		} else {
			want, ok = consumeFoldBack(tmp[:utf8.EncodeRune(tmp[:], r)], want)
		}
		if !ok {
			return false
		}
	}
	return true
}

// consumeFoldBack matches one rune's folding f against the end of want and
// returns what is left of want; a folding longer than what is left needs
// only to end with it.
func consumeFoldBack[S ~string | ~[]byte](f S, want []byte) ([]byte, bool) {
	if len(f) >= len(want) {
		return nil, string(f[len(f)-len(want):]) == string(want)
	}
	if string(f) != string(want[len(want)-len(f):]) {
		return want, false
	}
	return want[:len(want)-len(f)], true
}

// foldsTo reports whether the folding of data starts with want, folding
// rune by rune as appendFold does and stopping at the first difference.
func (t *foldTable) foldsTo(data, want []byte) bool {
	var tmp [utf8.UTFMax]byte
	for i := 0; len(want) > 0; {
		if i >= len(data) {
			return false
		}
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c <= ' ' || c == 0x7F:
				continue
			}
			if want[0] != c {
				return false
			}
			want = want[1:]
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		i += n
		var ok bool
		if r < 0x10000 {
			switch e := t.bmp[r]; {
			case e == 0:
				want, ok = consumeFold(tmp[:utf8.EncodeRune(tmp[:], r)], want)
			case e == foldDrop:
				continue
			case e&foldMultiFlag != 0:
				want, ok = consumeFold(t.multi[e&^foldMultiFlag], want)
			default:
				want, ok = consumeFold(tmp[:utf8.EncodeRune(tmp[:], rune(e))], want)
			}
		} else if f, found := astroFold(r); found {
			want, ok = consumeFold(f, want)
		} else {
			want, ok = consumeFold(tmp[:utf8.EncodeRune(tmp[:], r)], want)
		}
		if !ok {
			return false
		}
	}
	return true
}

// consumeFold matches one rune's folding f against the start of want and
// returns what is left of want; a folding longer than what is left needs
// only to begin with it.
func consumeFold[S ~string | ~[]byte](f S, want []byte) ([]byte, bool) {
	if len(f) >= len(want) {
		return nil, string(f[:len(want)]) == string(want)
	}
	if string(f) != string(want[:len(f)]) {
		return want, false
	}
	return want[len(f):], true
}

// seqIn reports whether the UTF-8 text data passes the sequence test of
// every term that has one, and whether that settles that every term is in
// its folded form (every term has one).
func (m *Matcher) seqIn(data []byte) (in, settled bool) {
	for i := range m.seqs {
		if !m.seqs[i].in(data) {
			return false, true
		}
	}
	return true, m.seqWhole
}
