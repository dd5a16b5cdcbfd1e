package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"officialgraph/internal/export"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
)

var (
	corpusOnce  sync.Once
	corpusStore kg.Store
	corpusErr   error
)

// loadCorpus returns a memstore holding the project's corpus (the seed
// report and the synthetic reports), loaded once for all tests.
func loadCorpus(t *testing.T) kg.Store {
	t.Helper()
	corpusOnce.Do(func() {
		s := memstore.New()
		sources, errs := ingest.Collect([]string{"../../corpus"})
		sum := (&ingest.Pipeline{Store: s, Extract: ingest.Extract}).Run(context.Background(), sources)
		errs = append(errs, sum.Errors...)
		if len(errs) > 0 {
			corpusErr = errs[0]
			return
		}
		if sum.Reports == 0 {
			corpusErr = errors.New("the corpus holds no reports")
			return
		}
		corpusStore = s
	})
	if corpusErr != nil {
		t.Fatalf("loading the corpus: %v", corpusErr)
	}
	return corpusStore
}

// allOfficials lists every official the filter selects, paging through.
func allOfficials(t *testing.T, s kg.Store, f kg.OfficialFilter) []kg.Official {
	t.Helper()
	var out []kg.Official
	p := kg.Page{First: kg.MaxPageSize}
	for {
		c, err := s.Officials(context.Background(), f, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c.Items...)
		if !c.PageInfo.HasNextPage {
			return out
		}
		p.After = c.Cursors[len(c.Cursors)-1]
	}
}

