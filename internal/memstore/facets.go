package memstore

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"officialgraph/internal/kg"
)

// The lists and their facets.
//
// Each kind with a list (officials, meetings, divisions, directives,
// reports) has a sorted snapshot: every record in list order, rebuilt on the
// first read after a write changed what is in the list or how it sorts. A
// record's pos is its index in the current snapshot.
//
// Officials, meetings and directives also have facets: for each value a
// filter can ask for (a division, a rune of a name, a role), the ascending
// positions of the records that have it. A filtered list is then the
// intersection of a few sorted integer lists, cut to the date range by
// binary search (snapshots of meetings and directives are sorted by date
// first), checked against what facets cannot decide exactly (a substring,
// a role within a date range). Facets go stale on every write and are
// rebuilt, in one pass over the snapshot, on the first read that needs
// them. The postings of the runes of meetings' names and directives' texts
// are kept apart (textIndex, in search.go): those texts are part of the
// IDs, so their postings go stale only when the list itself changes.
//
// Both are built by readers, under Store.mu held for reading: the versions
// they are checked against only move under the write lock, so a snapshot
// current when a read begins stays current until it ends.

// lazyList is one kind's sorted snapshot.
type lazyList[T any] struct {
	ver  uint64     // bumped by writers, under Store.mu held for writing
	mu   sync.Mutex // keeps concurrent readers from building the same snapshot twice
	snap atomic.Pointer[snapshot[T]]
}

type snapshot[T any] struct {
	ver   uint64
	items []T
	days  []int32 // for meetings and directives, each item's dayKey
}

// touch marks the list stale. The caller holds Store.mu for writing.
func (l *lazyList[T]) touch() { l.ver++ }

// get returns the current snapshot, building it from all, sorted by cmp,
// if it is stale; place records each item's position and returns its day
// (or nil). The snapshot is never modified once built.
func (l *lazyList[T]) get(all func() []T, cmp func(a, b T) int, place func(items []T) []int32) *snapshot[T] {
	if p := l.snap.Load(); p != nil && p.ver == l.ver {
		return p
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if p := l.snap.Load(); p != nil && p.ver == l.ver {
		return p
	}
	items := all()
	slices.SortFunc(items, cmp)
	p := &snapshot[T]{ver: l.ver, items: items, days: place(items)}
	l.snap.Store(p)
	return p
}

// lazyFacets is one kind's facets, current for one list version and one
// facet version.
type lazyFacets[F any] struct {
	mu  sync.Mutex
	cur atomic.Pointer[facetsAt[F]]
}

type facetsAt[F any] struct {
	listVer, facetVer uint64
	f                 *F
}

func (l *lazyFacets[F]) get(listVer, facetVer uint64, build func() *F) *F {
	if p := l.cur.Load(); p != nil && p.listVer == listVer && p.facetVer == facetVer {
		return p.f
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if p := l.cur.Load(); p != nil && p.listVer == listVer && p.facetVer == facetVer {
		return p.f
	}
	f := build()
	l.cur.Store(&facetsAt[F]{listVer, facetVer, f})
	return f
}

func values[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func setKeys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func compareOfficials(a, b *officialRec) int {
	return cmp.Or(strings.Compare(a.val.Name, b.val.Name), strings.Compare(a.val.ID, b.val.ID))
}

func compareDivisions(a, b *divisionRec) int {
	return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.val.ID, b.val.ID))
}

// compareDirectives orders directives by key (kg.DirectiveSortKey), then
// ID, without comparing the long keys: a key joins the meeting's date, the
// meeting's ID, the issuer and the ordinal with a separator below every
// character of a date or an ID, so it orders as those parts do one after
// another. Day keys order the dates, and an ordinal of six digits or fewer
// orders as its zero-padded form; any other falls back to the keys.
func compareDirectives(a, b *directiveRec) int {
	c := cmp.Or(cmp.Compare(a.day, b.day),
		strings.Compare(a.val.MeetingID, b.val.MeetingID),
		strings.Compare(a.val.IssuerID, b.val.IssuerID))
	if c == 0 {
		if paddedOrdinal(a.val.Ordinal) && paddedOrdinal(b.val.Ordinal) {
			c = cmp.Compare(a.val.Ordinal, b.val.Ordinal)
		} else {
			c = strings.Compare(a.key, b.key)
		}
	}
	return cmp.Or(c, strings.Compare(a.val.ID, b.val.ID))
}

// paddedOrdinal reports whether kg.DirectiveSortKey writes n in six digits.
func paddedOrdinal(n int) bool { return n >= 0 && n <= 999999 }

func compareReports(a, b *reportRec) int {
	return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.facts.Report.ID, b.facts.Report.ID))
}

