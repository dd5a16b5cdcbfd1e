package floor

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/bench/peer"
)

// The hand-written Cypher of the benchmark's query shapes. Connection,
// search and the dashboard aggregates are shared with the @neo4j/graphql
// peer's @cypher fields (bench/peer/shared.cypher).
const (
	// Official is an official with their positions and their first $first
	// meetings (by date), each with the roles and titles every report gave.
	Official = `
MATCH (o:Official {id: $id})
CALL (o) {
  MATCH (o)-[h:HELD]->(p:Position)
  WITH p, min(h.seen) AS firstSeen, max(h.seen) AS lastSeen
  ORDER BY firstSeen, p.id
  RETURN collect(p {.title, .organization, firstSeen: firstSeen, lastSeen: lastSeen}) AS positions
}
CALL (o) {
  MATCH (o)-[e:PARTICIPATED]->(m:Meeting)
  WITH m, collect(e) AS es
  ORDER BY m.sortOrd, m.id
  WITH collect(m {.id, .name, .date, .kind,
                  roles: reduce(a = [], x IN es | a + x.roles),
                  titles: reduce(a = [], x IN es | a + x.titles)}) AS rows
  RETURN size(rows) AS total, rows[0..$first] AS meetings
}
RETURN o {.id, .name, .aliases, .pinyin} AS official, positions, total, meetings`

	// MeetingsByMonth is the first $first meetings held in a division in a
	// month (2021-03), by date.
	MeetingsByMonth = `
MATCH (m:Meeting)
WHERE m.divisionId = $division AND m.date STARTS WITH $month
WITH m ORDER BY m.sortOrd, m.id
WITH collect(m) AS rows
RETURN size(rows) AS total, [m IN rows[0..$first] | m {.id, .name, .date, .kind}] AS meetings`

	// CoAttendees ranks the officials who shared meetings with one.
	CoAttendees = `
MATCH (me:Official {id: $id})-[:TOOK_PART]->(m:Meeting)<-[:TOOK_PART]-(o:Official)
WHERE o <> me
WITH o, count(m) AS shared
ORDER BY shared DESC, o.sortOrd ASC, o.id ASC
LIMIT $first
RETURN o.id AS id, o.name AS name, shared`

	// Name is an official's ID and name: the least a request can ask, so
	// that what a system spends on it is what every request costs it.
	Name = `
MATCH (o:Official {id: $id})
RETURN o.id AS id, o.name AS name`
)

// Shared statements, by name: connection, search, stats.
var (
	shared     = peer.Statements()
	Connection = shared["connection"]
	Search     = shared["search"]
	Stats      = shared["stats"]
)

// Query runs a read query and returns its records.
func Query(ctx context.Context, driver neo4j.DriverWithContext, database, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}
