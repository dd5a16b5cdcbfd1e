package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"officialgraph/internal/kg"
)

// lazyList is every record of one kind in list order, sorted on the first
// read after a write changed the kind.
type lazyList[T any] struct {
	ver  uint64     // bumped by writers, who hold Store.mu exclusively
	mu   sync.Mutex // keeps concurrent readers from sorting the same list twice
	snap atomic.Pointer[snapshot[T]]
}

type snapshot[T any] struct {
	ver   uint64
	items []T
}

// touch marks the list stale. The caller holds Store.mu for writing.
func (l *lazyList[T]) touch() { l.ver++ }

// get returns the sorted list, rebuilding it from all if it is stale. The
// caller holds Store.mu for reading, so the version cannot move meanwhile;
// the returned slice is never modified afterwards and may be shared.
func (l *lazyList[T]) get(all func() []T, cmp func(a, b T) int) []T {
	if p := l.snap.Load(); p != nil && p.ver == l.ver {
		return p.items
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if p := l.snap.Load(); p != nil && p.ver == l.ver {
		return p.items
	}
	items := all()
	slices.SortFunc(items, cmp)
	l.snap.Store(&snapshot[T]{ver: l.ver, items: items})
	return items
}

func values[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func setKeys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func compareOfficials(a, b *officialRec) int {
	return cmp.Or(strings.Compare(a.val.Name, b.val.Name), strings.Compare(a.val.ID, b.val.ID))
}

func compareDivisions(a, b *divisionRec) int {
	return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.val.ID, b.val.ID))
}

func compareDirectives(a, b *directiveRec) int {
	return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.val.ID, b.val.ID))
}

func compareReports(a, b *reportRec) int {
	return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.facts.Report.ID, b.facts.Report.ID))
}

func (s *Store) allOfficials() []*officialRec {
	return s.officialList.get(func() []*officialRec { return values(s.officials) }, compareOfficials)
}

func (s *Store) allMeetings() []*meetingRec {
	return s.meetingList.get(func() []*meetingRec { return values(s.meetings) }, compareMeetings)
}

func (s *Store) allDivisions() []*divisionRec {
	return s.divisionList.get(func() []*divisionRec { return values(s.divisions) }, compareDivisions)
}

func (s *Store) allDirectives() []*directiveRec {
	return s.directiveList.get(func() []*directiveRec { return values(s.directives) }, compareDirectives)
}

func (s *Store) allReports() []*reportRec {
	return s.reportList.get(func() []*reportRec { return values(s.reports) }, compareReports)
}

// read starts a read: it checks the context and takes the read lock. The
// caller defers the returned unlock.
func (s *Store) read(ctx context.Context, what string) (unlock func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore: %s: %w", what, err)
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, errClosed
	}
	return s.mu.RUnlock, nil
}

func notFound(kind, id string) error {
	return fmt.Errorf("memstore: %s %s: %w", kind, id, kg.ErrNotFound)
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("memstore: %w: %s", kg.ErrInvalidInput, fmt.Sprintf(format, args...))
}

func checkRole(r kg.Role) error {
	if r != "" && !r.Valid() {
		return invalid("role %q", r)
	}
	return nil
}

func checkPage(p kg.Page) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("memstore: %w", err)
	}
	return nil
}

// The values handed out are copies: callers may change them freely.

func (r *officialRec) official() kg.Official {
	o := r.val
	o.Aliases = slices.Clone(o.Aliases)
	return o
}

func (r *reportRec) report() kg.Report {
	rep := r.facts.Report
	rep.Journalists = slices.Clone(rep.Journalists)
	return rep
}

// Official implements kg.Store.
func (s *Store) Official(ctx context.Context, id string) (kg.Official, error) {
	unlock, err := s.read(ctx, "official")
	if err != nil {
		return kg.Official{}, err
	}
	defer unlock()
	r := s.officials[id]
	if r == nil {
		return kg.Official{}, notFound("official", id)
	}
	return r.official(), nil
}

