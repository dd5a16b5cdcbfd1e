package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"officialgraph/graph"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
)

// positionReads counts the store's reads of positions held, with their
// evidence and without.
type positionReads struct {
	*memstore.Store
	withEvidence, datesOnly atomic.Int64
}

func (s *positionReads) PositionsHeldBy(ctx context.Context, ids []string) ([][]kg.PositionHeld, error) {
	s.withEvidence.Add(1)
	return s.Store.PositionsHeldBy(ctx, ids)
}

func (s *positionReads) PositionDatesHeldBy(ctx context.Context, ids []string) ([][]kg.PositionHeld, error) {
	s.datesOnly.Add(1)
	return s.Store.PositionDatesHeldBy(ctx, ids)
}

// TestPositionsReadEvidenceOnlyWhenAsked checks that officials' positions
// are read without their evidence where the query selects none, and with
// it where it does, each selection of the same official answered from its
// own read, and that both give the same dates.
func TestPositionsReadEvidenceOnlyWhenAsked(t *testing.T) {
	s := &positionReads{Store: memstore.New()}
	load(t, s.Store)
	srv := httptest.NewServer(graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.DefaultLimits))
	t.Cleanup(srv.Close)

	tests := []struct {
		name                    string
		query                   string
		withEvidence, datesOnly bool // whether each read is made
	}{
		{"a list without evidence", `{ officials(first: 30) { edges { node { positions { firstSeen lastSeen } } } } }`, false, true},
		{"a list with evidence", `{ officials(first: 30) { edges { node { positions { firstSeen lastSeen evidence { sentence } } } } } }`, true, false},
		{"both, as aliases", `{ officials(first: 30) { edges { node {
		    dates: positions { position { id } firstSeen lastSeen }
		    full: positions { position { id } firstSeen lastSeen evidence { sentence } } } } } }`, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.withEvidence.Store(0)
			s.datesOnly.Store(0)
			got := query(t, srv.URL, tt.query, nil)
			if strings.Contains(string(got), `"errors"`) {
				t.Fatalf("errors in the answer: %s", got)
			}
			if n := s.withEvidence.Load(); (n > 0) != tt.withEvidence {
				t.Errorf("positions were read with their evidence %d times; want such reads: %v", n, tt.withEvidence)
			}
			if n := s.datesOnly.Load(); (n > 0) != tt.datesOnly {
				t.Errorf("positions were read without their evidence %d times; want such reads: %v", n, tt.datesOnly)
			}
			if strings.Contains(tt.query, "evidence") != strings.Contains(string(got), `"sentence":"`) {
				t.Errorf("evidence asked for: %v; the answer: %s", strings.Contains(tt.query, "evidence"), got)
			}
		})
	}

	// The two reads give the same positions and dates.
	var both struct {
		Data struct {
			Officials struct {
				Edges []struct {
					Node struct {
						Dates, Full []struct {
							Position            struct{ ID string }
							FirstSeen, LastSeen *string
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(query(t, srv.URL, tests[2].query, nil), &both); err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, e := range both.Data.Officials.Edges {
		dates, full := e.Node.Dates, e.Node.Full
		if len(dates) != len(full) {
			t.Fatalf("%d positions without evidence, %d with", len(dates), len(full))
		}
		for i := range dates {
			if d, f := dates[i], full[i]; d.Position != f.Position || orNull(d.FirstSeen) != orNull(f.FirstSeen) || orNull(d.LastSeen) != orNull(f.LastSeen) {
				t.Errorf("without evidence %+v, with evidence %+v", d, f)
			}
			held++
		}
	}
	if held == 0 {
		t.Fatal("no official of the first page holds a position: nothing compared")
	}
}

// orNull is a date of the answer, or null.
func orNull(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}
