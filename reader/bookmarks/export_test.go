package bookmarks

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bao/internal/testfiles"
	"bao/issues"
)

func TestResolveAndMarkdown(t *testing.T) {
	lib := t.TempDir()
	here := filepath.Join(lib, "here.txt")
	testfiles.WriteFile(t, here, "一份报纸")
	refHere, _ := RefForFile(here)
	moved := filepath.Join(lib, "renamed.txt")
	testfiles.WriteFile(t, moved, "另一份报纸")
	refMoved := RefForBytes(filepath.Join(lib, "old-name.txt"), []byte("另一份报纸"))
	refGone := IssueRef{Path: filepath.Join(lib, "gone.txt"), Hash: "ff", Size: 2}
	at := time.Date(2026, 11, 28, 8, 1, 0, 0, time.UTC)
	bs := []Bookmark{
		{ID: "1", Issue: refHere, Date: "2026-11-28", Title: "晨江日报", Headline: "地铁\n三号线", Anchor: Anchor{pos(0, 1, 0), "据介绍，三号线"}, Note: "第一行\n第二行", Created: at},
		{ID: "2", Issue: refMoved, Title: "晚报", Headline: "港口", Anchor: Anchor{pos(1, issues.BlockHeadline, 0), "港口"}, Created: at},
		{ID: "3", Issue: refGone, Headline: "旧闻", Created: at},
		{ID: "4", Issue: refHere, Date: "2026-11-28", Title: "晨江日报", Headline: "天气", Created: at},
	}
	list := Resolve(bs, new(Locator), walk(lib))
	for i, want := range []Status{Found, Moved, Missing, Found} {
		if list[i].Status != want {
			t.Errorf("%s: %v, want %v", bs[i].ID, list[i].Status, want)
		}
	}
	var sb strings.Builder
	if err := WriteMarkdown(&sb, list); err != nil {
		t.Fatal(err)
	}
	md := sb.String()
	for _, want := range []string{
		"## 2026-11-28 · 晨江日报\n",
		"### 地铁 三号线\n",
		"> 据介绍，三号线\n",
		"第一行  \n第二行\n",
		"<sub>article 1, paragraph 2 · marked 2026-11-28 08:01 UTC</sub>",
		"(moved from `" + refMoved.Path + "`)",
		"article 2, headline",
		"**file missing**",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	// Grouped by issue: both bookmarks of here.txt under one heading.
	if n := strings.Count(md, "## 2026-11-28 · 晨江日报"); n != 1 {
		t.Errorf("%d sections for one issue:\n%s", n, md)
	}
}

func TestAge(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Second, "just now"}, {time.Minute, "1 minute ago"}, {5 * time.Hour, "5 hours ago"},
		{49 * time.Hour, "2 days ago"}, {100 * 24 * time.Hour, "2026-08-20"},
	} {
		if got := Age(now.Add(-tt.ago), now); got != tt.want {
			t.Errorf("Age(-%v) = %q, want %q", tt.ago, got, tt.want)
		}
	}
}
