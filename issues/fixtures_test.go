package issues

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"bao/internal/golden"
)

// fixture is an issue file made from a UTF-8 source under testdata/src:
// encoded, given other line ends, parsed under a name.
type fixture struct {
	golden  string // testdata/golden/<golden>.json
	src     string // testdata/src/<src>
	enc     string // "" (UTF-8), "utf-8-bom", "utf-16le", "utf-16be", or a legacy name
	eol     string // "\n" (as written), "\r\n" or "\r"
	name    string // the name Parse sees
	wantEnc string // the encoding Decode must find
	heads   []string
}

var fixtures = []fixture{
	{"zh-hans-plain", "zh-hans-plain.txt", "", "\n", "zh-hans-plain.txt", EncUTF8,
		[]string{"新能源公交线路全面开通 市民绿色出行更便捷", "高新区首批“标准地”挂牌出让 三家企业拿地即开工", "小微企业贷款利率持续下降"}},
	{"zh-hans-utf8-bom-cr", "zh-hans-plain.txt", "utf-8-bom", "\r", "zh-hans-plain.txt", EncUTF8, nil},
	{"zh-hans-gb18030-crlf", "zh-hans-gb18030.txt", EncGB18030, "\r\n", "东岭晚报/2023-11-20.txt", EncGB18030,
		[]string{"老旧小区加装电梯 居民上下楼不再难", "东岭马拉松鸣枪开跑 两万名选手竞逐赛道"}},
	{"zh-hans-pdftotext-gb18030-crlf", "zh-hans-pdftotext.txt", EncGB18030, "\r\n", "北川日报/20240520.txt", EncGB18030,
		[]string{"北川新城区中小学全部建成投用", "一季度全市外贸进出口增长一成"}},
	{"zh-hant-big5", "zh-hant-big5.txt", EncBig5, "\n", "zh-hant-big5.txt", EncBig5,
		[]string{"舊區重建計劃展開諮詢 居民關注賠償安排", "天文台預測週末轉涼 市區最低氣溫十四度"}},
	{"ja-shift_jis-crlf", "ja.txt", EncShiftJIS, "\r\n", "ja.txt", EncShiftJIS,
		[]string{"商店街に子ども食堂オープン 空き店舗を活用", "市バス路線を再編へ 利用者減少で"}},
	{"ja-euc-jp", "ja.txt", EncEUCJP, "\n", "ja.txt", EncEUCJP, nil},
	{"ko-euc-kr", "ko.txt", EncEUCKR, "\n", "ko.txt", EncEUCKR,
		[]string{"전통시장 온라인 장보기 확대 상인들 매출 회복 기대", "봄꽃 축제 주말 개막 교통 혼잡 예상"}},
	{"en", "en.txt", "", "\n", "riverton-courier/2024-03-05.txt", EncUTF8,
		[]string{"Council Approves New Cycle Lanes Along the Waterfront", "UK Inflation Falls to Lowest Level in Over Two Years", "Library Extends Weekend Hours"}},
	{"en-utf16le", "en.txt", EncUTF16LE, "\r\n", "en.txt", EncUTF16LE, nil},
	{"zh-hans-utf16be", "zh-hans-plain.txt", EncUTF16BE, "\n", "zh-hans-plain.txt", EncUTF16BE, nil},
	{"md-frontmatter", "md-frontmatter.md", "", "\n", "md-frontmatter.md", EncUTF8,
		[]string{"海岸线生态修复初见成效", "夜间经济点亮老城"}},
}

// fixtureBytes builds a fixture's file bytes from its UTF-8 source.
func fixtureBytes(t testing.TB, f fixture) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "src", f.src))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(src), "\n", f.eol)
	var enc encoding.Encoding
	switch f.enc {
	case "":
		return []byte(text)
	case "utf-8-bom":
		return append([]byte{0xEF, 0xBB, 0xBF}, text...)
	case EncUTF16LE:
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case EncUTF16BE:
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case EncGB18030:
		enc = simplifiedchinese.GB18030
	case EncBig5:
		enc = traditionalchinese.Big5
	case EncShiftJIS:
		enc = japanese.ShiftJIS
	case EncEUCJP:
		enc = japanese.EUCJP
	case EncEUCKR:
		enc = korean.EUCKR
	default:
		t.Fatalf("unknown fixture encoding %q", f.enc)
	}
	out, err := enc.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatalf("%s: encoding as %s: %v", f.src, f.enc, err)
	}
	return out
}

func TestFixturesGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.golden, func(t *testing.T) {
			data := fixtureBytes(t, f)
			is, err := Parse(data, f.name, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if is.Encoding != f.wantEnc {
				t.Errorf("encoding = %s, want %s", is.Encoding, f.wantEnc)
			}
			if f.heads != nil {
				var got []string
				for _, a := range is.Articles {
					got = append(got, a.Headline)
				}
				if strings.Join(got, "\n") != strings.Join(f.heads, "\n") {
					t.Errorf("headlines:\n got %q\nwant %q", got, f.heads)
				}
			}
			checkInvariants(t, is)
			got, err := json.MarshalIndent(is, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", "golden", f.golden+".json"), got)
		})
	}
}

// The same source in different encodings and line ends parses the same.
func TestFixturesAgree(t *testing.T) {
	pairs := [][2]int{{0, 1}, {0, 10}, {5, 6}, {8, 9}}
	for _, p := range pairs {
		a, b := fixtures[p[0]], fixtures[p[1]]
		ia, err := Parse(fixtureBytes(t, a), "x.txt", LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ib, err := Parse(fixtureBytes(t, b), "x.txt", LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(ia)
		jb, _ := json.Marshal(ib)
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s and %s parse differently:\n%s", a.golden, b.golden, golden.FirstDiff(string(ja), string(jb)))
		}
	}
}

// checkInvariants holds for every parse: no control characters, NFC, no
// empty blocks, pages from 1.
func checkInvariants(t testing.TB, is *Issue) {
	t.Helper()
	check := func(what, s string) {
		for _, r := range s {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
				t.Errorf("%s has control character %U: %q", what, r, s)
				return
			}
		}
	}
	for i, a := range is.Articles {
		check("headline", a.Headline)
		check("subheadline", a.Subheadline)
		check("kicker", a.Kicker)
		check("byline", a.Byline)
		check("section", a.Section)
		if a.Page < 1 {
			t.Errorf("article %d: page %d", i, a.Page)
		}
		for _, b := range a.Blocks {
			check(string(b.Kind), b.Text)
			if strings.TrimSpace(b.Text) == "" {
				t.Errorf("article %d: empty %s block", i, b.Kind)
			}
		}
	}
	check("title", is.Title)
}