// Meeting implements kg.Store.
func (s *Store) Meeting(ctx context.Context, id string) (kg.Meeting, error) {
	unlock, err := s.read(ctx, "meeting")
	if err != nil {
		return kg.Meeting{}, err
	}
	defer unlock()
	r := s.meetings[id]
	if r == nil {
		return kg.Meeting{}, notFound("meeting", id)
	}
	return r.val, nil
}

// Division implements kg.Store.
func (s *Store) Division(ctx context.Context, id string) (kg.Division, error) {
	unlock, err := s.read(ctx, "division")
	if err != nil {
		return kg.Division{}, err
	}
	defer unlock()
	r := s.divisions[id]
	if r == nil {
		return kg.Division{}, notFound("division", id)
	}
	return r.val, nil
}

// Position implements kg.Store.
func (s *Store) Position(ctx context.Context, id string) (kg.Position, error) {
	unlock, err := s.read(ctx, "position")
	if err != nil {
		return kg.Position{}, err
	}
	defer unlock()
	r := s.positions[id]
	if r == nil {
		return kg.Position{}, notFound("position", id)
	}
	return r.val, nil
}

// Directive implements kg.Store.
func (s *Store) Directive(ctx context.Context, id string) (kg.Directive, error) {
	unlock, err := s.read(ctx, "directive")
	if err != nil {
		return kg.Directive{}, err
	}
	defer unlock()
	r := s.directives[id]
	if r == nil {
		return kg.Directive{}, notFound("directive", id)
	}
	return r.directive(), nil
}

// Report implements kg.Store.
func (s *Store) Report(ctx context.Context, id string) (kg.Report, error) {
	unlock, err := s.read(ctx, "report")
	if err != nil {
		return kg.Report{}, err
	}
	defer unlock()
	r := s.reports[id]
	if r == nil {
		return kg.Report{}, notFound("report", id)
	}
	return r.report(), nil
}

// window cuts the page p asks for out of items, which are in ascending list
// order (or descending when desc), as kg.Window does for every store. key
// gives an item's sort key and ID; conv what the page holds.
func window[R, T any](items []R, desc bool, key func(R) (string, string), conv func(R) T, p kg.Page) (kg.Conn[T], error) {
	n := len(items)
	at := func(i int) R {
		if desc {
			return items[n-1-i]
		}
		return items[i]
	}
	// versus compares item i with a cursor's position, in list order.
	versus := func(i int, ck, cid string) int {
		k, id := key(at(i))
		c := cmp.Or(strings.Compare(k, ck), strings.Compare(id, cid))
		if desc {
			return -c
		}
		return c
	}
	lo, hi := 0, n
	if p.After != "" {
		ck, cid, err := kg.DecodeCursor(p.After)
		if err != nil {
			return kg.Conn[T]{}, fmt.Errorf("memstore: %w", err)
		}
		lo = sort.Search(n, func(i int) bool { return versus(i, ck, cid) > 0 })
	}
	if p.Before != "" {
		ck, cid, err := kg.DecodeCursor(p.Before)
		if err != nil {
			return kg.Conn[T]{}, fmt.Errorf("memstore: %w", err)
		}
		hi = sort.Search(n, func(i int) bool { return versus(i, ck, cid) >= 0 })
	}
	start, end, info := kg.Window(n, lo, hi, p)
	c := kg.Conn[T]{
		Items:      make([]T, 0, end-start),
		Cursors:    make([]string, 0, end-start),
		PageInfo:   info,
		TotalCount: n,
	}
	for i := start; i < end; i++ {
		r := at(i)
		k, id := key(r)
		c.Items = append(c.Items, conv(r))
		c.Cursors = append(c.Cursors, kg.EncodeCursor(k, id))
	}
	return c, nil
}

// dateRange is a kg.Date.InRange bound over sort keys (date strings), so a
// list sorted by date can be cut with a binary search instead of a scan.
type dateRange struct {
	on       bool // some bound is known: dates without a year are out
	from, to string
}

func newRange(from, to kg.Date) dateRange {
	return dateRange{on: from.Known() || to.Known(), from: from.String(), to: to.String()}
}

