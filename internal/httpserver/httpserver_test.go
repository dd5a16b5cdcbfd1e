package httpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"officialgraph/graph"
	"officialgraph/internal/auth"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/metrics"
	"officialgraph/internal/storetest"
)

const (
	writeToken = "write-token-0123456789"
	readToken  = "read-token-0123456789"
)

// seedStore is a memstore holding the seed report.
func seedStore(t *testing.T) kg.Store {
	t.Helper()
	s := memstore.New()
	if _, err := s.WriteReport(context.Background(), storetest.SeedFacts()); err != nil {
		t.Fatal(err)
	}
	return s
}

func testTokens(t *testing.T) *auth.Tokens {
	t.Helper()
	toks, err := auth.Parse("write:"+writeToken+"\nread:"+readToken, "test")
	if err != nil {
		t.Fatal(err)
	}
	return toks
}

// testServer serves New over store (the seed when nil) with DefaultConfig,
// the test tokens and edit's changes, and returns its URL and its log.
func testServer(t *testing.T, store kg.Store, edit func(*Config)) (string, *syncBuffer) {
	t.Helper()
	cfg := DefaultConfig
	cfg.Tokens = testTokens(t)
	if edit != nil {
		edit(&cfg)
	}
	if store == nil {
		store = seedStore(t)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	srv := httptest.NewServer(New(store, log, cfg))
	t.Cleanup(srv.Close)
	return srv.URL, logs
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// request is one HTTP request to the server.
type request struct {
	method string // POST by default
	path   string // /graphql by default
	token  string
	body   io.Reader // overrides query
	query  string
	vars   map[string]any
	header map[string]string
}

func do(t *testing.T, base string, req request) (*http.Response, gqlResponse) {
	t.Helper()
	if req.method == "" {
		req.method = http.MethodPost
	}
	if req.path == "" {
		req.path = "/graphql"
	}
	body := req.body
	if body == nil && req.query != "" {
		b, _ := json.Marshal(map[string]any{"query": req.query, "variables": req.vars})
		body = bytes.NewReader(b)
	}
	r, err := http.NewRequest(req.method, base+req.path, body)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/json")
	if req.token != "" {
		r.Header.Set("Authorization", "Bearer "+req.token)
	}
	for k, v := range req.header {
		r.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatalf("%s %s: %v", req.method, req.path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var out gqlResponse
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/") && len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("%s %s: status %d, body is not JSON: %v\n%s", req.method, req.path, resp.StatusCode, err, raw)
		}
	}
	return resp, out
}

const seedQuery = `query Seed { meetings(filter: {text: "部署会议"}) { totalCount } }`

// checkHealthy asserts that the server answers a normal query.
func checkHealthy(t *testing.T, base string) {
	t.Helper()
	resp, out := do(t, base, request{query: seedQuery})
	if resp.StatusCode != http.StatusOK || len(out.Errors) > 0 || !strings.Contains(string(out.Data), `"totalCount":1`) {
		t.Fatalf("the seed query: status %d, %+v, data %s", resp.StatusCode, out.Errors, out.Data)
	}
}

func TestBodyLimit(t *testing.T) {
	base, _ := testServer(t, nil, func(c *Config) { c.MaxBodyBytes = 1 << 10 })
	big := `{"query":"{ __typename }","pad":"` + strings.Repeat("x", 2<<10) + `"}`
	tests := []struct {
		name     string
		body     io.Reader
		token    string
		wantCode int
	}{
		{name: "small", body: strings.NewReader(`{"query":"{ __typename }"}`), wantCode: http.StatusOK},
		{name: "large", body: strings.NewReader(big), wantCode: http.StatusRequestEntityTooLarge},
		// Without a Content-Length the limit is found while reading.
		{name: "large chunked", body: io.MultiReader(strings.NewReader(big)), wantCode: http.StatusRequestEntityTooLarge},
		{name: "large from a reader", body: strings.NewReader(big), token: readToken, wantCode: http.StatusRequestEntityTooLarge},
		// A writer may send a report of the full allowed size.
		{name: "large from a writer", body: strings.NewReader(big), token: writeToken, wantCode: http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, out := do(t, base, request{body: tt.body, token: tt.token})
			if resp.StatusCode != tt.wantCode {
				t.Fatalf("status %d, want %d (%+v)", resp.StatusCode, tt.wantCode, out.Errors)
			}
			if tt.wantCode == http.StatusRequestEntityTooLarge {
				if out.code() != graph.CodeBadUserInput || !strings.Contains(out.Errors[0].Message, "the limit is 1 KiB") {
					t.Errorf("errors = %+v, want BAD_USER_INPUT naming the 1 KiB limit", out.Errors)
				}
			}
		})
	}
	checkHealthy(t, base)
}

func TestQueryLimits(t *testing.T) {
	base, _ := testServer(t, nil, func(c *Config) {
		c.Limits.Depth = 4
		c.Limits.Complexity = 30
		c.Limits.PageSize = 10
	})
	tests := []struct {
		name     string
		query    string
		wantCode string
		wantMsg  string
	}{
		{
			name:     "depth",
			query:    `{ meetings { edges { node { participants { official { name } } } } } }`,
			wantCode: graph.CodeDepthLimit,
			wantMsg:  "exceeds the limit of 4",
		},
		{
			name:     "complexity",
			query:    `{ meetings(first: 10) { edges { node { name date kind } } } }`,
			wantCode: "COMPLEXITY_LIMIT_EXCEEDED",
			wantMsg:  "exceeds the limit of 30",
		},
		{
			name:     "page size",
			query:    `{ officials(first: 11) { totalCount } }`,
			wantCode: graph.CodeBadUserInput,
			wantMsg:  "first: 11 is over this server's page size limit of 10",
		},
		{
			name:     "page size of last",
			query:    `{ officials(last: 20) { totalCount } }`,
			wantCode: graph.CodeBadUserInput,
			wantMsg:  "last: 20 is over this server's page size limit of 10",
		},
		{name: "within every limit", query: `{ officials(first: 10) { totalCount } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, out := do(t, base, request{query: tt.query})
			if resp.StatusCode != http.StatusOK {
				t.Errorf("status %d, want 200: GraphQL errors are in the body", resp.StatusCode)
			}
			if out.code() != tt.wantCode {
				t.Fatalf("code %q, want %q (%+v)", out.code(), tt.wantCode, out.Errors)
			}
			if tt.wantCode != "" && !strings.Contains(out.Errors[0].Message, tt.wantMsg) {
				t.Errorf("message %q, want it to contain %q", out.Errors[0].Message, tt.wantMsg)
			}
		})
	}
}

// slowStore blocks Meetings until the request's context ends.
type slowStore struct{ kg.Store }

func (s slowStore) Meetings(ctx context.Context, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.Meeting], error) {
	<-ctx.Done()
	return kg.Conn[kg.Meeting]{}, fmt.Errorf("slow store: %w", ctx.Err())
}

func TestRequestDeadline(t *testing.T) {
	const timeout = 200 * time.Millisecond
	base, _ := testServer(t, slowStore{seedStore(t)}, func(c *Config) { c.RequestTimeout = timeout })
	start := time.Now()
	resp, out := do(t, base, request{query: seedQuery})
	elapsed := time.Since(start)
	if resp.StatusCode != http.StatusOK || out.code() != graph.CodeUnavailable {
		t.Fatalf("status %d, %+v; want 200 with UNAVAILABLE", resp.StatusCode, out.Errors)
	}
	if !strings.Contains(out.Errors[0].Message, "time limit") {
		t.Errorf("message %q does not say the time limit ran out", out.Errors[0].Message)
	}
	if elapsed < timeout || elapsed > timeout+2*time.Second {
		t.Errorf("answered after %v, want soon after the %v deadline", elapsed, timeout)
	}
	// Requests that do not touch the slow call are unaffected.
	if resp, out := do(t, base, request{query: `{ officials { totalCount } }`}); resp.StatusCode != 200 || len(out.Errors) > 0 {
		t.Errorf("officials: status %d, %+v", resp.StatusCode, out.Errors)
	}
}

func TestRateLimit(t *testing.T) {
	const storm = 500
	tests := []struct {
		name       string
		loopback   bool
		wantLimits bool
	}{
		{name: "loopback clients exempt by default", loopback: false, wantLimits: false},
		{name: "loopback clients limited on request", loopback: true, wantLimits: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := testServer(t, nil, func(c *Config) {
				c.RateLimit = Rate{Requests: 10, Per: time.Second}
				c.RateLimitLoopback = tt.loopback
			})
			statuses := map[int]int{}
			var first429 gqlResponse
			var retryAfter string
			start := time.Now()
			for range storm {
				resp, out := do(t, base, request{query: `{ __typename }`})
				statuses[resp.StatusCode]++
				if resp.StatusCode == http.StatusTooManyRequests && first429.Errors == nil {
					first429, retryAfter = out, resp.Header.Get("Retry-After")
				}
			}
			t.Logf("%d requests in %v: %v", storm, time.Since(start).Round(time.Millisecond), statuses)
			if !tt.wantLimits {
				if statuses[http.StatusOK] != storm {
					t.Fatalf("statuses %v, want all %d answered", statuses, storm)
				}
				return
			}
			if statuses[http.StatusTooManyRequests] < storm-20 || statuses[http.StatusOK] > 20 {
				t.Fatalf("statuses %v, want about 10 answered and the rest refused with 429", statuses)
			}
			if first429.code() != graph.CodeRateLimited || !strings.Contains(first429.Errors[0].Message, "10 requests per second") {
				t.Errorf("429 body %+v, want RATE_LIMITED naming the limit", first429.Errors)
			}
			if retryAfter != "1" {
				t.Errorf("Retry-After %q, want 1", retryAfter)
			}
			// Health checks never count against a client.
			if resp, _ := do(t, base, request{method: http.MethodGet, path: "/healthz"}); resp.StatusCode != http.StatusOK {
				t.Errorf("/healthz during the storm: %d", resp.StatusCode)
			}
			// The window passes and the client is served again.
			time.Sleep(2100 * time.Millisecond)
			checkHealthy(t, base)
		})
	}
}

func TestAuthorization(t *testing.T) {
	const mutation = `mutation { deleteReport(id: "rep_aaaaaaaaaaaaaaaa") { deletedReportId } }`
	tests := []struct {
		name         string
		requireReads bool
		req          request
		wantStatus   int
		wantCode     string
	}{
		{name: "public read", req: request{query: seedQuery}, wantStatus: 200},
		{name: "read with a read token", req: request{query: seedQuery, token: readToken}, wantStatus: 200},
		{name: "mutation without a token", req: request{query: mutation}, wantStatus: 200, wantCode: graph.CodeUnauthenticated},
		{name: "mutation with a read token", req: request{query: mutation, token: readToken}, wantStatus: 200, wantCode: graph.CodeForbidden},
		// The write token passes; the unknown report is then not found.
		{name: "mutation with a write token", req: request{query: mutation, token: writeToken}, wantStatus: 200, wantCode: graph.CodeNotFound},
		{name: "invalid token", req: request{query: seedQuery, token: "not-a-configured-token"}, wantStatus: 401, wantCode: graph.CodeUnauthenticated},
		{name: "another scheme", req: request{query: seedQuery, header: map[string]string{"Authorization": "Basic " + writeToken}}, wantStatus: 401, wantCode: graph.CodeUnauthenticated},
		{name: "token-only read without a token", requireReads: true, req: request{query: seedQuery}, wantStatus: 401, wantCode: graph.CodeUnauthenticated},
		{name: "token-only read with a read token", requireReads: true, req: request{query: seedQuery, token: readToken}, wantStatus: 200},
		{name: "token-only metrics without a token", requireReads: true, req: request{method: "GET", path: "/metrics"}, wantStatus: 401, wantCode: graph.CodeUnauthenticated},
		{name: "token-only metrics with a read token", requireReads: true, req: request{method: "GET", path: "/metrics", token: readToken}, wantStatus: 200},
		{name: "token-only health check", requireReads: true, req: request{method: "GET", path: "/healthz"}, wantStatus: 200},
		{name: "token-only readiness check", requireReads: true, req: request{method: "GET", path: "/readyz"}, wantStatus: 200},
	}
	servers := map[bool]string{}
	logs := map[bool]*syncBuffer{}
	for _, require := range []bool{false, true} {
		servers[require], logs[require] = testServer(t, nil, func(c *Config) {
			c.RequireTokenForReads = require
			c.Metrics = metrics.New()
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, out := do(t, servers[tt.requireReads], tt.req)
			if resp.StatusCode != tt.wantStatus || out.code() != tt.wantCode {
				t.Fatalf("status %d, code %q (%+v); want %d, %q", resp.StatusCode, out.code(), out.Errors, tt.wantStatus, tt.wantCode)
			}
			if tt.wantStatus == http.StatusUnauthorized && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate = %q, want a Bearer challenge", resp.Header.Get("WWW-Authenticate"))
			}
		})
	}
	for _, require := range []bool{false, true} {
		for _, tok := range []string{writeToken, readToken, "not-a-configured-token"} {
			if strings.Contains(logs[require].String(), tok) {
				t.Errorf("the log shows the token %q", tok)
			}
		}
	}
}

func TestCORS(t *testing.T) {
	const allowed = "https://dashboard.example.org"
	tests := []struct {
		name       string
		origins    []string
		origin     string
		preflight  bool
		wantOrigin string
		wantStatus int
	}{
		{name: "none configured", origin: allowed, wantStatus: 200},
		{name: "none configured, preflight", origin: allowed, preflight: true, wantStatus: 200},
		{name: "allowed", origins: []string{allowed}, origin: allowed, wantOrigin: allowed, wantStatus: 200},
		{name: "allowed, preflight", origins: []string{allowed}, origin: allowed, preflight: true, wantOrigin: allowed, wantStatus: 204},
		{name: "not allowed", origins: []string{allowed}, origin: "https://evil.example", wantStatus: 200},
		{name: "not allowed, preflight", origins: []string{allowed}, origin: "https://evil.example", preflight: true, wantStatus: 200},
		{name: "any", origins: []string{"*"}, origin: "https://other.example", wantOrigin: "*", wantStatus: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := testServer(t, nil, func(c *Config) { c.CORSOrigins = tt.origins })
			req := request{query: seedQuery, header: map[string]string{"Origin": tt.origin}}
			if tt.preflight {
				req = request{method: http.MethodOptions, header: map[string]string{
					"Origin": tt.origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type",
				}}
			}
			resp, _ := do(t, base, req)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.wantOrigin {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.wantOrigin)
			}
			if len(tt.origins) == 0 {
				for k := range resp.Header {
					if strings.HasPrefix(k, "Access-Control-") {
						t.Errorf("CORS header %s sent with no origins configured", k)
					}
				}
			}
			if tt.preflight && tt.wantOrigin != "" && !strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
				t.Errorf("preflight allows headers %q, want Authorization among them", resp.Header.Get("Access-Control-Allow-Headers"))
			}
		})
	}
}

func TestParseOrigin(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "https://example.org", want: "https://example.org"},
		{in: "HTTPS://Example.org:8443/", want: "https://example.org:8443"},
		{in: "*", want: "*"},
		{in: "example.org", wantErr: true},
		{in: "https://example.org/app", wantErr: true},
		{in: "ftp://example.org", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseOrigin(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseOrigin(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		want    Rate
		wantErr bool
	}{
		{in: "20/s", want: Rate{20, time.Second}},
		{in: "600/m", want: Rate{600, time.Minute}},
		{in: "5000/h", want: Rate{5000, time.Hour}},
		{in: "off"},
		{in: "0"},
		{in: "20", wantErr: true},
		{in: "0/s", wantErr: true},
		{in: "-1/s", wantErr: true},
		{in: "20/d", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil && tt.want.Requests > 0 && got.String() != tt.in {
			t.Errorf("Rate(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestMetricsAndAccessLog(t *testing.T) {
	m := metrics.New()
	base, logs := testServer(t, nil, func(c *Config) {
		c.Metrics = m
		c.Limits.Depth = 3
	})
	checkHealthy(t, base)
	do(t, base, request{query: `query Deep { meetings { edges { node { name } } } }`})
	do(t, base, request{query: `mutation Del { deleteReport(id: "rep_aaaaaaaaaaaaaaaa") { deletedReportId } }`})
	do(t, base, request{query: `{ not valid`})

	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`officialgraph_graphql_requests_total{operation="Seed",type="query"} 1`,
		`officialgraph_graphql_requests_total{operation="Deep",type="query"} 1`,
		`officialgraph_graphql_requests_total{operation="Del",type="mutation"} 1`,
		`officialgraph_graphql_requests_total{operation="(none)",type="none"} 1`,
		`officialgraph_graphql_errors_total{code="DEPTH_LIMIT_EXCEEDED"} 1`,
		`officialgraph_graphql_errors_total{code="UNAUTHENTICATED"} 1`,
		`officialgraph_graphql_errors_total{code="GRAPHQL_PARSE_FAILED"} 1`,
		// A parse failure is a 200 for a client that accepts
		// application/json (graph.OverHTTP).
		`officialgraph_http_requests_total{code="200",handler="graphql"} 4`,
		`officialgraph_graphql_request_duration_seconds_count{operation="Seed",type="query"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// Every request's log line has its request ID, and an API request's
	// its operation.
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if rec["msg"] == "request" {
			lines = append(lines, rec)
		}
	}
	wantOps := []string{"Seed", "Deep", "Del", "", ""}
	if len(lines) != len(wantOps) {
		t.Fatalf("%d request log lines, want %d:\n%s", len(lines), len(wantOps), logs)
	}
	for i, rec := range lines {
		if id, _ := rec["request_id"].(string); len(id) != 16 {
			t.Errorf("line %d: request_id %v", i, rec["request_id"])
		}
		if rec["path"] == "/graphql" && rec["operation"] != wantOps[i] {
			t.Errorf("line %d: operation %v, want %q", i, rec["operation"], wantOps[i])
		}
	}
	if lines[2]["operation_type"] != "mutation" {
		t.Errorf("the refused mutation's line has operation_type %v", lines[2]["operation_type"])
	}
}

// TestRequestErrorsOverHTTP checks the answers to request errors that
// graph.OverHTTP adjusts: status 200 for application/json, gqlgen's 4xx for
// application/graphql-response+json, and never a data entry, while an
// executed operation keeps its data.
func TestRequestErrorsOverHTTP(t *testing.T) {
	base, _ := testServer(t, nil, nil)
	tests := []struct {
		name       string
		accept     string
		query      string
		wantStatus int
		wantData   bool
		wantCode   string
	}{
		{"parse failure, json", "application/json", "{", http.StatusOK, false, "GRAPHQL_PARSE_FAILED"},
		{"validation failure, json", "application/json", "{ nosuchfield }", http.StatusOK, false, "GRAPHQL_VALIDATION_FAILED"},
		{"parse failure, graphql-response", "application/graphql-response+json", "{", http.StatusBadRequest, false, "GRAPHQL_PARSE_FAILED"},
		{"validation failure, graphql-response", "application/graphql-response+json", "{ nosuchfield }", http.StatusBadRequest, false, "GRAPHQL_VALIDATION_FAILED"},
		{"executed, json", "application/json", "{ reports(first: 1) { totalCount } }", http.StatusOK, true, ""},
		{"executed, graphql-response", "application/graphql-response+json", "{ reports(first: 1) { totalCount } }", http.StatusOK, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := json.Marshal(map[string]any{"query": tt.query})
			r, err := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Accept", tt.accept)
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d; body %s", resp.StatusCode, tt.wantStatus, body)
			}
			var got map[string]json.RawMessage
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if _, ok := got["data"]; ok != tt.wantData {
				t.Errorf("data entry present = %v, want %v; body %s", ok, tt.wantData, body)
			}
			var gr gqlResponse
			if err := json.Unmarshal(body, &gr); err != nil {
				t.Fatal(err)
			}
			if gr.code() != tt.wantCode {
				t.Errorf("code = %q, want %q; body %s", gr.code(), tt.wantCode, body)
			}
			if n := resp.Header.Get("Content-Length"); n != "" && n != strconv.Itoa(len(body)) {
				t.Errorf("Content-Length = %s, body has %d bytes", n, len(body))
			}
		})
	}
}
