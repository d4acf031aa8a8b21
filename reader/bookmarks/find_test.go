package bookmarks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bao/internal/testfiles"
	"bao/issues"
)

func TestFind(t *testing.T) {
	lib := t.TempDir()
	path := filepath.Join(lib, "a.txt")
	text := "江北新区地铁三号线年底试运行\n\n据介绍，三号线全长二十四公里，设站十八座，其中换乘站五座。\n\n沿线居民表示，通车后去老城区上班单程可节省约四十分钟。"
	testfiles.WriteFile(t, path, text)
	ref, _ := RefForFile(path)
	load := func(p string) (*issues.Issue, error) { return issues.LoadFile(p, issues.LoadOptions{}) }
	is, err := load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(is.Articles) == 0 || len(is.Articles[0].Blocks) < 2 {
		t.Fatalf("the parser no longer cuts the fixture into an article of two paragraphs: %+v", is.Articles)
	}
	b := NewBookmark(is, ref, pos(0, 1, 7), "")
	var l Locator

	tg, err := Find(b, &l, walk(lib), load)
	if err != nil || tg.Status != Found || tg.Match != Exact || tg.Position != b.Position {
		t.Fatalf("unchanged: %+v %v", tg, err)
	}

	moved := filepath.Join(lib, "sub", "renamed.txt")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	os.Rename(path, moved)
	tg, err = Find(b, &l, walk(lib), load)
	if err != nil || tg.Status != Moved || tg.Path != moved || tg.Ref.Path != moved || tg.Ref.Hash != ref.Hash || tg.Match != Exact {
		t.Fatalf("moved: %+v %v", tg, err)
	}

	// Edited in place: a sentence added before the marked one.
	testfiles.WriteFile(t, moved, strings.Replace(text, "沿线居民", "（更正）沿线居民", 1))
	b.Issue.Path = moved
	tg, err = Find(b, &l, nil, load)
	if err != nil || tg.Status != Changed || tg.Ref.Hash == ref.Hash || tg.Match != Nearby {
		t.Fatalf("changed: %+v %v", tg, err)
	}
	if got, _ := blockText(tg.Issue, tg.Position.Article, tg.Position.Block); !strings.HasPrefix(got[byteOffset(got, tg.Position.Offset):], b.Quote) {
		t.Errorf("changed: lands on %q, want %q", got, b.Quote)
	}

	os.Remove(moved)
	if _, err := Find(b, &l, walk(lib), load); !errors.Is(err, ErrMissing) {
		t.Fatalf("deleted: %v", err)
	}
}

func TestReadingForChangedFile(t *testing.T) {
	s := openT(t, t.TempDir())
	old := IssueRef{Path: "/news/a.txt", Hash: "h1"}
	must(t, s.SetPosition(old, Anchor{pos(2, 0, 5), "引文"}))
	if _, same, ok := s.ReadingFor(old); !ok || !same {
		t.Errorf("same file: ok=%v same=%v", ok, same)
	}
	st, same, ok := s.ReadingFor(IssueRef{Path: "/news/a.txt", Hash: "h2"})
	if !ok || same || st.Position.Quote != "引文" {
		t.Errorf("changed file: %+v same=%v ok=%v", st, same, ok)
	}
	if _, _, ok := s.ReadingFor(IssueRef{Path: "/news/b.txt", Hash: "h3"}); ok {
		t.Error("state for an unknown file")
	}
}
