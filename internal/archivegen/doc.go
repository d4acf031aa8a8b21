// Package archivegen writes a deterministic synthetic archive of daily
// newspaper issues for benchmarks and tests: plain-text Chinese city-paper
// issues in YYYY/MM/YYYY-MM-DD.txt folders, damaged the way PDF extraction
// damages real ones (form-feed pages with running heads and feet, bylines
// fused to leads, paragraphs cut at column breaks, headlines after their
// body, bold banners, sub-sections, captions and credits), a few of them in
// GB18030 with CRLF line ends. The same seed always writes the same bytes.
package archivegen
