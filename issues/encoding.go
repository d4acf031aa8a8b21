package issues

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	stdunicode "unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

//go:generate go run ./internal/gentables freq_table.go

// Encoding names as Decode reports them and LoadOptions.Encoding accepts
// (matching is case-insensitive and ignores "-" and "_"; common aliases such
// as "gbk", "cp936", "sjis", "cp949" and "utf16" are understood too).
const (
	EncUTF8     = "utf-8"
	EncUTF16LE  = "utf-16le"
	EncUTF16BE  = "utf-16be"
	EncGB18030  = "gb18030"
	EncBig5     = "big5"
	EncShiftJIS = "shift_jis"
	EncEUCJP    = "euc-jp"
	EncEUCKR    = "euc-kr"
)

// ErrBinary is returned for files that are not text.
var ErrBinary = errors.New("binary file, not text")

// legacyEncodings are the multi-byte encodings the detector tries, in the
// order that wins ties.
type legacyEncoding struct {
	name string
	enc  encoding.Encoding
	lang string // "zh", "ja", "ko": the language the encoding is for
}

var legacyEncodings = []legacyEncoding{
	{EncGB18030, simplifiedchinese.GB18030, "zh"},
	{EncBig5, traditionalchinese.Big5, "zh"},
	{EncShiftJIS, japanese.ShiftJIS, "ja"},
	{EncEUCJP, japanese.EUCJP, "ja"},
	{EncEUCKR, korean.EUCKR, "ko"},
}

// encodingByName resolves a user-given encoding name.
func encodingByName(name string) (string, encoding.Encoding, error) {
	key := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(name))
	switch key {
	case "utf8", "utf8bom":
		return EncUTF8, unicode.UTF8, nil
	case "utf16", "ucs2":
		return "utf-16", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), nil
	case "utf16le":
		return EncUTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), nil
	case "utf16be":
		return EncUTF16BE, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), nil
	case "gb18030", "gbk", "gb2312", "cp936", "euccn", "chinese":
		return EncGB18030, simplifiedchinese.GB18030, nil
	case "big5", "big5hkscs", "cp950":
		return EncBig5, traditionalchinese.Big5, nil
	case "shiftjis", "sjis", "cp932", "windows31j", "mskanji":
		return EncShiftJIS, japanese.ShiftJIS, nil
	case "eucjp":
		return EncEUCJP, japanese.EUCJP, nil
	case "euckr", "cp949", "uhc", "ksc5601", "korean":
		return EncEUCKR, korean.EUCKR, nil
	}
	return "", nil, fmt.Errorf("unknown encoding %q (known: utf-8, utf-16, gb18030, big5, shift_jis, euc-jp, euc-kr)", name)
}

// Decode turns the bytes of an issue file into UTF-8 text and names the
// encoding it found. With force != "" that encoding is used as given.
// Without, a byte-order mark decides; else valid UTF-8 is UTF-8; else each
// legacy CJK encoding is tried and the most plausible result wins (see
// detectLegacy). Files that look binary are refused with ErrBinary.
//
// The result is not yet cleaned: see cleanText for line ends, controls and NFC.
func Decode(data []byte, force string) (text string, enc string, err error) {
	if force != "" {
		name, e, err := encodingByName(force)
		if err != nil {
			return "", "", err
		}
		if name == EncUTF8 {
			data = bytes.TrimPrefix(data, utf8BOM)
			return strings.ToValidUTF8(string(data), "\uFFFD"), name, nil
		}
		out, err := e.NewDecoder().Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("decoding as %s: %w", name, err)
		}
		return string(out), name, nil
	}
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return strings.ToValidUTF8(string(data[3:]), "\uFFFD"), EncUTF8, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data, unicode.LittleEndian, EncUTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, unicode.BigEndian, EncUTF16BE)
	}
	if kind := binaryKind(data); kind != "" {
		if end, ok := bomlessUTF16(data); ok {
			name := EncUTF16LE
			if end == unicode.BigEndian {
				name = EncUTF16BE
			}
			return decodeUTF16(data, end, name)
		}
		return "", "", fmt.Errorf("%w (%s)", ErrBinary, kind)
	}
	if validUTF8(data) {
		return string(data), EncUTF8, nil
	}
	name, e, decoded := detectLegacy(data)
	if e == nil {
		// Not plausible in any legacy encoding: keep what is valid UTF-8.
		return strings.ToValidUTF8(string(data), "\uFFFD"), EncUTF8, nil
	}
	if name == EncUTF8 {
		return strings.ToValidUTF8(string(data), "\uFFFD"), name, nil
	}
	if decoded != nil {
		return string(decoded), name, nil // the detector decoded the whole file
	}
	out, err := decodeBytes(e, data)
	if err != nil {
		return "", "", fmt.Errorf("decoding as %s: %w", name, err)
	}
	return string(out), name, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// validUTF8 is utf8.Valid (and utf8.ValidString), faster on CJK text: a
