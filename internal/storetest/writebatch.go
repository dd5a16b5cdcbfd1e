package storetest

import (
	"errors"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

// writeBatch writes fs with one WriteReports call and fails the test on an
// error.
func writeBatch(t *testing.T, s kg.Store, fs ...*kg.ReportFacts) []kg.WriteResult {
	t.Helper()
	got, err := s.WriteReports(t.Context(), fs)
	if err != nil {
		t.Fatalf("WriteReports(%d reports) error: %v", len(fs), err)
	}
	if len(got) != len(fs) {
		t.Fatalf("WriteReports(%d reports) returned %d results, want one per report", len(fs), len(got))
	}
	return got
}

var writeBatchCases = []testCase{
	{"GivesTheGraphOfWritingOneByOne", func(t *testing.T, s kg.Store) {
		w := newWorld()
		fs := append([]*kg.ReportFacts{SeedFacts()}, w.reports...)
		got := writeBatch(t, s, fs...)
		for i, res := range got {
			if res != kg.WriteCreated {
				t.Errorf("result %d (%s) = %q, want %q", i, fs[i].Report.ID, res, kg.WriteCreated)
			}
		}
		batched := listAll(t, s)

		for _, f := range fs {
			if err := s.DeleteReport(t.Context(), f.Report.ID); err != nil {
				t.Fatalf("DeleteReport(%s) error: %v", f.Report.ID, err)
			}
		}
		wantCounts(t, s, kg.Counts{})
		write(t, s, kg.WriteCreated, fs...)
		check(t, "lists after one batch against one report at a time", batched, listAll(t, s))
	}},
	{"ResultsInOrderWithinTheBatch", func(t *testing.T, s kg.Store) {
		first := worldReplacement()
		again := worldReplacement()
		changed := newWorld().reports[0] // the same report, under its own SHA-256
		got := writeBatch(t, s, first, again, changed)
		check(t, "results", got, []kg.WriteResult{kg.WriteCreated, kg.WriteUnchanged, kg.WriteReplaced})
		r := call(s.Report(t.Context(), changed.Report.ID)).must(t, "Report")
		check(t, "stored SHA-256", r.SHA256, changed.Report.SHA256)
	}},
	{"FailedBatchWritesNothing", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, SeedFacts())
		before := listAll(t, s)

		w := newWorld()
		bad := w.reports[1]
		bad.Meetings[0].Name = ""
		correction := SeedFacts()
		correction.Report.SHA256 = strings.Repeat("0", 64)
		correction.Report.Title = "更正"
		_, err := s.WriteReports(ctx, []*kg.ReportFacts{w.reports[0], bad, correction})
		wantErr(t, "WriteReports(a batch with an invalid report)", err, kg.ErrInvalidInput)
		var re *kg.ReportError
		if !errors.As(err, &re) || re.ID != bad.Report.ID {
			t.Errorf("WriteReports error %v names report %v, want a *kg.ReportError naming %s", err, re, bad.Report.ID)
		}

		wantCounts(t, s, SeedCounts())
		check(t, "lists after the failed batch", listAll(t, s), before)
		_, err = s.Report(ctx, w.reports[0].Report.ID)
		wantErr(t, "Report(the valid report before the invalid one)", err, kg.ErrNotFound)
	}},
	{"Bounds", func(t *testing.T, s kg.Store) {
		ctx := t.Context()
		got, err := s.WriteReports(ctx, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("WriteReports(no reports) = %v, %v; want no results and no error", got, err)
		}
		_, err = s.WriteReports(ctx, make([]*kg.ReportFacts, kg.MaxWriteBatch+1))
		wantErr(t, "WriteReports(MaxWriteBatch+1 reports)", err, kg.ErrInvalidInput)
		_, err = s.WriteReports(ctx, []*kg.ReportFacts{SeedFacts(), nil})
		wantErr(t, "WriteReports(a nil report)", err, kg.ErrInvalidInput)
		wantCounts(t, s, kg.Counts{})
	}},
}
