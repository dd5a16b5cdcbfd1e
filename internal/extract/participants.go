package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// collectNames is the first reading of the role statements: it only
// learns the names, so that the second reading can split names written
// together (姚兵石艳萍) and recognize untitled names it has seen.
func (x *run) collectNames() { x.rolePass(false) }

// readRoles is the second reading: it records participants and divisions.
func (x *run) readRoles() { x.rolePass(true) }

// rolePass reads the role statement of every clause of the headlines,
// captions and body; with record unset it only learns names.
//
// Chinese leaves the subject out of the clauses that go on with it: in
// 市委书记张一率队到青山县，调研防汛工作，并在县里主持召开座谈会 the
// subject of 调研 is the titled name of the verbless clause before, and
// that of 主持召开 the subject of the last clause that had one. A clause
// that opens on a verb (after 并, or a place phrase) takes those subjects;
// the subjects of a speech verb are never carried, since what follows it
// is what was said.
func (x *run) rolePass(record bool) {
	for i := range x.lines {
		l := &x.lines[i]
		for k, s := range l.sentences {
			if x.stopped() {
				return
			}
			var pending, carried []subject
			var post roleSet
			// the first reading also notes the tours, whose leader may be
			// named without a title (张一率队赴青山县，调研…)
			tour := !record && x.holdsTourVerb(s)
			for _, c := range x.clausesOf(l, k) {
				// one sentence may be a list of thousands of clauses
				if x.stopped() {
					return
				}
				if r, ok := postposedRole(x.text[c.start:c.end]); ok {
					post = r
					continue
				}
				if post != 0 {
					if subs, ok := x.parseZone(c.start, c.end, false); ok {
						x.apply(statement{subjects: subs, roles: post}, s, c, l.kind, record)
					}
					continue
				}
				if !record && !tour && len(pending) == 0 && len(carried) == 0 && !mayTeachNames(x.text[c.start:c.end]) {
					continue
				}
				st, ok := x.statementIn(c)
				if !ok {
					// the subjects are joined only once a verb is found: a
					// list of titled names with no verb between commas
					// grows pending by a clause at a time, and joining it
					// at every clause would make the list's reading
					// quadratic in its length
					if len(pending)+len(carried) > 0 {
						if v, end, ok := x.headVerb(c); ok {
							// 调研防汛工作 after 市长张一深入青山县
							subs := slices.Concat(pending, carried)
							st = statement{subjects: subs, roles: v.roles, divRoles: v.divRoles, verb: v, verbEnd: end}
							pending = nil
							carried = nil
							if v.roles == rAttended {
								carried = personsOf(subs)
							}
							x.apply(st, s, c, l.kind, record)
							continue
						}
					}
					if len(pending) > 0 {
						if x.placeOnly(c) {
							// 深入青山县、白水县: the verb is still to come
							continue
						}
						if v, end, ok := x.groupStatement(c); ok {
							// 市政府副秘书长张一，市直有关部门负责人参加会议
							x.apply(statement{subjects: pending, roles: v.roles, divRoles: v.divRoles, verb: v, verbEnd: end}, s, c, l.kind, record)
							pending = nil
							continue
						}
					}
					// a clause of titled names without a verb shares the
					// verb of the next clause
					if subs, ok := x.parseZone(c.start, c.end, true); ok {
						pending = append(pending, subs...)
					} else {
						pending = nil
					}
					continue
				}
				st.subjects = append(pending, st.subjects...)
				pending = nil
				carried = nil
				if st.roles == rAttended {
					// 张一到青山县调研，并主持召开座谈会; after a verb that
					// gives a role of its own, the next verb elaborates it
					// (先后发言，介绍了…情况)
					carried = personsOf(st.subjects)
				}
				x.apply(st, s, c, l.kind, record)
			}
		}
	}
}

