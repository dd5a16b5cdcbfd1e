package extract

import (
	"strings"
	"unicode/utf8"
)

// issuer is who the directives being read are attributed to.
type issuer struct {
	name, original string
	off            int  // where the name was read
	ok             bool // false: nobody, or a quoted leader
}

// item is a directive being read: a numbered or themed item grows over
// the sentences that follow it until the next item starts.
type item struct {
	start, end int
	sentence   span
	ordinal    int
	theme      string
}

// dirState is the reading state of the directive pass.
type dirState struct {
	cur, last issuer
	open      *item
	expect    int // the ordinal the next numbered item must have
	themes    int
	// lead is the last directive emitted, while it is an unnumbered one
	// that a numbered list may turn out to follow (see dropLead)
	lead struct {
		m *meetingAcc
		n int // len(m.dirs) just after it
	}
}

// readDirectives reads the directives of the body. A speaker is named by
// a statement such as 刘非强调 or 会议要求 (or 他强调, which refers to the
// last speaker); what follows in the paragraph, and in the paragraphs
// that continue it (starting with a numbered item, a themed item or 要),
// is theirs. The granularity is one directive per numbered item (一是…,
// 第一，…, （一）…), per themed item (在…上，要…), and otherwise per
// sentence that says what must be done (要, 必须, 务必, 应当).
func (x *run) readDirectives() {
	var st dirState
	for i := range x.lines {
		l := &x.lines[i]
		if l.kind != lineBody {
			continue
		}
		for k, s := range l.sentences {
			if x.stopped() {
				return
			}
			content, requireModal := s.start, true
			in, ok := x.introIn(s, x.clausesOf(l, k))
			if ok && in.named {
				// 市长钱五出席会议: not a speaker yet, but 他 may refer to him
				st.last, ok = in.who, false
			}
			var actor issuer
			if !ok {
				actor, _ = x.actorIn(x.clausesOf(l, k))
				in, ok = x.midIntro(x.clausesOf(l, k), actor)
			}
			if ok {
				x.closeItem(&st)
				st.expect, st.themes = 1, 0
				st.lead.m = nil
				st.cur = in.who
				if in.pronoun {
					st.cur = st.last
				}
				if st.cur.ok && st.cur.name != "会议" {
					st.last = st.cur
				}
				content = in.content
				requireModal = !in.demands
				if cs := x.clauses(span{content, s.end}, false); len(cs) > 0 && x.quotesLeader(cs[0]) {
					// 他指出，习近平总书记强调，…: the rest is quoted
					content = s.end
				}
			} else if k == 0 && !x.continuesSpeech(s) {
				x.closeItem(&st)
				st.cur.ok = false
			}
			if !ok && actor.ok {
				// 在青山县，张一察看了…。他强调: 他 is the one who acted
				st.last = actor
			}
			if !st.cur.ok {
				continue
			}
			x.readUnits(&st, s, span{content, s.end}, requireModal)
		}
		x.closeItem(&st)
	}
}

// intro is a sentence opening that names a speaker.
type intro struct {
	who     issuer
	content int  // where what was said starts
	demands bool // the verb itself demands (要求): what follows is a directive
	pronoun bool // 他强调: the speaker is the last one named
	named   bool // a person named without speaking (出席会议): only who is set
}

