package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"officialgraph/internal/kg"
)

// Stats.
//
// The aggregates walk the selected meetings over flat arrays laid out in
// meeting order: the participants' positions and roles (the meeting
// facets), the issuers of the directives and the divisions that reported
// (statsFacets). Counting then touches no record, and a count per official
// or division is an array indexed by its position in its sorted list,
// which is also the order ties are broken in.
//
// A division's subtree is an interval of a depth-first order of the
// divisions, so a meeting is in the selected division exactly when its
// division's index falls within the interval.

type statsFacets struct {
	divisions *snapshot[*divisionRec]
	// tree[i] is the depth-first index of the division at position i of
	// the division list; a division's subtree is [tree[i], end[i]).
	tree, end []int32
	byTree    []string // division ID by depth-first index
	divPos    map[string]int32
	// By meeting position: its division's depth-first index, or -1.
	meetingTree []int32
	// The directives of the meeting at position i are those at
	// [dirsBefore[i], dirsBefore[i+1]) of issuer: official positions, or
	// -1 for kg.IssuerMeeting.
	dirsBefore []int32
	issuer     []int32
	// Likewise the divisions that reported, by position in the division
	// list.
	repsBefore []int32
	reporter   []int32
	// totals counts every meeting.
	totals *statsCounts
	// sparse holds zeroed counts for Stats to count few meetings in, so
	// that a query does not allocate and clear arrays as long as the
	// lists of officials and divisions.
	sparse sync.Pool
}

func (s *Store) statsFacets(sn *snapshot[*meetingRec]) *statsFacets {
	// Issuers are named by their positions among the officials.
	offs := s.allOfficials()
	divs := s.allDivisions()
	mfx := s.meetingFacets(sn)
	return s.statsFx.get(sn.ver, s.facetVer, func() *statsFacets {
		fx := &statsFacets{
			divisions:   divs,
			tree:        make([]int32, len(divs.items)),
			end:         make([]int32, len(divs.items)),
			divPos:      make(map[string]int32, len(divs.items)),
			meetingTree: make([]int32, len(sn.items)),
			dirsBefore:  make([]int32, len(sn.items)+1),
			repsBefore:  make([]int32, len(sn.items)+1),
		}
		for i, d := range divs.items {
			fx.divPos[d.val.ID] = int32(i)
		}
		// Depth first from the roots: divisions without a stored parent.
		// A cycle of parents, which no gazetteer has, is cut where the walk
		// comes back to a division it has seen.
		seen := make([]bool, len(divs.items))
		var visit func(i int32)
		visit = func(i int32) {
			seen[i] = true
			fx.tree[i] = int32(len(fx.byTree))
			fx.byTree = append(fx.byTree, divs.items[i].val.ID)
			for c := range s.childrenOf[divs.items[i].val.ID] {
				if j := fx.divPos[c.val.ID]; !seen[j] {
					visit(j)
				}
			}
			fx.end[i] = int32(len(fx.byTree))
		}
		for i, d := range divs.items {
			if _, ok := s.divisions[d.val.ParentID]; !ok && !seen[i] {
				visit(int32(i))
			}
		}
		for i := range divs.items {
			if !seen[i] {
				visit(int32(i))
			}
		}
		for i, m := range sn.items {
			fx.meetingTree[i] = -1
			if p, ok := fx.divPos[m.val.DivisionID]; ok {
				fx.meetingTree[i] = fx.tree[p]
			}
			for d := range s.directivesOf[m.val.ID] {
				who := int32(-1)
				if d.val.IssuerID != kg.IssuerMeeting {
					who = s.officials[d.val.IssuerID].pos
				}
				fx.issuer = append(fx.issuer, who)
			}
			fx.dirsBefore[i+1] = int32(len(fx.issuer))
			for _, dp := range m.divParts {
				if dp.role == kg.RoleReported {
					fx.reporter = append(fx.reporter, fx.divPos[dp.div.val.ID])
				}
			}
			fx.repsBefore[i+1] = int32(len(fx.reporter))
		}
		fx.totals = newStatsCounts(len(offs.items), len(divs.items))
		for i := range int32(len(sn.items)) {
			fx.totals.add(mfx, fx, i, 1)
		}
		return fx
	})
}

// statsCounts are the counts Stats ranks, over some meetings.
type statsCounts struct {
	perOfficial []int32 // by official position
	perIssuer   []int32 // by official position, the last for the meeting itself
	perDivision []int32 // by division position: meetings reported at
	perMask     [16]int // participations by role mask (roleBit)
	// With sparse, counts only go up, and the positions counted are
	// listed, each once, so that ranking and clearing them need not walk
	// the whole arrays.
	sparse                                    bool
	officialsSeen, issuersSeen, divisionsSeen []int32
}

// sparseCounts returns zeroed sparse counts from the facets' pool.
func (fx *statsFacets) sparseCounts(officials, divisions int) *statsCounts {
	if c, ok := fx.sparse.Get().(*statsCounts); ok && len(c.perOfficial) == officials && len(c.perDivision) == divisions {
		return c
	}
	c := newStatsCounts(officials, divisions)
	c.sparse = true
	return c
}

