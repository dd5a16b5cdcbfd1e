package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"officialgraph/graph"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/neo4jstore"
	"officialgraph/internal/neo4jtest"
)

// load ingests the bundled corpus (the seed and the synthetic reports)
// through the real pipeline.
func load(t *testing.T, s kg.Store) {
	t.Helper()
	srcs, errs := ingest.Collect([]string{"../corpus"})
	if len(errs) > 0 {
		t.Fatalf("collecting the corpus: %v", errs)
	}
	p := ingest.Pipeline{Store: s, Extract: ingest.Extract}
	sum := p.Run(context.Background(), srcs)
	if sum.Failed > 0 || sum.Created == 0 {
		t.Fatalf("ingest: %+v", sum)
	}
}

var (
	memOnce sync.Once
	memSrv  *httptest.Server
)

// memServer serves the corpus from memstore, shared by the tests of this
// package that only read.
func memServer(t *testing.T) string {
	t.Helper()
	memOnce.Do(func() {
		s := memstore.New()
		load(t, s)
		memSrv = httptest.NewServer(graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.DefaultLimits))
	})
	return memSrv.URL
}

func query(t *testing.T, url, q string, vars map[string]any) json.RawMessage {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// parityQueries exercise every entry point and relationship field; each must
// answer the same from both stores.
var parityQueries = map[string]string{
	"officials": `{ officials(first: 30) { totalCount pageInfo { hasNextPage endCursor }
		edges { cursor node { id name aliases pinyin garbled } } } }`,
	"officialsFiltered": `{ officials(filter: {positionTitle: "市长", role: SPOKE, from: "2020"}, first: 50) { totalCount edges { node { name } } } }`,
	"officialsLast":     `{ officials(last: 7) { pageInfo { hasPreviousPage hasNextPage } edges { node { name } } } }`,
	"meetings": `{ meetings(orderBy: DESC, first: 40) { totalCount edges { node { id name date datePrecision kind
		division { name level code parent { name } } } } } }`,
	"meetingDetail": `{ meetings(filter: {text: "统筹推进"}) { edges { node {
		participants { official { name } roles titlesAtTheTime evidence { sentence offset report { title publishedAt synthetic } } }
		reported: divisions(role: REPORTED) { division { name level } role evidence { sentence } }
		directives { text ordinal issuedByMeeting issuer { name } meeting { name } evidence { sentence } }
		sources { title sha256 journalists } } } } }`,
	"meetingsFiltered": `{ meetings(filter: {from: "2021-01", to: "2022-12", role: PRESIDED}, first: 100) { totalCount edges { node { name date } } } }`,
	"divisions": `{ divisions(filter: {level: COUNTY}, first: 100) { totalCount edges { node { name code parent { name }
		children { totalCount } meetings(first: 3) { totalCount edges { node { name } } } officials(first: 5) { totalCount } } } } }`,
	"directives": `{ directives(filter: {issuedByMeeting: true}, first: 50) { totalCount edges { node { text ordinal meeting { name } } } } }`,
	"reports":    `{ reports(first: 100) { totalCount edges { node { id title url publishedAt journalists synthetic } } } }`,
	// Positions of a list, without their evidence: read without it.
	"officialsPositions": `{ officials(first: 50) { edges { node { id positions { position { id title } firstSeen lastSeen } } } } }`,
	"officialRelations": `{ officials(filter: {name: "刘非"}) { edges { node {
		meetings(first: 5) { totalCount edges { cursor roles titlesAtTheTime node { name } evidence { sentence } } }
		positions { position { title organization division { name } } firstSeen lastSeen evidence { report { title } } }
		coAttendees(first: 5) { official { name } sharedCount sharedMeetings { name } }
		directives(first: 3) { totalCount edges { node { text } } }
		timeline { date kind meeting { name } position { title } roles } } } } }`,
	"search": `{ a: search(query: "刘非") { score node { ... on Official { name } } }
		b: search(query: "劉非") { score node { ... on Official { name } } }
		c: search(query: "liu fei") { score node { ... on Official { name } } }
		d: search(query: "lf", types: [OFFICIAL], first: 5) { score node { ... on Official { name } } }
		e: search(query: "娄底") { score node { __typename ... on Division { name } ... on Meeting { name } } } }`,
	"stats": `{ stats(top: 5) { meetings meetingsPerMonth { month count } participationsPerRole { role count }
		mostActiveOfficials { official { name } count } directivesPerIssuer { issuer { name } issuedByMeeting count }
		divisionsReportingMost { division { name } count } } }`,
	"holders": `{ holders(positionTitle: "市长") { official { name } position { title organization } firstSeen lastSeen } }`,
	"errors":  `{ officials(first: 1000) { totalCount } }`,
}

// neo4jServer serves the corpus from a Neo4j of its own, for a test that
// also counts the store's queries.
func neo4jServer(t *testing.T) (*neo4jstore.Store, string) {
	t.Helper()
	s := neo4jtest.Open(t)
	load(t, s)
	srv := httptest.NewServer(graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.DefaultLimits))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// TestParity runs every query against memstore and Neo4j, loaded with the
// same corpus, and requires byte-identical answers.
func TestParity(t *testing.T) {
	mem := memServer(t)
	_, neo := neo4jServer(t)
	for name, q := range parityQueries {
		t.Run(name, func(t *testing.T) {
			a, b := query(t, mem, q, nil), query(t, neo, q, nil)
			if !bytes.Equal(a, b) {
				t.Errorf("memstore and Neo4j differ:\nmemstore: %s\nneo4j:    %s", a, b)
			}
			if name != "errors" && strings.Contains(string(a), `"errors"`) {
				t.Errorf("errors in answer: %s", a)
			}
		})
	}
	// The connection between two officials of the seed meeting.
	ids := func(url string) map[string]any {
		var out struct {
			Data struct {
				Officials struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
		}
		json.Unmarshal(query(t, url, `{ officials(filter: {name: "学健"}) { edges { node { id } } } }`, nil), &out)
		from := out.Data.Officials.Edges[0].Node.ID
		json.Unmarshal(query(t, url, `{ officials(filter: {name: "刘非"}) { edges { node { id } } } }`, nil), &out)
		return map[string]any{"from": from, "to": out.Data.Officials.Edges[0].Node.ID}
	}
	const conn = `query($from: ID!, $to: ID!) { connection(from: $from, to: $to) { hops officials { name } meetings { name } }
		node(id: $from) { id ... on Official { name } } nodes(ids: [$from, $to, "off_aaaaaaaaaaaaaaaa"]) { id } }`
	a, b := query(t, mem, conn, ids(mem)), query(t, neo, conn, ids(neo))
	if !bytes.Equal(a, b) {
		t.Errorf("connection differs:\nmemstore: %s\nneo4j:    %s", a, b)
	}
}
