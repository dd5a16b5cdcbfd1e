package kg

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// KindDecision is the kind of an identity decision's ID.
const KindDecision Kind = "idd"

// DecisionKind says what an identity decision decides.
type DecisionKind string

// The identity decisions.
const (
	// DecisionMerge says that two officials are one person: every fact of
	// the merged official becomes the kept one's.
	DecisionMerge DecisionKind = "merge"
	// DecisionSplit says that in some reports an official's name stands for
	// someone else: the official of those reports becomes a new official.
	DecisionSplit DecisionKind = "split"
)

// MaxSplitReports bounds the reports one split lists.
const MaxSplitReports = 1000

// MaxDecisionNoteBytes bounds a decision's note.
const MaxDecisionNoteBytes = 4 << 10

// IdentityDecision is a researcher's decision about who is who, which
// overrides the extractor's: officials are one person per name and scope
// (see OfficialID), and a decision merges two of them or splits one.
//
// Decisions are data. A store keeps them apart from the reports and applies
// them (ApplyDecisions) to every report it writes, in the order they were
// decided, so that they survive re-ingesting every report, and undoing one
// gives back the graph the remaining decisions make.
type IdentityDecision struct {
	ID   string // DecisionID of the decision's content; see Normalize
	Kind DecisionKind

	// A merge: the facts of Merged become Keep's. Kept is the kept
	// official's identity (name, pinyin, garbled; no aliases) when the
	// merge was decided, which the merged official's facts take on, so that
	// the kept official keeps its name whichever report tells of it. The
	// store fills it in.
	Keep, Merged string
	Kept         Official

	// A split: in Reports (sorted report IDs), Official becomes
	// NewOfficialID, an ID derived from the official and the decision.
	Official      string
	Reports       []string
	NewOfficialID string

	Note string // the researcher's reason, free text

	// Seq orders decisions: they apply in increasing Seq. The store
	// assigns it, and DecidedAt, when it records the decision.
	Seq       int64
	DecidedAt time.Time
}

// IdentityStore is the part of a store that records identity decisions.
// Every store implements it with identical answers; internal/storetest
// checks that.
type IdentityStore interface {
	// Decide records a decision (see IdentityDecision.Normalize for what the
	// caller fills in) and, in the same transaction, re-writes every stored
	// report it changes. It returns the decision as stored. Deciding what
	// is already recorded (the same ID) changes nothing and returns the
	// stored decision.
	//
	// A merge needs both officials in the graph as the recorded decisions
	// make it, and a split needs the official in every listed report:
	// an unknown official or report gives ErrNotFound, a report that does
	// not name the official ErrInvalidInput.
	Decide(ctx context.Context, d IdentityDecision) (IdentityDecision, error)
	// Undo removes a decision and re-writes the reports it changed as the
	// remaining decisions make them. An unknown decision gives
	// ErrNotFound.
	Undo(ctx context.Context, id string) error
	// Decisions lists the recorded decisions in the order they apply (Seq,
	// then ID), paginated with Window semantics.
	Decisions(ctx context.Context, p Page) (Conn[IdentityDecision], error)
}

// DecisionID names a decision by its content: deciding the same merge, or
// the same split, twice names it the same way.
func DecisionID(d IdentityDecision) string {
	switch d.Kind {
	case DecisionMerge:
		return NewID(KindDecision, string(d.Kind), d.Keep, d.Merged)
	case DecisionSplit:
		return NewID(KindDecision, append([]string{string(d.Kind), d.Official}, d.Reports...)...)
	}
	return ""
}

// SplitOfficialID is the ID a split gives the official it moves.
func SplitOfficialID(official, decisionID string) string {
	return NewID(KindOfficial, "split", official, decisionID)
}

// DecisionSortKey orders decisions by Seq.
func DecisionSortKey(d IdentityDecision) string { return fmt.Sprintf("%019d", d.Seq) }

