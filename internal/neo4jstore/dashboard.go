package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"officialgraph/internal/kg"
)

// holdersQuery finds the holders of a title, filters them by the date
// their sightings bracket and orders them in the server, so that only the
// holders asked for come back. %s is an optional constant condition on the
// position's division. The first and last sightings are the least and
// greatest known seen dates as strings, as held computes them from the
// same relationships; the condition on $at is Date.InRange of the first
// sighting against (no bound, At) and of the last against (At, no bound).
const holdersQuery = `
MATCH (p:Position {title: $title})%s
MATCH (o:Official)-[e:HELD]->(p)
WITH o, p, collect(e {.seen, ` + evidenceFields + `}) AS edges,
     min(CASE WHEN e.seen <> '' THEN e.seen END) AS first,
     max(CASE WHEN e.seen <> '' THEN e.seen END) AS last
WHERE $at = ''
   OR (NOT first STARTS WITH '--' AND (first <= $at OR first STARTS WITH $at)
       AND NOT last STARTS WITH '--' AND (last >= $at OR last STARTS WITH $at))
RETURN o {` + officialFields + `} AS official, p {` + positionFields + `} AS position, edges
ORDER BY coalesce(last, '') DESC, o.id, p.id`

// Holders lists who held a position title; see kg.Explorer.
func (s *Store) Holders(ctx context.Context, q kg.HolderQuery) ([]kg.Holder, error) {
	if q.Title == "" {
		return nil, fmt.Errorf("neo4jstore: holders: %w: no title", kg.ErrInvalidInput)
	}
	if err := checkDate("holders", "at", q.At); err != nil {
		return nil, err
	}
	params := map[string]any{"title": q.Title, "at": q.At.String()}
	var division string
	if q.DivisionID != "" {
		params["divisionId"] = q.DivisionID
		division = "\nWHERE p.divisionId = $divisionId"
	}
	query := fmt.Sprintf(holdersQuery, division) // a constant fragment, not a value
	return read(ctx, s, "holders", func(qr querier) ([]kg.Holder, error) {
		recs, err := qr.all(query, params)
		if err != nil {
			return nil, err
		}
		out := make([]kg.Holder, len(recs))
		for i, rec := range recs {
			h := held(position(get(rec, "position")), getList(rec, "edges"))
			out[i] = kg.Holder{
				Official:  official(get(rec, "official")),
				Position:  h.Position,
				FirstSeen: h.FirstSeen,
				LastSeen:  h.LastSeen,
				Evidence:  h.Evidence,
			}
		}
		return out, nil
	})
}

// checkDate rejects a date that kg.ParseDate would not read back from its
// String: stores keep and compare dates by that form.
func checkDate(op, what string, d kg.Date) error {
	if d == (kg.Date{}) {
		return nil
	}
	if back, err := kg.ParseDate(d.String()); err != nil || back != d {
		return fmt.Errorf("neo4jstore: %s: %w: %s %+v is not a valid date", op, kg.ErrInvalidInput, what, d)
	}
	return nil
}

// Stats answers in one query, so in one round trip: the query selects the
// meetings once, collects them as ms and computes each aggregate over ms in
// a subquery of its own, which returns it as one list (collect keeps the
// order of the rows it is given, so a list comes back sorted). Selecting
// once also means that every aggregate counts the same meetings, where
// queries of their own would each select them again and could disagree on
// which meetings there are when a write commits between two of them. It is
// not a snapshot: Neo4j reads at read committed, so a write that commits
// while the query runs may still show in what a later subquery reads.
//
// Starting from the division and walking down PART_OF finds the divisions
// within it; the meetings held in each, which HELD_IN also joins to it,
// are found by the index on their division and date, which reads only the
// meetings of the dates asked for.
//
// Each aggregate is a part that turns a row per selected meeting m into one
// row holding the aggregate; Stats runs it after UNWIND ms AS m. Beyond the
// meetings' dates, they count the meetings' tallies (see tally.go), which
// are properties of the meeting: no aggregate walks a meeting's
// relationships, and only the officials and divisions that can make a
// ranked list are read. A meeting's tally is written in the transaction
// that changes what it counts, so each meeting counts as one write left it.
var (
	statsMeetingsAll      = "MATCH (m:Meeting)\nWHERE %s\nWITH DISTINCT m"
	statsMeetingsDivision = "MATCH (:Division {id: $divisionId})<-[:PART_OF*0..]-(x:Division)\nMATCH (m:Meeting)\nWHERE m.divisionId = x.id AND %s\nWITH DISTINCT m"

	statsCountQuery = `
RETURN count(m) AS meetings`

	// A meeting is in a month when its date has a year and a month. WITH m
	// carries the condition, which cannot follow UNWIND.
	statsMonthsQuery = `
WITH m
WHERE m.datePrecision IN ['day', 'month']
WITH substring(m.date, 0, 7) AS month, count(m) AS n
ORDER BY month
RETURN collect({month: month, n: n}) AS months`

	// Each (official, meeting) pair counts once for each of its merged
	// roles, as the meeting's tally holds them.
	statsRolesQuery = `
UNWIND m.statsRoles AS role
WITH role, count(*) AS n
RETURN collect({role: role, n: n}) AS roles`

	// A meeting's tally holds each of its officials once, however many
	// reports tell of them.
	statsOfficialsQuery = `
UNWIND m.statsOfficials AS id` + rankTallied("Official", "o") + `
RETURN collect({official: o {` + officialFields + `}, n: n}) AS officials`

	statsIssuersQuery = `
UNWIND m.statsIssuers AS issuer
WITH issuer, count(*) AS n
ORDER BY n DESC, issuer
LIMIT $top
OPTIONAL MATCH (o:Official {id: issuer})
RETURN collect({issuer: issuer, n: n, official: o {` + officialFields + `}}) AS issuers`

	// A meeting's tally holds each division that reported at it once.
	statsDivisionsQuery = `
UNWIND m.statsReporters AS id` + rankTallied("Division", "d") + `
RETURN collect({division: d {` + divisionFields + `}, n: n}) AS divisions`
)

