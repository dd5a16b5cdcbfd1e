package memstore

import (
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/storetest"
)

// TestDeletingEverythingLeavesNoIndexEntries checks that every index entry a
// write makes, a delete takes back: a store emptied report by report holds
// nothing, whatever merged and changed on the way.
func TestDeletingEverythingLeavesNoIndexEntries(t *testing.T) {
	ctx := t.Context()
	s := New()
	var reports []*kg.ReportFacts
	reports = append(reports, storetest.SeedFacts())
	// Two reports that disagree on a meeting's kind, so the meeting is
	// re-indexed under its participants when the second arrives and again
	// when the first goes.
	for i, kind := range []string{"座谈会", "调研", "部署会议"} {
		b := storetest.Synthetic("leak-"+kind, "2021-01-0"+string(rune('1'+i)))
		m := b.Meeting("分歧会议", "2021-01-01", kind, storetest.SynDistrict())
		o := b.Official("钟甲", "zhong jia", "鍾甲")
		b.Participant(m, o, []kg.Role{kg.RoleSpoke}, "区长")
		b.Tenure(o, b.Position("区长", "丙区人民政府", storetest.SynDistrict()), "2021-01-01")
		b.DivisionRole(m, storetest.SynDistrict(), kg.RoleReported)
		b.Directive(m, o, "要"+kind)
		reports = append(reports, b.Facts())
	}
	for _, f := range reports {
		if _, err := s.WriteReport(ctx, f); err != nil {
			t.Fatalf("WriteReport() error: %v", err)
		}
	}
	for _, f := range reports {
		if err := s.DeleteReport(ctx, f.Report.ID); err != nil {
			t.Fatalf("DeleteReport() error: %v", err)
		}
	}
	for name, n := range map[string]int{
		"reports":         len(s.reports),
		"officials":       len(s.officials),
		"meetings":        len(s.meetings),
		"divisions":       len(s.divisions),
		"positions":       len(s.positions),
		"directives":      len(s.directives),
		"parts":           len(s.parts),
		"tenures":         len(s.tenures),
		"divParts":        len(s.divParts),
		"officialsIn":     len(s.officialsIn),
		"childrenOf":      len(s.childrenOf),
		"directivesOf":    len(s.directivesOf),
		"positionsTitled": len(s.positionsTitled),
	} {
		if n != 0 {
			t.Errorf("after deleting every report, %s has %d entries, want 0", name, n)
		}
	}
}
