package main

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
)

// poolSize bounds each pool of arguments.
const poolSize = 100

// pools are the arguments each shape cycles through, drawn from the stored
// graph so that every system is asked the same questions.
type pools map[string][]args

// poolNotes say what the pools hold, for the results.
type poolNotes struct {
	MeetingsPerOfficial [2]int // least and most meetings of the officials asked about
	ConnectionPairs     int
}

// describe says, for the results, what the shapes' arguments were drawn
// from.
func (n poolNotes) describe(p pools) string {
	return fmt.Sprintf(
		"The official, co-attendee and round-trip shapes ask about the %d officials with the most meetings (%d to %d meetings each); "+
			"connections are asked between %d pairs of officials two meetings apart.",
		len(p["official"]), n.MeetingsPerOfficial[0], n.MeetingsPerOfficial[1], n.ConnectionPairs)
}

func drawPools(ctx context.Context, driver neo4j.DriverWithContext, database string) (pools, poolNotes, error) {
	var notes poolNotes
	q := func(cypher string, params map[string]any) ([]*neo4j.Record, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return nil, err
		}
		return res.Records, nil
	}
	str := func(r *neo4j.Record, k string) string {
		v, _ := r.Get(k)
		s, _ := v.(string)
		return s
	}
	num := func(r *neo4j.Record, k string) int {
		v, _ := r.Get(k)
		n, _ := v.(int64)
		return int(n)
	}
	p := pools{}

	// The officials with the most meetings.
	recs, err := q(`
MATCH (o:Official)-[:PARTICIPATED]->(m:Meeting)
WITH o, count(DISTINCT m) AS n
ORDER BY n DESC, o.id
LIMIT $n
RETURN o.id AS id, o.pinyin AS pinyin, n`, map[string]any{"n": int64(poolSize)})
	if err != nil {
		return nil, notes, fmt.Errorf("officials: %w", err)
	}
	if len(recs) == 0 {
		return nil, notes, fmt.Errorf("no officials with meetings in the store")
	}
	notes.MeetingsPerOfficial = [2]int{num(recs[len(recs)-1], "n"), num(recs[0], "n")}
	seenPinyin := map[string]bool{}
	for _, r := range recs {
		p["official"] = append(p["official"], args{"id": str(r, "id")})
		p["co-attendees"] = append(p["co-attendees"], args{"id": str(r, "id")})
		p[roundTrip] = append(p[roundTrip], args{"id": str(r, "id")})
		if py := str(r, "pinyin"); py != "" && !seenPinyin[py] {
			seenPinyin[py] = true
			p["search"] = append(p["search"], args{"query": py})
		}
	}

	// Divisions and months with meetings.
	recs, err = q(`
MATCH (m:Meeting)
WHERE m.divisionId <> '' AND size(m.date) >= 7 AND NOT m.date STARTS WITH '--'
WITH m.divisionId AS division, substring(m.date, 0, 7) AS month, count(*) AS n
ORDER BY n DESC, division, month
LIMIT $n
RETURN division, month`, map[string]any{"n": int64(poolSize)})
	if err != nil {
		return nil, notes, fmt.Errorf("months: %w", err)
	}
	for _, r := range recs {
		p["meetings-by-month"] = append(p["meetings-by-month"], args{"division": str(r, "division"), "month": str(r, "month")})
	}

	// Pairs of officials two meetings apart: they never met, but someone
	// met both.
	for _, a := range p["official"][:min(len(p["official"]), 40)] {
		recs, err := q(`
MATCH (a:Official {id: $id})-[:PARTICIPATED]->(:Meeting)<-[:PARTICIPATED]-(x:Official)
WITH DISTINCT a, x LIMIT 20
MATCH (x)-[:PARTICIPATED]->(:Meeting)<-[:PARTICIPATED]-(b:Official)
WHERE b <> a AND NOT EXISTS { (a)-[:PARTICIPATED]->(:Meeting)<-[:PARTICIPATED]-(b) }
RETURN b.id AS id ORDER BY b.id LIMIT 1`, map[string]any{"id": a["id"]})
		if err != nil {
			return nil, notes, fmt.Errorf("connections: %w", err)
		}
		if len(recs) > 0 {
			p["connection"] = append(p["connection"], args{"from": a["id"], "to": str(recs[0], "id")})
		}
	}
	notes.ConnectionPairs = len(p["connection"])
	if len(p["connection"]) == 0 {
		// No pair two apart: ask about pairs that met directly.
		for i := 0; i+1 < len(p["official"]); i += 2 {
			p["connection"] = append(p["connection"], args{"from": p["official"][i]["id"], "to": p["official"][i+1]["id"]})
		}
	}

	// Cities with the most meetings, over two years each.
	recs, err = q(`
MATCH (m:Meeting)-[:HELD_IN]->(d:City)
WHERE size(m.date) >= 4 AND NOT m.date STARTS WITH '--'
WITH d, substring(m.date, 0, 4) AS year, count(*) AS n
ORDER BY n DESC, d.id, year
LIMIT $n
RETURN d.id AS division, year`, map[string]any{"n": int64(poolSize)})
	if err != nil {
		return nil, notes, fmt.Errorf("cities: %w", err)
	}
	for _, r := range recs {
		y, _ := strconv.Atoi(str(r, "year"))
		p["stats"] = append(p["stats"], args{"division": str(r, "division"), "from": str(r, "year"), "to": strconv.Itoa(y + 1)})
	}
	for _, s := range shapes {
		if len(p[s.name]) == 0 {
			return nil, notes, fmt.Errorf("no arguments for %s in the store", s.name)
		}
	}
	return p, notes, nil
}

