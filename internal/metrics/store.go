package metrics

import (
	"context"
	"errors"
	"time"

	"officialgraph/internal/kg"
)

// Store returns next with every call timed by method name, store errors
// counted, and reports written and deleted counted by result. When next
// also implements kg.Explorer, so does the returned store: the API's
// search, dashboards and batch loaders look for it.
func (m *Metrics) Store(next kg.Store) kg.Store {
	if m == nil {
		return next
	}
	s := &store{m: m, next: next}
	if ex, ok := next.(kg.Explorer); ok {
		if ids, ok := next.(kg.IdentityStore); ok {
			// The API's identity decisions look for kg.IdentityStore.
			return &identityStore{explorerStore: &explorerStore{store: s, ex: ex}, ids: ids}
		}
		return &explorerStore{store: s, ex: ex}
	}
	return s
}

// identityStore is explorerStore over a store that also implements
// kg.IdentityStore, as both stores do.
type identityStore struct {
	*explorerStore
	ids kg.IdentityStore
}

func (s *identityStore) Decide(ctx context.Context, d kg.IdentityDecision) (kg.IdentityDecision, error) {
	return timed(s.m, "Decide", func() (kg.IdentityDecision, error) { return s.ids.Decide(ctx, d) })
}

func (s *identityStore) Undo(ctx context.Context, id string) error {
	return timedErr(s.m, "Undo", func() error { return s.ids.Undo(ctx, id) })
}

func (s *identityStore) Decisions(ctx context.Context, p kg.Page) (kg.Conn[kg.IdentityDecision], error) {
	return timed(s.m, "Decisions", func() (kg.Conn[kg.IdentityDecision], error) { return s.ids.Decisions(ctx, p) })
}

func (m *Metrics) observeStore(method string, d time.Duration, err error) {
	m.storeCalls.WithLabelValues(method).Observe(d.Seconds())
	if err != nil && !errors.Is(err, kg.ErrNotFound) {
		m.storeErrors.WithLabelValues(method).Inc()
	}
}

// timed runs f as the store method named method and records it.
func timed[T any](m *Metrics, method string, f func() (T, error)) (T, error) {
	start := time.Now()
	v, err := f()
	m.observeStore(method, time.Since(start), err)
	return v, err
}

func timedErr(m *Metrics, method string, f func() error) error {
	start := time.Now()
	err := f()
	m.observeStore(method, time.Since(start), err)
	return err
}

type store struct {
	m    *Metrics
	next kg.Store
}

var _ kg.Store = (*store)(nil)

// Local implements kg.Local as next does: timing a call does not move it
// out of the process.
func (s *store) Local() bool { return kg.IsLocal(s.next) }

func (s *store) WriteReport(ctx context.Context, f *kg.ReportFacts) (kg.WriteResult, error) {
	res, err := timed(s.m, "WriteReport", func() (kg.WriteResult, error) { return s.next.WriteReport(ctx, f) })
	if err != nil {
		s.m.reports.WithLabelValues(ResultFailed).Inc()
	} else {
		s.m.reports.WithLabelValues(string(res)).Inc()
	}
	return res, err
}

func (s *store) WriteReports(ctx context.Context, fs []*kg.ReportFacts) ([]kg.WriteResult, error) {
	res, err := timed(s.m, "WriteReports", func() ([]kg.WriteResult, error) { return s.next.WriteReports(ctx, fs) })
	// A failed batch is counted as a store error only: its reports are
	// not written, and the caller writes them again or names them.
	for _, r := range res {
		s.m.reports.WithLabelValues(string(r)).Inc()
	}
	return res, err
}

func (s *store) DeleteReport(ctx context.Context, id string) error {
	err := timedErr(s.m, "DeleteReport", func() error { return s.next.DeleteReport(ctx, id) })
	switch {
	case err == nil:
		s.m.deleted.WithLabelValues(ResultDeleted).Inc()
	case errors.Is(err, kg.ErrNotFound):
		s.m.deleted.WithLabelValues(ResultNotFound).Inc()
	default:
		s.m.deleted.WithLabelValues(ResultFailed).Inc()
	}
	return err
}

func (s *store) Official(ctx context.Context, id string) (kg.Official, error) {
	return timed(s.m, "Official", func() (kg.Official, error) { return s.next.Official(ctx, id) })
}

func (s *store) Meeting(ctx context.Context, id string) (kg.Meeting, error) {
	return timed(s.m, "Meeting", func() (kg.Meeting, error) { return s.next.Meeting(ctx, id) })
}

