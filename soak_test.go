package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"officialgraph/bench/gen"
	"officialgraph/internal/auth"
	"officialgraph/internal/neo4jtest"
)

// The soak test runs by default for a few seconds of load, as part of the
// ordinary test command; -soak asks for the long run, which also writes its
// figures to soak/results.
var (
	soakDuration   = flag.Duration("soak", 0, "run the long soak test with this much load (5m, say) and write soak/results; 0 runs the short one")
	soakReaders    = flag.Int("soak-readers", 32, "concurrent readers of the soak test")
	soakStore      = flag.String("soak-store", "neo4j", "the soak test's store: neo4j (NEO4J_URI) or memstore")
	soakWriteEvery = flag.Duration("soak-write-every", 250*time.Millisecond, "the soak test's writer starts a mutation this often, or at once when the last took longer")
)

// soakPlan is the size of one soak run.
type soakPlan struct {
	load     time.Duration // readers and writer at work
	sample   time.Duration // how often heap and goroutines are sampled
	fixed    int           // corpus/synthetic reports loaded first and never deleted
	rotating int           // generated reports the writer creates and deletes
	long     bool          // write soak/results
}

func soakPlanFromFlags() soakPlan {
	if *soakDuration > 0 {
		return soakPlan{load: *soakDuration, sample: 2 * time.Second, fixed: 43, rotating: 40, long: true}
	}
	// Short enough for the ordinary test command: the first reports
	// written to an empty Neo4j take a second or more each.
	return soakPlan{load: 12 * time.Second, sample: 500 * time.Millisecond, fixed: 5, rotating: 6}
}

// Leak rule. Goroutines are counted and the heap is measured in this
// process, which holds both the server and the load; the load's own memory
// is bounded (latency histograms, ID sets of a fixed corpus), so a trend is
// the server's.
const (
	// goroutineMargin is how many more goroutines than before the load
	// may remain once the load has stopped, idle connections are closed
	// and goroutineSettle has passed.
	goroutineMargin = 5
	goroutineSettle = 10 * time.Second
	// heapGrowthShare and heapGrowthFloor bound the live heap's growth
	// over the second half of the load, taken from a least-squares line
	// through the samples of that half (the first half holds the warm-up:
	// connection pools, caches and buffers growing to the load): growth over that half may be at most the larger of this share of
	// the half's median and this many bytes.
	heapGrowthShare = 0.10
	heapGrowthFloor = 4 << 20
	// heapEndMargin bounds the live heap after the load, a GC and the
	// settle: at most the second half's largest sample plus this.
	heapEndMargin = 2 << 20
)

const soakRule = "goroutines: after the load stops, idle connections are closed and up to 10 s pass, at most 5 more than before the load; " +
	"heap (live bytes after GC, runtime/metrics /gc/heap/live:bytes, sampled through the load): a least-squares line through the second half's samples " +
	"may rise over that half by at most max(10% of the half's median, 4 MiB), and after the load and a forced GC the live heap may be at most " +
	"the second half's largest sample plus 2 MiB"

// TestSoak drives a real server with a mixed load over HTTP on loopback:
// readers issue the queries users run, and deliberately bad ones, while a
// writer ingests, re-ingests and deletes reports. Every answer is checked;
// the test fails on any answer that is not the expected one, or when
// goroutines or the heap do not come back flat by the leak rule above.
func TestSoak(t *testing.T) {
	plan := soakPlanFromFlags()
	env := map[string]string{auth.EnvVar: "write:" + testWriteToken}
	switch *soakStore {
	case "neo4j":
		neo4jtest.Open(t) // locks and empties the test database
		env["NEO4J_URI"] = neo4jtest.URI(t)
		env["NEO4J_DATABASE"] = os.Getenv("NEO4J_DATABASE")
	case "memstore":
	default:
		t.Fatalf("-soak-store %q: want neo4j or memstore", *soakStore)
	}
	fixed, rotating := soakReports(t, plan)
	base := startSoakServer(t, env)

	transport := &http.Transport{MaxIdleConnsPerHost: *soakReaders + 4}
	l := &soakLoad{
		base:   base,
		client: &http.Client{Transport: transport, Timeout: time.Minute},
		stats:  map[string]*shapeStats{},
		graph:  newSoakGraph(),
	}
	command := "go test -count=1 -run Soak ."
	if plan.long {
		command = fmt.Sprintf("go test -count=1 -run Soak -soak %s -soak-store %s -soak-readers %d -soak-write-every %s .",
			plan.load, *soakStore, *soakReaders, *soakWriteEvery)
	}
	res := soakResults{
		Command: command, Long: plan.long,
		Date: time.Now().UTC().Format("2006-01-02 15:04 UTC"), Store: *soakStore,
		Load: plan.load.String(), Readers: *soakReaders, WriteEvery: soakWriteEvery.String(),
		Rule: soakRule, Cores: runtime.NumCPU(), GoVersion: runtime.Version(), LoadAvgBefore: loadAverage(),
		FixedReports: len(fixed), RotatingReports: len(rotating),
	}

	// Every fixed report and half the rotating ones are stored before the
	// load, so that the writer's create-delete cycle keeps the corpus at
	// about the same size throughout.
	start := time.Now()
	w := &soakWriter{l: l, rng: rand.New(rand.NewPCG(2, 2))}
	for _, r := range fixed {
		if !w.ingest(r, true) {
			t.Fatalf("preloading %s failed: %s", r.name, strings.Join(l.unexpected, "; "))
		}
	}
	for i, r := range rotating {
		if i%2 == 0 {
			if !w.ingest(r, false) {
				t.Fatalf("preloading %s failed: %s", r.name, strings.Join(l.unexpected, "; "))
			}
			w.stored = append(w.stored, r)
		} else {
			w.unstored = append(w.unstored, r)
		}
	}
	res.PreloadedReports = len(fixed) + len(w.stored)
	res.PreloadSeconds = time.Since(start).Seconds()
	t.Logf("preloaded %d reports in %.1fs", res.PreloadedReports, res.PreloadSeconds)
	l.resetStats()
	w.resetStats()
	w.fixed = fixed

	transport.CloseIdleConnections()
	before := settledRuntime(0)
	res.GoroutinesBefore, res.HeapBefore = before.Goroutines, before.HeapLive

	ctx, cancel := context.WithTimeout(context.Background(), plan.load)
	defer cancel()
	var wg sync.WaitGroup
	loadStart := time.Now()
	for i := range *soakReaders {
		wg.Go(func() { l.read(ctx, rand.New(rand.NewPCG(uint64(i), 1))) })
	}
	wg.Go(func() { w.run(ctx) })
	samples := sampleRuntime(ctx, plan.sample, loadStart)
	wg.Wait()
	elapsed := time.Since(loadStart)

	transport.CloseIdleConnections()
	after := settledRuntime(before.Goroutines + goroutineMargin)
	res.GoroutinesAfter, res.HeapAfter = after.Goroutines, after.HeapLive
	res.LoadAvgAfter = loadAverage()
	res.Seconds = elapsed.Seconds()
	res.Samples = samples
	l.summarize(&res, w, elapsed)
	judgeLeaks(&res)

	md := res.markdown()
	t.Log("\n" + md)
	if plan.long {
		writeSoakResults(t, &res, md)
	}
	for _, u := range res.UnexpectedExamples {
		t.Errorf("unexpected answer: %s", u)
	}
	if res.Unexpected > len(res.UnexpectedExamples) {
		t.Errorf("%d unexpected answers in all", res.Unexpected)
	}
	for _, f := range res.LeakFindings {
		t.Errorf("leak: %s", f)
	}
	if res.Anomalies > 0 {
		t.Logf("%d wrong answers while a write ran (read-committed anomalies of the store, listed in the results, not failed on)", res.Anomalies)
	}
	if res.Requests == 0 || res.Writes.Created == 0 || res.Writes.Deleted == 0 {
		t.Errorf("the load did too little to judge: %d reads, %d reports created, %d deleted; want some of each",
			res.Requests, res.Writes.Created, res.Writes.Deleted)
	}
}

