// Package floor is what the benchmarks hold the service to: the same graph
// as internal/neo4jstore writes and the same reads, done as plainly as
// Neo4j allows through the Go driver. The Writer stores facts with one
// parameterised UNWIND per kind of row, many reports' rows at a time, one
// transaction per batch; the Queries answer the benchmark's shapes with
// hand-written Cypher.
//
// The floor keeps none of the bookkeeping the store needs to delete and
// replace reports or to settle reports that disagree (the CLAIMS
// relationships and claimedBy, the ID lists on report nodes), nor what the
// store keeps for its own reads (MET, the meetings' tallies), which its
// hand-written queries count when asked: it measures what writing and
// reading this graph costs at the least.
package floor

import (
	"context"
	"encoding/hex"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
)

// DefaultBatchRows is the number of rows a batch holds before it is
// written.
const DefaultBatchRows = 5000

// Writer writes reports' facts in batches. It is not safe for concurrent
// use.
type Writer struct {
	driver   neo4j.DriverWithContext
	database string
	rows     int // rows per batch
	b        *batch

	// Batches counts the transactions written.
	Batches int
}

// NewWriter returns a writer that sends a batch once it holds rows rows (0
// means DefaultBatchRows).
func NewWriter(driver neo4j.DriverWithContext, database string, rows int) *Writer {
	if rows <= 0 {
		rows = DefaultBatchRows
	}
	if database == "" {
		database = "neo4j"
	}
	return &Writer{driver: driver, database: database, rows: rows, b: newBatch()}
}

// batch holds rows of many reports; entities are kept once each.
type batch struct {
	n        int
	entities map[string]map[string]map[string]any // label → id → properties
	rels     map[string][]any                     // statement name → rows
}

func newBatch() *batch {
	return &batch{entities: map[string]map[string]map[string]any{}, rels: map[string][]any{}}
}

func (b *batch) entity(label, id string, props map[string]any) {
	m := b.entities[label]
	if m == nil {
		m = map[string]map[string]any{}
		b.entities[label] = m
	}
	if _, ok := m[id]; !ok {
		b.n++
	}
	props["id"] = id
	m[id] = props
}

func (b *batch) rel(name string, row map[string]any) {
	b.rels[name] = append(b.rels[name], row)
	b.n++
}

// Add adds a report's facts, writing the batch when it is full.
func (w *Writer) Add(ctx context.Context, f *kg.ReportFacts) error {
	b := w.b
	rid := f.Report.ID
	r := f.Report
	rkey := kg.ReportSortKey(r)
	b.entity("Report", rid, map[string]any{
		"title": r.Title, "url": r.URL, "publishedAt": r.PublishedAt.String(), "journalists": strs(r.Journalists),
		"sha256": r.SHA256, "synthetic": r.Synthetic, "sortKey": rkey, "sortOrd": sortOrd(rkey),
	})
	for _, d := range f.Divisions {
		key := kg.DivisionSortKey(d)
		props := map[string]any{
			"name": d.Name, "level": string(d.Level), "code": d.Code, "parentId": d.ParentID,
			"sortKey": key, "sortOrd": sortOrd(key),
		}
		divisionSearch(props, d)
		b.entity("Division", d.ID, props)
		if d.ParentID != "" {
			b.rel("partOf", map[string]any{"a": d.ID, "b": d.ParentID})
		}
	}
	for _, o := range f.Officials {
		key := kg.OfficialSortKey(o)
		props := map[string]any{
			"name": o.Name, "aliases": strs(o.Aliases), "pinyin": o.Pinyin, "garbled": o.Garbled,
			"sortKey": key, "sortOrd": sortOrd(key),
		}
		officialSearch(props, o)
		b.entity("Official", o.ID, props)
	}
	for _, p := range f.Positions {
		b.entity("Position", p.ID, map[string]any{"title": p.Title, "organization": p.Organization, "divisionId": p.DivisionID})
		if p.DivisionID != "" {
			b.rel("of", map[string]any{"a": p.ID, "b": p.DivisionID})
		}
	}
	dates := map[string]kg.Date{}
	for _, m := range f.Meetings {
		key := kg.MeetingSortKey(m)
		dates[m.ID] = m.Date
		b.entity("Meeting", m.ID, map[string]any{
			"name": m.Name, "date": m.Date.String(), "datePrecision": string(m.Date.Precision()), "kind": m.Kind,
			"divisionId": m.DivisionID, "sortKey": key, "sortOrd": sortOrd(key), "searchText": searchForm(m.Name),
		})
		if m.DivisionID != "" {
			b.rel("heldIn", map[string]any{"a": m.ID, "b": m.DivisionID})
		}
		b.rel("reports", map[string]any{"a": rid, "b": m.ID})
	}
	for _, d := range f.Directives {
		key := kg.DirectiveSortKey(d, dates[d.MeetingID])
		b.entity("Directive", d.ID, map[string]any{
			"text": d.Text, "ordinal": int64(d.Ordinal), "meetingId": d.MeetingID, "issuerId": d.IssuerID,
			"sortKey": key, "sortOrd": sortOrd(key), "searchText": searchForm(d.Text),
		})
		if d.IssuerID != kg.IssuerMeeting {
			b.rel("issued", map[string]any{"a": d.IssuerID, "b": d.ID})
		}
		ev := d.Evidence[0]
		b.rel("at", map[string]any{"a": d.ID, "b": d.MeetingID, "report": rid, "sentence": ev.Sentence, "offset": int64(ev.Offset)})
	}
	for _, t := range f.Tenures {
		b.rel("held", map[string]any{
			"a": t.OfficialID, "b": t.PositionID, "report": rid, "seen": t.Seen.String(),
			"sentence": t.Evidence.Sentence, "offset": int64(t.Evidence.Offset),
		})
	}
	for _, p := range f.Participations {
		roles := make([]any, len(p.Roles))
		for i, r := range p.Roles {
			roles[i] = string(r)
		}
		b.rel("participated", map[string]any{
			"a": p.OfficialID, "b": p.MeetingID, "report": rid, "roles": roles, "titles": strs(p.Titles),
			"alias": p.Alias, "order": int64(p.Order), "sentence": p.Evidence.Sentence, "offset": int64(p.Evidence.Offset),
		})
	}
	for _, d := range f.DivisionParticipations {
		b.rel("divisionParticipated", map[string]any{
			"a": d.DivisionID, "b": d.MeetingID, "report": rid, "role": string(d.Role),
			"sentence": d.Evidence.Sentence, "offset": int64(d.Evidence.Offset),
		})
	}
	if b.n >= w.rows {
		return w.Flush(ctx)
	}
	return nil
}

