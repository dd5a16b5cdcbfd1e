package neo4jstore_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/neo4jtest"
	"officialgraph/internal/storetest"
)

// clusteredMeetings returns reports of one meeting each among officials in
// three clusters that a few officials join: inside a cluster most pairs
// are one or two meetings apart, with many chains to choose from; across
// clusters, three to six. Some officials take part in far more meetings
// than others, as in the corpus.
func clusteredMeetings() []*kg.ReportFacts {
	rng := rand.New(rand.NewPCG(7, 11))
	const clusters, perCluster, meetings = 3, 15, 30
	official := func(b *storetest.Builder, c, i int) string {
		return b.Official(fmt.Sprintf("簇%d官%02d", c, i), fmt.Sprintf("cu %d guan %d", c, i))
	}
	var out []*kg.ReportFacts
	for c := range clusters {
		for n := range meetings {
			day := fmt.Sprintf("2021-%02d-%02d", n%12+1, c*9+n%9+1)
			b := storetest.Synthetic(fmt.Sprintf("cluster-%d-%02d", c, n), day)
			m := b.Meeting(fmt.Sprintf("簇%d会议%02d", c, n), day, "座谈会", storetest.SynCity())
			seen := map[int]bool{}
			for range 2 + rng.IntN(3) {
				// Squaring skews the choice towards the first officials.
				i := int(float64(perCluster) * rng.Float64() * rng.Float64())
				if !seen[i] {
					seen[i] = true
					b.Participant(m, official(b, c, i), []kg.Role{kg.RoleAttended})
				}
			}
			// The last official of a cluster also meets the next cluster's
			// last, now and then: the bridges.
			if c+1 < clusters && n%13 == 0 {
				b.Participant(m, official(b, c, perCluster-1), []kg.Role{kg.RoleAttended})
				b.Participant(m, official(b, c+1, perCluster-1), []kg.Role{kg.RoleAttended})
			}
			out = append(out, b.Facts())
		}
	}
	return out
}

// TestConnectionAgainstMemstore compares the chains Neo4j finds with
// memstore's between every two officials of clusteredMeetings, whatever
// their distance, and within smaller bounds for some of them.
func TestConnectionAgainstMemstore(t *testing.T) {
	neo := neo4jtest.Open(t)
	mem := memstore.New()
	reports := clusteredMeetings()
	if _, err := neo.WriteReports(bg, reports); err != nil {
		t.Fatal(err)
	}
	if err := writeAll(mem, reports...); err != nil {
		t.Fatal(err)
	}
	var officials []string
	seen := map[string]bool{}
	for _, f := range reports {
		for _, o := range f.Officials {
			if !seen[o.ID] {
				seen[o.ID] = true
				officials = append(officials, o.ID)
			}
		}
	}
	byLength := map[int]int{}
	n := 0
	for i, from := range officials {
		for _, to := range officials[i:] {
			bounds := []int{kg.MaxHops}
			if n++; n%5 == 0 {
				bounds = append(bounds, 1, 2, 3)
			}
			for _, maxHops := range bounds {
				want, err := mem.Connection(bg, from, to, maxHops)
				if err != nil {
					t.Fatalf("memstore Connection(%s, %s, %d): %v", from, to, maxHops, err)
				}
				got, err := neo.Connection(bg, from, to, maxHops)
				if err != nil {
					t.Fatalf("Connection(%s, %s, %d): %v", from, to, maxHops, err)
				}
				if !reflect.DeepEqual(normalize(got), normalize(want)) {
					t.Errorf("Connection(%s, %s, %d) = %v, want %v", from, to, maxHops, chainIDs(got), chainIDs(want))
				}
				if maxHops == kg.MaxHops && from != to {
					byLength[len(want.Meetings)]++
				}
			}
		}
	}
	t.Logf("pairs by the meetings of their chain (0: none): %v", byLength)
	// The comparison means little unless every kind of chain occurs.
	for k := range 4 {
		if byLength[k] == 0 {
			t.Errorf("no pair of officials %d meetings apart", k)
		}
	}
}

// chainIDs returns the IDs of a chain, official and meeting alternately.
func chainIDs(p kg.Path) []string {
	var ids []string
	for i, o := range p.Officials {
		ids = append(ids, o.ID)
		if i < len(p.Meetings) {
			ids = append(ids, p.Meetings[i].ID)
		}
	}
	return ids
}
