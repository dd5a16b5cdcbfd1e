package kg

import (
	"fmt"
	"slices"
)

// ReportFacts is everything one report contributes to the graph. A store
// writes it in one transaction: all of it or nothing.
//
// Officials, Divisions, Positions and Meetings list every entity the facts
// refer to; facts never refer to an entity missing from the lists (Validate
// checks it). Division parents that are not themselves mentioned are listed
// too, so the hierarchy is complete.
type ReportFacts struct {
	Report                 Report
	Officials              []Official
	Divisions              []Division
	Positions              []Position
	Meetings               []Meeting
	Tenures                []Tenure
	Participations         []Participation
	DivisionParticipations []DivisionParticipation
	Directives             []Directive
}

// Validate checks that f is well formed: IDs of the right kinds, no
// duplicates, references resolved within f, roles valid, evidence pointing at
// this report. Errors wrap ErrInvalidInput.
func (f *ReportFacts) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: report %s: %s", ErrInvalidInput, f.Report.ID, fmt.Sprintf(format, args...))
	}
	if k, ok := KindOf(f.Report.ID); !ok || k != KindReport {
		return bad("report ID %q is not a report ID", f.Report.ID)
	}
	// A date must be one that its string form gives back: stores keep and
	// order dates by that form.
	date := func(what string, d Date) error {
		if d == (Date{}) {
			return nil
		}
		if back, err := ParseDate(d.String()); err != nil || back != d {
			return bad("%s: %+v is not a valid date", what, d)
		}
		return nil
	}
	if err := date("publishedAt", f.Report.PublishedAt); err != nil {
		return err
	}
	ids := map[string]Kind{}
	add := func(id string, want Kind) error {
		if k, ok := KindOf(id); !ok || k != want {
			return bad("ID %q is not a %s ID", id, want)
		}
		if _, dup := ids[id]; dup {
			return bad("ID %q listed twice", id)
		}
		ids[id] = want
		return nil
	}
	has := func(id string, want Kind) bool { return ids[id] == want }
	ev := func(what string, e Evidence) error {
		if e.ReportID != f.Report.ID {
			return bad("%s: evidence from report %q, not this one", what, e.ReportID)
		}
		return nil
	}
	for _, o := range f.Officials {
		if err := add(o.ID, KindOfficial); err != nil {
			return err
		}
		if o.Name == "" {
			return bad("official %s has no name", o.ID)
		}
	}
	for _, d := range f.Divisions {
		if err := add(d.ID, KindDivision); err != nil {
			return err
		}
		if d.Name == "" || !d.Level.Valid() {
			return bad("division %s: name %q, level %q", d.ID, d.Name, d.Level)
		}
	}
	for _, d := range f.Divisions {
		if d.ParentID != "" && !has(d.ParentID, KindDivision) {
			return bad("division %s: parent %s not listed", d.ID, d.ParentID)
		}
	}
	for _, p := range f.Positions {
		if err := add(p.ID, KindPosition); err != nil {
			return err
		}
		if p.Title == "" {
			return bad("position %s has no title", p.ID)
		}
		if p.DivisionID != "" && !has(p.DivisionID, KindDivision) {
			return bad("position %s: division %s not listed", p.ID, p.DivisionID)
		}
	}
	for _, m := range f.Meetings {
		if err := add(m.ID, KindMeeting); err != nil {
			return err
		}
		if m.Name == "" {
			return bad("meeting %s has no name", m.ID)
		}
		if err := date("meeting "+m.ID, m.Date); err != nil {
			return err
		}
		if m.DivisionID != "" && !has(m.DivisionID, KindDivision) {
			return bad("meeting %s: division %s not listed", m.ID, m.DivisionID)
		}
	}
	for _, d := range f.Directives {
		if err := add(d.ID, KindDirective); err != nil {
			return err
		}
		if !has(d.MeetingID, KindMeeting) {
			return bad("directive %s: meeting %s not listed", d.ID, d.MeetingID)
		}
		if d.IssuerID != IssuerMeeting && !has(d.IssuerID, KindOfficial) {
			return bad("directive %s: issuer %s not listed", d.ID, d.IssuerID)
		}
		if d.Text == "" {
			return bad("directive %s has no text", d.ID)
		}
		if len(d.Evidence) != 1 {
			return bad("directive %s: want exactly one evidence, got %d", d.ID, len(d.Evidence))
		}
		if err := ev("directive", d.Evidence[0]); err != nil {
			return err
		}
	}
	type pair struct{ a, b string }
	seen := map[pair]bool{}
	for _, p := range f.Participations {
		if !has(p.OfficialID, KindOfficial) || !has(p.MeetingID, KindMeeting) {
			return bad("participation %s at %s: entity not listed", p.OfficialID, p.MeetingID)
		}
		if seen[pair{p.OfficialID, p.MeetingID}] {
			return bad("participation %s at %s listed twice", p.OfficialID, p.MeetingID)
		}
		seen[pair{p.OfficialID, p.MeetingID}] = true
		if len(p.Roles) == 0 {
			return bad("participation %s at %s has no role", p.OfficialID, p.MeetingID)
		}
		for _, r := range p.Roles {
			if !r.Valid() {
				return bad("participation %s at %s: role %q", p.OfficialID, p.MeetingID, r)
			}
		}
		if err := ev("participation", p.Evidence); err != nil {
			return err
		}
	}
	clear(seen)
	for _, t := range f.Tenures {
		if !has(t.OfficialID, KindOfficial) || !has(t.PositionID, KindPosition) {
			return bad("tenure %s in %s: entity not listed", t.OfficialID, t.PositionID)
		}
		if seen[pair{t.OfficialID, t.PositionID}] {
			return bad("tenure %s in %s listed twice", t.OfficialID, t.PositionID)
		}
		seen[pair{t.OfficialID, t.PositionID}] = true
		if err := date("tenure", t.Seen); err != nil {
			return err
		}
		if err := ev("tenure", t.Evidence); err != nil {
			return err
		}
	}
	clear(seen)
	for _, d := range f.DivisionParticipations {
		if !has(d.DivisionID, KindDivision) || !has(d.MeetingID, KindMeeting) {
			return bad("division participation %s at %s: entity not listed", d.DivisionID, d.MeetingID)
		}
		if !d.Role.Valid() {
			return bad("division participation %s at %s: role %q", d.DivisionID, d.MeetingID, d.Role)
		}
		if seen[pair{d.DivisionID + string(d.Role), d.MeetingID}] {
			return bad("division participation %s at %s as %s listed twice", d.DivisionID, d.MeetingID, d.Role)
		}
		seen[pair{d.DivisionID + string(d.Role), d.MeetingID}] = true
		if err := ev("division participation", d.Evidence); err != nil {
			return err
		}
	}
	return nil
}

// MostSpecific reduces roles to the most specific ones, sorted and without
// duplicates: presiding, speaking and reporting imply attending, so
// [attended spoke] becomes [spoke].
func MostSpecific(roles []Role) []Role {
	out := make([]Role, 0, len(roles))
	specific := false
	for _, r := range roles {
		if r != RoleAttended {
			specific = true
		}
	}
	for _, r := range roles {
		if specific && r == RoleAttended {
			continue
		}
		out = append(out, r)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// HasRole reports whether roles, as reduced by MostSpecific, include r.
// Every participant attended, so RoleAttended matches any non-empty roles.
func HasRole(roles []Role, r Role) bool {
	if r == RoleAttended {
		return len(roles) > 0
	}
	return slices.Contains(roles, r)
}
