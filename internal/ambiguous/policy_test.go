package ambiguous

import "testing"

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Policy
		err  bool
	}{
		{"narrow", Narrow, false},
		{"wide", Wide, false},
		{"WIDE", Wide, false},
		{" w ", Wide, false},
		{"auto", Auto, false},
		{"", Auto, false},
		{"1", Narrow, false},
		{"2", Wide, false},
		{"huge", Auto, true},
	} {
		got, err := Parse(tc.in)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("Parse(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
		var p Policy
		if err := p.UnmarshalText([]byte(tc.in)); p != tc.want || (err != nil) != tc.err {
			t.Errorf("UnmarshalText(%q) = %v, %v", tc.in, p, err)
		}
	}
	for _, p := range []Policy{Auto, Narrow, Wide} {
		if got, err := Parse(p.String()); got != p || err != nil {
			t.Errorf("Parse(%v.String()) = %v, %v", p, got, err)
		}
	}
	if Narrow.Other() != Wide || Wide.Other() != Narrow || Auto.Other() != Wide {
		t.Error("Other")
	}
	if Wide.EastAsian() != "1" || Narrow.EastAsian() != "0" || Auto.EastAsian() != "0" {
		t.Error("EastAsian")
	}
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Policy
	}{
		{map[string]string{}, Auto},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "1", "LANG": "en_US.UTF-8"}, Wide},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "0", "LANG": "zh_CN.UTF-8"}, Narrow},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Wide},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, Wide},
		{map[string]string{"LC_CTYPE": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, Wide},
		{map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "zh_TW.UTF-8"}, Narrow},
		{map[string]string{"LC_ALL": "C"}, Narrow},
		{map[string]string{"LANG": "zh"}, Wide},
	} {
		if got := FromEnv(envOf(tc.env)); got != tc.want {
			t.Errorf("FromEnv(%v) = %v, want %v", tc.env, got, tc.want)
		}
	}
	if got := FromEnv(nil); got != Auto {
		t.Errorf("FromEnv(nil) = %v", got)
	}
}

func TestRenderer(t *testing.T) {
	// charm's x/ansi: wide only when RUNEWIDTH_EASTASIAN parses as true;
	// the locale does not count.
	for v, want := range map[string]Policy{"1": Wide, "true": Wide, "0": Narrow, "": Narrow, "yes": Narrow} {
		env := map[string]string{"RUNEWIDTH_EASTASIAN": v, "LANG": "zh_CN.UTF-8"}
		if got := Renderer(envOf(env)); got != want {
			t.Errorf("Renderer(RUNEWIDTH_EASTASIAN=%q) = %v, want %v", v, got, want)
		}
	}
}

func TestDecide(t *testing.T) {
	wide := func() (Policy, error) { return Wide, nil }
	silent := func() (Policy, error) { return Auto, ErrNoAnswer }
	tests := []struct {
		env   map[string]string
		probe func() (Policy, error)
		want  Policy
	}{
		{map[string]string{"RUNEWIDTH_EASTASIAN": "1"}, nil, Wide},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "0", "LANG": "zh_CN.UTF-8"}, wide, Narrow}, // the variable wins over the terminal
		{map[string]string{"LANG": "zh_CN.UTF-8"}, nil, Wide},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, nil, Wide},
		{map[string]string{"LANG": "en_US.UTF-8"}, nil, Narrow},
		{map[string]string{"LANG": "en_US.UTF-8"}, wide, Wide}, // the terminal wins over the locale
		{map[string]string{"LANG": "zh_CN.UTF-8"}, silent, Wide},
		{map[string]string{}, silent, Narrow},
		{map[string]string{}, nil, Narrow},
	}
	for _, tt := range tests {
		if got := Decide(envOf(tt.env), tt.probe); got != tt.want {
			t.Errorf("Decide(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestEnvironWith(t *testing.T) {
	env := EnvironWith([]string{"RUNEWIDTH_EASTASIAN=0", "HOME=/h", "A=b=c"}, map[string]string{"RUNEWIDTH_EASTASIAN": "1", "BAO_RESUME": "{}"})
	got := map[string]int{}
	for _, kv := range env {
		got[kv]++
	}
	if got["RUNEWIDTH_EASTASIAN=1"] != 1 || got["RUNEWIDTH_EASTASIAN=0"] != 0 || got["BAO_RESUME={}"] != 1 || got["HOME=/h"] != 1 || got["A=b=c"] != 1 || len(env) != 4 {
		t.Errorf("EnvironWith: %v", env)
	}
}
