package issues

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"bao/internal/testfiles"
)

// TestWalkSameEntriesHoweverGiven: a file's date and title come out the
// same whether its library is opened on one folder, on two, on a folder
// below the paper's, from inside it, or on the file itself (with two
// paths the shelf used to show a/2024/03/01.txt undated, titled "01").
func TestWalkSameEntriesHoweverGiven(t *testing.T) {
	dir := testfiles.Tree(t, map[string]string{
		"a/2024/03/01.txt":        "标题\n\n正文。\n",
		"a/2024/03/02.txt":        "标题\n\n正文。\n",
		"b/gazette-2023-11-05.md": "# Headline\n\nBody.\n",
		"b/notes.txt":             "no date here\n",
	})
	t.Chdir(dir)
	type got struct{ date, title string }
	entriesOf := func(t *testing.T, paths ...string) map[string]got {
		t.Helper()
		es, errs, err := Walk(context.Background(), paths, nil)
		if err != nil || len(errs) > 0 {
			t.Fatalf("Walk(%q): %v %v", paths, err, errs)
		}
		out := map[string]got{}
		for _, e := range es {
			abs, _ := filepath.Abs(e.Path)
			out[abs] = got{e.Date.Format(time.DateOnly), e.Title}
		}
		return out
	}
	abs := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	want := map[string]got{
		abs("a/2024/03/01.txt"):        {"2024-03-01", "a"},
		abs("a/2024/03/02.txt"):        {"2024-03-02", "a"},
		abs("b/gazette-2023-11-05.md"): {"2023-11-05", "gazette-2023-11-05"},
		abs("b/notes.txt"):             {"0001-01-01", "notes"},
	}
	for _, tc := range []struct {
		name  string
		paths []string
	}{
		{"one folder each", []string{"a"}},
		{"two folders", []string{"a", "b"}},
		{"two folders, the other way", []string{"b", "a"}},
		{"absolute", []string{abs("a"), abs("b")}},
		{"a year folder", []string{"a/2024"}},
		{"a month folder and a file", []string{"a/2024/03", "b/notes.txt"}},
		{"the files", []string{"a/2024/03/01.txt", "a/2024/03/02.txt", "b/gazette-2023-11-05.md"}},
		{"a trailing slash", []string{"a/", "b/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gotAll := entriesOf(t, tc.paths...)
			for p, g := range gotAll {
				if w, ok := want[p]; !ok || g != w {
					t.Errorf("%s: %+v, want %+v", p, g, w)
				}
			}
		})
	}
	t.Run("from inside the year", func(t *testing.T) {
		t.Chdir(filepath.Join(dir, "a", "2024"))
		for p, g := range entriesOf(t, "03") {
			if w := want[p]; g != w {
				t.Errorf("%s: %+v, want %+v", p, g, w)
			}
		}
	})
}

// TestWalkOrderAndRules: library order (date, undated last, then path),
// hidden files and folders and other extensions skipped, links to files
// followed, the listing the same as Walk's on one path in several.
func TestWalkOrderAndRules(t *testing.T) {
	dir := testfiles.Tree(t, map[string]string{
		"2024/01/02.txt":         "x\n",
		"2024/01/01.txt":         "x\n",
		"2023/12/31.md":          "x\n",
		"zz-undated.txt":         "x\n",
		"aa-undated":             "x\n",
		".hidden/2024-02-01.txt": "x\n",
		".2024-02-02.txt":        "x\n",
		"photo.jpg":              "x\n",
	})
	if runtime.GOOS != "windows" {
		symlink(t, filepath.Join(dir, "2024/01/01.txt"), filepath.Join(dir, "link-2024-03-01.txt"))
		symlink(t, filepath.Join(dir, "2024"), filepath.Join(dir, "loop"))
	}
	es, errs, err := Walk(context.Background(), []string{dir}, nil)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var rels []string
	for _, e := range es {
		rels = append(rels, e.Rel)
	}
	want := "2023/12/31.md 2024/01/01.txt 2024/01/02.txt link-2024-03-01.txt aa-undated zz-undated.txt"
	if runtime.GOOS == "windows" {
		want = "2023/12/31.md 2024/01/01.txt 2024/01/02.txt aa-undated zz-undated.txt"
	}
	if got := strings.Join(rels, " "); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
	if _, _, err := Walk(context.Background(), []string{filepath.Join(dir, "missing")}, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing path: %v", err)
	}
}

