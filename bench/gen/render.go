package gen

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
)

// render writes a planned meeting as a report.
func (g *Generator) render(m *meeting, retold bool) *Report {
	rng := g.rng
	u := m.u
	date := dateOf(m.day)
	pub := date.AddDate(0, 0, rng.IntN(2))
	if retold {
		pub = date.AddDate(0, 0, 1+rng.IntN(2))
	}
	truth := Truth{
		Meeting: m.name, Date: date.Format("2006-01-02"), Jurisdiction: u.name, Retold: retold,
	}
	titlesOf := map[*part][]string{}
	mentioned := map[*part]bool{}
	// mention writes a part's titles and name the first time, its name after.
	mention := func(p *part) string {
		if mentioned[p] {
			return p.who.name
		}
		mentioned[p] = true
		titlesOf[p] = p.titles
		return strings.Join(p.titles, "、") + p.who.name
	}
	bare := func(p *part) string {
		mentioned[p] = true
		return p.who.name
	}

	var paras []string
	// Headlines.
	var head []string
	short := strings.TrimPrefix(m.name, u.name)
	switch h := rng.IntN(4); {
	case h == 0 || m.kind != kindWork && h == 3:
		head = append(head, m.name+"召开")
	case h == 1:
		if m.kind == kindStanding {
			head = append(head, string(u.level)+"委常委会召开会议 研究部署"+m.topic.name+"等工作")
		} else {
			head = append(head, u.name+"召开"+short)
		}
	case h == 2:
		head = append(head, m.presider.who.name+"主持召开"+m.name)
	default:
		head = append(head, "全"+string(u.level)+short+"召开")
	}
	if m.kind == kindWork && len(m.speakers) > 0 && rng.IntN(5) < 2 {
		s := m.speakers[0]
		verb := []string{"出席并讲话", "讲话"}[rng.IntN(2)]
		head = append(head, s.who.name+verb+" "+m.presider.who.name+"主持")
	}
	paras = append(paras, head...)

	// Byline, at the head or at the end.
	byline := g.byline(m)
	var open strings.Builder
	if byline.head != "" {
		open.WriteString(byline.head)
	}
	when := fmt.Sprintf("%d月%d日", int(date.Month()), date.Day())
	if rng.IntN(10) < 3 {
		when = fmt.Sprintf("%d年%s", date.Year(), when)
	}
	when += dayParts[rng.IntN(len(dayParts))]
	open.WriteString(when + "，")
	merged := false
	switch m.kind {
	case kindStanding:
		m.presider.titles = []string{u.name + "委书记"}
		fmt.Fprintf(&open, "%s主持召开%s，传达学习上级有关会议精神，研究部署%s等工作。", mention(m.presider), m.name, m.topic.name)
		merged = true
	case kindExecutive:
		fmt.Fprintf(&open, "%s主持召开%s，研究部署%s等工作。", mention(m.presider), m.name, m.topic.name)
		merged = true
	default:
		purpose := strings.ReplaceAll(m.topic.purpose, "全市", "全"+string(u.level))
		switch rng.IntN(3) {
		case 0:
			fmt.Fprintf(&open, "%s召开，%s。", m.name, purpose)
		case 1:
			venue := venues[rng.IntN(len(venues))]
			if venue == "" {
				venue = "召开"
			}
			fmt.Fprintf(&open, "%s%s。", m.name, venue)
		default:
			fmt.Fprintf(&open, "%s主持召开%s，%s。", mention(m.presider), m.name, purpose)
			merged = true
		}
	}
	if !merged {
		verb := "主持会议"
		if m.presider.spoke && rng.IntN(2) == 0 {
			verb = "主持会议并讲话"
		}
		fmt.Fprintf(&open, "%s%s。", mention(m.presider), verb)
	}
	for _, s := range m.speakers {
		fmt.Fprintf(&open, "%s%s。", mention(s), []string{"出席会议并讲话", "出席并讲话"}[rng.IntN(2)])
	}
	for i := 0; i < len(m.groups); i++ {
		gr := m.groups[i]
		open.WriteString(g.groupText(gr, mention, bare))
		if gr.verb == "" && i+1 < len(m.groups) {
			open.WriteString("，")
			continue
		}
		open.WriteString("。")
	}
	paras = append(paras, open.String())

	// What was reported.
	if len(m.reporters) > 0 || len(m.divisions) > 0 {
		var b strings.Builder
		b.WriteString("会上，")
		what := strings.ReplaceAll(m.topic.report, "全市", "")
		if len(m.reporters) == 1 {
			fmt.Fprintf(&b, "%s汇报了全%s%s。", mention(m.reporters[0]), string(u.level), what)
		} else if len(m.reporters) > 1 {
			names := make([]string, len(m.reporters))
			for i, p := range m.reporters {
				names[i] = mention(p)
			}
			fmt.Fprintf(&b, "%s分别汇报了%s。", strings.Join(names, "，"), what)
		}
		if len(m.divisions) > 0 {
			names := make([]string, len(m.divisions))
			for i, d := range m.divisions {
				names[i] = d.name
				truth.Divisions = append(truth.Divisions, PlantedDivision{Name: d.name, Role: "reported"})
			}
			if rng.IntN(2) == 0 {
				fmt.Fprintf(&b, "%s分别汇报了%s工作情况。", strings.Join(names, "、"), m.topic.name)
			} else {
				fmt.Fprintf(&b, "%s作表态发言。", strings.Join(names, "、"))
			}
		}
		paras = append(paras, b.String())
	}

	// Background, which names nobody and instructs nothing.
	if k := rng.IntN(3); k > 0 {
		var b strings.Builder
		b.WriteString("据了解，")
		for i, f := range rng.Perm(len(backgrounds))[:k] {
			if i > 0 {
				b.WriteString("；")
			}
			fmt.Fprintf(&b, backgrounds[f], string(u.level), m.topic.name, 3+rng.IntN(90))
		}
		b.WriteString("。")
		paras = append(paras, b.String())
	}

	// Directives.
	actions := append(append([]string(nil), m.topic.actions...), genericActions...)
	rng.Shuffle(len(m.topic.actions), func(i, j int) { actions[i], actions[j] = actions[j], actions[i] })
	next := 0
	action := func() string {
		a := actions[next%len(actions)]
		next++
		return a
	}
	speakers := append([]*part(nil), m.speakers...)
	if m.presider.spoke {
		speakers = append([]*part{m.presider}, speakers...)
	}
	if m.byMeeting {
		n := 2 + rng.IntN(2)
		truth.Directives += n
		assess := strings.ReplaceAll(fmt.Sprintf(assessments[rng.IntN(len(assessments))], m.topic.name), "全市", "全"+string(u.level))
		p := "会议指出，" + assess + "。"
		if rng.IntN(2) == 0 {
			p += "会议强调，要" + action() + "。会议要求，各级各部门要" + action() + "。"
			if n == 3 {
				p += "要" + action() + "。"
			}
		} else {
			p += "会议要求，"
			for i := range n {
				p += numerals[i] + "是" + action() + "。"
			}
		}
		paras = append(paras, p)
	}
	for _, s := range speakers {
		ps, n := g.speech(s, m, action)
		truth.Directives += n
		paras = append(paras, ps...)
	}

	// The generic attendees, who yield no names.
	if rng.IntN(2) == 0 {
		if u.city == nil {
			paras = append(paras, "各县市区主要负责人，市直有关部门主要负责人参加会议。")
		} else {
			paras = append(paras, string(u.level)+"直有关部门主要负责人参加会议。")
		}
	}
	if byline.tail != "" {
		paras = append(paras, byline.tail)
	}
	if rng.IntN(10) == 0 {
		paras = append(paras, disclaimer)
	}

	title := head[0]
	text := strings.Join(paras, "\n\n") + "\n"
	for _, p := range m.parts() {
		truth.Participants = append(truth.Participants, Planted{Name: p.who.name, Roles: p.roles(), Titles: titlesOf[p]})
	}
	if rng.IntN(100) < traditionalShare {
		truth.Traditional = true
		noted := rng.IntN(100) < notedShare
		text = toTraditional(text, noted, rng)
		title = toTraditional(title, false, rng)
	}
	return &Report{
		Text:  []byte(text),
		Truth: truth,
		Meta: Meta{
			Title: title, PublishedAt: pub.Format("2006-01-02"), Synthetic: true,
			Note: "invented report for benchmarks: people and places are fictional",
		},
	}
}

