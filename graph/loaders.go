package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"officialgraph/internal/kg"
)

// loaderWait bounds how long a batch waits for keys that may still come.
// gqlgen resolves the fields of a list concurrently, so the keys of one
// level of a query arrive close together; on a loaded machine they can
// spread over a millisecond or more, and a shorter wait splits the batch
// (measured: a page of 50 meetings cost 13 queries at 0.5 ms, 7 at 2 ms).
// A batcher waits that long only where it cannot count the keys to come.
const loaderWait = 2 * time.Millisecond

// batching is how the loaders of a request batch over a store that is not
// local. Only benchmarks change it, to compare the ways side by side.
var batching = batchBySite

// The ways loaders can batch.
const (
	// batchBySite fetches a batch once every resolver that can ask at its
	// place of the query has asked, or after loaderWait (a batcher).
	batchBySite = iota
	// batchFixed fetches every batch loaderWait after its first key.
	batchFixed
	// batchNone fetches each key at once, on its own.
	batchNone
)

// loaders batch the per-object reads of one request into one store call per
// kind and level of the query, so a page of 50 meetings with their
// participants and each participant's positions costs a bounded number of
// round trips, whatever the page size.
//
// A store whose reads are calls within the process (kg.Local) gains nothing
// from batching, so over it each loader calls the same batch read at once
// with one key.
type loaders struct {
	officials    loader[string, kg.Official]
	meetings     loader[string, kg.Meeting]
	divisions    loader[string, kg.Division]
	reports      loader[string, kg.Report]
	participants loader[participantKey, []kg.Participant]
	divRoles     loader[participantKey, []kg.DivisionRole]
	directives   loader[string, []kg.Directive]
	sources      loader[string, []kg.Report]
	positions    loader[string, []kg.PositionHeld]
	// positionDates reads positions without their evidence, for a
	// selection that asks for none.
	positionDates loader[string, []kg.PositionHeld]
	// profiles holds the lists root official fields read ahead; nil over
	// a local store, where a round trip costs nothing to save.
	profiles *profiles
}

// loader reads one value by key: a batcher, a dataloadgen.Loader (the
// fixed wait, kept to compare with), or direct.
type loader[K comparable, V any] interface {
	Load(ctx context.Context, key K) (V, error)
	// LoadThunk asks for a key and returns a function that waits for its
	// value, so that the keys of a list can join one batch.
	LoadThunk(ctx context.Context, key K) func() (V, error)
}

type participantKey struct {
	meetingID string
	role      kg.Role
}

type loadersKey struct{}

// newLoaders makes the loaders of one request over ex: batching ones, or
// direct ones when ex is local.
func newLoaders(ex kg.Explorer, local bool) *loaders {
	var ps *profiles
	if !local && readAhead {
		ps = newProfiles(ex)
	}
	return &loaders{
		profiles:  ps,
		officials: newLoader(local, byID(ex.OfficialsByID, func(o kg.Official) string { return o.ID })),
		meetings:  newLoader(local, byID(ex.MeetingsByID, func(m kg.Meeting) string { return m.ID })),
		divisions: newLoader(local, byID(ex.DivisionsByID, func(d kg.Division) string { return d.ID })),
		reports:   newLoader(local, byID(ex.ReportsByID, func(r kg.Report) string { return r.ID })),
		participants: newLoader(local, byRole(func(ctx context.Context, ids []string, role kg.Role) ([][]kg.Participant, error) {
			return ex.ParticipantsOf(ctx, ids, role)
		})),
		divRoles: newLoader(local, byRole(func(ctx context.Context, ids []string, role kg.Role) ([][]kg.DivisionRole, error) {
			return ex.DivisionRolesOf(ctx, ids, role)
		})),
		directives:    newLoader(local, lists(ex.DirectivesOf)),
		sources:       newLoader(local, lists(ex.ReportsOf)),
		positions:     newLoader(local, lists(ex.PositionsHeldBy)),
		positionDates: newLoader(local, lists(ex.PositionDatesHeldBy)),
	}
}

