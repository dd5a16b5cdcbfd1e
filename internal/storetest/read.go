package storetest

import (
	"slices"
	"testing"

	"officialgraph/internal/kg"
)

// The world's lists in their full order, by sort key then ID. Names are
// compared byte-wise (code point order): 孙 U+5B59, 李 U+674E, 欧 U+6B27,
// 王 U+738B, 赵 U+8D75, 钱 U+94B1.
var (
	worldOfficialOrder = []string{"孙?", "李二", "欧阳四", "王一", "赵三", "钱五"}
	// --03-15 has no year and sorts first; 2020-03 sorts before
	// 2020-03-10, its prefix.
	worldMeetingOrder   = []string{"甲市调研", "甲市常委会会议", "全省部署会议", "乙市部署会议", "丙区部署会议"}
	worldDivisionOrder  = []string{"测试省", "甲市", "乙市", "丙区"}
	worldDirectiveOrder = []string{"要深入调研", "会议要求做好春耕", "要加强防控", "要稳定就业", "要强化物资保障", "要推动复工复产", "要压实责任"}
)

// seedOfficialOrder is the seed report's officials in list order.
var seedOfficialOrder = []string{"刘非", "华学健", "吴建平", "姚兵", "尹华凯", "张?", "方建荣", "杨懿文", "毛健刚", "石艳萍", "罗玉生", "陈旌"}

// participation finds the participation of an official in a meeting among
// the world's reports; cases take expected evidence from it.
func (w *world) participation(off, mtg string) kg.Participation {
	for _, f := range w.reports {
		for _, p := range f.Participations {
			if p.OfficialID == off && p.MeetingID == mtg {
				return p
			}
		}
	}
	panic("storetest: no such participation in the world")
}

func (w *world) divisionParticipation(div, mtg string, role kg.Role) kg.DivisionParticipation {
	for _, f := range w.reports {
		for _, d := range f.DivisionParticipations {
			if d.DivisionID == div && d.MeetingID == mtg && d.Role == role {
				return d
			}
		}
	}
	panic("storetest: no such division participation in the world")
}

