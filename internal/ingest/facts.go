package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"officialgraph/internal/extract"
	"officialgraph/internal/gazetteer"
	"officialgraph/internal/kg"
	"officialgraph/internal/names"
)

// Meta is a report's sidecar metadata (NAME.meta.json).
type Meta struct {
	Title       string  `json:"title"`
	PublishedAt *string `json:"publishedAt"`
	URL         *string `json:"url"`
	Synthetic   bool    `json:"synthetic"`
}

// MaxParticipants bounds the participants one report names, counted over
// its meetings. The largest count in the corpora is 12 (the seed report)
// and the longest real lists run to a few hundred names; 2,000 leaves a
// wide margin above those. A report past it is a generated or pasted list,
// not a meeting report, and every name in it would become an official of
// the graph.
const MaxParticipants = 2000

// Facts turns one report's extraction into the facts a store writes. raw is
// the report's original bytes: their SHA-256 names the report when it has no
// URL. Facts the extraction states but cannot support (an unknown role, an
// unparseable date) are dropped with a warning rather than guessed. An
// extraction naming more than MaxParticipants participants is refused with
// an error wrapping kg.ErrInvalidInput. Evidence sentences longer than
// extract.MaxEvidenceRunes are cut as the extractor cuts its own; a
// directive's text is kept whole.
func Facts(e *Extraction, meta Meta, raw []byte) (*kg.ReportFacts, []ExtractionWarning, error) {
	n := 0
	for _, m := range e.Meetings {
		n += len(m.Participants)
	}
	if n > MaxParticipants {
		return nil, nil, fmt.Errorf("%w: %d participants named, over the limit of %d for one report", kg.ErrInvalidInput, n, MaxParticipants)
	}
	sum := sha256.Sum256(raw)
	b := &builder{
		raw:       raw,
		f:         &kg.ReportFacts{},
		officials: map[string]*kg.Official{},
		divisions: map[string]kg.Division{},
		positions: map[string]kg.Position{},
		tenures:   map[[2]string]bool{},
	}
	rep := &b.f.Report
	rep.SHA256 = hex.EncodeToString(sum[:])
	rep.Title = firstNonEmpty(meta.Title, e.Report.Title)
	url := firstNonEmpty(deref(meta.URL), deref(e.Report.URL))
	rep.URL = url
	rep.ID = kg.ReportID(url, rep.SHA256)
	rep.Synthetic = meta.Synthetic || e.Report.Synthetic
	rep.Journalists = slices.Clone(e.Report.Reporters)
	published := firstNonEmpty(deref(meta.PublishedAt), e.Report.PublishedAt)
	if d, err := kg.ParseDate(published); err != nil {
		return nil, nil, fmt.Errorf("publishedAt: %w", err)
	} else {
		rep.PublishedAt = d
	}
	if rep.Title == "" {
		rep.Title = "(untitled)"
	}
	for i := range e.Meetings {
		b.meeting(&e.Meetings[i])
	}
	b.finish()
	if err := b.f.Validate(); err != nil {
		return nil, b.warnings, err
	}
	return b.f, b.warnings, nil
}

type builder struct {
	raw       []byte // the report's original bytes, which evidence offsets point into
	f         *kg.ReportFacts
	warnings  []ExtractionWarning
	officials map[string]*kg.Official
	divisions map[string]kg.Division
	positions map[string]kg.Position
	tenures   map[[2]string]bool
}

func (b *builder) warn(code, format string, args ...any) {
	b.warnings = append(b.warnings, ExtractionWarning{Code: code, Message: fmt.Sprintf(format, args...), Offset: -1})
}

