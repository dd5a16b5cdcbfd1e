package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"officialgraph/internal/kg"
)

// unicodeOfficials are names a store must keep byte for byte: compound
// surnames with their traditional forms, a garbled name, a name with a
// character outside the Basic Multilingual Plane in its alias, a combining
// accent, and strings that would break a query built by concatenation.
var unicodeOfficials = []struct {
	name, pinyin string
	aliases      []string
}{
	{"欧阳修", "ou yang xiu", []string{"歐陽修"}},
	{"司马光", "si ma guang", []string{"司馬光"}},
	{"上官婉儿", "shang guan wan er", []string{"上官婉兒"}},
	{"黄?明", "huang ? ming", []string{"黃?明"}},
	{"阿依古丽·买买提", "a yi gu li mai mai ti", nil},
	{"吉田", "ji tian", []string{"𠮷田"}},
	{"Jose\u0301", "", nil},
	{`诸葛'亮"`, "zhu ge liang", []string{`諸葛'亮"`}},
	{"慕容`复}", "mu rong fu", nil},
	{"端木//赐", "duan mu ci", []string{"端木//賜"}},
	{`x"}) MATCH (n) DETACH DELETE n //`, "", nil},
	{`'; MATCH (n) DETACH DELETE n; //`, "", []string{`\'; RETURN 1 /*`}},
	{`反斜杠\n与$param{{name}}`, "", nil},
}

const (
	unicodeMeeting   = `会议"}) MATCH (n) DETACH DELETE n //`
	unicodeDirective = "要求\"}) RETURN 1 // 与 ' 和 ` 均原样保存\u0301"
)

var unicodeCases = []testCase{
	{"NamesAndTextsStoredVerbatim", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		b := Synthetic("unicode", "2021-12-01")
		m := b.Meeting(unicodeMeeting, "2021-12-01", "部署会议", SynCity())
		var ids, names []string
		for _, o := range unicodeOfficials {
			id := b.Official(o.name, o.pinyin, o.aliases...)
			b.Participant(m, id, roles(kg.RoleAttended))
			ids = append(ids, id)
			names = append(names, o.name)
		}
		dir := b.Directive(m, ids[10], unicodeDirective)
		f := b.Facts()
		write(t, s, kg.WriteCreated, f)

		if !f.Officials[3].Garbled {
			t.Fatal("fixture: 黄?明 must be garbled")
		}
		for _, o := range f.Officials {
			check(t, "Official("+o.Name+")", call(s.Official(ctx, o.ID)).must(t, "Official"), o)
		}
		check(t, "Meeting name", call(s.Meeting(ctx, m)).must(t, "Meeting").Name, unicodeMeeting)
		check(t, "Directive text", call(s.Directive(ctx, dir)).must(t, "Directive").Text, unicodeDirective)
		check(t, "MeetingParticipants", participantNames(call(s.MeetingParticipants(ctx, m, "")).must(t, "MeetingParticipants")), names)

		tests := []struct{ name, query string }{
			{"quote and brace", `"})`},
			{"apostrophe", "'"},
			{"comment", "//"},
			{"backtick", "`"},
			{"backslash", `\`},
			{"question mark", "?"},
			{"traditional compound surname", "歐陽"},
			{"outside the BMP", "𠮷"},
			{"combining accent", "\u0301"},
			{"precomposed accent is another string", "é"},
			{"middle dot", "·"},
		}
		all := listAll(t, s).Officials
		// Lists order names byte-wise, which for UTF-8 is code point order:
		// the ASCII names first, the combining accent after its letter.
		wantOrder := slices.Sorted(slices.Values(append(names, seedOfficialOrder...)))
		check(t, "Officials order", officialNames(all), wantOrder)
		for _, tt := range tests {
			// What every store must find: names or aliases containing the
			// query, in byte order of the name.
			want := []string{}
			for _, o := range all {
				if containsAny(tt.query, append([]string{o.Name}, o.Aliases...)) {
					want = append(want, o.Name)
				}
			}
			got := call(s.Officials(ctx, kg.OfficialFilter{Name: tt.query}, kg.Page{First: kg.MaxPageSize})).must(t, tt.name)
			check(t, tt.name, officialNames(got.Items), want)
		}
		// Spelled out for the strings that matter most.
		got := call(s.Officials(ctx, kg.OfficialFilter{Name: `"})`}, kg.Page{})).must(t, "Officials")
		check(t, `Officials(name contains "}))`, officialNames(got.Items), []string{`x"}) MATCH (n) DETACH DELETE n //`})
		got = call(s.Officials(ctx, kg.OfficialFilter{Name: "?"}, kg.Page{})).must(t, "Officials")
		check(t, "Officials(name contains ?)", officialNames(got.Items), []string{"张?", "黄?明"})
		got = call(s.Officials(ctx, kg.OfficialFilter{Name: "é"}, kg.Page{})).must(t, "Officials")
		check(t, "Officials(name contains precomposed é)", officialNames(got.Items), []string{})

		// Nothing the strings look like was run.
		c := SeedCounts()
		c.Reports++
		c.Officials += len(unicodeOfficials)
		c.Meetings++
		c.Divisions += 2
		c.Directives++
		c.Participations += len(unicodeOfficials)
		wantCounts(t, s, c)
	}},
}

func containsAny(query string, ss []string) bool {
	return slices.ContainsFunc(ss, func(s string) bool { return contains(s, query) })
}

// contains is strings.Contains, spelled out so the expectation does not
// lean on the library a store might also use.
func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

var contextCases = []testCase{
	{"CancelledContextReturnsAnError", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		checkAllFail(t, s, ctx)
		// Nothing changed.
		wantCounts(t, s, SeedCounts())
	}},
	{"ExpiredDeadlineReturnsAnError", func(t *testing.T, s kg.Store) {
		write(t, s, kg.WriteCreated, SeedFacts())
		ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
		defer cancel()
		checkAllFail(t, s, ctx)
		wantCounts(t, s, SeedCounts())
	}},
}

