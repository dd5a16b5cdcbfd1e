package neo4jstore

import (
	"fmt"
	"strings"
)

// Reports may disagree about an entity: two reports of one meeting may give
// it different kinds. Each entity node therefore keeps every supporting
// report's claim, one list per property, claim_<property>, whose entries are
// "reportID\x1fvalue"; the property itself holds the claim of the least
// report ID, so that what a read shows does not depend on the order reports
// were written in, and deleting a report restores what the others say.
//
// The Cypher below is generated from the fixed table entities; labels and
// property names come only from it, values only from parameters.

// attr is a claimed property. Claims are strings; conv turns the chosen one
// back into the property's type.
type attr struct {
	name string
	conv string // "", "bool" or "int"
}

// entity describes one entity label for the generated Cypher.
type entity struct {
	label string // node label
	rows  string // the write parameter holding the report's rows
	ids   string // the Report property listing the report's entities
	attrs []attr
	// derive is Cypher run for each node n whose claims changed, after its
	// properties were recomputed: labels, structural relationships and
	// properties that follow from the claimed ones.
	derive string
}

// entities lists the entity labels in the order their nodes are locked and
// written: every entity refers only to entities of earlier labels.
var entities = []entity{
	{
		label: "Division", rows: "divisions", ids: "divisionIds",
		attrs: []attr{{"name", ""}, {"level", ""}, {"code", ""}, {"parentId", ""}, {"sortKey", ""}, {"sortOrd", ""},
			{"searchText", ""}, {"pinyinJoined", ""}, {"initials", ""}, {"pinyinSuffixes", ""}},
		derive: `
REMOVE n:Province:City:County
FOREACH (_ IN CASE WHEN n.level = 'province' THEN [1] ELSE [] END | SET n:Province)
FOREACH (_ IN CASE WHEN n.level = 'city' THEN [1] ELSE [] END | SET n:City)
FOREACH (_ IN CASE WHEN n.level = 'county' THEN [1] ELSE [] END | SET n:County)
WITH n
CALL (n) {
  MATCH (n)-[old:PART_OF]->(p)
  WHERE p.id <> n.parentId
  DELETE old
}
CALL (n) {
  MATCH (p:Division {id: n.parentId})
  WHERE NOT EXISTS { (n)-[:PART_OF]->(p) }
  CREATE (n)-[:PART_OF]->(p)
}`,
	},
	{
		label: "Official", rows: "officials", ids: "officialIds",
		attrs: []attr{{"name", ""}, {"pinyin", ""}, {"garbled", "bool"}, {"sortKey", ""}, {"sortOrd", ""},
			{"searchName", ""}, {"pinyinJoined", ""}, {"initials", ""}, {"pinyinSuffixes", ""}},
		// The aliases are every form a supporting report wrote, but the
		// name, which may itself have changed. The searchable text is the
		// name's search form followed by the aliases' (see search.go); an
		// alias whose form is the name's would match no better than the
		// name, so it is left out.
		derive: `
WITH n
CALL (n) {
  UNWIND n.aliasForms AS f
  WITH DISTINCT substring(f, size(split(f, $sep)[0]) + size($sep)) AS a
  WHERE a <> n.name
  RETURN collect(a) AS aliases
}
SET n.aliases = aliases
WITH n
CALL (n) {
  UNWIND coalesce(n.aliasSearch, []) AS f
  WITH DISTINCT n, substring(f, size(split(f, $sep)[0]) + size($sep)) AS a
  WHERE a <> n.searchName
  RETURN collect(a) AS forms
}
SET n.searchText = reduce(t = n.searchName, a IN forms | t + ' ' + a)`,
	},
	{
		label: "Position", rows: "positions", ids: "positionIds",
		attrs: []attr{{"title", ""}, {"organization", ""}, {"divisionId", ""}},
		derive: `
WITH n
CALL (n) {
  MATCH (n)-[old:OF]->(d)
  WHERE d.id <> n.divisionId
  DELETE old
}
CALL (n) {
  MATCH (d:Division {id: n.divisionId})
  WHERE NOT EXISTS { (n)-[:OF]->(d) }
  CREATE (n)-[:OF]->(d)
}`,
	},
	{
		label: "Meeting", rows: "meetings", ids: "meetingIds",
		attrs: []attr{{"name", ""}, {"date", ""}, {"datePrecision", ""}, {"kind", ""}, {"divisionId", ""}, {"sortKey", ""}, {"sortOrd", ""},
			{"searchText", ""}},
		// A directive's sort key starts with its meeting's date.
		derive: `
WITH n
CALL (n) {
  MATCH (n)-[old:HELD_IN]->(d)
  WHERE d.id <> n.divisionId
  DELETE old
}
CALL (n) {
  MATCH (d:Division {id: n.divisionId})
  WHERE NOT EXISTS { (n)-[:HELD_IN]->(d) }
  CREATE (n)-[:HELD_IN]->(d)
}
CALL (n) {
  MATCH (x:Directive {meetingId: n.id})
  WHERE x.sortOrd <> n.sortOrd + x.sortSuffixOrd
  SET x.sortKey = n.date + x.sortSuffix, x.sortOrd = n.sortOrd + x.sortSuffixOrd
}`,
	},
	{
		label: "Directive", rows: "directives", ids: "directiveIds",
		attrs: []attr{{"text", ""}, {"ordinal", "int"}, {"meetingId", ""}, {"issuerId", ""}, {"sortSuffix", ""}, {"sortSuffixOrd", ""},
			{"searchText", ""}},
		derive: `
WITH n
CALL (n) {
  MATCH (m:Meeting {id: n.meetingId})
  SET n.sortKey = m.date + n.sortSuffix, n.sortOrd = m.sortOrd + n.sortSuffixOrd
}
CALL (n) {
  MATCH (o)-[old:ISSUED]->(n)
  WHERE o.id <> n.issuerId
  DELETE old
}
CALL (n) {
  MATCH (o:Official {id: n.issuerId})
  WHERE NOT EXISTS { (o)-[:ISSUED]->(n) }
  CREATE (o)-[:ISSUED]->(n)
}`,
	},
}

