package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"officialgraph/internal/kg"
)

// The batch reads and Holders of kg.Explorer; Connection is in
// connection.go, Search in search.go and Stats in stats.go.

var (
	_ kg.Explorer = (*Store)(nil)
	_ kg.Local    = (*Store)(nil)
)

// Local implements kg.Local: every read is a call within the process.
func (s *Store) Local() bool { return true }

// byID answers a batch read under one read lock: each ID gives get's value,
// the zero value when get finds nothing.
func byID[T any](s *Store, ctx context.Context, what string, ids []string, get func(id string) (T, bool)) ([]T, error) {
	unlock, err := s.read(ctx, what)
	if err != nil {
		return nil, err
	}
	defer unlock()
	out := make([]T, len(ids))
	for i, id := range ids {
		if v, ok := get(id); ok {
			out[i] = v
		}
	}
	return out, nil
}

// OfficialsByID implements kg.Explorer.
func (s *Store) OfficialsByID(ctx context.Context, ids []string) ([]kg.Official, error) {
	return byID(s, ctx, "officials by ID", ids, func(id string) (kg.Official, bool) {
		if r := s.officials[id]; r != nil {
			return r.official(), true
		}
		return kg.Official{}, false
	})
}

// MeetingsByID implements kg.Explorer.
func (s *Store) MeetingsByID(ctx context.Context, ids []string) ([]kg.Meeting, error) {
	return byID(s, ctx, "meetings by ID", ids, func(id string) (kg.Meeting, bool) {
		if r := s.meetings[id]; r != nil {
			return r.val, true
		}
		return kg.Meeting{}, false
	})
}

// DivisionsByID implements kg.Explorer.
func (s *Store) DivisionsByID(ctx context.Context, ids []string) ([]kg.Division, error) {
	return byID(s, ctx, "divisions by ID", ids, func(id string) (kg.Division, bool) {
		if r := s.divisions[id]; r != nil {
			return r.val, true
		}
		return kg.Division{}, false
	})
}

// PositionsByID implements kg.Explorer.
func (s *Store) PositionsByID(ctx context.Context, ids []string) ([]kg.Position, error) {
	return byID(s, ctx, "positions by ID", ids, func(id string) (kg.Position, bool) {
		if r := s.positions[id]; r != nil {
			return r.val, true
		}
		return kg.Position{}, false
	})
}

// ReportsByID implements kg.Explorer.
func (s *Store) ReportsByID(ctx context.Context, ids []string) ([]kg.Report, error) {
	return byID(s, ctx, "reports by ID", ids, func(id string) (kg.Report, bool) {
		if r := s.reports[id]; r != nil {
			return r.report(), true
		}
		return kg.Report{}, false
	})
}

// ofMeetings answers a batch read of meetings' relations: an ID that names
// no meeting gives an empty list, so that one unknown ID does not fail the
// loader's whole batch.
func ofMeetings[T any](s *Store, ctx context.Context, what string, ids []string, list func(m *meetingRec) []T) ([][]T, error) {
	return byID(s, ctx, what, ids, func(id string) ([]T, bool) {
		if m := s.meetings[id]; m != nil {
			return list(m), true
		}
		return []T{}, true
	})
}

// ParticipantsOf implements kg.Explorer.
func (s *Store) ParticipantsOf(ctx context.Context, meetingIDs []string, role kg.Role) ([][]kg.Participant, error) {
	if err := checkRole(role); err != nil {
		return nil, err
	}
	return ofMeetings(s, ctx, "participants of meetings", meetingIDs, func(m *meetingRec) []kg.Participant {
		return m.participants(role)
	})
}

// DivisionRolesOf implements kg.Explorer.
func (s *Store) DivisionRolesOf(ctx context.Context, meetingIDs []string, role kg.Role) ([][]kg.DivisionRole, error) {
	if err := checkRole(role); err != nil {
		return nil, err
	}
	return ofMeetings(s, ctx, "divisions of meetings", meetingIDs, func(m *meetingRec) []kg.DivisionRole {
		return m.divisionRoles(role)
	})
}

