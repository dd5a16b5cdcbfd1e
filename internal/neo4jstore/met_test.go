package neo4jstore_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jstore"
	"officialgraph/internal/neo4jtest"
	"officialgraph/internal/storetest"
)

// TestKeptCountsFollowWrites checks what the writes keep, the counts and
// least IDs of shared meetings of each pair of officials and each
// meeting's tally, against the meetings themselves. Reports that tell of
// the same meetings with overlapping participants are written, replaced,
// deleted, and re-written by identity decisions at random; after every
// step each official's co-attendees as counted (read from the kept counts)
// must equal them as listed with their shared meetings (read from the
// meetings), each pair's kept least meeting must be the least of those it
// shares, and each meeting's tally must be what its relationships count.
func TestKeptCountsFollowWrites(t *testing.T) {
	s := neo4jtest.Open(t)
	raw := openRaw(t)
	rng := rand.New(rand.NewPCG(5, 8))
	g := sharedGen{rng: rng}
	written := map[int]bool{}
	var decisions []string
	for step := range 60 {
		var what string
		var err error
		switch k := rng.IntN(8); {
		case rng.IntN(10) == 0 && len(decisions) > 0:
			what = "undo " + decisions[0]
			err = s.Undo(bg, decisions[0])
			decisions = decisions[1:]
		case rng.IntN(10) == 0:
			ids := g.officials()
			keep, merged := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
			if keep == merged {
				continue
			}
			what = "merge " + merged + " into " + keep
			d, err := s.Decide(bg, kg.IdentityDecision{Kind: kg.DecisionMerge, Keep: keep, Merged: merged})
			if errors.Is(err, kg.ErrNotFound) || errors.Is(err, kg.ErrInvalidInput) {
				continue // one of them is not stored, or no longer on its own
			}
			if err != nil {
				t.Fatalf("step %d, %s: %v", step, what, err)
			}
			decisions = append(decisions, d.ID)
		case written[k] && rng.IntN(3) == 0:
			what = fmt.Sprintf("delete report %d", k)
			err = s.DeleteReport(bg, g.reportID(k))
			delete(written, k)
		default:
			what = fmt.Sprintf("write report %d", k)
			_, err = s.WriteReport(bg, g.report(k))
			written[k] = true
		}
		if err != nil {
			t.Fatalf("step %d, %s: %v", step, what, err)
		}
		checkSharedCounts(t, s, g.officials(), fmt.Sprintf("step %d, %s", step, what))
		checkLeastMeetings(t, raw, fmt.Sprintf("step %d, %s", step, what))
		checkMetDirections(t, raw, fmt.Sprintf("step %d, %s", step, what))
		checkTallies(t, raw, fmt.Sprintf("step %d, %s", step, what))
	}
	if got := raw.count("MATCH (x:Directive) RETURN count(x)"); got == 0 {
		t.Error("no directive was left at the end, so the tallies of issuers were hardly tested")
	}
}

