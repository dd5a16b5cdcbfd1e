package storetest

import (
	"slices"
	"testing"

	"officialgraph/internal/kg"
)

// Connection, as the cases pin it down:
//
//   - maxHops outside 1..kg.MaxHops is ErrInvalidInput, checked before the
//     officials are looked up. An ID that names no official (unknown, of
//     another kind, or not an ID) is ErrNotFound.
//   - A chain counts hops in meetings; any role is taking part. Among the
//     shortest chains the least is the one whose IDs (m1, o1, m2, o2, …,
//     mk), compared one by one as strings, are least: the first meeting
//     decides, then the first official in between, and so on.
//   - from == to gives a Path of that one official and no meeting, for any
//     valid maxHops; no chain within maxHops gives the zero Path.
//   - The officials and meetings of a Path are as the single reads give
//     them.

// chainFixture is a report of eleven meetings joining nine officials, so
// that 起点 and 终点 are three meetings apart by three chains and four
// apart by a fourth:
//
//	会A 起点 中甲    会B 起点 中乙    会C 中甲 次甲    会D 中乙 次甲
//	会E 中乙 次乙    会F 次甲 终点    会G 次乙 终点
//	会H 起点 远一    会I 远一 远二    会J 远二 远三    会K 远三 终点
type chainFixture struct {
	facts     *kg.ReportFacts
	officials map[string]string // name → ID
	meetings  map[string]string // 会A … → ID
}

func newChainFixture() *chainFixture {
	c := &chainFixture{officials: map[string]string{}, meetings: map[string]string{}}
	b := Synthetic("chains", "2022-03-31")
	links := []struct{ meeting, day, a, b string }{
		{"会A", "01", "起点", "中甲"}, {"会B", "02", "起点", "中乙"}, {"会C", "03", "中甲", "次甲"},
		{"会D", "04", "中乙", "次甲"}, {"会E", "05", "中乙", "次乙"}, {"会F", "06", "次甲", "终点"},
		{"会G", "07", "次乙", "终点"}, {"会H", "08", "起点", "远一"}, {"会I", "09", "远一", "远二"},
		{"会J", "10", "远二", "远三"}, {"会K", "11", "远三", "终点"},
	}
	for _, l := range links {
		m := b.Meeting("链"+l.meeting, "2022-03-"+l.day, "座谈会", SynCity())
		c.meetings[l.meeting] = m
		for _, name := range []string{l.a, l.b} {
			c.officials[name] = b.Official(name, "lian")
			b.Participant(m, c.officials[name], roles(kg.RoleAttended))
		}
	}
	c.facts = b.Facts()
	return c
}

// chain is a chain as a case lists it: its IDs (m1, o1, m2, …, mk).
type chain []string

// least returns the chain a store must choose among equally short ones.
func least(chains ...chain) chain {
	return slices.MinFunc(chains, func(a, b chain) int { return slices.Compare(a, b) })
}

// pathOf turns a chain between from and to into the Path a store returns,
// with the officials and meetings as the store reads them one by one.
func pathOf(t *testing.T, s kg.Store, from, to string, c chain) kg.Path {
	t.Helper()
	ctx := t.Context()
	p := kg.Path{Officials: []kg.Official{call(s.Official(ctx, from)).must(t, "Official")}}
	for i, id := range c {
		if i%2 == 0 {
			p.Meetings = append(p.Meetings, call(s.Meeting(ctx, id)).must(t, "Meeting"))
		} else {
			p.Officials = append(p.Officials, call(s.Official(ctx, id)).must(t, "Official"))
		}
	}
	if from != to {
		p.Officials = append(p.Officials, call(s.Official(ctx, to)).must(t, "Official"))
	}
	return p
}

