package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"officialgraph/internal/kg"
	"officialgraph/internal/names"
)

const seedDir = "../../corpus/seed/"

func TestSeedFactsAreValid(t *testing.T) {
	f := SeedFacts()
	if err := f.Validate(); err != nil {
		t.Fatalf("SeedFacts().Validate() = %v", err)
	}
	got := kg.Counts{
		Reports:                1,
		Officials:              len(f.Officials),
		Positions:              len(f.Positions),
		Meetings:               len(f.Meetings),
		Divisions:              len(f.Divisions),
		Directives:             len(f.Directives),
		Participations:         len(f.Participations),
		Tenures:                len(f.Tenures),
		DivisionParticipations: len(f.DivisionParticipations),
	}
	if got != SeedCounts() {
		t.Errorf("SeedFacts() lists %+v, SeedCounts() = %+v", got, SeedCounts())
	}
	// Every call is a new value.
	f.Officials[0].Aliases[0] = "改"
	if SeedFacts().Officials[0].Aliases[0] == "改" {
		t.Error("SeedFacts() shares slices between calls")
	}
}

// TestSeedFactsMatchTheReport ties the fixture to the report it is read
// from: its hash, and the gold annotation of what the report says.
func TestSeedFactsMatchTheReport(t *testing.T) {
	raw, err := os.ReadFile(seedDir + "loudi-2020-02-26.txt")
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != SeedSHA256 {
		t.Errorf("SeedSHA256 = %s, want the report's %x", SeedSHA256, sum)
	}
	f := SeedFacts()
	var evidence []kg.Evidence
	for _, p := range f.Participations {
		evidence = append(evidence, p.Evidence)
	}
	for _, d := range f.Directives {
		evidence = append(evidence, d.Evidence...)
	}
	for _, e := range evidence {
		if e.Offset < 0 || e.Offset >= len(raw) || !utf8.RuneStart(raw[e.Offset]) {
			t.Errorf("evidence %q: offset %d is not at a character of the report", e.Sentence, e.Offset)
		}
	}

	var gold struct {
		Report struct {
			Title     string   `json:"title"`
			Reporters []string `json:"reporters"`
		} `json:"report"`
		Meetings []struct {
			Name         string `json:"name"`
			Date         string `json:"date"`
			Participants []struct {
				Name  string    `json:"name"`
				Roles []kg.Role `json:"roles"`
			} `json:"participants"`
			Divisions []struct {
				Name string  `json:"name"`
				Role kg.Role `json:"role"`
			} `json:"divisions"`
			Directives []struct {
				Issuer   string `json:"issuer"`
				Key      string `json:"key"`
				Optional bool   `json:"optional"`
			} `json:"directives"`
		} `json:"meetings"`
	}
	b, err := os.ReadFile(seedDir + "loudi-2020-02-26.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	if f.Report.Title != gold.Report.Title || !slices.Equal(f.Report.Journalists, gold.Report.Reporters) {
		t.Errorf("report %q by %v, gold %q by %v", f.Report.Title, f.Report.Journalists, gold.Report.Title, gold.Report.Reporters)
	}
	gm := gold.Meetings[0]
	if m := f.Meetings[0]; m.Name != gm.Name || m.Date.String() != gm.Date {
		t.Errorf("meeting %s on %s, gold %s on %s", m.Name, m.Date, gm.Name, gm.Date)
	}
	name := map[string]string{}
	for _, o := range f.Officials {
		name[o.ID] = o.Name
	}
	var got, want []string
	for _, p := range f.Participations {
		got = append(got, name[p.OfficialID]+":"+string(p.Roles[0]))
	}
	for _, p := range gm.Participants {
		want = append(want, p.Name+":"+string(p.Roles[0]))
	}
	if !slices.Equal(got, want) {
		t.Errorf("participants\ngot  %v\nwant %v", got, want)
	}
	divName := map[string]string{}
	for _, d := range f.Divisions {
		divName[d.ID] = d.Name
	}
	got, want = nil, nil
	for _, d := range f.DivisionParticipations {
		got = append(got, divName[d.DivisionID]+":"+string(d.Role))
	}
	for _, d := range gm.Divisions {
		want = append(want, d.Name+":"+string(d.Role))
	}
	if !slices.Equal(got, want) {
		t.Errorf("divisions\ngot  %v\nwant %v", got, want)
	}
	for _, g := range gm.Directives {
		if g.Optional {
			continue
		}
		if !slices.ContainsFunc(f.Directives, func(d kg.Directive) bool {
			return name[d.IssuerID] == g.Issuer && strings.Contains(d.Text, g.Key)
		}) {
			t.Errorf("no directive of %s contains %q", g.Issuer, g.Key)
		}
	}
}

