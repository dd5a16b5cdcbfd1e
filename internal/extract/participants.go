package extract

import (
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
func (x *run) rolePass(record bool) {
	for i := range x.lines {
		l := &x.lines[i]
		for k, s := range l.sentences {
			var pending []subject
			var post roleSet
			for _, c := range x.clausesOf(l, k) {
				if r, ok := postposedRole(x.text[c.start:c.end]); ok {
					post = r
					continue
				}
				if post != 0 {
					if subs, ok := x.parseZone(c.start, c.end, false); ok {
						x.apply(statement{subjects: subs, roles: post}, s, l.kind == lineBody, record)
					}
					continue
				}
				if !record && !mayTeachNames(x.text[c.start:c.end]) {
					pending = nil
					continue
				}
				st, ok := x.statementIn(c)
				if !ok {
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
				x.apply(st, s, l.kind == lineBody, record)
			}
		}
	}
}

// mayTeachNames reports whether the first reading can learn a name from a
// clause: only titled names and lists are worth learning, since an
// untitled name alone is accepted by its shape in the second reading.
func mayTeachNames(c string) bool {
	return strings.Contains(c, "、") || containsTitle(c)
}

// apply gives the subjects of a statement their role in the meeting the
// sentence belongs to.
func (x *run) apply(st statement, s span, inBody, record bool) {
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
			x.meetingAt(s.start).addPart(x, sub, st.roles, s, inBody)
		case subjDivision:
			var role roleSet
			switch {
			case st.roles&rReported != 0:
				role = rReported
			case st.roles&rAttended != 0:
				role = rAttended
			default:
				continue
			}
			if record {
				x.meetingAt(s.start).addDiv(x, sub, role, s)
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
	}
	p.roles |= roles
	for _, t := range sub.titles {
		p.addPosition(t)
	}
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

// finishMeeting turns what was gathered about a meeting into its output.
func (x *run) finishMeeting(m *meetingAcc) Meeting {
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
		out.Evidence, out.EvidenceOffset = x.evidence(mm.sentence)
		out.Kind = meetingKind(out.Name)
		if mm.how == 'T' {
			out.Kind = mm.kindRaw
		}
		if d, rest, ok := x.divisions.prefix(out.Name); ok && rest != "" {
			out.Jurisdiction = d
		}
	}
	if out.Jurisdiction == "" {
		out.Jurisdiction = x.inferJurisdiction(m, out.Name)
	}
	if d, ok := x.meetingDate(m, len(x.meetings) > 0 && x.meetings[0] == m); ok {
		out.Date, _ = x.formatDate(d)
	}
	for _, name := range m.partOrder {
		p := m.parts[name]
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
		pt.Evidence, pt.EvidenceOffset = x.evidence(p.evidence)
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
		ev, off := x.evidence(d.evidence)
		out.Divisions = append(out.Divisions, Division{Name: d.name, Original: d.original, Role: role, Evidence: ev, EvidenceOffset: off})
	}
	return out
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
