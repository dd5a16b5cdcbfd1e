package floor_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/bench/floor"
	"officialgraph/bench/gen"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jtest"
)

// graphShape sums a graph up: nodes by label set, relationships by type,
// and the property keys of each.
type graphShape struct {
	nodes, rels map[string]int
	keys        map[string][]string
}

func readShape(ctx context.Context, t *testing.T, d neo4j.DriverWithContext) graphShape {
	t.Helper()
	s := graphShape{nodes: map[string]int{}, rels: map[string]int{}, keys: map[string][]string{}}
	q := func(cypher string, into map[string]int) {
		res, err := neo4j.ExecuteQuery(ctx, d, cypher, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database()))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Records {
			k, _ := r.Get("k")
			n, _ := r.Get("n")
			keys, _ := r.Get("keys")
			name := fmt.Sprint(k)
			into[name] = int(n.(int64))
			for _, key := range keys.([]any) {
				s.keys[name] = append(s.keys[name], key.(string))
			}
			slices.Sort(s.keys[name])
			s.keys[name] = slices.Compact(s.keys[name])
		}
	}
	q(`MATCH (n) WITH labels(n) AS l, n UNWIND l AS x WITH l, x, n ORDER BY x
	   WITH n, collect(x) AS k RETURN k, count(*) AS n, reduce(a = [], m IN collect(keys(n)) | a + m) AS keys`, s.nodes)
	q(`MATCH ()-[e]->() RETURN type(e) AS k, count(*) AS n, reduce(a = [], m IN collect(keys(e)) | a + m) AS keys`, s.rels)
	return s
}

func database() string {
	if db := os.Getenv("NEO4J_DATABASE"); db != "" {
		return db
	}
	return "neo4j"
}

// TestSameGraphAsStore writes the same reports with neo4jstore and with the
// floor's writer and checks that the two graphs have the same nodes and
// relationships, and that every property the floor writes is one the store
// writes too.
func TestSameGraphAsStore(t *testing.T) {
	store := neo4jtest.Open(t) // emptied, and locked for this test binary
	uri := neo4jtest.URI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)

	var facts []*kg.ReportFacts
	g := gen.New(gen.Config{Seed: 11, Reports: 12})
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		e, err := ingest.Extract(ctx, r.Text, r.IngestMeta(), r.Name)
		if err != nil {
			t.Fatal(err)
		}
		f, _, err := ingest.Facts(e, r.IngestMeta(), r.Text)
		if err != nil {
			t.Fatal(err)
		}
		facts = append(facts, f)
	}
	for _, f := range facts {
		if _, err := store.WriteReport(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	want := readShape(ctx, t, d)

	if err := neo4jtest.Wipe(ctx, uri); err != nil {
		t.Fatal(err)
	}
	w := floor.NewWriter(d, database(), 100) // several batches
	for _, f := range facts {
		if err := w.Add(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if w.Batches < 2 {
		t.Errorf("%d batches, want several", w.Batches)
	}
	got := readShape(ctx, t, d)

	if !maps.Equal(got.nodes, want.nodes) {
		t.Errorf("nodes by labels: floor %v, store %v", got.nodes, want.nodes)
	}
	// The store's CLAIMS relationships hold each report's claims about its
	// entities: bookkeeping the floor leaves out, as it leaves out the
	// claimedBy property they settle. It leaves out MET too, which the
	// store keeps for its reads (see bookkeepingRel).
	for k := range want.rels {
		if bookkeepingRel(k) {
			delete(want.rels, k)
			delete(want.keys, k)
		}
	}
	if !maps.Equal(got.rels, want.rels) {
		t.Errorf("relationships by type: floor %v, store %v", got.rels, want.rels)
	}
	for k, keys := range got.keys {
		for _, key := range keys {
			if !slices.Contains(want.keys[k], key) {
				t.Errorf("%s: the floor writes %s, the store does not", k, key)
			}
		}
	}
	for k, keys := range want.keys {
		for _, key := range keys {
			if !bookkeeping(key) && !slices.Contains(got.keys[k], key) {
				t.Errorf("%s: the store writes %s, the floor does not", k, key)
			}
		}
	}
}

// bookkeeping reports whether a property is one the store keeps to delete
// and replace reports, to settle reports that disagree and to apply
// identity decisions (the facts as written, the decisions applied), or for
// its own reads (each meeting's tally, which Stats counts where the
// floor's hand-written query walks the meetings), which the floor leaves
// out; like MET, the tallies make the floor's ingest the faster.
func bookkeeping(key string) bool {
	switch key {
	case "claimedBy", "sortSuffix", "sortSuffixOrd",
		"officialIds", "divisionIds", "positionIds", "meetingIds", "directiveIds",
		"written", "decisionIds",
		"statsOfficials", "statsRoles", "statsReporters", "statsIssuers":
		return true
	}
	return false
}

// bookkeepingRel reports whether a relationship type is one the store
// keeps for the same reasons, or for its own reads: MET counts the
// meetings each pair of officials shared, which the floor's hand-written
// queries count when asked. The floor's ingest is the faster for leaving
// it out.
func bookkeepingRel(typ string) bool { return typ == "CLAIMS" || typ == "MET" }