var filterCases = []testCase{
	{"Officials", func(t *testing.T, s kg.Store) {
		w := newWorld()
		w.load(t, s)
		tests := []struct {
			name   string
			filter kg.OfficialFilter
			want   []string
		}{
			{"zero filter", kg.OfficialFilter{}, worldOfficialOrder},
			{"name", kg.OfficialFilter{Name: "王"}, []string{"王一"}},
			{"name part", kg.OfficialFilter{Name: "三"}, []string{"赵三"}},
			{"alias", kg.OfficialFilter{Name: "壹"}, []string{"王一"}},
			{"traditional alias of a compound surname", kg.OfficialFilter{Name: "歐陽"}, []string{"欧阳四"}},
			{"lost character", kg.OfficialFilter{Name: "?"}, []string{"孙?"}},
			{"name matching nobody", kg.OfficialFilter{Name: "不存在"}, nil},
			// A position or a meeting in the division itself; 钱五 took part
			// only in meetings of 丙区, within 甲市, and does not count.
			{"division by position and meeting", kg.OfficialFilter{DivisionID: SynCity().ID}, []string{"孙?", "李二", "欧阳四", "王一", "赵三"}},
			{"division by meetings", kg.OfficialFilter{DivisionID: SynOtherCity().ID}, []string{"李二", "王一", "钱五"}},
			{"district", kg.OfficialFilter{DivisionID: SynDistrict().ID}, []string{"赵三", "钱五"}},
			{"province", kg.OfficialFilter{DivisionID: SynProvince().ID}, []string{"李二", "王一", "钱五"}},
			{"position title", kg.OfficialFilter{PositionTitle: "书记"}, []string{"王一", "赵三"}},
			{"position title exact", kg.OfficialFilter{PositionTitle: "市长"}, []string{"李二"}},
			{"position title held by nobody", kg.OfficialFilter{PositionTitle: "主任"}, nil},
			{"presided", kg.OfficialFilter{Role: kg.RolePresided}, []string{"李二", "王一", "赵三"}},
			{"spoke", kg.OfficialFilter{Role: kg.RoleSpoke}, []string{"李二", "王一", "钱五"}},
			{"reported", kg.OfficialFilter{Role: kg.RoleReported}, []string{"王一"}},
			{"attended matches every participant", kg.OfficialFilter{Role: kg.RoleAttended}, worldOfficialOrder},
			{"month range", kg.OfficialFilter{From: date(t, "2020-03"), To: date(t, "2020-03")}, []string{"李二", "王一", "钱五"}},
			// 欧阳四 took part only in the meeting without a year.
			{"year from", kg.OfficialFilter{From: date(t, "2020")}, []string{"孙?", "李二", "王一", "赵三", "钱五"}},
			{"day range to", kg.OfficialFilter{To: date(t, "2020-02-26")}, []string{"孙?", "李二", "王一", "赵三"}},
			{"role within range", kg.OfficialFilter{Role: kg.RolePresided, From: date(t, "2020-03"), To: date(t, "2020-12")}, []string{"李二"}},
			{"spoke up to", kg.OfficialFilter{Role: kg.RoleSpoke, To: date(t, "2020-02")}, []string{"李二"}},
			{"attended from", kg.OfficialFilter{Role: kg.RoleAttended, From: date(t, "2021")}, []string{"赵三", "钱五"}},
			{"name and division", kg.OfficialFilter{Name: "王", DivisionID: SynDistrict().ID}, nil},
			{"division and title", kg.OfficialFilter{DivisionID: SynCity().ID, PositionTitle: "书记"}, []string{"王一", "赵三"}},
			// Fields are separate conditions: 王一 is of 甲市 by position and
			// reported at a meeting of 乙市.
			{"role and division", kg.OfficialFilter{Role: kg.RoleReported, DivisionID: SynCity().ID}, []string{"王一"}},
		}
		for _, tt := range tests {
			got := call(s.Officials(t.Context(), tt.filter, kg.Page{First: kg.MaxPageSize})).must(t, tt.name)
			check(t, tt.name, officialNames(got.Items), append([]string{}, tt.want...))
			if got.TotalCount != len(tt.want) {
				t.Errorf("%s: TotalCount = %d, want %d", tt.name, got.TotalCount, len(tt.want))
			}
		}
	}},
	{"Meetings", func(t *testing.T, s kg.Store) {
		w := newWorld()
		w.load(t, s)
		unknown := kg.OfficialID(SynCity().ID, "无此人")
		tests := []struct {
			name   string
			filter kg.MeetingFilter
			want   []string
		}{
			{"zero filter", kg.MeetingFilter{}, worldMeetingOrder},
			{"descending", kg.MeetingFilter{Order: kg.Descending}, []string{"丙区部署会议", "乙市部署会议", "全省部署会议", "甲市常委会会议", "甲市调研"}},
			// A month bound covers its days; a month date is within a
			// month bound but not within a day bound it precedes.
			{"from a month", kg.MeetingFilter{From: date(t, "2020-03")}, []string{"全省部署会议", "乙市部署会议", "丙区部署会议"}},
			{"to a month", kg.MeetingFilter{To: date(t, "2020-03")}, []string{"甲市常委会会议", "全省部署会议", "乙市部署会议"}},
			{"day range", kg.MeetingFilter{From: date(t, "2020-03-01"), To: date(t, "2020-03-31")}, []string{"乙市部署会议"}},
			{"year range", kg.MeetingFilter{From: date(t, "2020"), To: date(t, "2020")}, []string{"甲市常委会会议", "全省部署会议", "乙市部署会议"}},
			{"range before everything", kg.MeetingFilter{To: date(t, "2019")}, nil},
			{"division", kg.MeetingFilter{DivisionID: SynCity().ID}, []string{"甲市调研", "甲市常委会会议"}},
			{"district", kg.MeetingFilter{DivisionID: SynDistrict().ID}, []string{"丙区部署会议"}},
			{"attendee", kg.MeetingFilter{AttendeeID: w.wang}, []string{"甲市调研", "甲市常委会会议", "全省部署会议", "乙市部署会议"}},
			{"attendee presided", kg.MeetingFilter{AttendeeID: w.wang, Role: kg.RolePresided}, []string{"甲市常委会会议"}},
			{"attendee attended", kg.MeetingFilter{AttendeeID: w.wang, Role: kg.RoleAttended}, []string{"甲市调研", "甲市常委会会议", "全省部署会议", "乙市部署会议"}},
			{"attendee never presided", kg.MeetingFilter{AttendeeID: w.qian, Role: kg.RolePresided}, nil},
			// Role without an attendee is any official's role; divisions
			// that reported do not count.
			{"anyone reported", kg.MeetingFilter{Role: kg.RoleReported}, []string{"乙市部署会议"}},
			{"anyone presided", kg.MeetingFilter{Role: kg.RolePresided}, []string{"甲市常委会会议", "乙市部署会议", "丙区部署会议"}},
			{"anyone spoke", kg.MeetingFilter{Role: kg.RoleSpoke}, []string{"甲市调研", "甲市常委会会议", "全省部署会议"}},
			{"anyone attended", kg.MeetingFilter{Role: kg.RoleAttended}, worldMeetingOrder},
			{"kind", kg.MeetingFilter{Kind: "部署会议"}, []string{"全省部署会议", "乙市部署会议", "丙区部署会议"}},
			{"kind is equality", kg.MeetingFilter{Kind: "部署"}, nil},
			{"text", kg.MeetingFilter{Text: "部署"}, []string{"全省部署会议", "乙市部署会议", "丙区部署会议"}},
			{"text of a division", kg.MeetingFilter{Text: "甲市"}, []string{"甲市调研", "甲市常委会会议"}},
			{"attendee kind descending", kg.MeetingFilter{AttendeeID: w.qian, Kind: "部署会议", Order: kg.Descending}, []string{"丙区部署会议", "乙市部署会议", "全省部署会议"}},
			{"attendee year division", kg.MeetingFilter{AttendeeID: w.wang, From: date(t, "2020"), DivisionID: SynCity().ID}, []string{"甲市常委会会议"}},
			{"unknown attendee", kg.MeetingFilter{AttendeeID: unknown}, nil},
		}
		for _, tt := range tests {
			got := call(s.Meetings(t.Context(), tt.filter, kg.Page{First: kg.MaxPageSize})).must(t, tt.name)
			check(t, tt.name, meetingNames(got.Items), append([]string{}, tt.want...))
			if got.TotalCount != len(tt.want) {
				t.Errorf("%s: TotalCount = %d, want %d", tt.name, got.TotalCount, len(tt.want))
			}
		}
	}},
	{"Divisions", func(t *testing.T, s kg.Store) {
		newWorld().load(t, s)
		tests := []struct {
			name   string
			filter kg.DivisionFilter
			want   []string
		}{
			{"zero filter", kg.DivisionFilter{}, worldDivisionOrder},
			{"province", kg.DivisionFilter{Level: kg.LevelProvince}, []string{"测试省"}},
			{"city", kg.DivisionFilter{Level: kg.LevelCity}, []string{"甲市", "乙市"}},
			{"county", kg.DivisionFilter{Level: kg.LevelCounty}, []string{"丙区"}},
			{"children of the province", kg.DivisionFilter{ParentID: SynProvince().ID}, []string{"甲市", "乙市"}},
			{"children of a city", kg.DivisionFilter{ParentID: SynCity().ID}, []string{"丙区"}},
			{"children of a district", kg.DivisionFilter{ParentID: SynDistrict().ID}, nil},
			{"name", kg.DivisionFilter{Name: "市"}, []string{"甲市", "乙市"}},
			{"name part", kg.DivisionFilter{Name: "丙"}, []string{"丙区"}},
			{"every field", kg.DivisionFilter{Level: kg.LevelCity, ParentID: SynProvince().ID, Name: "乙"}, []string{"乙市"}},
		}
		for _, tt := range tests {
			got := call(s.Divisions(t.Context(), tt.filter, kg.Page{First: kg.MaxPageSize})).must(t, tt.name)
			check(t, tt.name, divisionNames(got.Items), append([]string{}, tt.want...))
			if got.TotalCount != len(tt.want) {
				t.Errorf("%s: TotalCount = %d, want %d", tt.name, got.TotalCount, len(tt.want))
			}
		}
	}},
	{"Directives", func(t *testing.T, s kg.Store) {
		w := newWorld()
		w.load(t, s)
		tests := []struct {
			name   string
			filter kg.DirectiveFilter
			want   []string
		}{
			{"zero filter", kg.DirectiveFilter{}, worldDirectiveOrder},
			{"official issuer", kg.DirectiveFilter{IssuerID: w.wang}, []string{"要深入调研", "要加强防控", "要稳定就业"}},
			// The directive of the meeting without a year is outside
			// every range.
			{"official issuer in range", kg.DirectiveFilter{IssuerID: w.wang, From: date(t, "2020")}, []string{"要加强防控", "要稳定就业"}},
			{"the meeting as issuer", kg.DirectiveFilter{IssuerID: kg.IssuerMeeting}, []string{"会议要求做好春耕"}},
			{"meeting", kg.DirectiveFilter{MeetingID: w.m1}, []string{"会议要求做好春耕", "要加强防控", "要稳定就业"}},
			{"meeting without a year", kg.DirectiveFilter{MeetingID: w.m3}, []string{"要深入调研"}},
			{"meeting without a year in range", kg.DirectiveFilter{MeetingID: w.m3, To: date(t, "2030")}, nil},
			{"every dated directive", kg.DirectiveFilter{To: date(t, "2030")}, worldDirectiveOrder[1:]},
			{"division", kg.DirectiveFilter{DivisionID: SynCity().ID}, []string{"要深入调研", "会议要求做好春耕", "要加强防控", "要稳定就业"}},
			{"district", kg.DirectiveFilter{DivisionID: SynDistrict().ID}, []string{"要压实责任"}},
			{"province", kg.DirectiveFilter{DivisionID: SynProvince().ID}, []string{"要强化物资保障"}},
			{"month range", kg.DirectiveFilter{From: date(t, "2020-03"), To: date(t, "2020-03")}, []string{"要强化物资保障", "要推动复工复产"}},
			{"year from", kg.DirectiveFilter{From: date(t, "2021")}, []string{"要压实责任"}},
			{"text", kg.DirectiveFilter{Text: "复工"}, []string{"要推动复工复产"}},
			{"text everywhere", kg.DirectiveFilter{Text: "要"}, worldDirectiveOrder},
			{"issuer out of range", kg.DirectiveFilter{IssuerID: w.li, From: date(t, "2021")}, nil},
		}
		for _, tt := range tests {
			got := call(s.Directives(t.Context(), tt.filter, kg.Page{First: kg.MaxPageSize})).must(t, tt.name)
			check(t, tt.name, directiveTexts(got.Items), append([]string{}, tt.want...))
			if got.TotalCount != len(tt.want) {
				t.Errorf("%s: TotalCount = %d, want %d", tt.name, got.TotalCount, len(tt.want))
			}
		}
	}},
	{"InvalidFilterValuesAreRejected", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		p := kg.Page{}
		for what, err := range map[string]error{
			"Officials(role chaired)":           second(s.Officials(ctx, kg.OfficialFilter{Role: "chaired"}, p)),
			"Meetings(role chaired)":            second(s.Meetings(ctx, kg.MeetingFilter{Role: "chaired"}, p)),
			"Meetings(order 7)":                 second(s.Meetings(ctx, kg.MeetingFilter{Order: 7}, p)),
			"Divisions(level township)":         second(s.Divisions(ctx, kg.DivisionFilter{Level: "township"}, p)),
			"OfficialMeetings(role chaired)":    second(s.OfficialMeetings(ctx, w.wang, kg.MeetingFilter{Role: "chaired"}, p)),
			"MeetingParticipants(role chaired)": second(s.MeetingParticipants(ctx, w.m1, "chaired")),
			"MeetingDivisions(role chaired)":    second(s.MeetingDivisions(ctx, w.m1, "chaired")),
			"CoAttendees(first over maximum)":   second(s.CoAttendees(ctx, w.wang, kg.CoAttendeeFilter{First: kg.MaxPageSize + 1})),
			"CoAttendees(negative first)":       second(s.CoAttendees(ctx, w.wang, kg.CoAttendeeFilter{First: -1})),
		} {
			wantErr(t, what, err, kg.ErrInvalidInput)
		}
	}},
	{"UnknownReferencesMatchNothing", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		newWorld().load(t, s)
		div := kg.NewID(kg.KindDivision, "storetest", "unknown")
		off := kg.NewID(kg.KindOfficial, "storetest", "unknown")
		mtg := kg.NewID(kg.KindMeeting, "storetest", "unknown")
		p := kg.Page{}
		check(t, "Officials(unknown division)", call(s.Officials(ctx, kg.OfficialFilter{DivisionID: div}, p)).must(t, "Officials").TotalCount, 0)
		check(t, "Meetings(unknown attendee)", call(s.Meetings(ctx, kg.MeetingFilter{AttendeeID: off}, p)).must(t, "Meetings").TotalCount, 0)
		check(t, "Meetings(unknown division)", call(s.Meetings(ctx, kg.MeetingFilter{DivisionID: div}, p)).must(t, "Meetings").TotalCount, 0)
		check(t, "Divisions(unknown parent)", call(s.Divisions(ctx, kg.DivisionFilter{ParentID: div}, p)).must(t, "Divisions").TotalCount, 0)
		check(t, "Directives(unknown meeting)", call(s.Directives(ctx, kg.DirectiveFilter{MeetingID: mtg}, p)).must(t, "Directives").TotalCount, 0)
		check(t, "Directives(unknown issuer)", call(s.Directives(ctx, kg.DirectiveFilter{IssuerID: off}, p)).must(t, "Directives").TotalCount, 0)
	}},
}