// contains is kg.Date.InRange for the date whose String is key.
func (r dateRange) contains(key string) bool {
	if !r.on {
		return true
	}
	if key == "" || key[0] == '-' { // unknown, or no year
		return false
	}
	if r.from != "" && key < r.from && !strings.HasPrefix(key, r.from) {
		return false
	}
	if r.to != "" && key > r.to && !strings.HasPrefix(key, r.to) {
		return false
	}
	return true
}

// bounds returns the part [lo, hi) of a list sorted by key that the range
// covers. It is exact, not just a superset: a date string in range is at
// least from (a shorter prefix sorts first) and at least "0" (dates without
// a year start with "-"), and below to+"\xff" (which every string with the
// prefix to, and nothing above to without it, sorts before). key may extend
// the date with a suffix that starts with a byte below '-', as directive
// sort keys do, without changing any of this.
func (r dateRange) bounds(n int, key func(i int) string) (lo, hi int) {
	if !r.on {
		return 0, n
	}
	low := max("0", r.from)
	lo = sort.Search(n, func(i int) bool { return key(i) >= low })
	hi = n
	if r.to != "" {
		up := r.to + "\xff"
		hi = sort.Search(n, func(i int) bool { return key(i) > up })
	}
	return lo, max(lo, hi)
}

// Officials implements kg.Store.
func (s *Store) Officials(ctx context.Context, f kg.OfficialFilter, p kg.Page) (kg.Conn[kg.Official], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	if err := checkRole(f.Role); err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	unlock, err := s.read(ctx, "officials")
	if err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	defer unlock()

	rng := newRange(f.From, f.To)
	all := s.allOfficials()
	items := all
	if f != (kg.OfficialFilter{}) {
		cand, ok := s.officialCandidates(f)
		// A small candidate set is cheaper to sort than the list to scan.
		useCand := ok && len(cand) < len(all)/4
		if !useCand {
			cand = all
		}
		items = slices.DeleteFunc(slices.Clone(cand), func(o *officialRec) bool { return !s.officialMatches(o, f, rng) })
		if useCand {
			slices.SortFunc(items, compareOfficials)
		}
	}
	return window(items, false,
		func(o *officialRec) (string, string) { return o.val.Name, o.val.ID },
		(*officialRec).official, p)
}

// officialCandidates returns a superset of the officials f selects, from the
// most selective index that applies, or false if none does.
func (s *Store) officialCandidates(f kg.OfficialFilter) ([]*officialRec, bool) {
	best := -1
	var collect func() []*officialRec
	consider := func(n int, c func() []*officialRec) {
		if best < 0 || n < best {
			best, collect = n, c
		}
	}
	if f.Name != "" {
		posting := smallestPosting(s.officialRunes, f.Name)
		consider(len(posting), func() []*officialRec { return setKeys(posting) })
	}
	if f.DivisionID != "" {
		in := s.officialsIn[f.DivisionID]
		consider(len(in), func() []*officialRec { return setKeys(in) })
	}
	// Gathering a title's holders costs more than the others; skip it when
	// a small set is already at hand.
	if f.PositionTitle != "" && (best < 0 || best > 64) {
		holders := map[*officialRec]struct{}{}
		for pos := range smallestPosting(s.positionRunes, f.PositionTitle) {
			if strings.Contains(pos.val.Title, f.PositionTitle) {
				for _, t := range pos.holders {
					holders[t.off] = struct{}{}
				}
			}
		}
		consider(len(holders), func() []*officialRec { return setKeys(holders) })
	}
	if best < 0 {
		return nil, false
	}
	return collect(), true
}

// smallestPosting returns the smallest posting set among the runes of q: a
// string contains q only if it contains each of them. A rune nobody has
// gives an empty set.
func smallestPosting[V comparable](idx map[rune]map[V]struct{}, q string) map[V]struct{} {
	var best map[V]struct{}
	for i, c := range distinctRunes(q) {
		posting := idx[c]
		if len(posting) == 0 {
			return nil
		}
		if i == 0 || len(posting) < len(best) {
			best = posting
		}
	}
	return best
}

