package metrics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/storetest"
)

// The decorated store must pass the same contract as the store it wraps:
// it only watches.
func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return New().Store(memstore.New()) })
}

// explorer is a store with kg.Explorer whose explorer methods count calls.
type explorer struct {
	kg.Store
	kg.Explorer
	searches int
}

func (e *explorer) Search(context.Context, kg.SearchQuery) ([]kg.SearchHit, error) {
	e.searches++
	return nil, nil
}

func TestStoreKeepsExplorer(t *testing.T) {
	inner := &explorer{Store: memstore.New()}
	s := New().Store(inner)
	ex, ok := s.(kg.Explorer)
	if !ok {
		t.Fatal("the decorated explorer is not a kg.Explorer")
	}
	if _, err := ex.Search(context.Background(), kg.SearchQuery{Text: "华"}); err != nil || inner.searches != 1 {
		t.Errorf("Search = %v, with %d calls to the store; want 1", err, inner.searches)
	}
	plain := struct{ kg.Store }{memstore.New()}
	if _, ok := New().Store(plain).(kg.Explorer); ok {
		t.Error("a store without kg.Explorer became one")
	}
}

func TestStoreCounts(t *testing.T) {
	m := New()
	s := m.Store(&explorer{Store: memstore.New()})
	ctx := context.Background()
	facts := storetest.SeedFacts()
	for range 2 {
		if _, err := s.WriteReport(ctx, facts); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.WriteReport(ctx, &kg.ReportFacts{}); err == nil {
		t.Fatal("writing empty facts succeeded")
	}
	if _, err := s.Official(ctx, "off_aaaaaaaaaaaaaaaa"); !errors.Is(err, kg.ErrNotFound) {
		t.Fatalf("Official(unknown) = %v, want not found", err)
	}
	if err := s.DeleteReport(ctx, facts.Report.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteReport(ctx, facts.Report.ID); !errors.Is(err, kg.ErrNotFound) {
		t.Fatalf("second delete = %v, want not found", err)
	}
	if _, err := s.(kg.Explorer).Search(ctx, kg.SearchQuery{Text: "华"}); err != nil {
		t.Fatal(err)
	}

	counters := []struct {
		name string
		got  float64
		want float64
	}{
		{"reports created", testutil.ToFloat64(m.reports.WithLabelValues(ResultCreated)), 1},
		{"reports unchanged", testutil.ToFloat64(m.reports.WithLabelValues(ResultUnchanged)), 1},
		{"reports failed", testutil.ToFloat64(m.reports.WithLabelValues(ResultFailed)), 1},
		{"reports deleted", testutil.ToFloat64(m.deleted.WithLabelValues(ResultDeleted)), 1},
		{"deletes not found", testutil.ToFloat64(m.deleted.WithLabelValues(ResultNotFound)), 1},
		{"WriteReport errors", testutil.ToFloat64(m.storeErrors.WithLabelValues("WriteReport")), 1},
		{"Official errors (not found is none)", testutil.ToFloat64(m.storeErrors.WithLabelValues("Official")), 0},
	}
	for _, c := range counters {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	for method, want := range map[string]uint64{"WriteReport": 3, "Official": 1, "DeleteReport": 2, "Search": 1} {
		if got := histogramCount(t, m, "officialgraph_store_call_duration_seconds", "method", method); got != want {
			t.Errorf("store calls of %s = %d, want %d", method, got, want)
		}
	}
}

func histogramCount(t *testing.T, m *Metrics, name, label, value string) uint64 {
	t.Helper()
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, metric := range f.GetMetric() {
			for _, l := range metric.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					return metric.GetHistogram().GetSampleCount()
				}
			}
		}
	}
	return 0
}

func TestOperationLabels(t *testing.T) {
	tests := []struct {
		name, opType, want string
	}{
		{"Seed", "query", "Seed"},
		{"", "query", AnonymousOperation},
		{"Whatever", "", NoOperation},
	}
	m := New()
	for _, tt := range tests {
		if got := m.operationLabel(tt.name, tt.opType); got != tt.want {
			t.Errorf("operationLabel(%q, %q) = %q, want %q", tt.name, tt.opType, got, tt.want)
		}
	}
}

// A client sending a fresh operation name each time must not grow the
// metrics without end.
func TestOperationNamesAreBounded(t *testing.T) {
	m := New()
	for i := range MaxOperationNames + 50 {
		m.ObserveOperation(fmt.Sprintf("Op%d", i), "query", time.Millisecond)
	}
	if got := testutil.CollectAndCount(m.operations); got != MaxOperationNames+1 {
		t.Errorf("%d operation series, want %d (the bound and %s)", got, MaxOperationNames+1, OtherOperation)
	}
	if got := testutil.ToFloat64(m.operations.WithLabelValues(OtherOperation, "query")); got != 50 {
		t.Errorf("%s = %v, want 50", OtherOperation, got)
	}
	// Names seen before the bound keep their series.
	m.ObserveOperation("Op0", "query", time.Millisecond)
	if got := testutil.ToFloat64(m.operations.WithLabelValues("Op0", "query")); got != 2 {
		t.Errorf("Op0 = %v, want 2", got)
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.ObserveHTTP("graphql", 200)
	m.ObserveOperation("Seed", "query", time.Second)
	m.CountError("INTERNAL")
	m.RequestStarted()()
	s := memstore.New()
	if got := m.Store(s); got != kg.Store(s) {
		t.Error("a nil Metrics wrapped the store")
	}
}

func TestHandlerServesTextFormat(t *testing.T) {
	m := New()
	m.ObserveHTTP("graphql", 429)
	m.CountError("RATE_LIMITED")
	m.ObserveOperation("Seed", "query", 3*time.Millisecond)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`officialgraph_http_requests_total{code="429",handler="graphql"} 1`,
		`officialgraph_graphql_errors_total{code="RATE_LIMITED"} 1`,
		`officialgraph_graphql_requests_total{operation="Seed",type="query"} 1`,
		`officialgraph_graphql_request_duration_seconds_bucket{operation="Seed",type="query",le="0.004"} 1`,
		`officialgraph_reports_written_total{result="created"} 0`,
		"go_goroutines",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}
