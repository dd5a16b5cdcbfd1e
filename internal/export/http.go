package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"officialgraph/internal/kg"
)

// Prefix is the path the handler serves under.
const Prefix = "/export/"

// files are the downloads the handler serves, by name.
var files = map[string]Request{
	"network.graphml":     {Table: NetworkTable, Format: GraphML},
	"network.csv":         {Table: NetworkTable, Format: CSV},
	"network.jsonl":       {Table: NetworkTable, Format: JSONL},
	"participation.csv":   {Table: ParticipationTable, Format: CSV},
	"participation.jsonl": {Table: ParticipationTable, Format: JSONL},
}

var contentTypes = map[Format]string{
	GraphML: "application/graphml+xml; charset=utf-8",
	CSV:     "text/csv; charset=utf-8",
	JSONL:   "application/jsonl; charset=utf-8",
}

// the query parameters a download takes, besides the filter's.
const (
	paramPart = "part"
	paramBOM  = "bom"
)

// handlerTimeout bounds one download, store reads included.
const handlerTimeout = 50 * time.Second

// maxConcurrent bounds the downloads read at once; more are refused with
// 429 rather than queued.
const maxConcurrent = 2

// Handler serves the exports as downloads under Prefix:
//
//	network.graphml, network.csv?part=nodes|edges, network.jsonl,
//	participation.csv, participation.jsonl
//
// with the query parameters division, from, to, role, min-shared (network
// only) and bom (CSV only, true or false). A bad parameter is a 400 whose
// text names it.
func Handler(store kg.Store, log *slog.Logger) http.Handler {
	slots := make(chan struct{}, maxConcurrent)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			plainError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		name := strings.TrimPrefix(r.URL.Path, Prefix)
		req, ok := files[name]
		if !ok {
			plainError(w, http.StatusNotFound, fmt.Sprintf("no export %q; there are network.graphml, network.csv?part=nodes|edges, network.jsonl, participation.csv and participation.jsonl", name))
			return
		}
		req, err := parseQuery(req, r)
		if err != nil {
			plainError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), kg.ErrInvalidInput.Error()+": "))
			return
		}
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			w.Header().Set("Retry-After", "5")
			plainError(w, http.StatusTooManyRequests, "other exports are running; try again shortly")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), handlerTimeout)
		defer cancel()
		out, err := Read(ctx, store, req)
		if err != nil {
			status, msg := errorStatus(err)
			if status >= 500 {
				log.ErrorContext(ctx, "export failed", "path", r.URL.Path, "err", err)
			}
			plainError(w, status, msg)
			return
		}
		// Written to memory first, so that a failure is still an error
		// status rather than a cut file.
		var buf bytes.Buffer
		if err := out.Write(&buf); err != nil {
			log.ErrorContext(ctx, "export failed", "path", r.URL.Path, "err", err)
			plainError(w, http.StatusInternalServerError, "the export could not be written")
			return
		}
		file := name
		if req.Part != "" {
			file = "network-" + string(req.Part) + ".csv"
		}
		h := w.Header()
		h.Set("Content-Type", contentTypes[req.Format])
		h.Set("Content-Disposition", `attachment; filename="`+file+`"`)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(buf.Bytes()))
	})
}

// parseQuery adds the query's parameters to req. Unknown parameters are an
// error, so that a misspelt filter is not silently ignored.
func parseQuery(req Request, r *http.Request) (Request, error) {
	q := r.URL.Query()
	for k, vs := range q {
		switch k {
		case ParamDivision, ParamFrom, ParamTo, ParamRole, ParamMinShared, paramPart, paramBOM:
		default:
			return req, fmt.Errorf("%s: unknown parameter; the parameters are division, from, to, role, min-shared, part and bom", k)
		}
		if len(vs) > 1 {
			return req, fmt.Errorf("%s: given %d times, want once", k, len(vs))
		}
	}
	f, err := ParseFilter(q.Get)
	if err != nil {
		return req, err
	}
	req.Filter = f
	if s := q.Get(paramPart); s != "" {
		if req.Part, err = ParsePart(s); err != nil {
			return req, err
		}
	}
	switch s := strings.ToLower(q.Get(paramBOM)); s {
	case "", "false", "0":
	case "true", "1":
		req.BOM = true
	default:
		return req, fmt.Errorf("%s: want true or false, got %q", paramBOM, q.Get(paramBOM))
	}
	return req, req.Check()
}

// errorStatus maps a read error to an HTTP status and a message safe to
// show.
func errorStatus(err error) (int, string) {
	switch {
	case errors.Is(err, ErrTooLarge):
		return http.StatusUnprocessableEntity, strings.TrimPrefix(err.Error(), ErrTooLarge.Error()+": ")
	case errors.Is(err, kg.ErrInvalidInput):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, kg.ErrUnavailable):
		return http.StatusServiceUnavailable, "the store cannot be reached; try again later"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the export took too long; narrow it by division, date range or role"
	}
	return http.StatusInternalServerError, "internal error"
}

func plainError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}