var numerals = []string{"一", "二", "三", "四", "五", "六"}

// groupText writes a group of attendees: 副市长甲、乙，市政府秘书长丙出席会议.
func (g *Generator) groupText(gr group, mention, bare func(*part) string) string {
	var items []string
	if gr.untitled != "" {
		for _, p := range gr.parts {
			items = append(items, bare(p))
		}
		return strings.Join(items, "、") + gr.untitled + gr.verb
	}
	// Consecutive parts with the same titles share them: 副市长甲、乙.
	for i := 0; i < len(gr.parts); {
		j := i + 1
		key := strings.Join(gr.parts[i].titles, "、")
		for j < len(gr.parts) && strings.Join(gr.parts[j].titles, "、") == key {
			j++
		}
		names := []string{mention(gr.parts[i])}
		for _, p := range gr.parts[i+1 : j] {
			mention(p)
			names = append(names, p.who.name)
		}
		items = append(items, strings.Join(names, "、"))
		i = j
	}
	return strings.Join(items, "，") + gr.verb
}

// speech writes what a speaker said, in the speaker's style, and returns
// the paragraphs and the number of directives in them.
func (g *Generator) speech(s *part, m *meeting, action func() string) ([]string, int) {
	rng := g.rng
	name := s.who.name
	pronoun := "他"
	if s.who.female {
		pronoun = "她"
	}
	assess := strings.ReplaceAll(fmt.Sprintf(assessments[rng.IntN(len(assessments))], m.topic.name), "全市", "全"+string(m.u.level))
	n := 3 + rng.IntN(3)
	var b strings.Builder
	switch s.style / 2 {
	case 0: // 一是要…二是要…
		fmt.Fprintf(&b, "%s强调，%s。", name, assess)
		for i := range n {
			fmt.Fprintf(&b, "%s是要%s。", numerals[i], action())
		}
		return []string{b.String()}, n
	case 1: // 一要…二要…, after a paragraph of assessment
		first := fmt.Sprintf("%s指出，%s。", name, assess)
		fmt.Fprintf(&b, "%s强调，", name)
		for i := range n {
			fmt.Fprintf(&b, "%s要%s。", numerals[i], action())
		}
		return []string{first, b.String()}, n
	case 2: // 在…上，要…
		fmt.Fprintf(&b, "%s要求，", name)
		themes := append([]string(nil), m.topic.themes...)
		rng.Shuffle(len(themes), func(i, j int) { themes[i], themes[j] = themes[j], themes[i] })
		n = min(n, len(themes))
		for i := range n {
			fmt.Fprintf(&b, "在%s上，要%s。", themes[i], action())
		}
		return []string{b.String()}, n
	case 3: // 要…。要…。
		fmt.Fprintf(&b, "%s强调，%s。", name, assess)
		for range n {
			fmt.Fprintf(&b, "要%s。", action())
		}
		return []string{b.String()}, n
	case 4: // the pronoun carries the speaker
		fmt.Fprintf(&b, "%s指出，%s。%s强调，要%s。%s要求，要%s。", name, assess, pronoun, action(), pronoun, action())
		return []string{b.String()}, 2
	default:
		fmt.Fprintf(&b, "%s指出，%s。%s要求，各级各部门要%s。", name, assess, name, action())
		return []string{b.String()}, 1
	}
}

