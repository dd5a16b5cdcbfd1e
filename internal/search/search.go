// Package search holds the ranking rules of the API's search, shared by
// every store so that they rank alike: a store finds candidates its own way
// (Neo4j through its full-text index, memstore by scanning) and scores each
// with Score.
//
// A query matches names in simplified or traditional script (刘非, 劉非) and
// pinyin with or without spaces or tones (liu fei, liufei, Liú Fēi) or as
// initials (lf).
package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"officialgraph/internal/kg"
	"officialgraph/internal/names"
	"officialgraph/internal/normalize"
)

// MaxQueryRunes bounds a query.
const MaxQueryRunes = 64

// Query is a parsed search query.
type Query struct {
	// Han is the query in canonical simplified script, spaces removed; ""
	// for a Latin query.
	Han string
	// Latin is a pinyin query in lower case without tones, spaces or
	// apostrophes; "" for a Han query.
	Latin string
}

// Parse reads a query. A query of Latin letters (with spaces, apostrophes
// and tone marks) is pinyin; any other is read as Chinese text. Errors wrap
// kg.ErrInvalidInput.
func Parse(q string) (Query, error) {
	q = strings.TrimSpace(q)
	n := utf8.RuneCountInString(q)
	switch {
	case !utf8.ValidString(q):
		return Query{}, fmt.Errorf("%w: search query is not valid UTF-8", kg.ErrInvalidInput)
	case n == 0:
		return Query{}, fmt.Errorf("%w: search query is empty", kg.ErrInvalidInput)
	case n > MaxQueryRunes:
		return Query{}, fmt.Errorf("%w: search query of %d characters is over the limit of %d", kg.ErrInvalidInput, n, MaxQueryRunes)
	}
	if latin, ok := pinyinOf(q); ok {
		return Query{Latin: latin}, nil
	}
	han := strings.Join(strings.Fields(normalize.Canonicalize(q)), "")
	if han == "" {
		return Query{}, fmt.Errorf("%w: search query %q has nothing to search for", kg.ErrInvalidInput, q)
	}
	return Query{Han: han}, nil
}

// pinyinOf returns q as bare lower-case pinyin letters when q is pinyin.
func pinyinOf(q string) (string, bool) {
	var b strings.Builder
	for _, r := range norm.NFD.String(q) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
		case r == 'ü' || r == 'Ü':
			b.WriteRune('v')
		case r == ' ' || r == '\'' || r == '-' || unicode.Is(unicode.Mn, r):
			// separators and combining tone marks
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

// Forms are the searchable forms of one entity.
type Forms struct {
	// Names are the canonical name, then the forms as written (aliases),
	// each as stored.
	Names []string
	// Pinyin is the toneless pinyin of the canonical name, syllables
	// separated by spaces; "" when the entity has none (directives).
	Pinyin string
}

// OfficialForms are the forms an official is found by.
func OfficialForms(o kg.Official) Forms {
	return Forms{Names: append([]string{o.Name}, o.Aliases...), Pinyin: o.Pinyin}
}

// DivisionForms are the forms a division is found by: its name and its
// pinyin (loudi shi).
func DivisionForms(d kg.Division) Forms {
	return Forms{Names: []string{d.Name}, Pinyin: names.PlainPinyin(d.Name)}
}

// TextForms are the forms of a meeting (its name) or a directive (its text):
// Chinese text only.
func TextForms(text string) Forms { return Forms{Names: []string{text}} }

// The scores of the match tiers. Higher is better; 0 is no match.
const (
	ScoreExact         = 100 // the canonical name is the query
	ScoreAliasExact    = 95  // a form as written, canonicalised, is the query
	ScorePinyinExact   = 90  // liufei for 刘非
	ScoreInitialsExact = 70  // lf for 刘非
	ScorePrefix        = 60  // the name starts with the query
	ScorePinyinPrefix  = 50
	ScoreContains      = 40
	ScorePinyinContain = 20 // at a syllable boundary
)

// Score rates how well forms match q; 0 means no match. Names are compared
// in canonical form, so a traditional alias or query matches its simplified
// name.
func Score(q Query, f Forms) int {
	best := 0
	if q.Han != "" {
		for i, n := range f.Names {
			c := n
			if i > 0 {
				c = normalize.Canonicalize(n)
			}
			c = strings.Join(strings.Fields(c), "")
			switch {
			case c == q.Han && i == 0:
				best = max(best, ScoreExact)
			case c == q.Han:
				best = max(best, ScoreAliasExact)
			case strings.HasPrefix(c, q.Han):
				best = max(best, ScorePrefix)
			case strings.Contains(c, q.Han):
				best = max(best, ScoreContains)
			}
		}
		return best
	}
	if f.Pinyin == "" || q.Latin == "" {
		return 0
	}
	syl := strings.Fields(f.Pinyin)
	joined := strings.Join(syl, "")
	initials := names.Initials(f.Pinyin)
	switch {
	case joined == q.Latin:
		return ScorePinyinExact
	case len(q.Latin) >= 2 && initials == q.Latin:
		return ScoreInitialsExact
	case strings.HasPrefix(joined, q.Latin):
		return ScorePinyinPrefix
	}
	// A match that starts at a syllable boundary (fei in liu fei).
	for i := 1; i < len(syl); i++ {
		if strings.HasPrefix(strings.Join(syl[i:], ""), q.Latin) {
			return ScorePinyinContain
		}
	}
	return 0
}
