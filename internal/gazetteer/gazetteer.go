// Package gazetteer knows the names the extractor meets in reports of local
// government meetings: administrative divisions (province, city and county
// level, from the statistics bureau's list embedded in divisions.tsv), official
// titles, and Chinese surnames.
//
// All names are simplified Chinese; callers convert traditional text first.
// The tables are read once, on first use, and are safe for concurrent use.
package gazetteer

//go:generate npm --prefix ../../tools/gazettegen ci --no-audit --no-fund
//go:generate node ../../tools/gazettegen/gen.js divisions.tsv

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Division levels.
const (
	LevelProvince = "province"
	LevelCity     = "city"
	LevelCounty   = "county"
)

// A Division is one administrative division of the statistics bureau's list.
type Division struct {
	// Code is the statistics bureau's code as the source package gives it:
	// two digits for a province (43), four for a city (4313), six for a
	// county-level unit (431302).
	Code string
	// Name is the full simplified name, with its level suffix (娄底市).
	Name string
	// Level is LevelProvince, LevelCity or LevelCounty. Municipalities
	// (北京市) are provinces; development zones and management areas that the
	// list carries among the counties are counties.
	Level string
	// ParentCode is the code of the division one level up, or empty for a
	// province. A county of a municipality or a county-level city governed
	// directly by its province has the province as parent.
	ParentCode string
}

//go:embed divisions.tsv
var divisionsTSV string

type table struct {
	all      []Division       // sorted by code
	byCode   map[string]int   // code → index into all
	byName   map[string][]int // full name → indices, in code order
	byShort  map[string][]int // name without level suffix → indices
	children map[string][]int // parent code → indices
	maxRunes int              // longest full name, in runes
}

var tables = sync.OnceValue(func() *table {
	t, err := parseTable(divisionsTSV)
	if err != nil {
		// The file is generated and embedded: a parse error is a build defect.
		panic(err)
	}
	return t
})

func parseTable(src string) (*table, error) {
	t := &table{
		byCode:   make(map[string]int),
		byName:   make(map[string][]int),
		byShort:  make(map[string][]int),
		children: make(map[string][]int),
	}
	for n, line := range strings.Split(src, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("gazetteer: divisions.tsv:%d: %d fields, want 4", n+1, len(f))
		}
		d := Division{Code: f[0], Name: f[1], Level: f[2], ParentCode: f[3]}
		switch d.Level {
		case LevelProvince, LevelCity, LevelCounty:
		default:
			return nil, fmt.Errorf("gazetteer: divisions.tsv:%d: unknown level %q", n+1, d.Level)
		}
		t.all = append(t.all, d)
	}
	slices.SortFunc(t.all, func(a, b Division) int { return strings.Compare(a.Code, b.Code) })
	for i, d := range t.all {
		t.byCode[d.Code] = i
		t.byName[d.Name] = append(t.byName[d.Name], i)
		if s := shortName(d.Name); s != "" {
			t.byShort[s] = append(t.byShort[s], i)
			// Autonomous units are also written as the short name plus the
			// bare level (湘西州, 城步县, 恩施州).
			for suf, level := range autonomousLevels {
				if strings.HasSuffix(d.Name, suf) {
					t.byShort[s+level] = append(t.byShort[s+level], i)
				}
			}
		}
		if d.ParentCode != "" {
			t.children[d.ParentCode] = append(t.children[d.ParentCode], i)
		}
		t.maxRunes = max(t.maxRunes, utf8.RuneCountInString(d.Name))
	}
	return t, nil
}

func (t *table) pick(idx []int) []Division {
	if len(idx) == 0 {
		return nil
	}
	out := make([]Division, len(idx))
	for i, j := range idx {
		out[i] = t.all[j]
	}
	return out
}

// All returns every division, ordered by code.
func All() []Division {
	return slices.Clone(tables().all)
}

// Lookup returns the divisions called name, ordered by code.
//
// A full name (娄底市) matches exactly. A name without its level suffix (娄底)
// matches every division whose name shortens to it, which may be several
// (吉林 is both 吉林省 and 吉林市); the caller chooses by context. Autonomous
// units are found by their everyday short forms too (湘西, 湘西州). A full name
// that the list no longer carries is tried without its suffix, so that a
// county since made a city or a district (邵东县 → 邵东市, 沙县 → 沙县区) is
// still found.
func Lookup(name string) []Division {
	t := tables()
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	if idx := t.byName[name]; len(idx) > 0 {
		return t.pick(idx)
	}
	if idx := t.byShort[name]; len(idx) > 0 {
		return t.pick(idx)
	}
	if s := shortName(name); s != "" {
		return t.pick(t.byShort[s])
	}
	return nil
}

