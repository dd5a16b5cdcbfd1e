package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"officialgraph/internal/kg"
)

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

// OfficialMeetings implements kg.Store.
func (s *Store) OfficialMeetings(ctx context.Context, officialID string, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.OfficialMeeting]{}, err
	}
	if err := checkRole(f.Role); err != nil {
		return kg.Conn[kg.OfficialMeeting]{}, err
	}
	if err := checkRange(f.From, f.To); err != nil {
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
	lo, hi := newDayRange(f.From, f.To).cut(o.parts.days)
	items := o.parts.parts[lo:hi]
	if f.Role != "" {
		items = nil
		for i := lo; i < hi; i++ {
			if hasRole(o.parts.masks[i], f.Role) {
				items = append(items, o.parts.parts[i])
			}
		}
	}
	n, at := inSlice(items)
	return window(n, at, false,
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
	return m.participants(role), nil
}

// participants lists the meeting's participants as MeetingParticipants
// does.
func (m *meetingRec) participants(role kg.Role) []kg.Participant {
	parts := make([]*partRec, 0, len(m.partList))
	for _, pr := range m.partList {
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
	return out
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
	return m.divisionRoles(role), nil
}

// divisionRoles lists the divisions that took part in the meeting as
// MeetingDivisions does.
func (m *meetingRec) divisionRoles(role kg.Role) []kg.DivisionRole {
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
		evs := make([]kg.Evidence, 0, dp.claims.len())
		for _, c := range dp.claims.all() {
			evs = append(evs, c.Evidence)
		}
		out = append(out, kg.DivisionRole{Division: dp.div.val, Role: dp.role, Evidence: evs})
	}
	return out
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
	return s.meetingReports(m), nil
}

// meetingReports lists the reports that tell of a meeting as
// MeetingReports does.
func (s *Store) meetingReports(m *meetingRec) []kg.Report {
	reps := make([]*reportRec, 0, m.len())
	for rep := range m.all() {
		reps = append(reps, s.reports[rep])
	}
	slices.SortFunc(reps, compareReports)
	out := make([]kg.Report, 0, len(reps))
	for _, r := range reps {
		out = append(out, r.report())
	}
	return out
}

// OfficialPositions implements kg.Store.
func (s *Store) OfficialPositions(ctx context.Context, officialID string) ([]kg.PositionHeld, error) {
	return s.officialPositions(ctx, officialID, (*officialRec).positions)
}

// officialPositions reads one official's positions with list: positions,
// or positionDates.
func (s *Store) officialPositions(ctx context.Context, officialID string, list func(*officialRec) []kg.PositionHeld) ([]kg.PositionHeld, error) {
	unlock, err := s.read(ctx, "official positions")
	if err != nil {
		return nil, err
	}
	defer unlock()
	o := s.officials[officialID]
	if o == nil {
		return nil, notFound("official", officialID)
	}
	return list(o), nil
}

// positions lists the positions the official was seen holding as
// OfficialPositions does.
func (o *officialRec) positions() []kg.PositionHeld {
	out := make([]kg.PositionHeld, 0, len(o.tenures))
	for _, t := range o.tenures {
		out = append(out, t.held())
	}
	sortHeld(out)
	return out
}

// positionDates is positions without the evidence, from the least and
// greatest sightings each tenure keeps: an official seen in hundreds of
// reports need not have every sighting read.
func (o *officialRec) positionDates() []kg.PositionHeld {
	out := make([]kg.PositionHeld, 0, len(o.tenures))
	for _, t := range o.tenures {
		out = append(out, kg.PositionHeld{Position: t.pos.val, FirstSeen: keyDate(t.first), LastSeen: keyDate(t.last)})
	}
	sortHeld(out)
	return out
}

// sortHeld puts positions held in the order of OfficialPositions.
func sortHeld(hs []kg.PositionHeld) {
	slices.SortFunc(hs, func(a, b kg.PositionHeld) int {
		return cmp.Or(strings.Compare(a.FirstSeen.String(), b.FirstSeen.String()), strings.Compare(a.Position.ID, b.Position.ID))
	})
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
	if err := checkRange(f.From, f.To); err != nil {
		return nil, err
	}
	unlock, err := s.read(ctx, "co-attendees")
	if err != nil {
		return nil, err
	}
	defer unlock()
	o := s.officials[officialID]
	if o == nil {
		return nil, notFound("official", officialID)
	}
	lo, hi := newDayRange(f.From, f.To).cut(o.parts.days)
	// Count first, and list the shared meetings of the officials kept
	// only: an official with many meetings shares them with thousands.
	// Counts are kept by slot, read from the meetings without following
	// a pointer for each participant.
	c := s.newCoCounts()
	defer s.releaseCoCounts(c)
	for _, pr := range o.parts.parts[lo:hi] {
		for _, x := range pr.mtg.partSlots {
			if x != o.slot {
				if c.shared[x] == 0 {
					c.seen = append(c.seen, x)
				}
				c.shared[x]++
			}
		}
	}
	top := topCounts(c.shared, true, c.seen, first, func(a, b int32) int { return compareOfficials(s.bySlot[a], s.bySlot[b]) })
	out := make([]kg.CoAttendee, 0, len(top))
	for _, x := range top {
		if int(c.shared[x]) < minShared {
			break // the rest share fewer
		}
		out = append(out, kg.CoAttendee{Official: s.bySlot[x].official(), Shared: int(c.shared[x])})
	}
	if f.CountOnly {
		return out, nil
	}
	// From here on a kept official's count is its place in out, negated
	// and less one.
	for k, x := range top[:len(out)] {
		out[k].MeetingIDs = make([]string, 0, c.shared[x])
		c.shared[x] = -int32(k) - 1
	}
	// Walking the official's meetings in list order keeps every
	// co-attendee's meeting IDs in list order too.
	for _, pr := range o.parts.parts[lo:hi] {
		for _, x := range pr.mtg.partSlots {
			if k := c.shared[x]; k < 0 {
				out[-k-1].MeetingIDs = append(out[-k-1].MeetingIDs, pr.mtg.val.ID)
			}
		}
	}
	return out, nil
}

// coCounts is CoAttendees' scratch space, reused through Store.coCounts so
// that a query allocates nothing in proportion to the store.
type coCounts struct {
	shared []int32 // by slot
	seen   []int32 // the slots counted, to clear
}

func (s *Store) newCoCounts() *coCounts {
	n := len(s.bySlot)
	if c, ok := s.coCounts.Get().(*coCounts); ok && len(c.shared) >= n {
		return c
	}
	return &coCounts{shared: make([]int32, n)}
}

func (s *Store) releaseCoCounts(c *coCounts) {
	for _, i := range c.seen {
		c.shared[i] = 0
	}
	c.seen = c.seen[:0]
	s.coCounts.Put(c)
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
	s.officialsIn, s.childrenOf, s.directivesOf = fresh.officialsIn, fresh.childrenOf, fresh.directivesOf
	s.positionsTitled = fresh.positionsTitled
	s.officialFx.cur.Store(nil)
	s.meetingFx.cur.Store(nil)
	s.directiveFx.cur.Store(nil)
	s.officialList.snap.Store(nil)
	s.meetingList.snap.Store(nil)
	s.divisionList.snap.Store(nil)
	s.directiveList.snap.Store(nil)
	s.reportList.snap.Store(nil)
	s.meetingTx.cur.Store(nil)
	s.directiveTx.cur.Store(nil)
	s.officialSx.cur.Store(nil)
	s.statsFx.cur.Store(nil)
	s.closed = true
	return nil
}
