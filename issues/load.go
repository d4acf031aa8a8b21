package issues

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// LoadOptions control how an issue file is read.
type LoadOptions struct {
	// Encoding forces a text encoding by name ("gb18030", "big5",
	// "shift_jis", "euc-jp", "euc-kr", "utf-8", "utf-16"); "" detects it.
	Encoding string
	// MaxSize refuses files larger than this many bytes; 0 means DefaultMaxSize.
	MaxSize int64
}

// DefaultMaxSize is the largest issue file read unless told otherwise.
const DefaultMaxSize = 64 << 20

// LoadFile reads and parses one issue file; "-" reads standard input.
// Errors name the file and the reason.
//
// TODO(parser): placeholder until the real parser lands.
func LoadFile(path string, opt LoadOptions) (*Issue, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Parse(data, path, opt)
}

// Parse parses the bytes of one issue file; name is used for the source,
// the title and the date when the text carries none.
//
// TODO(parser): placeholder until the real parser lands.
func Parse(data []byte, name string, opt LoadOptions) (*Issue, error) {
	is := &Issue{Title: name, Source: name}
	var art *Article
	for _, para := range bytes.Split(data, []byte("\n\n")) {
		t := strings.TrimSpace(string(para))
		if t == "" {
			continue
		}
		if art == nil {
			is.Articles = append(is.Articles, Article{Headline: t, Page: 1})
			art = &is.Articles[len(is.Articles)-1]
			continue
		}
		art.Blocks = append(art.Blocks, Block{Kind: KindText, Text: t})
	}
	return is, nil
}
