package storetest

import (
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

// seedOfficial returns the seed report's official by canonical name, as the
// fixture gives it.
func seedOfficial(name string) kg.Official {
	for _, o := range SeedFacts().Officials {
		if o.Name == name {
			return o
		}
	}
	panic("storetest: no seed official " + name)
}

func seedDivision(name string) kg.Division {
	for _, d := range SeedFacts().Divisions {
		if d.Name == name {
			return d
		}
	}
	panic("storetest: no seed division " + name)
}

// seedEvidence gives one of the seed report's sentences as the evidence list
// of a fact only the seed report supports.
func seedEvidence(e kg.Evidence) []kg.Evidence {
	e.ReportID = SeedReportID
	return []kg.Evidence{e}
}

func roles(rs ...kg.Role) []kg.Role { return rs }

var writeCases = []testCase{
	{"SeedCreatesEveryEntityAndFact", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		wantCounts(t, s, SeedCounts())
	}},
	{"EntitiesReadBackByID", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		f := SeedFacts()
		write(t, s, kg.WriteCreated, f)

		// A few entities spelled out in full, so that a fixture change cannot
		// hide a store that drops a field.
		check(t, "Official(刘非)", call(s.Official(ctx, SeedOfficialID("刘非"))).must(t, "Official(刘非)"),
			kg.Official{ID: SeedOfficialID("刘非"), Name: "刘非", Aliases: []string{"劉非"}, Pinyin: "liu fei"})
		check(t, "Official(张?)", call(s.Official(ctx, SeedOfficialID("张?"))).must(t, "Official(张?)"),
			kg.Official{ID: kg.OfficialID(SeedReportID, "张?"), Name: "张?", Aliases: []string{"張?"}, Pinyin: "zhang ?", Garbled: true})
		check(t, "Official(姚兵)", call(s.Official(ctx, SeedOfficialID("姚兵"))).must(t, "Official(姚兵)"),
			kg.Official{ID: SeedOfficialID("姚兵"), Name: "姚兵", Pinyin: "yao bing"})
		check(t, "Meeting", call(s.Meeting(ctx, SeedMeetingID)).must(t, "Meeting"), kg.Meeting{
			ID:         SeedMeetingID,
			Name:       "娄底市统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议",
			Date:       kg.Date{Year: 2020, Month: 2, Day: 26},
			Kind:       "部署会议",
			DivisionID: SeedDivisionID("娄底市"),
		})
		check(t, "Division(万宝新区)", call(s.Division(ctx, SeedDivisionID("万宝新区"))).must(t, "Division"), kg.Division{
			ID:       kg.DivisionID("", SeedDivisionID("娄底市"), "万宝新区"),
			Name:     "万宝新区",
			Level:    kg.LevelCounty,
			ParentID: SeedDivisionID("娄底市"),
		})
		check(t, "Division(湖南省)", call(s.Division(ctx, SeedDivisionID("湖南省"))).must(t, "Division"), kg.Division{
			ID: kg.DivisionID("43", "", "湖南省"), Name: "湖南省", Level: kg.LevelProvince, Code: "43",
		})
		check(t, "Position(市长)", call(s.Position(ctx, SeedPositionID("市长"))).must(t, "Position"), kg.Position{
			ID: SeedPositionID("市长"), Title: "市长", Organization: "娄底市人民政府", DivisionID: SeedDivisionID("娄底市"),
		})
		text := "五是要强化物资保障,想办法把娄底市现有口罩生产企业产能提上来。"
		dirID := kg.DirectiveID(SeedMeetingID, SeedOfficialID("刘非"), 5, text)
		check(t, "Directive", call(s.Directive(ctx, dirID)).must(t, "Directive"), kg.Directive{
			ID: dirID, MeetingID: SeedMeetingID, IssuerID: SeedOfficialID("刘非"), Ordinal: 5, Text: text,
			Evidence: []kg.Evidence{{ReportID: SeedReportID, Sentence: text, Offset: 4614}},
		})
		check(t, "Report", call(s.Report(ctx, SeedReportID)).must(t, "Report"), kg.Report{
			ID:          SeedReportID,
			Title:       "刘非在全市统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上强调",
			PublishedAt: kg.Date{Year: 2020, Month: 2, Day: 26},
			Journalists: []string{"刘婷", "邹武雄"},
			SHA256:      SeedSHA256,
		})

		// Then every entity of the report: with a single report, a store
		// returns each exactly as written.
		for _, o := range f.Officials {
			check(t, "Official("+o.Name+")", call(s.Official(ctx, o.ID)).must(t, "Official"), o)
		}
		for _, d := range f.Divisions {
			check(t, "Division("+d.Name+")", call(s.Division(ctx, d.ID)).must(t, "Division"), d)
		}
		for _, p := range f.Positions {
			check(t, "Position("+p.Title+")", call(s.Position(ctx, p.ID)).must(t, "Position"), p)
		}
		for _, d := range f.Directives {
			check(t, "Directive("+d.Text+")", call(s.Directive(ctx, d.ID)).must(t, "Directive"), d)
		}
		check(t, "Meeting", call(s.Meeting(ctx, SeedMeetingID)).must(t, "Meeting"), f.Meetings[0])
		check(t, "Report", call(s.Report(ctx, SeedReportID)).must(t, "Report"), f.Report)
	}},
	{"FactsReadBackWithEvidence", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		f := SeedFacts()
		write(t, s, kg.WriteCreated, f)

		attended := func(name string) kg.Participant {
			return kg.Participant{Official: seedOfficial(name), Roles: roles(kg.RoleAttended), Evidence: seedEvidence(seedPresided)}
		}
		check(t, "MeetingParticipants", call(s.MeetingParticipants(ctx, SeedMeetingID, "")).must(t, "MeetingParticipants"), []kg.Participant{
			{Official: seedOfficial("华学健"), Roles: roles(kg.RolePresided), Titles: []string{"市委副书记"}, Evidence: seedEvidence(seedPresided)},
			{Official: seedOfficial("刘非"), Roles: roles(kg.RoleSpoke), Titles: []string{"娄底市委书记", "市人大常委会主任"}, Evidence: seedEvidence(seedCaption)},
			{Official: seedOfficial("杨懿文"), Roles: roles(kg.RoleSpoke), Titles: []string{"市委副书记", "市长"}, Evidence: seedEvidence(seedCaption)},
			attended("姚兵"), attended("石艳萍"), attended("张?"), attended("吴建平"), attended("尹华凯"),
			attended("毛健刚"), attended("陈旌"), attended("罗玉生"), attended("方建荣"),
		})

		// Coded divisions by code, then the two without a code by name.
		var wantDivs []kg.DivisionRole
		for _, name := range []string{"娄星区", "双峰县", "新化县", "冷水江市", "涟源市", "万宝新区", "娄底经开区"} {
			wantDivs = append(wantDivs, kg.DivisionRole{Division: seedDivision(name), Role: kg.RoleReported, Evidence: seedEvidence(seedReported)})
		}
		check(t, "MeetingDivisions", call(s.MeetingDivisions(ctx, SeedMeetingID, "")).must(t, "MeetingDivisions"), wantDivs)

		seen := kg.Date{Year: 2020, Month: 2, Day: 26}
		var wantPos []kg.PositionHeld
		for _, id := range sortedIDs(SeedPositionID("市委书记"), SeedPositionID("市人大常委会主任")) {
			p := call(s.Position(ctx, id)).must(t, "Position")
			wantPos = append(wantPos, kg.PositionHeld{Position: p, FirstSeen: seen, LastSeen: seen, Evidence: seedEvidence(seedCaption)})
		}
		check(t, "OfficialPositions(刘非)", call(s.OfficialPositions(ctx, SeedOfficialID("刘非"))).must(t, "OfficialPositions"), wantPos)

		check(t, "OfficialMeetings(刘非)", call(s.OfficialMeetings(ctx, SeedOfficialID("刘非"), kg.MeetingFilter{}, kg.Page{})).must(t, "OfficialMeetings"),
			kg.Conn[kg.OfficialMeeting]{
				Items: []kg.OfficialMeeting{{
					Meeting:  f.Meetings[0],
					Roles:    roles(kg.RoleSpoke),
					Titles:   []string{"娄底市委书记", "市人大常委会主任"},
					Evidence: seedEvidence(seedCaption),
				}},
				Cursors:    []string{kg.EncodeCursor("2020-02-26", SeedMeetingID)},
				TotalCount: 1,
			})
		check(t, "MeetingReports", call(s.MeetingReports(ctx, SeedMeetingID)).must(t, "MeetingReports"), []kg.Report{f.Report})

		// Everyone else shared the one meeting with 刘非, so they rank by
		// name.
		var wantCo []kg.CoAttendee
		for _, name := range []string{"华学健", "吴建平", "姚兵", "尹华凯", "张?", "方建荣", "杨懿文", "毛健刚", "石艳萍", "罗玉生", "陈旌"} {
			wantCo = append(wantCo, kg.CoAttendee{Official: seedOfficial(name), Shared: 1, MeetingIDs: []string{SeedMeetingID}})
		}
		check(t, "CoAttendees(刘非)", call(s.CoAttendees(ctx, SeedOfficialID("刘非"), kg.CoAttendeeFilter{})).must(t, "CoAttendees"), wantCo)
	}},
	{"RolesReducedToMostSpecific", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		b := Synthetic("roles", "2021-06-01")
		m := b.Meeting("角色会议", "2021-06-01", "部署会议", SynCity())
		zhou := b.Official("周甲", "zhou jia")
		wu := b.Official("吴乙", "wu yi")
		zheng := b.Official("郑丙", "zheng bing")
		b.Participant(m, zhou, roles(kg.RoleAttended, kg.RoleSpoke, kg.RoleSpoke, kg.RolePresided))
		b.Participant(m, wu, roles(kg.RoleAttended, kg.RoleAttended))
		b.Participant(m, zheng, roles(kg.RoleReported, kg.RoleAttended))
		write(t, s, kg.WriteCreated, b.Facts())

		got := call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants")
		var gotRoles [][]kg.Role
		for _, p := range got {
			gotRoles = append(gotRoles, p.Roles)
		}
		// Ranked by their lowest role: presided, reported, attended.
		check(t, "participants", participantNames(got), []string{"周甲", "郑丙", "吴乙"})
		check(t, "roles", gotRoles, [][]kg.Role{
			{kg.RolePresided, kg.RoleSpoke},
			{kg.RoleReported},
			{kg.RoleAttended},
		})
		om := call(s.OfficialMeetings(ctx, zhou, kg.MeetingFilter{}, kg.Page{})).must(t, "OfficialMeetings")
		if len(om.Items) != 1 {
			t.Fatalf("OfficialMeetings(周甲) = %d items, want 1", len(om.Items))
		}
		check(t, "OfficialMeetings(周甲).Roles", om.Items[0].Roles, roles(kg.RolePresided, kg.RoleSpoke))
	}},
	{"AliasesSortedUniqueWithoutName", func(t *testing.T, s kg.Store) {
		b := Synthetic("aliases", "2021-06-02")
		m := b.Meeting("别名会议", "2021-06-02", "部署会议", SynCity())
		id := b.Official("刘建国", "liu jian guo", "劉建國", "刘建国", "劉建国", "劉建國")
		b.Participant(m, id, roles(kg.RoleAttended))
		write(t, s, kg.WriteCreated, b.Facts())
		got := call(s.Official(t.Context(), id)).must(t, "Official")
		check(t, "Aliases", got.Aliases, []string{"劉建国", "劉建國"})
	}},
}