var connectionCases = []testCase{
	explore("DirectCoAttendance", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := newWorld()
		w.load(t, s)
		// 王一 and 李二 shared M1, M2 and M4: the least ID wins.
		direct := least(chain{w.m1}, chain{w.m2}, chain{w.m4})
		check(t, "Connection(王一, 李二)", call(x.Connection(t.Context(), w.wang, w.li, 1)).must(t, "Connection"), pathOf(t, s, w.wang, w.li, direct))
		check(t, "Connection(李二, 王一)", call(x.Connection(t.Context(), w.li, w.wang, kg.MaxHops)).must(t, "Connection"), pathOf(t, s, w.li, w.wang, direct))
		check(t, "Connection(赵三, 钱五)", call(x.Connection(t.Context(), w.zhao, w.qian, 1)).must(t, "Connection"), pathOf(t, s, w.zhao, w.qian, chain{w.m5}))
	}),
	explore("TwoHops", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		tests := []struct {
			name     string
			from, to string
			want     chain
		}{
			// 欧阳四 met only 王一 (at M3), who met 钱五 at M2 and M4.
			{"欧阳四 to 钱五", w.ouyang, w.qian, least(chain{w.m3, w.wang, w.m2}, chain{w.m3, w.wang, w.m4})},
			{"孙? to 欧阳四", w.sun, w.ouyang, chain{w.m1, w.wang, w.m3}},
			// 孙? met 王一, 李二 and 赵三 at M1; each met 钱五: the least
			// official decides, then the least meeting.
			{"孙? to 钱五", w.sun, w.qian, least(
				chain{w.m1, w.wang, w.m2}, chain{w.m1, w.wang, w.m4},
				chain{w.m1, w.li, w.m2}, chain{w.m1, w.li, w.m4},
				chain{w.m1, w.zhao, w.m5},
			)},
		}
		for _, tt := range tests {
			for _, hops := range []int{2, kg.MaxHops} {
				got := call(x.Connection(ctx, tt.from, tt.to, hops)).must(t, "Connection("+tt.name+")")
				check(t, "Connection("+tt.name+", "+itoa(hops)+")", got, pathOf(t, s, tt.from, tt.to, tt.want))
			}
		}
	}),
	explore("ThreeHopsAndTieBreak", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		c := newChainFixture()
		write(t, s, kg.WriteCreated, c.facts)
		o, m := c.officials, c.meetings
		tests := []struct {
			name     string
			from, to string
			hops     int
			want     chain
		}{
			{"three chains of three", o["起点"], o["终点"], 3, least(
				chain{m["会A"], o["中甲"], m["会C"], o["次甲"], m["会F"]},
				chain{m["会B"], o["中乙"], m["会D"], o["次甲"], m["会F"]},
				chain{m["会B"], o["中乙"], m["会E"], o["次乙"], m["会G"]},
			)},
			{"shortest whatever the bound", o["起点"], o["终点"], kg.MaxHops, least(
				chain{m["会A"], o["中甲"], m["会C"], o["次甲"], m["会F"]},
				chain{m["会B"], o["中乙"], m["会D"], o["次甲"], m["会F"]},
				chain{m["会B"], o["中乙"], m["会E"], o["次乙"], m["会G"]},
			)},
			{"backwards", o["终点"], o["起点"], 3, least(
				chain{m["会F"], o["次甲"], m["会C"], o["中甲"], m["会A"]},
				chain{m["会F"], o["次甲"], m["会D"], o["中乙"], m["会B"]},
				chain{m["会G"], o["次乙"], m["会E"], o["中乙"], m["会B"]},
			)},
			{"one chain of three", o["起点"], o["远三"], 3, chain{m["会H"], o["远一"], m["会I"], o["远二"], m["会J"]}},
			{"two chains of two", o["中甲"], o["中乙"], 2, least(
				chain{m["会A"], o["起点"], m["会B"]},
				chain{m["会C"], o["次甲"], m["会D"]},
			)},
			{"through the start", o["中甲"], o["远二"], 3, chain{m["会A"], o["起点"], m["会H"], o["远一"], m["会I"]}},
		}
		for _, tt := range tests {
			got := call(x.Connection(ctx, tt.from, tt.to, tt.hops)).must(t, "Connection("+tt.name+")")
			check(t, "Connection("+tt.name+")", got, pathOf(t, s, tt.from, tt.to, tt.want))
			// One hop fewer finds nothing.
			got = call(x.Connection(ctx, tt.from, tt.to, len(tt.want)/2)).must(t, "Connection("+tt.name+")")
			check(t, "Connection("+tt.name+", one hop fewer)", got, kg.Path{})
		}
	}),
	explore("NoChainWithinMaxHops", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := loadSeedAndWorld(t, s)
		check(t, "Connection(欧阳四, 钱五, 1)", call(x.Connection(ctx, w.ouyang, w.qian, 1)).must(t, "Connection"), kg.Path{})
		// The seed report and the world share nobody.
		check(t, "Connection(刘非, 王一)", call(x.Connection(ctx, SeedOfficialID("刘非"), w.wang, kg.MaxHops)).must(t, "Connection"), kg.Path{})
		// An official who took part in nothing is connected to nobody.
		b := Synthetic("loner", "2021-07-01")
		loner := b.Official("独行", "du xing")
		b.Tenure(loner, b.Position("市长", "甲市人民政府", SynCity()), "2021-07-01")
		write(t, s, kg.WriteCreated, b.Facts())
		check(t, "Connection(独行, 王一)", call(x.Connection(ctx, loner, w.wang, kg.MaxHops)).must(t, "Connection"), kg.Path{})
		check(t, "Connection(独行, 独行)", call(x.Connection(ctx, loner, loner, 1)).must(t, "Connection"), pathOf(t, s, loner, loner, nil))
	}),
	explore("SameOfficial", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := newWorld()
		w.load(t, s)
		for _, hops := range []int{1, kg.MaxHops} {
			got := call(x.Connection(t.Context(), w.wang, w.wang, hops)).must(t, "Connection")
			check(t, "Connection(王一, 王一)", got, kg.Path{Officials: []kg.Official{w.official(w.wang)}})
		}
	}),
	explore("UnknownOfficialsAndBadBounds", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		unknown := unknownID(kg.KindOfficial)
		for what, err := range map[string]error{
			"unknown from":           second(x.Connection(ctx, unknown, w.wang, 3)),
			"unknown to":             second(x.Connection(ctx, w.wang, unknown, 3)),
			"both unknown and equal": second(x.Connection(ctx, unknown, unknown, 3)),
			"a meeting's ID":         second(x.Connection(ctx, w.m1, w.wang, 3)),
			"not an ID":              second(x.Connection(ctx, w.wang, "", 3)),
		} {
			wantErr(t, "Connection("+what+")", err, kg.ErrNotFound)
		}
		for what, err := range map[string]error{
			"zero hops":             second(x.Connection(ctx, w.wang, w.li, 0)),
			"negative hops":         second(x.Connection(ctx, w.wang, w.li, -1)),
			"over the maximum":      second(x.Connection(ctx, w.wang, w.li, kg.MaxHops+1)),
			"same official, 0 hops": second(x.Connection(ctx, w.wang, w.wang, 0)),
			// The bound is checked first.
			"unknown and 0 hops": second(x.Connection(ctx, unknown, w.wang, 0)),
		} {
			wantErr(t, "Connection("+what+")", err, kg.ErrInvalidInput)
		}
	}),
	explore("FollowsDeletes", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		// Without world-2, 王一 and 李二 share M1 and M4 only.
		if err := s.DeleteReport(ctx, w.reports[1].Report.ID); err != nil {
			t.Fatalf("DeleteReport error: %v", err)
		}
		check(t, "Connection(王一, 李二)", call(x.Connection(ctx, w.wang, w.li, 1)).must(t, "Connection"),
			pathOf(t, s, w.wang, w.li, least(chain{w.m1}, chain{w.m4})))
		// Without world-4 as well, 钱五 took part only in M5, with 赵三.
		if err := s.DeleteReport(ctx, w.reports[3].Report.ID); err != nil {
			t.Fatalf("DeleteReport error: %v", err)
		}
		check(t, "Connection(欧阳四, 钱五)", call(x.Connection(ctx, w.ouyang, w.qian, kg.MaxHops)).must(t, "Connection"),
			pathOf(t, s, w.ouyang, w.qian, chain{w.m3, w.wang, w.m1, w.zhao, w.m5}))
		check(t, "Connection(欧阳四, 钱五, 2)", call(x.Connection(ctx, w.ouyang, w.qian, 2)).must(t, "Connection"), kg.Path{})
	}),
}