// release clears sparse counts and returns them to the facets' pool.
func (fx *statsFacets) release(c *statsCounts) {
	for _, i := range c.officialsSeen {
		c.perOfficial[i] = 0
	}
	for _, i := range c.issuersSeen {
		c.perIssuer[i] = 0
	}
	for _, i := range c.divisionsSeen {
		c.perDivision[i] = 0
	}
	c.officialsSeen, c.issuersSeen, c.divisionsSeen = c.officialsSeen[:0], c.issuersSeen[:0], c.divisionsSeen[:0]
	c.perMask = [16]int{}
	fx.sparse.Put(c)
}

func newStatsCounts(officials, divisions int) *statsCounts {
	return &statsCounts{
		perOfficial: make([]int32, officials),
		perIssuer:   make([]int32, officials+1),
		perDivision: make([]int32, divisions),
	}
}

func (c *statsCounts) clone() *statsCounts {
	return &statsCounts{
		perOfficial: slices.Clone(c.perOfficial),
		perIssuer:   slices.Clone(c.perIssuer),
		perDivision: slices.Clone(c.perDivision),
		perMask:     c.perMask,
	}
}

// add counts the meeting at position i, sign times (1 or -1).
func (c *statsCounts) add(mfx *meetingFacets, fx *statsFacets, i int32, sign int32) {
	from, to := mfx.partsBefore[i], mfx.partsBefore[i+1]
	for k, o := range mfx.partOfficial[from:to] {
		if c.sparse && c.perOfficial[o] == 0 {
			c.officialsSeen = append(c.officialsSeen, o)
		}
		c.perOfficial[o] += sign
		c.perMask[mfx.partMask[int(from)+k]] += int(sign)
	}
	meeting := int32(len(c.perIssuer) - 1)
	for _, who := range fx.issuer[fx.dirsBefore[i]:fx.dirsBefore[i+1]] {
		if who < 0 {
			who = meeting
		}
		if c.sparse && c.perIssuer[who] == 0 {
			c.issuersSeen = append(c.issuersSeen, who)
		}
		c.perIssuer[who] += sign
	}
	for _, d := range fx.reporter[fx.repsBefore[i]:fx.repsBefore[i+1]] {
		if c.sparse && c.perDivision[d] == 0 {
			c.divisionsSeen = append(c.divisionsSeen, d)
		}
		c.perDivision[d] += sign
	}
}