func (s *Store) allOfficials() *snapshot[*officialRec] {
	return s.officialList.get(func() []*officialRec { return values(s.officials) }, compareOfficials,
		func(items []*officialRec) []int32 {
			for i, o := range items {
				o.pos = int32(i)
			}
			return nil
		})
}

func (s *Store) allMeetings() *snapshot[*meetingRec] {
	return s.meetingList.get(func() []*meetingRec { return values(s.meetings) }, compareMeetings,
		func(items []*meetingRec) []int32 {
			days := make([]int32, len(items))
			for i, m := range items {
				m.pos, days[i] = int32(i), m.day
			}
			return days
		})
}

func (s *Store) allDivisions() *snapshot[*divisionRec] {
	return s.divisionList.get(func() []*divisionRec { return values(s.divisions) }, compareDivisions,
		func([]*divisionRec) []int32 { return nil })
}

func (s *Store) allDirectives() *snapshot[*directiveRec] {
	return s.directiveList.get(func() []*directiveRec { return values(s.directives) }, compareDirectives,
		func(items []*directiveRec) []int32 {
			days := make([]int32, len(items))
			for i, d := range items {
				d.pos, days[i] = int32(i), d.day
			}
			return days
		})
}

func (s *Store) allReports() *snapshot[*reportRec] {
	return s.reportList.get(func() []*reportRec { return values(s.reports) }, compareReports,
		func([]*reportRec) []int32 { return nil })
}

// roleIndex numbers the specific roles for the facets; attending, implied
// by every participation, has no facet of its own.
func roleIndex(r kg.Role) int {
	switch r {
	case kg.RolePresided:
		return 0
	case kg.RoleSpoke:
		return 1
	case kg.RoleReported:
		return 2
	}
	return -1
}

var specificRoles = [3]kg.Role{kg.RolePresided, kg.RoleSpoke, kg.RoleReported}

type officialFacets struct {
	name     map[rune][]int32   // a rune of the name or an alias
	title    map[rune][]int32   // a rune of the title of a position held
	division map[string][]int32 // a position or a meeting in the division
	role     [3][]int32         // took part in a meeting in the specific role
	anyone   []int32            // took part in any meeting
}

func (s *Store) officialFacets(sn *snapshot[*officialRec]) *officialFacets {
	return s.officialFx.get(sn.ver, s.facetVer, func() *officialFacets {
		fx := &officialFacets{name: map[rune][]int32{}, title: map[rune][]int32{}, division: map[string][]int32{}}
		var titleRunes []rune
		for i, o := range sn.items {
			pos := int32(i)
			for _, c := range o.runes {
				fx.name[c] = append(fx.name[c], pos)
			}
			titleRunes = titleRunes[:0]
			for _, t := range o.tenures {
				titleRunes = append(titleRunes, []rune(t.pos.val.Title)...)
			}
			slices.Sort(titleRunes)
			for _, c := range slices.Compact(titleRunes) {
				fx.title[c] = append(fx.title[c], pos)
			}
			var mask uint8
			for _, m := range o.parts.masks {
				mask |= m
			}
			for k, r := range specificRoles {
				if mask&roleBit(r) != 0 {
					fx.role[k] = append(fx.role[k], pos)
				}
			}
			if len(o.parts.parts) > 0 {
				fx.anyone = append(fx.anyone, pos)
			}
		}
		for div, in := range s.officialsIn {
			l := make([]int32, 0, len(in))
			for o := range in {
				l = append(l, o.pos)
			}
			slices.Sort(l)
			fx.division[div] = l
		}
		return fx
	})
}