var validateCases = []testCase{
	{"InvalidFactsAreRejected", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		if _, err := s.WriteReport(ctx, nil); err == nil {
			t.Errorf("WriteReport(nil) succeeded, want an error wrapping %v", kg.ErrInvalidInput)
		} else {
			wantErr(t, "WriteReport(nil)", err, kg.ErrInvalidInput)
		}
		tests := []struct {
			name   string
			mutate func(f *kg.ReportFacts)
		}{
			{"report ID of another kind", func(f *kg.ReportFacts) { f.Report.ID = SeedMeetingID }},
			{"participation of an unlisted official", func(f *kg.ReportFacts) {
				f.Participations[0].OfficialID = kg.OfficialID(SeedDivisionID("娄底市"), "无名氏")
			}},
			{"unknown role", func(f *kg.ReportFacts) { f.Participations[3].Roles = roles("chaired") }},
			{"participation without a role", func(f *kg.ReportFacts) { f.Participations[4].Roles = nil }},
			{"evidence from another report", func(f *kg.ReportFacts) {
				f.Tenures[0].Evidence.ReportID = kg.ReportID("https://example.invalid/other", "")
			}},
			{"directive without text", func(f *kg.ReportFacts) { f.Directives[4].Text = "" }},
			{"directive without evidence", func(f *kg.ReportFacts) { f.Directives[0].Evidence = nil }},
			{"directive evidence from another report", func(f *kg.ReportFacts) {
				f.Directives[1].Evidence[0].ReportID = kg.ReportID("https://example.invalid/other", "")
			}},
			{"division parent not listed", func(f *kg.ReportFacts) { f.Divisions = f.Divisions[1:] }},
			{"official listed twice", func(f *kg.ReportFacts) { f.Officials = append(f.Officials, f.Officials[0]) }},
			{"meeting without a name", func(f *kg.ReportFacts) { f.Meetings[0].Name = "" }},
			{"division of an unknown level", func(f *kg.ReportFacts) { f.Divisions[8].Level = "township" }},
			{"division role not valid", func(f *kg.ReportFacts) { f.DivisionParticipations[2].Role = "hosted" }},
		}
		for _, tt := range tests {
			f := SeedFacts()
			tt.mutate(f)
			_, err := s.WriteReport(ctx, f)
			if err == nil {
				t.Errorf("%s: WriteReport succeeded, want an error wrapping %v", tt.name, kg.ErrInvalidInput)
			} else {
				wantErr(t, tt.name+": WriteReport", err, kg.ErrInvalidInput)
			}
			if got := counts(t, s); got != (kg.Counts{}) {
				t.Errorf("%s: after the failed write Counts() = %+v, want zero", tt.name, got)
			}
			_, err = s.Report(ctx, SeedReportID)
			wantErr(t, tt.name+": Report after the failed write", err, kg.ErrNotFound)
		}
	}},
	{"FailedWriteLeavesStoredDataUntouched", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		before := listAll(t, s)
		parts := call(s.MeetingParticipants(ctx, SeedMeetingID, "")).must(t, "MeetingParticipants")

		// An invalid correction of the stored report: the old one must stay.
		bad := SeedFacts()
		bad.Report.SHA256 = strings.Repeat("0", 64)
		bad.Report.Title = "更正"
		bad.Participations[0].Roles = roles("chaired")
		_, err := s.WriteReport(ctx, bad)
		wantErr(t, "WriteReport(invalid replacement)", err, kg.ErrInvalidInput)

		// An invalid new report naming an official already stored, with a new
		// alias: nothing of it may stick to the stored official.
		loudi := seedDivision("娄底市")
		b := Synthetic("broken", "2020-02-27")
		m := b.Meeting("娄底市另一会议", "2020-02-27", "部署会议", loudi)
		liu := b.OfficialIn(loudi, "刘非", "liu fei", "刘非甲")
		b.Participant(m, liu, roles(kg.RoleSpoke))
		broken := b.Facts()
		broken.Participations[0].Evidence.ReportID = SeedReportID
		_, err = s.WriteReport(ctx, broken)
		wantErr(t, "WriteReport(invalid new report)", err, kg.ErrInvalidInput)

		wantCounts(t, s, SeedCounts())
		check(t, "lists after failed writes", listAll(t, s), before)
		check(t, "MeetingParticipants after failed writes",
			call(s.MeetingParticipants(ctx, SeedMeetingID, "")).must(t, "MeetingParticipants"), parts)
		check(t, "Official(刘非) after failed writes",
			call(s.Official(ctx, SeedOfficialID("刘非"))).must(t, "Official"), seedOfficial("刘非"))
		_, err = s.Meeting(ctx, m)
		wantErr(t, "Meeting of the invalid report", err, kg.ErrNotFound)
	}},
}

