package memstore_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/search"
	"officialgraph/internal/storetest"
)

// TestExplorerAgreesWithScans checks Search, Connection, Holders and Stats
// over a generated corpus, large enough that they answer from their
// indexes, against answers worked out from the whole graph read through the
// Store methods. The conformance suite fixes what the answers mean; this
// checks that the indexes keep to it, deletions included.
func TestExplorerAgreesWithScans(t *testing.T) {
	ctx := t.Context()
	s := memstore.New()
	reports := genCorpus(1200, 3)
	for _, f := range reports {
		if _, err := s.WriteReport(ctx, f); err != nil {
			t.Fatalf("WriteReport() error: %v", err)
		}
	}
	for i := 0; i < len(reports); i += 7 {
		if err := s.DeleteReport(ctx, reports[i].Report.ID); err != nil {
			t.Fatalf("DeleteReport() error: %v", err)
		}
	}
	g := readGraph(t, s)
	t.Run("Search", func(t *testing.T) { checkSearch(t, s, g) })
	t.Run("Connection", func(t *testing.T) { checkConnection(t, s, g) })
	t.Run("Holders", func(t *testing.T) { checkHolders(t, s, g) })
	t.Run("Stats", func(t *testing.T) { checkStats(t, s, g) })
}

func checkSearch(t *testing.T, s *memstore.Store, g *graph) {
	ctx := t.Context()
	queries := []string{
		"王", "欧阳", "劉", "華", "建国", "国强", "?", "不存在", "测试", "测试1市", "第1县", "常委", "会议", "调研", "(第1",
		"要抓好", "第4项", "落实", "会议要求狠抓落实", "工作", "市", "县", "一",
		"wang", "w", "l", "ouyang", "ou yang", "jianguo", "guo", "zh", "ce", "ceshi", "shi", "xian", "qu",
	}
	for _, o := range g.officials[:40] {
		queries = append(queries, o.Name, string([]rune(o.Name)[:1]), o.Pinyin, strings.ReplaceAll(o.Pinyin, " ", ""))
		if p := strings.Fields(o.Pinyin); len(p) > 1 {
			queries = append(queries, strings.Join(p[1:], ""), initials(p))
		}
		queries = append(queries, o.Aliases...)
	}
	for _, d := range g.divisions[:10] {
		queries = append(queries, d.Name, string([]rune(d.Name)[2:]))
	}
	for _, m := range g.meetings[:10] {
		queries = append(queries, m.Name, string([]rune(m.Name)[3:8]))
	}
	kindSets := [][]kg.Kind{nil, {kg.KindOfficial}, {kg.KindMeeting, kg.KindDirective}, {kg.KindDivision}}
	for _, q := range queries {
		want := g.search(t, q)
		for _, kinds := range kindSets {
			var kept []kg.SearchHit
			for _, h := range want {
				if kinds == nil || slices.Contains(kinds, h.Kind) {
					kept = append(kept, h)
				}
			}
			for _, first := range []int{1, 20, kg.MaxPageSize} {
				got, err := s.Search(ctx, kg.SearchQuery{Text: q, Kinds: kinds, First: first})
				if err != nil {
					t.Fatalf("Search(%q) error: %v", q, err)
				}
				// The conformance suite checks the entities.
				for i := range got {
					got[i].Entity = nil
				}
				w := kept[:min(first, len(kept))]
				if !slices.Equal(got, w) {
					t.Errorf("Search(%q, %v, first %d) = %d hits, want %d\ngot  %v\nwant %v", q, kinds, first, len(got), len(w), got, w)
				}
			}
		}
	}
}

func initials(syl []string) string {
	var b strings.Builder
	for _, s := range syl {
		b.WriteByte(s[0])
	}
	return b.String()
}