// startSoakServer runs `serve` in this process with the store env selects
// and no corpus, logging to a file, and returns its base URL (no trailing
// slash). The log goes to a file rather than memory so that it does not
// count as heap.
func startSoakServer(t *testing.T, env map[string]string) string {
	t.Helper()
	logFile, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	// Registered first, so it runs after the server has stopped.
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server errors:\n%s", logErrors(logFile.Name(), 20))
		}
		logFile.Close()
	})
	base := startServerLogging(t, env, logFile, "--corpus", "", "--log-format", "json")
	return strings.TrimSuffix(base, "/")
}

// logErrors returns up to n of the log's lines at level WARN or ERROR.
func logErrors(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	var out []string
	for line := range strings.Lines(string(b)) {
		if strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, `"level":"WARN"`) {
			out = append(out, line)
			if len(out) == n {
				break
			}
		}
	}
	return strings.Join(out, "")
}

// soakReport is a report to ingest through the API.
type soakReport struct {
	name  string
	input map[string]any // IngestReportInput
}

// soakReports returns the fixed reports (from corpus/synthetic) and the
// rotating ones (from the benchmark's generator), all flagged synthetic.
func soakReports(t *testing.T, plan soakPlan) (fixed, rotating []soakReport) {
	t.Helper()
	texts, err := filepath.Glob(filepath.Join("corpus", "synthetic", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(texts)
	if len(texts) < plan.fixed {
		t.Fatalf("corpus/synthetic has %d reports, want at least %d", len(texts), plan.fixed)
	}
	for _, path := range texts[:plan.fixed] {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Title       string  `json:"title"`
			PublishedAt *string `json:"publishedAt"`
		}
		b, err := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".meta.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		input := map[string]any{"text": string(text), "title": meta.Title, "synthetic": true}
		if meta.PublishedAt != nil {
			input["publishedAt"] = *meta.PublishedAt
		}
		fixed = append(fixed, soakReport{name: filepath.Base(path), input: input})
	}
	g := gen.New(gen.Config{Seed: 7, Reports: plan.rotating, Cities: 10})
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		rotating = append(rotating, soakReport{name: r.Name, input: map[string]any{
			"text": string(r.Text), "title": r.Meta.Title, "publishedAt": r.Meta.PublishedAt, "synthetic": true,
		}})
	}
	return fixed, rotating
}

// soakLoad is the client side of a soak run: what it knows of the graph,
// and what it has seen.
type soakLoad struct {
	base     string
	client   *http.Client
	graph    *soakGraph
	removals writeCounter // deleteReport calls
	writes   writeCounter // every mutation, deletes included

	mu         sync.Mutex
	stats      map[string]*shapeStats
	unexpected []string // the first few unexpected answers
	nUnexp     int
	anomalies  []string // the first few anomalies
	nAnomalies int
}

// shapeStats counts the answers to one kind of request.
type shapeStats struct {
	requests   int
	ok         int
	expected   map[string]int // deliberate errors, by code ("null" for a deliberate miss)
	unexpected int
	raced      int // answers that show a report deleted meanwhile
	anomalies  int // wrong answers, each while a write ran
	latency    histogram
}

func (l *soakLoad) resetStats() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stats = map[string]*shapeStats{}
	l.unexpected, l.nUnexp = nil, 0
	l.anomalies, l.nAnomalies = nil, 0
}

func (l *soakLoad) shape(name string) *shapeStats {
	s := l.stats[name]
	if s == nil {
		s = &shapeStats{expected: map[string]int{}}
		l.stats[name] = s
	}
	return s
}

// maxUnexpectedExamples bounds the unexpected answers kept in full.
const maxUnexpectedExamples = 20

// fail records an unexpected answer to a request of shape.
func (l *soakLoad) fail(shape, format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.shape(shape).unexpected++
	l.nUnexp++
	if len(l.unexpected) < maxUnexpectedExamples {
		l.unexpected = append(l.unexpected, shape+": "+fmt.Sprintf(format, args...))
	}
}

// anomaly records a wrong answer to a request of shape that a write ran
// during: a meeting shown twice or without an ID, aggregates that
// disagree. Neo4j reads at
// read-committed isolation, so one query may, it seems, see a meeting a
// concurrent deleteReport removes as well as the one a re-ingest creates
// again with the same ID, or a removed meeting's row without its
// properties. Such answers are counted and listed apart from the
// unexpected ones; the same answer without a concurrent write is a
// failure.
func (l *soakLoad) anomaly(shape, format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.shape(shape).anomalies++
	l.nAnomalies++
	if len(l.anomalies) < maxUnexpectedExamples {
		l.anomalies = append(l.anomalies, shape+": "+fmt.Sprintf(format, args...))
	}
}

func (l *soakLoad) count(shape string, f func(s *shapeStats)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f(l.shape(shape))
}

// send posts one GraphQL request and records its latency under shape. A
// transport failure or an answer that is not a GraphQL response is
// recorded as unexpected and returns false.
func (l *soakLoad) send(shape, token, query string, vars map[string]any) (opResponse, bool) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, l.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		panic(err) // the URL is the server's own
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	resp, err := l.client.Do(req)
	var out opResponse
	if err == nil {
		out.status = resp.StatusCode
		err = json.NewDecoder(resp.Body).Decode(&out)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	d := time.Since(start)
	l.count(shape, func(s *shapeStats) {
		s.requests++
		s.latency.add(d)
	})
	if err != nil {
		l.fail(shape, "status %d: %v", out.status, err)
		return out, false
	}
	if out.status != http.StatusOK {
		l.fail(shape, "status %d, want 200: %+v", out.status, out.Errors)
		return out, false
	}
	return out, true
}

// ask sends a read that must succeed and decodes its data into v; any
// other answer is recorded as unexpected and returns false.
func (l *soakLoad) ask(shape, query string, vars map[string]any, v any) bool {
	out, ok := l.send(shape, "", query, vars)
	if !ok {
		return false
	}
	if len(out.Errors) > 0 {
		l.fail(shape, "errors %+v for %v", out.Errors, vars)
		return false
	}
	if err := json.Unmarshal(out.Data, v); err != nil {
		l.fail(shape, "data %s: %v", out.Data, err)
		return false
	}
	return true
}

