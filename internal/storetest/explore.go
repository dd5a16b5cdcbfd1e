package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"officialgraph/internal/kg"
)

// The cases of kg.Explorer. Every store implements it, so a store that
// does not fails each of them.
//
// Where the kg documentation leaves a choice open, the cases pin one down,
// kept simple enough for a query language to match exactly:
//
//   - Batch reads never fail on an ID: an ID of another kind, malformed or
//     unknown names nothing and gives a zero value (ByID) or an empty list
//     (…Of). Duplicates are answered once per occurrence, empty input gives
//     an empty answer, and there is no limit on the number of IDs. A role
//     that is not one of the four is ErrInvalidInput, as for the single
//     reads.
//   - DirectivesOf lists a meeting's directives as the Directives list does:
//     by kg.DirectiveSortKey, then ID.
//
// The rules of Search, Connection, Holders and Stats are set out where
// their cases begin.

// explore makes a case that needs the store's kg.Explorer.
func explore(name string, fn func(t *testing.T, s kg.Store, x kg.Explorer)) testCase {
	return testCase{name, func(t *testing.T, s kg.Store) {
		x, ok := s.(kg.Explorer)
		if !ok {
			t.Fatalf("store does not implement kg.Explorer (%T)", s)
		}
		fn(t, s, x)
	}}
}

// loadSeedAndWorld writes the seed report and the world, the data set the
// batch cases read.
func loadSeedAndWorld(t *testing.T, s kg.Store) *world {
	t.Helper()
	write(t, s, kg.WriteCreated, SeedFacts())
	w := newWorld()
	w.load(t, s)
	return w
}

// seedAndWorldCounts is what a store holds after loadSeedAndWorld: the two
// share no entity.
func seedAndWorldCounts() kg.Counts {
	c, w := SeedCounts(), worldCounts
	return kg.Counts{
		Reports:                c.Reports + w.Reports,
		Officials:              c.Officials + w.Officials,
		Positions:              c.Positions + w.Positions,
		Meetings:               c.Meetings + w.Meetings,
		Divisions:              c.Divisions + w.Divisions,
		Directives:             c.Directives + w.Directives,
		Participations:         c.Participations + w.Participations,
		Tenures:                c.Tenures + w.Tenures,
		DivisionParticipations: c.DivisionParticipations + w.DivisionParticipations,
	}
}

// official returns a world official as every report writes it, which is
// how stores read it back.
func (w *world) official(id string) kg.Official {
	for _, f := range w.reports {
		for _, o := range f.Officials {
			if o.ID == id {
				return o
			}
		}
	}
	panic("storetest: no such official in the world")
}

func (w *world) meeting(id string) kg.Meeting {
	for _, f := range w.reports {
		for _, m := range f.Meetings {
			if m.ID == id {
				return m
			}
		}
	}
	panic("storetest: no such meeting in the world")
}

func (w *world) position(id string) kg.Position {
	for _, f := range w.reports {
		for _, p := range f.Positions {
			if p.ID == id {
				return p
			}
		}
	}
	panic("storetest: no such position in the world")
}

// unknownID names nothing in any fixture.
func unknownID(k kg.Kind) string { return kg.NewID(k, "storetest", "unknown") }

// notIDs are strings no store holds an entity under: not IDs at all.
var notIDs = []string{"", "nope", `"}) MATCH (n) DETACH DELETE n //`, "off_"}

