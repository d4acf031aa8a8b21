package issues

import "fmt"

// Blocks of an article's head. A Place whose Block is one of these is in
// the article's Kicker, Headline, Subheadline or Byline; body blocks count
// from 0 as in Article.Blocks.
//
// The headline is -1 because bookmarks files and `bao search --json` have
// always numbered it so (the block before the body); the other parts of the
// head take the next numbers down. Numeric order is therefore not reading
// order in the head: compare places with Place.Less.
const (
	BlockHeadline    = -1
	BlockKicker      = -2
	BlockSubheadline = -3
	BlockByline      = -4
)

// HeadBlocks are the head's blocks in reading order: the kicker over the
// headline, the subheadline under it, then the byline.
func HeadBlocks() [4]int {
	return [4]int{BlockKicker, BlockHeadline, BlockSubheadline, BlockByline}
}

// Place is a place in one article's text that does not depend on any
// layout: Block indexes Article.Blocks (or is one of the negative Block
// constants for the head), Offset counts runes into that block's text.
// The zero Place is the start of the body, where an article opens.
type Place struct {
	Block  int `json:"block"`
	Offset int `json:"offset"`
}

// Position is a place in an issue: the index of an article in
// Issue.Articles and a place in it. Bookmarks store it as JSON
// {"article", "block", "offset"}.
type Position struct {
	Article int `json:"article"`
	Place
}

// blockRank is where block b comes in reading order: the head, then the
// body. Negative blocks that name no part of the head come before it.
func blockRank(b int) int {
	switch b {
	case BlockKicker:
		return 0
	case BlockHeadline:
		return 1
	case BlockSubheadline:
		return 2
	case BlockByline:
		return 3
	}
	if b >= 0 {
		return b + 4
	}
	return b - 1 // below the kicker's 0 (b ≤ -5)
}

// Less orders places in reading order (head before body).
func (p Place) Less(q Place) bool {
	if p.Block != q.Block {
		return blockRank(p.Block) < blockRank(q.Block)
	}
	return p.Offset < q.Offset
}

// BlockText is the text of block b of a (a head part for the negative Block
// constants); false when a has no such block.
func (a *Article) BlockText(b int) (string, bool) {
	switch b {
	case BlockKicker:
		return a.Kicker, true
	case BlockHeadline:
		return a.Headline, true
	case BlockSubheadline:
		return a.Subheadline, true
	case BlockByline:
		return a.Byline, true
	}
	if b < 0 || b >= len(a.Blocks) {
		return "", false
	}
	return a.Blocks[b].Text, true
}

// Describe says where p is for people, counting from 1: "article 3,
// headline" or "article 3, paragraph 2".
func (p Position) Describe() string {
	switch p.Block {
	case BlockKicker:
		return fmt.Sprintf("article %d, kicker", p.Article+1)
	case BlockHeadline:
		return fmt.Sprintf("article %d, headline", p.Article+1)
	case BlockSubheadline:
		return fmt.Sprintf("article %d, subheadline", p.Article+1)
	case BlockByline:
		return fmt.Sprintf("article %d, byline", p.Article+1)
	}
	return fmt.Sprintf("article %d, paragraph %d", p.Article+1, p.Block+1)
}