// checkAllFail calls every method of s with a context that is done and
// fails for each that returns no error.
func checkAllFail(t *testing.T, s kg.Store, ctx context.Context) {
	t.Helper()
	w := newWorld()
	liu := SeedOfficialID("刘非")
	for what, err := range map[string]error{
		"WriteReport":         second(s.WriteReport(ctx, w.reports[0])),
		"DeleteReport":        s.DeleteReport(ctx, SeedReportID),
		"Official":            second(s.Official(ctx, liu)),
		"Meeting":             second(s.Meeting(ctx, SeedMeetingID)),
		"Division":            second(s.Division(ctx, SeedDivisionID("娄底市"))),
		"Position":            second(s.Position(ctx, SeedPositionID("市长"))),
		"Directive":           second(s.Directive(ctx, SeedFacts().Directives[0].ID)),
		"Report":              second(s.Report(ctx, SeedReportID)),
		"Officials":           second(s.Officials(ctx, kg.OfficialFilter{}, kg.Page{})),
		"Meetings":            second(s.Meetings(ctx, kg.MeetingFilter{}, kg.Page{})),
		"Divisions":           second(s.Divisions(ctx, kg.DivisionFilter{}, kg.Page{})),
		"Directives":          second(s.Directives(ctx, kg.DirectiveFilter{}, kg.Page{})),
		"Reports":             second(s.Reports(ctx, kg.Page{})),
		"OfficialMeetings":    second(s.OfficialMeetings(ctx, liu, kg.MeetingFilter{}, kg.Page{})),
		"MeetingParticipants": second(s.MeetingParticipants(ctx, SeedMeetingID, "")),
		"MeetingDivisions":    second(s.MeetingDivisions(ctx, SeedMeetingID, "")),
		"MeetingReports":      second(s.MeetingReports(ctx, SeedMeetingID)),
		"OfficialPositions":   second(s.OfficialPositions(ctx, liu)),
		"CoAttendees":         second(s.CoAttendees(ctx, liu, kg.CoAttendeeFilter{})),
		"Counts":              second(s.Counts(ctx)),
		"Ping":                s.Ping(ctx),
	} {
		if err == nil {
			t.Errorf("%s with a done context returned no error", what)
		}
	}
}