// TestOpenCountsSharedMeetings checks that opening a store written before
// the writes kept the counts and least IDs of shared meetings, or only the
// counts, in either direction, gives it both, from the lesser ID, and only
// once.
func TestOpenCountsSharedMeetings(t *testing.T) {
	s := neo4jtest.Open(t)
	g := sharedGen{rng: rand.New(rand.NewPCG(9, 2))}
	for k := range 8 {
		if _, err := s.WriteReport(bg, g.report(k)); err != nil {
			t.Fatal(err)
		}
	}
	raw := openRaw(t)
	all := raw.count("MATCH ()-[c:MET]->() RETURN count(c)")
	if all == 0 {
		t.Fatal("the reports made no pair of officials who met")
	}
	// What an older store looks like, but worse: no marker, and of the
	// counts some missing and the others wrong.
	raw.count("MATCH (n:StoreMark) DELETE n RETURN count(*)")
	raw.count("MATCH ()-[c:MET]->() WITH c LIMIT 3 DELETE c RETURN count(*)")
	raw.count("MATCH ()-[c:MET]->() SET c.shared = 99 RETURN count(*)")
	raw.count("MATCH ()-[c:MET]->() WITH c LIMIT 2 REMOVE c.leastMeeting RETURN count(*)")
	raw.count("MATCH ()-[c:MET]->() WHERE c.leastMeeting IS NOT NULL SET c.leastMeeting = 'zzz' RETURN count(*)")
	if got := raw.count("MATCH (a)-[c:MET]->(b) WITH a, b, c LIMIT 4 CREATE (b)-[d:MET]->(a) SET d = properties(c) DELETE c RETURN count(*)"); got != 4 {
		t.Fatalf("turned %d pairs the other way round; want 4", got)
	}
	raw.count("MERGE (:StoreMark {id: 'shared-meetings'}) RETURN 0") // counts without least meetings

	again := reopen(t, "again")
	if got := raw.count("MATCH ()-[c:MET]->() RETURN count(c)"); got != all {
		t.Errorf("after opening again, %d pairs met; want %d", got, all)
	}
	checkSharedCounts(t, again, g.officials(), "after opening again")
	checkLeastMeetings(t, raw, "after opening again")
	checkMetDirections(t, raw, "after opening again")
	if got := raw.count("MATCH (n:StoreMark) WHERE n.id IN ['shared-meetings', 'shared-and-least-meetings'] RETURN count(n)"); got != 0 {
		t.Errorf("after opening again, %d older store marks of MET; want them gone", got)
	}
	if got := raw.count("MATCH (n:StoreMark {id: 'met-from-lesser-id'}) RETURN count(n)"); got != 1 {
		t.Errorf("after opening again, %d store marks of MET from the lesser ID; want 1", got)
	}

	// Now marked, the store is not counted again: a wrong count stays.
	raw.count("MATCH ()-[c:MET]->() WITH c LIMIT 1 SET c.shared = 99 RETURN count(*)")
	reopen(t, "a third time")
	if got := raw.count("MATCH ()-[c:MET {shared: 99}]->() RETURN count(c)"); got != 1 {
		t.Errorf("after opening a marked store, %d counts were 99; want the 1 left so", got)
	}
}

// TestOpenTalliesMeetings checks that opening a store written before the
// meetings kept their tallies gives every meeting its tally, and only once.
func TestOpenTalliesMeetings(t *testing.T) {
	s := neo4jtest.Open(t)
	g := sharedGen{rng: rand.New(rand.NewPCG(4, 7))}
	for k := range 8 {
		if _, err := s.WriteReport(bg, g.report(k)); err != nil {
			t.Fatal(err)
		}
	}
	raw := openRaw(t)
	// What an older store looks like, but worse: no mark, no tally on most
	// meetings and a wrong one on another.
	raw.count("MATCH (n:StoreMark {id: 'meeting-stats'}) DELETE n RETURN count(*)")
	if got := raw.count("MATCH (m:Meeting) WITH m LIMIT 2 REMOVE m.statsOfficials, m.statsRoles, m.statsReporters, m.statsIssuers RETURN count(*)"); got != 2 {
		t.Fatalf("took the tallies of %d meetings; want 2", got)
	}
	raw.count("MATCH (m:Meeting) WHERE m.statsOfficials IS NOT NULL SET m.statsRoles = ['presided'], m.statsIssuers = [] RETURN count(*)")

	reopen(t, "again")
	checkTallies(t, raw, "after opening again")
	if got := raw.count("MATCH (n:StoreMark {id: 'meeting-stats'}) RETURN count(n)"); got != 1 {
		t.Errorf("after opening again, %d store marks of tallies; want 1", got)
	}

	// Now marked, the store is not tallied again: a wrong tally stays.
	raw.count("MATCH (m:Meeting) WITH m LIMIT 1 SET m.statsRoles = ['wrong'] RETURN count(*)")
	reopen(t, "a third time")
	if got := raw.count("MATCH (m:Meeting) WHERE m.statsRoles = ['wrong'] RETURN count(m)"); got != 1 {
		t.Errorf("after opening a marked store, %d tallies were wrong; want the 1 left so", got)
	}
}

