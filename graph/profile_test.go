package graph_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestOfficialReadsItsListsAhead checks that the root field official reads
// the lists asked of it in the same store query over Neo4j, and that the
// answers, errors included, are those memstore gives field by field.
func TestOfficialReadsItsListsAhead(t *testing.T) {
	mem := memServer(t)
	s, neo := neo4jServer(t)

	// The official with the most meetings, so that pages have a next.
	var officials struct {
		Data struct {
			Officials struct {
				Edges []struct {
					Node struct {
						ID       string
						Meetings struct{ TotalCount int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(query(t, neo, `{ officials(first: 100) { edges { node { id meetings { totalCount } } } } }`, nil), &officials); err != nil {
		t.Fatal(err)
	}
	var liu string
	most := 0
	for _, e := range officials.Data.Officials.Edges {
		if n := e.Node.Meetings.TotalCount; n > most {
			liu, most = e.Node.ID, n
		}
	}
	if most < 3 {
		t.Fatalf("the official with the most meetings has %d, want at least 3", most)
	}
	// A cursor to page on from.
	var page struct {
		Data struct {
			Official struct {
				Meetings struct{ Edges []struct{ Cursor string } }
			}
		}
	}
	json.Unmarshal(query(t, neo, `query($id: ID!) { official(id: $id) { meetings(first: 2) { edges { cursor } } } }`, map[string]any{"id": liu}), &page)
	if len(page.Data.Official.Meetings.Edges) != 2 {
		t.Fatalf("%s has %d meetings on a page of 2, want 2", liu, len(page.Data.Official.Meetings.Edges))
	}
	after := page.Data.Official.Meetings.Edges[0].Cursor

	const lists = `positions { position { title } firstSeen lastSeen }
	  meetings(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor roles titlesAtTheTime node { id name date } } }
	  coAttendees(first: 5) { official { id name } sharedCount }`
	tests := []struct {
		name    string
		query   string
		vars    map[string]any
		queries int64 // store queries the answer costs over Neo4j
		errors  bool
	}{
		{"scalars only", `query($id: ID!) { official(id: $id) { id name pinyin } }`, nil, 1, false},
		{"every list", `query($id: ID!) { official(id: $id) { name ` + lists + ` } }`, nil, 1, false},
		{"the benchmark's official", `query($id: ID!) { official(id: $id) { id name aliases pinyin
		    positions { position { title organization } firstSeen lastSeen }
		    meetings(first: 20) { totalCount edges { node { id name date kind } roles titlesAtTheTime } } } }`, nil, 1, false},
		{"the benchmark's co-attendees", `query($id: ID!) { official(id: $id) { coAttendees(first: 20) { official { id name } sharedCount } } }`, nil, 1, false},
		{"arguments in variables", `query($id: ID!, $n: Int, $after: String, $role: Role, $from: Date, $to: Date) { official(id: $id) {
		    meetings(first: $n, after: $after, role: $role, from: $from, to: $to) { totalCount edges { node { name } } }
		    coAttendees(first: $n, minShared: 1, from: $from) { sharedCount } } }`,
			map[string]any{"n": 2, "after": after, "role": "ATTENDED", "from": "2021", "to": "2023-06"}, 1, false},
		{"a role literal and the last page", `query($id: ID!) { official(id: $id) { meetings(role: PRESIDED, last: 2) { totalCount edges { node { name } } } } }`, nil, 1, false},
		{"fragments", `query($id: ID!) { official(id: $id) { ...F } } fragment F on Official { ... on Official { positions { firstSeen } } meetings(first: 1) { totalCount } }`, nil, 1, false},
		{"a skipped list", `query($id: ID!, $skip: Boolean!) { official(id: $id) { name positions @skip(if: $skip) { firstSeen } } }`, map[string]any{"skip": true}, 1, false},
		// Positions read ahead carry their evidence only when it is
		// asked for; the same official deeper in the query, asking for
		// it, has it read there.
		{"positions with their evidence", `query($id: ID!) { official(id: $id) { positions { firstSeen lastSeen evidence { sentence offset } } } }`, nil, 1, false},
		{"evidence asked deeper", `query($id: ID!) { official(id: $id) { positions { firstSeen }
		    meetings(first: 1) { edges { node { participants { official { id positions { lastSeen evidence { sentence } } } } } } } } }`, nil, 3, false},
		// Aliases with different arguments: each reads its own page.
		{"aliases", `query($id: ID!) { official(id: $id) { positions { firstSeen } a: meetings(first: 1) { totalCount } b: meetings(first: 2) { totalCount } } }`, nil, 3, false},
		// Invalid arguments are read by their field, which says what is
		// wrong; the lists read ahead are still read ahead.
		{"first 0", `query($id: ID!) { official(id: $id) { positions { firstSeen } meetings(first: 0) { totalCount } } }`, nil, 1, true},
		{"a malformed cursor", `query($id: ID!) { official(id: $id) { meetings(after: "nonsense") { totalCount } coAttendees { sharedCount } } }`, nil, 1, true},
		{"co-attendees over the bound", `query($id: ID!) { official(id: $id) { coAttendees(first: 1000) { sharedCount } } }`, nil, 1, true},
		{"an unknown official", `{ official(id: "off_aaaaaaaaaaaaaaaa") { name ` + lists + ` } }`, nil, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]any{"id": liu}
			for k, v := range tt.vars {
				vars[k] = v
			}
			want := query(t, mem, tt.query, vars)
			before := s.QueryCount()
			got := query(t, neo, tt.query, vars)
			queries := s.QueryCount() - before
			if !bytes.Equal(got, want) {
				t.Errorf("Neo4j and memstore differ:\nneo4j:    %s\nmemstore: %s", got, want)
			}
			if hasErrors := strings.Contains(string(got), `"errors"`); hasErrors != tt.errors {
				t.Errorf("errors in the answer: %v, want %v: %s", hasErrors, tt.errors, got)
			}
			if queries != tt.queries {
				t.Errorf("the answer cost %d store queries, want %d", queries, tt.queries)
			}
			if strings.Contains(tt.query, "evidence") && !strings.Contains(string(got), `"sentence":"`) {
				t.Errorf("evidence was asked for, and the answer has no sentence: %s", got)
			}
		})
	}
}