// DirectivesOf implements kg.Explorer.
func (s *Store) DirectivesOf(ctx context.Context, meetingIDs []string) ([][]kg.Directive, error) {
	return ofMeetings(s, ctx, "directives of meetings", meetingIDs, func(m *meetingRec) []kg.Directive {
		ds := setKeys(s.directivesOf[m.val.ID])
		slices.SortFunc(ds, compareDirectives)
		out := make([]kg.Directive, 0, len(ds))
		for _, d := range ds {
			out = append(out, d.directive())
		}
		return out
	})
}

// ReportsOf implements kg.Explorer.
func (s *Store) ReportsOf(ctx context.Context, meetingIDs []string) ([][]kg.Report, error) {
	return ofMeetings(s, ctx, "reports of meetings", meetingIDs, s.meetingReports)
}

// PositionsHeldBy implements kg.Explorer.
func (s *Store) PositionsHeldBy(ctx context.Context, officialIDs []string) ([][]kg.PositionHeld, error) {
	return byID(s, ctx, "positions held by officials", officialIDs, func(id string) ([]kg.PositionHeld, bool) {
		if o := s.officials[id]; o != nil {
			return o.positions(), true
		}
		return []kg.PositionHeld{}, true
	})
}

// PositionDatesHeldBy implements kg.Explorer.
func (s *Store) PositionDatesHeldBy(ctx context.Context, officialIDs []string) ([][]kg.PositionHeld, error) {
	return byID(s, ctx, "position dates held by officials", officialIDs, func(id string) ([]kg.PositionHeld, bool) {
		if o := s.officials[id]; o != nil {
			return o.positionDates(), true
		}
		return []kg.PositionHeld{}, true
	})
}

// Holders implements kg.Explorer.
func (s *Store) Holders(ctx context.Context, q kg.HolderQuery) ([]kg.Holder, error) {
	if q.Title == "" {
		return nil, invalid("holders: no title")
	}
	if err := checkDate("at", q.At); err != nil {
		return nil, err
	}
	unlock, err := s.read(ctx, "holders")
	if err != nil {
		return nil, err
	}
	defer unlock()
	// The sightings bracket At: the first at or before it, the last at or
	// after it (Date.InRange, on day keys).
	upTo, from := newDayRange(kg.Date{}, q.At), newDayRange(q.At, kg.Date{})
	var ts []*tenureRec
	for p := range s.positionsTitled[q.Title] {
		if q.DivisionID != "" && p.val.DivisionID != q.DivisionID {
			continue
		}
		for _, t := range p.holders {
			if upTo.contains(t.first) && from.contains(t.last) {
				ts = append(ts, t)
			}
		}
	}
	slices.SortFunc(ts, func(a, b *tenureRec) int {
		return cmp.Or(cmp.Compare(b.last, a.last),
			strings.Compare(a.off.val.ID, b.off.val.ID), strings.Compare(a.pos.val.ID, b.pos.val.ID))
	})
	out := make([]kg.Holder, 0, len(ts))
	for _, t := range ts {
		h := t.held()
		out = append(out, kg.Holder{
			Official:  t.off.official(),
			Position:  h.Position,
			FirstSeen: h.FirstSeen,
			LastSeen:  h.LastSeen,
			Evidence:  h.Evidence,
		})
	}
	return out, nil
}

// OfficialProfile implements kg.Explorer. Each part takes the read lock on
// its own, as the separate reads would: a process-local read has no round
// trip to save.
func (s *Store) OfficialProfile(ctx context.Context, id string, q kg.ProfileQuery) (kg.Profile, error) {
	if err := q.Validate(); err != nil {
		return kg.Profile{}, fmt.Errorf("memstore: official profile: %w", err)
	}
	o, err := s.Official(ctx, id)
	if err != nil {
		return kg.Profile{}, err
	}
	p := kg.Profile{Official: o}
	if q.Positions {
		list := (*officialRec).positions
		if q.PositionDatesOnly {
			list = (*officialRec).positionDates
		}
		if p.Positions, err = s.officialPositions(ctx, id, list); err != nil {
			return kg.Profile{}, err
		}
	}
	if m := q.Meetings; m != nil {
		c, err := s.OfficialMeetings(ctx, id, m.Filter, m.Page)
		if err != nil {
			return kg.Profile{}, err
		}
		p.Meetings = &c
	}
	if f := q.CoAttendees; f != nil {
		if p.CoAttendees, err = s.CoAttendees(ctx, id, *f); err != nil {
			return kg.Profile{}, err
		}
	}
	return p, nil
}
