package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
	"officialgraph/internal/names"
	"officialgraph/internal/normalize"
	"officialgraph/internal/search"
)

// Search finds its candidates in the server and ranks them in Go with
// search.Score, as every store does. For the server to find every entity
// that scores above 0, each entity keeps, as the write path computes them,
// the forms search.Score compares:
//
//   - searchText: the forms of its names without white space, separated by
//     a space (which no query holds): for an official the name, then the
//     canonical forms of its aliases; for a division or a meeting the name;
//     for a directive the text. A Chinese query matches where searchText
//     contains it.
//   - pinyinJoined, initials and pinyinSuffixes, for officials and
//     divisions: the syllables of the pinyin run together (liufei), their
//     initials (lf), and each run of syllables after the first, each
//     preceded by a space ( fei). A pinyin query matches the start of
//     pinyinJoined, all of initials, or the start of a run in
//     pinyinSuffixes.
//
// Chinese queries of two characters or more, all Han, go through the
// full-text index SearchIndex as a phrase: its cjk analyzer indexes
// overlapping pairs of characters, so the phrase finds every text that
// holds the query (and a few that hold its pairs apart, which scoring
// drops). Other Chinese queries, a single character or mixed with digits,
// Latin letters or punctuation that the analyzer would split or drop, go
// through the TEXT indexes with CONTAINS, which is exact.
//
// The server orders the candidates by the score search.Score will give
// them, computed from the same stored forms, then by the ranking's
// tie-breaks (kind, sortOrd, which orders as the sort key, and ID), and
// returns the first First: however many entities match, the cut keeps the
// best. A pinyin query also cuts each of its branches (pinyinBranches).
// Go scores them again with search.Score and ranks them as every store
// does (TestServerScoresAsSearchScore checks that the two scores agree).
// Returning more candidates than the page cost a projection, a transfer
// and a decode of each: cutting at the page took a pinyin search at
// 10,000 reports from 0.81× to 1.52× the throughput of hand-written
// Cypher.

// searchProjection is what a search reads of each hit: what its kind's
// getter returns (directives but their evidence, read for the hits only),
// which holds the forms it is scored by, and its sort key. Each kind reads
// its own properties only: reading one property costs a db hit even where
// the node has none, and one projection for all kinds read 16 of them,
// which made a search for 20 officials cost 511 db hits at 100,000
// reports where hand-written Cypher costs 154.
const searchProjection = `CASE kind
  WHEN 0 THEN n {` + officialFields + `, .sortKey}
  WHEN 1 THEN n {` + divisionFields + `, .sortKey}
  WHEN 2 THEN n {` + meetingFields + `, .sortKey}
  ELSE n {` + directiveFields + `, .sortKey}
END`

// searchKind is a searchable kind and the label of its nodes.
type searchKind struct {
	kind  kg.Kind
	label string
}

// searchKinds lists the searchable kinds in rank order.
var searchKinds = []searchKind{
	{kg.KindOfficial, "Official"},
	{kg.KindDivision, "Division"},
	{kg.KindMeeting, "Meeting"},
	{kg.KindDirective, "Directive"},
}

// searchForm returns a name or a text as search.Score compares it: white
// space removed.
func searchForm(s string) string { return strings.Join(strings.Fields(s), "") }

// aliasSearchForm returns an alias as search.Score compares it: canonical,
// white space removed.
func aliasSearchForm(alias string) string { return searchForm(normalize.Canonicalize(alias)) }

// addPinyinClaims adds the pinyin search properties of an entity whose
// pinyin (syllables separated by spaces) is pinyin to its claims.
func addPinyinClaims(claims map[string]any, pinyin string) {
	syl := strings.Fields(pinyin)
	var suffixes strings.Builder
	for i := 1; i < len(syl); i++ {
		suffixes.WriteString(" " + strings.Join(syl[i:], ""))
	}
	claims["pinyinJoined"] = strings.Join(syl, "")
	// Initials takes the first byte of each syllable, which for a syllable
	// that starts with a multi-byte character is not UTF-8; such initials
	// match no pinyin query, which is ASCII, in Go or in the server.
	claims["initials"] = strings.ToValidUTF8(names.Initials(pinyin), "\uFFFD")
	claims["pinyinSuffixes"] = suffixes.String()
}

