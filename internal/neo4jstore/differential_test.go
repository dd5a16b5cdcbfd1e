package neo4jstore_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/neo4jtest"
	"officialgraph/internal/storetest"
)

// bg is the context of the calls below, which the test's own deadline
// bounds through the store's defaults.
var bg = context.Background()

// disagreeing returns reports that say different things about the same
// entities: a meeting's kind, an official's pinyin and aliases, a division's
// name and parent, a directive's evidence. Which report's word a store
// shows is not spelled out by the kg documentation, so the in-memory store
// is the reference here.
func disagreeing() []*kg.ReportFacts {
	// 丁区 under 甲市 in one report and, with the same code, under 乙市 and
	// renamed in the other.
	ding := kg.Division{ID: kg.DivisionID("990199", "", "丁区"), Name: "丁区", Level: kg.LevelCounty,
		ParentID: storetest.SynCity().ID, Code: "990199"}
	var out []*kg.ReportFacts
	for i, v := range []struct {
		kind, pinyin, alias string
		div                 kg.Division
	}{
		{"部署会议", "ding yi", "丁壹", ding},
		{"常委会会议", "ding  yi", "丁一", kg.Division{ID: ding.ID, Name: "丁新区", Level: kg.LevelCity,
			ParentID: storetest.SynOtherCity().ID, Code: ding.Code}},
		{"调研", "dingyi", "", ding},
	} {
		b := storetest.Synthetic(fmt.Sprintf("disagree-%d", i), fmt.Sprintf("2022-03-%02d", 10-i))
		if v.div.ParentID == storetest.SynOtherCity().ID {
			b.Division(storetest.SynOtherCity())
		}
		m := b.Meeting("分歧会议", "2022-03-01", v.kind, storetest.SynCity())
		b.Division(v.div)
		var aliases []string
		if v.alias != "" {
			aliases = []string{v.alias}
		}
		ding := b.Official("丁一", v.pinyin, aliases...)
		b.Participant(m, ding, []kg.Role{kg.RoleAttended}, fmt.Sprintf("职务%d", i))
		b.Participant(m, b.Official(fmt.Sprintf("同事%d", i), "tong shi"), []kg.Role{kg.RoleSpoke})
		b.DivisionRole(m, v.div, kg.RoleReported)
		b.Directive(m, ding, "要统一认识")
		b.Tenure(ding, b.Position("区长", "丁区人民政府", v.div), fmt.Sprintf("2022-03-0%d", i+1))
		out = append(out, b.Facts())
	}
	return out
}

// TestSameAnswersAsMemstore applies one sequence of writes and deletes to
// the in-memory store and to Neo4j and compares every answer after each
// step.
func TestSameAnswersAsMemstore(t *testing.T) {
	neo := neo4jtest.Open(t)
	mem := memstore.New()
	reports := append(disagreeing(), storetest.SeedFacts())
	steps := []struct {
		what  string
		apply func(s kg.Store) error
	}{
		{"write all", func(s kg.Store) error { return writeAll(s, reports...) }},
		{"delete the least report", func(s kg.Store) error { return deleteAll(s, reports[2]) }},
		{"delete another", func(s kg.Store) error { return deleteAll(s, reports[0]) }},
		{"write back in another order", func(s kg.Store) error { return writeAll(s, reports[2], reports[0]) }},
		{"replace one by a revision", func(s kg.Store) error {
			f := storetest.CloneFacts(reports[1])
			f.Report.SHA256 = "revised"
			f.Meetings[0].Kind = "其他"
			return writeAll(s, f)
		}},
		{"delete all but the seed", func(s kg.Store) error { return deleteAll(s, reports[:3]...) }},
	}
	for _, st := range steps {
		if err := st.apply(mem); err != nil {
			t.Fatalf("%s on memstore: %v", st.what, err)
		}
		if err := st.apply(neo); err != nil {
			t.Fatalf("%s on neo4jstore: %v", st.what, err)
		}
		want, got := snapshot(t, mem, reports), snapshot(t, neo, reports)
		for k, w := range want {
			if !reflect.DeepEqual(normalize(got[k]), normalize(w)) {
				t.Errorf("after %q, %s:\nneo4jstore %+v\nmemstore   %+v", st.what, k, got[k], w)
			}
		}
	}
}