func TestSyntheticReports(t *testing.T) {
	build := func(rev string) *kg.ReportFacts {
		b := Synthetic("builder", "2021-05-01").Revision(rev)
		m := b.Meeting("测试会议", "--05-01", "调研", SynDistrict())
		o := b.Official("吴?", "wu ?", "吳?")
		b.Participant(m, o, []kg.Role{kg.RoleSpoke}, "区长")
		b.Tenure(o, b.Position("区长", "丙区人民政府", SynDistrict()), "2021-05")
		b.DivisionRole(m, SynDistrict(), kg.RoleReported)
		b.Directive(m, kg.IssuerMeeting, "会议要求做好测试")
		return b.Facts()
	}
	f := build("")
	if err := f.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	if !f.Report.Synthetic {
		t.Error("a synthetic report is not marked Synthetic")
	}
	// 丙区 brings 甲市 and 测试省 with it.
	var divs []string
	for _, d := range f.Divisions {
		divs = append(divs, d.Name)
	}
	if want := []string{"测试省", "甲市", "丙区"}; !slices.Equal(divs, want) {
		t.Errorf("divisions = %v, want %v", divs, want)
	}
	if o := f.Officials[0]; !o.Garbled || o.ID != kg.OfficialID(f.Report.ID, "吴?") {
		t.Errorf("garbled official %+v: want Garbled, scoped to the report", o)
	}
	if again := build(""); again.Report.SHA256 != f.Report.SHA256 || again.Report.ID != f.Report.ID {
		t.Error("building the same report twice gives another hash or ID")
	}
	if other := build("2"); other.Report.SHA256 == f.Report.SHA256 || other.Report.ID != f.Report.ID {
		t.Error("a revision must change the hash and keep the ID")
	}
	ev := f.Participations[0].Evidence
	if ev.ReportID != f.Report.ID || ev.Offset != 0 || f.Tenures[0].Evidence.Offset != len(ev.Sentence) {
		t.Errorf("evidence offsets do not follow the invented text: %+v, %+v", ev, f.Tenures[0].Evidence)
	}
	for _, w := range newWorld().reports {
		if err := w.Validate(); err != nil {
			t.Errorf("world report %s: %v", w.Report.Title, err)
		}
	}
}

func TestDiff(t *testing.T) {
	type pair struct {
		A []string
		B kg.Date
	}
	tests := []struct {
		name      string
		got, want any
		wantDiff  string // "" for equal, else a part of the message
	}{
		{"nil and empty slices are equal", pair{A: nil}, pair{A: []string{}}, ""},
		{"equal", pair{A: []string{"a"}, B: kg.Date{Year: 2020}}, pair{A: []string{"a"}, B: kg.Date{Year: 2020}}, ""},
		{"element", pair{A: []string{"a"}}, pair{A: []string{"b"}}, `A[0]: got "a", want "b"`},
		{"length", []int{1}, []int{1, 2}, "got 1 items"},
		{"nested field", pair{B: kg.Date{Year: 2020}}, pair{B: kg.Date{Year: 2021}}, "B.Year: got 2020, want 2021"},
	}
	for _, tt := range tests {
		got := diff(tt.got, tt.want)
		if (got == "") != (tt.wantDiff == "") || !strings.Contains(got, tt.wantDiff) {
			t.Errorf("%s: diff = %q, want %q", tt.name, got, tt.wantDiff)
		}
	}
}

// TestSurnameFixture ties the pinyin the surname cases give their officials
// to what the pipeline derives from the names.
func TestSurnameFixture(t *testing.T) {
	for _, o := range surnameOfficials {
		if got := names.Pinyin(o.name); got != o.pinyin {
			t.Errorf("names.Pinyin(%s) = %q, the fixture says %q", o.name, got, o.pinyin)
		}
	}
}

func TestExplorerFixturesAreValid(t *testing.T) {
	var reports []*kg.ReportFacts
	reports = append(reports, newRankingFixture().facts, newChainFixture().facts)
	reports = append(reports, newHolderFixture().reports...)
	for _, f := range reports {
		if err := f.Validate(); err != nil {
			t.Errorf("%s: %v", f.Report.Title, err)
		}
	}
}
