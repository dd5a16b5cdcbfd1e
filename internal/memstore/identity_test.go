package memstore_test

import (
	"fmt"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/storetest"
)

// identityReports builds n reports, each of a meeting that 王一 of 甲市 and
// 王一 of 乙市 both attend, for measuring decisions that touch every one.
func identityReports(n int) (reports []*kg.ReportFacts, wangA, wangB string) {
	for i := range n {
		b := storetest.Synthetic(fmt.Sprintf("identity-bench-%d", i), "2020-03-01")
		m := b.Meeting(fmt.Sprintf("会议%d", i), "2020-03-01", "部署会议", storetest.SynCity())
		wangA = b.Official("王一", "wang yi")
		wangB = b.OfficialIn(storetest.SynOtherCity(), "王一", "wang yi")
		b.Participant(m, wangA, []kg.Role{kg.RolePresided})
		b.Participant(m, wangB, []kg.Role{kg.RoleAttended})
		b.Directive(m, wangB, "要抓好落实")
		reports = append(reports, b.Facts())
	}
	return reports, wangA, wangB
}

// BenchmarkDecideUndo measures recording a merge that re-writes every
// report of a store, and undoing it.
func BenchmarkDecideUndo(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("reports=%d", n), func(b *testing.B) {
			ctx := b.Context()
			reports, wangA, wangB := identityReports(n)
			s := memstore.New()
			for _, f := range reports {
				if _, err := s.WriteReport(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			merge := kg.IdentityDecision{Kind: kg.DecisionMerge, Keep: wangA, Merged: wangB}
			for b.Loop() {
				d, err := s.Decide(ctx, merge)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Undo(ctx, d.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