// introIn reads the speaker statement that opens sentence s, if any; a
// short opening clause (会上，调研中，) may come first.
func (x *run) introIn(s span, cs []span) (intro, bool) {
	for k, c := range cs {
		if k > 1 {
			break
		}
		z := strings.TrimSpace(x.text[c.start:c.end])
		if k == 0 && len(cs) > 1 && isLeadClause(z) {
			continue
		}
		if x.quotesLeader(c) {
			return intro{content: s.end}, true
		}
		stm, ok := x.statementIn(c)
		if !ok || len(stm.subjects) != 1 {
			return intro{}, false
		}
		if stm.roles&rSpoke == 0 {
			sub := stm.subjects[0]
			if sub.kind != subjPerson || x.mentioned[sub.name] != nil || accompanies(stm, z) {
				return intro{}, false
			}
			return intro{named: true, who: issuer{name: sub.name, original: x.plain(sub.off, sub.off+len(sub.name)), off: sub.off, ok: true}}, true
		}
		sub := stm.subjects[0]
		in := intro{content: s.end}
		if stm.verb.speech {
			in.content = skipPunct(x.text, stm.verbEnd, s.end)
			in.demands = demandVerbs[stm.verb.word]
			if strings.HasPrefix(x.text[stm.verbEnd:s.end], "了") {
				// 会议明确了工作重点: a verb with its object, not speech
				in.content = s.end
			}
		}
		switch sub.kind {
		case subjPerson:
			if x.mentioned[sub.name] != nil {
				return in, true
			}
			in.who = issuer{name: sub.name, original: x.plain(sub.off, sub.off+len(sub.name)), off: sub.off, ok: true}
		case subjPronoun:
			in.pronoun = true
		case subjMeeting:
			in.who = issuer{name: "会议", original: x.plain(sub.off, sub.off+len("会议")), off: sub.off, ok: true}
		default:
			return intro{}, false
		}
		return in, true
	}
	return intro{}, false
}

// sceneEnds close a short clause that sets the scene (调研中, 座谈时).
var sceneEnds = []string{"中", "时", "期间", "上", "后"}

// isLeadClause reports whether z, the first clause of a sentence, only
// sets the scene for what follows: 会上, 随后, 调研中, 座谈时.
func isLeadClause(z string) bool {
	n := utf8.RuneCountInString(z)
	if hasAnyPrefix(z, leadWords) && n <= 4 {
		return true
	}
	if strings.ContainsAny(z, "，,、") {
		return false
	}
	if n <= 6 && hasSuffixAny(z, sceneEnds) {
		return true
	}
	// 在龟山风景区: where the speaker stood
	if strings.HasPrefix(z, "在") && n <= 20 {
		for i := 0; i < len(z); {
			if _, ok := verbAt(z, i); ok {
				return false
			}
			_, w := utf8.DecodeRuneInString(z[i:])
			i += w
		}
		return true
	}
	return false
}

// accompanyWords mark the officials who only go along with the one who
// leads: the pronoun that follows never refers to them.
var accompanyWords = []string{"陪同", "一同", "随同", "一起"}

// accompanies reports whether statement st, read in clause z, is of
// officials going along (县长李一陪同, 副县长王二一同检查).
func accompanies(st statement, z string) bool {
	return st.verb.word == "陪同" || containsAny(z, accompanyWords)
}

// actorIn returns the person that a clause of a sentence opens with, when
// the sentence is no role statement: 在青山县，张一察看了… names 张一 as
// the one acting, whom a later 他 refers to. Only a known name counts,
// alone or after its titles, and one that heads a list (张一、李二) does
// not.
func (x *run) actorIn(cs []span) (issuer, bool) {
	if len(x.known) == 0 {
		return issuer{}, false
	}
	for k, c := range cs {
		if k > 2 {
			break
		}
		z := x.text[c.start:c.end]
		at, name := x.knownNameIn(z)
		if at < 0 || x.mentioned[name] != nil || x.skipNames[name] {
			continue
		}
		if lead := strings.TrimSpace(z[:at]); lead != "" {
			ok := true
			for _, t := range strings.Split(lead, "、") {
				ok = ok && isTitle(t)
			}
			if !ok {
				continue
			}
		}
		rest := z[at+len(name):]
		if r := firstRune(rest); rest == "" || r == '、' || !isHan(r) {
			continue
		}
		off := c.start + at
		return issuer{name: name, original: x.plain(off, off+len(name)), off: off, ok: true}, true
	}
	return issuer{}, false
}

// maxActorLead bounds, in runes, the titles an actor's name may follow.
const maxActorLead = 24

