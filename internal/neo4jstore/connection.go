package neo4jstore

import (
	"context"
	"fmt"

	"officialgraph/internal/kg"
)

// connectionQuery answers chains of one or two meetings in one query, as
// most are, from the MET relationships, which name each pair's least
// shared meeting (see doc.go):
//
//   - one meeting: the least meeting both took part in is the least of
//     the pair's MET;
//   - two: the officials in the middle are those MET joins to both ends.
//     The least first meeting is the least of their MET with $from; as it
//     is the least each of them shares with $from, the least middle
//     official in it is the least of those whose MET with $from names it.
//     The second meeting is the least of that official's MET with $to.
//
// When neither finds a chain, a shortest path over MET, whose each step
// is one meeting of a chain, tells a longer chain from none: a longer one
// comes back with no officials, and Connection then searches for it.
// (allShortestPaths, ordered, lists every shortest chain: between two
// busy officials, tens of thousands.)
//
// The bound on the path's length must be a literal; %d is the validated
// maxHops, never text from a caller. Each subquery ends in an aggregation
// so that it returns a row when it finds nothing, and the officials are
// compared first, as the server refuses a shortestPath from a node to
// itself. As MET joins only officials, its ends need no label check (each
// costs a db hit).
const connectionQuery = `
OPTIONAL MATCH (a:Official {id: $from})
OPTIONAL MATCH (b:Official {id: $to})
CALL (a, b) {
  WITH a, b WHERE a <> b
  CALL (a, b) {
    MATCH (a)-[c:MET]-(b)
    MATCH (m:Meeting {id: c.leastMeeting})
    RETURN collect([a, m, b]) AS one
  }
  CALL (a, b, one) {
    WITH a, b WHERE size(one) = 0 AND $maxHops >= 2
    MATCH (a)-[c1:MET]-(o)-[c2:MET]-(b)
    WITH a, b, o, c1.leastMeeting AS m1, c2.leastMeeting AS m2
    ORDER BY m1, o.id LIMIT 1
    MATCH (x:Meeting {id: m1}), (y:Meeting {id: m2})
    RETURN collect([a, x, o, y, b]) AS two
  }
  CALL (a, b, one, two) {
    WITH a, b WHERE size(one) + size(two) = 0
    MATCH p = shortestPath((a)-[:MET*..%d]-(b))
    RETURN count(p) > 0 AS far
  }
  WITH coalesce(head(one + two), []) AS ns, far
  WHERE size(ns) > 0 OR far
  RETURN collect({
    officials: [o IN [i IN range(0, size(ns) - 1, 2) | ns[i]] | o {` + officialFields + `}],
    steps: [m IN [i IN range(1, size(ns) - 1, 2) | ns[i]] | m {` + meetingFields + `}]
  }) AS chains
}
RETURN a {` + officialFields + `} AS from, b IS NOT NULL AS toFound, chains`

// Connection finds the least of the shortest chains of shared meetings
// between two officials; see kg.Explorer and connectionQuery.
//
// A chain of three meetings or more is searched for breadth first from
// both officials at once, one shared meeting at a time, expanding the
// smaller frontier until the two searches meet; each step is one query
// that returns the meetings of the frontier with their participants. The
// least chain is then built in Go from what the steps returned, as
// memstore builds it. The steps are separate reads, so a write between
// them can change the graph under the search; the chain is then looked
// for again.
func (s *Store) Connection(ctx context.Context, fromID, toID string, maxHops int) (kg.Path, error) {
	if maxHops < 1 || maxHops > kg.MaxHops {
		return kg.Path{}, fmt.Errorf("neo4jstore: connection: %w: maxHops must be between 1 and %d, got %d", kg.ErrInvalidInput, kg.MaxHops, maxHops)
	}
	query := fmt.Sprintf(connectionQuery, maxHops)
	return read(ctx, s, "connection", func(q querier) (kg.Path, error) {
		rec, err := q.one(query, map[string]any{"from": fromID, "to": toID, "maxHops": maxHops})
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
		if officials := c.list("officials"); len(officials) > 0 {
			return kg.Path{Officials: mapSlice(officials, official), Meetings: mapSlice(c.list("steps"), meeting)}, nil
		}
		for range connectionAttempts {
			var chain []string
			var p kg.Path
			chain, err = searchChain(q, fromID, toID, maxHops)
			if err != nil || chain == nil {
				return kg.Path{}, err
			}
			if p, err = readChain(q, chain); err == nil {
				return p, nil
			}
		}
		return kg.Path{}, err
	})
}

