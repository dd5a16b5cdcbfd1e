package neo4jstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"officialgraph/internal/kg"
	"officialgraph/internal/search"
)

// lockReportQuery finds or creates the report's node and takes its write
// lock before reading its checksum, so that concurrent writes of the same
// report run one after the other and each sees what the previous stored.
// A node it creates has no sha256 yet.
const lockReportQuery = `
MERGE (r:Report {id: $id})
SET r.lock = true
REMOVE r.lock
RETURN r.sha256 AS sha256`

// keepPlan prefixes the write queries. Neo4j plans a query again when the
// statistics it was planned with have drifted, which while a graph is being
// loaded they do every few seconds; planning these queries takes seconds,
// more than writing a report does. Their plans depend on no statistic: every
// lookup is by a unique ID, from a bound node, or through an index the
// query names in a hint. So the first plan is kept.
const keepPlan = "CYPHER replan=skip"

// deleteReportQuery removes what a report contributed: its fact
// relationships (and the TOOK_PART of a pair no other report supports,
// taking one from the MET count of each pair of officials it leaves, and
// finding a pair's least shared meeting again when it was one of those), its
// CLAIMS (showing again the least remaining claims of the entities that
// showed its own, and deleting the entities no other report supports),
// then tallies again the report's meetings that remain (see tally.go),
// and, unless $keepNode, deletes the report itself. A replaced report
// keeps its node, which the write that follows updates.
var deleteReportQuery = keepPlan + `
MATCH (r:Report {id: $id})` + lockEntities("r") + `
CALL (r) {
  MATCH ()-[e:HELD {report: r.id}]->()
  USING INDEX e:HELD(report)
  DELETE e
}
CALL (r) {
  MATCH (o)-[e:PARTICIPATED {report: r.id}]->(m)
  USING INDEX e:PARTICIPATED(report)
  DELETE e
  WITH DISTINCT o, m
  WHERE o:Official AND NOT EXISTS { (o)-[:PARTICIPATED]->(m) }
  MATCH (o)-[t:TOOK_PART]->(m)
  DELETE t
  WITH m, collect(o) AS gone
  WITH m, gone, [(m)<-[:TOOK_PART]-(p) | p] AS stay` + metPartners("gone", "stay") + `
  MATCH (a)-[c:MET]-(b) WHERE b IN bs
  WITH c, count(*) AS n, collect(m.id) AS ms
  SET c.shared = c.shared - n
  WITH c, ms
  CALL (c, ms) {
    WITH c, ms WHERE c.shared > 0 AND c.leastMeeting IN ms
    WITH c, startNode(c) AS a, endNode(c) AS b
    MATCH (a)-[:TOOK_PART]->(m)<-[:TOOK_PART]-(b)
    WITH c, min(m.id) AS least
    SET c.leastMeeting = least
  }
  WITH c WHERE c.shared <= 0
  DELETE c
}
CALL (r) {
  MATCH ()-[e:AT {report: r.id}]->()
  USING INDEX e:AT(report)
  DELETE e
}
CALL (r) {
  MATCH (r)-[e:REPORTS]->()
  DELETE e
}` + deleteEntities() + `
CALL (r) {
  MATCH (m:Meeting)
  USING INDEX m:Meeting(id)
  WHERE m.id IN coalesce(r.meetingIds, [])` + tallyMeeting + `
}
CALL (r) {
  WITH r WHERE NOT $keepNode
  DETACH DELETE r
}
RETURN count(*) AS deleted`