// officialPage is one page of the Officials list, as a case expects it.
type officialPage struct {
	Names      []string
	PageInfo   kg.PageInfo
	TotalCount int
}

func officialsPage(t *testing.T, s kg.Store, f kg.OfficialFilter, p kg.Page) (officialPage, []string) {
	t.Helper()
	c := call(s.Officials(t.Context(), f, p)).must(t, "Officials")
	if len(c.Cursors) != len(c.Items) {
		t.Fatalf("Officials(%+v): %d cursors for %d items", p, len(c.Cursors), len(c.Items))
	}
	// Cursors are store-independent: every store encodes the sort key and ID.
	for i, o := range c.Items {
		if want := kg.EncodeCursor(kg.OfficialSortKey(o), o.ID); c.Cursors[i] != want {
			t.Errorf("Officials(%+v): cursor of %s = %q, want %q", p, o.Name, c.Cursors[i], want)
		}
	}
	return officialPage{officialNames(c.Items), c.PageInfo, c.TotalCount}, c.Cursors
}

// seedCursors returns the cursor of every seed official, in list order.
func seedCursors(t *testing.T, s kg.Store) []string {
	t.Helper()
	_, cursors := officialsPage(t, s, kg.OfficialFilter{}, kg.Page{First: kg.MaxPageSize})
	if len(cursors) != len(seedOfficialOrder) {
		t.Fatalf("Officials: %d cursors, want %d", len(cursors), len(seedOfficialOrder))
	}
	return cursors
}