// evidence is a sentence of the report at offset; a negative offset is no
// place in the text. A sentence longer than extract.MaxEvidenceRunes, which
// extraction JSON from elsewhere than the extractor may give, is cut as the
// extractor cuts its own (see extract.Excerpt), around the first of
// mentions it contains. The offset follows the cut when the report's bytes
// at offset are the sentence's, as they are in a report written in UTF-8
// simplified characters; when they are not, the byte the cut starts at
// cannot be known, and the excerpt keeps the sentence's start.
//
// With no mentions the excerpt is the sentence's start: a sentence that is
// not the fact's own (the meeting's, standing in for that of each of its
// participants) is cut without a search through it for every fact.
func (b *builder) evidence(sentence string, offset int, mentions ...string) kg.Evidence {
	offset = max(offset, -1)
	from, to := 0, 0
	if len(sentence) > extract.MaxEvidenceRunes {
		for _, m := range mentions {
			if m = strings.TrimSpace(m); m == "" {
				continue
			}
			if i := strings.Index(sentence, m); i >= 0 {
				from, to = i, i+len(m)
				break
			}
		}
	}
	ev, start := extract.Excerpt(sentence, from, to)
	if start > 0 && offset >= 0 {
		if offset <= len(b.raw) && bytes.HasPrefix(b.raw[offset:], []byte(sentence[:start])) {
			offset += start
		} else {
			ev, _ = extract.Excerpt(sentence, 0, 0)
		}
	}
	return kg.Evidence{ReportID: b.f.Report.ID, Sentence: ev, Offset: offset}
}

// place is a division as resolved for one report: its ID and, when the
// statistics bureau's list knows it, that entry.
type place struct {
	id  string
	gaz *gazetteer.Division
	kg  kg.Division
}

// addGazetteer adds a listed division and its ancestors to the facts.
func (b *builder) addGazetteer(d gazetteer.Division) place {
	var parentID string
	if p, ok := gazetteer.Parent(d); ok {
		parentID = b.addGazetteer(p).id
	}
	kd := kg.Division{ID: kg.DivisionID(d.Code, "", ""), Name: d.Name, Level: kg.Level(d.Level), ParentID: parentID, Code: d.Code}
	b.divisions[kd.ID] = kd
	return place{id: kd.ID, gaz: &d, kg: kd}
}

// division resolves a division name, within the jurisdiction of the
// meeting when one is known. A name the list does not carry becomes a
// division of its own under the jurisdiction, with its level read from its
// suffix.
func (b *builder) division(name string, within *place) (place, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return place{}, false
	}
	cands := gazetteer.Lookup(name)
	if within != nil && within.gaz != nil && len(cands) > 1 {
		scope := cityOf(*within.gaz)
		var in []gazetteer.Division
		for _, c := range cands {
			if c.Code == scope.Code || gazetteer.Within(c, scope) {
				in = append(in, c)
			}
		}
		cands = in
	}
	if len(cands) == 1 {
		return b.addGazetteer(cands[0]), true
	}
	if within != nil && within.gaz != nil {
		if d, ok := gazetteer.ResolveShort(name, cityOf(*within.gaz).Name); ok {
			return b.addGazetteer(d), true
		}
	}
	if len(cands) > 1 {
		b.warn("ambiguous_division", "division %s: %d divisions of that name and no jurisdiction to choose by", name, len(cands))
	}
	level := levelBySuffix(name, within)
	var parentID string
	if within != nil && level != kg.LevelProvince {
		parentID = within.id
		if within.kg.Level == kg.LevelCounty && within.kg.ParentID != "" {
			parentID = within.kg.ParentID
		}
	}
	kd := kg.Division{ID: kg.DivisionID("", parentID, name), Name: name, Level: level, ParentID: parentID}
	b.divisions[kd.ID] = kd
	return place{id: kd.ID, kg: kd}, true
}

// inferCity finds the one city that every listed division named in a
// meeting's titles and division roles belongs to. It gives up when the names
// are ambiguous or span several cities.
func inferCity(m *extract.Meeting) (gazetteer.Division, bool) {
	var names []string
	for _, p := range m.Participants {
		for _, t := range p.Titles {
			if t.Division != "" {
				names = append(names, t.Division)
			}
		}
	}
	for _, d := range m.Divisions {
		names = append(names, d.Name)
	}
	var city gazetteer.Division
	for _, n := range names {
		cands := gazetteer.Lookup(n)
		if len(cands) != 1 {
			continue
		}
		c := cityOf(cands[0])
		if c.Level != gazetteer.LevelCity {
			return gazetteer.Division{}, false
		}
		if city.Code != "" && c.Code != city.Code {
			return gazetteer.Division{}, false
		}
		city = c
	}
	return city, city.Code != ""
}

