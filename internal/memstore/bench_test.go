package memstore_test

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"officialgraph/bench/gen"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/storetest"
)

var benchReports = flag.Int("reports", 100_000, "reports in the benchmark corpus")

// benchCorpus is the store BenchmarkQueries reads, loaded once per process:
// loading 100,000 reports takes longer than any query.
var benchCorpus = sync.OnceValues(func() (*memstore.Store, []*kg.ReportFacts) {
	reports := genCorpus(*benchReports, 42)
	s := memstore.New()
	for _, f := range reports {
		if _, err := s.WriteReport(context.Background(), f); err != nil {
			panic(err)
		}
	}
	return s, reports
})

// BenchmarkQueries measures each query shape the GraphQL layer asks of a
// store, over a generated corpus (100,000 reports unless -reports says
// otherwise), and reports the median and 99th percentile latency besides
// the mean: in wall time, and where it can be measured in the CPU time of
// the querying thread, which leaves out waiting for a CPU on a busy
// machine. The first query after a load sorts the lists once; it is run
// before the timer starts.
func BenchmarkQueries(b *testing.B) {
	s, reports := benchCorpus()
	ctx := context.Background()
	var mem runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&mem)
	b.Logf("%d reports loaded; heap in use %d MiB (the generated facts included)", len(reports), mem.HeapInuse>>20)
	if _, err := s.Officials(ctx, kg.OfficialFilter{}, kg.Page{}); err != nil {
		b.Fatal(err)
	}
	for _, list := range []func() error{
		func() error { _, err := s.Meetings(ctx, kg.MeetingFilter{}, kg.Page{}); return err },
		func() error { _, err := s.Directives(ctx, kg.DirectiveFilter{}, kg.Page{}); return err },
		func() error { _, err := s.Divisions(ctx, kg.DivisionFilter{}, kg.Page{}); return err },
		func() error { _, err := s.Reports(ctx, kg.Page{}); return err },
	} {
		if err := list(); err != nil {
			b.Fatal(err)
		}
	}

	// Samples drawn from the corpus, cycled through by the iterations.
	var officials, meetings, divisions, names []string
	var fullNames, surnames, pinyins, initials, cities []string
	for i, f := range reports {
		if i%97 != 0 {
			continue
		}
		officials = append(officials, f.Participations[0].OfficialID, f.Participations[len(f.Participations)-1].OfficialID)
		meetings = append(meetings, f.Meetings[0].ID)
		divisions = append(divisions, f.Meetings[0].DivisionID)
		names = append(names, string([]rune(f.Officials[0].Name)[1:]))
		o := f.Officials[len(f.Officials)-1]
		fullNames = append(fullNames, o.Name)
		surnames = append(surnames, string([]rune(o.Name)[:1]))
		pinyins = append(pinyins, o.Pinyin)
		initials = append(initials, pinyinInitials(o.Pinyin))
		for _, d := range f.Divisions {
			if d.Level == kg.LevelCity {
				cities = append(cities, d.ID)
			}
		}
	}
	from, _ := kg.ParseDate("2018-03")
	to, _ := kg.ParseDate("2018-05-15")
	year, _ := kg.ParseDate("2020")
	at := func(xs []string, i int) string { return xs[i%len(xs)] }

	shapes := []struct {
		name string
		run  func(i int) error
	}{
		{"Official", func(i int) error { _, err := s.Official(ctx, at(officials, i)); return err }},
		{"Meeting", func(i int) error { _, err := s.Meeting(ctx, at(meetings, i)); return err }},
		{"OfficialsFirstPage", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{}, kg.Page{First: 20})
			return err
		}},
		{"OfficialsLastPage", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{}, kg.Page{Last: 20})
			return err
		}},
		{"OfficialsByName", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{Name: at(names, i)}, kg.Page{})
			return err
		}},
		{"OfficialsByDivision", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{DivisionID: at(divisions, i)}, kg.Page{})
			return err
		}},
		{"OfficialsByTitle", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{PositionTitle: "县长", DivisionID: at(divisions, i)}, kg.Page{})
			return err
		}},
		{"OfficialsByRoleInRange", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{Role: kg.RoleSpoke, From: from, To: to}, kg.Page{})
			return err
		}},
		{"OfficialsByRoleSinceYear", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{Role: kg.RolePresided, From: year}, kg.Page{})
			return err
		}},
		{"OfficialsByNameAndRole", func(i int) error {
			_, err := s.Officials(ctx, kg.OfficialFilter{Name: at(names, i), Role: kg.RoleSpoke, To: year}, kg.Page{})
			return err
		}},
		{"MeetingsFirstPage", func(i int) error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{Order: kg.Descending}, kg.Page{First: 20})
			return err
		}},
		{"MeetingsInRange", func(i int) error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{From: from, To: to}, kg.Page{})
			return err
		}},
		{"MeetingsByDivisionInYear", func(i int) error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{DivisionID: at(divisions, i), From: year, To: year}, kg.Page{})
			return err
		}},
		{"MeetingsByAttendee", func(i int) error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{AttendeeID: at(officials, i), Role: kg.RoleAttended}, kg.Page{})
			return err
		}},
		{"MeetingsByKindAndText", func(i int) error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{Kind: "座谈会", Text: "第3县", From: from}, kg.Page{})
			return err
		}},
		{"MeetingsByRole", func(i int) error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{Role: kg.RoleReported}, kg.Page{Last: 20})
			return err
		}},
		{"MeetingsByText", func(i int) error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{Text: "第1县调研"}, kg.Page{})
			return err
		}},
		{"DirectivesOfMeeting", func(i int) error {
			_, err := s.Directives(ctx, kg.DirectiveFilter{MeetingID: at(meetings, i)}, kg.Page{})
			return err
		}},
		{"DirectivesByIssuer", func(i int) error {
			_, err := s.Directives(ctx, kg.DirectiveFilter{IssuerID: at(officials, i)}, kg.Page{})
			return err
		}},
		{"DirectivesByDivisionInRange", func(i int) error {
			_, err := s.Directives(ctx, kg.DirectiveFilter{DivisionID: at(divisions, i), From: year}, kg.Page{})
			return err
		}},
		{"DirectivesByText", func(i int) error {
			_, err := s.Directives(ctx, kg.DirectiveFilter{Text: "第4项"}, kg.Page{})
			return err
		}},
		{"DirectivesByMeetingIssuer", func(i int) error {
			_, err := s.Directives(ctx, kg.DirectiveFilter{IssuerID: kg.IssuerMeeting}, kg.Page{First: 50})
			return err
		}},
		{"DirectivesInRange", func(i int) error {
			_, err := s.Directives(ctx, kg.DirectiveFilter{From: from, To: to}, kg.Page{Last: 20})
			return err
		}},
		{"OfficialMeetings", func(i int) error {
			_, err := s.OfficialMeetings(ctx, at(officials, i), kg.MeetingFilter{}, kg.Page{})
			return err
		}},
		{"MeetingParticipants", func(i int) error {
			_, err := s.MeetingParticipants(ctx, at(meetings, i), "")
			return err
		}},
		{"MeetingDivisions", func(i int) error {
			_, err := s.MeetingDivisions(ctx, at(meetings, i), "")
			return err
		}},
		{"MeetingReports", func(i int) error { _, err := s.MeetingReports(ctx, at(meetings, i)); return err }},
		{"OfficialPositions", func(i int) error { _, err := s.OfficialPositions(ctx, at(officials, i)); return err }},
		{"CoAttendees", func(i int) error {
			_, err := s.CoAttendees(ctx, at(officials, i), kg.CoAttendeeFilter{})
			return err
		}},
		{"CoAttendeesInRange", func(i int) error {
			_, err := s.CoAttendees(ctx, at(officials, i), kg.CoAttendeeFilter{From: year, MinShared: 2})
			return err
		}},
		{"Counts", func(i int) error { _, err := s.Counts(ctx); return err }},

		{"OfficialsByID", func(i int) error {
			_, err := s.OfficialsByID(ctx, officials[i%(len(officials)-20):][:20])
			return err
		}},
		{"ParticipantsOf", func(i int) error {
			_, err := s.ParticipantsOf(ctx, meetings[i%(len(meetings)-20):][:20], "")
			return err
		}},
		{"DirectivesOf", func(i int) error {
			_, err := s.DirectivesOf(ctx, meetings[i%(len(meetings)-20):][:20])
			return err
		}},
		{"SearchName", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: at(fullNames, i)})
			return err
		}},
		{"SearchSurname", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: at(surnames, i)})
			return err
		}},
		{"SearchPinyin", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: at(pinyins, i)})
			return err
		}},
		{"SearchInitials", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: at(initials, i)})
			return err
		}},
		{"SearchLetter", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: string(rune('a' + i%26))})
			return err
		}},
		{"SearchMeetingName", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: fmt.Sprintf("测试%d市第%d县", i%250, i%5), Kinds: []kg.Kind{kg.KindMeeting}})
			return err
		}},
		// A word nearly every directive and meeting holds.
		{"SearchCommonWord", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: []string{"工作", "会议", "落实", "常委会"}[i%4], First: kg.MaxPageSize})
			return err
		}},
		{"SearchRareText", func(i int) error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: fmt.Sprintf("第%d次", i%(len(reports))), Kinds: []kg.Kind{kg.KindMeeting, kg.KindDirective}})
			return err
		}},
		{"ConnectionSameMeeting", func(i int) error {
			_, err := s.Connection(ctx, officials[2*(i%(len(officials)/2))], officials[2*(i%(len(officials)/2))+1], kg.MaxHops)
			return err
		}},
		// Officials of different cities: the walk covers a whole city and
		// finds no chain.
		{"ConnectionNone", func(i int) error {
			_, err := s.Connection(ctx, at(officials, i), at(officials, i+7), kg.MaxHops)
			return err
		}},
		{"HoldersOfDivision", func(i int) error {
			_, err := s.Holders(ctx, kg.HolderQuery{Title: "市长", DivisionID: at(cities, i)})
			return err
		}},
		{"HoldersOfDivisionAt", func(i int) error {
			_, err := s.Holders(ctx, kg.HolderQuery{Title: "市委书记", DivisionID: at(cities, i), At: year})
			return err
		}},
		{"HoldersCountyTitleAt", func(i int) error {
			_, err := s.Holders(ctx, kg.HolderQuery{Title: "区委书记", At: from})
			return err
		}},
		{"StatsAll", func(i int) error { _, err := s.Stats(ctx, kg.StatsFilter{}); return err }},
		{"StatsYear", func(i int) error {
			_, err := s.Stats(ctx, kg.StatsFilter{From: year, To: year})
			return err
		}},
		{"StatsProvinceRange", func(i int) error {
			_, err := s.Stats(ctx, kg.StatsFilter{DivisionID: reports[0].Divisions[0].ID, From: from, To: to})
			return err
		}},
		{"StatsCity", func(i int) error {
			_, err := s.Stats(ctx, kg.StatsFilter{DivisionID: at(cities, i)})
			return err
		}},
		{"StatsCityYear", func(i int) error {
			_, err := s.Stats(ctx, kg.StatsFilter{DivisionID: at(cities, i), From: year, To: year, Top: 20})
			return err
		}},
		{"StatsCounty", func(i int) error {
			_, err := s.Stats(ctx, kg.StatsFilter{DivisionID: at(divisions, i)})
			return err
		}},
	}
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			// The first query of a shape may build the facets it reads.
			if err := sh.run(0); err != nil {
				b.Fatal(err)
			}
			// The goroutine stays on one thread, so that the thread's CPU
			// time is the query's.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			lat := make([]time.Duration, 0, b.N)
			cpu := make([]time.Duration, 0, b.N)
			i := 0
			for b.Loop() {
				start, startCPU := time.Now(), threadCPU()
				if err := sh.run(i); err != nil {
					b.Fatal(err)
				}
				cpu = append(cpu, threadCPU()-startCPU)
				lat = append(lat, time.Since(start))
				i++
			}
			reportPercentiles(b, lat, "")
			if threadCPU() > 0 {
				reportPercentiles(b, cpu, "cpu-")
			}
		})
	}
}

