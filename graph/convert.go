package graph

import (
	"context"
	"errors"

	"officialgraph/graph/model"
	"officialgraph/internal/kg"
)

// optional turns a store getter's result into a nullable GraphQL field: a
// missing entity is null, not an error, as GraphQL clients expect of
// lookups by ID.
func optional[T any](v T, err error) (*T, error) {
	if errors.Is(err, kg.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// node resolves any global ID by the kind its prefix names.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	kind, ok := kg.KindOf(id)
	if !ok {
		return nil, nil
	}
	var (
		n   model.Node
		err error
	)
	switch kind {
	case kg.KindOfficial:
		n, err = nonNil(optional(r.Store.Official(ctx, id)))
	case kg.KindMeeting:
		n, err = nonNil(optional(r.Store.Meeting(ctx, id)))
	case kg.KindDivision:
		n, err = nonNil(optional(r.Store.Division(ctx, id)))
	case kg.KindPosition:
		n, err = nonNil(optional(r.Store.Position(ctx, id)))
	case kg.KindDirective:
		n, err = nonNil(optional(r.Store.Directive(ctx, id)))
	case kg.KindReport:
		n, err = nonNil(optional(r.Store.Report(ctx, id)))
	}
	return n, err
}

// nonNil keeps a typed nil pointer from becoming a non-nil interface.
func nonNil[T any](p *T, err error) (model.Node, error) {
	if p == nil || err != nil {
		return nil, err
	}
	return p, nil
}

func (r *Resolver) meetingsByID(ctx context.Context, ids []string) ([]kg.Meeting, error) {
	out := make([]kg.Meeting, 0, len(ids))
	if ls := loadersFrom(ctx); ls != nil {
		// Thunks first, then waits: one batch for the whole list.
		thunks := make([]func() (kg.Meeting, error), len(ids))
		for i, id := range ids {
			thunks[i] = ls.meetings.LoadThunk(ctx, id)
		}
		for _, th := range thunks {
			m, err := optional(th())
			if err != nil {
				return nil, err
			}
			if m != nil {
				out = append(out, *m)
			}
		}
		return out, nil
	}
	for _, id := range ids {
		m, err := r.loadMeeting(ctx, id)
		if err != nil {
			return nil, err
		}
		if m != nil { // nil: deleted since the list was read
			out = append(out, *m)
		}
	}
	return out, nil
}

func meetingConnection(c kg.Conn[kg.Meeting]) *model.MeetingConnection {
	return &model.MeetingConnection{
		Edges: edges(c, func(cursor string, m *kg.Meeting) model.MeetingEdge {
			return model.MeetingEdge{Cursor: cursor, Node: m}
		}),
		PageInfo:   pageInfo(c.PageInfo, c.Cursors),
		TotalCount: c.TotalCount,
	}
}

func divisionConnection(c kg.Conn[kg.Division]) *model.DivisionConnection {
	return &model.DivisionConnection{
		Edges: edges(c, func(cursor string, d *kg.Division) model.DivisionEdge {
			return model.DivisionEdge{Cursor: cursor, Node: d}
		}),
		PageInfo:   pageInfo(c.PageInfo, c.Cursors),
		TotalCount: c.TotalCount,
	}
}

func directiveConnection(c kg.Conn[kg.Directive]) *model.DirectiveConnection {
	return &model.DirectiveConnection{
		Edges: edges(c, func(cursor string, d *kg.Directive) model.DirectiveEdge {
			return model.DirectiveEdge{Cursor: cursor, Node: d}
		}),
		PageInfo:   pageInfo(c.PageInfo, c.Cursors),
		TotalCount: c.TotalCount,
	}
}

func officialFilter(f *model.OfficialFilter) kg.OfficialFilter {
	if f == nil {
		return kg.OfficialFilter{}
	}
	return kg.OfficialFilter{
		Name:          deref(f.Name),
		DivisionID:    deref(f.Division),
		PositionTitle: deref(f.PositionTitle),
		Role:          deref(f.Role),
		From:          deref(f.From),
		To:            deref(f.To),
	}
}

func meetingFilter(f *model.MeetingFilter) kg.MeetingFilter {
	if f == nil {
		return kg.MeetingFilter{}
	}
	return kg.MeetingFilter{
		From:       deref(f.From),
		To:         deref(f.To),
		DivisionID: deref(f.Division),
		AttendeeID: deref(f.Attendee),
		Role:       deref(f.Role),
		Kind:       deref(f.Kind),
		Text:       deref(f.Text),
	}
}

func divisionFilter(f *model.DivisionFilter) kg.DivisionFilter {
	if f == nil {
		return kg.DivisionFilter{}
	}
	return kg.DivisionFilter{Level: deref(f.Level), ParentID: deref(f.Parent), Name: deref(f.Name)}
}

func directiveFilter(f *model.DirectiveFilter) kg.DirectiveFilter {
	if f == nil {
		return kg.DirectiveFilter{}
	}
	out := kg.DirectiveFilter{
		IssuerID:   deref(f.Issuer),
		MeetingID:  deref(f.Meeting),
		DivisionID: deref(f.Division),
		From:       deref(f.From),
		To:         deref(f.To),
		Text:       deref(f.Text),
	}
	if deref(f.IssuedByMeeting) {
		out.IssuerID = kg.IssuerMeeting
	}
	return out
}
