package issues

import (
	_ "embed"
	"time"
)

// sampleText is a short invented issue in the damaged shape real files
// arrive in: form-feed pages with running heads and feet, a two-part
// headline, a bold banner over two lines, bylines standing alone and fused
// to the lead ("…记者 许安)眼下…", "本报讯（记者 何立）", "【本報訊】",
// "【東京＝山田太郎】", "[서울=홍길동 기자]"), paragraphs cut at column
// breaks, a headline printed after its story, sub-sections, captions and
// credits, in Simplified and Traditional Chinese, Japanese, Korean and
// English.
//
//go:embed sample/sample.txt
var sampleText []byte

// SampleName is the source name of the embedded sample issue.
const SampleName = "sample/江城晨报-2024-03-15.txt"

// Sample parses and returns the sample issue embedded in the binary (what
// `go run .` opens). Each call returns a fresh copy.
func Sample() *Issue {
	is, err := Parse(sampleText, SampleName, LoadOptions{})
	if err != nil {
		// The sample is part of the program; tests keep it parseable.
		panic("issues: embedded sample: " + err.Error())
	}
	is.Title = "江城晨报"
	is.Date = time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	is.Path = ""
	return is
}

// SampleBytes returns the raw bytes of the embedded sample issue.
func SampleBytes() []byte { return append([]byte(nil), sampleText...) }
