package extract

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// meetingAcc gathers what the report says about one meeting.
type meetingAcc struct {
	mentions []mention
	key      string

	parts     map[string]*partAcc
	partOrder []string
	divs      map[string]*divAcc
	divOrder  []string
	dirs      []Directive
}

// mention is one place where the text names a meeting.
type mention struct {
	name span
	// text and orig, when set, are the name when it is not one span of
	// the text (市委常委会召开会议 names 市委常委会会议)
	text, orig string
	sentence   span
	// how the text names it: 'B' (…会议召开), 'A' (召开…会议), 'C'
	// (在…会议上), 'T' (an inspection tour, 到…调研)
	how     byte
	hasDiv  bool
	body    bool // in the body rather than a headline or caption
	kindRaw string
	// leader is who leads a tour ('T'): a leader's tours in one report
	// are one event, however the report words them
	leader string
}

// key returns what mentions of one meeting share.
func (m mention) key(x *run) string {
	if m.how == 'T' {
		return "\x00" + m.leader
	}
	return x.meetingKey(m.nameText(x.text))
}

type partAcc struct {
	name      string
	original  string
	off       int
	roles     roleSet
	evidRole  roleSet
	evidBody  bool
	evidence  span
	evidAt    span // the name in the evidence sentence
	positions []string
}

type divAcc struct {
	name, original string
	role           roleSet
	evidence       span
	evidAt         span // the name in the evidence sentence
}

// meetingHeads are the words before 会 that make it a meeting (座谈会,
// 推进会); 会议, 大会 and 全会 are meetings by themselves.
var meetingHeads = []string{
	"座谈", "推进", "调度", "部署", "汇报", "见面", "动员", "交流", "观摩", "现场", "专题", "协调",
	"恳谈", "务虚", "报告", "分析", "讲评", "联席", "视频", "工作", "学习", "例", "推介", "签约",
	"发布", "培训", "研讨", "论证", "评审", "对接", "总结", "表彰", "誓师", "启动", "约谈", "通报",
	"会商", "常务", "点评", "评议", "党课", "述职",
}

// notAfterMeeting are characters that, right after 会, show it is not a
// meeting (会同 "jointly", 会长 "chairman").
const notAfterMeeting = "同长员见计务所展址费标徽旗歌堂"

// terminalAt returns the end of the meeting word ending a name at byte i
// (会议, 大会, 座谈会 …), or -1.
func terminalAt(text string, i, end int) int {
	rest := text[i:end]
	switch {
	case strings.HasPrefix(rest, "会议"):
		return i + len("会议")
	case strings.HasPrefix(rest, "大会") || strings.HasPrefix(rest, "全会"):
		j := i + len("大会")
		if j < end && strings.ContainsRune(notAfterMeeting, firstRune(text[j:end])) {
			return -1
		}
		return j
	case strings.HasPrefix(rest, "会"):
		if strings.HasPrefix(rest, "会议") {
			return -1
		}
		j := i + len("会")
		if j < end && strings.ContainsRune(notAfterMeeting+"议", firstRune(text[j:end])) {
			return -1
		}
		for _, h := range meetingHeads {
			if strings.HasSuffix(text[:i], h) {
				return j
			}
		}
	}
	return -1
}

// meetingTriggers are the words right before a meeting name that tell how
// it is named; reference triggers (传达学习…会议精神) name a meeting held
// elsewhere.
// A word that also occurs inside names (学习 in 集体学习会, 于 in 关于) is
// not a trigger.
var meetingTriggers = sortLongestFirst([]string{
	"主持召开", "召开", "举行", "举办", "主持", "出席", "参加", "列席", "在",
	"传达学习", "传达", "学习贯彻", "贯彻落实",
})

var referenceTriggers = map[string]bool{"传达学习": true, "传达": true, "学习贯彻": true, "贯彻落实": true}

// convened are the words after a name that say the meeting took place.
var convened = []string{"召开", "举行", "举办", "开幕", "闭幕", "胜利召开", "隆重召开", "隆重举行"}