// newLoader returns a loader over fetch: direct when local, else one that
// batches.
func newLoader[K comparable, V any](local bool, fetch func(context.Context, []K) ([]V, []error)) loader[K, V] {
	switch {
	case local || batching == batchNone:
		return direct[K, V](fetch)
	case batching == batchFixed:
		return dataloadgen.NewLoader(fetch, dataloadgen.WithWait(loaderWait))
	default:
		return newBatcher(fetch, loaderWait)
	}
}

// direct is a loader that fetches each key on its own, at once, with the
// same batch read a batching loader would use, so it answers what that
// loader would. It caches nothing: a local read costs less than a cache.
type direct[K comparable, V any] func(context.Context, []K) ([]V, []error)

// Load implements loader with dataloadgen's reading of a fetch's result:
// one error stands for all keys.
func (f direct[K, V]) Load(ctx context.Context, key K) (V, error) {
	got, errs := f(ctx, []K{key})
	var v V
	if len(errs) > 0 && errs[0] != nil {
		return v, errs[0]
	}
	if len(got) != 1 {
		return v, fmt.Errorf("bug in fetch function: %d values returned for 1 key", len(got))
	}
	return got[0], nil
}

// LoadThunk implements loader: the key is read when the thunk is called.
func (f direct[K, V]) LoadThunk(ctx context.Context, key K) func() (V, error) {
	return func() (V, error) { return f.Load(ctx, key) }
}

// byID adapts a batch read by ID to a loader's fetch: a zero value (an ID
// that names nothing) becomes kg.ErrNotFound for that key only.
func byID[T any](fetch func(context.Context, []string) ([]T, error), idOf func(T) string) func(context.Context, []string) ([]T, []error) {
	return func(ctx context.Context, ids []string) ([]T, []error) {
		got, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		errs := make([]error, len(ids))
		for i := range got {
			if idOf(got[i]) == "" {
				errs[i] = kg.ErrNotFound
			}
		}
		return got, errs
	}
}

// lists adapts a batch read of lists to a loader's fetch.
func lists[T any](fetch func(context.Context, []string) ([][]T, error)) func(context.Context, []string) ([][]T, []error) {
	return func(ctx context.Context, ids []string) ([][]T, []error) {
		got, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return got, nil
	}
}

// byRole groups keys by role, one batch read per role asked for.
func byRole[T any](fetch func(context.Context, []string, kg.Role) ([][]T, error)) func(context.Context, []participantKey) ([][]T, []error) {
	return func(ctx context.Context, keys []participantKey) ([][]T, []error) {
		out := make([][]T, len(keys))
		idx := map[kg.Role][]int{}
		var roles []kg.Role
		for i, k := range keys {
			if _, ok := idx[k.role]; !ok {
				roles = append(roles, k.role)
			}
			idx[k.role] = append(idx[k.role], i)
		}
		for _, role := range roles {
			ids := make([]string, len(idx[role]))
			for j, i := range idx[role] {
				ids[j] = keys[i].meetingID
			}
			got, err := fetch(ctx, ids, role)
			if err != nil {
				return nil, []error{err}
			}
			for j, i := range idx[role] {
				out[i] = got[j]
			}
		}
		return out, nil
	}
}

// withLoaders gives each GraphQL operation its own loaders: their caches
// must not outlive a request, or one client would see another's stale data.
func withLoaders(store kg.Store) graphql.OperationMiddleware {
	ex, ok := store.(kg.Explorer)
	local := kg.IsLocal(store)
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if !ok {
			return next(ctx)
		}
		return next(context.WithValue(ctx, loadersKey{}, newLoaders(ex, local)))
	}
}

// loadersFrom returns the request's loaders, or nil when the store has no
// batch reads (the resolvers then read one object at a time).
func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}

