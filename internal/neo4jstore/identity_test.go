package neo4jstore_test

import (
	"fmt"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jtest"
	"officialgraph/internal/storetest"
)

// BenchmarkDecideUndo measures recording a merge that re-writes every
// report of the store, and undoing it, on the Neo4j of NEO4J_URI.
func BenchmarkDecideUndo(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("reports=%d", n), func(b *testing.B) {
			ctx := b.Context()
			s := neo4jtest.Open(b)
			var wangA, wangB string
			for i := range n {
				r := storetest.Synthetic(fmt.Sprintf("identity-bench-%d", i), "2020-03-01")
				m := r.Meeting(fmt.Sprintf("会议%d", i), "2020-03-01", "部署会议", storetest.SynCity())
				wangA = r.Official("王一", "wang yi")
				wangB = r.OfficialIn(storetest.SynOtherCity(), "王一", "wang yi")
				r.Participant(m, wangA, []kg.Role{kg.RolePresided})
				r.Participant(m, wangB, []kg.Role{kg.RoleAttended})
				r.Directive(m, wangB, "要抓好落实")
				if _, err := s.WriteReport(ctx, r.Facts()); err != nil {
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
