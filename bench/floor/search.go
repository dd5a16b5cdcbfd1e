package floor

import (
	"slices"
	"strings"

	"officialgraph/internal/kg"
	"officialgraph/internal/names"
	"officialgraph/internal/normalize"
	"officialgraph/internal/search"
)

// The store keeps, besides an entity's own properties, the forms its search
// compares (searchText, and the pinyin forms of officials and divisions),
// each under an index. The floor writes them too, so that the same indexes
// are kept up to date, computed as the store computes them.

// searchForm is a text without white space.
func searchForm(s string) string { return strings.Join(strings.Fields(s), "") }

// addPinyin adds the pinyin forms of pinyin (syllables separated by
// spaces): joined, initials, and every tail at a syllable boundary.
func addPinyin(props map[string]any, pinyin string) {
	syl := strings.Fields(pinyin)
	var suffixes strings.Builder
	for i := 1; i < len(syl); i++ {
		suffixes.WriteString(" " + strings.Join(syl[i:], ""))
	}
	props["pinyinJoined"] = strings.Join(syl, "")
	props["initials"] = strings.ToValidUTF8(names.Initials(pinyin), "\uFFFD")
	props["pinyinSuffixes"] = suffixes.String()
}

// officialSearch adds an official's search forms: the name's, then each
// alias's that differs from it.
func officialSearch(props map[string]any, o kg.Official) {
	name := searchForm(o.Name)
	text := []string{name}
	for _, a := range o.Aliases {
		if f := searchForm(normalize.Canonicalize(a)); f != name && !slices.Contains(text, f) {
			text = append(text, f)
		}
	}
	props["searchName"] = name
	props["searchText"] = strings.Join(text, " ")
	addPinyin(props, search.OfficialForms(o).Pinyin)
}

func divisionSearch(props map[string]any, d kg.Division) {
	props["searchText"] = searchForm(d.Name)
	addPinyin(props, search.DivisionForms(d).Pinyin)
}
