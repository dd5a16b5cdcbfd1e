package memstore

import (
	"cmp"
	"iter"
	"slices"
	"strings"
	"sync/atomic"

	"officialgraph/internal/kg"
)

// The records, and how claims are added to them and withdrawn. Every claim
// function keeps the indexes in step; the sorted lists only learn that they
// are stale (touch).

// pair is the key of a fact between two entities: (official, meeting) for a
// participation, (official, position) for a tenure.
type pair struct{ a, b string }

// divPartKey is the key of a division participation: a division may take
// part in one meeting in several roles.
type divPartKey struct {
	division, meeting string
	role              kg.Role
}

// claims holds what each supporting report says about one entity or fact.
// The merged value is the claim of the least report ID, so it does not
// depend on the order reports were written in.
//
// Most entities and facts have a few supporting reports: a slice sorted by
// report ID holds them in a few dozen bytes where a map takes a kilobyte.
// Some have thousands (a city's mayor, seen in every report of the city),
// where inserting into a sorted slice would cost a bulk load time growing
// with the square of its size: past bigClaims, a map holds them.
//
// A claim points into the facts of its report, which the store keeps
// (reportRec.facts), rather than copying them: it costs a pointer, not a
// second copy of the fact. Stored facts are never changed in place.
//
// A fact or entity with one claim keeps it in one, and list points there:
// most have one, and a list of their own would be a heap object each. So
// claims are never copied: a copy's list would point into the original.
type claims[T any] struct {
	list []claim[T]      // sorted by report ID; nil when big is used
	big  *bigClaimSet[T] // once there are many claims
	one  [1]claim[T]     // list's array while it holds the first claim
}

type claim[T any] struct {
	rep string
	v   *T
}

// bigClaimSet is the claims of an entity or fact with many.
type bigClaimSet[T any] struct {
	m     map[string]*T // by report ID
	least string
	// sorted is the report IDs in order, sorted by the first reader after
	// a write (writes clear it): readers run in parallel under the read
	// lock, hence the atomic pointer.
	sorted atomic.Pointer[[]string]
}

// bigClaims is how many claims a sorted slice holds before a map takes
// over; the map gives them back to a slice below half as many.
const bigClaims = 64

// find returns where rep's claim is in list, or would go.
func (c *claims[T]) find(rep string) (int, bool) {
	return slices.BinarySearchFunc(c.list, rep, func(x claim[T], rep string) int { return strings.Compare(x.rep, rep) })
}

// add records rep's claim and reports whether it is now the least one.
func (c *claims[T]) add(rep string, v *T) bool {
	if b := c.big; b != nil {
		b.m[rep] = v
		b.sorted.Store(nil)
		if rep <= b.least {
			b.least = rep
			return true
		}
		return false
	}
	if len(c.list) == 0 {
		c.one[0] = claim[T]{rep, v}
		c.list = c.one[:]
		return true
	}
	i, ok := c.find(rep)
	if ok {
		c.list[i].v = v
		return i == 0
	}
	// one has room for one claim, so a second moves the list out of it.
	c.list = slices.Insert(c.list, i, claim[T]{rep, v})
	c.one = [1]claim[T]{}
	if len(c.list) > bigClaims {
		b := &bigClaimSet[T]{m: make(map[string]*T, len(c.list)), least: c.list[0].rep}
		for _, x := range c.list {
			b.m[x.rep] = x.v
		}
		c.big, c.list = b, nil
	}
	return i == 0
}

// remove drops rep's claim and reports whether the least claim changed.
func (c *claims[T]) remove(rep string) bool {
	if b := c.big; b != nil {
		if _, ok := b.m[rep]; !ok {
			return false
		}
		delete(b.m, rep)
		b.sorted.Store(nil)
		if len(b.m) < bigClaims/2 {
			c.list = make([]claim[T], 0, len(b.m))
			for _, r := range b.keys() {
				c.list = append(c.list, claim[T]{r, b.m[r]})
			}
			c.big = nil
			return len(c.list) == 0 || rep < c.list[0].rep
		}
		if rep != b.least {
			return false
		}
		b.least = ""
		for r := range b.m {
			if b.least == "" || r < b.least {
				b.least = r
			}
		}
		return true
	}
	i, ok := c.find(rep)
	if !ok {
		return false
	}
	c.list = slices.Delete(c.list, i, i+1)
	if len(c.list) == 0 {
		c.list, c.one = nil, [1]claim[T]{}
	}
	return i == 0
}

