package kg

// Role is what an official or a division did at a meeting.
type Role string

// The roles. Presiding, speaking and reporting imply attendance; a fact lists
// only its most specific roles (see MostSpecific).
const (
	RolePresided Role = "presided"
	RoleSpoke    Role = "spoke"
	RoleAttended Role = "attended"
	RoleReported Role = "reported"
)

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	switch r {
	case RolePresided, RoleSpoke, RoleAttended, RoleReported:
		return true
	}
	return false
}

// RoleRank orders roles for listing participants: presided, spoke,
// reported, attended.
func RoleRank(r Role) int {
	switch r {
	case RolePresided:
		return 0
	case RoleSpoke:
		return 1
	case RoleReported:
		return 2
	}
	return 3
}

// Level is the level of an administrative division.
type Level string

// The division levels. Township-level units are not modelled yet.
const (
	LevelProvince Level = "province"
	LevelCity     Level = "city"
	LevelCounty   Level = "county"
)

// Valid reports whether l is one of the levels.
func (l Level) Valid() bool {
	return l == LevelProvince || l == LevelCity || l == LevelCounty
}

// IssuerMeeting is the IssuerID of a directive the report attributes to the
// meeting itself (会议指出, 会议强调, 会议要求).
const IssuerMeeting = "meeting"

// Evidence is the sentence of a report that a fact was read from.
type Evidence struct {
	ReportID string
	Sentence string // canonical (simplified) form
	Offset   int    // byte offset of the sentence in the original report text; -1 if unknown
}

// Report is one news report, the source of facts.
type Report struct {
	ID          string
	Title       string
	URL         string
	PublishedAt Date
	Journalists []string
	SHA256      string // hex SHA-256 of the report's original bytes
	Synthetic   bool   // an invented report, written for tests
}

// Official is a person holding public office.
type Official struct {
	ID      string
	Name    string   // canonical simplified name; a lost character stays '?'
	Aliases []string // forms as written in the reports (traditional, etc.), sorted, without Name
	Pinyin  string   // toneless, space-separated syllables, e.g. "liu fei"
	Garbled bool     // the name has a lost character
}

// Division is an administrative division.
type Division struct {
	ID       string
	Name     string
	Level    Level
	ParentID string // "" for a province or an unknown parent
	Code     string // statistics-bureau code when known
}

// Position is an office: a title in an organisation of a division.
type Position struct {
	ID           string
	Title        string // e.g. 市委书记
	Organization string // e.g. 娄底市委
	DivisionID   string // "" when unknown
}

// Meeting is a meeting, an inspection or another event officials attend.
type Meeting struct {
	ID         string
	Name       string
	Date       Date
	Kind       string // e.g. 部署会议, 常委会会议, 调研
	DivisionID string // the jurisdiction; "" when unknown
}

// Directive is an instruction issued at a meeting.
type Directive struct {
	ID        string
	MeetingID string
	IssuerID  string // an official's ID, or IssuerMeeting
	Ordinal   int    // 1-based order within the meeting's directives of this issuer
	Text      string
	// Evidence is the sentence each supporting report gives. In ReportFacts
	// it holds exactly one entry, from that report; read back, one per
	// supporting report, ordered by report ID then offset.
	Evidence []Evidence
}

// Tenure is one observation of an official holding a position: the report
// that saw it and the date it was seen.
type Tenure struct {
	OfficialID string
	PositionID string
	Seen       Date
	Evidence   Evidence
}

// Participation is an official's part in a meeting, as one report tells it.
type Participation struct {
	OfficialID string
	MeetingID  string
	Roles      []Role   // most specific roles, sorted
	Titles     []string // titles held at the time, as the report gives them
	Alias      string   // the name as written in this report
	Order      int      // 0-based position of the official among this report's participants of the meeting
	Evidence   Evidence
}

// DivisionParticipation is a division's part in a meeting.
type DivisionParticipation struct {
	DivisionID string
	MeetingID  string
	Role       Role
	Evidence   Evidence
}
