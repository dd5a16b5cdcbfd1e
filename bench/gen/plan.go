package gen

import "slices"

// The kinds of meeting the generator plans.
const (
	kindStanding  = "standing"  // 市委常委会会议, 县委常委会会议
	kindExecutive = "executive" // 市政府常务会议
	kindWork      = "work"      // 推进会, 调度会, 部署会议 …
)

// part is an official taking part in a meeting.
type part struct {
	who      person
	titles   []string // as written at the first mention
	presided bool
	spoke    bool
	reported bool
	style    int // directive style when the part speaks, see render
}

// roles returns the most specific roles of p, as the extraction contract
// lists them.
func (p *part) roles() []string {
	var out []string
	if p.presided {
		out = append(out, "presided")
	}
	if p.spoke {
		out = append(out, "spoke")
	}
	if p.reported {
		out = append(out, "reported")
	}
	if len(out) == 0 {
		out = append(out, "attended")
	}
	return out
}

// group is attendees named in one sentence, ending with verb.
type group struct {
	parts    []*part
	verb     string // 出席会议, 参加会议, 列席会议 …
	untitled string // when set, names without titles, then this (等市委常委)
}

// meeting is a planned meeting: who did what.
type meeting struct {
	u         *unit
	day       int
	kind      string
	work      string // the ending of a work meeting's name (推进会)
	topic     *topic
	name      string
	presider  *part
	speakers  []*part // besides the presider, in speaking order
	groups    []group
	reporters []*part
	divisions []*unit // units that reported, unnamed people
	byMeeting bool    // the report gives directives to the meeting itself
}

// parts returns every participant in the order of first mention.
func (m *meeting) parts() []*part {
	out := []*part{m.presider}
	out = append(out, m.speakers...)
	for _, g := range m.groups {
		out = append(out, g.parts...)
	}
	return append(out, m.reporters...)
}