// holdsTourVerb reports whether span s holds a tour verb.
func (x *run) holdsTourVerb(s span) bool {
	z := x.text[s.start:s.end]
	for v := range tourVerbs {
		for from := 0; ; {
			i := strings.Index(z[from:], v)
			if i < 0 {
				break
			}
			if _, ok := verbAt(z, from+i); ok {
				return true // not a noun such as 调研组
			}
			from += i + len(v)
		}
	}
	return false
}

// personsOf returns the persons among subs.
func personsOf(subs []subject) []subject {
	var out []subject
	for _, sub := range subs {
		if sub.kind == subjPerson {
			out = append(out, sub)
		}
	}
	return out
}

// clauseLinks open a clause that goes on with the subject before it.
var clauseLinks = sortLongestFirst([]string{"并", "随后", "随即", "还", "又", "也", "同时", "一同", "一起", "分别", "先后", "专程", "亲自", "再"})

// skipLinks skips spaces and the links of clauseLinks at i.
func (x *run) skipLinks(i, end int) int {
	for changed := true; changed; {
		changed = false
		i = skipSpaces(x.text, i, end)
		for _, w := range clauseLinks {
			if strings.HasPrefix(x.text[i:end], w) {
				i += len(w)
				changed = true
				break
			}
		}
	}
	return i
}

// subjectlessPlaces open the place phrase a subjectless clause may hold
// before its verb (在县里主持召开, 赴青山县调研).
var subjectlessPlaces = []string{"在", "到", "赴", "深入", "前往", "来到"}

// headVerb returns the verb of a clause without a subject: a verb at its
// start, after links (并, 随后) or a place phrase (在县里, 赴青山县).
func (x *run) headVerb(c span) (verb, int, bool) {
	text := x.text
	i := x.skipLinks(c.start, c.end)
	if i >= c.end {
		return verb{}, 0, false
	}
	if v, ok := verbAt(text[:c.end], i); ok {
		return v, i + len(v.word), true
	}
	if !hasAnyPrefix(text[i:c.end], subjectlessPlaces) {
		return verb{}, 0, false
	}
	for j, k := i, 0; j < c.end && k < maxPlace; k++ {
		if v, ok := verbAt(text[:c.end], j); ok {
			if strings.ContainsAny(text[i:j], "、") {
				return verb{}, 0, false
			}
			return v, j + len(v.word), true
		}
		_, n := utf8.DecodeRuneInString(text[j:c.end])
		j += n
	}
	return verb{}, 0, false
}

// tourPlaces open a clause that only says where a leader went.
var tourPlaces = []string{"到", "赴", "深入", "前往", "来到", "走进"}

// placeOnly reports whether clause c only says where the subject went
// (深入青山县、白水县), with the verb in the next clause.
func (x *run) placeOnly(c span) bool {
	i := x.skipLinks(c.start, c.end)
	if !hasAnyPrefix(x.text[i:c.end], tourPlaces) {
		return false
	}
	for j := i; j < c.end; {
		if _, ok := verbAt(x.text[:c.end], j); ok {
			return false
		}
		_, n := utf8.DecodeRuneInString(x.text[j:c.end])
		j += n
	}
	return true
}

