package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"officialgraph/internal/kg"
)

// holdersQuery finds the holders of a title, filters them by the date
// their sightings bracket and orders them in the server, so that only the
// holders asked for come back. %s is an optional constant condition on the
// position's division. The first and last sightings are the least and
// greatest known seen dates as strings, as held computes them from the
// same relationships; the condition on $at is Date.InRange of the first
// sighting against (no bound, At) and of the last against (At, no bound),
// as dateCond writes it.
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

// Each aggregate of Stats is one query over the selected meetings, which
// each query selects again: statsMeetings followed by the aggregate's own
// part. Starting from the division and walking down PART_OF reaches the
// meetings held within it through their HELD_IN relationships, without
// looking at any other meeting.
const (
	statsMeetingsAll      = "MATCH (m:Meeting)\nWHERE %s\nWITH DISTINCT m"
	statsMeetingsDivision = "MATCH (:Division {id: $divisionId})<-[:PART_OF*0..]-(:Division)<-[:HELD_IN]-(m:Meeting)\nWHERE %s\nWITH DISTINCT m"

	statsCountQuery = `
RETURN count(m) AS n`

	// A meeting is in a month when its date has a year and a month.
	statsMonthsQuery = `
WHERE m.datePrecision IN ['day', 'month']
WITH substring(m.date, 0, 7) AS month, count(m) AS n
RETURN month, n ORDER BY month`

	// Each (official, meeting) pair counts once for each of its merged
	// roles: all its reports' roles, without attended when any other is
	// there, as kg.MostSpecific reduces them.
	statsRolesQuery = `
MATCH (o:Official)-[e:PARTICIPATED]->(m)
UNWIND e.roles AS role
WITH o, m, collect(DISTINCT role) AS roles
UNWIND CASE WHEN any(r IN roles WHERE r <> 'attended') THEN [r IN roles WHERE r <> 'attended'] ELSE roles END AS role
RETURN role, count(*) AS n`

	statsOfficialsQuery = `
MATCH (o:Official)-[:PARTICIPATED]->(m)
WITH o, count(DISTINCT m) AS n
ORDER BY n DESC, o.sortOrd, o.id
LIMIT $top
RETURN o {` + officialFields + `} AS official, n`

	statsIssuersQuery = `
MATCH (x:Directive {meetingId: m.id})
WITH x.issuerId AS issuer, count(x) AS n
ORDER BY n DESC, issuer
LIMIT $top
RETURN issuer, n`

	statsDivisionsQuery = `
MATCH (d:Division)-[:PARTICIPATED {role: 'reported'}]->(m)
WITH d, count(DISTINCT m) AS n
ORDER BY n DESC, d.sortOrd, d.id
LIMIT $top
RETURN d {` + divisionFields + `} AS division, n`
)

// statsTop is the default length of the ranked lists of Stats.
const statsTop = 10

// statsSelection returns the start of every Stats query, which selects the
// meetings f asks for as m, and the parameters of the queries.
func statsSelection(f kg.StatsFilter) (string, map[string]any) {
	params := map[string]any{"top": int64(cmp.Or(f.Top, statsTop))}
	dc, _ := dateCond("m.date", f.From, f.To, params)
	if f.DivisionID == "" {
		return fmt.Sprintf(statsMeetingsAll, and(dc)), params // constant fragments, not values
	}
	params["divisionId"] = f.DivisionID
	return fmt.Sprintf(statsMeetingsDivision, and(dc)), params
}

// Stats computes the dashboard aggregates in the server, one query each, in
// one read transaction; see kg.Explorer.
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
	return read(ctx, s, "stats", func(q querier) (kg.Stats, error) {
		var st kg.Stats
		rec, err := q.one(selected+statsCountQuery, params)
		if err != nil {
			return kg.Stats{}, err
		}
		if st.Meetings = getInt(rec, "n"); st.Meetings == 0 {
			// Every aggregate of no meetings is empty.
			return kg.Stats{}, nil
		}
		recs, err := q.all(selected+statsMonthsQuery, params)
		if err != nil {
			return kg.Stats{}, err
		}
		for _, rec := range recs {
			st.MeetingsPerMonth = append(st.MeetingsPerMonth, kg.MonthCount{Month: getStr(rec, "month"), Count: getInt(rec, "n")})
		}
		if recs, err = q.all(selected+statsRolesQuery, params); err != nil {
			return kg.Stats{}, err
		}
		for _, rec := range recs {
			st.ParticipationsPerRole = append(st.ParticipationsPerRole, kg.RoleCount{Role: kg.Role(getStr(rec, "role")), Count: getInt(rec, "n")})
		}
		slices.SortFunc(st.ParticipationsPerRole, func(a, b kg.RoleCount) int {
			return cmp.Compare(kg.RoleRank(a.Role), kg.RoleRank(b.Role))
		})
		if recs, err = q.all(selected+statsOfficialsQuery, params); err != nil {
			return kg.Stats{}, err
		}
		for _, rec := range recs {
			st.TopOfficials = append(st.TopOfficials, kg.OfficialCount{Official: official(get(rec, "official")), Count: getInt(rec, "n")})
		}
		if recs, err = q.all(selected+statsIssuersQuery, params); err != nil {
			return kg.Stats{}, err
		}
		for _, rec := range recs {
			st.DirectivesPerIssuer = append(st.DirectivesPerIssuer, kg.IssuerCount{IssuerID: getStr(rec, "issuer"), Count: getInt(rec, "n")})
		}
		if recs, err = q.all(selected+statsDivisionsQuery, params); err != nil {
			return kg.Stats{}, err
		}
		for _, rec := range recs {
			st.TopReportingDivisions = append(st.TopReportingDivisions, kg.DivisionCount{Division: division(get(rec, "division")), Count: getInt(rec, "n")})
		}
		return st, nil
	})
}