// Stats implements kg.Explorer.
func (s *Store) Stats(ctx context.Context, f kg.StatsFilter) (kg.Stats, error) {
	if f.Top < 0 || f.Top > kg.MaxPageSize {
		return kg.Stats{}, invalid("stats: top %d: want 0 to %d", f.Top, kg.MaxPageSize)
	}
	top := f.Top
	if top == 0 {
		top = 10
	}
	if err := checkRange(f.From, f.To); err != nil {
		return kg.Stats{}, err
	}
	unlock, err := s.read(ctx, "stats")
	if err != nil {
		return kg.Stats{}, err
	}
	defer unlock()

	sn := s.allMeetings()
	offs := s.allOfficials()
	mfx := s.meetingFacets(sn)
	fx := s.statsFacets(sn)
	lo, hi := newDayRange(f.From, f.To).cut(sn.days)

	sel := selection{lo: lo, hi: hi, whole: f.DivisionID == ""}
	if !sel.whole {
		p, ok := fx.divPos[f.DivisionID]
		if !ok {
			return kg.Stats{}, nil
		}
		in, end := fx.tree[p], fx.end[p]
		// Few divisions' meetings are gathered from their postings; many
		// are picked out of the date range by their place in the tree.
		var lists [][]int32
		n := 0
		for _, id := range fx.byTree[in:end] {
			l := cut(mfx.division[id], lo, hi)
			lists = append(lists, l)
			n += len(l)
		}
		sel.list = make([]int32, 0, n)
		if n*8 < hi-lo {
			for _, l := range lists {
				sel.list = append(sel.list, l...)
			}
			slices.Sort(sel.list)
		} else {
			for i := lo; i < hi; i++ {
				if t := fx.meetingTree[i]; t >= in && t < end {
					sel.list = append(sel.list, int32(i))
				}
			}
		}
	}

	// Counts add up, so more than half the meetings are counted as the
	// totals less the others.
	var c *statsCounts
	var sign int32
	var walk func(yield func(int32) bool)
	if n := len(sn.items); sel.len() <= n/2 {
		c, sign, walk = fx.sparseCounts(len(offs.items), len(fx.divisions.items)), 1, sel.each
		defer fx.release(c)
	} else {
		c, sign, walk = fx.totals.clone(), -1, func(yield func(int32) bool) { sel.others(n, yield) }
	}
	k := 0
	walk(func(i int32) bool {
		if k++; k%4096 == 0 && ctx.Err() != nil {
			err = ctx.Err()
			return false
		}
		c.add(mfx, fx, i, sign)
		return true
	})
	if err != nil {
		return kg.Stats{}, fmt.Errorf("memstore: stats: %w", err)
	}

	st := kg.Stats{Meetings: sel.len()}
	lastMonth := int32(-1)
	sel.each(func(i int32) bool {
		// Only a date with a year and a month has a month; meetings come
		// in date order, so a month's come together.
		if day := sn.days[i]; day >= firstYearDay && day/100%100 != 0 {
			if m := day / 100; m == lastMonth {
				st.MeetingsPerMonth[len(st.MeetingsPerMonth)-1].Count++
			} else {
				lastMonth = m
				st.MeetingsPerMonth = append(st.MeetingsPerMonth, kg.MonthCount{Month: monthString(m), Count: 1})
			}
		}
		return true
	})
	for _, r := range []kg.Role{kg.RolePresided, kg.RoleSpoke, kg.RoleReported, kg.RoleAttended} {
		n := 0
		for m, k := range c.perMask {
			if m&int(roleBit(r)) != 0 {
				n += k
			}
		}
		if n > 0 {
			st.ParticipationsPerRole = append(st.ParticipationsPerRole, kg.RoleCount{Role: r, Count: n})
		}
	}
	// Positions order officials and divisions by sort key, then ID.
	for _, i := range topCounts(c.perOfficial, c.sparse, c.officialsSeen, top, func(a, b int32) int { return cmp.Compare(a, b) }) {
		st.TopOfficials = append(st.TopOfficials, kg.OfficialCount{Official: offs.items[i].official(), Count: int(c.perOfficial[i])})
	}
	issuerID := func(i int32) string {
		if int(i) == len(offs.items) {
			return kg.IssuerMeeting
		}
		return offs.items[i].val.ID
	}
	for _, i := range topCounts(c.perIssuer, c.sparse, c.issuersSeen, top, func(a, b int32) int { return strings.Compare(issuerID(a), issuerID(b)) }) {
		ic := kg.IssuerCount{IssuerID: kg.IssuerMeeting, Count: int(c.perIssuer[i])}
		if int(i) < len(offs.items) {
			ic.IssuerID, ic.Official = offs.items[i].val.ID, offs.items[i].official()
		}
		st.DirectivesPerIssuer = append(st.DirectivesPerIssuer, ic)
	}
	for _, i := range topCounts(c.perDivision, c.sparse, c.divisionsSeen, top, func(a, b int32) int { return cmp.Compare(a, b) }) {
		st.TopReportingDivisions = append(st.TopReportingDivisions, kg.DivisionCount{Division: fx.divisions.items[i].val, Count: int(c.perDivision[i])})
	}
	return st, nil
}

// selection is the meetings Stats counts: without a division filter, the
// positions [lo, hi) of the date range; with one, those of list.
type selection struct {
	lo, hi int
	whole  bool
	list   []int32
}

func (s *selection) len() int {
	if s.whole {
		return s.hi - s.lo
	}
	return len(s.list)
}

// each yields the selected positions in ascending order.
func (s *selection) each(yield func(int32) bool) {
	if !s.whole {
		for _, i := range s.list {
			if !yield(i) {
				return
			}
		}
		return
	}
	for i := s.lo; i < s.hi; i++ {
		if !yield(int32(i)) {
			return
		}
	}
}

// others yields the positions below n that are not selected.
func (s *selection) others(n int, yield func(int32) bool) {
	if s.whole {
		for i := range n {
			if (i < s.lo || i >= s.hi) && !yield(int32(i)) {
				return
			}
		}
		return
	}
	next := 0 // in list
	for i := range n {
		if next < len(s.list) && int(s.list[next]) == i {
			next++
			continue
		}
		if !yield(int32(i)) {
			return
		}
	}
}

func monthString(m int32) string { return fmt.Sprintf("%04d-%02d", m/100, m%100) }

// topCounts returns the indexes of the top non-zero counts, highest first,
// ties in the order tie gives. With sparse, only the indexes of seen can
// be non-zero; the order they are walked in does not change the result.
func topCounts(counts []int32, sparse bool, seen []int32, top int, tie func(a, b int32) int) []int32 {
	better := func(a, b int32) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), tie(a, b)) }
	out := make([]int32, 0, top)
	walk := func(yield func(int32) bool) {
		for i := range counts {
			if !yield(int32(i)) {
				return
			}
		}
	}
	if sparse {
		walk = slices.Values(seen)
	}
	for x := range walk {
		c := counts[x]
		if c == 0 {
			continue
		}
		// Most counts lose to the last kept on the count alone.
		if len(out) == top {
			if last := counts[out[top-1]]; c < last || c == last && tie(x, out[top-1]) >= 0 {
				continue
			}
			out = out[:top-1]
		}
		at, _ := slices.BinarySearchFunc(out, x, better)
		out = slices.Insert(out, at, x)
	}
	return out
}
