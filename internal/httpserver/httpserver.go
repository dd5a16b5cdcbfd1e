// Package httpserver assembles the service's HTTP endpoints: GraphiQL at /,
// the GraphQL API at /graphql, the health endpoints and the metrics, behind
// the request ID, the access log, CORS, the rate limit and the tokens.
package httpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"

	"officialgraph/graph"
	"officialgraph/internal/auth"
	"officialgraph/internal/explorepage"
	"officialgraph/internal/export"
	"officialgraph/internal/kg"
	"officialgraph/internal/metrics"
	"officialgraph/internal/requestid"
)

// Config is what the server allows and to whom.
type Config struct {
	// Limits bound one GraphQL operation: depth, complexity, page size
	// and the size of an ingested report.
	Limits graph.Limits
	// MaxBodyBytes bounds a request body; larger ones get 413. A caller
	// with the write role may send WriteBodyBytes(Limits.ReportBytes)
	// instead, when that is more, so that a report of the full allowed
	// size fits.
	MaxBodyBytes int64
	// RequestTimeout bounds one request, store calls included: the store
	// turns the deadline into its transaction timeout.
	RequestTimeout time.Duration
	// RateLimit bounds the requests of one client (one IP address, one
	// /64 for IPv6); the zero Rate is no limit. Health checks and
	// metrics are never limited.
	RateLimit Rate
	// RateLimitLoopback applies the rate limit to loopback clients too,
	// which are otherwise exempt: they are the operator's own tools.
	RateLimitLoopback bool
	// Tokens are the bearer tokens accepted; nil accepts none, and then
	// no one can write.
	Tokens *auth.Tokens
	// RequireTokenForReads refuses /graphql and /metrics to requests
	// without a valid token. Without it, reads are public.
	RequireTokenForReads bool
	// CORSOrigins are the browser origins (https://example.org) allowed
	// to call the API from their pages; "*" allows any. Empty sends no
	// CORS headers at all.
	CORSOrigins []string
	// Metrics, when set, are recorded and served at /metrics.
	Metrics *metrics.Metrics
}

// DefaultConfig is the configuration the service runs with unless told
// otherwise.
var DefaultConfig = Config{
	Limits:         graph.DefaultLimits,
	MaxBodyBytes:   1 << 20,
	RequestTimeout: 15 * time.Second,
	RateLimit:      Rate{Requests: 20, Per: time.Second},
}

// WriteBodyBytes is the body limit for writers that fits a report of
// reportBytes: JSON may escape each 3-byte CJK character as a 6-byte \uXXXX,
// doubling the text, and the rest of the request is small.
func WriteBodyBytes(reportBytes int) int64 { return 2*int64(reportBytes) + 64<<10 }

type server struct {
	cfg            Config
	log            *slog.Logger
	metrics        *metrics.Metrics
	writeBodyBytes int64
}

// New returns the service's HTTP handler over store.
func New(store kg.Store, log *slog.Logger, cfg Config) http.Handler {
	s := &server{cfg: cfg, log: log, metrics: cfg.Metrics, writeBodyBytes: cfg.MaxBodyBytes}
	if cfg.Limits.ReportBytes > 0 {
		s.writeBodyBytes = max(cfg.MaxBodyBytes, WriteBodyBytes(cfg.Limits.ReportBytes))
	}
	mux := http.NewServeMux()
	gql := graph.NewHandler(store, log, cfg.Limits)
	mux.Handle("/graphql", s.authenticated(s.bounded(graph.OverHTTP(gql))))
	mux.Handle("GET /{$}", playground.Handler("officialgraph", "/graphql"))
	mux.Handle("GET "+explorepage.Prefix, explorepage.Handler())
	mux.Handle("GET "+export.Prefix, s.authenticated(export.Handler(store, log)))
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
	if cfg.Metrics != nil {
		mux.Handle("GET /metrics", s.authenticated(cfg.Metrics.Handler()))
	}
	return requestid.Middleware(s.observed(s.cors(s.rateLimited(mux))))
}

// authenticated finds the caller of a request from its bearer token. A
// token that is not valid is refused with 401, whatever the request: a
// client that sends one is misconfigured, and should hear so rather than
// be served as anonymous. Without RequireTokenForReads, no token is
// anonymous; the GraphQL layer then refuses mutations.
func (s *server) authenticated(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		caller, err := s.cfg.Tokens.Authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="officialgraph", error="invalid_token"`)
			writeGraphQLError(w, r, http.StatusUnauthorized,
				"the bearer token is not valid: send Authorization: Bearer TOKEN with a configured token",
				graph.CodeUnauthenticated)
			return
		}
		if s.cfg.RequireTokenForReads && !caller.Authenticated() {
			w.Header().Set("WWW-Authenticate", `Bearer realm="officialgraph"`)
			writeGraphQLError(w, r, http.StatusUnauthorized,
				"this server requires a token for every request: send Authorization: Bearer TOKEN",
				graph.CodeUnauthenticated)
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.WithCaller(r.Context(), caller)))
	})
}

// bounded applies the body size limit and the request deadline. The body
// is read here, in full, so that an oversized body gets 413 however it is
// sent: with a Content-Length or chunked.
func (s *server) bounded(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.cfg.MaxBodyBytes
		if auth.From(r.Context()).Role.Allows(auth.Write) {
			limit = s.writeBodyBytes
		}
		tooLarge := func() {
			writeGraphQLError(w, r, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("request body too large: the limit is %s", byteSize(limit)), graph.CodeBadUserInput)
		}
		if r.ContentLength > limit {
			tooLarge()
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
			var maxErr *http.MaxBytesError
			switch {
			case errors.As(err, &maxErr):
				tooLarge()
				return
			case err != nil:
				writeGraphQLError(w, r, http.StatusBadRequest, "the request body could not be read", graph.CodeBadUserInput)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// writeGraphQLError answers with a GraphQL-shaped error, so that clients
// read every refusal the same way, and notes its code for the metrics and
// the access log.
func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, msg, code string) {
	if info := graph.OperationInfoFrom(r.Context()); info != nil {
		info.Codes = append(info.Codes, code)
	}
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]string{"code": code}}},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// byteSize writes n in the unit a limit is usually given in.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