// reopen opens the test's store once more, as another process would, and
// closes it when the test ends; when names the opening in a failure.
func reopen(t *testing.T, when string) *neo4jstore.Store {
	t.Helper()
	s, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: neo4jtest.URI(t), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatalf("opening the store %s: %v", when, err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// sharedGen makes versions of reports that tell of the same three meetings,
// each with some of the same eight officials.
type sharedGen struct {
	rng     *rand.Rand
	version int
}

var (
	sharedNames    = []string{"甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七", "辛八"}
	sharedMeetings = []string{"第一次会议", "第二次会议", "第三次会议"}
)

// sharedRoles are the roles a participation of sharedGen may list: alone,
// together, with attended among others, and twice over.
var sharedRoles = [][]kg.Role{
	{kg.RoleAttended}, {kg.RoleAttended}, {kg.RolePresided}, {kg.RoleSpoke},
	{kg.RoleReported}, {kg.RolePresided, kg.RoleSpoke}, {kg.RoleAttended, kg.RoleSpoke}, {kg.RoleSpoke, kg.RoleSpoke},
}

// report returns a new version of report k: one or two of the meetings,
// each with two to five of the officials in any of sharedRoles, sometimes
// a directive of one of them or of the meeting, and sometimes a division
// that reported at it or attended it.
func (g *sharedGen) report(k int) *kg.ReportFacts {
	g.version++
	b := storetest.Synthetic(fmt.Sprintf("shared-%d", k), "2023-05-20").Revision(fmt.Sprint(g.version))
	for _, mi := range g.rng.Perm(len(sharedMeetings))[:1+g.rng.IntN(2)] {
		m := b.Meeting(sharedMeetings[mi], fmt.Sprintf("2023-05-%02d", 10+mi), "会议", storetest.SynCity())
		var ids []string
		for _, oi := range g.rng.Perm(len(sharedNames))[:2+g.rng.IntN(4)] {
			ids = append(ids, b.Official(sharedNames[oi], ""))
			b.Participant(m, ids[len(ids)-1], sharedRoles[g.rng.IntN(len(sharedRoles))])
		}
		switch g.rng.IntN(3) {
		case 0:
			b.Directive(m, ids[g.rng.IntN(len(ids))], fmt.Sprintf("要落实第%d条", g.rng.IntN(3)))
		case 1:
			b.Directive(m, kg.IssuerMeeting, "要统一认识")
		}
		switch g.rng.IntN(3) {
		case 0:
			b.DivisionRole(m, storetest.SynDistrict(), kg.RoleReported)
		case 1:
			b.DivisionRole(m, storetest.SynOtherCity(), kg.RoleAttended)
		}
	}
	return b.Facts()
}

func (g *sharedGen) reportID(k int) string {
	return storetest.Synthetic(fmt.Sprintf("shared-%d", k), "").ReportID()
}

// officials returns the IDs of the officials the reports may tell of.
func (g *sharedGen) officials() []string {
	ids := make([]string, len(sharedNames))
	for i, n := range sharedNames {
		ids[i] = kg.OfficialID(storetest.SynCity().ID, n)
	}
	return ids
}

// checkSharedCounts checks that each stored official's co-attendees as
// counted (from the kept counts) are those listed with their shared
// meetings (from the meetings).
func checkSharedCounts(t *testing.T, s *neo4jstore.Store, ids []string, when string) {
	t.Helper()
	for _, id := range ids {
		counted, err := s.CoAttendees(bg, id, kg.CoAttendeeFilter{First: kg.MaxPageSize, CountOnly: true})
		if errors.Is(err, kg.ErrNotFound) {
			continue // not stored, or merged away
		}
		if err != nil {
			t.Fatalf("%s: CoAttendees(%s) counted: %v", when, id, err)
		}
		listed, err := s.CoAttendees(bg, id, kg.CoAttendeeFilter{First: kg.MaxPageSize})
		if err != nil {
			t.Fatalf("%s: CoAttendees(%s) listed: %v", when, id, err)
		}
		if got, want := shares(counted), shares(listed); !slices.Equal(got, want) {
			t.Fatalf("%s: co-attendees of %s as counted %v, as listed with their meetings %v", when, id, got, want)
		}
	}
}

// checkLeastMeetings checks that each MET relationship names the least
// meeting, by ID, that its two officials took part in.
func checkLeastMeetings(t *testing.T, raw rawDB, when string) {
	t.Helper()
	bad := raw.strings(`
MATCH (a)-[c:MET]->(b)
WITH a, b, c, COLLECT { MATCH (a)-[:TOOK_PART]->(m)<-[:TOOK_PART]-(b) RETURN m.id ORDER BY m.id } AS ms
WHERE c.leastMeeting IS NULL OR size(ms) = 0 OR c.leastMeeting <> ms[0]
RETURN a.id + " and " + b.id + ": " + coalesce(c.leastMeeting, "none") + ", want " + coalesce(ms[0], "none")`)
	if len(bad) > 0 {
		t.Fatalf("%s: least shared meetings wrong: %v", when, bad)
	}
}

// checkMetDirections checks that each MET relationship goes from the
// official of lesser ID to the other, which is where the writes look for it.
func checkMetDirections(t *testing.T, raw rawDB, when string) {
	t.Helper()
	bad := raw.strings(`
MATCH (a)-[:MET]->(b)
WHERE a.id >= b.id
RETURN a.id + " to " + b.id`)
	if len(bad) > 0 {
		t.Fatalf("%s: MET from the greater ID: %v", when, bad)
	}
}

// checkTallies checks that each meeting's tally holds what its
// relationships count, as the query of Stats counted them before meetings
// kept tallies: its officials, their merged roles, the divisions that
// reported at it and the issuers of its directives.
func checkTallies(t *testing.T, raw rawDB, when string) {
	t.Helper()
	bad := raw.strings(`
MATCH (m:Meeting)
WITH m,
  COLLECT { MATCH (o:Official)-[:TOOK_PART]->(m) RETURN o.id AS id ORDER BY id } AS officials,
  COLLECT {
    MATCH (o:Official)-[e:PARTICIPATED]->(m)
    UNWIND e.roles AS role
    WITH o, collect(DISTINCT role) AS roles
    UNWIND CASE WHEN any(r IN roles WHERE r <> 'attended') THEN [r IN roles WHERE r <> 'attended'] ELSE roles END AS role
    RETURN role ORDER BY role
  } AS roles,
  COLLECT { MATCH (d:Division)-[:PARTICIPATED {role: 'reported'}]->(m) WITH DISTINCT d RETURN d.id AS id ORDER BY id } AS reporters,
  COLLECT { MATCH (x:Directive)-[:AT]->(m) WITH DISTINCT x RETURN x.issuerId AS id ORDER BY id } AS issuers
WITH m, officials, roles, reporters, issuers,
  COLLECT { UNWIND m.statsOfficials AS id RETURN id ORDER BY id } AS keptOfficials,
  COLLECT { UNWIND m.statsRoles AS role RETURN role ORDER BY role } AS keptRoles,
  COLLECT { UNWIND m.statsReporters AS id RETURN id ORDER BY id } AS keptReporters,
  COLLECT { UNWIND m.statsIssuers AS id RETURN id ORDER BY id } AS keptIssuers
WHERE any(p IN ['statsOfficials', 'statsRoles', 'statsReporters', 'statsIssuers'] WHERE m[p] IS NULL)
   OR officials <> keptOfficials OR roles <> keptRoles OR reporters <> keptReporters OR issuers <> keptIssuers
RETURN m.id + ": kept" + reduce(s = "", x IN keptOfficials + ["/"] + keptRoles + ["/"] + keptReporters + ["/"] + keptIssuers | s + " " + x) +
       ", want" + reduce(s = "", x IN officials + ["/"] + roles + ["/"] + reporters + ["/"] + issuers | s + " " + x)`)
	if len(bad) > 0 {
		t.Fatalf("%s: meeting tallies wrong: %v", when, bad)
	}
}

// shares returns each co-attendee's ID and number of shared meetings, by ID.
func shares(cs []kg.CoAttendee) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = fmt.Sprintf("%s:%d", c.Official.ID, c.Shared)
	}
	return slices.SortedFunc(slices.Values(out), cmp.Compare[string])
}
