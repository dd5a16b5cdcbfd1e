package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"officialgraph/internal/auth"
	"officialgraph/internal/httpserver"
	"officialgraph/internal/kg"
)

const (
	testWriteToken = "write-token-0123456789"
	testReadToken  = "read-token-0123456789"
)

var testTokensEnv = map[string]string{auth.EnvVar: "write:" + testWriteToken + ",read:" + testReadToken}

func TestParseServeFlags(t *testing.T) {
	tokensFile := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(tokensFile, []byte("# the dashboard\nread:"+testReadToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(t *testing.T, c serveConfig)
		wantErr string
	}{
		{
			name: "defaults",
			check: func(t *testing.T, c serveConfig) {
				want := httpserver.DefaultConfig
				want.Tokens = c.http.Tokens
				if !reflect.DeepEqual(c.http, want) {
					t.Errorf("config %+v, want the defaults %+v", c.http, want)
				}
				if c.http.Tokens.Len() != 0 || c.addr != "127.0.0.1:8080" || c.shutdownTimeout != 20*time.Second {
					t.Errorf("config %+v", c)
				}
			},
		},
		{
			name: "every bound",
			args: []string{
				"--rate-limit", "300/m", "--rate-limit-loopback", "--max-body-bytes", "512KiB", "--max-report-bytes", "1MiB",
				"--max-depth", "8", "--max-complexity", "5000", "--max-page-size", "50", "--request-timeout", "3s",
				"--shutdown-timeout", "5s", "--cors-origin", "https://a.example", "--cors-origin", "HTTPS://B.example/",
			},
			check: func(t *testing.T, c serveConfig) {
				h := c.http
				if h.RateLimit != (httpserver.Rate{Requests: 300, Per: time.Minute}) || !h.RateLimitLoopback {
					t.Errorf("rate limit %v, loopback %v", h.RateLimit, h.RateLimitLoopback)
				}
				if h.MaxBodyBytes != 512<<10 || h.Limits.ReportBytes != 1<<20 {
					t.Errorf("body %d, report %d", h.MaxBodyBytes, h.Limits.ReportBytes)
				}
				if h.Limits.Depth != 8 || h.Limits.Complexity != 5000 || h.Limits.PageSize != 50 {
					t.Errorf("limits %+v", h.Limits)
				}
				if h.RequestTimeout != 3*time.Second || c.shutdownTimeout != 5*time.Second {
					t.Errorf("timeouts %v, %v", h.RequestTimeout, c.shutdownTimeout)
				}
				if want := []string{"https://a.example", "https://b.example"}; !reflect.DeepEqual(h.CORSOrigins, want) {
					t.Errorf("origins %q, want %q", h.CORSOrigins, want)
				}
			},
		},
		{
			name: "tokens from the environment and a file",
			args: []string{"--tokens-file", tokensFile, "--require-token-for-reads"},
			env:  map[string]string{auth.EnvVar: "write:" + testWriteToken},
			check: func(t *testing.T, c serveConfig) {
				if c.http.Tokens.Count(auth.Write) != 1 || c.http.Tokens.Count(auth.Read) != 1 || !c.http.RequireTokenForReads {
					t.Errorf("tokens: write %d, read %d; require %v", c.http.Tokens.Count(auth.Write), c.http.Tokens.Count(auth.Read), c.http.RequireTokenForReads)
				}
			},
		},
		{name: "rate without a period", args: []string{"--rate-limit", "20"}, wantErr: "--rate-limit"},
		{name: "rate off", args: []string{"--rate-limit", "off"}, check: func(t *testing.T, c serveConfig) {
			if c.http.RateLimit.Requests != 0 {
				t.Errorf("rate limit %v, want off", c.http.RateLimit)
			}
		}},
		{name: "page size over the stores'", args: []string{"--max-page-size", "101"}, wantErr: "--max-page-size: must be between 1 and 100"},
		{name: "page size zero", args: []string{"--max-page-size", "0"}, wantErr: "--max-page-size"},
		{name: "depth zero", args: []string{"--max-depth", "0"}, wantErr: "--max-depth"},
		{name: "report over the ingest limit", args: []string{"--max-report-bytes", "17MiB"}, wantErr: "--max-report-bytes: must be between 1 byte and 16MiB"},
		{name: "tiny body", args: []string{"--max-body-bytes", "12"}, wantErr: "--max-body-bytes"},
		{name: "size without a number", args: []string{"--max-body-bytes", "MiB"}, wantErr: "want a size"},
		{name: "no timeout", args: []string{"--request-timeout", "0s"}, wantErr: "--request-timeout"},
		{name: "origin without a scheme", args: []string{"--cors-origin", "example.org"}, wantErr: "want scheme://host"},
		{name: "token-only reads without tokens", args: []string{"--require-token-for-reads"}, wantErr: "no tokens configured"},
		{name: "a short token", env: map[string]string{auth.EnvVar: "write:tiny1"}, wantErr: auth.EnvVar + ": line 1, entry 1"},
		{name: "a missing tokens file", args: []string{"--tokens-file", tokensFile + ".missing"}, wantErr: "tokens file"},
		{name: "an argument", args: []string{"corpus"}, wantErr: "serve takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseServeFlags(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "tiny1") {
					t.Errorf("the error %q shows the token", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

// server is a serve run of a test.
type server struct {
	base   string // http://HOST:PORT, no trailing slash
	cancel context.CancelFunc
	done   chan error
	log    *lockedBuffer
}

// lockedBuffer collects the server's log, written from its goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveSeed runs `serve` over the seed report with args, until the test
// ends or the caller cancels it.
func serveSeed(t *testing.T, env map[string]string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &server{cancel: cancel, done: make(chan error, 1), log: &lockedBuffer{}}
	go func() {
		s.done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--corpus", "corpus/seed", "--log-format", "json"}, args...),
			func(k string) string { return env[k] }, pw, s.log)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop within 30s of its context ending")
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the serve banner: %v\n%s", err, s.log)
	}
	go io.Copy(io.Discard, pr)
	_, rest, ok := strings.Cut(line, "http://")
	if !ok {
		t.Fatalf("banner %q has no address", line)
	}
	s.base = "http://" + strings.TrimSuffix(strings.Fields(rest)[0], "/")
	return s
}

type opResponse struct {
	status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r opResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// post sends a GraphQL operation with an optional bearer token.
func post(t *testing.T, base, token, query string, vars map[string]any) opResponse {
	t.Helper()
	out, err := tryPost(base, token, query, vars)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tryPost(base, token, query string, vars map[string]any) (opResponse, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return opResponse{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return opResponse{}, err
	}
	defer resp.Body.Close()
	out := opResponse{status: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return out, fmt.Errorf("status %d: the body is not JSON: %v", resp.StatusCode, err)
	}
	return out, nil
}

const seedCountQuery = `query Seed { meetings(filter: {text: "统筹推进"}) { totalCount } }`

// gateStore holds every Meetings call until released, announcing each.
type gateStore struct {
	kg.Store
	entered chan struct{}
	release chan struct{}
}

func (s *gateStore) Meetings(ctx context.Context, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.Meeting], error) {
	s.entered <- struct{}{}
	<-s.release
	return s.Store.Meetings(ctx, f, p)
}

// TestGracefulStop stops the server, as SIGTERM does, while a request is in
// flight: the request is answered in full, new connections are refused,
// and serve returns nil.
func TestGracefulStop(t *testing.T) {
	gate := &gateStore{entered: make(chan struct{}, 1), release: make(chan struct{})}
	testHookStore = func(s kg.Store) kg.Store { gate.Store = s; return gate }
	t.Cleanup(func() { testHookStore = nil })
	s := serveSeed(t, nil)

	answered := make(chan opResponse, 1)
	go func() {
		out, err := tryPost(s.base, "", seedCountQuery, nil)
		if err != nil {
			t.Errorf("the request in flight: %v", err)
		}
		answered <- out
	}()
	select {
	case <-gate.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the request never reached the store")
	}
	s.cancel() // what SIGTERM does through signal.NotifyContext

	// The listener closes at once; serve waits for the request.
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(s.base + "/healthz")
		if err != nil {
			break
		}
		resp.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections 5s after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-s.done:
		t.Fatalf("serve returned %v with a request still in flight", err)
	case <-time.After(300 * time.Millisecond):
	}

	close(gate.release)
	out := <-answered
	if out.status != http.StatusOK || len(out.Errors) > 0 || !strings.Contains(string(out.Data), `"totalCount":1`) {
		t.Errorf("the request in flight got status %d, %+v, data %s; want the full answer", out.status, out.Errors, out.Data)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve returned %v, want nil", err)
		}
		s.done <- err // for the cleanup
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after the last request was answered")
	}
}

// TestRateLimitStorm has one client send requests, ten at a time, to a
// server allowing 10 a second, until 500 have been refused: each refusal is
// a 429 naming the limit, and the server stays healthy: health checks
// answer, another client is served at once, and the first once its window
// passes.
func TestRateLimitStorm(t *testing.T) {
	const rejections, workers = 500, 10
	s := serveSeed(t, nil, "--rate-limit", "10/s", "--rate-limit-loopback")

	var mu sync.Mutex
	statuses := map[int]int{}
	var limited opResponse
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				done := statuses[http.StatusTooManyRequests] >= rejections || statuses[http.StatusOK] > 100
				mu.Unlock()
				if done {
					return
				}
				out, err := tryPost(s.base, "", `{ __typename }`, nil)
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
				mu.Lock()
				statuses[out.status]++
				if out.status == http.StatusTooManyRequests {
					limited = out
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	sent := statuses[http.StatusOK] + statuses[http.StatusTooManyRequests]
	t.Logf("%d requests in %v (%.0f/s): %d answered, %d refused with 429",
		sent, elapsed.Round(time.Millisecond), float64(sent)/elapsed.Seconds(), statuses[http.StatusOK], statuses[http.StatusTooManyRequests])
	if len(statuses) != 2 || statuses[http.StatusTooManyRequests] < rejections {
		t.Fatalf("statuses %v, want only 200 and at least %d 429", statuses, rejections)
	}
	if maxOK := 10 * (int(elapsed.Seconds()) + 2); statuses[http.StatusOK] > maxOK {
		t.Errorf("%d answered in %v, want at most %d at 10/s", statuses[http.StatusOK], elapsed, maxOK)
	}
	if limited.code() != "RATE_LIMITED" || !strings.Contains(limited.Errors[0].Message, "10 requests per second") {
		t.Errorf("a refusal reads %+v, want RATE_LIMITED naming the limit", limited.Errors)
	}

	resp, err := http.Get(s.base + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz after the storm: %v, %v", resp, err)
	}
	resp.Body.Close()
	if out := post(t, s.base, "", seedCountQuery, nil); out.status != http.StatusTooManyRequests {
		t.Errorf("the storming client right after the storm: status %d, want 429", out.status)
	}
	// Another client, from another loopback address, has its own window.
	other := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{
		LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")},
	}).DialContext}}
	if out, err := postWith(other, s.base, seedCountQuery); err != nil {
		t.Logf("no second loopback address to test another client from: %v", err)
	} else if out.status != http.StatusOK || !strings.Contains(string(out.Data), `"totalCount":1`) {
		t.Errorf("another client during the storm's window: status %d, %+v", out.status, out.Errors)
	}

	time.Sleep(2100 * time.Millisecond)
	out := post(t, s.base, "", seedCountQuery, nil)
	if out.status != http.StatusOK || !strings.Contains(string(out.Data), `"totalCount":1`) {
		t.Fatalf("the seed query after the storm: status %d, %+v", out.status, out.Errors)
	}
	metrics, err := http.Get(s.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(metrics.Body)
	metrics.Body.Close()
	want := fmt.Sprintf(`officialgraph_http_requests_total{code="429",handler="graphql"} %d`, statuses[http.StatusTooManyRequests]+1)
	if !strings.Contains(string(body), want) {
		t.Errorf("/metrics lacks %s", want)
	}
}

func postWith(c *http.Client, base, query string) (opResponse, error) {
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := c.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return opResponse{}, err
	}
	defer resp.Body.Close()
	out := opResponse{status: resp.StatusCode}
	return out, json.NewDecoder(resp.Body).Decode(&out)
}

const ingestMutation = `mutation Ingest($input: IngestReportInput!) {
  ingestReport(input: $input) {
    result
    report { id title url publishedAt synthetic }
    meetings { id name date participants { official { name } roles } }
    warnings { code message offset }
  }
}`

const exampleReport = "3月1日，娄底市委书记刘非主持召开市委常委会会议。市长杨懿文出席会议并讲话。"

// TestIngestAndDeleteReport writes a report through the API, reads it back,
// writes it again and changed, and deletes it.
func TestIngestAndDeleteReport(t *testing.T) {
	s := serveSeed(t, testTokensEnv)
	input := map[string]any{
		"text": exampleReport, "title": "市委常委会会议", "url": "https://example.org/changwei",
		"publishedAt": "2020-03-01", "synthetic": true,
	}
	type payload struct {
		IngestReport struct {
			Result string
			Report struct {
				ID, Title, URL, PublishedAt string
				Synthetic                   bool
			}
			Meetings []struct {
				ID, Name, Date string
				Participants   []struct {
					Official struct{ Name string }
					Roles    []string
				}
			}
			Warnings []struct{ Code, Message string }
		}
	}
	ingest := func(token string, input map[string]any) (payload, opResponse) {
		t.Helper()
		out := post(t, s.base, token, ingestMutation, map[string]any{"input": input})
		var p payload
		if len(out.Errors) == 0 {
			if err := json.Unmarshal(out.Data, &p); err != nil {
				t.Fatal(err)
			}
		}
		return p, out
	}

	p, out := ingest(testWriteToken, input)
	if len(out.Errors) > 0 {
		t.Fatalf("ingestReport: %+v", out.Errors)
	}
	got := p.IngestReport
	if got.Result != "CREATED" || got.Report.Title != "市委常委会会议" || got.Report.PublishedAt != "2020-03-01" || !got.Report.Synthetic {
		t.Errorf("ingestReport = %+v", got)
	}
	if len(got.Meetings) != 1 || got.Meetings[0].Date != "2020-03-01" || len(got.Meetings[0].Participants) != 2 ||
		got.Meetings[0].Participants[0].Official.Name != "刘非" || got.Meetings[0].Participants[0].Roles[0] != "PRESIDED" {
		t.Errorf("meetings = %+v, want the standing committee meeting presided over by 刘非", got.Meetings)
	}
	reportID, meetingID := got.Report.ID, got.Meetings[0].ID

	if p, _ := ingest(testWriteToken, input); p.IngestReport.Result != "UNCHANGED" {
		t.Errorf("the same report again: %s, want UNCHANGED", p.IngestReport.Result)
	}
	changed := map[string]any{"text": exampleReport + "会议强调，要抓好春耕生产。", "url": input["url"], "synthetic": true}
	if p, _ := ingest(testWriteToken, changed); p.IngestReport.Result != "REPLACED" || p.IngestReport.Report.ID != reportID {
		t.Errorf("other text at the same URL: %+v, want REPLACED with the same ID", p.IngestReport)
	}

	tests := []struct {
		name     string
		token    string
		input    map[string]any
		wantCode string
		wantMsg  string
	}{
		{"no token", "", input, "UNAUTHENTICATED", "write role"},
		{"a read token", testReadToken, input, "FORBIDDEN", "write role"},
		{"empty text", testWriteToken, map[string]any{"text": "  "}, "BAD_USER_INPUT", "text is empty"},
		{"text over the limit", testWriteToken, map[string]any{"text": strings.Repeat("a", 2<<20+1)}, "BAD_USER_INPUT", "over the limit of 2 MiB"},
		{"a URL that is not one", testWriteToken, map[string]any{"text": exampleReport, "url": "javascript:alert(1)"}, "BAD_USER_INPUT", "http or https"},
		{"a date that is not one", testWriteToken, map[string]any{"text": exampleReport, "publishedAt": "2020-02-30"}, "BAD_USER_INPUT", "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out := ingest(tt.token, tt.input)
			if out.status != http.StatusOK || out.code() != tt.wantCode || !strings.Contains(out.Errors[0].Message, tt.wantMsg) {
				t.Errorf("status %d, %+v; want 200 with %s mentioning %q", out.status, out.Errors, tt.wantCode, tt.wantMsg)
			}
		})
	}

	const del = `mutation Delete($id: ID!) { deleteReport(id: $id) { deletedReportId } }`
	out = post(t, s.base, testWriteToken, del, map[string]any{"id": reportID})
	if len(out.Errors) > 0 || !strings.Contains(string(out.Data), reportID) {
		t.Fatalf("deleteReport: %+v %s", out.Errors, out.Data)
	}
	// The meeting only that report told of is gone; the seed is not.
	out = post(t, s.base, "", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": meetingID})
	if string(out.Data) != `{"node":null}` {
		t.Errorf("the deleted report's meeting: %s", out.Data)
	}
	if out := post(t, s.base, "", seedCountQuery, nil); !strings.Contains(string(out.Data), `"totalCount":1`) {
		t.Errorf("the seed meeting after the delete: %s", out.Data)
	}
	for _, tt := range []struct{ id, wantCode string }{
		{reportID, "NOT_FOUND"},
		{"off_aaaaaaaaaaaaaaaa", "BAD_USER_INPUT"},
	} {
		if out := post(t, s.base, testWriteToken, del, map[string]any{"id": tt.id}); out.code() != tt.wantCode {
			t.Errorf("deleteReport(%s): %+v, want %s", tt.id, out.Errors, tt.wantCode)
		}
	}

	metrics, err := http.Get(s.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(metrics.Body)
	metrics.Body.Close()
	for _, want := range []string{
		`officialgraph_reports_written_total{result="created"} 2`, // the seed at start, then the example
		`officialgraph_reports_written_total{result="unchanged"} 1`,
		`officialgraph_reports_written_total{result="replaced"} 1`,
		`officialgraph_reports_deleted_total{result="deleted"} 1`,
		`officialgraph_reports_deleted_total{result="not_found"} 1`,
		`officialgraph_graphql_requests_total{operation="Ingest",type="mutation"} 9`,
		`officialgraph_store_call_duration_seconds_count{method="WriteReport"} 4`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, tok := range []string{testWriteToken, testReadToken} {
		if strings.Contains(s.log.String(), tok) {
			t.Errorf("the log shows a token")
		}
	}
}

func TestTokenOnlyReads(t *testing.T) {
	s := serveSeed(t, testTokensEnv, "--require-token-for-reads")
	tests := []struct {
		token      string
		wantStatus int
	}{
		{"", http.StatusUnauthorized},
		{"not-a-configured-token", http.StatusUnauthorized},
		{testReadToken, http.StatusOK},
		{testWriteToken, http.StatusOK},
	}
	for _, tt := range tests {
		out := post(t, s.base, tt.token, seedCountQuery, nil)
		if out.status != tt.wantStatus {
			t.Errorf("token %q: status %d, want %d (%+v)", tt.token, out.status, tt.wantStatus, out.Errors)
		}
	}
	resp, err := http.Get(s.base + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz without a token: %v, %v", resp, err)
	}
	resp.Body.Close()
}