// cityOf returns the city a division belongs to (itself for a city or a
// province-level unit).
func cityOf(d gazetteer.Division) gazetteer.Division {
	for d.Level == gazetteer.LevelCounty {
		p, ok := gazetteer.Parent(d)
		if !ok {
			break
		}
		d = p
	}
	return d
}

func levelBySuffix(name string, within *place) kg.Level {
	switch {
	case strings.HasSuffix(name, "省") || strings.HasSuffix(name, "自治区"):
		return kg.LevelProvince
	case strings.HasSuffix(name, "市") && within == nil:
		return kg.LevelCity
	case strings.HasSuffix(name, "州") || strings.HasSuffix(name, "盟"):
		return kg.LevelCity
	}
	return kg.LevelCounty
}

func (b *builder) meeting(m *extract.Meeting) {
	date, err := kg.ParseDate(m.Date)
	if err != nil {
		b.warn("bad_date", "meeting %s: %v; date left unknown", m.Name, err)
	}
	var juris *place
	if p, ok := b.division(m.Jurisdiction, nil); ok {
		juris = &p
	} else if city, ok := inferCity(m); ok {
		// An inspection tour often names only the counties visited: their
		// common city is the jurisdiction of the city officials touring.
		p := b.addGazetteer(city)
		juris = &p
		b.warn("jurisdiction_inferred", "meeting %s: jurisdiction %s inferred from the divisions it names", m.Name, city.Name)
	}
	km := kg.Meeting{Name: strings.TrimSpace(m.Name), Date: date, Kind: m.Kind}
	if km.Name == "" {
		b.warn("no_meeting_name", "a meeting without a name was left out")
		return
	}
	if km.Kind == "" {
		km.Kind = Kind(km.Name)
	}
	if juris != nil {
		km.DivisionID = juris.id
	}
	km.ID = kg.MeetingID(km.DivisionID, date, km.Name)
	for _, x := range b.f.Meetings {
		if x.ID == km.ID {
			b.warn("duplicate_meeting", "meeting %s told twice; the second telling was left out", km.Name)
			return
		}
	}
	b.f.Meetings = append(b.f.Meetings, km)

	scope := b.f.Report.ID
	if juris != nil {
		scope = juris.id
		if juris.gaz != nil {
			scope = kg.DivisionID(cityOf(*juris.gaz).Code, "", "")
		} else if juris.kg.Level == kg.LevelCounty && juris.kg.ParentID != "" {
			scope = juris.kg.ParentID
		}
	}
	byName := map[string]string{}
	parts := map[string]int{} // official ID → index in b.f.Participations
	for i, p := range m.Participants {
		o := b.official(p.Name, p.Original, p.Garbled, scope)
		if o == nil {
			continue
		}
		byName[o.Name] = o.ID
		if p.Original != "" {
			byName[p.Original] = o.ID
		}
		roles := b.roles(p.Roles, o.Name)
		titles := p.Positions
		if len(titles) == 0 {
			for _, t := range p.Titles {
				titles = append(titles, t.Title)
			}
		}
		// the meeting's sentence, standing in for a missing one, is not
		// searched for the name
		var ev kg.Evidence
		if firstNonEmpty(p.Evidence) != "" {
			ev = b.evidence(p.Evidence, p.EvidenceOffset, p.Name, p.Original)
		} else {
			ev = b.evidence(firstNonEmpty(m.Evidence, km.Name), p.EvidenceOffset)
		}
		if j, dup := parts[o.ID]; dup {
			pp := &b.f.Participations[j]
			pp.Roles = kg.MostSpecific(append(pp.Roles, roles...))
			for _, t := range titles {
				if !slices.Contains(pp.Titles, t) {
					pp.Titles = append(pp.Titles, t)
				}
			}
		} else {
			parts[o.ID] = len(b.f.Participations)
			b.f.Participations = append(b.f.Participations, kg.Participation{
				OfficialID: o.ID, MeetingID: km.ID, Roles: roles, Titles: slices.Clone(titles),
				Alias: firstNonEmpty(p.Original, o.Name), Order: i, Evidence: ev,
			})
		}
		for k, t := range titles {
			// Titles, when given, split Positions one for one.
			var st *extract.Title
			if len(p.Titles) == len(titles) {
				st = &p.Titles[k]
			}
			b.tenure(o.ID, t, st, juris, date, ev)
		}
	}
	seenDiv := map[[2]string]bool{}
	for _, d := range m.Divisions {
		pl, ok := b.division(d.Name, juris)
		if !ok {
			continue
		}
		role := kg.Role(d.Role)
		if d.Role == "" {
			role = kg.RoleAttended
		}
		if !role.Valid() {
			b.warn("bad_role", "division %s: role %q is not one of presided, spoke, attended, reported", d.Name, d.Role)
			continue
		}
		if seenDiv[[2]string{pl.id, string(role)}] {
			continue
		}
		seenDiv[[2]string{pl.id, string(role)}] = true
		// the meeting's sentence, standing in for a missing one, is not
		// searched for the name
		var ev kg.Evidence
		if firstNonEmpty(d.Evidence) != "" {
			ev = b.evidence(d.Evidence, d.EvidenceOffset, d.Name, d.Original)
		} else {
			ev = b.evidence(firstNonEmpty(m.Evidence, km.Name), d.EvidenceOffset)
		}
		b.f.DivisionParticipations = append(b.f.DivisionParticipations, kg.DivisionParticipation{
			DivisionID: pl.id, MeetingID: km.ID, Role: role, Evidence: ev,
		})
	}
	ordinals := map[string]int{}
	seenDir := map[string]bool{}
	for _, d := range m.Directives {
		text := strings.TrimSpace(firstNonEmpty(d.Text, d.Key))
		if text == "" {
			continue
		}
		issuer := kg.IssuerMeeting
		if name := strings.TrimSpace(d.Issuer); name != "会议" {
			if id, ok := byName[name]; ok {
				issuer = id
			} else if id, ok := byName[d.IssuerOriginal]; ok {
				issuer = id
			} else if o := b.official(name, d.IssuerOriginal, strings.ContainsRune(name, '?'), scope); o != nil {
				issuer = o.ID
				byName[name] = o.ID
			} else {
				continue
			}
		}
		ordinals[issuer]++
		ord := d.Ordinal
		if ord <= 0 {
			ord = ordinals[issuer]
		}
		id := kg.DirectiveID(km.ID, issuer, ord, text)
		if seenDir[id] {
			continue
		}
		seenDir[id] = true
		// a directive without a sentence of its own is its own evidence,
		// and its text is kept whole
		ev := kg.Evidence{ReportID: b.f.Report.ID, Sentence: text, Offset: max(d.EvidenceOffset, -1)}
		if firstNonEmpty(d.Evidence) != "" {
			ev = b.evidence(d.Evidence, d.EvidenceOffset, directiveHead(text))
		}
		b.f.Directives = append(b.f.Directives, kg.Directive{
			ID: id, MeetingID: km.ID, IssuerID: issuer, Ordinal: ord, Text: text,
			Evidence: []kg.Evidence{ev},
		})
	}
}

