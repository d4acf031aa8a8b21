package issues

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// IsPDFName reports whether a file name is a PDF's.
func IsPDFName(name string) bool { return strings.EqualFold(filepath.Ext(name), ".pdf") }

// GroupPDFPages groups PDF paths into issues: e-paper sites publish one PDF
// per page, and the pages of one date in one folder are one issue. Pages
// group by folder and by the name left when the page number is taken off
// ("rmrb2024101601.pdf" and "rmrb2024101602.pdf" are pages 1 and 2 of
// "rmrb20241016"; "2024-10-16/A01.pdf" and "2024-10-16/B03.pdf" share the
// folder and an empty name). Each group is in page order (section letter,
// then number); groups are in the order of their first path.
//
//	GroupPDFPages([]string{"d/02.pdf", "d/01.pdf", "x.pdf"})
//	// [[d/01.pdf d/02.pdf] [x.pdf]]
func GroupPDFPages(paths []string) [][]string {
	type key struct{ dir, prefix string }
	var order []key
	groups := map[key][]string{}
	for i, p := range paths {
		prefix, _, _, ok := pdfPageNameOK(p)
		k := key{filepath.Dir(p), prefix}
		if !ok {
			k = key{p, "\x00" + strconv.Itoa(i)} // a file of its own
		}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	out := make([][]string, 0, len(order))
	for _, k := range order {
		g := groups[k]
		sort.SliceStable(g, func(i, j int) bool {
			_, si, ni := pdfPageName(g[i])
			_, sj, nj := pdfPageName(g[j])
			if si != sj {
				return si < sj
			}
			if ni != nj {
				return ni < nj
			}
			return g[i] < g[j]
		})
		out = append(out, g)
	}
	return out
}

// pdfPageName splits a page PDF's name into the issue's part, the section
// letter and the page number: "rmrb2024101601" → "rmrb20241016", "", 1;
// "A01" → "", "A", 1; "page-3" → "page", "", 3 (the separator and a "p"
// or "page" before the number are dropped only when nothing else is left).
func pdfPageName(path string) (prefix, section string, page int) {
	prefix, section, page, _ = pdfPageNameOK(path)
	return
}

func pdfPageNameOK(path string) (prefix, section string, page int, ok bool) {
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	end := len(stem)
	start := end
	for start > 0 && stem[start-1] >= '0' && stem[start-1] <= '9' {
		start--
	}
	digits := stem[start:]
	switch n := len(digits); {
	case n >= 9 && n <= 11:
		// A date run on into the page number: 20241016 + 01.
		if _, ok := dateFromPath(digits[:8]); ok {
			page, _ = strconv.Atoi(digits[8:])
			return stem[:start+8], "", page, true
		}
		return stem, "", 0, false
	case n >= 1 && n <= 3:
		if _, dated := dateFromPath(stem); dated {
			if _, still := dateFromPath(stem[:start] + "x"); !still {
				return stem, "", 0, false // the digits end a date: "2024-10-16"
			}
		}
		page, _ = strconv.Atoi(digits)
		rest := stem[:start]
		// A section letter before the number: "A01", "rmrb-B03".
		if l := len(rest); l > 0 && isASCIILetter(rest[l-1]) && (l == 1 || !isASCIILetter(rest[l-2])) {
			section = strings.ToUpper(rest[l-1:])
			rest = rest[:l-1]
		}
		rest = strings.TrimRight(rest, "-_ .")
		if low := strings.ToLower(rest); low == "p" || low == "page" {
			rest = ""
		}
		return rest, section, page, true
	}
	return stem, "", 0, false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
