package neo4jstore

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
)

// OfficialProfile reads an official with the lists q asks for in one
// query; see kg.Explorer. Each list is the query its own read runs, as a
// subquery: the answers cannot drift apart, and a profile costs one round
// trip and one transaction where the separate reads cost one per list.
func (s *Store) OfficialProfile(ctx context.Context, id string, q kg.ProfileQuery) (kg.Profile, error) {
	if err := q.Validate(); err != nil {
		return kg.Profile{}, fmt.Errorf("neo4jstore: official profile: %w", err)
	}
	parts, meetings, err := profileParts(id, q)
	if err != nil {
		return kg.Profile{}, err
	}
	query, params, err := profileQuery(id, parts)
	if err != nil {
		return kg.Profile{}, fmt.Errorf("neo4jstore: official profile: %w", err)
	}

	return read(ctx, s, "official profile", func(qr querier) (kg.Profile, error) {
		rec, err := qr.one(query, params)
		if err != nil {
			return kg.Profile{}, err
		}
		o := get(rec, "official")
		if o == nil {
			return kg.Profile{}, notFound("official", id)
		}
		p := kg.Profile{Official: official(o)}
		for _, part := range parts {
			sub := part.record(rec)
			// An official deleted while the query ran is missing from
			// the parts that ran after: a read of that part alone
			// would have said so.
			if found, _ := sub.Get("found"); found != true {
				return kg.Profile{}, notFound("official", id)
			}
			switch part.name {
			case "positions":
				if q.PositionDatesOnly {
					p.Positions = positionDates(getList(sub, "items"))
				} else {
					p.Positions = positionsHeld(getList(sub, "items"))
				}
			case "meetings":
				c, err := pageOf("official meetings", meetings, q.Meetings.Page, sub, officialMeeting)
				if err != nil {
					return kg.Profile{}, err
				}
				p.Meetings = &c
			case "coAttendees":
				p.CoAttendees = coAttendees(getList(sub, "items"), q.CoAttendees.CountOnly)
			}
		}
		return p, nil
	})
}

// profileParts returns the parts of the profile q asks for of the official
// id, and the list of its meetings when it asks for them.
func profileParts(id string, q kg.ProfileQuery) ([]profilePart, listQuery, error) {
	var parts []profilePart
	if q.Positions {
		query := positionsHeldByQuery
		if q.PositionDatesOnly {
			query = positionDatesQuery
		}
		parts = append(parts, profilePart{
			name: "positions", query: query,
			params: map[string]any{"ids": []string{id}}, cols: []string{"found", "items"},
		})
	}
	var meetings listQuery
	if m := q.Meetings; m != nil {
		meetings = officialMeetings(id, m.Filter)
		query, params := meetings.build(m.Page)
		parts = append(parts, profilePart{
			name: "meetings", query: query, params: params,
			cols: []string{"total", "lo", "hi", "pageStart", "pageEnd", "items", "found"},
		})
	}
	if f := q.CoAttendees; f != nil {
		query, params, err := coAttendeesRead(*f)
		if err != nil {
			return nil, listQuery{}, err
		}
		params["id"] = id
		parts = append(parts, profilePart{name: "coAttendees", query: query, params: params, cols: []string{"found", "items"}})
	}
	return parts, meetings, nil
}

// profilePart is one read of a profile: a query that returns one row with
// the columns cols, and its parameters.
type profilePart struct {
	name   string
	query  string
	params map[string]any
	cols   []string
}

// record is the part's row, read back from the map the profile query
// returns it as.
func (p profilePart) record(rec *neo4j.Record) *neo4j.Record {
	m := get(rec, p.name)
	out := &neo4j.Record{Keys: p.cols, Values: make([]any, len(p.cols))}
	for i, c := range p.cols {
		out.Values[i] = m[c]
	}
	return out
}

// paramRef matches a parameter in Cypher. The queries composed here hold
// no string literal with a $ in it, so every match is a parameter.
var paramRef = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)

// prefixed is a part's query with its parameters prefixed, and the names
// of the parameters it refers to.
type prefixed struct {
	query string
	refs  []string
}

// prefixedQueries caches prefixParams by part name and query. A profile
// is a hot path, and rewriting its parts took 20 of the 46 µs of
// composing it. The cache stays small: the parts' queries hold no values,
// only the few forms their filters give.
var prefixedQueries sync.Map // string → prefixed

// prefixParams returns query with each parameter $x renamed $name_x.
func prefixParams(name, query string) prefixed {
	key := name + "\x00" + query
	if v, ok := prefixedQueries.Load(key); ok {
		return v.(prefixed)
	}
	var p prefixed
	p.query = paramRef.ReplaceAllStringFunc(query, func(ref string) string {
		p.refs = append(p.refs, ref[1:])
		return "$" + name + "_" + ref[1:]
	})
	prefixedQueries.Store(key, p)
	return p
}

// profileQuery composes the official's read and the parts into one query.
// Each part runs as a subquery of its own whose row becomes a map named
// after the part; its parameters are prefixed with its name, because the
// parts' queries use the same names ($first, $from) for different values.
func profileQuery(id string, parts []profilePart) (string, map[string]any, error) {
	params := map[string]any{"id": id}
	var b strings.Builder
	b.WriteString("OPTIONAL MATCH (o:Official {id: $id})\nWITH o {" + officialFields + "} AS official")
	kept := []string{"official"}
	for _, p := range parts {
		pq := prefixParams(p.name, p.query)
		var missing []string
		for _, name := range pq.refs {
			if _, ok := p.params[name]; !ok {
				missing = append(missing, "$"+name)
			}
		}
		if len(missing) > 0 {
			return "", nil, fmt.Errorf("part %s: parameters %v not given", p.name, missing)
		}
		for k, v := range p.params {
			params[p.name+"_"+k] = v
		}
		fields := make([]string, len(p.cols))
		for i, c := range p.cols {
			fields[i] = c + ": " + c
		}
		b.WriteString("\nCALL () {\n" + pq.query + "\n}\nWITH " + strings.Join(kept, ", ") + ", {" + strings.Join(fields, ", ") + "} AS " + p.name)
		kept = append(kept, p.name)
	}
	b.WriteString("\nRETURN " + strings.Join(kept, ", "))
	return b.String(), params, nil
}
