package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"officialgraph/graph/model"
	"officialgraph/graph/scalar"
	"officialgraph/internal/kg"
)

// An official's page asks for the official and, under it, their positions,
// a page of meetings or their co-attendees. Resolved field by field that is
// one round trip for the official and one per list, each after the other.
// Over a store that is not local, the root field official reads the lists
// the query asks for with the official, in one kg.Explorer.OfficialProfile
// call, and leaves them here for the lists' resolvers. A list whose
// arguments cannot be read ahead (or are invalid) is not read ahead: its
// resolver reads it as before and reports what is wrong with it.

// readAhead is whether root official fields read their lists ahead. Only
// benchmarks turn it off, to compare with reading field by field.
var readAhead = true

// profiles holds what the root official fields of one request read ahead.
type profiles struct {
	ex          kg.Explorer
	mu          sync.Mutex
	positions   map[positionsKey][]kg.PositionHeld
	meetings    map[meetingsKey]kg.Conn[kg.OfficialMeeting]
	coAttendees map[coAttendeesKey][]kg.CoAttendee
}

// positionsKey names an official's positions as read ahead, with or
// without their evidence.
type positionsKey struct {
	officialID string
	datesOnly  bool
}

type meetingsKey struct {
	officialID string
	q          kg.MeetingsQuery
}

type coAttendeesKey struct {
	officialID string
	f          kg.CoAttendeeFilter
}

func newProfiles(ex kg.Explorer) *profiles {
	return &profiles{
		ex:          ex,
		positions:   map[positionsKey][]kg.PositionHeld{},
		meetings:    map[meetingsKey]kg.Conn[kg.OfficialMeeting]{},
		coAttendees: map[coAttendeesKey][]kg.CoAttendee{},
	}
}

// profilesFrom returns the request's read-ahead lists, or nil when the
// store's reads are local or have no kg.Explorer.
func profilesFrom(ctx context.Context) *profiles {
	if ls := loadersFrom(ctx); ls != nil {
		return ls.profiles
	}
	return nil
}

