package extract

import (
	"strings"
	"unicode/utf8"
)

// titleWords are the words a position ends with, longest first so that a
// suffix match finds 常务副市长 before 市长.
var titleWords = sortLongestFirst([]string{
	"书记", "副书记", "常务副书记", "常委", "委员", "主任", "副主任", "常务副主任",
	"主席", "副主席", "常务副主席", "市长", "副市长", "常务副市长", "代市长",
	"县长", "副县长", "常务副县长", "代县长", "区长", "副区长", "常务副区长", "代区长",
	"省长", "副省长", "常务副省长", "代省长", "州长", "副州长", "旗长", "副旗长", "盟长",
	"镇长", "副镇长", "乡长", "副乡长", "部长", "副部长", "常务副部长", "厅长", "副厅长",
	"局长", "副局长", "处长", "副处长", "科长", "秘书长", "副秘书长", "检察长", "副检察长",
	"院长", "副院长", "组长", "副组长", "指挥长", "副指挥长", "总指挥", "副总指挥",
	"司令员", "副司令员", "政委", "政治委员", "成员", "党组成员", "调研员", "巡视员",
	"督察长", "主委", "会长", "董事长", "总经理", "校长", "社长", "总编辑", "台长", "行长",
	"关长", "队长", "所长", "站长", "总监", "参事", "特派员", "专员", "主任委员",
	"监察专员", "馆长", "理事长", "总工程师", "总经济师", "总会计师", "总书记", "总理",
	"副总理", "委员长", "副委员长",
	// the river, lake and forest chiefs every level of government names
	"河长", "总河长", "副总河长", "湖长", "林长", "总林长", "副总林长", "田长", "路长",
	// assistants, and the experts a 座谈会 hears
	"助理", "教授", "副教授", "研究员", "副研究员", "院士",
})

// genericTitles describe a group, not a post: "市领导张三" gives 张三 no
// position. The speakers at a 座谈会 include growers and villagers
// (种植大户李一), named with what they are rather than a post.
var genericTitles = []string{"领导", "负责人", "负责同志", "同志", "代表", "大户", "带头人", "能手"}

// shortTitles may follow a name, as in 杨懿文市长.
var shortTitles = sortLongestFirst([]string{"书记", "市长", "县长", "区长", "省长", "主任", "主席", "部长", "局长", "同志"})

// titleStop are strings that never occur inside a position: a candidate
// holding one is a phrase that happens to end like a title.
var titleStop = []string{"的", "在", "把", "对", "了", "是", "和", "与", "及", "贯彻", "落实", "学习", "精神", "讲话", "重要", "要求", "强调", "指出", "主持", "出席", "参加", "汇报", "会议", "等"}

