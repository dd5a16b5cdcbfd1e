package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
)

// listQuery is one paginated list: a MATCH that binds the distinct list
// entries to n, and what to return for each entry of the page, an
// expression over x that yields a map with at least sortKey and id.
//
// The Cypher is assembled from constant fragments only; every value is a
// parameter.
type listQuery struct {
	match  string
	desc   bool
	item   string
	params map[string]any
	// found, when set, is a boolean expression returned with the page,
	// telling whether the entity the list belongs to exists.
	found string
	// row, when set, is what the list holds for each entry instead of the
	// node n itself: an expression over n and what match binds with it,
	// which must bind each n once. item then reads the row as x.
	row string
}

// The window of a list: the same arithmetic as kg.Window, done by the
// server so that one query returns the total, the page and its position.
// lo counts the entries at or before the after cursor, hi those before the
// before cursor.
//
// Reads run at read committed: a node that a concurrent write deletes after
// the match found it reads as a node without properties. Its sort key and ID
// are therefore read once, and such a node dropped before it is counted,
// so that it cannot shift the window (which showed as a row repeated on the
// next page); page drops one whose properties vanish later still.
const (
	windowAsc = `
WITH n, ord, nid ORDER BY ord ASC, nid ASC
WITH collect(n) AS rows,
     count(CASE WHEN $hasAfter AND (ord < $afterOrd OR (ord = $afterOrd AND nid <= $afterId)) THEN 1 END) AS lo,
     count(CASE WHEN NOT $hasBefore OR ord < $beforeOrd OR (ord = $beforeOrd AND nid < $beforeId) THEN 1 END) AS hi`
	windowDesc = `
WITH n, ord, nid ORDER BY ord DESC, nid DESC
WITH collect(n) AS rows,
     count(CASE WHEN $hasAfter AND (ord > $afterOrd OR (ord = $afterOrd AND nid >= $afterId)) THEN 1 END) AS lo,
     count(CASE WHEN NOT $hasBefore OR ord > $beforeOrd OR (ord = $beforeOrd AND nid > $beforeId) THEN 1 END) AS hi`
	windowSlice = `
WITH rows, size(rows) AS total, lo, hi
WITH rows, total, lo, hi, CASE WHEN lo < hi THEN lo ELSE hi END AS pageStart0
WITH rows, total, lo, hi, pageStart0,
     CASE WHEN $first > 0 AND hi - pageStart0 > $first THEN pageStart0 + $first ELSE hi END AS pageEnd
WITH rows, total, lo, hi, pageEnd,
     CASE WHEN $last > 0 AND pageEnd - pageStart0 > $last THEN pageEnd - $last ELSE pageStart0 END AS pageStart
RETURN total, lo, hi, pageStart, pageEnd, [x IN rows[pageStart..pageEnd] | `
)

// page runs a list query and returns its window, decoding each item.
func page[T any](ctx context.Context, s *Store, op string, lq listQuery, p kg.Page, decode func(props) T) (kg.Conn[T], error) {
	if err := p.Validate(); err != nil {
		return kg.Conn[T]{}, err
	}
	query, params := lq.build(p)

	return read(ctx, s, op, func(q querier) (kg.Conn[T], error) {
		rec, err := q.one(query, params)
		if err != nil {
			return kg.Conn[T]{}, err
		}
		return pageOf(op, lq, p, rec, decode)
	})
}

// pageOf decodes the window p of a list from the record its query
// returned.
func pageOf[T any](op string, lq listQuery, p kg.Page, rec *neo4j.Record, decode func(props) T) (kg.Conn[T], error) {
	if lq.found != "" {
		if found, _ := rec.Get("found"); found != true {
			return kg.Conn[T]{}, fmt.Errorf("neo4jstore: %s: %w", op, kg.ErrNotFound)
		}
	}
	total, lo, hi := getInt(rec, "total"), getInt(rec, "lo"), getInt(rec, "hi")
	start, end, info := kg.Window(total, lo, hi, p)
	items := getList(rec, "items")
	if s, e := getInt(rec, "pageStart"), getInt(rec, "pageEnd"); s != start || e != end || len(items) != end-start {
		// The server's window arithmetic must agree with kg.Window.
		return kg.Conn[T]{}, fmt.Errorf("neo4jstore: %s: window [%d,%d) with %d items, kg.Window says [%d,%d)",
			op, s, e, len(items), start, end)
	}
	conn := kg.Conn[T]{
		Items:      make([]T, len(items)),
		Cursors:    make([]string, len(items)),
		PageInfo:   info,
		TotalCount: total,
	}
	for i, it := range items {
		conn.Items[i] = decode(it)
		conn.Cursors[i] = kg.EncodeCursor(it.str("sortKey"), it.str("id"))
	}
	// A row deleted by a concurrent write while the query ran has no
	// ID; it is not there.
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].str("id") == "" {
			conn.Items = slices.Delete(conn.Items, i, i+1)
			conn.Cursors = slices.Delete(conn.Cursors, i, i+1)
		}
	}
	return conn, nil
}

