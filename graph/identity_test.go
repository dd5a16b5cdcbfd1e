package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"officialgraph/internal/auth"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/storetest"
)

// identityAPI is a handler over a store holding two reports that name 王一
// of two cities, whom the extractor takes for two people.
type identityAPI struct {
	h             http.Handler
	wangA, wangB  string // 王一 of 甲市 and of 乙市
	repA, repB    string
	otherOfficial string // 李二, named by the first report only
}

func newIdentityAPI(t *testing.T) *identityAPI {
	t.Helper()
	s := memstore.New()
	t.Cleanup(func() { s.Close(context.Background()) })
	a := storetest.Synthetic("graph-identity-a", "2020-03-01")
	m := a.Meeting("甲市会议", "2020-03-01", "部署会议", storetest.SynCity())
	wangA := a.Official("王一", "wang yi")
	li := a.Official("李二", "li er")
	a.Participant(m, wangA, []kg.Role{kg.RolePresided})
	a.Participant(m, li, []kg.Role{kg.RoleAttended})
	b := storetest.Synthetic("graph-identity-b", "2020-03-02")
	m = b.Meeting("乙市会议", "2020-03-02", "部署会议", storetest.SynOtherCity())
	wangB := b.OfficialIn(storetest.SynOtherCity(), "王一", "wang yi", "王弌")
	b.Participant(m, wangB, []kg.Role{kg.RoleSpoke})
	for _, f := range []*kg.ReportFacts{a.Facts(), b.Facts()} {
		if _, err := s.WriteReport(t.Context(), f); err != nil {
			t.Fatalf("WriteReport(%s) error: %v", f.Report.ID, err)
		}
	}
	return &identityAPI{
		h:     NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), DefaultLimits),
		wangA: wangA, wangB: wangB, repA: a.ReportID(), repB: b.ReportID(), otherOfficial: li,
	}
}

// do sends a request as a caller of the given role and
// returns its data and the codes of its errors; auth.Anonymous sends no
// caller at all.
func (a *identityAPI) do(t *testing.T, role auth.Role, q string, vars map[string]any) (json.RawMessage, []string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	ctx := t.Context()
	if role != auth.Anonymous {
		ctx = auth.WithCaller(ctx, auth.Caller{Role: role})
	}
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, r)
	var out struct {
		Data   json.RawMessage
		Errors []struct{ Extensions struct{ Code string } }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("decoding %s: %v", w.Body, err)
	}
	var codes []string
	for _, e := range out.Errors {
		codes = append(codes, e.Extensions.Code)
	}
	return out.Data, codes
}

// must sends a request as a writer and decodes its data into v, failing on
// any error.
func (a *identityAPI) must(t *testing.T, q string, vars map[string]any, v any) {
	t.Helper()
	data, codes := a.do(t, auth.Write, q, vars)
	if len(codes) > 0 {
		t.Fatalf("%s: error codes %v", q, codes)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
}

const mergeMutation = `mutation($keep: ID!, $merge: ID!) {
  mergeOfficials(keep: $keep, merge: $merge, note: "同一人") {
    decision { id kind keepId mergedId officialId reportIds newOfficialId note sequence decidedAt }
    officials { id name aliases }
  }
}`

func TestMergeOfficialsAndUndo(t *testing.T) {
	a := newIdentityAPI(t)
	vars := map[string]any{"keep": a.wangA, "merge": a.wangB}
	var merged struct {
		MergeOfficials struct {
			Decision struct {
				ID, Kind, Note, DecidedAt string
				KeepID, MergedID          *string
				OfficialID, NewOfficialID *string
				ReportIDs                 []string
				Sequence                  int
			}
			Officials []struct {
				ID, Name string
				Aliases  []string
			}
		}
	}
	a.must(t, mergeMutation, vars, &merged)
	d := merged.MergeOfficials.Decision
	if d.Kind != "MERGE" || d.KeepID == nil || *d.KeepID != a.wangA || d.MergedID == nil || *d.MergedID != a.wangB ||
		d.OfficialID != nil || d.NewOfficialID != nil || len(d.ReportIDs) != 0 || d.Note != "同一人" || d.Sequence != 1 || d.DecidedAt == "" {
		t.Errorf("decision = %+v, want a merge of %s into %s, note 同一人, sequence 1", d, a.wangB, a.wangA)
	}
	if k, ok := kg.KindOf(d.ID); !ok || k != kg.KindDecision {
		t.Errorf("decision ID %q is not an identity decision ID", d.ID)
	}
	offs := merged.MergeOfficials.Officials
	if len(offs) != 1 || offs[0].ID != a.wangA || !slices.Equal(offs[0].Aliases, []string{"王弌"}) {
		t.Errorf("officials = %+v, want %s alone, with the merged alias 王弌", offs, a.wangA)
	}

	const read = `query($id: ID!) {
  official(id: $id) { id meetings { totalCount } }
  identityDecisions(first: 10) { totalCount edges { cursor node { id } } }
}`
	var after struct {
		Official *struct {
			ID       string
			Meetings struct{ TotalCount int }
		}
		IdentityDecisions struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ ID string }
			}
		}
	}
	a.must(t, read, map[string]any{"id": a.wangB}, &after)
	if after.Official != nil {
		t.Errorf("official(merged) = %+v, want null", after.Official)
	}
	if after.IdentityDecisions.TotalCount != 1 || len(after.IdentityDecisions.Edges) != 1 || after.IdentityDecisions.Edges[0].Node.ID != d.ID {
		t.Errorf("identityDecisions = %+v, want the merge alone", after.IdentityDecisions)
	}
	a.must(t, read, map[string]any{"id": a.wangA}, &after)
	if after.Official == nil || after.Official.Meetings.TotalCount != 2 {
		t.Errorf("official(kept) = %+v, want both officials' 2 meetings", after.Official)
	}

	var undone struct {
		UndoIdentityDecision struct{ UndoneDecisionID string }
	}
	a.must(t, `mutation($id: ID!) { undoIdentityDecision(id: $id) { undoneDecisionId } }`, map[string]any{"id": d.ID}, &undone)
	if undone.UndoIdentityDecision.UndoneDecisionID != d.ID {
		t.Errorf("undoneDecisionId = %q, want %q", undone.UndoIdentityDecision.UndoneDecisionID, d.ID)
	}
	a.must(t, read, map[string]any{"id": a.wangB}, &after)
	if after.Official == nil || after.Official.Meetings.TotalCount != 1 || after.IdentityDecisions.TotalCount != 0 {
		t.Errorf("after undo: official(merged) = %+v, decisions %+v; want the official back with its meeting and no decisions",
			after.Official, after.IdentityDecisions)
	}
}

