package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"officialgraph/internal/kg"
	"officialgraph/internal/names"
	// Imported under another name: normalize is the store's own function
	// that copies facts.
	textnorm "officialgraph/internal/normalize"
	"officialgraph/internal/search"
)

// Search.
//
// search.Score decides what matches and how well; this file finds the
// matches without scoring every entity. A Han query scores at one of a few
// tiers, and within a tier a kind's hits rank by position in its sorted
// list, so each kind needs only its first First hits of each tier:
//
//   - exact: a map from each form to the positions that have it;
//   - prefix: the positions whose forms start with the query's first 1, 2,
//     3, 4 or 8 runes (the longest it has), walked in order until First of
//     them match;
//   - contains: the intersection of the postings of the query's runes or
//     rarest pairs of runes, walked in order until First of them match.
//
// A pinyin query reads a sorted list of every official's pinyin and of
// each suffix that starts at a syllable, so a binary search finds the
// prefixes and the syllable matches at once, and a map finds the
// initials. Divisions are few: they are scored one by one, from forms
// computed when they are written.
//
// Every form here is the one search.Score compares: the name without
// whitespace, and each alias canonicalised (normalize.Canonicalize) and
// without whitespace. The indexes of officials follow officialFormVer;
// those of meetings and directives only their lists' versions, since a
// meeting's name and a directive's text are part of their IDs.

// searchForm is a name as search.Score compares it: without whitespace.
func searchForm(s string) string { return strings.Join(strings.Fields(s), "") }

// aliasForm is an alias as search.Score compares it: canonicalised, without
// whitespace.
func aliasForm(a string) string { return searchForm(textnorm.Canonicalize(a)) }

// pinyinForms are a toneless pinyin as search.Score reads it.
type pinyinForms struct {
	joined   string   // the syllables without spaces
	initials string   // names.Initials
	suffixes []string // the syllables from the second on, joined; from the third on; …
}

func newPinyinForms(p string) pinyinForms {
	syl := strings.Fields(p)
	f := pinyinForms{joined: strings.Join(syl, ""), initials: names.Initials(p)}
	for i := 1; i < len(syl); i++ {
		f.suffixes = append(f.suffixes, strings.Join(syl[i:], ""))
	}
	return f
}

// score is search.Score of a Latin query against these forms.
func (f *pinyinForms) score(q string) int {
	switch {
	case f.joined == "":
		return 0
	case f.joined == q:
		return search.ScorePinyinExact
	case len(q) >= 2 && f.initials == q:
		return search.ScoreInitialsExact
	case strings.HasPrefix(f.joined, q):
		return search.ScorePinyinPrefix
	}
	for _, s := range f.suffixes {
		if strings.HasPrefix(s, q) {
			return search.ScorePinyinContain
		}
	}
	return 0
}

// hanScore is search.Score of a Han query against forms, the name first.
func hanScore(q string, forms []string) int {
	best := 0
	for i, c := range forms {
		switch {
		case c == q && i == 0:
			return search.ScoreExact
		case c == q:
			best = max(best, search.ScoreAliasExact)
		case strings.HasPrefix(c, q):
			best = max(best, search.ScorePrefix)
		case strings.Contains(c, q):
			best = max(best, search.ScoreContains)
		}
	}
	return best
}

// divisionForms are what a division is searched by (search.DivisionForms).
type divisionForms struct {
	name   string
	pinyin pinyinForms
}

func newDivisionForms(name string) divisionForms {
	return divisionForms{name: searchForm(name), pinyin: newPinyinForms(names.PlainPinyin(name))}
}

func (f *divisionForms) score(q search.Query) int {
	if q.Han != "" {
		return hanScore(q.Han, []string{f.name})
	}
	return f.pinyin.score(q.Latin)
}

// hitAt is a hit of one kind, named by its position in the kind's list.
type hitAt struct {
	pos   int32
	score int
}