type meetingFacets struct {
	kind     map[string][]int32
	division map[string][]int32
	role     [3][]int32 // some official had the specific role
	anyone   []int32    // some official took part
	// The participants of the meeting at position i are those at
	// [partsBefore[i], partsBefore[i+1]) of partOfficial (their positions
	// among the officials) and partMask (their roles): a flat layout, so
	// walking the participants of a date range touches no record.
	partsBefore  []int32
	partOfficial []int32
	partMask     []uint8
}

func (s *Store) meetingFacets(sn *snapshot[*meetingRec]) *meetingFacets {
	// Participants are named by their positions among the officials.
	s.allOfficials()
	return s.meetingFx.get(sn.ver, s.facetVer, func() *meetingFacets {
		fx := &meetingFacets{
			kind: map[string][]int32{}, division: map[string][]int32{},
			partsBefore:  make([]int32, len(sn.items)+1),
			partOfficial: make([]int32, 0, len(s.parts)),
			partMask:     make([]uint8, 0, len(s.parts)),
		}
		for i, m := range sn.items {
			pos := int32(i)
			fx.kind[m.val.Kind] = append(fx.kind[m.val.Kind], pos)
			if m.val.DivisionID != "" {
				fx.division[m.val.DivisionID] = append(fx.division[m.val.DivisionID], pos)
			}
			var mask uint8
			for _, p := range m.partList {
				mask |= p.mask
				fx.partOfficial = append(fx.partOfficial, p.off.pos)
				fx.partMask = append(fx.partMask, p.mask)
			}
			for k, r := range specificRoles {
				if mask&roleBit(r) != 0 {
					fx.role[k] = append(fx.role[k], pos)
				}
			}
			if len(m.partList) > 0 {
				fx.anyone = append(fx.anyone, pos)
			}
			fx.partsBefore[i+1] = int32(len(fx.partOfficial))
		}
		return fx
	})
}

type directiveFacets struct {
	issuer   map[string][]int32
	division map[string][]int32 // the meeting's division
}

func (s *Store) directiveFacets(sn *snapshot[*directiveRec]) *directiveFacets {
	return s.directiveFx.get(sn.ver, s.facetVer, func() *directiveFacets {
		fx := &directiveFacets{issuer: map[string][]int32{}, division: map[string][]int32{}}
		for i, d := range sn.items {
			pos := int32(i)
			fx.issuer[d.val.IssuerID] = append(fx.issuer[d.val.IssuerID], pos)
			if div := s.meetings[d.val.MeetingID].val.DivisionID; div != "" {
				fx.division[div] = append(fx.division[div], pos)
			}
		}
		return fx
	})
}

// query gathers the postings a filter selects by.
type query struct {
	lists [][]int32
	none  bool // some condition matches nothing
}

// add requires a posting; a missing one matches nothing.
func (q *query) add(l []int32) {
	if len(l) == 0 {
		q.none = true
	}
	q.lists = append(q.lists, l)
}

// addRunes requires every rune of text: a string contains text only if it
// contains each of them. What the runes cannot tell (their order) the
// caller checks.
func (q *query) addRunes(idx map[rune][]int32, text string) {
	for _, c := range distinctRunes(text) {
		q.add(idx[c])
	}
}

// addText requires what a text index says of a substring: the postings of
// its rune, or of the two rarest of its pairs of adjacent runes. It reports
// whether the postings are exact; if not, the caller checks each candidate.
func (q *query) addText(idx *textIndex, text string) (exact bool) {
	// A string that is not UTF-8 decodes to runes it does not spell; only
	// the check after can tell.
	valid := utf8.ValidString(text)
	rs := []rune(text)
	if len(rs) == 1 {
		q.add(idx.runes[rs[0]])
		return valid
	}
	var ls [][]int32
	for i := 0; i+1 < len(rs); i++ {
		l := idx.pairs[[2]rune{rs[i], rs[i+1]}]
		if len(l) == 0 {
			q.none = true
			return valid
		}
		ls = append(ls, l)
	}
	// More pairs narrow little and cost an intersection each; the check
	// that follows settles the rest.
	slices.SortFunc(ls, func(a, b []int32) int { return len(a) - len(b) })
	for _, l := range ls[:min(2, len(ls))] {
		q.add(l)
	}
	return valid && len(rs) == 2
}

