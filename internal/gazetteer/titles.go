package gazetteer

import (
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Title ranks.
const (
	RankHead   = "head"   // 书记, 市长, 主任, 主席, 局长 …
	RankDeputy = "deputy" // 副书记, 副市长, 常务副市长, 副主任 …
	RankMember = "member" // 常委, 秘书长, the heads of party departments …
)

// LevelTownship is the level of a township's titles (镇党委书记, 乡长,
// 街道党工委书记). A Title's Level is the level its prefix denotes: 市 denotes a
// city, so 市委书记 is LevelCity even in a county-level city's report, and a
// title without a prefix (组织部长) has Level "", the text before it supplying
// the organisation.
const LevelTownship = "township"

// A Title is an official position as reports write it.
type Title struct {
	// Text is the title as written (市委书记).
	Text string
	// Organization is the body the title belongs to (市委 for 市委书记,
	// 市人大常委会 for 市人大常委会主任, 市政府 for 市长, 市公安局 for
	// 市公安局局长).
	Organization string
	// Post is the position within the organisation (书记, 副市长, 主任).
	Post string
	// Level is LevelProvince, LevelCity, LevelCounty, LevelTownship or "".
	Level string
	// Rank is RankHead, RankDeputy or RankMember.
	Rank string
}

// prefix is a level prefix: the character(s) that open an organisation's name.
type prefix struct {
	p     string
	level string
	party string // the party committee's name (省委, 镇党委 …)
	gov   string // the government's name (省政府, 镇政府 …)
	head  string // the head of government (省长, 镇长 …)
}

var (
	provincePrefixes = []prefix{
		{"省", LevelProvince, "省委", "省政府", "省长"},
		{"自治区", LevelProvince, "自治区党委", "自治区政府", "自治区主席"},
	}
	cityPrefixes = []prefix{
		{"市", LevelCity, "市委", "市政府", "市长"},
		{"州", LevelCity, "州委", "州政府", "州长"},
		{"盟", LevelCity, "盟委", "盟行政公署", "盟长"},
	}
	countyPrefixes = []prefix{
		{"县", LevelCounty, "县委", "县政府", "县长"},
		{"区", LevelCounty, "区委", "区政府", "区长"},
		{"旗", LevelCounty, "旗委", "旗政府", "旗长"},
	}
	townshipPrefixes = []prefix{
		{"镇", LevelTownship, "镇党委", "镇政府", "镇长"},
		{"乡", LevelTownship, "乡党委", "乡政府", "乡长"},
		{"街道", LevelTownship, "街道党工委", "街道办事处", "街道办事处主任"},
	}
)

// departments are the government departments below province level, as
// "short|full" names where reports use both (发改委|发展和改革委员会). The
// province's departments are 厅 where the city's are 局; provinceDepartments
// lists those.
var departments = []string{
	"发改委|发展和改革委员会", "教育局", "科技局", "工信局|工业和信息化局", "公安局", "民政局", "司法局",
	"财政局", "人社局|人力资源和社会保障局", "自然资源局", "自然资源和规划局", "生态环境局",
	"住建局|住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文旅局|文化旅游局",
	"文旅广体局|文化旅游广电体育局", "卫健委|卫生健康委员会", "退役军人事务局", "应急管理局|应急局",
	"审计局", "统计局", "市场监管局|市场监督管理局", "医保局|医疗保障局", "林业局", "乡村振兴局",
	"信访局", "城管局|城市管理综合执法局", "国资委|国有资产监督管理委员会", "政府办|政府办公室",
	"税务局", "气象局", "供销社",
}

var provinceDepartments = []string{
	"发改委|发展和改革委员会", "教育厅", "科技厅", "工信厅|工业和信息化厅", "公安厅", "民政厅", "司法厅",
	"财政厅", "人社厅|人力资源和社会保障厅", "自然资源厅", "生态环境厅", "住建厅|住房和城乡建设厅",
	"交通运输厅", "水利厅", "农业农村厅", "商务厅", "文旅厅|文化和旅游厅", "卫健委|卫生健康委员会",
	"退役军人事务厅", "应急管理厅|应急厅", "审计厅", "统计局", "市场监管局|市场监督管理局",
	"医保局|医疗保障局", "林业局", "乡村振兴局", "信访局", "国资委|国有资产监督管理委员会",
	"政府办公厅", "气象局", "供销社",
}

type titleLexicon struct {
	byText map[string]Title
	maxLen int // longest text, in bytes
}

var titleTable = sync.OnceValue(buildTitles)

func buildTitles() *titleLexicon {
	m := make(map[string]Title)
	add := func(text, org, post, level, rank string) {
		if _, dup := m[text]; !dup {
			m[text] = Title{Text: text, Organization: org, Post: post, Level: level, Rank: rank}
		}
	}
	var all []prefix
	for _, ps := range [][]prefix{provincePrefixes, cityPrefixes, countyPrefixes, townshipPrefixes} {
		all = append(all, ps...)
	}
	for _, p := range all {
		// Party committee.
		add(p.party+"书记", p.party, "书记", p.level, RankHead)
		add(p.party+"副书记", p.party, "副书记", p.level, RankDeputy)
		add(p.party+"常务副书记", p.party, "常务副书记", p.level, RankDeputy)
		add(p.party+"委员", p.party, "委员", p.level, RankMember)
		// Government.
		deputy := "副" + p.head
		if p.p == "街道" {
			deputy = "街道办事处副主任"
		}
		add(p.head, p.gov, p.head, p.level, RankHead)
		add(deputy, p.gov, deputy, p.level, RankDeputy)
		if p.level == LevelTownship {
			if p.p != "街道" {
				// Townships have a people's congress presidium, not a standing committee.
				add(p.p+"人大主席", p.p+"人大", "主席", p.level, RankHead)
				add(p.p+"人大副主席", p.p+"人大", "副主席", p.level, RankDeputy)
			}
			continue
		}
		add(p.party+"常委", p.party, "常委", p.level, RankMember)
		add(p.party+"秘书长", p.party, "秘书长", p.level, RankMember)
		add(p.party+"副秘书长", p.party, "副秘书长", p.level, RankDeputy)
		for _, dept := range []string{"组织部", "宣传部", "统战部"} {
			org := p.party + dept
			add(org+"部长", org, "部长", p.level, RankMember)
			add(org+"长", org, "部长", p.level, RankMember)
			add(org+"副部长", org, "副部长", p.level, RankDeputy)
		}
		add(p.party+"政法委书记", p.party+"政法委", "书记", p.level, RankMember)
		add(p.party+"办公室主任", p.party+"办公室", "主任", p.level, RankMember)
		// Discipline inspection and supervision.
		add(p.p+"纪委书记", p.p+"纪委", "书记", p.level, RankMember)
		add(p.p+"纪委副书记", p.p+"纪委", "副书记", p.level, RankDeputy)
		add(p.p+"监委主任", p.p+"监委", "主任", p.level, RankHead)
		add(p.p+"监委副主任", p.p+"监委", "副主任", p.level, RankDeputy)
		add(p.p+"纪委监委主任", p.p+"监委", "主任", p.level, RankHead)
		// Government, continued.
		add("常务"+deputy, p.gov, "常务"+deputy, p.level, RankDeputy)
		add(p.gov+"秘书长", p.gov, "秘书长", p.level, RankMember)
		add(p.gov+"副秘书长", p.gov, "副秘书长", p.level, RankDeputy)
		add(p.gov+"党组书记", p.gov+"党组", "书记", p.level, RankHead)
		// People's congress standing committee and CPPCC.
		for _, org := range []string{p.p + "人大常委会", p.p + "政协"} {
			head, dep := "主任", "副主任"
			if strings.HasSuffix(org, "政协") {
				head, dep = "主席", "副主席"
			}
			add(org+head, org, head, p.level, RankHead)
			add(org+dep, org, dep, p.level, RankDeputy)
			add(org+"秘书长", org, "秘书长", p.level, RankMember)
			add(org+"党组书记", org+"党组", "书记", p.level, RankHead)
		}
		// Courts and procuratorates.
		court := p.p + "人民法院"
		if p.level == LevelCity {
			court = p.p + "中级人民法院"
		} else if p.level == LevelProvince {
			court = p.p + "高级人民法院"
		}
		add(court+"院长", court, "院长", p.level, RankHead)
		add(p.p+"人民检察院检察长", p.p+"人民检察院", "检察长", p.level, RankHead)
		add(p.p+"检察院检察长", p.p+"检察院", "检察长", p.level, RankHead)
		add(p.p+"法院院长", p.p+"法院", "院长", p.level, RankHead)
		// Government departments.
		depts := departments
		if p.level == LevelProvince {
			depts = provinceDepartments
		}
		for _, d := range depts {
			for _, name := range strings.Split(d, "|") {
				org := p.p + name
				head := departmentHead(name)
				add(org+head, org, head, p.level, RankHead)
				add(org+"副"+head, org, "副"+head, p.level, RankDeputy)
				add(org+"党组书记", org+"党组", "书记", p.level, RankHead)
			}
		}
	}
	// Titles written without a prefix after another title of the same body
	// (市委常委、组织部长; 市纪委书记、监委主任); the text before supplies the level.
	for _, t := range []Title{
		{Text: "组织部长", Organization: "组织部", Post: "部长", Rank: RankMember},
		{Text: "宣传部长", Organization: "宣传部", Post: "部长", Rank: RankMember},
		{Text: "统战部长", Organization: "统战部", Post: "部长", Rank: RankMember},
		{Text: "组织部部长", Organization: "组织部", Post: "部长", Rank: RankMember},
		{Text: "宣传部部长", Organization: "宣传部", Post: "部长", Rank: RankMember},
		{Text: "统战部部长", Organization: "统战部", Post: "部长", Rank: RankMember},
		{Text: "政法委书记", Organization: "政法委", Post: "书记", Rank: RankMember},
		{Text: "纪委书记", Organization: "纪委", Post: "书记", Rank: RankMember},
		{Text: "监委主任", Organization: "监委", Post: "主任", Rank: RankHead},
		{Text: "秘书长", Post: "秘书长", Rank: RankMember},
		{Text: "党工委书记", Organization: "党工委", Post: "书记", Rank: RankHead},
		{Text: "党工委副书记", Organization: "党工委", Post: "副书记", Rank: RankDeputy},
		{Text: "管委会主任", Organization: "管委会", Post: "主任", Rank: RankHead},
		{Text: "管委会副主任", Organization: "管委会", Post: "副主任", Rank: RankDeputy},
	} {
		add(t.Text, t.Organization, t.Post, t.Level, t.Rank)
	}
	lex := &titleLexicon{byText: m}
	for text := range m {
		lex.maxLen = max(lex.maxLen, len(text))
	}
	return lex
}

// departmentHead names the head of a department by the department's kind.
func departmentHead(dept string) string {
	switch {
	case strings.HasSuffix(dept, "局"):
		return "局长"
	case strings.HasSuffix(dept, "厅") && dept != "政府办公厅":
		return "厅长"
	default: // 委, 委员会, 办, 办公室, 办公厅, 社
		return "主任"
	}
}

// Titles returns the title lexicon, ordered by text.
func Titles() []Title {
	m := titleTable().byText
	out := make([]Title, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b Title) int { return strings.Compare(a.Text, b.Text) })
	return out
}