func writeAll(s kg.Store, fs ...*kg.ReportFacts) error {
	for _, f := range fs {
		if _, err := s.WriteReport(bg, f); err != nil {
			return err
		}
	}
	return nil
}

func deleteAll(s kg.Store, fs ...*kg.ReportFacts) error {
	for _, f := range fs {
		if err := s.DeleteReport(bg, f.Report.ID); err != nil {
			return err
		}
	}
	return nil
}

// snapshot reads everything a store answers about the entities of
// reports, keyed by the call that answered.
func snapshot(t *testing.T, s kg.Store, reports []*kg.ReportFacts) map[string]any {
	t.Helper()
	out := map[string]any{}
	get := func(key string, v any, err error) {
		if err != nil {
			v = "error: " + errorKind(err)
		}
		out[key] = v
	}
	page := kg.Page{First: kg.MaxPageSize}
	c, err := s.Counts(bg)
	get("Counts", c, err)
	o, err := s.Officials(bg, kg.OfficialFilter{}, page)
	get("Officials", o, err)
	o, err = s.Officials(bg, kg.OfficialFilter{Name: "丁"}, page)
	get("Officials(丁)", o, err)
	m, err := s.Meetings(bg, kg.MeetingFilter{}, page)
	get("Meetings", m, err)
	m, err = s.Meetings(bg, kg.MeetingFilter{Kind: "部署会议"}, page)
	get("Meetings(部署会议)", m, err)
	d, err := s.Divisions(bg, kg.DivisionFilter{}, page)
	get("Divisions", d, err)
	d, err = s.Divisions(bg, kg.DivisionFilter{ParentID: storetest.SynOtherCity().ID}, page)
	get("Divisions(in 乙市)", d, err)
	x, err := s.Directives(bg, kg.DirectiveFilter{}, page)
	get("Directives", x, err)
	r, err := s.Reports(bg, page)
	get("Reports", r, err)
	for _, f := range reports {
		for _, e := range f.Officials {
			v, err := s.Official(bg, e.ID)
			get("Official "+e.ID, v, err)
			om, err := s.OfficialMeetings(bg, e.ID, kg.MeetingFilter{}, page)
			get("OfficialMeetings "+e.ID, om, err)
			op, err := s.OfficialPositions(bg, e.ID)
			get("OfficialPositions "+e.ID, op, err)
			co, err := s.CoAttendees(bg, e.ID, kg.CoAttendeeFilter{First: kg.MaxPageSize})
			get("CoAttendees "+e.ID, co, err)
		}
		for _, e := range f.Meetings {
			v, err := s.Meeting(bg, e.ID)
			get("Meeting "+e.ID, v, err)
			mp, err := s.MeetingParticipants(bg, e.ID, "")
			get("MeetingParticipants "+e.ID, mp, err)
			md, err := s.MeetingDivisions(bg, e.ID, "")
			get("MeetingDivisions "+e.ID, md, err)
			mr, err := s.MeetingReports(bg, e.ID)
			get("MeetingReports "+e.ID, mr, err)
		}
		for _, e := range f.Divisions {
			v, err := s.Division(bg, e.ID)
			get("Division "+e.ID, v, err)
		}
		for _, e := range f.Positions {
			v, err := s.Position(bg, e.ID)
			get("Position "+e.ID, v, err)
		}
		for _, e := range f.Directives {
			v, err := s.Directive(bg, e.ID)
			get("Directive "+e.ID, v, err)
		}
		v, err := s.Report(bg, f.Report.ID)
		get("Report "+f.Report.ID, v, err)
	}
	if x, ok := s.(kg.Explorer); ok {
		exploreSnapshot(x, reports, get)
	}
	return out
}

