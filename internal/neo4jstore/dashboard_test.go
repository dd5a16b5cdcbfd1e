package neo4jstore_test

import (
	"context"
	"reflect"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jtest"
)

// TestStatsIsOneQuery checks that Stats costs one round trip whatever the
// filter, including one that selects no meeting.
func TestStatsIsOneQuery(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	a := sampleReport("https://example.org/a", "aa", "姚兵")
	if _, err := s.WriteReport(ctx, a); err != nil {
		t.Fatal(err)
	}
	city := a.Meetings[0].DivisionID
	for _, f := range []kg.StatsFilter{
		{},
		{Top: 1},
		{DivisionID: a.Divisions[0].ID},
		{DivisionID: city, From: kg.Date{Year: 2020}, To: kg.Date{Year: 2020, Month: 3}},
		{From: kg.Date{Year: 2021}},              // no meeting
		{DivisionID: kg.DivisionID("", "", "x")}, // no such division
	} {
		before := s.QueryCount()
		st, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatalf("Stats(%+v): %v", f, err)
		}
		if got := s.QueryCount() - before; got != 1 {
			t.Errorf("Stats(%+v) took %d queries, want 1", f, got)
		}
		if f.From.Year == 2021 || f.DivisionID == kg.DivisionID("", "", "x") {
			if !reflect.DeepEqual(st, kg.Stats{}) {
				t.Errorf("Stats(%+v) = %+v, want the empty Stats", f, st)
			}
		} else if st.Meetings != 1 {
			t.Errorf("Stats(%+v).Meetings = %d, want 1", f, st.Meetings)
		}
	}
}

// BenchmarkStats times Stats over the first 300 reports of the benchmark
// corpus: over all meetings, over those within the province and within the
// division where most meetings were held, and over half a year.
func BenchmarkStats(b *testing.B) {
	store := neo4jtest.Open(b)
	ctx := context.Background()
	divisions := map[string]int{}
	parent := map[string]string{}
	for _, f := range generated(b, 300) {
		if _, err := store.WriteReport(ctx, f); err != nil {
			b.Fatalf("WriteReport(%s): %v", f.Report.ID, err)
		}
		for _, m := range f.Meetings {
			divisions[m.DivisionID]++
		}
		for _, d := range f.Divisions {
			parent[d.ID] = d.ParentID
		}
	}
	var busiest string
	for d, n := range divisions {
		if busiest == "" || n > divisions[busiest] || n == divisions[busiest] && d < busiest {
			busiest = d
		}
	}
	province := busiest
	for parent[province] != "" {
		province = parent[province]
	}
	for _, c := range []struct {
		name string
		f    kg.StatsFilter
	}{
		{"all", kg.StatsFilter{}},
		{"province", kg.StatsFilter{DivisionID: province}},
		{"division", kg.StatsFilter{DivisionID: busiest}},
		{"dates", kg.StatsFilter{From: kg.Date{Year: 2021}, To: kg.Date{Year: 2021, Month: 6}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := store.Stats(ctx, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
