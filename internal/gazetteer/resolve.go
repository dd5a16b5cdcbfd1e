package gazetteer

import "strings"

// zoneKind is one kind of zone that reports name by a short form (经开区) while
// the list carries a long one (湖南衡阳松木经济开发区).
type zoneKind struct {
	written []string // forms in reports, longest first
	listed  []string // forms in the list; a listed name contains one of them
	suffix  bool     // listed forms must end the name rather than occur in it
}

var zoneKinds = []zoneKind{
	{
		written: []string{"经济技术开发区", "经济开发区", "经开区"},
		listed:  []string{"经济技术开发区", "经济开发区"},
	},
	{
		written: []string{"高新技术产业开发区", "高新技术产业园区", "高新技术开发区", "高新区"},
		listed:  []string{"高新技术产业开发区", "高新技术产业园区", "高新技术开发区", "高新区"},
	},
	{written: []string{"管理区"}, listed: []string{"管理区"}, suffix: true},
	{written: []string{"新区"}, listed: []string{"新区"}, suffix: true},
}

// ResolveShort resolves a short form that a report uses for a division of its
// own city: 经开区, 高新区, 新区, or such a form after a name (娄底经开区,
// 衡阳高新区, 松木经开区), and plain short names (冷水江). cityName is the
// report's city, with or without suffix (娄底市 or 娄底); a city name before
// the short form (衡阳高新区) takes its place.
//
// It returns false when the list does not carry such a zone in that city (the
// list has no zone for 娄底经开区), when the form fits more than one division,
// or when no city is known.
func ResolveShort(short, cityName string) (Division, bool) {
	short = strings.TrimSpace(short)
	if short == "" {
		return Division{}, false
	}
	scope, haveScope := cityScope(cityName)
	// A name the list carries as written wins over any reading as a short form
	// (浦东新区 is a district, not a 新区 called 浦东).
	if haveScope {
		if d, ok := unique(withinNamed(scope, short)); ok {
			return d, true
		}
	} else if d, ok := unique(tables().pick(tables().byName[short])); ok {
		return d, true
	}

	kind, prefix, isZone := cutZone(short)
	if !isZone {
		if !haveScope {
			return unique(Lookup(short))
		}
		return Division{}, false
	}
	// A city before the short form names the scope (衡阳高新区); any other
	// text must appear in the zone's listed name (松木经开区, 万宝新区).
	if prefix != "" {
		if c, ok := cityScope(prefix); ok {
			scope, haveScope, prefix = c, true, ""
		}
	}
	if !haveScope {
		return Division{}, false
	}
	var found []Division
	for _, d := range descendants(scope) {
		if kind.fits(d.Name) && strings.Contains(d.Name, prefix) {
			found = append(found, d)
		}
	}
	return unique(found)
}

// cutZone finds the zone kind whose written form ends short and returns the
// text before it.
func cutZone(short string) (zoneKind, string, bool) {
	for _, k := range zoneKinds {
		for _, w := range k.written {
			if p, ok := strings.CutSuffix(short, w); ok {
				return k, p, true
			}
		}
	}
	return zoneKind{}, "", false
}

func (k zoneKind) fits(name string) bool {
	for _, l := range k.listed {
		if k.suffix && strings.HasSuffix(name, l) || !k.suffix && strings.Contains(name, l) {
			return true
		}
	}
	return false
}

// cityScope resolves the name of a report's city: a city, or a municipality
// (a province-level city whose counties hang from it directly).
func cityScope(name string) (Division, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Division{}, false
	}
	var found []Division
	for _, d := range Lookup(name) {
		if d.Level == LevelCity || d.Level == LevelProvince && strings.HasSuffix(d.Name, "市") {
			found = append(found, d)
		}
	}
	return unique(found)
}

// descendants lists the divisions below d, down to the county level.
func descendants(d Division) []Division {
	var out []Division
	for _, c := range Children(d.Code) {
		out = append(out, c)
		out = append(out, descendants(c)...)
	}
	return out
}

// withinNamed lists the divisions at or below scope whose full or short name
// is name.
func withinNamed(scope Division, name string) []Division {
	var out []Division
	for _, d := range append([]Division{scope}, descendants(scope)...) {
		if d.Name == name || shortName(d.Name) == name {
			out = append(out, d)
		}
	}
	return out
}

func unique(ds []Division) (Division, bool) {
	if len(ds) != 1 {
		return Division{}, false
	}
	return ds[0], true
}