// ByCode returns the division with the given code.
func ByCode(code string) (Division, bool) {
	t := tables()
	i, ok := t.byCode[code]
	if !ok {
		return Division{}, false
	}
	return t.all[i], true
}

// Parent returns the division one level above d.
func Parent(d Division) (Division, bool) {
	if d.ParentCode == "" {
		return Division{}, false
	}
	return ByCode(d.ParentCode)
}

// Children returns the divisions whose parent has the given code, ordered by
// code: the cities of a province (and the counties a province governs
// directly), or the counties of a city.
func Children(code string) []Division {
	t := tables()
	return t.pick(t.children[code])
}

// Within reports whether d is ancestor itself or lies below it.
func Within(d, ancestor Division) bool {
	for {
		if d.Code == ancestor.Code {
			return true
		}
		p, ok := Parent(d)
		if !ok {
			return false
		}
		d = p
	}
}

// ShortName returns name without its level suffix (娄底市 → 娄底, 湘西土家族苗族自治州
// → 湘西), or "" when the name has no suffix to drop or dropping it would
// leave a single character (南县, 城区), which reports never use alone.
func ShortName(name string) string {
	return shortName(name)
}

// levelSuffixes are tried in order, so a longer suffix goes before its tail.
var levelSuffixes = []string{"特别行政区", "地区", "林区", "特区", "新区", "省", "市", "县", "区", "旗", "盟"}

// autonomousLevels maps the suffix of an autonomous unit to the bare level
// that its everyday short form ends in.
var autonomousLevels = map[string]string{"自治州": "州", "自治县": "县", "自治旗": "旗"}

// zoneMarkers mark the development zones and management areas that the list
// carries among the counties; their names are not shortened, because
// 湖南衡阳高新技术产业园区 without 区 is no name anyone writes.
var zoneMarkers = []string{"开发区", "园区", "示范区", "管理区", "新城", "合作区", "实验区", "试验区"}

// ethnicGroups are the 56 nationalities without 族, longest first within the
// same ending, used to shorten the names of autonomous units
// (城步苗族自治县 → 城步, 彭水苗族土家族自治县 → 彭水).
var ethnicGroups = []string{
	"柯尔克孜", "乌孜别克", "维吾尔", "哈萨克", "达斡尔", "鄂伦春", "鄂温克", "俄罗斯", "塔吉克", "塔塔尔",
	"蒙古", "布依", "朝鲜", "土家", "哈尼", "傈僳", "高山", "拉祜", "东乡", "纳西", "景颇", "仫佬",
	"布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "德昂", "保安", "裕固", "独龙", "赫哲",
	"门巴", "珞巴", "基诺", "回", "藏", "苗", "彝", "壮", "满", "侗", "瑶", "白", "傣", "黎", "佤",
	"畲", "水", "羌", "怒", "京", "土", "各",
}

func shortName(name string) string {
	var s string
	if base, ok := cutAutonomous(name); ok {
		s = base
	} else {
		for _, z := range zoneMarkers {
			if strings.Contains(name, z) {
				return ""
			}
		}
		for _, suf := range levelSuffixes {
			if strings.HasSuffix(name, suf) {
				s = strings.TrimSuffix(name, suf)
				break
			}
		}
	}
	if utf8.RuneCountInString(s) < 2 {
		return ""
	}
	return s
}

// cutAutonomous strips 自治区/州/县/旗 and the nationalities before it.
func cutAutonomous(name string) (string, bool) {
	var base string
	for _, suf := range []string{"自治区", "自治州", "自治县", "自治旗"} {
		if b, ok := strings.CutSuffix(name, suf); ok {
			base = b
			break
		}
	}
	if base == "" {
		return "", false
	}
	for stripped := true; stripped; {
		stripped = false
		for _, g := range ethnicGroups {
			if b, ok := strings.CutSuffix(base, g+"族"); ok && utf8.RuneCountInString(b) >= 2 {
				base, stripped = b, true
				break
			}
			// Some names drop 族 after a nationality of several characters
			// (新疆维吾尔自治区, 伊犁哈萨克自治州).
			if utf8.RuneCountInString(g) < 2 {
				continue
			}
			if b, ok := strings.CutSuffix(base, g); ok && utf8.RuneCountInString(b) >= 2 {
				base, stripped = b, true
				break
			}
		}
	}
	return base, true
}