// departmentTitle matches a department head the lexicon does not list
// (市城乡一体化发展局局长, 市河长办主任): a level prefix, a department name of up
// to twelve characters ending in the kind of body, and the head that kind has.
var departmentTitle = regexp.MustCompile(`^(省|自治区|市|州|县|区|旗)(\p{Han}{1,12}?(?:局|厅|委员会|委|办公室|办|中心))(副)?(局长|厅长|主任)`)

// MatchTitle reports the longest title at the start of s and its length in
// bytes. It knows the lexicon that Titles returns and, beyond it, department
// heads of any department name (市城乡一体化发展局局长).
func MatchTitle(s string) (Title, int, bool) {
	lex := titleTable()
	best, n := Title{}, 0
	for j := range s {
		if j > lex.maxLen {
			break
		}
		if t, ok := lex.byText[s[:j]]; j > 0 && ok {
			best, n = t, j
		}
	}
	if t, ok := lex.byText[s]; ok {
		best, n = t, len(s)
	}
	if sm := departmentTitle.FindStringSubmatch(s); sm != nil && len(sm[0]) > n && headFits(sm[2], sm[4]) {
		level := prefixLevel(sm[1])
		post, rank := sm[4], RankHead
		if sm[3] != "" {
			post, rank = "副"+sm[4], RankDeputy
		}
		best = Title{Text: sm[0], Organization: sm[1] + sm[2], Post: post, Level: level, Rank: rank}
		n = len(sm[0])
	}
	return best, n, n > 0
}