// search ranks every entity against q with search.Score, the long way.
func (g *graph) search(t *testing.T, query string) []kg.SearchHit {
	q, err := search.Parse(query)
	if err != nil {
		t.Fatalf("search.Parse(%q): %v", query, err)
	}
	type ranked struct {
		hit  kg.SearchHit
		kind int
		key  string
	}
	var rs []ranked
	add := func(k kg.Kind, kind int, id, key string, f search.Forms) {
		if sc := search.Score(q, f); sc > 0 {
			rs = append(rs, ranked{kg.SearchHit{Kind: k, ID: id, Score: sc}, kind, key})
		}
	}
	for _, o := range g.officials {
		add(kg.KindOfficial, 0, o.ID, kg.OfficialSortKey(o), search.OfficialForms(o))
	}
	for _, d := range g.divisions {
		add(kg.KindDivision, 1, d.ID, kg.DivisionSortKey(d), search.DivisionForms(d))
	}
	for _, m := range g.meetings {
		add(kg.KindMeeting, 2, m.ID, kg.MeetingSortKey(m), search.TextForms(m.Name))
	}
	for _, d := range g.directives {
		add(kg.KindDirective, 3, d.ID, kg.DirectiveSortKey(d, g.meeting[d.MeetingID].Date), search.TextForms(d.Text))
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.hit.Score, a.hit.Score), cmp.Compare(a.kind, b.kind),
			strings.Compare(a.key, b.key), strings.Compare(a.hit.ID, b.hit.ID))
	})
	var out []kg.SearchHit
	for _, r := range rs {
		out = append(out, r.hit)
	}
	return out
}