var idempotencyCases = []testCase{
	{"SameReportTwiceIsUnchanged", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		first := counts(t, s)
		before := listAll(t, s)
		parts := call(s.MeetingParticipants(ctx, SeedMeetingID, "")).must(t, "MeetingParticipants")

		write(t, s, kg.WriteUnchanged, SeedFacts())
		write(t, s, kg.WriteUnchanged, SeedFacts())

		if got := counts(t, s); got != first {
			t.Errorf("Counts() after writing the report again = %+v, want %+v as after the first write", got, first)
		}
		wantCounts(t, s, SeedCounts())
		check(t, "lists after writing the report again", listAll(t, s), before)
		// Evidence is one entry per report: writing again must not add one.
		check(t, "MeetingParticipants after writing the report again",
			call(s.MeetingParticipants(ctx, SeedMeetingID, "")).must(t, "MeetingParticipants"), parts)
		check(t, "MeetingReports after writing the report again",
			reportIDs(call(s.MeetingReports(ctx, SeedMeetingID)).must(t, "MeetingReports")), []string{SeedReportID})
	}},
	{"SameIDAndSHAWithOtherFactsChangesNothing", func(t *testing.T, s kg.Store) {
		b := Synthetic("same-sha", "2021-07-01")
		m := b.Meeting("同哈希会议", "2021-07-01", "部署会议", SynCity())
		feng := b.Official("冯甲", "feng jia")
		b.Participant(m, feng, roles(kg.RoleAttended))
		f1 := b.Facts()
		write(t, s, kg.WriteCreated, f1)

		extra := b.Official("冯乙", "feng yi")
		b.Participant(m, extra, roles(kg.RoleSpoke))
		f2 := b.Facts()
		f2.Report.SHA256 = f1.Report.SHA256
		write(t, s, kg.WriteUnchanged, f2)

		_, err := s.Official(t.Context(), extra)
		wantErr(t, "Official of the unwritten facts", err, kg.ErrNotFound)
		wantCounts(t, s, kg.Counts{Reports: 1, Officials: 1, Meetings: 1, Divisions: 2, Participations: 1})
	}},
}

