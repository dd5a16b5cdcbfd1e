package neo4jstore

import (
	"context"

	"officialgraph/internal/kg"
)

// getOne reads the node with the given label and id as its projection.
// The label comes from the fixed set of callers below.
func getOne[T any](ctx context.Context, s *Store, kind, query, id string, decode func(props) T) (T, error) {
	return read(ctx, s, "get "+kind, func(q querier) (T, error) {
		var zero T
		recs, err := q.all(query, map[string]any{"id": id})
		if err != nil {
			return zero, err
		}
		if len(recs) == 0 {
			return zero, notFound(kind, id)
		}
		return decode(get(recs[0], "n")), nil
	})
}

// Official returns an official by ID.
func (s *Store) Official(ctx context.Context, id string) (kg.Official, error) {
	return getOne(ctx, s, "official", "MATCH (n:Official {id: $id}) RETURN n {"+officialFields+"} AS n", id, official)
}

// Meeting returns a meeting by ID.
func (s *Store) Meeting(ctx context.Context, id string) (kg.Meeting, error) {
	return getOne(ctx, s, "meeting", "MATCH (n:Meeting {id: $id}) RETURN n {"+meetingFields+"} AS n", id, meeting)
}

// Division returns a division by ID.
func (s *Store) Division(ctx context.Context, id string) (kg.Division, error) {
	return getOne(ctx, s, "division", "MATCH (n:Division {id: $id}) RETURN n {"+divisionFields+"} AS n", id, division)
}

// Position returns a position by ID.
func (s *Store) Position(ctx context.Context, id string) (kg.Position, error) {
	return getOne(ctx, s, "position", "MATCH (n:Position {id: $id}) RETURN n {"+positionFields+"} AS n", id, position)
}

// Directive returns a directive by ID.
func (s *Store) Directive(ctx context.Context, id string) (kg.Directive, error) {
	return getOne(ctx, s, "directive", "MATCH (n:Directive {id: $id}) RETURN n {"+directiveFields+", "+directiveEvidence("n")+"} AS n", id, directive)
}

// Report returns a report by ID.
func (s *Store) Report(ctx context.Context, id string) (kg.Report, error) {
	return getOne(ctx, s, "report", "MATCH (n:Report {id: $id}) RETURN n {"+reportFields+"} AS n", id, report)
}
