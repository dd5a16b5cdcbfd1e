package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// batcher is a loader that reads the keys of one request in batches, each
// batch the keys asked for at one place of the query (a site: the field
// whose resolver asks, by its path without list indexes), and caches what
// it read: a key asked for twice is read once.
//
// A fixed wait for more keys costs every level of a query that wait, even
// where a single key can come. A batcher instead counts the resolvers that
// can ask at a site, from gqlgen's field contexts: one for a field outside
// any list, the list's length for a field under one list. It fetches a
// site's batch as soon as that many resolvers have waited for their
// values, and otherwise (a resolver that asks for nothing, such as a
// division's parent when it has none; a field under lists within lists,
// whose count is not known in advance) after maxWait at most, as a fixed
// wait would.
type batcher[K comparable, V any] struct {
	fetch   func(context.Context, []K) ([]V, []error)
	maxWait time.Duration

	mu    sync.Mutex
	cache map[K]*result[V]
	sites map[string]*site[K, V]
}

// result is the value of one key, final once done is closed.
type result[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// site is what a batcher knows of one place of the query.
type site[K comparable, V any] struct {
	// expected is how many resolvers can ask at the site, 0 when unknown.
	expected int
	// waited holds the resolvers that have waited for a value here: once
	// a resolver waits it has asked for every key it will.
	waited  map[*graphql.FieldContext]struct{}
	pending *batch[K, V]
}

// batch is the keys of a site not yet fetched.
type batch[K comparable, V any] struct {
	ctx     context.Context
	keys    []K
	results []*result[V]
	timer   *time.Timer
}

func newBatcher[K comparable, V any](fetch func(context.Context, []K) ([]V, []error), maxWait time.Duration) *batcher[K, V] {
	return &batcher[K, V]{
		fetch:   fetch,
		maxWait: maxWait,
		cache:   map[K]*result[V]{},
		sites:   map[string]*site[K, V]{},
	}
}

// Load implements loader.
func (b *batcher[K, V]) Load(ctx context.Context, key K) (V, error) {
	return b.LoadThunk(ctx, key)()
}

// LoadThunk implements loader. The key joins its site's batch at once; the
// thunk counts its resolver as arrived at the site, fetches the batch if
// that was the last resolver the site waited for, and waits for the value.
func (b *batcher[K, V]) LoadThunk(ctx context.Context, key K) func() (V, error) {
	fc := graphql.GetFieldContext(ctx)
	path, expected := siteOf(fc)
	b.mu.Lock()
	r, ok := b.cache[key]
	if !ok {
		r = &result[V]{done: make(chan struct{})}
		b.cache[key] = r
		b.add(ctx, b.site(path, expected), key, r)
	}
	b.mu.Unlock()
	return func() (V, error) {
		b.arrive(fc, path, expected)
		<-r.done
		return r.v, r.err
	}
}

// site returns the state of the site at path, made on first use. b.mu must
// be held.
func (b *batcher[K, V]) site(path string, expected int) *site[K, V] {
	s, ok := b.sites[path]
	if !ok {
		s = &site[K, V]{expected: expected, waited: map[*graphql.FieldContext]struct{}{}}
		b.sites[path] = s
	}
	return s
}

// add puts key in the pending batch of s, starting one whose fetch is due
// after maxWait if there is none. b.mu must be held.
func (b *batcher[K, V]) add(ctx context.Context, s *site[K, V], key K, r *result[V]) {
	p := s.pending
	if p == nil {
		p = &batch[K, V]{ctx: ctx}
		s.pending = p
		p.timer = time.AfterFunc(b.maxWait, func() {
			b.mu.Lock()
			due := s.pending == p
			if due {
				s.pending = nil
			}
			b.mu.Unlock()
			if due {
				b.run(p)
			}
		})
	}
	p.keys = append(p.keys, key)
	p.results = append(p.results, r)
}

// arrive counts the resolver of fc as arrived at its site and, when every
// resolver the site expects has arrived, fetches the site's pending batch
// in the calling goroutine.
func (b *batcher[K, V]) arrive(fc *graphql.FieldContext, path string, expected int) {
	b.mu.Lock()
	s := b.site(path, expected)
	s.waited[fc] = struct{}{}
	var p *batch[K, V]
	if s.expected > 0 && len(s.waited) >= s.expected && s.pending != nil {
		p = s.pending
		s.pending = nil
		p.timer.Stop()
	}
	b.mu.Unlock()
	if p != nil {
		b.run(p)
	}
}

// run fetches the keys of p and hands each waiting thunk its value, read
// from the fetch's answer as dataloadgen reads it: one error stands for
// every key, else errors go key by key.
func (b *batcher[K, V]) run(p *batch[K, V]) {
	vs, errs := b.safeFetch(p.ctx, p.keys)
	for i, r := range p.results {
		switch {
		case len(errs) == 1 && errs[0] != nil:
			r.err = errs[0]
		case len(vs) != len(p.keys):
			r.err = fmt.Errorf("bug in fetch function: %d values returned for %d keys", len(vs), len(p.keys))
		default:
			r.v = vs[i]
			if len(errs) > i {
				r.err = errs[i]
			} else if len(errs) != 0 {
				r.err = fmt.Errorf("bug in fetch function: %d errors returned for %d keys", len(errs), len(p.keys))
			}
		}
		close(r.done)
	}
}

// safeFetch calls fetch, turning a panic into an error for every key: the
// fetch may run in a timer's goroutine, where a panic would end the
// process.
func (b *batcher[K, V]) safeFetch(ctx context.Context, keys []K) (vs []V, errs []error) {
	defer func() {
		if v := recover(); v != nil {
			errs = []error{fmt.Errorf("panic during fetch: %v", v)}
		}
	}()
	return b.fetch(ctx, keys)
}

// siteOf names the site of the resolver of fc, its field's path without
// list indexes, and counts the resolvers that can run there: 1 outside any
// list, the list's length under one list, 0 (unknown) under lists within
// lists, whose lengths other resolvers are still finding out. A list's
// length is known to every resolver under it: gqlgen sets the list field's
// Result before it resolves the elements.
func siteOf(fc *graphql.FieldContext) (string, int) {
	var names []string
	var list *graphql.FieldContext
	lists := 0
	for c := fc; c != nil; c = c.Parent {
		if c.Index != nil {
			lists++
			list = c.Parent
			continue
		}
		if c.Field.Field != nil {
			names = append(names, c.Field.Alias)
		}
	}
	slices.Reverse(names)
	path := strings.Join(names, ".")
	switch lists {
	case 0:
		return path, 1
	case 1:
		return path, length(list)
	default:
		return path, 0
	}
}

// length returns the number of elements of the list fc resolved to, or 0
// if it cannot tell.
func length(fc *graphql.FieldContext) int {
	if fc == nil || fc.Result == nil {
		return 0
	}
	v := reflect.ValueOf(fc.Result)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return 0
	}
	return v.Len()
}