// writeReportQuery writes all of a report's facts once lockReportQuery has
// made its node: it merges the entities and records the report's claims
// (see claims.go), then creates the fact relationships, one per report,
// and the TOOK_PART of each (official, meeting) pair that has none yet,
// adding one to the MET count of each pair of officials it joins and
// lowering its least shared meeting where this one is less (see doc.go);
// last, it tallies the report's meetings again (see tally.go).
// Both ends of a TOOK_PART are entities of the report, already locked, so
// the meeting's officials read before it is created are all there are: a
// CREATE is enough where a MERGE would walk the official's relationships.
//
// MET goes from the official of lesser ID to the other, so each pair is
// looked for among the outgoing MET of its lesser end alone: the pairs
// are grouped by that end, whose outgoing MET are read once for all of
// its partners. Neo4j keeps a busy node's relationships by type and
// direction, so this reads about half of what looking both ways would.
// Each official's ID is read once, not once for each of its pairs.
var writeReportQuery = keepPlan + `
MATCH (r:Report {id: $report.id})
SET r += $report
WITH r` + lockEntities("$report") + writeEntities() + `
CALL (r) {
  UNWIND $rows.meetings AS x
  MATCH (m:Meeting {id: x.id})
  CREATE (r)-[:REPORTS]->(m)
}
CALL (r) {
  UNWIND $rows.directives AS x
  MATCH (n:Directive {id: x.id}), (m:Meeting {id: x.claims.meetingId})
  CREATE (n)-[:AT {report: r.id, sentence: x.sentence, offset: x.offset}]->(m)
}
CALL (r) {
  UNWIND $rows.tenures AS t
  MATCH (o:Official {id: t.officialId}), (p:Position {id: t.positionId})
  CREATE (o)-[:HELD {report: r.id, seen: t.seen, sentence: t.sentence, offset: t.offset}]->(p)
}
CALL (r) {
  UNWIND $rows.participations AS x
  WITH x.meetingId AS id, collect(x.officialId) AS ids
  MATCH (m:Meeting {id: id})
  WITH m, ids, [(m)<-[:TOOK_PART]-(p) | {n: p, id: p.id}] AS had
  UNWIND ids AS id
  MATCH (o:Official {id: id})
  WITH m, had, collect({n: o, id: id}) AS all
  WITH m, had, [o IN all WHERE NOT o.n IN [h IN had | h.n]] AS come
  FOREACH (o IN [c IN come | c.n] | CREATE (o)-[:TOOK_PART]->(m))
  WITH m, had, come
  WHERE size(come) > 0
  CALL (had) {
    UNWIND had AS p
    WITH p.n AS p
    SET p.lock = true
    REMOVE p.lock
  }
  UNWIND range(0, size(come) - 1) AS i
  UNWIND had + come[i + 1..] AS y
  WITH m, come[i] AS x, y
  WITH m, CASE WHEN x.id < y.id THEN x.n ELSE y.n END AS a, CASE WHEN x.id < y.id THEN y.n ELSE x.n END AS b
  WITH m, a, collect(b) AS bs
  CALL (a, bs, m) {
    OPTIONAL MATCH (a)-[c:MET]->(b) WHERE b IN bs
    SET c.shared = c.shared + 1
    FOREACH (_ IN CASE WHEN c.leastMeeting > m.id THEN [1] ELSE [] END | SET c.leastMeeting = m.id)
    WITH a, bs, m, collect(b) AS found
    UNWIND [b IN bs WHERE NOT b IN found] AS b
    CREATE (a)-[:MET {shared: 1, leastMeeting: m.id}]->(b)
  }
}
CALL (r) {
  UNWIND $rows.participations AS x
  MATCH (o:Official {id: x.officialId}), (m:Meeting {id: x.meetingId})
  CREATE (o)-[:PARTICIPATED {report: r.id, roles: x.roles, titles: x.titles, alias: x.alias,
                             order: x.order, sentence: x.sentence, offset: x.offset}]->(m)
}
CALL (r) {
  UNWIND $rows.divisionParticipations AS x
  MATCH (d:Division {id: x.divisionId}), (m:Meeting {id: x.meetingId})
  CREATE (d)-[:PARTICIPATED {report: r.id, role: x.role, sentence: x.sentence, offset: x.offset}]->(m)
}
CALL (r) {
  UNWIND $rows.meetings AS x
  MATCH (m:Meeting {id: x.id})` + tallyMeeting + `
}
RETURN r.id AS id`

