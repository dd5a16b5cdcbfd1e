package graph_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"officialgraph/bench/gen"
	"officialgraph/graph"
	"officialgraph/internal/httpserver"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
)

var latencyReports = flag.Int("latency-reports", 2000, "generated reports BenchmarkAPILatency loads into the in-memory store")

// The six query shapes of bench/cmd/bench, as the service is asked them.
const (
	officialShape = `query Official($id: ID!) {
  official(id: $id) {
    id name aliases pinyin
    positions { position { title organization } firstSeen lastSeen }
    meetings(first: 20) { totalCount edges { node { id name date kind } roles titlesAtTheTime } }
  }
}`
	meetingsByMonthShape = `query Meetings($division: ID!, $month: Date!) {
  meetings(filter: {division: $division, from: $month, to: $month}, first: 50) {
    totalCount edges { node { id name date kind } }
  }
}`
	coAttendeesShape = `query CoAttendees($id: ID!) {
  official(id: $id) { coAttendees(first: 20) { official { id name } sharedCount } }
}`
	connectionShape = `query Connection($from: ID!, $to: ID!) {
  connection(from: $from, to: $to, maxHops: 4) { hops officials { id name } meetings { id name date } }
}`
	searchShape = `query Search($query: String!) {
  search(query: $query, types: [OFFICIAL], first: 20) { score node { ... on Official { id name pinyin } } }
}`
	statsShape = `query Stats($division: ID!, $from: Date!, $to: Date!) {
  stats(division: $division, from: $from, to: $to, top: 10) {
    meetings
    meetingsPerMonth { month count }
    participationsPerRole { role count }
    mostActiveOfficials { official { id name } count }
    directivesPerIssuer { issuer { id name } issuedByMeeting count }
    divisionsReportingMost { division { id name } count }
  }
}`
)

// corpus is generated reports read through the real pipeline: their
// facts, a memstore holding them, and the variables each shape cycles
// through, drawn from them as bench/cmd/bench draws them: the busiest
// officials, division-months and city-years.
type corpus struct {
	store *memstore.Store
	facts []*kg.ReportFacts
	vars  map[string][]map[string]any
}

// latencyCorpus is the corpus of -latency-reports reports.
var latencyCorpus = sync.OnceValue(func() corpus {
	ctx := context.Background()
	s := memstore.New()
	var facts []*kg.ReportFacts
	meetingsOf := map[string]map[string]bool{} // official → meetings
	pinyin := map[string]string{}
	type divMonth struct{ division, month string }
	seenMeeting := map[string]bool{}
	perMonth := map[divMonth]int{}
	perYear := map[divMonth]int{} // city-years
	g := gen.New(gen.Config{Seed: 1, Reports: *latencyReports})
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
			panic(err)
		}
		facts = append(facts, f)
		cities := map[string]bool{}
		for _, d := range f.Divisions {
			if d.Level == kg.LevelCity {
				cities[d.ID] = true
			}
		}
		for _, o := range f.Officials {
			pinyin[o.ID] = o.Pinyin
		}
		for _, p := range f.Participations {
			if meetingsOf[p.OfficialID] == nil {
				meetingsOf[p.OfficialID] = map[string]bool{}
			}
			meetingsOf[p.OfficialID][p.MeetingID] = true
		}
		for _, m := range f.Meetings {
			if seenMeeting[m.ID] || m.DivisionID == "" || m.Date.Year == 0 {
				continue
			}
			seenMeeting[m.ID] = true
			date := m.Date.String()
			if m.Date.Month != 0 {
				perMonth[divMonth{m.DivisionID, date[:7]}]++
			}
			if cities[m.DivisionID] {
				perYear[divMonth{m.DivisionID, date[:4]}]++
			}
		}
	}

	const poolSize = 100
	vars := map[string][]map[string]any{}
	officials := make([]string, 0, len(meetingsOf))
	for id := range meetingsOf {
		officials = append(officials, id)
	}
	slices.SortFunc(officials, func(a, b string) int {
		return cmp.Or(-cmp.Compare(len(meetingsOf[a]), len(meetingsOf[b])), cmp.Compare(a, b))
	})
	officials = officials[:min(poolSize, len(officials))]
	for _, id := range officials {
		vars["official"] = append(vars["official"], map[string]any{"id": id})
		vars["co-attendees"] = append(vars["co-attendees"], map[string]any{"id": id})
		if py := pinyin[id]; py != "" {
			vars["search"] = append(vars["search"], map[string]any{"query": py})
		}
	}
	busiest := func(counts map[divMonth]int) []divMonth {
		keys := make([]divMonth, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b divMonth) int {
			return cmp.Or(-cmp.Compare(counts[a], counts[b]), cmp.Compare(a.division, b.division), cmp.Compare(a.month, b.month))
		})
		return keys[:min(poolSize, len(keys))]
	}
	for _, k := range busiest(perMonth) {
		vars["meetings-by-month"] = append(vars["meetings-by-month"], map[string]any{"division": k.division, "month": k.month})
	}
	for _, k := range busiest(perYear) {
		y, _ := strconv.Atoi(k.month)
		vars["stats"] = append(vars["stats"], map[string]any{"division": k.division, "from": k.month, "to": strconv.Itoa(y + 1)})
	}
	// Pairs two meetings apart: b shares a meeting with a co-attendee of a
	// but none with a.
	for _, a := range officials[:min(40, len(officials))] {
		near, err := s.CoAttendees(ctx, a, kg.CoAttendeeFilter{})
		if err != nil {
			panic(err)
		}
		met := map[string]bool{a: true}
		for _, c := range near {
			met[c.Official.ID] = true
		}
	pair:
		for _, x := range near[:min(20, len(near))] {
			far, err := s.CoAttendees(ctx, x.Official.ID, kg.CoAttendeeFilter{})
			if err != nil {
				panic(err)
			}
			for _, c := range far {
				if !met[c.Official.ID] {
					vars["connection"] = append(vars["connection"], map[string]any{"from": a, "to": c.Official.ID})
					break pair
				}
			}
		}
	}
	return corpus{store: s, facts: facts, vars: vars}
})