var replaceCases = []testCase{
	{"AnotherSHAReplacesTheReport", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		b1 := Synthetic("replace", "2021-08-01")
		m := b1.Meeting("替换会议", "2021-08-01", "部署会议", SynCity())
		chuA := b1.Official("褚甲", "chu jia")
		chuB := b1.Official("褚乙", "chu yi")
		b1.Participant(m, chuA, roles(kg.RoleSpoke), "市长")
		b1.Participant(m, chuB, roles(kg.RoleAttended))
		p1 := b1.Position("市长", "甲市人民政府", SynCity())
		b1.Tenure(chuA, p1, "2021-08-01")
		d1 := b1.Directive(m, chuA, "要做好旧的工作")
		b1.DivisionRole(m, SynDistrict(), kg.RoleReported)
		f1 := b1.Facts()

		b2 := Synthetic("replace", "2021-08-02")
		b2.Meeting("替换会议", "2021-08-01", "部署会议", SynCity())
		b2.Official("褚甲", "chu jia")
		chuC := b2.Official("褚丙", "chu bing")
		evA := b2.Participant(m, chuA, roles(kg.RolePresided), "市委书记")
		evC := b2.Participant(m, chuC, roles(kg.RoleAttended))
		p2 := b2.Position("市委书记", "甲市委", SynCity())
		evT := b2.Tenure(chuA, p2, "2021-08-02")
		d2 := b2.Directive(m, chuA, "要做好新的工作")
		f2 := b2.Facts()
		if f1.Report.ID != f2.Report.ID || f1.Report.SHA256 == f2.Report.SHA256 {
			t.Fatal("fixture: the two versions must share the report ID and differ in SHA-256")
		}

		write(t, s, kg.WriteCreated, f1)
		write(t, s, kg.WriteReplaced, f2)

		check(t, "Report", call(s.Report(ctx, f2.Report.ID)).must(t, "Report"), f2.Report)
		for what, err := range map[string]error{
			"Official(褚乙)":  second(s.Official(ctx, chuB)),
			"Position(市长)":  second(s.Position(ctx, p1)),
			"Directive(旧的)": second(s.Directive(ctx, d1)),
			"Division(丙区)":  second(s.Division(ctx, SynDistrict().ID)),
		} {
			wantErr(t, what+" of the old version only", err, kg.ErrNotFound)
		}
		call(s.Official(ctx, chuC)).must(t, "Official(褚丙)")
		call(s.Directive(ctx, d2)).must(t, "Directive(新的)")

		// The old version's roles and titles are gone too: 褚甲 presided now,
		// and no longer spoke.
		check(t, "MeetingParticipants", call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants"), []kg.Participant{
			{Official: f2.Officials[0], Roles: roles(kg.RolePresided), Titles: []string{"市委书记"}, Evidence: []kg.Evidence{evA}},
			{Official: f2.Officials[1], Roles: roles(kg.RoleAttended), Evidence: []kg.Evidence{evC}},
		})
		check(t, "OfficialPositions(褚甲)", call(s.OfficialPositions(ctx, chuA)).must(t, "OfficialPositions"), []kg.PositionHeld{{
			Position:  f2.Positions[0],
			FirstSeen: date(t, "2021-08-02"),
			LastSeen:  date(t, "2021-08-02"),
			Evidence:  []kg.Evidence{evT},
		}})
		check(t, "MeetingDivisions", call(s.MeetingDivisions(ctx, m, "")).must(t, "MeetingDivisions"), []kg.DivisionRole{})
		wantCounts(t, s, kg.Counts{
			Reports: 1, Officials: 2, Positions: 1, Meetings: 1, Divisions: 2,
			Directives: 1, Participations: 2, Tenures: 1,
		})
	}},
	{"IdenticalFactsUnderAnotherSHA", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, newWorld().reports...)
		before := listAll(t, s)
		w := newWorld()
		parts := call(s.MeetingParticipants(ctx, w.m1, "")).must(t, "MeetingParticipants")

		b := worldReplacement()
		write(t, s, kg.WriteReplaced, b)
		wantCounts(t, s, worldCounts)
		after := listAll(t, s)
		// Only the report's hash changed.
		i := slices.IndexFunc(before.Reports, func(r kg.Report) bool { return r.ID == b.Report.ID })
		before.Reports[i].SHA256 = b.Report.SHA256
		check(t, "lists after the replacement", after, before)
		check(t, "MeetingParticipants after the replacement",
			call(s.MeetingParticipants(ctx, w.m1, "")).must(t, "MeetingParticipants"), parts)
	}},
	{"FactsOfOtherReportsSurvive", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		r1 := Synthetic("survive-1", "2021-08-10")
		m := r1.Meeting("存续会议", "2021-08-10", "部署会议", SynCity())
		wei := r1.Official("卫甲", "wei jia", "衛甲")
		r1.Participant(m, wei, roles(kg.RoleSpoke), "市长")

		r2 := Synthetic("survive-2", "2021-08-11")
		r2.Meeting("存续会议", "2021-08-10", "部署会议", SynCity())
		r2.Official("卫甲", "wei jia")
		ev2 := r2.Participant(m, wei, roles(kg.RoleAttended), "副市长")

		r1v2 := Synthetic("survive-1", "2021-08-12")
		r1v2.Meeting("存续会议", "2021-08-10", "部署会议", SynCity())
		jiang := r1v2.Official("蒋乙", "jiang yi")
		evJ := r1v2.Participant(m, jiang, roles(kg.RoleAttended))

		write(t, s, kg.WriteCreated, r1.Facts(), r2.Facts())
		write(t, s, kg.WriteReplaced, r1v2.Facts())

		got := call(s.Official(ctx, wei)).must(t, "Official(卫甲)")
		check(t, "Official(卫甲)", got, kg.Official{ID: wei, Name: "卫甲", Pinyin: "wei jia"})
		// Both attended and come first in their reports: they go by ID.
		want := []kg.Participant{
			{Official: got, Roles: roles(kg.RoleAttended), Titles: []string{"副市长"}, Evidence: []kg.Evidence{ev2}},
			{Official: kg.Official{ID: jiang, Name: "蒋乙", Pinyin: "jiang yi"}, Roles: roles(kg.RoleAttended), Evidence: []kg.Evidence{evJ}},
		}
		if jiang < wei {
			want[0], want[1] = want[1], want[0]
		}
		check(t, "MeetingParticipants", call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants"), want)
		wantCounts(t, s, kg.Counts{Reports: 2, Officials: 2, Meetings: 1, Divisions: 2, Participations: 2})
	}},
}

