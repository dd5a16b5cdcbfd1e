package gen

import (
	"math/rand/v2"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/liuzl/gocc"
	"github.com/mozillazg/go-pinyin"

	"officialgraph/internal/normalize"
)

// s2tTable converts simplified text to traditional with OpenCC's tables:
// the longest phrase at each position, else the character's first
// traditional form. Only conversions that the reader's traditional-to-
// simplified step undoes are kept, so that a name written in traditional
// characters reads back as the same simplified name.
type s2tTable struct {
	chars     map[rune]rune
	phrases   map[string]string
	maxPhrase int
	tones     map[rune]string
}

var s2t = sync.OnceValue(func() *s2tTable {
	cc, err := gocc.New("s2t")
	if err != nil {
		panic("gen: loading OpenCC s2t: " + err.Error())
	}
	t := &s2tTable{chars: map[rune]rune{}, phrases: map[string]string{}, tones: map[rune]string{}}
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
				from, to := string(key), d.Values[v][0]
				n := utf8.RuneCountInString(from)
				if n != utf8.RuneCountInString(to) || from == to || normalize.Canonicalize(to) != from {
					continue
				}
				if n == 1 {
					f, _ := utf8.DecodeRuneInString(from)
					r, _ := utf8.DecodeRuneInString(to)
					t.chars[f] = r
					continue
				}
				t.phrases[from] = to
				t.maxPhrase = max(t.maxPhrase, n)
			}
		}
	}
	return t
})

// toTraditional converts text; with notes, about one Chinese character in
// twelve is followed by its reading in parentheses, as some sites print
// them: 統(tǒng)籌.
func toTraditional(text string, notes bool, rng *rand.Rand) string {
	t := s2t()
	in := []rune(text)
	var b strings.Builder
	for i := 0; i < len(in); {
		matched := false
		for n := min(t.maxPhrase, len(in)-i); n >= 2; n-- {
			if to, ok := t.phrases[string(in[i:i+n])]; ok {
				for _, r := range to {
					b.WriteRune(r)
					note(&b, r, notes, rng)
				}
				i += n
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		r := in[i]
		if c, ok := t.chars[r]; ok {
			r = c
		}
		b.WriteRune(r)
		note(&b, r, notes, rng)
		i++
	}
	return b.String()
}

var toneArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Tone
	return a
}()

var tonesMu sync.Mutex

// note writes the reading of r after it, now and then.
func note(b *strings.Builder, r rune, notes bool, rng *rand.Rand) {
	if !notes || !unicode.Is(unicode.Han, r) || rng.IntN(12) != 0 {
		return
	}
	t := s2t()
	tonesMu.Lock()
	reading, ok := t.tones[r]
	if !ok {
		if rs := pinyin.SinglePinyin(r, toneArgs); len(rs) > 0 {
			reading = rs[0]
		}
		t.tones[r] = reading
	}
	tonesMu.Unlock()
	if reading != "" {
		b.WriteString("(" + reading + ")")
	}
}
