package kg

import (
	"context"
	"fmt"
)

// Store is the graph's storage. Every method is bounded by its context and
// safe for concurrent use. Errors wrap ErrNotFound, ErrInvalidInput or
// ErrUnavailable where those apply.
//
// Lists are ordered by the entity's sort key (see OfficialSortKey and the
// others), then by ID, and paginated with kg.Window semantics.
//
// Facts read back merge what every supporting report says: a participation's
// roles are the most specific of all reports' roles (MostSpecific); its titles
// are each report's titles in report-ID order, first occurrence kept; its
// evidence is one entry per report, ordered by report ID then offset. An
// official's aliases are the forms written in the reports that still support
// them (sorted, without the canonical name). A participant's rank is the
// lowest RoleRank of its roles; its order the lowest Order of its reports.
// When reports disagree about an entity's attributes (a meeting's kind, an
// official's pinyin), the entity shows those of its supporting report with
// the least ID, so deleting that report brings back what the others say.
type Store interface {
	// WriteReport writes all facts of one report atomically. Writing a report
	// whose ID and SHA256 are already stored changes nothing and returns
	// WriteUnchanged; a stored report with the same ID and another SHA256 is
	// replaced (its old facts removed, as DeleteReport would) in the same
	// transaction. A failure leaves nothing of the report.
	WriteReport(ctx context.Context, f *ReportFacts) (WriteResult, error)
	// WriteReports writes reports in order, each as WriteReport would, in
	// one transaction: either every report is written and the results come
	// back in the same order, or none is and the error, when one report is
	// at fault, wraps a *ReportError naming it. It accepts at most
	// MaxWriteBatch reports. One transaction for many reports spares each
	// report a commit, which over a database server costs more than
	// writing it.
	WriteReports(ctx context.Context, fs []*ReportFacts) ([]WriteResult, error)
	// DeleteReport removes a report and exactly the facts that only it
	// supported. Deleting an unknown report returns ErrNotFound.
	DeleteReport(ctx context.Context, id string) error

	Official(ctx context.Context, id string) (Official, error)
	Meeting(ctx context.Context, id string) (Meeting, error)
	Division(ctx context.Context, id string) (Division, error)
	Position(ctx context.Context, id string) (Position, error)
	Directive(ctx context.Context, id string) (Directive, error)
	Report(ctx context.Context, id string) (Report, error)

	Officials(ctx context.Context, f OfficialFilter, p Page) (Conn[Official], error)
	Meetings(ctx context.Context, f MeetingFilter, p Page) (Conn[Meeting], error)
	Divisions(ctx context.Context, f DivisionFilter, p Page) (Conn[Division], error)
	Directives(ctx context.Context, f DirectiveFilter, p Page) (Conn[Directive], error)
	Reports(ctx context.Context, p Page) (Conn[Report], error)

	// OfficialMeetings lists the meetings an official took part in, ordered
	// by meeting date then ID, with roles, titles and evidence. The filter's
	// Role, From and To apply; its other fields are ignored.
	OfficialMeetings(ctx context.Context, officialID string, f MeetingFilter, p Page) (Conn[OfficialMeeting], error)
	// MeetingParticipants lists a meeting's participants in the order
	// roles rank (presided, spoke, reported, attended), then by the order
	// the reports name them, then ID. A non-empty role keeps only
	// participants with that role (HasRole).
	MeetingParticipants(ctx context.Context, meetingID string, role Role) ([]Participant, error)
	// MeetingDivisions lists the divisions that took part in a meeting,
	// ordered by division sort key then ID, then role. A non-empty role
	// keeps only that role.
	MeetingDivisions(ctx context.Context, meetingID string, role Role) ([]DivisionRole, error)
	// MeetingReports lists the reports that tell of a meeting, ordered by
	// report sort key then ID.
	MeetingReports(ctx context.Context, meetingID string) ([]Report, error)
	// OfficialPositions lists the positions an official was seen holding,
	// ordered by first seen then position ID. FirstSeen and LastSeen are the
	// least and greatest known Seen dates by their string form.
	OfficialPositions(ctx context.Context, officialID string) ([]PositionHeld, error)
	// CoAttendees ranks the officials who attended meetings with an
	// official by the number of shared meetings (descending), then sort key,
	// then ID.
	CoAttendees(ctx context.Context, officialID string, f CoAttendeeFilter) ([]CoAttendee, error)
	// Counts returns how many of each entity and fact the store holds.
	Counts(ctx context.Context) (Counts, error)
	// Ping reports whether the store can serve requests.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close(ctx context.Context) error
}