func checkConnection(t *testing.T, s *memstore.Store, g *graph) {
	ctx := t.Context()
	// met[a][b] is the least meeting a and b both took part in.
	met := map[string]map[string]string{}
	for _, m := range g.meetings {
		for _, a := range g.parts[m.ID] {
			for _, b := range g.parts[m.ID] {
				if a.Official.ID == b.Official.ID {
					continue
				}
				if met[a.Official.ID] == nil {
					met[a.Official.ID] = map[string]string{}
				}
				if least, ok := met[a.Official.ID][b.Official.ID]; !ok || m.ID < least {
					met[a.Official.ID][b.Official.ID] = m.ID
				}
			}
		}
	}
	checked, far := 0, 0
	for i, a := range g.officials[:80] {
		for _, b := range g.officials[i+1 : i+30] {
			p, err := s.Connection(ctx, a.ID, b.ID, kg.MaxHops)
			if err != nil {
				t.Fatalf("Connection() error: %v", err)
			}
			// The least chain of one or two meetings, from every such
			// chain.
			var want []string
			if m, ok := met[a.ID][b.ID]; ok {
				want = []string{m}
			} else {
				for _, m1 := range g.taken[a.ID] {
					for _, o := range g.parts[m1.Meeting.ID] {
						if m2, ok := met[o.Official.ID][b.ID]; ok && o.Official.ID != a.ID {
							c := []string{m1.Meeting.ID, o.Official.ID, m2}
							if want == nil || slices.Compare(c, want) < 0 {
								want = c
							}
						}
					}
				}
			}
			if want == nil {
				// Farther, or not connected: the least chain found by a
				// walk of the whole graph.
				far++
				want = g.leastChain(a.ID, b.ID, kg.MaxHops)
			}
			var got []string
			for k, m := range p.Meetings {
				if k > 0 {
					got = append(got, p.Officials[k].ID)
				}
				got = append(got, m.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Connection(%s, %s) = %v, want %v", a.Name, b.Name, got, want)
			}
			if hops := len(p.Meetings); hops > 1 {
				// One meeting short of the chain, there is none.
				if p, err := s.Connection(ctx, a.ID, b.ID, hops-1); err != nil || len(p.Meetings) > 0 {
					t.Errorf("Connection(%s, %s, %d) = %d meetings, %v; want none", a.Name, b.Name, hops-1, len(p.Meetings), err)
				}
			}
			checked++
		}
	}
	if checked < 100 || far == 0 {
		t.Errorf("%d connections checked, %d farther: the corpus does not exercise both", checked, far)
	}
}

// leastChain returns the least of the shortest chains of at most maxHops
// meetings from one official to another, as meeting, official, meeting
// and so on, without the ends; nil when there is none. It walks the whole
// graph breadth first from to, and then builds the chain from from, at
// each step taking the least meeting that leads one step closer to to and,
// in it, the least such official.
func (g *graph) leastChain(from, to string, maxHops int) []string {
	dist := map[string]int{to: 0}
	layer := []string{to}
	for d := 1; d <= maxHops && len(layer) > 0; d++ {
		var next []string
		for _, o := range layer {
			for _, m := range g.taken[o] {
				for _, x := range g.parts[m.Meeting.ID] {
					if _, ok := dist[x.Official.ID]; !ok {
						dist[x.Official.ID] = d
						next = append(next, x.Official.ID)
					}
				}
			}
		}
		layer = next
	}
	hops, ok := dist[from]
	if !ok || hops == 0 {
		return nil
	}
	var chain []string
	for cur, r := from, hops-1; r >= 0; r-- {
		bestM, bestO := "", ""
		for _, m := range g.taken[cur] {
			for _, x := range g.parts[m.Meeting.ID] {
				if d, ok := dist[x.Official.ID]; ok && d == r && (bestM == "" || m.Meeting.ID < bestM || m.Meeting.ID == bestM && x.Official.ID < bestO) {
					bestM, bestO = m.Meeting.ID, x.Official.ID
				}
			}
		}
		chain = append(chain, bestM)
		if r > 0 {
			chain = append(chain, bestO)
		}
		cur = bestO
	}
	return chain
}

func checkHolders(t *testing.T, s *memstore.Store, g *graph) {
	ctx := t.Context()
	var ats []kg.Date
	for _, a := range []string{"", "2018", "2019-06", "2020-02-29", "2016-01-15", "--03-15"} {
		ats = append(ats, mustDate(t, a))
	}
	divisions := []string{""}
	for _, d := range g.divisions[:12] {
		divisions = append(divisions, d.ID)
	}
	for _, title := range []string{"市长", "县长", "市委书记", "区委书记", "副市长", "市委常委", "主任"} {
		for _, div := range divisions {
			for _, at := range ats {
				q := kg.HolderQuery{Title: title, DivisionID: div, At: at}
				got, err := s.Holders(ctx, q)
				if err != nil {
					t.Fatalf("Holders() error: %v", err)
				}
				if want := g.holders(q); !slices.EqualFunc(got, want, sameHolder) {
					t.Errorf("Holders(%+v) = %d holders, want %d", q, len(got), len(want))
				}
			}
		}
	}
}

func (g *graph) holders(q kg.HolderQuery) []kg.Holder {
	var out []kg.Holder
	for _, o := range g.officials {
		for _, h := range g.held[o.ID] {
			if h.Position.Title != q.Title || q.DivisionID != "" && h.Position.DivisionID != q.DivisionID {
				continue
			}
			if q.At.Known() && !(h.FirstSeen.InRange(kg.Date{}, q.At) && h.LastSeen.InRange(q.At, kg.Date{})) {
				continue
			}
			out = append(out, kg.Holder{Official: o, Position: h.Position, FirstSeen: h.FirstSeen, LastSeen: h.LastSeen, Evidence: h.Evidence})
		}
	}
	slices.SortFunc(out, func(a, b kg.Holder) int {
		return cmp.Or(strings.Compare(b.LastSeen.String(), a.LastSeen.String()),
			strings.Compare(a.Official.ID, b.Official.ID), strings.Compare(a.Position.ID, b.Position.ID))
	})
	return out
}

func sameHolder(a, b kg.Holder) bool {
	return a.Official.ID == b.Official.ID && a.Position == b.Position && a.FirstSeen == b.FirstSeen &&
		a.LastSeen == b.LastSeen && slices.Equal(a.Evidence, b.Evidence)
}

func checkStats(t *testing.T, s *memstore.Store, g *graph) {
	ctx := t.Context()
	var ids []string
	for _, m := range g.meetings {
		ids = append(ids, m.ID)
	}
	roles, err := s.DivisionRolesOf(ctx, ids, kg.RoleReported)
	if err != nil {
		t.Fatalf("DivisionRolesOf() error: %v", err)
	}
	reported := map[string][]kg.DivisionRole{}
	for i, id := range ids {
		reported[id] = roles[i]
	}
	var filters []kg.StatsFilter
	divisions := []string{"", kg.NewID(kg.KindDivision, "nowhere")}
	for _, d := range g.divisions[:10] {
		divisions = append(divisions, d.ID)
	}
	for _, div := range divisions {
		for _, r := range [][2]string{{"", ""}, {"2019", ""}, {"", "2017-06"}, {"2018-03", "2018-03"}, {"2016-02-10", "2021-11-30"}} {
			for _, top := range []int{0, 3, kg.MaxPageSize} {
				filters = append(filters, kg.StatsFilter{DivisionID: div, From: mustDate(t, r[0]), To: mustDate(t, r[1]), Top: top})
			}
		}
	}
	for _, f := range filters {
		got, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatalf("Stats() error: %v", err)
		}
		if want := g.stats(f, reported); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Stats(%+v)\ngot  %v\nwant %v", f, got, want)
		}
	}
}

