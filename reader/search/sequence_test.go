package search

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSeqIn: the sequence test across the folding rules, and its answer
// where the rune test lets a text through.
func TestSeqIn(t *testing.T) {
	tests := []struct {
		query, text string
		want        bool
	}{
		{"罗婷", "记者罗婷报道", true},
		{"罗婷", "记者罗\n婷报道", true},      // a PDF line break
		{"罗婷", "记者罗\r\n  婷报道", true},  // CRLF and indent
		{"罗婷", "记者罗\u3000婷", true},    // ideographic space
		{"罗婷", "记者罗\u200b婷", true},    // a format character
		{"罗婷", "記者羅婷", true},          // Traditional
		{"罗婷", "羅\uF90F婷", true},      // compatibility ideograph before
		{"羅婷", "记者罗婷", true},          // typed Traditional
		{"罗婷", "罗马的婷婷", false},        // both runes, not in sequence
		{"罗婷", "罗，婷", false},          // punctuation is not dropped
		{"罗婷", "婷罗", false},           // order
		{"罗婷", "罗", false},            // at the end of the text
		{"罗婷 说", "罗婷说", true},         // two terms
		{"罗婷 说", "罗婷", false},         //
		{"新变化", "新 變\n化", true},       //
		{"平成", "令和元年は㍻31年の次", true},   // ㍻ folds to 平成
		{"成", "㍻", true},              // anchor inside a fold of two runes
		{"成年", "㍻年", true},            //
		{"平成年", "平成 年", true},         //
		{"ｐｍ2.5", "PM2.5", true},      // no anchor: always in
		{"pm２．５罗", "PM 2.5\n罗", true}, // anchor after ASCII
		{"pm２．５罗", "PM 2.6罗", false},  // the ASCII before the anchor too
		{"ガイダンス", "ｶﾞｲﾀﾞﾝｽ", true},    // half-width kana, voicing marks
		{"ガイ", "ガイ", true},            //
		{"한국", "한 국", true},           // Hangul
		{"罗婷", "记者罗\xff婷", false},     // an invalid byte is U+FFFD
		{"Lhasa罗", "LHASA\n罗", true},  //
		{"a罗b", "A罗 B", true},         // ASCII after the anchor, case-folded
		{"a罗b", "A罗 C", false},        //
	}
	for _, tt := range tests {
		m := mustCompile(t, tt.query)
		if got, _ := m.seqIn([]byte(tt.text)); got != tt.want {
			t.Errorf("seqIn(%q, %q) = %v, want %v", tt.query, tt.text, got, tt.want)
		}
		// Where the rune test passes a text, the sequence test must answer
		// as folding and looking does.
		if m.runesIn([]byte(tt.text)) {
			folded := AppendFold(nil, []byte(tt.text))
			in, settled := m.seqIn([]byte(tt.text))
			if settled && in != m.allIn(folded) {
				t.Errorf("%q in %q: seqIn settled %v, folding says %v", tt.query, tt.text, in, m.allIn(folded))
			}
			if !in && m.allIn(folded) {
				t.Errorf("%q in %q: seqIn rules out a text that holds it", tt.query, tt.text)
			}
		}
	}
}

// TestSeqInAgreesWithFolding: on random texts of runes chosen to hit every
// folding rule (forms, drops, multi-rune folds, invalid bytes), the
// sequence test answers exactly whether the folded text contains the term.
func TestSeqInAgreesWithFolding(t *testing.T) {
	alphabet := []string{"罗", "羅", "\uF90F", "婷", "马", "新", "變", "变", "化", "平", "成", "㍻", "年",
		" ", "\n", "\r\n", "\u3000", "\u200b", "\u00ad", "，", "a", "A", "ａ", "b", "2", "２", ".",
		"ｶ", "ﾞ", "カ", "ガ", "\u3099", "\xff", "\xe7\xbd", "\xbd", "é", "e\u0301", "ß", "ss", "ﬀ", "f"}
	queries := []string{"罗婷", "羅婷", "新变化", "平成", "成年", "成", "罗a", "a罗", "a罗b2", "ガ", "カ\u3099ガ",
		"罗\u3099", "é", "ß罗", "罗ss", "罗ff", "\ufffd罗"}
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for _, q := range queries {
		a, ok := newSeqAnchor([]byte(Fold(q)))
		if !ok {
			t.Logf("%q: no anchor", q)
			continue
		}
		for range 3000 {
			var b strings.Builder
			for range rng.IntN(12) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			// Plant the query's runes now and then, so that matches occur.
			if rng.IntN(3) == 0 {
				for _, r := range q {
					b.WriteRune(r)
					if rng.IntN(3) == 0 {
						b.WriteString(alphabet[rng.IntN(len(alphabet))])
					}
				}
			}
			text := []byte(b.String())
			want := bytes.Contains(AppendFold(nil, text), a.term)
			if got := a.in(text); got != want {
				t.Fatalf("%q (folded %q) in %q: seqIn %v, folding says %v", q, a.term, text, got, want)
			}
			if want {
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d texts held the query: the test tests little", checked)
	}
}

// TestIndexRuneAt: scanning for any byte of a form finds its first
// occurrence, as bytes.Index does, at the edges of the text too.
func TestIndexRuneAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"婷", "罗", "\xe5", "\xa9", "\xb7", "\xe5\xa9", "\xa9\xb7", "a", "·", "娘"}
	for _, form := range []string{"婷", "·", "😀", "é"} {
		enc := []byte(form)
		for range 2000 {
			var b strings.Builder
			for range rng.IntN(10) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			data := []byte(b.String())
			want := bytes.Index(data, enc)
			for k := range enc {
				if got := indexRuneAt(data, enc, k); got != want {
					t.Fatalf("indexRuneAt(%q, %q, %d) = %d, want %d", data, enc, k, got, want)
				}
			}
		}
	}
}

// TestSeqInRareProbe: over a text long enough for the anchor to choose the
// byte it scans for, and one where the last byte of 婷 (B7) is common and
// its middle byte (A9) rare, the term is found wherever it is planted.
func TestSeqInRareProbe(t *testing.T) {
	filler := strings.Repeat("张·李·", probeSample/len("张·李·")+1) // · is C2 B7
	m := mustCompile(t, "罗婷")
	if got := pickProbes([][]byte{[]byte("婷")}, []byte(filler)); got[0] != 1 {
		t.Errorf("pickProbes chose byte %d of 婷 in a text full of B7, want 1 (A9)", got[0])
	}
	for _, text := range []string{
		filler,                   // not in: chooses the probes
		"罗婷" + filler,            // at the start
		filler + "罗婷",            // at the end
		filler + "罗\n婷" + filler, // across a line break
		filler[:len(filler)/2] + "羅婷" + filler, // Traditional
	} {
		want := bytes.Contains(AppendFold(nil, []byte(text)), []byte(Fold("罗婷")))
		if got, _ := m.seqIn([]byte(text)); got != want {
			t.Errorf("seqIn on %d bytes = %v, want %v", len(text), got, want)
		}
	}
	if p := m.seqs[0].probes.Load(); p == nil {
		t.Error("no probes chosen after a long text")
	}
}
