package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"officialgraph/internal/kg"
)

// identity makes a case that needs the store's kg.IdentityStore.
func identity(name string, fn func(t *testing.T, s kg.Store, ids kg.IdentityStore)) testCase {
	return testCase{name, func(t *testing.T, s kg.Store) {
		ids, ok := s.(kg.IdentityStore)
		if !ok {
			t.Fatalf("store does not implement kg.IdentityStore (%T)", s)
		}
		fn(t, s, ids)
	}}
}

// identityFixture is the world and one more report, whose 王一 serves in
// 乙市: the extractor takes him for another person than the world's 王一
// of 甲市. The report tells of a meeting of its own, MX, which he
// presided, and of the world's M2, which he attended (the world's 王一
// reported there), and sees him holding a position of 乙市.
type identityFixture struct {
	*world
	x          *kg.ReportFacts
	wangB      string // 王一 of 乙市
	mx, px     string // the report's meeting and position
	dirX       string // the directive 王一 of 乙市 issued at MX
	dirXMerged string // the same directive once he is the world's 王一
}

func newIdentityFixture() *identityFixture {
	w := newWorld()
	b := Synthetic("identity-x", "2020-04-01")
	mx := b.Meeting("乙市常委会会议", "2020-04-01", "常委会会议", SynOtherCity())
	m2 := b.Meeting("乙市部署会议", "2020-03-10", "部署会议", SynOtherCity())
	wangB := b.OfficialIn(SynOtherCity(), "王一", "wang yi", "王弌")
	b.Official("李二", "li er", "李貳")
	b.Participant(mx, wangB, roles(kg.RolePresided), "乙市市委副书记")
	b.Participant(mx, w.li, roles(kg.RoleAttended))
	b.Participant(m2, wangB, roles(kg.RoleAttended))
	px := b.Position("市委副书记", "乙市委", SynOtherCity())
	b.Tenure(wangB, px, "2020-04-01")
	dir := b.Directive(mx, wangB, "要抓好落实")
	return &identityFixture{
		world: w, x: b.Facts(), wangB: wangB, mx: mx, px: px,
		dirX: dir, dirXMerged: kg.DirectiveID(mx, w.wang, 1, "要抓好落实"),
	}
}

func (f *identityFixture) reports() []*kg.ReportFacts {
	return append(slices.Clone(f.world.reports), f.x)
}

func (f *identityFixture) load(t *testing.T, s kg.Store) {
	t.Helper()
	write(t, s, kg.WriteCreated, f.reports()...)
}

// identityCounts is what a store holds after loading the fixture.
func identityCounts() kg.Counts {
	c := worldCounts
	c.Reports++
	c.Officials++  // 王一 of 乙市
	c.Positions++  // 乙市委 市委副书记
	c.Meetings++   // MX
	c.Directives++ // 要抓好落实
	c.Participations += 3
	c.Tenures++
	return c
}

// graphDump is everything a store says about its graph: counts, every
// list, and each official's and meeting's relations. Comparing dumps is
// how cases check that a decision, or its undo, changed exactly what it
// should.
type graphDump struct {
	Counts    kg.Counts
	All       everything
	Officials []officialDump
	Meetings  []meetingDump
}

type officialDump struct {
	Official    kg.Official
	Meetings    []kg.OfficialMeeting
	Positions   []kg.PositionHeld
	CoAttendees []kg.CoAttendee
}

type meetingDump struct {
	Meeting      kg.Meeting
	Participants []kg.Participant
	Directives   []kg.Directive
}

func dumpGraph(t *testing.T, s kg.Store) graphDump {
	t.Helper()
	ctx := t.Context()
	d := graphDump{Counts: counts(t, s), All: listAll(t, s)}
	for _, o := range d.All.Officials {
		d.Officials = append(d.Officials, officialDump{
			Official: o,
			Meetings: walk(t, "OfficialMeetings", func(p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
				return s.OfficialMeetings(ctx, o.ID, kg.MeetingFilter{}, p)
			}),
			Positions:   call(s.OfficialPositions(ctx, o.ID)).must(t, "OfficialPositions"),
			CoAttendees: call(s.CoAttendees(ctx, o.ID, kg.CoAttendeeFilter{First: kg.MaxPageSize})).must(t, "CoAttendees"),
		})
	}
	for _, m := range d.All.Meetings {
		d.Meetings = append(d.Meetings, meetingDump{
			Meeting:      m,
			Participants: call(s.MeetingParticipants(ctx, m.ID, "")).must(t, "MeetingParticipants"),
			Directives: walk(t, "Directives", func(p kg.Page) (kg.Conn[kg.Directive], error) {
				return s.Directives(ctx, kg.DirectiveFilter{MeetingID: m.ID}, p)
			}),
		})
	}
	return d
}