// MaxWriteBatch bounds the reports of one WriteReports call, and so the
// size of one transaction.
const MaxWriteBatch = 256

// ReportError is the error of one report in a batch of reports.
type ReportError struct {
	ID  string // the report's ID; empty when its facts were nil
	Err error
}

func (e *ReportError) Error() string {
	if e.ID == "" {
		return "report without facts: " + e.Err.Error()
	}
	return "report " + e.ID + ": " + e.Err.Error()
}

func (e *ReportError) Unwrap() error { return e.Err }

// CheckBatch checks the size of a WriteReports batch.
func CheckBatch(fs []*ReportFacts) error {
	if len(fs) > MaxWriteBatch {
		return fmt.Errorf("%w: %d reports in one batch, over the limit of %d", ErrInvalidInput, len(fs), MaxWriteBatch)
	}
	return nil
}

// WriteResult tells what WriteReport did.
type WriteResult string

// The outcomes of WriteReport.
const (
	WriteCreated   WriteResult = "created"
	WriteUnchanged WriteResult = "unchanged"
	WriteReplaced  WriteResult = "replaced"
)

// OfficialFilter selects officials. Zero fields select everything.
type OfficialFilter struct {
	// Name matches officials whose name or an alias contains it.
	Name string
	// DivisionID matches officials who held a position in the division or
	// took part in a meeting held in it.
	DivisionID string
	// PositionTitle matches officials who held a position whose title
	// contains it.
	PositionTitle string
	// Role, From and To match officials who took part in a meeting in that
	// role (HasRole) within the date range (Date.InRange).
	Role     Role
	From, To Date
}

// MeetingFilter selects meetings. Zero fields select everything.
type MeetingFilter struct {
	From, To   Date   // Date.InRange
	DivisionID string // held in the division
	AttendeeID string // the official took part
	// Role matches meetings where the attendee (or, without AttendeeID,
	// anyone) had the role (HasRole).
	Role  Role
	Kind  string // equal
	Text  string // name contains
	Order Order
}

// DivisionFilter selects divisions. Zero fields select everything.
type DivisionFilter struct {
	Level    Level
	ParentID string
	Name     string // name contains
}

// DirectiveFilter selects directives. Zero fields select everything.
type DirectiveFilter struct {
	IssuerID   string // an official's ID or IssuerMeeting
	MeetingID  string
	DivisionID string // the meeting was held in the division
	From, To   Date   // the meeting's date, Date.InRange
	Text       string // text contains
}

// CoAttendeeFilter selects and bounds co-attendees.
type CoAttendeeFilter struct {
	MinShared int  // at least this many shared meetings; values below 1 mean 1
	From, To  Date // only meetings in range count
	First     int  // at most this many; 0 means DefaultPageSize
	// CountOnly leaves each CoAttendee's MeetingIDs nil, for callers that
	// need Shared alone: listing the meetings a busy official shares with
	// each of the first costs more than ranking them.
	CountOnly bool
}

// OfficialMeeting is a meeting as one official took part in it.
type OfficialMeeting struct {
	Meeting  Meeting
	Roles    []Role
	Titles   []string
	Evidence []Evidence
}

// Participant is an official as they took part in one meeting.
type Participant struct {
	Official Official
	Roles    []Role
	Titles   []string
	Evidence []Evidence
}

// DivisionRole is a division's part in one meeting.
type DivisionRole struct {
	Division Division
	Role     Role
	Evidence []Evidence
}

// PositionHeld is a position as one official was seen holding it.
type PositionHeld struct {
	Position  Position
	FirstSeen Date
	LastSeen  Date
	Evidence  []Evidence // one per supporting report
}

// CoAttendee is an official who shared meetings with another.
type CoAttendee struct {
	Official   Official
	Shared     int
	MeetingIDs []string // ordered by meeting sort key then ID
}

// Counts is how many of each entity and fact a store holds. Participations
// count (official, meeting) pairs, Tenures (official, position) pairs, and
// DivisionParticipations (division, meeting, role) triples.
type Counts struct {
	Reports, Officials, Positions, Meetings, Divisions, Directives int
	Participations, Tenures, DivisionParticipations                int
}