// plan invents a meeting on day.
func (g *Generator) plan(day int) *meeting {
	rng := g.rng
	w := g.w
	var u *unit
	if rng.IntN(100) < 55 {
		u = w.cities[rng.IntN(len(w.cities))]
	} else {
		u = w.units[len(w.cities)+rng.IntN(len(w.units)-len(w.cities))]
	}
	m := &meeting{u: u, day: day, topic: &topics[rng.IntN(len(topics))]}
	switch k := rng.IntN(100); {
	case k < 20:
		m.kind = kindStanding
		m.name = u.name + "委常委会会议"
	case k < 34:
		m.kind = kindExecutive
		m.name = u.name + "政府常务会议"
	default:
		m.kind = kindWork
		m.work = workKinds[rng.IntN(len(workKinds))]
		m.name = u.name + m.topic.name + m.work
	}

	// Who holds what on the day.
	held := map[string]*part{}
	for i, p := range u.posts {
		held[p.key] = &part{who: u.holder(i, day), titles: p.titlesFor(u.level), style: rng.IntN(11)}
	}
	take := func(key string) *part {
		p := held[key]
		delete(held, key)
		return p
	}
	// byGroup takes the holders of the posts of the groups, by rank.
	byGroup := func(groups ...string) []*part {
		var out []*part
		for _, post := range u.posts {
			if p := held[post.key]; p != nil && slices.Contains(groups, post.group) {
				delete(held, post.key)
				out = append(out, p)
			}
		}
		return out
	}
	target := 5 + rng.IntN(36)

	switch m.kind {
	case kindStanding:
		m.presider = take("sec")
		m.presider.presided = true
		m.presider.spoke = rng.IntN(5) < 2
		m.byMeeting = true
		members := append(byGroup("leaders"), byGroup("standing")...)
		gr := group{parts: members, verb: "出席会议"}
		if rng.IntN(3) == 0 && len(members) > 2 {
			// 市委副书记、市长甲，乙、丙等市委常委出席会议
			gr = group{parts: members[:1], verb: ""}
			m.groups = append(m.groups, gr)
			gr = group{parts: members[1:], verb: "出席会议", untitled: "等" + levelWord(u) + "委常委"}
		}
		m.groups = append(m.groups, gr)
		sitIn := pick(rng, byGroup("congress", "conference"), 1, 3)
		sitIn = append(sitIn, pick(rng, byGroup("government"), 0, 3)...)
		if rng.IntN(3) == 0 {
			rep := pick(rng, byGroup("bureau"), 1, 1)
			for _, p := range rep {
				p.reported = true
			}
			m.reporters = rep
		}
		if len(sitIn) > 0 {
			m.groups = append(m.groups, group{parts: sitIn, verb: "列席会议"})
		}
	case kindExecutive:
		m.presider = take("head")
		m.presider.presided, m.presider.spoke = true, true
		gov := append([]*part{take("exec")}, byGroup("government")...)
		m.groups = append(m.groups, group{parts: gov, verb: "出席会议"})
		bureaus := pick(rng, byGroup("bureau"), 2, 6)
		n := 1 + rng.IntN(min(3, len(bureaus)))
		for _, p := range bureaus[:n] {
			p.reported = true
		}
		m.reporters = bureaus[:n]
		sitIn := pick(rng, byGroup("congress", "conference"), 0, 2)
		sitIn = append(sitIn, bureaus[n:]...)
		if len(sitIn) > 0 {
			m.groups = append(m.groups, group{parts: sitIn, verb: "列席会议"})
		}
	default:
		sec, head := take("sec"), take("head")
		secSpeaks := rng.IntN(5) < 3
		headSpeaks := !secSpeaks || rng.IntN(2) == 0
		switch {
		case secSpeaks && headSpeaks:
			m.speakers = []*part{sec, head}
			m.presider = take([]string{"exec", "dsec"}[rng.IntN(2)])
		case secSpeaks:
			m.speakers = []*part{sec}
			m.presider = head
		default:
			m.presider = head
			if rng.IntN(2) == 0 {
				m.speakers = []*part{take("exec")}
			} else {
				head.spoke = true
			}
			if sec != nil && rng.IntN(3) == 0 {
				held["sec"] = sec // the secretary attends without speaking
			}
		}
		m.presider.presided = true
		for _, p := range m.speakers {
			p.spoke = true
		}
		m.byMeeting = rng.IntN(5) == 0
		have := 1 + len(m.speakers)
		leaders := append(byGroup("leaders", "congress", "conference"), byGroup("standing", "government")...)
		bureaus := byGroup("bureau")
		var counties []*part
		for _, k := range u.kids {
			for _, key := range []string{"sec", "head"} {
				i := postIndex(k.posts, key)
				titles := k.posts[i].titlesFor(k.level)
				titles[0] = k.short + titles[0]
				counties = append(counties, &part{who: k.holder(i, day), titles: titles, style: rng.IntN(11)})
			}
		}
		rng.Shuffle(len(counties), func(i, j int) { counties[i], counties[j] = counties[j], counties[i] })
		// Reporters: county heads at a city meeting, bureau heads else.
		nrep := rng.IntN(4)
		src := &bureaus
		if len(counties) > 0 && rng.IntN(2) == 0 {
			src = &counties
		}
		nrep = min(nrep, len(*src))
		m.reporters = (*src)[:nrep]
		*src = (*src)[nrep:]
		for _, p := range m.reporters {
			p.reported = true
		}
		have += nrep
		room := max(target-have, 2)
		nl := min(len(leaders), max(1, room*2/5))
		lead := pick(rng, leaders, nl, nl)
		room -= len(lead)
		nb := min(len(bureaus), max(0, room/2))
		bur := pick(rng, bureaus, nb, nb)
		room -= len(bur)
		cty := counties[:min(len(counties), max(0, room))]
		if len(lead) > 0 {
			gr := group{parts: lead, verb: []string{"出席会议", "参加会议", "在主会场参加会议"}[rng.IntN(3)]}
			if rng.IntN(4) == 0 && len(lead) > 2 {
				gr.untitled = "等" + levelWord(u) + "领导"
			}
			m.groups = append(m.groups, gr)
		}
		if len(bur) > 0 {
			m.groups = append(m.groups, group{parts: bur, verb: []string{"参加会议", "列席会议"}[rng.IntN(2)]})
		}
		if len(cty) > 0 {
			m.groups = append(m.groups, group{parts: cty, verb: "参加会议"})
		}
		if len(u.kids) > 0 && rng.IntN(2) == 0 {
			m.divisions = pickUnits(rng, u.kids, 2, 5)
		}
	}
	return m
}

// levelWord is the word for a unit's own level in 市委常委, 县领导.
func levelWord(u *unit) string { return string(u.level) }