// tiers gathers a kind's hits, at most limit at each score.
type tiers struct {
	limit int
	hits  []hitAt
	n     map[int]int // score → hits kept
}

func newTiers(limit int) *tiers { return &tiers{limit: limit, n: map[int]int{}} }

// add keeps a hit unless its tier is full; hits of a tier must come in
// position order.
func (t *tiers) add(pos int32, score int) {
	if t.n[score] < t.limit {
		t.n[score]++
		t.hits = append(t.hits, hitAt{pos, score})
	}
}

func (t *tiers) full(score int) bool { return t.n[score] >= t.limit }

// textIndex indexes the texts of one kind's sorted list, by position.
//
// For meetings and directives it serves the Text filters and Search: the
// filters read the postings of every rune and pair of adjacent runes of the
// texts as written, and check candidates against texts; Search reads the
// forms (the texts without whitespace), looks them up whole in exact and by
// their first runes in starts, and takes the filters' postings for
// candidates that contain the query, adding spaced: the positions whose
// form is not the text as written, which those postings may miss.
//
// For officials it serves Search only: the postings are of the runes of
// their forms, and texts is nil (the Name filter has a facet of its own).
type textIndex struct {
	runes map[rune][]int32
	pairs map[[2]rune][]int32
	texts []string

	forms []string // the forms of every position, the name first
	first []int32  // the forms of position i are forms[first[i]:first[i+1]]
	exact map[string][]int32
	// starts holds the positions whose forms start with the same first 1,
	// 2, 3, 4 or 8 runes: a query walks the posting of its longest such
	// prefix, so a long query walks few positions even where every name
	// starts alike (a city's meetings).
	starts map[prefixKey][]int32
	spaced []int32
}

// prefixKey is the first n runes of a form, n being an indexed length.
type prefixKey struct {
	n     int
	runes [8]rune
}

// indexedPrefix reports whether starts holds prefixes of n runes.
func indexedPrefix(n int) bool { return n >= 1 && n <= 4 || n == 8 }

// prefixOf returns the key of the longest indexed prefix of rs.
func prefixOf(rs []rune) prefixKey {
	k := prefixKey{n: min(len(rs), 8)}
	for !indexedPrefix(k.n) {
		k.n--
	}
	copy(k.runes[:], rs[:k.n])
	return k
}

// appendPos adds pos to an ascending posting unless it ends with it.
func appendPos[K comparable](m map[K][]int32, k K, pos int32) {
	if l := m[k]; len(l) == 0 || l[len(l)-1] != pos {
		m[k] = append(l, pos)
	}
}

// indexRunes adds pos to the postings of every rune and pair of adjacent
// runes of s.
func indexRunes(runes map[rune][]int32, pairs map[[2]rune][]int32, s string, pos int32) {
	var prev rune
	for i, c := range s {
		appendPos(runes, c, pos)
		if i > 0 {
			appendPos(pairs, [2]rune{prev, c}, pos)
		}
		prev = c
	}
}

// newTextIndex indexes n texts, in position order: meetings' names or
// directives' texts, each its own one form without whitespace.
func newTextIndex(n int, text func(i int) string) *textIndex {
	x := newIndex(n, func(i int) []string { return []string{searchForm(text(i))} })
	x.texts = make([]string, n)
	for i := range n {
		t := text(i)
		x.texts[i] = t
		indexRunes(x.runes, x.pairs, t, int32(i))
		if t != x.formsAt(int32(i))[0] {
			x.spaced = append(x.spaced, int32(i))
		}
	}
	return x
}

// newFormIndex indexes the forms of n positions, in position order:
// officials', the name first.
func newFormIndex(n int, forms func(i int) []string) *textIndex {
	x := newIndex(n, forms)
	for i := range int32(n) {
		for _, f := range x.formsAt(i) {
			indexRunes(x.runes, x.pairs, f, i)
		}
	}
	return x
}

