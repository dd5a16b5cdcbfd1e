// Package memstore is the in-process implementation of kg.Store: the fast
// path for tests and for running the service without a database.
//
// The store keeps every report's claims (what each report said about each
// entity and fact), so that merging follows the kg documentation and
// deleting a report removes exactly what only it supported. Merged values,
// and the links reads follow (an official's participations in meeting
// order, a meeting's participants, a division's officials), are maintained
// on every write; the sorted lists, the postings that filters intersect and
// the indexes of Search and Stats are rebuilt lazily, by the first read
// after a write that needs them (see facets.go, search.go and stats.go), so
// a bulk load sorts nothing until it is read.
//
// One sync.RWMutex guards everything: writes are serialised, reads run in
// parallel. A write validates and copies its facts before it takes the
// lock, and applying validated facts cannot fail, so a failed write leaves
// nothing behind.
package memstore

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"officialgraph/internal/kg"
)

// Store is an in-memory kg.Store. The zero value is not usable; call New.
type Store struct {
	mu     sync.RWMutex
	closed bool

	reports    map[string]*reportRec
	officials  map[string]*officialRec
	meetings   map[string]*meetingRec
	divisions  map[string]*divisionRec
	positions  map[string]*positionRec
	directives map[string]*directiveRec
	parts      map[pair]*partRec
	tenures    map[pair]*tenureRec
	divParts   map[divPartKey]*divPartRec
	// bySlot holds each official at its slot (officialRec.slot); a slot
	// a deleted official left is nil, and listed in freeSlots for the
	// next.
	bySlot    []*officialRec
	freeSlots []int32

	// Indexes by ID. Each entry a write adds, deleting the same facts
	// takes back.
	officialsIn  map[string]map[*officialRec]int       // division ID → officials with a tenure or participation there, counted
	childrenOf   map[string]map[*divisionRec]struct{}  // parent ID → divisions
	directivesOf map[string]map[*directiveRec]struct{} // meeting ID → directives
	// positionsTitled files positions by title, for Holders.
	positionsTitled map[string]map[*positionRec]struct{}
	// officialFormVer moves whenever an official's name, aliases or
	// pinyin may have changed: the search index of officials follows it.
	officialFormVer uint64

	// The full lists, sorted lazily: a write only marks them stale, so a
	// bulk load does not sort after every report. Their facets (postings
	// of positions in the sorted lists) go stale on every write, as any
	// write may change what they say; see facets.go.
	facetVer      uint64
	officialFx    lazyFacets[officialFacets]
	meetingFx     lazyFacets[meetingFacets]
	directiveFx   lazyFacets[directiveFacets]
	officialList  lazyList[*officialRec]
	meetingList   lazyList[*meetingRec]
	divisionList  lazyList[*divisionRec]
	directiveList lazyList[*directiveRec]
	reportList    lazyList[*reportRec]

	// The text indexes of the Text filters and Search, and the indexes of
	// Search and Stats, rebuilt like the facets (see search.go and
	// stats.go).
	meetingTx   lazyFacets[textIndex]
	directiveTx lazyFacets[textIndex]
	officialSx  lazyFacets[officialSearch]
	statsFx     lazyFacets[statsFacets]

	// Scratch space of Connection and CoAttendees, for reuse (see walk
	// and coCounts).
	walks, coCounts sync.Pool

	ident identityState // see identity.go
}

var _ kg.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{
		reports:      map[string]*reportRec{},
		officials:    map[string]*officialRec{},
		meetings:     map[string]*meetingRec{},
		divisions:    map[string]*divisionRec{},
		positions:    map[string]*positionRec{},
		directives:   map[string]*directiveRec{},
		parts:        map[pair]*partRec{},
		tenures:      map[pair]*tenureRec{},
		divParts:     map[divPartKey]*divPartRec{},
		officialsIn:  map[string]map[*officialRec]int{},
		childrenOf:   map[string]map[*divisionRec]struct{}{},
		directivesOf: map[string]map[*directiveRec]struct{}{},

		positionsTitled: map[string]map[*positionRec]struct{}{},
	}
}

// WriteReport implements kg.Store.
func (s *Store) WriteReport(ctx context.Context, f *kg.ReportFacts) (kg.WriteResult, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("memstore: write report: %w", err)
	}
	n, err := prepare(f)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "", errClosed
	}
	// Waiting for the lock may have outlasted the caller.
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("memstore: write report %s: %w", f.Report.ID, err)
	}
	return s.put(n), nil
}