// BenchmarkAPILatency runs each of bench/cmd/bench's query shapes through
// the GraphQL API over the in-memory store holding a generated corpus
// (-latency-reports, 2,000 by default), in process, without a network: the
// GraphQL handler alone ("handler") and behind the service's middleware
// ("server"), as bench/cmd/bench serves it. It reports the median and 99th
// percentile latency besides the mean. Run it with -cpuprofile to see where
// a request's time goes.
func BenchmarkAPILatency(b *testing.B) {
	c := latencyCorpus()
	s, vars := c.store, c.vars
	log := slog.New(slog.DiscardHandler)
	cfg := httpserver.DefaultConfig
	cfg.RateLimit = httpserver.Rate{}
	handlers := []struct {
		name string
		h    http.Handler
	}{
		{"handler", graph.NewHandler(s, log, cfg.Limits)},
		{"server", httpserver.New(s, log, cfg)},
	}
	shapes := []struct{ name, query string }{
		{"official", officialShape},
		{"meetings-by-month", meetingsByMonthShape},
		{"co-attendees", coAttendeesShape},
		{"connection", connectionShape},
		{"search", searchShape},
		{"stats", statsShape},
	}
	for _, h := range handlers {
		for _, sh := range shapes {
			pool := vars[sh.name]
			if len(pool) == 0 {
				b.Fatalf("no variables for %s in the corpus", sh.name)
			}
			bodies := make([][]byte, len(pool))
			for i, v := range pool {
				bodies[i], _ = json.Marshal(map[string]any{"query": sh.query, "variables": v})
			}
			b.Run(h.name+"/"+sh.name, func(b *testing.B) {
				// The first request of a shape may build the indexes it
				// reads, and fills the parsed-query cache.
				if err := post(h.h, bodies[0]); err != nil {
					b.Fatal(err)
				}
				lat := make([]time.Duration, 0, b.N)
				i := 0
				b.ReportAllocs()
				started := graph.GoroutinesCreated()
				cpuBefore, cpuOK := processCPU()
				for b.Loop() {
					start := time.Now()
					if err := post(h.h, bodies[i%len(bodies)]); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
					i++
				}
				b.ReportMetric(float64(graph.GoroutinesCreated()-started)/float64(len(lat)), "goroutines/op")
				if cpuAfter, ok := processCPU(); ok && cpuOK {
					b.ReportMetric(float64((cpuAfter-cpuBefore).Microseconds())/float64(len(lat)), "cpu-µs/op")
				}
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
				b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
			})
		}
	}
}

// post sends one GraphQL request to h and checks that it was answered
// without errors.
func post(h http.Handler, body []byte) error {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return fmt.Errorf("status %d: %s", rec.Code, rec.Body)
	}
	// Decoding the whole answer would weigh on the latency measured; an
	// answer with errors has the key at the top level.
	if bytes.Contains(rec.Body.Bytes(), []byte(`"errors":`)) {
		return fmt.Errorf("errors: %s", rec.Body)
	}
	return nil
}