// newIndex indexes the forms of n positions whole and by their first runes.
func newIndex(n int, formsOf func(i int) []string) *textIndex {
	x := &textIndex{
		runes:  map[rune][]int32{},
		pairs:  map[[2]rune][]int32{},
		first:  make([]int32, 0, n+1),
		exact:  map[string][]int32{},
		starts: map[prefixKey][]int32{},
	}
	// The forms go into one string, so that walking positions in order
	// reads memory in order.
	var all strings.Builder
	var ends []int
	for i := range n {
		x.first = append(x.first, int32(len(ends)))
		for _, f := range formsOf(i) {
			all.WriteString(f)
			ends = append(ends, all.Len())
		}
	}
	x.first = append(x.first, int32(len(ends)))
	text := all.String()
	x.forms = make([]string, len(ends))
	start := 0
	for i, end := range ends {
		x.forms[i], start = text[start:end], end
	}
	for i := range int32(n) {
		for _, f := range x.formsAt(i) {
			appendPos(x.exact, f, i)
			var k prefixKey
			for _, c := range f {
				if k.n == 8 {
					break
				}
				k.runes[k.n] = c
				k.n++
				if indexedPrefix(k.n) {
					appendPos(x.starts, k, i)
				}
			}
		}
	}
	return x
}

func (x *textIndex) formsAt(pos int32) []string { return x.forms[x.first[pos]:x.first[pos+1]] }

// hits finds the positions whose forms match q, at most limit of each
// tier.
func (x *textIndex) hits(ctx context.Context, q string, limit int) (*tiers, error) {
	t := newTiers(limit)
	// Where every position has one form, an exact match is the name.
	single := len(x.forms) == len(x.first)-1
	for _, pos := range x.exact[q] {
		if t.full(search.ScoreExact) && (single || t.full(search.ScoreAliasExact)) {
			break
		}
		t.add(pos, hanScore(q, x.formsAt(pos)))
	}
	rs := []rune(q)
	key := prefixOf(rs)
	starts := x.starts[key]
	for i, pos := range starts {
		if t.full(search.ScorePrefix) {
			break
		}
		if i%4096 == 4095 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if hanScore(q, x.formsAt(pos)) == search.ScorePrefix {
			t.add(pos, search.ScorePrefix)
		}
	}
	// Most of what contains the query is found early when matches are
	// dense, and the walk stops at limit.
	var lists [][]int32
	if len(rs) == 1 {
		lists = [][]int32{x.runes[rs[0]]}
	} else {
		for i := 0; i+1 < len(rs); i++ {
			lists = append(lists, x.pairs[[2]rune{rs[i], rs[i+1]}])
		}
		// The rarest two narrow the most; more cost an intersection each
		// and the check settles the rest.
		slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
		lists = lists[:min(2, len(lists))]
	}
	// When the query is a whole indexed prefix, starts holds exactly the
	// positions that start with it, which score above containing it: the
	// walk passes them by without scoring, which matters where nearly
	// everything that contains the query starts with it.
	prefixed := key.n == len(rs)
	next := 0 // in starts
	n := 0
	var err error
	check := func(pos int32) bool {
		if n++; n%4096 == 0 && ctx.Err() != nil {
			err = ctx.Err()
			return false
		}
		if prefixed {
			if next = gallop(starts, next, pos); next < len(starts) && starts[next] == pos {
				return true
			}
		}
		if hanScore(q, x.formsAt(pos)) == search.ScoreContains {
			t.add(pos, search.ScoreContains)
		}
		return !t.full(search.ScoreContains)
	}
	if len(x.spaced) == 0 {
		intersect(lists, check)
	} else {
		var cands []int32
		intersect(lists, func(pos int32) bool { cands = append(cands, pos); return true })
		cands = append(cands, x.spaced...)
		slices.Sort(cands)
		for _, pos := range slices.Compact(cands) {
			if !check(pos) {
				break
			}
		}
	}
	return t, err
}

