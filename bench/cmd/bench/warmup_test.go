package main

import (
	"context"
	"sync"
	"testing"
	"time"
)

// countingSystem answers every shape at once and counts the requests it
// was sent, by shape.
type countingSystem struct {
	label string
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingSystem) name() string { return c.label }

func (c *countingSystem) do(_ context.Context, sh *shape, _ args, _ bool) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[sh.name]++
	return "", nil
}

func TestWarmUpQueries(t *testing.T) {
	shs := []*shape{{name: "a"}, {name: "b"}}
	p := pools{"a": {{"id": "1"}}, "b": {{"id": "2"}}}
	one := &countingSystem{label: "one", calls: map[string]int{}}
	two := &countingSystem{label: "two", calls: map[string]int{}}
	// two has no equivalent of shape b.
	nas := []map[string]string{{}, {"two": "no equivalent query"}}
	o := options{queryWarmup: 300 * time.Millisecond, concurrency: []int{1, 4}}

	start := time.Now()
	warmUpQueries(context.Background(), []system{one, two}, shs, nas, p, o)
	took := time.Since(start)

	if took < o.queryWarmup {
		t.Errorf("warm-up took %s, want at least -query-warmup's %s", took, o.queryWarmup)
	}
	for _, c := range []struct {
		sys   *countingSystem
		shape string
		want  bool
	}{
		{one, "a", true}, {one, "b", true}, {two, "a", true}, {two, "b", false},
	} {
		if got := c.sys.calls[c.shape] > 0; got != c.want {
			t.Errorf("%s ran shape %s %d times; want it run: %v", c.sys.label, c.shape, c.sys.calls[c.shape], c.want)
		}
	}

	none := &countingSystem{label: "none", calls: map[string]int{}}
	warmUpQueries(context.Background(), []system{none}, shs, []map[string]string{{}, {}}, p, options{concurrency: []int{1}})
	if len(none.calls) != 0 {
		t.Errorf("with no -query-warmup the systems were sent %v", none.calls)
	}
}
