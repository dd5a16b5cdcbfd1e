package normalize

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/liuzl/gocc"
)

// t2sTable is the OpenCC traditional-to-simplified table (TSPhrases, then
// TSCharacters) copied out of gocc's tries into plain maps.
//
// gocc.Convert allocates a map for every prefix lookup, which makes it run
// at well under a megabyte per second on news text; the maps below let
// Normalize do the same longest-match conversion in one linear scan.
type t2sTable struct {
	chars map[rune]rune
	// phrases maps a traditional phrase to its simplified form; both have
	// the same number of runes (OpenCC's TSPhrases only holds such pairs,
	// and loadT2S drops any that do not, so the rune alignment between the
	// plain and the canonical text always holds).
	phrases map[string][]rune
	// maxPhrase is the length in runes of the longest phrase starting with
	// a given rune; a rune missing here starts no phrase.
	maxPhrase map[rune]int
}

var (
	t2sOnce  sync.Once
	t2sTab   *t2sTable
	t2sError error
)

// t2s returns the conversion table, building it on first use.
func t2s() (*t2sTable, error) {
	t2sOnce.Do(func() { t2sTab, t2sError = loadT2S() })
	return t2sTab, t2sError
}

func loadT2S() (*t2sTable, error) {
	cc, err := gocc.New("t2s")
	if err != nil {
		return nil, fmt.Errorf("normalize: loading OpenCC t2s: %w", err)
	}
	tab := &t2sTable{
		chars:     make(map[rune]rune, 4096),
		phrases:   make(map[string][]rune, 512),
		maxPhrase: make(map[rune]int, 512),
	}
	for _, group := range cc.DictChains {
		for _, d := range group.Dicts {
			if d == nil || d.Trie == nil {
				continue
			}
			for _, id := range d.Trie.PrefixPredict(nil, 0) {
				key, err := d.Trie.Key(id)
				if err != nil {
					continue
				}
				v, err := d.Trie.Value(id)
				if err != nil || v < 0 || v >= len(d.Values) || len(d.Values[v]) == 0 {
					continue
				}
				tab.add(string(key), d.Values[v][0])
			}
		}
	}
	if len(tab.chars) == 0 {
		return nil, fmt.Errorf("normalize: OpenCC t2s table is empty")
	}
	return tab, nil
}

// add records one dictionary entry. Entries whose two sides differ in rune
// count are dropped: the canonical text must stay rune-aligned with the
// plain text.
func (t *t2sTable) add(from, to string) {
	n := utf8.RuneCountInString(from)
	if n == 0 || n != utf8.RuneCountInString(to) {
		return
	}
	if n == 1 {
		f, _ := utf8.DecodeRuneInString(from)
		r, _ := utf8.DecodeRuneInString(to)
		if f != r {
			t.chars[f] = r
		}
		return
	}
	t.phrases[from] = []rune(to)
	first, _ := utf8.DecodeRuneInString(from)
	if n > t.maxPhrase[first] {
		t.maxPhrase[first] = n
	}
}

// convert writes the simplified form of in to out, which must have the same
// length, using the longest phrase match at each position and the character
// table elsewhere.
func (t *t2sTable) convert(in, out []rune) {
	var key []byte
	for i := 0; i < len(in); {
		r := in[i]
		if max := t.maxPhrase[r]; max > 1 {
			if max > len(in)-i {
				max = len(in) - i
			}
			matched := 0
			for n := max; n >= 2 && matched == 0; n-- {
				key = key[:0]
				for _, c := range in[i : i+n] {
					key = utf8.AppendRune(key, c)
				}
				if to, ok := t.phrases[string(key)]; ok {
					copy(out[i:], to)
					matched = n
				}
			}
			if matched > 0 {
				i += matched
				continue
			}
		}
		if s, ok := t.chars[r]; ok {
			out[i] = s
		} else {
			out[i] = r
		}
		i++
	}
}
