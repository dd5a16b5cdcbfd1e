package main

import (
	"bytes"
	"context"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jstore"
	"officialgraph/internal/neo4jtest"
)

// crashReports is how many synthetic reports the process tests ingest: a
// clean ingest of the whole corpus takes minutes on a small machine, and a
// few reports already give every kill a transaction to land in.
const crashReports = 2

// buildBinary builds the command once per test into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "officialgraph")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// copyReports copies the first n synthetic reports, each with its metadata,
// into a temporary folder and returns it.
func copyReports(t *testing.T, n int) string {
	t.Helper()
	texts, err := filepath.Glob(filepath.Join("corpus", "synthetic", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(texts)
	if len(texts) < n {
		t.Fatalf("corpus/synthetic has %d reports, want at least %d", len(texts), n)
	}
	dir := t.TempDir()
	for _, txt := range texts[:n] {
		meta := strings.TrimSuffix(txt, ".txt") + ".meta.json"
		for _, src := range []string{txt, meta} {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// ingestCommand returns `BIN ingest --quiet DIR` against the Neo4j at uri.
func ingestCommand(bin, uri, dir string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(bin, "ingest", "--quiet", dir)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+uri)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	return cmd, &out
}

// runIngest runs an ingest to completion and fails the test if it fails.
func runIngest(t *testing.T, bin, uri, dir string) time.Duration {
	t.Helper()
	cmd, out := ingestCommand(bin, uri, dir)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return time.Since(start)
}

// graphState is what the database holds, counted from outside the store.
type graphState struct {
	Counts kg.Counts
	Labels map[string]int64 // nodes by label
	Types  map[string]int64 // relationships by type
	// Facts holds, per stored report, how many relationships of each type
	// the report contributed.
	Facts map[string]reportFacts
}

type reportFacts struct {
	Reports, Participated, Held, At int64
	HasSHA256                       bool
}

const labelCountsQuery = `
MATCH (n) UNWIND labels(n) AS label
RETURN label AS key, count(*) AS n`

const typeCountsQuery = `
MATCH ()-[e]->()
RETURN type(e) AS key, count(*) AS n`

const reportFactsQuery = `
MATCH (r:Report)
RETURN r.id AS id, r.sha256 IS NOT NULL AS hasSHA,
  COUNT { (r)-[:REPORTS]->() } AS reports,
  COUNT { ()-[:PARTICIPATED {report: r.id}]->() } AS participated,
  COUNT { ()-[:HELD {report: r.id}]->() } AS held,
  COUNT { ()-[:AT {report: r.id}]->() } AS at`

// readState reads the database through the store's Counts and a driver of
// its own.
func readState(t *testing.T, store *neo4jstore.Store, driver neo4j.DriverWithContext) graphState {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var st graphState
	var err error
	if st.Counts, err = store.Counts(ctx); err != nil {
		t.Fatalf("Counts: %v", err)
	}
	query := func(q string) []*neo4j.Record {
		t.Helper()
		res, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(testDatabase()), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			t.Fatalf("query %s: %v", q, err)
		}
		return res.Records
	}
	byKey := func(q string) map[string]int64 {
		m := map[string]int64{}
		for _, r := range query(q) {
			k, _ := r.Get("key")
			n, _ := r.Get("n")
			m[k.(string)] = n.(int64)
		}
		return m
	}
	st.Labels = byKey(labelCountsQuery)
	st.Types = byKey(typeCountsQuery)
	st.Facts = map[string]reportFacts{}
	for _, r := range query(reportFactsQuery) {
		id, _ := r.Get("id")
		get := func(k string) int64 { v, _ := r.Get(k); return v.(int64) }
		has, _ := r.Get("hasSHA")
		st.Facts[id.(string)] = reportFacts{
			Reports: get("reports"), Participated: get("participated"),
			Held: get("held"), At: get("at"), HasSHA256: has.(bool),
		}
	}
	return st
}

func testDatabase() string {
	if db := os.Getenv("NEO4J_DATABASE"); db != "" {
		return db
	}
	return neo4jstore.DefaultDatabase
}

func openDriver(t *testing.T, uri string) neo4j.DriverWithContext {
	t.Helper()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	return d
}

func wipe(t *testing.T, uri string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := neo4jtest.Wipe(ctx, uri); err != nil {
		t.Fatalf("emptying the database: %v", err)
	}
}

// TestIngestSurvivesSIGKILL kills ingests at random moments and checks that
// every report the database shows is whole, and that a later ingest brings
// the database to what one clean ingest writes.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	store := neo4jtest.Open(t)
	uri := neo4jtest.URI(t)
	driver := openDriver(t, uri)
	bin := buildBinary(t)
	dir := copyReports(t, crashReports)

	clean := runIngest(t, bin, uri, dir)
	want := readState(t, store, driver)
	if len(want.Facts) != crashReports {
		t.Fatalf("a clean ingest stored %d reports, want %d", len(want.Facts), crashReports)
	}
	t.Logf("clean ingest of %d reports: %v", crashReports, clean.Round(time.Millisecond))

	const kills = 20
	rng := rand.New(rand.NewSource(1))
	partial := 0
	for i := range kills {
		wipe(t, uri)
		delay := time.Duration(rng.Int63n(int64(clean)))
		cmd, out := ingestCommand(bin, uri, dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		got := readState(t, store, driver)
		for id, f := range got.Facts {
			if w := want.Facts[id]; f != w {
				t.Errorf("kill %d after %v: report %s is half written: got %+v, want %+v\noutput:\n%s",
					i, delay.Round(time.Millisecond), id, f, w, out)
			}
		}
		if n := len(got.Facts); n > 0 && n < crashReports {
			partial++
		}
	}
	t.Logf("%d of %d kills left some but not all reports stored", partial, kills)

	runIngest(t, bin, uri, dir)
	got := readState(t, store, driver)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the kills and a complete ingest, the database differs from a clean ingest:\ngot  %+v\nwant %+v", got, want)
	}
}

// TestConcurrentIngestsOneSetOfFacts runs two ingests of the same reports at
// once and checks that they store what one ingest stores.
func TestConcurrentIngestsOneSetOfFacts(t *testing.T) {
	store := neo4jtest.Open(t)
	uri := neo4jtest.URI(t)
	driver := openDriver(t, uri)
	bin := buildBinary(t)
	dir := copyReports(t, crashReports)

	runIngest(t, bin, uri, dir)
	want := readState(t, store, driver)
	wipe(t, uri)

	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			cmd, out := ingestCommand(bin, uri, dir)
			if err := cmd.Run(); err != nil {
				t.Errorf("concurrent %s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
			}
		})
	}
	wg.Wait()

	got := readState(t, store, driver)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("two concurrent ingests differ from one clean ingest:\ngot  %+v\nwant %+v", got, want)
	}
}
