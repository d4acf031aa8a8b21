package bookmarks

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bao/issues"
)

// Add (lock, re-read, merge, atomic write with two fsyncs) against the
// anchor: a plain os.WriteFile of the same bytes, no lock, no fsync.
func BenchmarkAdd(b *testing.B) {
	for _, n := range []int{10, 1000} {
		dir := b.TempDir()
		s, _ := Open(dir)
		for i := range n {
			s.Add(Bookmark{Headline: fmt.Sprint("h", i), Note: "笔记", Anchor: Anchor{Quote: strings.Repeat("字", QuoteLen)}})
		}
		b.Run(fmt.Sprintf("bookmarks=%d/Store.Add", n), func(b *testing.B) {
			for b.Loop() {
				bm, _ := s.Add(Bookmark{Headline: "x"})
				s.Delete(bm.ID)
			}
		})
		data, _ := os.ReadFile(filepath.Join(dir, "bookmarks.json"))
		b.Run(fmt.Sprintf("bookmarks=%d/anchor-os.WriteFile-x2", n), func(b *testing.B) {
			p := filepath.Join(dir, "plain.json")
			for b.Loop() {
				os.WriteFile(p, data, 0o600)
				os.WriteFile(p, data, 0o600)
			}
		})
	}
}

// Reanchor on the real issue: exact hit, nearby after an edit, and the
// worst case (text gone: every piece searched in every article), against
// the anchor of one strings.Index of the quote over the issue's text.
func BenchmarkReanchor(b *testing.B) {
	is := loadSeed(b)
	last := len(is.Articles) - 1
	art := &is.Articles[last]
	bi := len(art.Blocks) - 1
	a := AnchorAt(is, pos(last, bi, 0))
	edited := cloneIssue(is)
	edited.Articles[last].Blocks = slices.Insert(edited.Articles[last].Blocks, 0, issues.Block{Text: "（更正）"})
	gone := Anchor{pos(0, 0, 0), "这段文字在本期任何地方都不存在的引文内容一二三四五六七八"}
	b.Run("exact", func(b *testing.B) {
		for b.Loop() {
			Reanchor(is, a)
		}
	})
	b.Run("nearby", func(b *testing.B) {
		for b.Loop() {
			Reanchor(edited, a)
		}
	})
	b.Run("lost-worst-case", func(b *testing.B) {
		for b.Loop() {
			Reanchor(is, gone)
		}
	})
	var all strings.Builder
	for i := range is.Articles {
		all.WriteString(articleText(&is.Articles[i]))
	}
	text := all.String()
	b.Run("anchor-strings.Index", func(b *testing.B) {
		for b.Loop() {
			strings.Index(text, gone.Quote)
		}
	})
}

// Locate a moved file in a library of 200 issue-sized files: first with
// nothing cached (every same-size file hashed), then with the Locator's
// cache, against the anchor of hashing one file.
func BenchmarkLocate(b *testing.B) {
	lib := b.TempDir()
	body := []byte(strings.Repeat("报纸正文。", 4000)) // 60 KB
	var paths []string
	for i := range 200 {
		p := filepath.Join(lib, fmt.Sprintf("%03d.txt", i))
		os.WriteFile(p, append(body, fmt.Sprint(i)...), 0o644)
		paths = append(paths, p)
	}
	ref, _ := RefForFile(paths[199])
	ref.Path = filepath.Join(lib, "gone.txt")
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			var l Locator
			if l.Locate(ref, slices.Values(paths)).Status != Moved {
				b.Fatal("not found")
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		var l Locator
		for b.Loop() {
			l.Locate(ref, slices.Values(paths))
		}
	})
	b.Run("anchor-hash-one-file", func(b *testing.B) {
		for b.Loop() {
			RefForFile(paths[0])
		}
	})
}
