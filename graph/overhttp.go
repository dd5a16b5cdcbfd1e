package graph

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
)

// OverHTTP wraps the GraphQL handler so that its answers to request errors
// (a document that does not parse or validate, variables that do not
// coerce) follow the GraphQL-over-HTTP recommendations where gqlgen's
// transports do not:
//
//   - a client that accepts application/json gets status 200, not 422:
//     for that media type the status does not tell request errors apart,
//     and clients written for it read the errors from the body;
//   - the body has no "data" entry, not "data": null: no execution began,
//     so there is no data to be null (GraphQL spec, "Response Format").
//
// Clients that accept application/graphql-response+json keep gqlgen's 4xx
// statuses, which that media type defines. Answers of executed operations
// pass through untouched and unbuffered.
func OverHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &requestErrorWriter{ResponseWriter: w}
		next.ServeHTTP(rw, r)
		rw.finish()
	})
}

// requestErrorWriter holds back the body of a 400 or 422 answer in JSON,
// which gqlgen writes only for request errors, and rewrites it in finish.
type requestErrorWriter struct {
	http.ResponseWriter
	status  int
	holding bool
	body    bytes.Buffer
}

func (w *requestErrorWriter) WriteHeader(status int) {
	if w.status != 0 {
		return
	}
	w.status = status
	if status == http.StatusBadRequest || status == http.StatusUnprocessableEntity {
		if mt, _, err := mime.ParseMediaType(w.Header().Get("Content-Type")); err == nil &&
			(mt == "application/json" || mt == "application/graphql-response+json") {
			w.holding = true
			return
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *requestErrorWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.holding {
		return w.body.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *requestErrorWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish writes a held-back answer: without its null data, and with status
// 200 for application/json.
func (w *requestErrorWriter) finish() {
	if !w.holding {
		return
	}
	body := w.body.Bytes()
	var resp map[string]json.RawMessage
	if err := json.Unmarshal(body, &resp); err == nil {
		if d, ok := resp["data"]; ok && string(bytes.TrimSpace(d)) == "null" {
			delete(resp, "data")
			if b, err := json.Marshal(resp); err == nil {
				body = b
			}
		}
	}
	status := w.status
	if mt, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type")); mt == "application/json" && status == http.StatusUnprocessableEntity {
		status = http.StatusOK
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.ResponseWriter.WriteHeader(status)
	_, _ = w.ResponseWriter.Write(body) // a client gone away is no error of ours
}
