package neo4jstore

import (
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
)

// sortOrd returns the string lists are ordered by: the hex of key's bytes,
// which Neo4j orders as Go orders key (see the package documentation).
func sortOrd(key string) string { return hex.EncodeToString([]byte(key)) }

// props is a node's or a relationship's properties as a query returns them.
type props map[string]any

func (p props) str(k string) string {
	s, _ := p[k].(string)
	return s
}

func (p props) int(k string) int {
	n, _ := p[k].(int64)
	return int(n)
}

func (p props) bool(k string) bool {
	b, _ := p[k].(bool)
	return b
}

// strs returns a string list property, nil when it is empty.
func (p props) strs(k string) []string {
	l, _ := p[k].([]any)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p props) date(k string) kg.Date {
	// Only ParseDate's own output is ever stored.
	d, _ := kg.ParseDate(p.str(k))
	return d
}

// list returns a property holding a list of maps.
func (p props) list(k string) []props {
	l, _ := p[k].([]any)
	out := make([]props, 0, len(l))
	for _, v := range l {
		if m, ok := v.(map[string]any); ok {
			out = append(out, props(m))
		}
	}
	return out
}

// get returns the map a record holds under key, or nil.
func get(rec *neo4j.Record, key string) props {
	v, _ := rec.Get(key)
	m, _ := v.(map[string]any)
	return props(m)
}

func getInt(rec *neo4j.Record, key string) int {
	v, _ := rec.Get(key)
	n, _ := v.(int64)
	return int(n)
}

func getStr(rec *neo4j.Record, key string) string {
	v, _ := rec.Get(key)
	s, _ := v.(string)
	return s
}

func getList(rec *neo4j.Record, key string) []props {
	v, _ := rec.Get(key)
	return props{"v": v}.list("v")
}

// Fields lists the properties the decoders below need, for map projections
// such as n {` + officialFields + `}.
const (
	officialFields  = ".id, .name, .aliases, .pinyin, .garbled"
	positionFields  = ".id, .title, .organization, .divisionId"
	meetingFields   = ".id, .name, .date, .kind, .divisionId"
	divisionFields  = ".id, .name, .level, .parentId, .code"
	directiveFields = ".id, .meetingId, .issuerId, .ordinal, .text"
	reportFields    = ".id, .title, .url, .publishedAt, .journalists, .sha256, .synthetic"
	// evidenceFields is the evidence a fact relationship carries.
	evidenceFields = ".report, .sentence, .offset"
)

// directiveEvidence returns the projection field holding the evidence of
// the directive bound to variable v, from its per-report AT relationships.
func directiveEvidence(v string) string {
	return "evidence: [(" + v + ")-[e:AT]->() | e {" + evidenceFields + "}]"
}

func official(p props) kg.Official {
	aliases := p.strs("aliases")
	slices.Sort(aliases) // stored as a set; kg orders them
	return kg.Official{
		ID:      p.str("id"),
		Name:    p.str("name"),
		Aliases: aliases,
		Pinyin:  p.str("pinyin"),
		Garbled: p.bool("garbled"),
	}
}

func position(p props) kg.Position {
	return kg.Position{
		ID:           p.str("id"),
		Title:        p.str("title"),
		Organization: p.str("organization"),
		DivisionID:   p.str("divisionId"),
	}
}

func meeting(p props) kg.Meeting {
	return kg.Meeting{
		ID:         p.str("id"),
		Name:       p.str("name"),
		Date:       p.date("date"),
		Kind:       p.str("kind"),
		DivisionID: p.str("divisionId"),
	}
}

func division(p props) kg.Division {
	return kg.Division{
		ID:       p.str("id"),
		Name:     p.str("name"),
		Level:    kg.Level(p.str("level")),
		ParentID: p.str("parentId"),
		Code:     p.str("code"),
	}
}

func directive(p props) kg.Directive {
	return kg.Directive{
		ID:        p.str("id"),
		MeetingID: p.str("meetingId"),
		IssuerID:  p.str("issuerId"),
		Ordinal:   p.int("ordinal"),
		Text:      p.str("text"),
		Evidence:  evidenceList(p.list("evidence")),
	}
}

func report(p props) kg.Report {
	return kg.Report{
		ID:          p.str("id"),
		Title:       p.str("title"),
		URL:         p.str("url"),
		PublishedAt: p.date("publishedAt"),
		Journalists: p.strs("journalists"),
		SHA256:      p.str("sha256"),
		Synthetic:   p.bool("synthetic"),
	}
}

func evidence(p props) kg.Evidence {
	return kg.Evidence{ReportID: p.str("report"), Sentence: p.str("sentence"), Offset: p.int("offset")}
}

// evidenceList decodes the evidence of per-report relationships, in kg order.
func evidenceList(edges []props) []kg.Evidence {
	ev := mapSlice(edges, evidence)
	sortEvidence(ev)
	return ev
}

// sortEvidence orders evidence by report ID, then offset, as kg.Store says.
func sortEvidence(ev []kg.Evidence) {
	slices.SortFunc(ev, func(a, b kg.Evidence) int {
		if a.ReportID != b.ReportID {
			if a.ReportID < b.ReportID {
				return -1
			}
			return 1
		}
		return a.Offset - b.Offset
	})
}

// mergedParticipation merges the per-report PARTICIPATED relationships of one
// official at one meeting by the rules of kg.Store: the most specific of all
// roles, each report's titles in report-ID order with the first occurrence
// kept, one evidence entry per report.
type mergedParticipation struct {
	roles    []kg.Role
	titles   []string
	evidence []kg.Evidence
	order    int
}

func mergeParticipations(edges []props) mergedParticipation {
	slices.SortFunc(edges, func(a, b props) int {
		switch x, y := a.str("report"), b.str("report"); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	var m mergedParticipation
	var roles []kg.Role
	seen := map[string]bool{}
	for i, e := range edges {
		for _, r := range e.strs("roles") {
			roles = append(roles, kg.Role(r))
		}
		for _, t := range e.strs("titles") {
			if !seen[t] {
				seen[t] = true
				m.titles = append(m.titles, t)
			}
		}
		m.evidence = append(m.evidence, evidence(e))
		if o := e.int("order"); i == 0 || o < m.order {
			m.order = o
		}
	}
	m.roles = kg.MostSpecific(roles)
	sortEvidence(m.evidence)
	return m
}

// rank is the lowest kg.RoleRank of roles.
func rank(roles []kg.Role) int {
	r := kg.RoleRank(kg.RoleAttended)
	for _, x := range roles {
		r = min(r, kg.RoleRank(x))
	}
	return r
}

// notFound returns an error wrapping kg.ErrNotFound.
func notFound(kind, id string) error {
	return fmt.Errorf("neo4jstore: %s %q: %w", kind, id, kg.ErrNotFound)
}
