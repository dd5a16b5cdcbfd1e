package graph_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"testing"
	"time"

	"officialgraph/graph"
	"officialgraph/internal/httpserver"
	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jstore"
	"officialgraph/internal/neo4jtest"
)

// BenchmarkNeo4jLatency runs bench/cmd/bench's query shapes one at a time
// (concurrency 1) through the GraphQL handler over Neo4j holding the
// generated corpus of BenchmarkAPILatency (-latency-reports; a few hundred
// load in seconds, the default 2,000 in minutes). Each shape runs under
// each way of batching the loaders in turn, so that one run compares them
// on the same data and the same load: "by-site" (the service's), "fixed"
// (every batch waits the whole bound) and "direct" (no batching: each read
// is sent at once, the time left when no loader waits). The official
// shapes also run "by-field": by site, without the root official's
// read-ahead, each list read by its own field. Besides the median
// and 99th percentile latency it reports the Cypher queries per request
// and the CPU this process (the handler and the driver) spent on each.
func BenchmarkNeo4jLatency(b *testing.B) {
	s := neo4jtest.Open(b)
	c := latencyCorpus()
	vars := c.vars
	loadNeo4j(b, s, c.facts)
	cfg := httpserver.DefaultConfig
	h := graph.NewHandler(s, slog.New(slog.DiscardHandler), cfg.Limits)
	shapes := []struct{ name, query string }{
		{"official", officialShape},
		{"meetings-by-month", meetingsByMonthShape},
		{"co-attendees", coAttendeesShape},
		{"connection", connectionShape},
		{"search", searchShape},
		{"stats", statsShape},
	}
	for _, sh := range shapes {
		pool := vars[sh.name]
		if len(pool) == 0 {
			b.Fatalf("no variables for %s in the corpus", sh.name)
		}
		bodies := make([][]byte, len(pool))
		for i, v := range pool {
			bodies[i], _ = json.Marshal(map[string]any{"query": sh.query, "variables": v})
		}
		// Neo4j plans each query the first time it sees it, and the
		// handler parses each shape once; neither belongs to a request's
		// steady latency.
		for _, body := range bodies {
			if err := post(h, body); err != nil {
				b.Fatal(err)
			}
		}
		modes := []string{"by-site", "fixed", "direct"}
		if sh.name == "official" || sh.name == "co-attendees" {
			modes = append(modes, "by-field")
		}
		for _, mode := range modes {
			b.Run(sh.name+"/"+mode, func(b *testing.B) {
				defer graph.SetLoaderBatching(mode)()
				lat := make([]time.Duration, 0, b.N)
				before, started := s.QueryCount(), graph.GoroutinesCreated()
				cpuBefore, cpuOK := processCPU()
				i := 0
				for b.Loop() {
					start := time.Now()
					if err := post(h, bodies[i%len(bodies)]); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
					i++
				}
				queries := s.QueryCount() - before
				b.ReportMetric(float64(graph.GoroutinesCreated()-started)/float64(len(lat)), "goroutines/op")
				if cpuAfter, ok := processCPU(); ok && cpuOK {
					b.ReportMetric(float64((cpuAfter-cpuBefore).Microseconds())/float64(len(lat)), "cpu-µs/op")
				}
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
				b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
				b.ReportMetric(float64(queries)/float64(len(lat)), "queries/op")
			})
		}
	}
}

// loadNeo4j writes the corpus's facts into s, in batches as ingest does,
// so that the variables drawn from the corpus name the same objects.
func loadNeo4j(b *testing.B, s *neo4jstore.Store, facts []*kg.ReportFacts) {
	b.Helper()
	start := time.Now()
	for batch := range slices.Chunk(facts, 50) {
		if _, err := s.WriteReports(context.Background(), batch); err != nil {
			b.Fatalf("writing reports: %v", err)
		}
	}
	b.Logf("loaded %d reports into Neo4j in %v", len(facts), time.Since(start).Round(time.Millisecond))
}
