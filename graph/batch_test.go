package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// SetLoaderBatching makes the loaders of the requests that follow batch as
// mode says ("by-site", "fixed" or "direct"; "by-field" is "by-site"
// without the root official's read-ahead), for the benchmarks of package
// graph_test, and returns a function that restores the previous way. No
// request may be in flight while it runs.
func SetLoaderBatching(mode string) (restore func()) {
	prev, prevAhead := batching, readAhead
	readAhead = mode != "by-field"
	switch mode {
	case "by-site", "by-field":
		batching = batchBySite
	case "fixed":
		batching = batchFixed
	case "direct":
		batching = batchNone
	default:
		panic("unknown loader batching " + mode)
	}
	return func() { batching, readAhead = prev, prevAhead }
}

// fetchLog records the batches a fetch was called with.
type fetchLog struct {
	mu      sync.Mutex
	batches [][]string
}

func (l *fetchLog) fetch(_ context.Context, keys []string) ([]string, []error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.batches = append(l.batches, slices.Clone(keys))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = "v" + k
	}
	return out, nil
}

func (l *fetchLog) got() [][]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.batches
}

// field returns ctx inside a resolver of the field named name.
func field(ctx context.Context, name string) context.Context {
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: name}}})
}

// listOf returns ctx inside a list field named name resolved to n elements,
// and a function giving ctx inside the field child of its i-th element, as
// gqlgen's generated code makes them.
func listOf(ctx context.Context, name string, n int, child string) func(i int) context.Context {
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{
		Field:  graphql.CollectedField{Field: &ast.Field{Alias: name}},
		Result: make([]struct{}, n),
	})
	return func(i int) context.Context {
		return field(graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i}), child)
	}
}

// loadAll loads key(i) in n goroutines, one per element of a list, and
// returns the values and how long the slowest waited.
func loadAll(t *testing.T, b *batcher[string, string], n int, ctxOf func(int) context.Context, key func(int) string) time.Duration {
	t.Helper()
	start := time.Now()
	var wg sync.WaitGroup
	vs := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { vs[i], errs[i] = b.Load(ctxOf(i), key(i)) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || vs[i] != "v"+key(i) {
			t.Errorf("load %d: %q, %v; want %q", i, vs[i], errs[i], "v"+key(i))
		}
	}
	return time.Since(start)
}

// long is a bound no test waits unless a batch waited for it.
const long = 5 * time.Second

func TestBatcherFetchesAListOnceAllElementsAsked(t *testing.T) {
	var log fetchLog
	b := newBatcher(log.fetch, long)
	const n = 50
	elem := listOf(field(context.Background(), "meetings"), "edges", n, "division")
	took := loadAll(t, b, n, elem, func(i int) string { return fmt.Sprint(i) })
	if took >= long/2 {
		t.Errorf("a list of %d took %v: it waited for the bound", n, took)
	}
	if got := log.got(); len(got) != 1 || len(got[0]) != n {
		t.Errorf("batches %v; want one of %d keys", got, n)
	}
}

func TestBatcherFetchesASingleKeyAtOnce(t *testing.T) {
	var log fetchLog
	b := newBatcher(log.fetch, long)
	ctx := field(field(context.Background(), "official"), "positions")
	start := time.Now()
	if v, err := b.Load(ctx, "a"); err != nil || v != "va" {
		t.Fatalf("Load: %q, %v", v, err)
	}
	if took := time.Since(start); took >= long/2 {
		t.Errorf("a single load took %v: it waited for the bound", took)
	}
	// Outside any resolver too.
	start = time.Now()
	if v, err := b.Load(context.Background(), "b"); err != nil || v != "vb" {
		t.Fatalf("Load: %q, %v", v, err)
	}
	if took := time.Since(start); took >= long/2 {
		t.Errorf("a load outside a resolver took %v: it waited for the bound", took)
	}
}

func TestBatcherWaitsTheBoundForKeysThatDoNotCome(t *testing.T) {
	var log fetchLog
	const bound = 50 * time.Millisecond
	b := newBatcher(log.fetch, bound)
	// Three elements, but the third resolver asks for nothing.
	elem := listOf(field(context.Background(), "stats"), "directivesPerIssuer", 3, "issuer")
	took := loadAll(t, b, 2, elem, func(i int) string { return fmt.Sprint(i) })
	if took < bound {
		t.Errorf("2 of 3 expected loads took %v; want the bound, %v", took, bound)
	}
	if got := log.got(); len(got) != 1 || len(got[0]) != 2 {
		t.Errorf("batches %v; want one of 2 keys", got)
	}
}

