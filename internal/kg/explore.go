package kg

import (
	"context"
	"fmt"
)

// Explorer is the part of a store that serves the API's batch reads,
// search, relationship queries and dashboards. Every store implements it
// with identical answers; internal/storetest checks that.
type Explorer interface {
	// OfficialsByID returns the officials with the given IDs, in the same
	// order; an ID that names nothing gives a zero Official (ID ""). The
	// same holds for MeetingsByID, DivisionsByID, PositionsByID and
	// ReportsByID. Each is one round trip, whatever the number of IDs, so
	// that the API's loaders avoid N+1 queries.
	OfficialsByID(ctx context.Context, ids []string) ([]Official, error)
	MeetingsByID(ctx context.Context, ids []string) ([]Meeting, error)
	DivisionsByID(ctx context.Context, ids []string) ([]Division, error)
	PositionsByID(ctx context.Context, ids []string) ([]Position, error)
	ReportsByID(ctx context.Context, ids []string) ([]Report, error)

	// ParticipantsOf is MeetingParticipants for many meetings at once, in
	// the order of meetingIDs. Likewise DivisionRolesOf, DirectivesOf
	// (ordered as DirectiveFilter lists them), ReportsOf (as MeetingReports)
	// and PositionsHeldBy (as OfficialPositions).
	ParticipantsOf(ctx context.Context, meetingIDs []string, role Role) ([][]Participant, error)
	DivisionRolesOf(ctx context.Context, meetingIDs []string, role Role) ([][]DivisionRole, error)
	DirectivesOf(ctx context.Context, meetingIDs []string) ([][]Directive, error)
	ReportsOf(ctx context.Context, meetingIDs []string) ([][]Report, error)
	PositionsHeldBy(ctx context.Context, officialIDs []string) ([][]PositionHeld, error)
	// PositionDatesHeldBy is PositionsHeldBy with each position's
	// Evidence nil, for callers that need the first and last sightings
	// alone (see ProfileQuery.PositionDatesOnly).
	PositionDatesHeldBy(ctx context.Context, officialIDs []string) ([][]PositionHeld, error)

	// Search finds officials, divisions, meetings and directives matching a
	// query in simplified or traditional script or in pinyin, ranked by
	// internal/search.Score (descending), then kind (official, division,
	// meeting, directive), then sort key, then ID.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// Connection finds the shortest chain official–meeting–official–…
	// between two officials, through at most maxHops meetings. Among
	// chains of equal length it returns the one whose sequence of IDs
	// (meeting, official, meeting, …) is least. No chain within maxHops
	// gives an empty Path; an unknown official gives ErrNotFound.
	Connection(ctx context.Context, fromID, toID string, maxHops int) (Path, error)

	// Holders lists who held a position title, ordered by last seen
	// (latest first), then official ID.
	Holders(ctx context.Context, q HolderQuery) ([]Holder, error)

	// Stats computes the dashboard aggregates in the store.
	Stats(ctx context.Context, f StatsFilter) (Stats, error)

	// OfficialProfile reads an official together with the lists q asks
	// for, each as OfficialPositions, OfficialMeetings and CoAttendees
	// would return it, in one round trip: an official's page would
	// otherwise cost one round trip per list. It is not a snapshot: a
	// write may land between the parts, as between separate reads. An
	// unknown official gives ErrNotFound; an invalid part of q gives
	// ErrInvalidInput.
	OfficialProfile(ctx context.Context, id string, q ProfileQuery) (Profile, error)
}

// ProfileQuery says what OfficialProfile reads with the official.
type ProfileQuery struct {
	// Positions reads the official's positions as OfficialPositions does.
	Positions bool
	// PositionDatesOnly leaves each position's Evidence nil, for callers
	// that need the first and last sightings alone: an official seen in
	// hundreds of reports holds their positions with a sentence of
	// evidence from each, which a store would otherwise read and send.
	PositionDatesOnly bool
	// Meetings, when set, reads the page of the official's meetings that
	// OfficialMeetings would with this filter and page.
	Meetings *MeetingsQuery
	// CoAttendees, when set, ranks the official's co-attendees as
	// CoAttendees would with this filter.
	CoAttendees *CoAttendeeFilter
}

