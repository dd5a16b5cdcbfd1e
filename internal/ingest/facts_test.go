package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/extract"
	"officialgraph/internal/kg"
)

// seedFacts builds the facts of the seed report from its gold annotation.
func seedFacts(t *testing.T) (*kg.ReportFacts, []ExtractionWarning) {
	t.Helper()
	srcs, errs := Collect([]string{"../../corpus/seed/loudi-2020-02-26.gold.json"})
	if len(errs) > 0 || len(srcs) != 1 {
		t.Fatalf("Collect(seed gold) = %d sources, errors %v; want 1 source", len(srcs), errs)
	}
	f, warns, err := Facts(srcs[0].Extraction, srcs[0].Meta, srcs[0].Text)
	if err != nil {
		t.Fatalf("Facts(seed): %v", err)
	}
	return f, warns
}

func TestFactsSeed(t *testing.T) {
	f, warns := seedFacts(t)
	if len(warns) != 0 {
		t.Errorf("warnings = %v, want none", warns)
	}
	if got, want := f.Report.PublishedAt.String(), "2020-02-26"; got != want {
		t.Errorf("publishedAt = %q, want %q", got, want)
	}
	raw, err := os.ReadFile("../../corpus/seed/loudi-2020-02-26.txt")
	if err != nil {
		t.Fatal(err)
	}
	f2, _, err := Facts(&Extraction{}, Meta{}, raw)
	if err != nil {
		t.Fatal(err)
	}
	if f.Report.ID != f2.Report.ID {
		t.Errorf("report ID depends on more than the text: %s vs %s", f.Report.ID, f2.Report.ID)
	}
	if len(f.Meetings) != 1 {
		t.Fatalf("meetings = %d, want 1", len(f.Meetings))
	}
	m := f.Meetings[0]
	if m.Date.String() != "2020-02-26" || m.Kind != "部署会议" {
		t.Errorf("meeting date, kind = %s, %s; want 2020-02-26, 部署会议", m.Date, m.Kind)
	}
	divs := map[string]kg.Division{}
	for _, d := range f.Divisions {
		divs[d.ID] = d
	}
	juris := divs[m.DivisionID]
	if juris.Name != "娄底市" || juris.Level != kg.LevelCity || divs[juris.ParentID].Name != "湖南省" {
		t.Errorf("jurisdiction = %+v (parent %+v), want 娄底市, a city of 湖南省", juris, divs[juris.ParentID])
	}
	var reported []string
	for _, dp := range f.DivisionParticipations {
		d := divs[dp.DivisionID]
		reported = append(reported, d.Name)
		if dp.Role != kg.RoleReported {
			t.Errorf("division %s role = %s, want reported", d.Name, dp.Role)
		}
		if d.Code != "" && d.ParentID != juris.ID {
			t.Errorf("division %s parent = %s, want 娄底市", d.Name, divs[d.ParentID].Name)
		}
	}
	slices.Sort(reported)
	want := []string{"万宝新区", "冷水江市", "双峰县", "娄底经开区", "娄星区", "新化县", "涟源市"}
	if !slices.Equal(reported, want) {
		t.Errorf("reported divisions = %v, want %v", reported, want)
	}

	byName := map[string]kg.Official{}
	for _, o := range f.Officials {
		byName[o.Name] = o
	}
	if o := byName["刘非"]; o.Pinyin != "liu fei" || o.Garbled {
		t.Errorf("刘非 = %+v, want pinyin liu fei, not garbled", o)
	}
	if o := byName["张?"]; !o.Garbled || o.ID == kg.OfficialID(m.DivisionID, "张?") {
		t.Errorf("张? = %+v, want garbled and scoped to the report", o)
	}
	var presided []string
	for _, p := range f.Participations {
		if slices.Contains(p.Roles, kg.RolePresided) {
			for _, o := range f.Officials {
				if o.ID == p.OfficialID {
					presided = append(presided, o.Name)
				}
			}
		}
	}
	if !slices.Equal(presided, []string{"华学健"}) {
		t.Errorf("presided = %v, want [华学健]", presided)
	}

	// 刘非 is 娄底市委书记: the title names the division, which is stripped
	// from the title and put into the organisation.
	pos := map[string]kg.Position{}
	for _, p := range f.Positions {
		pos[p.ID] = p
	}
	var liu []kg.Position
	for _, te := range f.Tenures {
		if te.OfficialID == byName["刘非"].ID {
			liu = append(liu, pos[te.PositionID])
		}
	}
	if len(liu) != 2 {
		t.Fatalf("刘非's positions = %+v, want 2", liu)
	}
	for _, p := range liu {
		if p.DivisionID != juris.ID {
			t.Errorf("position %+v: division %s, want 娄底市", p, divs[p.DivisionID].Name)
		}
	}
	titles := []string{liu[0].Title + "@" + liu[0].Organization, liu[1].Title + "@" + liu[1].Organization}
	slices.Sort(titles)
	if want := []string{"市人大常委会主任@娄底市人大常委会", "市委书记@娄底市委"}; !slices.Equal(titles, want) {
		t.Errorf("刘非's titles = %v, want %v", titles, want)
	}
	if len(f.Directives) < 15 {
		t.Errorf("directives = %d, want the gold's 24", len(f.Directives))
	}
}

