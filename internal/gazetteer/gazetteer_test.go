package gazetteer

import (
	"slices"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	all := All()
	levels := map[string]int{}
	for _, d := range all {
		levels[d.Level]++
		if d.Level != LevelProvince {
			if _, ok := Parent(d); !ok {
				t.Errorf("%s %s: parent %q not in the table", d.Code, d.Name, d.ParentCode)
			}
		}
	}
	// The statistics bureau's 2023 list: 31 province-level units, 333 cities
	// once the placeholders are gone, and some 3,000 county-level units.
	if levels[LevelProvince] != 31 {
		t.Errorf("%d provinces, want 31", levels[LevelProvince])
	}
	if n := levels[LevelCity]; n < 300 || n > 350 {
		t.Errorf("%d cities, want about 333", n)
	}
	if n := levels[LevelCounty]; n < 2800 || n > 3100 {
		t.Errorf("%d counties, want about 3,000", n)
	}
	for _, placeholder := range []string{"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"} {
		if ds := Lookup(placeholder); len(ds) > 0 {
			t.Errorf("Lookup(%q) = %v, want no placeholder city", placeholder, ds)
		}
	}
}

func TestDivisionsHeaderNamesSource(t *testing.T) {
	header, _, _ := strings.Cut(divisionsTSV, "\n1")
	for _, want := range []string{"china-division 2.7.0", "2023", "go generate"} {
		if !strings.Contains(header, want) {
			t.Errorf("divisions.tsv header lacks %q:\n%s", want, header)
		}
	}
}

// chain returns the names from d up to its province.
func chain(t *testing.T, d Division) []string {
	t.Helper()
	names := []string{d.Name}
	for {
		p, ok := Parent(d)
		if !ok {
			return names
		}
		names = append(names, p.Name)
		d = p
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name  string
		want  []string // codes, in order
		chain []string // of the first result
	}{
		// The seed report's divisions.
		{"娄底市", []string{"4313"}, []string{"娄底市", "湖南省"}},
		{"娄底", []string{"4313"}, []string{"娄底市", "湖南省"}},
		{"娄星区", []string{"431302"}, []string{"娄星区", "娄底市", "湖南省"}},
		{"冷水江市", []string{"431381"}, []string{"冷水江市", "娄底市", "湖南省"}},
		{"涟源市", []string{"431382"}, []string{"涟源市", "娄底市", "湖南省"}},
		{"双峰县", []string{"431321"}, []string{"双峰县", "娄底市", "湖南省"}},
		{"新化县", []string{"431322"}, []string{"新化县", "娄底市", "湖南省"}},
		{"冷水江", []string{"431381"}, nil},
		{"湖南省", []string{"43"}, []string{"湖南省"}},
		{"湖南", []string{"43"}, nil},
		// Ambiguous short names return every candidate.
		{"吉林", []string{"22", "2202"}, nil},
		// Autonomous units shorten past their nationalities.
		{"湘西", []string{"4331"}, []string{"湘西土家族苗族自治州", "湖南省"}},
		{"城步", []string{"430529"}, nil},
		{"湘西州", []string{"4331"}, nil},
		{"城步县", []string{"430529"}, nil},
		{"恩施州", []string{"4228"}, []string{"恩施土家族苗族自治州", "湖北省"}},
		{"新疆", []string{"65"}, nil},
		{"广西", []string{"45"}, nil},
		// Units renamed since (县 → 市, 县 → 区) are found by their old names.
		{"邵东县", []string{"430582"}, nil},
		{"沙县", []string{"350405"}, nil},
		// Municipalities: the counties hang from the province-level city.
		{"东城区", []string{"110101"}, []string{"东城区", "北京市"}},
		{"城口县", []string{"500229"}, []string{"城口县", "重庆市"}},
		// Counties governed directly by their province.
		{"济源市", []string{"419001"}, []string{"济源市", "河南省"}},
		// Single characters and unknown names find nothing.
		{"南", nil, nil},
		{"万宝新区", nil, nil},
		{"", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lookup(tt.name)
			var codes []string
			for _, d := range got {
				codes = append(codes, d.Code)
			}
			if !slices.Equal(codes, tt.want) {
				t.Fatalf("Lookup(%q) = %v, want codes %v", tt.name, got, tt.want)
			}
			if tt.chain != nil {
				if c := chain(t, got[0]); !slices.Equal(c, tt.chain) {
					t.Errorf("chain of %s = %v, want %v", got[0].Name, c, tt.chain)
				}
			}
		})
	}
}