// leaderTitles mark a national leader when they follow a name
// (习近平总书记): a leader is quoted or studied, never a participant, and a
// meeting they spoke at is not the report's meeting. 主席 alone is not
// one: reports also write a local chairman so (郑玉兰主席).
var leaderTitles = []string{"总书记", "国家主席", "总理", "委员长"}

// maxMeetingName bounds a meeting name in runes.
const maxMeetingName = 60

// findMeetings finds the meetings the report describes, merging the
// mentions of each.
func (x *run) findMeetings() {
	var ms []mention
	for i := range x.lines {
		l := &x.lines[i]
		for _, s := range l.sentences {
			if x.stopped() {
				return
			}
			ms = x.mentionsIn(ms, s, l.kind == lineBody)
		}
	}
	ms = x.addTours(ms)
	byKey := map[string]*meetingAcc{}
	for _, m := range ms {
		k := m.key(x)
		acc := byKey[k]
		if acc == nil {
			// a name that contains another (or is contained) is the same
			// meeting; only the latest meetings are compared, which keeps
			// a long input linear
			for i := len(x.meetings) - 1; i >= 0 && i >= len(x.meetings)-maxMeetingCompare; i-- {
				if sameMeeting(x.meetings[i].key, k) {
					acc = x.meetings[i]
					break
				}
			}
		}
		if acc == nil {
			acc = &meetingAcc{key: k, parts: map[string]*partAcc{}, divs: map[string]*divAcc{}}
			x.meetings = append(x.meetings, acc)
		}
		if len(k) > len(acc.key) {
			acc.key = k
		}
		byKey[k] = acc
		acc.mentions = append(acc.mentions, m)
	}
	x.indexMentions()
}

// maxMeetingCompare is how many earlier meetings a new name is compared
// with.
const maxMeetingCompare = 16

// maxQualifier is the longest qualifier, in runes, that one naming of a
// meeting inserts and another leaves out.
const maxQualifier = 4

// sameMeeting reports whether two meeting keys name one meeting: the
// same, one inside the other, or one with a short qualifier inserted
// before the meeting word (高标准农田建设推进会 and 高标准农田建设现场推进会,
// as a headline shortens the body's name).
func sameMeeting(a, b string) bool {
	if a == b {
		return true
	}
	if utf8.RuneCountInString(a) < 4 || utf8.RuneCountInString(b) < 4 {
		return false
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	p := 0
	for p < len(ra) && ra[p] == rb[p] {
		p++
	}
	q := 0
	for q < len(ra)-p && ra[len(ra)-1-q] == rb[len(rb)-1-q] {
		q++
	}
	return p+q == len(ra) && p >= 2 && q >= 2 && len(rb)-len(ra) <= maxQualifier &&
		strings.ContainsRune(string(ra[p:]), '会')
}

// meetingKey is a name without the division or the 全市 it starts with,
// so that 全市…会议 and 娄底市…会议 are one meeting, and without brackets
// (市委常委会（扩大）会议 and 市委常委会扩大会议).
func (x *run) meetingKey(name string) string {
	name = stripBrackets(name)
	for _, p := range []string{"全市", "全县", "全区", "全省", "全州", "全旗", "全镇", "全乡", "全盟"} {
		if strings.HasPrefix(name, p) {
			return name[len(p):]
		}
	}
	if d, rest, ok := x.divisions.prefix(name); ok && rest != "" {
		// 娄底市委常委会会议: the organization stays, the division goes
		if strings.HasPrefix(rest, "委") || strings.HasPrefix(rest, "政府") || strings.HasPrefix(rest, "人大") || strings.HasPrefix(rest, "政协") {
			return string(lastRune(d)) + rest
		}
		return rest
	}
	return name
}

// stripBrackets removes the brackets from s.
func stripBrackets(s string) string {
	if !strings.ContainsAny(s, "()（）") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("()（）", r) {
			return -1
		}
		return r
	}, s)
}

// mentionsIn appends the meeting mentions of sentence s.
func (x *run) mentionsIn(ms []mention, s span, body bool) []mention {
	text := x.text
	// every meeting word holds 会: jump from one to the next
	for i := s.start; i < s.end; {
		j := strings.Index(text[i:s.end], "会")
		if j < 0 {
			break
		}
		at := i + j
		i = at + len("会")
		q := -1
		for _, back := range []int{0, len("大")} {
			if at-back >= s.start {
				if q = terminalAt(text, at-back, s.end); q >= 0 {
					break
				}
			}
		}
		if q < 0 {
			continue
		}
		if m, ok := x.mentionEndingAt(s, q); ok {
			m.body = body
			ms = append(ms, m)
		}
		i = max(i, q)
	}
	return ms
}

// mentionEndingAt reads the meeting name that ends at q, if the words
// around it say that this meeting is the one reported.
func (x *run) mentionEndingAt(s span, q int) (mention, bool) {
	text := x.text
	start, trig := s.start, ""
	for i, k := q, 0; i > s.start && k < maxMeetingName; k++ {
		r, n := utf8.DecodeLastRuneInString(text[s.start:i])
		if strings.ContainsRune("，,；;：:。、!！?？\n", r) {
			start = i
			break
		}
		found := false
		for _, t := range meetingTriggers {
			if strings.HasSuffix(text[s.start:i], t) && i < q {
				start, trig, found = i, t, true
				break
			}
		}
		if found {
			break
		}
		i -= n
		start = i
	}
	if referenceTriggers[trig] {
		return mention{}, false
	}
	right := text[q:s.end]
	m := mention{sentence: s}
	switch trig {
	case "主持召开", "召开", "举行", "举办", "主持", "出席", "参加", "列席":
		m.how = 'A'
	case "在":
		if strings.HasPrefix(right, "上的") || strings.HasPrefix(right, "上作的") || strings.HasPrefix(right, "上发表的") {
			return mention{}, false
		}
		switch {
		case strings.HasPrefix(right, "上") || strings.HasPrefix(right, "中") || strings.HasPrefix(right, "期间"):
			m.how = 'C'
		case convenedAfter(right):
			m.how = 'B'
		default:
			return mention{}, false
		}
		subj := strings.TrimSpace(text[s.start : start-len(trig)])
		if containsSuffix(subj, leaderTitles) || x.isMentionedSuffix(subj) {
			return mention{}, false
		}
	case "":
		if !convenedAfter(right) {
			return mention{}, false
		}
		m.how = 'B'
	default:
		return mention{}, false
	}
	start = x.trimMeetingStart(start, q)
	name := text[start:q]
	if strings.HasPrefix(right, "精神") || strings.HasPrefix(right, "的精神") {
		return mention{}, false
	}
	m.name = span{start, q}
	if org, ok := x.conveningOrg(s, start, trig); ok && !hasAnyPrefix(name, anaphoric) && !x.namesItsBody(name) {
		// 市委常委会召开会议, 市委理论学习中心组举行集体学习会: the
		// body that met names the meeting
		m.text = text[org.start:org.end] + name
		m.orig = x.plain(org.start, org.end) + x.plain(start, q)
		name = m.text
	}
	if !validMeetingName(name) {
		return mention{}, false
	}
	if _, rest, ok := x.divisions.prefix(name); ok && rest != "" {
		m.hasDiv = true
	}
	return m, true
}

// conveningOrgs end the name of a body that holds meetings.
var conveningOrgs = []string{"常委会", "常务会", "党组", "党委", "领导小组", "指挥部", "委员会", "中心组", "政府", "政协", "市委", "县委", "区委", "省委", "州委", "旗委", "党工委", "管委会"}

// conveningOrg returns the body before 召开 in "市委常委会召开会议".
func (x *run) conveningOrg(s span, start int, trig string) (span, bool) {
	if trig != "召开" && trig != "举行" {
		return span{}, false
	}
	end := start - len(trig)
	from := end
	for from > s.start {
		r, n := utf8.DecodeLastRuneInString(x.text[s.start:from])
		if strings.ContainsRune("，,；;：:。、 ", r) {
			break
		}
		from -= n
	}
	from = x.trimMeetingStart(from, end)
	org := x.text[from:end]
	if !containsSuffix(org, conveningOrgs) || utf8.RuneCountInString(org) > 20 || isPhrase(org) {
		return span{}, false
	}
	return span{from, end}, true
}

// namesItsBody reports whether a meeting name starts with the body or the
// place that holds it (市委…, 全市…, 娄底市…).
func (x *run) namesItsBody(name string) bool {
	if strings.ContainsRune(levels+"全中", firstRune(name)) {
		return true
	}
	_, rest, ok := x.divisions.prefix(name)
	return ok && rest != ""
}

// convenedAfter reports whether right, the text after a meeting name,
// says the meeting took place: 召开, or 在…召开.
func convenedAfter(right string) bool {
	if hasAnyPrefix(right, convened) {
		return true
	}
	if strings.HasPrefix(right, "在") || strings.HasPrefix(right, "于") {
		end := strings.IndexAny(right, "，,。；;")
		if end < 0 {
			end = len(right)
		}
		if end > 120 {
			end = 120
			for end > 0 && !utf8.RuneStart(right[end]) {
				end--
			}
		}
		return containsAny(right[:end], convened)
	}
	return false
}

func containsSuffix(s string, sufs []string) bool {
	for _, w := range sufs {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// isMentionedSuffix reports whether s ends with the name of a person who
// is only mentioned.
func (x *run) isMentionedSuffix(s string) bool {
	for n := range x.mentioned {
		if strings.HasSuffix(s, n) {
			return true
		}
	}
	return false
}

// trimMeetingStart skips a date, a time of day and filler words at the
// start of a meeting name.
func (x *run) trimMeetingStart(start, q int) int {
	text := x.text
	for changed := true; changed && start < q; {
		changed = false
		if d, ok := parseDateAt(text[:q], start); ok {
			start = d.end
			changed = true
		}
		for _, w := range []string{" ", "了", "一次", "上午", "下午", "晚上", "当天", "今天", "昨天", "近日", "日前", "“", "\""} {
			if strings.HasPrefix(text[start:q], w) {
				start += len(w)
				changed = true
			}
		}
	}
	return start
}

// anaphoric starts name a meeting already named (本次会议) or meetings in
// general (各类会议).
var anaphoric = []string{"本次", "此次", "这次", "该", "上述", "各类", "各种", "有关", "相关", "此", "本", "这", "那", "一次", "每次", "历次", "有些"}

func validMeetingName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 4 || n > maxMeetingName || hasAnyPrefix(name, anaphoric) {
		return false
	}
	return !strings.ContainsAny(name, "，,。；;")
}

// tourVerbs name an inspection tour, reported like a meeting.
var tourVerbs = map[string]bool{"调研": true, "视察": true, "督导": true, "督查": true, "检查": true, "考察": true}

// noteTour records an inspection tour (刘非到新化县调研防汛工作): a
// person's statement with a tour verb and what the tour is about. The tour
// is named by its verb phrase, as the genre names it (调研防汛工作).
func (x *run) noteTour(st statement, s, c span, body bool) {
	var leader string
	for _, sub := range st.subjects {
		if sub.kind == subjPerson && !x.skipNames[sub.name] && x.mentioned[sub.name] == nil {
			leader = sub.name
			break
		}
	}
	if leader == "" || utf8.RuneCountInString(strings.TrimSpace(x.text[st.verbEnd:c.end])) < 2 {
		// 一同调研: joining someone else's tour
		return
	}
	start := st.verbEnd - len(st.verb.word)
	x.tours = append(x.tours, mention{name: span{start, c.end}, sentence: s, how: 'T', kindRaw: st.verb.word, body: body, leader: leader})
}

// addTours adds the tours to the meeting mentions ms, in text order. A
// report without a meeting may be about a tour alone, named in its
// headline. In a report with meetings a tour is an event of its own only
// where the body dates it (7月5日，张一到青山县调研…; 当天下午，张一赴…):
// an undated one (会前，张一一行考察了…) is part of a meeting's programme.
func (x *run) addTours(ms []mention) []mention {
	if len(x.tours) == 0 {
		return ms
	}
	var dated map[string]bool // leaders of a tour the body dates
	if len(ms) > 0 {
		dated = map[string]bool{}
		for _, t := range x.tours {
			if t.body && !dated[t.leader] {
				_, ok := x.firstDate(t.sentence)
				dated[t.leader] = ok || containsAny(x.text[t.sentence.start:t.sentence.end], tourTimeWords)
			}
		}
	}
	n := len(ms)
	for _, t := range x.tours {
		if dated == nil || dated[t.leader] {
			ms = append(ms, t)
		}
	}
	if len(ms) > n {
		sort.SliceStable(ms, func(i, j int) bool {
			a, b := ms[i], ms[j]
			return a.sentence.start < b.sentence.start || a.sentence.start == b.sentence.start && a.name.start < b.name.start
		})
	}
	return ms
}

// tourTimeWords date a tour by the day of the report's meeting.
var tourTimeWords = append([]string{"上午", "下午", "晚上", "次日", "第二天"}, sameDayWords...)

// meetingKinds map the end of a name to its kind, most specific first.
var meetingKinds = []struct{ word, kind string }{
	{"常委会会议", "常委会会议"}, {"常委会议", "常委会会议"}, {"常委会", "常委会会议"},
	{"常务会议", "常务会议"}, {"常务会", "常务会议"},
	{"部署会", "部署会议"}, {"部署大会", "部署会议"}, {"推进会", "推进会"}, {"调度会", "调度会"},
	{"座谈会", "座谈会"}, {"专题会", "专题会议"}, {"全体会议", "全体会议"}, {"全会", "全体会议"},
	{"电视电话会议", "电视电话会议"}, {"视频会议", "电视电话会议"}, {"视频会", "电视电话会议"},
	{"联席会议", "联席会议"}, {"学习会", "学习会"}, {"中心组", "学习会"}, {"汇报会", "汇报会"},
	{"现场会", "现场会"}, {"动员大会", "动员大会"}, {"大会", "大会"}, {"工作会", "工作会议"},
}

// meetingKind returns the kind of meeting a name denotes.
func meetingKind(name string) string {
	for _, k := range meetingKinds {
		if strings.Contains(name, k.word) {
			return k.kind
		}
	}
	return "会议"
}

// meetingFor returns the meeting that clause c of sentence s belongs to:
// the meeting the clause names (张一主持召开…座谈会), the tour when it
// speaks of touring (参加调研, 陪同视察), else the meeting of the
// sentence (see meetingAt).
func (x *run) meetingFor(s, c span) *meetingAcc {
	for _, mr := range x.mentionsAt[s.start] {
		if mr.name.start >= c.start && mr.name.end <= c.end {
			return mr.m
		}
	}
	if len(x.tourStarts) > 0 && len(x.meetings) > 1 && x.holdsTourVerb(c) {
		// the last tour told of before the sentence, else the first
		i := sort.Search(len(x.tourStarts), func(i int) bool { return x.tourStarts[i].off > s.start })
		return x.tourStarts[max(i-1, 0)].m
	}
	return x.meetingAt(s.start)
}

// mentionRef is where a meeting is named, for meetingFor.
type mentionRef struct {
	name span
	m    *meetingAcc
}

// meetingAt returns the meeting a sentence at offset off belongs to: the
// one last named in the body before it, else the first. With no meeting
// found, everything goes to one unnamed meeting.
func (x *run) meetingAt(off int) *meetingAcc {
	if len(x.meetings) == 0 {
		acc := &meetingAcc{parts: map[string]*partAcc{}, divs: map[string]*divAcc{}}
		x.meetings = append(x.meetings, acc)
		return acc
	}
	if len(x.meetings) == 1 || len(x.bodyMentions) == 0 || off < x.bodyMentions[0].off {
		return x.meetings[0]
	}
	i := sort.Search(len(x.bodyMentions), func(i int) bool { return x.bodyMentions[i].off > off })
	return x.bodyMentions[i-1].m
}

// bodyMention is where the body names a meeting; meetingAt searches them.
type bodyMention struct {
	off int
	m   *meetingAcc
}

// indexMentions sorts the body mentions for meetingAt. A sentence that
// names two meetings (张一到青山县调研…，并主持召开…座谈会) announces
// them in the order the report then tells of them: it counts for the
// first only, and the second takes over where the body names it again.
func (x *run) indexMentions() {
	type at struct {
		name int
		m    *meetingAcc
	}
	first := map[int]at{} // sentence start → the meeting named first in it
	for _, m := range x.meetings {
		for _, mm := range m.mentions {
			if !mm.body {
				continue
			}
			if f, ok := first[mm.sentence.start]; !ok || mm.name.start < f.name {
				first[mm.sentence.start] = at{mm.name.start, m}
			}
		}
	}
	x.bodyMentions = x.bodyMentions[:0]
	for off, f := range first {
		x.bodyMentions = append(x.bodyMentions, bodyMention{off, f.m})
	}
	sort.Slice(x.bodyMentions, func(i, j int) bool { return x.bodyMentions[i].off < x.bodyMentions[j].off })

	x.mentionsAt = map[int][]mentionRef{}
	x.tourStarts = x.tourStarts[:0]
	for _, m := range x.meetings {
		for _, mm := range m.mentions {
			x.mentionsAt[mm.sentence.start] = append(x.mentionsAt[mm.sentence.start], mentionRef{mm.name, m})
		}
		if len(m.mentions) > 0 && m.mentions[0].how == 'T' {
			x.tourStarts = append(x.tourStarts, bodyMention{m.mentions[0].sentence.start, m})
		}
	}
	sort.Slice(x.tourStarts, func(i, j int) bool { return x.tourStarts[i].off < x.tourStarts[j].off })
}

// dateExpr is a date written in the text.
type dateExpr struct {
	start, end       int
	year, month, day int
}

// parseDateAt reads a date written with digits at byte i: 2020年2月26日,
// 2月26日, 2020年2月; a time of day after it belongs to it.
func parseDateAt(text string, i int) (dateExpr, bool) {
	d := dateExpr{start: i}
	num := func(j int) (int, int) {
		v, k := 0, j
		for k < len(text) && k-j < 4 && text[k] >= '0' && text[k] <= '9' {
			v = v*10 + int(text[k]-'0')
			k++
		}
		return v, k
	}
	v, j := num(i)
	if j == i {
		return d, false
	}
	if j-i <= 2 && (strings.HasPrefix(text[j:], "日") || strings.HasPrefix(text[j:], "号")) {
		// 26日上午: the day alone, the month is the publication's
		if i >= len("月") && strings.HasSuffix(text[:i], "月") || v < 1 || v > 31 {
			return d, false
		}
		d.day = v
		j += len("日")
		d.end = skipTimeOfDay(text, j)
		return d, true
	}
	if j-i == 4 && strings.HasPrefix(text[j:], "年") {
		d.year = v
		k := j + len("年")
		mv, mk := num(k)
		if mk == k || mk-k > 2 {
			return d, false
		}
		v, j = mv, mk
	} else if j-i > 2 {
		return d, false
	}
	if !strings.HasPrefix(text[j:], "月") || v < 1 || v > 12 {
		return d, false
	}
	d.month = v
	j += len("月")
	if dv, k := num(j); k > j && k-j <= 2 && (strings.HasPrefix(text[k:], "日") || strings.HasPrefix(text[k:], "号")) && dv >= 1 && dv <= 31 {
		d.day = dv
		j = k + len("日")
	} else if d.year == 0 {
		return d, false
	}
	d.end = skipTimeOfDay(text, j)
	return d, true
}

// skipTimeOfDay skips 上午, 下午 … at j.
func skipTimeOfDay(text string, j int) int {
	for _, w := range []string{"上午", "下午", "晚上", "晚间", "早上", "中午", "凌晨", "傍晚", "晚"} {
		if strings.HasPrefix(text[j:], w) {
			return j + len(w)
		}
	}
	return j
}

// firstDate returns the first date written in s.
func (x *run) firstDate(s span) (dateExpr, bool) {
	text := x.text
	for i := s.start; i < s.end; i++ {
		if text[i] < '0' || text[i] > '9' || i > s.start && text[i-1] >= '0' && text[i-1] <= '9' {
			continue
		}
		if d, ok := parseDateAt(text[:s.end], i); ok {
			return d, true
		}
	}
	return dateExpr{}, false
}

// meetingDate finds the date of a meeting: the first date in a sentence
// that names it (those that say it took place first) or, for the first
// meeting, in the opening lines of the report.
func (x *run) meetingDate(m *meetingAcc, first bool) (dateExpr, bool) {
	for _, how := range []byte{'B', 'A', 'C', 'T'} {
		for _, mm := range m.mentions {
			if mm.how == how {
				if d, ok := x.firstDate(mm.sentence); ok {
					return d, true
				}
			}
		}
	}
	// 当天下午，…召开…会议: the day last named
	for _, mm := range m.mentions {
		if mm.body && containsAny(x.text[mm.sentence.start:mm.sentence.end], sameDayWords) {
			if d, ok := x.lastDateBefore(mm.sentence.start); ok {
				return d, true
			}
		}
	}
	if !first {
		return dateExpr{}, false
	}
	paras := 0
	for _, l := range x.lines {
		if l.kind == lineBody {
			paras++
		}
		if paras > 1 {
			break
		}
		for _, s := range l.sentences {
			if d, ok := x.firstDate(s); ok {
				return d, true
			}
		}
	}
	return dateExpr{}, false
}

// sameDayWords refer to the day last named.
var sameDayWords = []string{"当天", "当日", "同日", "同一天"}

// maxDateLookBack bounds, in bytes, how far back lastDateBefore looks.
const maxDateLookBack = 4000

// lastDateBefore returns the last date written in the body before off,
// within maxDateLookBack bytes.
func (x *run) lastDateBefore(off int) (dateExpr, bool) {
	from := max(0, off-maxDateLookBack)
	for from < off && !utf8.RuneStart(x.text[from]) {
		from++
	}
	var last dateExpr
	found := false
	for at := from; at < off; {
		d, ok := x.firstDate(span{at, off})
		if !ok {
			break
		}
		last, found = d, true
		at = d.end
	}
	return last, found
}

// formatDate writes d with the precision the text supports. The year comes
// from the text or from the publication date; a month and day that would
// fall after the publication date belong to the year before, since a
// report follows its meeting. Without either, the date is --MM-DD.
func (x *run) formatDate(d dateExpr) (string, bool) {
	if d.month == 0 {
		return x.dayOnly(d)
	}
	year := d.year
	if year == 0 {
		pub, err := time.Parse("2006-01-02", x.meta.PublishedAt)
		if err != nil {
			x.warn(WarnNoYear, d.start, "the date %d月%d日 has no year and the report has no publication date", d.month, d.day)
			if d.day == 0 {
				return "", false
			}
			return fmt.Sprintf("--%02d-%02d", d.month, d.day), true
		}
		year = pub.Year()
		if d.month > int(pub.Month()) || d.month == int(pub.Month()) && d.day > pub.Day() {
			year--
			x.warn(WarnYearBefore, d.start, "the date %d月%d日 falls after the publication date %s; the year before is used", d.month, d.day, x.meta.PublishedAt)
		}
	}
	if d.day == 0 {
		return fmt.Sprintf("%04d-%02d", year, d.month), true
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, d.month, d.day), true
}

// dayOnly dates a day written without its month (26日上午) by the
// publication date: the day in the month of publication, or in the month
// before when it is later than the day of publication.
func (x *run) dayOnly(d dateExpr) (string, bool) {
	pub, err := time.Parse("2006-01-02", x.meta.PublishedAt)
	if err != nil {
		return "", false
	}
	t := time.Date(pub.Year(), pub.Month(), d.day, 0, 0, 0, 0, time.UTC)
	if d.day > pub.Day() {
		t = time.Date(pub.Year(), pub.Month()-1, d.day, 0, 0, 0, 0, time.UTC)
	}
	if t.Day() != d.day {
		return "", false // 31日 in a 30-day month
	}
	return t.Format("2006-01-02"), true
}

// nameText returns the canonical name of a mention.
func (m mention) nameText(text string) string {
	if m.text != "" {
		return m.text
	}
	return text[m.name.start:m.name.end]
}
