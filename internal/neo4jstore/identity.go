package neo4jstore

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
)

// Identity decisions (kg.IdentityStore).
//
// A decision is a node
//
//	(:IdentityDecision {id, kind, keep, merged, keptName, keptPinyin, keptGarbled,
//	                    official, reports, newOfficialId, note, seq, decidedAt})
//
// and every Report node keeps, besides what its graph says, its facts as
// written (written: gzip'd JSON of kg.ReportFacts) and the decisions that
// changed them (decisionIds). WriteReport applies the decisions to the facts
// it is given; Decide and Undo re-write the reports a decision changes, from
// their facts as written, with the delete and write queries WriteReport
// runs, all in one transaction.
//
// A report written at the very moment another transaction records a
// decision that concerns it may miss the decision: the two transactions
// lock no node in common. Deciding again (a no-op for the decision) does
// not repair it; undoing and deciding again does.

var _ kg.IdentityStore = (*Store)(nil)

// decisionsQuery reads every decision in the order they apply. Decisions
// are few (researchers make them one by one), so every write reads them all.
// They are found through the index of their IDs, which all start with the
// decision kind's prefix: a label scan would do as well on so few nodes,
// but every write runs this, and the benchmark's plan check rightly refuses
// a scan in a hot query.
var decisionsQuery = `
MATCH (d:IdentityDecision) USING INDEX d:IdentityDecision(id)
WHERE d.id STARTS WITH '` + string(kg.KindDecision) + `_'
RETURN d {.*} AS d
ORDER BY d.seq, d.id`

const decisionQuery = `
MATCH (d:IdentityDecision {id: $id})
RETURN d {.*} AS d`

const createDecisionQuery = `
CREATE (d:IdentityDecision)
SET d = $d
RETURN d.id AS id`

const deleteDecisionQuery = `
MATCH (d:IdentityDecision {id: $id})
DELETE d
RETURN count(*) AS deleted`

// officialNodeQuery reads the officials of $ids that the graph holds.
var officialNodeQuery = `
MATCH (n:Official) WHERE n.id IN $ids
RETURN n {` + officialFields + `} AS n`

// mergedReportsQuery finds the reports that name an official.
const mergedReportsQuery = `
MATCH (r:Report) WHERE $official IN r.officialIds
RETURN r.id AS id, r.written AS written
ORDER BY id`

// splitReportsQuery reads the listed reports, and whether each names the
// official.
const splitReportsQuery = `
UNWIND $reports AS id
OPTIONAL MATCH (r:Report {id: id})
RETURN id, r IS NOT NULL AS found, $official IN coalesce(r.officialIds, []) AS names, r.written AS written
ORDER BY id`

// undoneReportsQuery finds the reports a decision changed.
const undoneReportsQuery = `
MATCH (r:Report) WHERE $id IN coalesce(r.decisionIds, [])
RETURN r.id AS id, r.written AS written
ORDER BY id`

// lockReportsQuery is lockReportQuery for each report of a batch, $ids,
// which come in ID order so that concurrent batches take their locks in
// one order. It also returns the recorded decisions, so that reading them
// costs a write no round trip of its own.
var lockReportsQuery = `
UNWIND $ids AS id
MERGE (r:Report {id: id})
SET r.lock = true
REMOVE r.lock
WITH collect({id: id, sha256: r.sha256}) AS reports
RETURN reports,
  COLLECT {
    MATCH (d:IdentityDecision) USING INDEX d:IdentityDecision(id)
    WHERE d.id STARTS WITH '` + string(kg.KindDecision) + `_'
    RETURN d {.*}
  } AS decisions`

// loadDecisions reads the recorded decisions in a transaction.
func loadDecisions(q querier) ([]kg.IdentityDecision, error) {
	recs, err := q.all(decisionsQuery, nil)
	if err != nil {
		return nil, err
	}
	ds := make([]kg.IdentityDecision, len(recs))
	for i, rec := range recs {
		ds[i] = decision(get(rec, "d"))
	}
	return ds, nil
}

// decisionsOf decodes the decisions lockReportsQuery returns, in
// the order they apply.
func decisionsOf(rec *neo4j.Record) []kg.IdentityDecision {
	list := getList(rec, "decisions")
	ds := make([]kg.IdentityDecision, len(list))
	for i, p := range list {
		ds[i] = decision(p)
	}
	slices.SortFunc(ds, func(a, b kg.IdentityDecision) int {
		return cmp.Or(cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.ID, b.ID))
	})
	return ds
}