func (s *store) Division(ctx context.Context, id string) (kg.Division, error) {
	return timed(s.m, "Division", func() (kg.Division, error) { return s.next.Division(ctx, id) })
}

func (s *store) Position(ctx context.Context, id string) (kg.Position, error) {
	return timed(s.m, "Position", func() (kg.Position, error) { return s.next.Position(ctx, id) })
}

func (s *store) Directive(ctx context.Context, id string) (kg.Directive, error) {
	return timed(s.m, "Directive", func() (kg.Directive, error) { return s.next.Directive(ctx, id) })
}

func (s *store) Report(ctx context.Context, id string) (kg.Report, error) {
	return timed(s.m, "Report", func() (kg.Report, error) { return s.next.Report(ctx, id) })
}

func (s *store) Officials(ctx context.Context, f kg.OfficialFilter, p kg.Page) (kg.Conn[kg.Official], error) {
	return timed(s.m, "Officials", func() (kg.Conn[kg.Official], error) { return s.next.Officials(ctx, f, p) })
}

func (s *store) Meetings(ctx context.Context, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.Meeting], error) {
	return timed(s.m, "Meetings", func() (kg.Conn[kg.Meeting], error) { return s.next.Meetings(ctx, f, p) })
}

func (s *store) Divisions(ctx context.Context, f kg.DivisionFilter, p kg.Page) (kg.Conn[kg.Division], error) {
	return timed(s.m, "Divisions", func() (kg.Conn[kg.Division], error) { return s.next.Divisions(ctx, f, p) })
}

func (s *store) Directives(ctx context.Context, f kg.DirectiveFilter, p kg.Page) (kg.Conn[kg.Directive], error) {
	return timed(s.m, "Directives", func() (kg.Conn[kg.Directive], error) { return s.next.Directives(ctx, f, p) })
}

func (s *store) Reports(ctx context.Context, p kg.Page) (kg.Conn[kg.Report], error) {
	return timed(s.m, "Reports", func() (kg.Conn[kg.Report], error) { return s.next.Reports(ctx, p) })
}

func (s *store) OfficialMeetings(ctx context.Context, officialID string, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
	return timed(s.m, "OfficialMeetings", func() (kg.Conn[kg.OfficialMeeting], error) {
		return s.next.OfficialMeetings(ctx, officialID, f, p)
	})
}

func (s *store) MeetingParticipants(ctx context.Context, meetingID string, role kg.Role) ([]kg.Participant, error) {
	return timed(s.m, "MeetingParticipants", func() ([]kg.Participant, error) {
		return s.next.MeetingParticipants(ctx, meetingID, role)
	})
}

func (s *store) MeetingDivisions(ctx context.Context, meetingID string, role kg.Role) ([]kg.DivisionRole, error) {
	return timed(s.m, "MeetingDivisions", func() ([]kg.DivisionRole, error) {
		return s.next.MeetingDivisions(ctx, meetingID, role)
	})
}

func (s *store) MeetingReports(ctx context.Context, meetingID string) ([]kg.Report, error) {
	return timed(s.m, "MeetingReports", func() ([]kg.Report, error) { return s.next.MeetingReports(ctx, meetingID) })
}

func (s *store) OfficialPositions(ctx context.Context, officialID string) ([]kg.PositionHeld, error) {
	return timed(s.m, "OfficialPositions", func() ([]kg.PositionHeld, error) {
		return s.next.OfficialPositions(ctx, officialID)
	})
}

func (s *store) CoAttendees(ctx context.Context, officialID string, f kg.CoAttendeeFilter) ([]kg.CoAttendee, error) {
	return timed(s.m, "CoAttendees", func() ([]kg.CoAttendee, error) { return s.next.CoAttendees(ctx, officialID, f) })
}

func (s *store) Counts(ctx context.Context) (kg.Counts, error) {
	return timed(s.m, "Counts", func() (kg.Counts, error) { return s.next.Counts(ctx) })
}

func (s *store) Ping(ctx context.Context) error {
	return timedErr(s.m, "Ping", func() error { return s.next.Ping(ctx) })
}

func (s *store) Close(ctx context.Context) error {
	return timedErr(s.m, "Close", func() error { return s.next.Close(ctx) })
}

// explorerStore is store over a store that also implements kg.Explorer.
type explorerStore struct {
	*store
	ex kg.Explorer
}