// positions returns the positions in [lo, hi) that every posting holds, in
// ascending order, or all of [lo, hi) when there is no posting.
func (q *query) positions(lo, hi int) []int32 {
	if q.none || lo >= hi {
		return nil
	}
	if len(q.lists) == 0 {
		out := make([]int32, hi-lo)
		for i := range out {
			out[i] = int32(lo + i)
		}
		return out
	}
	lists := slices.Clone(q.lists)
	slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	first := cut(lists[0], lo, hi)
	out := make([]int32, 0, len(first))
	next := make([]int, len(lists)) // where each other list's search resumes
outer:
	for _, x := range first {
		for k := 1; k < len(lists); k++ {
			j := gallop(lists[k], next[k], x)
			next[k] = j
			if j == len(lists[k]) {
				break outer
			}
			if lists[k][j] != x {
				continue outer
			}
		}
		out = append(out, x)
	}
	return out
}

// gallop returns the first index from i on where the ascending l holds x or
// more. It looks at i+1, i+2, i+4, ... before searching between, so a
// match close ahead, the common case when intersecting dense postings,
// costs a step or two.
func gallop(l []int32, i int, x int32) int {
	step := 1
	for i+step < len(l) && l[i+step-1] < x {
		i += step
		step *= 2
	}
	end := min(len(l), i+step)
	return i + sort.Search(end-i, func(k int) bool { return l[i+k] >= x })
}

// cut returns the part of an ascending posting within [lo, hi).
func cut(l []int32, lo, hi int) []int32 {
	i := sort.Search(len(l), func(i int) bool { return int(l[i]) >= lo })
	j := sort.Search(len(l), func(i int) bool { return int(l[i]) >= hi })
	return l[i:max(i, j)]
}

// dayRange is kg.Date.InRange as an interval of day keys, [lo, hi): a
// date is in range exactly when its dayKey is. Because day keys order
// dates as their strings do, a list sorted by date is cut to the range by
// binary search.
type dayRange struct {
	on     bool // some bound is known
	lo, hi int32
}

// firstYearDay is the least day key of a date with a year (1000 is the
// least year kg.ParseDate reads). Unknown dates and dates without a year
// have smaller keys, and no range with a bound holds them.
const firstYearDay = 1000 * 10000

func newDayRange(from, to kg.Date) dayRange {
	if !from.Known() && !to.Known() {
		return dayRange{lo: math.MinInt32, hi: math.MaxInt32}
	}
	r := dayRange{on: true, lo: firstYearDay, hi: math.MaxInt32}
	if from.Year != 0 {
		r.lo = max(r.lo, dayKey(from))
	}
	if to.String() != "" {
		r.hi = dayAfter(to)
	}
	return r
}

// dayAfter returns the least day key above every date a bound covers: a
// bound of lower precision covers the dates within it, and a bound without
// a year covers no date with one.
func dayAfter(t kg.Date) int32 {
	switch t.Precision() {
	case kg.PrecisionYear:
		return int32((t.Year + 1) * 10000)
	case kg.PrecisionMonth:
		return int32(t.Year*10000 + (t.Month+1)*100)
	case kg.PrecisionDay:
		return dayKey(t) + 1
	}
	return 0
}

func (r dayRange) contains(day int32) bool { return r.lo <= day && day < r.hi }

// cut returns the part [lo, hi) of ascending days within the range.
func (r dayRange) cut(days []int32) (lo, hi int) {
	lo = sort.Search(len(days), func(i int) bool { return days[i] >= r.lo })
	hi = sort.Search(len(days), func(i int) bool { return days[i] >= r.hi })
	return lo, max(lo, hi)
}

// distinctRunes returns the runes of s, sorted and without duplicates.
func distinctRunes(s string) []rune {
	rs := []rune(s)
	slices.Sort(rs)
	return slices.Compact(rs)
}
