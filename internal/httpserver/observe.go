package httpserver

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"officialgraph/graph"
	"officialgraph/internal/explorepage"
	"officialgraph/internal/export"
	"officialgraph/internal/requestid"
)

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

// route names the endpoint of a path from a fixed set, for the metrics: a
// label taken from the path itself would let clients grow the series
// without end.
func route(path string) string {
	switch path {
	case "/graphql":
		return "graphql"
	case "/":
		return "playground"
	case "/healthz":
		return "healthz"
	case "/readyz":
		return "readyz"
	case "/metrics":
		return "metrics"
	}
	switch {
	case strings.HasPrefix(path, explorepage.Prefix):
		return "explore"
	case strings.HasPrefix(path, export.Prefix):
		return "export"
	}
	return "other"
}

// observed writes one structured line per request, with its request ID
// and, for the API, the GraphQL operation's name and type and the codes of
// its errors; and records the request in the metrics.
func (s *server) observed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		done := s.metrics.RequestStarted()
		defer done()
		ctx, info := graph.WithOperationInfo(r.Context())
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		elapsed := time.Since(start)

		rt := route(r.URL.Path)
		s.metrics.ObserveHTTP(rt, sw.status)
		isOperation := rt == "graphql" && r.Method != http.MethodOptions
		if isOperation {
			s.metrics.ObserveOperation(info.Name, info.Type, elapsed)
		}
		for _, code := range info.Codes {
			s.metrics.CountError(code)
		}

		attrs := []slog.Attr{
			slog.String("request_id", requestid.From(ctx)),
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Int64("duration_ms", elapsed.Milliseconds()),
		}
		if isOperation {
			attrs = append(attrs, slog.String("operation", info.Name), slog.String("operation_type", info.Type))
		}
		if len(info.Codes) > 0 {
			attrs = append(attrs, slog.Any("error_codes", info.Codes))
		}
		s.log.LogAttrs(ctx, slog.LevelInfo, "request", attrs...)
	})
}
