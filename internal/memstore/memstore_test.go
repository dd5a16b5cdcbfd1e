package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store {
		s := memstore.New()
		t.Cleanup(func() {
			if err := s.Close(context.Background()); err != nil {
				t.Errorf("Close() error: %v", err)
			}
		})
		return s
	})
}

func TestClosedStoreIsUnavailable(t *testing.T) {
	ctx := t.Context()
	s := memstore.New()
	if _, err := s.WriteReport(ctx, storetest.SeedFacts()); err != nil {
		t.Fatalf("WriteReport() error: %v", err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatalf("Close() error: %v", err)
	}
	if err := s.Close(ctx); err != nil {
		t.Errorf("second Close() error: %v", err)
	}
	for what, err := range map[string]error{
		"Ping":        s.Ping(ctx),
		"Official":    second(s.Official(ctx, storetest.SeedOfficialID("刘非"))),
		"Officials":   second(s.Officials(ctx, kg.OfficialFilter{}, kg.Page{})),
		"WriteReport": second(s.WriteReport(ctx, storetest.SeedFacts())),
		"Counts":      second(s.Counts(ctx)),
	} {
		if !errors.Is(err, kg.ErrUnavailable) {
			t.Errorf("%s after Close error = %v, want one wrapping %v", what, err, kg.ErrUnavailable)
		}
	}
}

// TestAttributesFollowTheLeastReportID pins down what the kg documentation
// leaves open: when reports disagree on an attribute that is not part of an
// entity's ID (a meeting's kind, here), this store takes the supporting
// report with the least ID, so the answer does not depend on the order the
// reports were written in, and deleting that report hands over to the next.
func TestAttributesFollowTheLeastReportID(t *testing.T) {
	ctx := t.Context()
	var official string
	report := func(key, kind string) *kg.ReportFacts {
		b := storetest.Synthetic(key, "2021-01-01")
		m := b.Meeting("分歧会议", "2021-01-01", kind, storetest.SynCity())
		official = b.Official("钟甲", "zhong jia")
		b.Participant(m, official, []kg.Role{kg.RoleAttended})
		return b.Facts()
	}
	a, b := report("attr-a", "座谈会"), report("attr-b", "调研")
	least, other := a, b
	if b.Report.ID < a.Report.ID {
		least, other = b, a
	}
	id := a.Meetings[0].ID
	for _, order := range [][]*kg.ReportFacts{{a, b}, {b, a}} {
		s := memstore.New()
		for _, f := range order {
			if _, err := s.WriteReport(ctx, f); err != nil {
				t.Fatalf("WriteReport() error: %v", err)
			}
		}
		m, err := s.Meeting(ctx, id)
		if err != nil {
			t.Fatalf("Meeting() error: %v", err)
		}
		if m.Kind != least.Meetings[0].Kind {
			t.Errorf("written %s first: Kind = %q, want %q (the least report's)", order[0].Report.ID, m.Kind, least.Meetings[0].Kind)
		}
		if err := s.DeleteReport(ctx, least.Report.ID); err != nil {
			t.Fatalf("DeleteReport() error: %v", err)
		}
		if m, _ := s.Meeting(ctx, id); m.Kind != other.Meetings[0].Kind {
			t.Errorf("after deleting the least report: Kind = %q, want %q", m.Kind, other.Meetings[0].Kind)
		}
		// The meeting changed under its participants: they still took part
		// in it once, in the division it is held in.
		om, err := s.OfficialMeetings(ctx, official, kg.MeetingFilter{}, kg.Page{})
		if err != nil || om.TotalCount != 1 {
			t.Errorf("OfficialMeetings() = %d meetings, %v; want 1", om.TotalCount, err)
		}
		in, err := s.Officials(ctx, kg.OfficialFilter{DivisionID: storetest.SynCity().ID}, kg.Page{})
		if err != nil || in.TotalCount != 1 {
			t.Errorf("Officials(in 甲市) = %d officials, %v; want 1", in.TotalCount, err)
		}
		if err := s.DeleteReport(ctx, other.Report.ID); err != nil {
			t.Fatalf("DeleteReport() error: %v", err)
		}
		if c, _ := s.Counts(ctx); c != (kg.Counts{}) {
			t.Errorf("Counts() after deleting both = %+v, want zero", c)
		}
	}
}

// TestReturnedValuesAreCopies checks that changing what a read returns, or
// the facts after writing them, does not change the store.
func TestReturnedValuesAreCopies(t *testing.T) {
	ctx := t.Context()
	s := memstore.New()
	f := storetest.SeedFacts()
	if _, err := s.WriteReport(ctx, f); err != nil {
		t.Fatalf("WriteReport() error: %v", err)
	}
	liu := storetest.SeedOfficialID("刘非")
	f.Officials[0].Aliases[0] = "改"
	f.Participations[0].Titles[0] = "改"
	o, _ := s.Official(ctx, liu)
	o.Aliases[0] = "改"
	parts, _ := s.MeetingParticipants(ctx, storetest.SeedMeetingID, kg.RoleSpoke)
	parts[0].Titles[0] = "改"
	parts[0].Roles[0] = "改"
	r, _ := s.Report(ctx, storetest.SeedReportID)
	r.Journalists[0] = "改"

	if o, _ := s.Official(ctx, liu); !slices.Equal(o.Aliases, []string{"劉非"}) {
		t.Errorf("Official(刘非).Aliases = %q, want [劉非]", o.Aliases)
	}
	parts, _ = s.MeetingParticipants(ctx, storetest.SeedMeetingID, kg.RoleSpoke)
	if got := parts[0].Titles[0] + string(parts[0].Roles[0]); got != "娄底市委书记spoke" {
		t.Errorf("刘非's first title and role = %q, want 娄底市委书记spoke", got)
	}
	if r, _ := s.Report(ctx, storetest.SeedReportID); r.Journalists[0] != "刘婷" {
		t.Errorf("Report().Journalists[0] = %q, want 刘婷", r.Journalists[0])
	}
}

// TestIndexedQueriesAgreeWithScans runs filters over a generated corpus
// large enough that the store answers from its indexes, and checks every
// answer against a scan of the whole graph read through the API. The
// conformance suite fixes what the answers mean; this checks that the
// shortcuts keep to it.
func TestIndexedQueriesAgreeWithScans(t *testing.T) {
	ctx := t.Context()
	s := memstore.New()
	reports := genCorpus(1200, 1)
	for _, f := range reports {
		if _, err := s.WriteReport(ctx, f); err != nil {
			t.Fatalf("WriteReport() error: %v", err)
		}
	}
	// Deleting some reports exercises the indexes' removals too.
	for i := 0; i < len(reports); i += 7 {
		if err := s.DeleteReport(ctx, reports[i].Report.ID); err != nil {
			t.Fatalf("DeleteReport() error: %v", err)
		}
	}
	g := readGraph(t, s)
	if len(g.meetings) < 500 || len(g.officials) < 100 {
		t.Fatalf("corpus too small: %d meetings, %d officials", len(g.meetings), len(g.officials))
	}

	var ranges [][2]kg.Date
	for _, r := range [][2]string{{"", ""}, {"2019", ""}, {"", "2017-06"}, {"2018-03", "2018-03"}, {"2016-02-10", "2021-11-30"}, {"2024-12-31", ""}} {
		ranges = append(ranges, [2]kg.Date{mustDate(t, r[0]), mustDate(t, r[1])})
	}
	roles := []kg.Role{"", kg.RolePresided, kg.RoleSpoke, kg.RoleReported, kg.RoleAttended}

	var offFilters []kg.OfficialFilter
	for _, q := range []string{"王", "欧阳", "劉", "建国", "華", "?", "不"} {
		offFilters = append(offFilters, kg.OfficialFilter{Name: q})
	}
	for _, d := range g.divisions {
		offFilters = append(offFilters, kg.OfficialFilter{DivisionID: d.ID}, kg.OfficialFilter{DivisionID: d.ID, Name: "李"})
	}
	for _, q := range []string{"书记", "市长", "县长", "常委", "主任"} {
		offFilters = append(offFilters, kg.OfficialFilter{PositionTitle: q}, kg.OfficialFilter{PositionTitle: q, DivisionID: g.divisions[5].ID})
	}
	for _, role := range roles {
		for _, r := range ranges {
			offFilters = append(offFilters, kg.OfficialFilter{Role: role, From: r[0], To: r[1]})
		}
	}
	for _, f := range offFilters {
		got := ids(walk(t, func(p kg.Page) (kg.Conn[kg.Official], error) { return s.Officials(ctx, f, p) }), officialID)
		if want := g.officialsMatching(f); !slices.Equal(got, want) {
			t.Errorf("Officials(%+v) = %d officials, want %d\ngot  %v\nwant %v", f, len(got), len(want), got, want)
		}
	}

	var mtgFilters []kg.MeetingFilter
	for _, r := range ranges {
		for _, order := range []kg.Order{kg.Ascending, kg.Descending} {
			mtgFilters = append(mtgFilters, kg.MeetingFilter{From: r[0], To: r[1], Order: order})
		}
		for _, d := range g.divisions[:8] {
			mtgFilters = append(mtgFilters, kg.MeetingFilter{From: r[0], To: r[1], DivisionID: d.ID})
		}
		for _, o := range g.officials[:10] {
			for _, role := range roles {
				mtgFilters = append(mtgFilters, kg.MeetingFilter{From: r[0], To: r[1], AttendeeID: o.ID, Role: role})
			}
		}
		for _, role := range roles {
			mtgFilters = append(mtgFilters, kg.MeetingFilter{From: r[0], To: r[1], Role: role, Order: kg.Descending})
		}
	}
	for _, k := range kinds {
		mtgFilters = append(mtgFilters, kg.MeetingFilter{Kind: k}, kg.MeetingFilter{Text: k, DivisionID: g.divisions[3].ID})
	}
	mtgFilters = append(mtgFilters, kg.MeetingFilter{Text: "第1县"}, kg.MeetingFilter{AttendeeID: g.officials[0].ID, DivisionID: g.divisions[1].ID})
	for _, f := range mtgFilters {
		got := ids(walk(t, func(p kg.Page) (kg.Conn[kg.Meeting], error) { return s.Meetings(ctx, f, p) }), meetingID)
		if want := g.meetingsMatching(f); !slices.Equal(got, want) {
			t.Errorf("Meetings(%+v) = %d meetings, want %d", f, len(got), len(want))
		}
	}

	var dirFilters []kg.DirectiveFilter
	for _, r := range ranges {
		dirFilters = append(dirFilters, kg.DirectiveFilter{From: r[0], To: r[1]}, kg.DirectiveFilter{From: r[0], To: r[1], IssuerID: kg.IssuerMeeting})
		for _, d := range g.divisions[:6] {
			dirFilters = append(dirFilters, kg.DirectiveFilter{From: r[0], To: r[1], DivisionID: d.ID})
		}
		for _, o := range g.officials[:6] {
			dirFilters = append(dirFilters, kg.DirectiveFilter{From: r[0], To: r[1], IssuerID: o.ID})
		}
	}
	for _, m := range g.meetings[:20] {
		dirFilters = append(dirFilters, kg.DirectiveFilter{MeetingID: m.ID}, kg.DirectiveFilter{MeetingID: m.ID, Text: "第1"})
	}
	dirFilters = append(dirFilters, kg.DirectiveFilter{Text: "第4"}, kg.DirectiveFilter{Text: "落实", DivisionID: g.divisions[2].ID})
	for _, f := range dirFilters {
		got := ids(walk(t, func(p kg.Page) (kg.Conn[kg.Directive], error) { return s.Directives(ctx, f, p) }), directiveID)
		if want := g.directivesMatching(f); !slices.Equal(got, want) {
			t.Errorf("Directives(%+v) = %d directives, want %d", f, len(got), len(want))
		}
	}

	for _, o := range g.officials[:30] {
		for _, r := range ranges {
			for _, least := range []int{0, 2} {
				f := kg.CoAttendeeFilter{From: r[0], To: r[1], MinShared: least, First: kg.MaxPageSize}
				got, err := s.CoAttendees(ctx, o.ID, f)
				if err != nil {
					t.Fatalf("CoAttendees() error: %v", err)
				}
				if want := g.coAttendees(o.ID, f); !slices.EqualFunc(got, want, sameCoAttendee) {
					t.Errorf("CoAttendees(%s, %+v) = %d, want %d", o.Name, f, len(got), len(want))
				}
			}
		}
	}
}

// graph is the whole store, read through the API, for reference answers.
type graph struct {
	officials  []kg.Official
	meetings   []kg.Meeting
	divisions  []kg.Division
	directives []kg.Directive
	taken      map[string][]kg.OfficialMeeting // official ID → its meetings
	held       map[string][]kg.PositionHeld    // official ID → its positions
	parts      map[string][]kg.Participant     // meeting ID → participants
	meeting    map[string]kg.Meeting
}

func readGraph(t *testing.T, s kg.Store) *graph {
	t.Helper()
	ctx := t.Context()
	g := &graph{
		officials:  walk(t, func(p kg.Page) (kg.Conn[kg.Official], error) { return s.Officials(ctx, kg.OfficialFilter{}, p) }),
		meetings:   walk(t, func(p kg.Page) (kg.Conn[kg.Meeting], error) { return s.Meetings(ctx, kg.MeetingFilter{}, p) }),
		divisions:  walk(t, func(p kg.Page) (kg.Conn[kg.Division], error) { return s.Divisions(ctx, kg.DivisionFilter{}, p) }),
		directives: walk(t, func(p kg.Page) (kg.Conn[kg.Directive], error) { return s.Directives(ctx, kg.DirectiveFilter{}, p) }),
		taken:      map[string][]kg.OfficialMeeting{},
		held:       map[string][]kg.PositionHeld{},
		parts:      map[string][]kg.Participant{},
		meeting:    map[string]kg.Meeting{},
	}
	for _, o := range g.officials {
		g.taken[o.ID] = walk(t, func(p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
			return s.OfficialMeetings(ctx, o.ID, kg.MeetingFilter{}, p)
		})
		held, err := s.OfficialPositions(ctx, o.ID)
		if err != nil {
			t.Fatalf("OfficialPositions() error: %v", err)
		}
		g.held[o.ID] = held
	}
	for _, m := range g.meetings {
		parts, err := s.MeetingParticipants(ctx, m.ID, "")
		if err != nil {
			t.Fatalf("MeetingParticipants() error: %v", err)
		}
		g.parts[m.ID] = parts
		g.meeting[m.ID] = m
	}
	return g
}

func (g *graph) officialsMatching(f kg.OfficialFilter) []string {
	out := []string{}
	for _, o := range g.officials {
		if f.Name != "" && !strings.Contains(o.Name, f.Name) &&
			!slices.ContainsFunc(o.Aliases, func(a string) bool { return strings.Contains(a, f.Name) }) {
			continue
		}
		if f.DivisionID != "" &&
			!slices.ContainsFunc(g.held[o.ID], func(h kg.PositionHeld) bool { return h.Position.DivisionID == f.DivisionID }) &&
			!slices.ContainsFunc(g.taken[o.ID], func(m kg.OfficialMeeting) bool { return m.Meeting.DivisionID == f.DivisionID }) {
			continue
		}
		if f.PositionTitle != "" &&
			!slices.ContainsFunc(g.held[o.ID], func(h kg.PositionHeld) bool { return strings.Contains(h.Position.Title, f.PositionTitle) }) {
			continue
		}
		if (f.Role != "" || f.From.Known() || f.To.Known()) &&
			!slices.ContainsFunc(g.taken[o.ID], func(m kg.OfficialMeeting) bool {
				return (f.Role == "" || kg.HasRole(m.Roles, f.Role)) && m.Meeting.Date.InRange(f.From, f.To)
			}) {
			continue
		}
		out = append(out, o.ID)
	}
	return out
}

func (g *graph) meetingsMatching(f kg.MeetingFilter) []string {
	out := []string{}
	for _, m := range g.meetings {
		role := func(p kg.Participant) bool { return f.Role == "" || kg.HasRole(p.Roles, f.Role) }
		switch {
		case !m.Date.InRange(f.From, f.To),
			f.DivisionID != "" && m.DivisionID != f.DivisionID,
			f.Kind != "" && m.Kind != f.Kind,
			f.Text != "" && !strings.Contains(m.Name, f.Text),
			f.AttendeeID != "" && !slices.ContainsFunc(g.parts[m.ID], func(p kg.Participant) bool { return p.Official.ID == f.AttendeeID && role(p) }),
			f.AttendeeID == "" && f.Role != "" && !slices.ContainsFunc(g.parts[m.ID], role):
			continue
		}
		out = append(out, m.ID)
	}
	if f.Order == kg.Descending {
		slices.Reverse(out)
	}
	return out
}

func (g *graph) directivesMatching(f kg.DirectiveFilter) []string {
	out := []string{}
	for _, d := range g.directives {
		m := g.meeting[d.MeetingID]
		switch {
		case f.IssuerID != "" && d.IssuerID != f.IssuerID,
			f.MeetingID != "" && d.MeetingID != f.MeetingID,
			f.DivisionID != "" && m.DivisionID != f.DivisionID,
			!m.Date.InRange(f.From, f.To),
			f.Text != "" && !strings.Contains(d.Text, f.Text):
			continue
		}
		out = append(out, d.ID)
	}
	return out
}

func (g *graph) coAttendees(officialID string, f kg.CoAttendeeFilter) []kg.CoAttendee {
	shared := map[string][]string{}
	for _, om := range g.taken[officialID] {
		if !om.Meeting.Date.InRange(f.From, f.To) {
			continue
		}
		for _, p := range g.parts[om.Meeting.ID] {
			if p.Official.ID != officialID {
				shared[p.Official.ID] = append(shared[p.Official.ID], om.Meeting.ID)
			}
		}
	}
	var out []kg.CoAttendee
	for _, o := range g.officials {
		if ms := shared[o.ID]; len(ms) >= max(f.MinShared, 1) {
			out = append(out, kg.CoAttendee{Official: o, Shared: len(ms), MeetingIDs: ms})
		}
	}
	// Officials come in list order (name, then ID); a stable sort by count
	// keeps that order among equals.
	slices.SortStableFunc(out, func(a, b kg.CoAttendee) int { return b.Shared - a.Shared })
	return out[:min(len(out), f.First)]
}

func sameCoAttendee(a, b kg.CoAttendee) bool {
	return a.Official.ID == b.Official.ID && a.Shared == b.Shared && slices.Equal(a.MeetingIDs, b.MeetingIDs)
}

func walk[T any](t *testing.T, list func(kg.Page) (kg.Conn[T], error)) []T {
	t.Helper()
	var all []T
	p := kg.Page{First: kg.MaxPageSize}
	for {
		c, err := list(p)
		if err != nil {
			t.Fatalf("list(%+v) error: %v", p, err)
		}
		all = append(all, c.Items...)
		if !c.PageInfo.HasNextPage {
			if c.TotalCount != len(all) {
				t.Errorf("TotalCount = %d, walked %d", c.TotalCount, len(all))
			}
			return all
		}
		p.After = c.Cursors[len(c.Cursors)-1]
	}
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

func officialID(o kg.Official) string   { return o.ID }
func meetingID(m kg.Meeting) string     { return m.ID }
func directiveID(d kg.Directive) string { return d.ID }

func mustDate(t *testing.T, s string) kg.Date {
	t.Helper()
	d, err := kg.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func second[T any](_ T, err error) error { return err }

func Example() {
	ctx := context.Background()
	s := memstore.New()
	defer s.Close(ctx)
	if _, err := s.WriteReport(ctx, storetest.SeedFacts()); err != nil {
		fmt.Println(err)
		return
	}
	parts, _ := s.MeetingParticipants(ctx, storetest.SeedMeetingID, kg.RoleSpoke)
	for _, p := range parts {
		fmt.Println(p.Official.Name, p.Titles)
	}
	// Output:
	// 刘非 [娄底市委书记 市人大常委会主任]
	// 杨懿文 [市委副书记 市长]
}
