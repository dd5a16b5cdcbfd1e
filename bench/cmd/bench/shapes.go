package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/bench/floor"
)

// args are one request's parameters, named as the service's GraphQL
// variables.
type args map[string]any

// String writes the arguments as name=value, by name.
func (a args) String() string {
	keys := slices.Sorted(maps.Keys(a))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, a[k])
	}
	return strings.Join(parts, " ")
}

// shape is a query users run, as each system asks it.
type shape struct {
	name string
	what string

	service string // GraphQL for the service
	peer    string // GraphQL for @neo4j/graphql; "" when it has no equivalent
	// peerVars turns args into the peer's variables; nil passes them as
	// they are.
	peerVars func(args) map[string]any

	cypher       string // the floor's Cypher
	cypherParams func(args) map[string]any

	// The digests sum an answer up in a few numbers, to show that the
	// systems do comparable work: from the service's data, the peer's
	// data, the floor's records.
	serviceDigest func(data any) string
	peerDigest    func(data any) string
	floorDigest   func(recs []*neo4j.Record) string

	// baseline marks a shape measured for what every request costs, not
	// one that users run: the targets leave it out.
	baseline bool
}

var shapes = []*shape{
	{
		name: "official",
		what: "an official with their positions and 20 meetings, with roles and titles",
		service: `query Official($id: ID!) {
  official(id: $id) {
    id name aliases pinyin
    positions { position { title organization } firstSeen lastSeen }
    meetings(first: 20) { totalCount edges { node { id name date kind } roles titlesAtTheTime } }
  }
}`,
		peer: `query Official($id: ID!) {
  officials(where: {id: {eq: $id}}) {
    id name aliases pinyin
    positionsConnection { edges { properties { seen } node { title organization } } }
    meetingsConnection(first: 20, sort: [{node: {sortOrd: ASC}}]) {
      totalCount edges { properties { roles titles } node { id name date kind } }
    }
  }
}`,
		cypher:       floor.Official,
		cypherParams: func(a args) map[string]any { return map[string]any{"id": a["id"], "first": int64(20)} },
		serviceDigest: func(d any) string {
			o := get(d, "official")
			return fmt.Sprintf("meetings %v, page %d, positions %d",
				get(o, "meetings", "totalCount"), size(get(o, "meetings", "edges")), size(get(o, "positions")))
		},
		peerDigest: func(d any) string {
			o := get(d, "officials", 0)
			return fmt.Sprintf("meetings %v, page %d, positions %d",
				get(o, "meetingsConnection", "totalCount"), size(get(o, "meetingsConnection", "edges")),
				size(get(o, "positionsConnection", "edges")))
		},
		floorDigest: func(recs []*neo4j.Record) string {
			return fmt.Sprintf("meetings %v, page %d, positions %d", field(recs, "total"), size(field(recs, "meetings")), size(field(recs, "positions")))
		},
	},
	{
		name: "meetings-by-month",
		what: "the meetings held in a division in a month (first 50, with the total)",
		service: `query Meetings($division: ID!, $month: Date!) {
  meetings(filter: {division: $division, from: $month, to: $month}, first: 50) {
    totalCount edges { node { id name date kind } }
  }
}`,
		peer: `query Meetings($division: String!, $month: String!) {
  meetingsConnection(first: 50, where: {divisionId: {eq: $division}, date: {startsWith: $month}}, sort: [{sortOrd: ASC}]) {
    totalCount edges { node { id name date kind } }
  }
}`,
		cypher: floor.MeetingsByMonth,
		cypherParams: func(a args) map[string]any {
			return map[string]any{"division": a["division"], "month": a["month"], "first": int64(50)}
		},
		serviceDigest: func(d any) string {
			return fmt.Sprintf("meetings %v, page %d", get(d, "meetings", "totalCount"), size(get(d, "meetings", "edges")))
		},
		peerDigest: func(d any) string {
			return fmt.Sprintf("meetings %v, page %d", get(d, "meetingsConnection", "totalCount"), size(get(d, "meetingsConnection", "edges")))
		},
		floorDigest: func(recs []*neo4j.Record) string {
			return fmt.Sprintf("meetings %v, page %d", field(recs, "total"), size(field(recs, "meetings")))
		},
	},
	{
		name: "co-attendees",
		what: "the 20 officials who shared most meetings with an official",
		service: `query CoAttendees($id: ID!) {
  official(id: $id) { coAttendees(first: 20) { official { id name } sharedCount } }
}`,
		peer: `query CoAttendees($id: ID!) {
  officials(where: {id: {eq: $id}}) { coAttendees(first: 20) { official { id name } sharedCount } }
}`,
		cypher:       floor.CoAttendees,
		cypherParams: func(a args) map[string]any { return map[string]any{"id": a["id"], "first": int64(20)} },
		serviceDigest: func(d any) string {
			l := get(d, "official", "coAttendees")
			return fmt.Sprintf("co-attendees %d, top shares %v", size(l), get(l, 0, "sharedCount"))
		},
		peerDigest: func(d any) string {
			l := get(d, "officials", 0, "coAttendees")
			return fmt.Sprintf("co-attendees %d, top shares %v", size(l), get(l, 0, "sharedCount"))
		},
		floorDigest: func(recs []*neo4j.Record) string {
			return fmt.Sprintf("co-attendees %d, top shares %v", len(recs), field(recs, "shared"))
		},
	},
	{
		name: "connection",
		what: "the shortest chain of shared meetings between two officials (at most 4 meetings)",
		service: `query Connection($from: ID!, $to: ID!) {
  connection(from: $from, to: $to, maxHops: 4) { hops officials { id name } meetings { id name date } }
}`,
		peer: `query Connection($from: ID!, $to: ID!) {
  connection(from: $from, to: $to, maxHops: 4) { hops officials { id name } meetings { id name date } }
}`,
		cypher: floor.Connection,
		cypherParams: func(a args) map[string]any {
			return map[string]any{"from": a["from"], "to": a["to"], "maxHops": int64(4)}
		},
		serviceDigest: func(d any) string { return fmt.Sprintf("hops %v", get(d, "connection", "hops")) },
		peerDigest:    func(d any) string { return fmt.Sprintf("hops %v", get(d, "connection", "hops")) },
		floorDigest:   func(recs []*neo4j.Record) string { return fmt.Sprintf("hops %v", get(field(recs, "c"), "hops")) },
	},
	{
		name: "search",
		what: "officials found by the pinyin of their name (wang jian guo), first 20",
		service: `query Search($query: String!) {
  search(query: $query, types: [OFFICIAL], first: 20) { score node { ... on Official { id name pinyin } } }
}`,
		peer: `query Search($query: String!) {
  search(query: $query, first: 20) { score id name pinyin }
}`,
		// The full-text index reads a query in Lucene's syntax: the
		// syllables in quotes are a phrase.
		peerVars: func(a args) map[string]any { return map[string]any{"query": `"` + a["query"].(string) + `"`} },
		cypher:   floor.Search,
		cypherParams: func(a args) map[string]any {
			return map[string]any{"query": `"` + a["query"].(string) + `"`, "first": int64(20)}
		},
		serviceDigest: func(d any) string { return fmt.Sprintf("hits %d", size(get(d, "search"))) },
		peerDigest:    func(d any) string { return fmt.Sprintf("hits %d", size(get(d, "search"))) },
		floorDigest:   func(recs []*neo4j.Record) string { return fmt.Sprintf("hits %d", len(recs)) },
	},
	{
		name: "stats",
		what: "the dashboard aggregates of a city over two years",
		service: `query Stats($division: ID!, $from: Date!, $to: Date!) {
  stats(division: $division, from: $from, to: $to, top: 10) {
    meetings
    meetingsPerMonth { month count }
    participationsPerRole { role count }
    mostActiveOfficials { official { id name } count }
    directivesPerIssuer { issuer { id name } issuedByMeeting count }
    divisionsReportingMost { division { id name } count }
  }
}`,
		peer: `query Stats($division: ID!, $from: String!, $to: String!) {
  stats(division: $division, from: $from, to: $to, top: 10) {
    meetings
    meetingsPerMonth { month count }
    participationsPerRole { role count }
    mostActiveOfficials { official { id name } count }
    directivesPerIssuer { issuerId count }
    divisionsReportingMost { division { id name } count }
  }
}`,
		cypher: floor.Stats,
		cypherParams: func(a args) map[string]any {
			return map[string]any{"division": a["division"], "from": a["from"], "to": a["to"], "top": int64(10)}
		},
		serviceDigest: func(d any) string {
			s := get(d, "stats")
			return fmt.Sprintf("meetings %v, months %d", get(s, "meetings"), size(get(s, "meetingsPerMonth")))
		},
		peerDigest: func(d any) string {
			s := get(d, "stats")
			return fmt.Sprintf("meetings %v, months %d", get(s, "meetings"), size(get(s, "meetingsPerMonth")))
		},
		floorDigest: func(recs []*neo4j.Record) string {
			s := field(recs, "c")
			return fmt.Sprintf("meetings %v, months %d", get(s, "meetings"), size(get(s, "meetingsPerMonth")))
		},
	},
	{
		// A request that asks Neo4j for one node by an index costs each
		// system its fixed cost and little else: the round trip of HTTP,
		// GraphQL and Bolt. Set beside it, the other shapes show what their
		// own work adds.
		name:     roundTrip,
		what:     "an official's name by ID: the least a request asks, measured for what every request costs (a baseline, not a target)",
		baseline: true,
		service: `query Name($id: ID!) {
  official(id: $id) { id name }
}`,
		peer: `query Name($id: ID!) {
  officials(where: {id: {eq: $id}}) { id name }
}`,
		cypher:        floor.Name,
		cypherParams:  func(a args) map[string]any { return map[string]any{"id": a["id"]} },
		serviceDigest: func(d any) string { return fmt.Sprintf("name %v", get(d, "official", "name")) },
		peerDigest:    func(d any) string { return fmt.Sprintf("name %v", get(d, "officials", 0, "name")) },
		floorDigest:   func(recs []*neo4j.Record) string { return fmt.Sprintf("name %v", field(recs, "name")) },
	},
}

// roundTrip names the baseline shape.
const roundTrip = "round-trip"

// isBaseline reports whether the shape named name is a baseline.
func isBaseline(name string) bool {
	for _, s := range shapes {
		if s.name == name {
			return s.baseline
		}
	}
	return false
}

// get walks decoded JSON (or driver values) by map keys and list indexes;
// it returns nil where the path does not exist.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func size(v any) int {
	l, _ := v.([]any)
	return len(l)
}

// field returns a field of the first record.
func field(recs []*neo4j.Record, key string) any {
	if len(recs) == 0 {
		return nil
	}
	v, _ := recs[0].Get(key)
	return v
}

func shapeNames() []string {
	out := make([]string, len(shapes))
	for i, s := range shapes {
		out[i] = s.name
	}
	return out
}

func selectShapes(list string) ([]*shape, error) {
	if list == "" || list == "all" {
		return shapes, nil
	}
	var out []*shape
	for _, n := range strings.Split(list, ",") {
		found := false
		for _, s := range shapes {
			if s.name == strings.TrimSpace(n) {
				out = append(out, s)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("no shape %q (shapes: %s)", n, strings.Join(shapeNames(), ", "))
		}
	}
	return out, nil
}