// Holders, as the cases pin it down:
//
//   - Title is compared exactly, without canonicalising; an empty Title is
//     ErrInvalidInput. DivisionID keeps positions of exactly that division
//     (not of divisions within it); an unknown one gives no holder.
//   - There is one Holder per (official, position) pair, with FirstSeen,
//     LastSeen and Evidence as OfficialPositions gives them. An official
//     who held two positions of the title is listed twice.
//   - A known At keeps holders with FirstSeen.InRange(kg.Date{}, At) and
//     LastSeen.InRange(At, kg.Date{}); a pair seen only on dates without a
//     year therefore never brackets a date. An At that kg.ParseDate would
//     not read back from its String is ErrInvalidInput.
//   - Order: LastSeen by its string form, latest first, then official ID,
//     then position ID.

// holderFixture has five reports of who was mayor (市长) of 甲市 and 乙市:
//
//	马一 甲市 2019-05-01, 2020-01    马二 甲市 2020-06-30, 2021
//	马三 甲市 --03-15                马二 乙市 2019-01-01
//	马四 乙市 2020-06-30             马六 乙市 2020-06-30
//
// and 马五, deputy mayor (副市长) of 甲市 in 2019-05-01.
type holderFixture struct {
	reports                      []*kg.ReportFacts
	ma1, ma2, ma3, ma4, ma5, ma6 string
	mayorJia, mayorYi, deputyJia string
	evidence                     map[[2]string][]kg.Evidence // (official, position) → evidence
}

func newHolderFixture() *holderFixture {
	h := &holderFixture{evidence: map[[2]string][]kg.Evidence{}}
	report := func(key, published string, tenures ...[3]string) {
		b := Synthetic(key, published)
		for _, tn := range tenures {
			name, where, seen := tn[0], tn[1], tn[2]
			id := b.Official(name, "ma")
			var pos string
			switch where {
			case "甲市":
				pos = b.Position("市长", "甲市人民政府", SynCity())
				h.mayorJia = pos
			case "乙市":
				pos = b.Position("市长", "乙市人民政府", SynOtherCity())
				h.mayorYi = pos
			default:
				pos = b.Position("副市长", "甲市人民政府", SynCity())
				h.deputyJia = pos
			}
			k := [2]string{id, pos}
			h.evidence[k] = byReport(append(h.evidence[k], b.Tenure(id, pos, seen))...)
		}
		h.reports = append(h.reports, b.Facts())
	}
	report("holders-1", "2019-05-01", [3]string{"马一", "甲市", "2019-05-01"}, [3]string{"马五", "副", "2019-05-01"}, [3]string{"马二", "乙市", "2019-01-01"})
	report("holders-2", "2020-01-15", [3]string{"马一", "甲市", "2020-01"})
	report("holders-3", "2020-06-30", [3]string{"马二", "甲市", "2020-06-30"}, [3]string{"马四", "乙市", "2020-06-30"}, [3]string{"马六", "乙市", "2020-06-30"})
	report("holders-4", "2021-02-01", [3]string{"马二", "甲市", "2021"})
	report("holders-5", "2021-03-16", [3]string{"马三", "甲市", "--03-15"})
	id := func(name string) string { return kg.OfficialID(SynCity().ID, name) }
	h.ma1, h.ma2, h.ma3, h.ma4, h.ma5, h.ma6 = id("马一"), id("马二"), id("马三"), id("马四"), id("马五"), id("马六")
	return h
}

// holding is a Holder as a case lists it: its official's and position's
// IDs. Its fields are exported for diff.
type holding struct{ Official, Position string }

func holderKeys(hs []kg.Holder) []holding {
	out := []holding{}
	for _, h := range hs {
		out = append(out, holding{h.Official.ID, h.Position.ID})
	}
	return out
}