// official resolves the root field official, reading ahead the lists the
// query asks of it.
func (r *Resolver) official(ctx context.Context, id string) (*kg.Official, error) {
	ps := profilesFrom(ctx)
	if ps == nil {
		return optional(r.Store.Official(ctx, id))
	}
	q := profileQuery(ctx)
	if !q.Positions && q.Meetings == nil && q.CoAttendees == nil {
		return optional(r.Store.Official(ctx, id))
	}
	p, err := ps.ex.OfficialProfile(ctx, id, q)
	if errors.Is(err, kg.ErrInvalidInput) {
		// profileQuery reads ahead only arguments the lists' resolvers
		// accept, so this is the store's own bound: let each list's
		// resolver meet it and say so at its place in the query.
		return optional(r.Store.Official(ctx, id))
	}
	if err != nil {
		return optional(kg.Official{}, err)
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if q.Positions {
		ps.positions[positionsKey{id, q.PositionDatesOnly}] = p.Positions
	}
	if q.Meetings != nil {
		ps.meetings[meetingsKey{id, *q.Meetings}] = *p.Meetings
	}
	if q.CoAttendees != nil {
		ps.coAttendees[coAttendeesKey{id, *q.CoAttendees}] = p.CoAttendees
	}
	return &p.Official, nil
}

// readAheadOf returns what the root field read ahead under key, if it did.
func readAheadOf[K comparable, V any](ctx context.Context, m func(*profiles) map[K]V, key K) (V, bool) {
	var zero V
	ps := profilesFrom(ctx)
	if ps == nil {
		return zero, false
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	v, ok := m(ps)[key]
	return v, ok
}

// officialMeetings reads a page of an official's meetings, or takes the
// one the root field read ahead.
func (r *Resolver) officialMeetings(ctx context.Context, officialID string, q kg.MeetingsQuery) (*model.OfficialMeetingConnection, error) {
	c, ok := readAheadOf(ctx, func(ps *profiles) map[meetingsKey]kg.Conn[kg.OfficialMeeting] { return ps.meetings }, meetingsKey{officialID, q})
	if !ok {
		var err error
		if c, err = r.Store.OfficialMeetings(ctx, officialID, q.Filter, q.Page); err != nil {
			return nil, err
		}
	}
	return &model.OfficialMeetingConnection{
		Edges: edges(c, func(cursor string, m *kg.OfficialMeeting) model.OfficialMeetingEdge {
			return model.OfficialMeetingEdge{Cursor: cursor, Node: &m.Meeting, Roles: m.Roles, TitlesAtTheTime: m.Titles, Evidence: m.Evidence}
		}),
		PageInfo:   pageInfo(c.PageInfo, c.Cursors),
		TotalCount: c.TotalCount,
	}, nil
}

// coAttendees ranks an official's co-attendees, or takes the ranking the
// root field read ahead.
func (r *Resolver) coAttendees(ctx context.Context, officialID string, f kg.CoAttendeeFilter) ([]kg.CoAttendee, error) {
	if l, ok := readAheadOf(ctx, func(ps *profiles) map[coAttendeesKey][]kg.CoAttendee { return ps.coAttendees }, coAttendeesKey{officialID, f}); ok {
		return l, nil
	}
	return r.Store.CoAttendees(ctx, officialID, f)
}

// meetingsArgs converts the arguments of Official.meetings.
func meetingsArgs(role *kg.Role, from, to *kg.Date, first *int, after *string, last *int, before *string) (kg.MeetingsQuery, error) {
	p, err := pageArgs(first, after, last, before)
	if err != nil {
		return kg.MeetingsQuery{}, err
	}
	return kg.MeetingsQuery{Filter: kg.MeetingFilter{Role: deref(role), From: deref(from), To: deref(to)}, Page: p}, nil
}

// coAttendeesArgs converts the arguments of Official.coAttendees; the
// caller says whether the query reads each co-attendee's shared meetings.
func coAttendeesArgs(first, minShared *int, from, to *kg.Date, sharedMeetings bool) (kg.CoAttendeeFilter, error) {
	if first != nil && (*first < 1 || *first > kg.MaxPageSize) {
		return kg.CoAttendeeFilter{}, fmt.Errorf("%w: first must be between 1 and %d, got %d", kg.ErrInvalidInput, kg.MaxPageSize, *first)
	}
	return kg.CoAttendeeFilter{
		MinShared: deref(minShared), From: deref(from), To: deref(to), First: deref(first),
		CountOnly: !sharedMeetings,
	}, nil
}

// profileQuery returns what to read ahead for the official field being
// resolved: each list field under it that appears once, with arguments
// that convert as gqlgen converts them for the list's resolver. The keys
// the resolvers look up are built from their own arguments, so a reading
// here that differed would cost a round trip, never a wrong answer.
func profileQuery(ctx context.Context) kg.ProfileQuery {
	var q kg.ProfileQuery
	opCtx := graphql.GetOperationContext(ctx)
	seen := map[string]int{}
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for _, f := range fields {
		seen[f.Name]++
	}
	for _, f := range fields {
		if seen[f.Name] != 1 {
			continue // asked for more than once, as aliases: each reads its own
		}
		args := argReader{m: f.ArgumentMap(opCtx.Variables)}
		switch f.Name {
		case "positions":
			q.Positions = true
			q.PositionDatesOnly = !selectsUnder(opCtx, f, "evidence")
		case "meetings":
			m, err := meetingsArgs(args.role("role"), args.date("from"), args.date("to"),
				args.int("first"), args.str("after"), args.int("last"), args.str("before"))
			if err == nil && args.err == nil {
				q.Meetings = &m
			}
		case "coAttendees":
			shared := selectsUnder(opCtx, f, "sharedMeetings")
			c, err := coAttendeesArgs(args.int("first"), args.int("minShared"), args.date("from"), args.date("to"), shared)
			if err == nil && args.err == nil {
				q.CoAttendees = &c
			}
		}
	}
	return q
}

// argReader reads a field's arguments as gqlgen's generated code reads
// them, keeping the first error.
type argReader struct {
	m   map[string]any
	err error
}

// argOf converts the argument name with conv: nil when it is absent or
// null, or when it does not convert (the first such error is kept).
func argOf[T any](a *argReader, name string, conv func(any) (T, error)) *T {
	v, ok := a.m[name]
	if !ok || v == nil {
		return nil
	}
	t, err := conv(v)
	if err != nil {
		if a.err == nil {
			a.err = err
		}
		return nil
	}
	return &t
}

func (a *argReader) int(name string) *int      { return argOf(a, name, graphql.UnmarshalInt) }
func (a *argReader) str(name string) *string   { return argOf(a, name, graphql.UnmarshalString) }
func (a *argReader) date(name string) *kg.Date { return argOf(a, name, scalar.UnmarshalDate) }
func (a *argReader) role(name string) *kg.Role { return argOf(a, name, roleArg) }

// roleArg reads a Role enum value: the schema's values are the kg.Role
// values in capitals.
func roleArg(v any) (kg.Role, error) {
	s, err := graphql.UnmarshalString(v)
	if err != nil {
		return "", err
	}
	r := kg.Role(strings.ToLower(s))
	if !r.Valid() {
		return "", errors.New("not a role: " + s)
	}
	return r, nil
}