func decision(p props) kg.IdentityDecision {
	d := kg.IdentityDecision{
		ID:            p.str("id"),
		Kind:          kg.DecisionKind(p.str("kind")),
		Keep:          p.str("keep"),
		Merged:        p.str("merged"),
		Official:      p.str("official"),
		Reports:       p.strs("reports"),
		NewOfficialID: p.str("newOfficialId"),
		Note:          p.str("note"),
	}
	if d.Kind == kg.DecisionMerge {
		d.Kept = kg.Official{ID: d.Keep, Name: p.str("keptName"), Pinyin: p.str("keptPinyin"), Garbled: p.bool("keptGarbled")}
	}
	d.Seq, _ = p["seq"].(int64)
	if t, ok := p["decidedAt"].(time.Time); ok {
		d.DecidedAt = t.UTC()
	}
	return d
}

func decisionParams(d kg.IdentityDecision) map[string]any {
	return map[string]any{
		"id": d.ID, "kind": string(d.Kind), "keep": d.Keep, "merged": d.Merged,
		"keptName": d.Kept.Name, "keptPinyin": d.Kept.Pinyin, "keptGarbled": d.Kept.Garbled,
		"official": d.Official, "reports": strList(d.Reports), "newOfficialId": d.NewOfficialID,
		"note": d.Note, "seq": d.Seq, "decidedAt": d.DecidedAt,
	}
}

// gzipWriters reuses compressors: a new one allocates most of a megabyte,
// more than the rest of a report's write.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed) // a valid level: no error
	return zw
}}

