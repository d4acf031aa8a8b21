package search

import (
	"bao/issues"
)

// searchPDF searches a PDF issue (one file, or the page files of one date)
// through the text its pages' geometry gives: a PDF's raw bytes are
// compressed streams in which neither the prefilter nor the index can see
// a word, so PDFs are always parsed, and never ruled out by the index.
func searchPDF(file File, m *Matcher, opt *Options) fileResult {
	var fr fileResult
	parts := file.Parts
	if len(parts) == 0 {
		parts = []string{file.Path}
	}
	is, err := issues.LoadPDF(parts, issues.LoadOptions{})
	if err != nil {
		fr.err = err
		return fr
	}
	if !is.HasDate() && !file.Date.IsZero() {
		is.Date = file.Date
	}
	fr.results = MatchIssue(is, m, opt)
	return fr
}