func (s *Store) officialMatches(o *officialRec, f kg.OfficialFilter, rng dateRange) bool {
	if f.Name != "" && !strings.Contains(o.val.Name, f.Name) &&
		!slices.ContainsFunc(o.val.Aliases, func(a string) bool { return strings.Contains(a, f.Name) }) {
		return false
	}
	if f.DivisionID != "" && s.officialsIn[f.DivisionID][o] == 0 {
		return false
	}
	if f.PositionTitle != "" && !o.holdsTitle(f.PositionTitle) {
		return false
	}
	if (f.Role != "" || rng.on) && !o.tookPart(f.Role, rng) {
		return false
	}
	return true
}

func (o *officialRec) holdsTitle(q string) bool {
	for _, t := range o.tenures {
		if strings.Contains(t.pos.val.Title, q) {
			return true
		}
	}
	return false
}

// tookPart reports whether the official took part in a meeting in range, in
// the role if one is given (kg.HasRole).
func (o *officialRec) tookPart(role kg.Role, rng dateRange) bool {
	if !rng.on {
		if i := roleIndex(role); i >= 0 {
			return o.roleN[i] > 0
		}
		return len(o.parts) > 0
	}
	lo, hi := rng.bounds(len(o.parts), func(i int) string { return o.parts[i].mtg.key })
	for _, p := range o.parts[lo:hi] {
		if role == "" || kg.HasRole(p.roles, role) {
			return true
		}
	}
	return false
}

// Meetings implements kg.Store.
func (s *Store) Meetings(ctx context.Context, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.Meeting], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	if err := checkRole(f.Role); err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	if f.Order != kg.Ascending && f.Order != kg.Descending {
		return kg.Conn[kg.Meeting]{}, invalid("order %d", f.Order)
	}
	unlock, err := s.read(ctx, "meetings")
	if err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	defer unlock()

	rng := newRange(f.From, f.To)
	var items []*meetingRec
	// The source is already in list order and cut to the date range; what
	// the source does not imply is checked below.
	checkDivision := f.DivisionID != ""
	switch {
	case f.AttendeeID != "":
		if o := s.officials[f.AttendeeID]; o != nil {
			lo, hi := rng.bounds(len(o.parts), func(i int) string { return o.parts[i].mtg.key })
			for _, pr := range o.parts[lo:hi] {
				if f.Role == "" || kg.HasRole(pr.roles, f.Role) {
					items = append(items, pr.mtg)
				}
			}
		}
	case f.DivisionID != "":
		in := s.meetingsIn[f.DivisionID]
		lo, hi := rng.bounds(len(in), func(i int) string { return in[i].key })
		items = in[lo:hi]
		checkDivision = false
	default:
		all := s.allMeetings()
		lo, hi := rng.bounds(len(all), func(i int) string { return all[i].key })
		items = all[lo:hi]
	}
	anyRole := f.AttendeeID == "" && f.Role != ""
	if checkDivision || f.Kind != "" || f.Text != "" || anyRole {
		items = slices.DeleteFunc(slices.Clone(items), func(m *meetingRec) bool {
			switch {
			case checkDivision && m.val.DivisionID != f.DivisionID,
				f.Kind != "" && m.val.Kind != f.Kind,
				f.Text != "" && !strings.Contains(m.val.Name, f.Text),
				anyRole && !m.hasRole(f.Role):
				return true
			}
			return false
		})
	}
	return window(items, f.Order == kg.Descending,
		func(m *meetingRec) (string, string) { return m.key, m.val.ID },
		func(m *meetingRec) kg.Meeting { return m.val }, p)
}

// hasRole reports whether any official had the role at the meeting.
func (m *meetingRec) hasRole(r kg.Role) bool {
	if i := roleIndex(r); i >= 0 {
		return m.roleN[i] > 0
	}
	return len(m.parts) > 0
}