// knownNameIn returns the first known name in the first maxActorLead
// runes of z, the longest at a position, and its byte offset; -1 if none.
func (x *run) knownNameIn(z string) (int, string) {
	if x.knownFirst == nil {
		// the names are all known by now: mark their first runes once
		x.knownFirst = new(runeBitmap)
		for n := range x.known {
			x.knownFirst.add(firstRune(n))
		}
	}
	for i, k := 0, 0; i < len(z) && k < maxActorLead; k++ {
		r, w := utf8.DecodeRuneInString(z[i:])
		if !x.knownFirst.has(r) {
			i += w
			continue
		}
		for _, l := range []int{4, 3, 2} {
			j, n := i, 0
			for n < l && j < len(z) {
				_, w := utf8.DecodeRuneInString(z[j:])
				j += w
				n++
			}
			if n == l && x.known[z[i:j]] {
				return i, z[i:j]
			}
		}
		i += w
	}
	return -1, ""
}

// quotesLeader reports whether clause c quotes a national leader
// (习近平总书记强调): what follows is theirs, not the meeting's.
func (x *run) quotesLeader(c span) bool {
	z := x.text[c.start:c.end]
	for _, t := range leaderTitles {
		i := strings.Index(z, t)
		if i < 0 || i > 40 {
			continue
		}
		for j := i + len(t); j < len(z); {
			if v, ok := verbAt(z, j); ok && v.speech {
				return true
			}
			_, n := utf8.DecodeRuneInString(z[j:])
			j += n
		}
	}
	return false
}

// continuationStarts open a paragraph that goes on with the last
// speaker's directives.
var continuationStarts = []string{"要", "必须", "务必", "同时", "此外", "另外", "还要", "更要", "尤其要", "特别是要"}

// continuesSpeech reports whether a paragraph starting with sentence s
// goes on with the speaker of the paragraph before.
func (x *run) continuesSpeech(s span) bool {
	i := skipSpaces(x.text, s.start, s.end)
	if hasAnyPrefix(x.text[i:s.end], continuationStarts) {
		return true
	}
	if _, ok := x.markAt(i, s.end); ok {
		return true
	}
	_, ok := x.themeAt(span{i, s.end})
	return ok
}

// readUnits reads the directives in the part c of sentence s: the text
// before the first item marker is a directive of its own (or goes on with
// the open item), and each numbered or themed item opens a new one.
func (x *run) readUnits(st *dirState, s, c span, requireModal bool) {
	c.start = skipPunct(x.text, c.start, c.end)
	if c.start >= c.end {
		return
	}
	cuts := x.cutsIn(c, &st.expect)
	leadEnd := c.end
	if len(cuts) > 0 {
		leadEnd = cuts[0].pos
	}
	if lead := (span{c.start, leadEnd}); lead.end > lead.start {
		if st.open != nil {
			st.open.end = lead.end
		} else {
			for k, p := range x.modalPieces(lead) {
				if k > 0 || !requireModal || hasModal(x.text[p.start:p.end]) {
					x.emit(st, item{start: p.start, end: p.end, sentence: s})
				}
			}
		}
	}
	for k, m := range cuts {
		x.closeItem(st)
		if m.ordinal == 1 && m.theme == "" {
			x.dropLead(st)
		}
		end := c.end
		if k+1 < len(cuts) {
			end = cuts[k+1].pos
		}
		it := item{start: m.text, end: end, sentence: s, ordinal: m.ordinal, theme: m.theme}
		if m.theme != "" {
			st.themes++
			it.ordinal = st.themes
		}
		st.open = &it
	}
}

// cutsIn returns the starts of the items in c, in order: numbered items at
// clause starts, and themed items (在…上，要…) at the start of c or after a
// semicolon.
func (x *run) cutsIn(c span, expect *int) []mark {
	marks := x.marksIn(c, expect)
	text := x.text
	var themes []mark
	for at := c.start; at < c.end; {
		if theme, ok := x.themeAt(span{at, c.end}); ok {
			themes = append(themes, mark{pos: at, text: at, theme: theme})
		}
		i := strings.IndexAny(text[at:c.end], "；;")
		if i < 0 {
			break
		}
		at = skipSpaces(text, at+i+len(string(firstRune(text[at+i:]))), c.end)
	}
	if len(themes) == 0 {
		return marks
	}
	out := make([]mark, 0, len(marks)+len(themes))
	i, j := 0, 0
	for i < len(marks) || j < len(themes) {
		switch {
		case j == len(themes) || i < len(marks) && marks[i].pos < themes[j].pos:
			out = append(out, marks[i])
			i++
		case i < len(marks) && marks[i].pos == themes[j].pos:
			out = append(out, marks[i])
			i++
			j++
		default:
			out = append(out, themes[j])
			j++
		}
	}
	return out
}

