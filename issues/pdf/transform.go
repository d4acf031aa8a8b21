package pdf

import "math"

// pageTransform maps PDF user space (origin at the bottom left, y up) to
// the page as it is shown: origin at the top left of the crop box, y down,
// after the page's /Rotate (clockwise quarter turns).
type pageTransform struct {
	l, b, r, t    float64
	rot           int // quarter turns clockwise, 0–3
	width, height float64
}

func newPageTransform(l, b, r, t float32, rot int) pageTransform {
	x := pageTransform{l: float64(min(l, r)), b: float64(min(b, t)), r: float64(max(l, r)), t: float64(max(b, t)), rot: rot & 3}
	x.width, x.height = round2(x.r-x.l), round2(x.t-x.b)
	if x.rot&1 == 1 {
		x.width, x.height = x.height, x.width
	}
	return x
}

// point maps one point.
func (x pageTransform) point(px, py float64) (float64, float64) {
	switch x.rot {
	case 1:
		return py - x.b, px - x.l
	case 2:
		return x.r - px, py - x.b
	case 3:
		return x.t - py, x.r - px
	}
	return px - x.l, x.t - py
}

// rect maps a box given by two corners.
func (x pageTransform) rect(x0, y0, x1, y1 float64) Rect {
	ax, ay := x.point(x0, y0)
	bx, by := x.point(x1, y1)
	return Rect{X0: round2(min(ax, bx)), Y0: round2(min(ay, by)), X1: round2(max(ax, bx)), Y1: round2(max(ay, by))}
}

// clip cuts a box to the page (photos bleed past the crop box).
func (x pageTransform) clip(r Rect) Rect {
	return Rect{X0: max(r.X0, 0), Y0: max(r.Y0, 0), X1: min(r.X1, round2(x.width)), Y1: min(r.Y1, round2(x.height))}
}

// angle maps a counter-clockwise angle in user space to one as the page is
// shown, in [0, 2π).
func (x pageTransform) angle(a float64) float64 {
	a -= float64(x.rot) * math.Pi / 2
	a = math.Mod(a, 2*math.Pi)
	if a < 0 {
		a += 2 * math.Pi
	}
	if a < 1e-6 || 2*math.Pi-a < 1e-6 {
		return 0
	}
	return math.Round(a*1e4) / 1e4
}

// matrix is a PDF transformation [a b c d e f]: x' = a·x + c·y + e,
// y' = b·x + d·y + f.
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns the transformation that applies n first, then m.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		a: n.a*m.a + n.b*m.c,
		b: n.a*m.b + n.b*m.d,
		c: n.c*m.a + n.d*m.c,
		d: n.c*m.b + n.d*m.d,
		e: n.e*m.a + n.f*m.c + m.e,
		f: n.e*m.b + n.f*m.d + m.f,
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// bounds maps a box and returns the box around the result.
func (m matrix) bounds(x0, y0, x1, y1 float64) (float64, float64, float64, float64) {
	lx, ly := math.Inf(1), math.Inf(1)
	hx, hy := math.Inf(-1), math.Inf(-1)
	for _, c := range [4][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		px, py := m.apply(c[0], c[1])
		lx, ly, hx, hy = min(lx, px), min(ly, py), max(hx, px), max(hy, py)
	}
	return lx, ly, hx, hy
}