// rune of three bytes led by E1–EC or EE–EF is valid with any two
// continuation bytes (E0 and ED bound their second byte: overlong forms,
// surrogates), and most of a Chinese, Japanese or Korean text is such
// runes; the rest go to utf8.DecodeRune.
func validUTF8[T string | []byte](p T) bool {
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if i+2 < len(p) && (c >= 0xE1 && c <= 0xEC || c >= 0xEE) && c <= 0xEF && p[i+1]&0xC0 == 0x80 && p[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		var buf [utf8.UTFMax]byte
		r, size := utf8.DecodeRune(buf[:copy(buf[:], p[i:])])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

func decodeUTF16(data []byte, end unicode.Endianness, name string) (string, string, error) {
	out, err := unicode.UTF16(end, unicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("decoding as %s: %w", name, err)
	}
	return string(out), name, nil
}

// bomlessUTF16 recognises UTF-16 without a byte-order mark by its zero bytes:
// text in the Latin or CJK ranges puts NULs (or very few distinct high bytes)
// at every other position.
func bomlessUTF16(data []byte) (unicode.Endianness, bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return unicode.LittleEndian, false
	}
	var zeroEven, zeroOdd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			zeroEven++
		}
		if data[i+1] == 0 {
			zeroOdd++
		}
	}
	pairs := n / 2
	switch {
	case zeroOdd*10 >= pairs*3 && zeroEven*20 < pairs:
		return unicode.LittleEndian, true
	case zeroEven*10 >= pairs*3 && zeroOdd*20 < pairs:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// binaryKind says why data is not text ("" if it may be text): a known file
// signature, a NUL byte, or too many control bytes in the first 8 KiB.
func binaryKind(data []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.kind
		}
	}
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return "contains NUL bytes"
	}
	ctrl := 0
	for _, b := range head {
		ctrl += int(ctrlBytes[b])
	}
	if ctrl > 8 && ctrl*20 > len(head) {
		return "too many control bytes"
	}
	return ""
}

// ctrlBytes has a 1 for each control byte binaryKind counts: below 0x20,
// but for line ends, tabs, form feeds and ESC. (A table: the comparisons
// cost 2 ns a byte over the head of every file.)
var ctrlBytes = func() (t [256]uint8) {
	for b := range 0x20 {
		if b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b {
			t[b] = 1
		}
	}
	return t
}()

var magics = []struct{ prefix, kind string }{
	{"%PDF-", "a PDF; extract its text first, e.g. pdftotext FILE.pdf"},
	{"\x89PNG", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"PK\x03\x04", "a ZIP archive"},
	{"\x1F\x8B", "gzip-compressed"},
	{"\x7FELF", "an executable"},
	{"BZh", "bzip2-compressed"},
	{"\xFD7zXZ\x00", "xz-compressed"},
	{"\xD0\xCF\x11\xE0", "an MS Office document"},
}

// detectSample is how many bytes the detector scores; the winner then
// decodes the whole file.
const detectSample = 64 << 10

// detectLegacy scores data decoded by each legacy encoding and returns the
// best, or a nil encoding when none is plausible. When the sample it scored
// is the whole of data, it also returns the winner's decoding of it (nil
// otherwise, and for UTF-8), so that Decode need not decode the file again.
//
// A wrong decoding of CJK bytes still yields mostly valid characters, so
// validity alone cannot decide: GBK reads EUC-KR, Big5 and EUC-JP bytes as
// valid Han characters. What differs is the distribution: a right decoding
// is dominated by the few thousand frequent characters of its language
// (frequentHan, frequentHangul), a wrong one is spread evenly over the whole
// code table, with stray symbols, private-use and replacement characters.
func detectLegacy(data []byte) (name string, enc encoding.Encoding, decoded []byte) {
	sample := data[:min(len(data), detectSample)]
	bestName, bestScore := "", 0.0
	var best encoding.Encoding
	var bestOut []byte
	truncated := len(sample) < len(data)
	// Mostly-UTF-8 with a few broken bytes (a cut download) stays UTF-8.
	if s := plausibility(bytes.ToValidUTF8(sample, []byte("\uFFFD")), truncated, ""); s > 0 {
		bestName, bestScore, best = EncUTF8, s, unicode.UTF8
	}
	for _, c := range legacyCandidates(sample) {
		out, err := decodeBytes(c.enc, sample)
		if err != nil {
			continue
		}
		s := plausibility(out, truncated, c.lang)
		if best == nil || s > bestScore {
			bestName, bestScore, best, bestOut = c.name, s, c.enc, out
		}
	}
	if bestScore < -0.5 {
		return "", nil, nil
	}
	if truncated || bestName == EncUTF8 {
		bestOut = nil
	}
	return bestName, best, bestOut
}