// modalPieces cuts the text before the first item of a sentence at the
// semicolons that open a demand of its own (要紧盯重点行业；要狠抓散煤管控；
// 市生态环境局要加强监测): each is a directive. A piece whose first clause
// demands nothing (坚决打好攻坚战，尤其要…) goes on with the piece before.
func (x *run) modalPieces(c span) []span {
	text := x.text
	var cuts []int
	for at := c.start; at < c.end; {
		i := strings.IndexAny(text[at:c.end], "；;")
		if i < 0 {
			break
		}
		_, w := utf8.DecodeRuneInString(text[at+i:])
		next := at + i + w
		end := c.end
		if j := strings.IndexAny(text[next:c.end], "；;，,"); j >= 0 {
			end = next + j
		}
		if hasModal(text[next:end]) {
			cuts = append(cuts, at+i)
		}
		at = next
	}
	out := make([]span, 0, len(cuts)+1)
	from := c.start
	for _, cut := range cuts {
		out = append(out, span{from, cut})
		from = skipPunct(text, cut, c.end)
	}
	return append(out, span{from, c.end})
}

// dropLead drops the directive just emitted when the numbered list that
// follows it turns out to be what it announces (要抓好三件事。一是…; 要重点
// 抓好以下几个方面：（一）…): the heading frames the items, which are the
// directives.
func (x *run) dropLead(st *dirState) {
	if m := st.lead.m; m != nil && len(m.dirs) == st.lead.n {
		m.dirs = m.dirs[:st.lead.n-1]
	}
	st.lead.m = nil
}

// midIntro reads a speaker named inside a sentence that tells what a
// person did before speaking: 在青山县，张一察看了…，要求企业…; the
// speaker is who, the one who acted (see actorIn).
func (x *run) midIntro(cs []span, who issuer) (intro, bool) {
	if !who.ok {
		return intro{}, false
	}
	for k, c := range cs {
		if k == 0 || k > 4 {
			continue
		}
		i := x.skipLinks(c.start, c.end)
		v, found := verbAt(x.text[:c.end], i)
		if !found || !v.speech {
			continue
		}
		if !strings.Contains(x.text[cs[0].start:c.start], who.name) {
			return intro{}, false
		}
		return intro{who: who, content: skipPunct(x.text, i+len(v.word), c.end), demands: demandVerbs[v.word]}, true
	}
	return intro{}, false
}

// demandVerbs are the speech verbs whose object is itself a directive,
// modal or not: 要求 (各地抓好落实), 明确 (由市文旅局牵头…).
var demandVerbs = map[string]bool{"要求": true, "明确": true, "叮嘱": true}

func (x *run) closeItem(st *dirState) {
	if st.open != nil {
		x.emit(st, *st.open)
		st.open = nil
	}
}

// emit records a directive of the current speaker.
func (x *run) emit(st *dirState, it item) {
	if !st.cur.ok {
		return
	}
	text := trimDirective(x.text[it.start:it.end])
	if utf8.RuneCountInString(text) < 4 {
		return
	}
	ev, off := x.evidence(it.sentence, span{it.start, it.end})
	m := x.meetingAt(it.start)
	if st.cur.name != "会议" {
		// whoever issues a directive at a meeting spoke there, though
		// the text may name them only as 他
		m.addSpeaker(x, st.cur, it.sentence, span{it.start, it.end})
	}
	m.dirs = append(m.dirs, Directive{
		Issuer:         st.cur.name,
		IssuerOriginal: st.cur.original,
		Ordinal:        it.ordinal,
		Theme:          it.theme,
		Text:           text,
		Evidence:       ev,
		EvidenceOffset: off,
	})
	st.lead.m = nil
	if it.ordinal == 0 {
		// it may be the heading of a list still to come
		st.lead.m, st.lead.n = m, len(m.dirs)
	}
}

