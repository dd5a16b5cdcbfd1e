package memstore

import (
	"cmp"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

// TestCompareDirectivesIsKeyOrder checks that comparing directives part by
// part orders them exactly as their sort keys, then IDs, do: the lists'
// cursors hold keys, and pages are cut by comparing them.
func TestCompareDirectivesIsKeyOrder(t *testing.T) {
	dates := parseAll(t, rangeDates)
	meetings := []string{kg.NewID(kg.KindMeeting, "a"), kg.NewID(kg.KindMeeting, "b")}
	issuers := []string{kg.IssuerMeeting, kg.NewID(kg.KindOfficial, "a"), kg.NewID(kg.KindOfficial, "b")}
	ordinals := []int{-12, -1, 0, 1, 2, 10, 999999, 1000000, 1000001}
	var ds []*directiveRec
	for _, date := range dates {
		for _, m := range meetings {
			for _, issuer := range issuers {
				for _, n := range ordinals {
					d := kg.Directive{MeetingID: m, IssuerID: issuer, Ordinal: n}
					d.ID = kg.DirectiveID(m, issuer, n, "")
					ds = append(ds, &directiveRec{val: d, key: kg.DirectiveSortKey(d, date), day: dayKey(date)})
				}
			}
		}
	}
	for _, a := range ds {
		for _, b := range ds {
			want := cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.val.ID, b.val.ID))
			if got := compareDirectives(a, b); got != want {
				t.Fatalf("compareDirectives(%q, %q) = %d, want %d", a.key, b.key, got, want)
			}
		}
	}
}
