package extract

import (
	"strings"
	"unicode/utf8"
)

// Gazetteer knows administrative divisions by name. Extraction recognizes
// divisions by their level suffix (区, 县, 市, 新区, 经开区 …) on its own;
// a gazetteer adds the names that rule cannot accept, such as one-character
// counties (和县) or short forms without a suffix.
type Gazetteer interface {
	// Known reports whether name, in simplified characters, is the name
	// of an administrative division or a short form accepted for one.
	Known(name string) bool
}

// builtinGazetteer is the small list used when no gazetteer is given.
type builtinGazetteer map[string]bool

func (g builtinGazetteer) Known(name string) bool { return g[name] }

// defaultGazetteer holds county-level names whose body is a single
// character, which the suffix rule refuses because most one-character
// bodies are words (各县, 全市).
var defaultGazetteer = builtinGazetteer{
	"和县": true, "萧县": true, "歙县": true, "黟县": true, "泾县": true, "岚县": true,
	"澧县": true, "蠡县": true, "滑县": true, "沛县": true, "丰县": true, "睢县": true,
	"杞县": true, "郏县": true, "单县": true, "莘县": true, "冠县": true, "费县": true,
	"黎城县": true, "沙市": true, "吴县": true, "渠县": true, "泸县": true, "叙州区": true,
}

// divisionSuffixes are the level suffixes, longest first.
var divisionSuffixes = sortLongestFirst([]string{
	"经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经济开发区", "经开区", "高新区",
	"开发区", "新区", "自治县", "自治州", "自治旗", "自治区", "林区", "特区", "街道",
	"地区", "省", "市", "县", "区", "旗", "州", "盟", "镇", "乡",
})

// genericPlaces end like divisions but name a kind of place (疫区, 园区)
// rather than a division, whatever comes before them.
var genericPlaces = []string{
	"疫区", "灾区", "景区", "园区", "社区", "片区", "小区", "厂区", "校区", "辖区",
	"保护区", "示范区", "试验区", "功能区", "服务区", "工业区", "商业区", "风景区",
}

// genericNames are whole names that are words (市区, 县市区), although
// other names end with them (南山区, 铜官山区).
var genericNames = map[string]bool{
	"市区": true, "县区": true, "城区": true, "山区": true, "湖区": true, "郊区": true, "库区": true,
	"牧区": true, "老区": true, "苏区": true, "战区": true, "县市区": true, "市县区": true, "市州": true,
	"主城区": true, "老城区": true, "新城区": true, "各县市区": true,
}

// genericPrefixes start a phrase about divisions in general (各县, 全市).
var genericPrefixes = []string{"各", "全", "本", "该", "有关", "所属", "其他", "其余", "相关", "我", "外", "周边", "兄弟", "部分", "多个", "下辖", "辖", "省内", "市内", "县内", "城乡", "重点"}

// divisionStop never occurs in the body of a division name.
const divisionStop = "的了和与及等在是为对把被将从向以各本该其此这那们个会议委局厅部府党要上下中时里年月日号要求强调出席参加汇报讲话发言负责人同志"

var divisionStopSet = func() map[rune]bool {
	m := make(map[rune]bool)
	for _, r := range divisionStop {
		m[r] = true
	}
	return m
}()

// divisionRecognizer recognizes division names by suffix and by gazetteer.
type divisionRecognizer struct {
	g Gazetteer
}

// isDivision reports whether s is one division name.
func (d divisionRecognizer) isDivision(s string) bool {
	if s == "" {
		return false
	}
	if d.g != nil && d.g.Known(s) {
		return true
	}
	if genericNames[s] || !strings.ContainsRune(levels+"道", lastRune(s)) {
		// every suffix ends with a level character or 道 (街道)
		return false
	}
	for _, g := range genericPlaces {
		if strings.HasSuffix(s, g) {
			return false
		}
	}
	for _, p := range genericPrefixes {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	for _, suf := range divisionSuffixes {
		if !strings.HasSuffix(s, suf) {
			continue
		}
		body := strings.TrimSuffix(s, suf)
		n := utf8.RuneCountInString(body)
		compound := utf8.RuneCountInString(suf) > 1
		switch {
		case compound && (n < 2 || n > 8):
			return false
		case !compound && (n < 2 || n > 5):
			return false
		}
		for i, r := range []rune(body) {
			if !isHan(r) || divisionStopSet[r] {
				return false
			}
			// a level character inside the body means two names run
			// together (娄星区冷水江市); a zone may follow its city
			// (娄底市经开区), so the last body character is allowed one
			if strings.ContainsRune(levels, r) && !(compound && i == n-1) {
				return false
			}
		}
		return true
	}
	return false
}

// maxDivisionItem bounds the item that segment looks at, so that a long
// phrase costs constant work.
const maxDivisionItem = 40

// segment splits s, one item of a list, into division names: 娄星区冷水江市
// is 娄星区 and 冷水江市. It prefers the split with the fewest names.
func (d divisionRecognizer) segment(s string) ([]string, bool) {
	if !strings.ContainsRune(levels+"道", lastRune(s)) {
		// the last name has no suffix: only the gazetteer can know it
		if d.g != nil && d.g.Known(s) {
			return []string{s}, true
		}
		return nil, false
	}
	rs := []rune(s)
	n := len(rs)
	if n < 2 || n > maxDivisionItem {
		return nil, false
	}
	pieces := make([]int, n+1)
	prev := make([]int, n+1)
	for i := range pieces {
		pieces[i] = -1
	}
	pieces[0] = 0
	for i := 2; i <= n; i++ {
		for j := max(0, i-14); j <= i-2; j++ {
			if pieces[j] < 0 || !d.isDivision(string(rs[j:i])) {
				continue
			}
			if pieces[i] < 0 || pieces[j]+1 < pieces[i] {
				pieces[i] = pieces[j] + 1
				prev[i] = j
			}
		}
	}
	if pieces[n] < 0 {
		return nil, false
	}
	out := make([]string, pieces[n])
	for i, k := n, pieces[n]-1; i > 0; i, k = prev[i], k-1 {
		out[k] = string(rs[prev[i]:i])
	}
	return out, true
}

// prefix returns the longest division name that s starts with and the
// rest of s; 娄底市委 gives 娄底市 and 委.
func (d divisionRecognizer) prefix(s string) (div, rest string, ok bool) {
	rs := []rune(s)
	for l := min(len(rs), 12); l >= 2; l-- {
		cand := string(rs[:l])
		if d.isDivision(cand) {
			return cand, string(rs[l:]), true
		}
	}
	return "", s, false
}

// divisionRoleSuffixes are what follows a division name when the text
// means the people who speak for it: 娄底经开区主要负责人, 冷水江市委,
// 宜宾市政协负责同志.
var divisionRoleSuffixes = sortLongestFirst([]string{
	"党政主要负责人", "党委主要负责人", "主要负责同志", "主要负责人", "有关负责人", "相关负责人",
	"分管负责人", "分管负责同志", "负责同志", "负责人", "党工委", "管委会", "人民政府", "政府", "党委", "委",
	"代表", "有关部门", "主要领导", "人大常委会", "人大", "政协",
})

// trimDivisionRole removes the role suffixes from item: a body and then
// its people (正安县政府主要负责同志).
func trimDivisionRole(item string) string {
	for range 2 {
		trimmed := item
		for _, s := range divisionRoleSuffixes {
			if strings.HasSuffix(item, s) && len(item) > len(s) {
				trimmed = strings.TrimSuffix(item, s)
				break
			}
		}
		if trimmed == item {
			break
		}
		item = trimmed
	}
	return item
}
