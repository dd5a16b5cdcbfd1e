package normalize

import (
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// readingTable knows every reading go-pinyin lists for a character, in the
// tone-marked form (tǒng) and the toneless form (tong), and the set of all
// toneless syllables, which is what a note after a lost character can be
// checked against.
type readingTable struct {
	toned     map[rune][]string
	toneless  map[rune][]string
	syllables map[string]bool
}

var (
	readingsOnce sync.Once
	readingsTab  *readingTable
)

// readings returns the reading table, building it on first use; building
// it once costs a few tens of milliseconds, looking a reading up afterwards
// costs a map access, where go-pinyin's own SinglePinyin runs regular
// expressions on every call.
func readings() *readingTable {
	readingsOnce.Do(func() {
		args := pinyin.NewArgs()
		args.Style = pinyin.Tone
		args.Heteronym = true
		tab := &readingTable{
			toned:     make(map[rune][]string, len(pinyin.PinyinDict)),
			toneless:  make(map[rune][]string, len(pinyin.PinyinDict)),
			syllables: make(map[string]bool, 1600),
		}
		for code := range pinyin.PinyinDict {
			r := rune(code)
			toned := pinyin.SinglePinyin(r, args)
			if len(toned) == 0 {
				continue
			}
			plain := make([]string, len(toned))
			for i, s := range toned {
				plain[i] = toneless(s)
				tab.syllables[plain[i]] = true
			}
			tab.toned[r] = toned
			tab.toneless[r] = plain
		}
		readingsTab = tab
	})
	return readingsTab
}

// tonelessMap folds a tone-marked vowel to its bare letter; ü becomes v as
// in the usual keyboard spelling, so that lü, lǜ and lv compare equal.
var tonelessMap = map[rune]rune{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a',
	'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e', 'ê': 'e',
	'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i',
	'ō': 'o', 'ó': 'o', 'ǒ': 'o', 'ò': 'o',
	'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u',
	'ü': 'v', 'ǖ': 'v', 'ǘ': 'v', 'ǚ': 'v', 'ǜ': 'v',
	'ń': 'n', 'ň': 'n', 'ǹ': 'n', 'ḿ': 'm',
}

// toneless returns s without tone marks or tone digits.
func toneless(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		default:
			if m, ok := tonelessMap[r]; ok {
				b.WriteRune(m)
			} else if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// isPinyinRune reports whether r can occur inside a pinyin syllable as
// written in a note: a lowercase letter, a tone-marked vowel, a tone digit
// or a combining tone mark.
func isPinyinRune(r rune) bool {
	if r >= 'a' && r <= 'z' {
		return true
	}
	if r >= '1' && r <= '5' {
		return true
	}
	if _, ok := tonelessMap[r]; ok {
		return true
	}
	return r >= 0x300 && r <= 0x36f
}

// splitSyllables splits the inside of a note into syllables. Syllables are
// separated by spaces, apostrophes or hyphens; a note with anything else in
// it is not a note and ok is false.
func splitSyllables(in []rune) (syl []string, ok bool) {
	start := -1
	flush := func(end int) bool {
		if start < 0 {
			return true
		}
		s := string(in[start:end])
		start = -1
		if strings.ContainsFunc(s, func(r rune) bool { return r >= 0x300 && r <= 0x36f }) {
			s = norm.NFC.String(s)
		}
		// a tone digit may only close a syllable
		if i := strings.IndexAny(s, "12345"); i >= 0 && i != len(s)-1 {
			return false
		}
		syl = append(syl, s)
		return true
	}
	for i, r := range in {
		switch {
		case isPinyinRune(r):
			if start < 0 {
				start = i
			}
		case r == ' ' || r == '\'' || r == '’' || r == '-':
			if !flush(i) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	if !flush(len(in)) || len(syl) == 0 {
		return nil, false
	}
	return syl, true
}

// isSyllable reports whether s, with or without tones, is a syllable that
// some character is read as.
func (t *readingTable) isSyllable(s string) bool {
	return t.syllables[toneless(s)]
}

// reads reports whether syllable s is a reading of r or, for a character
// go-pinyin does not list, of its simplified form. A tone-marked note must
// match a reading with its tone, but a note written without tones, or with
// a tone the dictionary does not list for r, still counts when the bare
// syllable matches: notes in scraped pages are often careless with tones,
// and what matters is that the letters spell a reading of the character.
func (t *readingTable) reads(r rune, s string) bool {
	bare := toneless(s)
	for _, c := range [2]rune{r, simplifiedRune(r)} {
		for _, v := range t.toned[c] {
			if v == s {
				return true
			}
		}
		for _, v := range t.toneless[c] {
			if v == bare {
				return true
			}
		}
	}
	return false
}

// simplifiedRune returns the simplified form of a single character, or r.
func simplifiedRune(r rune) rune {
	tab, err := t2s()
	if err != nil {
		return r
	}
	if s, ok := tab.chars[r]; ok {
		return s
	}
	return r
}
