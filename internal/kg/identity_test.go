package kg

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"testing"
)

// identityFacts is one report naming 刘非 of two scopes (the same person,
// as the extractor could not tell) and 华学健 at one meeting.
type identityFacts struct {
	f                 *ReportFacts
	liuA, liuB, hua   string
	meeting, position string
}

func newIdentityFacts() identityFacts {
	rep := ReportID("https://example.invalid/identity", "")
	ev := func(s string, off int) Evidence { return Evidence{ReportID: rep, Sentence: s, Offset: off} }
	div := Division{ID: DivisionID("99", "", "测试省"), Name: "测试省", Level: LevelProvince, Code: "99"}
	liuA := OfficialID("scope-a", "刘非")
	liuB := OfficialID("scope-b", "刘非")
	hua := OfficialID("scope-a", "华学健")
	m := Meeting{ID: MeetingID(div.ID, Date{2020, 2, 26}, "部署会议"), Name: "部署会议", Date: Date{2020, 2, 26}, DivisionID: div.ID}
	pos := Position{ID: PositionID("书记", "省委", div.ID), Title: "书记", Organization: "省委", DivisionID: div.ID}
	f := &ReportFacts{
		Report: Report{ID: rep, Title: "t", Journalists: []string{"记者"}},
		Officials: []Official{
			{ID: liuA, Name: "刘非", Aliases: []string{"劉非"}, Pinyin: "liu fei"},
			{ID: hua, Name: "华学健", Pinyin: "hua xue jian"},
			{ID: liuB, Name: "刘非", Aliases: []string{"刘 非"}, Pinyin: "liu fei"},
		},
		Divisions: []Division{div},
		Positions: []Position{pos},
		Meetings:  []Meeting{m},
		Tenures: []Tenure{
			{OfficialID: liuA, PositionID: pos.ID, Seen: Date{2020, 2, 26}, Evidence: ev("刘非任书记。", 0)},
			{OfficialID: liuB, PositionID: pos.ID, Seen: Date{2020, 2, 26}, Evidence: ev("刘 非任书记。", 20)},
		},
		Participations: []Participation{
			{OfficialID: liuA, MeetingID: m.ID, Roles: []Role{RoleAttended}, Titles: []string{"书记"}, Alias: "劉非", Order: 1, Evidence: ev("劉非出席。", 40)},
			{OfficialID: hua, MeetingID: m.ID, Roles: []Role{RolePresided}, Order: 0, Evidence: ev("华学健主持。", 60)},
			{OfficialID: liuB, MeetingID: m.ID, Roles: []Role{RoleSpoke}, Titles: []string{"主任", "书记"}, Alias: "刘 非", Order: 2, Evidence: ev("刘 非讲话。", 80)},
		},
		Directives: []Directive{
			{ID: DirectiveID(m.ID, liuA, 1, "要防控"), MeetingID: m.ID, IssuerID: liuA, Ordinal: 1, Text: "要防控", Evidence: []Evidence{ev("要防控", 100)}},
			{ID: DirectiveID(m.ID, liuB, 1, "要防控"), MeetingID: m.ID, IssuerID: liuB, Ordinal: 1, Text: "要防控", Evidence: []Evidence{ev("要防控", 120)}},
			{ID: DirectiveID(m.ID, liuB, 2, "要复工"), MeetingID: m.ID, IssuerID: liuB, Ordinal: 2, Text: "要复工", Evidence: []Evidence{ev("要复工", 140)}},
		},
	}
	return identityFacts{f: f, liuA: liuA, liuB: liuB, hua: hua, meeting: m.ID, position: pos.ID}
}

func mustNormalize(t *testing.T, d IdentityDecision) IdentityDecision {
	t.Helper()
	n, err := d.Normalize()
	if err != nil {
		t.Fatalf("Normalize(%+v) error: %v", d, err)
	}
	return n
}

func merge(t *testing.T, keep, merged Official) IdentityDecision {
	t.Helper()
	d := mustNormalize(t, IdentityDecision{Kind: DecisionMerge, Keep: keep.ID, Merged: merged.ID})
	d.Kept = Official{ID: keep.ID, Name: keep.Name, Pinyin: keep.Pinyin, Garbled: keep.Garbled}
	return d
}