// Search finds officials, divisions, meetings and directives; see
// kg.Explorer.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	first := q.First
	switch {
	case first < 0 || first > kg.MaxPageSize:
		return nil, fmt.Errorf("neo4jstore: search: %w: first must be between 0 and %d, got %d", kg.ErrInvalidInput, kg.MaxPageSize, first)
	case first == 0:
		first = kg.DefaultPageSize
	}
	want := make([]bool, len(searchKinds))
	for _, k := range q.Kinds {
		i := slices.IndexFunc(searchKinds, func(sk searchKind) bool { return sk.kind == k })
		if i < 0 {
			return nil, fmt.Errorf("neo4jstore: search: %w: kind %q is not searchable", kg.ErrInvalidInput, k)
		}
		want[i] = true
	}
	if len(q.Kinds) == 0 {
		for i := range want {
			want[i] = true
		}
	}
	sq, err := search.Parse(q.Text)
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: search: %w", err)
	}
	query, params, ok := searchQuery(sq, want, first)
	if !ok {
		// Only kinds without pinyin asked for by pinyin: nothing can match.
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("neo4jstore: search: %w", err)
		}
		return []kg.SearchHit{}, nil
	}
	return read(ctx, s, "search", func(qr querier) ([]kg.SearchHit, error) {
		recs, err := qr.all(query, params)
		if err != nil {
			return nil, err
		}
		hits := rankHits(sq, recs, first)
		return hits, readDirectives(qr, hits)
	})
}

