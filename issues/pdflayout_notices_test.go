package issues

import (
	"strings"
	"testing"

	"bao/issues/pdf"
)

func TestSplitAtLeading(t *testing.T) {
	small := style{font: "Sans"}
	tests := []struct {
		name string
		tops []float64 // line tops, one line each, 8 pt type
		want []int     // lines per block
	}{
		{"a place line, then a notice under more white", []float64{100, 113.5, 123, 132.5}, []int{1, 3}},
		{"one leading", []float64{100, 110, 120, 130, 140}, []int{5}},
		{"a wider step that is no break", []float64{100, 110, 121, 131}, []int{4}},
		{"spaced paragraphs: two wide steps", []float64{100, 110, 124, 134, 148}, []int{5}},
		{"three lines say too little", []float64{100, 114, 124}, []int{3}},
		{"uneven leading", []float64{100, 109, 123, 135}, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newPage(1, 300, 400)
			for i, y := range tt.tops {
				b.text(20, y, 8, small, []string{"Harbour town", "Notes sent to", "the desk must carry", "a postal address", "and a phone number"}[i])
			}
			blocks := pageBlocks(pageLines(&b.p), nil, nil)
			var got []int
			for _, bl := range blocks {
				got = append(got, len(bl.lines))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("blocks of %v lines, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("blocks of %v lines, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestNamesOwnAddress(t *testing.T) {
	papers := []string{"theharbourpost"}
	people := []string{"ann", "brook"}
	tests := []struct {
		text string
		want bool
	}{
		{"Notes sent to desk@theharbourpost.example must carry a postal address.", true},
		{"Write to the readers' editor at readers@harbourpost.example.", true},
		{"Subscribe at www.theharbourpost.example/offers", true},
		{"Subscribe at https://theharbourpost.example", true},
		{"Ann Brook covers the port. ann.brook@theharbourpost.example", false}, // a writer's own mailbox
		{"Send your photos to photos@otherpaper.example", false},               // someone else's domain
		{"Prices rose 2.5 per cent in March.", false},
		{"Reach the desk at desk@post.example", false}, // "post" is too short to be the name
		{"", false},
	}
	for _, tt := range tests {
		if got := namesOwnAddress(tt.text, papers, people); got != tt.want {
			t.Errorf("namesOwnAddress(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// A letters column: each letter signed with a name and a place; under the
// last, after a little more white, the paper's standing notice in the same
// small type. The notice is furniture; the place stays with its letter,
// and a writer's bio with the writer's own address stays with the story.
func TestPDFLayoutStandingNotice(t *testing.T) {
	small := style{font: "Sans"}
	b := newPage(1, 400, 600)
	b.text(20, 10, 24, latin, "THE HARBOUR POST")
	b.text(20, 60, 20, style{font: "Serif", bold: true}, "Ferry fares")
	b.column(20, 90, 10, latin, "\tThe new ferry fares are too high", "for families who cross daily.")
	b.text(20, 118, 9, style{font: "Sans", bold: true}, "Mira Holt,")
	b.text(20, 128, 8, small, "Eastbank")
	b.text(20, 141.5, 8, small, "Letters sent to desk@theharbourpost.example")
	b.text(20, 151, 8, small, "must carry a postal address and")
	b.text(20, 160.5, 8, small, "may be shortened.")
	b.text(220, 60, 20, style{font: "Serif", bold: true}, "Dredging starts")
	b.column(220, 90, 10, latin, "\tDredging of the north channel", "starts on Monday, the port says.")
	b.text(220, 118, 9, style{font: "Sans", bold: true}, "Ann Brook")
	b.text(220, 128, 8, small, "Ann Brook covers the port:")
	b.text(220, 137.5, 8, small, "ann.brook@theharbourpost.example")
	is := pdfIssue([]pdf.Page{b.p})
	var furn []string
	for _, f := range is.Furniture {
		furn = append(furn, f.Lines...)
	}
	all := strings.Join(furn, "|")
	if !strings.Contains(all, "Letters sent to desk@theharbourpost.example must carry a postal address and may be shortened.") {
		t.Errorf("furniture %q lacks the notice", all)
	}
	fares := articleText(find(t, is, "Ferry fares"))
	if strings.Contains(fares, "Letters sent") || !strings.Contains(fares, "Eastbank") {
		t.Errorf("letter = %q, want its place and not the notice", fares)
	}
	if d := articleText(find(t, is, "Dredging starts")); !strings.Contains(d, "ann.brook@theharbourpost.example") {
		t.Errorf("story = %q, want the writer's bio with her address", d)
	}
}