// exploreSnapshot reads everything the kg.Explorer of a store answers
// about the entities of reports.
func exploreSnapshot(x kg.Explorer, reports []*kg.ReportFacts, get func(key string, v any, err error)) {
	unknown := []string{"", kg.NewID(kg.KindMeeting, "unknown"), kg.NewID(kg.KindOfficial, "unknown")}
	var officials, meetings, divisions, positions, reportIDs []string
	for _, f := range reports {
		reportIDs = append(reportIDs, f.Report.ID)
		for _, e := range f.Officials {
			officials = append(officials, e.ID)
		}
		for _, e := range f.Meetings {
			meetings = append(meetings, e.ID)
		}
		for _, e := range f.Divisions {
			divisions = append(divisions, e.ID)
		}
		for _, e := range f.Positions {
			positions = append(positions, e.ID)
		}
	}
	with := func(ids []string) []string { return append(append([]string{}, ids...), unknown...) }
	o, err := x.OfficialsByID(bg, with(officials))
	get("OfficialsByID", o, err)
	m, err := x.MeetingsByID(bg, with(meetings))
	get("MeetingsByID", m, err)
	d, err := x.DivisionsByID(bg, with(divisions))
	get("DivisionsByID", d, err)
	p, err := x.PositionsByID(bg, with(positions))
	get("PositionsByID", p, err)
	r, err := x.ReportsByID(bg, with(reportIDs))
	get("ReportsByID", r, err)
	for _, role := range []kg.Role{"", kg.RoleAttended, kg.RoleSpoke, kg.RoleReported} {
		ps, err := x.ParticipantsOf(bg, with(meetings), role)
		get("ParticipantsOf "+string(role), ps, err)
		ds, err := x.DivisionRolesOf(bg, with(meetings), role)
		get("DivisionRolesOf "+string(role), ds, err)
	}
	xs, err := x.DirectivesOf(bg, with(meetings))
	get("DirectivesOf", xs, err)
	rs, err := x.ReportsOf(bg, with(meetings))
	get("ReportsOf", rs, err)
	hs, err := x.PositionsHeldBy(bg, with(officials))
	get("PositionsHeldBy", hs, err)
	for _, q := range []string{
		"丁", "丁一", "丁壹", "丁新区", "丁区", "分歧", "要统一", "同事", "刘", "刘非", "娄底", "会议", "要", "?",
		"ding", "dingyi", "dy", "d", "yi", "shi", "tong", "ts", "liu", "lf", "loudi", "x",
	} {
		hits, err := x.Search(bg, kg.SearchQuery{Text: q, First: kg.MaxPageSize})
		get("Search "+q, hits, err)
	}
	for i, from := range officials {
		for _, to := range officials[i:] {
			c, err := x.Connection(bg, from, to, kg.MaxHops)
			get("Connection "+from+" "+to, c, err)
		}
	}
	for _, title := range []string{"区长", "市长", "市委书记"} {
		h, err := x.Holders(bg, kg.HolderQuery{Title: title})
		get("Holders "+title, h, err)
		h, err = x.Holders(bg, kg.HolderQuery{Title: title, At: kg.Date{Year: 2022, Month: 3}})
		get("Holders "+title+" at 2022-03", h, err)
	}
	for _, div := range append([]string{""}, divisions...) {
		st, err := x.Stats(bg, kg.StatsFilter{DivisionID: div})
		get("Stats "+div, st, err)
	}
	st, err := x.Stats(bg, kg.StatsFilter{From: kg.Date{Year: 2022}, Top: 3})
	get("Stats 2022 top 3", st, err)
}

func errorKind(err error) string {
	for _, e := range []error{kg.ErrNotFound, kg.ErrInvalidInput, kg.ErrUnavailable} {
		if errors.Is(err, e) {
			return e.Error()
		}
	}
	return err.Error()
}

// normalize makes nil and empty slices equal, as the kg documentation
// leaves that choice to each store.
func normalize(v any) any {
	return normalizeValue(reflect.ValueOf(v)).Interface()
}

func normalizeValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			return reflect.Zero(v.Type())
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(normalizeValue(v.Index(i)))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(normalizeValue(v.Field(i)))
			}
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(normalizeValue(v.Elem()))
		return out
	}
	return v
}
