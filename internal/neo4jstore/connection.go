package neo4jstore

import (
	"context"
	"fmt"

	"officialgraph/internal/kg"
)

// connectionQuery finds the chain in one query: allShortestPaths over
// TOOK_PART between the two officials, then the path whose node IDs are
// least. Every path has the same two ends, so comparing whole paths
// compares their (m1, o1, m2, …, mk) as kg.Explorer says.
//
// TOOK_PART joins only officials to meetings, one relationship per pair,
// so each chain is one path. Over PARTICIPATED, which is one relationship
// per report and joins divisions too, the same chain would come once per
// combination of its reports: with two reports a meeting, 2^12 paths for
// each chain of six meetings.
//
// The bound on the path's length must be a literal; %d is twice the
// validated maxHops, never text from a caller. The subquery ends in
// collect so that it returns a row when there is no chain, and the
// officials are compared before the search so that it never runs from a
// node to itself, which the server refuses.
const connectionQuery = `
OPTIONAL MATCH (a:Official {id: $from})
OPTIONAL MATCH (b:Official {id: $to})
CALL (a, b) {
  WITH a, b WHERE a <> b
  MATCH p = allShortestPaths((a)-[:TOOK_PART*..%d]-(b))
  WITH p ORDER BY [x IN nodes(p) | x.id] LIMIT 1
  WITH nodes(p) AS ns
  RETURN collect({
    officials: [o IN [i IN range(0, size(ns) - 1, 2) | ns[i]] | o {` + officialFields + `}],
    meetings: [m IN [i IN range(1, size(ns) - 1, 2) | ns[i]] | m {` + meetingFields + `}]
  }) AS chains
}
RETURN a {` + officialFields + `} AS from, b IS NOT NULL AS toFound, chains`

// Connection finds the shortest chain of shared meetings between two
// officials; see kg.Explorer.
func (s *Store) Connection(ctx context.Context, fromID, toID string, maxHops int) (kg.Path, error) {
	if maxHops < 1 || maxHops > kg.MaxHops {
		return kg.Path{}, fmt.Errorf("neo4jstore: connection: %w: maxHops must be between 1 and %d, got %d", kg.ErrInvalidInput, kg.MaxHops, maxHops)
	}
	query := fmt.Sprintf(connectionQuery, 2*maxHops)
	return read(ctx, s, "connection", func(q querier) (kg.Path, error) {
		rec, err := q.one(query, map[string]any{"from": fromID, "to": toID})
		if err != nil {
			return kg.Path{}, err
		}
		from := get(rec, "from")
		if from == nil {
			return kg.Path{}, notFound("official", fromID)
		}
		if found, _ := rec.Get("toFound"); found != true {
			return kg.Path{}, notFound("official", toID)
		}
		if fromID == toID {
			return kg.Path{Officials: []kg.Official{official(from)}}, nil
		}
		chains := getList(rec, "chains")
		if len(chains) == 0 {
			return kg.Path{}, nil
		}
		c := chains[0]
		p := kg.Path{Officials: mapSlice(c.list("officials"), official), Meetings: mapSlice(c.list("meetings"), meeting)}
		if len(p.Officials) != len(p.Meetings)+1 || len(p.Meetings) > maxHops {
			return kg.Path{}, fmt.Errorf("chain of %d officials and %d meetings within %d hops",
				len(p.Officials), len(p.Meetings), maxHops)
		}
		return p, nil
	})
}