// rankTallied returns the Cypher that turns a row for each time a tally
// holds an ID, id, into the first $top nodes with the label that those IDs
// name, as v with their counts n, ranked by count, sortOrd and ID. Like
// rankFirst, it finds only the nodes that can make the list, those that
// count at least as many as the one ranked $top by count alone.
func rankTallied(label, v string) string {
	return `
WITH id, count(*) AS n
ORDER BY n DESC
WITH collect({id: id, n: n}) AS ranked
WITH ranked, ranked[$top - 1].n AS least
UNWIND ranked AS r
WITH r WHERE least IS NULL OR r.n >= least
MATCH (` + v + `:` + label + ` {id: r.id})
WITH ` + v + `, r.n AS n
ORDER BY n DESC, ` + v + `.sortOrd, ` + v + `.id
LIMIT $top`
}

// statsTop is the default length of the ranked lists of Stats.
const statsTop = 10

// statsSelection returns the start of the Stats query, which selects the
// meetings f asks for as m, and the parameters of the query.
func statsSelection(f kg.StatsFilter) (string, map[string]any) {
	params := map[string]any{"top": int64(cmp.Or(f.Top, statsTop))}
	dc, _ := dateCond("m.date", f.From, f.To, params)
	if f.DivisionID == "" {
		return fmt.Sprintf(statsMeetingsAll, and(dc)), params // constant fragments, not values
	}
	params["divisionId"] = f.DivisionID
	return fmt.Sprintf(statsMeetingsDivision, and(dc)), params
}

// statsQuery returns the query of Stats after the selection selected: the
// selected meetings collected as ms, then each aggregate's part in a
// subquery over ms.
func statsQuery(selected string) string {
	var b strings.Builder
	b.WriteString(selected)
	b.WriteString("\nWITH collect(m) AS ms")
	for _, part := range []string{statsCountQuery, statsMonthsQuery, statsRolesQuery,
		statsOfficialsQuery, statsIssuersQuery, statsDivisionsQuery} {
		b.WriteString("\nCALL (ms) {\nUNWIND ms AS m")
		b.WriteString(part)
		b.WriteString("\n}")
	}
	b.WriteString("\nRETURN meetings, months, roles, officials, issuers, divisions")
	return b.String()
}

// Stats computes the dashboard aggregates in the server in one query; see
// kg.Explorer.
func (s *Store) Stats(ctx context.Context, f kg.StatsFilter) (kg.Stats, error) {
	if f.Top < 0 || f.Top > kg.MaxPageSize {
		return kg.Stats{}, fmt.Errorf("neo4jstore: stats: %w: top must be between 0 and %d, got %d", kg.ErrInvalidInput, kg.MaxPageSize, f.Top)
	}
	if err := checkDate("stats", "from", f.From); err != nil {
		return kg.Stats{}, err
	}
	if err := checkDate("stats", "to", f.To); err != nil {
		return kg.Stats{}, err
	}
	selected, params := statsSelection(f)
	query := statsQuery(selected)
	return read(ctx, s, "stats", func(q querier) (kg.Stats, error) {
		rec, err := q.one(query, params)
		if err != nil {
			return kg.Stats{}, err
		}
		var st kg.Stats
		if st.Meetings = getInt(rec, "meetings"); st.Meetings == 0 {
			// Every aggregate of no meetings is empty.
			return kg.Stats{}, nil
		}
		for _, p := range getList(rec, "months") {
			st.MeetingsPerMonth = append(st.MeetingsPerMonth, kg.MonthCount{Month: p.str("month"), Count: p.int("n")})
		}
		for _, p := range getList(rec, "roles") {
			st.ParticipationsPerRole = append(st.ParticipationsPerRole, kg.RoleCount{Role: kg.Role(p.str("role")), Count: p.int("n")})
		}
		slices.SortFunc(st.ParticipationsPerRole, func(a, b kg.RoleCount) int {
			return cmp.Compare(kg.RoleRank(a.Role), kg.RoleRank(b.Role))
		})
		for _, p := range getList(rec, "officials") {
			st.TopOfficials = append(st.TopOfficials, kg.OfficialCount{Official: official(p.entry("official")), Count: p.int("n")})
		}
		for _, p := range getList(rec, "issuers") {
			ic := kg.IssuerCount{IssuerID: p.str("issuer"), Count: p.int("n")}
			if o := p.entry("official"); o != nil {
				ic.Official = official(o)
			}
			st.DirectivesPerIssuer = append(st.DirectivesPerIssuer, ic)
		}
		// The issuers' officials were matched after the ranking, which
		// Cypher does not promise to keep.
		slices.SortStableFunc(st.DirectivesPerIssuer, func(a, b kg.IssuerCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.IssuerID, b.IssuerID))
		})
		for _, p := range getList(rec, "divisions") {
			st.TopReportingDivisions = append(st.TopReportingDivisions, kg.DivisionCount{Division: division(p.entry("division")), Count: p.int("n")})
		}
		return st, nil
	})
}

// entry returns the map p holds under k, or nil.
func (p props) entry(k string) props {
	m, _ := p[k].(map[string]any)
	return m
}