// Validate checks what the parts' own reads check of their arguments, so
// that a store can refuse an invalid query before it looks the official
// up, as each part alone would. Errors wrap ErrInvalidInput.
func (q ProfileQuery) Validate() error {
	if m := q.Meetings; m != nil {
		if err := m.Page.Validate(); err != nil {
			return fmt.Errorf("meetings: %w", err)
		}
		if r := m.Filter.Role; r != "" && !r.Valid() {
			return fmt.Errorf("meetings: %w: role %q", ErrInvalidInput, r)
		}
	}
	if c := q.CoAttendees; c != nil && (c.First < 0 || c.First > MaxPageSize) {
		return fmt.Errorf("co-attendees: %w: first %d, want 0 to %d", ErrInvalidInput, c.First, MaxPageSize)
	}
	return nil
}

// MeetingsQuery is a filter and a page of OfficialMeetings.
type MeetingsQuery struct {
	Filter MeetingFilter
	Page   Page
}

// Profile is an official with the lists a ProfileQuery asked for; the
// others are nil.
type Profile struct {
	Official    Official
	Positions   []PositionHeld
	Meetings    *Conn[OfficialMeeting]
	CoAttendees []CoAttendee
}

// MaxHops bounds Connection's search.
const MaxHops = 6

// SearchQuery asks Search for at most First hits (0 means DefaultPageSize)
// of the given kinds (none means all four).
type SearchQuery struct {
	Text  string
	Kinds []Kind
	First int
}

// SearchHit is one search result.
type SearchHit struct {
	Kind  Kind
	ID    string
	Score int
	// Entity is what the hit names, as the store's getter for Kind
	// returns it: an Official, Division, Meeting or Directive. Reading it
	// with the hit spares a caller a read per kind.
	Entity any
}

// Path is a chain of officials joined by the meetings they shared:
// Officials[i] and Officials[i+1] both took part in Meetings[i].
type Path struct {
	Officials []Official
	Meetings  []Meeting
}

// HolderQuery selects holders of a title.
type HolderQuery struct {
	// Title is the canonical title, matched exactly (市长).
	Title string
	// DivisionID, when set, keeps positions of that division.
	DivisionID string
	// At, when known, keeps holders seen in the position both at or before
	// it and at or after it (Date.InRange of the first and last sightings
	// against At): the sightings bracket the date.
	At Date
}

// Holder is an official who held a position.
type Holder struct {
	Official  Official
	Position  Position
	FirstSeen Date
	LastSeen  Date
	Evidence  []Evidence
}

// StatsFilter selects the meetings the aggregates count: those held in the
// division or any division within it, in the date range (Date.InRange).
// Top bounds each ranked list (0 means 10).
type StatsFilter struct {
	DivisionID string
	From, To   Date
	Top        int
}

// Stats are the dashboard aggregates over the selected meetings.
type Stats struct {
	Meetings int
	// MeetingsPerMonth counts meetings by month (2020-02), ascending; a
	// meeting whose date has no year or month is not in any month.
	MeetingsPerMonth []MonthCount
	// ParticipationsPerRole counts (official, meeting) pairs by role, each
	// role the pair holds after MostSpecific, in RoleRank order.
	ParticipationsPerRole []RoleCount
	// TopOfficials ranks officials by meetings taken part in (descending),
	// then sort key, then ID.
	TopOfficials []OfficialCount
	// DirectivesPerIssuer ranks issuers (an official's ID or
	// IssuerMeeting) by directives issued, then issuer ID.
	DirectivesPerIssuer []IssuerCount
	// TopReportingDivisions ranks divisions by meetings they reported at,
	// then sort key, then ID.
	TopReportingDivisions []DivisionCount
}

// MonthCount is a count for one month.
type MonthCount struct {
	Month string // YYYY-MM
	Count int
}

// RoleCount is a count for one role.
type RoleCount struct {
	Role  Role
	Count int
}

// OfficialCount is a count for one official.
type OfficialCount struct {
	Official Official
	Count    int
}

// IssuerCount is a count for one issuer.
type IssuerCount struct {
	IssuerID string
	// Official is the issuing official, as Official returns them; the
	// zero Official when the meeting itself issued (IssuerMeeting). A
	// dashboard names its issuers, and reading them with the counts
	// spares it a read.
	Official Official
	Count    int
}

// DivisionCount is a count for one division.
type DivisionCount struct {
	Division Division
	Count    int
}
