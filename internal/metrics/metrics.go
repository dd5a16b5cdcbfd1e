// Package metrics keeps the service's Prometheus metrics: HTTP requests,
// GraphQL operations and their errors, store calls, and reports written.
//
// A nil *Metrics is valid and records nothing, so callers need no checks.
package metrics

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const namespace = "officialgraph"

// MaxOperationNames bounds the distinct operation names that get a series
// of their own. Clients choose operation names; without a bound, a client
// sending a fresh name each time would grow the metrics without end. Names
// seen after the bound is reached are counted as OtherOperation.
const MaxOperationNames = 200

// Labels for operations that have no name of their own.
const (
	AnonymousOperation = "(anonymous)" // an operation without a name
	NoOperation        = "(none)"      // refused before an operation was chosen: parse or validation errors, limits
	OtherOperation     = "(other)"     // past MaxOperationNames
)

// Metrics is the service's set of metrics, in a registry of its own.
type Metrics struct {
	reg *prometheus.Registry

	httpRequests *prometheus.CounterVec
	inFlight     prometheus.Gauge
	operations   *prometheus.CounterVec
	opDuration   *prometheus.HistogramVec
	gqlErrors    *prometheus.CounterVec
	storeCalls   *prometheus.HistogramVec
	storeErrors  *prometheus.CounterVec
	reports      *prometheus.CounterVec
	deleted      *prometheus.CounterVec

	mu      sync.Mutex
	opNames map[string]bool
}

// Report write outcomes, as counted by reports_written_total. The first
// three are kg.WriteResult's values.
const (
	ResultCreated   = "created"
	ResultUnchanged = "unchanged"
	ResultReplaced  = "replaced"
	ResultFailed    = "failed"
	ResultDeleted   = "deleted"
	ResultNotFound  = "not_found"
)

// New returns a fresh set of metrics, with the Go runtime's and the
// process's.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "http_requests_total",
			Help: "HTTP requests answered, by endpoint and status code.",
		}, []string{"handler", "code"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "http_requests_in_flight",
			Help: "HTTP requests being served.",
		}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "graphql_requests_total",
			Help: "GraphQL requests, by operation name and type (query, mutation; none when refused before an operation was chosen).",
		}, []string{"operation", "type"}),
		opDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "graphql_request_duration_seconds",
			Help:    "Time to answer a GraphQL request, body read to response written, by operation name and type.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 8), // 1ms … 16s
		}, []string{"operation", "type"}),
		gqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "graphql_errors_total",
			Help: "Errors in GraphQL responses, by extensions.code; refusals by the HTTP layer (body size, rate limit, token) included.",
		}, []string{"code"}),
		storeCalls: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "store_call_duration_seconds",
			Help:    "Time of each call to the store, by method.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 9), // 0.1ms … 6.5s
		}, []string{"method"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "store_errors_total",
			Help: "Store calls that failed, by method; a thing not found is not a failure.",
		}, []string{"method"}),
		reports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "reports_written_total",
			Help: "Reports written to the store, by result: created, unchanged, replaced or failed.",
		}, []string{"result"}),
		deleted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "reports_deleted_total",
			Help: "Report deletions, by result: deleted, not_found or failed.",
		}, []string{"result"}),
		opNames: map[string]bool{},
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpRequests, m.inFlight, m.operations, m.opDuration, m.gqlErrors,
		m.storeCalls, m.storeErrors, m.reports, m.deleted,
	)
	// Series that dashboards divide by exist from the start, at zero.
	for _, r := range []string{ResultCreated, ResultUnchanged, ResultReplaced, ResultFailed} {
		m.reports.WithLabelValues(r)
	}
	for _, r := range []string{ResultDeleted, ResultNotFound, ResultFailed} {
		m.deleted.WithLabelValues(r)
	}
	return m
}

// Registry returns the registry the metrics are in.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// RequestStarted counts a request in flight; call the returned func when
// it is answered.
func (m *Metrics) RequestStarted() (done func()) {
	if m == nil {
		return func() {}
	}
	m.inFlight.Inc()
	return m.inFlight.Dec
}

// ObserveHTTP counts one answered HTTP request. handler must come from a
// fixed set (the route's name), never from the request's path.
func (m *Metrics) ObserveHTTP(handler string, status int) {
	if m == nil {
		return
	}
	m.httpRequests.WithLabelValues(handler, strconv.Itoa(status)).Inc()
}

// ObserveOperation counts one GraphQL request and its duration. name is
// the operation's name ("" for an anonymous one), opType query, mutation
// or subscription, or "" when the request was refused before an operation
// was chosen.
func (m *Metrics) ObserveOperation(name, opType string, d time.Duration) {
	if m == nil {
		return
	}
	label := m.operationLabel(name, opType)
	if opType == "" {
		opType = "none"
	}
	m.operations.WithLabelValues(label, opType).Inc()
	m.opDuration.WithLabelValues(label, opType).Observe(d.Seconds())
}

func (m *Metrics) operationLabel(name, opType string) string {
	switch {
	case opType == "":
		return NoOperation
	case name == "":
		return AnonymousOperation
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.opNames[name] {
		return name
	}
	if len(m.opNames) >= MaxOperationNames {
		return OtherOperation
	}
	m.opNames[name] = true
	return name
}

// CountError counts one error in a response by its extensions.code.
// Codes come from the service, never from the client, so they are a
// bounded set.
func (m *Metrics) CountError(code string) {
	if m == nil {
		return
	}
	if code == "" {
		code = "(none)"
	}
	m.gqlErrors.WithLabelValues(code).Inc()
}
