package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"officialgraph/internal/kg"
)

// The synthetic divisions. They are invented: the statistics bureau uses no
// code starting with 99, so they never collide with real divisions. 丙区 has
// no code, like a development zone, so it sorts after the coded ones.
var (
	synProvince  = kg.Division{ID: kg.DivisionID("99", "", "测试省"), Name: "测试省", Level: kg.LevelProvince, Code: "99"}
	synCity      = kg.Division{ID: kg.DivisionID("9901", synProvince.ID, "甲市"), Name: "甲市", Level: kg.LevelCity, ParentID: synProvince.ID, Code: "9901"}
	synOtherCity = kg.Division{ID: kg.DivisionID("9902", synProvince.ID, "乙市"), Name: "乙市", Level: kg.LevelCity, ParentID: synProvince.ID, Code: "9902"}
	synDistrict  = kg.Division{ID: kg.DivisionID("", synCity.ID, "丙区"), Name: "丙区", Level: kg.LevelCounty, ParentID: synCity.ID}
)

// SynProvince returns the synthetic province 测试省.
func SynProvince() kg.Division { return synProvince }

// SynCity returns the synthetic city 甲市, in 测试省. Synthetic officials
// serve in it unless a builder is told otherwise.
func SynCity() kg.Division { return synCity }

// SynOtherCity returns the synthetic city 乙市, in 测试省.
func SynOtherCity() kg.Division { return synOtherCity }

// SynDistrict returns the synthetic district 丙区, in 甲市. It has no code.
func SynDistrict() kg.Division { return synDistrict }

// knownDivisions lets a builder list a division's ancestors, so the
// hierarchy of every built report is complete: the synthetic divisions and
// the seed report's.
var knownDivisions = func() map[string]kg.Division {
	m := map[string]kg.Division{}
	for _, d := range append(SeedFacts().Divisions, synProvince, synCity, synOtherCity, synDistrict) {
		m[d.ID] = d
	}
	return m
}()

// A Builder assembles the facts of a synthetic report: an invented report,
// marked Synthetic, written for tests. Entities get the IDs the kg ID
// functions derive from their natural keys, so two builders that name the
// same official, meeting or position produce the same entity, which is how
// tests make reports that share facts.
//
// Each fact gets its own invented evidence sentence; offsets are byte
// offsets into the invented text, so they grow in the order facts are added.
//
// A Builder checks nothing: Facts returns what it was told, and
// kg.ReportFacts.Validate judges it. Methods panic only on a malformed date
// string, which is a mistake in the test itself.
type Builder struct {
	key      string
	revision string
	f        kg.ReportFacts
	text     strings.Builder
	written  map[string]string // official ID → the form this report writes
	orders   map[string]int    // meeting ID → participants so far
	ordinals map[[2]string]int // (meeting, issuer) → directives so far
	meetings map[string]string // meeting ID → name, for sentences
	titles   map[string]string // position ID → title, for sentences
}

// Synthetic starts a synthetic report. key tells reports apart (it makes the
// URL, hence the report ID); published is the publication date in the form
// kg.ParseDate reads ("" for unknown).
func Synthetic(key, published string) *Builder {
	u := "https://example.invalid/synthetic/" + url.PathEscape(key)
	return &Builder{
		key: key,
		f: kg.ReportFacts{Report: kg.Report{
			ID:          kg.ReportID(u, ""),
			Title:       "合成报道 " + key,
			URL:         u,
			PublishedAt: mustDate(published),
			Journalists: []string{"测试记者"},
			Synthetic:   true,
		}},
		written:  map[string]string{},
		orders:   map[string]int{},
		ordinals: map[[2]string]int{},
		meetings: map[string]string{},
		titles:   map[string]string{},
	}
}

// Revision sets a revision label that changes the report's SHA-256 but none
// of its facts, to test replacing a report by an identical correction.
func (b *Builder) Revision(rev string) *Builder {
	b.revision = rev
	return b
}