var _ interface {
	kg.Store
	kg.Explorer
} = (*explorerStore)(nil)

func (s *explorerStore) OfficialsByID(ctx context.Context, ids []string) ([]kg.Official, error) {
	return timed(s.m, "OfficialsByID", func() ([]kg.Official, error) { return s.ex.OfficialsByID(ctx, ids) })
}

func (s *explorerStore) MeetingsByID(ctx context.Context, ids []string) ([]kg.Meeting, error) {
	return timed(s.m, "MeetingsByID", func() ([]kg.Meeting, error) { return s.ex.MeetingsByID(ctx, ids) })
}

func (s *explorerStore) DivisionsByID(ctx context.Context, ids []string) ([]kg.Division, error) {
	return timed(s.m, "DivisionsByID", func() ([]kg.Division, error) { return s.ex.DivisionsByID(ctx, ids) })
}

func (s *explorerStore) PositionsByID(ctx context.Context, ids []string) ([]kg.Position, error) {
	return timed(s.m, "PositionsByID", func() ([]kg.Position, error) { return s.ex.PositionsByID(ctx, ids) })
}

func (s *explorerStore) ReportsByID(ctx context.Context, ids []string) ([]kg.Report, error) {
	return timed(s.m, "ReportsByID", func() ([]kg.Report, error) { return s.ex.ReportsByID(ctx, ids) })
}

func (s *explorerStore) ParticipantsOf(ctx context.Context, meetingIDs []string, role kg.Role) ([][]kg.Participant, error) {
	return timed(s.m, "ParticipantsOf", func() ([][]kg.Participant, error) {
		return s.ex.ParticipantsOf(ctx, meetingIDs, role)
	})
}

func (s *explorerStore) DivisionRolesOf(ctx context.Context, meetingIDs []string, role kg.Role) ([][]kg.DivisionRole, error) {
	return timed(s.m, "DivisionRolesOf", func() ([][]kg.DivisionRole, error) {
		return s.ex.DivisionRolesOf(ctx, meetingIDs, role)
	})
}

func (s *explorerStore) DirectivesOf(ctx context.Context, meetingIDs []string) ([][]kg.Directive, error) {
	return timed(s.m, "DirectivesOf", func() ([][]kg.Directive, error) { return s.ex.DirectivesOf(ctx, meetingIDs) })
}

func (s *explorerStore) ReportsOf(ctx context.Context, meetingIDs []string) ([][]kg.Report, error) {
	return timed(s.m, "ReportsOf", func() ([][]kg.Report, error) { return s.ex.ReportsOf(ctx, meetingIDs) })
}

func (s *explorerStore) PositionsHeldBy(ctx context.Context, officialIDs []string) ([][]kg.PositionHeld, error) {
	return timed(s.m, "PositionsHeldBy", func() ([][]kg.PositionHeld, error) {
		return s.ex.PositionsHeldBy(ctx, officialIDs)
	})
}

func (s *explorerStore) PositionDatesHeldBy(ctx context.Context, officialIDs []string) ([][]kg.PositionHeld, error) {
	return timed(s.m, "PositionDatesHeldBy", func() ([][]kg.PositionHeld, error) {
		return s.ex.PositionDatesHeldBy(ctx, officialIDs)
	})
}

func (s *explorerStore) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	return timed(s.m, "Search", func() ([]kg.SearchHit, error) { return s.ex.Search(ctx, q) })
}

func (s *explorerStore) Connection(ctx context.Context, fromID, toID string, maxHops int) (kg.Path, error) {
	return timed(s.m, "Connection", func() (kg.Path, error) { return s.ex.Connection(ctx, fromID, toID, maxHops) })
}

func (s *explorerStore) Holders(ctx context.Context, q kg.HolderQuery) ([]kg.Holder, error) {
	return timed(s.m, "Holders", func() ([]kg.Holder, error) { return s.ex.Holders(ctx, q) })
}

func (s *explorerStore) Stats(ctx context.Context, f kg.StatsFilter) (kg.Stats, error) {
	return timed(s.m, "Stats", func() (kg.Stats, error) { return s.ex.Stats(ctx, f) })
}

func (s *explorerStore) OfficialProfile(ctx context.Context, id string, q kg.ProfileQuery) (kg.Profile, error) {
	return timed(s.m, "OfficialProfile", func() (kg.Profile, error) { return s.ex.OfficialProfile(ctx, id, q) })
}