// stats works the aggregates out from the meetings, their participants,
// directives and reporting divisions.
func (g *graph) stats(f kg.StatsFilter, reported map[string][]kg.DivisionRole) kg.Stats {
	top := f.Top
	if top == 0 {
		top = 10
	}
	parent := map[string]string{}
	sortKey := map[string]string{}
	division := map[string]kg.Division{}
	for _, d := range g.divisions {
		parent[d.ID] = d.ParentID
		sortKey[d.ID] = kg.DivisionSortKey(d)
		division[d.ID] = d
	}
	within := func(id string) bool {
		for ; id != ""; id = parent[id] {
			if id == f.DivisionID {
				return true
			}
		}
		return false
	}
	var st kg.Stats
	months := map[string]int{}
	perRole := map[kg.Role]int{}
	perOfficial := map[string]int{}
	perIssuer := map[string]int{}
	perDivision := map[string]int{}
	official := map[string]kg.Official{}
	directivesOf := map[string][]kg.Directive{}
	for _, d := range g.directives {
		directivesOf[d.MeetingID] = append(directivesOf[d.MeetingID], d)
	}
	for _, m := range g.meetings {
		if f.DivisionID != "" && !within(m.DivisionID) || !m.Date.InRange(f.From, f.To) {
			continue
		}
		st.Meetings++
		if p := m.Date.Precision(); p == kg.PrecisionDay || p == kg.PrecisionMonth {
			months[m.Date.String()[:7]]++
		}
		for _, p := range g.parts[m.ID] {
			perOfficial[p.Official.ID]++
			official[p.Official.ID] = p.Official
			for _, r := range p.Roles {
				perRole[r]++
			}
		}
		for _, d := range directivesOf[m.ID] {
			perIssuer[d.IssuerID]++
		}
		for _, dr := range reported[m.ID] {
			perDivision[dr.Division.ID]++
		}
	}
	monthKeys := mapKeys(months)
	slices.Sort(monthKeys)
	for _, m := range monthKeys {
		st.MeetingsPerMonth = append(st.MeetingsPerMonth, kg.MonthCount{Month: m, Count: months[m]})
	}
	for _, r := range []kg.Role{kg.RolePresided, kg.RoleSpoke, kg.RoleReported, kg.RoleAttended} {
		if perRole[r] > 0 {
			st.ParticipationsPerRole = append(st.ParticipationsPerRole, kg.RoleCount{Role: r, Count: perRole[r]})
		}
	}
	offs := mapKeys(perOfficial)
	slices.SortFunc(offs, func(a, b string) int {
		return cmp.Or(cmp.Compare(perOfficial[b], perOfficial[a]), strings.Compare(official[a].Name, official[b].Name), strings.Compare(a, b))
	})
	for _, id := range offs[:min(top, len(offs))] {
		st.TopOfficials = append(st.TopOfficials, kg.OfficialCount{Official: official[id], Count: perOfficial[id]})
	}
	issuers := mapKeys(perIssuer)
	slices.SortFunc(issuers, func(a, b string) int { return cmp.Or(cmp.Compare(perIssuer[b], perIssuer[a]), strings.Compare(a, b)) })
	for _, id := range issuers[:min(top, len(issuers))] {
		st.DirectivesPerIssuer = append(st.DirectivesPerIssuer, kg.IssuerCount{IssuerID: id, Official: official[id], Count: perIssuer[id]})
	}
	divs := mapKeys(perDivision)
	slices.SortFunc(divs, func(a, b string) int {
		return cmp.Or(cmp.Compare(perDivision[b], perDivision[a]), strings.Compare(sortKey[a], sortKey[b]), strings.Compare(a, b))
	})
	for _, id := range divs[:min(top, len(divs))] {
		st.TopReportingDivisions = append(st.TopReportingDivisions, kg.DivisionCount{Division: division[id], Count: perDivision[id]})
	}
	return st
}

