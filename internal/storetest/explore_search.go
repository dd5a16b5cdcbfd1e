package storetest

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/search"
)

// Search, as the cases pin it down:
//
//   - The hits are exactly the entities of the kinds asked for whose forms
//     score above 0 with search.Score: an official by search.OfficialForms
//     of the official as read back (merged name, aliases and pinyin), a
//     division by search.DivisionForms, a meeting by search.TextForms of
//     its name, a directive by search.TextForms of its text. However a
//     store finds candidates, it must miss none.
//   - Hits rank by score (descending), then kind (official, division,
//     meeting, directive), then the kind's sort key (kg.OfficialSortKey,
//     kg.DivisionSortKey, kg.MeetingSortKey, kg.DirectiveSortKey with the
//     meeting's date), then ID; First cuts the ranked list.
//   - First 0 means kg.DefaultPageSize; a negative First or one above
//     kg.MaxPageSize is ErrInvalidInput. Kinds may repeat; a kind other than
//     the four searchable ones is ErrInvalidInput. A query search.Parse
//     rejects is ErrInvalidInput.

func hit(k kg.Kind, id string, score int) kg.SearchHit {
	return kg.SearchHit{Kind: k, ID: id, Score: score}
}

// searchChecked runs q and checks that each hit's Entity is what the
// store's getter for its kind returns; it returns the hits without their
// entities, to compare with hits made by hit.
func searchChecked(t *testing.T, x kg.Explorer, q kg.SearchQuery) []kg.SearchHit {
	t.Helper()
	what := "Search(" + q.Text + ")"
	got := call(x.Search(t.Context(), q)).must(t, what)
	s, ok := x.(kg.Store)
	if !ok {
		t.Fatalf("%T is not a kg.Store: its hits' entities cannot be checked", x)
	}
	ctx := t.Context()
	for i, h := range got {
		var want any
		var err error
		switch h.Kind {
		case kg.KindOfficial:
			want, err = s.Official(ctx, h.ID)
		case kg.KindDivision:
			want, err = s.Division(ctx, h.ID)
		case kg.KindMeeting:
			want, err = s.Meeting(ctx, h.ID)
		case kg.KindDirective:
			want, err = s.Directive(ctx, h.ID)
		}
		if err != nil {
			t.Errorf("%s: reading hit %s: %v", what, h.ID, err)
		} else {
			check(t, what+": Entity of hit "+h.ID, h.Entity, want)
		}
		got[i].Entity = nil
	}
	return got
}

// searchCase is one query and the hits it must give.
type searchCase struct {
	query string
	want  []kg.SearchHit
}

func runSearches(t *testing.T, x kg.Explorer, tests []searchCase) {
	t.Helper()
	for _, tt := range tests {
		got := searchChecked(t, x, kg.SearchQuery{Text: tt.query, First: kg.MaxPageSize})
		check(t, "Search("+tt.query+")", got, append([]kg.SearchHit{}, tt.want...))
	}
}

// surnameOfficials are names whose surname reads otherwise than the
// character does in most words, with the pinyin names.Pinyin gives them
// (TestSurnameFixture checks it): the store finds them by the pinyin it
// holds, never by guessing a reading.
var surnameOfficials = []struct{ name, pinyin string }{
	{"曾国强", "zeng guo qiang"},
	{"单雄信", "shan xiong xin"},
	{"解缙", "xie jin"},
	{"仇鸾", "qiu luan"},
	{"尉迟恭", "yu chi gong"},
}

// rankingFixture is a report whose entities of every kind match 周 at
// the same tiers, so that only the ranking rules order them.
type rankingFixture struct {
	facts                            *kg.ReportFacts
	city                             kg.Division
	single, survey, deploy, mA, mB   string // meetings 周, 周市调研, 周市部署会议, 周会甲, 周会乙
	namesakeA, namesakeB, zhou, xiao string // officials 周同名 (甲市), 周同名 (乙市), 周甲, 小周
	prefixDir, containsDir           string // directives 周密部署, 要周密部署
}

