package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MatchAt reports the longest full division name that starts at byte offset i
// of s. It returns the division and the byte length of the match. When several
// divisions share the name (朝阳区), the one with the lowest code is returned;
// Lookup(s[i:i+n]) gives them all.
func MatchAt(s string, i int) (Division, int, bool) {
	t := tables()
	if i < 0 || i >= len(s) {
		return Division{}, 0, false
	}
	rest := s[i:]
	// Byte offsets of the rune boundaries, up to the longest name in the list.
	ends := make([]int, 0, t.maxRunes)
	for j := range rest {
		if j > 0 {
			ends = append(ends, j)
		}
		if len(ends) == t.maxRunes {
			break
		}
	}
	if len(ends) < t.maxRunes {
		ends = append(ends, len(rest))
	}
	// A division name has at least two characters (南县).
	for k := len(ends) - 1; k >= 1; k-- {
		if idx := t.byName[rest[:ends[k]]]; len(idx) > 0 {
			return t.all[idx[0]], ends[k], true
		}
	}
	return Division{}, 0, false
}

// fallbackSuffixes end a division name the list does not carry (万宝新区,
// 娄底经开区, a township), so that run-together text is still cut after them.
var fallbackSuffixes = []string{"街道", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡"}

// Split cuts a run of division names written without separators
// (娄星区冷水江市, 双峰县新化县) into the names. Punctuation and spaces separate
// names too. Each name is the longest one in the list starting at that point;
// where the list has none, the text is cut after the first level suffix
// (县, 区, 市, 旗, 镇, 乡, 街道 …) or before the next name the list knows,
// whichever comes first, so 万宝新区娄底经开区 gives 万宝新区 and 娄底经开区.
func Split(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, isSeparator) {
		out = append(out, splitRun(part)...)
	}
	return out
}

// isSeparator treats spaces and punctuation as separators, except the question
// marks that stand for a lost character inside a name.
func isSeparator(r rune) bool {
	if r == '?' || r == '？' {
		return false
	}
	return unicode.IsSpace(r) || unicode.IsPunct(r)
}

func splitRun(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if _, n, ok := MatchAt(s, i); ok {
			out = append(out, s[i:i+n])
			i += n
			continue
		}
		end := len(s)
		runes := 0
		for j, r := range s[i:] {
			k := i + j + utf8.RuneLen(r)
			runes++
			if runes < 2 || k == len(s) {
				continue
			}
			if hasAnySuffix(s[i:k], fallbackSuffixes) {
				end = k
				break
			}
			if _, _, ok := MatchAt(s, k); ok {
				end = k
				break
			}
		}
		out = append(out, s[i:end])
		i = end
	}
	return out
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}
