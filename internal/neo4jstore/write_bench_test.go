package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/bench/gen"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jtest"
)

// generated returns the facts of the first n reports of the benchmark
// corpus (seed 1, as make bench uses), extracted as ingest extracts them.
func generated(b testing.TB, n int) []*kg.ReportFacts {
	b.Helper()
	var out []*kg.ReportFacts
	g := gen.New(gen.Config{Seed: 1, Reports: n})
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		e, err := ingest.Extract(b.Context(), r.Text, r.IngestMeta(), r.Name)
		if err != nil {
			b.Fatal(err)
		}
		f, _, err := ingest.Facts(e, r.IngestMeta(), r.Text)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// clearQueryCaches empties the server's query caches, so that the
// benchmark pays for planning as a freshly started server does.
func clearQueryCaches(ctx context.Context, b *testing.B) {
	b.Helper()
	d, err := neo4j.NewDriverWithContext(neo4jtest.URI(b), neo4j.NoAuth())
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close(ctx)
	if _, err := neo4j.ExecuteQuery(ctx, d, "CALL db.clearQueryCaches()", nil, neo4j.EagerResultTransformer); err != nil {
		b.Fatalf("clearing the query caches: %v", err)
	}
}

// BenchmarkWriteReport writes b.N generated reports one WriteReport each
// into an emptied database with empty query caches, as `ingest` does, and
// reports the rate, the rate over the last quarter of the reports (which
// shows whether a write costs more as the graph grows), and the latency of
// one write. Run it with a fixed count, e.g. -benchtime 1000x, so that the
// graph reaches a known size.
func BenchmarkWriteReport(b *testing.B) {
	store := neo4jtest.Open(b)
	facts := generated(b, b.N)
	ctx := context.Background()
	clearQueryCaches(ctx, b)
	took := make([]time.Duration, len(facts))
	b.ResetTimer()
	start := time.Now()
	var lastQuarter time.Time
	for i, f := range facts {
		if i == len(facts)*3/4 {
			lastQuarter = time.Now()
		}
		t0 := time.Now()
		if _, err := store.WriteReport(ctx, f); err != nil {
			b.Fatalf("WriteReport(%s): %v", f.Report.ID, err)
		}
		took[i] = time.Since(t0)
	}
	end := time.Now()
	elapsed := end.Sub(start)
	b.StopTimer()

	b.ReportMetric(float64(len(facts))/elapsed.Seconds(), "reports/s")
	if q := len(facts) - len(facts)*3/4; q > 0 && !lastQuarter.IsZero() {
		b.ReportMetric(float64(q)/end.Sub(lastQuarter).Seconds(), "reports/s-last-quarter")
	}
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(at(0.5), "ms-p50")
	b.ReportMetric(at(0.99), "ms-p99")
	b.ReportMetric(at(1), "ms-max")
}

// BenchmarkWriteReports writes b.N generated reports into an emptied
// database in batches of each size, one WriteReports transaction per batch
// as `ingest` does, and reports the rate. Batch size 1 is one transaction
// per report. Run it with a fixed count, e.g. -benchtime 500x.
func BenchmarkWriteReports(b *testing.B) {
	for _, size := range []int{1, 8, 32, 64, 128, 256} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			store := neo4jtest.Open(b)
			facts := generated(b, b.N)
			ctx := context.Background()
			b.ResetTimer()
			start := time.Now()
			for batch := range slices.Chunk(facts, size) {
				if _, err := store.WriteReports(ctx, batch); err != nil {
					b.Fatalf("WriteReports(%d reports from %s): %v", len(batch), batch[0].Report.ID, err)
				}
			}
			elapsed := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(len(facts))/elapsed.Seconds(), "reports/s")
		})
	}
}