func TestByCodeAndChildren(t *testing.T) {
	d, ok := ByCode("4313")
	if !ok || d.Name != "娄底市" || d.Level != LevelCity || d.ParentCode != "43" {
		t.Fatalf("ByCode(4313) = %+v, %v", d, ok)
	}
	if _, ok := ByCode("9999"); ok {
		t.Error("ByCode(9999) found a division")
	}
	var names []string
	for _, c := range Children("4313") {
		names = append(names, c.Name)
	}
	want := []string{"娄星区", "双峰县", "新化县", "冷水江市", "涟源市"}
	if !slices.Equal(names, want) {
		t.Errorf("Children(4313) = %v, want %v", names, want)
	}
	if _, ok := Parent(Division{Code: "43", Name: "湖南省", Level: LevelProvince}); ok {
		t.Error("a province has a parent")
	}
	cq := Children("50")
	if len(cq) < 30 {
		t.Errorf("Children(重庆市) has %d divisions, want its 38 districts and counties", len(cq))
	}
}

func TestShortName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"娄底市", "娄底"},
		{"冷水江市", "冷水江"},
		{"津市市", "津市"},
		{"双峰县", "双峰"},
		{"南县", ""},
		{"城区", ""},
		{"浦东新区", "浦东"},
		{"阿里地区", "阿里"},
		{"锡林郭勒盟", "锡林郭勒"},
		{"克什克腾旗", "克什克腾"},
		{"神农架林区", "神农架"},
		{"彭水苗族土家族自治县", "彭水"},
		{"龙胜各族自治县", "龙胜"},
		{"伊犁哈萨克自治州", "伊犁"},
		{"宁夏回族自治区", "宁夏"},
		{"湖南衡阳高新技术产业园区", ""},
		{"岳阳市屈原管理区", ""},
	}
	for _, tt := range tests {
		if got := ShortName(tt.name); got != tt.want {
			t.Errorf("ShortName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		// Run together in the seed report.
		{"娄星区冷水江市", []string{"娄星区", "冷水江市"}},
		{"双峰县新化县", []string{"双峰县", "新化县"}},
		{"娄星区冷水江市、涟源市、双峰县新化县", []string{"娄星区", "冷水江市", "涟源市", "双峰县", "新化县"}},
		// Longest match: 津市市 is one name, 市中区 starts with 市.
		{"津市市澧县石门县", []string{"津市市", "澧县", "石门县"}},
		{"历下区市中区", []string{"历下区", "市中区"}},
		// Names the list lacks are cut after their level suffix or before a
		// name it knows.
		{"万宝新区娄底经开区", []string{"万宝新区", "娄底经开区"}},
		{"娄底经开区冷水江市", []string{"娄底经开区", "冷水江市"}},
		{"湖南娄底经济开发区", []string{"湖南娄底经济开发区"}},
		{"杉山镇槎溪镇", []string{"杉山镇", "槎溪镇"}},
		{"衡阳县衡南县衡山县衡东县", []string{"衡阳县", "衡南县", "衡山县", "衡东县"}},
		// A lost character stays inside its name.
		{"冷水?市涟源市", []string{"冷水?市", "涟源市"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Split(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchAt(t *testing.T) {
	tests := []struct {
		s     string
		i     int
		want  string
		wantN int
		ok    bool
	}{
		{"娄星区冷水江市", 0, "娄星区", len("娄星区"), true},
		{"娄星区冷水江市", len("娄星区"), "冷水江市", len("冷水江市"), true},
		{"会上，双峰县汇报", len("会上，"), "双峰县", len("双峰县"), true},
		{"朝阳区", 0, "朝阳区", len("朝阳区"), true},
		{"会上", 0, "", 0, false},
		{"娄星区", 99, "", 0, false},
	}
	for _, tt := range tests {
		d, n, ok := MatchAt(tt.s, tt.i)
		if ok != tt.ok || d.Name != tt.want || n != tt.wantN {
			t.Errorf("MatchAt(%q, %d) = %q, %d, %v; want %q, %d, %v", tt.s, tt.i, d.Name, n, ok, tt.want, tt.wantN, tt.ok)
		}
	}
}

func TestResolveShort(t *testing.T) {
	tests := []struct {
		short, city string
		want        string // "" when it must not resolve
	}{
		// The list carries no development zone for 娄底, nor 万宝新区.
		{"娄底经开区", "娄底市", ""},
		{"经开区", "娄底市", ""},
		{"万宝新区", "娄底市", ""},
		// Short names of the city's counties.
		{"冷水江", "娄底市", "冷水江市"},
		{"双峰县", "娄底", "双峰县"},
		{"双峰", "", "双峰县"},
		// 衡阳 has one economic development zone and one high-tech park.
		{"经开区", "衡阳市", "湖南衡阳松木经济开发区"},
		{"松木经开区", "衡阳市", "湖南衡阳松木经济开发区"},
		{"高新区", "衡阳市", "湖南衡阳高新技术产业园区"},
		{"衡阳高新区", "", "湖南衡阳高新技术产业园区"},
		{"衡阳高新区", "娄底市", "湖南衡阳高新技术产业园区"},
		{"永州经开区", "", "永州经济技术开发区"},
		{"高新区", "益阳", "湖南益阳高新技术产业园区"},
		{"浦东新区", "上海市", "浦东新区"},
		{"新区", "天津市", "滨海新区"},
		// Without a city a bare short form means nothing.
		{"经开区", "", ""},
		{"高新区", "无此市", ""},
		{"", "娄底市", ""},
	}
	for _, tt := range tests {
		d, ok := ResolveShort(tt.short, tt.city)
		if ok != (tt.want != "") || d.Name != tt.want {
			t.Errorf("ResolveShort(%q, %q) = %q, %v; want %q", tt.short, tt.city, d.Name, ok, tt.want)
		}
	}
}

func TestMatchTitle(t *testing.T) {
	tests := []struct {
		s    string
		want Title
	}{
		{"市委书记、市人大常委会主任刘非", Title{"市委书记", "市委", "书记", LevelCity, RankHead}},
		{"市人大常委会主任刘非", Title{"市人大常委会主任", "市人大常委会", "主任", LevelCity, RankHead}},
		{"市委副书记、市长杨懿文", Title{"市委副书记", "市委", "副书记", LevelCity, RankDeputy}},
		{"市长杨懿文", Title{"市长", "市政府", "市长", LevelCity, RankHead}},
		{"常务副市长", Title{"常务副市长", "市政府", "常务副市长", LevelCity, RankDeputy}},
		{"省委常委、秘书长", Title{"省委常委", "省委", "常委", LevelProvince, RankMember}},
		{"县政协主席", Title{"县政协主席", "县政协", "主席", LevelCounty, RankHead}},
		{"区政协副主席", Title{"区政协副主席", "区政协", "副主席", LevelCounty, RankDeputy}},
		{"州长", Title{"州长", "州政府", "州长", LevelCity, RankHead}},
		{"镇党委书记", Title{"镇党委书记", "镇党委", "书记", LevelTownship, RankHead}},
		{"乡长", Title{"乡长", "乡政府", "乡长", LevelTownship, RankHead}},
		{"市委组织部部长", Title{"市委组织部部长", "市委组织部", "部长", LevelCity, RankMember}},
		{"县委政法委书记", Title{"县委政法委书记", "县委政法委", "书记", LevelCounty, RankMember}},
		{"市纪委书记、市监委主任", Title{"市纪委书记", "市纪委", "书记", LevelCity, RankMember}},
		{"市监委主任", Title{"市监委主任", "市监委", "主任", LevelCity, RankHead}},
		{"组织部长", Title{"组织部长", "组织部", "部长", "", RankMember}},
		{"市公安局局长", Title{"市公安局局长", "市公安局", "局长", LevelCity, RankHead}},
		{"省交通运输厅厅长", Title{"省交通运输厅厅长", "省交通运输厅", "厅长", LevelProvince, RankHead}},
		{"市发改委主任", Title{"市发改委主任", "市发改委", "主任", LevelCity, RankHead}},
		{"县卫健委副主任", Title{"县卫健委副主任", "县卫健委", "副主任", LevelCounty, RankDeputy}},
		// Departments the lexicon lacks.
		{"市城乡一体化发展局局长", Title{"市城乡一体化发展局局长", "市城乡一体化发展局", "局长", LevelCity, RankHead}},
		{"县数据资源局副局长", Title{"县数据资源局副局长", "县数据资源局", "副局长", LevelCounty, RankDeputy}},
		{"市河长办主任", Title{"市河长办主任", "市河长办", "主任", LevelCity, RankHead}},
		{"统战部部长那仁花", Title{"统战部部长", "统战部", "部长", "", RankMember}},
		{"旗长包海军", Title{"旗长", "旗政府", "旗长", LevelCounty, RankHead}},
		{"副旗长", Title{"副旗长", "旗政府", "副旗长", LevelCounty, RankDeputy}},
		{"州委书记", Title{"州委书记", "州委", "书记", LevelCity, RankHead}},
		{"区委常委、常务副区长", Title{"区委常委", "区委", "常委", LevelCounty, RankMember}},
		{"常务副区长", Title{"常务副区长", "区政府", "常务副区长", LevelCounty, RankDeputy}},
		{"省政协副主席", Title{"省政协副主席", "省政协", "副主席", LevelProvince, RankDeputy}},
		{"街道党工委书记", Title{"街道党工委书记", "街道党工委", "书记", LevelTownship, RankHead}},
	}
	for _, tt := range tests {
		got, n, ok := MatchTitle(tt.s)
		if !ok || got != tt.want || tt.s[:n] != tt.want.Text {
			t.Errorf("MatchTitle(%q) = %+v, %d, %v; want %+v", tt.s, got, n, ok, tt.want)
		}
	}
	for _, s := range []string{"会议强调", "市委", "书记", "市里", ""} {
		if got, _, ok := MatchTitle(s); ok {
			t.Errorf("MatchTitle(%q) = %+v, want no title", s, got)
		}
	}
}

func TestTitlesCover(t *testing.T) {
	have := map[string]Title{}
	for _, ti := range Titles() {
		have[ti.Text] = ti
	}
	for _, p := range []string{"省", "市", "州", "县", "区"} {
		for _, post := range []string{
			"委书记", "委副书记", "委常委", "委秘书长", "委组织部部长", "委宣传部部长", "委政法委书记",
			"纪委书记", "监委主任", "人大常委会主任", "人大常委会副主任", "政协主席", "政协副主席",
			"长", "副" + p + "长", "政府秘书长",
		} {
			text := p + post
			if strings.HasPrefix(post, "副") {
				text = post
			}
			if _, ok := have[text]; !ok {
				t.Errorf("Titles() lacks %s", text)
			}
		}
	}
	for _, text := range []string{"镇党委书记", "乡党委书记", "镇长", "乡长", "副镇长", "副乡长", "镇人大主席", "街道党工委书记", "街道办事处主任"} {
		if _, ok := have[text]; !ok {
			t.Errorf("Titles() lacks %s", text)
		}
	}
}

func TestSurnames(t *testing.T) {
	tests := []struct {
		s    string
		want int // bytes of the surname at the start, 0 for none
	}{
		{"欧阳振华", len("欧阳")},
		{"司马文涛", len("司马")},
		{"上官婉清", len("上官")},
		{"诸葛明远", len("诸葛")},
		{"尉迟恒", len("尉迟")},
		{"东方红", len("东方")},
		{"皇甫嵩", len("皇甫")},
		{"公孙丽", len("公孙")},
		{"慕容雪", len("慕容")},
		{"令狐春", len("令狐")},
		{"长孙立", len("长孙")},
		{"宇文博", len("宇文")},
		{"夏侯杰", len("夏侯")},
		{"轩辕平", len("轩辕")},
		{"端木青", len("端木")},
		{"独孤斌", len("独孤")},
		{"南宫越", len("南宫")},
		{"西门庆林", len("西门")},
		// 欧 alone is a surname too when no compound follows.
		{"欧建国", len("欧")},
		{"刘非", len("刘")},
		{"曾卫东", len("曾")},
		{"单晓红", len("单")},
		{"解志强", len("解")},
		{"仇立新", len("仇")},
		{"覃海燕", len("覃")},
		{"肖红", len("肖")},
		{"的确", 0},
		{"会议", 0},
		{"", 0},
	}
	for _, tt := range tests {
		n, ok := SurnameAt(tt.s)
		if n != tt.want || ok != (tt.want > 0) {
			t.Errorf("SurnameAt(%q) = %d, %v; want %d", tt.s, n, ok, tt.want)
		}
	}
	singles := 0
	for _, s := range Surnames() {
		if !IsSurname(s) {
			t.Errorf("IsSurname(%q) = false for a listed surname", s)
		}
		if len([]rune(s)) == 1 {
			singles++
		}
	}
	if singles < 450 {
		t.Errorf("%d single-character surnames, want the ~500 common ones", singles)
	}
	for _, s := range []string{"欧阳振", "市", "", "王王"} {
		if IsSurname(s) {
			t.Errorf("IsSurname(%q) = true", s)
		}
	}
}

func TestSurnameReading(t *testing.T) {
	tests := []struct{ s, want string }{
		{"曾", "zeng"}, {"单", "shan"}, {"解", "xie"}, {"仇", "qiu"}, {"尉迟", "yuchi"},
		{"区", "ou"}, {"查", "zha"}, {"朴", "piao"}, {"盖", "ge"}, {"华", "hua"},
		{"任", "ren"}, {"沈", "shen"}, {"乐", "yue"}, {"覃", "qin"}, {"缪", "miao"},
		{"翟", "zhai"}, {"卜", "bu"}, {"秘", "bi"}, {"员", "yun"}, {"能", "nai"},
		{"万俟", "moqi"}, {"单于", "chanyu"}, {"句", "gou"}, {"长孙", "zhangsun"},
		{"重", "chong"}, {"朝", "chao"}, {"曲", "qu"}, {"纪", "ji"},
		{"王", ""}, {"欧阳", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := SurnameReading(tt.s); got != tt.want {
			t.Errorf("SurnameReading(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestMatchPlaceTitle(t *testing.T) {
	tests := []struct {
		s, place, title string
		n               int // bytes of place and title together, 0 for no match
	}{
		{"娄底市委书记、市人大常委会主任刘非", "娄底市", "市委书记", len("娄底市委书记")},
		{"衡东县委书记万晓峰", "衡东县", "县委书记", len("衡东县委书记")},
		{"祁东县委副书记、县长仇立新", "祁东县", "县委副书记", len("祁东县委副书记")},
		{"湘西州委书记向东升", "湘西州", "州委书记", len("湘西州委书记")},
		{"吉安市人大常委会主任东方明德", "吉安市", "市人大常委会主任", len("吉安市人大常委会主任")},
		{"郴州市政协主席", "郴州市", "市政协主席", len("郴州市政协主席")},
		{"井冈山市委书记施国强", "井冈山市", "市委书记", len("井冈山市委书记")},
		{"湖南省委书记", "湖南省", "省委书记", len("湖南省委书记")},
		{"广西壮族自治区党委书记", "广西壮族自治区", "自治区党委书记", len("广西壮族自治区党委书记")},
		{"娄底市统筹推进", "", "", 0},
		{"市委书记", "", "", 0},
	}
	for _, tt := range tests {
		place, ti, n, ok := MatchPlaceTitle(tt.s)
		if ok != (tt.n > 0) || place != tt.place || ti.Text != tt.title || n != tt.n {
			t.Errorf("MatchPlaceTitle(%q) = %q, %q, %d, %v; want %q, %q, %d", tt.s, place, ti.Text, n, ok, tt.place, tt.title, tt.n)
		}
	}
}