func decide(t *testing.T, ids kg.IdentityStore, d kg.IdentityDecision) kg.IdentityDecision {
	t.Helper()
	got, err := ids.Decide(t.Context(), d)
	if err != nil {
		t.Fatalf("Decide(%+v) error: %v", d, err)
	}
	return got
}

func undo(t *testing.T, ids kg.IdentityStore, id string) {
	t.Helper()
	if err := ids.Undo(t.Context(), id); err != nil {
		t.Fatalf("Undo(%s) error: %v", id, err)
	}
}

func mergeOf(keep, merged string) kg.IdentityDecision {
	return kg.IdentityDecision{Kind: kg.DecisionMerge, Keep: keep, Merged: merged}
}

func splitOf(official string, reports ...string) kg.IdentityDecision {
	return kg.IdentityDecision{Kind: kg.DecisionSplit, Official: official, Reports: reports}
}

// decisions lists the recorded decisions with their times cleared, which
// no two stores (or runs) share, after checking that they are set.
func decisions(t *testing.T, ids kg.IdentityStore) []kg.IdentityDecision {
	t.Helper()
	ds := walkBy(t, "Decisions", 1, func(p kg.Page) (kg.Conn[kg.IdentityDecision], error) {
		return ids.Decisions(t.Context(), p)
	})
	for i := range ds {
		ds[i] = untimed(t, ds[i])
	}
	return ds
}

// checkDecisions compares decisions, which diff cannot walk (time.Time
// hides its fields); nil and empty report lists are equal.
func checkDecisions(t *testing.T, what string, got, want []kg.IdentityDecision) {
	t.Helper()
	norm := func(ds []kg.IdentityDecision) []kg.IdentityDecision {
		out := make([]kg.IdentityDecision, len(ds))
		for i, d := range ds {
			if len(d.Reports) == 0 {
				d.Reports = nil
			}
			out[i] = d
		}
		return out
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s = %+v, want %+v", what, g, w)
	}
}

// untimed returns d with DecidedAt cleared, after checking it is set.
func untimed(t *testing.T, d kg.IdentityDecision) kg.IdentityDecision {
	t.Helper()
	if d.DecidedAt.IsZero() {
		t.Errorf("decision %s has no DecidedAt", d.ID)
	}
	d.DecidedAt = time.Time{}
	return d
}

// evidenceOf returns the evidence a report gives for an official's part in
// a meeting.
func evidenceOf(t *testing.T, f *kg.ReportFacts, official, meeting string) kg.Evidence {
	t.Helper()
	for _, p := range f.Participations {
		if p.OfficialID == official && p.MeetingID == meeting {
			return p.Evidence
		}
	}
	t.Fatalf("report %s has no participation of %s at %s", f.Report.ID, official, meeting)
	return kg.Evidence{}
}

func meetingIDs(ms []kg.OfficialMeeting) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Meeting.ID)
	}
	slices.Sort(out)
	return out
}

func positionIDs(ps []kg.PositionHeld) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Position.ID)
	}
	slices.Sort(out)
	return out
}