var batchCases = []testCase{
	explore("OfficialsByID", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := loadSeedAndWorld(t, s)
		liu, wang, li := seedOfficial("刘非"), w.official(w.wang), w.official(w.li)
		zero := kg.Official{}
		tests := []struct {
			name string
			ids  []string
			want []kg.Official
		}{
			{"in the order asked", []string{w.li, liu.ID, w.wang}, []kg.Official{li, liu, wang}},
			{"duplicates answered each time", []string{w.wang, w.li, w.wang}, []kg.Official{wang, li, wang}},
			{"unknown gives a zero value", []string{w.wang, unknownID(kg.KindOfficial), w.li}, []kg.Official{wang, zero, li}},
			{"other kinds give zero values", []string{w.m1, w.wang, SeedDivisionID("娄底市"), SeedReportID, w.p1}, []kg.Official{zero, wang, zero, zero, zero}},
			{"not IDs give zero values", append([]string{w.li}, notIDs...), []kg.Official{li, zero, zero, zero, zero}},
			{"garbled official", []string{w.sun}, []kg.Official{w.official(w.sun)}},
			{"nil", nil, nil},
			{"empty", []string{}, nil},
		}
		for _, tt := range tests {
			got := call(x.OfficialsByID(t.Context(), tt.ids)).must(t, "OfficialsByID("+tt.name+")")
			check(t, "OfficialsByID("+tt.name+")", got, append([]kg.Official{}, tt.want...))
		}
	}),
	explore("MeetingsByID", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := loadSeedAndWorld(t, s)
		seed := SeedFacts().Meetings[0]
		m1, m3 := w.meeting(w.m1), w.meeting(w.m3)
		zero := kg.Meeting{}
		tests := []struct {
			name string
			ids  []string
			want []kg.Meeting
		}{
			{"in the order asked", []string{w.m3, SeedMeetingID, w.m1}, []kg.Meeting{m3, seed, m1}},
			{"duplicates answered each time", []string{w.m1, w.m1}, []kg.Meeting{m1, m1}},
			{"unknown gives a zero value", []string{unknownID(kg.KindMeeting), w.m3}, []kg.Meeting{zero, m3}},
			{"other kinds give zero values", []string{w.wang, w.m1, SeedReportID}, []kg.Meeting{zero, m1, zero}},
			{"not IDs give zero values", notIDs, []kg.Meeting{zero, zero, zero, zero}},
			{"empty", []string{}, nil},
		}
		for _, tt := range tests {
			got := call(x.MeetingsByID(t.Context(), tt.ids)).must(t, "MeetingsByID("+tt.name+")")
			check(t, "MeetingsByID("+tt.name+")", got, append([]kg.Meeting{}, tt.want...))
		}
	}),
	explore("DivisionsByID", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := loadSeedAndWorld(t, s)
		loudi, district := seedDivision("娄底市"), SynDistrict()
		zero := kg.Division{}
		tests := []struct {
			name string
			ids  []string
			want []kg.Division
		}{
			{"in the order asked", []string{district.ID, loudi.ID, SynProvince().ID}, []kg.Division{district, loudi, SynProvince()}},
			{"duplicates answered each time", []string{loudi.ID, loudi.ID}, []kg.Division{loudi, loudi}},
			{"unknown gives a zero value", []string{unknownID(kg.KindDivision)}, []kg.Division{zero}},
			{"other kinds give zero values", []string{w.m1, district.ID, w.wang}, []kg.Division{zero, district, zero}},
			{"empty", nil, nil},
		}
		for _, tt := range tests {
			got := call(x.DivisionsByID(t.Context(), tt.ids)).must(t, "DivisionsByID("+tt.name+")")
			check(t, "DivisionsByID("+tt.name+")", got, append([]kg.Division{}, tt.want...))
		}
	}),
	explore("PositionsByID", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := loadSeedAndWorld(t, s)
		mayor := kg.Position{ID: SeedPositionID("市长"), Title: "市长", Organization: "娄底市人民政府", DivisionID: SeedDivisionID("娄底市")}
		p1, p3 := w.position(w.p1), w.position(w.p3)
		zero := kg.Position{}
		tests := []struct {
			name string
			ids  []string
			want []kg.Position
		}{
			{"in the order asked", []string{w.p3, mayor.ID, w.p1}, []kg.Position{p3, mayor, p1}},
			{"duplicates answered each time", []string{w.p1, w.p3, w.p1}, []kg.Position{p1, p3, p1}},
			{"unknown and other kinds give zero values", []string{unknownID(kg.KindPosition), w.wang, w.p1, w.m1}, []kg.Position{zero, zero, p1, zero}},
			{"empty", []string{}, nil},
		}
		for _, tt := range tests {
			got := call(x.PositionsByID(t.Context(), tt.ids)).must(t, "PositionsByID("+tt.name+")")
			check(t, "PositionsByID("+tt.name+")", got, append([]kg.Position{}, tt.want...))
		}
	}),
	explore("ReportsByID", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := loadSeedAndWorld(t, s)
		seed, r2 := SeedFacts().Report, w.reports[1].Report
		zero := kg.Report{}
		tests := []struct {
			name string
			ids  []string
			want []kg.Report
		}{
			{"in the order asked", []string{r2.ID, seed.ID}, []kg.Report{r2, seed}},
			{"duplicates answered each time", []string{seed.ID, seed.ID}, []kg.Report{seed, seed}},
			{"unknown and other kinds give zero values", []string{unknownID(kg.KindReport), SeedMeetingID, r2.ID, ""}, []kg.Report{zero, zero, r2, zero}},
			{"empty", nil, nil},
		}
		for _, tt := range tests {
			got := call(x.ReportsByID(t.Context(), tt.ids)).must(t, "ReportsByID("+tt.name+")")
			check(t, "ReportsByID("+tt.name+")", got, append([]kg.Report{}, tt.want...))
		}
	}),
	explore("ByIDOfDeletedEntities", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		// 欧阳四 and M3 are only in world-3.
		if err := s.DeleteReport(ctx, w.reports[2].Report.ID); err != nil {
			t.Fatalf("DeleteReport(world-3) error: %v", err)
		}
		check(t, "OfficialsByID", call(x.OfficialsByID(ctx, []string{w.ouyang, w.wang})).must(t, "OfficialsByID"),
			[]kg.Official{{}, w.official(w.wang)})
		check(t, "MeetingsByID", call(x.MeetingsByID(ctx, []string{w.m3, w.m1})).must(t, "MeetingsByID"),
			[]kg.Meeting{{}, w.meeting(w.m1)})
		check(t, "ReportsByID", call(x.ReportsByID(ctx, []string{w.reports[2].Report.ID})).must(t, "ReportsByID"),
			[]kg.Report{{}})
	}),
	explore("ParticipantsOfEqualsMeetingParticipants", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		ids := []string{SeedMeetingID, w.m1, w.m2, w.m3, w.m4, w.m5}
		asked := append(slices.Clone(ids), unknownID(kg.KindMeeting), w.wang, w.m2, "")
		for _, role := range []kg.Role{"", kg.RolePresided, kg.RoleSpoke, kg.RoleReported, kg.RoleAttended} {
			got := call(x.ParticipantsOf(ctx, asked, role)).must(t, "ParticipantsOf")
			var want [][]kg.Participant
			for _, id := range asked {
				var ps []kg.Participant
				if slices.Contains(ids, id) {
					ps = call(s.MeetingParticipants(ctx, id, role)).must(t, "MeetingParticipants")
				}
				want = append(want, ps)
			}
			check(t, "ParticipantsOf(role "+string(role)+")", got, want)
		}
		// Spelled out for one role, so that two wrong answers cannot agree.
		got := call(x.ParticipantsOf(ctx, []string{w.m2, unknownID(kg.KindMeeting), w.m1, w.m3}, kg.RoleReported)).must(t, "ParticipantsOf")
		var names [][]string
		for _, ps := range got {
			names = append(names, participantNames(ps))
		}
		check(t, "ParticipantsOf(reported) names", names, [][]string{{"王一"}, {}, {}, {}})
		check(t, "ParticipantsOf(M2, reported)", got[0], []kg.Participant{{
			Official: w.official(w.wang), Roles: roles(kg.RoleReported), Titles: []string{"甲市委书记"},
			Evidence: []kg.Evidence{w.participation(w.wang, w.m2).Evidence},
		}})
	}),
	explore("DivisionRolesOfEqualsMeetingDivisions", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		ids := []string{SeedMeetingID, w.m1, w.m2, w.m3, w.m4, w.m5}
		asked := append(slices.Clone(ids), unknownID(kg.KindMeeting), SynCity().ID, w.m4)
		for _, role := range []kg.Role{"", kg.RolePresided, kg.RoleSpoke, kg.RoleReported, kg.RoleAttended} {
			got := call(x.DivisionRolesOf(ctx, asked, role)).must(t, "DivisionRolesOf")
			var want [][]kg.DivisionRole
			for _, id := range asked {
				var ds []kg.DivisionRole
				if slices.Contains(ids, id) {
					ds = call(s.MeetingDivisions(ctx, id, role)).must(t, "MeetingDivisions")
				}
				want = append(want, ds)
			}
			check(t, "DivisionRolesOf(role "+string(role)+")", got, want)
		}
		dr := func(d kg.Division, m string, r kg.Role) kg.DivisionRole {
			return kg.DivisionRole{Division: d, Role: r, Evidence: []kg.Evidence{w.divisionParticipation(d.ID, m, r).Evidence}}
		}
		got := call(x.DivisionRolesOf(ctx, []string{w.m4, w.m2, w.m1}, kg.RoleReported)).must(t, "DivisionRolesOf")
		check(t, "DivisionRolesOf(reported)", got, [][]kg.DivisionRole{
			{dr(SynCity(), w.m4, kg.RoleReported), dr(SynOtherCity(), w.m4, kg.RoleReported)},
			{},
			{dr(SynDistrict(), w.m1, kg.RoleReported)},
		})
	}),
	explore("DirectivesOfInListOrder", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		ids := []string{SeedMeetingID, w.m1, w.m2, w.m3, w.m4, w.m5}
		asked := append(slices.Clone(ids), unknownID(kg.KindMeeting), w.wang)
		got := call(x.DirectivesOf(ctx, asked)).must(t, "DirectivesOf")
		var want [][]kg.Directive
		for _, id := range asked {
			var ds []kg.Directive
			if slices.Contains(ids, id) {
				ds = walk(t, "Directives", func(p kg.Page) (kg.Conn[kg.Directive], error) {
					return s.Directives(ctx, kg.DirectiveFilter{MeetingID: id}, p)
				})
			}
			want = append(want, ds)
		}
		check(t, "DirectivesOf", got, want)
		var texts [][]string
		for _, ds := range got[1:] {
			texts = append(texts, directiveTexts(ds))
		}
		// The meeting's own directive first: "meeting" sorts before every
		// official's ID.
		check(t, "DirectivesOf(world) texts", texts, [][]string{
			{"会议要求做好春耕", "要加强防控", "要稳定就业"},
			{"要推动复工复产"},
			{"要深入调研"},
			{"要强化物资保障"},
			{"要压实责任"},
			{},
			{},
		})
		check(t, "len(DirectivesOf(seed))", len(got[0]), 18)
	}),
	explore("ReportsOfEqualsMeetingReports", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		// A second report of M1, published later.
		b := Synthetic("world-1-again", "2020-02-27")
		b.Meeting("甲市常委会会议", "2020-02-26", "常委会会议", SynCity())
		again := b.Facts()
		write(t, s, kg.WriteCreated, again)
		ids := []string{SeedMeetingID, w.m1, w.m2, w.m3, w.m4, w.m5}
		asked := append(slices.Clone(ids), unknownID(kg.KindMeeting), SeedReportID)
		got := call(x.ReportsOf(ctx, asked)).must(t, "ReportsOf")
		var want [][]kg.Report
		for _, id := range asked {
			var rs []kg.Report
			if slices.Contains(ids, id) {
				rs = call(s.MeetingReports(ctx, id)).must(t, "MeetingReports")
			}
			want = append(want, rs)
		}
		check(t, "ReportsOf", got, want)
		check(t, "ReportsOf(M1, seed)", call(x.ReportsOf(ctx, []string{w.m1, SeedMeetingID})).must(t, "ReportsOf"),
			[][]kg.Report{{w.reports[0].Report, again.Report}, {SeedFacts().Report}})
	}),
	explore("PositionsHeldByEqualsOfficialPositions", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		var ids []string
		for _, o := range SeedFacts().Officials {
			ids = append(ids, o.ID)
		}
		ids = append(ids, w.wang, w.li, w.zhao, w.ouyang, w.qian, w.sun)
		asked := append(slices.Clone(ids), unknownID(kg.KindOfficial), w.p1, w.li)
		got := call(x.PositionsHeldBy(ctx, asked)).must(t, "PositionsHeldBy")
		var want [][]kg.PositionHeld
		for _, id := range asked {
			var ps []kg.PositionHeld
			if slices.Contains(ids, id) {
				ps = call(s.OfficialPositions(ctx, id)).must(t, "OfficialPositions")
			}
			want = append(want, ps)
		}
		check(t, "PositionsHeldBy", got, want)
		seen := date(t, "2020-03-10")
		check(t, "PositionsHeldBy(李二, 欧阳四)", call(x.PositionsHeldBy(ctx, []string{w.li, w.ouyang})).must(t, "PositionsHeldBy"),
			[][]kg.PositionHeld{{{Position: w.position(w.p2), FirstSeen: seen, LastSeen: seen, Evidence: []kg.Evidence{w.reports[1].Tenures[0].Evidence}}}, {}})
	}),
	explore("BatchReadsOfNothing", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		loadSeedAndWorld(t, s)
		for _, ids := range [][]string{nil, {}} {
			check(t, "ParticipantsOf", len(call(x.ParticipantsOf(ctx, ids, "")).must(t, "ParticipantsOf")), 0)
			check(t, "DivisionRolesOf", len(call(x.DivisionRolesOf(ctx, ids, "")).must(t, "DivisionRolesOf")), 0)
			check(t, "DirectivesOf", len(call(x.DirectivesOf(ctx, ids)).must(t, "DirectivesOf")), 0)
			check(t, "ReportsOf", len(call(x.ReportsOf(ctx, ids)).must(t, "ReportsOf")), 0)
			check(t, "PositionsHeldBy", len(call(x.PositionsHeldBy(ctx, ids)).must(t, "PositionsHeldBy")), 0)
			check(t, "PositionDatesHeldBy", len(call(x.PositionDatesHeldBy(ctx, ids)).must(t, "PositionDatesHeldBy")), 0)
		}
		// Only unknown IDs: one empty list each, never an error.
		unknown := append([]string{unknownID(kg.KindMeeting), unknownID(kg.KindOfficial)}, notIDs...)
		for what, lens := range map[string][]int{
			"ParticipantsOf":      lengths(call(x.ParticipantsOf(ctx, unknown, kg.RoleSpoke)).must(t, "ParticipantsOf")),
			"DivisionRolesOf":     lengths(call(x.DivisionRolesOf(ctx, unknown, kg.RoleReported)).must(t, "DivisionRolesOf")),
			"DirectivesOf":        lengths(call(x.DirectivesOf(ctx, unknown)).must(t, "DirectivesOf")),
			"ReportsOf":           lengths(call(x.ReportsOf(ctx, unknown)).must(t, "ReportsOf")),
			"PositionsHeldBy":     lengths(call(x.PositionsHeldBy(ctx, unknown)).must(t, "PositionsHeldBy")),
			"PositionDatesHeldBy": lengths(call(x.PositionDatesHeldBy(ctx, unknown)).must(t, "PositionDatesHeldBy")),
		} {
			check(t, what+"(unknown IDs)", lens, make([]int, len(unknown)))
		}
	}),
	explore("BatchReadsRejectInvalidRoles", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		_, err := x.ParticipantsOf(ctx, []string{w.m1}, "chaired")
		wantErr(t, "ParticipantsOf(role chaired)", err, kg.ErrInvalidInput)
		_, err = x.DivisionRolesOf(ctx, []string{w.m1}, "chaired")
		wantErr(t, "DivisionRolesOf(role chaired)", err, kg.ErrInvalidInput)
	}),
}

