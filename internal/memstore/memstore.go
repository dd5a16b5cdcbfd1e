// Package memstore is the in-process implementation of kg.Store: the fast
// path for tests and for running the service without a database.
//
// The store keeps every report's claims (what each report said about each
// entity and fact) so that merging follows the kg documentation and deleting
// a report removes exactly what only it supported. Merged values and the
// indexes that reads need are maintained on every write, under one
// sync.RWMutex: writes are serialised, reads run in parallel.
//
// A write validates its facts and copies them before it takes the lock, and
// applying validated facts cannot fail, so a failed write leaves nothing
// behind.
package memstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

	// Indexes. Keys that are IDs are plain strings, so an index entry never
	// outlives the record it names by accident: every add has its remove.
	officialRunes map[rune]map[*officialRec]struct{}    // rune of a name or alias → officials
	positionRunes map[rune]map[*positionRec]struct{}    // rune of a title → positions
	meetingsIn    map[string][]*meetingRec              // division ID → meetings held there, in list order
	officialsIn   map[string]map[*officialRec]int       // division ID → officials with a tenure or participation there, counted
	childrenOf    map[string]map[*divisionRec]struct{}  // parent ID → divisions
	directivesOf  map[string]map[*directiveRec]struct{} // meeting ID → directives
	issuedBy      map[string]map[*directiveRec]struct{} // issuer ID → directives

	// The full lists, sorted lazily: a write only marks them stale, so a
	// bulk load does not sort after every report.
	officialList  lazyList[*officialRec]
	meetingList   lazyList[*meetingRec]
	divisionList  lazyList[*divisionRec]
	directiveList lazyList[*directiveRec]
	reportList    lazyList[*reportRec]
}

var _ kg.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{
		reports:       map[string]*reportRec{},
		officials:     map[string]*officialRec{},
		meetings:      map[string]*meetingRec{},
		divisions:     map[string]*divisionRec{},
		positions:     map[string]*positionRec{},
		directives:    map[string]*directiveRec{},
		parts:         map[pair]*partRec{},
		tenures:       map[pair]*tenureRec{},
		divParts:      map[divPartKey]*divPartRec{},
		officialRunes: map[rune]map[*officialRec]struct{}{},
		positionRunes: map[rune]map[*positionRec]struct{}{},
		meetingsIn:    map[string][]*meetingRec{},
		officialsIn:   map[string]map[*officialRec]int{},
		childrenOf:    map[string]map[*divisionRec]struct{}{},
		directivesOf:  map[string]map[*directiveRec]struct{}{},
		issuedBy:      map[string]map[*directiveRec]struct{}{},
	}
}

// pair is the key of a fact between two entities: (official, meeting) for a
// participation, (official, position) for a tenure.
type pair struct{ a, b string }

// divPartKey is the key of a division participation: a division may take
// part in one meeting in several roles.
type divPartKey struct {
	division, meeting string
	role              kg.Role
}

// claims holds what each supporting report says about one entity. The
// entity's merged value is the claim of the least report ID, so it does not
// depend on the order reports were written in.
type claims[T any] struct {
	byReport map[string]T
	least    string
}

// add records rep's claim and reports whether it is now the least one.
func (c *claims[T]) add(rep string, v T) bool {
	if c.byReport == nil {
		c.byReport = map[string]T{}
	}
	c.byReport[rep] = v
	if c.least == "" || rep <= c.least {
		c.least = rep
		return true
	}
	return false
}

// remove drops rep's claim and reports whether the least claim changed.
func (c *claims[T]) remove(rep string) bool {
	delete(c.byReport, rep)
	if rep != c.least {
		return false
	}
	c.least = ""
	for r := range c.byReport {
		if c.least == "" || r < c.least {
			c.least = r
		}
	}
	return true
}

func (c *claims[T]) top() T { return c.byReport[c.least] }

func (c *claims[T]) empty() bool { return len(c.byReport) == 0 }

// reportIDs returns the supporting reports in ID order.
func (c *claims[T]) reportIDs() []string {
	ids := make([]string, 0, len(c.byReport))
	for r := range c.byReport {
		ids = append(ids, r)
	}
	slices.Sort(ids)
	return ids
}

type reportRec struct {
	facts *kg.ReportFacts // normalised copy, as written
	key   string
}