func seedPage(from, to int, prev, next bool) officialPage {
	return officialPage{
		Names:      append([]string{}, seedOfficialOrder[from:to]...),
		PageInfo:   kg.PageInfo{HasPreviousPage: prev, HasNextPage: next},
		TotalCount: len(seedOfficialOrder),
	}
}

var pageCases = []testCase{
	{"ForwardThroughTheWholeList", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		want := []officialPage{seedPage(0, 5, false, true), seedPage(5, 10, true, true), seedPage(10, 12, true, false)}
		p := kg.Page{First: 5}
		for i, w := range want {
			got, cursors := officialsPage(t, s, kg.OfficialFilter{}, p)
			check(t, "page "+string(rune('1'+i)), got, w)
			if len(cursors) == 0 {
				t.Fatalf("page %d is empty", i+1)
			}
			p.After = cursors[len(cursors)-1]
		}
	}},
	{"BackwardWithLastAndBefore", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		want := []officialPage{seedPage(7, 12, true, false), seedPage(2, 7, true, true), seedPage(0, 2, false, true)}
		p := kg.Page{Last: 5}
		for i, w := range want {
			got, cursors := officialsPage(t, s, kg.OfficialFilter{}, p)
			check(t, "page "+string(rune('1'+i)), got, w)
			if len(cursors) == 0 {
				t.Fatalf("page %d is empty", i+1)
			}
			p.Before = cursors[0]
		}
	}},
	{"FirstLastAfterBeforeTogether", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		c := seedCursors(t, s)
		tests := []struct {
			name string
			page kg.Page
			want officialPage
		}{
			{"first and last", kg.Page{First: 5, Last: 2}, seedPage(3, 5, true, true)},
			{"after and before", kg.Page{After: c[2], Before: c[9]}, seedPage(3, 9, true, true)},
			{"after, before and first", kg.Page{After: c[2], Before: c[9], First: 2}, seedPage(3, 5, true, true)},
			{"after, before and last", kg.Page{After: c[2], Before: c[9], Last: 2}, seedPage(7, 9, true, true)},
			{"first larger than the list", kg.Page{First: 50}, seedPage(0, 12, false, false)},
			{"last larger than the window", kg.Page{Before: c[3], Last: 50}, seedPage(0, 3, false, true)},
		}
		for _, tt := range tests {
			got, _ := officialsPage(t, s, kg.OfficialFilter{}, tt.page)
			check(t, tt.name, got, tt.want)
		}
	}},
	{"PastTheEndsAndCrossedCursors", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		c := seedCursors(t, s)
		tests := []struct {
			name string
			page kg.Page
			want officialPage
		}{
			{"after the last item", kg.Page{After: c[11], First: 5}, seedPage(12, 12, true, false)},
			{"before the first item", kg.Page{Before: c[0], Last: 5}, seedPage(0, 0, false, true)},
			// kg.Window clamps the After position to the Before one.
			{"crossed cursors", kg.Page{After: c[6], Before: c[2]}, seedPage(2, 2, true, true)},
		}
		for _, tt := range tests {
			got, _ := officialsPage(t, s, kg.OfficialFilter{}, tt.page)
			check(t, tt.name, got, tt.want)
		}
	}},
	{"CursorOfAnItemNotInTheList", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		// "姚" sorts after 吴建平 and before 姚兵, whatever the ID.
		c := kg.EncodeCursor("姚", kg.NewID(kg.KindOfficial, "storetest", "absent"))
		got, _ := officialsPage(t, s, kg.OfficialFilter{}, kg.Page{After: c, First: 3})
		check(t, "after", got, seedPage(3, 6, true, true))
		got, _ = officialsPage(t, s, kg.OfficialFilter{}, kg.Page{Before: c, Last: 2})
		check(t, "before", got, seedPage(1, 3, true, true))
		// The cursor of an official deleted since still positions the page.
		c = seedCursors(t, s)[4] // 尹华凯
		loudi := seedDivision("娄底市")
		b := Synthetic("other", "2020-02-27")
		m := b.Meeting("娄底市另一会议", "2020-02-27", "部署会议", loudi)
		b.Participant(m, b.OfficialIn(loudi, "刘非", "liu fei", "劉非"), roles(kg.RoleSpoke))
		b.Participant(m, b.OfficialIn(loudi, "陈旌", "chen jing", "陳旌"), roles(kg.RoleAttended))
		write(t, s, kg.WriteCreated, b.Facts())
		if err := s.DeleteReport(t.Context(), SeedReportID); err != nil {
			t.Fatalf("DeleteReport(seed) error: %v", err)
		}
		got, _ = officialsPage(t, s, kg.OfficialFilter{}, kg.Page{After: c})
		check(t, "after a deleted item", got, officialPage{
			Names:      []string{"陈旌"},
			PageInfo:   kg.PageInfo{HasPreviousPage: true},
			TotalCount: 2,
		})
	}},
	{"InvalidPagesAreRejected", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		for _, tt := range []struct {
			name string
			page kg.Page
		}{
			{"after not a cursor", kg.Page{After: "nope"}},
			{"before not base64", kg.Page{Before: "!!"}},
			{"cursor without an ID", kg.Page{After: kg.EncodeCursor("王一", "not-an-id")}},
			{"first over the maximum", kg.Page{First: kg.MaxPageSize + 1}},
			{"last over the maximum", kg.Page{Last: kg.MaxPageSize + 1}},
			{"negative first", kg.Page{First: -1}},
			{"negative last", kg.Page{Last: -1}},
		} {
			for what, err := range map[string]error{
				"Officials":        second(s.Officials(ctx, kg.OfficialFilter{}, tt.page)),
				"Meetings":         second(s.Meetings(ctx, kg.MeetingFilter{}, tt.page)),
				"Divisions":        second(s.Divisions(ctx, kg.DivisionFilter{}, tt.page)),
				"Directives":       second(s.Directives(ctx, kg.DirectiveFilter{}, tt.page)),
				"Reports":          second(s.Reports(ctx, tt.page)),
				"OfficialMeetings": second(s.OfficialMeetings(ctx, w.wang, kg.MeetingFilter{}, tt.page)),
			} {
				wantErr(t, tt.name+": "+what, err, kg.ErrInvalidInput)
			}
		}
		got := call(s.Officials(ctx, kg.OfficialFilter{}, kg.Page{First: kg.MaxPageSize})).must(t, "Officials(first = maximum)")
		check(t, "Officials(first = maximum)", officialNames(got.Items), worldOfficialOrder)
	}},
	{"DefaultPageSize", func(t *testing.T, s kg.Store) {
		b := Synthetic("many", "2021-10-01")
		m := b.Meeting("大会", "2021-10-01", "部署会议", SynCity())
		var names []string
		for i := range 25 {
			name := "测试官员" + string(rune('A'+i))
			names = append(names, name)
			b.Participant(m, b.Official(name, "ce shi guan yuan"), roles(kg.RoleAttended))
		}
		write(t, s, kg.WriteCreated, b.Facts())
		got, _ := officialsPage(t, s, kg.OfficialFilter{}, kg.Page{})
		check(t, "Page{}", got, officialPage{Names: names[:kg.DefaultPageSize], PageInfo: kg.PageInfo{HasNextPage: true}, TotalCount: 25})
		got, _ = officialsPage(t, s, kg.OfficialFilter{}, kg.Page{First: kg.MaxPageSize})
		check(t, "first = maximum", got, officialPage{Names: names, TotalCount: 25})
		om := call(s.OfficialMeetings(t.Context(), kg.OfficialID(SynCity().ID, names[0]), kg.MeetingFilter{}, kg.Page{})).must(t, "OfficialMeetings")
		check(t, "OfficialMeetings(Page{}).TotalCount", om.TotalCount, 1)
	}},
	{"TotalCountCountsEveryMatch", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		newWorld().load(t, s)
		got := call(s.Officials(ctx, kg.OfficialFilter{Role: kg.RoleAttended, DivisionID: SeedDivisionID("娄底市")}, kg.Page{First: 2})).must(t, "Officials")
		check(t, "Officials", officialPage{officialNames(got.Items), got.PageInfo, got.TotalCount}, seedPage(0, 2, false, true))
		m := call(s.Meetings(ctx, kg.MeetingFilter{Kind: "部署会议"}, kg.Page{First: 1})).must(t, "Meetings")
		check(t, "Meetings(部署会议).TotalCount", m.TotalCount, 4)
		check(t, "Meetings(部署会议).PageInfo", m.PageInfo, kg.PageInfo{HasNextPage: true})
	}},
	{"DescendingMeetings", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		newWorld().load(t, s)
		type page struct {
			Names    []string
			PageInfo kg.PageInfo
		}
		get := func(p kg.Page) (page, []string) {
			t.Helper()
			c := call(s.Meetings(ctx, kg.MeetingFilter{Order: kg.Descending}, p)).must(t, "Meetings")
			for i, m := range c.Items {
				if want := kg.EncodeCursor(kg.MeetingSortKey(m), m.ID); c.Cursors[i] != want {
					t.Errorf("cursor of %s = %q, want %q", m.Name, c.Cursors[i], want)
				}
			}
			check(t, "TotalCount", c.TotalCount, 5)
			return page{meetingNames(c.Items), c.PageInfo}, c.Cursors
		}
		got, c := get(kg.Page{First: 2})
		check(t, "first page", got, page{[]string{"丙区部署会议", "乙市部署会议"}, kg.PageInfo{HasNextPage: true}})
		got, c = get(kg.Page{First: 2, After: c[1]})
		check(t, "second page", got, page{[]string{"全省部署会议", "甲市常委会会议"}, kg.PageInfo{HasNextPage: true, HasPreviousPage: true}})
		got, _ = get(kg.Page{First: 2, After: c[1]})
		check(t, "third page", got, page{[]string{"甲市调研"}, kg.PageInfo{HasPreviousPage: true}})
		got, c = get(kg.Page{Last: 2})
		check(t, "last page", got, page{[]string{"甲市常委会会议", "甲市调研"}, kg.PageInfo{HasPreviousPage: true}})
		got, _ = get(kg.Page{Last: 2, Before: c[0]})
		check(t, "page before the last", got, page{[]string{"乙市部署会议", "全省部署会议"}, kg.PageInfo{HasNextPage: true, HasPreviousPage: true}})
	}},
	{"OfficialMeetingsPages", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		c := call(s.OfficialMeetings(ctx, w.wang, kg.MeetingFilter{}, kg.Page{First: 2})).must(t, "OfficialMeetings")
		check(t, "first page", officialMeetingNames(c.Items), []string{"甲市调研", "甲市常委会会议"})
		check(t, "first page info", c.PageInfo, kg.PageInfo{HasNextPage: true})
		check(t, "first page cursors", c.Cursors, []string{kg.EncodeCursor("--03-15", w.m3), kg.EncodeCursor("2020-02-26", w.m1)})
		check(t, "TotalCount", c.TotalCount, 4)
		c = call(s.OfficialMeetings(ctx, w.wang, kg.MeetingFilter{}, kg.Page{First: 2, After: c.Cursors[1]})).must(t, "OfficialMeetings")
		check(t, "second page", officialMeetingNames(c.Items), []string{"全省部署会议", "乙市部署会议"})
		check(t, "second page info", c.PageInfo, kg.PageInfo{HasPreviousPage: true})
		c = call(s.OfficialMeetings(ctx, w.wang, kg.MeetingFilter{From: date(t, "2020")}, kg.Page{Last: 1})).must(t, "OfficialMeetings")
		check(t, "last in range", officialMeetingNames(c.Items), []string{"乙市部署会议"})
		check(t, "last in range info", c.PageInfo, kg.PageInfo{HasPreviousPage: true})
		check(t, "last in range TotalCount", c.TotalCount, 3)
	}},
	{"EveryListPagesOneByOne", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		newWorld().load(t, s)
		all := listAll(t, s)
		one := everything{
			Officials: walkBy(t, "Officials", 1, func(p kg.Page) (kg.Conn[kg.Official], error) {
				return s.Officials(ctx, kg.OfficialFilter{}, p)
			}),
			Meetings: walkBy(t, "Meetings", 1, func(p kg.Page) (kg.Conn[kg.Meeting], error) {
				return s.Meetings(ctx, kg.MeetingFilter{}, p)
			}),
			Divisions: walkBy(t, "Divisions", 1, func(p kg.Page) (kg.Conn[kg.Division], error) {
				return s.Divisions(ctx, kg.DivisionFilter{}, p)
			}),
			Directives: walkBy(t, "Directives", 1, func(p kg.Page) (kg.Conn[kg.Directive], error) {
				return s.Directives(ctx, kg.DirectiveFilter{}, p)
			}),
			Reports: walkBy(t, "Reports", 1, func(p kg.Page) (kg.Conn[kg.Report], error) {
				return s.Reports(ctx, p)
			}),
		}
		check(t, "lists walked one item at a time", one, all)
		check(t, "list sizes", []int{len(all.Officials), len(all.Meetings), len(all.Divisions), len(all.Directives), len(all.Reports)},
			[]int{18, 6, 13, 25, 6})
	}},
}

