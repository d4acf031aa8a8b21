package layout_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// layoutCheck is the shared checker of `bao print --plain` output against
// the CJK layout rules (../shared/tools/layout-check from the repository
// root); the seed is the shared real issue.
const (
	layoutCheckTool = "../../../shared/tools/layout-check"
	layoutCheckSeed = "../../../shared/seeds/000_84ee076a4ed4be77.txt"
)

// TestLayoutCheck builds bao and runs layout-check on the fixtures (and
// the seed issue when present): both ambiguous-width policies, widths 20
// to 80 in one column, and each article in 2 and 3 columns. It is skipped
// under -short and where python3 or the tool is missing.
func TestLayoutCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := os.Stat(layoutCheckTool); err != nil {
		t.Skip("layout-check not found")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3")
	}
	bao := filepath.Join(t.TempDir(), "bao")
	if out, err := exec.Command("go", "build", "-o", bao, "../..").CombinedOutput(); err != nil {
		t.Fatalf("bao does not build: %v\n%s", err, out)
	}
	files, _ := filepath.Glob("testdata/*.md")
	if _, err := os.Stat(layoutCheckSeed); err == nil {
		files = append(files, layoutCheckSeed)
	}
	out, err := exec.Command("python3", append([]string{layoutCheckTool, bao}, files...)...).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Errorf("layout-check: %v", err)
	}
}
