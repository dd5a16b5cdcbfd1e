package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"officialgraph/internal/kg"
)

// loaderWait is how long a loader collects keys before it fetches them.
// gqlgen resolves the fields of a list concurrently, so the keys of one
// level of a query arrive close together; on a loaded machine they can
// spread over a millisecond or more, and a shorter wait splits the batch
// (measured: a page of 50 meetings cost 13 queries at 0.5 ms, 7 at 2 ms).
const loaderWait = 2 * time.Millisecond

// loaders batch the per-object reads of one request into one store call per
// kind and level of the query, so a page of 50 meetings with their
// participants and each participant's positions costs a bounded number of
// round trips, whatever the page size.
type loaders struct {
	officials    *dataloadgen.Loader[string, kg.Official]
	meetings     *dataloadgen.Loader[string, kg.Meeting]
	divisions    *dataloadgen.Loader[string, kg.Division]
	reports      *dataloadgen.Loader[string, kg.Report]
	participants *dataloadgen.Loader[participantKey, []kg.Participant]
	divRoles     *dataloadgen.Loader[participantKey, []kg.DivisionRole]
	directives   *dataloadgen.Loader[string, []kg.Directive]
	sources      *dataloadgen.Loader[string, []kg.Report]
	positions    *dataloadgen.Loader[string, []kg.PositionHeld]
}

type participantKey struct {
	meetingID string
	role      kg.Role
}

type loadersKey struct{}

// newLoaders makes the loaders of one request over ex.
func newLoaders(ex kg.Explorer) *loaders {
	opt := dataloadgen.WithWait(loaderWait)
	return &loaders{
		officials: dataloadgen.NewLoader(byID(ex.OfficialsByID, func(o kg.Official) string { return o.ID }), opt),
		meetings:  dataloadgen.NewLoader(byID(ex.MeetingsByID, func(m kg.Meeting) string { return m.ID }), opt),
		divisions: dataloadgen.NewLoader(byID(ex.DivisionsByID, func(d kg.Division) string { return d.ID }), opt),
		reports:   dataloadgen.NewLoader(byID(ex.ReportsByID, func(r kg.Report) string { return r.ID }), opt),
		participants: dataloadgen.NewLoader(byRole(func(ctx context.Context, ids []string, role kg.Role) ([][]kg.Participant, error) {
			return ex.ParticipantsOf(ctx, ids, role)
		}), opt),
		divRoles: dataloadgen.NewLoader(byRole(func(ctx context.Context, ids []string, role kg.Role) ([][]kg.DivisionRole, error) {
			return ex.DivisionRolesOf(ctx, ids, role)
		}), opt),
		directives: dataloadgen.NewLoader(lists(ex.DirectivesOf), opt),
		sources:    dataloadgen.NewLoader(lists(ex.ReportsOf), opt),
		positions:  dataloadgen.NewLoader(lists(ex.PositionsHeldBy), opt),
	}
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
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if !ok {
			return next(ctx)
		}
		return next(context.WithValue(ctx, loadersKey{}, newLoaders(ex)))
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
func load[T any](ctx context.Context, l *dataloadgen.Loader[string, T], get func(context.Context, string) (T, error), id string) (*T, error) {
	if l != nil {
		v, err := l.Load(ctx, id)
		return optional(v, err)
	}
	return optional(get(ctx, id))
}

func (r *Resolver) loadOfficial(ctx context.Context, id string) (*kg.Official, error) {
	var l *dataloadgen.Loader[string, kg.Official]
	if ls := loadersFrom(ctx); ls != nil {
		l = ls.officials
	}
	return load(ctx, l, r.Store.Official, id)
}

func (r *Resolver) loadMeeting(ctx context.Context, id string) (*kg.Meeting, error) {
	var l *dataloadgen.Loader[string, kg.Meeting]
	if ls := loadersFrom(ctx); ls != nil {
		l = ls.meetings
	}
	return load(ctx, l, r.Store.Meeting, id)
}

func (r *Resolver) loadDivision(ctx context.Context, id string) (*kg.Division, error) {
	var l *dataloadgen.Loader[string, kg.Division]
	if ls := loadersFrom(ctx); ls != nil {
		l = ls.divisions
	}
	return load(ctx, l, r.Store.Division, id)
}

func (r *Resolver) loadReport(ctx context.Context, id string) (*kg.Report, error) {
	var l *dataloadgen.Loader[string, kg.Report]
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
	if ls := loadersFrom(ctx); ls != nil {
		return ls.positions.Load(ctx, officialID)
	}
	return r.Store.OfficialPositions(ctx, officialID)
}