// askBad sends a request that must fail with code, counting that failure
// as expected.
func (l *soakLoad) askBad(shape, token, query string, vars map[string]any, code string) {
	out, ok := l.send(shape, token, query, vars)
	if !ok {
		return
	}
	if out.code() != code || len(out.Errors) != 1 || string(out.Data) != "null" {
		l.fail(shape, "errors %+v, data %s; want one %s error and no data", out.Errors, out.Data, code)
		return
	}
	l.count(shape, func(s *shapeStats) { s.expected[code]++ })
}

func (l *soakLoad) ok(shape string) { l.count(shape, func(s *shapeStats) { s.ok++ }) }

// writeCounter counts the mutations of one kind started and finished, so
// that a reader can tell whether one may have run while it read.
type writeCounter struct{ started, done atomic.Int64 }

type writeMark struct{ started, done int64 }

// begin counts a mutation as started and returns the function that counts
// it as done.
func (c *writeCounter) begin() func() {
	c.started.Add(1)
	return func() { c.done.Add(1) }
}

func (c *writeCounter) mark() writeMark {
	// done first: a mutation that finishes between the two loads then
	// shows as in flight, never as absent.
	d := c.done.Load()
	return writeMark{started: c.started.Load(), done: d}
}

// since reports whether a mutation may have run at any time after m.
func (c *writeCounter) since(m writeMark) bool {
	return m.started != m.done || c.started.Load() != m.started
}

// raced records an answer that lacks something a concurrent deletion may
// have removed, or shows a meeting a concurrent write moved; it is
// correct, and counted apart.
func (l *soakLoad) raced(shape string) { l.count(shape, func(s *shapeStats) { s.raced++ }) }

// soakGraph is what the load knows of the stored graph, learnt from the
// writer's ingests: the IDs readers ask about. Stable officials come from
// reports never deleted, so a query about them must find them.
type soakGraph struct {
	mu        sync.Mutex
	seen      map[string]bool
	stable    []soakOfficial
	officials []soakOfficial
	meetings  []string
	months    []divisionMonth
	monthAt   map[string]int // index in months by division and month
	divisions []string
}

type soakOfficial struct{ ID, Name, Pinyin string }

// divisionMonth is a month in which a division held a meeting; stable
// when a report never deleted tells of one.
type divisionMonth struct {
	division, month string
	stable          bool
}

func newSoakGraph() *soakGraph { return &soakGraph{seen: map[string]bool{}, monthAt: map[string]int{}} }

// learn adds the IDs of one ingested report's meetings.
func (g *soakGraph) learn(p ingestPayload, stable bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, m := range p.Meetings {
		if !g.seen[m.ID] {
			g.seen[m.ID] = true
			g.meetings = append(g.meetings, m.ID)
		}
		if d := m.Division; d != nil {
			if !g.seen[d.ID] {
				g.seen[d.ID] = true
				g.divisions = append(g.divisions, d.ID)
			}
			if len(m.Date) >= 7 && m.Date[0] != '-' {
				key := d.ID + "@" + m.Date[:7]
				if i, ok := g.monthAt[key]; ok {
					g.months[i].stable = g.months[i].stable || stable
				} else {
					g.monthAt[key] = len(g.months)
					g.months = append(g.months, divisionMonth{d.ID, m.Date[:7], stable})
				}
			}
		}
		for _, p := range m.Participants {
			o := p.Official
			if o.Garbled {
				continue // its name cannot be searched for
			}
			off := soakOfficial{o.ID, o.Name, o.Pinyin}
			if !g.seen[o.ID] {
				g.seen[o.ID] = true
				g.officials = append(g.officials, off)
			}
			if key := "stable@" + o.ID; stable && !g.seen[key] {
				g.seen[key] = true
				g.stable = append(g.stable, off)
			}
		}
	}
}

func pick[T any](g *soakGraph, rng *rand.Rand, from *[]T) (T, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var zero T
	if len(*from) == 0 {
		return zero, false
	}
	return (*from)[rng.IntN(len(*from))], true
}

// soakShapes are the reads of the mix, with their weights: the README's
// examples and the Explorer's requests, and a share of deliberate errors.
var soakShapes = []struct {
	name   string
	weight int
	read   func(l *soakLoad, rng *rand.Rand)
}{
	{"official", 14, readOfficial},
	{"meetings-by-month", 14, readMeetingsByMonth},
	{"co-attendees", 10, readCoAttendees},
	{"connection", 8, readConnection},
	{"search-pinyin", 9, readSearchPinyin},
	{"search-han", 9, readSearchHan},
	{"stats", 6, readStats},
	{"nodes", 10, readNodes},
	{"paging", 8, readPaging},
	{"bad-cursor", 3, readBadCursor},
	{"bad-page-size", 3, readBadPageSize},
	{"bad-unknown-id", 3, readUnknownID},
	{"bad-no-token", 3, readNoToken},
}

// read issues requests until ctx ends; a request in flight is finished.
func (l *soakLoad) read(ctx context.Context, rng *rand.Rand) {
	total := 0
	for _, s := range soakShapes {
		total += s.weight
	}
	for ctx.Err() == nil {
		n := rng.IntN(total)
		for _, s := range soakShapes {
			if n < s.weight {
				s.read(l, rng)
				break
			}
			n -= s.weight
		}
	}
}

const soakOfficialQuery = `query SoakOfficial($id: ID!) { official(id: $id) { id name pinyin
  positions { position { title organization } firstSeen lastSeen }
  meetings(first: 20) { totalCount edges { roles titlesAtTheTime node { id name date } evidence { sentence } } } } }`

func readOfficial(l *soakLoad, rng *rand.Rand) {
	const shape = "official"
	o, ok := pick(l.graph, rng, &l.graph.stable)
	if !ok {
		return
	}
	var data struct {
		Official *struct {
			ID       string
			Meetings struct {
				TotalCount int
				Edges      []struct {
					Roles []string
					Node  struct{ ID string }
				}
			}
		}
	}
	if !l.ask(shape, soakOfficialQuery, map[string]any{"id": o.ID}, &data) {
		return
	}
	switch {
	case data.Official == nil || data.Official.ID != o.ID:
		l.fail(shape, "official(%s) = %+v, want the official of a report never deleted", o.ID, data.Official)
	case len(data.Official.Meetings.Edges) == 0 || data.Official.Meetings.TotalCount < len(data.Official.Meetings.Edges):
		l.fail(shape, "official(%s): %d meetings of totalCount %d, want at least one and at most the total",
			o.ID, len(data.Official.Meetings.Edges), data.Official.Meetings.TotalCount)
	default:
		for _, e := range data.Official.Meetings.Edges {
			if len(e.Roles) == 0 {
				l.fail(shape, "official(%s): meeting %s without a role", o.ID, e.Node.ID)
				return
			}
		}
		l.ok(shape)
	}
}

const soakMeetingsByMonthQuery = `query SoakMeetingsByMonth($division: ID!, $month: Date!) {
  meetings(filter: {division: $division, from: $month, to: $month}, first: 50) {
    totalCount edges { node { id name date division { id } } } } }`

const soakNodeQuery = `query SoakNode($id: ID!) { node(id: $id) { id ... on Meeting { name date } } }`