// intersect calls yield with each position every list holds, in ascending
// order, until yield returns false. An empty list holds nothing.
func intersect(lists [][]int32, yield func(pos int32) bool) {
	if len(lists) == 0 {
		return
	}
	for _, l := range lists {
		if len(l) == 0 {
			return
		}
	}
	slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	next := make([]int, len(lists))
outer:
	for _, x := range lists[0] {
		for k := 1; k < len(lists); k++ {
			j := gallop(lists[k], next[k], x)
			next[k] = j
			if j == len(lists[k]) {
				return
			}
			if lists[k][j] != x {
				continue outer
			}
		}
		if !yield(x) {
			return
		}
	}
}

// pinyinSearch indexes the pinyin of the officials' sorted list.
type pinyinSearch struct {
	forms []pinyinForms // by position
	// keys holds every joined pinyin and every suffix at a syllable, sorted
	// (then by position); keyPos the position each belongs to.
	keys     []string
	keyPos   []int32
	initials map[string][]int32
}

func newPinyinSearch(pinyins []string) *pinyinSearch {
	x := &pinyinSearch{forms: make([]pinyinForms, len(pinyins)), initials: map[string][]int32{}}
	type key struct {
		s   string
		pos int32
	}
	var keys []key
	for i, p := range pinyins {
		f := newPinyinForms(p)
		x.forms[i] = f
		if f.joined == "" {
			continue
		}
		keys = append(keys, key{f.joined, int32(i)})
		for _, s := range f.suffixes {
			keys = append(keys, key{s, int32(i)})
		}
		appendPos(x.initials, f.initials, int32(i))
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(strings.Compare(a.s, b.s), cmp.Compare(a.pos, b.pos)) })
	x.keys = make([]string, len(keys))
	x.keyPos = make([]int32, len(keys))
	for i, k := range keys {
		x.keys[i], x.keyPos[i] = k.s, k.pos
	}
	return x
}

// hits finds the positions whose pinyin matches q, at most limit of each
// tier: every match is a key that starts with q, or initials equal to it.
func (x *pinyinSearch) hits(q string, limit int) *tiers {
	var cands []int32
	lo := sort.SearchStrings(x.keys, q)
	for i := lo; i < len(x.keys) && strings.HasPrefix(x.keys[i], q); i++ {
		cands = append(cands, x.keyPos[i])
	}
	if len(q) >= 2 {
		cands = append(cands, x.initials[q]...)
	}
	slices.Sort(cands)
	t := newTiers(limit)
	for _, pos := range slices.Compact(cands) {
		if sc := x.forms[pos].score(q); sc > 0 {
			t.add(pos, sc)
		}
	}
	return t
}

// officialSearch is the search index of officials.
type officialSearch struct {
	han    *textIndex
	pinyin *pinyinSearch
}

func (s *Store) officialSearch(sn *snapshot[*officialRec]) *officialSearch {
	return s.officialSx.get(sn.ver, s.officialFormVer, func() *officialSearch {
		han := newFormIndex(len(sn.items), func(i int) []string {
			o := sn.items[i]
			forms := make([]string, 0, 1+len(o.val.Aliases))
			forms = append(forms, searchForm(o.val.Name))
			for _, a := range o.val.Aliases {
				forms = append(forms, o.canon[a])
			}
			return forms
		})
		pinyins := make([]string, len(sn.items))
		for i, o := range sn.items {
			pinyins[i] = o.val.Pinyin
		}
		return &officialSearch{han: han, pinyin: newPinyinSearch(pinyins)}
	})
}

// A meeting's name and a directive's text never change under the same ID,
// so their indexes follow their lists alone, not every write.

func (s *Store) meetingText(sn *snapshot[*meetingRec]) *textIndex {
	return s.meetingTx.get(sn.ver, 0, func() *textIndex {
		return newTextIndex(len(sn.items), func(i int) string { return sn.items[i].val.Name })
	})
}