var holderCases = []testCase{
	explore("ByTitleLatestFirst", func(t *testing.T, s kg.Store, x kg.Explorer) {
		h := newHolderFixture()
		write(t, s, kg.WriteCreated, h.reports...)
		var want []holding
		want = append(want, holding{h.ma2, h.mayorJia}) // 2021
		for _, id := range sortedIDs(h.ma4, h.ma6) {    // 2020-06-30
			want = append(want, holding{id, h.mayorYi})
		}
		want = append(want,
			holding{h.ma1, h.mayorJia}, // 2020-01
			holding{h.ma2, h.mayorYi},  // 2019-01-01
			holding{h.ma3, h.mayorJia}, // --03-15 sorts first of all
		)
		got := call(x.Holders(t.Context(), kg.HolderQuery{Title: "市长"})).must(t, "Holders")
		check(t, "Holders(市长)", holderKeys(got), want)
		got = call(x.Holders(t.Context(), kg.HolderQuery{Title: "副市长"})).must(t, "Holders")
		check(t, "Holders(副市长)", holderKeys(got), []holding{{h.ma5, h.deputyJia}})
		for _, title := range []string{"市", "长", "市委书记", "市長"} {
			got = call(x.Holders(t.Context(), kg.HolderQuery{Title: title})).must(t, "Holders")
			check(t, "Holders("+title+")", holderKeys(got), []holding{})
		}
	}),
	explore("HolderValues", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		h := newHolderFixture()
		write(t, s, kg.WriteCreated, h.reports...)
		got := call(x.Holders(ctx, kg.HolderQuery{Title: "市长", DivisionID: SynCity().ID})).must(t, "Holders")
		official := func(id string) kg.Official { return call(s.Official(ctx, id)).must(t, "Official") }
		mayor := kg.Position{ID: h.mayorJia, Title: "市长", Organization: "甲市人民政府", DivisionID: SynCity().ID}
		check(t, "Holders(市长 of 甲市)", got, []kg.Holder{
			{Official: official(h.ma2), Position: mayor, FirstSeen: date(t, "2020-06-30"), LastSeen: date(t, "2021"), Evidence: h.evidence[[2]string{h.ma2, h.mayorJia}]},
			{Official: official(h.ma1), Position: mayor, FirstSeen: date(t, "2019-05-01"), LastSeen: date(t, "2020-01"), Evidence: h.evidence[[2]string{h.ma1, h.mayorJia}]},
			{Official: official(h.ma3), Position: mayor, FirstSeen: date(t, "--03-15"), LastSeen: date(t, "--03-15"), Evidence: h.evidence[[2]string{h.ma3, h.mayorJia}]},
		})
		if n := len(h.evidence[[2]string{h.ma1, h.mayorJia}]); n != 2 {
			t.Fatalf("fixture: 马一 has %d sightings, want 2", n)
		}
		// The same as OfficialPositions says of each.
		for _, hd := range got {
			for _, ph := range call(s.OfficialPositions(ctx, hd.Official.ID)).must(t, "OfficialPositions") {
				if ph.Position.ID == hd.Position.ID {
					check(t, "Holder vs OfficialPositions", kg.PositionHeld{Position: hd.Position, FirstSeen: hd.FirstSeen, LastSeen: hd.LastSeen, Evidence: hd.Evidence}, ph)
				}
			}
		}
	}),
	explore("ProfilePositionDatesOnly", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		h := newHolderFixture()
		// 马一 seen once more as mayor of 甲市, on a date nobody gave: it
		// must not move the first or last sighting.
		b := Synthetic("holders-undated", "2022-05-01")
		if ma1 := b.Official("马一", "ma"); ma1 != h.ma1 {
			t.Fatalf("fixture: 马一 is %s in the new report, %s in the others", ma1, h.ma1)
		}
		b.Tenure(h.ma1, b.Position("市长", "甲市人民政府", SynCity()), "")
		write(t, s, kg.WriteCreated, append(h.reports, b.Facts())...)
		q := kg.ProfileQuery{Positions: true, PositionDatesOnly: true}
		dates := func(id string) []kg.PositionHeld {
			return call(x.OfficialProfile(ctx, id, q)).must(t, "OfficialProfile").Positions
		}
		ids := []string{h.ma1, h.ma2, h.ma3, h.ma4, h.ma5, h.ma6}
		// The batch read, with an unknown official among the known.
		batch := call(x.PositionDatesHeldBy(ctx, append(slices.Clone(ids), unknownID(kg.KindOfficial)))).must(t, "PositionDatesHeldBy")
		if len(batch) != len(ids)+1 {
			t.Fatalf("PositionDatesHeldBy of %d IDs: %d lists", len(ids)+1, len(batch))
		}
		check(t, "PositionDatesHeldBy(unknown official)", len(batch[len(ids)]), 0)
		for i, id := range ids {
			want := call(s.OfficialPositions(ctx, id)).must(t, "OfficialPositions")
			for i := range want {
				if len(want[i].Evidence) == 0 {
					t.Fatalf("OfficialPositions(%s): position %s has no evidence", id, want[i].Position.ID)
				}
				want[i].Evidence = nil
			}
			check(t, "OfficialProfile(dates only) vs OfficialPositions of "+id, dates(id), want)
			check(t, "PositionDatesHeldBy vs OfficialPositions of "+id, batch[i], want)
		}
		// The dates themselves, where the least and greatest are not the
		// first and last written, and a date without a year sorts first.
		type span struct{ Position, First, Last string }
		spans := func(hs []kg.PositionHeld) []span {
			out := []span{}
			for _, h := range hs {
				out = append(out, span{h.Position.ID, h.FirstSeen.String(), h.LastSeen.String()})
			}
			return out
		}
		check(t, "马一's positions", spans(dates(h.ma1)), []span{{h.mayorJia, "2019-05-01", "2020-01"}})
		check(t, "马二's positions", spans(dates(h.ma2)), []span{{h.mayorYi, "2019-01-01", "2019-01-01"}, {h.mayorJia, "2020-06-30", "2021"}})
		check(t, "马三's positions", spans(dates(h.ma3)), []span{{h.mayorJia, "--03-15", "--03-15"}})
	}),
	explore("DivisionIsExact", func(t *testing.T, s kg.Store, x kg.Explorer) {
		h := newHolderFixture()
		write(t, s, kg.WriteCreated, h.reports...)
		yi := []holding{}
		for _, id := range sortedIDs(h.ma4, h.ma6) {
			yi = append(yi, holding{id, h.mayorYi})
		}
		yi = append(yi, holding{h.ma2, h.mayorYi})
		tests := []struct {
			name, division string
			want           []holding
		}{
			{"乙市", SynOtherCity().ID, yi},
			{"甲市", SynCity().ID, []holding{{h.ma2, h.mayorJia}, {h.ma1, h.mayorJia}, {h.ma3, h.mayorJia}}},
			// Positions of divisions within it do not count.
			{"测试省", SynProvince().ID, nil},
			{"unknown", unknownID(kg.KindDivision), nil},
		}
		for _, tt := range tests {
			got := call(x.Holders(t.Context(), kg.HolderQuery{Title: "市长", DivisionID: tt.division})).must(t, "Holders")
			check(t, "Holders(市长 of "+tt.name+")", holderKeys(got), append([]holding{}, tt.want...))
		}
	}),
	explore("AtBracketsTheSightings", func(t *testing.T, s kg.Store, x kg.Explorer) {
		h := newHolderFixture()
		write(t, s, kg.WriteCreated, h.reports...)
		yi := []holding{}
		for _, id := range sortedIDs(h.ma4, h.ma6) {
			yi = append(yi, holding{id, h.mayorYi})
		}
		tests := []struct {
			at   string
			want []holding
		}{
			// 马一 was seen in 2020-01, which covers the bound's month.
			{"2020-01", []holding{{h.ma1, h.mayorJia}}},
			// A sighting in 2020-01 is not known to be on or after the
			// 10th: Date.InRange says no.
			{"2020-01-10", nil},
			{"2020-06-30", append([]holding{{h.ma2, h.mayorJia}}, yi...)},
			{"2020", append(append([]holding{{h.ma2, h.mayorJia}}, yi...), holding{h.ma1, h.mayorJia})},
			{"2019", []holding{{h.ma1, h.mayorJia}, {h.ma2, h.mayorYi}}},
			{"2019-01-01", []holding{{h.ma2, h.mayorYi}}},
			{"2021", []holding{{h.ma2, h.mayorJia}}},
			// Nor is a sighting in 2021 known to be in 2021-01 or later.
			{"2021-01", nil},
			{"2022", nil},
			// Without a year a date is outside every range.
			{"--03-15", nil},
		}
		for _, tt := range tests {
			got := call(x.Holders(t.Context(), kg.HolderQuery{Title: "市长", At: date(t, tt.at)})).must(t, "Holders")
			check(t, "Holders(市长 at "+tt.at+")", holderKeys(got), append([]holding{}, tt.want...))
		}
		got := call(x.Holders(t.Context(), kg.HolderQuery{Title: "市长", DivisionID: SynOtherCity().ID, At: date(t, "2019")})).must(t, "Holders")
		check(t, "Holders(市长 of 乙市 at 2019)", holderKeys(got), []holding{{h.ma2, h.mayorYi}})
	}),
	explore("FollowsWritesAndDeletes", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		h := newHolderFixture()
		write(t, s, kg.WriteCreated, h.reports...)
		// Without holders-4, 马二 was last seen in 甲市 on 2020-06-30.
		if err := s.DeleteReport(ctx, h.reports[3].Report.ID); err != nil {
			t.Fatalf("DeleteReport error: %v", err)
		}
		var want []holding
		for _, id := range sortedIDs(h.ma2, h.ma4, h.ma6) {
			pos := h.mayorYi
			if id == h.ma2 {
				pos = h.mayorJia
			}
			want = append(want, holding{id, pos})
		}
		want = append(want, holding{h.ma1, h.mayorJia}, holding{h.ma2, h.mayorYi}, holding{h.ma3, h.mayorJia})
		got := call(x.Holders(ctx, kg.HolderQuery{Title: "市长"})).must(t, "Holders")
		check(t, "Holders(市长)", holderKeys(got), want)
		// Without holders-5, 马三 held nothing.
		if err := s.DeleteReport(ctx, h.reports[4].Report.ID); err != nil {
			t.Fatalf("DeleteReport error: %v", err)
		}
		got = call(x.Holders(ctx, kg.HolderQuery{Title: "市长"})).must(t, "Holders")
		check(t, "Holders(市长) without 马三", holderKeys(got), want[:len(want)-1])
	}),
	explore("InvalidQueries", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		write(t, s, kg.WriteCreated, newHolderFixture().reports...)
		for what, q := range map[string]kg.HolderQuery{
			"no title":              {},
			"no title, a division":  {DivisionID: SynCity().ID},
			"month 13":              {Title: "市长", At: kg.Date{Year: 2020, Month: 13}},
			"a day without a month": {Title: "市长", At: kg.Date{Day: 5}},
			"year 999":              {Title: "市长", At: kg.Date{Year: 999}},
			"February 30":           {Title: "市长", At: kg.Date{Year: 2020, Month: 2, Day: 30}},
		} {
			_, err := x.Holders(ctx, q)
			wantErr(t, "Holders("+what+")", err, kg.ErrInvalidInput)
		}
	}),
}