// Normalize checks a decision as a caller gives it and returns it with its
// ID (and, for a split, its sorted reports and NewOfficialID) filled in.
// A merge needs Keep and Merged, two different official IDs; a split needs
// Official and at least one report ID (duplicates are dropped). Fields
// of the other kind must be empty. Errors wrap ErrInvalidInput.
func (d IdentityDecision) Normalize() (IdentityDecision, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: identity decision: %s", ErrInvalidInput, fmt.Sprintf(format, args...))
	}
	isOfficial := func(id string) bool { k, ok := KindOf(id); return ok && k == KindOfficial }
	if len(d.Note) > MaxDecisionNoteBytes {
		return d, bad("note: %d bytes is over the limit of %d", len(d.Note), MaxDecisionNoteBytes)
	}
	switch d.Kind {
	case DecisionMerge:
		switch {
		case !isOfficial(d.Keep):
			return d, bad("keep: %q is not an official ID", d.Keep)
		case !isOfficial(d.Merged):
			return d, bad("merge: %q is not an official ID", d.Merged)
		case d.Keep == d.Merged:
			return d, bad("an official cannot be merged into itself (%s)", d.Keep)
		case d.Official != "" || len(d.Reports) > 0:
			return d, bad("a merge names no split official or reports")
		}
	case DecisionSplit:
		switch {
		case !isOfficial(d.Official):
			return d, bad("official: %q is not an official ID", d.Official)
		case len(d.Reports) == 0:
			return d, bad("reports: a split lists at least one report")
		case len(d.Reports) > MaxSplitReports:
			return d, bad("reports: %d is over the limit of %d", len(d.Reports), MaxSplitReports)
		case d.Keep != "" || d.Merged != "":
			return d, bad("a split names no kept or merged official")
		}
		for _, r := range d.Reports {
			if k, ok := KindOf(r); !ok || k != KindReport {
				return d, bad("reports: %q is not a report ID", r)
			}
		}
		d.Reports = slices.Compact(slices.Sorted(slices.Values(d.Reports)))
	default:
		return d, bad("kind %q is neither %q nor %q", d.Kind, DecisionMerge, DecisionSplit)
	}
	d.ID = DecisionID(d)
	if d.Kind == DecisionSplit {
		d.NewOfficialID = SplitOfficialID(d.Official, d.ID)
	}
	return d, nil
}

// identity is what an official's entry in a report says about who it is.
type identity struct {
	id, name, pinyin string
	garbled          bool
}

// resolve follows the decisions, in order, from one of a report's
// officials to the official it is, and marks in used the decisions it went
// through. Following them in order is what makes merges transitive (A into
// B, then B into C, puts A's facts on C) and lets a split apply to the
// official an earlier merge made.
func resolve(o Official, reportID string, ds []IdentityDecision, used map[string]bool) identity {
	cur := identity{o.ID, o.Name, o.Pinyin, o.Garbled}
	for _, d := range ds {
		switch d.Kind {
		case DecisionMerge:
			if cur.id == d.Merged {
				cur = identity{d.Keep, d.Kept.Name, d.Kept.Pinyin, d.Kept.Garbled}
				if cur.name == "" { // a decision without its snapshot keeps the name it had
					cur.name, cur.pinyin, cur.garbled = o.Name, o.Pinyin, o.Garbled
				}
				used[d.ID] = true
			}
		case DecisionSplit:
			if cur.id == d.Official {
				if _, ok := slices.BinarySearch(d.Reports, reportID); ok {
					cur.id = d.NewOfficialID
					used[d.ID] = true
				}
			}
		}
	}
	return cur
}

