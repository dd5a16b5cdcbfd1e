package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"officialgraph/graph"
	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jtest"
	"officialgraph/internal/storetest"
)

// pageQuery asks for a page of meetings with their participants and each
// participant's positions, and the evidence's report: the shape that costs
// one query per object without batching.
const pageQuery = `query($n: Int) {
  meetings(first: $n) {
    edges { node {
      name division { name parent { name } }
      participants { official { name } roles evidence { report { title } }
        titlesAtTheTime }
      sources { title }
      directives { text issuer { name } }
    } }
  }
}`

// manyMeetings writes reports with n meetings of 8 participants each, every
// participant holding a position.
func manyMeetings(t *testing.T, s kg.Store, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		b := storetest.Synthetic(fmt.Sprintf("nplus1-%d", i), "2021-03-01")
		m := b.Meeting(fmt.Sprintf("第%d次测试会议", i), fmt.Sprintf("2021-03-%02d", i%28+1), "部署会议", storetest.SynCity())
		pos := b.Position("副市长", "甲市人民政府", storetest.SynCity())
		for j := 0; j < 8; j++ {
			o := b.Official(fmt.Sprintf("测试%d号", (i*3+j)%40), fmt.Sprintf("ce shi %d", (i*3+j)%40))
			role := kg.RoleAttended
			if j == 0 {
				role = kg.RolePresided
			}
			b.Participant(m, o, []kg.Role{role}, "副市长")
			b.Tenure(o, pos, "2021-03-01")
		}
		if _, err := s.WriteReport(ctx, b.Facts()); err != nil {
			t.Fatalf("writing report %d: %v", i, err)
		}
	}
}

// TestNoNPlusOne counts the Neo4j queries a page of meetings with nested
// lists issues: it must not grow with the page size.
func TestNoNPlusOne(t *testing.T) {
	s := neo4jtest.Open(t)
	manyMeetings(t, s, 60)
	srv := httptest.NewServer(graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.DefaultLimits))
	defer srv.Close()

	queries := func(n int) int64 {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"query": pageQuery, "variables": map[string]any{"n": n}})
		before := s.QueryCount()
		resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Data struct {
				Meetings struct{ Edges []json.RawMessage }
			}
			Errors []json.RawMessage
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if len(out.Errors) > 0 || len(out.Data.Meetings.Edges) != n {
			t.Fatalf("page of %d: %d edges, errors %s", n, len(out.Data.Meetings.Edges), out.Errors)
		}
		return s.QueryCount() - before
	}
	// The query reads the store at eight places (meetings, divisions,
	// parents, participants, evidence reports, sources, directives, their
	// issuers): one batch each, and a few more where a batch is split by the
	// loader's wait on a loaded machine. Without batching, a page of 50
	// costs over 400.
	const bound = 20
	small, large := queries(5), queries(50)
	t.Logf("store queries: page of 5 → %d, page of 50 → %d", small, large)
	if large > bound {
		t.Errorf("a page of 50 meetings cost %d store queries, want at most %d", large, bound)
	}
}

// TestSearchNoNPlusOne counts the Neo4j queries of a search with many hits
// of several kinds: the search reads the hits' objects with the hits, not
// one read per hit or per kind.
func TestSearchNoNPlusOne(t *testing.T) {
	s := neo4jtest.Open(t)
	manyMeetings(t, s, 30)
	srv := httptest.NewServer(graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.DefaultLimits))
	defer srv.Close()

	// "测试" is in every official's and every meeting's name.
	body, _ := json.Marshal(map[string]any{"query": `{ search(query: "测试", types: [OFFICIAL, MEETING], first: 60) {
	  score node { ... on Official { id name } ... on Meeting { id name } } } }`})
	before := s.QueryCount()
	resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			Search []struct {
				Node struct{ ID string }
			}
		}
		Errors []json.RawMessage
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	got := s.QueryCount() - before
	if len(out.Errors) > 0 || len(out.Data.Search) < 50 {
		t.Fatalf("search: %d hits, errors %s; want at least 50 hits", len(out.Data.Search), out.Errors)
	}
	for i, h := range out.Data.Search {
		if h.Node.ID == "" {
			t.Fatalf("hit %d has no object", i)
		}
	}
	// The search itself: officials and meetings come with their hits
	// (directives alone need a second read, for their evidence).
	const bound = 1
	t.Logf("store queries: search with %d hits → %d", len(out.Data.Search), got)
	if got > bound {
		t.Errorf("a search with %d hits cost %d store queries, want at most %d", len(out.Data.Search), got, bound)
	}
}

// TestStatsIsOneQuery counts the Neo4j queries of a dashboard: the
// aggregates come with the officials, issuers and divisions they name.
func TestStatsIsOneQuery(t *testing.T) {
	s, url := neo4jServer(t)
	before := s.QueryCount()
	raw := query(t, url, `{ stats(top: 10) {
	  meetings
	  mostActiveOfficials { official { id name } count }
	  directivesPerIssuer { issuer { id name } issuedByMeeting count }
	  divisionsReportingMost { division { id name } count } } }`, nil)
	got := s.QueryCount() - before
	var out struct {
		Data struct {
			Stats struct {
				DirectivesPerIssuer []struct {
					Issuer          *struct{ ID, Name string }
					IssuedByMeeting bool
				}
			}
		}
		Errors []json.RawMessage
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("stats: %v %s", err, raw)
	}
	named := 0
	for _, d := range out.Data.Stats.DirectivesPerIssuer {
		if (d.Issuer == nil) != d.IssuedByMeeting || (d.Issuer != nil && d.Issuer.Name == "") {
			t.Errorf("issuer %+v, issued by the meeting %v: want a named official exactly when not", d.Issuer, d.IssuedByMeeting)
		}
		if d.Issuer != nil {
			named++
		}
	}
	if named == 0 {
		t.Fatalf("no official among the issuers: %s", raw)
	}
	if got != 1 {
		t.Errorf("a dashboard cost %d store queries, want 1", got)
	}
}