// keys returns the report IDs in order; the caller must not change them.
func (b *bigClaimSet[T]) keys() []string {
	if p := b.sorted.Load(); p != nil {
		return *p
	}
	ids := make([]string, 0, len(b.m))
	for r := range b.m {
		ids = append(ids, r)
	}
	slices.Sort(ids)
	b.sorted.Store(&ids)
	return ids
}

// top returns the least report's claim; the zero value when there is none.
func (c *claims[T]) top() T {
	switch {
	case c.big != nil:
		return *c.big.m[c.big.least]
	case len(c.list) > 0:
		return *c.list[0].v
	}
	var zero T
	return zero
}

func (c *claims[T]) empty() bool { return c.len() == 0 }

func (c *claims[T]) len() int {
	if c.big != nil {
		return len(c.big.m)
	}
	return len(c.list)
}

// reportIDs returns the supporting reports in ID order.
func (c *claims[T]) reportIDs() []string {
	if c.big != nil {
		return slices.Clone(c.big.keys())
	}
	ids := make([]string, len(c.list))
	for i, x := range c.list {
		ids[i] = x.rep
	}
	return ids
}

// all yields the claims in report-ID order.
func (c *claims[T]) all() iter.Seq2[string, *T] {
	return func(yield func(string, *T) bool) {
		if b := c.big; b != nil {
			for _, r := range b.keys() {
				if !yield(r, b.m[r]) {
					return
				}
			}
			return
		}
		for _, x := range c.list {
			if !yield(x.rep, x.v) {
				return
			}
		}
	}
}

// inFacts returns the element of a stored report's facts that is v, found
// by match, for a claim to point to; a copy of v when the facts hold none,
// so that a claim never depends on how it was made.
func inFacts[T any](list []T, v T, match func(*T) bool) *T {
	for i := range list {
		if match(&list[i]) {
			return &list[i]
		}
	}
	return &v
}

// factsOf returns the stored facts of report rep; empty ones when the
// store does not hold it.
func (s *Store) factsOf(rep string) *kg.ReportFacts {
	if r := s.reports[rep]; r != nil {
		return r.facts
	}
	return &kg.ReportFacts{}
}

type reportRec struct {
	facts *kg.ReportFacts // normalised copy, as written
	key   string
}

type officialRec struct {
	claims[kg.Official]                   // each report's official, Aliases = the forms it wrote
	val                 kg.Official       // merged; Aliases from aliasRefs
	aliasRefs           map[string]int    // nil until the official has an alias
	runes               []rune            // distinct runes of the name and aliases, for the name facet
	canon               map[string]string // alias → its form as search.Score compares it (see searchForm)
	parts               partList
	tenures             []*tenureRec
	pos                 int32 // in the sorted list of officials
	slot                int32 // in Store.bySlot, for as long as the official is stored
}

type meetingRec struct {
	claims[kg.Meeting]
	val      kg.Meeting
	key      string     // kg.MeetingSortKey
	day      int32      // dayKey of the date: orders as key does
	partList []*partRec // the participations, in the order they were claimed
	// partSlots holds the slots of partList's officials, in the same
	// order: walks from meeting to official read them without following
	// a pointer for each participant.
	partSlots []int32
	divParts  []*divPartRec
	pos       int32 // in the sorted list of meetings
}

type divisionRec struct {
	claims[kg.Division]
	val    kg.Division
	key    string
	search divisionForms // how Search matches it
}

type positionRec struct {
	claims[kg.Position]
	val     kg.Position
	holders []*tenureRec
}

type directiveRec struct {
	claims[kg.Directive]              // each report's directive, with its one evidence
	val                  kg.Directive // merged, without evidence (see directive)
	key                  string       // kg.DirectiveSortKey
	day                  int32        // dayKey of the meeting's date
	pos                  int32        // in the sorted list of directives
}

type partRec struct {
	off    *officialRec
	mtg    *meetingRec
	claims claims[kg.Participation]
	roles  []kg.Role // merged
	mask   uint8     // roleBit of each of roles
	rank   int8      // lowest RoleRank of roles
	order  int32     // lowest Order of the claims
}