// localStore is what drawPoolsFrom reads: the in-memory store.
type localStore interface {
	kg.Store
	kg.Explorer
}

// drawPoolsFrom draws the same pools as drawPools from a store instead of
// Neo4j, for runs without Neo4j: the officials with the most meetings (the
// dashboard's most active officials), the busiest division-months and
// city-years, and pairs of officials two meetings apart. Ties may be broken
// otherwise than drawPools breaks them.
func drawPoolsFrom(ctx context.Context, s localStore) (pools, poolNotes, error) {
	var notes poolNotes
	p := pools{}

	st, err := s.Stats(ctx, kg.StatsFilter{Top: poolSize})
	if err != nil {
		return nil, notes, fmt.Errorf("officials: %w", err)
	}
	top := st.TopOfficials
	if len(top) == 0 {
		return nil, notes, fmt.Errorf("no officials with meetings in the store")
	}
	notes.MeetingsPerOfficial = [2]int{top[len(top)-1].Count, top[0].Count}
	seenPinyin := map[string]bool{}
	for _, o := range top {
		p["official"] = append(p["official"], args{"id": o.Official.ID})
		p["co-attendees"] = append(p["co-attendees"], args{"id": o.Official.ID})
		p[roundTrip] = append(p[roundTrip], args{"id": o.Official.ID})
		if py := o.Official.Pinyin; py != "" && !seenPinyin[py] {
			seenPinyin[py] = true
			p["search"] = append(p["search"], args{"query": py})
		}
	}

	// Every meeting, counted by division and month and by city and year.
	type key struct{ division, when string }
	months, years := map[key]int{}, map[key]int{}
	levels := map[string]kg.Level{}
	page := kg.Page{First: kg.MaxPageSize}
	for {
		c, err := s.Meetings(ctx, kg.MeetingFilter{}, page)
		if err != nil {
			return nil, notes, fmt.Errorf("meetings: %w", err)
		}
		for _, m := range c.Items {
			date := m.Date.String()
			if m.DivisionID == "" || m.Date.Year == 0 {
				continue
			}
			if len(date) >= 7 {
				months[key{m.DivisionID, date[:7]}]++
			}
			if _, ok := levels[m.DivisionID]; !ok {
				d, err := s.Division(ctx, m.DivisionID)
				if err != nil {
					return nil, notes, fmt.Errorf("division %s: %w", m.DivisionID, err)
				}
				levels[m.DivisionID] = d.Level
			}
			if levels[m.DivisionID] == kg.LevelCity {
				years[key{m.DivisionID, date[:4]}]++
			}
		}
		if !c.PageInfo.HasNextPage || len(c.Cursors) == 0 {
			break
		}
		page.After = c.Cursors[len(c.Cursors)-1]
	}
	busiest := func(counts map[key]int) []key {
		keys := slices.Collect(maps.Keys(counts))
		slices.SortFunc(keys, func(a, b key) int {
			return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a.division, b.division), cmp.Compare(a.when, b.when))
		})
		return keys[:min(poolSize, len(keys))]
	}
	for _, k := range busiest(months) {
		p["meetings-by-month"] = append(p["meetings-by-month"], args{"division": k.division, "month": k.when})
	}
	for _, k := range busiest(years) {
		y, _ := strconv.Atoi(k.when)
		p["stats"] = append(p["stats"], args{"division": k.division, "from": k.when, "to": strconv.Itoa(y + 1)})
	}

	// Pairs of officials two meetings apart.
	for _, a := range p["official"][:min(len(p["official"]), 40)] {
		from := a["id"].(string)
		near, err := s.CoAttendees(ctx, from, kg.CoAttendeeFilter{})
		if err != nil {
			return nil, notes, fmt.Errorf("connections: %w", err)
		}
		met := map[string]bool{from: true}
		for _, c := range near {
			met[c.Official.ID] = true
		}
		var to string
		for _, x := range near[:min(20, len(near))] {
			far, err := s.CoAttendees(ctx, x.Official.ID, kg.CoAttendeeFilter{})
			if err != nil {
				return nil, notes, fmt.Errorf("connections: %w", err)
			}
			for _, c := range far {
				if !met[c.Official.ID] && (to == "" || c.Official.ID < to) {
					to = c.Official.ID
				}
			}
		}
		if to != "" {
			p["connection"] = append(p["connection"], args{"from": from, "to": to})
		}
	}
	notes.ConnectionPairs = len(p["connection"])
	if len(p["connection"]) == 0 {
		for i := 0; i+1 < len(p["official"]); i += 2 {
			p["connection"] = append(p["connection"], args{"from": p["official"][i]["id"], "to": p["official"][i+1]["id"]})
		}
	}
	for _, s := range shapes {
		if len(p[s.name]) == 0 {
			return nil, notes, fmt.Errorf("no arguments for %s in the store", s.name)
		}
	}
	return p, notes, nil
}