// reportPercentiles reports the median and 99th percentile of durations in
// microseconds.
func reportPercentiles(b *testing.B, ds []time.Duration, prefix string) {
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1e3, prefix+"p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Nanoseconds())/1e3, prefix+"p99-µs")
}

func pinyinInitials(p string) string {
	var b []byte
	for _, s := range strings.Fields(p) {
		b = append(b, s[0])
	}
	return string(b)
}

// BenchmarkReadAfterWrite measures the known cost of the lazy indexes: a
// write marks the sorted lists and their postings stale, and the first
// read that needs them rebuilds them. Each iteration writes one report of
// its own into the benchmark corpus (100,000 reports unless -reports says
// otherwise) and then asks one query shape once.
func BenchmarkReadAfterWrite(b *testing.B) {
	s, _ := benchCorpus()
	ctx := context.Background()
	extra := genCorpus(5000, 11)
	n := 0
	for _, sh := range []struct {
		name string
		run  func() error
	}{
		{"Search", func() error { _, err := s.Search(ctx, kg.SearchQuery{Text: "王"}); return err }},
		{"SearchOfficials", func() error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: "王", Kinds: []kg.Kind{kg.KindOfficial}})
			return err
		}},
		{"SearchMeetings", func() error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: "王", Kinds: []kg.Kind{kg.KindMeeting}})
			return err
		}},
		{"SearchDirectives", func() error {
			_, err := s.Search(ctx, kg.SearchQuery{Text: "王", Kinds: []kg.Kind{kg.KindDirective}})
			return err
		}},
		{"Stats", func() error { _, err := s.Stats(ctx, kg.StatsFilter{}); return err }},
		{"Holders", func() error { _, err := s.Holders(ctx, kg.HolderQuery{Title: "市长"}); return err }},
		{"Connection", func() error {
			f := extra[n%len(extra)]
			_, err := s.Connection(ctx, f.Participations[0].OfficialID, f.Participations[1].OfficialID, kg.MaxHops)
			return err
		}},
		{"MeetingsByText", func() error { _, err := s.Meetings(ctx, kg.MeetingFilter{Text: "王"}, kg.Page{}); return err }},
		{"DirectivesByText", func() error { _, err := s.Directives(ctx, kg.DirectiveFilter{Text: "王"}, kg.Page{}); return err }},
		{"Officials", func() error { _, err := s.Officials(ctx, kg.OfficialFilter{Name: "王"}, kg.Page{}); return err }},
	} {
		b.Run(sh.name, func(b *testing.B) {
			for b.Loop() {
				f := extra[n%len(extra)]
				f.Report.SHA256 = fmt.Sprint("rev", n) // a new version replaces an old one
				if _, err := s.WriteReport(ctx, f); err != nil {
					b.Fatal(err)
				}
				if err := sh.run(); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

// BenchmarkWriteReport measures writing reports, new ones and then
// corrections, into a store of its own that already holds 10,000.
func BenchmarkWriteReport(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	for _, f := range genCorpus(10_000, 42) {
		if _, err := s.WriteReport(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
	extra := genCorpus(2000, 7)
	i := 0
	for b.Loop() {
		f := extra[i%len(extra)]
		if i >= len(extra) {
			f.Report.SHA256 = fmt.Sprint(i) // a correction: replace
		}
		if _, err := s.WriteReport(ctx, f); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

var (
	heapReports = flag.Int("heap-reports", 10_000, "generated reports BenchmarkHeap loads")
	heapProfile = flag.String("heap-profile", "", "`FILE` BenchmarkHeap writes the heap profile to while the store is loaded")
)

// BenchmarkHeap measures the heap the store holds for a corpus of reports
// generated by bench/gen and read through the real pipeline, as the
// service loads them (-heap-reports, 10,000 by default): the live heap
// after GC with the store, less the live heap once it is dropped. Facts
// are streamed into the store and dropped, so the store's share of their
// strings is counted. Run it with -benchtime=1x.
//
// It also reports what the store costs the garbage collector: the heap
// objects it holds, and the CPU time one full collection spends marking
// while the store is live, less that of one after it is dropped. Marking
// follows every pointer of the live heap, so a store with fewer pointers
// makes every collection of a serving process shorter, and a collection's
// marking is what delays requests (see bench/README.md). The marking is
// noisy: take it from several runs.
func BenchmarkHeap(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		s := memstore.New()
		n := 0
		g := gen.New(gen.Config{Seed: 1, Reports: *heapReports})
		for r, ok := g.Next(); ok; r, ok = g.Next() {
			e, err := ingest.Extract(ctx, r.Text, r.IngestMeta(), r.Name+".txt")
			if err != nil {
				continue
			}
			f, _, err := ingest.Facts(e, r.IngestMeta(), r.Text)
			if err != nil {
				continue
			}
			if _, err := s.WriteReport(ctx, f); err != nil {
				b.Fatal(err)
			}
			n++
		}
		g = nil
		// The first reads build the lazy indexes, which a serving store
		// holds too.
		if _, err := s.Officials(ctx, kg.OfficialFilter{}, kg.Page{}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Search(ctx, kg.SearchQuery{Text: "王"}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Stats(ctx, kg.StatsFilter{}); err != nil {
			b.Fatal(err)
		}
		with := liveHeap()
		objectsWith, markWith := heapObjects(), markCPU()
		if *heapProfile != "" {
			writeHeapProfile(b, *heapProfile)
		}
		runtime.KeepAlive(s)
		s = nil
		without := liveHeap()
		objectsWithout, markWithout := heapObjects(), markCPU()
		mib := float64(with-without) / (1 << 20)
		b.ReportMetric(mib, "MiB")
		b.ReportMetric(mib*1000/float64(n), "MiB/1k-reports")
		b.ReportMetric(mib*100_000/float64(n), "MiB/100k-reports")
		b.ReportMetric(float64(objectsWith-objectsWithout)*1000/float64(n), "objects/1k-reports")
		b.ReportMetric((markWith-markWithout).Seconds()*1e3*1000/float64(n), "mark-cpu-ms/1k-reports")
	}
}

// liveHeap returns the heap in use after a full collection.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// heapObjects returns the objects in the heap after a full collection.
func heapObjects() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/objects:objects"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// markCPU returns the CPU time the least of five full collections spent
// marking: the least, because the scheduler and the machine's other work
// only ever add to it.
func markCPU() time.Duration {
	least := time.Duration(math.MaxInt64)
	for range 5 {
		s := []metrics.Sample{
			{Name: "/cpu/classes/gc/mark/assist:cpu-seconds"},
			{Name: "/cpu/classes/gc/mark/dedicated:cpu-seconds"},
			{Name: "/cpu/classes/gc/mark/idle:cpu-seconds"},
		}
		total := func() float64 {
			metrics.Read(s)
			return s[0].Value.Float64() + s[1].Value.Float64() + s[2].Value.Float64()
		}
		before := total()
		runtime.GC()
		least = min(least, time.Duration((total()-before)*float64(time.Second)))
	}
	return least
}

func writeHeapProfile(b *testing.B, path string) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}

// TestStatsRepeatable asks for the dashboard of every division twice, in
// opposite orders, and once more from a fresh store: Stats reuses its
// counting arrays between queries, and a count left behind by one query
// would change the next one's answer.
func TestStatsRepeatable(t *testing.T) {
	ctx := context.Background()
	reports := genCorpus(600, 3)
	load := func() *memstore.Store {
		t.Helper()
		s := memstore.New()
		for _, f := range reports {
			if _, err := s.WriteReport(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	s := load()
	var divisions []string
	page := kg.Page{First: kg.MaxPageSize}
	for {
		c, err := s.Divisions(ctx, kg.DivisionFilter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range c.Items {
			divisions = append(divisions, d.ID)
		}
		if !c.PageInfo.HasNextPage {
			break
		}
		page.After = c.Cursors[len(c.Cursors)-1]
	}
	year, _ := kg.ParseDate("2020")
	stats := func(s *memstore.Store, div string) kg.Stats {
		t.Helper()
		st, err := s.Stats(ctx, kg.StatsFilter{DivisionID: div, From: year, To: year, Top: 5})
		if err != nil {
			t.Fatalf("Stats(%s): %v", div, err)
		}
		return st
	}
	first := map[string]kg.Stats{}
	counted := 0
	for _, div := range divisions {
		first[div] = stats(s, div)
		if len(first[div].TopOfficials) > 0 {
			counted++
		}
	}
	if counted < 2 {
		t.Fatalf("%d of %d divisions have officials counted in 2020: the corpus does not test reuse", counted, len(divisions))
	}
	fresh := load()
	for _, div := range slices.Backward(divisions) {
		if got, want := stats(s, div), first[div]; !reflect.DeepEqual(got, want) {
			t.Errorf("Stats(%s) asked again = %+v, want %+v", div, got, want)
		}
		if got, want := stats(fresh, div), first[div]; !reflect.DeepEqual(got, want) {
			t.Errorf("Stats(%s) of a fresh store = %+v, want %+v", div, got, want)
		}
	}
}

// TestManyClaims writes a hundred reports that all name one official in one
// position, past the count where a fact's claims move from a sorted slice
// to a map, then deletes them in a shuffled order, back below the count
// where they move back, checking on the way that the store answers as a
// fresh one holding only the reports left.
func TestManyClaims(t *testing.T) {
	ctx := context.Background()
	var reports []*kg.ReportFacts
	for i := range 100 {
		b := storetest.Synthetic(fmt.Sprintf("many-claims-%d", i), fmt.Sprintf("2021-%02d-%02d", i%12+1, i%28+1))
		m := b.Meeting(fmt.Sprintf("第%d次常务会议", i), fmt.Sprintf("2021-%02d-%02d", i%12+1, i%28+1), "常务会议", storetest.SynCity())
		pos := b.Position("市长", "甲市人民政府", storetest.SynCity())
		o := b.Official("测试甲", "ce shi jia")
		b.Participant(m, o, []kg.Role{kg.RolePresided}, "市长")
		b.Tenure(o, pos, fmt.Sprintf("2021-%02d-%02d", i%12+1, i%28+1))
		reports = append(reports, b.Facts())
	}
	official := reports[0].Officials[0].ID
	answers := func(s *memstore.Store) (kg.Official, []kg.PositionHeld, []kg.Holder) {
		t.Helper()
		o, err := s.Official(ctx, official)
		if err != nil {
			t.Fatal(err)
		}
		held, err := s.OfficialPositions(ctx, official)
		if err != nil {
			t.Fatal(err)
		}
		holders, err := s.Holders(ctx, kg.HolderQuery{Title: "市长"})
		if err != nil {
			t.Fatal(err)
		}
		return o, held, holders
	}
	s := memstore.New()
	for _, f := range reports {
		if _, err := s.WriteReport(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if _, held, _ := answers(s); len(held) != 1 || len(held[0].Evidence) != len(reports) {
		t.Fatalf("OfficialPositions() = %+v, want one position seen by each of %d reports", held, len(reports))
	}
	order := rand.New(rand.NewPCG(1, 2)).Perm(len(reports))
	left := map[int]bool{}
	for i := range reports {
		left[i] = true
	}
	for n, i := range order[:len(order)-1] {
		if err := s.DeleteReport(ctx, reports[i].Report.ID); err != nil {
			t.Fatal(err)
		}
		delete(left, i)
		if n%9 != 0 && len(left) > 35 {
			continue
		}
		fresh := memstore.New()
		for j := range reports {
			if left[j] {
				if _, err := fresh.WriteReport(ctx, reports[j]); err != nil {
					t.Fatal(err)
				}
			}
		}
		gotO, gotHeld, gotHolders := answers(s)
		wantO, wantHeld, wantHolders := answers(fresh)
		if !reflect.DeepEqual(gotO, wantO) || !reflect.DeepEqual(gotHeld, wantHeld) || !reflect.DeepEqual(gotHolders, wantHolders) {
			t.Fatalf("with %d reports left: got %+v %+v %+v, want %+v %+v %+v", len(left), gotO, gotHeld, gotHolders, wantO, wantHeld, wantHolders)
		}
	}
}