// encodeFacts packs a report's facts as written for its node.
func encodeFacts(f *kg.ReportFacts) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if err := json.NewEncoder(zw).Encode(f); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decodeFacts(v any) (*kg.ReportFacts, error) {
	b, ok := v.([]byte)
	if !ok {
		return nil, fmt.Errorf("the report keeps no facts as written")
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	f := new(kg.ReportFacts)
	if err := json.Unmarshal(data, f); err != nil {
		return nil, err
	}
	return f, nil
}

// writeWithDecisions writes a report's facts as the decisions make them,
// keeping its facts as written (packed, written) on its node; the caller
// has locked the node and removed what the report held before.
func writeWithDecisions(q querier, f *kg.ReportFacts, written []byte, ds []kg.IdentityDecision) error {
	_, err := q.one(writeReportQuery, reportParams(f, written, ds))
	return err
}

// reportParams returns the parameters of writeReportQuery for a report's
// facts as the decisions ds make them, with its facts as written.
func reportParams(f *kg.ReportFacts, written []byte, ds []kg.IdentityDecision) map[string]any {
	facts, applied := kg.ApplyDecisions(f, ds)
	params := writeParams(facts)
	report := params["report"].(map[string]any)
	report["written"] = written
	report["decisionIds"] = strList(applied)
	return params
}

// rewrite replaces a stored report by its facts as written, as ds make them.
func rewrite(q querier, id string, written any, ds []kg.IdentityDecision) error {
	f, err := decodeFacts(written)
	if err != nil {
		// A report written before the store kept facts as written;
		// writing it unchanged keeps none, so it must go first.
		return fmt.Errorf("neo4jstore: %w: report %s keeps no facts as written (%v); delete it and write it again, then decide", kg.ErrInvalidInput, id, err)
	}
	if _, err := q.one(lockReportQuery, map[string]any{"id": id}); err != nil {
		return err
	}
	if _, err := q.all(deleteReportQuery, deleteParams(id, true)); err != nil {
		return err
	}
	return writeWithDecisions(q, f, written.([]byte), ds)
}

// Decide records an identity decision and re-writes the reports it
// changes; see kg.IdentityStore.
func (s *Store) Decide(ctx context.Context, d kg.IdentityDecision) (kg.IdentityDecision, error) {
	d, err := d.Normalize()
	if err != nil {
		return kg.IdentityDecision{}, fmt.Errorf("neo4jstore: %w", err)
	}
	decidedAt := time.Now().UTC().Truncate(time.Millisecond)
	return write(ctx, s, "decide "+d.ID, func(q querier) (kg.IdentityDecision, error) {
		d := d
		ds, err := loadDecisions(q)
		if err != nil {
			return kg.IdentityDecision{}, err
		}
		if i := slices.IndexFunc(ds, func(x kg.IdentityDecision) bool { return x.ID == d.ID }); i >= 0 {
			return ds[i], nil
		}
		type stored struct {
			id      string
			written any
		}
		var affected []stored
		switch d.Kind {
		case kg.DecisionMerge:
			recs, err := q.all(officialNodeQuery, map[string]any{"ids": []any{d.Keep, d.Merged}})
			if err != nil {
				return kg.IdentityDecision{}, err
			}
			found := map[string]kg.Official{}
			for _, rec := range recs {
				o := official(get(rec, "n"))
				found[o.ID] = o
			}
			for _, id := range []string{d.Keep, d.Merged} {
				if _, ok := found[id]; !ok {
					return kg.IdentityDecision{}, notFound("official", id)
				}
			}
			k := found[d.Keep]
			d.Kept = kg.Official{ID: k.ID, Name: k.Name, Pinyin: k.Pinyin, Garbled: k.Garbled}
			recs, err = q.all(mergedReportsQuery, map[string]any{"official": d.Merged})
			if err != nil {
				return kg.IdentityDecision{}, err
			}
			for _, rec := range recs {
				w, _ := rec.Get("written")
				affected = append(affected, stored{getStr(rec, "id"), w})
			}
		case kg.DecisionSplit:
			recs, err := q.all(officialNodeQuery, map[string]any{"ids": []any{d.Official}})
			if err != nil {
				return kg.IdentityDecision{}, err
			}
			if len(recs) == 0 {
				return kg.IdentityDecision{}, notFound("official", d.Official)
			}
			recs, err = q.all(splitReportsQuery, map[string]any{"reports": strList(d.Reports), "official": d.Official})
			if err != nil {
				return kg.IdentityDecision{}, err
			}
			for _, rec := range recs {
				id := getStr(rec, "id")
				if found, _ := rec.Get("found"); found != true {
					return kg.IdentityDecision{}, notFound("report", id)
				}
				if names, _ := rec.Get("names"); names != true {
					return kg.IdentityDecision{}, fmt.Errorf("neo4jstore: %w: report %s does not name official %s", kg.ErrInvalidInput, id, d.Official)
				}
				w, _ := rec.Get("written")
				affected = append(affected, stored{id, w})
			}
		}
		d.Seq = 1
		if len(ds) > 0 {
			d.Seq = max(d.Seq, ds[len(ds)-1].Seq+1)
		}
		d.DecidedAt = decidedAt
		if _, err := q.one(createDecisionQuery, map[string]any{"d": decisionParams(d)}); err != nil {
			return kg.IdentityDecision{}, err
		}
		ds = append(ds, d)
		for _, r := range affected {
			if err := rewrite(q, r.id, r.written, ds); err != nil {
				return kg.IdentityDecision{}, err
			}
		}
		return d, nil
	})
}

// Undo removes an identity decision and re-writes the reports it changed;
// see kg.IdentityStore.
func (s *Store) Undo(ctx context.Context, id string) error {
	_, err := write(ctx, s, "undo "+id, func(q querier) (struct{}, error) {
		rec, err := q.one(deleteDecisionQuery, map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		if getInt(rec, "deleted") == 0 {
			return struct{}{}, notFound("identity decision", id)
		}
		ds, err := loadDecisions(q)
		if err != nil {
			return struct{}{}, err
		}
		recs, err := q.all(undoneReportsQuery, map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		for _, rec := range recs {
			w, _ := rec.Get("written")
			if err := rewrite(q, getStr(rec, "id"), w, ds); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
	return err
}

// Decisions lists the recorded decisions; see kg.IdentityStore. They are
// few, so the page is cut from all of them.
func (s *Store) Decisions(ctx context.Context, p kg.Page) (kg.Conn[kg.IdentityDecision], error) {
	if err := p.Validate(); err != nil {
		return kg.Conn[kg.IdentityDecision]{}, fmt.Errorf("neo4jstore: identity decisions: %w", err)
	}
	ds, err := read(ctx, s, "identity decisions", loadDecisions)
	if err != nil {
		return kg.Conn[kg.IdentityDecision]{}, err
	}
	// The position of a cursor: how many decisions come at or before it.
	at := func(c string, inclusive bool) (int, error) {
		key, id, err := kg.DecodeCursor(c)
		if err != nil {
			return 0, fmt.Errorf("neo4jstore: identity decisions: %w", err)
		}
		n := 0
		for _, d := range ds {
			k := kg.DecisionSortKey(d)
			if k < key || k == key && (d.ID < id || inclusive && d.ID == id) {
				n++
			}
		}
		return n, nil
	}
	lo, hi := 0, len(ds)
	if p.After != "" {
		if lo, err = at(p.After, true); err != nil {
			return kg.Conn[kg.IdentityDecision]{}, err
		}
	}
	if p.Before != "" {
		if hi, err = at(p.Before, false); err != nil {
			return kg.Conn[kg.IdentityDecision]{}, err
		}
	}
	start, end, info := kg.Window(len(ds), lo, hi, p)
	c := kg.Conn[kg.IdentityDecision]{PageInfo: info, TotalCount: len(ds)}
	for _, d := range ds[start:end] {
		c.Items = append(c.Items, d)
		c.Cursors = append(c.Cursors, kg.EncodeCursor(kg.DecisionSortKey(d), d.ID))
	}
	return c, nil
}
