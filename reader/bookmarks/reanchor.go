package bookmarks

import (
	"slices"
	"strings"
	"unicode/utf8"

	"bao/issues"
)

// Match says how Reanchor found a place again.
type Match int

const (
	// Exact: the quote is still at the stored position.
	Exact Match = iota
	// Nearby: the quote, or a part of it, is at another place in the same
	// article; the nearest one is returned.
	Nearby
	// Elsewhere: found only in another article (articles were re-cut or
	// reordered); the nearest article wins.
	Elsewhere
	// Lost: the text is gone. The position returned is the stored one
	// clamped into the issue, so the reader still lands near it.
	Lost
)

func (m Match) String() string {
	switch m {
	case Exact:
		return "exact"
	case Nearby:
		return "nearby"
	case Elsewhere:
		return "elsewhere"
	case Lost:
		return "lost"
	}
	return "Match(?)"
}

// minPiece is the shortest part of a quote searched for, in runes: shorter
// pieces of Latin text match too many places.
const minPiece = 8

// Reanchor finds the place a stores in is, which may have changed since:
//
//  1. a.Position, when the quote is still there;
//  2. else the nearest occurrence of the quote in the same article, then of
//     ever shorter parts of it (30, 22, 16, 12, 9 runes: a one-character
//     correction leaves a part of 14 or more intact);
//  3. else the same in the whole issue, nearest article first.
//
// For example, with the quote "港口吞吐量创新高" stored at block 2 offset 0, an
// edit inserting a paragraph before it gives block 3 offset 0, Nearby.
func Reanchor(is *issues.Issue, a Anchor) (issues.Position, Match) {
	if text, ok := blockText(is, a.Article, a.Block); ok {
		if i := byteOffset(text, a.Offset); i >= 0 && strings.HasPrefix(text[i:], a.Quote) {
			return a.Position, Exact
		}
	}
	// A valid UTF-8 quote can only match at rune boundaries of the text.
	a.Quote = strings.ToValidUTF8(a.Quote, "")
	if a.Quote != "" && is != nil && len(is.Articles) > 0 {
		if a.Article >= 0 && a.Article < len(is.Articles) {
			if p, ok := nearestInArticle(is, a); ok {
				return p, Nearby
			}
		}
		if p, ok := nearestInIssue(is, a); ok {
			return p, Elsewhere
		}
	}
	return clamp(is, a.Position), Lost
}

// piece is a part of the quote: its text and where it starts in the quote,
// in runes.
type piece struct {
	text  string
	start int
}

// pieces yields the quote's parts from longest to shortest, one slice per
// length. Parts come from the first QuoteLen runes only: a longer quote
// (edited by hand) would make quadratically many.
func pieces(quote string) [][]piece {
	out := [][]piece{{{quote, 0}}}
	rs := []rune(quote)
	if len(rs) > QuoteLen {
		rs = rs[:QuoteLen]
		out = append(out, []piece{{string(rs), 0}})
	}
	n := len(rs)
	for l := n * 3 / 4; l >= minPiece && l < n; l = l * 3 / 4 {
		var ps []piece
		for k := 0; k+l <= n; k++ {
			ps = append(ps, piece{string(rs[k : k+l]), k})
		}
		out = append(out, ps)
	}
	return out
}

// occurrences calls found with the rune offset of each occurrence of sub
// in text.
func occurrences(text, sub string, found func(off int)) {
	runes, from := 0, 0
	for {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			return
		}
		runes += utf8.RuneCountInString(text[from : from+i])
		found(runes)
		_, size := utf8.DecodeRuneInString(text[from+i:])
		from += i + size
		runes++
	}
}

