package issues

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"plain ASCII", "Night market returns", "Night market returns"},
		{"CJK and punctuation", "“报”—…《晨江日报》　第2版", "“报”—…《晨江日报》　第2版"},
		{"no-break and ideographic spaces are text", "a\u00a0b\u3000c", "a\u00a0b\u3000c"},
		{"combining marks and emoji", "e\u0301 👍🏽 가", "e\u0301 👍🏽 가"},
		{"a real replacement character", "a\uFFFDb", "a\uFFFDb"},
		{"white space controls become spaces", "a\tb\nc\vd\fe\rf", "a b c d e f"},
		{"CSI loses its ESC", "red \x1b[31mtext\x1b[0m", "red [31mtext[0m"},
		{"OSC title", "\x1b]0;owned\x07Daily", "]0;ownedDaily"},
		{"OSC 8 link and ST", "\x1b]8;;http://x\x1b\\link", "]8;;http://x\\link"},
		{"other C0 and DEL", "a\x00b\x01c\x7fd\x1fe", "abcde"},
		{"C1 controls: CSI, OSC, NEL", "a\u009b2Jb\u009dc\u0085d", "a2Jbcd"},
		{"an 8-bit CSI byte is invalid UTF-8", "a\x9b31mb", "a\uFFFD31mb"},
		{"invalid UTF-8, byte by byte", "\xff\xfe\xc2", "\uFFFD\uFFFD\uFFFD"},
		{"bidi overrides and isolates", "\u202aL\u202bR\u202cP\u202dO\u202e\u2066i\u2067\u2068\u2069", "LRPOi"},
		{"bidi marks", "a\u200eb\u200fc\u061cd", "abcd"},
		{"line and paragraph separators", "a\u2028b\u2029c", "abc"},
		{"punctuation between the bidi controls is text", "– — ‘ ’ “ ” … ‐ ‧ \u2027 \u2030", "– — ‘ ’ “ ” … ‐ ‧ \u2027 \u2030"},
		{"zero-width joiner and space are text", "👩\u200d💻\u200b", "👩\u200d💻\u200b"},
		{"empty", "", ""},
	} {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// A string that needs nothing comes back itself, not a copy.
func TestSanitizeKeepsCleanStrings(t *testing.T) {
	for _, s := range []string{"abc", "港口吞吐量创新高", "Łódź café", "a\uFFFDb"} {
		if got := Sanitize(s); got != s || !terminalSafe(s) {
			t.Errorf("Sanitize(%q) = %q (safe %v)", s, got, terminalSafe(s))
		}
		if n := testing.AllocsPerRun(10, func() { Sanitize(s) }); n != 0 {
			t.Errorf("Sanitize(%q): %v allocations, want 0", s, n)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "abc", "红\x1b[31m字", "\x9b2J", "\u009b2J", "\x1b]0;t\x07", "a\tb\r\n",
		"\u202eabc\u202c", "\u2066\u2069\u200e\u061c", "\xe2\x80", "\xe2\x80\xae", "\xc2", "\xc2\x85",
		"\xd8\x9c", "e\u0301", "\u2028\u2029", "\xef\xbf\xbd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", s, out)
		}
		for _, r := range out {
			if unsafeRune(r) {
				t.Fatalf("Sanitize(%q) = %q: holds %U", s, out, r)
			}
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Fatalf("Sanitize(%q) = %q: holds ESC", s, out)
		}
		if Sanitize(out) != out {
			t.Fatalf("Sanitize is not idempotent on %q", s)
		}
		// Valid text is unchanged; and the fast path says so exactly when
		// the slow one would change nothing.
		clean := utf8.ValidString(s)
		for _, r := range s {
			clean = clean && !unsafeRune(r)
		}
		if clean != (out == s) || terminalSafe(s) != (out == s) {
			t.Fatalf("Sanitize(%q) = %q: clean %v, terminalSafe %v", s, out, clean, terminalSafe(s))
		}
		// Nothing is added: every rune of the output stands for one of s.
		if utf8.RuneCountInString(out) > utf8.RuneCountInString(s) {
			t.Fatalf("Sanitize(%q) = %q: longer", s, out)
		}
	})
}

func BenchmarkSanitizeClean(b *testing.B) {
	s := strings.Repeat("本报讯 记者从市轨道交通集团获悉，江北新区地铁三号线土建工程已全部完工。", 4)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Sanitize(s)
	}
}