// Divisions implements kg.Store.
func (s *Store) Divisions(ctx context.Context, f kg.DivisionFilter, p kg.Page) (kg.Conn[kg.Division], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Division]{}, err
	}
	if f.Level != "" && !f.Level.Valid() {
		return kg.Conn[kg.Division]{}, invalid("level %q", f.Level)
	}
	unlock, err := s.read(ctx, "divisions")
	if err != nil {
		return kg.Conn[kg.Division]{}, err
	}
	defer unlock()

	var items []*divisionRec
	if f.ParentID != "" {
		items = setKeys(s.childrenOf[f.ParentID])
		slices.SortFunc(items, compareDivisions)
	} else {
		items = s.allDivisions()
	}
	if f.Level != "" || f.Name != "" {
		items = slices.DeleteFunc(slices.Clone(items), func(d *divisionRec) bool {
			return f.Level != "" && d.val.Level != f.Level || f.Name != "" && !strings.Contains(d.val.Name, f.Name)
		})
	}
	return window(items, false,
		func(d *divisionRec) (string, string) { return d.key, d.val.ID },
		func(d *divisionRec) kg.Division { return d.val }, p)
}

// Directives implements kg.Store.
func (s *Store) Directives(ctx context.Context, f kg.DirectiveFilter, p kg.Page) (kg.Conn[kg.Directive], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Directive]{}, err
	}
	unlock, err := s.read(ctx, "directives")
	if err != nil {
		return kg.Conn[kg.Directive]{}, err
	}
	defer unlock()

	rng := newRange(f.From, f.To)
	all := s.allDirectives()
	var cand []*directiveRec
	switch {
	case f.MeetingID != "":
		cand = setKeys(s.directivesOf[f.MeetingID])
	case f.IssuerID != "" && len(s.issuedBy[f.IssuerID]) < len(all)/4:
		cand = setKeys(s.issuedBy[f.IssuerID])
	case f.DivisionID != "" && len(s.meetingsIn[f.DivisionID]) < len(s.meetings)/4:
		cand = []*directiveRec{}
		for _, m := range s.meetingsIn[f.DivisionID] {
			for d := range s.directivesOf[m.val.ID] {
				cand = append(cand, d)
			}
		}
	}
	var items []*directiveRec
	if cand != nil {
		items = cand
		slices.SortFunc(items, compareDirectives)
	} else {
		lo, hi := rng.bounds(len(all), func(i int) string { return all[i].key })
		items = all[lo:hi]
	}
	if f != (kg.DirectiveFilter{From: f.From, To: f.To}) || cand != nil {
		items = slices.DeleteFunc(slices.Clone(items), func(d *directiveRec) bool {
			m := s.meetings[d.val.MeetingID]
			switch {
			case f.IssuerID != "" && d.val.IssuerID != f.IssuerID,
				f.MeetingID != "" && d.val.MeetingID != f.MeetingID,
				f.DivisionID != "" && m.val.DivisionID != f.DivisionID,
				!rng.contains(m.key),
				f.Text != "" && !strings.Contains(d.val.Text, f.Text):
				return true
			}
			return false
		})
	}
	return window(items, false,
		func(d *directiveRec) (string, string) { return d.key, d.val.ID },
		(*directiveRec).directive, p)
}

// Reports implements kg.Store.
func (s *Store) Reports(ctx context.Context, p kg.Page) (kg.Conn[kg.Report], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Report]{}, err
	}
	unlock, err := s.read(ctx, "reports")
	if err != nil {
		return kg.Conn[kg.Report]{}, err
	}
	defer unlock()
	return window(s.allReports(), false,
		func(r *reportRec) (string, string) { return r.key, r.facts.Report.ID },
		(*reportRec).report, p)
}

// OfficialMeetings implements kg.Store.
func (s *Store) OfficialMeetings(ctx context.Context, officialID string, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.OfficialMeeting]{}, err
	}
	if err := checkRole(f.Role); err != nil {
		return kg.Conn[kg.OfficialMeeting]{}, err
	}
	unlock, err := s.read(ctx, "official meetings")
	if err != nil {
		return kg.Conn[kg.OfficialMeeting]{}, err
	}
	defer unlock()
	o := s.officials[officialID]
	if o == nil {
		return kg.Conn[kg.OfficialMeeting]{}, notFound("official", officialID)
	}
	rng := newRange(f.From, f.To)
	lo, hi := rng.bounds(len(o.parts), func(i int) string { return o.parts[i].mtg.key })
	items := o.parts[lo:hi]
	if f.Role != "" {
		items = slices.DeleteFunc(slices.Clone(items), func(pr *partRec) bool { return !kg.HasRole(pr.roles, f.Role) })
	}
	return window(items, false,
		func(pr *partRec) (string, string) { return pr.mtg.key, pr.mtg.val.ID },
		func(pr *partRec) kg.OfficialMeeting {
			return kg.OfficialMeeting{
				Meeting:  pr.mtg.val,
				Roles:    slices.Clone(pr.roles),
				Titles:   pr.titles(),
				Evidence: pr.evidence(),
			}
		}, p)
}

