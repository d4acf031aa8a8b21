package issues

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"bao/issues/pdf"
)

// LoadOptions control how an issue file is read.
type LoadOptions struct {
	// Encoding forces a text encoding by name ("gb18030", "big5",
	// "shift_jis", "euc-jp", "euc-kr", "utf-8", "utf-16"); "" detects it.
	Encoding string
	// MaxSize refuses files larger than this many bytes; 0 means
	// DefaultMaxSize (DefaultMaxPDFSize for a PDF file, read page by page
	// where it lies).
	MaxSize int64
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// PDF reads PDF issues; nil means one engine shared by the process,
	// started on the first PDF.
	PDF *pdf.Engine
}

// DefaultMaxSize is the largest issue file read unless told otherwise.
const DefaultMaxSize = 64 << 20

// ErrTooLarge is returned for files over LoadOptions.MaxSize.
var ErrTooLarge = errors.New("file too large")

func (opt LoadOptions) maxSize() int64 {
	if opt.MaxSize > 0 {
		return opt.MaxSize
	}
	return DefaultMaxSize
}

// LoadFile reads and parses one issue file; "-" reads standard input.
// A PDF is read from its pages' geometry (pdfload.go). Errors name the
// file and the reason, on one line: "x.zip: binary file, not text (…)".
func LoadFile(path string, opt LoadOptions) (*Issue, error) {
	if path != "-" {
		if is, ok, err := loadPDFFile(path, opt); ok {
			return is, err
		}
	}
	data, err := readLimited(path, opt)
	if err != nil {
		return nil, err
	}
	return Parse(data, path, opt)
}

// safeName is a file name fit for a one-line error: quoted (so the name
// can still be told exactly) when Sanitize would change it, that is when it
// holds a control (a newline, an escape), a bidi control or invalid UTF-8
// that would break the line or reach the terminal.
func safeName(name string) string {
	if Sanitize(name) != name {
		return strconv.Quote(name)
	}
	return name
}

func readLimited(path string, opt LoadOptions) ([]byte, error) {
	limit := opt.maxSize()
	name := safeName(path)
	var r io.Reader
	if path == "-" {
		r = opt.Stdin
		if r == nil {
			r = os.Stdin
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				pe.Path = safeName(pe.Path)
			}
			return nil, err // *PathError names the file
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			if st.IsDir() {
				return nil, fmt.Errorf("%s: is a directory", name)
			}
			if st.Size() > limit {
				return nil, fmt.Errorf("%s: %w (%d bytes, limit %d)", name, ErrTooLarge, st.Size(), limit)
			}
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w (over %d bytes)", name, ErrTooLarge, limit)
	}
	return data, nil
}

// Parse parses the bytes of one issue file; name is used for the source,
// the title and the date when the text carries none, and its extension
// (".md", ".markdown") selects Markdown; other files are Markdown when they
// open with front matter or use "#" headings.
func Parse(data []byte, name string, opt LoadOptions) (*Issue, error) {
	if opt.MaxSize > 0 && int64(len(data)) > opt.MaxSize {
		return nil, fmt.Errorf("%s: %w (%d bytes, limit %d)", safeName(name), ErrTooLarge, len(data), opt.MaxSize)
	}
	if isPDF(data) {
		return parsePDF(data, name, opt)
	}
	text, enc, err := Decode(data, opt.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", safeName(name), err)
	}
	text = cleanText(text)
	is := &Issue{Source: name, Path: name, Encoding: enc}
	if name == "-" {
		is.Path = ""
	}

	var paras []rawPara
	var furn []Furniture
	var mdTitle string
	fm, body, hasFM := splitFrontMatter(text)
	ext := strings.ToLower(filepath.Ext(name))
	if hasFM || ext == ".md" || ext == ".markdown" || (ext != ".txt" && looksMarkdown(text)) {
		is.Format = FormatMarkdown
		paras, mdTitle = parseMarkdown(body)
	} else {
		is.Format = FormatText
		if strings.Contains(text, "\f") {
			is.Format = FormatPDFText
		}
		body := text
		if looksLaidOut(body) {
			body = readLayout(body)
		}
		paras, furn = paginateKeep(body)
	}
	es := make([]elem, 0, len(paras)+len(paras)/8) // room for a few captions' credits
	for _, p := range paras {
		es = classify(es, p)
	}
	markRepeats(es)
	markBylineParts(es)
	promoteHeadlines(es)
	es = mergeContinuations(es)
	is.Articles, is.Unassigned = assembleKeep(es)
	is.Furniture = mergeFurniture(furn, es)

	is.Edition = cleanLine(fm.edition)
	if fm.source != "" {
		is.Source = cleanLine(fm.source)
	} else {
		is.Source = cleanLine(is.Source)
	}
	is.Title = cleanLine(firstNonEmpty(fm.title, mdTitle, paperName(is.Furniture), titleFromPath(name)))
	if d, ok := parseDateString(fm.date); ok {
		is.Date = d
	} else if d, ok := dateFromPath(name); ok {
		is.Date = d
	} else if d, ok := dateFromText(text); ok {
		is.Date = d
	}
	return is, nil
}

// cleanLine makes a metadata string safe for one line on a terminal: no
// controls at all (not even tab or newline: see Sanitize), NFC, spaces
// squeezed.
func cleanLine(s string) string {
	return squeezeSpace(Sanitize(cleanText(s)))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