func mapKeys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestConnectionAgreesWithWalk checks Connection on a sparse graph, where
// officials are up to kg.MaxHops meetings apart and some took part in
// many meetings, so that the search from each end goes to different
// depths, against the least chain a walk of the whole graph finds, for
// every bound on its length.
func TestConnectionAgreesWithWalk(t *testing.T) {
	ctx := t.Context()
	r := rand.New(rand.NewPCG(7, 11))
	var names []string // genCorpus's surnames and given names
	for _, s := range surnames {
		for _, g := range givens {
			names = append(names, s+g)
		}
	}
	names = names[:240]
	s := memstore.New()
	for rep := range 30 {
		b := storetest.Synthetic(fmt.Sprintf("walk-%d", rep), "2023-12-31")
		for k := range 10 {
			m := b.Meeting(fmt.Sprintf("链会%d", rep*10+k), fmt.Sprintf("2023-%02d-%02d", 1+k, 1+rep%28), "座谈会", storetest.SynCity())
			// Two or three participants, a tenth of them from the first
			// twenty officials: a few busy officials, many with one or two
			// meetings.
			picked := map[int]bool{}
			for _, i := range r.Perm(len(names))[:2+r.IntN(2)] {
				if r.IntN(10) == 0 {
					i %= 20
				}
				if !picked[i] {
					picked[i] = true
					b.Participant(m, b.Official(names[i], "lian"), []kg.Role{kg.RoleAttended})
				}
			}
		}
		if _, err := s.WriteReport(ctx, b.Facts()); err != nil {
			t.Fatalf("WriteReport() error: %v", err)
		}
	}
	g := readGraph(t, s)
	byHops := map[int]int{}
	for i, a := range g.officials {
		for _, b := range g.officials[i+1:][:min(len(g.officials)-i-1, 25)] {
			for hops := 1; hops <= kg.MaxHops; hops++ {
				p, err := s.Connection(ctx, a.ID, b.ID, hops)
				if err != nil {
					t.Fatalf("Connection() error: %v", err)
				}
				var got []string
				for k, m := range p.Meetings {
					if k > 0 {
						got = append(got, p.Officials[k].ID)
					}
					got = append(got, m.ID)
				}
				want := g.leastChain(a.ID, b.ID, hops)
				if !slices.Equal(got, want) {
					t.Fatalf("Connection(%s, %s, %d) = %v, want %v", a.Name, b.Name, hops, got, want)
				}
				if hops == kg.MaxHops {
					byHops[len(p.Meetings)]++
				}
			}
		}
	}
	for hops := range kg.MaxHops - 1 {
		if byHops[hops+1] == 0 {
			t.Errorf("no pair %d meetings apart among %v: the graph does not exercise the search", hops+1, byHops)
		}
	}
}
