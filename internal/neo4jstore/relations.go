package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"officialgraph/internal/kg"
)

// The relation reads below answer many entities in one round trip (the
// batch reads of kg.Explorer), and the single reads of kg.Store are the
// batch read of one ID, so that both merge the same way. Each query
// unwinds $ids and returns, for each ID, whether the entity exists and all
// of its related entries with their per-report relationships, which Go then
// merges by the rules of kg.Store. The subqueries end in collect so that
// they return one row even when there is nothing to collect.

const participantsOfQuery = `
UNWIND $ids AS id
OPTIONAL MATCH (m:Meeting {id: id})
CALL (m) {
  MATCH (o:Official)-[e:PARTICIPATED]->(m)
  WITH o, collect(e {.report, .roles, .titles, .order, ` + evidenceFields + `}) AS edges
  WHERE $role = '' OR $role = 'attended' OR any(e IN edges WHERE $role IN e.roles)
  RETURN collect({official: o {` + officialFields + `}, edges: edges}) AS items
}
RETURN id, m IS NOT NULL AS found, items`

// ParticipantsOf lists the participants of each meeting; see kg.Explorer.
func (s *Store) ParticipantsOf(ctx context.Context, meetingIDs []string, role kg.Role) ([][]kg.Participant, error) {
	out, _, err := relationsOf(ctx, s, "participants of", meetingIDs, participantsOfQuery, role, participants)
	return out, err
}

// MeetingParticipants lists a meeting's participants; see kg.Store.
func (s *Store) MeetingParticipants(ctx context.Context, meetingID string, role kg.Role) ([]kg.Participant, error) {
	return relationOf(ctx, s, "meeting participants", "meeting", meetingID, participantsOfQuery, role, participants)
}

// participants merges the rows of participantsOfQuery and orders them as
// kg.Store says.
func participants(items []props) []kg.Participant {
	type ranked struct {
		p           kg.Participant
		rank, order int
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
	return mapSlice(out, func(r ranked) kg.Participant { return r.p })
}

const divisionRolesOfQuery = `
UNWIND $ids AS id
OPTIONAL MATCH (m:Meeting {id: id})
CALL (m) {
  MATCH (d:Division)-[e:PARTICIPATED]->(m)
  WHERE $role = '' OR e.role = $role
  WITH d, e.role AS role, collect(e {` + evidenceFields + `}) AS evidence
  RETURN collect({division: d {` + divisionFields + `, .sortKey}, role: role, evidence: evidence}) AS items
}
RETURN id, m IS NOT NULL AS found, items`

// DivisionRolesOf lists the divisions that took part in each meeting; see
// kg.Explorer.
func (s *Store) DivisionRolesOf(ctx context.Context, meetingIDs []string, role kg.Role) ([][]kg.DivisionRole, error) {
	out, _, err := relationsOf(ctx, s, "division roles of", meetingIDs, divisionRolesOfQuery, role, divisionRoles)
	return out, err
}

// MeetingDivisions lists the divisions that took part in a meeting; see
// kg.Store.
func (s *Store) MeetingDivisions(ctx context.Context, meetingID string, role kg.Role) ([]kg.DivisionRole, error) {
	return relationOf(ctx, s, "meeting divisions", "meeting", meetingID, divisionRolesOfQuery, role, divisionRoles)
}

func divisionRoles(items []props) []kg.DivisionRole {
	type keyed struct {
		d   kg.DivisionRole
		key string
	}
	out := make([]keyed, len(items))
	for i, it := range items {
		dp, _ := it["division"].(map[string]any)
		out[i] = keyed{
			d:   kg.DivisionRole{Division: division(dp), Role: kg.Role(it.str("role")), Evidence: evidenceList(it.list("evidence"))},
			key: props(dp).str("sortKey"),
		}
	}
	slices.SortFunc(out, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.d.Division.ID, b.d.Division.ID), cmp.Compare(a.d.Role, b.d.Role))
	})
	return mapSlice(out, func(k keyed) kg.DivisionRole { return k.d })
}

// directivesOfQuery finds directives through their meetingId, so that an
// ID that names no meeting simply finds none.
var directivesOfQuery = `
UNWIND $ids AS id
CALL (id) {
  MATCH (x:Directive {meetingId: id})
  RETURN collect(x {` + directiveFields + `, .sortKey, ` + directiveEvidence("x") + `}) AS items
}
RETURN id, true AS found, items`

