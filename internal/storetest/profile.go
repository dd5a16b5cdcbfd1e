package storetest

import (
	"fmt"
	"testing"

	"officialgraph/internal/kg"
)

// The cases of kg.Explorer's OfficialProfile: every part equals the
// separate read it stands for, parts not asked for stay nil, and errors
// are those of the separate reads, invalid input before an unknown
// official.
var profileCases = []testCase{
	explore("EqualsSeparateReads", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		ids := []string{w.wang, w.li, w.zhao, w.ouyang, w.qian, w.sun}
		for _, o := range SeedFacts().Officials {
			ids = append(ids, o.ID)
		}
		// A cursor into 王一's meetings, to ask for a later page.
		first := call(s.OfficialMeetings(ctx, w.wang, kg.MeetingFilter{}, kg.Page{First: 2})).must(t, "OfficialMeetings")
		if len(first.Cursors) != 2 {
			t.Fatalf("王一 has %d meetings on a page of 2, want 2", len(first.Cursors))
		}
		after := first.Cursors[1]
		queries := []kg.ProfileQuery{
			{},
			{Positions: true},
			{Positions: true, PositionDatesOnly: true},
			{Meetings: &kg.MeetingsQuery{}},
			{Meetings: &kg.MeetingsQuery{Page: kg.Page{First: 2}}},
			{Meetings: &kg.MeetingsQuery{Page: kg.Page{First: 2, After: after}}},
			{Meetings: &kg.MeetingsQuery{Page: kg.Page{Last: 1, Before: after}}},
			{Meetings: &kg.MeetingsQuery{Filter: kg.MeetingFilter{Role: kg.RolePresided}}},
			{Meetings: &kg.MeetingsQuery{Filter: kg.MeetingFilter{From: date(t, "2020-03"), To: date(t, "2021")}, Page: kg.Page{First: 1}}},
			{CoAttendees: &kg.CoAttendeeFilter{}},
			{CoAttendees: &kg.CoAttendeeFilter{CountOnly: true, First: 2}},
			{CoAttendees: &kg.CoAttendeeFilter{MinShared: 2, From: date(t, "2020-03-01")}},
			{
				Positions:   true,
				Meetings:    &kg.MeetingsQuery{Filter: kg.MeetingFilter{From: date(t, "2020-03")}, Page: kg.Page{First: 3}},
				CoAttendees: &kg.CoAttendeeFilter{From: date(t, "2020-02"), To: date(t, "2020-02"), First: 1},
			},
		}
		for _, id := range ids {
			for i, q := range queries {
				what := fmt.Sprintf("OfficialProfile(%s, query %d)", id, i)
				got := call(x.OfficialProfile(ctx, id, q)).must(t, what)
				want := kg.Profile{Official: call(s.Official(ctx, id)).must(t, "Official")}
				if q.Positions {
					want.Positions = call(s.OfficialPositions(ctx, id)).must(t, "OfficialPositions")
					if q.PositionDatesOnly {
						for i := range want.Positions {
							want.Positions[i].Evidence = nil
						}
					}
				}
				if m := q.Meetings; m != nil {
					c := call(s.OfficialMeetings(ctx, id, m.Filter, m.Page)).must(t, "OfficialMeetings")
					want.Meetings = &c
				}
				if f := q.CoAttendees; f != nil {
					want.CoAttendees = call(s.CoAttendees(ctx, id, *f)).must(t, "CoAttendees")
				}
				check(t, what, got, want)
			}
		}
	}),
	explore("Errors", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		all := kg.ProfileQuery{Positions: true, Meetings: &kg.MeetingsQuery{}, CoAttendees: &kg.CoAttendeeFilter{}}
		for _, id := range append([]string{unknownID(kg.KindOfficial), w.m1}, notIDs...) {
			for _, q := range []kg.ProfileQuery{{}, all} {
				_, err := x.OfficialProfile(ctx, id, q)
				wantErr(t, fmt.Sprintf("OfficialProfile(%q)", id), err, kg.ErrNotFound)
			}
		}
		invalid := map[string]kg.ProfileQuery{
			"negative first":        {Meetings: &kg.MeetingsQuery{Page: kg.Page{First: -1}}},
			"page over the maximum": {Meetings: &kg.MeetingsQuery{Page: kg.Page{Last: kg.MaxPageSize + 1}}},
			"malformed cursor":      {Meetings: &kg.MeetingsQuery{Page: kg.Page{After: "not a cursor"}}},
			"unknown role":          {Meetings: &kg.MeetingsQuery{Filter: kg.MeetingFilter{Role: "chaired"}}},
			"co-attendees over":     {CoAttendees: &kg.CoAttendeeFilter{First: kg.MaxPageSize + 1}},
			"co-attendees negative": {Positions: true, CoAttendees: &kg.CoAttendeeFilter{First: -1}},
		}
		for what, q := range invalid {
			for _, id := range []string{w.wang, unknownID(kg.KindOfficial)} {
				_, err := x.OfficialProfile(ctx, id, q)
				wantErr(t, fmt.Sprintf("OfficialProfile(%s, %s)", id, what), err, kg.ErrInvalidInput)
			}
		}
	}),
	explore("FollowsDeletes", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		q := kg.ProfileQuery{Positions: true, Meetings: &kg.MeetingsQuery{}, CoAttendees: &kg.CoAttendeeFilter{}}
		before := call(x.OfficialProfile(ctx, w.zhao, q)).must(t, "OfficialProfile")
		// M5 is the only meeting of 赵三's position and one of two of
		// theirs; deleting its report leaves M1.
		if err := s.DeleteReport(ctx, w.reports[4].Report.ID); err != nil {
			t.Fatal(err)
		}
		got := call(x.OfficialProfile(ctx, w.zhao, q)).must(t, "OfficialProfile after the delete")
		check(t, "positions after the delete", len(got.Positions), len(before.Positions)-1)
		check(t, "meetings after the delete", got.Meetings.TotalCount, before.Meetings.TotalCount-1)
		check(t, "co-attendees after the delete", len(got.CoAttendees), len(before.CoAttendees)-1)
	}),
}