// wantEdges counts the undirected co-attendance edges among the selected
// officials by asking the store's CoAttendees for each, and returns each
// edge's shared meetings keyed "a b" with a < b.
func wantEdges(t *testing.T, s kg.Store, f export.Filter) map[string][]string {
	t.Helper()
	offs := allOfficials(t, s, kg.OfficialFilter{DivisionID: f.DivisionID, Role: f.Role, From: f.From, To: f.To})
	selected := map[string]bool{}
	for _, o := range offs {
		selected[o.ID] = true
	}
	edges := map[string][]string{}
	for _, o := range offs {
		cos, err := s.CoAttendees(context.Background(), o.ID, kg.CoAttendeeFilter{MinShared: f.MinShared, From: f.From, To: f.To, First: kg.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		if len(cos) == kg.MaxPageSize {
			t.Fatalf("%s has %d co-attendees or more: the check cannot see them all", o.ID, kg.MaxPageSize)
		}
		for _, c := range cos {
			if !selected[c.Official.ID] || o.ID > c.Official.ID {
				continue
			}
			edges[o.ID+" "+c.Official.ID] = c.MeetingIDs
		}
	}
	return edges
}

type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string     `xml:"id,attr"`
			Data []dataElem `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string     `xml:"id,attr"`
			Source string     `xml:"source,attr"`
			Target string     `xml:"target,attr"`
			Data   []dataElem `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type dataElem struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func data(ds []dataElem, key string) string {
	for _, d := range ds {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

func TestGraphMLParsesAndMatchesTheStore(t *testing.T) {
	s := loadCorpus(t)
	for _, f := range []export.Filter{
		{},
		{From: kg.Date{Year: 2020}, To: kg.Date{Year: 2021, Month: 6}},
		{Role: kg.RolePresided},
		{MinShared: 2},
	} {
		t.Run(filterName(f), func(t *testing.T) {
			net, err := export.BuildNetwork(context.Background(), s, f)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := export.WriteGraphML(&buf, net); err != nil {
				t.Fatal(err)
			}
			var g graphML
			if err := xml.Unmarshal(buf.Bytes(), &g); err != nil {
				t.Fatalf("the GraphML does not parse: %v", err)
			}
			keys := map[string]bool{}
			for _, k := range g.Keys {
				if keys[k.ID] {
					t.Errorf("key id %q declared twice", k.ID)
				}
				keys[k.ID] = true
			}
			if g.Graph.EdgeDefault != "undirected" {
				t.Errorf("edgedefault = %q, want undirected", g.Graph.EdgeDefault)
			}

			offs := allOfficials(t, s, kg.OfficialFilter{DivisionID: f.DivisionID, Role: f.Role, From: f.From, To: f.To})
			if len(g.Graph.Nodes) != len(offs) {
				t.Errorf("GraphML has %d nodes, the store %d officials", len(g.Graph.Nodes), len(offs))
			}
			nodes := map[string]bool{}
			for i, n := range g.Graph.Nodes {
				nodes[n.ID] = true
				if i < len(offs) && (n.ID != offs[i].ID || data(n.Data, "label") != offs[i].Name) {
					t.Errorf("node %d = %s %q, want %s %q", i, n.ID, data(n.Data, "label"), offs[i].ID, offs[i].Name)
				}
				for _, d := range n.Data {
					if !keys[d.Key] {
						t.Errorf("node %s: data key %q is not declared", n.ID, d.Key)
					}
				}
			}
			want := wantEdges(t, s, f)
			if len(g.Graph.Edges) != len(want) {
				t.Errorf("GraphML has %d edges, the store's co-attendees give %d", len(g.Graph.Edges), len(want))
			}
			for _, e := range g.Graph.Edges {
				if !nodes[e.Source] || !nodes[e.Target] {
					t.Errorf("edge %s joins an unknown node", e.ID)
				}
				a, b := min(e.Source, e.Target), max(e.Source, e.Target)
				ms, ok := want[a+" "+b]
				if !ok {
					t.Errorf("edge %s–%s is not in the store", e.Source, e.Target)
					continue
				}
				if w := data(e.Data, "weight"); w != strconv.Itoa(len(ms)) {
					t.Errorf("edge %s–%s weight %s, want %d", e.Source, e.Target, w, len(ms))
				}
				if got := data(e.Data, "meeting_ids"); got != strings.Join(ms, " ") {
					t.Errorf("edge %s–%s meetings %q, want %q", e.Source, e.Target, got, strings.Join(ms, " "))
				}
			}
		})
	}
}

func filterName(f export.Filter) string {
	var parts []string
	if f.From.Known() || f.To.Known() {
		parts = append(parts, f.From.String()+".."+f.To.String())
	}
	if f.Role != "" {
		parts = append(parts, string(f.Role))
	}
	if f.MinShared > 0 {
		parts = append(parts, "min"+strconv.Itoa(f.MinShared))
	}
	if f.DivisionID != "" {
		parts = append(parts, f.DivisionID)
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, ",")
}

func TestNetworkHasTheSeedMeeting(t *testing.T) {
	s := loadCorpus(t)
	net, err := export.BuildNetwork(context.Background(), s, export.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]export.Node{}
	for _, n := range net.Nodes {
		byName[n.Name] = n
	}
	liu, hua := byName["刘非"], byName["华学健"]
	if liu.ID == "" || hua.ID == "" {
		t.Fatalf("the network lacks 刘非 or 华学健")
	}
	if hua.Presided < 1 || liu.Meetings < 1 {
		t.Errorf("华学健 presided %d, 刘非 meetings %d: want at least 1 each", hua.Presided, liu.Meetings)
	}
	if !slices.ContainsFunc(liu.Divisions, func(r export.Ref) bool { return r.Name == "娄底市" }) {
		t.Errorf("刘非's divisions %v lack 娄底市", liu.Divisions)
	}
	found := slices.ContainsFunc(net.Edges, func(e export.Edge) bool {
		return (e.Source == liu.ID && e.Target == hua.ID) || (e.Source == hua.ID && e.Target == liu.ID)
	})
	if !found {
		t.Error("no edge joins 刘非 and 华学健, who shared the seed meeting")
	}
}

func TestNetworkCSVRoundTrip(t *testing.T) {
	s := loadCorpus(t)
	net, err := export.BuildNetwork(context.Background(), s, export.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, bom := range []bool{false, true} {
		var nodes, edges bytes.Buffer
		if err := export.WriteNetworkCSV(&nodes, net, export.NodesPart, bom); err != nil {
			t.Fatal(err)
		}
		if err := export.WriteNetworkCSV(&edges, net, export.EdgesPart, bom); err != nil {
			t.Fatal(err)
		}
		nr := readCSV(t, nodes.Bytes(), bom)
		if !slices.Equal(nr[0], export.NodesHeader) {
			t.Fatalf("nodes header %v, want %v", nr[0], export.NodesHeader)
		}
		if len(nr)-1 != len(net.Nodes) {
			t.Fatalf("nodes CSV has %d rows, want %d", len(nr)-1, len(net.Nodes))
		}
		for i, n := range net.Nodes {
			r := nr[i+1]
			if r[0] != n.ID || r[1] != n.Name || r[2] != n.Pinyin || r[3] != strings.Join(n.Aliases, "; ") || r[7] != strconv.Itoa(n.Meetings) || r[8] != strconv.Itoa(n.Presided) {
				t.Errorf("nodes row %d = %q, want %+v", i+1, r, n)
			}
		}
		er := readCSV(t, edges.Bytes(), bom)
		if !slices.Equal(er[0], export.EdgesHeader) {
			t.Fatalf("edges header %v, want %v", er[0], export.EdgesHeader)
		}
		if len(er)-1 != len(net.Edges) {
			t.Fatalf("edges CSV has %d rows, want %d", len(er)-1, len(net.Edges))
		}
		for i, e := range net.Edges {
			r := er[i+1]
			if r[0] != e.Source || r[1] != e.Target || r[2] != strconv.Itoa(e.Shared()) || r[5] != strings.Join(e.MeetingIDs, "; ") {
				t.Errorf("edges row %d = %q, want %+v", i+1, r, e)
			}
		}
	}
}

func TestParticipationCSVRoundTrip(t *testing.T) {
	s := loadCorpus(t)
	rows, err := export.BuildParticipation(context.Background(), s, export.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != counts.Participations {
		t.Errorf("%d participation rows, the store counts %d participations", len(rows), counts.Participations)
	}
	var buf bytes.Buffer
	if err := export.WriteParticipationCSV(&buf, rows, true); err != nil {
		t.Fatal(err)
	}
	got := readCSV(t, buf.Bytes(), true)
	if !slices.Equal(got[0], export.ParticipationHeader) {
		t.Fatalf("header %v, want %v", got[0], export.ParticipationHeader)
	}
	if len(got)-1 != len(rows) {
		t.Fatalf("%d CSV rows, want %d", len(got)-1, len(rows))
	}
	var seed bool
	for i, r := range rows {
		g := got[i+1]
		roles := make([]string, len(r.Roles))
		for j, role := range r.Roles {
			roles[j] = string(role)
		}
		want := []string{r.Official.ID, r.Official.Name, r.Official.Pinyin, r.Meeting.ID, r.Meeting.Name, r.Meeting.Date.String(), r.Meeting.Kind, strings.Join(roles, "; "), strings.Join(r.Titles, "; ")}
		if !slices.Equal(g[:len(want)], want) {
			t.Errorf("row %d = %q, want %q", i+1, g[:len(want)], want)
		}
		if len(r.Reports) == 0 || g[10] == "" || g[11] == "" {
			t.Errorf("row %d has no report or evidence: %q", i+1, g)
		}
		if r.Official.Name == "华学健" && strings.Contains(r.Meeting.Name, "统筹推进") {
			seed = true
			if g[7] != "presided" || !strings.Contains(g[11], "华学健主持会议") {
				t.Errorf("华学健 at the seed meeting: roles %q evidence %q", g[7], g[11])
			}
		}
	}
	if !seed {
		t.Error("no row for 华学健 at the seed meeting")
	}
}

func readCSV(t *testing.T, b []byte, bom bool) [][]string {
	t.Helper()
	if hasBOM := bytes.HasPrefix(b, []byte("\uFEFF")); hasBOM != bom {
		t.Fatalf("byte order mark present %v, want %v", hasBOM, bom)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if len(rows) == 0 {
		t.Fatal("the CSV is empty")
	}
	return rows
}

func TestFormulaCellsAreNeutralised(t *testing.T) {
	net := &export.Network{Nodes: []export.Node{{ID: "off_aaaaaaaaaaaaaaaa", Name: "=HYPERLINK(\"x\")", Pinyin: "-1"}}}
	var buf bytes.Buffer
	if err := export.WriteNetworkCSV(&buf, net, export.NodesPart, false); err != nil {
		t.Fatal(err)
	}
	r := readCSV(t, buf.Bytes(), false)
	if r[1][1] != "'=HYPERLINK(\"x\")" || r[1][2] != "'-1" {
		t.Errorf("cells %q %q, want them prefixed with an apostrophe", r[1][1], r[1][2])
	}
}

func TestJSONL(t *testing.T) {
	s := loadCorpus(t)
	net, err := export.BuildNetwork(context.Background(), s, export.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteNetworkJSONL(&buf, net); err != nil {
		t.Fatal(err)
	}
	var nodes, edges int
	dec := json.NewDecoder(&buf)
	for {
		var v struct {
			Type   string   `json:"type"`
			Weight int      `json:"weight"`
			Meets  []string `json:"meeting_ids"`
		}
		if err := dec.Decode(&v); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		switch v.Type {
		case "node":
			nodes++
		case "edge":
			edges++
			if v.Weight != len(v.Meets) || v.Weight < 1 {
				t.Errorf("edge weight %d with %d meetings", v.Weight, len(v.Meets))
			}
		default:
			t.Errorf("line of type %q", v.Type)
		}
	}
	if nodes != len(net.Nodes) || edges != len(net.Edges) {
		t.Errorf("JSONL has %d nodes and %d edges, want %d and %d", nodes, edges, len(net.Nodes), len(net.Edges))
	}
}

func TestRowLimit(t *testing.T) {
	s := loadCorpus(t)
	_, err := export.BuildParticipation(context.Background(), s, export.Filter{MaxRows: 10})
	if !errors.Is(err, export.ErrTooLarge) || !strings.Contains(err.Error(), "more than 10") {
		t.Errorf("participation over the limit: %v, want ErrTooLarge naming the limit", err)
	}
	counts, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := export.BuildParticipation(context.Background(), s, export.Filter{MaxRows: counts.Participations}); err != nil {
		t.Errorf("participation at exactly the limit: %v", err)
	}
	_, err = export.BuildNetwork(context.Background(), s, export.Filter{MaxRows: counts.Participations - 1})
	if !errors.Is(err, export.ErrTooLarge) {
		t.Errorf("network over the limit: %v, want ErrTooLarge", err)
	}
}

func TestHTTP(t *testing.T) {
	s := loadCorpus(t)
	srv := httptest.NewServer(http.StripPrefix("", mux(s)))
	defer srv.Close()
	get := func(path string) (int, http.Header, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	for _, tc := range []struct {
		path, contentType, has string
	}{
		{"/export/network.graphml", "application/graphml+xml", "<graphml"},
		{"/export/network.csv?part=nodes", "text/csv", "id,name,pinyin"},
		{"/export/network.csv?part=edges&min-shared=1&bom=true", "text/csv", "\uFEFFsource,target,weight"},
		{"/export/network.jsonl?from=2020&to=2020-12", "application/jsonl", `"type":"node"`},
		{"/export/participation.csv?role=PRESIDED", "text/csv", "华学健"},
		{"/export/participation.jsonl?role=spoke", "application/jsonl", `"roles":["spoke"]`},
	} {
		status, h, body := get(tc.path)
		if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), tc.contentType) || !strings.Contains(body, tc.has) {
			t.Errorf("GET %s: %d %s, body has %q: %v; body starts %.200q", tc.path, status, h.Get("Content-Type"), tc.has, strings.Contains(body, tc.has), body)
		}
		if !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
			t.Errorf("GET %s: Content-Disposition %q", tc.path, h.Get("Content-Disposition"))
		}
	}
	for _, tc := range []struct{ path, param string }{
		{"/export/network.csv", "part"},
		{"/export/network.csv?part=both", "part"},
		{"/export/network.graphml?from=2020-13", "from"},
		{"/export/network.graphml?to=yesterday", "to"},
		{"/export/network.graphml?from=--02-26", "from"},
		{"/export/network.graphml?from=2021&to=2020", "from"},
		{"/export/network.graphml?role=chaired", "role"},
		{"/export/network.graphml?min-shared=0", "min-shared"},
		{"/export/network.graphml?min-shared=many", "min-shared"},
		{"/export/network.graphml?division=loudi", "division"},
		{"/export/network.graphml?bom=true", "bom"},
		{"/export/participation.csv?min-shared=2", "min-shared"},
		{"/export/participation.csv?bom=maybe", "bom"},
		{"/export/participation.csv?part=nodes", "part"},
		{"/export/participation.csv?minShared=2", "minShared"},
		{"/export/participation.csv?role=spoke&role=presided", "role"},
	} {
		status, _, body := get(tc.path)
		if status != http.StatusBadRequest || !strings.HasPrefix(body, tc.param+":") {
			t.Errorf("GET %s: %d %q, want 400 naming %s", tc.path, status, body, tc.param)
		}
	}
	if status, _, _ := get("/export/people.csv"); status != http.StatusNotFound {
		t.Errorf("GET an unknown export: %d, want 404", status)
	}
}

func mux(s kg.Store) http.Handler {
	m := http.NewServeMux()
	m.Handle("GET "+export.Prefix, export.Handler(s, slog.New(slog.NewTextHandler(io.Discard, nil))))
	return m
}