// DirectivesOf lists the directives issued at each meeting, as the
// Directives list orders them; see kg.Explorer.
func (s *Store) DirectivesOf(ctx context.Context, meetingIDs []string) ([][]kg.Directive, error) {
	out, _, err := relationsOf(ctx, s, "directives of", meetingIDs, directivesOfQuery, "", func(items []props) []kg.Directive {
		slices.SortFunc(items, bySortKey)
		return mapSlice(items, directive)
	})
	return out, err
}

const reportsOfQuery = `
UNWIND $ids AS id
OPTIONAL MATCH (m:Meeting {id: id})
CALL (m) {
  MATCH (r:Report)-[:REPORTS]->(m)
  RETURN collect(r {` + reportFields + `, .sortKey}) AS items
}
RETURN id, m IS NOT NULL AS found, items`

// ReportsOf lists the reports that tell of each meeting; see kg.Explorer.
func (s *Store) ReportsOf(ctx context.Context, meetingIDs []string) ([][]kg.Report, error) {
	out, _, err := relationsOf(ctx, s, "reports of", meetingIDs, reportsOfQuery, "", meetingReports)
	return out, err
}

// MeetingReports lists the reports that tell of a meeting; see kg.Store.
func (s *Store) MeetingReports(ctx context.Context, meetingID string) ([]kg.Report, error) {
	return relationOf(ctx, s, "meeting reports", "meeting", meetingID, reportsOfQuery, "", meetingReports)
}

func meetingReports(items []props) []kg.Report {
	slices.SortFunc(items, bySortKey)
	return mapSlice(items, report)
}

const positionsHeldByQuery = `
UNWIND $ids AS id
OPTIONAL MATCH (o:Official {id: id})
CALL (o) {
  MATCH (o)-[e:HELD]->(p:Position)
  WITH p, collect(e {.seen, ` + evidenceFields + `}) AS edges
  RETURN collect({position: p {` + positionFields + `}, edges: edges}) AS items
}
RETURN id, o IS NOT NULL AS found, items`

// positionDatesQuery is positionsHeldByQuery without the evidence: the
// first and last sightings are the least and greatest known seen dates as
// strings, as held computes them, so the server sends one row per position
// instead of one per report that saw it. Each seen date is read once.
const positionDatesQuery = `
UNWIND $ids AS id
OPTIONAL MATCH (o:Official {id: id})
CALL (o) {
  MATCH (o)-[e:HELD]->(p:Position)
  WITH p, e.seen AS seen
  WITH p, CASE WHEN seen <> '' THEN seen END AS seen
  WITH p, min(seen) AS first, max(seen) AS last
  RETURN collect({position: p {` + positionFields + `}, first: first, last: last}) AS items
}
RETURN id, o IS NOT NULL AS found, items`

// positionDates decodes the items of positionDatesQuery, in the order of
// positionsHeld.
func positionDates(items []props) []kg.PositionHeld {
	out := make([]kg.PositionHeld, len(items))
	for i, it := range items {
		pp, _ := it["position"].(map[string]any)
		out[i] = kg.PositionHeld{Position: position(pp), FirstSeen: it.date("first"), LastSeen: it.date("last")}
	}
	sortHeld(out)
	return out
}

// sortHeld puts positions held in the order of kg.Store.OfficialPositions.
func sortHeld(hs []kg.PositionHeld) {
	slices.SortFunc(hs, func(a, b kg.PositionHeld) int {
		return cmp.Or(cmp.Compare(a.FirstSeen.String(), b.FirstSeen.String()), cmp.Compare(a.Position.ID, b.Position.ID))
	})
}

// PositionsHeldBy lists the positions each official was seen holding; see
// kg.Explorer.
func (s *Store) PositionsHeldBy(ctx context.Context, officialIDs []string) ([][]kg.PositionHeld, error) {
	out, _, err := relationsOf(ctx, s, "positions held by", officialIDs, positionsHeldByQuery, "", positionsHeld)
	return out, err
}

// PositionDatesHeldBy lists the positions each official was seen holding,
// without their evidence; see kg.Explorer.
func (s *Store) PositionDatesHeldBy(ctx context.Context, officialIDs []string) ([][]kg.PositionHeld, error) {
	out, _, err := relationsOf(ctx, s, "position dates held by", officialIDs, positionDatesQuery, "", positionDates)
	return out, err
}

