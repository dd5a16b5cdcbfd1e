package storetest

import (
	"testing"

	"officialgraph/internal/kg"
)

// world is the synthetic data set the filter, order and relation cases
// share: five reports, one meeting each, in 测试省 and its divisions. Its
// shape is chosen so every filter field both keeps and drops something:
//
//	meeting  date        kind   held in  participants (roles)
//	M1       2020-02-26  常委会会议  甲市     王一 presided, 李二 spoke, 赵三, 孙? attended
//	M2       2020-03-10  部署会议   乙市     李二 presided, 钱五 attended, 王一 reported
//	M3       --03-15     调研     甲市     王一 spoke, 欧阳四 attended
//	M4       2020-03     部署会议   测试省    王一, 李二 attended, 钱五 spoke
//	M5       2021-01-05  部署会议   丙区     赵三 presided, 钱五 attended
//
// Divisions: 丙区 reported at M1; 甲市 attended and reported and 乙市
// reported at M4. Positions: 王一 市委书记 of 甲市 (seen in M1's report), 李二
// 市长 of 乙市 (M2's), 赵三 区委书记 of 丙区 (M5's). Directives: at M1 the
// meeting itself (1) and 王一 (1, 2); at M2 李二; at M3 王一; at M4 钱五; at
// M5 赵三.
type world struct {
	reports []*kg.ReportFacts

	wang, li, zhao, ouyang, qian, sun string // officials 王一 李二 赵三 欧阳四 钱五 孙?
	m1, m2, m3, m4, m5                string // meetings
	p1, p2, p3                        string // positions
}

// The world's officials, by canonical name, with the pinyin and the form
// every report writes them in.
var worldOfficials = map[string][2]string{
	"王一":  {"wang yi", "王壹"},
	"李二":  {"li er", "李貳"},
	"赵三":  {"zhao san", "趙三"},
	"欧阳四": {"ou yang si", "歐陽四"},
	"钱五":  {"qian wu", "錢五"},
	"孙?":  {"sun ?", "孫?"},
}

func newWorld() *world {
	w := &world{}
	off := func(b *Builder, name string) string {
		o := worldOfficials[name]
		return b.Official(name, o[0], o[1])
	}
	roles := func(r kg.Role) []kg.Role { return []kg.Role{r} }

	b := Synthetic("world-1", "2020-02-26")
	w.m1 = b.Meeting("甲市常委会会议", "2020-02-26", "常委会会议", SynCity())
	w.wang = off(b, "王一")
	w.li = off(b, "李二")
	w.zhao = off(b, "赵三")
	w.sun = off(b, "孙?")
	b.Participant(w.m1, w.wang, roles(kg.RolePresided), "甲市委书记")
	b.Participant(w.m1, w.li, roles(kg.RoleSpoke), "乙市市长")
	b.Participant(w.m1, w.zhao, roles(kg.RoleAttended))
	b.Participant(w.m1, w.sun, roles(kg.RoleAttended))
	b.DivisionRole(w.m1, SynDistrict(), kg.RoleReported)
	w.p1 = b.Position("市委书记", "甲市委", SynCity())
	b.Tenure(w.wang, w.p1, "2020-02-26")
	b.Directive(w.m1, kg.IssuerMeeting, "会议要求做好春耕")
	b.Directive(w.m1, w.wang, "要加强防控")
	b.Directive(w.m1, w.wang, "要稳定就业")
	w.reports = append(w.reports, b.Facts())

	b = Synthetic("world-2", "2020-03-10")
	w.m2 = b.Meeting("乙市部署会议", "2020-03-10", "部署会议", SynOtherCity())
	off(b, "李二")
	w.qian = off(b, "钱五")
	off(b, "王一")
	b.Participant(w.m2, w.li, roles(kg.RolePresided), "乙市市长")
	b.Participant(w.m2, w.qian, roles(kg.RoleAttended))
	b.Participant(w.m2, w.wang, roles(kg.RoleReported), "甲市委书记")
	w.p2 = b.Position("市长", "乙市人民政府", SynOtherCity())
	b.Tenure(w.li, w.p2, "2020-03-10")
	b.Directive(w.m2, w.li, "要推动复工复产")
	w.reports = append(w.reports, b.Facts())

	b = Synthetic("world-3", "2020-03-16")
	w.m3 = b.Meeting("甲市调研", "--03-15", "调研", SynCity())
	off(b, "王一")
	w.ouyang = off(b, "欧阳四")
	b.Participant(w.m3, w.wang, roles(kg.RoleSpoke))
	b.Participant(w.m3, w.ouyang, roles(kg.RoleAttended))
	b.Directive(w.m3, w.wang, "要深入调研")
	w.reports = append(w.reports, b.Facts())

	b = Synthetic("world-4", "2020-03-31")
	w.m4 = b.Meeting("全省部署会议", "2020-03", "部署会议", SynProvince())
	off(b, "王一")
	off(b, "李二")
	off(b, "钱五")
	b.Participant(w.m4, w.wang, roles(kg.RoleAttended))
	b.Participant(w.m4, w.li, roles(kg.RoleAttended))
	b.Participant(w.m4, w.qian, roles(kg.RoleSpoke))
	b.DivisionRole(w.m4, SynCity(), kg.RoleReported)
	b.DivisionRole(w.m4, SynOtherCity(), kg.RoleReported)
	b.DivisionRole(w.m4, SynCity(), kg.RoleAttended)
	b.Directive(w.m4, w.qian, "要强化物资保障")
	w.reports = append(w.reports, b.Facts())

	b = Synthetic("world-5", "2021-01-05")
	w.m5 = b.Meeting("丙区部署会议", "2021-01-05", "部署会议", SynDistrict())
	off(b, "赵三")
	off(b, "钱五")
	b.Participant(w.m5, w.zhao, roles(kg.RolePresided), "丙区委书记")
	b.Participant(w.m5, w.qian, roles(kg.RoleAttended))
	w.p3 = b.Position("区委书记", "丙区委", SynDistrict())
	b.Tenure(w.zhao, w.p3, "2021-01-05")
	b.Directive(w.m5, w.zhao, "要压实责任")
	w.reports = append(w.reports, b.Facts())
	return w
}

// worldCounts is what a store holds after writing the whole world.
var worldCounts = kg.Counts{
	Reports:                5,
	Officials:              6,
	Positions:              3,
	Meetings:               5,
	Divisions:              4,
	Directives:             7,
	Participations:         14,
	Tenures:                3,
	DivisionParticipations: 4,
}

// load writes the whole world into s.
func (w *world) load(t *testing.T, s kg.Store) {
	t.Helper()
	for _, f := range w.reports {
		if _, err := s.WriteReport(t.Context(), f); err != nil {
			t.Fatalf("WriteReport(%s) error: %v", f.Report.ID, err)
		}
	}
}