// connectionAttempts bounds how often Connection searches again for a
// chain when the graph changed while it searched.
const connectionAttempts = 3

// stepQuery takes one step of the search from a frontier of officials.
// Each row is [official, meeting, [its other participants]].
const stepQuery = `
UNWIND $frontier AS id
MATCH (f:Official {id: id})-[:TOOK_PART]->(m)
RETURN collect([id, m.id, [(m)<-[:TOOK_PART]-(o) WHERE o <> f | o.id]]) AS rows`

// chainQuery reads the officials and meetings of a chain.
const chainQuery = `
CALL () {
  UNWIND $officials AS id
  MATCH (o:Official {id: id})
  RETURN collect(o {` + officialFields + `}) AS officials
}
CALL () {
  UNWIND $meetings AS id
  MATCH (m:Meeting {id: id})
  RETURN collect(m {` + meetingFields + `}) AS meetings
}
RETURN officials, meetings`

// searchChain returns the IDs of the least shortest chain between two
// different officials, alternately official and meeting; nil when there is
// none within maxHops.
func searchChain(q querier, fromID, toID string, maxHops int) ([]string, error) {
	fwd, back := newSearchSide(fromID), newSearchSide(toID)
	if err := step(q, fwd, back); err != nil {
		return nil, err
	}
	if _, ok := fwd.dist[toID]; ok { // one meeting
		return leastChain(fwd, back, []string{toID}), nil
	}
	for fwd.depth+back.depth <= maxHops {
		if meet := fwd.meet(back); len(meet) > 0 {
			return leastChain(fwd, back, meet), nil
		}
		if fwd.depth+back.depth == maxHops || len(fwd.frontier) == 0 || len(back.frontier) == 0 {
			break
		}
		side := fwd
		if len(back.frontier) < len(fwd.frontier) {
			side = back
		}
		if err := step(q, side); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// step takes one step of the search from each side's frontier, in one
// query.
func step(q querier, sides ...*searchSide) error {
	var frontier []string
	sideOf := map[string]*searchSide{}
	for _, s := range sides {
		frontier = append(frontier, s.frontier...)
		for _, o := range s.frontier {
			sideOf[o] = s
		}
	}
	rec, err := q.one(stepQuery, map[string]any{"frontier": frontier})
	if err != nil {
		return err
	}
	rows, _ := rec.Get("rows")
	for _, r := range stepRows(rows) {
		if s := sideOf[r.from]; s != nil {
			s.add(r)
		}
	}
	for _, s := range sides {
		s.advance()
	}
	return nil
}

// readChain reads the officials and meetings of chain, as searchChain
// returns it. An official or meeting no longer there means the graph
// changed since the search.
func readChain(q querier, chain []string) (kg.Path, error) {
	var officialIDs, meetingIDs []string
	for i, id := range chain {
		if i%2 == 0 {
			officialIDs = append(officialIDs, id)
		} else {
			meetingIDs = append(meetingIDs, id)
		}
	}
	rec, err := q.one(chainQuery, map[string]any{"officials": officialIDs, "meetings": meetingIDs})
	if err != nil {
		return kg.Path{}, err
	}
	officials := map[string]kg.Official{}
	for _, o := range getList(rec, "officials") {
		officials[o.str("id")] = official(o)
	}
	meetings := map[string]kg.Meeting{}
	for _, m := range getList(rec, "meetings") {
		meetings[m.str("id")] = meeting(m)
	}
	p := kg.Path{Officials: make([]kg.Official, len(officialIDs)), Meetings: make([]kg.Meeting, len(meetingIDs))}
	for i, id := range officialIDs {
		o, ok := officials[id]
		if !ok {
			return kg.Path{}, fmt.Errorf("official %s of the chain is gone", id)
		}
		p.Officials[i] = o
	}
	for i, id := range meetingIDs {
		m, ok := meetings[id]
		if !ok {
			return kg.Path{}, fmt.Errorf("meeting %s of the chain is gone", id)
		}
		p.Meetings[i] = m
	}
	return p, nil
}

// stepRow is one row of a step: an official of the frontier, one of its
// meetings, and the meeting's other participants.
type stepRow struct {
	from, meeting string
	others        []any
}

func stepRows(v any) []stepRow {
	l, _ := v.([]any)
	rows := make([]stepRow, 0, len(l))
	for _, x := range l {
		r, _ := x.([]any)
		if len(r) != 3 {
			continue
		}
		from, _ := r[0].(string)
		m, _ := r[1].(string)
		others, _ := r[2].([]any)
		rows = append(rows, stepRow{from, m, others})
	}
	return rows
}

// link is a step of a chain: a meeting and an official in it.
type link struct{ meeting, official string }

// searchSide is the breadth-first search from one end of a chain.
type searchSide struct {
	// dist is each official's distance from this end, in meetings.
	dist map[string]int
	// back lists, for each official beyond this end, the meetings and
	// officials that lead one step nearer to it.
	back     map[string][]link
	frontier []string // the officials at distance depth
	depth    int
	next     []string // the officials found by the step being added
}

func newSearchSide(end string) *searchSide {
	return &searchSide{dist: map[string]int{end: 0}, back: map[string][]link{}, frontier: []string{end}}
}

// add takes in a row of the step from the frontier.
func (s *searchSide) add(r stepRow) {
	for _, x := range r.others {
		o, _ := x.(string)
		d, seen := s.dist[o]
		if !seen {
			s.dist[o] = s.depth + 1
			s.next = append(s.next, o)
		} else if d != s.depth+1 {
			continue
		}
		s.back[o] = append(s.back[o], link{r.meeting, r.from})
	}
}

// advance makes the officials the step found the frontier.
func (s *searchSide) advance() {
	s.frontier, s.next = s.next, nil
	s.depth++
}

// meet returns the officials of this side's frontier that the other side
// has reached: the middles of the shortest chains. As the searches stop at
// the first step after which they meet, every one of them lies at the
// other side's depth, and the other side's frontier holds no official
// this side reached before its last step.
func (s *searchSide) meet(other *searchSide) []string {
	var out []string
	for _, o := range s.frontier {
		if _, ok := other.dist[o]; ok {
			out = append(out, o)
		}
	}
	return out
}

// leastChain builds the least chain through middle, officials that both
// searches reached and that lie on shortest chains. From the start it
// takes, at each step, the least meeting and then the least official that
// lead towards a middle; from the middle on, towards the end.
func leastChain(fwd, back *searchSide, middle []string) []string {
	// ahead lists, for each official on a shortest chain before the
	// middle, the steps that lead one nearer the middle.
	ahead := map[string][]link{}
	layer := middle
	for d := fwd.dist[middle[0]]; d > 0; d-- {
		var prev []string
		for _, o := range layer {
			for _, l := range fwd.back[o] {
				if _, ok := ahead[l.official]; !ok {
					prev = append(prev, l.official)
				}
				ahead[l.official] = append(ahead[l.official], link{l.meeting, o})
			}
		}
		layer = prev
	}
	start := layer[0]
	chain := []string{start}
	for cur := start; ; {
		steps := ahead[cur]
		if len(steps) == 0 {
			// At a middle: on towards the end.
			steps = back.back[cur]
		}
		if len(steps) == 0 {
			return chain
		}
		best := steps[0]
		for _, l := range steps[1:] {
			if l.meeting < best.meeting || l.meeting == best.meeting && l.official < best.official {
				best = l
			}
		}
		chain = append(chain, best.meeting, best.official)
		cur = best.official
	}
}
