package graph_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// decode runs q on the shared memstore server and decodes its data into v,
// failing on any GraphQL error.
func decode(t *testing.T, q string, vars map[string]any, v any) {
	t.Helper()
	raw := query(t, memServer(t), q, vars)
	var out struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
	if len(out.Errors) > 0 {
		t.Fatalf("errors: %+v", out.Errors)
	}
	if err := json.Unmarshal(out.Data, v); err != nil {
		t.Fatal(err)
	}
}

// errorCode runs q and returns the first error's extensions.code.
func errorCode(t *testing.T, q string) string {
	t.Helper()
	var out struct {
		Errors []struct{ Extensions struct{ Code string } }
	}
	raw := query(t, memServer(t), q, nil)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
	if len(out.Errors) == 0 {
		t.Fatalf("no error for %s: %s", q, raw)
	}
	return out.Errors[0].Extensions.Code
}

func TestSearchAnyScript(t *testing.T) {
	for _, q := range []string{"刘非", "劉非", "liu fei", "liufei", "LiuFei", "lf"} {
		var data struct {
			Search []struct {
				Score int
				Node  struct{ Name string }
			}
		}
		decode(t, `query($q: String!) { search(query: $q, types: [OFFICIAL]) { score node { ... on Official { name } } } }`,
			map[string]any{"q": q}, &data)
		if len(data.Search) == 0 || data.Search[0].Node.Name != "刘非" {
			t.Errorf("search(%q) = %+v, want 刘非 first", q, data.Search)
		}
	}
}

func TestMeetingsPageAndErrors(t *testing.T) {
	var data struct {
		Meetings struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Edges []struct{ Node struct{ Date string } }
		}
	}
	decode(t, `{ meetings(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { node { date } } } }`, nil, &data)
	if data.Meetings.TotalCount < 40 || len(data.Meetings.Edges) != 10 || !data.Meetings.PageInfo.HasNextPage {
		t.Fatalf("meetings page = %+v, want 10 of at least 40 with a next page", data.Meetings)
	}
	for i := 1; i < len(data.Meetings.Edges); i++ {
		if a, b := data.Meetings.Edges[i-1].Node.Date, data.Meetings.Edges[i].Node.Date; a > b {
			t.Errorf("meetings out of date order: %s before %s", a, b)
		}
	}
	tests := []struct{ query, code string }{
		{`{ meetings(first: 101) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ meetings(first: 0) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ meetings(after: "not-a-cursor") { totalCount } }`, "BAD_USER_INPUT"},
		{`{ meetings(filter: {from: "2020-13"}) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ search(query: "") { score } }`, "BAD_USER_INPUT"},
		{`{ connection(from: "off_aaaaaaaaaaaaaaaa", to: "off_bbbbbbbbbbbbbbbb", maxHops: 9) { hops } }`, "BAD_USER_INPUT"},
		{`{ connection(from: "off_aaaaaaaaaaaaaaaa", to: "off_bbbbbbbbbbbbbbbb") { hops } }`, "NOT_FOUND"},
		{`{ nope }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ officials(first: 1) { edges { node { ` + strings.Repeat(`coAttendees(first: 1) { official { `, 7) + `name` + strings.Repeat(` } }`, 7) + ` } } } }`, "DEPTH_LIMIT_EXCEEDED"},
		{`{ meetings(first: 100) { edges { node { participants { official { meetings(first: 100) { edges { node { name } } } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
	}
	for _, tt := range tests {
		if got := errorCode(t, tt.query); got != tt.code {
			t.Errorf("%.60s…: code %q, want %q", tt.query, got, tt.code)
		}
	}
}

func TestStatsAndTimeline(t *testing.T) {
	var data struct {
		Stats struct {
			Meetings            int
			MeetingsPerMonth    []struct{ Month string }
			MostActiveOfficials []struct {
				Official struct{ Name string }
				Count    int
			}
		}
		Officials struct {
			Edges []struct {
				Node struct {
					Timeline []struct {
						Date string
						Kind string
					}
				}
			}
		}
	}
	decode(t, `{ stats(top: 3) { meetings meetingsPerMonth { month } mostActiveOfficials { official { name } count } }
		officials(filter: {name: "刘非"}) { edges { node { timeline { date kind } } } } }`, nil, &data)
	if data.Stats.Meetings < 40 || len(data.Stats.MostActiveOfficials) != 3 {
		t.Errorf("stats = %+v, want at least 40 meetings and 3 most active officials", data.Stats)
	}
	if len(data.Officials.Edges) != 1 {
		t.Fatalf("刘非: %d officials, want 1", len(data.Officials.Edges))
	}
	tl := data.Officials.Edges[0].Node.Timeline
	kinds := map[string]int{}
	for _, e := range tl {
		kinds[e.Kind]++
	}
	if kinds["MEETING"] != 1 || kinds["POSITION"] != 2 {
		t.Errorf("刘非's timeline = %+v, want 1 meeting and 2 positions", tl)
	}
}
