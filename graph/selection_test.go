package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"

	"officialgraph/graph"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/storetest"
)

// filterLog is a store that records the co-attendee filters it is asked
// with.
type filterLog struct {
	kg.Store
	mu      sync.Mutex
	filters []kg.CoAttendeeFilter
}

func (l *filterLog) CoAttendees(ctx context.Context, id string, f kg.CoAttendeeFilter) ([]kg.CoAttendee, error) {
	l.mu.Lock()
	l.filters = append(l.filters, f)
	l.mu.Unlock()
	return l.Store.CoAttendees(ctx, id, f)
}

// TestCoAttendeesCountOnly checks that co-attendees are counted without
// listing their meetings exactly when the query does not ask for them, and
// that the answers are the same either way.
func TestCoAttendeesCountOnly(t *testing.T) {
	s := &filterLog{Store: memstore.New()}
	load(t, s.Store)
	srv := httptest.NewServer(graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.DefaultLimits))
	defer srv.Close()
	liu := storetest.SeedOfficialID("刘非")

	tests := []struct {
		name      string
		selection string
		countOnly bool
	}{
		{"counts", "official { id } sharedCount", true},
		{"meetings", "official { id } sharedCount sharedMeetings { id }", false},
		{"meetings in a fragment", "official { id } sharedCount ...M", false},
		{"meetings in an inline fragment", "official { id } sharedCount ... on CoAttendee { sharedMeetings { id } }", false},
		{"meetings skipped", "official { id } sharedCount sharedMeetings @skip(if: true) { id }", true},
		{"meetings included", "official { id } sharedCount sharedMeetings @include(if: true) { id }", false},
	}
	type coAttendee struct {
		Official       struct{ ID string }
		SharedCount    int
		SharedMeetings []struct{ ID string }
	}
	var counts []coAttendee
	for _, tt := range tests {
		q := `query($id: ID!) { official(id: $id) { coAttendees(first: 10) { ` + tt.selection + ` } } }`
		if tt.name == "meetings in a fragment" {
			q += ` fragment M on CoAttendee { sharedMeetings { id } }`
		}
		s.filters = nil
		var resp struct {
			Data struct {
				Official struct{ CoAttendees []coAttendee }
			}
			Errors []json.RawMessage
		}
		if err := json.Unmarshal(query(t, srv.URL, q, map[string]any{"id": liu}), &resp); err != nil || resp.Errors != nil {
			t.Fatalf("%s: %v %s", tt.name, err, resp.Errors)
		}
		if len(s.filters) != 1 {
			t.Fatalf("%s: %d calls of CoAttendees, want 1", tt.name, len(s.filters))
		}
		if got := s.filters[0].CountOnly; got != tt.countOnly {
			t.Errorf("%s: CountOnly = %v, want %v", tt.name, got, tt.countOnly)
		}
		got := resp.Data.Official.CoAttendees
		if len(got) == 0 {
			t.Fatalf("%s: no co-attendees", tt.name)
		}
		for _, c := range got {
			if !tt.countOnly && len(c.SharedMeetings) != c.SharedCount {
				t.Errorf("%s: %s shares %d meetings, lists %d", tt.name, c.Official.ID, c.SharedCount, len(c.SharedMeetings))
			}
		}
		if counts == nil {
			counts = got
			continue
		}
		if len(got) != len(counts) {
			t.Errorf("%s: %d co-attendees, want %d", tt.name, len(got), len(counts))
			continue
		}
		for i := range got {
			if got[i].Official != counts[i].Official || got[i].SharedCount != counts[i].SharedCount {
				t.Errorf("%s: co-attendee %d = %+v, want %+v", tt.name, i, got[i], counts[i])
			}
		}
	}
}