// ApplyDecisions returns a report's facts as the decisions, in the order
// given, make them, and the IDs of the decisions that changed something.
// When none does it returns f itself; otherwise a new value that shares
// nothing with f that it changed. Facts that two officials of the report
// held apart and that become one official's merge, so that Validate
// still passes: a participation's roles are the most specific of both
// (MostSpecific), its titles both lists (first occurrence kept), its
// order the lower; otherwise the first fact of the report wins, with its
// evidence. The official takes the identity of the decision (see
// IdentityDecision.Kept) or, when the report names the kept official
// itself, the report's; its aliases are every form the report wrote any of
// them in, without its name. A directive issued by a moved official is
// re-named by DirectiveID with its new issuer, so that the same directive
// told of under both names becomes one.
func ApplyDecisions(f *ReportFacts, ds []IdentityDecision) (*ReportFacts, []string) {
	if len(ds) == 0 || f == nil {
		return f, nil
	}
	rep := f.Report.ID
	moved := map[string]identity{}
	used := map[string]bool{}
	for _, o := range f.Officials {
		if to := resolve(o, rep, ds, used); to.id != o.ID {
			moved[o.ID] = to
		}
	}
	if len(moved) == 0 {
		return f, nil
	}
	var applied []string
	for _, d := range ds {
		if used[d.ID] {
			applied = append(applied, d.ID)
		}
	}
	to := func(id string) string {
		if m, ok := moved[id]; ok {
			return m.id
		}
		return id
	}

	n := *f
	n.Report.Journalists = slices.Clone(f.Report.Journalists)

	// Officials, in the order of their first entry. An entry the
	// decisions leave alone names the official as the report has it.
	type entry struct {
		o     Official
		own   bool // the report names this official itself
		forms []string
	}
	var order []string
	entries := map[string]*entry{}
	for _, o := range f.Officials {
		id, who := o.ID, identity{o.ID, o.Name, o.Pinyin, o.Garbled}
		m, isMoved := moved[o.ID]
		if isMoved {
			id, who = m.id, m
		}
		e := entries[id]
		if e == nil {
			e = &entry{}
			entries[id] = e
			order = append(order, id)
		}
		if e.o.ID == "" || (!isMoved && !e.own) {
			e.o = Official{ID: id, Name: who.name, Pinyin: who.pinyin, Garbled: who.garbled}
			e.own = !isMoved
		}
		e.forms = append(e.forms, o.Name)
		e.forms = append(e.forms, o.Aliases...)
	}
	n.Officials = make([]Official, 0, len(order))
	for _, id := range order {
		e := entries[id]
		a := slices.DeleteFunc(e.forms, func(s string) bool { return s == "" || s == e.o.Name })
		slices.Sort(a)
		if a = slices.Compact(a); len(a) > 0 {
			e.o.Aliases = a
		}
		n.Officials = append(n.Officials, e.o)
	}

	type pair struct{ a, b string }
	n.Tenures = nil
	seenTenure := map[pair]bool{}
	for _, t := range f.Tenures {
		t.OfficialID = to(t.OfficialID)
		k := pair{t.OfficialID, t.PositionID}
		if seenTenure[k] {
			continue
		}
		seenTenure[k] = true
		n.Tenures = append(n.Tenures, t)
	}

	n.Participations = nil
	partAt := map[pair]int{}
	for _, p := range f.Participations {
		p.OfficialID = to(p.OfficialID)
		p.Roles = slices.Clone(p.Roles)
		p.Titles = slices.Clone(p.Titles)
		k := pair{p.OfficialID, p.MeetingID}
		i, dup := partAt[k]
		if !dup {
			partAt[k] = len(n.Participations)
			n.Participations = append(n.Participations, p)
			continue
		}
		q := &n.Participations[i]
		q.Roles = MostSpecific(append(q.Roles, p.Roles...))
		for _, title := range p.Titles {
			if !slices.Contains(q.Titles, title) {
				q.Titles = append(q.Titles, title)
			}
		}
		q.Order = min(q.Order, p.Order)
	}

	n.Directives = nil
	seenDirective := map[string]bool{}
	for _, d := range f.Directives {
		d.Evidence = slices.Clone(d.Evidence)
		if issuer := to(d.IssuerID); issuer != d.IssuerID {
			d.IssuerID = issuer
			d.ID = DirectiveID(d.MeetingID, d.IssuerID, d.Ordinal, d.Text)
		}
		if seenDirective[d.ID] {
			continue
		}
		seenDirective[d.ID] = true
		n.Directives = append(n.Directives, d)
	}
	return &n, applied
}

// Mentions reports whether a report's facts list the official.
func (f *ReportFacts) Mentions(officialID string) bool {
	return slices.ContainsFunc(f.Officials, func(o Official) bool { return o.ID == officialID })
}

// String describes a decision for messages.
func (d IdentityDecision) String() string {
	switch d.Kind {
	case DecisionMerge:
		return fmt.Sprintf("%s: merge %s into %s", d.ID, d.Merged, d.Keep)
	case DecisionSplit:
		return fmt.Sprintf("%s: split %s in %s", d.ID, d.Official, strings.Join(d.Reports, ", "))
	}
	return d.ID
}
