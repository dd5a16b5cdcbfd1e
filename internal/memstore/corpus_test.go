package memstore_test

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"officialgraph/internal/kg"
	"officialgraph/internal/names"
	"officialgraph/internal/storetest"
)

// The generated corpus: synthetic reports shaped like a news corpus of local
// meetings (a city or county meets, a dozen of the city's officials attend,
// one presides and one or two speak, counties report, directives are
// issued, and now and then a second report tells of a meeting already told).
// It is large enough to take the store's index paths, which the
// conformance suite's small fixtures do not.

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "欧阳", "司马"}
	givens   = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英", "建国", "建华", "国强", "志明", "东", "丽", "文", "斌", "海燕", "红"}
	// traditional forms of a few characters, for aliases
	traditional = strings.NewReplacer("刘", "劉", "张", "張", "陈", "陳", "杨", "楊", "华", "華", "国", "國", "军", "軍", "东", "東", "赵", "趙", "罗", "羅", "欧阳", "歐陽", "马", "馬")
	kinds       = []string{"常委会会议", "常务会议", "部署会议", "调度会", "座谈会", "调研", "工作会议"}
	cityTitles  = []struct{ title, org string }{{"市委书记", "市委"}, {"市长", "市人民政府"}, {"市委副书记", "市委"}, {"副市长", "市人民政府"}, {"市委常委", "市委"}}
	countyTitle = []struct{ title, org string }{{"县委书记", "县委"}, {"县长", "县人民政府"}, {"区委书记", "区委"}}
)

type genCity struct {
	div       kg.Division
	counties  []kg.Division
	officials []genOfficial
}

type genOfficial struct {
	name, alias, pinyin string
}

type genMeeting struct {
	name, date, kind string
	div              kg.Division
	city             int
}

// genCorpus returns n reports, the same for the same n and seed.
func genCorpus(n int, seed uint64) []*kg.ReportFacts {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	province := storetest.SynProvince()
	cities := make([]genCity, max(4, n/400))
	for c := range cities {
		name := fmt.Sprintf("测试%d市", c)
		code := fmt.Sprintf("99%04d", c+10)
		city := kg.Division{ID: kg.DivisionID(code, "", ""), Name: name, Level: kg.LevelCity, ParentID: province.ID, Code: code}
		cities[c].div = city
		for k := range 5 {
			cname := fmt.Sprintf("测试%d市第%d县", c, k)
			cities[c].counties = append(cities[c].counties, kg.Division{
				ID: kg.DivisionID("", city.ID, cname), Name: cname, Level: kg.LevelCounty, ParentID: city.ID,
			})
		}
		seen := map[string]bool{}
		for len(cities[c].officials) < 40 {
			name := surnames[r.IntN(len(surnames))] + givens[r.IntN(len(givens))]
			if r.IntN(8) == 0 {
				name += givens[r.IntN(len(givens))]
			}
			if seen[name] {
				continue
			}
			seen[name] = true
			o := genOfficial{name: name, pinyin: names.Pinyin(name)}
			if t := traditional.Replace(name); t != name && r.IntN(3) > 0 {
				o.alias = t
			}
			cities[c].officials = append(cities[c].officials, o)
		}
	}

	var told []genMeeting
	reports := make([]*kg.ReportFacts, 0, n)
	for i := range n {
		var m genMeeting
		if len(told) > 0 && r.IntN(10) == 0 {
			m = told[r.IntN(len(told))] // a second report of a meeting
		} else {
			c := r.IntN(len(cities))
			m = genMeeting{city: c, div: cities[c].div, kind: kinds[r.IntN(len(kinds))]}
			if r.IntN(3) == 0 {
				m.div = cities[c].counties[r.IntN(5)]
			}
			year, month, day := 2015+r.IntN(10), 1+r.IntN(12), 1+r.IntN(28)
			switch x := r.IntN(100); {
			case x < 3:
				m.date = fmt.Sprintf("--%02d-%02d", month, day)
			case x < 8:
				m.date = fmt.Sprintf("%04d-%02d", year, month)
			default:
				m.date = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
			}
			m.name = fmt.Sprintf("%s%s(第%d次)", m.div.Name, m.kind, i)
			told = append(told, m)
		}
		published := m.date
		if strings.HasPrefix(published, "--") {
			published = "2024" + published[1:]
		}
		b := storetest.Synthetic(fmt.Sprintf("gen-%d-%d", seed, i), published)
		city := cities[m.city]
		b.Division(city.div) // a county's parent, which the builder does not know
		mtg := b.Meeting(m.name, m.date, m.kind, m.div)
		attendees := 6 + r.IntN(9)
		picked := r.Perm(len(city.officials))[:attendees]
		for k, idx := range picked {
			o := city.officials[idx]
			var aliases []string
			if o.alias != "" {
				aliases = []string{o.alias}
			}
			id := b.OfficialIn(city.div, o.name, o.pinyin, aliases...)
			role := kg.RoleAttended
			switch {
			case k == 0:
				role = kg.RolePresided
			case k <= 2 && r.IntN(2) == 0:
				role = kg.RoleSpoke
			case r.IntN(30) == 0:
				role = kg.RoleReported
			}
			var titles []string
			if k < 3 {
				t := cityTitles[(idx+k)%len(cityTitles)]
				div := city.div
				if m.div.Level == kg.LevelCounty && k == 0 {
					t, div = countyTitle[idx%len(countyTitle)], m.div
				}
				titles = []string{t.title}
				pos := b.Position(t.title, strings.TrimSuffix(div.Name, "市")+t.org, div)
				b.Tenure(id, pos, m.date)
			}
			b.Participant(mtg, id, []kg.Role{role}, titles...)
			if role != kg.RoleAttended && r.IntN(2) == 0 {
				for range 1 + r.IntN(3) {
					b.Directive(mtg, id, fmt.Sprintf("要抓好第%d项工作", r.IntN(50)))
				}
			}
		}
		if r.IntN(4) == 0 {
			b.Directive(mtg, kg.IssuerMeeting, "会议要求狠抓落实")
		}
		for range r.IntN(3) {
			b.DivisionRole(mtg, city.counties[r.IntN(5)], kg.RoleReported)
		}
		f := b.Facts()
		dedupeDivisionRoles(f)
		reports = append(reports, f)
	}
	return reports
}

// dedupeDivisionRoles drops a county the generator drew twice for one
// meeting.
func dedupeDivisionRoles(f *kg.ReportFacts) {
	type key struct {
		div, mtg string
		role     kg.Role
	}
	seen := map[key]bool{}
	out := f.DivisionParticipations[:0]
	for _, d := range f.DivisionParticipations {
		k := key{d.DivisionID, d.MeetingID, d.Role}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	f.DivisionParticipations = out
}