// TestWalkStreamsAndCancels: found sees every entry once, one call at a
// time; a cancelled context stops the walk with its error.
func TestWalkStreamsAndCancels(t *testing.T) {
	files := map[string]string{}
	for y := 2000; y < 2010; y++ {
		for m := 1; m <= 12; m++ {
			files[fmt.Sprintf("%d/%02d/01.txt", y, m)] = "x\n"
		}
	}
	dir := testfiles.Tree(t, files)
	var mu sync.Mutex
	inside, seen := 0, map[string]int{}
	es, _, err := Walk(context.Background(), []string{dir}, func(batch []Entry) {
		mu.Lock()
		inside++
		if inside > 1 {
			t.Error("found called concurrently")
		}
		mu.Unlock()
		for _, e := range batch {
			seen[e.Rel]++
		}
		mu.Lock()
		inside--
		mu.Unlock()
	})
	if err != nil || len(es) != len(files) || len(seen) != len(files) {
		t.Fatalf("%d entries, %d seen, want %d: %v", len(es), len(seen), len(files), err)
	}
	for rel, n := range seen {
		if n != 1 {
			t.Errorf("%s found %d times", rel, n)
		}
	}
	if !sort.SliceIsSorted(es, func(i, j int) bool { return es[i].Date.Before(es[j].Date) }) {
		t.Error("not in date order")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Walk(ctx, []string{dir}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk: %v", err)
	}
}

// TestWalkErrors: an unreadable folder is a *FileError "path: reason",
// and the rest is listed.
func TestWalkErrors(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a folder the user cannot read (not root, not Windows)")
	}
	dir := testfiles.Tree(t, map[string]string{"ok/2024-01-01.txt": "x\n", "locked/2024-01-02.txt": "x\n"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	es, errs, err := Walk(context.Background(), []string{dir}, nil)
	if err != nil || len(es) != 1 || len(errs) != 1 {
		t.Fatalf("%v %v %v", es, errs, err)
	}
	var fe *FileError
	if !errors.As(errs[0], &fe) || fe.Path != locked || !strings.HasPrefix(errs[0].Error(), locked+": ") {
		t.Errorf("error %q, want %s: reason", errs[0], locked)
	}
}

// TestWalkDanglingLink: a link to a file that is gone is reported as
// "path: reason", and the rest is listed (any user can make one).
func TestWalkDanglingLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := testfiles.Tree(t, map[string]string{"2024-01-01.txt": "x\n"})
	link := filepath.Join(dir, "2024-01-02.txt")
	symlink(t, filepath.Join(dir, "gone.txt"), link)
	lib, err := OpenLibrary(dir)
	if err != nil || lib.Len() != 1 {
		t.Fatal(err)
	}
	errs := lib.Errors()
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), link+": ") || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("errors %v, want one %s: reason", errs, link)
	}
}

// TestEntryTitleIsTitleFromPath: the title a listing gives a file (with
// its folder's title worked out once) is titleFromPath's of its path.
func TestEntryTitleIsTitleFromPath(t *testing.T) {
	for _, p := range []string{"/news/lhasa-daily/2024/01/02.txt", "/news/lhasa-daily/2024-01-02.txt", "/2024/01/02.txt",
		"/x/gazette.md", "/x/2024/notes", "/a/b.c/2024.01.02.txt", "/a/2024-01/01", "/1999/12/31.txt"} {
		e := entryIn(p, filepath.Base(p), filepath.Dir(p), filepath.Base(p), folderTitle(filepath.Dir(p)), 0, time.Time{})
		if want := titleFromPath(p); e.Title != want {
			t.Errorf("%s: title %q, titleFromPath %q", p, e.Title, want)
		}
	}
}

// TestWalkByPath: WalkWith's ByPath gives the entries in order of path,
// as a sort of the paths would, with folder and file names that sort
// around "/" (a-b, a.txt and a0 beside the folder a), page PDFs grouped,
// and the same entries as Walk; NoStat leaves regular files' size and time
// zero and still follows links.
func TestWalkByPath(t *testing.T) {
	dir := testfiles.Tree(t, map[string]string{
		"a/2024-01-02.txt":     "x\n",
		"a/b/2024-01-01.txt":   "x\n",
		"a-b/2024-01-03.txt":   "x\n",
		"a.txt":                "x\n",
		"a0.txt":               "x\n",
		"A.md":                 "x\n",
		"z/2024-02-01-p1.pdf":  "%PDF-1.4\n",
		"z/2024-02-01-p2.pdf":  "%PDF-1.4\n",
		"z/2024-02-01.txt":     "x\n",
		"z/y/2024-03-01.TXT":   "x\n",
		"zz/x/w/2024-04-01.md": "x\n",
	})
	if runtime.GOOS != "windows" {
		symlink(t, filepath.Join(dir, "a.txt"), filepath.Join(dir, "a/link.txt"))
	}
	walk := func(opt WalkOptions) []Entry {
		t.Helper()
		es, errs, err := WalkWith(context.Background(), []string{dir}, opt)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		return es
	}
	lib := walk(WalkOptions{})
	for _, noStat := range []bool{false, true} {
		es := walk(WalkOptions{ByPath: true, NoStat: noStat})
		if !slices.IsSortedFunc(es, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) }) {
			var paths []string
			for _, e := range es {
				paths = append(paths, e.Rel)
			}
			t.Errorf("NoStat %v: not in order of path: %q", noStat, paths)
		}
		if len(es) != len(lib) {
			t.Fatalf("NoStat %v: %d entries, Walk gives %d", noStat, len(es), len(lib))
		}
		byPath := map[string]Entry{}
		for _, e := range lib {
			byPath[e.Path] = e
		}
		for _, e := range es {
			want, ok := byPath[e.Path]
			if !ok {
				t.Errorf("%s: not in Walk's listing", e.Rel)
				continue
			}
			if noStat && len(e.Parts) == 0 && !strings.HasSuffix(e.Path, "link.txt") {
				if e.Size != 0 || !e.ModTime.IsZero() {
					t.Errorf("%s: NoStat gave size %d, time %v", e.Rel, e.Size, e.ModTime)
				}
				want.Size, want.ModTime = 0, time.Time{}
			}
			if noStat && len(e.Parts) > 0 {
				want.Size, want.ModTime = e.Size, e.ModTime // the pages' sum, of nothing
			}
			if !reflect.DeepEqual(e, want) {
				t.Errorf("NoStat %v: %+v\nWalk gives %+v", noStat, e, want)
			}
		}
	}
}

// symlink makes newname a link to oldname; the tests' links are part of
// their set-up, so a failure ends the test.
func symlink(t *testing.T, oldname, newname string) {
	t.Helper()
	if err := os.Symlink(oldname, newname); err != nil {
		t.Fatal(err)
	}
}