func (s *Store) directiveText(sn *snapshot[*directiveRec]) *textIndex {
	return s.directiveTx.get(sn.ver, 0, func() *textIndex {
		return newTextIndex(len(sn.items), func(i int) string { return sn.items[i].val.Text })
	})
}

// The kinds in the order hits of equal score rank.
var searchKinds = [4]kg.Kind{kg.KindOfficial, kg.KindDivision, kg.KindMeeting, kg.KindDirective}

// Search implements kg.Explorer.
func (s *Store) Search(ctx context.Context, sq kg.SearchQuery) ([]kg.SearchHit, error) {
	if sq.First < 0 || sq.First > kg.MaxPageSize {
		return nil, invalid("search: first %d: want 0 to %d", sq.First, kg.MaxPageSize)
	}
	first := sq.First
	if first == 0 {
		first = kg.DefaultPageSize
	}
	var want [4]bool
	for _, k := range sq.Kinds {
		i := slices.Index(searchKinds[:], k)
		if i < 0 {
			return nil, invalid("search: kind %q cannot be searched", k)
		}
		want[i] = true
	}
	if len(sq.Kinds) == 0 {
		want = [4]bool{true, true, true, true}
	}
	q, err := search.Parse(sq.Text)
	if err != nil {
		return nil, fmt.Errorf("memstore: %w", err)
	}
	unlock, err := s.read(ctx, "search")
	if err != nil {
		return nil, err
	}
	defer unlock()

	type ranked struct {
		hitAt
		kind int
	}
	var all []ranked
	// entity reads a hit of each kind, for the hits kept only.
	var entity [4]func(pos int32) (string, any)
	keep := func(kind int, t *tiers, read func(pos int32) (string, any)) {
		entity[kind] = read
		for _, h := range t.hits {
			all = append(all, ranked{h, kind})
		}
	}
	fail := func(err error) ([]kg.SearchHit, error) {
		return nil, fmt.Errorf("memstore: search: %w", err)
	}
	if want[0] {
		sn := s.allOfficials()
		x := s.officialSearch(sn)
		var t *tiers
		if q.Han != "" {
			if t, err = x.han.hits(ctx, q.Han, first); err != nil {
				return fail(err)
			}
		} else {
			t = x.pinyin.hits(q.Latin, first)
		}
		keep(0, t, func(pos int32) (string, any) {
			id := sn.items[pos].val.ID
			return id, s.officials[id].official()
		})
	}
	if want[1] {
		sn := s.allDivisions()
		t := newTiers(first)
		for i, d := range sn.items {
			if sc := d.search.score(q); sc > 0 {
				t.add(int32(i), sc)
			}
		}
		keep(1, t, func(pos int32) (string, any) { return sn.items[pos].val.ID, sn.items[pos].val })
	}
	// Meetings and directives have no pinyin.
	if want[2] && q.Han != "" {
		sn := s.allMeetings()
		t, err := s.meetingText(sn).hits(ctx, q.Han, first)
		if err != nil {
			return fail(err)
		}
		keep(2, t, func(pos int32) (string, any) { return sn.items[pos].val.ID, sn.items[pos].val })
	}
	if want[3] && q.Han != "" {
		sn := s.allDirectives()
		t, err := s.directiveText(sn).hits(ctx, q.Han, first)
		if err != nil {
			return fail(err)
		}
		keep(3, t, func(pos int32) (string, any) {
			id := sn.items[pos].val.ID
			return id, s.directives[id].directive()
		})
	}
	// Within a kind, positions follow the sort key, then the ID.
	slices.SortFunc(all, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.kind, b.kind), cmp.Compare(a.pos, b.pos))
	})
	out := make([]kg.SearchHit, 0, min(first, len(all)))
	for _, r := range all[:min(first, len(all))] {
		id, e := entity[r.kind](r.pos)
		out = append(out, kg.SearchHit{Kind: searchKinds[r.kind], ID: id, Score: r.score, Entity: e})
	}
	return out, nil
}