type officialRec struct {
	claims[kg.Official]             // each report's official, Aliases = the forms it wrote
	val                 kg.Official // merged; Aliases from aliasRefs
	aliasRefs           map[string]int
	text                string     // name and aliases as last indexed
	runes               []rune     // distinct runes of text
	parts               []*partRec // in meeting list order
	tenures             map[string]*tenureRec
	roleN               [3]int // participations with presided, spoke, reported
}

type meetingRec struct {
	claims[kg.Meeting]
	val      kg.Meeting
	key      string
	parts    map[string]*partRec
	divParts map[divPartKey]*divPartRec
	roleN    [3]int
}

type divisionRec struct {
	claims[kg.Division]
	val kg.Division
	key string
}

type positionRec struct {
	claims[kg.Position]
	val     kg.Position
	runes   []rune
	holders map[string]*tenureRec
}

type directiveRec struct {
	claims[kg.Directive]              // each report's directive, with its one evidence
	val                  kg.Directive // merged, without evidence (see directive)
	key                  string
}

type partRec struct {
	off    *officialRec
	mtg    *meetingRec
	claims map[string]kg.Participation
	roles  []kg.Role // merged
	rank   int       // lowest RoleRank of roles
	order  int       // lowest Order of the claims
}

type tenureRec struct {
	off    *officialRec
	pos    *positionRec
	claims map[string]kg.Tenure
}

type divPartRec struct {
	div    *divisionRec
	mtg    *meetingRec
	role   kg.Role
	claims map[string]kg.DivisionParticipation
}

// roleIndex maps the specific roles to an index of roleN; attending is
// implied by every participation and needs no count.
func roleIndex(r kg.Role) int {
	switch r {
	case kg.RolePresided:
		return 0
	case kg.RoleSpoke:
		return 1
	case kg.RoleReported:
		return 2
	}
	return -1
}

func countRoles(n *[3]int, roles []kg.Role, delta int) {
	for _, r := range roles {
		if i := roleIndex(r); i >= 0 {
			n[i] += delta
		}
	}
}

// WriteReport implements kg.Store.
func (s *Store) WriteReport(ctx context.Context, f *kg.ReportFacts) (kg.WriteResult, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("memstore: write report: %w", err)
	}
	if f == nil {
		return "", fmt.Errorf("memstore: write report: %w: no facts", kg.ErrInvalidInput)
	}
	if err := f.Validate(); err != nil {
		return "", fmt.Errorf("memstore: %w", err)
	}
	n := normalize(f)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "", errClosed
	}
	// Waiting for the lock may have outlasted the caller.
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("memstore: write report %s: %w", f.Report.ID, err)
	}
	result := kg.WriteCreated
	if old := s.reports[n.Report.ID]; old != nil {
		if old.facts.Report.SHA256 == n.Report.SHA256 {
			return kg.WriteUnchanged, nil
		}
		s.removeReport(old)
		result = kg.WriteReplaced
	}
	s.addReport(n)
	return result, nil
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

// normalize returns a copy of validated facts that shares nothing with the
// caller's, with roles reduced by kg.MostSpecific and each official's
// Aliases replaced by every form the report writes the official in: its
// listed aliases and the names its participations are written under.
func normalize(f *kg.ReportFacts) *kg.ReportFacts {
	n := *f
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
		o.Aliases = slices.Compact(a)
	}
	n.Divisions = slices.Clone(f.Divisions)
	n.Positions = slices.Clone(f.Positions)
	n.Meetings = slices.Clone(f.Meetings)
	n.Tenures = slices.Clone(f.Tenures)
	n.Participations = slices.Clone(f.Participations)
	for i := range n.Participations {
		p := &n.Participations[i]
		p.Roles = kg.MostSpecific(p.Roles)
		p.Titles = slices.Clone(p.Titles)
	}
	n.DivisionParticipations = slices.Clone(f.DivisionParticipations)
	n.Directives = slices.Clone(f.Directives)
	return &n
}