// writeReportsQuery is writeReportQuery for many new reports in one query:
// $batch.reports holds each report's parameters, and the same Cypher runs
// once for each in turn, reading them from rep instead (the list is in a
// map for the reason writeParams gives). Each query costs the
// server a fixed amount besides what it writes, and the client a round
// trip. Measured in one server on a 10,000-report store, 4,096 new reports
// in transactions of 64, alternating every 256 reports between the two
// ways: 102.6 and 112.5 reports/s in two runs, against 85.2 and 95.6 with
// a query for each report; the server's query thread spent 13–15% less
// CPU on a report.
var writeReportsQuery = forEachReport(writeReportQuery)

// forEachReport returns the query that runs the write query one, which
// takes the parameters $report and $rows, for each of $batch.reports.
func forEachReport(one string) string {
	return keepPlan + `
UNWIND $batch.reports AS rep
CALL (rep) {` + strings.NewReplacer(
		keepPlan, "",
		"$report", "rep.report",
		"$rows", "rep.rows",
		// Only these subqueries read the parameters.
		"CALL (r) {", "CALL (r, rep) {",
	).Replace(one) + `
}
RETURN count(*) AS written`
}

// metPartners is the Cypher of a delete that turns a row per meeting m,
// with the officials who leave it in moved and those who stay in kept,
// into a row per moved official a with m and bs, the officials whose count
// of shared meetings with a goes down by one: every kept official, and the
// moved ones after a in moved, so that each pair comes once. Reading a's
// MET relationships, both ways, once for all of bs costs one walk of a's
// relationships, where a match of each pair walks one end's. A write
// groups its pairs by their lesser end instead, which reads about half as
// much; a delete, which only a replaced, deleted or merged report runs,
// keeps the shorter Cypher.
func metPartners(moved, kept string) string {
	return `
  UNWIND range(0, size(` + moved + `) - 1) AS i
  WITH m, ` + moved + `[i] AS a, ` + kept + ` + ` + moved + `[i + 1..] AS bs`
}

// WriteReport writes all facts of one report in one transaction; see
// kg.Store.
func (s *Store) WriteReport(ctx context.Context, f *kg.ReportFacts) (kg.WriteResult, error) {
	b, err := newBatch([]*kg.ReportFacts{f})
	if re := (*kg.ReportError)(nil); errors.As(err, &re) {
		// One report needs no naming.
		return "", fmt.Errorf("neo4jstore: write report: %w", re.Err)
	}
	res, err := write(ctx, s, "write report "+f.Report.ID, b.write)
	if err != nil {
		return "", err
	}
	return res[0], nil
}

// WriteReports writes reports in one transaction; see kg.Store.
func (s *Store) WriteReports(ctx context.Context, fs []*kg.ReportFacts) ([]kg.WriteResult, error) {
	if err := kg.CheckBatch(fs); err != nil {
		return nil, fmt.Errorf("neo4jstore: write reports: %w", err)
	}
	b, err := newBatch(fs)
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: write reports: %w", err)
	}
	op := fmt.Sprintf("write %d reports", len(fs))
	res, err := write(ctx, s, op, b.write)
	if err != nil && b.failedMany && ctx.Err() == nil && !errors.Is(err, kg.ErrUnavailable) {
		// A query that wrote several reports failed, and the transaction
		// with it. Written again one report a query, the failure names
		// its report, if one is at fault.
		b.oneByOne = true
		res, err = write(ctx, s, op, b.write)
	}
	if err != nil && b.failed != "" && ctx.Err() == nil && !errors.Is(err, kg.ErrUnavailable) {
		// The report whose query failed is at fault, unless the server
		// or the caller was. Named here rather than in the transaction
		// function, whose errors the driver must see unwrapped to know
		// which to retry.
		return nil, &kg.ReportError{ID: b.failed, Err: err}
	}
	return res, err
}

// writeBatch is reports to write in one transaction, checked and with their
// facts as written encoded.
type writeBatch struct {
	facts   []*kg.ReportFacts
	written [][]byte
	// oneByOne writes each report with a query of its own, so that a
	// failing query names one report.
	oneByOne   bool
	failed     string // the report whose write failed, if one did
	failedMany bool   // whether a query writing several reports failed
}