// readMeetingsByMonth lists a division's meetings in a month, then fetches
// one of them by node: what a list shows must be there to fetch, unless a
// report was deleted meanwhile.
func readMeetingsByMonth(l *soakLoad, rng *rand.Rand) {
	const shape = "meetings-by-month"
	dm, ok := pick(l.graph, rng, &l.graph.months)
	if !ok {
		return
	}
	mark := l.removals.mark()
	var data struct {
		Meetings struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID, Date string
					Division *struct{ ID string }
				}
			}
		}
	}
	if !l.ask(shape, soakMeetingsByMonthQuery, map[string]any{"division": dm.division, "month": dm.month}, &data) {
		return
	}
	edges := data.Meetings.Edges
	if data.Meetings.TotalCount < len(edges) {
		l.fail(shape, "%d meetings of totalCount %d", len(edges), data.Meetings.TotalCount)
		return
	}
	for _, e := range edges {
		if e.Node.ID == "" {
			if l.removals.since(mark) {
				l.anomaly(shape, "a meeting without an ID in the list of %s in %s", dm.division, dm.month)
			} else {
				l.fail(shape, "a meeting without an ID in the list of %s in %s, and no report was deleted", dm.division, dm.month)
			}
			return
		}
		if !strings.HasPrefix(e.Node.Date, dm.month) {
			l.fail(shape, "meeting %s dated %s in the list of %s", e.Node.ID, e.Node.Date, dm.month)
			return
		}
	}
	if len(edges) == 0 {
		// A month learnt from a report that may since have been deleted
		// may be empty; one a fixed report tells of may not.
		if dm.stable {
			l.fail(shape, "no meetings of %s in %s, which a report never deleted tells of", dm.division, dm.month)
			return
		}
		l.ok(shape)
		return
	}
	l.ok(shape)
	id := edges[rng.IntN(len(edges))].Node.ID
	var node struct {
		Node *struct{ ID string }
	}
	if !l.ask("node-after-list", soakNodeQuery, map[string]any{"id": id}, &node) {
		return
	}
	switch {
	case node.Node == nil && l.removals.since(mark):
		l.raced("node-after-list")
		l.ok("node-after-list")
	case node.Node == nil:
		l.fail("node-after-list", "meeting %s was listed but node(id) is null, and no report was deleted", id)
	case node.Node.ID != id:
		l.fail("node-after-list", "node(%s) = %s", id, node.Node.ID)
	default:
		l.ok("node-after-list")
	}
}

const soakCoAttendeesQuery = `query SoakCoAttendees($id: ID!) { official(id: $id) {
  coAttendees(first: 20) { official { id name } sharedCount sharedMeetings { id name } } } }`

func readCoAttendees(l *soakLoad, rng *rand.Rand) {
	const shape = "co-attendees"
	o, ok := pick(l.graph, rng, &l.graph.stable)
	if !ok {
		return
	}
	mark := l.removals.mark()
	var data struct {
		Official *struct {
			CoAttendees []struct {
				Official       struct{ ID string }
				SharedCount    int
				SharedMeetings []struct{ ID string }
			}
		}
	}
	if !l.ask(shape, soakCoAttendeesQuery, map[string]any{"id": o.ID}, &data) {
		return
	}
	if data.Official == nil {
		l.fail(shape, "official(%s) is null, want the official of a report never deleted", o.ID)
		return
	}
	prev, raced := math.MaxInt, false
	for _, c := range data.Official.CoAttendees {
		if c.Official.ID == o.ID || c.SharedCount < 1 || c.SharedCount > prev || len(c.SharedMeetings) > c.SharedCount {
			l.fail(shape, "co-attendee %+v of %s after a count of %d: want another official, most shared first, a meeting per count",
				c, o.ID, prev)
			return
		}
		if len(c.SharedMeetings) < c.SharedCount {
			// The meetings are fetched after they are counted: a
			// deletion in between may remove one, and only that may.
			if !l.removals.since(mark) {
				l.fail(shape, "co-attendee %s of %s: %d shared meetings of a count of %d, and no report was deleted",
					c.Official.ID, o.ID, len(c.SharedMeetings), c.SharedCount)
				return
			}
			raced = true
		}
		prev = c.SharedCount
	}
	if raced {
		l.raced(shape)
	}
	l.ok(shape)
}

const soakConnectionQuery = `query SoakConnection($from: ID!, $to: ID!) {
  connection(from: $from, to: $to) { hops officials { id name } meetings { id name } } }`

func readConnection(l *soakLoad, rng *rand.Rand) {
	const shape = "connection"
	from, ok1 := pick(l.graph, rng, &l.graph.stable)
	to, ok2 := pick(l.graph, rng, &l.graph.stable)
	if !ok1 || !ok2 || from.ID == to.ID {
		return
	}
	var data struct {
		Connection struct {
			Hops      int
			Officials []struct{ ID string }
			Meetings  []struct{ ID string }
		}
	}
	if !l.ask(shape, soakConnectionQuery, map[string]any{"from": from.ID, "to": to.ID}, &data) {
		return
	}
	c := data.Connection
	if c.Hops > 0 && (len(c.Officials) != c.Hops+1 || len(c.Meetings) != c.Hops ||
		c.Officials[0].ID != from.ID || c.Officials[c.Hops].ID != to.ID) {
		l.fail(shape, "connection(%s, %s) = %+v, want a chain of hops meetings from one to the other", from.ID, to.ID, c)
		return
	}
	l.ok(shape)
}

const soakSearchQuery = `query SoakSearch($q: String!) { search(query: $q, first: 50) { score
  node { __typename ... on Official { id name } ... on Division { id name } ... on Meeting { id name } ... on Directive { id } } } }`

type searchData struct {
	Search []struct {
		Score int
		Node  struct{ Typename, ID string }
	}
}

// checkHits checks that hits come best first and, when want is set, that
// they include that ID.
func (l *soakLoad) checkHits(shape, q string, d searchData, want string) {
	prev, found := 101, want == ""
	for _, h := range d.Search {
		if h.Score < 1 || h.Score > prev {
			l.fail(shape, "search(%q): score %d after %d, want best first within 1..100", q, h.Score, prev)
			return
		}
		prev = h.Score
		found = found || h.Node.ID == want
	}
	if !found {
		l.fail(shape, "search(%q) misses official %s among %d hits", q, want, len(d.Search))
		return
	}
	l.ok(shape)
}

func readSearchPinyin(l *soakLoad, rng *rand.Rand) {
	const shape = "search-pinyin"
	o, ok := pick(l.graph, rng, &l.graph.officials)
	if !ok {
		return
	}
	var d searchData
	if l.ask(shape, soakSearchQuery, map[string]any{"q": o.Pinyin}, &d) {
		l.checkHits(shape, o.Pinyin, d, "")
	}
}

func readSearchHan(l *soakLoad, rng *rand.Rand) {
	const shape = "search-han"
	o, ok := pick(l.graph, rng, &l.graph.stable)
	if !ok {
		return
	}
	var d searchData
	if l.ask(shape, soakSearchQuery, map[string]any{"q": o.Name}, &d) {
		l.checkHits(shape, o.Name, d, o.ID)
	}
}

const soakStatsQuery = `query SoakStats($division: ID) { stats(division: $division, top: 5) { meetings
  meetingsPerMonth { month count } participationsPerRole { role count }
  mostActiveOfficials { official { id name } count } divisionsReportingMost { division { id } count } } }`

