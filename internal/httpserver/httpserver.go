// Package httpserver assembles the service's HTTP endpoints: GraphiQL at /,
// the GraphQL API at /graphql, and the health endpoints.
package httpserver

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"

	"officialgraph/graph"
	"officialgraph/internal/kg"
	"officialgraph/internal/requestid"
)

// Config bounds what one request may cost.
type Config struct {
	Limits graph.Limits
	// MaxBodyBytes bounds a request body; larger ones get 413.
	MaxBodyBytes int64
	// RequestTimeout bounds one request, store calls included: the store
	// turns the deadline into its transaction timeout.
	RequestTimeout time.Duration
}

// DefaultConfig is the configuration the service runs with unless told
// otherwise.
var DefaultConfig = Config{
	Limits:         graph.DefaultLimits,
	MaxBodyBytes:   1 << 20,
	RequestTimeout: 15 * time.Second,
}

// New returns the service's HTTP handler over store.
func New(store kg.Store, log *slog.Logger, cfg Config) http.Handler {
	mux := http.NewServeMux()
	gql := graph.NewHandler(store, log, cfg.Limits)
	mux.Handle("/graphql", bounded(cfg, gql))
	mux.Handle("GET /{$}", playground.Handler("officialgraph", "/graphql"))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := store.Ping(ctx); err != nil {
			log.WarnContext(ctx, "not ready", "request_id", requestid.From(ctx), "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "the store cannot be reached"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	return requestid.Middleware(logged(log, mux))
}

// bounded applies the body size limit and the request deadline.
func bounded(cfg Config, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > cfg.MaxBodyBytes {
			writeGraphQLError(w, http.StatusRequestEntityTooLarge, "request body too large", "BAD_USER_INPUT")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, cfg.MaxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), cfg.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeGraphQLError(w http.ResponseWriter, status int, msg, code string) {
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]string{"code": code}}},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// statusWriter records the status a handler wrote, for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logged writes one structured line per request.
func logged(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		log.InfoContext(r.Context(), "request",
			"request_id", requestid.From(r.Context()),
			"method", r.Method, "path", r.URL.Path,
			"status", sw.status, "duration_ms", time.Since(start).Milliseconds())
	})
}