// Stats, as the cases pin it down:
//
//   - The selected meetings are those held in the division or in a
//     division below it (following ParentID, any depth), with dates in
//     range (Date.InRange). An unknown division selects nothing; a meeting
//     of unknown division is selected only without a division.
//   - MeetingsPerMonth counts meetings whose date has a year and a month
//     (precision day or month), by YYYY-MM, ascending.
//   - ParticipationsPerRole counts (official, meeting) pairs by each role
//     of the pair's merged roles (after kg.MostSpecific), so a pair that
//     presided and spoke counts once for each and not as attended; roles
//     with no pair are left out; order kg.RoleRank.
//   - TopOfficials counts the selected meetings each official took part in,
//     in any role; DirectivesPerIssuer the directives of the selected
//     meetings by IssuerID; TopReportingDivisions the selected meetings at
//     which a division took part with the role reported, wherever that
//     division lies. Each lists only counts above 0.
//   - Top bounds the three ranked lists only (0 means 10); a negative Top
//     or one above kg.MaxPageSize is ErrInvalidInput, as is a From or To
//     that kg.ParseDate would not read back from its String.

func month(m string, n int) kg.MonthCount { return kg.MonthCount{Month: m, Count: n} }

func roleCount(r kg.Role, n int) kg.RoleCount { return kg.RoleCount{Role: r, Count: n} }

