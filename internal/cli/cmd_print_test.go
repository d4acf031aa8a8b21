package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"bao/issues"
	"bao/reader/layout"
)

// runPrintCLI runs bao in-process with args and returns stdout, stderr and the
// exit code.
func runPrintCLI(t *testing.T, stdin string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(k string) string { return env[k] }}
	code := c.main(args)
	return out.String(), errb.String(), code
}

const printFixture = "../../reader/layout/testdata/zh-Hans.md"

func TestPrintPlainIsTheLayout(t *testing.T) {
	out, errs, code := runPrintCLI(t, "", nil, "print", "--plain", "--width", "60", "--columns", "2", printFixture)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	is, err := issues.LoadFile(printFixture, issues.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	p := layout.Printer{Options: layout.Options{Width: 60, Columns: 2, Gutter: layout.DefaultGutter}}
	if err := p.Write(&want, is.Articles); err != nil {
		t.Fatal(err)
	}
	if out != want.String() {
		t.Errorf("bao print --plain differs from layout.Printer:\n%s", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequence in --plain output")
	}
}

func TestPrintFlags(t *testing.T) {
	w := layout.NewWidths(layout.Wide)
	out, errs, code := runPrintCLI(t, "", map[string]string{"COLUMNS": "50", "LANG": "zh_CN.UTF-8"}, "print", printFixture, "--plain", "--article", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "春季花市") || strings.Contains(out, "江城新区") {
		t.Errorf("--article 2 printed:\n%s", out)
	}
	for _, ln := range strings.Split(out, "\n") {
		if w.String(ln) > 50 {
			t.Errorf("line wider than $COLUMNS=50 in the locale's wide policy: %q", ln)
		}
	}
	out, _, code = runPrintCLI(t, "", nil, "print", "--plain", "--width", "30", "--height", "8", printFixture)
	if code != 0 || strings.Count(out, "\n") < 16 {
		t.Errorf("--height 8: exit %d, output:\n%s", code, out)
	}
	for _, cols := range []string{"auto", "0", "1"} {
		if _, errs, code := runPrintCLI(t, "", nil, "print", "--plain", "--width", "60", "--columns", cols, printFixture); code != 0 {
			t.Errorf("--columns %s: exit %d, %s", cols, code, errs)
		}
	}
	for _, bad := range [][]string{
		{"print", "--columns", "zero", printFixture},
		{"print", "--ambiguous", "huge", printFixture},
		{"print"},
	} {
		if _, _, code := runPrintCLI(t, "", nil, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if _, errs, code := runPrintCLI(t, "", nil, "print", "--article", "9", printFixture); code != 1 || !strings.Contains(errs, "no article 9") {
		t.Errorf("--article 9: exit %d, %q", code, errs)
	}
	if _, errs, code := runPrintCLI(t, "", nil, "print", "no/such/file.txt"); code != 1 || !strings.Contains(errs, "no/such/file.txt") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}

func TestPrintJSONAndStdin(t *testing.T) {
	data, err := os.ReadFile(printFixture)
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := runPrintCLI(t, string(data), nil, "print", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Articles []issues.Article `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, out)
	}
	if len(got.Articles) != 2 || !strings.Contains(got.Articles[0].Headline, "江城新区") {
		t.Errorf("--json from stdin: %+v", got.Articles)
	}
	plain, _, code := runPrintCLI(t, string(data), nil, "print", "--plain", "--width", "40", "-")
	if code != 0 || !strings.Contains(plain, "春季花市") {
		t.Errorf("print from stdin: exit %d\n%s", code, plain)
	}
}