// addClaims returns the SET clause that adds report r's claims, from row x,
// to node n, replacing any earlier claims of r.
func (e entity) addClaims() string {
	parts := []string{"n.sources = [s IN coalesce(n.sources, []) WHERE s <> r.id] + r.id"}
	for _, a := range e.attrs {
		parts = append(parts, fmt.Sprintf(
			"n.claim_%[1]s = [c IN coalesce(n.claim_%[1]s, []) WHERE NOT c STARTS WITH r.id + $sep] + (r.id + $sep + x.claims.%[1]s)",
			a.name))
	}
	if e.label == "Official" {
		parts = append(parts,
			"n.aliasForms = [f IN coalesce(n.aliasForms, []) WHERE NOT f STARTS WITH r.id + $sep] + x.aliasForms",
			"n.aliasSearch = [f IN coalesce(n.aliasSearch, []) WHERE NOT f STARTS WITH r.id + $sep] + x.aliasSearch")
	}
	return "SET " + strings.Join(parts, ",\n    ")
}

// dropClaims returns the SET clause that removes report r's claims from n.
func (e entity) dropClaims() string {
	parts := []string{"n.sources = [s IN n.sources WHERE s <> r.id]"}
	for _, a := range e.attrs {
		parts = append(parts, fmt.Sprintf("n.claim_%[1]s = [c IN n.claim_%[1]s WHERE NOT c STARTS WITH r.id + $sep]", a.name))
	}
	if e.label == "Official" {
		parts = append(parts,
			"n.aliasForms = [f IN coalesce(n.aliasForms, []) WHERE NOT f STARTS WITH r.id + $sep]",
			"n.aliasSearch = [f IN coalesce(n.aliasSearch, []) WHERE NOT f STARTS WITH r.id + $sep]")
	}
	return "SET " + strings.Join(parts, ",\n    ")
}

// recompute returns Cypher that sets n's properties from the claims of its
// least supporting report, then derives what follows from them. n must
// have a source.
func (e entity) recompute() string {
	var b strings.Builder
	b.WriteString("WITH n, reduce(m = head(n.sources), s IN n.sources | CASE WHEN s < m THEN s ELSE m END) + $sep AS least\nSET ")
	for i, a := range e.attrs {
		if i > 0 {
			b.WriteString(",\n    ")
		}
		v := fmt.Sprintf("substring(head([c IN n.claim_%s WHERE c STARTS WITH least]), size(least))", a.name)
		switch a.conv {
		case "bool":
			v += " = 'true'"
		case "int":
			v = "toInteger(" + v + ")"
		}
		fmt.Fprintf(&b, "n.%s = %s", a.name, v)
	}
	b.WriteString(e.derive)
	return b.String()
}

// lockEntities returns subqueries that take the write locks of the existing
// entity nodes a report lists, label by label and each label's in ID order;
// src holds the lists, sorted (see writeParams). Concurrent writes of
// reports that share entities then queue on the first shared node instead
// of each holding some of the other's locks, which the server would break
// as a deadlock and the driver retry after a pause. Nodes that do not exist
// yet are created later in the same order.
func lockEntities(src string) string {
	var b strings.Builder
	for _, e := range entities {
		fmt.Fprintf(&b, `
CALL (r) {
  UNWIND coalesce(%s.%s, []) AS id
  MATCH (n:%s {id: id})
  SET n.lock = true
  REMOVE n.lock
}`, src, e.ids, e.label)
	}
	return b.String()
}

// writeEntities returns the subqueries that merge the report's entities and
// add its claims.
func writeEntities() string {
	var b strings.Builder
	for _, e := range entities {
		fmt.Fprintf(&b, `
CALL (r) {
  UNWIND $%s AS x
  MERGE (n:%s {id: x.id})
  %s
  %s
}`, e.rows, e.label, e.addClaims(), indent(e.recompute()))
	}
	return b.String()
}

// deleteEntities returns the subqueries that drop report r's claims from
// its entities, recompute those other reports still support, and delete
// the rest with their relationships.
func deleteEntities() string {
	var b strings.Builder
	for _, e := range entities {
		fmt.Fprintf(&b, `
CALL (r) {
  MATCH (n:%[1]s) WHERE n.id IN coalesce(r.%[2]s, [])
  %[3]s
}
CALL (r) {
  MATCH (n:%[1]s) WHERE n.id IN coalesce(r.%[2]s, []) AND size(n.sources) > 0
  %[4]s
}`, e.label, e.ids, e.dropClaims(), indent(e.recompute()))
	}
	// Deleted last, so that the recomputations above still see every node.
	for _, e := range entities {
		fmt.Fprintf(&b, `
CALL (r) {
  MATCH (n:%s) WHERE n.id IN coalesce(r.%s, []) AND size(n.sources) = 0
  DETACH DELETE n
}`, e.label, e.ids)
	}
	return b.String()
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }
