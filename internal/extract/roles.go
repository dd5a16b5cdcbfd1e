package extract

import (
	"strings"
	"unicode/utf8"
)

// roleSet is a set of roles.
type roleSet uint8

const (
	rPresided roleSet = 1 << iota
	rSpoke
	rReported
	rAttended
)

// names returns the most specific roles in s, in a fixed order: presiding,
// speaking and reporting imply attending, so attended is listed only
// alone.
func (s roleSet) names() []string {
	var out []string
	if s&rPresided != 0 {
		out = append(out, RolePresided)
	}
	if s&rSpoke != 0 {
		out = append(out, RoleSpoke)
	}
	if s&rReported != 0 {
		out = append(out, RoleReported)
	}
	if len(out) == 0 && s&rAttended != 0 {
		out = append(out, RoleAttended)
	}
	return out
}

// verb is a word of the genre that gives its subject a role.
type verb struct {
	word  string
	roles roleSet
	// speech marks the verbs that introduce what the subject said
	// (强调, 指出): the directives that follow are the subject's.
	speech bool
	// divRoles, when set, is the role the verb gives a division: a person
	// who 发言 speaks, a division that 发言 reports on its work.
	divRoles roleSet
}

// verbs are the verbs of the genre that give a role: 主持 presides, 讲话
// and the verbs of speech speak, 出席 and 参加 attend, 汇报 reports, and
// 发言 speaks (a division that 发言 reports). Light-verb forms (作汇报) are
// listed so that the longest match wins at a position.
var verbs = append([]verb{
	{"主持召开", rPresided, false, 0}, {"主持会议", rPresided, false, 0}, {"主持", rPresided, false, 0},
	{"出席会议", rAttended, false, 0}, {"出席", rAttended, false, 0}, {"参加会议", rAttended, false, 0},
	{"参加", rAttended, false, 0}, {"列席", rAttended, false, 0}, {"参会", rAttended, false, 0},
	{"陪同", rAttended, false, 0}, {"调研", rAttended, false, 0}, {"视察", rAttended, false, 0},
	{"督导", rAttended, false, 0}, {"督查", rAttended, false, 0}, {"检查", rAttended, false, 0},
	{"考察", rAttended, false, 0},
	{"讲话", rSpoke, false, 0}, {"作重要讲话", rSpoke, false, 0}, {"发表讲话", rSpoke, false, 0},
	{"致辞", rSpoke, false, 0}, {"强调", rSpoke, true, 0}, {"指出", rSpoke, true, 0},
	{"要求", rSpoke, true, 0}, {"表示", rSpoke, true, 0}, {"提出", rSpoke, true, 0},
	{"认为", rSpoke, true, 0}, {"希望", rSpoke, true, 0}, {"说", rSpoke, true, 0},
	{"叮嘱", rSpoke, true, 0}, {"明确", rSpoke, true, 0},
	{"点评", rSpoke, false, 0}, {"宣读", rSpoke, false, 0}, {"安排部署", rSpoke, false, 0},
	{"发言", rSpoke, false, rReported}, {"作交流发言", rSpoke, false, rReported},
	{"作表态发言", rSpoke, false, rReported}, {"作典型发言", rSpoke, false, rReported},
	{"汇报", rReported, false, 0}, {"作汇报", rReported, false, 0},
	{"介绍", rReported, false, 0}, {"通报", rReported, false, 0}, {"作说明", rReported, false, 0},
	{"述职", rReported, false, 0},
}, arrangeVerbs()...)

// arrangeVerbs are the light-verb forms of 部署 and 安排 (作具体部署, 作了
// 安排): the official who lays out the work speaks. The bare words are no
// verbs of their own, since they head agenda items (研究部署, 工作安排).
func arrangeVerbs() []verb {
	var out []verb
	for _, light := range []string{"作", "作了", "作出", "做", "做了", "做出"} {
		for _, mid := range []string{"", "具体", "全面", "工作"} {
			for _, obj := range []string{"部署", "安排"} {
				out = append(out, verb{light + mid + obj, rSpoke, false, 0})
			}
		}
	}
	return out
}