// readDirectives sets the Entity of the directive hits, which needs their
// evidence: read for the hits alone, after the search.
func readDirectives(q querier, hits []kg.SearchHit) error {
	var ids []any
	for _, h := range hits {
		if h.Kind == kg.KindDirective {
			ids = append(ids, h.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	recs, err := q.all(directivesByIDQuery, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	found := make(map[string]kg.Directive, len(recs))
	for _, rec := range recs {
		if n := get(rec, "n"); n != nil {
			d := directive(n)
			found[d.ID] = d
		}
	}
	for i, h := range hits {
		if d, ok := found[h.ID]; ok && h.Kind == kg.KindDirective {
			hits[i].Entity = d
		}
	}
	return nil
}

// rankHits scores the candidates a search query returned with
// search.Score and returns the first hits in rank order.
func rankHits(sq search.Query, recs []*neo4j.Record, first int) []kg.SearchHit {
	type ranked struct {
		hit  kg.SearchHit
		kind int
		key  string
		n    props
	}
	var rs []ranked
	for _, rec := range recs {
		kind, n := getInt(rec, "kind"), get(rec, "n")
		if kind < 0 || kind >= len(searchKinds) {
			continue
		}
		k := searchKinds[kind].kind
		if score := search.Score(sq, candidateForms(k, n)); score > 0 {
			rs = append(rs, ranked{kg.SearchHit{Kind: k, ID: n.str("id"), Score: score}, kind, n.str("sortKey"), n})
		}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.hit.Score, a.hit.Score), cmp.Compare(a.kind, b.kind),
			cmp.Compare(a.key, b.key), cmp.Compare(a.hit.ID, b.hit.ID))
	})
	out := make([]kg.SearchHit, 0, min(len(rs), first))
	for _, r := range rs[:min(len(rs), first)] {
		r.hit.Entity = searchEntity(r.hit.Kind, r.n)
		out = append(out, r.hit)
	}
	return out
}

// candidateForms returns the forms of a candidate of the given kind, read
// as the single reads decode it, so that it scores as the other stores
// score the same entity.
func candidateForms(kind kg.Kind, n props) search.Forms {
	switch kind {
	case kg.KindOfficial:
		return search.OfficialForms(official(n))
	case kg.KindDivision:
		return search.DivisionForms(division(n))
	case kg.KindMeeting:
		return search.TextForms(n.str("name"))
	}
	return search.TextForms(n.str("text"))
}

// searchEntity decodes a candidate as its kind's getter would; a
// directive's waits for its evidence (readDirectives).
func searchEntity(kind kg.Kind, n props) any {
	switch kind {
	case kg.KindOfficial:
		return official(n)
	case kg.KindDivision:
		return division(n)
	case kg.KindMeeting:
		return meeting(n)
	}
	return nil
}

// searchQuery builds the query that returns the first limit candidates of
// sq among the wanted kinds (indexed as searchKinds), best first, each as
// its kind's index and the projection n. ok is false when no wanted kind
// can match. The Cypher is assembled from constant fragments; values are
// parameters.
func searchQuery(sq search.Query, want []bool, limit int) (query string, params map[string]any, ok bool) {
	params = map[string]any{"limit": int64(limit)}
	var b strings.Builder
	if sq.Han != "" {
		params["q"] = sq.Han
		params["exact"], params["aliasExact"] = int64(search.ScoreExact), int64(search.ScoreAliasExact)
		params["prefix"], params["contains"] = int64(search.ScorePrefix), int64(search.ScoreContains)
		var labels []string
		for i, sk := range searchKinds {
			if want[i] {
				labels = append(labels, sk.label)
			}
		}
		if fullTextable(sq.Han) {
			params["lucene"] = lucenePhrase(sq.Han)
			b.WriteString("CALL db.index.fulltext.queryNodes('" + SearchIndex + "', $lucene) YIELD node AS n\nWITH n WHERE ")
			for i, l := range labels {
				if i > 0 {
					b.WriteString(" OR ")
				}
				b.WriteString("n:" + l)
			}
		} else {
			var branches []string
			for _, l := range labels {
				branches = append(branches, "  MATCH (n:"+l+") WHERE n.searchText CONTAINS $q RETURN n")
			}
			b.WriteString("CALL () {\n" + strings.Join(branches, "\n  UNION\n") + "\n}")
		}
		// The best tier of any form: the first form is the name.
		b.WriteString(`
WITH n, split(n.searchText, ' ') AS forms
WITH n, reduce(best = 0, tier IN [i IN range(0, size(forms) - 1) |
       CASE WHEN forms[i] = $q THEN CASE WHEN i = 0 THEN $exact ELSE $aliasExact END
            WHEN forms[i] STARTS WITH $q THEN $prefix
            WHEN forms[i] CONTAINS $q THEN $contains
            ELSE 0 END] | CASE WHEN tier > best THEN tier ELSE best END) AS tier`)
	} else {
		params["q"], params["suffix"] = sq.Latin, " "+sq.Latin
		params["pinyinExact"], params["initialsExact"] = int64(search.ScorePinyinExact), int64(search.ScoreInitialsExact)
		params["pinyinPrefix"], params["pinyinContain"] = int64(search.ScorePinyinPrefix), int64(search.ScorePinyinContain)
		var branches []string
		for i, sk := range searchKinds {
			// Only officials and divisions have pinyin.
			if !want[i] || (sk.kind != kg.KindOfficial && sk.kind != kg.KindDivision) {
				continue
			}
			// Each branch keeps its first limit; see pinyinBranches.
			for _, br := range pinyinBranches {
				branches = append(branches, "  MATCH (n:"+sk.label+") WHERE "+br.match+
					" RETURN n ORDER BY "+br.order+" LIMIT $limit")
			}
		}
		if len(branches) == 0 {
			return "", nil, false
		}
		b.WriteString("CALL () {\n" + strings.Join(branches, "\n  UNION\n") + "\n}")
		b.WriteString(`
WITH n, CASE WHEN n.pinyinJoined = $q THEN $pinyinExact
             WHEN size($q) >= 2 AND n.initials = $q THEN $initialsExact
             WHEN n.pinyinJoined STARTS WITH $q THEN $pinyinPrefix
             WHEN n.pinyinSuffixes CONTAINS $suffix THEN $pinyinContain
             ELSE 0 END AS tier`)
	}
	b.WriteString(`
WITH n, tier, CASE WHEN n:Official THEN 0 WHEN n:Division THEN 1 WHEN n:Meeting THEN 2 ELSE 3 END AS kind
WHERE tier > 0
ORDER BY tier DESC, kind, n.sortOrd, n.id
LIMIT $limit
RETURN kind, ` + searchProjection + ` AS n`)
	return b.String(), params, true
}

// pinyinBranches are the conditions a pinyin query finds its candidates
// by, each with the order its branch cuts them in. The ranking's tiers are
// the whole pinyin (pinyinExact), the initials (initialsExact), the start
// of the pinyin (pinyinPrefix) and the start of a later run of syllables
// (pinyinContain). For each tier one branch finds every entity at it, and
// orders before such an entity only entities that rank above it: the first
// branch finds the first and the third tiers and orders the whole pinyin
// first, and every branch then orders by sortOrd and ID, the ranking's
// tie-breaks within a kind. So a branch need return only its first limit:
// an entity at a tier beyond the first limit of that tier's branch has
// limit entities ranked above it. (A query of one letter has no initials
// tier; what that branch finds, the first finds too.)
//
// A query of a syllable or two matches thousands of officials at 100,000
// reports: scoring them all before the cut cost the server 15.4 ms of CPU
// a query, against 10.3 ms with each branch cut (12 such queries, 16 at
// once). A whole name, which matches few, cost as much either way (561
// and 567 µs).
var pinyinBranches = []struct{ match, order string }{
	{"n.pinyinJoined STARTS WITH $q", "n.pinyinJoined = $q DESC, n.sortOrd, n.id"},
	{"n.initials = $q", "n.sortOrd, n.id"},
	{"n.pinyinSuffixes CONTAINS $suffix", "n.sortOrd, n.id"},
}

// fullTextable reports whether the full-text index finds every text that
// contains q: q is two Han characters or more, which the cjk analyzer
// turns into the pairs of characters it indexes texts by. Anything else
// (a lone character, digits, Latin letters, punctuation) it would split,
// drop or index otherwise.
func fullTextable(q string) bool {
	if utf8.RuneCountInString(q) < 2 {
		return false
	}
	for _, r := range q {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// lucenePhrase quotes s as a Lucene phrase. Inside quotes only the quote
// and the backslash are special; the text is a parameter of the query
// either way, never part of the Cypher.
func lucenePhrase(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