func TestFactsStable(t *testing.T) {
	a, _ := seedFacts(t)
	b, _ := seedFacts(t)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("the same extraction gave different facts")
	}
}

func TestCollectErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a.txt", "2月26日上午，某市召开会议。")
	badMeta := write("b.txt", "text")
	write("b.meta.json", "{not json")
	badJSON := write("c.json", "[{")
	srcs, errs := Collect([]string{good, badMeta, badJSON, dir + "/missing.txt"})
	if len(srcs) != 1 || srcs[0].Path != good {
		t.Errorf("sources = %v, want only %s", srcs, good)
	}
	if len(errs) != 3 {
		t.Errorf("errors = %v, want 3 (bad meta, bad JSON, missing file)", errs)
	}
}

// TestFactsParticipantLimit checks that a report naming up to
// MaxParticipants participants, counted over its meetings, is taken, and
// one naming more is refused as invalid input with the count and the
// limit.
func TestFactsParticipantLimit(t *testing.T) {
	tests := []struct {
		name     string
		meetings []int // participants of each meeting
		wantErr  string
	}{
		{name: "at the limit", meetings: []int{MaxParticipants}},
		{name: "at the limit over two meetings", meetings: []int{MaxParticipants / 2, MaxParticipants / 2}},
		{
			name:     "one over, over two meetings",
			meetings: []int{MaxParticipants / 2, MaxParticipants/2 + 1},
			wantErr:  fmt.Sprintf("%d participants named, over the limit of %d", MaxParticipants+1, MaxParticipants),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Extraction{}
			for k, n := range tt.meetings {
				m := extract.Meeting{Name: fmt.Sprintf("第%d次工作会议", k+1), Date: "2021-05-01", Jurisdiction: "娄底市"}
				for _, name := range distinctNames(n) {
					m.Participants = append(m.Participants, extract.Participant{Name: name, Roles: []string{"attended"}, EvidenceOffset: -1})
				}
				e.Meetings = append(e.Meetings, m)
			}
			f, _, err := Facts(e, Meta{}, []byte(tt.name))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Facts: %v", err)
				}
				if got, want := len(f.Participations), MaxParticipants; got != want {
					t.Errorf("got %d participations, want %d", got, want)
				}
				return
			}
			if !errors.Is(err, kg.ErrInvalidInput) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got error %v, want invalid input saying %q", err, tt.wantErr)
			}
		})
	}
}

// distinctNames returns n different three-character names.
func distinctNames(n int) []string {
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	given := []rune("伟芳敏静丽强磊军洋勇杰涛明超霞平刚英华玉萍文辉建国林飞鹏斌波宇浩凯健俊帆旭宁龙博翔志成德海峰")
	out := make([]string, n)
	for i := range out {
		g := i / len(surnames)
		out[i] = string([]rune{surnames[i%len(surnames)], given[g%len(given)], given[g/len(given)%len(given)]})
	}
	return out
}