// WriteReports implements kg.Store. Every report is checked before the
// first is written, and writing a checked report cannot fail, so the batch
// is written whole or not at all.
func (s *Store) WriteReports(ctx context.Context, fs []*kg.ReportFacts) ([]kg.WriteResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore: write reports: %w", err)
	}
	if err := kg.CheckBatch(fs); err != nil {
		return nil, fmt.Errorf("memstore: write reports: %w", err)
	}
	ns := make([]*kg.ReportFacts, len(fs))
	for i, f := range fs {
		n, err := prepare(f)
		if err != nil {
			var id string
			if f != nil {
				id = f.Report.ID
			}
			return nil, fmt.Errorf("memstore: write reports: %w", &kg.ReportError{ID: id, Err: err})
		}
		ns[i] = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore: write reports: %w", err)
	}
	out := make([]kg.WriteResult, len(ns))
	for i, n := range ns {
		out[i] = s.put(n)
	}
	return out, nil
}

// prepare checks a report's facts and returns them normalised for put.
func prepare(f *kg.ReportFacts) (*kg.ReportFacts, error) {
	if f == nil {
		return nil, fmt.Errorf("memstore: write report: %w: no facts", kg.ErrInvalidInput)
	}
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("memstore: %w", err)
	}
	if err := checkDates(f); err != nil {
		return nil, err
	}
	return normalize(f), nil
}

// put writes a prepared report; the caller holds s.mu.
func (s *Store) put(n *kg.ReportFacts) kg.WriteResult {
	result := kg.WriteCreated
	if old := s.reports[n.Report.ID]; old != nil {
		if old.facts.Report.SHA256 == n.Report.SHA256 {
			return kg.WriteUnchanged
		}
		s.removeReport(old)
		result = kg.WriteReplaced
	}
	// The recorded identity decisions apply to every report written, so
	// that they survive re-ingesting it.
	s.addReport(s.withDecisions(n))
	return result
}

// DeleteReport implements kg.Store.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: delete report: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: delete report %s: %w", id, err)
	}
	r := s.reports[id]
	if r == nil {
		return fmt.Errorf("memstore: report %s: %w", id, kg.ErrNotFound)
	}
	s.removeReport(r)
	return nil
}

var errClosed = fmt.Errorf("memstore: store closed: %w", kg.ErrUnavailable)

// checkDates rejects dates kg.ParseDate would not read back from their own
// String (a month 13, a day without a month): kg.ReportFacts.Validate lets
// them through, and their string forms would not sort as dates, which the
// store's date keys rely on.
func checkDates(f *kg.ReportFacts) error {
	bad := func(what string, d kg.Date) error {
		return fmt.Errorf("memstore: %w: report %s: %s date %+v is not a date", kg.ErrInvalidInput, f.Report.ID, what, d)
	}
	if !validDate(f.Report.PublishedAt) {
		return bad("publication", f.Report.PublishedAt)
	}
	for _, m := range f.Meetings {
		if !validDate(m.Date) {
			return bad("meeting "+m.ID, m.Date)
		}
	}
	for _, t := range f.Tenures {
		if !validDate(t.Seen) {
			return bad("tenure", t.Seen)
		}
	}
	return nil
}

func validDate(d kg.Date) bool {
	p, err := kg.ParseDate(d.String())
	return err == nil && p == d
}

