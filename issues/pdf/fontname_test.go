package pdf

import (
	"math"
	"testing"
)

func TestStyleFromName(t *testing.T) {
	tests := []struct {
		name         string
		bold, italic bool
	}{
		{"PublicoTextRs-Roman", false, false},
		{"PublicoTextRs-Bold", true, false},
		{"PublicoBannerRs-Extrabold", true, false},
		{"PublicoBannerRs-Italic", false, true},
		{"SourceSansPro-Black", true, false},
		{"SourceSansPro-Semibold", true, false},
		{"Arial,BoldItalic", true, true},
		{"HelveticaNeueLTStd-BdCn", true, false},
		{"Times-Italic", false, true},
		{"HiraginoSans-W6", true, false},
		{"HiraginoMincho-W3", false, false},
		{"THMasthead-Medium", false, false},
		{"FZBSJW--GB1-0", false, false}, // 报宋, the body face
		{"FZSSK--GBK1-0", false, false}, // 书宋
		{"FZFSJW--GB1-0", false, false}, // 仿宋
		{"FZKTK--GBK1-0", false, false}, // 楷体
		{"FZHTJW--GB1-0", true, false},  // 黑体
		{"FZHTK--GBK1-0", true, false},  // 黑体, GBK release
		{"FZDHTJW--GB1-0", true, false}, // 大黑
		{"FZDBSJW--GB1-0", true, false}, // 大标宋
		{"FZXBSK--GBK1-0", true, false}, // 小标宋
		{"FZY4JW--GB1-0", false, false}, // a 圆 face
		{"Ital", false, true},
		{"Britannic", false, false}, // "it" inside a word is no token
	}
	for _, tt := range tests {
		b, i := styleFromName(tt.name)
		if b != tt.bold || i != tt.italic {
			t.Errorf("styleFromName(%q) = %v, %v; want %v, %v", tt.name, b, i, tt.bold, tt.italic)
		}
	}
}

func TestStripSubset(t *testing.T) {
	for in, want := range map[string]string{
		"ABCDEF+FZBSJW--GB1-0": "FZBSJW--GB1-0",
		"abcdef+Name":          "abcdef+Name",
		"Helvetica":            "Helvetica",
		"ABCDE+Short":          "ABCDE+Short",
	} {
		if got := stripSubset(in); got != want {
			t.Errorf("stripSubset(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPageTransform(t *testing.T) {
	// A 100×200 crop box at (10, 20); the user-space point (15, 210) sits
	// 5 pt from the box's left edge and 10 pt below its top.
	tests := []struct {
		rot        int
		w, h       float64
		x, y       float64
		angleIn    float64
		angleShown float64
	}{
		{0, 100, 200, 5, 10, 0, 0},
		{1, 200, 100, 190, 5, 0, 3 * math.Pi / 2},
		{2, 100, 200, 95, 190, 0, math.Pi},
		{3, 200, 100, 10, 95, 3 * math.Pi / 2, 0},
	}
	for _, tt := range tests {
		x := newPageTransform(10, 20, 110, 220, tt.rot)
		if x.width != tt.w || x.height != tt.h {
			t.Errorf("rot %d: size %vx%v, want %vx%v", tt.rot, x.width, x.height, tt.w, tt.h)
		}
		if px, py := x.point(15, 210); math.Abs(px-tt.x) > 1e-9 || math.Abs(py-tt.y) > 1e-9 {
			t.Errorf("rot %d: point = (%v, %v), want (%v, %v)", tt.rot, px, py, tt.x, tt.y)
		}
		if a := x.angle(tt.angleIn); math.Abs(a-tt.angleShown) > 1e-3 {
			t.Errorf("rot %d: angle(%v) = %v, want %v", tt.rot, tt.angleIn, a, tt.angleShown)
		}
	}
}

func TestMatrix(t *testing.T) {
	scale := matrix{2, 0, 0, 3, 0, 0}
	move := matrix{1, 0, 0, 1, 10, 20}
	// move.mul(scale): scale first, then move.
	if x, y := move.mul(scale).apply(1, 1); x != 12 || y != 23 {
		t.Errorf("scale then move: (%v, %v), want (12, 23)", x, y)
	}
	if x, y := scale.mul(move).apply(1, 1); x != 22 || y != 63 {
		t.Errorf("move then scale: (%v, %v), want (22, 63)", x, y)
	}
	rot := matrix{0, 1, -1, 0, 0, 0} // 90° counter-clockwise
	if x0, y0, x1, y1 := rot.bounds(0, 0, 2, 1); x0 != -1 || y0 != 0 || x1 != 0 || y1 != 2 {
		t.Errorf("bounds = %v %v %v %v", x0, y0, x1, y1)
	}
}