// The statements of a batch, in the order they run: entities before the
// relationships between them.
var (
	entityLabels = []string{"Division", "Official", "Position", "Meeting", "Directive", "Report"}

	// Division nodes also carry a label for their level.
	divisionStatement = `
UNWIND $rows AS x
MERGE (n:Division {id: x.id})
SET n += x
FOREACH (_ IN CASE WHEN x.level = 'province' THEN [1] ELSE [] END | SET n:Province)
FOREACH (_ IN CASE WHEN x.level = 'city' THEN [1] ELSE [] END | SET n:City)
FOREACH (_ IN CASE WHEN x.level = 'county' THEN [1] ELSE [] END | SET n:County)`

	entityStatement = `
UNWIND $rows AS x
MERGE (n:%s {id: x.id})
SET n += x`

	relStatements = []struct{ name, cypher string }{
		{"partOf", `UNWIND $rows AS x MATCH (a:Division {id: x.a}), (b:Division {id: x.b}) MERGE (a)-[:PART_OF]->(b)`},
		{"of", `UNWIND $rows AS x MATCH (a:Position {id: x.a}), (b:Division {id: x.b}) MERGE (a)-[:OF]->(b)`},
		{"heldIn", `UNWIND $rows AS x MATCH (a:Meeting {id: x.a}), (b:Division {id: x.b}) MERGE (a)-[:HELD_IN]->(b)`},
		{"issued", `UNWIND $rows AS x MATCH (a:Official {id: x.a}), (b:Directive {id: x.b}) MERGE (a)-[:ISSUED]->(b)`},
		{"reports", `UNWIND $rows AS x MATCH (a:Report {id: x.a}), (b:Meeting {id: x.b}) CREATE (a)-[:REPORTS]->(b)`},
		{"at", `UNWIND $rows AS x MATCH (a:Directive {id: x.a}), (b:Meeting {id: x.b})
CREATE (a)-[:AT {report: x.report, sentence: x.sentence, offset: x.offset}]->(b)`},
		{"held", `UNWIND $rows AS x MATCH (a:Official {id: x.a}), (b:Position {id: x.b})
CREATE (a)-[:HELD {report: x.report, seen: x.seen, sentence: x.sentence, offset: x.offset}]->(b)`},
		{"participated", `UNWIND $rows AS x MATCH (a:Official {id: x.a}), (b:Meeting {id: x.b})
CREATE (a)-[:PARTICIPATED {report: x.report, roles: x.roles, titles: x.titles, alias: x.alias,
                           order: x.order, sentence: x.sentence, offset: x.offset}]->(b)
MERGE (a)-[:TOOK_PART]->(b)`},
		{"divisionParticipated", `UNWIND $rows AS x MATCH (a:Division {id: x.a}), (b:Meeting {id: x.b})
CREATE (a)-[:PARTICIPATED {report: x.report, role: x.role, sentence: x.sentence, offset: x.offset}]->(b)`},
	}
)

// Statement is one query of a batch with its parameters.
type Statement struct {
	Cypher string
	Params map[string]any
}

// Statements returns the queries that write the given reports' facts as
// one batch, in the order a batch runs them.
func Statements(facts ...*kg.ReportFacts) []Statement {
	w := &Writer{b: newBatch(), rows: 1 << 30}
	for _, f := range facts {
		w.Add(context.Background(), f) // never flushes: the batch has no limit
	}
	return w.b.statements()
}

func (b *batch) statements() []Statement {
	var out []Statement
	add := func(cypher string, rows []any) {
		if len(rows) > 0 {
			out = append(out, Statement{Cypher: cypher, Params: map[string]any{"rows": rows}})
		}
	}
	for _, label := range entityLabels {
		m := b.entities[label]
		rows := make([]any, 0, len(m))
		for _, props := range m {
			rows = append(rows, props)
		}
		stmt := fmt.Sprintf(entityStatement, label)
		if label == "Division" {
			stmt = divisionStatement
		}
		add(stmt, rows)
	}
	for _, s := range relStatements {
		add(s.cypher, b.rels[s.name])
	}
	return out
}

// Flush writes the batch in one transaction.
func (w *Writer) Flush(ctx context.Context) error {
	b := w.b
	if b.n == 0 {
		return nil
	}
	w.b = newBatch()
	statements := b.statements()
	session := w.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: w.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.WithoutCancel(ctx))
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, s := range statements {
			res, err := tx.Run(ctx, s.Cypher, s.Params)
			if err != nil {
				return nil, err
			}
			if _, err := res.Consume(ctx); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	if err != nil {
		return fmt.Errorf("floor: writing a batch of %d rows: %w", b.n, err)
	}
	w.Batches++
	return nil
}

// sortOrd is the hex of a sort key, which neo4jstore orders lists by.
func sortOrd(key string) string { return hex.EncodeToString([]byte(key)) }

func strs(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