// MeetingParticipants implements kg.Store.
func (s *Store) MeetingParticipants(ctx context.Context, meetingID string, role kg.Role) ([]kg.Participant, error) {
	if err := checkRole(role); err != nil {
		return nil, err
	}
	unlock, err := s.read(ctx, "meeting participants")
	if err != nil {
		return nil, err
	}
	defer unlock()
	m := s.meetings[meetingID]
	if m == nil {
		return nil, notFound("meeting", meetingID)
	}
	parts := make([]*partRec, 0, len(m.parts))
	for _, pr := range m.parts {
		if role == "" || kg.HasRole(pr.roles, role) {
			parts = append(parts, pr)
		}
	}
	slices.SortFunc(parts, func(a, b *partRec) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.order, b.order), strings.Compare(a.off.val.ID, b.off.val.ID))
	})
	out := make([]kg.Participant, 0, len(parts))
	for _, pr := range parts {
		out = append(out, kg.Participant{
			Official: pr.off.official(),
			Roles:    slices.Clone(pr.roles),
			Titles:   pr.titles(),
			Evidence: pr.evidence(),
		})
	}
	return out, nil
}

// MeetingDivisions implements kg.Store.
func (s *Store) MeetingDivisions(ctx context.Context, meetingID string, role kg.Role) ([]kg.DivisionRole, error) {
	if err := checkRole(role); err != nil {
		return nil, err
	}
	unlock, err := s.read(ctx, "meeting divisions")
	if err != nil {
		return nil, err
	}
	defer unlock()
	m := s.meetings[meetingID]
	if m == nil {
		return nil, notFound("meeting", meetingID)
	}
	dps := make([]*divPartRec, 0, len(m.divParts))
	for _, dp := range m.divParts {
		if role == "" || dp.role == role {
			dps = append(dps, dp)
		}
	}
	slices.SortFunc(dps, func(a, b *divPartRec) int {
		return cmp.Or(compareDivisions(a.div, b.div), strings.Compare(string(a.role), string(b.role)))
	})
	out := make([]kg.DivisionRole, 0, len(dps))
	for _, dp := range dps {
		evs := make([]kg.Evidence, 0, len(dp.claims))
		for _, rep := range sortedKeys(dp.claims) {
			evs = append(evs, dp.claims[rep].Evidence)
		}
		out = append(out, kg.DivisionRole{Division: dp.div.val, Role: dp.role, Evidence: evs})
	}
	return out, nil
}

// MeetingReports implements kg.Store.
func (s *Store) MeetingReports(ctx context.Context, meetingID string) ([]kg.Report, error) {
	unlock, err := s.read(ctx, "meeting reports")
	if err != nil {
		return nil, err
	}
	defer unlock()
	m := s.meetings[meetingID]
	if m == nil {
		return nil, notFound("meeting", meetingID)
	}
	reps := make([]*reportRec, 0, len(m.byReport))
	for id := range m.byReport {
		reps = append(reps, s.reports[id])
	}
	slices.SortFunc(reps, compareReports)
	out := make([]kg.Report, 0, len(reps))
	for _, r := range reps {
		out = append(out, r.report())
	}
	return out, nil
}

// OfficialPositions implements kg.Store.
func (s *Store) OfficialPositions(ctx context.Context, officialID string) ([]kg.PositionHeld, error) {
	unlock, err := s.read(ctx, "official positions")
	if err != nil {
		return nil, err
	}
	defer unlock()
	o := s.officials[officialID]
	if o == nil {
		return nil, notFound("official", officialID)
	}
	out := make([]kg.PositionHeld, 0, len(o.tenures))
	for _, t := range o.tenures {
		out = append(out, t.held())
	}
	slices.SortFunc(out, func(a, b kg.PositionHeld) int {
		return cmp.Or(strings.Compare(a.FirstSeen.String(), b.FirstSeen.String()), strings.Compare(a.Position.ID, b.Position.ID))
	})
	return out, nil
}