// nounAfterVerb are the characters that make a verb before them part of
// a noun: 督查室, 调研组, 调研员, 检查站, 发言人.
const nounAfterVerb = "组室员站人"

// verbsByFirst indexes verbs by first rune, longest first.
var verbsByFirst = func() map[rune][]verb {
	m := make(map[rune][]verb)
	for _, v := range verbs {
		r := firstRune(v.word)
		m[r] = append(m[r], v)
	}
	for r, vs := range m {
		for i := 1; i < len(vs); i++ {
			for j := i; j > 0 && len(vs[j].word) > len(vs[j-1].word); j-- {
				vs[j], vs[j-1] = vs[j-1], vs[j]
			}
		}
		m[r] = vs
	}
	return m
}()

// runeBitmap is a set of runes of the Basic Multilingual Plane, asked at
// every rune of a text where a map would cost a hash each time.
type runeBitmap [1 << 10]uint64

func (m *runeBitmap) add(r rune) {
	if r < 1<<16 {
		m[r>>6] |= 1 << (r & 63)
	}
}

func (m *runeBitmap) has(r rune) bool {
	return r < 1<<16 && m[r>>6]&(1<<(r&63)) != 0
}

// verbStarts holds the runes that start a verb: verbAt is asked at every
// rune of every clause, and most runes start none.
var verbStarts = func() *runeBitmap {
	m := new(runeBitmap)
	for r := range verbsByFirst {
		m.add(r)
	}
	return m
}()

// verbAt returns the verb that starts at byte i of s, if any. A verb
// right after 重要 or 的 is a noun (重要讲话, 的要求) and does not count,
// nor does one that heads a noun (督查室).
func verbAt(s string, i int) (verb, bool) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if !verbStarts.has(r) {
		return verb{}, false
	}
	for _, v := range verbsByFirst[r] {
		if strings.HasPrefix(s[i:], v.word) {
			if strings.HasSuffix(s[:i], "重要") || strings.HasSuffix(s[:i], "的") {
				return verb{}, false
			}
			if rest := s[i+len(v.word):]; rest != "" && strings.ContainsRune(nounAfterVerb, firstRune(rest)) {
				return verb{}, false
			}
			return v, true
		}
	}
	return verb{}, false
}

type subjKind int

const (
	subjPerson subjKind = iota
	subjDivision
	subjPronoun
	subjMeeting
)

// subject is one subject of a role statement.
type subject struct {
	kind   subjKind
	name   string
	off    int      // canonical byte offset of the name
	titles []string // positions written with the name
	titled bool     // written with a title, perhaps a generic one (市领导)
}

// statement is a clause that gives its subjects a role.
type statement struct {
	subjects []subject
	roles    roleSet
	divRoles roleSet // the role of divisions, when not roles
	verb     verb
	verbEnd  int // canonical offset just after the verb
}

// maxZone bounds, in bytes, the subject zone of a clause: a list of
// twenty titled names fits, and a long clause costs constant work.
const maxZone = 900

// maxStrictZone bounds a clause read as names without a verb, and
// maxBareNames such a clause with no title in it.
const (
	maxStrictZone = 300
	maxBareNames  = 40
)

