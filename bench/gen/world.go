package gen

import (
	"math/rand/v2"
	"sort"
	"strings"

	"officialgraph/internal/gazetteer"
)

// Characters invented place names are made of. None is a level suffix, a
// word the division rules stop at, or a character that would make the name
// end like a kind of place (园区, 景区) rather than a division.
const placeRunes = "青禾澄溪栖霞岭白沙坪云川泉桐柳枫松岚丰嘉瑞祥源汀浦湾峪岩峰望凤鹤鹿金银翠碧丹紫黛春秋梅竹菊荷莲桃杏梨槐杉榆樟楠蓉芙芷茗稻麦桑棉岗坡湖潭塘渠滩洲峡谷原野森苑宜润溧淇濛滢漪澜涟沅湄汶泓洵沛淳" +
	"巍崇峻嵘岱峨昆仑翔鸿雁鹭鹊莺晖曦昕旻晟曜朗皓彤"

// The first character of a place name is never one the division rules
// read as the start of a phrase about divisions in general (各县, 全市).
const notFirst = "各全本该我外辖"

// unit is a city or a county with its posts and who held them when.
type unit struct {
	name    string // 青禾市, 澄溪县
	short   string // 青禾, 澄溪
	level   rune   // 市, 县 or 区
	city    *unit  // the city of a county; nil for a city
	kids    []*unit
	outlet  string // the local paper, 青禾日报
	posts   []postDef
	holders [][]stint // by post index
}

// stint is a person holding a post from a day on.
type stint struct {
	from int
	who  person
}

// holder returns who held post i on day d.
func (u *unit) holder(i, d int) person {
	s := u.holders[i]
	k := sort.Search(len(s), func(k int) bool { return s[k].from > d }) - 1
	if k < 0 {
		k = 0
	}
	return s[k].who
}

// postDef is an office of a unit: its key and its titles as reports write
// them (市委副书记, 市长), with X standing for the level character.
type postDef struct {
	key    string
	titles []string
	group  string // leaders, standing, government, congress, conference, bureau
}

func (p postDef) titlesFor(level rune) []string {
	out := make([]string, len(p.titles))
	for i, t := range p.titles {
		out[i] = strings.ReplaceAll(t, "X", string(level))
	}
	return out
}

// cityPosts are a city's offices; the first seven form the promotion chain.
var cityPosts = []postDef{
	{"sec", []string{"市委书记"}, "leaders"},
	{"head", []string{"市委副书记", "市长"}, "leaders"},
	{"exec", []string{"市委常委", "常务副市长"}, "standing"},
	{"vice1", []string{"副市长"}, "government"},
	{"vice2", []string{"副市长"}, "government"},
	{"vice3", []string{"副市长"}, "government"},
	{"vice4", []string{"副市长"}, "government"},
	{"dsec", []string{"市委副书记"}, "leaders"},
	{"disc", []string{"市委常委", "市纪委书记"}, "standing"},
	{"org", []string{"市委常委", "组织部部长"}, "standing"},
	{"prop", []string{"市委常委", "宣传部部长"}, "standing"},
	{"law", []string{"市委常委", "政法委书记"}, "standing"},
	{"csec", []string{"市委常委", "秘书长"}, "standing"},
	{"npc", []string{"市人大常委会主任"}, "congress"},
	{"npcv1", []string{"市人大常委会副主任"}, "congress"},
	{"npcv2", []string{"市人大常委会副主任"}, "congress"},
	{"cppcc", []string{"市政协主席"}, "conference"},
	{"cppccv1", []string{"市政协副主席"}, "conference"},
	{"cppccv2", []string{"市政协副主席"}, "conference"},
	{"gsec", []string{"市政府秘书长"}, "government"},
	{"ndrc", []string{"市发改委主任"}, "bureau"},
	{"fin", []string{"市财政局局长"}, "bureau"},
	{"water", []string{"市水利局局长"}, "bureau"},
	{"emerg", []string{"市应急管理局局长"}, "bureau"},
	{"env", []string{"市生态环境局局长"}, "bureau"},
	{"build", []string{"市住建局局长"}, "bureau"},
	{"agri", []string{"市农业农村局局长"}, "bureau"},
	{"edu", []string{"市教育局局长"}, "bureau"},
	{"comm", []string{"市商务局局长"}, "bureau"},
	{"land", []string{"市自然资源局局长"}, "bureau"},
}

// countyPosts are a county's or district's offices (X is 县 or 区); the
// first six form the promotion chain.
var countyPosts = []postDef{
	{"sec", []string{"X委书记"}, "leaders"},
	{"head", []string{"X委副书记", "X长"}, "leaders"},
	{"exec", []string{"X委常委", "常务副X长"}, "standing"},
	{"vice1", []string{"副X长"}, "government"},
	{"vice2", []string{"副X长"}, "government"},
	{"vice3", []string{"副X长"}, "government"},
	{"dsec", []string{"X委副书记"}, "leaders"},
	{"org", []string{"X委常委", "组织部部长"}, "standing"},
	{"prop", []string{"X委常委", "宣传部部长"}, "standing"},
	{"npc", []string{"X人大常委会主任"}, "congress"},
	{"cppcc", []string{"X政协主席"}, "conference"},
	{"gsec", []string{"X政府办主任"}, "government"},
	{"ndrc", []string{"X发改局局长"}, "bureau"},
	{"fin", []string{"X财政局局长"}, "bureau"},
	{"water", []string{"X水利局局长"}, "bureau"},
	{"emerg", []string{"X应急管理局局长"}, "bureau"},
}

