package layout

import "unicode"

// This file is justification: spreading a line's slack so that it ends
// exactly at the column edge, newspaper style. In a terminal the slack comes
// in whole cells, and a cell is a quarter of a Han character's body more
// than any typesetter would add between two characters of one word: so
// slack goes only where a reader accepts a gap, and a line that has no such
// place stays short (ragged by those cells) rather than being spread.
//
// The places, in the order they take slack (clreq §3.2 "Adjustment of
// character spacing" widens the spaces between words and the Han–Western
// gaps first; jlreq §3.8 adjusts at punctuation first):
//
//  1. beside narrow punctuation that stands for CJK punctuation: after an
//     ASCII , . : ; ! ? in CJK text, and beside a CJK quotation mark the
//     ambiguous-width policy draws one cell wide (“ ” ‘ ’ under narrow) —
//     a full-width mark squeezed to half its body, which the cell gives its
//     body back;
//  2. at a script boundary between Han, kana or Hangul and a Latin word or
//     token (the quarter-em gap of clreq §3.3 and pangu-style spacing:
//     使用 iPhone 的), but not beside a bare number, which reads as one word
//     with its CJK unit or counter (3月14日, 50公斤);
//  3. at the spaces already in the text (Korean, Latin words).
//
// Never between two ideographs, kana or Hangul of one run, never inside a
// number, token or grapheme cluster (those are no break opportunities), and
// never after full-width punctuation (its blank half is already there):
//
//	不搞大 拆大建，“城市客厅”的    (old: slack between Han characters)
//	不搞大拆大建，“城市客厅” 的    (slack beside the narrow quote)
//	不搞大拆大建，城市客厅的       (no place for it: the line stays short)

// maxGapCells is the most cells justification adds to one gap: one, half
// a CJK character. A line whose slack would need more is left ragged rather
// than spaced out into a row of loose characters.
const maxGapCells = 1

// justify distributes slack cells over the acceptable gaps of runes
// [s, end) into e.gapx (cells to add at each of e.gaps) and returns the
// cells added: slack, or 0 when the line cannot take it all.
func (e *engine) justify(s, end, slack, maxGap int) int {
	ri := e.ri
	// The gaps: break opportunities inside the line that are one of the
	// three places, sorted by tier.
	e.gaps, e.wgaps, e.qgaps, e.pgaps = e.gaps[:0], e.wgaps[:0], e.qgaps[:0], e.pgaps[:0]
	for k := s + 1; k < end; k++ {
		if !ri[k].can || (isHan(ri[k-1].r) && isHan(ri[k].r)) {
			continue // the common case, between two ideographs: never
		}
		switch {
		case e.isPunctGap(k):
			e.qgaps = append(e.qgaps, int32(len(e.gaps)))
		case e.isScriptGap(k):
			e.pgaps = append(e.pgaps, int32(len(e.gaps)))
		case ri[k-1].cls == clsSpace:
			e.wgaps = append(e.wgaps, int32(len(e.gaps)))
		default:
			continue
		}
		e.gaps = append(e.gaps, int32(k))
	}
	gaps := len(e.gaps)
	if gaps == 0 || slack > gaps*maxGap {
		return 0
	}
	e.gapx = grow(e.gapx, gaps)
	clear(e.gapx)
	left := slack
	// Tier by tier, as far as the slack goes, spread evenly (the t-th cell
	// to the gap at the centre of the t-th equal share); then, when every
	// gap has a cell and maxGap allows more, round again.
	for left > 0 {
		for _, tier := range [][]int32{e.qgaps, e.pgaps, e.wgaps} {
			if w := len(tier); w > 0 && left > 0 {
				give := min(left, w)
				for t := range give {
					e.gapx[tier[spreadAt(t, give, w)]]++
				}
				left -= give
			}
		}
	}
	return slack
}

// baseOf is the rune a combining mark or the like at i (clsAttach) is
// attached to, counting back over the marks: i itself when it is none,
// and never below 0 (-1 stays -1).
func (e *engine) baseOf(i int) int {
	for i > 0 && e.ri[i].cls == clsAttach {
		i--
	}
	return i
}

// isPunctGap reports whether the break before rune k is just after narrow
// punctuation standing for CJK punctuation — an ASCII , . : ; ! ? with a
// CJK character on one side, a closing quote drawn one cell wide — or just
// before an opening quote drawn one cell wide.
func (e *engine) isPunctGap(k int) bool {
	ri := e.ri
	p := e.baseOf(k - 1)
	if (ri[p].w == 1 && isCJKQuote(ri[p].r)) || (ri[k].w == 1 && isCJKQuote(ri[k].r)) {
		return true
	}
	switch ri[p].r {
	case ',', '.', ':', ';', '!', '?':
		q := e.baseOf(p - 1)
		return (q >= 0 && isCJKLetter(ri[q].r)) || isCJKLetter(ri[k].r)
	}
	return false
}

// isScriptGap reports whether the break before rune k is between a Han,
// kana or Hangul character and a Latin word or token with at least one
// letter in it (H9774, iPhone, 5G; not 2026 or 12.5%).
func (e *engine) isScriptGap(k int) bool {
	ri := e.ri
	p := e.baseOf(k - 1)
	switch {
	case isCJKLetter(ri[p].r) && isLatinToken(ri[k].r):
		for j := k; j < e.n && (isLatinToken(ri[j].r) || ri[j].cls == clsAttach); j++ {
			if isLatinLetter(ri[j].r) {
				return true
			}
		}
	case isLatinToken(ri[p].r) && isCJKLetter(ri[k].r):
		for j := p; j >= 0 && (isLatinToken(ri[j].r) || ri[j].cls == clsAttach); j-- {
			if isLatinLetter(ri[j].r) {
				return true
			}
		}
	}
	return false
}

// isCJKLetter reports whether r is a Han ideograph, a kana or a Hangul
// syllable or jamo: a character of CJK words, not punctuation.
func isCJKLetter(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case isHan(r), r >= 0x3041 && r <= 0x30FF && r != 0x30FB && r != 0x30A0, r >= 0xAC00 && r <= 0xD7A3:
		return true
	case r >= 0x2000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return false // punctuation, symbols, full-width forms
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) && unicode.IsLetter(r)
}

// isLatinLetter reports whether r is a narrow letter of the Latin script
// (ASCII, Latin-1, Latin Extended A and B and Additional; not the
// full-width Ａ–ｚ, which are CJK-wide).
func isLatinLetter(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	case r < 0x250, r >= 0x1E00 && r <= 0x1EFF:
		return unicode.Is(unicode.Latin, r)
	}
	return false
}

// isLatinToken reports whether r belongs to a Western word or token beside
// CJK text: a Latin letter, an ASCII digit, or one of the signs a token
// holds inside (+ . % - _ / &).
func isLatinToken(r rune) bool {
	return isTokenChar(r) || isLatinLetter(r) || r == '-' || r == '_' || r == '/' || r == '&'
}

// isHan reports whether r is a CJK Unified Ideograph of the basic block.
func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// isCJKQuote reports whether r is one of the curly quotation marks that
// CJK text uses and East Asian Width classes Ambiguous (UAX #11).
func isCJKQuote(r rune) bool { return r == '“' || r == '”' || r == '‘' || r == '’' }

// spreadAt is the gap (of n) that the t-th of total cells goes to when
// total cells are spread evenly over n gaps: the centre of the t-th share.
//
//	spreadAt(t, 2, 4) for t = 0, 1: 1 3
//	spreadAt(0, 1, 5): 2
func spreadAt(t, total, n int) int {
	return (2*t + 1) * n / (2 * total)
}