// official returns the official a name refers to within scope, adding it to
// the facts. A name with a lost character is scoped to the report: two
// people who lost the same character are not the same person.
func (b *builder) official(name, original string, garbled bool, scope string) *kg.Official {
	name = strings.TrimSpace(name)
	if name == "" || !utf8.ValidString(name) {
		b.warn("bad_name", "a participant without a usable name was left out")
		return nil
	}
	garbled = garbled || strings.ContainsAny(name, "?？\ufffd")
	if garbled {
		scope = b.f.Report.ID
	}
	id := kg.OfficialID(scope, name)
	o, ok := b.officials[id]
	if !ok {
		o = &kg.Official{ID: id, Name: name, Pinyin: names.Pinyin(name), Garbled: garbled}
		b.officials[id] = o
	}
	if original = strings.TrimSpace(original); original != "" && original != name && !slices.Contains(o.Aliases, original) {
		o.Aliases = append(o.Aliases, original)
		slices.Sort(o.Aliases)
	}
	return o
}

func (b *builder) roles(in []string, who string) []kg.Role {
	var out []kg.Role
	for _, r := range in {
		role := kg.Role(strings.ToLower(strings.TrimSpace(r)))
		if !role.Valid() {
			b.warn("bad_role", "%s: role %q is not one of presided, spoke, attended, reported", who, r)
			continue
		}
		out = append(out, role)
	}
	if len(out) == 0 {
		out = []kg.Role{kg.RoleAttended}
	}
	return kg.MostSpecific(out)
}