// ReportID returns the ID of the report being built.
func (b *Builder) ReportID() string { return b.f.Report.ID }

// Division lists d, and its ancestors among the synthetic and the seed
// divisions, among the report's divisions, and returns d's ID.
func (b *Builder) Division(d kg.Division) string {
	if d.ID == "" {
		return ""
	}
	if slices.ContainsFunc(b.f.Divisions, func(x kg.Division) bool { return x.ID == d.ID }) {
		return d.ID
	}
	if p, ok := knownDivisions[d.ParentID]; ok {
		b.Division(p)
	}
	b.f.Divisions = append(b.f.Divisions, d)
	return d.ID
}

// Official lists an official serving in SynCity and returns its ID. aliases
// are the forms the report writes the name in (traditional characters, for
// example); the first is the form its participations are written in. A name
// with a '?' is garbled and scoped to the report, as kg.OfficialID asks.
func (b *Builder) Official(name, pinyin string, aliases ...string) string {
	return b.OfficialIn(synCity, name, pinyin, aliases...)
}

// OfficialIn is Official for an official serving in scope, which need not be
// listed in the report: a scope only names.
func (b *Builder) OfficialIn(scope kg.Division, name, pinyin string, aliases ...string) string {
	garbled := strings.Contains(name, "?")
	id := kg.OfficialID(scope.ID, name)
	if garbled {
		id = kg.OfficialID(b.f.Report.ID, name)
	}
	if _, ok := b.written[id]; ok {
		return id
	}
	b.written[id] = name
	if len(aliases) > 0 {
		b.written[id] = aliases[0]
	}
	b.f.Officials = append(b.f.Officials, kg.Official{
		ID:      id,
		Name:    name,
		Aliases: slices.Clone(aliases),
		Pinyin:  pinyin,
		Garbled: garbled,
	})
	return id
}

// Meeting lists a meeting held in div (the zero Division for unknown) and
// returns its ID. date is in the form kg.ParseDate reads.
func (b *Builder) Meeting(name, date, kind string, div kg.Division) string {
	d := mustDate(date)
	divID := b.Division(div)
	id := kg.MeetingID(divID, d, name)
	if _, ok := b.meetings[id]; ok {
		return id
	}
	b.meetings[id] = name
	b.f.Meetings = append(b.f.Meetings, kg.Meeting{ID: id, Name: name, Date: d, Kind: kind, DivisionID: divID})
	return id
}

// Position lists an office in div and returns its ID.
func (b *Builder) Position(title, org string, div kg.Division) string {
	divID := b.Division(div)
	id := kg.PositionID(title, org, divID)
	if _, ok := b.titles[id]; !ok {
		b.titles[id] = title
		b.f.Positions = append(b.f.Positions, kg.Position{ID: id, Title: title, Organization: org, DivisionID: divID})
	}
	return id
}

// Tenure records that the report saw an official holding a position on seen,
// and returns the evidence it made up for it.
func (b *Builder) Tenure(officialID, positionID, seen string) kg.Evidence {
	ev := b.say(fmt.Sprintf("%s任%s。", b.written[officialID], b.titles[positionID]))
	b.f.Tenures = append(b.f.Tenures, kg.Tenure{
		OfficialID: officialID,
		PositionID: positionID,
		Seen:       mustDate(seen),
		Evidence:   ev,
	})
	return ev
}

// Participant records an official's part in a meeting, with the titles the
// report gives them, and returns the evidence it made up for it. Participants
// are ordered as they are added.
func (b *Builder) Participant(meetingID, officialID string, roles []kg.Role, titles ...string) kg.Evidence {
	verb := "出席"
	if len(roles) > 0 {
		verb = verbs[roles[0]]
	}
	ev := b.say(fmt.Sprintf("%s%s%s%s。", strings.Join(titles, "、"), b.written[officialID], verb, b.meetings[meetingID]))
	b.f.Participations = append(b.f.Participations, kg.Participation{
		OfficialID: officialID,
		MeetingID:  meetingID,
		Roles:      slices.Clone(roles),
		Titles:     slices.Clone(titles),
		Alias:      b.written[officialID],
		Order:      b.orders[meetingID],
		Evidence:   ev,
	})
	b.orders[meetingID]++
	return ev
}