// build returns the query and parameters of the window p of the list; p
// is valid.
func (lq listQuery) build(p kg.Page) (string, map[string]any) {
	params := map[string]any{
		"hasAfter": p.After != "", "afterOrd": "", "afterId": "",
		"hasBefore": p.Before != "", "beforeOrd": "", "beforeId": "",
		"first": int64(p.First), "last": int64(p.Last),
	}
	if p.First == 0 && p.Last == 0 {
		params["first"] = int64(kg.DefaultPageSize)
	}
	if p.After != "" {
		key, id, _ := kg.DecodeCursor(p.After) // checked by Validate
		params["afterOrd"], params["afterId"] = sortOrd(key), id
	}
	if p.Before != "" {
		key, id, _ := kg.DecodeCursor(p.Before)
		params["beforeOrd"], params["beforeId"] = sortOrd(key), id
	}
	for k, v := range lq.params {
		params[k] = v
	}
	var b strings.Builder
	b.WriteString(lq.match)
	if lq.row == "" {
		b.WriteString("\nWITH DISTINCT n\nWITH n, n.sortOrd AS ord, n.id AS nid WHERE nid IS NOT NULL")
	} else {
		// The expressions of a WITH read the variables before it, so n.id
		// is the node's while n becomes the row.
		b.WriteString("\nWITH " + lq.row + " AS n, n.sortOrd AS ord, n.id AS nid WHERE nid IS NOT NULL")
	}
	if lq.desc {
		b.WriteString(windowDesc)
	} else {
		b.WriteString(windowAsc)
	}
	b.WriteString(windowSlice)
	b.WriteString(lq.item)
	b.WriteString("] AS items")
	if lq.found != "" {
		b.WriteString(", " + lq.found + " AS found")
	}
	return b.String(), params
}

// checkRole rejects a role filter that names no role; the empty role
// selects everything.
func checkRole(op string, r kg.Role) error {
	if r != "" && !r.Valid() {
		return fmt.Errorf("neo4jstore: %s: %w: role %q", op, kg.ErrInvalidInput, r)
	}
	return nil
}

// where joins conditions into a WHERE clause.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "\nWHERE " + strings.Join(conds, "\n  AND ")
}

// dateCond returns the condition that the date property prop lies in
// [from, to] as kg.Date.InRange decides it, and adds its parameters. Dates
// are stored as Date.String(), which compares as the dates do and is made
// of digits and '-' only; a date without a year ("" or --MM-DD) is outside
// every bounded range, and a bound of lower precision covers the dates it
// is a prefix of. So the dates in range are those from the lower bound (or
// "0", which sorts before every date with a year and after every other) up
// to, not including, the upper bound followed by '~', which sorts after
// every character a date has (or ":", which sorts after every date with a
// year). A range of two comparisons on one property is what an index
// seeks: meeting_division_date finds a division's meetings of a month
// without reading its other meetings.
func dateCond(prop string, from, to kg.Date, params map[string]any) (string, bool) {
	if !from.Known() && !to.Known() {
		return "", false
	}
	lo, hi := max(from.String(), "0"), ":"
	if to.Known() {
		hi = to.String() + "~"
	}
	params["dateFrom"], params["dateBefore"] = lo, hi
	return fmt.Sprintf("%[1]s >= $dateFrom AND %[1]s < $dateBefore", prop), true
}

// roleCond returns the condition that the PARTICIPATED relationship e
// gives the role. Merged roles are the most specific of all reports' roles,
// which only ever drops attended, and every participant attended, so one
// relationship with the role is enough (kg.HasRole).
func roleCond(role kg.Role, params map[string]any) (string, bool) {
	if role == "" || role == kg.RoleAttended {
		return "", false
	}
	params["role"] = string(role)
	return "$role IN e.roles", true
}

func and(conds ...string) string {
	var out []string
	for _, c := range conds {
		if c != "" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "true"
	}
	return strings.Join(out, " AND ")
}

