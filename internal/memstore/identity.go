package memstore

import (
	"context"
	"fmt"
	"slices"
	"time"

	"officialgraph/internal/kg"
)

// Identity decisions (kg.IdentityStore). The store holds every report as
// the recorded decisions make it; a report that some decision changed
// keeps, besides, its facts as written, so that a later decision or an
// undo can work from them. A report no decision changed is its own facts
// as written, and costs nothing more.

// identityState is the store's identity decisions. s.mu guards it.
type identityState struct {
	decisions []kg.IdentityDecision // in the order they apply
	seq       int64                 // the last Seq assigned
	// written holds, for each report some decision changed, its
	// normalised facts as written, and applied the decisions that changed
	// it. An entry of a deleted report is stale: readers check that the
	// report is stored, and the next write of the report replaces it.
	written map[string]*kg.ReportFacts
	applied map[string][]string
}

var _ kg.IdentityStore = (*Store)(nil)

// withDecisions returns a normalised report as the recorded decisions make
// it, and remembers its facts as written if they changed. s.mu is held.
func (s *Store) withDecisions(written *kg.ReportFacts) *kg.ReportFacts {
	id := &s.ident
	rep := written.Report.ID
	facts, applied := kg.ApplyDecisions(written, id.decisions)
	if len(applied) == 0 {
		delete(id.written, rep)
		delete(id.applied, rep)
		return written
	}
	if id.written == nil {
		id.written, id.applied = map[string]*kg.ReportFacts{}, map[string][]string{}
	}
	id.written[rep], id.applied[rep] = written, applied
	return facts
}

// rewrite replaces a stored report by its facts as written, as the
// recorded decisions make them now. s.mu is held.
func (s *Store) rewrite(rec *reportRec) {
	rep := rec.facts.Report.ID
	written := s.ident.written[rep]
	if written == nil {
		written = rec.facts // no decision changed it: stored as written
	}
	s.removeReport(rec)
	s.addReport(s.withDecisions(written))
}

// lockWrite takes the write lock for an identity call.
func (s *Store) lockWrite(ctx context.Context, what string) (unlock func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore: %s: %w", what, err)
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	// Waiting for the lock may have outlasted the caller.
	if err := ctx.Err(); err != nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("memstore: %s: %w", what, err)
	}
	return s.mu.Unlock, nil
}

// Decide implements kg.IdentityStore.
func (s *Store) Decide(ctx context.Context, d kg.IdentityDecision) (kg.IdentityDecision, error) {
	d, err := d.Normalize()
	if err != nil {
		return kg.IdentityDecision{}, fmt.Errorf("memstore: %w", err)
	}
	unlock, err := s.lockWrite(ctx, "decide "+d.ID)
	if err != nil {
		return kg.IdentityDecision{}, err
	}
	defer unlock()
	if i := slices.IndexFunc(s.ident.decisions, func(x kg.IdentityDecision) bool { return x.ID == d.ID }); i >= 0 {
		return cloneDecision(s.ident.decisions[i]), nil
	}

	// The reports the decision changes, checked before anything changes.
	var affected []*reportRec
	switch d.Kind {
	case kg.DecisionMerge:
		keep, merged := s.officials[d.Keep], s.officials[d.Merged]
		if keep == nil {
			return kg.IdentityDecision{}, notFound("official", d.Keep)
		}
		if merged == nil {
			return kg.IdentityDecision{}, notFound("official", d.Merged)
		}
		d.Kept = kg.Official{ID: d.Keep, Name: keep.val.Name, Pinyin: keep.val.Pinyin, Garbled: keep.val.Garbled}
		for _, rep := range merged.reportIDs() {
			affected = append(affected, s.reports[rep])
		}
	case kg.DecisionSplit:
		if s.officials[d.Official] == nil {
			return kg.IdentityDecision{}, notFound("official", d.Official)
		}
		for _, rep := range d.Reports {
			rec := s.reports[rep]
			if rec == nil {
				return kg.IdentityDecision{}, notFound("report", rep)
			}
			if !rec.facts.Mentions(d.Official) {
				return kg.IdentityDecision{}, invalid("report %s does not name official %s", rep, d.Official)
			}
			affected = append(affected, rec)
		}
	}
	s.ident.seq++
	d.Seq = s.ident.seq
	d.DecidedAt = time.Now().UTC().Truncate(time.Millisecond)
	s.ident.decisions = append(s.ident.decisions, d)
	for _, rec := range affected {
		s.rewrite(rec)
	}
	return cloneDecision(d), nil
}

// Undo implements kg.IdentityStore.
func (s *Store) Undo(ctx context.Context, id string) error {
	unlock, err := s.lockWrite(ctx, "undo "+id)
	if err != nil {
		return err
	}
	defer unlock()
	i := slices.IndexFunc(s.ident.decisions, func(x kg.IdentityDecision) bool { return x.ID == id })
	if i < 0 {
		return notFound("identity decision", id)
	}
	s.ident.decisions = slices.Delete(s.ident.decisions, i, i+1)
	// Only the reports the decision changed change back: a decision only
	// moves officials on from where earlier ones left them.
	var affected []string
	for rep, applied := range s.ident.applied {
		if slices.Contains(applied, id) {
			affected = append(affected, rep)
		}
	}
	slices.Sort(affected) // a deterministic order of rewrites
	for _, rep := range affected {
		rec := s.reports[rep]
		if rec == nil { // deleted since: its entry is stale
			delete(s.ident.written, rep)
			delete(s.ident.applied, rep)
			continue
		}
		s.rewrite(rec)
	}
	return nil
}

// Decisions implements kg.IdentityStore.
func (s *Store) Decisions(ctx context.Context, p kg.Page) (kg.Conn[kg.IdentityDecision], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.IdentityDecision]{}, err
	}
	unlock, err := s.read(ctx, "identity decisions")
	if err != nil {
		return kg.Conn[kg.IdentityDecision]{}, err
	}
	defer unlock()
	// Seq grows with every decision, so the slice is in Seq order.
	n, at := inSlice(s.ident.decisions)
	return window(n, at, false,
		func(d kg.IdentityDecision) (string, string) { return kg.DecisionSortKey(d), d.ID },
		cloneDecision, p)
}

func cloneDecision(d kg.IdentityDecision) kg.IdentityDecision {
	d.Reports = slices.Clone(d.Reports)
	return d
}