// trimDirective trims spaces and the punctuation that ends a sentence or
// clause.
func trimDirective(s string) string {
	s = strings.TrimSpace(s)
	for {
		r, n := utf8.DecodeLastRuneInString(s)
		if n == 0 || !strings.ContainsRune("。，,；;：: \t", r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// skipPunct skips spaces and clause punctuation from i.
func skipPunct(text string, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !strings.ContainsRune("，,：:；; \t", r) {
			break
		}
		i += n
	}
	return i
}

// mark is the start of a numbered item.
type mark struct {
	pos     int // where the marker starts
	text    int // where the item's text starts
	ordinal int // 0 for 其次, 再次 and 最后, which take the next number
	theme   string
}

// marksIn finds the numbered items in c: a marker at the start of a
// clause whose number is the one expected next (or 1, which starts a new
// list). expect is advanced past each marker found.
func (x *run) marksIn(c span, expect *int) []mark {
	var out []mark
	text := x.text
	at := c.start
	for at < c.end {
		m, ok := x.markAt(at, c.end)
		if ok && m.ordinal == 0 && *expect > 1 {
			m.ordinal = *expect // 其次, 最后: the next number
		}
		if ok && m.ordinal > 0 && (m.ordinal == *expect || m.ordinal == 1) {
			out = append(out, m)
			*expect = m.ordinal + 1
		}
		// next clause start
		next := -1
		for i := at; i < c.end; {
			r, n := utf8.DecodeRuneInString(text[i:c.end])
			i += n
			if strings.ContainsRune("，,；;：:。", r) {
				next = skipSpaces(text, i, c.end)
				break
			}
		}
		if next < 0 {
			break
		}
		at = next
	}
	return out
}

func skipSpaces(text string, i, end int) int {
	for i < end && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// cnDigits are the Chinese numerals an item number is written with.
const cnDigits = "一二三四五六七八九十"

// cnNumber reads a Chinese numeral from 一 to 九十九 at the start of s and
// returns its value and length in bytes.
func cnNumber(s string) (int, int) {
	var rs []rune
	for _, r := range s {
		if !strings.ContainsRune(cnDigits, r) || len(rs) == 3 {
			break
		}
		rs = append(rs, r)
	}
	val := func(r rune) int { return strings.IndexRune(cnDigits, r)/3 + 1 }
	switch len(rs) {
	case 1:
		return val(rs[0]), 3
	case 2:
		if rs[0] == '十' {
			return 10 + val(rs[1]), 6
		}
		if rs[1] == '十' {
			return val(rs[0]) * 10, 6
		}
	case 3:
		if rs[1] == '十' && rs[0] != '十' && rs[2] != '十' {
			return val(rs[0])*10 + val(rs[2]), 9
		}
	}
	if len(rs) > 1 {
		// 一二: not a number; read the first only
		return val(rs[0]), 3
	}
	return 0, 0
}

// markAt reads a list marker at byte i: 一是 / 一要 / 第一， / 其一， /
// （一） / 一、 / 1. / （1） / 首先，.
func (x *run) markAt(i, end int) (mark, bool) {
	text := x.text[:end]
	s := text[i:]
	m := mark{pos: i}
	if v, n := cnNumber(s); n > 0 {
		rest := s[n:]
		switch {
		case strings.HasPrefix(rest, "是"):
			m.ordinal, m.text = v, i+n+len("是")
		case strings.HasPrefix(rest, "要") && !strings.HasPrefix(rest, "要求"):
			m.ordinal, m.text = v, i+n
		case strings.HasPrefix(rest, "则"):
			m.ordinal, m.text = v, i+n+len("则")
		case strings.HasPrefix(rest, "、"):
			m.ordinal, m.text = v, i+n+len("、")
		}
	}
	if m.ordinal == 0 && strings.HasPrefix(s, "第") {
		if v, n := cnNumber(s[len("第"):]); n > 0 {
			j := len("第") + n
			if strings.HasPrefix(s[j:], "是") {
				j += len("是")
			}
			if r, rn := utf8.DecodeRuneInString(s[j:]); strings.ContainsRune("，,、：:", r) {
				m.ordinal, m.text = v, i+j+rn
			}
		}
	}
	if m.ordinal == 0 && (strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")) {
		_, on := utf8.DecodeRuneInString(s)
		v, n := cnNumber(s[on:])
		if n == 0 {
			v, n = asciiNumber(s[on:])
		}
		if n > 0 {
			if r, rn := utf8.DecodeRuneInString(s[on+n:]); r == '）' || r == ')' {
				m.ordinal, m.text = v, i+on+n+rn
			}
		}
	}
	if m.ordinal == 0 {
		if v, n := asciiNumber(s); n > 0 {
			if r, rn := utf8.DecodeRuneInString(s[n:]); r == '、' || r == '.' || r == '．' {
				m.ordinal, m.text = v, i+n+rn
			}
		}
	}
	if m.ordinal == 0 && strings.HasPrefix(s, "其") {
		// 其一，…其二，…
		if v, n := cnNumber(s[len("其"):]); n > 0 {
			j := len("其") + n
			if r, rn := utf8.DecodeRuneInString(s[j:]); strings.ContainsRune("，,、：:", r) {
				m.ordinal, m.text = v, i+j+rn
			}
		}
	}
	found := m.ordinal > 0
	if !found {
		for k, w := range []string{"首先", "其次", "再次", "最后"} {
			if strings.HasPrefix(s, w) {
				if r, rn := utf8.DecodeRuneInString(s[len(w):]); r == '，' || r == ',' {
					found, m.text = true, i+len(w)+rn
					if k == 0 {
						m.ordinal = 1
					}
				}
			}
		}
	}
	if !found {
		return mark{}, false
	}
	m.text = skipSpaces(text, m.text, end)
	return m, true
}

// asciiNumber reads one or two digits.
func asciiNumber(s string) (int, int) {
	v, n := 0, 0
	for n < len(s) && n < 2 && s[n] >= '0' && s[n] <= '9' {
		v = v*10 + int(s[n]-'0')
		n++
	}
	if v == 0 {
		return 0, 0
	}
	return v, n
}

// themeEnds close the theme of a themed item (在…上, 在…方面).
var themeEnds = []string{"上", "方面", "中", "过程中"}

// themeAt reads a themed item at the start of c: 在X上，followed by what
// must be done. It returns X.
func (x *run) themeAt(c span) (string, bool) {
	z := x.text[c.start:c.end]
	if !strings.HasPrefix(z, "在") {
		return "", false
	}
	end := strings.IndexAny(z, "，,")
	if end < 0 || utf8.RuneCountInString(z[:end]) > 40 {
		return "", false
	}
	head := z[len("在"):end]
	for _, t := range themeEnds {
		if strings.HasSuffix(head, t) && len(head) > len(t) && hasModal(z[end:]) {
			return strings.TrimSuffix(head, t), true
		}
	}
	return "", false
}

// notModalBefore and notModalAfter are the characters that make 要 part of
// a word (重要, 要求) rather than "must".
var (
	notModalBefore = []string{"重", "主", "需", "只", "首", "必", "纲", "摘", "政", "机", "显", "提", "概", "紧", "扼", "简", "想", "将", "快", "总", "纪"}
	notModalAfter  = []string{"求", "素", "点", "害", "闻", "务", "件", "道", "地", "职", "塞", "领", "员", "案", "么", "是", "冲"}
)

// notDemanded follow a modal that assesses rather than directs: 也要看到
// (the problems that remain), 要清醒认识, 必须引起高度重视.
var notDemanded = []string{"看到", "清醒", "认识到", "充分认识", "深刻认识", "引起"}

// hasModal reports whether s says something must be done: 要 as "must",
// or 必须, 务必, 应当.
func hasModal(s string) bool {
	for _, w := range []string{"必须", "务必", "应当"} {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			i += j + len(w)
			if !hasAnyPrefix(s[i:], notDemanded) {
				return true
			}
		}
	}
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "要")
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len("要")
		before, after := s[:at], s[i:]
		if hasSuffixAny(before, notModalBefore) || hasAnyPrefix(after, notModalAfter) || hasAnyPrefix(after, notDemanded) {
			continue
		}
		return true
	}
	return false
}

func hasSuffixAny(s string, sufs []string) bool {
	for _, w := range sufs {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