func readStats(l *soakLoad, rng *rand.Rand) {
	const shape = "stats"
	vars := map[string]any{"division": nil}
	if rng.IntN(2) == 0 {
		if d, ok := pick(l.graph, rng, &l.graph.divisions); ok {
			vars["division"] = d
		}
	}
	var data struct {
		Stats struct {
			Meetings            int
			MeetingsPerMonth    []struct{ Count int }
			MostActiveOfficials []struct{ Count int }
		}
	}
	mark := l.writes.mark()
	if !l.ask(shape, soakStatsQuery, vars, &data) {
		return
	}
	s := data.Stats
	sum := 0
	for _, m := range s.MeetingsPerMonth {
		sum += m.Count
	}
	if len(s.MostActiveOfficials) > 5 {
		l.fail(shape, "stats(%v): %d most active officials, want at most 5", vars["division"], len(s.MostActiveOfficials))
		return
	}
	if sum > s.Meetings {
		// The aggregates are computed apart; a write between them
		// may make them disagree.
		if l.writes.since(mark) {
			l.anomaly(shape, "stats(%v): %d meetings, %d by month", vars["division"], s.Meetings, sum)
		} else {
			l.fail(shape, "stats(%v): %d meetings, %d by month, and nothing was written; want no more by month than in all",
				vars["division"], s.Meetings, sum)
		}
		return
	}
	l.ok(shape)
}

const soakNodesQuery = `query SoakNodes($ids: [ID!]!) { nodes(ids: $ids) { id
  ... on Official { name } ... on Meeting { name date } } }`

// readNodes fetches known officials and meetings at once: each answer is
// the object asked for, in order, or null for one a deletion removed.
func readNodes(l *soakLoad, rng *rand.Rand) {
	const shape = "nodes"
	var ids []string
	for range 3 {
		if o, ok := pick(l.graph, rng, &l.graph.officials); ok {
			ids = append(ids, o.ID)
		}
		if m, ok := pick(l.graph, rng, &l.graph.meetings); ok {
			ids = append(ids, m)
		}
	}
	if len(ids) == 0 {
		return
	}
	var data struct {
		Nodes []*struct{ ID string }
	}
	if !l.ask(shape, soakNodesQuery, map[string]any{"ids": ids}, &data) {
		return
	}
	if len(data.Nodes) != len(ids) {
		l.fail(shape, "nodes(%d ids) gave %d", len(ids), len(data.Nodes))
		return
	}
	for i, n := range data.Nodes {
		if n != nil && n.ID != ids[i] {
			l.fail(shape, "nodes[%d] = %s, want %s", i, n.ID, ids[i])
			return
		}
	}
	l.ok(shape)
}

const soakPagingQuery = `query SoakPaging($after: String) { meetings(first: 10, after: $after, orderBy: DESC) {
  totalCount edges { cursor node { id date } } pageInfo { hasNextPage endCursor } } }`

