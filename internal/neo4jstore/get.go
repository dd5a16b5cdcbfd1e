package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
)

// Reads by ID, one or many: every read of entities by ID, single or batch,
// goes through batch below, so that a single read and a batch read of the
// same ID merge the same rows the same way.

// batch runs query once for the distinct IDs of ids, passed as $ids, and
// returns the row of each ID. The query unwinds $ids as id and returns one
// row per ID with an id column; it must find its nodes by label and id, so
// that each ID costs one index seek whatever the number of IDs. An empty
// ids costs no query.
func batch(ctx context.Context, s *Store, op, query string, ids []string, params map[string]any) (map[string]*neo4j.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	// Duplicates are answered from one row: the loaders that call this
	// may well ask for the same entity twice.
	uniq := slices.Clone(ids)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	p := map[string]any{"ids": uniq}
	for k, v := range params {
		p[k] = v
	}
	return read(ctx, s, op, func(q querier) (map[string]*neo4j.Record, error) {
		recs, err := q.all(query, p)
		if err != nil {
			return nil, err
		}
		rows := make(map[string]*neo4j.Record, len(recs))
		for _, rec := range recs {
			v, _ := rec.Get("id")
			id, _ := v.(string)
			rows[id] = rec
		}
		if len(rows) != len(uniq) {
			return nil, fmt.Errorf("query returned rows for %d of %d IDs", len(rows), len(uniq))
		}
		return rows, nil
	})
}

// byIDQuery returns the query batch runs to read nodes of a label by ID,
// with n the projection of each node found, or null.
func byIDQuery(label, projection string) string {
	return `
UNWIND $ids AS id
OPTIONAL MATCH (n:` + label + ` {id: id})
RETURN id, n {` + projection + `} AS n`
}

// Queries of the entity reads; labels and projections are constants.
var (
	officialsByIDQuery  = byIDQuery("Official", officialFields)
	meetingsByIDQuery   = byIDQuery("Meeting", meetingFields)
	divisionsByIDQuery  = byIDQuery("Division", divisionFields)
	positionsByIDQuery  = byIDQuery("Position", positionFields)
	directivesByIDQuery = byIDQuery("Directive", directiveFields+", "+directiveEvidence("n"))
	reportsByIDQuery    = byIDQuery("Report", reportFields)
)

// byID reads entities by ID in the order of ids: the zero T, with found
// false, where an ID names no node of the query's label.
func byID[T any](ctx context.Context, s *Store, op, query string, ids []string, decode func(props) T) ([]T, []bool, error) {
	rows, err := batch(ctx, s, op, query, ids, nil)
	if err != nil {
		return nil, nil, err
	}
	out := make([]T, len(ids))
	found := make([]bool, len(ids))
	for i, id := range ids {
		if n := get(rows[id], "n"); n != nil {
			out[i], found[i] = decode(n), true
		}
	}
	return out, found, nil
}

// getOne reads one entity by ID through byID, failing with an error
// wrapping kg.ErrNotFound when there is none.
func getOne[T any](ctx context.Context, s *Store, kind, query, id string, decode func(props) T) (T, error) {
	out, found, err := byID(ctx, s, "get "+kind, query, []string{id}, decode)
	if err != nil {
		var zero T
		return zero, err
	}
	if !found[0] {
		return out[0], notFound(kind, id)
	}
	return out[0], nil
}

// Official returns an official by ID.
func (s *Store) Official(ctx context.Context, id string) (kg.Official, error) {
	return getOne(ctx, s, "official", officialsByIDQuery, id, official)
}

// Meeting returns a meeting by ID.
func (s *Store) Meeting(ctx context.Context, id string) (kg.Meeting, error) {
	return getOne(ctx, s, "meeting", meetingsByIDQuery, id, meeting)
}

// Division returns a division by ID.
func (s *Store) Division(ctx context.Context, id string) (kg.Division, error) {
	return getOne(ctx, s, "division", divisionsByIDQuery, id, division)
}

// Position returns a position by ID.
func (s *Store) Position(ctx context.Context, id string) (kg.Position, error) {
	return getOne(ctx, s, "position", positionsByIDQuery, id, position)
}

// Directive returns a directive by ID.
func (s *Store) Directive(ctx context.Context, id string) (kg.Directive, error) {
	return getOne(ctx, s, "directive", directivesByIDQuery, id, directive)
}

// Report returns a report by ID.
func (s *Store) Report(ctx context.Context, id string) (kg.Report, error) {
	return getOne(ctx, s, "report", reportsByIDQuery, id, report)
}

// OfficialsByID returns officials in the order of ids; see kg.Explorer.
func (s *Store) OfficialsByID(ctx context.Context, ids []string) ([]kg.Official, error) {
	out, _, err := byID(ctx, s, "officials by ID", officialsByIDQuery, ids, official)
	return out, err
}

// MeetingsByID returns meetings in the order of ids; see kg.Explorer.
func (s *Store) MeetingsByID(ctx context.Context, ids []string) ([]kg.Meeting, error) {
	out, _, err := byID(ctx, s, "meetings by ID", meetingsByIDQuery, ids, meeting)
	return out, err
}

// DivisionsByID returns divisions in the order of ids; see kg.Explorer.
func (s *Store) DivisionsByID(ctx context.Context, ids []string) ([]kg.Division, error) {
	out, _, err := byID(ctx, s, "divisions by ID", divisionsByIDQuery, ids, division)
	return out, err
}

// PositionsByID returns positions in the order of ids; see kg.Explorer.
func (s *Store) PositionsByID(ctx context.Context, ids []string) ([]kg.Position, error) {
	out, _, err := byID(ctx, s, "positions by ID", positionsByIDQuery, ids, position)
	return out, err
}

// ReportsByID returns reports in the order of ids; see kg.Explorer.
func (s *Store) ReportsByID(ctx context.Context, ids []string) ([]kg.Report, error) {
	out, _, err := byID(ctx, s, "reports by ID", reportsByIDQuery, ids, report)
	return out, err
}