// DivisionRole records a division's part in a meeting, listing the division
// if need be, and returns the evidence it made up for it.
func (b *Builder) DivisionRole(meetingID string, div kg.Division, role kg.Role) kg.Evidence {
	b.Division(div)
	ev := b.say(fmt.Sprintf("%s%s%s。", div.Name, verbs[role], b.meetings[meetingID]))
	b.f.DivisionParticipations = append(b.f.DivisionParticipations, kg.DivisionParticipation{
		DivisionID: div.ID,
		MeetingID:  meetingID,
		Role:       role,
		Evidence:   ev,
	})
	return ev
}

// Directive records an instruction issued at a meeting by an official (or
// kg.IssuerMeeting), with its text as evidence, and returns its ID. Ordinals
// count from 1 per meeting and issuer, in the order directives are added.
func (b *Builder) Directive(meetingID, issuerID, text string) string {
	k := [2]string{meetingID, issuerID}
	b.ordinals[k]++
	id := kg.DirectiveID(meetingID, issuerID, b.ordinals[k], text)
	b.f.Directives = append(b.f.Directives, kg.Directive{
		ID:        id,
		MeetingID: meetingID,
		IssuerID:  issuerID,
		Ordinal:   b.ordinals[k],
		Text:      text,
		Evidence:  []kg.Evidence{b.say(text)},
	})
	return id
}

// verbs make the invented sentences read like a report.
var verbs = map[kg.Role]string{
	kg.RolePresided: "主持",
	kg.RoleSpoke:    "讲话于",
	kg.RoleReported: "汇报于",
	kg.RoleAttended: "出席",
}

// Facts returns the report's facts, as a new value the caller may change.
// The report's SHA-256 covers the facts and the revision, so building the
// same report twice gives the same hash and changing anything changes it.
func (b *Builder) Facts() *kg.ReportFacts {
	f := CloneFacts(&b.f)
	sum := sha256.Sum256(fmt.Appendf(nil, "%#v\x00%s", b.f, b.revision))
	f.Report.SHA256 = hex.EncodeToString(sum[:])
	return f
}

// CloneFacts returns a deep copy of f, sharing no slice with it.
func CloneFacts(f *kg.ReportFacts) *kg.ReportFacts {
	c := *f
	c.Report.Journalists = slices.Clone(f.Report.Journalists)
	c.Officials = slices.Clone(f.Officials)
	for i := range c.Officials {
		c.Officials[i].Aliases = slices.Clone(c.Officials[i].Aliases)
	}
	c.Divisions = slices.Clone(f.Divisions)
	c.Positions = slices.Clone(f.Positions)
	c.Meetings = slices.Clone(f.Meetings)
	c.Tenures = slices.Clone(f.Tenures)
	c.Participations = slices.Clone(f.Participations)
	for i := range c.Participations {
		c.Participations[i].Roles = slices.Clone(c.Participations[i].Roles)
		c.Participations[i].Titles = slices.Clone(c.Participations[i].Titles)
	}
	c.DivisionParticipations = slices.Clone(f.DivisionParticipations)
	c.Directives = slices.Clone(f.Directives)
	for i := range c.Directives {
		c.Directives[i].Evidence = slices.Clone(c.Directives[i].Evidence)
	}
	return &c
}

// say appends a sentence to the invented text and returns it as evidence.
func (b *Builder) say(sentence string) kg.Evidence {
	ev := kg.Evidence{ReportID: b.f.Report.ID, Sentence: sentence, Offset: b.text.Len()}
	b.text.WriteString(sentence)
	return ev
}

func mustDate(s string) kg.Date {
	d, err := kg.ParseDate(s)
	if err != nil {
		panic(fmt.Sprintf("storetest: %v", err))
	}
	return d
}