// issuer is an issuer's count with the issuing official as the store's
// getter reads it; none for the meeting itself.
func issuer(t *testing.T, s kg.Store, id string, n int) kg.IssuerCount {
	t.Helper()
	c := kg.IssuerCount{IssuerID: id, Count: n}
	if id != kg.IssuerMeeting {
		c.Official = call(s.Official(t.Context(), id)).must(t, "Official")
	}
	return c
}

func officialCount(t *testing.T, s kg.Store, id string, n int) kg.OfficialCount {
	t.Helper()
	return kg.OfficialCount{Official: call(s.Official(t.Context(), id)).must(t, "Official"), Count: n}
}

func divisionCount(d kg.Division, n int) kg.DivisionCount {
	return kg.DivisionCount{Division: d, Count: n}
}

// worldStats is what Stats gives over the whole world.
func worldStats(t *testing.T, s kg.Store, w *world) kg.Stats {
	t.Helper()
	oc := func(id string, n int) kg.OfficialCount { return officialCount(t, s, id, n) }
	var issuers []kg.IssuerCount
	issuers = append(issuers, issuer(t, s, w.wang, 3), issuer(t, s, kg.IssuerMeeting, 1))
	for _, id := range sortedIDs(w.li, w.qian, w.zhao) {
		issuers = append(issuers, issuer(t, s, id, 1))
	}
	return kg.Stats{
		Meetings: 5,
		// M3 (--03-15) has no year; M4 (2020-03) counts in its month.
		MeetingsPerMonth: []kg.MonthCount{month("2020-02", 1), month("2020-03", 2), month("2021-01", 1)},
		ParticipationsPerRole: []kg.RoleCount{
			roleCount(kg.RolePresided, 3), roleCount(kg.RoleSpoke, 3), roleCount(kg.RoleReported, 1), roleCount(kg.RoleAttended, 7),
		},
		// Ties by name: 李 U+674E < 钱 U+94B1, 孙 U+5B59 < 欧 U+6B27.
		TopOfficials: []kg.OfficialCount{
			oc(w.wang, 4), oc(w.li, 3), oc(w.qian, 3), oc(w.zhao, 2), oc(w.sun, 1), oc(w.ouyang, 1),
		},
		// "meeting" sorts before every official's ID.
		DirectivesPerIssuer: issuers,
		// 甲市 also attended M4, which does not count.
		TopReportingDivisions: []kg.DivisionCount{
			divisionCount(SynCity(), 1), divisionCount(SynOtherCity(), 1), divisionCount(SynDistrict(), 1),
		},
	}
}