type tenureRec struct {
	off    *officialRec
	pos    *positionRec
	claims claims[kg.Tenure]
	// first and last are the day keys (dayKey) of the least and greatest
	// known Seen dates of the claims, kept on every claim so that Holders
	// filters and orders by date without merging evidence; 0 when no
	// claim has a known date.
	first, last int32
}

type divPartRec struct {
	div    *divisionRec
	mtg    *meetingRec
	role   kg.Role
	claims claims[kg.DivisionParticipation]
}

// roleBit is a role's bit in a participation's mask. Attending is implied
// by every participation, so it matches any mask (see hasRole).
func roleBit(r kg.Role) uint8 {
	switch r {
	case kg.RolePresided:
		return 1
	case kg.RoleSpoke:
		return 2
	case kg.RoleReported:
		return 4
	case kg.RoleAttended:
		return 8
	}
	return 0
}

// hasRole is kg.HasRole on a mask: "" and attended match every
// participation.
func hasRole(mask uint8, r kg.Role) bool {
	if r == "" || r == kg.RoleAttended {
		return true
	}
	return mask&roleBit(r) != 0
}

func maskOf(roles []kg.Role) uint8 {
	var m uint8
	for _, r := range roles {
		m |= roleBit(r)
	}
	return m
}

// Divisions.