// tenure records that an official was seen holding a title. The title's
// division is the one it names (娄底市委书记), else the meeting's
// jurisdiction when the title is of that level (市委书记 at a city meeting),
// else unknown.
func (b *builder) tenure(officialID, title string, st *extract.Title, juris *place, seen kg.Date, ev kg.Evidence) {
	title = strings.TrimSpace(title)
	if title == "" {
		return
	}
	var div *place
	org := ""
	if st != nil && st.Division != "" {
		if p, ok := b.division(st.Division, juris); ok {
			div = &p
		}
	}
	if d, n, ok := gazetteer.MatchAt(title, 0); ok && n < len(title) {
		if p, ok := b.division(d.Name, juris); ok && div == nil {
			div = &p
		}
		title = stripDivision(title, title[:n])
	}
	if div == nil && juris != nil {
		if r, _ := utf8.DecodeRuneInString(title); strings.HasSuffix(juris.kg.Name, string(r)) {
			div = juris
		}
	}
	if st != nil && st.Organization != "" {
		org = st.Organization
	} else if t, _, ok := gazetteer.MatchTitle(title); ok {
		org = t.Organization
	}
	divID := ""
	if div != nil {
		divID = div.id
		if org != "" {
			org = orgOf(div.kg.Name, org)
		}
	}
	pos := kg.Position{ID: kg.PositionID(title, org, divID), Title: title, Organization: org, DivisionID: divID}
	b.positions[pos.ID] = pos
	key := [2]string{officialID, pos.ID}
	if b.tenures[key] {
		return
	}
	b.tenures[key] = true
	b.f.Tenures = append(b.f.Tenures, kg.Tenure{OfficialID: officialID, PositionID: pos.ID, Seen: seen, Evidence: ev})
}

// stripDivision removes a division's name from the front of a title while
// keeping the level character the title needs: 娄底市委书记 → 市委书记,
// 新化县县长 → 县长.
func stripDivision(title, divName string) string {
	suffix, size := utf8.DecodeLastRuneInString(divName)
	rest := strings.TrimPrefix(title, divName[:len(divName)-size])
	if strings.HasPrefix(rest, string(suffix)+string(suffix)) {
		rest = rest[size:]
	}
	return rest
}

// orgOf names an organisation of a division: 市委 of 娄底市 is 娄底市委.
func orgOf(divName, org string) string {
	suffix, size := utf8.DecodeLastRuneInString(divName)
	if strings.HasPrefix(org, string(suffix)) {
		return divName[:len(divName)-size] + org
	}
	return org
}

func (b *builder) finish() {
	for _, o := range b.officials {
		b.f.Officials = append(b.f.Officials, *o)
	}
	slices.SortFunc(b.f.Officials, func(a, c kg.Official) int { return strings.Compare(a.ID, c.ID) })
	for _, d := range b.divisions {
		b.f.Divisions = append(b.f.Divisions, d)
	}
	slices.SortFunc(b.f.Divisions, func(a, c kg.Division) int { return strings.Compare(a.ID, c.ID) })
	for _, p := range b.positions {
		b.f.Positions = append(b.f.Positions, p)
	}
	slices.SortFunc(b.f.Positions, func(a, c kg.Position) int { return strings.Compare(a.ID, c.ID) })
}

// Kind names the kind of a meeting from its name.
func Kind(name string) string {
	for _, k := range meetingKinds {
		if strings.Contains(name, k) {
			return k
		}
	}
	return "会议"
}

// meetingKinds are tried in order: the more specific first.
var meetingKinds = []string{
	"常委会会议", "常务会议", "部署会议", "部署会", "推进会", "调度会", "座谈会", "专题会议", "现场会",
	"工作会议", "动员大会", "视察", "调研", "检查", "督导", "全体会议", "会议",
}

// directiveHead returns the start of a directive's text, which its
// evidence sentence holds even when the directive runs on over the
// sentences after it.
func directiveHead(text string) string {
	const runes = 16
	i := 0
	for k := 0; k < runes && i < len(text); k++ {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return text[:i]
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
