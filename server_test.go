package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"officialgraph/internal/gcpace"
	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jtest"
)

// startServer runs `serve` with the given environment and returns its base
// URL as its banner gives it (with a trailing slash); the server stops when
// the test ends.
func startServer(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	return startServerLogging(t, env, io.Discard, args...)
}

// startServerLogging is startServer with the server's log written to
// stderr.
func startServerLogging(t *testing.T, env map[string]string, stderr io.Writer, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...),
			func(k string) string { return env[k] }, pw, stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after shutdown, want nil", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop within 30s of its context ending")
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the serve banner: %v", err)
	}
	go io.Copy(io.Discard, pr)
	_, rest, ok := strings.Cut(line, "http://")
	if !ok {
		t.Fatalf("banner %q has no address", line)
	}
	return "http://" + strings.Fields(rest)[0]
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func postQuery(t *testing.T, base, query string) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(base+"graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decoding response (status %d): %v", resp.StatusCode, err)
	}
	return out
}

const seedQuery = `{
  meetings(filter: {text: "统筹推进"}) {
    totalCount
    edges { node { name date participants { official { name } roles } } }
  }
}`

// checkSeedMeeting asserts the quick-start answer: the seed meeting, with
// 华学健 presiding and 刘非 and 杨懿文 speaking.
func checkSeedMeeting(t *testing.T, base string) {
	t.Helper()
	res := postQuery(t, base, seedQuery)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	var data struct {
		Meetings struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Name, Date   string
					Participants []struct {
						Official struct{ Name string }
						Roles    []string
					}
				}
			}
		}
	}
	if err := json.Unmarshal(res.Data, &data); err != nil {
		t.Fatal(err)
	}
	if data.Meetings.TotalCount != 1 || len(data.Meetings.Edges) != 1 {
		t.Fatalf("meetings = %+v, want the one seed meeting", data.Meetings)
	}
	m := data.Meetings.Edges[0].Node
	if m.Date != "2020-02-26" {
		t.Errorf("date = %q, want 2020-02-26", m.Date)
	}
	byRole := map[string][]string{}
	for _, p := range m.Participants {
		for _, r := range p.Roles {
			byRole[r] = append(byRole[r], p.Official.Name)
		}
	}
	if got := strings.Join(byRole["PRESIDED"], ","); got != "华学健" {
		t.Errorf("presided = %q, want 华学健", got)
	}
	if got := strings.Join(byRole["SPOKE"], ","); got != "刘非,杨懿文" {
		t.Errorf("spoke = %q, want 刘非,杨懿文", got)
	}
}

func TestServeMemstoreSeed(t *testing.T) {
	before := gcpace.Percent()
	base := startServer(t, nil, "--corpus", "corpus/seed")
	checkSeedMeeting(t, base+"/")
	// The in-memory store's heap is its data: the collector keeps the
	// runtime's pace.
	if got := gcpace.Percent(); got != before {
		t.Errorf("GC percent while serving memstore = %d, want %d as before", got, before)
	}
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/": 200} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}

func TestServeNeo4jSeed(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Open(t) // locks and empties the test database
	env := map[string]string{"NEO4J_URI": uri}
	getenv := func(k string) string { return env[k] }
	var out bytes.Buffer
	ctx := context.Background()
	before := gcpace.Percent()
	watch := &paceWatch{}
	testHookStore = func(s kg.Store) kg.Store { watch.Store = s; return watch }
	for i := 0; i < 2; i++ {
		out.Reset()
		if err := run(ctx, []string{"ingest", "--quiet", "corpus/seed"}, getenv, &out, io.Discard); err != nil {
			t.Fatalf("ingest run %d: %v\n%s", i+1, err, out.String())
		}
	}
	testHookStore = nil
	if !strings.Contains(out.String(), "unchanged 1") {
		t.Errorf("second ingest summary = %q, want the report unchanged", out.String())
	}
	if len(watch.percents) == 0 {
		t.Error("ingest wrote no reports through the store it opened")
	}
	for _, p := range watch.percents {
		if p != gcpace.RemoteStorePercent {
			t.Errorf("GC percent while ingest wrote into Neo4j = %d, want %d", p, gcpace.RemoteStorePercent)
		}
	}
	if got := gcpace.Percent(); got != before {
		t.Errorf("GC percent after ingest = %d, want %d as before", got, before)
	}
	// Cleanups run last first: this one runs once serve has returned.
	t.Cleanup(func() {
		if got := gcpace.Percent(); got != before {
			t.Errorf("GC percent after serving Neo4j = %d, want %d as before", got, before)
		}
	})
	base := startServer(t, env)
	checkSeedMeeting(t, base+"/")
	if got := gcpace.Percent(); got != gcpace.RemoteStorePercent {
		t.Errorf("GC percent while serving Neo4j = %d, want %d", got, gcpace.RemoteStorePercent)
	}
}

// paceWatch is a store that records the collector's percent whenever
// reports are written through it.
type paceWatch struct {
	kg.Store
	percents []int
}

func (w *paceWatch) WriteReport(ctx context.Context, f *kg.ReportFacts) (kg.WriteResult, error) {
	w.percents = append(w.percents, gcpace.Percent())
	return w.Store.WriteReport(ctx, f)
}

func (w *paceWatch) WriteReports(ctx context.Context, fs []*kg.ReportFacts) ([]kg.WriteResult, error) {
	w.percents = append(w.percents, gcpace.Percent())
	return w.Store.WriteReports(ctx, fs)
}

func TestUnknownCommand(t *testing.T) {
	err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Errorf("run(frobnicate) = %v, want an unknown-command error", err)
	}
}