// normalize returns a copy of validated facts that shares nothing with the
// caller's, with roles reduced by kg.MostSpecific and each official's
// Aliases replaced by every form the report writes the official in: its
// listed aliases and the names its participations are written under. Its
// short strings are interned (see intern).
func normalize(f *kg.ReportFacts) *kg.ReportFacts {
	n := *f
	n.Report.ID = intern(f.Report.ID)
	n.Report.Journalists = slices.Clone(f.Report.Journalists)
	forms := map[string][]string{}
	for _, p := range f.Participations {
		if p.Alias != "" {
			forms[p.OfficialID] = append(forms[p.OfficialID], p.Alias)
		}
	}
	n.Officials = slices.Clone(f.Officials)
	for i := range n.Officials {
		o := &n.Officials[i]
		a := append(slices.Clone(o.Aliases), forms[o.ID]...)
		a = slices.DeleteFunc(a, func(s string) bool { return s == "" || s == o.Name })
		slices.Sort(a)
		o.ID, o.Name, o.Pinyin = intern(o.ID), intern(o.Name), intern(o.Pinyin)
		o.Aliases = internAll(slices.Compact(a))
	}
	n.Divisions = slices.Clone(f.Divisions)
	for i := range n.Divisions {
		d := &n.Divisions[i]
		d.ID, d.Name, d.ParentID, d.Code = intern(d.ID), intern(d.Name), intern(d.ParentID), intern(d.Code)
	}
	n.Positions = slices.Clone(f.Positions)
	for i := range n.Positions {
		p := &n.Positions[i]
		p.ID, p.Title, p.Organization, p.DivisionID = intern(p.ID), intern(p.Title), intern(p.Organization), intern(p.DivisionID)
	}
	n.Meetings = slices.Clone(f.Meetings)
	for i := range n.Meetings {
		m := &n.Meetings[i]
		m.ID, m.Kind, m.DivisionID = intern(m.ID), intern(m.Kind), intern(m.DivisionID)
	}
	n.Tenures = slices.Clone(f.Tenures)
	for i := range n.Tenures {
		t := &n.Tenures[i]
		t.OfficialID, t.PositionID = intern(t.OfficialID), intern(t.PositionID)
		t.Evidence.ReportID = intern(t.Evidence.ReportID)
	}
	n.Participations = slices.Clone(f.Participations)
	for i := range n.Participations {
		p := &n.Participations[i]
		p.OfficialID, p.MeetingID, p.Alias = intern(p.OfficialID), intern(p.MeetingID), intern(p.Alias)
		p.Roles = internRoles(kg.MostSpecific(p.Roles))
		p.Titles = internAll(p.Titles)
		p.Evidence.ReportID = intern(p.Evidence.ReportID)
	}
	n.DivisionParticipations = slices.Clone(f.DivisionParticipations)
	for i := range n.DivisionParticipations {
		d := &n.DivisionParticipations[i]
		d.DivisionID, d.MeetingID = intern(d.DivisionID), intern(d.MeetingID)
		d.Evidence.ReportID = intern(d.Evidence.ReportID)
	}
	n.Directives = slices.Clone(f.Directives)
	for i := range n.Directives {
		d := &n.Directives[i]
		d.MeetingID, d.IssuerID = intern(d.MeetingID), intern(d.IssuerID)
		d.Evidence = slices.Clone(d.Evidence)
		for j := range d.Evidence {
			d.Evidence[j].ReportID = intern(d.Evidence[j].ReportID)
		}
	}
	return &n
}

// addReport applies a normalised report that the store does not hold.
// Entities go first, so facts find them; the order within each kind does not
// matter.
func (s *Store) addReport(f *kg.ReportFacts) {
	s.facetVer++
	rep := f.Report.ID
	s.reports[rep] = &reportRec{facts: f, key: kg.ReportSortKey(f.Report)}
	s.reportList.touch()
	for _, d := range f.Divisions {
		s.claimDivision(rep, d)
	}
	for _, p := range f.Positions {
		s.claimPosition(rep, p)
	}
	for _, m := range f.Meetings {
		s.claimMeeting(rep, m)
	}
	for _, o := range f.Officials {
		s.claimOfficial(rep, o)
	}
	for _, d := range f.Directives {
		s.claimDirective(rep, d)
	}
	for _, p := range f.Participations {
		s.claimParticipation(rep, p)
	}
	for _, t := range f.Tenures {
		s.claimTenure(rep, t)
	}
	for _, d := range f.DivisionParticipations {
		s.claimDivisionParticipation(rep, d)
	}
}

// removeReport withdraws every claim of a stored report, facts before the
// entities they refer to, and deletes what is left without support.
func (s *Store) removeReport(r *reportRec) {
	s.facetVer++
	f := r.facts
	rep := f.Report.ID
	for _, d := range f.DivisionParticipations {
		s.unclaimDivisionParticipation(rep, d)
	}
	for _, t := range f.Tenures {
		s.unclaimTenure(rep, t)
	}
	for _, p := range f.Participations {
		s.unclaimParticipation(rep, p)
	}
	for _, d := range f.Directives {
		s.unclaimDirective(rep, d.ID)
	}
	for _, o := range f.Officials {
		s.unclaimOfficial(rep, o)
	}
	for _, m := range f.Meetings {
		s.unclaimMeeting(rep, m.ID)
	}
	for _, p := range f.Positions {
		s.unclaimPosition(rep, p.ID)
	}
	for _, d := range f.Divisions {
		s.unclaimDivision(rep, d.ID)
	}
	delete(s.reports, rep)
	s.reportList.touch()
}