func sortLongestFirst(words []string) []string {
	out := append([]string(nil), words...)
	// insertion sort: the lists are short and sorted once
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(out[j]) > utf8.RuneCountInString(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// titlesByLast indexes titleWords by their last rune, longest first, so
// that most strings are rejected by one map access.
var titlesByLast = func() map[rune][]string {
	m := make(map[rune][]string)
	for _, w := range titleWords {
		r := lastRune(w)
		m[r] = append(m[r], w)
	}
	return m
}()

// titleSuffix returns the title word that s ends with, or "".
func titleSuffix(s string) string {
	for _, w := range titlesByLast[lastRune(s)] {
		if strings.HasSuffix(s, w) {
			return w
		}
	}
	return ""
}

// containsTitle reports whether s contains a title word; a clause without
// one cannot hold a titled name.
func containsTitle(s string) bool {
	return containsWordOf(s, titlesByLast)
}

// titlesOrGroupsByLast indexes titleWords and genericTitles together by
// their last rune.
var titlesOrGroupsByLast = func() map[rune][]string {
	m := make(map[rune][]string)
	for _, w := range append(append([]string(nil), titleWords...), genericTitles...) {
		m[lastRune(w)] = append(m[lastRune(w)], w)
	}
	return m
}()

// containsTitleOrGroup reports whether s contains a title word or a word
// for a group (种植大户): either may introduce a name.
func containsTitleOrGroup(s string) bool {
	return containsWordOf(s, titlesOrGroupsByLast)
}

// containsWordOf reports whether s contains one of the words of byLast,
// which indexes them by their last rune.
func containsWordOf(s string, byLast map[rune][]string) bool {
	for i, r := range s {
		for _, w := range byLast[r] {
			if strings.HasSuffix(s[:i+utf8.RuneLen(r)], w) {
				return true
			}
		}
	}
	return false
}

// isGenericTitle reports whether s names a group (市领导, 有关负责人).
func isGenericTitle(s string) bool {
	if utf8.RuneCountInString(s) > 12 {
		return false
	}
	for _, w := range genericTitles {
		if strings.HasSuffix(s, w) {
			return !containsAny(s, titleStop)
		}
	}
	return false
}

// enterpriseEnds end the name of a firm or association whose 负责人 holds a
// post (隆回县金穗米业有限公司负责人), unlike the 负责人 of departments in
// general.
var enterpriseEnds = []string{"公司", "集团", "协会", "商会", "合作社", "学会", "联合会", "研究会", "厂", "银行"}

// isTitle reports whether s, one item of a list, is a position such as
// 市委副书记, 娄底市人大常委会主任 or 青山果业有限公司负责人.
func isTitle(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 24 {
		return false
	}
	if titleSuffix(s) == "" {
		if org := strings.TrimSuffix(s, "负责人"); org == s || !hasSuffixAny(org, enterpriseEnds) || hasAnyPrefix(org, genericPrefixes) {
			return false
		}
	}
	if containsAny(s, titleStop) {
		return false
	}
	for _, r := range s {
		if !isHan(r) && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// isPluralTitle reports whether several people can hold title s at once,
// so that a bare name after "市委常委张三、" is a 市委常委 too; a unique
// post (市委书记, 市长) is never handed on that way.
func isPluralTitle(s string) bool {
	w := titleSuffix(s)
	if w == "" {
		return isGenericTitle(s)
	}
	if strings.HasPrefix(w, "副") || strings.HasPrefix(w, "常务副") {
		return true
	}
	switch w {
	case "常委", "委员", "成员", "党组成员", "调研员", "巡视员", "参事", "专员":
		return true
	}
	return false
}

// Title is a position split into its parts: 娄底市委书记 is the title 书记
// of the organization 市委 of the division 娄底市.
type Title struct {
	Title        string `json:"title"`
	Organization string `json:"organization"`
	Division     string `json:"division"`
}

// governmentOf maps the heads of government, whose title names no
// organization, to their organization.
var governmentOf = []struct{ suffix, org string }{
	{"市长", "市政府"}, {"县长", "县政府"}, {"区长", "区政府"}, {"省长", "省政府"},
	{"州长", "州政府"}, {"旗长", "旗政府"}, {"盟长", "盟行政公署"}, {"镇长", "镇政府"}, {"乡长", "乡政府"},
}

// levels are the characters that end a division name and start the
// organizations of that level (市 in 娄底市 and 市委).
const levels = "省市县区州旗盟镇乡"

// parseTitle splits position p. The division is the one p names (娄底 in
// 娄底市委书记) or, when p names none, the jurisdiction of the meeting if
// the organization is of the jurisdiction's level (市委 in a meeting of
// 娄底市); otherwise it is left empty rather than guessed.
func (x *run) parseTitle(p, jurisdiction string) Title {
	t := Title{Title: titleSuffix(p)}
	if t.Title == "" {
		t.Title = p
		return t
	}
	org := strings.TrimPrefix(strings.TrimSuffix(p, t.Title), "中共")
	if org == "" {
		for _, g := range governmentOf {
			if strings.HasSuffix(t.Title, g.suffix) {
				org = g.org
				break
			}
		}
	}
	if d, rest, ok := x.divisions.prefix(org); ok && rest != "" {
		lv := lastRune(d)
		if strings.ContainsRune(levels, lv) && !strings.ContainsRune(levels, firstRune(rest)) {
			t.Organization = string(lv) + rest
		} else {
			t.Organization = rest
		}
		t.Division = d
		return t
	}
	t.Organization = org
	if jurisdiction != "" && org != "" && firstRune(org) == lastRune(jurisdiction) && strings.ContainsRune(levels, firstRune(org)) {
		t.Division = jurisdiction
	}
	return t
}

func containsAny(s string, subs []string) bool {
	for _, w := range subs {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