// groupStatement reads a clause whose subjects are all groups (市直有关部门
// 负责人参加会议): it names no one, but gives its verb to the titled names
// of the clauses before it.
func (x *run) groupStatement(c span) (verb, int, bool) {
	text := x.text
	for i := c.start; i < c.end && i-c.start <= maxZone; {
		v, ok := verbAt(text[:c.end], i)
		if !ok {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		s, e := x.trimZone(c.start, i)
		if j := strings.Index(text[s:e], "等"); j >= 0 {
			e = s + j
		}
		if s >= e || isPhrase(text[s:e]) {
			return verb{}, 0, false
		}
		for _, it := range splitItems(text, s, e) {
			if _, res := x.parseItem(it, false); res != itemGeneric {
				return verb{}, 0, false
			}
		}
		return v, i + len(v.word), true
	}
	return verb{}, 0, false
}

// mayTeachNames reports whether the first reading can learn a name from a
// clause: only titled names and lists are worth learning, since an
// untitled name alone is accepted by its shape in the second reading.
func mayTeachNames(c string) bool {
	return strings.Contains(c, "、") || containsTitle(c)
}

// apply gives the subjects of a statement, read in clause c of sentence
// s, their role in the meeting the clause belongs to.
func (x *run) apply(st statement, s, c span, kind lineKind, record bool) {
	inBody := kind == lineBody
	if !record && tourVerbs[st.verb.word] && kind != lineCaption {
		x.noteTour(st, s, c, inBody)
	}
	for _, sub := range st.subjects {
		switch sub.kind {
		case subjPerson:
			if x.skipNames[sub.name] || x.mentioned[sub.name] != nil {
				continue
			}
			if !record {
				x.known[sub.name] = true
				continue
			}
			x.meetingFor(s, c).addPart(x, sub, st.roles, s, inBody)
		case subjDivision:
			var role roleSet
			roles := st.roles
			if st.divRoles != 0 {
				roles = st.divRoles
			}
			switch {
			case roles&rReported != 0:
				role = rReported
			case roles&rAttended != 0:
				role = rAttended
			default:
				continue
			}
			if record {
				x.meetingFor(s, c).addDiv(x, sub, role, s)
			}
		}
	}
}

func specific(r roleSet) bool { return r&(rPresided|rSpoke|rReported) != 0 }

// addPart records a participant's role. The evidence is the first
// sentence that gives the most specific role, a body sentence preferred to
// a headline, which says less.
func (m *meetingAcc) addPart(x *run, sub subject, roles roleSet, s span, inBody bool) {
	p := m.parts[sub.name]
	if p == nil {
		p = &partAcc{name: sub.name, original: x.plain(sub.off, sub.off+len(sub.name)), off: sub.off}
		m.parts[sub.name] = p
		m.partOrder = append(m.partOrder, sub.name)
	}
	switch {
	case p.evidRole == 0,
		specific(roles) && !specific(p.evidRole),
		inBody && !p.evidBody && specific(roles) == specific(p.evidRole):
		p.evidence, p.evidRole, p.evidBody = s, roles, inBody
		p.evidAt = span{sub.off, sub.off + len(sub.name)}
	}
	p.roles |= roles
	for _, t := range sub.titles {
		for _, part := range concurrentPosts(t) {
			p.addPosition(part)
		}
	}
}

// concurrentPosts splits a title that holds two posts at once (副市长兼市
// 公安局局长) into the posts; a title without 兼 is one post.
func concurrentPosts(t string) []string {
	a, b, ok := strings.Cut(t, "兼")
	if !ok || !isTitle(a) || !isTitle(b) {
		return []string{t}
	}
	return append([]string{a}, concurrentPosts(b)...)
}

// addSpeaker records that the issuer of a directive spoke; the written
// form is the one the issuer was read with. The evidence is sentence s of
// the directive at dir, and where the speaker is named in it, if anywhere,
// the place the evidence is cut around when the sentence is too long.
func (m *meetingAcc) addSpeaker(x *run, who issuer, s, dir span) {
	at := span{who.off, who.off + len(who.name)}
	if at.start < s.start || at.end > s.end {
		// 他强调: named in a sentence before
		at = dir
	}
	if p := m.parts[who.name]; p != nil {
		if p.roles&rSpoke == 0 {
			p.roles |= rSpoke
			if !specific(p.evidRole) {
				p.evidence, p.evidRole, p.evidBody, p.evidAt = s, rSpoke, true, at
			}
		}
		return
	}
	p := &partAcc{name: who.name, original: who.original, off: who.off, roles: rSpoke, evidRole: rSpoke, evidBody: true, evidence: s, evidAt: at}
	m.parts[who.name] = p
	m.partOrder = append(m.partOrder, who.name)
}

// addPosition adds position t, keeping the most specific form: 娄底市委书记
// replaces 市委书记, and 市委书记 adds nothing to 娄底市委书记.
func (p *partAcc) addPosition(t string) {
	for i, e := range p.positions {
		switch {
		case strings.HasSuffix(e, t):
			return
		case strings.HasSuffix(t, e):
			p.positions[i] = t
			return
		}
	}
	p.positions = append(p.positions, t)
}

func (m *meetingAcc) addDiv(x *run, sub subject, role roleSet, s span) {
	d := m.divs[sub.name]
	if d == nil {
		d = &divAcc{name: sub.name, original: x.plain(sub.off, sub.off+len(sub.name))}
		m.divs[sub.name] = d
		m.divOrder = append(m.divOrder, sub.name)
	}
	// reporting implies attending: keep the more specific role
	if d.role == 0 || role == rReported && d.role != rReported {
		d.role, d.evidence = role, s
		d.evidAt = span{sub.off, sub.off + len(sub.name)}
	}
}

// findMentioned finds the national leaders the report quotes or refers to
// (习近平总书记): they are mentioned, never participants.
func (x *run) findMentioned() {
	text := x.text
	for _, t := range append(append([]string{}, leaderTitles...), "新时代中国特色社会主义思想", "同志为核心") {
		for from := 0; ; {
			i := strings.Index(text[from:], t)
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(t)
			if strings.HasSuffix(text[:at], "副") {
				at -= len("副")
			}
			if name, off, ok := x.nameBefore(at); ok {
				x.addMention(name, off)
			}
		}
	}
}

// nameBefore returns the name that ends at byte at, if any: three runes
// before two, since a rune before a two-rune name is rarely a surname.
func (x *run) nameBefore(at int) (string, int, bool) {
	text := x.text
	var starts []int
	for i, k := at, 0; i > 0 && k < 3; k++ {
		_, n := utf8.DecodeLastRuneInString(text[:i])
		i -= n
		if k >= 1 {
			starts = append(starts, i)
		}
	}
	for _, k := range []int{1, 0} {
		if k < len(starts) {
			name := text[starts[k]:at]
			if looksLikeName(name) {
				return name, starts[k], true
			}
		}
	}
	return "", 0, false
}

func (x *run) addMention(name string, off int) {
	if x.mentioned[name] != nil {
		return
	}
	x.mentioned[name] = &Mention{Name: name, Original: x.plain(off, off+len(name)), Offset: x.t.SourceOffset(off)}
	x.mentOrder = append(x.mentOrder, name)
}

// finishMeeting turns what was gathered about meeting i into its output.
func (x *run) finishMeeting(i int) Meeting {
	m := x.meetings[i]
	out := Meeting{
		Participants: []Participant{},
		Divisions:    []Division{},
		Directives:   append([]Directive{}, m.dirs...),
	}
	if mm, ok := bestMention(m.mentions); ok {
		out.Name = mm.nameText(x.text)
		out.Original = x.plain(mm.name.start, mm.name.end)
		if mm.orig != "" {
			out.Original = mm.orig
		}
		out.Evidence, out.EvidenceOffset = x.evidence(mm.sentence, mm.name)
		out.Kind = meetingKind(out.Name)
		switch {
		case mm.how == 'T':
			// a tour, named by its verb (调研…), is of its leader's
			// jurisdiction, not of the place visited, whose officials
			// go along
			out.Kind = mm.kindRaw
			out.Jurisdiction = x.leaderJurisdiction(mm.leader)
		default:
			if d, rest, ok := x.divisions.prefix(out.Name); ok && rest != "" {
				out.Jurisdiction = d
			}
			if out.Jurisdiction == "" {
				out.Jurisdiction = x.inferJurisdiction(m, out.Name)
			}
		}
	} else {
		out.Jurisdiction = x.inferJurisdiction(m, out.Name)
	}
	if d, ok := x.meetingDate(m, i == 0); ok {
		out.Date, _ = x.formatDate(d)
	} else if i > 0 {
		// 随后，…召开…会议: a meeting the report gives no date of
		// follows the one before it on its day
		if d, ok := x.meetingDate(x.meetings[i-1], i == 1); ok {
			out.Date, _ = x.formatDate(d)
		}
	}
	for _, name := range m.partOrder {
		p := m.parts[name]
		if len(p.positions) == 0 {
			// 随后，张一主持召开…: the report gave the positions once
			p.positions = x.positionsElsewhere(name)
		}
		pt := Participant{
			Name:      p.name,
			Original:  p.original,
			Roles:     p.roles.names(),
			Positions: append([]string{}, p.positions...),
			Titles:    []Title{},
			Garbled:   isGarbled(p.name),
		}
		for _, pos := range p.positions {
			pt.Titles = append(pt.Titles, x.parseTitle(pos, out.Jurisdiction))
		}
		pt.Evidence, pt.EvidenceOffset = x.evidence(p.evidence, p.evidAt)
		if pt.Garbled {
			x.warn(WarnGarbledName, p.off, "the name %s has a lost character; it is kept as written", p.name)
		}
		out.Participants = append(out.Participants, pt)
	}
	for _, name := range m.divOrder {
		d := m.divs[name]
		role := RoleAttended
		if d.role == rReported {
			role = RoleReported
		}
		ev, off := x.evidence(d.evidence, d.evidAt)
		out.Divisions = append(out.Divisions, Division{Name: d.name, Original: d.original, Role: role, Evidence: ev, EvidenceOffset: off})
	}
	return out
}

// leaderJurisdiction returns the division that the positions of a tour's
// leader name, or "".
func (x *run) leaderJurisdiction(leader string) string {
	for _, pos := range x.positionsElsewhere(leader) {
		if t := x.parseTitle(pos, ""); t.Division != "" {
			return t.Division
		}
	}
	return ""
}

// positionsElsewhere returns the positions a person holds in all the
// meetings of the report: a report titles a person once, and a person
// holds the same posts all through it.
func (x *run) positionsElsewhere(name string) []string {
	if x.positionsOf == nil {
		x.positionsOf = map[string][]string{}
		for _, m := range x.meetings {
			for _, pn := range m.partOrder {
				for _, t := range m.parts[pn].positions {
					if !slices.Contains(x.positionsOf[pn], t) {
						x.positionsOf[pn] = append(x.positionsOf[pn], t)
					}
				}
			}
		}
	}
	return slices.Clone(x.positionsOf[name])
}

// bestMention picks the mention that names the meeting best: one that
// names its division, then one that says it took place, then the longest.
func bestMention(ms []mention) (mention, bool) {
	if len(ms) == 0 {
		return mention{}, false
	}
	rank := func(m mention) int {
		r := 0
		if m.hasDiv {
			r += 100
		}
		switch m.how {
		case 'B':
			r += 30
		case 'A':
			r += 20
		case 'C':
			r += 10
		case 'T':
			// a headline words a tour more briefly than the body
			if m.body {
				r += 5
			}
		}
		return r
	}
	best := ms[0]
	for _, m := range ms[1:] {
		rb, rm := rank(best), rank(m)
		if rm > rb || rm == rb && len(m.text)+m.name.end-m.name.start > len(best.text)+best.name.end-best.name.start {
			best = m
		}
	}
	return best, true
}

// inferJurisdiction finds the division of a meeting whose name does not
// say it: the division that participants' positions name (娄底 in
// 娄底市委书记), at the level the name implies (全市, 市委 …) when it
// implies one.
func (x *run) inferJurisdiction(m *meetingAcc, name string) string {
	level := rune(0)
	if name != "" {
		if strings.HasPrefix(name, "全") {
			_, n := utf8.DecodeRuneInString(name)
			level = firstRune(name[n:])
		} else {
			level = firstRune(name)
		}
		if !strings.ContainsRune(levels, level) {
			level = 0
		}
	}
	for _, pn := range m.partOrder {
		for _, pos := range m.parts[pn].positions {
			t := x.parseTitle(pos, "")
			if t.Division != "" && (level == 0 || lastRune(t.Division) == level) {
				return t.Division
			}
		}
	}
	return ""
}