// addReport applies a normalised report that the store does not hold.
// Entities go first, so facts find them; the order within each kind does not
// matter.
func (s *Store) addReport(f *kg.ReportFacts) {
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

// Divisions.

func (s *Store) claimDivision(rep string, d kg.Division) {
	r := s.divisions[d.ID]
	if r == nil {
		r = &divisionRec{}
		s.divisions[d.ID] = r
		r.add(rep, d)
		r.val = d
		s.indexDivision(r)
		return
	}
	if r.add(rep, d) && r.val != d {
		s.unindexDivision(r)
		r.val = d
		s.indexDivision(r)
	}
}

func (s *Store) unclaimDivision(rep, id string) {
	r := s.divisions[id]
	changed := r.remove(rep)
	switch {
	case r.empty():
		s.unindexDivision(r)
		delete(s.divisions, id)
	case changed && r.top() != r.val:
		s.unindexDivision(r)
		r.val = r.top()
		s.indexDivision(r)
	}
}

func (s *Store) indexDivision(r *divisionRec) {
	r.key = kg.DivisionSortKey(r.val)
	if p := r.val.ParentID; p != "" {
		addToSet(s.childrenOf, p, r)
	}
	s.divisionList.touch()
}

func (s *Store) unindexDivision(r *divisionRec) {
	if p := r.val.ParentID; p != "" {
		removeFromSet(s.childrenOf, p, r)
	}
	s.divisionList.touch()
}

// Positions.

func (s *Store) claimPosition(rep string, p kg.Position) {
	r := s.positions[p.ID]
	if r == nil {
		r = &positionRec{holders: map[string]*tenureRec{}}
		s.positions[p.ID] = r
		r.add(rep, p)
		r.val = p
		s.indexPosition(r)
		return
	}
	if r.add(rep, p) && r.val != p {
		s.unindexPosition(r)
		r.val = p
		s.indexPosition(r)
	}
}

func (s *Store) unclaimPosition(rep, id string) {
	r := s.positions[id]
	changed := r.remove(rep)
	switch {
	case r.empty():
		s.unindexPosition(r)
		delete(s.positions, id)
	case changed && r.top() != r.val:
		s.unindexPosition(r)
		r.val = r.top()
		s.indexPosition(r)
	}
}

func (s *Store) indexPosition(r *positionRec) {
	r.runes = distinctRunes(r.val.Title)
	for _, c := range r.runes {
		addToSet(s.positionRunes, c, r)
	}
	for _, t := range r.holders {
		s.countIn(r.val.DivisionID, t.off, 1)
	}
}

func (s *Store) unindexPosition(r *positionRec) {
	for _, c := range r.runes {
		removeFromSet(s.positionRunes, c, r)
	}
	for _, t := range r.holders {
		s.countIn(r.val.DivisionID, t.off, -1)
	}
}

// countIn adjusts how many facts tie an official to a division.
func (s *Store) countIn(divisionID string, o *officialRec, delta int) {
	if divisionID == "" {
		return
	}
	m := s.officialsIn[divisionID]
	if m == nil {
		m = map[*officialRec]int{}
		s.officialsIn[divisionID] = m
	}
	if m[o] += delta; m[o] == 0 {
		delete(m, o)
		if len(m) == 0 {
			delete(s.officialsIn, divisionID)
		}
	}
}

// Meetings.

func (s *Store) claimMeeting(rep string, m kg.Meeting) {
	r := s.meetings[m.ID]
	if r == nil {
		r = &meetingRec{parts: map[string]*partRec{}, divParts: map[divPartKey]*divPartRec{}}
		s.meetings[m.ID] = r
		r.add(rep, m)
		r.val = m
		s.indexMeeting(r)
		return
	}
	if r.add(rep, m) && r.val != m {
		s.unindexMeeting(r)
		r.val = m
		s.indexMeeting(r)
	}
}

func (s *Store) unclaimMeeting(rep, id string) {
	r := s.meetings[id]
	changed := r.remove(rep)
	switch {
	case r.empty():
		s.unindexMeeting(r)
		delete(s.meetings, id)
	case changed && r.top() != r.val:
		s.unindexMeeting(r)
		r.val = r.top()
		s.indexMeeting(r)
	}
}

// indexMeeting files a meeting, and everything ordered or counted by its
// date or division, under its current value.
func (s *Store) indexMeeting(r *meetingRec) {
	r.key = kg.MeetingSortKey(r.val)
	if d := r.val.DivisionID; d != "" {
		s.meetingsIn[d] = insertSorted(s.meetingsIn[d], r, compareMeetings)
	}
	for _, p := range r.parts {
		p.off.parts = insertSorted(p.off.parts, p, compareParts)
		s.countIn(r.val.DivisionID, p.off, 1)
	}
	for d := range s.directivesOf[r.val.ID] {
		d.key = kg.DirectiveSortKey(d.val, r.val.Date)
	}
	s.meetingList.touch()
	s.directiveList.touch()
}

func (s *Store) unindexMeeting(r *meetingRec) {
	if d := r.val.DivisionID; d != "" {
		s.meetingsIn[d] = removeSorted(s.meetingsIn[d], r, compareMeetings)
		if len(s.meetingsIn[d]) == 0 {
			delete(s.meetingsIn, d)
		}
	}
	for _, p := range r.parts {
		p.off.parts = removeSorted(p.off.parts, p, compareParts)
		s.countIn(r.val.DivisionID, p.off, -1)
	}
	s.meetingList.touch()
	s.directiveList.touch()
}

// Officials.

func (s *Store) claimOfficial(rep string, o kg.Official) {
	r := s.officials[o.ID]
	if r == nil {
		r = &officialRec{aliasRefs: map[string]int{}, tenures: map[string]*tenureRec{}}
		s.officials[o.ID] = r
	}
	if r.add(rep, o) {
		r.val = base(o)
	}
	for _, a := range o.Aliases {
		r.aliasRefs[a]++
	}
	s.mergeAliases(r)
}

func (s *Store) unclaimOfficial(rep string, o kg.Official) {
	r := s.officials[o.ID]
	changed := r.remove(rep)
	for _, a := range o.Aliases {
		if r.aliasRefs[a]--; r.aliasRefs[a] == 0 {
			delete(r.aliasRefs, a)
		}
	}
	if r.empty() {
		s.unindexOfficial(r)
		delete(s.officials, o.ID)
		return
	}
	if changed {
		r.val = base(r.top())
	}
	s.mergeAliases(r)
}

// base is an official's own attributes, without the aliases that are merged
// across reports.
func base(o kg.Official) kg.Official {
	o.Aliases = nil
	return o
}

// mergeAliases recomputes an official's aliases, and reindexes the official
// when its name or aliases changed.
func (s *Store) mergeAliases(r *officialRec) {
	aliases := make([]string, 0, len(r.aliasRefs))
	for a := range r.aliasRefs {
		if a != r.val.Name {
			aliases = append(aliases, a)
		}
	}
	slices.Sort(aliases)
	r.val.Aliases = aliases
	text := r.val.Name + "\x00" + strings.Join(aliases, "\x00")
	if r.runes != nil && text == r.text {
		return
	}
	s.unindexOfficial(r)
	r.text = text
	r.runes = distinctRunes(r.val.Name + strings.Join(aliases, ""))
	for _, c := range r.runes {
		addToSet(s.officialRunes, c, r)
	}
	s.officialList.touch()
}

func (s *Store) unindexOfficial(r *officialRec) {
	for _, c := range r.runes {
		removeFromSet(s.officialRunes, c, r)
	}
	s.officialList.touch()
}

// Directives.

func (s *Store) claimDirective(rep string, d kg.Directive) {
	r := s.directives[d.ID]
	if r == nil {
		r = &directiveRec{}
		s.directives[d.ID] = r
		r.add(rep, d)
		r.val = withoutEvidence(d)
		s.indexDirective(r)
		return
	}
	if r.add(rep, d) && directiveBase(r.val) != directiveBase(d) {
		s.unindexDirective(r)
		r.val = withoutEvidence(d)
		s.indexDirective(r)
	}
}

func (s *Store) unclaimDirective(rep, id string) {
	r := s.directives[id]
	changed := r.remove(rep)
	switch {
	case r.empty():
		s.unindexDirective(r)
		delete(s.directives, id)
	case changed && directiveBase(r.top()) != directiveBase(r.val):
		s.unindexDirective(r)
		r.val = withoutEvidence(r.top())
		s.indexDirective(r)
	}
}

// directiveKey is what a directive is apart from its evidence, which is
// merged across reports.
type directiveKey struct {
	id, meeting, issuer string
	ordinal             int
	text                string
}

func directiveBase(d kg.Directive) directiveKey {
	return directiveKey{d.ID, d.MeetingID, d.IssuerID, d.Ordinal, d.Text}
}

func withoutEvidence(d kg.Directive) kg.Directive {
	d.Evidence = nil
	return d
}

// directive returns the merged directive: one evidence per supporting
// report, by report ID then offset.
func (r *directiveRec) directive() kg.Directive {
	d := r.val
	d.Evidence = make([]kg.Evidence, 0, len(r.byReport))
	for _, rep := range r.reportIDs() {
		d.Evidence = append(d.Evidence, r.byReport[rep].Evidence...)
	}
	sortEvidence(d.Evidence)
	return d
}

// sortEvidence orders evidence by report ID, then offset.
func sortEvidence(evs []kg.Evidence) {
	slices.SortStableFunc(evs, func(a, b kg.Evidence) int {
		if c := strings.Compare(a.ReportID, b.ReportID); c != 0 {
			return c
		}
		return a.Offset - b.Offset
	})
}

func (s *Store) indexDirective(r *directiveRec) {
	// The report lists the meeting, and meetings are claimed first.
	r.key = kg.DirectiveSortKey(r.val, s.meetings[r.val.MeetingID].val.Date)
	addToSet(s.directivesOf, r.val.MeetingID, r)
	addToSet(s.issuedBy, r.val.IssuerID, r)
	s.directiveList.touch()
}

func (s *Store) unindexDirective(r *directiveRec) {
	removeFromSet(s.directivesOf, r.val.MeetingID, r)
	removeFromSet(s.issuedBy, r.val.IssuerID, r)
	s.directiveList.touch()
}

// Participations.

func (s *Store) claimParticipation(rep string, p kg.Participation) {
	k := pair{p.OfficialID, p.MeetingID}
	r := s.parts[k]
	if r == nil {
		r = &partRec{
			off:    s.officials[p.OfficialID],
			mtg:    s.meetings[p.MeetingID],
			claims: map[string]kg.Participation{},
		}
		s.parts[k] = r
		r.mtg.parts[p.OfficialID] = r
		r.off.parts = insertSorted(r.off.parts, r, compareParts)
		s.countIn(r.mtg.val.DivisionID, r.off, 1)
	}
	r.claims[rep] = p
	s.mergeParticipation(r)
}

func (s *Store) unclaimParticipation(rep string, p kg.Participation) {
	k := pair{p.OfficialID, p.MeetingID}
	r := s.parts[k]
	delete(r.claims, rep)
	if len(r.claims) > 0 {
		s.mergeParticipation(r)
		return
	}
	countRoles(&r.off.roleN, r.roles, -1)
	countRoles(&r.mtg.roleN, r.roles, -1)
	delete(s.parts, k)
	delete(r.mtg.parts, p.OfficialID)
	r.off.parts = removeSorted(r.off.parts, r, compareParts)
	s.countIn(r.mtg.val.DivisionID, r.off, -1)
}

// mergeParticipation recomputes what the store says of a participation from
// its claims: the most specific roles of all, the lowest rank and order.
func (s *Store) mergeParticipation(r *partRec) {
	var all []kg.Role
	order := -1
	for _, c := range r.claims {
		all = append(all, c.Roles...)
		if order < 0 || c.Order < order {
			order = c.Order
		}
	}
	roles := kg.MostSpecific(all)
	countRoles(&r.off.roleN, r.roles, -1)
	countRoles(&r.mtg.roleN, r.roles, -1)
	r.roles = roles
	countRoles(&r.off.roleN, r.roles, 1)
	countRoles(&r.mtg.roleN, r.roles, 1)
	r.rank = kg.RoleRank(kg.RoleAttended)
	for _, role := range roles {
		r.rank = min(r.rank, kg.RoleRank(role))
	}
	r.order = order
}

// titles merges the claims' titles: each report's in report-ID order, the
// first occurrence of each kept.
func (r *partRec) titles() []string {
	var out []string
	for _, rep := range sortedKeys(r.claims) {
		for _, t := range r.claims[rep].Titles {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func (r *partRec) evidence() []kg.Evidence {
	out := make([]kg.Evidence, 0, len(r.claims))
	for _, rep := range sortedKeys(r.claims) {
		out = append(out, r.claims[rep].Evidence)
	}
	return out
}

// Tenures.

func (s *Store) claimTenure(rep string, t kg.Tenure) {
	k := pair{t.OfficialID, t.PositionID}
	r := s.tenures[k]
	if r == nil {
		r = &tenureRec{
			off:    s.officials[t.OfficialID],
			pos:    s.positions[t.PositionID],
			claims: map[string]kg.Tenure{},
		}
		s.tenures[k] = r
		r.off.tenures[t.PositionID] = r
		r.pos.holders[t.OfficialID] = r
		s.countIn(r.pos.val.DivisionID, r.off, 1)
	}
	r.claims[rep] = t
}

func (s *Store) unclaimTenure(rep string, t kg.Tenure) {
	k := pair{t.OfficialID, t.PositionID}
	r := s.tenures[k]
	delete(r.claims, rep)
	if len(r.claims) > 0 {
		return
	}
	delete(s.tenures, k)
	delete(r.off.tenures, t.PositionID)
	delete(r.pos.holders, t.OfficialID)
	s.countIn(r.pos.val.DivisionID, r.off, -1)
}

// held merges a tenure's claims: the least and greatest known Seen dates by
// their string form, and one evidence per report in report-ID order.
func (r *tenureRec) held() kg.PositionHeld {
	h := kg.PositionHeld{Position: r.pos.val, Evidence: make([]kg.Evidence, 0, len(r.claims))}
	first, last := "", ""
	for _, rep := range sortedKeys(r.claims) {
		c := r.claims[rep]
		h.Evidence = append(h.Evidence, c.Evidence)
		if !c.Seen.Known() {
			continue
		}
		k := c.Seen.String()
		if first == "" || k < first {
			first, h.FirstSeen = k, c.Seen
		}
		if last == "" || k > last {
			last, h.LastSeen = k, c.Seen
		}
	}
	return h
}

// Division participations.

func (s *Store) claimDivisionParticipation(rep string, d kg.DivisionParticipation) {
	k := divPartKey{d.DivisionID, d.MeetingID, d.Role}
	r := s.divParts[k]
	if r == nil {
		r = &divPartRec{
			div:    s.divisions[d.DivisionID],
			mtg:    s.meetings[d.MeetingID],
			role:   d.Role,
			claims: map[string]kg.DivisionParticipation{},
		}
		s.divParts[k] = r
		r.mtg.divParts[k] = r
	}
	r.claims[rep] = d
}

func (s *Store) unclaimDivisionParticipation(rep string, d kg.DivisionParticipation) {
	k := divPartKey{d.DivisionID, d.MeetingID, d.Role}
	r := s.divParts[k]
	delete(r.claims, rep)
	if len(r.claims) == 0 {
		delete(s.divParts, k)
		delete(r.mtg.divParts, k)
	}
}

// Helpers.

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func addToSet[K comparable, V comparable](idx map[K]map[V]struct{}, k K, v V) {
	set := idx[k]
	if set == nil {
		set = map[V]struct{}{}
		idx[k] = set
	}
	set[v] = struct{}{}
}

func removeFromSet[K comparable, V comparable](idx map[K]map[V]struct{}, k K, v V) {
	set := idx[k]
	delete(set, v)
	if len(set) == 0 {
		delete(idx, k)
	}
}

// distinctRunes returns the runes of s, sorted and without duplicates.
func distinctRunes(s string) []rune {
	rs := []rune(s)
	slices.Sort(rs)
	return slices.Compact(rs)
}

func compareMeetings(a, b *meetingRec) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	return strings.Compare(a.val.ID, b.val.ID)
}

func compareParts(a, b *partRec) int { return compareMeetings(a.mtg, b.mtg) }

// insertSorted inserts v into s, which cmp orders.
func insertSorted[T any](s []T, v T, cmp func(a, b T) int) []T {
	i, _ := slices.BinarySearchFunc(s, v, cmp)
	return slices.Insert(s, i, v)
}

// removeSorted removes v, compared by identity, from s, which cmp orders.
func removeSorted[T comparable](s []T, v T, cmp func(a, b T) int) []T {
	i, _ := slices.BinarySearchFunc(s, v, cmp)
	for ; i < len(s) && cmp(s[i], v) == 0; i++ {
		if s[i] == v {
			return slices.Delete(s, i, i+1)
		}
	}
	return s
}
