package issues

import (
	"math"
	"sort"
)

// Regions: an article is its headline and the blocks under it, across the
// headline's columns, down to the next headline set across those columns.
// A block no headline stands over continues the article at the foot of the
// column before it (a story running on into the next column), else the one
// over it, else the one beside it; one near a page edge with none is
// furniture. Inside a region the blocks are read column by column
// (xyOrder).

type region struct {
	head, kicker *pblock
	subs         []*pblock
	x0, x1       float64 // the columns the headline spans
	bottom       float64
	blocks       []*pblock
	images       int
}

func (pg *pageLayout) regions() {
	pg.owner = map[*pblock]*region{}
	var heads []*pblock
	for _, b := range pg.blocks {
		if pg.role[b] == roleHeadline {
			heads = append(heads, b)
		}
	}
	sort.SliceStable(heads, func(i, j int) bool { return heads[i].box.Y0 < heads[j].box.Y0 })
	for _, h := range heads {
		r := &region{head: h, x0: h.box.X0, x1: h.box.X1, bottom: pg.page.Height + 1}
		for _, b := range pg.blocks {
			if overlapX(b.box.X0, b.box.X1, h.box.X0, h.box.X1) < 0.3*math.Min(b.box.X1-b.box.X0, h.box.X1-h.box.X0) {
				continue
			}
			switch pg.role[b] {
			case roleSubheadline:
				if b.box.Y0 >= h.box.Y1-0.3*b.size && b.box.Y0-h.box.Y1 < 2*pg.body+0.5*h.size && pg.owner[b] == nil {
					r.subs = append(r.subs, b)
					pg.owner[b] = r
				}
			case roleKicker:
				if b.box.Y1 <= h.box.Y0+0.3*b.size && h.box.Y0-b.box.Y1 < pg.body+0.3*h.size && pg.owner[b] == nil {
					r.kicker = b
					pg.owner[b] = r
				}
			}
		}
		// widen to the columns of the blocks that open under the headline
		top := h.box.Y1
		for _, s := range r.subs {
			top = math.Max(top, s.box.Y1)
		}
		for _, b := range pg.blocks {
			if (pg.role[b] == roleBody || pg.role[b] == roleHeading) && b.box.Y0 >= top-0.3*b.size && b.box.Y0-top < 5*pg.body &&
				overlapX(b.box.X0, b.box.X1, h.box.X0, h.box.X1) > 0.5*math.Min(b.box.X1-b.box.X0, h.box.X1-h.box.X0) {
				r.x0, r.x1 = math.Min(r.x0, b.box.X0), math.Max(r.x1, b.box.X1)
			}
		}
		pg.arts = append(pg.arts, r)
	}
	for _, r := range pg.arts {
		for _, o := range pg.arts {
			if o == r || o.head.box.Y0 <= r.head.box.Y1-0.3*r.head.size {
				continue
			}
			ob := o.head.box
			if o.kicker != nil {
				ob.Y0 = o.kicker.box.Y0
			}
			if overlapX(ob.X0, ob.X1, r.x0, r.x1) > 0.3*math.Min(ob.X1-ob.X0, r.x1-r.x0) {
				r.bottom = math.Min(r.bottom, ob.Y0)
			}
		}
	}
	for _, r := range pg.arts {
		for _, l := range pg.labels {
			if l.box.Y0 > r.head.box.Y1 && overlapX(l.box.X0, l.box.X1, r.x0, r.x1) > 0 {
				r.bottom = math.Min(r.bottom, l.box.Y0)
			}
		}
	}
	// each remaining block to the nearest headline over it
	var orphans []*pblock
	for _, b := range pg.blocks {
		if rl := pg.role[b]; rl == roleFurniture || rl == roleTaken || pg.owner[b] != nil || rl == roleHeadline {
			continue
		}
		var best *region
		for _, r := range pg.arts {
			if b.box.Y0 < r.head.box.Y0-0.3*b.size || b.box.Y0 >= r.bottom {
				continue
			}
			if overlapX(b.box.X0, b.box.X1, r.x0, r.x1) < 0.5*(b.box.X1-b.box.X0) {
				continue
			}
			if best == nil || r.head.box.Y1 > best.head.box.Y1 {
				best = r
			}
		}
		if best == nil {
			orphans = append(orphans, b)
			continue
		}
		pg.owner[b] = best
	}
	sort.SliceStable(orphans, func(i, j int) bool {
		if math.Abs(orphans[i].box.X0-orphans[j].box.X0) > 1 {
			return orphans[i].box.X0 < orphans[j].box.X0
		}
		return orphans[i].box.Y0 < orphans[j].box.Y0
	})
	for _, b := range orphans {
		if r := pg.adopt(b); r != nil {
			pg.owner[b] = r
			continue
		}
		if b.box.Y1 < 0.12*pg.page.Height || b.box.Y0 > 0.9*pg.page.Height || pg.isHeadlineType(b) {
			pg.role[b] = roleFurniture
		} else {
			pg.role[b] = roleUnassigned
		}
	}
	for _, b := range pg.blocks {
		if r := pg.owner[b]; r != nil && b != r.kicker && !contains(r.subs, b) {
			r.blocks = append(r.blocks, b)
		}
	}
	// A headline with nothing under it is a promo, a label or a masthead.
	kept := pg.arts[:0]
	for _, r := range pg.arts {
		body := false
		for _, b := range r.blocks {
			if pg.role[b] == roleBody {
				body = true
			}
		}
		if !body {
			for _, b := range append(append([]*pblock{r.kicker, r.head}, r.subs...), r.blocks...) {
				if b != nil {
					pg.role[b] = roleFurniture
					delete(pg.owner, b)
				}
			}
			continue
		}
		kept = append(kept, r)
	}
	pg.arts = kept
}