func newRankingFixture() *rankingFixture {
	r := &rankingFixture{
		city: kg.Division{ID: kg.DivisionID("9903", synProvince.ID, "周市"), Name: "周市", Level: kg.LevelCity, ParentID: synProvince.ID, Code: "9903"},
	}
	b := Synthetic("ranking", "2021-03-01")
	r.single = b.Meeting("周", "2021-03-01", "部署会议", SynCity())
	r.survey = b.Meeting("周市调研", "2021-01-05", "调研", r.city)
	// Three meetings on one day: the same sort key.
	r.deploy = b.Meeting("周市部署会议", "2021-02-01", "部署会议", r.city)
	r.mA = b.Meeting("周会甲", "2021-02-01", "部署会议", SynCity())
	r.mB = b.Meeting("周会乙", "2021-02-01", "部署会议", SynCity())
	r.namesakeA = b.OfficialIn(SynCity(), "周同名", "zhou tong ming")
	r.namesakeB = b.OfficialIn(SynOtherCity(), "周同名", "zhou tong ming")
	r.zhou = b.Official("周甲", "zhou jia")
	r.xiao = b.Official("小周", "xiao zhou")
	for _, o := range []string{r.namesakeA, r.namesakeB, r.zhou, r.xiao} {
		b.Participant(r.single, o, roles(kg.RoleAttended))
	}
	r.prefixDir = b.Directive(r.single, kg.IssuerMeeting, "周密部署")
	r.containsDir = b.Directive(r.single, kg.IssuerMeeting, "要周密部署")
	r.facts = b.Facts()
	return r
}

