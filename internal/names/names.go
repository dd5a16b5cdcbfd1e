// Package names gives the pinyin forms of officials' names that search
// matches against: full syllables (liu fei) and initials (lf), with surnames
// read as surnames (曾 zeng, 单 shan, 尉迟 yuchi).
package names

import (
	"strings"
	"sync"

	"github.com/mozillazg/go-pinyin"

	"officialgraph/internal/gazetteer"
)

var args = sync.OnceValue(func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal // toneless
	// Lost characters and Latin letters keep a place, so syllables line up
	// with characters.
	a.Fallback = func(r rune, _ pinyin.Args) []string { return []string{string(r)} }
	return a
})

// Pinyin returns the toneless pinyin of a name, one syllable per character
// separated by spaces ("liu fei" for 刘非). The surname, compound ones
// included, is read as a surname. A lost character stays "?".
func Pinyin(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	var syl []string
	rest := name
	if n, ok := gazetteer.SurnameAt(name); ok {
		if r := gazetteer.SurnameReading(name[:n]); r != "" {
			syl = append(syl, strings.Fields(splitReading(r, name[:n]))...)
			rest = name[n:]
		}
	}
	for _, s := range pinyin.LazyPinyin(rest, args()) {
		syl = append(syl, strings.ToLower(s))
	}
	return strings.Join(syl, " ")
}

// splitReading spaces a compound surname's reading into one syllable per
// character (yuchi → yu chi), choosing among each character's readings the
// ones that spell the surname's reading; failing that it keeps it whole.
func splitReading(reading, surname string) string {
	if len([]rune(surname)) == 1 {
		return reading
	}
	a := args()
	a.Heteronym = true
	var found []string
	var walk func(i int, rest string, acc []string) bool
	chars := []rune(surname)
	walk = func(i int, rest string, acc []string) bool {
		if i == len(chars) {
			if rest == "" {
				found = acc
				return true
			}
			return false
		}
		for _, cand := range pinyin.Pinyin(string(chars[i]), a)[0] {
			if strings.HasPrefix(rest, cand) && walk(i+1, rest[len(cand):], append(acc, cand)) {
				return true
			}
		}
		return false
	}
	if walk(0, reading, nil) {
		return strings.Join(found, " ")
	}
	return reading
}

// Initials returns the first letter of each syllable ("lf" for 刘非).
func Initials(pinyinText string) string {
	var b strings.Builder
	for _, s := range strings.Fields(pinyinText) {
		b.WriteByte(s[0])
	}
	return b.String()
}

// PlainPinyin returns the toneless pinyin of any text, one syllable per Han
// character separated by spaces, with no surname readings: for place names
// and other words that are not people's names.
func PlainPinyin(s string) string {
	var syl []string
	for _, p := range pinyin.LazyPinyin(s, args()) {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			syl = append(syl, p)
		}
	}
	return strings.Join(syl, " ")
}