// articleBlocks is the text of each part of an article in reading order
// (the head, then the body blocks; see issues.HeadBlocks), with the block
// number of each and the rune offset each starts at in the article read as
// one text.
func articleBlocks(art *issues.Article) (texts []string, blocks, starts []int) {
	head := issues.HeadBlocks()
	texts = make([]string, 0, len(head)+len(art.Blocks))
	blocks = make([]int, 0, cap(texts))
	for _, b := range head {
		t, _ := art.BlockText(b)
		texts, blocks = append(texts, t), append(blocks, b)
	}
	for i, b := range art.Blocks {
		texts, blocks = append(texts, b.Text), append(blocks, i)
	}
	starts = make([]int, len(texts))
	n := 0
	for i, t := range texts {
		starts[i] = n
		n += utf8.RuneCountInString(t) + 1
	}
	return texts, blocks, starts
}

// globalOffset is p's offset in its article read as one text. A block the
// article lacks counts as the nearest one it has: a body block past the end
// as the last, anything else as the headline.
func globalOffset(texts []string, blocks, starts []int, p issues.Position) int {
	i := slices.Index(blocks, p.Block)
	switch {
	case i >= 0:
	case p.Block >= 0:
		i = len(blocks) - 1
	default:
		i = slices.Index(blocks, issues.BlockHeadline)
	}
	return starts[i] + min(max(p.Offset, 0), utf8.RuneCountInString(texts[i]))
}

// nearestIn finds the nearest occurrence of the longest part of the quote
// found in the article, by distance to target (a global offset).
func nearestIn(art *issues.Article, quote string, target int) (place issues.Place, dist int, ok bool) {
	texts, blocks, starts := articleBlocks(art)
	for _, ps := range pieces(quote) {
		best := -1
		for bi, t := range texts {
			for _, p := range ps {
				occurrences(t, p.text, func(off int) {
					off = max(off-p.start, 0)
					d := starts[bi] + off - target
					if d < 0 {
						d = -d
					}
					if best < 0 || d < best {
						best, place = d, issues.Place{Block: blocks[bi], Offset: off}
					}
				})
			}
		}
		if best >= 0 {
			return place, best, true
		}
	}
	return issues.Place{}, 0, false
}

func nearestInArticle(is *issues.Issue, a Anchor) (issues.Position, bool) {
	art := &is.Articles[a.Article]
	texts, blocks, starts := articleBlocks(art)
	pl, _, ok := nearestIn(art, a.Quote, globalOffset(texts, blocks, starts, a.Position))
	return issues.Position{Article: a.Article, Place: pl}, ok
}

func nearestInIssue(is *issues.Issue, a Anchor) (issues.Position, bool) {
	var best issues.Position
	bestArt, bestDist := -1, 0
	for i := range is.Articles {
		if i == a.Article {
			continue
		}
		art := &is.Articles[i]
		texts, blocks, starts := articleBlocks(art)
		pl, d, ok := nearestIn(art, a.Quote, globalOffset(texts, blocks, starts, a.Position))
		if !ok {
			continue
		}
		ad := i - a.Article
		if ad < 0 {
			ad = -ad
		}
		if bestArt < 0 || ad < bestArt || (ad == bestArt && d < bestDist) {
			best, bestArt, bestDist = issues.Position{Article: i, Place: pl}, ad, d
		}
	}
	return best, bestArt >= 0
}

// clamp moves p to the nearest place that exists in is: a body block past
// the end to the last one (the headline when there is none), a negative
// block that names no part of the head to the headline.
func clamp(is *issues.Issue, p issues.Position) issues.Position {
	if is == nil || len(is.Articles) == 0 {
		return issues.Position{Place: issues.Place{Block: issues.BlockHeadline}}
	}
	p.Article = min(max(p.Article, 0), len(is.Articles)-1)
	art := &is.Articles[p.Article]
	switch {
	case p.Block >= len(art.Blocks) && len(art.Blocks) > 0:
		p.Block = len(art.Blocks) - 1
	case p.Block >= len(art.Blocks):
		p.Block = issues.BlockHeadline
	}
	text, ok := blockText(is, p.Article, p.Block)
	if !ok {
		p.Block = issues.BlockHeadline
		text = art.Headline
	}
	p.Offset = min(max(p.Offset, 0), utf8.RuneCountInString(text))
	return p
}