// byline is where a report names its journalists.
type byline struct{ head, tail string }

func (g *Generator) byline(m *meeting) byline {
	rng := g.rng
	used := map[string]bool{}
	for _, p := range m.parts() {
		used[p.who.name] = true
	}
	names := nameMaker{rng}
	r1, r2 := names.draw(used).name, names.draw(used).name
	outlet := m.u.outlet
	switch rng.IntN(5) {
	case 0:
		return byline{head: fmt.Sprintf("%s讯（记者 %s 通讯员 %s）", outlet, r1, r2)}
	case 1:
		return byline{tail: fmt.Sprintf("（%s记者 %s 通讯员 %s）", outlet, r1, r2)}
	case 2:
		return byline{tail: fmt.Sprintf("来源：%s 记者 %s %s", outlet, r1, r2)}
	case 3:
		return byline{tail: fmt.Sprintf("（%s全媒体记者 %s）", outlet, r1)}
	}
	return byline{}
}

// pick returns between lo and hi of parts (fewer if there are fewer),
// chosen at random, in their original order.
func pick(rng *rand.Rand, parts []*part, lo, hi int) []*part {
	hi = min(hi, len(parts))
	lo = min(lo, hi)
	n := lo
	if hi > lo {
		n += rng.IntN(hi - lo + 1)
	}
	idx := rng.Perm(len(parts))[:n]
	sort.Ints(idx)
	out := make([]*part, n)
	for i, k := range idx {
		out[i] = parts[k]
	}
	return out
}

func pickUnits(rng *rand.Rand, units []*unit, lo, hi int) []*unit {
	hi = min(hi, len(units))
	lo = min(lo, hi)
	n := lo
	if hi > lo {
		n += rng.IntN(hi - lo + 1)
	}
	idx := rng.Perm(len(units))[:n]
	sort.Ints(idx)
	out := make([]*unit, n)
	for i, k := range idx {
		out[i] = units[k]
	}
	return out
}
