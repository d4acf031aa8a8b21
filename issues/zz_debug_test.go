package issues

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	path := os.Getenv("BAO_DEBUG_FILE")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	text := decodedInput(t, data)
	paras, _ := paginateKeep(cleanText(text))
	var es []elem
	for _, p := range paras {
		es = classify(es, p)
	}
	markRepeats(es)
	markBylineParts(es)
	promoteHeadlines(es)
	for _, e := range es {
		r := []rune(e.text)
		fmt.Printf("%d p%d %q by=%q\n", e.kind, e.page, string(r[:min(len(r), 30)]), e.byline)
	}
}