var statsCases = []testCase{
	explore("World", func(t *testing.T, s kg.Store, x kg.Explorer) {
		w := newWorld()
		w.load(t, s)
		want := worldStats(t, s, w)
		check(t, "Stats()", call(x.Stats(t.Context(), kg.StatsFilter{})).must(t, "Stats"), want)
		// The province holds every division of the world.
		check(t, "Stats(测试省)", call(x.Stats(t.Context(), kg.StatsFilter{DivisionID: SynProvince().ID})).must(t, "Stats"), want)
	}),
	explore("Seed", func(t *testing.T, s kg.Store, x kg.Explorer) {
		write(t, s, kg.WriteCreated, SeedFacts())
		var top []kg.OfficialCount
		for _, name := range seedOfficialOrder[:10] {
			top = append(top, officialCount(t, s, SeedOfficialID(name), 1))
		}
		var reporting []kg.DivisionCount
		for _, name := range []string{"娄星区", "双峰县", "新化县", "冷水江市", "涟源市", "万宝新区", "娄底经开区"} {
			reporting = append(reporting, divisionCount(seedDivision(name), 1))
		}
		want := kg.Stats{
			Meetings:              1,
			MeetingsPerMonth:      []kg.MonthCount{month("2020-02", 1)},
			ParticipationsPerRole: []kg.RoleCount{roleCount(kg.RolePresided, 1), roleCount(kg.RoleSpoke, 2), roleCount(kg.RoleAttended, 9)},
			TopOfficials:          top,
			DirectivesPerIssuer: []kg.IssuerCount{
				issuer(t, s, SeedOfficialID("刘非"), 15), issuer(t, s, SeedOfficialID("杨懿文"), 3),
			},
			TopReportingDivisions: reporting,
		}
		for _, div := range []string{"", SeedDivisionID("娄底市"), SeedDivisionID("湖南省")} {
			check(t, "Stats(division "+div+")", call(x.Stats(t.Context(), kg.StatsFilter{DivisionID: div})).must(t, "Stats"), want)
		}
		// The meeting was held in 娄底市, not within 娄星区, which reported.
		check(t, "Stats(娄星区)", call(x.Stats(t.Context(), kg.StatsFilter{DivisionID: SeedDivisionID("娄星区")})).must(t, "Stats"), kg.Stats{})
	}),
	explore("DivisionsWithinTheFilter", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		oc := func(id string, n int) kg.OfficialCount { return officialCount(t, s, id, n) }
		var ones []kg.OfficialCount
		for _, id := range []string{w.sun, w.li, w.ouyang, w.qian} {
			ones = append(ones, oc(id, 1))
		}
		tests := []struct {
			name     string
			division string
			want     kg.Stats
		}{
			// 甲市 holds M1 and M3, and 丙区 within it M5.
			{"甲市", SynCity().ID, kg.Stats{
				Meetings:              3,
				MeetingsPerMonth:      []kg.MonthCount{month("2020-02", 1), month("2021-01", 1)},
				ParticipationsPerRole: []kg.RoleCount{roleCount(kg.RolePresided, 2), roleCount(kg.RoleSpoke, 2), roleCount(kg.RoleAttended, 4)},
				TopOfficials:          append([]kg.OfficialCount{oc(w.wang, 2), oc(w.zhao, 2)}, ones...),
				DirectivesPerIssuer:   []kg.IssuerCount{issuer(t, s, w.wang, 3), issuer(t, s, kg.IssuerMeeting, 1), issuer(t, s, w.zhao, 1)},
				// 丙区 reported at M1, held in 甲市.
				TopReportingDivisions: []kg.DivisionCount{divisionCount(SynDistrict(), 1)},
			}},
			{"乙市", SynOtherCity().ID, kg.Stats{
				Meetings:              1,
				MeetingsPerMonth:      []kg.MonthCount{month("2020-03", 1)},
				ParticipationsPerRole: []kg.RoleCount{roleCount(kg.RolePresided, 1), roleCount(kg.RoleReported, 1), roleCount(kg.RoleAttended, 1)},
				TopOfficials:          []kg.OfficialCount{oc(w.li, 1), oc(w.wang, 1), oc(w.qian, 1)},
				DirectivesPerIssuer:   []kg.IssuerCount{issuer(t, s, w.li, 1)},
			}},
			{"丙区", SynDistrict().ID, kg.Stats{
				Meetings:              1,
				MeetingsPerMonth:      []kg.MonthCount{month("2021-01", 1)},
				ParticipationsPerRole: []kg.RoleCount{roleCount(kg.RolePresided, 1), roleCount(kg.RoleAttended, 1)},
				TopOfficials:          []kg.OfficialCount{oc(w.zhao, 1), oc(w.qian, 1)},
				DirectivesPerIssuer:   []kg.IssuerCount{issuer(t, s, w.zhao, 1)},
			}},
			{"unknown", unknownID(kg.KindDivision), kg.Stats{}},
			{"an official's ID", w.wang, kg.Stats{}},
		}
		for _, tt := range tests {
			got := call(x.Stats(ctx, kg.StatsFilter{DivisionID: tt.division})).must(t, "Stats("+tt.name+")")
			check(t, "Stats("+tt.name+")", got, tt.want)
		}
	}),
	explore("DateRange", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		oc := func(id string, n int) kg.OfficialCount { return officialCount(t, s, id, n) }
		var march []kg.IssuerCount
		for _, id := range sortedIDs(w.li, w.qian) {
			march = append(march, issuer(t, s, id, 1))
		}
		got := call(x.Stats(ctx, kg.StatsFilter{From: date(t, "2020-03"), To: date(t, "2020-03")})).must(t, "Stats")
		// M2 and M4; M3 (--03-15) has no year and is outside every range.
		check(t, "Stats(2020-03)", got, kg.Stats{
			Meetings:              2,
			MeetingsPerMonth:      []kg.MonthCount{month("2020-03", 2)},
			ParticipationsPerRole: []kg.RoleCount{roleCount(kg.RolePresided, 1), roleCount(kg.RoleSpoke, 1), roleCount(kg.RoleReported, 1), roleCount(kg.RoleAttended, 3)},
			// 李 U+674E < 王 U+738B < 钱 U+94B1.
			TopOfficials:          []kg.OfficialCount{oc(w.li, 2), oc(w.wang, 2), oc(w.qian, 2)},
			DirectivesPerIssuer:   march,
			TopReportingDivisions: []kg.DivisionCount{divisionCount(SynCity(), 1), divisionCount(SynOtherCity(), 1)},
		})
		tests := []struct {
			name     string
			filter   kg.StatsFilter
			meetings int
		}{
			{"from a year", kg.StatsFilter{From: date(t, "2021")}, 1},
			{"up to a day", kg.StatsFilter{To: date(t, "2020-02-26")}, 1},
			{"a day range", kg.StatsFilter{From: date(t, "2020-03-01"), To: date(t, "2020-03-31")}, 1},
			{"a year range", kg.StatsFilter{From: date(t, "2020"), To: date(t, "2020")}, 3},
			{"before everything", kg.StatsFilter{To: date(t, "2019")}, 0},
			{"range and division", kg.StatsFilter{DivisionID: SynCity().ID, From: date(t, "2020")}, 2},
		}
		for _, tt := range tests {
			got := call(x.Stats(ctx, tt.filter)).must(t, "Stats("+tt.name+")")
			check(t, "Stats("+tt.name+").Meetings", got.Meetings, tt.meetings)
		}
	}),
	explore("MonthsOnlyOfDatesWithAMonth", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		b := Synthetic("year-only", "2020-12-31")
		m := b.Meeting("甲市年度会议", "2020", "工作会议", SynCity())
		b.Participant(m, b.Official("王一", "wang yi", "王壹"), roles(kg.RolePresided))
		write(t, s, kg.WriteCreated, b.Facts())
		got := call(x.Stats(ctx, kg.StatsFilter{})).must(t, "Stats")
		check(t, "Stats().Meetings", got.Meetings, 6)
		check(t, "Stats().MeetingsPerMonth", got.MeetingsPerMonth, []kg.MonthCount{month("2020-02", 1), month("2020-03", 2), month("2021-01", 1)})
		check(t, "Stats().ParticipationsPerRole", got.ParticipationsPerRole, []kg.RoleCount{
			roleCount(kg.RolePresided, 4), roleCount(kg.RoleSpoke, 3), roleCount(kg.RoleReported, 1), roleCount(kg.RoleAttended, 7),
		})
		got = call(x.Stats(ctx, kg.StatsFilter{From: date(t, "2020"), To: date(t, "2020")})).must(t, "Stats")
		check(t, "Stats(2020).Meetings", got.Meetings, 4)
		check(t, "Stats(2020).MeetingsPerMonth", got.MeetingsPerMonth, []kg.MonthCount{month("2020-02", 1), month("2020-03", 2)})
	}),
	explore("RolesAfterMostSpecific", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		report := func(key string, wuRoles []kg.Role) *kg.ReportFacts {
			b := Synthetic(key, "2021-06-01")
			m := b.Meeting("角色会议", "2021-06-01", "部署会议", SynCity())
			b.Participant(m, b.Official("周甲", "zhou jia"), roles(kg.RoleAttended, kg.RoleSpoke, kg.RolePresided))
			b.Participant(m, b.Official("吴乙", "wu yi"), wuRoles)
			b.Participant(m, b.Official("郑丙", "zheng bing"), roles(kg.RoleReported, kg.RoleAttended))
			return b.Facts()
		}
		write(t, s, kg.WriteCreated, report("roles-1", roles(kg.RoleAttended)))
		got := call(x.Stats(ctx, kg.StatsFilter{})).must(t, "Stats")
		check(t, "ParticipationsPerRole", got.ParticipationsPerRole, []kg.RoleCount{
			roleCount(kg.RolePresided, 1), roleCount(kg.RoleSpoke, 1), roleCount(kg.RoleReported, 1), roleCount(kg.RoleAttended, 1),
		})
		// A second report says 吴乙 spoke: merged, the pair spoke and no
		// longer counts as attended.
		write(t, s, kg.WriteCreated, report("roles-2", roles(kg.RoleSpoke)))
		got = call(x.Stats(ctx, kg.StatsFilter{})).must(t, "Stats")
		check(t, "ParticipationsPerRole after the second report", got.ParticipationsPerRole, []kg.RoleCount{
			roleCount(kg.RolePresided, 1), roleCount(kg.RoleSpoke, 2), roleCount(kg.RoleReported, 1),
		})
		check(t, "Meetings", got.Meetings, 1)
		check(t, "len(TopOfficials)", len(got.TopOfficials), 3)
	}),
	explore("TopBound", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		w := newWorld()
		w.load(t, s)
		full := worldStats(t, s, w)
		got := call(x.Stats(ctx, kg.StatsFilter{Top: 2})).must(t, "Stats(top 2)")
		want := full
		want.TopOfficials = full.TopOfficials[:2]
		want.DirectivesPerIssuer = full.DirectivesPerIssuer[:2]
		want.TopReportingDivisions = full.TopReportingDivisions[:2]
		// Months and roles are not ranked lists: Top leaves them whole.
		check(t, "Stats(top 2)", got, want)
		got = call(x.Stats(ctx, kg.StatsFilter{Top: kg.MaxPageSize})).must(t, "Stats(top max)")
		check(t, "Stats(top max)", got, full)

		b := Synthetic("crowd-stats", "2021-10-02")
		m := b.Meeting("大会", "2021-10-02", "部署会议", SynCity())
		var crowd []string
		for i := range 25 {
			id := b.Official("与会者"+string(rune('A'+i)), "yu hui zhe")
			crowd = append(crowd, id)
			b.Participant(m, id, roles(kg.RoleAttended))
			b.Directive(m, id, "要"+string(rune('A'+i)))
		}
		write(t, s, kg.WriteCreated, b.Facts())
		got = call(x.Stats(ctx, kg.StatsFilter{From: date(t, "2021-10")})).must(t, "Stats(top 0)")
		var top []kg.OfficialCount
		for _, id := range crowd[:10] {
			top = append(top, officialCount(t, s, id, 1))
		}
		check(t, "Stats(top 0).TopOfficials", got.TopOfficials, top)
		var issuers []kg.IssuerCount
		for _, id := range sortedIDs(crowd...)[:10] {
			issuers = append(issuers, issuer(t, s, id, 1))
		}
		check(t, "Stats(top 0).DirectivesPerIssuer", got.DirectivesPerIssuer, issuers)
		got = call(x.Stats(ctx, kg.StatsFilter{From: date(t, "2021-10"), Top: 30})).must(t, "Stats(top 30)")
		check(t, "len(Stats(top 30).TopOfficials)", len(got.TopOfficials), 25)

		for what, f := range map[string]kg.StatsFilter{
			"negative top":     {Top: -1},
			"top over maximum": {Top: kg.MaxPageSize + 1},
			"from month 13":    {From: kg.Date{Year: 2020, Month: 13}},
			"to a lone day":    {To: kg.Date{Day: 5}},
		} {
			_, err := x.Stats(ctx, f)
			wantErr(t, "Stats("+what+")", err, kg.ErrInvalidInput)
		}
	}),
	explore("EmptyStoreAndDeletes", func(t *testing.T, s kg.Store, x kg.Explorer) {
		ctx := t.Context()
		check(t, "Stats() of an empty store", call(x.Stats(ctx, kg.StatsFilter{})).must(t, "Stats"), kg.Stats{})
		w := newWorld()
		w.load(t, s)
		for _, f := range w.reports {
			if err := s.DeleteReport(ctx, f.Report.ID); err != nil {
				t.Fatalf("DeleteReport error: %v", err)
			}
		}
		check(t, "Stats() after deleting everything", call(x.Stats(ctx, kg.StatsFilter{})).must(t, "Stats"), kg.Stats{})
		// And a meeting without a division counts only without the filter.
		b := Synthetic("nowhere", "2021-05-05")
		m := b.Meeting("无地会议", "2021-05-05", "座谈会", kg.Division{})
		b.Participant(m, b.Official("无地", "wu di"), roles(kg.RoleSpoke))
		write(t, s, kg.WriteCreated, b.Facts())
		check(t, "Stats().Meetings", call(x.Stats(ctx, kg.StatsFilter{})).must(t, "Stats").Meetings, 1)
		check(t, "Stats(测试省).Meetings", call(x.Stats(ctx, kg.StatsFilter{DivisionID: SynProvince().ID})).must(t, "Stats").Meetings, 0)
	}),
}