const (
	cityChain   = 7
	countyChain = 6
)

// world is the invented country the reports tell of.
type world struct {
	cities []*unit
	units  []*unit // cities, then counties
	days   int
}

func postIndex(posts []postDef, key string) int {
	for i, p := range posts {
		if p.key == key {
			return i
		}
	}
	panic("gen: no post " + key)
}

// newWorld invents n cities, each with four to eleven counties and
// districts, and their officials over days days.
func newWorld(rng *rand.Rand, n, days int) *world {
	w := &world{days: days}
	taken := map[string]bool{}
	place := func(size int) string {
		pool := []rune(placeRunes)
		for {
			rs := make([]rune, size)
			for i := range rs {
				rs[i] = pool[rng.IntN(len(pool))]
			}
			if strings.ContainsRune(notFirst, rs[0]) || rs[0] == rs[1] {
				continue
			}
			body := string(rs)
			if taken[body] || known(body) {
				continue
			}
			taken[body] = true
			return body
		}
	}
	names := nameMaker{rng}
	for range n {
		c := &unit{level: '市', posts: cityPosts}
		c.short = place(2)
		c.name = c.short + "市"
		c.outlet = c.short + []string{"日报", "日报", "新闻网", "融媒体中心", "广播电视台"}[rng.IntN(5)]
		w.cities = append(w.cities, c)
		for range 4 + rng.IntN(8) {
			k := &unit{level: '县', posts: countyPosts, city: c}
			if rng.IntN(3) == 0 {
				k.level = '区'
			}
			size := 2
			if rng.IntN(6) == 0 {
				size = 3
			}
			k.short = place(size)
			k.name = k.short + string(k.level)
			k.outlet = k.short + []string{"融媒体中心", "新闻网", "广播电视台"}[rng.IntN(3)]
			c.kids = append(c.kids, k)
		}
		used := map[string]bool{}
		staff(c, names, used)
		for _, k := range c.kids {
			staff(k, names, used)
		}
		reshuffle(rng, c, names, used, days)
	}
	w.units = append(w.units, w.cities...)
	for _, c := range w.cities {
		w.units = append(w.units, c.kids...)
	}
	return w
}

// known reports whether a place body names a real division, with any of
// the level suffixes: invented places must not be mistaken for real ones.
func known(body string) bool {
	if len(gazetteer.Lookup(body)) > 0 {
		return true
	}
	for _, s := range []string{"市", "县", "区", "州"} {
		if len(gazetteer.Lookup(body+s)) > 0 {
			return true
		}
	}
	return false
}

// staff gives every post of u a first holder.
func staff(u *unit, names nameMaker, used map[string]bool) {
	u.holders = make([][]stint, len(u.posts))
	for i := range u.posts {
		u.holders[i] = []stint{{0, names.draw(used)}}
	}
}

// reshuffle moves a city's officials and those of its counties about over
// time: every eight to sixteen months the top of the chain leaves, everyone
// below moves up one post, a county secretary becomes a vice mayor, and a
// few other posts change hands. Officials thus recur across meetings under
// changing titles.
func reshuffle(rng *rand.Rand, c *unit, names nameMaker, used map[string]bool, days int) {
	set := func(u *unit, i, day int, p person) {
		u.holders[i] = append(u.holders[i], stint{day, p})
	}
	cur := func(u *unit, i int) person { return u.holders[i][len(u.holders[i])-1].who }
	shift := func(u *unit, chain, day int, bottom person) person {
		top := cur(u, 0)
		// The vice posts are interchangeable: a random one moves up.
		viceFrom := 3 + rng.IntN(chain-3)
		for i := 0; i < 2; i++ {
			set(u, i, day, cur(u, i+1))
		}
		set(u, 2, day, cur(u, viceFrom))
		set(u, viceFrom, day, bottom)
		return top
	}
	type event struct {
		day int
		u   *unit
	}
	var events []event
	for _, u := range append([]*unit{c}, c.kids...) {
		for day := 240 + rng.IntN(240); day < days; day += 240 + rng.IntN(240) {
			events = append(events, event{day, u})
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].day < events[j].day })
	for _, e := range events {
		u, day := e.u, e.day
		chain := countyChain
		if u == c {
			chain = cityChain
			var bottom person
			if len(c.kids) > 0 && rng.IntN(2) == 0 {
				k := c.kids[rng.IntN(len(c.kids))]
				bottom = shift(k, countyChain, day, names.draw(used))
			} else {
				bottom = names.draw(used)
			}
			old := shift(c, cityChain, day, bottom)
			if rng.IntN(3) == 0 {
				// The old secretary moves to the congress.
				set(c, postIndex(cityPosts, "npc"), day, old)
			}
		} else {
			shift(u, countyChain, day, names.draw(used))
		}
		for range 1 + rng.IntN(3) {
			set(u, chain+rng.IntN(len(u.posts)-chain), day+1+rng.IntN(60), names.draw(used))
		}
	}
	for _, u := range append([]*unit{c}, c.kids...) {
		for _, s := range u.holders {
			sort.SliceStable(s, func(i, j int) bool { return s[i].from < s[j].from })
		}
	}
}