// Item expressions: the entity's projection plus its sort key.
const (
	officialItem = "x {" + officialFields + ", .sortKey}"
	meetingItem  = "x {" + meetingFields + ", .sortKey}"
	divisionItem = "x {" + divisionFields + ", .sortKey}"
	reportItem   = "x {" + reportFields + ", .sortKey}"
)

var directiveItem = "x {" + directiveFields + ", .sortKey, " + directiveEvidence("x") + "}"

// Officials lists officials; see kg.OfficialFilter.
func (s *Store) Officials(ctx context.Context, f kg.OfficialFilter, p kg.Page) (kg.Conn[kg.Official], error) {
	if err := checkRole("officials", f.Role); err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	params := map[string]any{}
	var conds []string
	if f.Name != "" {
		params["name"] = f.Name
		conds = append(conds, "(n.name CONTAINS $name OR any(a IN coalesce(n.aliases, []) WHERE a CONTAINS $name))")
	}
	if f.DivisionID != "" {
		params["divisionId"] = f.DivisionID
		conds = append(conds, "(EXISTS { MATCH (n)-[:HELD]->(p:Position) WHERE p.divisionId = $divisionId }"+
			" OR EXISTS { MATCH (n)-[:PARTICIPATED]->(m:Meeting) WHERE m.divisionId = $divisionId })")
	}
	if f.PositionTitle != "" {
		params["positionTitle"] = f.PositionTitle
		conds = append(conds, "EXISTS { MATCH (n)-[:HELD]->(p:Position) WHERE p.title CONTAINS $positionTitle }")
	}
	dc, dated := dateCond("m.date", f.From, f.To, params)
	rc, roled := roleCond(f.Role, params)
	if dated || roled || f.Role != "" {
		conds = append(conds, "EXISTS { MATCH (n)-[e:PARTICIPATED]->(m:Meeting) WHERE "+and(dc, rc)+" }")
	}
	lq := listQuery{
		match:  "MATCH (n:Official)" + where(conds),
		item:   officialItem,
		params: params,
	}
	return page(ctx, s, "officials", lq, p, official)
}

// Meetings lists meetings; see kg.MeetingFilter.
func (s *Store) Meetings(ctx context.Context, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.Meeting], error) {
	if err := checkRole("meetings", f.Role); err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	if f.Order != kg.Ascending && f.Order != kg.Descending {
		return kg.Conn[kg.Meeting]{}, fmt.Errorf("neo4jstore: meetings: %w: order %d", kg.ErrInvalidInput, f.Order)
	}
	params := map[string]any{}
	var conds []string
	if dc, ok := dateCond("n.date", f.From, f.To, params); ok {
		conds = append(conds, dc)
	}
	if f.DivisionID != "" {
		params["divisionId"] = f.DivisionID
		conds = append(conds, "n.divisionId = $divisionId")
	}
	rc, _ := roleCond(f.Role, params)
	switch {
	case f.AttendeeID != "":
		params["attendeeId"] = f.AttendeeID
		conds = append(conds, "EXISTS { MATCH (:Official {id: $attendeeId})-[e:PARTICIPATED]->(n) WHERE "+and(rc)+" }")
	case f.Role != "":
		conds = append(conds, "EXISTS { MATCH (:Official)-[e:PARTICIPATED]->(n) WHERE "+and(rc)+" }")
	}
	if f.Kind != "" {
		params["kind"] = f.Kind
		conds = append(conds, "n.kind = $kind")
	}
	if f.Text != "" {
		params["text"] = f.Text
		conds = append(conds, "n.name CONTAINS $text")
	}
	lq := listQuery{
		match:  "MATCH (n:Meeting)" + where(conds),
		desc:   f.Order == kg.Descending,
		item:   meetingItem,
		params: params,
	}
	return page(ctx, s, "meetings", lq, p, meeting)
}

// Divisions lists divisions; see kg.DivisionFilter.
func (s *Store) Divisions(ctx context.Context, f kg.DivisionFilter, p kg.Page) (kg.Conn[kg.Division], error) {
	if f.Level != "" && !f.Level.Valid() {
		return kg.Conn[kg.Division]{}, fmt.Errorf("neo4jstore: divisions: %w: level %q", kg.ErrInvalidInput, f.Level)
	}
	params := map[string]any{}
	var conds []string
	if f.Level != "" {
		params["level"] = string(f.Level)
		conds = append(conds, "n.level = $level")
	}
	if f.ParentID != "" {
		params["parentId"] = f.ParentID
		conds = append(conds, "n.parentId = $parentId")
	}
	if f.Name != "" {
		params["name"] = f.Name
		conds = append(conds, "n.name CONTAINS $name")
	}
	lq := listQuery{
		match:  "MATCH (n:Division)" + where(conds),
		item:   divisionItem,
		params: params,
	}
	return page(ctx, s, "divisions", lq, p, division)
}

