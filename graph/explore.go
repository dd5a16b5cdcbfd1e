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

// searchHits gives each hit its entity, which the store read with it, and
// drops a hit without one (deleted while the search ran).
func searchHits(hits []kg.SearchHit) []model.SearchHit {
	out := make([]model.SearchHit, 0, len(hits))
	for _, h := range hits {
		var n model.Node
		switch e := h.Entity.(type) {
		case kg.Official:
			n = &e
		case kg.Meeting:
			n = &e
		case kg.Division:
			n = &e
		case kg.Directive:
			n = &e
		default:
			continue
		}
		out = append(out, model.SearchHit{Score: h.Score, Node: n})
	}
	return out
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
