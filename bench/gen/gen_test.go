package gen

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/gazetteer"
	"officialgraph/internal/ingest"
	"officialgraph/internal/normalize"
)

// TestExtractReadsGenerated runs the real extractor over generated reports
// and compares what it reads with what was planted: the participants, with
// their roles, must mostly come back.
func TestExtractReadsGenerated(t *testing.T) {
	const n = 50
	g := New(Config{Seed: 7, Reports: n})
	var planted, found, roled, extra, traditional int
	for {
		r, ok := g.Next()
		if !ok {
			break
		}
		if r.Truth.Traditional {
			traditional++
		}
		e, err := ingest.Extract(t.Context(), r.Text, r.IngestMeta(), r.Name+".txt")
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		got := map[string][]string{}
		for _, m := range e.Meetings {
			for _, p := range m.Participants {
				got[p.Name] = p.Roles
			}
		}
		want := map[string]bool{}
		for _, p := range r.Truth.Participants {
			want[p.Name] = true
			planted++
			roles, ok := got[p.Name]
			if !ok {
				t.Logf("%s: %s (%v) not read", r.Name, p.Name, p.Roles)
				continue
			}
			found++
			if slices.Equal(sorted(roles), sorted(p.Roles)) {
				roled++
			} else {
				t.Logf("%s: %s read as %v, planted %v", r.Name, p.Name, roles, p.Roles)
			}
		}
		for name := range got {
			if !want[name] {
				extra++
				t.Logf("%s: %s read but not planted", r.Name, name)
			}
		}
		if len(e.Meetings) == 0 || e.Meetings[0].Date != r.Truth.Date {
			t.Logf("%s: meetings %+v, planted date %s", r.Name, len(e.Meetings), r.Truth.Date)
		}
	}
	recall := float64(found) / float64(planted)
	roleRecall := float64(roled) / float64(planted)
	precision := float64(found) / float64(found+extra)
	t.Logf("%d reports (%d traditional), %d participants planted: recall %.3f, with roles %.3f, precision %.3f",
		n, traditional, planted, recall, roleRecall, precision)
	if recall < 0.9 || roleRecall < 0.9 || precision < 0.9 {
		t.Errorf("recall %.3f, with roles %.3f, precision %.3f: want each at least 0.9", recall, roleRecall, precision)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestDeterministic checks that a seed gives the same reports.
func TestDeterministic(t *testing.T) {
	a, b := New(Config{Seed: 3, Reports: 30}), New(Config{Seed: 3, Reports: 30})
	for {
		ra, oka := a.Next()
		rb, okb := b.Next()
		if oka != okb {
			t.Fatal("generators stopped at different reports")
		}
		if !oka {
			break
		}
		if !bytes.Equal(ra.Text, rb.Text) || ra.Name != rb.Name || !bytes.Equal(ra.Meta.JSON(), rb.Meta.JSON()) {
			t.Fatalf("report %d differs between two runs with the same seed", ra.Index)
		}
	}
	c := New(Config{Seed: 4, Reports: 1})
	rc, _ := c.Next()
	ra, _ := New(Config{Seed: 3, Reports: 1}).Next()
	if bytes.Equal(rc.Text, ra.Text) {
		t.Error("seeds 3 and 4 gave the same first report")
	}
}

// TestMetaSynthetic checks that every report says it is synthetic.
func TestMetaSynthetic(t *testing.T) {
	g := New(Config{Seed: 1, Reports: 20})
	for {
		r, ok := g.Next()
		if !ok {
			break
		}
		var m map[string]any
		if err := json.Unmarshal(r.Meta.JSON(), &m); err != nil {
			t.Fatal(err)
		}
		if m["synthetic"] != true {
			t.Errorf("%s: meta %s", r.Name, r.Meta.JSON())
		}
	}
}

// TestWorld checks the invented world: about a hundred cities, none of
// them real, with thousands of officials.
func TestWorld(t *testing.T) {
	g := New(Config{Seed: 1})
	cities := g.Cities()
	if len(cities) != 100 {
		t.Errorf("%d cities, want 100", len(cities))
	}
	for _, c := range cities {
		if len(gazetteer.Lookup(c)) > 0 {
			t.Errorf("%s is a real city", c)
		}
	}
	if n := g.Officials(); n < 5000 {
		t.Errorf("%d officials, want thousands", n)
	}
}

// TestNamesReadBack checks that every character names are made of, written
// in traditional script, reads back as itself: a traditional report names
// the same officials as a simplified one.
func TestNamesReadBack(t *testing.T) {
	var all []string
	for _, s := range surnames {
		all = append(all, s.name)
	}
	all = append(all, compoundSurnames...)
	all = append(all, sharedNames...)
	for _, r := range givenMale + givenFemale {
		all = append(all, string(r))
	}
	for _, s := range all {
		if back := normalize.Canonicalize(toTraditional(s, false, nil)); back != s {
			t.Errorf("%s → %s → %s", s, toTraditional(s, false, nil), back)
		}
	}
	for _, s := range surnames {
		if !gazetteer.IsSurname(s.name) {
			t.Errorf("%s is not a known surname", s.name)
		}
	}
	if got := toTraditional("统筹", false, nil); strings.ContainsAny(got, "统筹") {
		t.Errorf("统筹 → %s", got)
	}
}