// CoAttendees implements kg.Store.
func (s *Store) CoAttendees(ctx context.Context, officialID string, f kg.CoAttendeeFilter) ([]kg.CoAttendee, error) {
	if f.First < 0 || f.First > kg.MaxPageSize {
		return nil, invalid("first %d: want 0 to %d", f.First, kg.MaxPageSize)
	}
	first := f.First
	if first == 0 {
		first = kg.DefaultPageSize
	}
	minShared := max(f.MinShared, 1)
	unlock, err := s.read(ctx, "co-attendees")
	if err != nil {
		return nil, err
	}
	defer unlock()
	o := s.officials[officialID]
	if o == nil {
		return nil, notFound("official", officialID)
	}
	rng := newRange(f.From, f.To)
	lo, hi := rng.bounds(len(o.parts), func(i int) string { return o.parts[i].mtg.key })
	// Walking the official's meetings in list order keeps every
	// co-attendee's meeting IDs in list order too.
	shared := map[*officialRec][]string{}
	for _, pr := range o.parts[lo:hi] {
		for _, other := range pr.mtg.parts {
			if other.off != o {
				shared[other.off] = append(shared[other.off], pr.mtg.val.ID)
			}
		}
	}
	type co struct {
		o        *officialRec
		meetings []string
	}
	var cos []co
	for other, ms := range shared {
		if len(ms) >= minShared {
			cos = append(cos, co{other, ms})
		}
	}
	slices.SortFunc(cos, func(a, b co) int {
		return cmp.Or(cmp.Compare(len(b.meetings), len(a.meetings)), compareOfficials(a.o, b.o))
	})
	out := make([]kg.CoAttendee, 0, min(first, len(cos)))
	for _, c := range cos[:min(first, len(cos))] {
		out = append(out, kg.CoAttendee{Official: c.o.official(), Shared: len(c.meetings), MeetingIDs: c.meetings})
	}
	return out, nil
}

// Counts implements kg.Store.
func (s *Store) Counts(ctx context.Context) (kg.Counts, error) {
	unlock, err := s.read(ctx, "counts")
	if err != nil {
		return kg.Counts{}, err
	}
	defer unlock()
	return kg.Counts{
		Reports:                len(s.reports),
		Officials:              len(s.officials),
		Positions:              len(s.positions),
		Meetings:               len(s.meetings),
		Divisions:              len(s.divisions),
		Directives:             len(s.directives),
		Participations:         len(s.parts),
		Tenures:                len(s.tenures),
		DivisionParticipations: len(s.divParts),
	}, nil
}

// Ping implements kg.Store: an open store always serves.
func (s *Store) Ping(ctx context.Context) error {
	unlock, err := s.read(ctx, "ping")
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// Close implements kg.Store. It drops the data; afterwards every method
// returns an error wrapping kg.ErrUnavailable. Closing twice is harmless.
func (s *Store) Close(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	// Dropping the maps lets the garbage collector have the data even while
	// callers still hold the *Store.
	fresh := New()
	s.reports, s.officials, s.meetings = fresh.reports, fresh.officials, fresh.meetings
	s.divisions, s.positions, s.directives = fresh.divisions, fresh.positions, fresh.directives
	s.parts, s.tenures, s.divParts = fresh.parts, fresh.tenures, fresh.divParts
	s.officialRunes, s.positionRunes = fresh.officialRunes, fresh.positionRunes
	s.meetingsIn, s.officialsIn, s.childrenOf = fresh.meetingsIn, fresh.officialsIn, fresh.childrenOf
	s.directivesOf, s.issuedBy = fresh.directivesOf, fresh.issuedBy
	s.officialList.snap.Store(nil)
	s.meetingList.snap.Store(nil)
	s.divisionList.snap.Store(nil)
	s.directiveList.snap.Store(nil)
	s.reportList.snap.Store(nil)
	s.closed = true
	return nil
}
