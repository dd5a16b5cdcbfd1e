package neo4jstore_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/neo4jstore"
	"officialgraph/internal/neo4jtest"
	"officialgraph/internal/search"
	"officialgraph/internal/storetest"
)

// chainLinks is how many meetings chainReports joins officials by.
const chainLinks = 12

// chainReports returns the seed report and a chain of officials 链官00 …
// 链官12, each two joined by a meeting, every meeting told by two reports
// so that each participation is two relationships, as the corpus has them.
func chainReports() []*kg.ReportFacts {
	out := []*kg.ReportFacts{storetest.SeedFacts()}
	for _, rep := range []string{"a", "b"} {
		for i := range chainLinks {
			day := fmt.Sprintf("2022-05-%02d", i+1)
			b := storetest.Synthetic(fmt.Sprintf("chain-%s-%02d", rep, i), day)
			m := b.Meeting(fmt.Sprintf("链会议%02d", i), day, "座谈会", storetest.SynCity())
			for _, j := range []int{i, i + 1} {
				b.Participant(m, b.Official(fmt.Sprintf("链官%02d", j), "lian guan"), []kg.Role{kg.RoleAttended})
			}
			b.Directive(m, kg.IssuerMeeting, fmt.Sprintf("要落实第%d条", i))
			out = append(out, b.Facts())
		}
	}
	return out
}

func chainOfficial(i int) string {
	return kg.OfficialID(storetest.SynCity().ID, fmt.Sprintf("链官%02d", i))
}

// mixedIDs returns IDs of every kind the reports hold, unknown IDs and
// strings that are no IDs, with duplicates.
func mixedIDs(fs []*kg.ReportFacts) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Report.ID)
		for _, o := range f.Officials {
			ids = append(ids, o.ID)
		}
		for _, m := range f.Meetings {
			ids = append(ids, m.ID)
		}
		for _, d := range f.Divisions {
			ids = append(ids, d.ID)
		}
		for _, p := range f.Positions {
			ids = append(ids, p.ID)
		}
	}
	return append(ids, "", "nope", kg.NewID(kg.KindOfficial, "unknown"), kg.NewID(kg.KindMeeting, "unknown"))
}

// TestBatchReadsAreOneQuery checks that each batch read costs one query
// whatever the number of IDs, and none for no IDs.
func TestBatchReadsAreOneQuery(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	fs := chainReports()
	if err := writeAll(s, fs...); err != nil {
		t.Fatal(err)
	}
	ids := mixedIDs(fs)
	if len(ids) < 100 {
		t.Fatalf("only %d IDs", len(ids))
	}
	calls := []struct {
		name string
		call func(ids []string) (int, error)
	}{
		{"OfficialsByID", func(ids []string) (int, error) { return lenOf(s.OfficialsByID(ctx, ids)) }},
		{"MeetingsByID", func(ids []string) (int, error) { return lenOf(s.MeetingsByID(ctx, ids)) }},
		{"DivisionsByID", func(ids []string) (int, error) { return lenOf(s.DivisionsByID(ctx, ids)) }},
		{"PositionsByID", func(ids []string) (int, error) { return lenOf(s.PositionsByID(ctx, ids)) }},
		{"ReportsByID", func(ids []string) (int, error) { return lenOf(s.ReportsByID(ctx, ids)) }},
		{"ParticipantsOf", func(ids []string) (int, error) { return lenOf(s.ParticipantsOf(ctx, ids, kg.RoleSpoke)) }},
		{"DivisionRolesOf", func(ids []string) (int, error) { return lenOf(s.DivisionRolesOf(ctx, ids, "")) }},
		{"DirectivesOf", func(ids []string) (int, error) { return lenOf(s.DirectivesOf(ctx, ids)) }},
		{"ReportsOf", func(ids []string) (int, error) { return lenOf(s.ReportsOf(ctx, ids)) }},
		{"PositionsHeldBy", func(ids []string) (int, error) { return lenOf(s.PositionsHeldBy(ctx, ids)) }},
	}
	for _, c := range calls {
		for _, in := range [][]string{ids[:1], ids, nil} {
			before := s.QueryCount()
			n, err := c.call(in)
			if err != nil {
				t.Fatalf("%s(%d IDs): %v", c.name, len(in), err)
			}
			if n != len(in) {
				t.Errorf("%s(%d IDs) returned %d answers", c.name, len(in), n)
			}
			want := int64(1)
			if len(in) == 0 {
				want = 0
			}
			if got := s.QueryCount() - before; got != want {
				t.Errorf("%s(%d IDs) sent %d queries, want %d", c.name, len(in), got, want)
			}
		}
	}
}

func lenOf[T any](r []T, err error) (int, error) { return len(r), err }

