package neo4jstore

import (
	"fmt"
	"strings"
)

// Reports may disagree about an entity: two reports of one meeting may give
// it different kinds. Each report therefore keeps its own claims about each
// of its entities on a relationship, (Report)-[:CLAIMS {claims}]->(entity),
// and the entity node shows the claims of its least supporting report ID,
// whose ID it keeps in claimedBy, so that what a read shows does not depend
// on the order reports were written in, and deleting a report restores
// what the others say.
//
// A write costs what the report holds, not what the graph holds about its
// entities: it creates its CLAIMS relationships and overwrites an entity's
// properties only when its ID is less than the entity's claimedBy. Only a
// delete of the report an entity shows, or of one that gave an official
// aliases, reads the entity's other claims, and only that entity's.
//
// The Cypher below is generated from the fixed table entities; labels and
// property names come only from it, values only from parameters.

// entity describes one entity label for the generated Cypher.
type entity struct {
	label string // node label
	rows  string // the write parameter holding the report's rows
	ids   string // the Report property listing the report's entities
	// attrs are the claimed properties, shown on the node as claimed.
	attrs []string
	// derive is Cypher run for each node n whose shown claims changed,
	// after its properties were set: labels, structural relationships and
	// properties that follow from the claimed ones.
	derive string
}

// entities lists the entity labels in the order their nodes are locked and
// written: every entity refers only to entities of earlier labels.
var entities = []entity{
	{
		label: "Division", rows: "divisions", ids: "divisionIds",
		attrs: []string{"name", "level", "code", "parentId", "sortKey", "sortOrd",
			"searchText", "pinyinJoined", "initials", "pinyinSuffixes"},
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
		attrs: []string{"name", "pinyin", "garbled", "sortKey", "sortOrd",
			"searchName", "pinyinJoined", "initials", "pinyinSuffixes"},
		// The aliases are every form a supporting report wrote, but the
		// name, which may itself have changed. The searchable text is the
		// name's search form followed by the aliases' (see search.go); an
		// alias whose form is the name's would match no better than the
		// name, so it is left out.
		derive: `
WITH n
CALL (n) {
  MATCH ()-[c:CLAIMS]->(n)
  UNWIND c.aliases AS a
  WITH DISTINCT n, a
  WHERE a <> n.name
  RETURN collect(a) AS aliases
}
CALL (n) {
  MATCH ()-[c:CLAIMS]->(n)
  UNWIND c.aliasSearch AS f
  WITH DISTINCT n, f
  WHERE f <> n.searchName
  RETURN collect(f) AS forms
}
SET n.aliases = aliases, n.searchText = reduce(t = n.searchName, f IN forms | t + ' ' + f)`,
	},
	{
		label: "Position", rows: "positions", ids: "positionIds",
		attrs: []string{"title", "organization", "divisionId"},
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
		attrs: []string{"name", "date", "datePrecision", "kind", "divisionId", "sortKey", "sortOrd", "searchText"},
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
  USING INDEX x:Directive(meetingId)
  WHERE x.sortOrd <> n.sortOrd + x.sortSuffixOrd
  SET x.sortKey = n.date + x.sortSuffix, x.sortOrd = n.sortOrd + x.sortSuffixOrd
}`,
	},
	{
		label: "Directive", rows: "directives", ids: "directiveIds",
		attrs: []string{"text", "ordinal", "meetingId", "issuerId", "sortSuffix", "sortSuffixOrd", "searchText"},
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

// official reports whether the entity is an official, whose claims include
// aliases.
func (e entity) official() bool { return e.label == "Official" }

// projection returns a map projection of the claimed properties of c.
func (e entity) projection(c string) string {
	fields := make([]string, len(e.attrs))
	for i, a := range e.attrs {
		fields[i] = "." + a
	}
	return c + " {" + strings.Join(fields, ", ") + "}"
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

// writeEntities returns the subqueries that merge the report's entities,
// record its claims, and show them where its ID is the least (shown). An
// official that goes on showing another report's claims may still gain
// aliases, which are added without reading the other claims: the aliases
// are a union.
func writeEntities() string {
	var b strings.Builder
	for _, e := range entities {
		claims := "SET c = x.claims"
		aliases := ""
		if e.official() {
			claims += ", c.aliases = x.aliases, c.aliasSearch = x.aliasSearch"
			aliases = `
  WITH r, n, x, shown,
       [a IN x.aliases WHERE a <> n.name AND NOT a IN coalesce(n.aliases, [])] AS newAliases,
       [f IN x.aliasSearch WHERE f <> n.searchName AND NOT f IN tail(split(coalesce(n.searchText, ''), ' '))] AS newForms
  FOREACH (_ IN CASE WHEN NOT shown AND size(newAliases) > 0 THEN [1] ELSE [] END |
    SET n.aliases = n.aliases + newAliases)
  FOREACH (_ IN CASE WHEN NOT shown AND size(newForms) > 0 THEN [1] ELSE [] END |
    SET n.searchText = reduce(t = n.searchText, f IN newForms | t + ' ' + f))`
		}
		fmt.Fprintf(&b, `
CALL (r) {
  UNWIND $rows.%s AS x
  MERGE (n:%s {id: x.id})
  CREATE (r)-[c:CLAIMS]->(n)
  %s
  WITH r, n, x, n.claimedBy IS NULL OR r.id < n.claimedBy AS shown%s
  WITH r, n, x, shown
  WHERE shown
  SET n += x.claims, n.claimedBy = r.id%s
}`, e.rows, e.label, claims, aliases, indent(e.derive))
	}
	return b.String()
}

// deleteEntities returns the subqueries that remove report r's claims,
// show again the least remaining claims of the entities that showed r's
// (and recompute the aliases of officials r gave some), and delete the
// entities no report supports any more, with their relationships.
func deleteEntities() string {
	var b strings.Builder
	for _, e := range entities {
		stale := "n.claimedBy = r.id"
		if e.official() {
			stale += " OR size(coalesce(c.aliases, [])) > 0"
		}
		fmt.Fprintf(&b, `
CALL (r) {
  MATCH (r)-[c:CLAIMS]->(n:%[1]s)
  WITH n, c, %[2]s AS stale
  DELETE c
  WITH n, stale
  WHERE stale
  CALL (n) {
    MATCH (s)-[c:CLAIMS]->(n)
    RETURN s.id AS least, c
    ORDER BY least
    LIMIT 1
  }
  SET n += %[3]s, n.claimedBy = least%[4]s
}`, e.label, stale, e.projection("c"), indent(e.derive))
	}
	// Deleted last, so that the recomputations above still see every node.
	for _, e := range entities {
		fmt.Fprintf(&b, `
CALL (r) {
  MATCH (n:%[1]s)
  USING INDEX n:%[1]s(id)
  WHERE n.id IN coalesce(r.%[2]s, []) AND NOT EXISTS { ()-[:CLAIMS]->(n) }
  DETACH DELETE n
}`, e.label, e.ids)
	}
	return b.String()
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }
