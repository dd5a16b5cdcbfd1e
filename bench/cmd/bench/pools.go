package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
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
