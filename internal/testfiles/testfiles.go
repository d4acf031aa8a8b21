// Package testfiles writes the invented issue files that the tests of
// several packages read: a file or a tree of them in a test's temporary
// folder, and the libraries more than one package's tests share.
package testfiles

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// WriteFile writes text to path, making the folders it needs; a failure
// fails the test.
func WriteFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Tree writes files, slash-separated paths to their text, into a new
// temporary folder, and returns the folder.
func Tree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		WriteFile(t, filepath.Join(dir, filepath.FromSlash(name)), text)
	}
	return dir
}

// Daily writes n issues of a daily paper into dir, one a day from first:
// the i-th holds text(i) at dir/DATE.txt, DATE the day in layout (as
// time.Format has it: "2006-01-02", "2006/01/2006-01-02").
func Daily(t testing.TB, dir string, first time.Time, n int, layout string, text func(i int) string) {
	t.Helper()
	for i := range n {
		day := first.AddDate(0, 0, i)
		WriteFile(t, filepath.Join(dir, filepath.FromSlash(day.Format(layout))+".txt"), text(i))
	}
}

// Numbered is head followed by n paragraphs, the i-th paragraph (a format
// with one %d) with its number i from 1, each ending in a blank line: a
// long article in which any place can be recognised after a re-flow.
func Numbered(head, paragraph string, n int) string {
	var b strings.Builder
	b.WriteString(head)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, paragraph+"\n\n", i)
	}
	return b.String()
}

// SearchLibrary writes a library of four issues of one paper into a new
// temporary folder and returns it: 书房 is in the three newest
// (2024-05-06, 2024-04-01, 2023-12-28), not in 2023-11-11.
func SearchLibrary(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for i, date := range []string{"2024-05-06", "2024-04-01", "2023-12-28", "2023-11-11"} {
		body := "街角开了一家咖啡馆。"
		if i < 3 {
			body = fmt.Sprintf("第%d期：街角的书房开到深夜，来读书的多是附近的年轻人。", i+1)
		}
		WriteFile(t, filepath.Join(dir, date+".txt"), fmt.Sprintf("河畔晚报\n\n社区消息%d\n\n%s\n", i+1, body))
	}
	return dir
}