// legacyCandidates are the legacy encodings worth scoring on all of sample:
// those that score, on its first preselectBytes, within preselectMargin of
// the best of them. A wrong decoding is told from the right one by a few
// thousand characters (it scores 0.5 to 1.5 lower); scoring every candidate
// on the whole sample took a fifth of building the search index of an
// archive with one GB18030 issue in 37.
func legacyCandidates(sample []byte) []legacyEncoding {
	if len(sample) <= 2*preselectBytes {
		return legacyEncodings
	}
	head := sample[:preselectBytes]
	scores := make([]float64, len(legacyEncodings))
	best := math.Inf(-1)
	for i, c := range legacyEncodings {
		scores[i] = math.Inf(-1)
		if out, err := decodeBytes(c.enc, head); err == nil {
			scores[i] = plausibility(out, true, c.lang)
		}
		best = max(best, scores[i])
	}
	var keep []legacyEncoding
	for i, c := range legacyEncodings {
		if scores[i] >= best-preselectMargin {
			keep = append(keep, c)
		}
	}
	return keep
}

const (
	preselectBytes  = 4 << 10
	preselectMargin = 0.3
)

// decodeBytes decodes b with e, as e.NewDecoder().Bytes(b) does, into a
// buffer sized for CJK text from the start (two bytes of a legacy encoding
// become three of UTF-8); Bytes starts at len(b) and grows it, copying.
func decodeBytes(e encoding.Encoding, b []byte) ([]byte, error) {
	out, _, err := transform.Append(e.NewDecoder(), make([]byte, 0, len(b)+len(b)/2+16), b)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// plausibility rates decoded text: about +1 per non-ASCII character when the
// text looks like real CJK prose, negative when it looks like mojibake.
// truncated says the sample was cut, so a bad last character is forgiven;
// lang is the language of the encoding tried ("" for Unicode).
func plausibility(s []byte, truncated bool, lang string) float64 {
	if truncated {
		if i := bytes.LastIndexByte(s, '\n'); i > 0 {
			s = s[:i]
		}
	}
	var score float64
	var n int
	freq := frequentRunes()
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
				score -= 2
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		n++
		score += runeScore(r, lang, freq)
	}
	if n == 0 {
		return 0
	}
	return score / float64(n)
}

// runeScore is the weight of one non-ASCII rune in plausibility. Kana
// count fully only for a Japanese encoding: GB2312 and JIS X 0208 share their
// kana rows, so EUC-JP read as GBK keeps its kana and only the kanji go wrong.
func runeScore(r rune, lang string, freq *frequentSets) float64 {
	switch {
	case r == utf8.RuneError:
		return -10
	case r >= 0x4E00 && r <= 0x9FFF:
		if freq.han.has(r) {
			return 1
		}
		return -0.3
	case r >= 0x3400 && r <= 0x4DBF, r >= 0x20000:
		return -2 // rare extension Han: what GB18030 makes of foreign bytes
	case r >= 0xAC00 && r <= 0xD7A3:
		if freq.hangul.has(r) {
			return 1
		}
		return 0.6
	case r >= 0x3041 && r <= 0x30FF: // kana
		if lang == "zh" || lang == "ko" {
			return 0.3
		}
		return 0.8
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E: // CJK and full-width punctuation
		return 0.8
	case r == '“', r == '”', r == '‘', r == '’', r == '—', r == '…', r == '·':
		return 0.5
	case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana: Shift_JIS misreads
		return -0.5
	case r >= 0x3130 && r <= 0x318F: // Hangul compatibility jamo
		return -1
	case r >= 0xE000 && r <= 0xF8FF, r >= 0xF900 && r <= 0xFAFF:
		return -3 // private use, compatibility ideographs
	case r >= 0x80 && r <= 0x9F:
		return -3 // C1 controls
	case stdunicode.Is(stdunicode.Cyrillic, r), stdunicode.Is(stdunicode.Greek, r),
		r >= 0x2460 && r <= 0x27BF, r >= 0x2100 && r <= 0x21FF:
		return -0.5 // symbol rows that mojibake lands in
	}
	return -0.2
}

// frequentRunes returns the sets of frequentHan and frequentHangul as
// bitmaps over the blocks runeScore looks them up in. They are built on the
// detector's first use, not at package init: most files are UTF-8 and never
// reach the detector.
var frequentRunes = sync.OnceValue(func() *frequentSets {
	return &frequentSets{
		han:    newRuneBitmap(0x4E00, 0x9FFF, frequentHan),
		hangul: newRuneBitmap(0xAC00, 0xD7A3, frequentHangul),
	}
})

type frequentSets struct{ han, hangul runeBitmap }

// runeBitmap is a set of runes within [lo, hi].
type runeBitmap struct {
	lo, hi rune
	bits   []uint64
}

// newRuneBitmap holds the runes of s that fall within [lo, hi].
func newRuneBitmap(lo, hi rune, s string) runeBitmap {
	b := runeBitmap{lo: lo, hi: hi, bits: make([]uint64, (hi-lo)/64+1)}
	for _, r := range s {
		if r >= lo && r <= hi {
			b.bits[(r-lo)/64] |= 1 << ((r - lo) % 64)
		}
	}
	return b
}

func (b runeBitmap) has(r rune) bool {
	return r >= b.lo && r <= b.hi && b.bits[(r-b.lo)/64]&(1<<((r-b.lo)%64)) != 0
}