var searchCases = []testCase{
	explore("OfficialInEveryScriptAndPinyin", func(t *testing.T, s kg.Store, x kg.Explorer) {
		write(t, s, kg.WriteCreated, SeedFacts())
		liu := SeedOfficialID("刘非")
		only := func(score int) []kg.SearchHit { return []kg.SearchHit{hit(kg.KindOfficial, liu, score)} }
		runSearches(t, x, []searchCase{
			{"刘非", only(search.ScoreExact)},
			// The query is canonicalised: traditional finds simplified.
			{"劉非", only(search.ScoreExact)},
			{" 刘 非 ", only(search.ScoreExact)},
			{"liu fei", only(search.ScorePinyinExact)},
			{"liufei", only(search.ScorePinyinExact)},
			{"Liú Fēi", only(search.ScorePinyinExact)},
			{"LIU FEI", only(search.ScorePinyinExact)},
			{"liu'fei", only(search.ScorePinyinExact)},
			{"lf", only(search.ScoreInitialsExact)},
			{"liu", only(search.ScorePinyinPrefix)},
			{"liufe", only(search.ScorePinyinPrefix)},
			{"fei", only(search.ScorePinyinContain)},
			// Not at a syllable boundary.
			{"iufei", nil},
			{"刘菲", nil},
		})
	}),
	explore("SurnameReadings", func(t *testing.T, s kg.Store, x kg.Explorer) {
		b := Synthetic("surnames", "2021-04-01")
		m := b.Meeting("姓氏会议", "2021-04-01", "座谈会", SynCity())
		id := map[string]string{}
		for _, o := range surnameOfficials {
			id[o.name] = b.Official(o.name, o.pinyin)
			b.Participant(m, id[o.name], roles(kg.RoleAttended))
		}
		write(t, s, kg.WriteCreated, b.Facts())
		off := func(name string, score int) []kg.SearchHit {
			return []kg.SearchHit{hit(kg.KindOfficial, id[name], score)}
		}
		runSearches(t, x, []searchCase{
			{"zeng", off("曾国强", search.ScorePinyinPrefix)},
			{"zengguoqiang", off("曾国强", search.ScorePinyinExact)},
			{"zgq", off("曾国强", search.ScoreInitialsExact)},
			{"ceng", nil},
			{"shan", off("单雄信", search.ScorePinyinPrefix)},
			{"shan xiong xin", off("单雄信", search.ScorePinyinExact)},
			{"dan", nil},
			{"xie", off("解缙", search.ScorePinyinPrefix)},
			{"xiejin", off("解缙", search.ScorePinyinExact)},
			{"jie", nil},
			{"jin", off("解缙", search.ScorePinyinContain)},
			{"qiu", off("仇鸾", search.ScorePinyinPrefix)},
			{"qiu luan", off("仇鸾", search.ScorePinyinExact)},
			{"chou", nil},
			{"yuchi", off("尉迟恭", search.ScorePinyinPrefix)},
			{"yu chi gong", off("尉迟恭", search.ScorePinyinExact)},
			{"ycg", off("尉迟恭", search.ScoreInitialsExact)},
			{"chigong", off("尉迟恭", search.ScorePinyinContain)},
			{"weichi", nil},
			{"尉迟", off("尉迟恭", search.ScorePrefix)},
			// xin is a syllable of 单雄信; shi one of 测试省 (ce shi sheng)
			// and 甲市 (jia shi), ordered by their codes.
			{"xin", off("单雄信", search.ScorePinyinContain)},
			{"shi", []kg.SearchHit{
				hit(kg.KindDivision, SynProvince().ID, search.ScorePinyinContain),
				hit(kg.KindDivision, SynCity().ID, search.ScorePinyinContain),
			}},
		})
	}),
	explore("SingleCharacters", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := newWorld()
		w.load(t, s)
		runSearches(t, x, []searchCase{
			{"王", []kg.SearchHit{hit(kg.KindOfficial, w.wang, search.ScorePrefix)}},
			{"一", []kg.SearchHit{hit(kg.KindOfficial, w.wang, search.ScoreContains)}},
			// The traditional 壹 is only in the alias 王壹.
			{"壹", []kg.SearchHit{hit(kg.KindOfficial, w.wang, search.ScoreContains)}},
			// All at one tier: divisions by code, then meetings by date.
			{"市", []kg.SearchHit{
				hit(kg.KindDivision, SynCity().ID, search.ScoreContains),
				hit(kg.KindDivision, SynOtherCity().ID, search.ScoreContains),
				hit(kg.KindMeeting, w.m3, search.ScoreContains),
				hit(kg.KindMeeting, w.m1, search.ScoreContains),
				hit(kg.KindMeeting, w.m2, search.ScoreContains),
			}},
			// A directive that starts with the query outranks meetings that
			// contain it.
			{"会", []kg.SearchHit{
				hit(kg.KindDirective, w.reports[0].Directives[0].ID, search.ScorePrefix),
				hit(kg.KindMeeting, w.m1, search.ScoreContains),
				hit(kg.KindMeeting, w.m4, search.ScoreContains),
				hit(kg.KindMeeting, w.m2, search.ScoreContains),
				hit(kg.KindMeeting, w.m5, search.ScoreContains),
			}},
			{"w", []kg.SearchHit{
				hit(kg.KindOfficial, w.wang, search.ScorePinyinPrefix),
				hit(kg.KindOfficial, w.qian, search.ScorePinyinContain),
			}},
			// 乙市 (yi shi) starts with it; 欧阳四 (ou yang si) and 王一
			// (wang yi) have a syllable that does.
			{"y", []kg.SearchHit{
				hit(kg.KindDivision, SynOtherCity().ID, search.ScorePinyinPrefix),
				hit(kg.KindOfficial, w.ouyang, search.ScorePinyinContain),
				hit(kg.KindOfficial, w.wang, search.ScorePinyinContain),
			}},
			{"?", []kg.SearchHit{hit(kg.KindOfficial, w.sun, search.ScoreContains)}},
			{"丁", nil},
		})
	}),
	explore("RankingTies", func(t *testing.T, s kg.Store, x kg.Explorer) {
		r := newRankingFixture()
		write(t, s, kg.WriteCreated, r.facts)
		var want []kg.SearchHit
		// The exact name first, whatever its kind.
		want = append(want, hit(kg.KindMeeting, r.single, search.ScoreExact))
		// Then the prefixes: officials by name then ID (同 U+540C sorts
		// before 甲 U+7532), the division, meetings by date then ID, the
		// directive.
		for _, id := range sortedIDs(r.namesakeA, r.namesakeB) {
			want = append(want, hit(kg.KindOfficial, id, search.ScorePrefix))
		}
		want = append(want, hit(kg.KindOfficial, r.zhou, search.ScorePrefix))
		want = append(want, hit(kg.KindDivision, r.city.ID, search.ScorePrefix))
		want = append(want, hit(kg.KindMeeting, r.survey, search.ScorePrefix))
		for _, id := range sortedIDs(r.deploy, r.mA, r.mB) {
			want = append(want, hit(kg.KindMeeting, id, search.ScorePrefix))
		}
		want = append(want, hit(kg.KindDirective, r.prefixDir, search.ScorePrefix))
		// Then what contains it.
		want = append(want, hit(kg.KindOfficial, r.xiao, search.ScoreContains))
		want = append(want, hit(kg.KindDirective, r.containsDir, search.ScoreContains))
		runSearches(t, x, []searchCase{{"周", want}})

		for _, first := range []int{1, 3, 9, 11} {
			got := searchChecked(t, x, kg.SearchQuery{Text: "周", First: first})
			check(t, "Search(周, first "+itoa(first)+")", got, want[:first])
		}
	}),
	explore("KindsFilter", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		divisions := []kg.SearchHit{
			hit(kg.KindDivision, SynCity().ID, search.ScoreContains),
			hit(kg.KindDivision, SynOtherCity().ID, search.ScoreContains),
		}
		meetings := []kg.SearchHit{
			hit(kg.KindMeeting, w.m3, search.ScoreContains),
			hit(kg.KindMeeting, w.m1, search.ScoreContains),
			hit(kg.KindMeeting, w.m2, search.ScoreContains),
		}
		tests := []struct {
			name  string
			kinds []kg.Kind
			want  []kg.SearchHit
		}{
			{"meetings", []kg.Kind{kg.KindMeeting}, meetings},
			{"divisions", []kg.Kind{kg.KindDivision}, divisions},
			{"officials and divisions", []kg.Kind{kg.KindOfficial, kg.KindDivision}, divisions},
			{"order of kinds does not matter", []kg.Kind{kg.KindMeeting, kg.KindDivision}, append(slices.Clone(divisions), meetings...)},
			{"repeated kind", []kg.Kind{kg.KindMeeting, kg.KindMeeting}, meetings},
			{"directives", []kg.Kind{kg.KindDirective}, nil},
			{"all four", []kg.Kind{kg.KindOfficial, kg.KindDivision, kg.KindMeeting, kg.KindDirective}, append(slices.Clone(divisions), meetings...)},
		}
		for _, tt := range tests {
			got := searchChecked(t, x, kg.SearchQuery{Text: "市", Kinds: tt.kinds})
			check(t, "Search(市, "+tt.name+")", got, append([]kg.SearchHit{}, tt.want...))
		}
		for _, kinds := range [][]kg.Kind{{kg.KindReport}, {kg.KindPosition}, {kg.KindMeeting, "bogus"}, {""}} {
			_, err := x.Search(ctx, kg.SearchQuery{Text: "市", Kinds: kinds})
			wantErr(t, "Search(kinds "+strings.Join(kindStrings(kinds), ",")+")", err, kg.ErrInvalidInput)
		}
	}),
	explore("FirstBoundAndDefault", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		b := Synthetic("many-to-find", "2021-10-01")
		m := b.Meeting("大会", "2021-10-01", "部署会议", SynCity())
		var all []kg.SearchHit
		for i := range 25 {
			id := b.Official("测试官员"+string(rune('A'+i)), "ce shi guan yuan")
			b.Participant(m, id, roles(kg.RoleAttended))
			all = append(all, hit(kg.KindOfficial, id, search.ScorePrefix))
		}
		write(t, s, kg.WriteCreated, b.Facts())
		tests := []struct {
			first int
			want  []kg.SearchHit
		}{
			{0, all[:kg.DefaultPageSize]},
			{1, all[:1]},
			{7, all[:7]},
			{25, all},
			{kg.MaxPageSize, all},
		}
		for _, tt := range tests {
			got := searchChecked(t, x, kg.SearchQuery{Text: "测试官员", First: tt.first})
			check(t, "Search(测试官员, first "+itoa(tt.first)+")", got, tt.want)
		}
		// Every official's pinyin is the query: they tie, and go by name.
		got := searchChecked(t, x, kg.SearchQuery{Text: "ceshiguanyuan", First: 3})
		check(t, "Search(ceshiguanyuan)", got, []kg.SearchHit{
			hit(kg.KindOfficial, all[0].ID, search.ScorePinyinExact),
			hit(kg.KindOfficial, all[1].ID, search.ScorePinyinExact),
			hit(kg.KindOfficial, all[2].ID, search.ScorePinyinExact),
		})
		for _, first := range []int{-1, kg.MaxPageSize + 1} {
			_, err := x.Search(ctx, kg.SearchQuery{Text: "测试官员", First: first})
			wantErr(t, "Search(first "+itoa(first)+")", err, kg.ErrInvalidInput)
		}
	}),
	explore("InvalidQueries", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		for _, q := range []string{"", "   ", "\t\n", strings.Repeat("刘", search.MaxQueryRunes+1), "\xff\xfe", "刘\xff"} {
			_, err := x.Search(ctx, kg.SearchQuery{Text: q})
			wantErr(t, "Search("+q+")", err, kg.ErrInvalidInput)
		}
		// The longest query allowed is a query.
		got := searchChecked(t, x, kg.SearchQuery{Text: strings.Repeat("刘", search.MaxQueryRunes)})
		check(t, "Search(64 runes)", got, []kg.SearchHit{})
	}),
	explore("InjectionLookingQueriesAreText", func(t *testing.T, s kg.Store, x kg.Explorer) {
		loadSeedAndWorld(t, s)
		var none []searchCase
		for _, q := range []string{
			`"}) MATCH (n) DETACH DELETE n //`,
			`') RETURN 1 //`,
			`刘非~ OR *:*`,
			`*:*`,
			`*`,
			`刘*`,
			`liu' OR '1'='1`,
			`$param`,
			`\`,
			`{name}`,
			`AND OR NOT`,
			`/.*/`,
		} {
			none = append(none, searchCase{q, nil})
		}
		runSearches(t, x, none)
		// Nothing the queries look like was run.
		wantCounts(t, s, seedAndWorldCounts())

		// A name that looks like a query is found as text.
		b := Synthetic("injection", "2021-12-02")
		m := b.Meeting("注入会议", "2021-12-02", "部署会议", SynCity())
		odd := b.Official(`x"}) MATCH (n) DETACH DELETE n //`, "")
		b.Participant(m, odd, roles(kg.RoleAttended))
		write(t, s, kg.WriteCreated, b.Facts())
		runSearches(t, x, []searchCase{
			{`x"}) MATCH`, []kg.SearchHit{hit(kg.KindOfficial, odd, search.ScorePrefix)}},
			{`"}) MATCH (n) DETACH DELETE n //`, []kg.SearchHit{hit(kg.KindOfficial, odd, search.ScoreContains)}},
			{`x"}) MATCH (n) DETACH DELETE n //`, []kg.SearchHit{hit(kg.KindOfficial, odd, search.ScoreExact)}},
		})
	}),
	explore("AliasTiers", func(t *testing.T, s kg.Store, x kg.Explorer) {
		b := Synthetic("alias-tiers", "2021-12-03")
		m := b.Meeting("别名会议", "2021-12-03", "部署会议", SynCity())
		// 𠮷 (U+20BB7) is no traditional form of 吉: the alias keeps it
		// when canonicalised, so it matches on its own, below the name.
		yoshida := b.Official("吉田", "ji tian", "𠮷田")
		chen := b.Official("陈旌", "chen jing", "陳旌")
		b.Participant(m, yoshida, roles(kg.RoleAttended))
		b.Participant(m, chen, roles(kg.RoleAttended))
		write(t, s, kg.WriteCreated, b.Facts())
		runSearches(t, x, []searchCase{
			{"吉田", []kg.SearchHit{hit(kg.KindOfficial, yoshida, search.ScoreExact)}},
			{"𠮷田", []kg.SearchHit{hit(kg.KindOfficial, yoshida, search.ScoreAliasExact)}},
			{"𠮷", []kg.SearchHit{hit(kg.KindOfficial, yoshida, search.ScorePrefix)}},
			{"田", []kg.SearchHit{hit(kg.KindOfficial, yoshida, search.ScoreContains)}},
			// A traditional alias canonicalises to the name itself.
			{"陳旌", []kg.SearchHit{hit(kg.KindOfficial, chen, search.ScoreExact)}},
			{"陳", []kg.SearchHit{hit(kg.KindOfficial, chen, search.ScorePrefix)}},
		})
	}),
	explore("FollowsWritesAndDeletes", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		// A report that writes 王一 in a form of its own.
		b := Synthetic("another-form", "2021-02-01")
		m := b.Meeting("另一会议", "2021-02-01", "座谈会", SynCity())
		b.Participant(m, b.Official("王一", "wang yi", "王𠮷"), roles(kg.RoleAttended))
		extra := b.Facts()
		write(t, s, kg.WriteCreated, extra)
		runSearches(t, x, []searchCase{
			{"王𠮷", []kg.SearchHit{hit(kg.KindOfficial, w.wang, search.ScoreAliasExact)}},
			{"另一", []kg.SearchHit{hit(kg.KindMeeting, m, search.ScorePrefix)}},
		})
		if err := s.DeleteReport(ctx, extra.Report.ID); err != nil {
			t.Fatalf("DeleteReport error: %v", err)
		}
		// 欧阳四 is only in world-3, and so is M3.
		if err := s.DeleteReport(ctx, w.reports[2].Report.ID); err != nil {
			t.Fatalf("DeleteReport error: %v", err)
		}
		runSearches(t, x, []searchCase{
			{"王𠮷", nil},
			{"另一", nil},
			{"欧阳", nil},
			{"ouyang", nil},
			{"调研", nil},
			{"王", []kg.SearchHit{hit(kg.KindOfficial, w.wang, search.ScorePrefix)}},
		})
		// Written again, they are found again.
		write(t, s, kg.WriteCreated, w.reports[2])
		runSearches(t, x, []searchCase{
			{"欧阳", []kg.SearchHit{hit(kg.KindOfficial, w.ouyang, search.ScorePrefix)}},
			{"调研", []kg.SearchHit{
				hit(kg.KindMeeting, w.m3, search.ScoreContains),
				hit(kg.KindDirective, w.reports[2].Directives[0].ID, search.ScoreContains),
			}},
		})
	}),
	explore("EveryMatchIsFound", func(t *testing.T, s kg.Store, x kg.Explorer) {
		loadSeedAndWorld(t, s)
		write(t, s, kg.WriteCreated, newRankingFixture().facts)
		all := listAll(t, s)
		for _, q := range []string{
			"会", "要", "市", "刘", "娄底", "防控", "工作", "?", "张?", "部署会议", "二", "周", "。", ",",
			"liu", "l", "y", "shi", "lou di", "ld", "hu nan", "zhang", "jian", "sheng", "x", "zhou",
		} {
			want := bruteSearch(t, all, q)
			want = want[:min(len(want), kg.MaxPageSize)]
			got := searchChecked(t, x, kg.SearchQuery{Text: q, First: kg.MaxPageSize})
			check(t, "Search("+q+")", got, want)
		}
	}),
}