func (s *Store) claimDivision(rep string, d kg.Division) {
	v := inFacts(s.factsOf(rep).Divisions, d, func(x *kg.Division) bool { return x.ID == d.ID })
	r := s.divisions[d.ID]
	if r == nil {
		r = &divisionRec{}
		s.divisions[d.ID] = r
		r.add(rep, v)
		r.val = d
		s.indexDivision(r)
		return
	}
	if r.add(rep, v) && r.val != d {
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
	r.search = newDivisionForms(r.val.Name)
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
	v := inFacts(s.factsOf(rep).Positions, p, func(x *kg.Position) bool { return x.ID == p.ID })
	r := s.positions[p.ID]
	if r == nil {
		r = &positionRec{}
		s.positions[p.ID] = r
		r.add(rep, v)
		r.val = p
		s.indexPosition(r)
		return
	}
	if r.add(rep, v) && r.val != p {
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
	for _, t := range r.holders {
		s.countIn(r.val.DivisionID, t.off, 1)
	}
	addToSet(s.positionsTitled, r.val.Title, r)
}

func (s *Store) unindexPosition(r *positionRec) {
	for _, t := range r.holders {
		s.countIn(r.val.DivisionID, t.off, -1)
	}
	removeFromSet(s.positionsTitled, r.val.Title, r)
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
	v := inFacts(s.factsOf(rep).Meetings, m, func(x *kg.Meeting) bool { return x.ID == m.ID })
	r := s.meetings[m.ID]
	if r == nil {
		r = &meetingRec{}
		s.meetings[m.ID] = r
		r.add(rep, v)
		r.val = m
		s.indexMeeting(r)
		return
	}
	if r.add(rep, v) && r.val != m {
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
	r.day = dayKey(r.val.Date)
	for _, p := range r.partList {
		p.off.parts.insert(p)
		s.countIn(r.val.DivisionID, p.off, 1)
	}
	for d := range s.directivesOf[r.val.ID] {
		d.key = kg.DirectiveSortKey(d.val, r.val.Date)
		d.day = r.day
	}
	s.meetingList.touch()
	s.directiveList.touch()
}

func (s *Store) unindexMeeting(r *meetingRec) {
	for _, p := range r.partList {
		p.off.parts.remove(p)
		s.countIn(r.val.DivisionID, p.off, -1)
	}
	s.meetingList.touch()
	s.directiveList.touch()
}

// Officials.

// takeSlot returns a slot for a new official: one a deleted official freed,
// or the next. Slots stay small and dense, so that arrays indexed by them
// are as long as the officials ever stored at once.
func (s *Store) takeSlot() int32 {
	if n := len(s.freeSlots); n > 0 {
		slot := s.freeSlots[n-1]
		s.freeSlots = s.freeSlots[:n-1]
		return slot
	}
	s.bySlot = append(s.bySlot, nil)
	return int32(len(s.bySlot) - 1)
}

func (s *Store) claimOfficial(rep string, o kg.Official) {
	r := s.officials[o.ID]
	if r == nil {
		r = &officialRec{slot: s.takeSlot()}
		s.officials[o.ID] = r
		s.bySlot[r.slot] = r
		s.officialList.touch()
	}
	v := inFacts(s.factsOf(rep).Officials, o, func(x *kg.Official) bool { return x.ID == o.ID })
	if r.add(rep, v) {
		s.setOfficial(r, o)
	}
	for _, a := range o.Aliases {
		if r.aliasRefs == nil {
			r.aliasRefs = map[string]int{}
		}
		r.aliasRefs[a]++
	}
	r.mergeAliases()
	s.officialFormVer++
}

func (s *Store) unclaimOfficial(rep string, o kg.Official) {
	r := s.officials[o.ID]
	changed := r.remove(rep)
	if r.empty() {
		delete(s.officials, o.ID)
		s.bySlot[r.slot] = nil
		s.freeSlots = append(s.freeSlots, r.slot)
		s.officialList.touch()
		return
	}
	for _, a := range o.Aliases {
		if r.aliasRefs[a]--; r.aliasRefs[a] == 0 {
			delete(r.aliasRefs, a)
		}
	}
	if changed {
		s.setOfficial(r, r.top())
	}
	r.mergeAliases()
	s.officialFormVer++
}

// setOfficial takes an official's own attributes from a claim; its aliases
// are merged across reports (mergeAliases).
func (s *Store) setOfficial(r *officialRec, o kg.Official) {
	if r.val.Name != o.Name {
		s.officialList.touch()
	}
	o.Aliases = r.val.Aliases
	r.val = o
}

// mergeAliases recomputes an official's aliases: every form a supporting
// report wrote, but the name.
func (r *officialRec) mergeAliases() {
	aliases := make([]string, 0, len(r.aliasRefs))
	for a := range r.aliasRefs {
		if a != r.val.Name {
			aliases = append(aliases, a)
		}
	}
	slices.Sort(aliases)
	r.val.Aliases = aliases
	r.runes = distinctRunes(r.val.Name + strings.Join(aliases, ""))
	// Canonicalising is slow, so each alias is canonicalised once, when it
	// first appears, not whenever the search index is rebuilt.
	for a := range r.canon {
		if !slices.Contains(aliases, a) {
			delete(r.canon, a)
		}
	}
	for _, a := range aliases {
		if _, ok := r.canon[a]; !ok {
			if r.canon == nil {
				r.canon = map[string]string{}
			}
			r.canon[a] = aliasForm(a)
		}
	}
}

// Directives.

func (s *Store) claimDirective(rep string, d kg.Directive) {
	v := inFacts(s.factsOf(rep).Directives, d, func(x *kg.Directive) bool { return x.ID == d.ID })
	r := s.directives[d.ID]
	if r == nil {
		r = &directiveRec{}
		s.directives[d.ID] = r
		r.add(rep, v)
		r.val = withoutEvidence(d)
		s.indexDirective(r)
		return
	}
	if r.add(rep, v) && directiveBase(r.val) != directiveBase(d) {
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
	d.Evidence = make([]kg.Evidence, 0, r.len())
	for _, c := range r.all() {
		d.Evidence = append(d.Evidence, c.Evidence...)
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
	m := s.meetings[r.val.MeetingID]
	r.key = kg.DirectiveSortKey(r.val, m.val.Date)
	r.day = m.day
	addToSet(s.directivesOf, r.val.MeetingID, r)
	s.directiveList.touch()
}

func (s *Store) unindexDirective(r *directiveRec) {
	removeFromSet(s.directivesOf, r.val.MeetingID, r)
	s.directiveList.touch()
}

// Participations.

func (s *Store) claimParticipation(rep string, p kg.Participation) {
	k := pair{p.OfficialID, p.MeetingID}
	r := s.parts[k]
	if r == nil {
		r = &partRec{
			off: s.officials[p.OfficialID],
			mtg: s.meetings[p.MeetingID],
		}
		s.parts[k] = r
		r.mtg.partList = append(r.mtg.partList, r)
		r.mtg.partSlots = append(r.mtg.partSlots, r.off.slot)
		r.off.parts.insert(r)
		s.countIn(r.mtg.val.DivisionID, r.off, 1)
	}
	r.claims.add(rep, inFacts(s.factsOf(rep).Participations, p, func(x *kg.Participation) bool {
		return x.OfficialID == p.OfficialID && x.MeetingID == p.MeetingID
	}))
	s.mergeParticipation(r)
}

func (s *Store) unclaimParticipation(rep string, p kg.Participation) {
	k := pair{p.OfficialID, p.MeetingID}
	r := s.parts[k]
	r.claims.remove(rep)
	if !r.claims.empty() {
		s.mergeParticipation(r)
		return
	}
	delete(s.parts, k)
	if i := slices.Index(r.mtg.partList, r); i >= 0 {
		r.mtg.partList = slices.Delete(r.mtg.partList, i, i+1)
		r.mtg.partSlots = slices.Delete(r.mtg.partSlots, i, i+1)
	}
	r.off.parts.remove(r)
	s.countIn(r.mtg.val.DivisionID, r.off, -1)
}

// mergeParticipation recomputes what the store says of a participation from
// its claims: the most specific roles of all, the lowest rank and order.
func (s *Store) mergeParticipation(r *partRec) {
	var all []kg.Role
	order := -1
	for _, c := range r.claims.all() {
		all = append(all, c.Roles...)
		if order < 0 || c.Order < order {
			order = c.Order
		}
	}
	r.roles = kg.MostSpecific(all)
	if r.claims.len() == 1 {
		// Readers copy the roles: a lone claim's are shared rather than
		// kept twice.
		if own := r.claims.top().Roles; slices.Equal(r.roles, own) {
			r.roles = own
		}
	}
	r.mask = maskOf(r.roles)
	r.off.parts.setMask(r)
	rank := kg.RoleRank(kg.RoleAttended)
	for _, role := range r.roles {
		rank = min(rank, kg.RoleRank(role))
	}
	r.rank, r.order = int8(rank), int32(order)
}

// titles merges the claims' titles: each report's in report-ID order, the
// first occurrence of each kept.
func (r *partRec) titles() []string {
	var out []string
	for _, c := range r.claims.all() {
		for _, t := range c.Titles {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func (r *partRec) evidence() []kg.Evidence {
	out := make([]kg.Evidence, 0, r.claims.len())
	for _, c := range r.claims.all() {
		out = append(out, c.Evidence)
	}
	return out
}

// Tenures.

func (s *Store) claimTenure(rep string, t kg.Tenure) {
	k := pair{t.OfficialID, t.PositionID}
	r := s.tenures[k]
	if r == nil {
		r = &tenureRec{
			off: s.officials[t.OfficialID],
			pos: s.positions[t.PositionID],
		}
		s.tenures[k] = r
		r.off.tenures = append(r.off.tenures, r)
		r.pos.holders = append(r.pos.holders, r)
		s.countIn(r.pos.val.DivisionID, r.off, 1)
	}
	r.claims.add(rep, inFacts(s.factsOf(rep).Tenures, t, func(x *kg.Tenure) bool {
		return x.OfficialID == t.OfficialID && x.PositionID == t.PositionID
	}))
	if t.Seen.Known() {
		// Day keys order as the dates' strings do.
		k := dayKey(t.Seen)
		if r.first == 0 || k < r.first {
			r.first = k
		}
		r.last = max(r.last, k)
	}
}

func (s *Store) unclaimTenure(rep string, t kg.Tenure) {
	k := pair{t.OfficialID, t.PositionID}
	r := s.tenures[k]
	r.claims.remove(rep)
	if !r.claims.empty() {
		h := r.held()
		r.first, r.last = dayKey(h.FirstSeen), dayKey(h.LastSeen)
		return
	}
	delete(s.tenures, k)
	r.off.tenures = without(r.off.tenures, r)
	r.pos.holders = without(r.pos.holders, r)
	s.countIn(r.pos.val.DivisionID, r.off, -1)
}

// held merges a tenure's claims: the least and greatest known Seen dates by
// their string form, and one evidence per report in report-ID order.
func (r *tenureRec) held() kg.PositionHeld {
	h := kg.PositionHeld{Position: r.pos.val, Evidence: make([]kg.Evidence, 0, r.claims.len())}
	// Day keys order as the dates' strings do, without making them.
	var first, last int32
	for _, c := range r.claims.all() {
		h.Evidence = append(h.Evidence, c.Evidence)
		if !c.Seen.Known() {
			continue
		}
		k := dayKey(c.Seen)
		if first == 0 || k < first {
			first, h.FirstSeen = k, c.Seen
		}
		if last == 0 || k > last {
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
			div:  s.divisions[d.DivisionID],
			mtg:  s.meetings[d.MeetingID],
			role: d.Role,
		}
		s.divParts[k] = r
		r.mtg.divParts = append(r.mtg.divParts, r)
	}
	r.claims.add(rep, inFacts(s.factsOf(rep).DivisionParticipations, d, func(x *kg.DivisionParticipation) bool {
		return x.DivisionID == d.DivisionID && x.MeetingID == d.MeetingID && x.Role == d.Role
	}))
}

func (s *Store) unclaimDivisionParticipation(rep string, d kg.DivisionParticipation) {
	k := divPartKey{d.DivisionID, d.MeetingID, d.Role}
	r := s.divParts[k]
	r.claims.remove(rep)
	if r.claims.empty() {
		delete(s.divParts, k)
		r.mtg.divParts = without(r.mtg.divParts, r)
	}
}

// Helpers.

// without returns list without p, in the same order: the lists of an
// entity's facts are short, and a slice costs less than a map.
func without[T comparable](list []T, p T) []T {
	if i := slices.Index(list, p); i >= 0 {
		list = slices.Delete(list, i, i+1)
	}
	if len(list) == 0 {
		return nil
	}
	return list
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

// compareMeetings orders meetings as lists do: by date key, then ID. The
// day stands in for the key, which it orders identically (see dayKey).
func compareMeetings(a, b *meetingRec) int {
	if a.day != b.day {
		return cmp.Compare(a.day, b.day)
	}
	return strings.Compare(a.val.ID, b.val.ID)
}

// partList is an official's participations in meeting order, with each
// meeting's day and the participation's role mask alongside, so date cuts
// and role tests read flat arrays instead of chasing pointers.
type partList struct {
	parts []*partRec
	days  []int32
	masks []uint8
}

// find returns where p is, or would go.
func (l *partList) find(p *partRec) (int, bool) {
	return slices.BinarySearchFunc(l.parts, p, func(a, b *partRec) int { return compareMeetings(a.mtg, b.mtg) })
}

func (l *partList) insert(p *partRec) {
	i, _ := l.find(p)
	l.parts = slices.Insert(l.parts, i, p)
	l.days = slices.Insert(l.days, i, p.mtg.day)
	l.masks = slices.Insert(l.masks, i, p.mask)
}

func (l *partList) remove(p *partRec) {
	if i, ok := l.find(p); ok && l.parts[i] == p {
		l.parts = slices.Delete(l.parts, i, i+1)
		l.days = slices.Delete(l.days, i, i+1)
		l.masks = slices.Delete(l.masks, i, i+1)
	}
}

func (l *partList) setMask(p *partRec) {
	if i, ok := l.find(p); ok && l.parts[i] == p {
		l.masks[i] = p.mask
	}
}

// dayKey maps a date to an integer that orders dates exactly as their
// String forms do: 0 for unknown, MMDD without a year, and YYYYMMDD with
// the unknown parts zero, so 2020 < 2020-01 < 2020-01-01 < 2020-02. It
// holds for every date kg.ParseDate reads back, which is every date the
// store accepts (checkDates).
func dayKey(d kg.Date) int32 {
	switch d.Precision() {
	case kg.PrecisionMonthDay:
		return int32(d.Month*100 + d.Day)
	case kg.PrecisionYear:
		return int32(d.Year * 10000)
	case kg.PrecisionMonth:
		return int32(d.Year*10000 + d.Month*100)
	case kg.PrecisionDay:
		return int32(d.Year*10000 + d.Month*100 + d.Day)
	}
	return 0
}

// keyDate is the date whose dayKey is k; the zero Date for 0.
func keyDate(k int32) kg.Date {
	if k < 10000 {
		return kg.Date{Month: int(k / 100), Day: int(k % 100)}
	}
	return kg.Date{Year: int(k / 10000), Month: int(k / 100 % 100), Day: int(k % 100)}
}