// load reads one object through the request's loader when there is one,
// else straight from the store; a missing object is nil, not an error.
func load[T any](ctx context.Context, l loader[string, T], get func(context.Context, string) (T, error), id string) (*T, error) {
	if l != nil {
		v, err := l.Load(ctx, id)
		return optional(v, err)
	}
	return optional(get(ctx, id))
}

func (r *Resolver) loadOfficial(ctx context.Context, id string) (*kg.Official, error) {
	var l loader[string, kg.Official]
	if ls := loadersFrom(ctx); ls != nil {
		l = ls.officials
	}
	return load(ctx, l, r.Store.Official, id)
}

func (r *Resolver) loadMeeting(ctx context.Context, id string) (*kg.Meeting, error) {
	var l loader[string, kg.Meeting]
	if ls := loadersFrom(ctx); ls != nil {
		l = ls.meetings
	}
	return load(ctx, l, r.Store.Meeting, id)
}

func (r *Resolver) loadDivision(ctx context.Context, id string) (*kg.Division, error) {
	var l loader[string, kg.Division]
	if ls := loadersFrom(ctx); ls != nil {
		l = ls.divisions
	}
	return load(ctx, l, r.Store.Division, id)
}

func (r *Resolver) loadReport(ctx context.Context, id string) (*kg.Report, error) {
	var l loader[string, kg.Report]
	if ls := loadersFrom(ctx); ls != nil {
		l = ls.reports
	}
	return load(ctx, l, r.Store.Report, id)
}

func (r *Resolver) loadParticipants(ctx context.Context, meetingID string, role kg.Role) ([]kg.Participant, error) {
	if ls := loadersFrom(ctx); ls != nil {
		return ls.participants.Load(ctx, participantKey{meetingID, role})
	}
	return r.Store.MeetingParticipants(ctx, meetingID, role)
}

func (r *Resolver) loadDivisionRoles(ctx context.Context, meetingID string, role kg.Role) ([]kg.DivisionRole, error) {
	if ls := loadersFrom(ctx); ls != nil {
		return ls.divRoles.Load(ctx, participantKey{meetingID, role})
	}
	return r.Store.MeetingDivisions(ctx, meetingID, role)
}

func (r *Resolver) loadDirectives(ctx context.Context, meetingID string) ([]kg.Directive, error) {
	if ls := loadersFrom(ctx); ls != nil {
		return ls.directives.Load(ctx, meetingID)
	}
	return all(ctx, func(p kg.Page) (kg.Conn[kg.Directive], error) {
		return r.Store.Directives(ctx, kg.DirectiveFilter{MeetingID: meetingID}, p)
	})
}

func (r *Resolver) loadSources(ctx context.Context, meetingID string) ([]kg.Report, error) {
	if ls := loadersFrom(ctx); ls != nil {
		return ls.sources.Load(ctx, meetingID)
	}
	return r.Store.MeetingReports(ctx, meetingID)
}

func (r *Resolver) loadPositions(ctx context.Context, officialID string) ([]kg.PositionHeld, error) {
	readAhead := func(ps *profiles) map[positionsKey][]kg.PositionHeld { return ps.positions }
	if l, ok := readAheadOf(ctx, readAhead, positionsKey{officialID, false}); ok {
		return l, nil
	}
	// Positions without their evidence serve only a selection that does
	// not ask for it: the same official may appear again deeper in the
	// query, asking for more. An official seen in hundreds of reports has
	// a sentence of evidence from each, which a selection without it
	// would have read for nothing.
	datesOnly := !selects(ctx, "evidence")
	if datesOnly {
		if l, ok := readAheadOf(ctx, readAhead, positionsKey{officialID, true}); ok {
			return l, nil
		}
	}
	if ls := loadersFrom(ctx); ls != nil {
		if datesOnly {
			return ls.positionDates.Load(ctx, officialID)
		}
		return ls.positions.Load(ctx, officialID)
	}
	return r.Store.OfficialPositions(ctx, officialID)
}
