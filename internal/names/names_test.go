package names

import "testing"

func TestPinyin(t *testing.T) {
	tests := []struct{ name, want, initials string }{
		{"刘非", "liu fei", "lf"},
		{"华学健", "hua xue jian", "hxj"},
		{"曾国强", "zeng guo qiang", "zgq"},
		{"单立新", "shan li xin", "slx"},
		{"解明", "xie ming", "xm"},
		{"仇和平", "qiu he ping", "qhp"},
		{"尉迟敬", "yu chi jing", "ycj"},
		{"欧阳修文", "ou yang xiu wen", "oyxw"},
		{"张?", "zhang ?", "z?"},
	}
	for _, tt := range tests {
		got := Pinyin(tt.name)
		if got != tt.want {
			t.Errorf("Pinyin(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if ini := Initials(got); ini != tt.initials {
			t.Errorf("Initials(%q) = %q, want %q", got, ini, tt.initials)
		}
	}
}