// worldReplacement is the world's first report again, under another SHA-256.
func worldReplacement() *kg.ReportFacts {
	f := newWorld().reports[0]
	f.Report.SHA256 = strings.Repeat("1", 64)
	return f
}

// second returns the error of a two-valued call.
func second[T any](_ T, err error) error { return err }

var mergeCases = []testCase{
	{"TwoReportsOfOneMeeting", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		r1 := Synthetic("merge-1", "2021-03-01")
		r2 := Synthetic("merge-2", "2021-03-02")
		m := r1.Meeting("合并会议", "2021-03-01", "部署会议", SynCity())
		r2.Meeting("合并会议", "2021-03-01", "部署会议", SynCity())
		liu := r1.Official("刘建国", "liu jian guo", "劉建國")
		r2.Official("刘建国", "liu jian guo", "劉建国")
		ev1 := r1.Participant(m, liu, roles(kg.RoleSpoke), "市委书记", "市长")
		ev2 := r2.Participant(m, liu, roles(kg.RoleAttended, kg.RolePresided), "市长", "市委副书记")
		// One report saw 王建华 attend, the other speak: he spoke.
		wang := r1.Official("王建华", "wang jian hua")
		r2.Official("王建华", "wang jian hua")
		evW1 := r1.Participant(m, wang, roles(kg.RoleAttended))
		evW2 := r2.Participant(m, wang, roles(kg.RoleSpoke))
		dir := r1.Directive(m, liu, "要把两篇报道合在一起")
		r2.Directive(m, liu, "要把两篇报道合在一起")
		f1, f2 := r1.Facts(), r2.Facts()
		write(t, s, kg.WriteCreated, f1, f2)

		// Titles follow report-ID order, first occurrence kept.
		titles := []string{"市委书记", "市长", "市委副书记"}
		if f2.Report.ID < f1.Report.ID {
			titles = []string{"市长", "市委副书记", "市委书记"}
		}
		official := kg.Official{ID: liu, Name: "刘建国", Aliases: []string{"劉建国", "劉建國"}, Pinyin: "liu jian guo"}
		check(t, "Official", call(s.Official(ctx, liu)).must(t, "Official"), official)
		wangOfficial := kg.Official{ID: wang, Name: "王建华", Pinyin: "wang jian hua"}
		check(t, "MeetingParticipants", call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants"), []kg.Participant{
			{Official: official, Roles: roles(kg.RolePresided, kg.RoleSpoke), Titles: titles, Evidence: byReport(ev1, ev2)},
			{Official: wangOfficial, Roles: roles(kg.RoleSpoke), Evidence: byReport(evW1, evW2)},
		})
		om := call(s.OfficialMeetings(ctx, liu, kg.MeetingFilter{}, kg.Page{})).must(t, "OfficialMeetings")
		check(t, "OfficialMeetings", om.Items, []kg.OfficialMeeting{{
			Meeting:  f1.Meetings[0],
			Roles:    roles(kg.RolePresided, kg.RoleSpoke),
			Titles:   titles,
			Evidence: byReport(ev1, ev2),
		}})
		check(t, "MeetingReports", call(s.MeetingReports(ctx, m)).must(t, "MeetingReports"), []kg.Report{f1.Report, f2.Report})
		// A meeting told by two reports is one shared meeting.
		check(t, "CoAttendees", call(s.CoAttendees(ctx, liu, kg.CoAttendeeFilter{})).must(t, "CoAttendees"),
			[]kg.CoAttendee{{Official: wangOfficial, Shared: 1, MeetingIDs: []string{m}}})
		// Both reports tell of the same directive: one directive, with one
		// evidence per report.
		wantDir := f1.Directives[0]
		wantDir.Evidence = byReport(f1.Directives[0].Evidence[0], f2.Directives[0].Evidence[0])
		check(t, "Directive", call(s.Directive(ctx, dir)).must(t, "Directive"), wantDir)
		check(t, "Directives", call(s.Directives(ctx, kg.DirectiveFilter{}, kg.Page{})).must(t, "Directives").Items, []kg.Directive{wantDir})
		wantCounts(t, s, kg.Counts{Reports: 2, Officials: 2, Meetings: 1, Divisions: 2, Directives: 1, Participations: 2})
	}},
	{"ParticipantRankAndOrderTakeTheLowest", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		r1 := Synthetic("rank-1", "2021-04-01")
		r2 := Synthetic("rank-2", "2021-04-02")
		m := r1.Meeting("排序会议", "2021-04-01", "部署会议", SynCity())
		r2.Meeting("排序会议", "2021-04-01", "部署会议", SynCity())
		jiangB := r1.Official("蒋乙", "jiang yi")
		jiangA := r1.Official("蒋甲", "jiang jia")
		r1.Participant(m, jiangB, roles(kg.RoleAttended)) // order 0
		r1.Participant(m, jiangA, roles(kg.RoleAttended)) // order 1
		r2.Official("蒋甲", "jiang jia")
		jiangC := r2.Official("蒋丙", "jiang bing")
		r2.Participant(m, jiangA, roles(kg.RoleAttended)) // order 0
		r2.Participant(m, jiangC, roles(kg.RolePresided)) // order 1
		write(t, s, kg.WriteCreated, r1.Facts(), r2.Facts())

		// 蒋丙 presided, so comes first; 蒋甲 (lowest order 0) and 蒋乙
		// (order 0) tie and go by ID.
		name := map[string]string{jiangA: "蒋甲", jiangB: "蒋乙"}
		ids := sortedIDs(jiangA, jiangB)
		want := []string{"蒋丙", name[ids[0]], name[ids[1]]}
		got := call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants")
		check(t, "MeetingParticipants", participantNames(got), want)
		got = call(s.MeetingParticipants(ctx, m, kg.RoleAttended)).must(t, "MeetingParticipants(attended)")
		check(t, "MeetingParticipants(attended)", participantNames(got), want)
	}},
	{"PositionsFirstAndLastSeenAcrossReports", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		var evP, evQ, evR []kg.Evidence
		var p, q, r, shen string
		for _, rep := range []struct {
			key, published string
			seenP          string // "" for no tenure in P
			seenQ          bool
			seenR          bool
		}{
			{"seen-1", "2021-03-01", "2021-03-01", false, false},
			{"seen-2", "2021-05-20", "2021-05", true, false},
			{"seen-3", "2021-06-02", "--06-01", false, false},
			{"seen-4", "2021-07-01", "", false, true},
		} {
			b := Synthetic(rep.key, rep.published)
			shen = b.Official("沈甲", "shen jia")
			p = b.Position("市长", "甲市人民政府", SynCity())
			q = b.Position("市委副书记", "甲市委", SynCity())
			r = b.Position("秘书长", "甲市人民政府", SynCity())
			switch {
			case rep.seenR:
				// The fourth report gives no date for either tenure.
				evP = append(evP, b.Tenure(shen, p, ""))
				evR = append(evR, b.Tenure(shen, r, ""))
			default:
				evP = append(evP, b.Tenure(shen, p, rep.seenP))
			}
			if rep.seenQ {
				evQ = append(evQ, b.Tenure(shen, q, "2021-04"))
			}
			write(t, s, kg.WriteCreated, b.Facts())
		}
		pos := func(id string) kg.Position { return call(s.Position(ctx, id)).must(t, "Position") }
		// FirstSeen and LastSeen are the least and greatest known dates by
		// their string form, and a date without a year sorts first: the kg
		// documentation makes --06-01 the first sighting of 市长. Unknown
		// dates never count, so 秘书长 has neither and sorts first.
		check(t, "OfficialPositions", call(s.OfficialPositions(ctx, shen)).must(t, "OfficialPositions"), []kg.PositionHeld{
			{Position: pos(r), Evidence: byReport(evR...)},
			{Position: pos(p), FirstSeen: date(t, "--06-01"), LastSeen: date(t, "2021-05"), Evidence: byReport(evP...)},
			{Position: pos(q), FirstSeen: date(t, "2021-04"), LastSeen: date(t, "2021-04"), Evidence: byReport(evQ...)},
		})
		wantCounts(t, s, kg.Counts{Reports: 4, Officials: 1, Positions: 3, Divisions: 2, Tenures: 3})
	}},
	{"MeetingReportsOrderedByPublicationThenID", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		var m string
		ids := map[string]string{}
		for _, r := range []struct{ key, published string }{
			{"pub-late", "2021-03-02"},
			{"pub-early-1", "2021-03-01"},
			{"pub-early-2", "2021-03-01"},
			{"pub-unknown", ""},
		} {
			b := Synthetic(r.key, r.published)
			m = b.Meeting("多报道会议", "2021-03-01", "部署会议", SynCity())
			ids[r.key] = b.ReportID()
			write(t, s, kg.WriteCreated, b.Facts())
		}
		want := append([]string{ids["pub-unknown"]}, sortedIDs(ids["pub-early-1"], ids["pub-early-2"])...)
		want = append(want, ids["pub-late"])
		check(t, "MeetingReports", reportIDs(call(s.MeetingReports(ctx, m)).must(t, "MeetingReports")), want)
		check(t, "Reports", reportIDs(call(s.Reports(ctx, kg.Page{})).must(t, "Reports").Items), want)
	}},
}