// Directives lists directives; see kg.DirectiveFilter.
func (s *Store) Directives(ctx context.Context, f kg.DirectiveFilter, p kg.Page) (kg.Conn[kg.Directive], error) {
	params := map[string]any{}
	var conds []string
	if f.IssuerID != "" {
		params["issuerId"] = f.IssuerID
		conds = append(conds, "n.issuerId = $issuerId")
	}
	if f.MeetingID != "" {
		params["meetingId"] = f.MeetingID
		conds = append(conds, "n.meetingId = $meetingId")
	}
	if f.Text != "" {
		params["text"] = f.Text
		conds = append(conds, "n.text CONTAINS $text")
	}
	dc, dated := dateCond("m.date", f.From, f.To, params)
	var mc string
	if f.DivisionID != "" {
		params["divisionId"] = f.DivisionID
		mc = "m.divisionId = $divisionId"
	}
	if dated || mc != "" {
		conds = append(conds, "EXISTS { MATCH (m:Meeting {id: n.meetingId}) WHERE "+and(mc, dc)+" }")
	}
	lq := listQuery{
		match:  "MATCH (n:Directive)" + where(conds),
		item:   directiveItem,
		params: params,
	}
	return page(ctx, s, "directives", lq, p, directive)
}

// Reports lists reports by publication date.
func (s *Store) Reports(ctx context.Context, p kg.Page) (kg.Conn[kg.Report], error) {
	lq := listQuery{match: "MATCH (n:Report)", item: reportItem}
	return page(ctx, s, "reports", lq, p, report)
}

// OfficialMeetings lists the meetings an official took part in; see
// kg.Store.
func (s *Store) OfficialMeetings(ctx context.Context, officialID string, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.OfficialMeeting], error) {
	if err := checkRole("official meetings", f.Role); err != nil {
		return kg.Conn[kg.OfficialMeeting]{}, err
	}
	return page(ctx, s, "official meetings", officialMeetings(officialID, f), p, officialMeeting)
}

// officialMeeting decodes an item of officialMeetings.
func officialMeeting(it props) kg.OfficialMeeting {
	m := mergeParticipations(it.list("edges"))
	mp, _ := it["meeting"].(map[string]any)
	return kg.OfficialMeeting{Meeting: meeting(mp), Roles: m.roles, Titles: m.titles, Evidence: m.evidence}
}

// officialMeetings is the list of OfficialMeetings. Each row carries the
// official's PARTICIPATED relationships to its meeting, found by the
// match's own expansion, so that the page reads only their properties;
// finding them again for each meeting of the page cost several times
// more. A role filter keeps a meeting with any relationship of the role,
// and the meeting's roles are still those of all its relationships.
func officialMeetings(officialID string, f kg.MeetingFilter) listQuery {
	params := map[string]any{"officialId": officialID}
	dc, _ := dateCond("n.date", f.From, f.To, params)
	match := "MATCH (:Official {id: $officialId})-[e:PARTICIPATED]->(n:Meeting)\nWHERE " + and(dc) + "\nWITH n, collect(e) AS es"
	if rc, ok := roleCond(f.Role, params); ok {
		match += "\nWHERE any(e IN es WHERE " + rc + ")"
	}
	return listQuery{
		match: match,
		row:   "{node: n, es: es}",
		item: "{meeting: " + fieldsOf("x.node", meetingFields) + ", sortKey: x.node.sortKey, id: x.node.id," +
			" edges: [e IN x.es | e {.report, .roles, .titles, .order, .sentence, .offset}]}",
		params: params,
		found:  "EXISTS { MATCH (:Official {id: $officialId}) }",
	}
}

// fieldsOf is the map projection fields (".id, .name") of the node that
// expr gives, spelled out: a map projection takes a variable only.
func fieldsOf(expr, fields string) string {
	var out []string
	for _, f := range strings.Split(fields, ",") {
		f = strings.TrimPrefix(strings.TrimSpace(f), ".")
		out = append(out, f+": "+expr+"."+f)
	}
	return "{" + strings.Join(out, ", ") + "}"
}