func TestBatcherBatchesListsWithinListsWithinTheBound(t *testing.T) {
	var log fetchLog
	const bound = 50 * time.Millisecond
	b := newBatcher(log.fetch, bound)
	const outer, inner = 4, 5
	meetings := listOf(field(context.Background(), "meetings"), "edges", outer, "node")
	ctxOf := func(i int) context.Context {
		participants := listOf(meetings(i/inner), "participants", inner, "official")
		return participants(i % inner)
	}
	took := loadAll(t, b, outer*inner, ctxOf, func(i int) string { return fmt.Sprint(i % 7) })
	if took >= long/2 {
		t.Errorf("took %v", took)
	}
	if got := log.got(); len(got) != 1 || len(got[0]) != 7 {
		t.Errorf("batches %v; want one of the 7 distinct keys", got)
	}
}

func TestBatcherReadsAKeyOnce(t *testing.T) {
	var log fetchLog
	b := newBatcher(log.fetch, long)
	elem := listOf(field(context.Background(), "directives"), "edges", 10, "issuer")
	loadAll(t, b, 10, elem, func(i int) string { return fmt.Sprint(i % 3) })
	// A later read of a key read before, at another site.
	if v, err := b.Load(field(context.Background(), "official"), "1"); err != nil || v != "v1" {
		t.Fatalf("Load: %q, %v", v, err)
	}
	if got := log.got(); len(got) != 1 || len(got[0]) != 3 {
		t.Errorf("batches %v; want one of the 3 distinct keys", got)
	}
}

func TestBatcherJoinsTheKeysOfOneResolver(t *testing.T) {
	var log fetchLog
	b := newBatcher(log.fetch, long)
	// Each co-attendee asks for its shared meetings: thunks first, then
	// waits, as meetingsByID does.
	const n = 4
	elem := listOf(field(context.Background(), "official"), "coAttendees", n, "sharedMeetings")
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			ctx := elem(i)
			var thunks []func() (string, error)
			for j := range 3 {
				thunks = append(thunks, b.LoadThunk(ctx, fmt.Sprint(i, j)))
			}
			for _, th := range thunks {
				if _, err := th(); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if took := time.Since(start); took >= long/2 {
		t.Errorf("took %v: it waited for the bound", took)
	}
	if got := log.got(); len(got) != 1 || len(got[0]) != 3*n {
		t.Errorf("batches %v; want one of %d keys", got, 3*n)
	}
}

func TestBatcherErrors(t *testing.T) {
	errOdd := errors.New("odd")
	perKey := newBatcher(func(_ context.Context, keys []int) ([]int, []error) {
		errs := make([]error, len(keys))
		for i, k := range keys {
			if k%2 == 1 {
				errs[i] = errOdd
			}
		}
		return keys, errs
	}, long)
	elem := listOf(context.Background(), "xs", 2, "x")
	th0, th1 := perKey.LoadThunk(elem(0), 0), perKey.LoadThunk(elem(1), 1)
	var wg sync.WaitGroup
	var v0, v1 int
	var err0, err1 error
	wg.Go(func() { v0, err0 = th0() })
	wg.Go(func() { v1, err1 = th1() })
	wg.Wait()
	if v0 != 0 || err0 != nil || !errors.Is(err1, errOdd) {
		t.Errorf("per key: (%d, %v), (%d, %v); want (0, nil), odd", v0, err0, v1, err1)
	}

	errDown := errors.New("down")
	all := newBatcher(func(context.Context, []int) ([]int, []error) { return nil, []error{errDown} }, long)
	if _, err := all.Load(context.Background(), 1); !errors.Is(err, errDown) {
		t.Errorf("one error for all: %v; want down", err)
	}
	// A failed read is not retried within the request.
	if _, err := all.Load(field(context.Background(), "again"), 1); !errors.Is(err, errDown) {
		t.Errorf("again: %v; want down", err)
	}

	panics := newBatcher(func(context.Context, []int) ([]int, []error) { panic("boom") }, long)
	if _, err := panics.Load(context.Background(), 1); err == nil {
		t.Error("a fetch that panics gave no error")
	}
}
