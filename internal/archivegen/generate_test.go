package archivegen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"bao/issues"
)

// Parsing a generated issue finds exactly the articles written into it.
func TestGeneratedIssuesParse(t *testing.T) {
	for i := 0; i < 40; i++ {
		g := GenerateIssue(1, i)
		is, err := issues.Parse([]byte(g.Text), "x.txt", issues.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range is.Articles {
			got = append(got, a.Headline)
		}
		if len(got) != len(g.Headlines) {
			t.Fatalf("issue %d: %d articles, want %d:\n got %q\nwant %q", i, len(got), len(g.Headlines), got, g.Headlines)
		}
		for j := range got {
			if got[j] != g.Headlines[j] {
				t.Errorf("issue %d article %d: headline %q, want %q", i, j, got[j], g.Headlines[j])
			}
			if is.Articles[j].Page != g.Pages[j] {
				t.Errorf("issue %d article %d: page %d, want %d", i, j, is.Articles[j].Page, g.Pages[j])
			}
			if is.Articles[j].Byline == "" {
				t.Errorf("issue %d article %d: no byline", i, j)
			}
			for _, b := range is.Articles[j].Blocks {
				if b.Kind == issues.KindText && !bytes.HasSuffix([]byte(b.Text), []byte("。")) {
					t.Errorf("issue %d article %d: paragraph not rejoined: %q", i, j, b.Text)
				}
			}
		}
		if is.DateString() != g.Date.Format("2006-01-02") {
			t.Errorf("issue %d: date %s, want %s", i, is.DateString(), g.Date.Format("2006-01-02"))
		}
	}
}

func TestGenerateDeterministicAndSized(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 40, 7); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, 40, 7); err != nil {
		t.Fatal(err)
	}
	var total int64
	gb := 0
	err := filepath.Walk(a, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", rel)
		}
		total += info.Size()
		is, err := issues.LoadFile(p, issues.LoadOptions{})
		if err != nil {
			t.Error(err)
			return nil
		}
		if is.Encoding == issues.EncGB18030 {
			gb++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if avg := total / 40; avg < 14<<10 || avg > 24<<10 {
		t.Errorf("average issue is %d bytes, want about 19 KB", avg)
	}
	if gb != 1 {
		t.Errorf("%d GB18030 issues among 40, want 1", gb)
	}
	lib, err := issues.OpenLibrary(a)
	if err != nil {
		t.Fatal(err)
	}
	if lib.Len() != 40 || lib.Entry(0).Date != Start || lib.Entry(39).Date != Start.AddDate(0, 0, 39) {
		t.Errorf("library of the archive: %d entries, first %v", lib.Len(), lib.Entry(0).Date)
	}
}

// BenchmarkParseGeneratedIssue parses one ~19 KB synthetic issue.
func BenchmarkParseGeneratedIssue(b *testing.B) {
	data := []byte(GenerateIssue(1, 0).Text)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := issues.Parse(data, "2015-01-01.txt", issues.LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate writes 100 issues.
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if err := Generate(b.TempDir(), 100, 1); err != nil {
			b.Fatal(err)
		}
	}
}