var orderCases = []testCase{
	{"OfficialTiesBrokenByID", func(t *testing.T, s kg.Store) {
		b := Synthetic("namesakes", "2021-11-01")
		m := b.Meeting("同名会议", "2021-11-01", "部署会议", SynCity())
		a := b.OfficialIn(SynCity(), "周同名", "zhou tong ming")
		c := b.OfficialIn(SynOtherCity(), "周同名", "zhou tong ming")
		d := b.Official("周甲", "zhou jia")
		for _, id := range []string{d, c, a} {
			b.Participant(m, id, roles(kg.RoleAttended))
		}
		write(t, s, kg.WriteCreated, b.Facts())
		got := call(s.Officials(t.Context(), kg.OfficialFilter{}, kg.Page{})).must(t, "Officials")
		var ids []string
		for _, o := range got.Items {
			ids = append(ids, o.ID)
		}
		// 同 U+540C sorts before 甲 U+7532.
		check(t, "Officials", ids, append(sortedIDs(a, c), d))
		// Participants of equal rank and order go by ID as well.
		b2 := Synthetic("namesakes-2", "2021-11-02")
		b2.Meeting("同名会议", "2021-11-01", "部署会议", SynCity())
		b2.OfficialIn(SynCity(), "周同名", "zhou tong ming")
		b2.OfficialIn(SynOtherCity(), "周同名", "zhou tong ming")
		b2.Participant(m, c, roles(kg.RoleAttended))
		b2.Participant(m, a, roles(kg.RoleAttended))
		write(t, s, kg.WriteCreated, b2.Facts())
		parts := call(s.MeetingParticipants(t.Context(), m, "")).must(t, "MeetingParticipants")
		ids = nil
		for _, p := range parts {
			ids = append(ids, p.Official.ID)
		}
		// All attended. 周甲 comes first (order 0) in the first report and
		// the second namesake (c) in the second, so those two tie at order
		// 0 and go by ID; the first namesake's lowest order is 1.
		check(t, "MeetingParticipants", ids, append(sortedIDs(c, d), a))
	}},
	{"MeetingsAscendingDescendingAndTies", func(t *testing.T, s kg.Store) {
		newWorld().load(t, s)
		b := Synthetic("same-day", "2020-03-10")
		x := b.Meeting("同日会议甲", "2020-03-10", "部署会议", SynCity())
		y := b.Meeting("同日会议乙", "2020-03-10", "部署会议", SynCity())
		write(t, s, kg.WriteCreated, b.Facts())
		w := newWorld()
		tie := sortedIDs(w.m2, x, y)
		asc := append([]string{w.m3, w.m1, w.m4}, tie...)
		asc = append(asc, w.m5)
		ids := func(f kg.MeetingFilter) []string {
			got := call(s.Meetings(t.Context(), f, kg.Page{})).must(t, "Meetings")
			var out []string
			for _, m := range got.Items {
				out = append(out, m.ID)
			}
			return out
		}
		check(t, "ascending", ids(kg.MeetingFilter{}), asc)
		desc := slices.Clone(asc)
		slices.Reverse(desc)
		// Descending is the exact reverse, ties included.
		check(t, "descending", ids(kg.MeetingFilter{Order: kg.Descending}), desc)
	}},
	{"DivisionsByCodeThenName", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		got := call(s.Divisions(t.Context(), kg.DivisionFilter{}, kg.Page{})).must(t, "Divisions")
		// Codes compare as strings: 43 < 4313 < 431302; then the divisions
		// without a code, by name (万 U+4E07 < 娄 U+5A04).
		check(t, "Divisions", divisionNames(got.Items), []string{"湖南省", "娄底市", "娄星区", "双峰县", "新化县", "冷水江市", "涟源市", "万宝新区", "娄底经开区"})
	}},
	{"DirectivesByMeetingDateMeetingIssuerOrdinal", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		got := call(s.Directives(t.Context(), kg.DirectiveFilter{MeetingID: SeedMeetingID}, kg.Page{First: kg.MaxPageSize})).must(t, "Directives")
		// Issuers by ID, then ordinals as numbers: 2 before 10.
		liu, yang := SeedOfficialID("刘非"), SeedOfficialID("杨懿文")
		var want []string
		for _, issuer := range sortedIDs(liu, yang) {
			for _, d := range SeedFacts().Directives {
				if d.IssuerID == issuer {
					want = append(want, d.Text)
				}
			}
		}
		check(t, "Directives", directiveTexts(got.Items), want)
		for i, d := range got.Items {
			key := kg.DirectiveSortKey(d, kg.Date{Year: 2020, Month: 2, Day: 26})
			if c := kg.EncodeCursor(key, d.ID); got.Cursors[i] != c {
				t.Errorf("cursor of directive %d = %q, want %q", i, got.Cursors[i], c)
			}
		}
	}},
	{"ReportsByPublicationThenID", func(t *testing.T, s kg.Store) {
		w := newWorld()
		w.load(t, s)
		write(t, s, kg.WriteCreated, SeedFacts())
		var want []string
		// The seed report and world-1 share 2020-02-26.
		want = append(want, sortedIDs(SeedReportID, w.reports[0].Report.ID)...)
		for _, f := range w.reports[1:] {
			want = append(want, f.Report.ID)
		}
		got := call(s.Reports(t.Context(), kg.Page{})).must(t, "Reports")
		check(t, "Reports", reportIDs(got.Items), want)
		for i, r := range got.Items {
			if c := kg.EncodeCursor(kg.ReportSortKey(r), r.ID); got.Cursors[i] != c {
				t.Errorf("cursor of report %d = %q, want %q", i, got.Cursors[i], c)
			}
		}
	}},
}