// concurrentReport is the i-th of a family of synthetic reports that share
// a meeting, two officials, a position and a division role, and each add a
// meeting, an official and a directive of their own.
func concurrentReport(i int) *kg.ReportFacts {
	day := fmt.Sprintf("2022-01-%02d", i+1)
	b := Synthetic(fmt.Sprintf("concurrent-%02d", i), day)
	shared := b.Meeting("并发共享会议", "2022-01-01", "部署会议", SynCity())
	own := b.Meeting(fmt.Sprintf("并发会议%02d", i), day, "调研", SynCity())
	first := b.Official("共享甲", "gong xiang jia")
	second := b.Official("共享乙", "gong xiang yi")
	alone := b.Official(fmt.Sprintf("独立%02d", i), "du li")
	b.Participant(shared, first, roles(kg.RolePresided))
	b.Participant(shared, second, roles(kg.RoleAttended))
	b.Participant(own, alone, roles(kg.RoleSpoke))
	b.Participant(own, first, roles(kg.RoleAttended))
	b.Tenure(first, b.Position("市长", "甲市人民政府", SynCity()), day)
	b.Directive(own, alone, fmt.Sprintf("第%d号指示", i))
	b.DivisionRole(shared, SynOtherCity(), kg.RoleReported)
	return b.Facts()
}

// concurrentCounts is what n reports of concurrentReport, however written,
// leave in a store.
func concurrentCounts(n int) kg.Counts {
	return kg.Counts{
		Reports:                n,
		Officials:              2 + n,
		Positions:              1,
		Meetings:               1 + n,
		Divisions:              3, // 测试省, 甲市, 乙市
		Directives:             n,
		Participations:         2 + 2*n,
		Tenures:                1,
		DivisionParticipations: 1,
	}
}