func newBatch(fs []*kg.ReportFacts) (*writeBatch, error) {
	b := &writeBatch{facts: fs, written: make([][]byte, len(fs))}
	for i, f := range fs {
		if f == nil {
			return nil, &kg.ReportError{Err: fmt.Errorf("%w: no facts", kg.ErrInvalidInput)}
		}
		if err := f.Validate(); err != nil {
			return nil, &kg.ReportError{ID: f.Report.ID, Err: err}
		}
		// The facts as written stay on the report's node, so that identity
		// decisions recorded later can re-write the report from them.
		w, err := encodeFacts(f)
		if err != nil {
			return nil, &kg.ReportError{ID: f.Report.ID, Err: err}
		}
		b.written[i] = w
	}
	return b, nil
}

// write writes the batch's reports in the transaction q; the driver may
// call it again when it retries the transaction. Unless b.oneByOne, the
// reports new to the store that come in a row (each the first time it
// comes in the batch) are written by one query, writeReportsQuery; the
// others one by one, in order.
func (b *writeBatch) write(q querier) ([]kg.WriteResult, error) {
	b.failed, b.failedMany = "", false
	ids := make([]any, 0, len(b.facts))
	for _, f := range b.facts {
		ids = append(ids, f.Report.ID)
	}
	slices.SortFunc(ids, func(a, b any) int { return cmp.Compare(a.(string), b.(string)) })
	ids = slices.Compact(ids)
	rec, err := q.one(lockReportsQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	// The stored checksum of each report, as the batch's own writes change
	// it: a report may come twice.
	stored := map[string]any{}
	for _, r := range getList(rec, "reports") {
		stored[r["id"].(string)] = r["sha256"]
	}
	ds := decisionsOf(rec)
	out := make([]kg.WriteResult, len(b.facts))
	var fresh []int // new reports not yet written
	flush := func() error {
		err := b.writeNew(q, fresh, ds)
		fresh = fresh[:0]
		return err
	}
	for i, f := range b.facts {
		if stored[f.Report.ID] == nil && !b.oneByOne {
			fresh = append(fresh, i)
			stored[f.Report.ID] = f.Report.SHA256
			out[i] = kg.WriteCreated
			continue
		}
		// The new reports before this one go first: it may be one of
		// them again, and is then compared with what that wrote.
		if err := flush(); err != nil {
			return nil, err
		}
		res, err := writeOne(q, f, b.written[i], stored[f.Report.ID], ds)
		if err != nil {
			b.failed = f.Report.ID
			return nil, err
		}
		stored[f.Report.ID] = f.Report.SHA256
		out[i] = res
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// writeNew writes the batch's reports at the indexes is, all new to the
// store and each once, in the transaction q: one with writeReportQuery,
// more with writeReportsQuery.
func (b *writeBatch) writeNew(q querier, is []int, ds []kg.IdentityDecision) error {
	switch len(is) {
	case 0:
		return nil
	case 1:
		i := is[0]
		if err := writeWithDecisions(q, b.facts[i], b.written[i], ds); err != nil {
			b.failed = b.facts[i].Report.ID
			return err
		}
		return nil
	}
	reports := make([]any, len(is))
	for j, i := range is {
		reports[j] = reportParams(b.facts[i], b.written[i], ds)
	}
	rec, err := q.one(writeReportsQuery, map[string]any{"batch": map[string]any{"reports": reports}})
	if err != nil {
		b.failedMany = true
		return err
	}
	if n := getInt(rec, "written"); n != len(is) {
		return fmt.Errorf("the shared write query wrote %d reports of %d", n, len(is))
	}
	return nil
}

// writeOne writes one report in the transaction q, where its node is
// locked and its stored checksum was sha256 (nil for a new report), as
// the decisions ds make it.
func writeOne(q querier, f *kg.ReportFacts, written []byte, sha256 any, ds []kg.IdentityDecision) (kg.WriteResult, error) {
	result := kg.WriteCreated
	if sha256 != nil {
		if sha256 == f.Report.SHA256 {
			return kg.WriteUnchanged, nil
		}
		if _, err := q.all(deleteReportQuery, deleteParams(f.Report.ID, true)); err != nil {
			return "", err
		}
		result = kg.WriteReplaced
	}
	// The recorded identity decisions apply to every report written, so
	// that they survive re-ingesting it.
	if err := writeWithDecisions(q, f, written, ds); err != nil {
		return "", err
	}
	return result, nil
}

// DeleteReport removes a report and exactly the facts only it supported.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	_, err := write(ctx, s, "delete report "+id, func(q querier) (struct{}, error) {
		rec, err := q.one(deleteReportQuery, deleteParams(id, false))
		if err != nil {
			return struct{}{}, err
		}
		if getInt(rec, "deleted") == 0 {
			return struct{}{}, notFound("report", id)
		}
		return struct{}{}, nil
	})
	return err
}

