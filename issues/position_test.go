package issues

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestPlaceLessReadingOrder(t *testing.T) {
	// In reading order: the head part by part, then the body.
	order := []Place{
		{Block: -9, Offset: 0}, // no part of the head: before it
		{Block: BlockKicker, Offset: 0},
		{Block: BlockKicker, Offset: 5},
		{Block: BlockHeadline, Offset: 0},
		{Block: BlockHeadline, Offset: 3},
		{Block: BlockSubheadline, Offset: 0},
		{Block: BlockByline, Offset: 2},
		{Block: 0, Offset: 0},
		{Block: 0, Offset: 1 << 30},
		{Block: 1, Offset: 0},
		{Block: 12, Offset: 7},
	}
	for i, p := range order {
		for j, q := range order {
			if got := p.Less(q); got != (i < j) {
				t.Errorf("%+v.Less(%+v) = %v, want %v", p, q, got, i < j)
			}
		}
	}
	shuffled := slices.Clone(order)
	slices.Reverse(shuffled)
	slices.SortFunc(shuffled, func(a, b Place) int {
		switch {
		case a.Less(b):
			return -1
		case b.Less(a):
			return 1
		}
		return 0
	})
	if !slices.Equal(shuffled, order) {
		t.Errorf("sorted %v, want %v", shuffled, order)
	}
	var head []Place
	for _, b := range HeadBlocks() {
		head = append(head, Place{Block: b})
	}
	if !slices.IsSortedFunc(head, func(a, b Place) int {
		if a.Less(b) {
			return -1
		}
		return 1
	}) {
		t.Errorf("HeadBlocks %v not in reading order", head)
	}
}

func TestBlockTextAndDescribe(t *testing.T) {
	a := &Article{Kicker: "K", Headline: "H", Subheadline: "S", Byline: "B",
		Blocks: []Block{{Kind: KindText, Text: "p0"}, {Kind: KindCaption, Text: "p1"}}}
	for _, tt := range []struct {
		block int
		text  string
		ok    bool
		desc  string
	}{
		{BlockKicker, "K", true, "article 3, kicker"},
		{BlockHeadline, "H", true, "article 3, headline"},
		{BlockSubheadline, "S", true, "article 3, subheadline"},
		{BlockByline, "B", true, "article 3, byline"},
		{0, "p0", true, "article 3, paragraph 1"},
		{1, "p1", true, "article 3, paragraph 2"},
		{2, "", false, "article 3, paragraph 3"},
		{-5, "", false, "article 3, paragraph -4"},
	} {
		text, ok := a.BlockText(tt.block)
		if text != tt.text || ok != tt.ok {
			t.Errorf("BlockText(%d) = %q, %v; want %q, %v", tt.block, text, ok, tt.text, tt.ok)
		}
		if got := (Position{Article: 2, Place: Place{Block: tt.block}}).Describe(); got != tt.desc {
			t.Errorf("Describe(block %d) = %q, want %q", tt.block, got, tt.desc)
		}
	}
}

// The JSON form is the one bookmarks files have always had: flat, the
// headline as block -1.
func TestPositionJSON(t *testing.T) {
	p := Position{Article: 1, Place: Place{Block: BlockHeadline, Offset: 4}}
	b, err := json.Marshal(p)
	if err != nil || string(b) != `{"article":1,"block":-1,"offset":4}` {
		t.Fatalf("json.Marshal = %s, %v", b, err)
	}
	var back Position
	if err := json.Unmarshal(b, &back); err != nil || back != p {
		t.Errorf("json.Unmarshal = %+v, %v; want %+v", back, err, p)
	}
}