// headFits reports whether head is what a body called org has (局 → 局长).
func headFits(org, head string) bool {
	switch {
	case strings.HasSuffix(org, "局"):
		return head == "局长"
	case strings.HasSuffix(org, "厅"):
		return head == "厅长"
	default:
		return head == "主任"
	}
}

func prefixLevel(p string) string {
	switch p {
	case "省", "自治区":
		return LevelProvince
	case "市", "州":
		return LevelCity
	default:
		return LevelCounty
	}
}

// MatchPlaceTitle reports a title written after the name of its place, as in
// 娄底市委书记, 衡东县委书记, 湘西州委书记 or 吉安市人大常委会主任, where the
// place's last character is also the title's level prefix. It returns the place
// as written (Lookup resolves it), the title (市委书记) and the byte length of
// both together.
func MatchPlaceTitle(s string) (place string, t Title, n int, ok bool) {
	var ends []int
	for j := range s {
		if j > 0 {
			ends = append(ends, j)
		}
		if len(ends) > tables().maxRunes {
			break
		}
	}
	for k := len(ends) - 1; k >= 1; k-- {
		place = s[:ends[k]]
		start, isLevel := titlePrefixStart(place)
		if !isLevel || len(Lookup(place)) == 0 {
			continue
		}
		if ti, m, ok := MatchTitle(s[start:]); ok && start+m > len(place) {
			return place, ti, start + m, true
		}
	}
	return "", Title{}, 0, false
}

// titlePrefixStart returns where, within place, the level prefix of a title
// that follows it begins: the last character (市, 县, 州 …), or 自治区.
func titlePrefixStart(place string) (int, bool) {
	if strings.HasSuffix(place, "自治区") {
		return len(place) - len("自治区"), true
	}
	for _, p := range []string{"省", "市", "州", "盟", "县", "区", "旗"} {
		if strings.HasSuffix(place, p) {
			return len(place) - len(p), true
		}
	}
	return 0, false
}