func TestApplyDecisionsMergeWithinReport(t *testing.T) {
	x := newIdentityFacts()
	before := cloneForTest(x.f)
	d := merge(t, x.f.Officials[0], x.f.Officials[2])
	got, applied := ApplyDecisions(x.f, []IdentityDecision{d})

	if err := got.Validate(); err != nil {
		t.Fatalf("Validate() after the merge: %v", err)
	}
	if !reflect.DeepEqual(x.f, before) {
		t.Error("ApplyDecisions changed the facts it was given")
	}
	if want := []string{d.ID}; !slices.Equal(applied, want) {
		t.Errorf("applied = %v, want %v", applied, want)
	}
	wantOfficials := []Official{
		{ID: x.liuA, Name: "刘非", Aliases: []string{"刘 非", "劉非"}, Pinyin: "liu fei"},
		{ID: x.hua, Name: "华学健", Pinyin: "hua xue jian"},
	}
	if !reflect.DeepEqual(got.Officials, wantOfficials) {
		t.Errorf("Officials = %+v, want %+v", got.Officials, wantOfficials)
	}
	if len(got.Tenures) != 1 || got.Tenures[0].OfficialID != x.liuA || got.Tenures[0].Evidence.Offset != 0 {
		t.Errorf("Tenures = %+v, want the first report's tenure of %s alone", got.Tenures, x.liuA)
	}
	wantPart := Participation{
		OfficialID: x.liuA, MeetingID: x.meeting, Roles: []Role{RoleSpoke}, Titles: []string{"书记", "主任"},
		Alias: "劉非", Order: 1, Evidence: x.f.Participations[0].Evidence,
	}
	if len(got.Participations) != 2 || !reflect.DeepEqual(got.Participations[0], wantPart) {
		t.Errorf("Participations = %+v, want the merged %+v and 华学健's", got.Participations, wantPart)
	}
	// The same directive under both names becomes one; the other moves to
	// the kept official under the ID its new issuer gives it.
	wantDirectives := []string{DirectiveID(x.meeting, x.liuA, 1, "要防控"), DirectiveID(x.meeting, x.liuA, 2, "要复工")}
	var gotDirectives []string
	for _, dir := range got.Directives {
		gotDirectives = append(gotDirectives, dir.ID)
		if dir.IssuerID != x.liuA {
			t.Errorf("directive %s issuer = %s, want %s", dir.ID, dir.IssuerID, x.liuA)
		}
	}
	if !slices.Equal(gotDirectives, wantDirectives) {
		t.Errorf("directives = %v, want %v", gotDirectives, wantDirectives)
	}
}

func TestApplyDecisionsTakesTheKeptIdentity(t *testing.T) {
	x := newIdentityFacts()
	// A merge into an official this report does not name: the merged
	// official takes the kept one's name, and its own becomes an alias.
	keep := Official{ID: OfficialID("scope-c", "刘菲"), Name: "刘菲", Pinyin: "liu fei"}
	d := merge(t, keep, x.f.Officials[1])
	got, _ := ApplyDecisions(x.f, []IdentityDecision{d})
	if err := got.Validate(); err != nil {
		t.Fatalf("Validate(): %v", err)
	}
	want := Official{ID: keep.ID, Name: "刘菲", Aliases: []string{"华学健"}, Pinyin: "liu fei"}
	if !reflect.DeepEqual(got.Officials[1], want) {
		t.Errorf("Officials[1] = %+v, want %+v", got.Officials[1], want)
	}
	if got.Participations[1].OfficialID != keep.ID {
		t.Errorf("participation official = %s, want %s", got.Participations[1].OfficialID, keep.ID)
	}
}

