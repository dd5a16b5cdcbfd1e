package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"officialgraph/graph"
	"officialgraph/internal/memstore"
	"officialgraph/internal/storetest"
)

// FuzzGraphQL sends any query text, with any variables, through the real
// handler over the seed report: whatever a client sends, the answer is
// JSON with data or errors, never a panic, a 500 or an INTERNAL error.
func FuzzGraphQL(f *testing.F) {
	seed := storetest.SeedFacts()
	var meetingID, officialID string
	if len(seed.Meetings) > 0 {
		meetingID = seed.Meetings[0].ID
	}
	if len(seed.Officials) > 0 {
		officialID = seed.Officials[0].ID
	}
	for _, q := range []struct{ query, vars string }{
		{`{ meetings(filter: {text: "部署会议"}) { edges { node { name date participants { official { name aliases } roles titlesAtTheTime } } } } }`, ``},
		{`query($id: ID!) { node(id: $id) { id ... on Meeting { name sources { title } directives { text issuer { name } } } } }`, `{"id":"` + meetingID + `"}`},
		{`query($id: ID!) { official(id: $id) { name meetings(first: 2) { edges { cursor roles } pageInfo { endCursor } } positions { position { title } } coAttendees { official { name } sharedCount } timeline { kind date } } }`, `{"id":"` + officialID + `"}`},
		{`query($c: String) { officials(first: 1, after: $c) { edges { cursor node { name } } pageInfo { hasNextPage } totalCount } }`, `{"c":"YzE6"}`},
		{`query($from: Date, $to: Date) { meetings(filter: {from: $from, to: $to}, orderBy: DESC, last: 3) { totalCount } }`, `{"from":"2020-02","to":"--02-26"}`},
		{`{ divisions(filter: {level: CITY}) { edges { node { name code parent { name } children { totalCount } } } } }`, ``},
		{`{ directives(filter: {text: "防控"}) { edges { node { text ordinal issuedByMeeting } } } }`, ``},
		{`{ reports { edges { node { title sha256 synthetic publishedAt } } } }`, ``},
		{`{ search(query: "liu fei") { score node { __typename } } }`, ``},
		{`{ stats { meetings meetingsPerMonth { month count } } }`, ``},
		{`{ nodes(ids: ["off_aaaaaaaaaaaaaaaa", "nope", ""]) { id } }`, ``},
		{`mutation { deleteReport(id: "rep_aaaaaaaaaaaaaaaa") { deletedReportId } }`, ``},
		{`{ __schema { types { name } } }`, ``},
		{`fragment F on Query { officials { totalCount } } query { ...F }`, ``},
		{`{ meetings(first: -1) { totalCount } }`, ``},
		{`{`, ``},
		{``, `null`},
	} {
		f.Add(q.query, q.vars)
	}
	store := memstore.New()
	if _, err := store.WriteReport(context.Background(), seed); err != nil {
		f.Fatal(err)
	}
	h := graph.NewHandler(store, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.DefaultLimits)

	f.Fuzz(func(t *testing.T, query, vars string) {
		req := map[string]any{"query": query}
		if json.Valid([]byte(vars)) {
			req["variables"] = json.RawMessage(vars)
		}
		body, err := json.Marshal(req)
		if err != nil {
			t.Skip() // not a request a client could send
		}
		r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		checkResponse(t, w.Code, w.Body.Bytes())
	})
}

// checkResponse asserts that a GraphQL response is well formed and shows no
// failure of the server's own.
func checkResponse(t *testing.T, status int, raw []byte) {
	t.Helper()
	switch status {
	case http.StatusOK, http.StatusBadRequest, http.StatusUnprocessableEntity:
	default:
		t.Fatalf("status %d: %s", status, raw)
	}
	var resp struct {
		Data   *json.RawMessage `json:"data"`
		Errors *[]struct {
			Message    *string        `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &resp); err != nil {
		t.Fatalf("the response is not a JSON object: %v: %s", err, raw)
	}
	if resp.Data == nil && resp.Errors == nil {
		t.Fatalf("the response has neither data nor errors: %s", raw)
	}
	if resp.Errors != nil {
		if len(*resp.Errors) == 0 {
			t.Fatalf("errors is present but empty: %s", raw)
		}
		for _, e := range *resp.Errors {
			if e.Message == nil || *e.Message == "" {
				t.Fatalf("an error without a message: %s", raw)
			}
			if e.Extensions["code"] == graph.CodeInternal {
				t.Fatalf("an INTERNAL error, which means a failure the server did not foresee: %s", raw)
			}
		}
	}
}
