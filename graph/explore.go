package graph

import (
	"context"
	"errors"

	"sort"

	"officialgraph/graph/model"
	"officialgraph/internal/kg"
)

// errNoExplorer is returned by the fields a store without kg.Explorer
// cannot answer.
var errNoExplorer = errors.New("this store does not support search, connections, holders or stats")

func (r *Resolver) explorer() (kg.Explorer, error) {
	if ex, ok := r.Store.(kg.Explorer); ok {
		return ex, nil
	}
	return nil, errNoExplorer
}

var searchKinds = map[model.SearchType]kg.Kind{
	model.SearchTypeOfficial:  kg.KindOfficial,
	model.SearchTypeDivision:  kg.KindDivision,
	model.SearchTypeMeeting:   kg.KindMeeting,
	model.SearchTypeDirective: kg.KindDirective,
}

// searchHits resolves hits to their objects, dropping any deleted since the
// search ran. Officials, meetings and divisions are read with one batch read
// per kind, at once rather than through the loaders: the hits are all known
// here, so waiting for more keys would only add latency.
func (r *Resolver) searchHits(ctx context.Context, ex kg.Explorer, hits []kg.SearchHit) ([]model.SearchHit, error) {
	ids := map[kg.Kind][]string{}
	for _, h := range hits {
		ids[h.Kind] = append(ids[h.Kind], h.ID)
	}
	nodes := make(map[string]model.Node, len(hits))
	if err := addNodes(ctx, nodes, ids[kg.KindOfficial], ex.OfficialsByID, func(o *kg.Official) string { return o.ID }); err != nil {
		return nil, err
	}
	if err := addNodes(ctx, nodes, ids[kg.KindMeeting], ex.MeetingsByID, func(m *kg.Meeting) string { return m.ID }); err != nil {
		return nil, err
	}
	if err := addNodes(ctx, nodes, ids[kg.KindDivision], ex.DivisionsByID, func(d *kg.Division) string { return d.ID }); err != nil {
		return nil, err
	}
	// Directives have no batch read; they are the rarest hits.
	for _, id := range ids[kg.KindDirective] {
		d, err := optional(r.Store.Directive(ctx, id))
		if err != nil {
			return nil, err
		}
		if d != nil {
			nodes[id] = d
		}
	}
	out := make([]model.SearchHit, 0, len(hits))
	for _, h := range hits {
		if n, ok := nodes[h.ID]; ok {
			out = append(out, model.SearchHit{Score: h.Score, Node: n})
		}
	}
	return out, nil
}

// addNodes reads ids with one batch read and adds what it finds to nodes;
// a batch read gives the zero value, without an ID, for an ID that names
// nothing.
func addNodes[T any](ctx context.Context, nodes map[string]model.Node, ids []string,
	read func(context.Context, []string) ([]T, error), idOf func(*T) string) error {
	if len(ids) == 0 {
		return nil
	}
	got, err := read(ctx, ids)
	if err != nil {
		return err
	}
	for i := range got {
		if id := idOf(&got[i]); id != "" {
			nodes[id] = &got[i]
		}
	}
	return nil
}

// timeline merges an official's positions (at their first sighting) and
// meetings into date order. Dates compare by their string form, which puts
// dates without a year first; ties keep meetings before positions, then ID.
func (r *Resolver) timeline(ctx context.Context, officialID string) ([]model.TimelineEntry, error) {
	held, err := r.Store.OfficialPositions(ctx, officialID)
	if err != nil {
		return nil, err
	}
	meetings, err := all(ctx, func(p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
		return r.Store.OfficialMeetings(ctx, officialID, kg.MeetingFilter{}, p)
	})
	if err != nil {
		return nil, err
	}
	type keyed struct {
		date, id string
		kind     int
		entry    model.TimelineEntry
	}
	var es []keyed
	for i := range meetings {
		m := &meetings[i]
		d := m.Meeting.Date
		es = append(es, keyed{d.String(), m.Meeting.ID, 0, model.TimelineEntry{
			Date: datePtr(d), Kind: model.TimelineKindMeeting, Meeting: &m.Meeting,
			Roles: m.Roles, TitlesAtTheTime: m.Titles, Evidence: m.Evidence,
		}})
	}
	for i := range held {
		h := &held[i]
		es = append(es, keyed{h.FirstSeen.String(), h.Position.ID, 1, model.TimelineEntry{
			Date: datePtr(h.FirstSeen), Kind: model.TimelineKindPosition, Position: &h.Position,
			Roles: []kg.Role{}, TitlesAtTheTime: []string{}, Evidence: h.Evidence,
		}})
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.date != b.date {
			return a.date < b.date
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.id < b.id
	})
	out := make([]model.TimelineEntry, len(es))
	for i, e := range es {
		out[i] = e.entry
	}
	return out, nil
}

func datePtr(d kg.Date) *kg.Date {
	if !d.Known() {
		return nil
	}
	return &d
}

func officialConnection(c kg.Conn[kg.Official]) *model.OfficialConnection {
	return &model.OfficialConnection{
		Edges: edges(c, func(cursor string, o *kg.Official) model.OfficialEdge {
			return model.OfficialEdge{Cursor: cursor, Node: o}
		}),
		PageInfo:   pageInfo(c.PageInfo, c.Cursors),
		TotalCount: c.TotalCount,
	}
}