var deleteCases = []testCase{
	{"RemovesExactlyWhatOnlyTheReportSupported", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		r1 := Synthetic("delete-1", "2021-09-01")
		m := r1.Meeting("删除会议", "2021-09-01", "部署会议", SynCity())
		hanA := r1.Official("韩甲", "han jia", "韓甲")
		hanB := r1.Official("韩乙", "han yi", "韓乙")
		r1.Participant(m, hanA, roles(kg.RoleSpoke), "市长")
		r1.Participant(m, hanB, roles(kg.RoleAttended))
		p := r1.Position("市长", "甲市人民政府", SynCity())
		r1.Tenure(hanA, p, "2021-09-01")
		dir := r1.Directive(m, hanA, "要做好删除前的工作")
		both := r1.Directive(m, hanA, "要做好共同的工作")
		r1.DivisionRole(m, SynDistrict(), kg.RoleReported)

		r2 := Synthetic("delete-2", "2021-09-02")
		r2.Meeting("删除会议", "2021-09-01", "部署会议", SynCity())
		m2 := r2.Meeting("另一会议", "2021-09-03", "调研", SynOtherCity())
		r2.Official("韩甲", "han jia")
		hanC := r2.Official("韩丙", "han bing", "韓丙")
		evA := r2.Participant(m, hanA, roles(kg.RoleAttended), "副市长")
		evC := r2.Participant(m, hanC, roles(kg.RolePresided))
		r2.Participant(m2, hanC, roles(kg.RoleAttended))
		r2.Position("市长", "甲市人民政府", SynCity())
		q := r2.Position("市委书记", "甲市委", SynCity())
		evT := r2.Tenure(hanA, p, "2021-09-02")
		r2.Tenure(hanC, q, "2021-09-02")
		evD := r2.DivisionRole(m, SynDistrict(), kg.RoleReported)
		// The same second directive as delete-1's: same meeting, issuer,
		// ordinal and text.
		r2.Directive(m, hanA, "要做好删除后的工作")
		r2.Directive(m, hanA, "要做好共同的工作")

		f1, f2 := r1.Facts(), r2.Facts()
		write(t, s, kg.WriteCreated, f1, f2)
		wantCounts(t, s, kg.Counts{
			Reports: 2, Officials: 3, Positions: 2, Meetings: 2, Divisions: 4,
			Directives: 3, Participations: 4, Tenures: 2, DivisionParticipations: 1,
		})

		if err := s.DeleteReport(ctx, f1.Report.ID); err != nil {
			t.Fatalf("DeleteReport(delete-1) error: %v", err)
		}
		wantCounts(t, s, kg.Counts{
			Reports: 1, Officials: 2, Positions: 2, Meetings: 2, Divisions: 4,
			Directives: 2, Participations: 3, Tenures: 2, DivisionParticipations: 1,
		})
		for what, err := range map[string]error{
			"Report(delete-1)": second(s.Report(ctx, f1.Report.ID)),
			"Official(韩乙)":     second(s.Official(ctx, hanB)),
			"Directive":        second(s.Directive(ctx, dir)),
		} {
			wantErr(t, what+" after the delete", err, kg.ErrNotFound)
		}
		// 韓甲 was written only by the deleted report.
		a := call(s.Official(ctx, hanA)).must(t, "Official(韩甲)")
		check(t, "Official(韩甲)", a, kg.Official{ID: hanA, Name: "韩甲", Pinyin: "han jia"})
		c := call(s.Official(ctx, hanC)).must(t, "Official(韩丙)")
		check(t, "MeetingParticipants", call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants"), []kg.Participant{
			{Official: c, Roles: roles(kg.RolePresided), Evidence: []kg.Evidence{evC}},
			{Official: a, Roles: roles(kg.RoleAttended), Titles: []string{"副市长"}, Evidence: []kg.Evidence{evA}},
		})
		check(t, "OfficialPositions(韩甲)", call(s.OfficialPositions(ctx, hanA)).must(t, "OfficialPositions"), []kg.PositionHeld{{
			Position:  f2.Positions[0],
			FirstSeen: date(t, "2021-09-02"),
			LastSeen:  date(t, "2021-09-02"),
			Evidence:  []kg.Evidence{evT},
		}})
		check(t, "MeetingDivisions", call(s.MeetingDivisions(ctx, m, "")).must(t, "MeetingDivisions"), []kg.DivisionRole{
			{Division: SynDistrict(), Role: kg.RoleReported, Evidence: []kg.Evidence{evD}},
		})
		check(t, "MeetingReports", call(s.MeetingReports(ctx, m)).must(t, "MeetingReports"), []kg.Report{f2.Report})
		check(t, "Directive(共同)", call(s.Directive(ctx, both)).must(t, "Directive"), f2.Directives[1])
		check(t, "OfficialMeetings(韩甲)", officialMeetingNames(call(s.OfficialMeetings(ctx, hanA, kg.MeetingFilter{}, kg.Page{})).must(t, "OfficialMeetings").Items), []string{"删除会议"})

		if err := s.DeleteReport(ctx, f2.Report.ID); err != nil {
			t.Fatalf("DeleteReport(delete-2) error: %v", err)
		}
		wantCounts(t, s, kg.Counts{})
		check(t, "lists after deleting every report", listAll(t, s), everything{})
		for what, err := range map[string]error{
			"Official(韩甲)":  second(s.Official(ctx, hanA)),
			"Official(韩丙)":  second(s.Official(ctx, hanC)),
			"Meeting":       second(s.Meeting(ctx, m)),
			"Meeting(另一会议)": second(s.Meeting(ctx, m2)),
			"Position(市长)":  second(s.Position(ctx, p)),
			"Division(丙区)":  second(s.Division(ctx, SynDistrict().ID)),
			"Division(测试省)": second(s.Division(ctx, SynProvince().ID)),
			"Report":        second(s.Report(ctx, f2.Report.ID)),
		} {
			wantErr(t, what+" after deleting every report", err, kg.ErrNotFound)
		}
	}},
	{"DeletingEveryReportEmptiesTheStore", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		w := newWorld()
		write(t, s, kg.WriteCreated, append(w.reports, SeedFacts())...)
		for _, f := range append(w.reports, SeedFacts()) {
			if err := s.DeleteReport(ctx, f.Report.ID); err != nil {
				t.Fatalf("DeleteReport(%s) error: %v", f.Report.Title, err)
			}
		}
		wantCounts(t, s, kg.Counts{})
		check(t, "lists after deleting every report", listAll(t, s), everything{})
		for _, f := range append(w.reports, SeedFacts()) {
			for _, o := range f.Officials {
				wantErr(t, "Official("+o.Name+")", second(s.Official(ctx, o.ID)), kg.ErrNotFound)
			}
			for _, m := range f.Meetings {
				wantErr(t, "Meeting("+m.Name+")", second(s.Meeting(ctx, m.ID)), kg.ErrNotFound)
			}
			for _, d := range f.Divisions {
				wantErr(t, "Division("+d.Name+")", second(s.Division(ctx, d.ID)), kg.ErrNotFound)
			}
			for _, p := range f.Positions {
				wantErr(t, "Position("+p.Title+")", second(s.Position(ctx, p.ID)), kg.ErrNotFound)
			}
			for _, d := range f.Directives {
				wantErr(t, "Directive("+d.Text+")", second(s.Directive(ctx, d.ID)), kg.ErrNotFound)
			}
		}
	}},
	{"UnknownReportIsNotFound", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		wantErr(t, "DeleteReport(unknown)", s.DeleteReport(ctx, kg.ReportID("https://example.invalid/none", "")), kg.ErrNotFound)
		wantCounts(t, s, SeedCounts())
		if err := s.DeleteReport(ctx, SeedReportID); err != nil {
			t.Fatalf("DeleteReport(seed) error: %v", err)
		}
		wantErr(t, "DeleteReport(seed) again", s.DeleteReport(ctx, SeedReportID), kg.ErrNotFound)
		wantCounts(t, s, kg.Counts{})
	}},
	{"DeletedReportCanBeWrittenAgain", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		before := listAll(t, s)
		if err := s.DeleteReport(ctx, SeedReportID); err != nil {
			t.Fatalf("DeleteReport(seed) error: %v", err)
		}
		write(t, s, kg.WriteCreated, SeedFacts())
		wantCounts(t, s, SeedCounts())
		check(t, "lists after writing the report again", listAll(t, s), before)
	}},
}