func TestApplyDecisionsOrderAndChains(t *testing.T) {
	x := newIdentityFacts()
	other := Official{ID: OfficialID("scope-c", "王一"), Name: "王一", Pinyin: "wang yi"}
	a, b, hua := x.f.Officials[0], x.f.Officials[2], x.f.Officials[1]
	split := mustNormalize(t, IdentityDecision{Kind: DecisionSplit, Official: other.ID, Reports: []string{x.f.Report.ID}})
	tests := []struct {
		name        string
		ds          []IdentityDecision
		wantIDs     []string // the officials after, in order
		wantApplied int      // how many decisions changed something
	}{
		{"none", nil, []string{a.ID, hua.ID, b.ID}, 0},
		{"elsewhere", []IdentityDecision{merge(t, a, other)}, []string{a.ID, hua.ID, b.ID}, 0},
		{"chain", []IdentityDecision{merge(t, b, a), merge(t, other, b)}, []string{other.ID, hua.ID}, 2},
		{"chain reversed", []IdentityDecision{merge(t, other, b), merge(t, b, a)}, []string{b.ID, hua.ID, other.ID}, 2},
		{"split of another official", []IdentityDecision{split}, []string{a.ID, hua.ID, b.ID}, 0},
		{"merge then split", []IdentityDecision{merge(t, other, a), func() IdentityDecision {
			return mustNormalize(t, IdentityDecision{Kind: DecisionSplit, Official: other.ID, Reports: []string{x.f.Report.ID}})
		}()}, []string{SplitOfficialID(other.ID, DecisionID(IdentityDecision{Kind: DecisionSplit, Official: other.ID, Reports: []string{x.f.Report.ID}})), hua.ID, b.ID}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, applied := ApplyDecisions(x.f, tt.ds)
			if err := got.Validate(); err != nil {
				t.Fatalf("Validate(): %v", err)
			}
			var ids []string
			for _, o := range got.Officials {
				ids = append(ids, o.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("officials = %v, want %v", ids, tt.wantIDs)
			}
			if len(applied) != tt.wantApplied {
				t.Errorf("applied = %v, want %d decisions", applied, tt.wantApplied)
			}
			if tt.wantApplied == 0 && got != x.f {
				t.Error("no decision applied, yet ApplyDecisions returned a copy")
			}
		})
	}
}

func TestApplyDecisionsSplit(t *testing.T) {
	x := newIdentityFacts()
	d := mustNormalize(t, IdentityDecision{Kind: DecisionSplit, Official: x.hua, Reports: []string{x.f.Report.ID}})
	got, applied := ApplyDecisions(x.f, []IdentityDecision{d})
	if err := got.Validate(); err != nil {
		t.Fatalf("Validate(): %v", err)
	}
	if !slices.Equal(applied, []string{d.ID}) {
		t.Errorf("applied = %v, want [%s]", applied, d.ID)
	}
	want := Official{ID: d.NewOfficialID, Name: "华学健", Pinyin: "hua xue jian"}
	if !reflect.DeepEqual(got.Officials[1], want) {
		t.Errorf("Officials[1] = %+v, want %+v", got.Officials[1], want)
	}
	if got.Participations[1].OfficialID != d.NewOfficialID {
		t.Errorf("participation official = %s, want %s", got.Participations[1].OfficialID, d.NewOfficialID)
	}

	// Another report is left alone.
	other := cloneForTest(x.f)
	other.Report.ID = ReportID("https://example.invalid/other", "")
	if got, applied := ApplyDecisions(other, []IdentityDecision{d}); got != other || applied != nil {
		t.Errorf("ApplyDecisions on a report the split does not list = %p, %v; want the facts unchanged", got, applied)
	}
}