var relationCases = []testCase{
	{"OfficialMeetingsWithRolesTitlesAndFilters", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		item := func(mtg string, r kg.Role, titles ...string) kg.OfficialMeeting {
			return kg.OfficialMeeting{
				Meeting:  call(s.Meeting(ctx, mtg)).must(t, "Meeting"),
				Roles:    roles(r),
				Titles:   titles,
				Evidence: []kg.Evidence{w.participation(w.wang, mtg).Evidence},
			}
		}
		m3, m1 := item(w.m3, kg.RoleSpoke), item(w.m1, kg.RolePresided, "甲市委书记")
		m4, m2 := item(w.m4, kg.RoleAttended), item(w.m2, kg.RoleReported, "甲市委书记")
		tests := []struct {
			name   string
			filter kg.MeetingFilter
			want   []kg.OfficialMeeting
		}{
			{"every meeting", kg.MeetingFilter{}, []kg.OfficialMeeting{m3, m1, m4, m2}},
			{"spoke", kg.MeetingFilter{Role: kg.RoleSpoke}, []kg.OfficialMeeting{m3}},
			{"attended matches every meeting", kg.MeetingFilter{Role: kg.RoleAttended}, []kg.OfficialMeeting{m3, m1, m4, m2}},
			{"from a month", kg.MeetingFilter{From: date(t, "2020-03")}, []kg.OfficialMeeting{m4, m2}},
			{"attended up to", kg.MeetingFilter{Role: kg.RoleAttended, To: date(t, "2020-02")}, []kg.OfficialMeeting{m1}},
			// OfficialMeetings ignores every other field, Order included.
			{"other fields ignored", kg.MeetingFilter{
				DivisionID: SynOtherCity().ID, AttendeeID: w.qian, Kind: "调研", Text: "无", Order: kg.Descending,
			}, []kg.OfficialMeeting{m3, m1, m4, m2}},
		}
		for _, tt := range tests {
			got := call(s.OfficialMeetings(ctx, w.wang, tt.filter, kg.Page{})).must(t, tt.name)
			check(t, tt.name, got.Items, tt.want)
			check(t, tt.name+": TotalCount", got.TotalCount, len(tt.want))
		}
	}},
	{"MeetingParticipantsByRankOrderAndRole", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		tests := []struct {
			name    string
			meeting string
			role    kg.Role
			want    []string
		}{
			{"every participant", w.m1, "", []string{"王一", "李二", "赵三", "孙?"}},
			{"presided", w.m1, kg.RolePresided, []string{"王一"}},
			{"spoke", w.m1, kg.RoleSpoke, []string{"李二"}},
			{"attended matches everyone", w.m1, kg.RoleAttended, []string{"王一", "李二", "赵三", "孙?"}},
			{"nobody reported", w.m1, kg.RoleReported, nil},
			// Reporting ranks before attending, whatever the order named.
			{"rank before order", w.m2, "", []string{"李二", "王一", "钱五"}},
			{"reported", w.m2, kg.RoleReported, []string{"王一"}},
		}
		for _, tt := range tests {
			got := call(s.MeetingParticipants(ctx, tt.meeting, tt.role)).must(t, tt.name)
			check(t, tt.name, participantNames(got), append([]string{}, tt.want...))
		}
		got := call(s.MeetingParticipants(ctx, w.m2, "")).must(t, "MeetingParticipants")
		check(t, "MeetingParticipants(M2)", got, []kg.Participant{
			{Official: call(s.Official(ctx, w.li)).must(t, "Official"), Roles: roles(kg.RolePresided), Titles: []string{"乙市市长"}, Evidence: []kg.Evidence{w.participation(w.li, w.m2).Evidence}},
			{Official: call(s.Official(ctx, w.wang)).must(t, "Official"), Roles: roles(kg.RoleReported), Titles: []string{"甲市委书记"}, Evidence: []kg.Evidence{w.participation(w.wang, w.m2).Evidence}},
			{Official: call(s.Official(ctx, w.qian)).must(t, "Official"), Roles: roles(kg.RoleAttended), Evidence: []kg.Evidence{w.participation(w.qian, w.m2).Evidence}},
		})
	}},
	{"MeetingDivisionsByDivisionThenRole", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		dr := func(d kg.Division, r kg.Role) kg.DivisionRole {
			return kg.DivisionRole{Division: d, Role: r, Evidence: []kg.Evidence{w.divisionParticipation(d.ID, w.m4, r).Evidence}}
		}
		tests := []struct {
			name string
			role kg.Role
			want []kg.DivisionRole
		}{
			// One division with two roles lists both, roles in their
			// string order.
			{"every division", "", []kg.DivisionRole{dr(SynCity(), kg.RoleAttended), dr(SynCity(), kg.RoleReported), dr(SynOtherCity(), kg.RoleReported)}},
			{"reported", kg.RoleReported, []kg.DivisionRole{dr(SynCity(), kg.RoleReported), dr(SynOtherCity(), kg.RoleReported)}},
			// For divisions a role keeps only that role.
			{"attended is exact", kg.RoleAttended, []kg.DivisionRole{dr(SynCity(), kg.RoleAttended)}},
			{"spoke", kg.RoleSpoke, nil},
		}
		for _, tt := range tests {
			got := call(s.MeetingDivisions(ctx, w.m4, tt.role)).must(t, tt.name)
			check(t, tt.name, got, append([]kg.DivisionRole{}, tt.want...))
		}
		got := call(s.MeetingDivisions(ctx, w.m3, "")).must(t, "MeetingDivisions(M3)")
		check(t, "MeetingDivisions(M3)", got, []kg.DivisionRole{})
	}},
	{"MeetingReportsAndOfficialPositions", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		check(t, "MeetingReports(M4)", call(s.MeetingReports(ctx, w.m4)).must(t, "MeetingReports"), []kg.Report{w.reports[3].Report})
		check(t, "OfficialPositions(王一)", call(s.OfficialPositions(ctx, w.wang)).must(t, "OfficialPositions"), []kg.PositionHeld{{
			Position:  kg.Position{ID: w.p1, Title: "市委书记", Organization: "甲市委", DivisionID: SynCity().ID},
			FirstSeen: date(t, "2020-02-26"),
			LastSeen:  date(t, "2020-02-26"),
			Evidence:  []kg.Evidence{w.reports[0].Tenures[0].Evidence},
		}})
		check(t, "OfficialPositions(欧阳四)", call(s.OfficialPositions(ctx, w.ouyang)).must(t, "OfficialPositions"), []kg.PositionHeld{})
	}},
	{"CoAttendeesRanking", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		co := func(id string, shared int, meetings ...string) kg.CoAttendee {
			return kg.CoAttendee{Official: call(s.Official(ctx, id)).must(t, "Official"), Shared: shared, MeetingIDs: meetings}
		}
		li := co(w.li, 3, w.m1, w.m4, w.m2)
		qian := co(w.qian, 2, w.m4, w.m2)
		sun, ouyang, zhao := co(w.sun, 1, w.m1), co(w.ouyang, 1, w.m3), co(w.zhao, 1, w.m1)
		tests := []struct {
			name   string
			filter kg.CoAttendeeFilter
			want   []kg.CoAttendee
		}{
			// Most shared first, then by name.
			{"zero filter", kg.CoAttendeeFilter{}, []kg.CoAttendee{li, qian, sun, ouyang, zhao}},
			{"at least two", kg.CoAttendeeFilter{MinShared: 2}, []kg.CoAttendee{li, qian}},
			{"zero means one", kg.CoAttendeeFilter{MinShared: 0}, []kg.CoAttendee{li, qian, sun, ouyang, zhao}},
			{"negative means one", kg.CoAttendeeFilter{MinShared: -3}, []kg.CoAttendee{li, qian, sun, ouyang, zhao}},
			{"more than anyone shares", kg.CoAttendeeFilter{MinShared: 4}, nil},
			// Only meetings in range count, and the meeting without a year
			// is outside every range.
			{"from a month", kg.CoAttendeeFilter{From: date(t, "2020-03")}, []kg.CoAttendee{
				co(w.li, 2, w.m4, w.m2), co(w.qian, 2, w.m4, w.m2),
			}},
			{"up to a month", kg.CoAttendeeFilter{To: date(t, "2020-02")}, []kg.CoAttendee{
				co(w.sun, 1, w.m1), co(w.li, 1, w.m1), co(w.zhao, 1, w.m1),
			}},
			{"first two", kg.CoAttendeeFilter{First: 2}, []kg.CoAttendee{li, qian}},
			// The cut falls within the three who share one meeting: the
			// name decides who is in.
			{"first four", kg.CoAttendeeFilter{First: 4}, []kg.CoAttendee{li, qian, sun, ouyang}},
			{"first with a minimum", kg.CoAttendeeFilter{First: 1, MinShared: 2}, []kg.CoAttendee{li}},
		}
		for _, tt := range tests {
			got := call(s.CoAttendees(ctx, w.wang, tt.filter)).must(t, tt.name)
			check(t, tt.name, got, append([]kg.CoAttendee{}, tt.want...))
			// Counting only ranks the same officials with the same counts
			// and lists no meetings.
			counts := tt.filter
			counts.CountOnly = true
			got = call(s.CoAttendees(ctx, w.wang, counts)).must(t, tt.name+", counts only")
			want := []kg.CoAttendee{}
			for _, c := range tt.want {
				want = append(want, kg.CoAttendee{Official: c.Official, Shared: c.Shared})
			}
			check(t, tt.name+", counts only", got, want)
		}
		got := call(s.CoAttendees(ctx, w.ouyang, kg.CoAttendeeFilter{})).must(t, "CoAttendees(欧阳四)")
		check(t, "CoAttendees(欧阳四)", coAttendeeNames(got), []string{"王一"})
	}},
	{"CoAttendeesFirstDefaultsToPageSize", func(t *testing.T, s kg.Store) {
		b := Synthetic("crowd", "2021-10-02")
		m := b.Meeting("大会", "2021-10-02", "部署会议", SynCity())
		host := b.Official("主持人", "zhu chi ren")
		b.Participant(m, host, roles(kg.RolePresided))
		for i := range 25 {
			b.Participant(m, b.Official("与会者"+string(rune('A'+i)), "yu hui zhe"), roles(kg.RoleAttended))
		}
		write(t, s, kg.WriteCreated, b.Facts())
		got := call(s.CoAttendees(t.Context(), host, kg.CoAttendeeFilter{})).must(t, "CoAttendees")
		check(t, "len(CoAttendees)", len(got), kg.DefaultPageSize)
		got = call(s.CoAttendees(t.Context(), host, kg.CoAttendeeFilter{First: kg.MaxPageSize})).must(t, "CoAttendees")
		check(t, "len(CoAttendees(first = maximum))", len(got), 25)
	}},
}