var notFoundCases = []testCase{
	{"GettersOfUnknownIDs", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		unknown := func(k kg.Kind) string { return kg.NewID(k, "storetest", "unknown") }
		for what, err := range map[string]error{
			"Official":  second(s.Official(ctx, unknown(kg.KindOfficial))),
			"Meeting":   second(s.Meeting(ctx, unknown(kg.KindMeeting))),
			"Division":  second(s.Division(ctx, unknown(kg.KindDivision))),
			"Position":  second(s.Position(ctx, unknown(kg.KindPosition))),
			"Directive": second(s.Directive(ctx, unknown(kg.KindDirective))),
			"Report":    second(s.Report(ctx, unknown(kg.KindReport))),
			// An ID of another kind names nothing of the kind asked for.
			"Official(a meeting's ID)":  second(s.Official(ctx, SeedMeetingID)),
			"Meeting(an official's ID)": second(s.Meeting(ctx, SeedOfficialID("刘非"))),
			"Report(a division's ID)":   second(s.Report(ctx, SeedDivisionID("娄底市"))),
		} {
			wantErr(t, what, err, kg.ErrNotFound)
		}
	}},
	{"RelationsOfUnknownIDs", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		off := kg.NewID(kg.KindOfficial, "storetest", "unknown")
		mtg := kg.NewID(kg.KindMeeting, "storetest", "unknown")
		for what, err := range map[string]error{
			"OfficialMeetings":    second(s.OfficialMeetings(ctx, off, kg.MeetingFilter{}, kg.Page{})),
			"OfficialPositions":   second(s.OfficialPositions(ctx, off)),
			"CoAttendees":         second(s.CoAttendees(ctx, off, kg.CoAttendeeFilter{})),
			"MeetingParticipants": second(s.MeetingParticipants(ctx, mtg, "")),
			"MeetingDivisions":    second(s.MeetingDivisions(ctx, mtg, "")),
			"MeetingReports":      second(s.MeetingReports(ctx, mtg)),
		} {
			wantErr(t, what, err, kg.ErrNotFound)
		}
	}},
}