func TestSplitOfficial(t *testing.T) {
	a := newIdentityAPI(t)
	var out struct {
		SplitOfficial struct {
			Decision struct {
				Kind          string
				NewOfficialID *string
				ReportIDs     []string
			}
			Officials []struct{ ID string }
		}
	}
	a.must(t, `mutation($o: ID!, $r: [ID!]!) {
  splitOfficial(official: $o, reports: $r) { decision { kind newOfficialId reportIds } officials { id } }
}`, map[string]any{"o": a.otherOfficial, "r": []string{a.repA}}, &out)
	d := out.SplitOfficial.Decision
	if d.Kind != "SPLIT" || d.NewOfficialID == nil || !slices.Equal(d.ReportIDs, []string{a.repA}) {
		t.Fatalf("decision = %+v, want a split in %s with a new official", d, a.repA)
	}
	// 李二 is named by that report only: the split leaves the new official.
	if got := out.SplitOfficial.Officials; len(got) != 1 || got[0].ID != *d.NewOfficialID {
		t.Errorf("officials = %+v, want the new official %s alone", got, *d.NewOfficialID)
	}
}

func TestIdentityErrors(t *testing.T) {
	a := newIdentityAPI(t)
	unknownOfficial := kg.NewID(kg.KindOfficial, "graph", "unknown")
	tests := []struct {
		name string
		role auth.Role
		q    string
		vars map[string]any
		want string
	}{
		{"merge without a token", auth.Anonymous, mergeMutation, map[string]any{"keep": a.wangA, "merge": a.wangB}, CodeUnauthenticated},
		{"merge with a read token", auth.Read, mergeMutation, map[string]any{"keep": a.wangA, "merge": a.wangB}, CodeForbidden},
		{"merge into itself", auth.Write, mergeMutation, map[string]any{"keep": a.wangA, "merge": a.wangA}, CodeBadUserInput},
		{"merge of a report", auth.Write, mergeMutation, map[string]any{"keep": a.wangA, "merge": a.repA}, CodeBadUserInput},
		{"merge of an unknown official", auth.Write, mergeMutation, map[string]any{"keep": a.wangA, "merge": unknownOfficial}, CodeNotFound},
		{"split in a report that does not name the official", auth.Write,
			`mutation($o: ID!, $r: [ID!]!) { splitOfficial(official: $o, reports: $r) { decision { id } } }`,
			map[string]any{"o": a.wangA, "r": []string{a.repB}}, CodeBadUserInput},
		{"split without reports", auth.Write,
			`mutation($o: ID!) { splitOfficial(official: $o, reports: []) { decision { id } } }`,
			map[string]any{"o": a.wangA}, CodeBadUserInput},
		{"undo without a token", auth.Anonymous,
			`mutation($id: ID!) { undoIdentityDecision(id: $id) { undoneDecisionId } }`,
			map[string]any{"id": kg.NewID(kg.KindDecision, "x")}, CodeUnauthenticated},
		{"undo of an unknown decision", auth.Write,
			`mutation($id: ID!) { undoIdentityDecision(id: $id) { undoneDecisionId } }`,
			map[string]any{"id": kg.NewID(kg.KindDecision, "x")}, CodeNotFound},
		{"undo of an official ID", auth.Write,
			`mutation($id: ID!) { undoIdentityDecision(id: $id) { undoneDecisionId } }`,
			map[string]any{"id": a.wangA}, CodeBadUserInput},
		{"decisions page too large", auth.Anonymous, `{ identityDecisions(first: 500) { totalCount } }`, nil, CodeBadUserInput},
		{"decisions page of zero", auth.Anonymous, `{ identityDecisions(last: 0) { totalCount } }`, nil, CodeBadUserInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, codes := a.do(t, tt.role, tt.q, tt.vars)
			if len(codes) == 0 || codes[0] != tt.want {
				t.Errorf("error codes = %v (data %s), want %s", codes, data, tt.want)
			}
		})
	}
	// None of the refused mutations recorded anything.
	var out struct{ IdentityDecisions struct{ TotalCount int } }
	a.must(t, `{ identityDecisions { totalCount } }`, nil, &out)
	if out.IdentityDecisions.TotalCount != 0 {
		t.Errorf("identityDecisions.totalCount = %d after refused mutations, want 0", out.IdentityDecisions.TotalCount)
	}
}
