package neo4jstore

import (
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

// TestSchemaNames checks that every schema statement is named and
// idempotent, which the fast path of createSchema relies on.
func TestSchemaNames(t *testing.T) {
	names := schemaNames()
	if len(names) != len(schema) {
		t.Fatalf("%d names for %d schema statements", len(names), len(schema))
	}
	for i, stmt := range schema {
		if !strings.Contains(stmt, " IF NOT EXISTS ") {
			t.Errorf("schema statement %q is not idempotent", stmt)
		}
		if slices.Index(names, names[i]) != i {
			t.Errorf("schema name %v used twice", names[i])
		}
	}
}

// TestDirectiveSortKeySplits checks what writeParams relies on: a
// directive's sort key is its meeting's date followed by the key it has for
// the zero date.
func TestDirectiveSortKeySplits(t *testing.T) {
	d := kg.Directive{MeetingID: kg.NewID(kg.KindMeeting, "m"), IssuerID: kg.IssuerMeeting, Ordinal: 12}
	for _, date := range []kg.Date{{}, {Year: 2020}, {Year: 2020, Month: 2, Day: 26}, {Month: 3, Day: 15}} {
		if got, want := kg.DirectiveSortKey(d, date), date.String()+kg.DirectiveSortKey(d, kg.Date{}); got != want {
			t.Errorf("DirectiveSortKey(%v) = %q, want %q", date, got, want)
		}
	}
}
