package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"officialgraph/internal/kg"
)

// Each query below answers in one round trip: whether the entity exists,
// and all of its related entries with their per-report relationships, which
// Go then merges by the rules of kg.Store. The subqueries end in collect so
// that they return one row even when there is nothing to collect.

const meetingParticipantsQuery = `
OPTIONAL MATCH (m:Meeting {id: $id})
CALL (m) {
  MATCH (o:Official)-[e:PARTICIPATED]->(m)
  WITH o, collect(e {.report, .roles, .titles, .order, ` + evidenceFields + `}) AS edges
  WHERE $role = '' OR $role = 'attended' OR any(e IN edges WHERE $role IN e.roles)
  RETURN collect({official: o {` + officialFields + `}, edges: edges}) AS items
}
RETURN m IS NOT NULL AS found, items`

// MeetingParticipants lists a meeting's participants; see kg.Store.
func (s *Store) MeetingParticipants(ctx context.Context, meetingID string, role kg.Role) ([]kg.Participant, error) {
	if err := checkRole("meeting participants", role); err != nil {
		return nil, err
	}
	type ranked struct {
		p           kg.Participant
		rank, order int
	}
	items, err := related(ctx, s, "meeting participants", "meeting", meetingID, meetingParticipantsQuery,
		map[string]any{"role": string(role)})
	if err != nil {
		return nil, err
	}
	out := make([]ranked, len(items))
	for i, it := range items {
		op, _ := it["official"].(map[string]any)
		m := mergeParticipations(it.list("edges"))
		out[i] = ranked{
			p:     kg.Participant{Official: official(op), Roles: m.roles, Titles: m.titles, Evidence: m.evidence},
			rank:  rank(m.roles),
			order: m.order,
		}
	}
	slices.SortFunc(out, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.order, b.order), cmp.Compare(a.p.Official.ID, b.p.Official.ID))
	})
	return mapSlice(out, func(r ranked) kg.Participant { return r.p }), nil
}

const meetingDivisionsQuery = `
OPTIONAL MATCH (m:Meeting {id: $id})
CALL (m) {
  MATCH (d:Division)-[e:PARTICIPATED]->(m)
  WHERE $role = '' OR e.role = $role
  WITH d, e.role AS role, collect(e {` + evidenceFields + `}) AS evidence
  RETURN collect({division: d {` + divisionFields + `, .sortKey}, role: role, evidence: evidence}) AS items
}
RETURN m IS NOT NULL AS found, items`

// MeetingDivisions lists the divisions that took part in a meeting; see
// kg.Store.
func (s *Store) MeetingDivisions(ctx context.Context, meetingID string, role kg.Role) ([]kg.DivisionRole, error) {
	if err := checkRole("meeting divisions", role); err != nil {
		return nil, err
	}
	type keyed struct {
		d   kg.DivisionRole
		key string
	}
	items, err := related(ctx, s, "meeting divisions", "meeting", meetingID, meetingDivisionsQuery,
		map[string]any{"role": string(role)})
	if err != nil {
		return nil, err
	}
	out := make([]keyed, len(items))
	for i, it := range items {
		dp, _ := it["division"].(map[string]any)
		ev := mapSlice(it.list("evidence"), evidence)
		sortEvidence(ev)
		out[i] = keyed{
			d:   kg.DivisionRole{Division: division(dp), Role: kg.Role(it.str("role")), Evidence: ev},
			key: props(dp).str("sortKey"),
		}
	}
	slices.SortFunc(out, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.d.Division.ID, b.d.Division.ID), cmp.Compare(a.d.Role, b.d.Role))
	})
	return mapSlice(out, func(k keyed) kg.DivisionRole { return k.d }), nil
}

const meetingReportsQuery = `
OPTIONAL MATCH (m:Meeting {id: $id})
CALL (m) {
  MATCH (r:Report)-[:REPORTS]->(m)
  RETURN collect(r {` + reportFields + `, .sortKey}) AS items
}
RETURN m IS NOT NULL AS found, items`

// MeetingReports lists the reports that tell of a meeting; see kg.Store.
func (s *Store) MeetingReports(ctx context.Context, meetingID string) ([]kg.Report, error) {
	items, err := related(ctx, s, "meeting reports", "meeting", meetingID, meetingReportsQuery, nil)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(items, func(a, b props) int {
		return cmp.Or(cmp.Compare(a.str("sortKey"), b.str("sortKey")), cmp.Compare(a.str("id"), b.str("id")))
	})
	return mapSlice(items, report), nil
}

const officialPositionsQuery = `
OPTIONAL MATCH (o:Official {id: $id})
CALL (o) {
  MATCH (o)-[e:HELD]->(p:Position)
  WITH p, collect(e {.seen, ` + evidenceFields + `}) AS edges
  RETURN collect({position: p {` + positionFields + `}, edges: edges}) AS items
}
RETURN o IS NOT NULL AS found, items`

// OfficialPositions lists the positions an official was seen holding; see
// kg.Store.
func (s *Store) OfficialPositions(ctx context.Context, officialID string) ([]kg.PositionHeld, error) {
	items, err := related(ctx, s, "official positions", "official", officialID, officialPositionsQuery, nil)
	if err != nil {
		return nil, err
	}
	out := make([]kg.PositionHeld, len(items))
	for i, it := range items {
		pp, _ := it["position"].(map[string]any)
		h := kg.PositionHeld{Position: position(pp)}
		for _, e := range it.list("edges") {
			h.Evidence = append(h.Evidence, evidence(e))
			seen := e.date("seen")
			if !seen.Known() {
				continue
			}
			if !h.FirstSeen.Known() || seen.String() < h.FirstSeen.String() {
				h.FirstSeen = seen
			}
			if !h.LastSeen.Known() || seen.String() > h.LastSeen.String() {
				h.LastSeen = seen
			}
		}
		sortEvidence(h.Evidence)
		out[i] = h
	}
	slices.SortFunc(out, func(a, b kg.PositionHeld) int {
		return cmp.Or(cmp.Compare(a.FirstSeen.String(), b.FirstSeen.String()), cmp.Compare(a.Position.ID, b.Position.ID))
	})
	return out, nil
}