// readPaging follows cursors through up to three pages of meetings: a
// keyset page repeats a meeting of an earlier one only when the meeting's
// date, its sort key, changed in between, which only a write can do.
func readPaging(l *soakLoad, rng *rand.Rand) {
	const shape = "paging"
	mark := l.writes.mark()
	seen := map[string]string{} // date by meeting ID
	var after any
	for page := range 3 {
		var data struct {
			Meetings struct {
				Edges []struct {
					Cursor string
					Node   struct{ ID, Date string }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		if !l.ask(shape, soakPagingQuery, map[string]any{"after": after}, &data) {
			return
		}
		m := data.Meetings
		for _, e := range m.Edges {
			date, dup := seen[e.Node.ID]
			var wrong string
			switch {
			case e.Node.ID == "":
				wrong = fmt.Sprintf("a meeting without an ID on page %d", page+1)
			case dup && date != e.Node.Date && l.writes.since(mark):
				// The meeting's date, its sort key, changed between
				// the pages: it moved, and keyset paging shows it
				// again. That is correct.
				l.raced(shape)
			case dup:
				wrong = fmt.Sprintf("meeting %s again on page %d, dated %q then %q", e.Node.ID, page+1, date, e.Node.Date)
			}
			if wrong != "" {
				if l.writes.since(mark) {
					l.anomaly(shape, "%s", wrong)
				} else {
					l.fail(shape, "%s, and nothing was written", wrong)
				}
				return
			}
			seen[e.Node.ID] = e.Node.Date
		}
		if n := len(m.Edges); n > 0 && (m.PageInfo.EndCursor == nil || *m.PageInfo.EndCursor != m.Edges[n-1].Cursor) {
			l.fail(shape, "endCursor %v is not the last edge's cursor %q", m.PageInfo.EndCursor, m.Edges[n-1].Cursor)
			return
		}
		l.ok(shape)
		if !m.PageInfo.HasNextPage || m.PageInfo.EndCursor == nil {
			return
		}
		after = *m.PageInfo.EndCursor
	}
}

func readBadCursor(l *soakLoad, rng *rand.Rand) {
	l.askBad("bad-cursor", "", `query SoakBadCursor($after: String) { meetings(first: 5, after: $after) { totalCount } }`,
		map[string]any{"after": fmt.Sprintf("not-a-cursor-%d", rng.IntN(1000))}, "BAD_USER_INPUT")
}

func readBadPageSize(l *soakLoad, rng *rand.Rand) {
	l.askBad("bad-page-size", "", `query SoakBadPageSize { officials(first: 1000) { totalCount } }`, nil, "BAD_USER_INPUT")
}

// readUnknownID asks about IDs of the right form that name nothing: a
// connection from one is a NOT_FOUND error, a node lookup is null.
func readUnknownID(l *soakLoad, rng *rand.Rand) {
	const shape = "bad-unknown-id"
	to, ok := pick(l.graph, rng, &l.graph.stable)
	if !ok {
		return
	}
	if rng.IntN(2) == 0 {
		l.askBad(shape, "", soakConnectionQuery, map[string]any{"from": "off_aaaaaaaaaaaaaaaa", "to": to.ID}, "NOT_FOUND")
		return
	}
	var data struct {
		Node *struct{ ID string }
	}
	if l.ask(shape, soakNodeQuery, map[string]any{"id": "mtg_aaaaaaaaaaaaaaaa"}, &data) {
		if data.Node != nil {
			l.fail(shape, "node(mtg_aaaaaaaaaaaaaaaa) = %+v, want null", data.Node)
			return
		}
		l.count(shape, func(s *shapeStats) { s.expected["null"]++ })
	}
}

func readNoToken(l *soakLoad, rng *rand.Rand) {
	l.askBad("bad-no-token", "", soakDeleteMutation, map[string]any{"id": "rep_aaaaaaaaaaaaaaaa"}, "UNAUTHENTICATED")
}

const soakIngestMutation = `mutation SoakIngest($input: IngestReportInput!) { ingestReport(input: $input) {
  result report { id synthetic }
  meetings { id date division { id } participants { official { id name pinyin garbled } roles } } } }`

const soakDeleteMutation = `mutation SoakDelete($id: ID!) { deleteReport(id: $id) { deletedReportId } }`

type ingestPayload struct {
	Result string
	Report struct {
		ID        string
		Synthetic bool
	}
	Meetings []struct {
		ID, Date     string
		Division     *struct{ ID string }
		Participants []struct {
			Official struct {
				ID, Name, Pinyin string
				Garbled          bool
			}
		}
	}
}

// soakWriter ingests, re-ingests and deletes reports at a steady pace.
// Fixed reports stay; of the rotating ones, about half are stored at any
// time: the writer creates one, re-ingests one, deletes one, re-ingests
// one, and so on, so that the corpus keeps its size.
type soakWriter struct {
	l        *soakLoad
	rng      *rand.Rand
	fixed    []soakReport
	stored   []soakReport // rotating reports stored
	unstored []soakReport
	ids      map[string]string // report name → ID

	created, unchanged, replaced, deleted, failed int
	latency                                       histogram
}

func (w *soakWriter) resetStats() {
	w.created, w.unchanged, w.replaced, w.deleted, w.failed = 0, 0, 0, 0, 0
	w.latency = histogram{}
}

func (w *soakWriter) run(ctx context.Context) {
	tick := time.NewTicker(*soakWriteEvery)
	defer tick.Stop()
	for step := 0; ctx.Err() == nil; step++ {
		switch step % 4 {
		case 0:
			if len(w.unstored) > 0 {
				i := w.rng.IntN(len(w.unstored))
				r := w.unstored[i]
				if w.ingest(r, false) {
					w.unstored = slices.Delete(w.unstored, i, i+1)
					w.stored = append(w.stored, r)
				}
			}
		case 2:
			if len(w.stored) > 0 {
				i := w.rng.IntN(len(w.stored))
				r := w.stored[i]
				if w.delete(r) {
					w.stored = slices.Delete(w.stored, i, i+1)
					w.unstored = append(w.unstored, r)
				}
			}
		default:
			// Writing a stored report again changes nothing.
			all := append(slices.Clip(w.fixed), w.stored...)
			if len(all) > 0 {
				w.ingest(all[w.rng.IntN(len(all))], false)
			}
		}
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
}

// ingest writes r through the API and learns its IDs; stable says the
// report is never deleted.
func (w *soakWriter) ingest(r soakReport, stable bool) bool {
	const shape = "ingestReport"
	defer w.l.writes.begin()()
	start := time.Now()
	out, ok := w.l.send(shape, testWriteToken, soakIngestMutation, map[string]any{"input": r.input})
	w.latency.add(time.Since(start))
	if !ok {
		w.failed++
		return false
	}
	var data struct{ IngestReport ingestPayload }
	if len(out.Errors) > 0 || json.Unmarshal(out.Data, &data) != nil {
		w.failed++
		w.l.fail(shape, "%s: errors %+v, data %s", r.name, out.Errors, out.Data)
		return false
	}
	p := data.IngestReport
	if !p.Report.Synthetic || p.Report.ID == "" {
		w.failed++
		w.l.fail(shape, "%s: report %+v, want an ID and synthetic", r.name, p.Report)
		return false
	}
	if w.ids == nil {
		w.ids = map[string]string{}
	}
	if id, ok := w.ids[r.name]; ok && id != p.Report.ID {
		w.l.fail(shape, "%s: ID %s, earlier %s; want the same report the same ID", r.name, p.Report.ID, id)
	}
	w.ids[r.name] = p.Report.ID
	switch p.Result {
	case "CREATED":
		w.created++
	case "UNCHANGED":
		w.unchanged++
	case "REPLACED":
		w.replaced++
	}
	w.l.ok(shape)
	w.l.graph.learn(p, stable)
	return true
}

// delete removes r through the API, telling readers a deletion is under
// way.
func (w *soakWriter) delete(r soakReport) bool {
	const shape = "deleteReport"
	id := w.ids[r.name]
	defer w.l.removals.begin()()
	defer w.l.writes.begin()()
	start := time.Now()
	out, ok := w.l.send(shape, testWriteToken, soakDeleteMutation, map[string]any{"id": id})
	w.latency.add(time.Since(start))
	if !ok {
		w.failed++
		return false
	}
	if len(out.Errors) > 0 || !strings.Contains(string(out.Data), `"deletedReportId":"`+id+`"`) {
		w.failed++
		w.l.fail(shape, "%s (%s): errors %+v, data %s", r.name, id, out.Errors, out.Data)
		return false
	}
	w.deleted++
	w.l.ok(shape)
	return true
}

// histogram counts latencies in logarithmic buckets, 16 to a doubling,
// from 1 µs: quantiles are exact to within 5%, and its size is fixed
// however long the run.
type histogram struct {
	counts [16 * 40]int
	n      int
}

func (h *histogram) add(d time.Duration) {
	us := max(d.Seconds()*1e6, 1)
	i := min(int(math.Log2(us)*16), len(h.counts)-1)
	h.counts[i]++
	h.n++
}

// quantile returns the nearest-rank q-quantile in milliseconds, the
// geometric middle of its bucket.
func (h *histogram) quantile(q float64) float64 {
	if h.n == 0 {
		return 0
	}
	rank := max(int(math.Ceil(q*float64(h.n))), 1)
	for i, c := range h.counts {
		rank -= c
		if rank <= 0 {
			return math.Exp2((float64(i)+0.5)/16) / 1e3
		}
	}
	return math.Inf(1)
}

// runtimeSample is the process's goroutines and live heap at a moment of
// the run.
type runtimeSample struct {
	Seconds    float64 `json:"seconds"`
	Goroutines int     `json:"goroutines"`
	HeapLive   uint64  `json:"heapLiveBytes"`
}

func readRuntime() runtimeSample {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return runtimeSample{Goroutines: runtime.NumGoroutine(), HeapLive: s[0].Value.Uint64()}
}

// sampleRuntime samples every interval until ctx ends.
func sampleRuntime(ctx context.Context, every time.Duration, start time.Time) []runtimeSample {
	var out []runtimeSample
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return out
		case <-tick.C:
			s := readRuntime()
			s.Seconds = time.Since(start).Seconds()
			out = append(out, s)
		}
	}
}

// settledRuntime waits, up to goroutineSettle, for the goroutines to come
// down to at most target (no wait when target is 0, only a short pause),
// then collects garbage and samples.
func settledRuntime(target int) runtimeSample {
	time.Sleep(500 * time.Millisecond) // connections closing
	for deadline := time.Now().Add(goroutineSettle); target > 0 && runtime.NumGoroutine() > target && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	runtime.GC()
	runtime.GC() // the first GC's finalizers may free more
	return readRuntime()
}

// judgeLeaks applies the leak rule to the samples, recording the figures
// and any finding.
func judgeLeaks(res *soakResults) {
	if limit := res.GoroutinesBefore + goroutineMargin; res.GoroutinesAfter > limit {
		res.LeakFindings = append(res.LeakFindings, fmt.Sprintf("%d goroutines after the load, %d before: over the margin of %d",
			res.GoroutinesAfter, res.GoroutinesBefore, goroutineMargin))
	}
	half := res.Samples[len(res.Samples)/2:]
	if len(half) < 3 {
		res.LeakFindings = append(res.LeakFindings, fmt.Sprintf("%d samples in the second half, too few to judge the heap", len(half)))
		return
	}
	xs, ys := make([]float64, len(half)), make([]float64, len(half))
	var peak uint64
	for i, s := range half {
		xs[i], ys[i] = s.Seconds, float64(s.HeapLive)
		peak = max(peak, s.HeapLive)
	}
	slope := leastSquaresSlope(xs, ys)
	sorted := slices.Clone(ys)
	slices.Sort(sorted)
	median := sorted[len(sorted)/2]
	res.HeapSecondHalfMedian = uint64(median)
	res.HeapSecondHalfPeak = peak
	res.HeapGrowth = slope * (xs[len(xs)-1] - xs[0])
	res.HeapGrowthLimit = max(heapGrowthShare*median, heapGrowthFloor)
	if res.HeapGrowth > res.HeapGrowthLimit {
		res.LeakFindings = append(res.LeakFindings, fmt.Sprintf("the live heap rose by %s over the second half of the load (median %s), over the limit of %s",
			mib(res.HeapGrowth), mib(median), mib(res.HeapGrowthLimit)))
	}
	if res.HeapAfter > peak+heapEndMargin {
		res.LeakFindings = append(res.LeakFindings, fmt.Sprintf("the live heap after the load and a GC is %s, over the second half's peak %s plus %s",
			mib(float64(res.HeapAfter)), mib(float64(peak)), mib(heapEndMargin)))
	}
}

// TestSoakLeakRule checks the leak rule itself on made-up samples: a flat
// heap and goroutines that come back pass; a heap that keeps rising, a
// heap left high after the load and goroutines left behind are found.
func TestSoakLeakRule(t *testing.T) {
	const mb = 1 << 20
	samples := func(grow float64) []runtimeSample {
		var out []runtimeSample
		for i := range 60 {
			// A sawtooth of ±1 MiB around 24 MiB, plus the growth.
			heap := 24*mb + float64(i%3-1)*mb + grow*float64(i)
			out = append(out, runtimeSample{Seconds: float64(i), Goroutines: 200, HeapLive: uint64(heap)})
		}
		return out
	}
	tests := []struct {
		name          string
		grow          float64 // bytes a second
		after         uint64
		gBefore, gEnd int
		want          string // a finding containing this; "" for none
	}{
		{name: "flat", after: 20 * mb, gBefore: 5, gEnd: 5},
		{name: "goroutines within the margin", after: 20 * mb, gBefore: 5, gEnd: 5 + goroutineMargin},
		{name: "rising heap", grow: 0.2 * mb, after: 20 * mb, gBefore: 5, gEnd: 5, want: "rose by"},
		{name: "high after the load", after: 40 * mb, gBefore: 5, gEnd: 5, want: "after the load and a GC"},
		{name: "goroutines left", after: 20 * mb, gBefore: 5, gEnd: 6 + goroutineMargin, want: "goroutines after the load"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := soakResults{Samples: samples(tt.grow), HeapAfter: tt.after, GoroutinesBefore: tt.gBefore, GoroutinesAfter: tt.gEnd}
			judgeLeaks(&res)
			got := strings.Join(res.LeakFindings, "; ")
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

func leastSquaresSlope(xs, ys []float64) float64 {
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= float64(len(xs))
	my /= float64(len(ys))
	var num, den float64
	for i := range xs {
		num += (xs[i] - mx) * (ys[i] - my)
		den += (xs[i] - mx) * (xs[i] - mx)
	}
	if den == 0 {
		return 0
	}
	return num / den
}

func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }

// loadAverage returns the machine's load averages, or "" where unknown.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " / ")
}

// soakResults is what a soak run measured, as latest.json holds it.
type soakResults struct {
	Command       string  `json:"command"`
	Long          bool    `json:"long"`
	Date          string  `json:"date"`
	Store         string  `json:"store"`
	Load          string  `json:"load"`
	Seconds       float64 `json:"seconds"`
	Readers       int     `json:"readers"`
	WriteEvery    string  `json:"writeEvery"`
	Cores         int     `json:"cores"`
	GoVersion     string  `json:"goVersion"`
	LoadAvgBefore string  `json:"loadAverageBefore"`
	LoadAvgAfter  string  `json:"loadAverageAfter"`

	FixedReports     int     `json:"fixedReports"`
	RotatingReports  int     `json:"rotatingReports"`
	PreloadedReports int     `json:"preloadedReports"`
	PreloadSeconds   float64 `json:"preloadSeconds"`

	Requests           int           `json:"reads"`
	ReadsPerSecond     float64       `json:"readsPerSecond"`
	Unexpected         int           `json:"unexpected"`
	UnexpectedExamples []string      `json:"unexpectedExamples"`
	Anomalies          int           `json:"anomalies"`
	AnomalyExamples    []string      `json:"anomalyExamples"`
	Shapes             []shapeResult `json:"shapes"`
	Writes             writeResult   `json:"writes"`

	Rule                 string          `json:"leakRule"`
	GoroutinesBefore     int             `json:"goroutinesBefore"`
	GoroutinesAfter      int             `json:"goroutinesAfter"`
	HeapBefore           uint64          `json:"heapLiveBytesBefore"`
	HeapAfter            uint64          `json:"heapLiveBytesAfter"`
	HeapSecondHalfMedian uint64          `json:"heapSecondHalfMedianBytes"`
	HeapSecondHalfPeak   uint64          `json:"heapSecondHalfPeakBytes"`
	HeapGrowth           float64         `json:"heapSecondHalfGrowthBytes"`
	HeapGrowthLimit      float64         `json:"heapSecondHalfGrowthLimitBytes"`
	LeakFindings         []string        `json:"leakFindings"`
	Samples              []runtimeSample `json:"samples"`
}

type shapeResult struct {
	Name       string         `json:"name"`
	Requests   int            `json:"requests"`
	OK         int            `json:"ok"`
	Expected   map[string]int `json:"expectedErrors,omitempty"`
	Unexpected int            `json:"unexpected"`
	Raced      int            `json:"raced"`
	Anomalies  int            `json:"anomalies"`
	P50ms      float64        `json:"p50ms"`
	P99ms      float64        `json:"p99ms"`
}

type writeResult struct {
	Created   int     `json:"created"`
	Unchanged int     `json:"unchanged"`
	Replaced  int     `json:"replaced"`
	Deleted   int     `json:"deleted"`
	Failed    int     `json:"failed"`
	PerSecond float64 `json:"writesPerSecond"`
	IngestsPS float64 `json:"ingestsPerSecond"`
	P50ms     float64 `json:"p50ms"`
	P99ms     float64 `json:"p99ms"`
	Rotating  int     `json:"rotatingStoredAtEnd"`
	Fixed     int     `json:"fixedStored"`
}

// summarize fills res with the counts of the load.
func (l *soakLoad) summarize(res *soakResults, w *soakWriter, elapsed time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	names := make([]string, 0, len(l.stats))
	for name := range l.stats {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := l.stats[name]
		res.Shapes = append(res.Shapes, shapeResult{
			Name: name, Requests: s.requests, OK: s.ok, Expected: s.expected, Unexpected: s.unexpected, Raced: s.raced, Anomalies: s.anomalies,
			P50ms: s.latency.quantile(0.5), P99ms: s.latency.quantile(0.99),
		})
		if name != "ingestReport" && name != "deleteReport" {
			res.Requests += s.requests
		}
	}
	res.ReadsPerSecond = float64(res.Requests) / elapsed.Seconds()
	res.Unexpected = l.nUnexp
	res.UnexpectedExamples = l.unexpected
	res.Anomalies = l.nAnomalies
	res.AnomalyExamples = l.anomalies
	ingests := w.created + w.unchanged + w.replaced
	res.Writes = writeResult{
		Created: w.created, Unchanged: w.unchanged, Replaced: w.replaced, Deleted: w.deleted, Failed: w.failed,
		PerSecond: float64(ingests+w.deleted) / elapsed.Seconds(), IngestsPS: float64(ingests) / elapsed.Seconds(),
		P50ms: w.latency.quantile(0.5), P99ms: w.latency.quantile(0.99),
		Rotating: len(w.stored), Fixed: len(w.fixed),
	}
}

func (res *soakResults) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Soak results\n\n")
	if res.Long {
		fmt.Fprintf(&b, "Written by `%s`; the same run's figures, with every sample, are in the JSON file beside this one.\n\n", res.Command)
	} else {
		fmt.Fprintf(&b, "`%s`: logged only; the long run (`-soak 5m`) writes soak/results.\n\n", res.Command)
	}
	verdict := "**pass**"
	if res.Unexpected > 0 || len(res.LeakFindings) > 0 {
		verdict = "**fail**"
	}
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| date | %s |\n", res.Date)
	fmt.Fprintf(&b, "| verdict | %s: %d unexpected answers; %d leak findings; %d anomalies under concurrent writes (below) |\n",
		verdict, res.Unexpected, len(res.LeakFindings), res.Anomalies)
	fmt.Fprintf(&b, "| machine | %d cores, %s; load average (1/5/15 min) before %s, after %s |\n", res.Cores, res.GoVersion, res.LoadAvgBefore, res.LoadAvgAfter)
	fmt.Fprintf(&b, "| store | %s; server in the test process, HTTP on loopback |\n", res.Store)
	fmt.Fprintf(&b, "| load | %.0f s: %d readers; one writer starting a mutation every %s (or at once when the last took longer) |\n", res.Seconds, res.Readers, res.WriteEvery)
	fmt.Fprintf(&b, "| corpus | %d fixed reports (corpus/synthetic, never deleted) and %d rotating generated ones (bench/gen), %d stored before the load in %.1f s |\n",
		res.FixedReports, res.RotatingReports, res.PreloadedReports, res.PreloadSeconds)
	fmt.Fprintf(&b, "| reads | %d, %.1f/s |\n", res.Requests, res.ReadsPerSecond)
	w := res.Writes
	fmt.Fprintf(&b, "| writes | %.2f/s: ingests %.2f/s (%d created, %d unchanged, %d replaced), %d deleted, %d failed; p50 %.1f ms, p99 %.1f ms |\n\n",
		w.PerSecond, w.IngestsPS, w.Created, w.Unchanged, w.Replaced, w.Deleted, w.Failed, w.P50ms, w.P99ms)

	fmt.Fprintf(&b, "## Requests\n\nLatency is per request, client side, nearest rank, to within 5%%. \"Expected\" counts the deliberate errors (and deliberate misses, `null`) with the code they must have; \"raced\" counts correct answers that lacked something a concurrent `deleteReport` removed, or showed a meeting again on a later page after a write changed its date. \"Anomalies\" are wrong answers given while a write ran (see below).\n\n")
	fmt.Fprintf(&b, "| request | sent | ok | expected | unexpected | raced | anomalies | p50 ms | p99 ms |\n|---|---:|---:|---|---:|---:|---:|---:|---:|\n")
	for _, s := range res.Shapes {
		var exp []string
		for code, n := range s.Expected {
			exp = append(exp, fmt.Sprintf("%s %d", code, n))
		}
		sort.Strings(exp)
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %d | %d | %d | %.1f | %.1f |\n",
			s.Name, s.Requests, s.OK, strings.Join(exp, ", "), s.Unexpected, s.Raced, s.Anomalies, s.P50ms, s.P99ms)
	}
	if len(res.UnexpectedExamples) > 0 {
		fmt.Fprintf(&b, "\nUnexpected answers (the first %d):\n\n", len(res.UnexpectedExamples))
		for _, u := range res.UnexpectedExamples {
			fmt.Fprintf(&b, "- %s\n", u)
		}
	}

	if res.Anomalies > 0 {
		fmt.Fprintf(&b, "\n### Anomalies under concurrent writes\n\n"+
			"%d answers were wrong while a write ran: a meeting shown again on a later page with the same date, a meeting "+
			"without an ID, or `stats` counting more meetings by month than in all. The likely cause: Neo4j reads at "+
			"read-committed isolation, and one query (or the several of one answer) may see a meeting `deleteReport` removes "+
			"as well as the one a re-ingest creates again with the same ID, or the removed one without its properties. "+
			"The test lists them and fails only on such an answer without a "+
			"concurrent write. The first %d:\n\n", res.Anomalies, len(res.AnomalyExamples))
		for _, a := range res.AnomalyExamples {
			fmt.Fprintf(&b, "- %s\n", a)
		}
	}

	fmt.Fprintf(&b, "\n## Goroutines and heap\n\nRule: %s.\n\n", res.Rule)
	fmt.Fprintf(&b, "| | before the load | second half of the load | after the load |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| goroutines | %d | | %d |\n", res.GoroutinesBefore, res.GoroutinesAfter)
	fmt.Fprintf(&b, "| live heap | %s | median %s, peak %s, trend %+.1f MiB (limit %s) | %s |\n\n",
		mib(float64(res.HeapBefore)), mib(float64(res.HeapSecondHalfMedian)), mib(float64(res.HeapSecondHalfPeak)),
		res.HeapGrowth/(1<<20), mib(res.HeapGrowthLimit), mib(float64(res.HeapAfter)))
	for _, f := range res.LeakFindings {
		fmt.Fprintf(&b, "- leak: %s\n", f)
	}
	fmt.Fprintf(&b, "Samples (seconds into the load: goroutines, live heap):\n\n")
	step := max(len(res.Samples)/20, 1)
	for i := 0; i < len(res.Samples); i += step {
		s := res.Samples[i]
		fmt.Fprintf(&b, "%.1fs: %d, %s; ", s.Seconds, s.Goroutines, mib(float64(s.HeapLive)))
	}
	b.WriteString("\n")
	return b.String()
}

// writeSoakResults writes the long run's figures to soak/results: latest
// for the Neo4j store, latest-memstore for the in-memory one.
func writeSoakResults(t *testing.T, res *soakResults, md string) {
	t.Helper()
	name := "latest"
	if res.Store != "neo4j" {
		name += "-" + res.Store
	}
	dir := filepath.Join("soak", "results")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	js, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	for path, b := range map[string][]byte{
		filepath.Join(dir, name+".json"): append(js, '\n'),
		filepath.Join(dir, name+".md"):   []byte(md),
	} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("results written to %s/%s.{md,json}", dir, name)
}