// profile runs a query under PROFILE and returns its operators and the
// database hits of the whole plan.
func (r rawDB) profile(q neo4jstore.HotQuery) (ops []string, dbHits int64, notes []string) {
	r.t.Helper()
	res, err := neo4j.ExecuteQuery(r.t.Context(), r.driver, "PROFILE "+q.Query, q.Params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(r.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		r.t.Fatalf("PROFILE %s: %v", q.Name, err)
	}
	var walk func(p neo4j.ProfiledPlan)
	walk = func(p neo4j.ProfiledPlan) {
		op, _, _ := strings.Cut(p.Operator(), "@")
		ops = append(ops, op)
		dbHits += p.DbHits()
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Profile())
	for _, n := range res.Summary.GqlStatusObjects() {
		if !n.IsNotification() {
			continue
		}
		notes = append(notes, n.StatusDescription())
	}
	return ops, dbHits, notes
}

// TestHotPathsUseIndexes checks that search, connection and the batch
// reads reach their nodes through indexes, never by scanning all nodes or
// all nodes of a label, and logs what each costs.
func TestHotPathsUseIndexes(t *testing.T) {
	s := neo4jtest.Open(t)
	fs := chainReports()
	if err := writeAll(s, fs...); err != nil {
		t.Fatal(err)
	}
	var hot []neo4jstore.HotQuery
	for _, text := range []string{
		"刘非", "娄底市", "会议", // full-text
		"刘", "?", "要G20", // CONTAINS
		"liufei", "lf", "fei", "l", // pinyin
	} {
		q, err := neo4jstore.SearchQuery(text)
		if err != nil {
			t.Fatal(err)
		}
		hot = append(hot, q)
	}
	liu := storetest.SeedOfficialID("刘非")
	hot = append(hot, neo4jstore.ConnectionQueries(chainOfficial(0), chainOfficial(2), 2)...)
	hot = append(hot, neo4jstore.ConnectionQueries(chainOfficial(0), chainOfficial(6), kg.MaxHops)...)
	hot = append(hot, neo4jstore.ConnectionQueries(chainOfficial(0), liu, kg.MaxHops)...) // no chain
	hot = append(hot, neo4jstore.BatchQueries(mixedIDs(fs)[:50])...)
	hot = append(hot, neo4jstore.CoAttendeesQuery(liu))
	counts, err := neo4jstore.CoAttendeeCountsQueries(liu)
	if err != nil {
		t.Fatal(err)
	}
	hot = append(hot, counts...)
	for _, datesOnly := range []bool{false, true} {
		profile, err := neo4jstore.OfficialProfileQuery(liu, datesOnly)
		if err != nil {
			t.Fatal(err)
		}
		hot = append(hot, profile)
	}
	// A dashboard is a division's: its stats start from the division.
	divStats := neo4jstore.StatsQuery(kg.StatsFilter{DivisionID: storetest.SynCity().ID})
	divStats.Name = "stats of a division"
	hot = append(hot, divStats)

	raw := openRaw(t)
	// Not hot paths: Stats over all meetings reads every meeting, which
	// no index can spare it. Their costs are logged for comparison.
	var cold []neo4jstore.HotQuery
	cold = append(cold, neo4jstore.HoldersQuery("市长"))
	cold = append(cold, neo4jstore.StatsQuery(kg.StatsFilter{}))
	for _, q := range cold {
		ops, hits, _ := raw.profile(q)
		t.Logf("%-28s %7d db hits  %s", q.Name, hits, strings.Join(slices.Compact(slices.Sorted(slices.Values(ops))), " "))
	}
	for _, q := range hot {
		ops, hits, notes := raw.profile(q)
		t.Logf("%-28s %7d db hits  %s", q.Name, hits, strings.Join(slices.Compact(slices.Sorted(slices.Values(ops))), " "))
		for _, n := range notes {
			t.Logf("%-28s note: %s", q.Name, n)
		}
		for _, op := range ops {
			if op == "AllNodesScan" || op == "NodeByLabelScan" {
				t.Errorf("%s scans: %s in %q", q.Name, op, ops)
			}
		}
	}
}

// TestPinyinSearchCutsEachBranch checks that a pinyin search still finds
// its first hits when each of its branches cuts its candidates at the page
// (pinyinBranches): more officials than the page match at a lower tier and
// sort before the one that matches at a higher tier. The in-memory store,
// which scores every entity, is the reference.
func TestPinyinSearchCutsEachBranch(t *testing.T) {
	neo := neo4jtest.Open(t)
	mem := memstore.New()
	b := storetest.Synthetic("pinyin-tiers", "2023-06-01")
	m := b.Meeting("拼音会议", "2023-06-01", "座谈会", storetest.SynCity())
	// 汪 sorts before 王, and both before 雷.
	ids := map[string]string{}
	for _, o := range []struct{ name, pinyin string }{
		{"王磊", "wang lei"},
		{"汪磊明", "wang lei ming"}, {"汪磊华", "wang lei hua"}, {"汪蕾英", "wang lei ying"}, {"汪雷军", "wang lei jun"},
		{"雷鸣", "lei ming"},
	} {
		ids[o.name] = b.Official(o.name, o.pinyin)
		b.Participant(m, ids[o.name], []kg.Role{kg.RoleAttended})
	}
	f := b.Facts()
	for _, s := range []kg.Store{mem, neo} {
		if err := writeAll(s, f); err != nil {
			t.Fatal(err)
		}
	}
	const first = 3
	for _, c := range []struct {
		query, top string
		score      int
	}{
		// Four officials start with wanglei and sort before the one
		// whose pinyin it is.
		{"wanglei", "王磊", search.ScorePinyinExact},
		// Five have lei as a later syllable and sort before the one whose
		// pinyin starts with it.
		{"lei", "雷鸣", search.ScorePinyinPrefix},
		// One letter has no initials tier: the prefix branch finds the
		// five whose pinyin starts with it.
		{"w", "", 0},
	} {
		sq := kg.SearchQuery{Text: c.query, First: first}
		want, err := mem.Search(bg, sq)
		if err != nil {
			t.Fatalf("%s on memstore: %v", c.query, err)
		}
		got, err := neo.Search(bg, sq)
		if err != nil {
			t.Fatalf("%s on neo4jstore: %v", c.query, err)
		}
		if len(want) != first {
			t.Fatalf("%s on memstore: %d hits, want %d: the page cuts nothing", c.query, len(want), first)
		}
		if c.top != "" && (want[0].ID != ids[c.top] || want[0].Score != c.score) {
			t.Fatalf("%s on memstore: first hit %s at %d, want %s at %d", c.query, want[0].ID, want[0].Score, ids[c.top], c.score)
		}
		for i := range got {
			got[i].Entity = nil
		}
		for i := range want {
			want[i].Entity = nil
		}
		if !slices.Equal(got, want) {
			t.Errorf("Search(%s, first %d) =\n%v\nwant\n%v", c.query, first, got, want)
		}
	}
}

// TestServerScoresAsSearchScore checks that the score the server orders
// candidates by, before it cuts them, is search.Score's.
func TestServerScoresAsSearchScore(t *testing.T) {
	s := neo4jtest.Open(t)
	if err := writeAll(s, append(chainReports(), disagreeing()...)...); err != nil {
		t.Fatal(err)
	}
	candidates := 0
	for _, text := range []string{
		"刘非", "劉非", "刘", "娄底", "会议", "链官01", "链", "?", "丁一", "丁壹", "丁", "要",
		"liufei", "lf", "liu", "fei", "dingyi", "dy", "d", "yi", "loudi", "lds", "guan", "lianguan", "lg",
	} {
		n, bad, err := s.TierMismatches(t.Context(), text)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		candidates += n
		for _, b := range bad {
			t.Errorf("%s: %s", text, b)
		}
	}
	if candidates < 100 {
		t.Errorf("%d candidates in all: the queries test little", candidates)
	}
}

// TestSearchBeyondTheCandidateLimit checks that a query matching more
// entities than the server returns still gives the best of them: the
// server ranks before it cuts.
func TestSearchBeyondTheCandidateLimit(t *testing.T) {
	s := neo4jtest.Open(t)
	b := storetest.Synthetic("many-meetings", "2023-12-31")
	type meeting struct {
		id, name string
		date     kg.Date
	}
	var ms []meeting
	for i := range 700 {
		// Most contain 会议; one in nine starts with it, and those come
		// late in date order, where a cut by date alone would drop them.
		name := fmt.Sprintf("第%03d次会议", i)
		day := fmt.Sprintf("2021-%02d-%02d", 1+i%12, 1+i%28)
		if i%9 == 0 {
			name, day = fmt.Sprintf("会议%03d", i), fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%28)
		}
		id := b.Meeting(name, day, "座谈会", storetest.SynCity())
		d, _ := kg.ParseDate(day)
		ms = append(ms, meeting{id, name, d})
	}
	if err := writeAll(s, b.Facts()); err != nil {
		t.Fatal(err)
	}
	q, _ := search.Parse("会议")
	slices.SortFunc(ms, func(a, b meeting) int {
		sa, sb := search.Score(q, search.TextForms(a.name)), search.Score(q, search.TextForms(b.name))
		return cmp.Or(cmp.Compare(sb, sa), cmp.Compare(a.date.String(), b.date.String()), cmp.Compare(a.id, b.id))
	})
	var want []kg.SearchHit
	for _, m := range ms[:kg.MaxPageSize] {
		want = append(want, kg.SearchHit{Kind: kg.KindMeeting, ID: m.id, Score: search.Score(q, search.TextForms(m.name))})
	}
	got, err := s.Search(t.Context(), kg.SearchQuery{Text: "会议", First: kg.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i].Entity = nil // the conformance suite checks the entities
	}
	if !slices.Equal(got, want) {
		t.Errorf("Search(会议) =\n%v\nwant\n%v", got, want)
	}
}