// coAttendeesQuery ranks co-attendees in the server and returns only the
// first $first. Each official's meetings come with their sort keys so that
// Go can order them exactly as kg.MeetingSortKey does.
const coAttendeesQuery = `
OPTIONAL MATCH (me:Official {id: $id})
CALL (me) {
  MATCH (me)-[:PARTICIPATED]->(m:Meeting)
  WHERE %s
  WITH DISTINCT m
  MATCH (m)<-[:PARTICIPATED]-(o:Official)
  WHERE o <> me
  WITH DISTINCT o, m
  WITH o, collect({id: m.id, sortKey: m.sortKey}) AS meetings
  WHERE size(meetings) >= $minShared
  WITH o, meetings
  ORDER BY size(meetings) DESC, o.sortOrd ASC, o.id ASC
  LIMIT $first
  RETURN collect({official: o {` + officialFields + `}, meetings: meetings}) AS items
}
RETURN me IS NOT NULL AS found, items`

// CoAttendees ranks the officials who attended meetings with an official;
// see kg.Store.
func (s *Store) CoAttendees(ctx context.Context, officialID string, f kg.CoAttendeeFilter) ([]kg.CoAttendee, error) {
	if f.First < 0 || f.First > kg.MaxPageSize {
		return nil, fmt.Errorf("neo4jstore: co-attendees: %w: first must be between 0 and %d", kg.ErrInvalidInput, kg.MaxPageSize)
	}
	params := map[string]any{"minShared": int64(max(f.MinShared, 1)), "first": int64(f.First)}
	if f.First == 0 {
		params["first"] = int64(kg.DefaultPageSize)
	}
	dc, _ := dateCond("m.date", f.From, f.To, params)
	query := fmt.Sprintf(coAttendeesQuery, and(dc)) // a constant fragment, not a value
	items, err := related(ctx, s, "co-attendees", "official", officialID, query, params)
	if err != nil {
		return nil, err
	}
	out := make([]kg.CoAttendee, len(items))
	for i, it := range items {
		op, _ := it["official"].(map[string]any)
		meetings := it.list("meetings")
		slices.SortFunc(meetings, func(a, b props) int {
			return cmp.Or(cmp.Compare(a.str("sortKey"), b.str("sortKey")), cmp.Compare(a.str("id"), b.str("id")))
		})
		out[i] = kg.CoAttendee{
			Official:   official(op),
			Shared:     len(meetings),
			MeetingIDs: mapSlice(meetings, func(m props) string { return m.str("id") }),
		}
	}
	slices.SortFunc(out, func(a, b kg.CoAttendee) int {
		return cmp.Or(cmp.Compare(b.Shared, a.Shared),
			cmp.Compare(kg.OfficialSortKey(a.Official), kg.OfficialSortKey(b.Official)),
			cmp.Compare(a.Official.ID, b.Official.ID))
	})
	return out, nil
}

// related runs one of the queries above for the entity kind with the given
// id, returning its items, or an error wrapping kg.ErrNotFound when the
// entity does not exist.
func related(ctx context.Context, s *Store, op, kind, id, query string, params map[string]any) ([]props, error) {
	p := map[string]any{"id": id}
	for k, v := range params {
		p[k] = v
	}
	return read(ctx, s, op, func(q querier) ([]props, error) {
		rec, err := q.one(query, p)
		if err != nil {
			return nil, err
		}
		if found, _ := rec.Get("found"); found != true {
			return nil, notFound(kind, id)
		}
		return getList(rec, "items"), nil
	})
}

const countsQuery = `
RETURN COUNT { (:Report) } AS reports,
       COUNT { (:Official) } AS officials,
       COUNT { (:Position) } AS positions,
       COUNT { (:Meeting) } AS meetings,
       COUNT { (:Division) } AS divisions,
       COUNT { (:Directive) } AS directives,
       COUNT { MATCH (o:Official)-[:PARTICIPATED]->(m:Meeting) RETURN DISTINCT o, m } AS participations,
       COUNT { MATCH (o:Official)-[:HELD]->(p:Position) RETURN DISTINCT o, p } AS tenures,
       COUNT { MATCH (d:Division)-[e:PARTICIPATED]->(m:Meeting) RETURN DISTINCT d, m, e.role } AS divisionParticipations`

// Counts returns how many of each entity and fact the store holds.
func (s *Store) Counts(ctx context.Context) (kg.Counts, error) {
	return read(ctx, s, "counts", func(q querier) (kg.Counts, error) {
		rec, err := q.one(countsQuery, nil)
		if err != nil {
			return kg.Counts{}, err
		}
		return kg.Counts{
			Reports:                getInt(rec, "reports"),
			Officials:              getInt(rec, "officials"),
			Positions:              getInt(rec, "positions"),
			Meetings:               getInt(rec, "meetings"),
			Divisions:              getInt(rec, "divisions"),
			Directives:             getInt(rec, "directives"),
			Participations:         getInt(rec, "participations"),
			Tenures:                getInt(rec, "tenures"),
			DivisionParticipations: getInt(rec, "divisionParticipations"),
		}, nil
	})
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	if len(in) == 0 {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
