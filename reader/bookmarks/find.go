package bookmarks

import (
	"errors"
	"fmt"
	"iter"

	"bao/issues"
)

// ErrMissing is the error of Find for a bookmark whose issue file is gone.
var ErrMissing = errors.New("issue file missing")

// Target is where a bookmark leads now.
type Target struct {
	Path     string          // the issue file, maybe moved
	Ref      IssueRef        // of the file as it is now
	Issue    *issues.Issue   // as loaded
	Position issues.Position // where the marked text is now (see Match)
	Status   Status          // Found, Moved or Changed
	Match    Match           // Exact, Nearby, Elsewhere, or Lost (then Position is near the old place)
}

// Find locates b's issue (in library when it moved; library may be nil),
// loads it with load (the reader's loader, with its cache and encoding
// options) and re-anchors the position. A gone file gives ErrMissing. When
// the Status is not Found or the Match not Exact, the caller may store
// the new place with Store.SetAnchor(b.ID, t.Ref, AnchorAt(t.Issue,
// t.Position)) so the next jump is exact.
func Find(b Bookmark, l *Locator, library iter.Seq[string], load func(path string) (*issues.Issue, error)) (Target, error) {
	loc := l.Locate(b.Issue, library)
	if loc.Status == Missing {
		if loc.Err != nil {
			return Target{Status: Missing}, fmt.Errorf("%w: %s: %w", ErrMissing, b.Issue.Path, loc.Err)
		}
		return Target{Status: Missing}, fmt.Errorf("%w: %s", ErrMissing, b.Issue.Path)
	}
	ref := b.Issue
	ref.Path = loc.Path
	if loc.Status == Changed {
		var err error
		if ref, err = RefForFile(loc.Path); err != nil {
			return Target{Status: loc.Status}, err
		}
	}
	is, err := load(loc.Path)
	if err != nil {
		return Target{Path: loc.Path, Ref: ref, Status: loc.Status}, err
	}
	pos, m := Reanchor(is, b.Anchor)
	return Target{Path: loc.Path, Ref: ref, Issue: is, Position: pos, Status: loc.Status, Match: m}, nil
}