// parallel runs fn(i) for i in [0, n) on n goroutines at once and returns
// their errors.
func parallel(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = fn(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

var concurrencyCases = []testCase{
	{"WritesOfDifferentReports", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		const n = 16
		reports := make([]*kg.ReportFacts, n)
		for i := range n {
			reports[i] = concurrentReport(i)
		}
		results := make([]kg.WriteResult, n)
		for i, err := range parallel(n, func(i int) error {
			var err error
			results[i], err = s.WriteReport(ctx, reports[i])
			return err
		}) {
			if err != nil {
				t.Fatalf("WriteReport(%d) error: %v", i, err)
			}
			if results[i] != kg.WriteCreated {
				t.Errorf("WriteReport(%d) = %q, want %q", i, results[i], kg.WriteCreated)
			}
		}
		wantCounts(t, s, concurrentCounts(n))

		first := kg.OfficialID(SynCity().ID, "共享甲")
		shared := kg.MeetingID(SynCity().ID, date(t, "2022-01-01"), "并发共享会议")
		var evs []kg.Evidence
		for _, f := range reports {
			evs = append(evs, f.Tenures[0].Evidence)
		}
		held := call(s.OfficialPositions(ctx, first)).must(t, "OfficialPositions")
		if len(held) != 1 {
			t.Fatalf("OfficialPositions(共享甲) = %d positions, want 1", len(held))
		}
		check(t, "OfficialPositions(共享甲)", held[0], kg.PositionHeld{
			Position:  reports[0].Positions[0],
			FirstSeen: date(t, "2022-01-01"),
			LastSeen:  date(t, "2022-01-16"),
			Evidence:  byReport(evs...),
		})
		parts := call(s.MeetingParticipants(ctx, shared, "")).must(t, "MeetingParticipants")
		check(t, "MeetingParticipants(shared)", participantNames(parts), []string{"共享甲", "共享乙"})
		for _, p := range parts {
			if len(p.Evidence) != n {
				t.Errorf("participant %s has %d evidence entries, want %d", p.Official.Name, len(p.Evidence), n)
			}
		}

		// Now delete every other report, all at once.
		for i, err := range parallel(n/2, func(i int) error {
			return s.DeleteReport(ctx, reports[2*i].Report.ID)
		}) {
			if err != nil {
				t.Errorf("DeleteReport(%d) error: %v", 2*i, err)
			}
		}
		wantCounts(t, s, concurrentCounts(n/2))
		co := call(s.CoAttendees(ctx, first, kg.CoAttendeeFilter{First: kg.MaxPageSize})).must(t, "CoAttendees")
		check(t, "CoAttendees(共享甲)", len(co), 1+n/2)
	}},
	{"WritesOfTheSameReport", func(t *testing.T, s kg.Store) {
		const n = 16
		results := make([]kg.WriteResult, n)
		for i, err := range parallel(n, func(i int) error {
			var err error
			results[i], err = s.WriteReport(t.Context(), SeedFacts())
			return err
		}) {
			if err != nil {
				t.Fatalf("WriteReport(%d) error: %v", i, err)
			}
		}
		created, unchanged := 0, 0
		for _, r := range results {
			switch r {
			case kg.WriteCreated:
				created++
			case kg.WriteUnchanged:
				unchanged++
			}
		}
		if created != 1 || unchanged != n-1 {
			t.Errorf("results = %v, want one %q and %d %q", results, kg.WriteCreated, n-1, kg.WriteUnchanged)
		}
		wantCounts(t, s, SeedCounts())
	}},
	{"ConcurrentVersionsLeaveOneWholeVersion", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		// Two versions of one report with disjoint participants: after a
		// race of replacements the store holds exactly one of them.
		version := func(v int) *kg.ReportFacts {
			b := Synthetic("versions", "2022-02-01").Revision(fmt.Sprint(v))
			m := b.Meeting("版本会议", "2022-02-01", "部署会议", SynCity())
			for j := range 5 {
				b.Participant(m, b.Official(fmt.Sprintf("版本%d成员%d", v, j), "ban ben"), roles(kg.RoleAttended))
			}
			return b.Facts()
		}
		versions := []*kg.ReportFacts{version(1), version(2)}
		for i, err := range parallel(16, func(i int) error {
			_, err := s.WriteReport(ctx, versions[i%2])
			return err
		}) {
			if err != nil {
				t.Fatalf("WriteReport(%d) error: %v", i, err)
			}
		}
		r := call(s.Report(ctx, versions[0].Report.ID)).must(t, "Report")
		v := slices.IndexFunc(versions, func(f *kg.ReportFacts) bool { return f.Report.SHA256 == r.SHA256 })
		if v < 0 {
			t.Fatalf("stored SHA-256 %s is neither version's", r.SHA256)
		}
		var want []string
		for _, o := range versions[v].Officials {
			want = append(want, o.Name)
		}
		check(t, "officials of the stored version", officialNames(listAll(t, s).Officials), want)
		wantCounts(t, s, kg.Counts{Reports: 1, Officials: 5, Meetings: 1, Divisions: 2, Participations: 5})
	}},
	{"ReadsDuringWrites", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		reports := append(newWorld().reports, SeedFacts())
		for i := range 8 {
			reports = append(reports, concurrentReport(i))
		}
		from := date(t, "2020")
		done := make(chan struct{})
		var readErr error
		var mu sync.Mutex
		var readers sync.WaitGroup
		for range 4 {
			readers.Go(func() {
				for {
					select {
					case <-done:
						return
					default:
					}
					_, err1 := s.Officials(ctx, kg.OfficialFilter{Name: "共享"}, kg.Page{})
					_, err2 := s.Meetings(ctx, kg.MeetingFilter{From: from}, kg.Page{Last: 3})
					_, err3 := s.Counts(ctx)
					_, err4 := s.Directives(ctx, kg.DirectiveFilter{Text: "要"}, kg.Page{})
					for _, err := range []error{err1, err2, err3, err4} {
						if err != nil {
							mu.Lock()
							readErr = err
							mu.Unlock()
						}
					}
				}
			})
		}
		errs := parallel(len(reports), func(i int) error {
			_, err := s.WriteReport(ctx, reports[i])
			return err
		})
		close(done)
		readers.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("WriteReport(%d) error: %v", i, err)
			}
		}
		if readErr != nil {
			t.Errorf("a read during the writes failed: %v", readErr)
		}
		want := concurrentCounts(8)
		seed := SeedCounts()
		want.Reports += worldCounts.Reports + seed.Reports
		want.Officials += worldCounts.Officials + seed.Officials
		want.Positions += worldCounts.Positions + seed.Positions
		want.Meetings += worldCounts.Meetings + seed.Meetings
		want.Divisions += 1 + seed.Divisions // the world adds only 丙区
		want.Directives += worldCounts.Directives + seed.Directives
		want.Participations += worldCounts.Participations + seed.Participations
		want.Tenures += worldCounts.Tenures + seed.Tenures
		want.DivisionParticipations += worldCounts.DivisionParticipations + seed.DivisionParticipations
		wantCounts(t, s, want)
	}},
	{"PingAnswers", func(t *testing.T, s kg.Store) {
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping() = %v, want nil", err)
		}
	}},
}