var identityCases = []testCase{
	identity("MergeMovesEveryFact", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		ctx := t.Context()
		f := newIdentityFixture()
		f.load(t, s)
		wantCounts(t, s, identityCounts())

		d := decide(t, ids, kg.IdentityDecision{Kind: kg.DecisionMerge, Keep: f.wang, Merged: f.wangB, Note: "同一人"})
		want := kg.IdentityDecision{
			ID: kg.DecisionID(mergeOf(f.wang, f.wangB)), Kind: kg.DecisionMerge, Keep: f.wang, Merged: f.wangB,
			Kept: kg.Official{ID: f.wang, Name: "王一", Pinyin: "wang yi"}, Note: "同一人", Seq: d.Seq,
		}
		checkDecisions(t, "Decide()", []kg.IdentityDecision{untimed(t, d)}, []kg.IdentityDecision{want})
		if d.Seq < 1 {
			t.Errorf("Decide().Seq = %d, want a positive sequence number", d.Seq)
		}
		checkDecisions(t, "Decisions()", decisions(t, ids), []kg.IdentityDecision{want})

		_, err := s.Official(ctx, f.wangB)
		wantErr(t, "Official(merged)", err, kg.ErrNotFound)
		check(t, "Official(kept)", call(s.Official(ctx, f.wang)).must(t, "Official"),
			kg.Official{ID: f.wang, Name: "王一", Aliases: []string{"王壹", "王弌"}, Pinyin: "wang yi"})
		om := walk(t, "OfficialMeetings", func(p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
			return s.OfficialMeetings(ctx, f.wang, kg.MeetingFilter{}, p)
		})
		check(t, "OfficialMeetings(kept)", meetingIDs(om), sortedIDs(f.m1, f.m2, f.m3, f.m4, f.mx))
		check(t, "OfficialPositions(kept)", positionIDs(call(s.OfficialPositions(ctx, f.wang)).must(t, "OfficialPositions")),
			sortedIDs(f.p1, f.px))
		// At M2 one report saw him report and the other attend: one
		// participant, who reported, with both reports' evidence.
		ps := call(s.MeetingParticipants(ctx, f.m2, kg.RoleReported)).must(t, "MeetingParticipants")
		if len(ps) != 1 || ps[0].Official.ID != f.wang {
			t.Fatalf("MeetingParticipants(M2, reported) = %v, want 王一 alone", participantNames(ps))
		}
		check(t, "M2 roles", ps[0].Roles, roles(kg.RoleReported))
		check(t, "M2 evidence", ps[0].Evidence, byReport(
			evidenceOf(t, f.world.reports[1], f.wang, f.m2), evidenceOf(t, f.x, f.wangB, f.m2)))
		_, err = s.Directive(ctx, f.dirX)
		wantErr(t, "Directive(under the merged issuer)", err, kg.ErrNotFound)
		dir := call(s.Directive(ctx, f.dirXMerged)).must(t, "Directive(under the kept issuer)")
		check(t, "directive issuer", dir.IssuerID, f.wang)

		c := identityCounts()
		c.Officials--
		c.Participations-- // 王一 at M2, once
		wantCounts(t, s, c)
	}),
	identity("MergeSurvivesReingest", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		ctx := t.Context()
		f := newIdentityFixture()
		f.load(t, s)
		d := decide(t, ids, mergeOf(f.wang, f.wangB))
		merged := dumpGraph(t, s)

		// Writing a report again changes nothing; deleting and writing
		// every report gives the merged graph back.
		write(t, s, kg.WriteUnchanged, f.x)
		for _, r := range f.reports() {
			if err := s.DeleteReport(ctx, r.Report.ID); err != nil {
				t.Fatalf("DeleteReport(%s) error: %v", r.Report.ID, err)
			}
		}
		wantCounts(t, s, kg.Counts{})
		f.load(t, s)
		check(t, "graph after re-ingesting every report", dumpGraph(t, s), merged)
		checkDecisions(t, "Decisions()", decisions(t, ids), []kg.IdentityDecision{untimed(t, d)})

		// A new report that names the merged official writes to the kept one.
		b := Synthetic("identity-later", "2020-05-01")
		m := b.Meeting("乙市后来的会议", "2020-05-01", "部署会议", SynOtherCity())
		wangB := b.OfficialIn(SynOtherCity(), "王一", "wang yi")
		b.Participant(m, wangB, roles(kg.RoleSpoke))
		write(t, s, kg.WriteCreated, b.Facts())
		_, err := s.Official(ctx, f.wangB)
		wantErr(t, "Official(merged) after a new report names it", err, kg.ErrNotFound)
		ps := call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants")
		if len(ps) != 1 || ps[0].Official.ID != f.wang {
			t.Errorf("participants of the new report's meeting = %+v, want the kept 王一 alone", ps)
		}
	}),
	identity("UndoMergeRestoresTheGraph", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		f := newIdentityFixture()
		f.load(t, s)
		before := dumpGraph(t, s)
		d := decide(t, ids, mergeOf(f.wang, f.wangB))
		undo(t, ids, d.ID)
		check(t, "graph after undo", dumpGraph(t, s), before)
		checkDecisions(t, "Decisions() after undo", decisions(t, ids), []kg.IdentityDecision{})
		wantErr(t, "Undo() twice", ids.Undo(t.Context(), d.ID), kg.ErrNotFound)

		// Undone, the decision no longer applies to reports written later.
		for _, r := range f.reports() {
			if err := s.DeleteReport(t.Context(), r.Report.ID); err != nil {
				t.Fatalf("DeleteReport(%s) error: %v", r.Report.ID, err)
			}
		}
		f.load(t, s)
		check(t, "graph after undo and re-ingest", dumpGraph(t, s), before)
	}),
	identity("SplitMovesTheListedReports", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		ctx := t.Context()
		f := newIdentityFixture()
		f.load(t, s)
		before := dumpGraph(t, s)
		r3 := f.world.reports[2].Report.ID // 王一 spoke at M3 and issued 要深入调研

		d := decide(t, ids, kg.IdentityDecision{Kind: kg.DecisionSplit, Official: f.wang, Reports: []string{r3, r3}})
		id := kg.DecisionID(splitOf(f.wang, r3))
		want := kg.IdentityDecision{
			ID: id, Kind: kg.DecisionSplit, Official: f.wang, Reports: []string{r3},
			NewOfficialID: kg.SplitOfficialID(f.wang, id), Seq: d.Seq,
		}
		checkDecisions(t, "Decide()", []kg.IdentityDecision{untimed(t, d)}, []kg.IdentityDecision{want})
		other := d.NewOfficialID

		check(t, "Official(new)", call(s.Official(ctx, other)).must(t, "Official"),
			kg.Official{ID: other, Name: "王一", Aliases: []string{"王壹"}, Pinyin: "wang yi"})
		meetingsOf := func(id string) []string {
			return meetingIDs(walk(t, "OfficialMeetings", func(p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
				return s.OfficialMeetings(ctx, id, kg.MeetingFilter{}, p)
			}))
		}
		check(t, "OfficialMeetings(new)", meetingsOf(other), []string{f.m3})
		check(t, "OfficialMeetings(split)", meetingsOf(f.wang), sortedIDs(f.m1, f.m2, f.m4))
		_, err := s.Directive(ctx, kg.DirectiveID(f.m3, f.wang, 1, "要深入调研"))
		wantErr(t, "Directive(under the split official)", err, kg.ErrNotFound)
		dir := call(s.Directive(ctx, kg.DirectiveID(f.m3, other, 1, "要深入调研"))).must(t, "Directive(under the new official)")
		check(t, "directive issuer", dir.IssuerID, other)
		c := identityCounts()
		c.Officials++
		wantCounts(t, s, c)

		undo(t, ids, d.ID)
		check(t, "graph after undoing the split", dumpGraph(t, s), before)
	}),
	identity("ChainedMergesAndUndoOfAnEarlierOne", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		ctx := t.Context()
		f := newIdentityFixture()
		f.load(t, s)
		before := dumpGraph(t, s)

		// What merging 王一 into 李二 alone gives.
		d := decide(t, ids, mergeOf(f.li, f.wang))
		onlySecond := dumpGraph(t, s)
		undo(t, ids, d.ID)
		check(t, "graph after undo", dumpGraph(t, s), before)

		// 王一 of 乙市 into 王一, then 王一 into 李二: everything of both
		// ends on 李二.
		d1 := decide(t, ids, mergeOf(f.wang, f.wangB))
		d2 := decide(t, ids, mergeOf(f.li, f.wang))
		if d2.Seq <= d1.Seq {
			t.Errorf("Seq of the second decision = %d, want more than the first's %d", d2.Seq, d1.Seq)
		}
		for _, gone := range []string{f.wang, f.wangB} {
			_, err := s.Official(ctx, gone)
			wantErr(t, "Official(merged)", err, kg.ErrNotFound)
		}
		om := walk(t, "OfficialMeetings", func(p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
			return s.OfficialMeetings(ctx, f.li, kg.MeetingFilter{}, p)
		})
		check(t, "OfficialMeetings(李二)", meetingIDs(om), sortedIDs(f.m1, f.m2, f.m3, f.m4, f.mx))
		checkDecisions(t, "Decisions()", decisions(t, ids), []kg.IdentityDecision{untimed(t, d1), untimed(t, d2)})

		// Undoing the first leaves the second: 王一 of 乙市 is back, and
		// the graph is the one the second alone makes.
		undo(t, ids, d1.ID)
		check(t, "graph after undoing the first of two", dumpGraph(t, s), onlySecond)
		checkDecisions(t, "Decisions() after undoing the first", decisions(t, ids), []kg.IdentityDecision{untimed(t, d2)})
		undo(t, ids, d2.ID)
		check(t, "graph after undoing both", dumpGraph(t, s), before)
	}),
	identity("UndoAfterDeletingAReport", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		ctx := t.Context()
		f := newIdentityFixture()
		f.load(t, s)
		d := decide(t, ids, mergeOf(f.wang, f.wangB))
		if err := s.DeleteReport(ctx, f.x.Report.ID); err != nil {
			t.Fatalf("DeleteReport() error: %v", err)
		}
		deleted := dumpGraph(t, s)
		// The deleted report named the merged official alone: undoing the
		// merge brings nothing back.
		undo(t, ids, d.ID)
		check(t, "graph after undoing a merge whose report is gone", dumpGraph(t, s), deleted)
		write(t, s, kg.WriteCreated, f.x)
		if _, err := s.Official(ctx, f.wangB); err != nil {
			t.Errorf("Official(once merged) after writing its report again error: %v", err)
		}
	}),
	identity("DecideTwiceAndList", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		f := newIdentityFixture()
		f.load(t, s)
		checkDecisions(t, "Decisions() of a new store", decisions(t, ids), []kg.IdentityDecision{})
		d1 := decide(t, ids, mergeOf(f.wang, f.wangB))
		after := dumpGraph(t, s)
		again := decide(t, ids, kg.IdentityDecision{Kind: kg.DecisionMerge, Keep: f.wang, Merged: f.wangB, Note: "again"})
		checkDecisions(t, "Decide() of a recorded decision", []kg.IdentityDecision{untimed(t, again)}, []kg.IdentityDecision{untimed(t, d1)})
		check(t, "graph after deciding again", dumpGraph(t, s), after)
		d2 := decide(t, ids, splitOf(f.qian, f.world.reports[4].Report.ID))
		d3 := decide(t, ids, splitOf(f.zhao, f.world.reports[0].Report.ID))
		checkDecisions(t, "Decisions()", decisions(t, ids), []kg.IdentityDecision{untimed(t, d1), untimed(t, d2), untimed(t, d3)})
		last := call(ids.Decisions(t.Context(), kg.Page{Last: 2})).must(t, "Decisions(last: 2)")
		check(t, "Decisions(last: 2)", []string{last.Items[0].ID, last.Items[1].ID}, []string{d2.ID, d3.ID})
		check(t, "Decisions(last: 2).PageInfo", last.PageInfo, kg.PageInfo{HasPreviousPage: true})
		check(t, "Decisions(last: 2).TotalCount", last.TotalCount, 3)
		_, err := ids.Decisions(t.Context(), kg.Page{First: kg.MaxPageSize + 1})
		wantErr(t, "Decisions(first: too many)", err, kg.ErrInvalidInput)
	}),
	identity("InvalidAndUnknown", func(t *testing.T, s kg.Store, ids kg.IdentityStore) {
		ctx := t.Context()
		f := newIdentityFixture()
		f.load(t, s)
		before := dumpGraph(t, s)
		r5 := f.world.reports[4].Report.ID // 赵三 and 钱五 only
		tests := []struct {
			name string
			d    kg.IdentityDecision
			want error
		}{
			{"merge into itself", mergeOf(f.wang, f.wang), kg.ErrInvalidInput},
			{"merge of a meeting", mergeOf(f.wang, f.m1), kg.ErrInvalidInput},
			{"no kind", kg.IdentityDecision{Keep: f.wang, Merged: f.li}, kg.ErrInvalidInput},
			{"unknown kept official", mergeOf(unknownID(kg.KindOfficial), f.wang), kg.ErrNotFound},
			{"unknown merged official", mergeOf(f.wang, unknownID(kg.KindOfficial)), kg.ErrNotFound},
			{"split without reports", splitOf(f.wang), kg.ErrInvalidInput},
			{"split of an unknown official", splitOf(unknownID(kg.KindOfficial), r5), kg.ErrNotFound},
			{"split in an unknown report", splitOf(f.wang, unknownID(kg.KindReport)), kg.ErrNotFound},
			{"split in a report that does not name the official", splitOf(f.wang, r5), kg.ErrInvalidInput},
			{"split in a report that names it and one that does not", splitOf(f.wang, f.world.reports[0].Report.ID, r5), kg.ErrInvalidInput},
		}
		for _, tt := range tests {
			_, err := ids.Decide(ctx, tt.d)
			wantErr(t, "Decide("+tt.name+")", err, tt.want)
		}
		wantErr(t, "Undo(unknown)", ids.Undo(ctx, unknownID(kg.KindDecision)), kg.ErrNotFound)
		check(t, "graph after refused decisions", dumpGraph(t, s), before)
		checkDecisions(t, "Decisions() after refused decisions", decisions(t, ids), []kg.IdentityDecision{})

		// A merged official is gone: it can be neither merged nor kept again.
		decide(t, ids, mergeOf(f.wang, f.wangB))
		_, err := ids.Decide(ctx, mergeOf(f.li, f.wangB))
		wantErr(t, "Decide(merge of a merged official)", err, kg.ErrNotFound)
		_, err = ids.Decide(ctx, mergeOf(f.wangB, f.li))
		wantErr(t, "Decide(merge into a merged official)", err, kg.ErrNotFound)
	}),
}