func deleteParams(id string, keepNode bool) map[string]any {
	return map[string]any{"id": id, "keepNode": keepNode}
}

// writeParams turns a report's facts into the parameters of writeReportQuery.
func writeParams(f *kg.ReportFacts) map[string]any {
	// Entities in ID order, the order lockEntities takes their locks in.
	f = &kg.ReportFacts{
		Report:                 f.Report,
		Officials:              slices.SortedFunc(slices.Values(f.Officials), func(a, b kg.Official) int { return cmp.Compare(a.ID, b.ID) }),
		Divisions:              slices.SortedFunc(slices.Values(f.Divisions), func(a, b kg.Division) int { return cmp.Compare(a.ID, b.ID) }),
		Positions:              slices.SortedFunc(slices.Values(f.Positions), func(a, b kg.Position) int { return cmp.Compare(a.ID, b.ID) }),
		Meetings:               slices.SortedFunc(slices.Values(f.Meetings), func(a, b kg.Meeting) int { return cmp.Compare(a.ID, b.ID) }),
		Directives:             slices.SortedFunc(slices.Values(f.Directives), func(a, b kg.Directive) int { return cmp.Compare(a.ID, b.ID) }),
		Tenures:                f.Tenures,
		Participations:         f.Participations,
		DivisionParticipations: f.DivisionParticipations,
	}
	r := f.Report
	rid := r.ID
	ids := func(n int, id func(int) string) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}
	report := map[string]any{
		"id":          rid,
		"title":       r.Title,
		"url":         r.URL,
		"publishedAt": r.PublishedAt.String(),
		"journalists": strList(r.Journalists),
		"sha256":      r.SHA256,
		"synthetic":   r.Synthetic,
		"sortKey":     kg.ReportSortKey(r),
		"sortOrd":     sortOrd(kg.ReportSortKey(r)),
		"officialIds": ids(len(f.Officials), func(i int) string { return f.Officials[i].ID }),
		"divisionIds": ids(len(f.Divisions), func(i int) string { return f.Divisions[i].ID }),
		"positionIds": ids(len(f.Positions), func(i int) string { return f.Positions[i].ID }),
		"meetingIds":  ids(len(f.Meetings), func(i int) string { return f.Meetings[i].ID }),
		"directiveIds": ids(len(f.Directives), func(i int) string {
			return f.Directives[i].ID
		}),
	}

	divisions := make([]any, len(f.Divisions))
	for i, d := range f.Divisions {
		key := kg.DivisionSortKey(d)
		claims := map[string]any{
			"name": d.Name, "level": string(d.Level), "code": d.Code, "parentId": d.ParentID,
			"sortKey": key, "sortOrd": sortOrd(key), "searchText": searchForm(d.Name),
		}
		addPinyinClaims(claims, search.DivisionForms(d).Pinyin)
		divisions[i] = map[string]any{"id": d.ID, "claims": claims}
	}
	officials := make([]any, len(f.Officials))
	for i, o := range f.Officials {
		// Distinct, so that the write can add the new ones to the shown
		// aliases without reading the other reports' claims.
		forms, searchForms := distinct(o.Aliases, nil), distinct(o.Aliases, aliasSearchForm)
		key := kg.OfficialSortKey(o)
		claims := map[string]any{
			"name": o.Name, "pinyin": o.Pinyin, "garbled": o.Garbled,
			"sortKey": key, "sortOrd": sortOrd(key), "searchName": searchForm(o.Name),
		}
		addPinyinClaims(claims, search.OfficialForms(o).Pinyin)
		officials[i] = map[string]any{"id": o.ID, "aliases": forms, "aliasSearch": searchForms, "claims": claims}
	}
	positions := make([]any, len(f.Positions))
	for i, p := range f.Positions {
		positions[i] = map[string]any{"id": p.ID, "claims": map[string]any{
			"title": p.Title, "organization": p.Organization, "divisionId": p.DivisionID,
		}}
	}
	meetings := make([]any, len(f.Meetings))
	for i, m := range f.Meetings {
		key := kg.MeetingSortKey(m)
		meetings[i] = map[string]any{"id": m.ID, "claims": map[string]any{
			"name": m.Name, "date": m.Date.String(), "datePrecision": string(m.Date.Precision()),
			"kind": m.Kind, "divisionId": m.DivisionID, "sortKey": key, "sortOrd": sortOrd(key),
			"searchText": searchForm(m.Name),
		}}
	}
	directives := make([]any, len(f.Directives))
	for i, d := range f.Directives {
		// The sort key is the meeting's date, which the meeting's claims
		// decide, followed by this suffix, which is the whole key for the
		// zero date. Hex goes byte by byte, so the key's hex is the
		// meeting's sortOrd followed by the suffix's.
		suffix := kg.DirectiveSortKey(d, kg.Date{})
		directives[i] = map[string]any{
			"id": d.ID, "claims": map[string]any{
				"text": d.Text, "ordinal": int64(d.Ordinal), "meetingId": d.MeetingID, "issuerId": d.IssuerID,
				"sortSuffix": suffix, "sortSuffixOrd": sortOrd(suffix), "searchText": searchForm(d.Text),
			},
			// Validate checked that there is exactly one.
			"sentence": d.Evidence[0].Sentence, "offset": int64(d.Evidence[0].Offset),
		}
	}
	tenures := make([]any, len(f.Tenures))
	for i, t := range f.Tenures {
		tenures[i] = map[string]any{
			"officialId": t.OfficialID, "positionId": t.PositionID, "seen": t.Seen.String(),
			"sentence": t.Evidence.Sentence, "offset": int64(t.Evidence.Offset),
		}
	}
	participations := make([]any, len(f.Participations))
	for i, p := range f.Participations {
		roles := make([]any, len(p.Roles))
		for j, r := range p.Roles {
			roles[j] = string(r)
		}
		participations[i] = map[string]any{
			"officialId": p.OfficialID, "meetingId": p.MeetingID, "roles": roles,
			"titles": strList(p.Titles), "alias": p.Alias, "order": int64(p.Order),
			"sentence": p.Evidence.Sentence, "offset": int64(p.Evidence.Offset),
		}
	}
	divParts := make([]any, len(f.DivisionParticipations))
	for i, d := range f.DivisionParticipations {
		divParts[i] = map[string]any{
			"divisionId": d.DivisionID, "meetingId": d.MeetingID, "role": string(d.Role),
			"sentence": d.Evidence.Sentence, "offset": int64(d.Evidence.Offset),
		}
	}
	// The rows go in one map rather than as parameters of their own: Neo4j
	// caches a plan for each combination of the sizes (in ranges) of list
	// parameters, and planning this query takes longer than running it.
	return map[string]any{
		"report": report,
		"rows": map[string]any{
			"divisions":              divisions,
			"officials":              officials,
			"positions":              positions,
			"meetings":               meetings,
			"directives":             directives,
			"tenures":                tenures,
			"participations":         participations,
			"divisionParticipations": divParts,
		},
	}
}

// distinct returns the distinct values of form(s) for s in list, in order
// of appearance; a nil form is the identity.
func distinct(list []string, form func(string) string) []any {
	out := make([]any, 0, len(list))
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		if form != nil {
			s = form(s)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// strList converts a string slice for the driver; a nil slice becomes an
// empty list rather than null, which would remove the property.
func strList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