// OfficialPositions lists the positions an official was seen holding; see
// kg.Store.
func (s *Store) OfficialPositions(ctx context.Context, officialID string) ([]kg.PositionHeld, error) {
	return relationOf(ctx, s, "official positions", "official", officialID, positionsHeldByQuery, "", positionsHeld)
}

func positionsHeld(items []props) []kg.PositionHeld {
	out := make([]kg.PositionHeld, len(items))
	for i, it := range items {
		pp, _ := it["position"].(map[string]any)
		out[i] = held(position(pp), it.list("edges"))
	}
	sortHeld(out)
	return out
}

// held merges the per-report HELD relationships of one official and one
// position: FirstSeen and LastSeen are the least and greatest known seen
// dates by their string form, and the evidence is one entry per report.
func held(p kg.Position, edges []props) kg.PositionHeld {
	h := kg.PositionHeld{Position: p}
	for _, e := range edges {
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
	return h
}

// bySortKey orders projections by their sortKey, then id: list order.
func bySortKey(a, b props) int {
	return cmp.Or(cmp.Compare(a.str("sortKey"), b.str("sortKey")), cmp.Compare(a.str("id"), b.str("id")))
}

// relationsOf runs one of the relation queries above for ids and returns
// the merged entries of each ID in the order of ids, an empty list where an
// ID names nothing, with whether it named an entity. role, when the query
// takes one, filters the entries; it must name a role or be empty.
func relationsOf[T any](ctx context.Context, s *Store, op string, ids []string, query string, role kg.Role, merge func([]props) []T) ([][]T, []bool, error) {
	if err := checkRole(op, role); err != nil {
		return nil, nil, err
	}
	rows, err := batch(ctx, s, op, query, ids, map[string]any{"role": string(role)})
	if err != nil {
		return nil, nil, err
	}
	out := make([][]T, len(ids))
	found := make([]bool, len(ids))
	for i, id := range ids {
		rec := rows[id]
		if f, _ := rec.Get("found"); f == true {
			found[i] = true
		}
		out[i] = merge(getList(rec, "items"))
	}
	return out, found, nil
}

// relationOf is relationsOf for one entity of the given kind, failing with
// an error wrapping kg.ErrNotFound when it does not exist.
func relationOf[T any](ctx context.Context, s *Store, op, kind, id, query string, role kg.Role, merge func([]props) []T) ([]T, error) {
	out, found, err := relationsOf(ctx, s, op, []string{id}, query, role, merge)
	if err != nil {
		return nil, err
	}
	if !found[0] {
		return nil, notFound(kind, id)
	}
	return out[0], nil
}

// coAttendeesQuery ranks co-attendees in the server and returns only the
// first $first. Each official's meetings come with their sort keys so that
// Go can order them exactly as kg.MeetingSortKey does; they are read once
// for each of the official's own meetings, not for each co-attendee.
//
// It walks TOOK_PART, one relationship per official and meeting however
// many reports tell of it, so no pair needs DISTINCT; and as TOOK_PART
// joins only officials to meetings, its ends need no label check.
var coAttendeesQuery = `
OPTIONAL MATCH (me:Official {id: $id})
CALL (me) {
  MATCH (me)-[:TOOK_PART]->(m)
  WHERE %s
  WITH m, {id: m.id, sortKey: m.sortKey} AS meeting
  MATCH (m)<-[:TOOK_PART]-(o)
  WHERE o <> me
  WITH o, collect(meeting) AS meetings
  WITH o, size(meetings) AS shared, meetings
  WHERE shared >= $minShared` + rankFirst("o", "shared", "$first", "meetings") + `
  RETURN collect({official: o {` + officialFields + `}, meetings: meetings}) AS items
}
RETURN me IS NOT NULL AS found, items`

// coAttendeeCountsQuery is coAttendeesQuery for kg.CoAttendeeFilter's
// CountOnly: it counts the shared meetings instead of listing them.
var coAttendeeCountsQuery = `
OPTIONAL MATCH (me:Official {id: $id})
CALL (me) {
  MATCH (me)-[:TOOK_PART]->(m)
  WHERE %s
  MATCH (m)<-[:TOOK_PART]-(o)
  WHERE o <> me
  WITH o, count(*) AS shared
  WHERE shared >= $minShared` + rankFirst("o", "shared", "$first") + `
  RETURN collect({official: o {` + officialFields + `}, shared: shared}) AS items
}
RETURN me IS NOT NULL AS found, items`

// coAttendeeCountsMetQuery is coAttendeeCountsQuery over all meetings:
// MET holds each pair's count of shared meetings, kept by the writes, so
// the query reads one relationship per co-attendee instead of every
// participant of every meeting of the official.
var coAttendeeCountsMetQuery = `
OPTIONAL MATCH (me:Official {id: $id})
CALL (me) {
  MATCH (me)-[c:MET]-(o)
  WITH o, c.shared AS shared
  WHERE shared >= $minShared` + rankFirst("o", "shared", "$first") + `
  RETURN collect({official: o {` + officialFields + `}, shared: shared}) AS items
}
RETURN me IS NOT NULL AS found, items`

// CoAttendees ranks the officials who attended meetings with an official;
// see kg.Store.
func (s *Store) CoAttendees(ctx context.Context, officialID string, f kg.CoAttendeeFilter) ([]kg.CoAttendee, error) {
	query, params, err := coAttendeesRead(f)
	if err != nil {
		return nil, err
	}
	items, err := related(ctx, s, "co-attendees", "official", officialID, query, params)
	if err != nil {
		return nil, err
	}
	return coAttendees(items, f.CountOnly), nil
}

// coAttendeesRead returns the query of CoAttendees with f and its
// parameters but the official's $id.
func coAttendeesRead(f kg.CoAttendeeFilter) (string, map[string]any, error) {
	if f.First < 0 || f.First > kg.MaxPageSize {
		return "", nil, fmt.Errorf("neo4jstore: co-attendees: %w: first must be between 0 and %d", kg.ErrInvalidInput, kg.MaxPageSize)
	}
	params := map[string]any{"minShared": int64(max(f.MinShared, 1)), "first": int64(f.First)}
	if f.First == 0 {
		params["first"] = int64(kg.DefaultPageSize)
	}
	dc, _ := dateCond("m.date", f.From, f.To, params)
	query := coAttendeesQuery
	switch {
	case f.CountOnly && dc == "":
		return coAttendeeCountsMetQuery, params, nil
	case f.CountOnly:
		query = coAttendeeCountsQuery
	}
	return fmt.Sprintf(query, and(dc)), params, nil // a constant fragment, not a value
}

// coAttendees decodes and ranks the items of a co-attendee query.
func coAttendees(items []props, countOnly bool) []kg.CoAttendee {
	out := make([]kg.CoAttendee, len(items))
	for i, it := range items {
		op, _ := it["official"].(map[string]any)
		if countOnly {
			out[i] = kg.CoAttendee{Official: official(op), Shared: it.int("shared")}
			continue
		}
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
	return out
}

// rankFirst is the Cypher that orders rows of a node v, a count n and the
// variables carried by n descending, then v.sortOrd and v.id, and keeps the
// first limit (a parameter, at least 1). Only the rows that can make the
// list, those with at least the count of the limit-th, have their node's
// sort key and ID read: ordering by all three keys read two properties of
// every row, every co-attendee or every official active in a division.
func rankFirst(v, n, limit string, carried ...string) string {
	fields := []string{"v: " + v, "n: " + n}
	back := []string{"r.v AS " + v, "r.n AS " + n}
	for _, c := range carried {
		fields = append(fields, c+": "+c)
		back = append(back, "r."+c+" AS "+c)
	}
	return `
  WITH ` + strings.Join(append([]string{v, n}, carried...), ", ") + `
  ORDER BY ` + n + ` DESC
  WITH collect({` + strings.Join(fields, ", ") + `}) AS ranked
  WITH ranked, ranked[` + limit + ` - 1].n AS least
  UNWIND ranked AS r
  WITH r WHERE least IS NULL OR r.n >= least
  WITH ` + strings.Join(back, ", ") + `
  ORDER BY ` + n + ` DESC, ` + v + `.sortOrd ASC, ` + v + `.id ASC
  LIMIT ` + limit
}

// related runs a query of one entity, such as coAttendeesQuery, for the
// entity kind with the given id, returning its items, or an error wrapping
// kg.ErrNotFound when the entity does not exist.
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