func contains(bs []*pblock, b *pblock) bool {
	for _, o := range bs {
		if o == b {
			return true
		}
	}
	return false
}

// adopt finds the article an orphan block continues: the one owning the
// block just over it in its column (close by), else the lowest block of the
// column to its left, else the block beside it to the right.
func (pg *pageLayout) adopt(b *pblock) *region {
	var above, left, right *pblock
	for _, o := range pg.blocks {
		r := pg.owner[o]
		if r == nil || o == b {
			continue
		}
		ov := overlapX(o.box.X0, o.box.X1, b.box.X0, b.box.X1)
		switch {
		case ov > 0.5*math.Min(o.box.X1-o.box.X0, b.box.X1-b.box.X0) && o.box.Y1 <= b.box.Y0+0.3*b.size && b.box.Y0-o.box.Y1 < 2*pg.body:
			if above == nil || o.box.Y1 > above.box.Y1 {
				above = o
			}
		case o.box.X1 <= b.box.X0+0.3*pg.body && b.box.X0-o.box.X1 < 3*pg.body && o.box.Y1 > b.box.Y0:
			if pg.role[o] != roleBody {
				continue
			}
			if left == nil || o.box.X1 > left.box.X1+2*pg.body || math.Abs(o.box.X1-left.box.X1) <= 2*pg.body && o.box.Y1 > left.box.Y1 {
				left = o
			}
		case o.box.X0 >= b.box.X1-0.3*pg.body && o.box.X0-b.box.X1 < 3*pg.body && o.box.Y0 < b.box.Y1 && o.box.Y1 > b.box.Y0:
			if right == nil || o.box.X0 < right.box.X0 {
				right = o
			}
		}
	}
	for _, o := range []*pblock{above, left, right} {
		if o != nil {
			return pg.owner[o]
		}
	}
	return nil
}

// xyOrder sorts a region's blocks into reading order by recursive cuts:
// first down the white between columns, then across the white between
// rows, so that a region is read column by column.
func xyOrder(bs []*pblock, gap float64) []*pblock {
	if len(bs) <= 1 {
		return bs
	}
	for _, vertical := range []bool{true, false} {
		lo := func(b *pblock) float64 {
			if vertical {
				return b.box.X0
			}
			return b.box.Y0
		}
		hi := func(b *pblock) float64 {
			if vertical {
				return b.box.X1
			}
			return b.box.Y1
		}
		s := append([]*pblock(nil), bs...)
		sort.SliceStable(s, func(i, j int) bool { return lo(s[i]) < lo(s[j]) })
		var groups [][]*pblock
		start, reach := 0, hi(s[0])
		for i := 1; i < len(s); i++ {
			if lo(s[i]) > reach+gap*0.2 {
				groups = append(groups, s[start:i])
				start = i
			}
			reach = math.Max(reach, hi(s[i]))
		}
		if start == 0 {
			continue
		}
		groups = append(groups, s[start:])
		var out []*pblock
		for _, g := range groups {
			out = append(out, xyOrder(g, gap)...)
		}
		return out
	}
	s := append([]*pblock(nil), bs...)
	sort.SliceStable(s, func(i, j int) bool {
		if math.Abs(s[i].box.Y0-s[j].box.Y0) > gap*0.5 {
			return s[i].box.Y0 < s[j].box.Y0
		}
		return s[i].box.X0 < s[j].box.X0
	})
	return s
}