func TestNormalize(t *testing.T) {
	off1, off2 := OfficialID("s", "甲"), OfficialID("s", "乙")
	rep1, rep2 := ReportID("https://example.invalid/1", ""), ReportID("https://example.invalid/2", "")
	tests := []struct {
		name string
		in   IdentityDecision
		ok   bool
	}{
		{"merge", IdentityDecision{Kind: DecisionMerge, Keep: off1, Merged: off2}, true},
		{"merge into itself", IdentityDecision{Kind: DecisionMerge, Keep: off1, Merged: off1}, false},
		{"merge of a meeting", IdentityDecision{Kind: DecisionMerge, Keep: off1, Merged: MeetingID("", Date{}, "x")}, false},
		{"merge without keep", IdentityDecision{Kind: DecisionMerge, Merged: off2}, false},
		{"merge with reports", IdentityDecision{Kind: DecisionMerge, Keep: off1, Merged: off2, Reports: []string{rep1}}, false},
		{"split", IdentityDecision{Kind: DecisionSplit, Official: off1, Reports: []string{rep2, rep1, rep2}}, true},
		{"split without reports", IdentityDecision{Kind: DecisionSplit, Official: off1}, false},
		{"split in an official", IdentityDecision{Kind: DecisionSplit, Official: off1, Reports: []string{off2}}, false},
		{"split of a report", IdentityDecision{Kind: DecisionSplit, Official: rep1, Reports: []string{rep1}}, false},
		{"unknown kind", IdentityDecision{Kind: "rename", Keep: off1, Merged: off2}, false},
		{"long note", IdentityDecision{Kind: DecisionMerge, Keep: off1, Merged: off2, Note: string(make([]byte, MaxDecisionNoteBytes+1))}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Normalize()
			if !tt.ok {
				if !errors.Is(err, ErrInvalidInput) {
					t.Errorf("Normalize() error = %v, want one wrapping %v", err, ErrInvalidInput)
				}
				return
			}
			if err != nil {
				t.Fatalf("Normalize() error: %v", err)
			}
			if k, ok := KindOf(got.ID); !ok || k != KindDecision {
				t.Errorf("ID %q is not a decision ID", got.ID)
			}
			if again, _ := got.Normalize(); again.ID != got.ID {
				t.Errorf("Normalize() twice gives IDs %s and %s", got.ID, again.ID)
			}
		})
	}
	split := mustNormalize(t, IdentityDecision{Kind: DecisionSplit, Official: off1, Reports: []string{rep2, rep1, rep2}})
	if want := slices.Sorted(slices.Values([]string{rep1, rep2})); !slices.Equal(split.Reports, want) {
		t.Errorf("split reports = %v, want %v", split.Reports, want)
	}
	if k, ok := KindOf(split.NewOfficialID); !ok || k != KindOfficial {
		t.Errorf("NewOfficialID %q is not an official ID", split.NewOfficialID)
	}
	m1 := mustNormalize(t, IdentityDecision{Kind: DecisionMerge, Keep: off1, Merged: off2})
	m2 := mustNormalize(t, IdentityDecision{Kind: DecisionMerge, Keep: off2, Merged: off1})
	if m1.ID == m2.ID {
		t.Errorf("merging %s into %s and the reverse have the same ID %s", off2, off1, m1.ID)
	}
}

// cloneForTest deep-copies facts, to see that ApplyDecisions leaves its
// input alone.
func cloneForTest(f *ReportFacts) *ReportFacts {
	c := *f
	c.Report.Journalists = slices.Clone(f.Report.Journalists)
	c.Officials = slices.Clone(f.Officials)
	for i := range c.Officials {
		c.Officials[i].Aliases = slices.Clone(c.Officials[i].Aliases)
	}
	c.Tenures = slices.Clone(f.Tenures)
	c.Participations = slices.Clone(f.Participations)
	for i := range c.Participations {
		c.Participations[i].Roles = slices.Clone(c.Participations[i].Roles)
		c.Participations[i].Titles = slices.Clone(c.Participations[i].Titles)
	}
	c.Directives = slices.Clone(f.Directives)
	for i := range c.Directives {
		c.Directives[i].Evidence = slices.Clone(c.Directives[i].Evidence)
	}
	return &c
}

// BenchmarkApplyDecisions measures what every write pays for the recorded
// decisions: none that concern the report, and one merge that does.
func BenchmarkApplyDecisions(b *testing.B) {
	x := newIdentityFacts()
	var elsewhere []IdentityDecision
	for i := range 100 {
		d, err := IdentityDecision{Kind: DecisionMerge, Keep: OfficialID("k", strconv.Itoa(i)), Merged: OfficialID("m", strconv.Itoa(i))}.Normalize()
		if err != nil {
			b.Fatal(err)
		}
		elsewhere = append(elsewhere, d)
	}
	merge, err := IdentityDecision{Kind: DecisionMerge, Keep: x.liuA, Merged: x.liuB}.Normalize()
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		ds   []IdentityDecision
	}{
		{"100 elsewhere", elsewhere},
		{"100 elsewhere and 1 merge", append(slices.Clone(elsewhere), merge)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				ApplyDecisions(x.f, bc.ds)
			}
		})
	}
}
