package neo4jstore_test

import (
	"context"
	"errors"
	"net/url"
	"runtime/metrics"
	"testing"
	"time"

	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jstore"
	"officialgraph/internal/neo4jtest"
)

// TestStalledServer checks that a call returns when its context is done,
// even though the server stopped answering in the middle of it without
// closing the connection. The store hands the driver contexts without
// their deadline (the driver would race every read against it in a
// goroutine of its own), so it is the store's own bound that is checked.
func TestStalledServer(t *testing.T) {
	neo4jtest.Open(t) // takes the lock and empties the database
	u, err := url.Parse(neo4jtest.URI(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for _, tc := range []struct {
		name string
		stop func(context.Context) (context.Context, context.CancelFunc)
		want error
	}{
		{"deadline", func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 500*time.Millisecond)
		}, context.DeadlineExceeded},
		{"cancelled", func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(ctx)
			time.AfterFunc(500*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := forward(t, closedPort(t), u.Host)
			defer f.stop()
			s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: "bolt://" + f.l.Addr().String(), ConnectTimeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close(context.Background())
			if _, err := s.Counts(ctx); err != nil {
				t.Fatalf("Counts before the server stalls: %v", err)
			}
			f.stall()
			callCtx, cancel := tc.stop(ctx)
			defer cancel()
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				_, err := s.Counts(callCtx)
				done <- err
			}()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Counts with the server stalled has not returned after 10s, want about 500ms")
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("Counts with the server stalled returned after %v, want about 500ms", d)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("Counts with the server stalled: %v, want %v", err, tc.want)
			}
			if errors.Is(err, kg.ErrUnavailable) {
				t.Errorf("Counts with the server stalled: %v; the caller gave up, the server is not known to be down", err)
			}
		})
	}
}

// TestReadsDoNotRaceEachRead checks what handing the driver contexts
// without their deadline saves: a read under a deadline must not cost a
// goroutine for every message the driver reads. With the deadline handed
// on, each read here started 13 goroutines (a read of 20 records, about
// 75). The test Neo4j keeps Bolt connections alive while streaming only,
// so it hints no receive timeout, against which the driver would race
// every read too.
func TestReadsDoNotRaceEachRead(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	for i := range 3 {
		name := []string{"姚兵", "王建国", "李明"}[i]
		if _, err := s.WriteReport(ctx, sampleReport("https://example.org/"+name, string(rune('a'+i))+"a", name)); err != nil {
			t.Fatal(err)
		}
	}
	created := func() uint64 {
		m := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
		metrics.Read(m)
		return m[0].Value.Uint64()
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	read := func() {
		callCtx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		page, err := s.Officials(callCtx, kg.OfficialFilter{}, kg.Page{First: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != counts.Officials {
			t.Fatalf("Officials = %d, want %d", len(page.Items), counts.Officials)
		}
	}
	read() // the connection is open and the query planned
	const calls = 50
	before := created()
	for range calls {
		read()
	}
	// One goroutine bounds each call; a few more may start elsewhere in
	// the test binary meanwhile.
	if got := float64(created()-before) / calls; got > 3 {
		t.Errorf("a read under a deadline started %.1f goroutines, want at most 3", got)
	}
}