// bruteSearch ranks every entity of a store's lists against q by the rules
// above, the long way.
func bruteSearch(t *testing.T, all everything, query string) []kg.SearchHit {
	t.Helper()
	q, err := search.Parse(query)
	if err != nil {
		t.Fatalf("search.Parse(%q): %v", query, err)
	}
	type ranked struct {
		hit  kg.SearchHit
		kind int
		key  string
	}
	var rs []ranked
	add := func(k kg.Kind, kind int, id, key string, f search.Forms) {
		if sc := search.Score(q, f); sc > 0 {
			rs = append(rs, ranked{hit(k, id, sc), kind, key})
		}
	}
	for _, o := range all.Officials {
		add(kg.KindOfficial, 0, o.ID, kg.OfficialSortKey(o), search.OfficialForms(o))
	}
	for _, d := range all.Divisions {
		add(kg.KindDivision, 1, d.ID, kg.DivisionSortKey(d), search.DivisionForms(d))
	}
	dates := map[string]kg.Date{}
	for _, m := range all.Meetings {
		dates[m.ID] = m.Date
		add(kg.KindMeeting, 2, m.ID, kg.MeetingSortKey(m), search.TextForms(m.Name))
	}
	for _, d := range all.Directives {
		add(kg.KindDirective, 3, d.ID, kg.DirectiveSortKey(d, dates[d.MeetingID]), search.TextForms(d.Text))
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.hit.Score, a.hit.Score), cmp.Compare(a.kind, b.kind),
			strings.Compare(a.key, b.key), strings.Compare(a.hit.ID, b.hit.ID))
	})
	out := []kg.SearchHit{}
	for _, r := range rs {
		out = append(out, r.hit)
	}
	return out
}

func kindStrings(ks []kg.Kind) []string {
	out := []string{}
	for _, k := range ks {
		out = append(out, string(k))
	}
	return out
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