// statementIn reads the role statement of a clause: the first role verb
// whose preceding words parse as its subjects.
func (x *run) statementIn(c span) (statement, bool) {
	text := x.text
	tried := 0
	for i := c.start; i < c.end && i-c.start <= maxZone; {
		v, ok := verbAt(text[:c.end], i)
		if !ok && strings.HasPrefix(text[i:c.end], "汇报") && strings.HasSuffix(text[c.start:i], "的") && strings.Contains(text[c.start:i], "听取") {
			// 听取张一关于…的汇报: after 听取, 的汇报 still says who reported
			v, ok = verb{"汇报", rReported, false, 0}, true
		}
		if !ok {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		zoneStart := c.start
		if v.roles == rReported {
			// X听取了Y的汇报: Y reported
			if j := strings.LastIndex(text[c.start:i], "听取"); j >= 0 {
				zoneStart = c.start + j + len("听取")
				if strings.HasPrefix(text[zoneStart:i], "了") {
					zoneStart += len("了")
				}
			}
		}
		zoneEnd := i
		if zoneStart > c.start {
			// 听取了青山县的工作汇报: the reporters end before 的工作
			zoneEnd = trimHeardTail(text, zoneStart, i)
		}
		if subs, ok := x.parseZone(zoneStart, zoneEnd, false); ok {
			st := statement{subjects: subs, roles: v.roles, divRoles: v.divRoles, verb: v, verbEnd: i + len(v.word)}
			if v.roles&(rPresided|rAttended) != 0 && strings.Contains(text[st.verbEnd:c.end], "讲话") {
				st.roles |= rSpoke
			}
			if v.roles == rSpoke && (strings.Contains(text[zoneStart:i], "在主持") || strings.Contains(text[zoneStart:i], "主持会议时")) {
				// 李明在主持会议时强调
				st.roles |= rPresided
			}
			return st, true
		}
		tried++
		if tried == 4 {
			break
		}
		// a shorter verb may start inside this one (工作汇报 holds both
		// 作汇报 and 汇报)
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return statement{}, false
}

// trimHeardTail strips what stands between those heard and 汇报 in
// 听取…的工作情况汇报, and the subject of the report in 听取张一关于…的汇报.
func trimHeardTail(text string, s, e int) int {
	if i := strings.Index(text[s:e], "关于"); i > 0 {
		e = s + i
	}
	for changed := true; changed; {
		changed = false
		for _, w := range []string{"工作情况", "情况", "工作", "有关", "专题", "的"} {
			if strings.HasSuffix(text[s:e], w) && e-s > len(w) {
				e -= len(w)
				changed = true
			}
		}
	}
	return e
}

// leadWords open a clause without being its subject.
var leadWords = []string{
	"会上", "会议上", "随后", "随即", "同时", "当天", "当日", "此外", "另外", "其间", "期间", "会前", "会后",
	"本报讯", "讯", "上午", "下午", "晚上", "今天", "昨天", "近日", "日前", "据悉", "其中", "最后",
	"图为", "左图", "右图", "上图", "下图",
}

// tailWords close a subject without being part of it.
var tailWords = sortLongestFirst(append([]string{
	"分别", "也", "一同", "一起", "共同", "先后", "还", "都", "亲自", "同志", "一行", "等人", "随同",
	"应邀", "依次", "逐一", "相继", "会上", "并", "又", "专门", "近日", "日前", "今天", "昨天",
	"率队", "带队", "同时", "实地", "深入",
}, supportVerbTails()...))

// tailsByLast indexes tailWords by their last rune, longest first.
var tailsByLast = func() map[rune][]string {
	m := make(map[rune][]string)
	for _, w := range tailWords {
		m[lastRune(w)] = append(m[lastRune(w)], w)
	}
	return m
}()

// supportVerbTails are the light verbs before the verb proper: 作了交流(发言),
// 进行(汇报).
func supportVerbTails() []string {
	var out []string
	for _, v := range []string{"作了", "作", "做了", "做", "进行了", "进行"} {
		for _, m := range []string{"", "交流", "表态", "典型", "重点", "专题", "书面", "大会", "主旨", "工作", "情况", "工作情况", "经验", "补充"} {
			out = append(out, v+m)
		}
	}
	return out
}

// placeTails end the "在…上" or "到…" phrase that can stand between a
// subject and its verb (刘非在全市…会议上强调, 在主会场参加会议).
var placeTails = []string{"上", "中", "时", "期间", "现场", "之际", "场", "前", "后"}

// trimZone strips what stands around the subject of a clause: the
// entourage a leader brings, opening connectives, dates, brackets, and the
// adverbs and place phrases between the subject and the verb.
func (x *run) trimZone(s, e int) (int, int) {
	text := x.text
	if i := entourageAt(text[s:e]); i > 0 {
		e = s + i
	}
	for changed := true; changed && s < e; {
		changed = false
		for s < e && strings.ContainsRune(" \t(（“\"‘《[", firstRune(text[s:e])) {
			_, n := utf8.DecodeRuneInString(text[s:e])
			s += n
			changed = true
		}
		for s < e && strings.ContainsRune(" \t)）”\"’》]", lastRune(text[s:e])) {
			_, n := utf8.DecodeLastRuneInString(text[s:e])
			e -= n
			changed = true
		}
		if d, ok := parseDateAt(text[:e], s); ok {
			s = d.end
			changed = true
		}
		for _, w := range leadWords {
			if strings.HasPrefix(text[s:e], w) && e-s > len(w) {
				s += len(w)
				changed = true
			}
		}
		if i := x.placePhrase(s, e); i > s {
			e = i
			changed = true
		}
		for _, w := range tailsByLast[lastRune(text[s:e])] {
			// Checked first: a tail filed under the zone's last rune may
			// neither end the zone nor fit in it, and the comrade check
			// below slices the zone by the tail's length.
			if !strings.HasSuffix(text[s:e], w) || e-s <= len(w) {
				continue
			}
			if w == "同志" && hasSuffixAny(text[s:e-len(w)], groupBeforeComrade) {
				// 负责同志 is a group, not a name and 同志
				continue
			}
			e -= len(w)
			changed = true
			break
		}
	}
	return s, e
}

// entourageWords follow a leader and introduce the people the leader
// brings (张一率市直有关部门负责人, 李二带领…): they end the subject.
var entourageWords = []string{"带领", "率领", "率"}

// entourageAt returns where the entourage of a subject zone starts, or 0.
func entourageAt(z string) int {
	at := 0
	for _, w := range entourageWords {
		if i := strings.Index(z, w); i > 0 && (at == 0 || i < at) {
			at = i
		}
	}
	return at
}

// maxPlace is the longest place phrase, in runes.
const maxPlace = 80

// placeStarts open the place phrases other than 在…上, and the phrases of
// means that stand in the same place (通过视频汇报).
var placeStarts = []string{"到", "赴", "深入", "前往", "就", "通过"}

// placePhrase returns the start of the place phrase that ends [s, e), or
// s when there is none: the leftmost 在 whose phrase ends like one (在…会议
// 上, 在讲话中, 在主会场), since a 在 phrase may hold other words of place;
// failing that, the rightmost 到, 赴, 深入, 前往, 就 or 通过. Only the last
// maxPlace runes are looked at.
func (x *run) placePhrase(s, e int) int {
	text := x.text
	from := s
	if w := maxPlace * utf8.UTFMax; e-from > w {
		from = e - w
		for from < e && !utf8.RuneStart(text[from]) {
			from++
		}
	}
	for i := from; i < e; {
		j := strings.Index(text[i:e], "在")
		if j < 0 {
			break
		}
		at := i + j
		i = at + len("在")
		if at == s {
			continue
		}
		tail := text[at:e]
		for _, t := range placeTails {
			if strings.HasSuffix(tail, t) && len(tail) > len("在")+len(t) {
				return at
			}
		}
	}
	best := s
	for _, p := range placeStarts {
		if k := strings.LastIndex(text[from:e], p); k >= 0 && from+k > best {
			best = from + k
		}
	}
	return best
}

// orgEnds end an organization named alone in a list (市委、市政府领导):
// such an item is neither a person nor a failure.
var orgEnds = []string{"委", "政府", "人大", "政协", "常委会", "委员会", "部", "局", "厅", "办", "院", "中心", "集团", "公司", "单位", "部门"}

// genericWords mark a list item that describes people in general.
var genericWords = []string{"领导", "负责人", "负责同志", "单位", "部门", "干部", "群众", "代表", "人员", "企业", "机关", "成员", "同志", "嘉宾", "专家", "委员们"}

// hardStops mark a zone that is a phrase rather than a list of subjects.
// A modal 要 is one too (see isPhrase); 主要 is not.
var hardStops = []string{"的", "了", "把", "是", "对", "将", "被", "使", "按照", "通过", "进行", "做好", "加强", "推进"}

// isPhrase reports whether s reads as a phrase rather than names.
func isPhrase(s string) bool {
	return containsAny(s, hardStops) || hasModal(s)
}

type itemResult int

const (
	itemSubjects itemResult = iota // persons or divisions
	itemTitle                      // a position, for the name that follows
	itemGeneric                    // people in general (市级领导), ignored
	itemFail                       // not a subject: the zone is no list
)

// parseZone parses [s, e) as the subjects of a verb: names with their
// titles, divisions, a pronoun or the meeting itself. With strict set the
// zone must hold nothing but persons and titles, and a titled person or a
// name read elsewhere; that is how a clause without a verb is read (娄底市委书记刘非，市委副书记、市长
// 杨懿文出席会议并讲话).
func (x *run) parseZone(s, e int, strict bool) ([]subject, bool) {
	if e-s > maxZone {
		return nil, false
	}
	hasTitle := false
	if strict {
		hasTitle = containsTitleOrGroup(x.text[s:e])
		if e-s > maxStrictZone || !hasTitle && (e-s > maxBareNames || !x.startsWithKnownName(s, e)) {
			return nil, false
		}
	}
	s, e = x.trimZone(s, e)
	if strict && !hasTitle && !x.holdsKnownName(s, e) {
		// untitled names need one read before (张一率队赴青山县)
		return nil, false
	}
	if s >= e {
		return nil, false
	}
	text := x.text
	switch z := text[s:e]; z {
	case "他", "她":
		return []subject{{kind: subjPronoun, name: z, off: s}}, !strict
	case "会议", "大会", "会议上":
		return []subject{{kind: subjMeeting, name: "会议", off: s}}, !strict
	}
	if i := strings.LastIndex(text[s:e], "由"); i >= 0 && !strict {
		s += i + len("由")
	}
	if i := strings.Index(text[s:e], "等"); i >= 0 {
		// the names end at 等; what follows describes them as a group
		e = s + i
		if strict {
			return nil, false
		}
	}
	if isPhrase(text[s:e]) {
		return nil, false
	}
	var subs []subject
	var pending, inherit []string
	titled := false
	for _, it := range splitItems(text, s, e) {
		got, res := x.parseItem(it, strict)
		switch res {
		case itemFail:
			return nil, false
		case itemGeneric:
			pending, inherit = nil, nil
		case itemTitle:
			pending = append(pending, text[it.start:it.end])
		case itemSubjects:
			for k := range got {
				if got[k].kind != subjPerson {
					continue
				}
				own := len(got[k].titles) > 0
				got[k].titles = append(append([]string(nil), pending...), got[k].titles...)
				switch {
				case len(got[k].titles) == 0:
					// a name already read elsewhere vouches for the clause
					// as well as a title does (姚兵，石艳萍出席)
					titled = titled || got[k].titled || x.known[got[k].name]
					got[k].titles = append([]string(nil), inherit...)
				default:
					titled = titled || own || got[k].titled || len(pending) > 0
					inherit = nil
					all := true
					for _, t := range got[k].titles {
						all = all && isPluralTitle(t)
					}
					if all {
						inherit = got[k].titles
					}
				}
			}
			pending = nil
			subs = append(subs, got...)
		}
	}
	if len(subs) == 0 || strict && !titled {
		return nil, false
	}
	return subs, true
}

// holdsKnownName reports whether one of the items of [s, e) is a name
// already read: a clause of untitled names needs one to be read as names.
func (x *run) holdsKnownName(s, e int) bool {
	if len(x.known) == 0 {
		return false
	}
	for _, it := range splitItems(x.text, s, e) {
		if x.known[strings.TrimSpace(x.text[it.start:it.end])] {
			return true
		}
	}
	return false
}

// startsWithKnownName reports whether an item of [s, e) starts with a
// name already read, as an untitled subject does before what trimZone
// strips (张一率队赴青山县).
func (x *run) startsWithKnownName(s, e int) bool {
	if len(x.known) == 0 {
		return false
	}
	for _, it := range splitItems(x.text, s, e) {
		z := strings.TrimSpace(x.text[it.start:it.end])
		for i, k := 0, 0; i < len(z) && k < 4; k++ {
			_, w := utf8.DecodeRuneInString(z[i:])
			i += w
			if k >= 1 && x.known[z[:i]] {
				return true
			}
		}
	}
	return false
}

// splitItems cuts [s, e) at list commas and spaces.
func splitItems(text string, s, e int) []span {
	var out []span
	from := s
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(text[i:e])
		if r == '、' || r == ' ' || r == '\t' || r == '/' {
			if i > from {
				out = append(out, span{from, i})
			}
			from = i + n
		}
		i += n
	}
	if from < e {
		out = append(out, span{from, e})
	}
	return out
}

// parseItem parses one list item: a name, a title and a name, a title
// alone, divisions, names run together, or a group.
func (x *run) parseItem(it span, strict bool) ([]subject, itemResult) {
	text := x.text
	s, e := it.start, it.end
	if strings.HasSuffix(text[s:e], "同志") && e-s > len("同志")*2 && !hasSuffixAny(text[s:e-len("同志")], groupBeforeComrade) {
		// 李一同志; but 负责同志 and 领导同志 are groups
		e -= len("同志")
	}
	item := text[s:e]
	if x.isPersonName(item) {
		return []subject{{kind: subjPerson, name: item, off: s}}, itemSubjects
	}
	if sub, ok := x.titledName(s, e); ok {
		return []subject{sub}, itemSubjects
	}
	for _, st := range shortTitles {
		if name := strings.TrimSuffix(item, st); name != item && x.isPersonName(name) {
			sub := subject{kind: subjPerson, name: name, off: s, titled: true}
			if st != "同志" {
				sub.titles = []string{st}
			}
			return []subject{sub}, itemSubjects
		}
	}
	if isTitle(item) {
		return nil, itemTitle
	}
	if !strict {
		// 娄星区冷水江市, 娄底经开区主要负责人
		if parts, ok := x.divisions.segment(trimDivisionRole(item)); ok {
			subs := make([]subject, 0, len(parts))
			off := s
			for _, p := range parts {
				subs = append(subs, subject{kind: subjDivision, name: p, off: off})
				off += len(p)
			}
			return subs, itemSubjects
		}
	}
	if isGenericTitle(item) {
		return nil, itemGeneric
	}
	if strict {
		return nil, itemFail
	}
	if hasAnyPrefix(item, genericPrefixes) {
		// 各县市区, 全体党员: people in general
		return nil, itemGeneric
	}
	if parts, ok := splitRunTogether(item, x.known); ok {
		subs := make([]subject, 0, len(parts))
		off := s
		for _, p := range parts {
			if x.divisions.isDivision(p) {
				return nil, itemFail
			}
			subs = append(subs, subject{kind: subjPerson, name: p, off: off})
			off += len(p)
		}
		return subs, itemSubjects
	}
	if subs, ok := x.splitConjunction(s, e); ok {
		return subs, itemSubjects
	}
	if containsAny(item, genericWords) {
		return nil, itemGeneric
	}
	for _, o := range orgEnds {
		if strings.HasSuffix(item, o) && !isPhrase(item) {
			return nil, itemGeneric
		}
	}
	return nil, itemFail
}

// groupBeforeComrade end the words that make 同志 a group (负责同志).
var groupBeforeComrade = []string{"负责", "领导", "有关", "相关"}

// isPersonName reports whether s can be read as a bare name: a known name,
// or a name-shaped string that is not a division.
func (x *run) isPersonName(s string) bool {
	if x.known[s] {
		return true
	}
	return looksLikeName(s) && !x.divisions.isDivision(s)
}

// titledName splits an item into a title and the name after it (市长杨懿文).
// A known name wins; otherwise three-character names are tried before
// two- and four-character ones, since most names have three characters.
func (x *run) titledName(s, e int) (subject, bool) {
	text := x.text
	var cand []int // byte offsets where the name could start
	for i, k := e, 0; i > s && k < 4; k++ {
		_, n := utf8.DecodeLastRuneInString(text[s:i])
		i -= n
		if k >= 1 {
			cand = append(cand, i)
		}
	}
	// cand holds the starts of names of 2, 3 and 4 runes; the passes try
	// known names, then names of the usual shape, then the looser shape a
	// title allows (see looksLikeTitledName)
	order := []int{1, 0, 2}
	for pass := range 3 {
		for _, k := range order {
			if k >= len(cand) {
				continue
			}
			at := cand[k]
			name, title := text[at:e], text[s:at]
			if at == s {
				continue
			}
			switch pass {
			case 0:
				if !x.known[name] {
					continue
				}
			case 1:
				if !x.isPersonName(name) {
					continue
				}
			case 2:
				// only a post, not a group (负责同志), vouches for a name
				// of the looser shape
				if !isTitle(title) || !looksLikeTitledName(name) || x.divisions.isDivision(name) ||
					titleSuffix(name) != "" || containsAny(name, genericWords) {
					continue
				}
			}
			if !isTitle(title) && !isGenericTitle(title) {
				continue
			}
			sub := subject{kind: subjPerson, name: name, off: at, titled: true}
			if isTitle(title) {
				sub.titles = []string{title}
			}
			return sub, true
		}
	}
	return subject{}, false
}

// splitConjunction reads an item joined by 和, 及 or 与 (市委书记张三和市长
// 李四) as two items. Both halves must be persons, divisions or groups,
// one of them at least not a group: a division reports together with a
// department (青山县政府和县水利局) as often as with another division.
func (x *run) splitConjunction(s, e int) ([]subject, bool) {
	text := x.text
	if utf8.RuneCountInString(text[s:e]) > 30 {
		return nil, false
	}
	for _, c := range []string{"以及", "和", "及", "与", "同"} {
		i := strings.Index(text[s:e], c)
		if i <= 0 || s+i+len(c) >= e {
			continue
		}
		a, ra := x.parseItem(span{s, s + i}, false)
		b, rb := x.parseItem(span{s + i + len(c), e}, false)
		if ra == itemSubjects && (rb == itemSubjects || rb == itemGeneric) || ra == itemGeneric && rb == itemSubjects {
			return append(a, b...), true
		}
	}
	return nil, false
}

// postposedRole reads a clause that names the role before the people it
// applies to: 出席会议的有：…, 参加会议的市领导还有…
func postposedRole(clause string) (roleSet, bool) {
	z := strings.TrimSpace(clause)
	var role roleSet
	for _, v := range []struct {
		word string
		role roleSet
	}{{"出席", rAttended}, {"参加", rAttended}, {"列席", rAttended}} {
		if strings.HasPrefix(z, v.word) {
			role, z = v.role, z[len(v.word):]
			break
		}
	}
	if role == 0 || !strings.HasSuffix(z, "有") {
		return 0, false
	}
	z = strings.TrimSuffix(strings.TrimSuffix(z, "有"), "还")
	i := strings.Index(z, "的")
	if i < 0 || utf8.RuneCountInString(z) > 12 {
		return 0, false
	}
	return role, true
}
