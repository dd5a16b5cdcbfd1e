package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"officialgraph/internal/gcpace"
	"officialgraph/internal/neo4jtest"
)

// TestServeMemstore runs the child's side of the protocol over pipes, with
// the in-memory store: it must answer a spec with the corpus it loaded and
// a URL that answers every shape from the arguments it drew, then, once
// its input is closed, report the store's heap, close the CPU profile it
// was asked for and return.
func TestServeMemstore(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	profile := filepath.Join(t.TempDir(), "svc.pprof")
	spec := serviceSpec{Size: 40, Seed: 3, Checkpoints: []int{20, 40}, Pools: true, CPUProfile: profile}
	before := gcpace.Percent()
	ready, inW, dec, errc := startChild(ctx, t, spec)
	if ready.GCPercent != before {
		t.Errorf("GC percent over memstore = %d, want the runtime's %d", ready.GCPercent, before)
	}
	if got := ready.Corpus.Reports; got != spec.Size {
		t.Errorf("corpus reports = %d, want %d", got, spec.Size)
	}
	if ready.Corpus.Counts.Officials == 0 || ready.Corpus.Counts.Meetings == 0 {
		t.Errorf("corpus counts = %+v, want officials and meetings", ready.Corpus.Counts)
	}
	if got := len(ready.Ingest); got != len(spec.Checkpoints) {
		t.Errorf("ingest rows = %d, want one per checkpoint (%d)", got, len(spec.Checkpoints))
	}
	svc := &graphqlSystem{label: sysServiceMem, url: ready.URL}
	for _, sh := range shapes {
		pool := ready.Pools[sh.name]
		if len(pool) == 0 {
			t.Errorf("%s: no arguments drawn", sh.name)
			continue
		}
		if _, err := svc.do(ctx, sh, pool[0], true); err != nil {
			t.Errorf("%s(%v): %v", sh.name, pool[0], err)
		}
	}

	inW.Close()
	var done serviceDone
	if err := dec.Decode(&done); err != nil {
		t.Fatalf("reading the done line: %v", err)
	}
	if done.HeapBytes == 0 {
		t.Error("heap = 0 bytes, want the store's heap")
	}
	if err := <-errc; err != nil {
		t.Fatalf("serveService: %v", err)
	}
	if _, err := svc.do(ctx, shapes[0], ready.Pools[shapes[0].name][0], false); err == nil {
		t.Error("the service still answers after its input was closed")
	}
	// A profile is gzipped protocol buffers; a file cut short would have
	// no end to its gzip stream.
	b, err := os.ReadFile(profile)
	if err != nil {
		t.Fatalf("the CPU profile: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the CPU profile is not gzipped: %v", err)
	}
	if n, err := io.Copy(io.Discard, zr); err != nil || n == 0 {
		t.Errorf("the CPU profile: %d bytes, %v; want a whole profile", n, err)
	}
}

// TestServeServiceBadSpec checks that a spec that is not JSON is an error
// that says so, before anything is loaded.
func TestServeServiceBadSpec(t *testing.T) {
	var out strings.Builder
	err := serveService(context.Background(), strings.NewReader("size=40\n"), &out)
	if err == nil || !strings.Contains(err.Error(), "reading the spec") {
		t.Errorf("err = %v, want an error reading the spec", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q, want nothing", out.String())
	}
}

// TestServeNeo4j runs the child's side of the protocol with Neo4j: the
// child must serve the database it is pointed at, not load a corpus, and
// report no heap.
func TestServeNeo4j(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := s.WriteReports(ctx, extraReports(5, 3)); err != nil {
		t.Fatal(err)
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Officials == 0 {
		t.Fatal("the reports written hold no officials")
	}

	spec := serviceSpec{Neo4j: &neo4jConn{URI: neo4jtest.URI(t), Database: os.Getenv("NEO4J_DATABASE")}, Size: 40}
	want := gcpace.RemoteStorePercent
	if os.Getenv("GOGC") != "" {
		want = gcpace.Percent() // the environment's, which stands
	}
	ready, inW, dec, errc := startChild(ctx, t, spec)
	if ready.GCPercent != want {
		t.Errorf("GC percent over Neo4j = %d, want %d", ready.GCPercent, want)
	}
	if ready.Corpus.Reports != 0 || len(ready.Ingest) != 0 {
		t.Errorf("over Neo4j the child loaded a corpus: %+v, %d ingest rows", ready.Corpus, len(ready.Ingest))
	}
	body := []byte(`{"query":"{ officials(first: 1) { totalCount } }"}`)
	res, err := http.Post(ready.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Data struct {
			Officials struct{ TotalCount int } `json:"officials"`
		} `json:"data"`
	}
	err = json.NewDecoder(res.Body).Decode(&got)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got.Data.Officials.TotalCount != counts.Officials {
		t.Errorf("officials' totalCount = %d, want the database's %d", got.Data.Officials.TotalCount, counts.Officials)
	}

	inW.Close()
	var done serviceDone
	if err := dec.Decode(&done); err != nil {
		t.Fatalf("reading the done line: %v", err)
	}
	if done.HeapBytes != 0 {
		t.Errorf("heap = %d bytes over Neo4j, want 0", done.HeapBytes)
	}
	if err := <-errc; err != nil {
		t.Fatalf("serveService: %v", err)
	}
}

// startChild runs serveService over pipes, writes spec to it and returns
// its ready line, the pipe that stops it when closed, the decoder of its
// later lines, and where its error arrives once it returns.
func startChild(ctx context.Context, t *testing.T, spec serviceSpec) (serviceReady, io.WriteCloser, *json.Decoder, <-chan error) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	errc := make(chan error, 1)
	go func() {
		err := serveService(ctx, inR, outW)
		outW.CloseWithError(io.EOF)
		errc <- err
	}()
	if err := json.NewEncoder(inW).Encode(spec); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(outR)
	var ready serviceReady
	if err := dec.Decode(&ready); err != nil {
		t.Fatalf("reading the ready line: %v", err)
	}
	if ready.Err != "" {
		t.Fatalf("the service failed: %s", ready.Err)
	}
	return ready, inW, dec, errc
}