func isNotFound(err error) bool { return errors.Is(err, kg.ErrNotFound) }

// lengths returns the length of each list.
func lengths[T any](lists [][]T) []int {
	out := []int{}
	for _, l := range lists {
		out = append(out, len(l))
	}
	return out
}

var explorerContextCases = []testCase{
	explore("DoneContextFailsEveryMethod", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := loadSeedAndWorld(t, s)
		cancelled, cancel := context.WithCancel(t.Context())
		cancel()
		expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
		defer cancel2()
		for name, ctx := range map[string]context.Context{"cancelled": cancelled, "expired": expired} {
			ids := []string{w.m1}
			for what, err := range map[string]error{
				"OfficialsByID":       second(x.OfficialsByID(ctx, []string{w.wang})),
				"MeetingsByID":        second(x.MeetingsByID(ctx, ids)),
				"DivisionsByID":       second(x.DivisionsByID(ctx, []string{SynCity().ID})),
				"PositionsByID":       second(x.PositionsByID(ctx, []string{w.p1})),
				"ReportsByID":         second(x.ReportsByID(ctx, []string{SeedReportID})),
				"ParticipantsOf":      second(x.ParticipantsOf(ctx, ids, "")),
				"DivisionRolesOf":     second(x.DivisionRolesOf(ctx, ids, "")),
				"DirectivesOf":        second(x.DirectivesOf(ctx, ids)),
				"ReportsOf":           second(x.ReportsOf(ctx, ids)),
				"PositionsHeldBy":     second(x.PositionsHeldBy(ctx, []string{w.wang})),
				"PositionDatesHeldBy": second(x.PositionDatesHeldBy(ctx, []string{w.wang})),
				"Search":              second(x.Search(ctx, kg.SearchQuery{Text: "王"})),
				"Connection":          second(x.Connection(ctx, w.ouyang, w.qian, kg.MaxHops)),
				"Holders":             second(x.Holders(ctx, kg.HolderQuery{Title: "市长"})),
				"Stats":               second(x.Stats(ctx, kg.StatsFilter{})),
				"OfficialProfile":     second(x.OfficialProfile(ctx, w.wang, kg.ProfileQuery{Positions: true})),
			} {
				if err == nil {
					t.Errorf("%s with a %s context returned no error", what, name)
				}
			}
		}
	}),
	explore("ReadsDuringWrites", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		reports := append(slices.Clone(w.reports), SeedFacts())
		for i := range 8 {
			reports = append(reports, concurrentReport(i))
		}
		done := make(chan struct{})
		errs := make(chan error, 64)
		var readers []chan struct{}
		for range 4 {
			stopped := make(chan struct{})
			readers = append(readers, stopped)
			go func() {
				defer close(stopped)
				for {
					select {
					case <-done:
						return
					default:
					}
					_, err1 := x.Search(ctx, kg.SearchQuery{Text: "共享"})
					_, err2 := x.Connection(ctx, w.ouyang, w.qian, kg.MaxHops)
					_, err3 := x.Stats(ctx, kg.StatsFilter{DivisionID: SynProvince().ID})
					_, err4 := x.Holders(ctx, kg.HolderQuery{Title: "市长"})
					_, err5 := x.ParticipantsOf(ctx, []string{w.m1, w.m4}, "")
					for _, err := range []error{err1, err3, err4, err5} {
						if err != nil {
							select {
							case errs <- err:
							default:
							}
						}
					}
					// Until both officials are written, they are unknown.
					if err2 != nil && !isNotFound(err2) {
						select {
						case errs <- err2:
						default:
						}
					}
				}
			}()
		}
		werrs := parallel(len(reports), func(i int) error {
			_, err := s.WriteReport(ctx, reports[i])
			return err
		})
		close(done)
		for _, r := range readers {
			<-r
		}
		close(errs)
		for i, err := range werrs {
			if err != nil {
				t.Errorf("WriteReport(%d) error: %v", i, err)
			}
		}
		for err := range errs {
			t.Errorf("a read during the writes failed: %v", err)
		}
		// Once the writes are done, reads see all of them.
		p := call(x.Connection(ctx, w.ouyang, w.qian, kg.MaxHops)).must(t, "Connection")
		check(t, "Connection(欧阳四, 钱五) officials", officialNames(p.Officials), []string{"欧阳四", "王一", "钱五"})
		st := call(x.Stats(ctx, kg.StatsFilter{})).must(t, "Stats")
		check(t, "Stats().Meetings", st.Meetings, worldCounts.Meetings+1+1+8)
	}),
}
