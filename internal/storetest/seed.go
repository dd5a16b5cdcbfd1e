package storetest

import (
	"strings"

	"officialgraph/internal/kg"
)

// SeedSHA256 is the hex SHA-256 of corpus/seed/loudi-2020-02-26.txt, the
// report SeedFacts is read from. The report has no URL, so its ID derives
// from this hash.
const SeedSHA256 = "e55aae3d5e63448b7dcde94cbb92bc38640113dba925a50a26efe7b00c121fcb"

// The seed report's identifiers, derived with the kg ID functions exactly as
// the ingestion pipeline derives them.
var (
	// SeedReportID names the seed report.
	SeedReportID = kg.ReportID("", SeedSHA256)
	// SeedMeetingID names the one meeting of the seed report.
	SeedMeetingID = kg.MeetingID(SeedDivisionID("娄底市"), seedDate, seedMeetingName)
)

var seedDate = kg.Date{Year: 2020, Month: 2, Day: 26}

const seedMeetingName = "娄底市统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议"

// seedDivisions are the divisions the seed report names, parents first. The
// two development zones are not in the statistics bureau's list, so they have
// no code and are named within their city.
var seedDivisions = []struct {
	name, code, parent string
	level              kg.Level
}{
	{"湖南省", "43", "", kg.LevelProvince},
	{"娄底市", "4313", "湖南省", kg.LevelCity},
	{"娄星区", "431302", "娄底市", kg.LevelCounty},
	{"冷水江市", "431381", "娄底市", kg.LevelCounty},
	{"涟源市", "431382", "娄底市", kg.LevelCounty},
	{"双峰县", "431321", "娄底市", kg.LevelCounty},
	{"新化县", "431322", "娄底市", kg.LevelCounty},
	{"娄底经开区", "", "娄底市", kg.LevelCounty},
	{"万宝新区", "", "娄底市", kg.LevelCounty},
}

// SeedDivisionID returns the ID of a division the seed report names (the
// seven that reported, 娄底市 and its province 湖南省), or "" for any other
// name.
func SeedDivisionID(name string) string {
	for _, d := range seedDivisions {
		if d.name == name {
			parent := ""
			if d.parent != "" {
				parent = SeedDivisionID(d.parent)
			}
			return kg.DivisionID(d.code, parent, name)
		}
	}
	return ""
}

// SeedOfficialID returns the ID of an official of the seed report by
// canonical name. Officials serve in 娄底市 and are scoped to it, except the
// garbled 张?, who is scoped to the report so that no other report's 张? is
// ever taken for the same person.
func SeedOfficialID(name string) string {
	if strings.Contains(name, "?") {
		return kg.OfficialID(SeedReportID, name)
	}
	return kg.OfficialID(SeedDivisionID("娄底市"), name)
}

// seedPositions are the offices the seed report's titles name, all in 娄底市.
var seedPositions = []struct{ title, org string }{
	{"市委书记", "娄底市委"},
	{"市人大常委会主任", "娄底市人大常委会"},
	{"市委副书记", "娄底市委"},
	{"市长", "娄底市人民政府"},
}

// SeedPositionID returns the ID of a position of the seed report by title:
// 市委书记, 市人大常委会主任, 市委副书记 or 市长.
func SeedPositionID(title string) string {
	for _, p := range seedPositions {
		if p.title == title {
			return kg.PositionID(p.title, p.org, SeedDivisionID("娄底市"))
		}
	}
	return ""
}

// The sentences of the seed report that its facts are read from, in
// canonical form, with their byte offsets in the original (traditional,
// annotated) text.
var (
	seedCaption = kg.Evidence{
		Sentence: "娄底市委书记、市人大常委会主任刘非,市委副书记、市长杨懿文出席会议并讲话",
		Offset:   521,
	}
	seedPresided = kg.Evidence{
		Sentence: "市委副书记华学健主持会议,姚兵、石艳萍、张?、吴建平、尹华凯、毛健刚、陈旌、罗玉生、方建荣等市委、市人大常委会、市政府、市政协全体在职市级领导在主会场参加会议。",
		Offset:   1430,
	}
	seedReported = kg.Evidence{
		Sentence: "会上,娄星区冷水江市、涟源市、双峰县新化县、娄底经开区、万宝新区分别汇报了疫情防控和经济社会发展工作情况。",
		Offset:   9839,
	}
)

// seedParticipants lists the meeting's participants in the order the report
// names them; written is the form in the original text.
var seedParticipants = []struct {
	name, written, pinyin string
	role                  kg.Role
	titles                []string
	evidence              kg.Evidence
}{
	{"刘非", "劉非", "liu fei", kg.RoleSpoke, []string{"娄底市委书记", "市人大常委会主任"}, seedCaption},
	{"杨懿文", "楊懿文", "yang yi wen", kg.RoleSpoke, []string{"市委副书记", "市长"}, seedCaption},
	{"华学健", "華學健", "hua xue jian", kg.RolePresided, []string{"市委副书记"}, seedPresided},
	{"姚兵", "姚兵", "yao bing", kg.RoleAttended, nil, seedPresided},
	{"石艳萍", "石艷萍", "shi yan ping", kg.RoleAttended, nil, seedPresided},
	{"张?", "張?", "zhang ?", kg.RoleAttended, nil, seedPresided},
	{"吴建平", "吳建平", "wu jian ping", kg.RoleAttended, nil, seedPresided},
	{"尹华凯", "尹華凱", "yin hua kai", kg.RoleAttended, nil, seedPresided},
	{"毛健刚", "毛健剛", "mao jian gang", kg.RoleAttended, nil, seedPresided},
	{"陈旌", "陳旌", "chen jing", kg.RoleAttended, nil, seedPresided},
	{"罗玉生", "羅玉生", "luo yu sheng", kg.RoleAttended, nil, seedPresided},
	{"方建荣", "方建榮", "fang jian rong", kg.RoleAttended, nil, seedPresided},
}

// seedTenures are the offices the report's titles show officials holding.
var seedTenures = []struct {
	official, title string
	evidence        kg.Evidence
}{
	{"刘非", "市委书记", seedCaption},
	{"刘非", "市人大常委会主任", seedCaption},
	{"杨懿文", "市委副书记", seedCaption},
	{"杨懿文", "市长", seedCaption},
	{"华学健", "市委副书记", seedPresided},
}

// seedReporting are the divisions that reported to the meeting, in the order
// the report names them.
var seedReporting = []string{"娄星区", "冷水江市", "涟源市", "双峰县", "新化县", "娄底经开区", "万宝新区"}

// seedDirectives are the instructions the two speakers gave, in the order
// the report gives them; each issuer's ordinals count from 1. Each text is
// its own evidence, found at offset in the original text.
var seedDirectives = []struct {
	issuer, text string
	offset       int
}{
	{"刘非", "一是要进一步完善网格化防控体系,完善网格联络员制度,推动防控力量下沉到网格,不断充实完善新的网格。", 3509},
	{"刘非", "二是要加强行业监管,确保重点场所防疫安全,逐一明确监管的责任单位,不能有盲区,行业部门要承担起监督检查的责任。", 3710},
	{"刘非", "三是要加强对重点疫区人员的快速识别和精准管控,综合运用大数据和网格防控等手段,第一时间落地查人,严格实行集中隔离。", 3934},
	{"刘非", "四是要全力以赴做好救治工作,坚持中西医结合,充分发挥专家组作用,使无症状感染者和轻症患者早日康复出院。", 4180},
	{"刘非", "五是要强化物资保障,想办法把娄底市现有口罩生产企业产能提上来。", 4614},
	{"刘非", "六是要加强宣传教育和舆论引导,及时准确发布疫情信息,积极报道联防联控的措施成效,广泛普及疫情防控知识。", 4739},
	{"刘非", "七是要切实维护社会正常秩序,完善矛盾纠纷源头预防、排查预警、多元化解机制,及时化解疫情防控中出现的苗头性、趋势性问题。", 5049},
	{"刘非", "在分区分级精准复工复产上,要进一步落实省委、省政府相关工作要求和具体实施方案,有序恢复生产生活秩序。", 5435},
	{"刘非", "在对接落实国家宏观调节政策上,要把国家已经出台的财政贴息、大规模降费、缓交税款等政策尽快落实到企业。", 5652},
	{"刘非", "在全面强化稳就业举措上,要突出抓好农民工就近就业、外出务工组织服务、企业稳岗措施落实以及高校毕业生等重点人群就业工作。", 5982},
	{"刘非", "在完成脱贫攻坚任务上,要努力克服疫情影响,狠抓工作落实,确保脱贫路上不漏一户、不落一人。", 6232},
	{"刘非", "在推动企业复工复产上,要注重物流企业的优先恢复,注重产业链协同,突出抓好项目建设,推进互联网产业发展。", 6462},
	{"刘非", "在抓好春季农业生产上,要抓紧解决影响春耕备耕的突出问题,组织好农资生产、流通、供应,确保农业生产不误农时。", 6844},
	{"刘非", "在保障基本民生上,要抓好“米袋子”和“菜篮子”,保障主副食品供应,管控好物价。", 7139},
	{"刘非", "在稳外贸稳外资上,要指导企业用好出口退税、信保等工具包,帮助外贸企业解决实际困难。", 7465},
	{"杨懿文", "要进一步压实防控责任、落细防控措施、突出防控重点、严明防控纪律。", 8722},
	{"杨懿文", "要抓实政策落地、人员返岗、交通保畅、难题化解、安全生产等工作,有力有序推进复工复产。", 8969},
	{"杨懿文", "要统筹推进疫情防控和经济社会发展,全力做好“六稳”工作,尤其要做好稳就业工作。", 9176},
}

// SeedFacts returns the facts of the seed report, a real report of 娄底市's
// meeting of 2020-02-26 (corpus/seed/loudi-2020-02-26.txt): 华学健 presided,
// 刘非 and 杨懿文 spoke, nine officials attended (among them the garbled 张?),
// seven divisions reported, and the two speakers gave eighteen directives.
//
// Every call returns a new value that the caller may change.
func SeedFacts() *kg.ReportFacts {
	f := &kg.ReportFacts{
		Report: kg.Report{
			ID:          SeedReportID,
			Title:       "刘非在全市统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议上强调",
			PublishedAt: seedDate,
			Journalists: []string{"刘婷", "邹武雄"},
			SHA256:      SeedSHA256,
		},
	}
	ev := func(e kg.Evidence) kg.Evidence {
		e.ReportID = SeedReportID
		return e
	}
	for _, d := range seedDivisions {
		parent := ""
		if d.parent != "" {
			parent = SeedDivisionID(d.parent)
		}
		f.Divisions = append(f.Divisions, kg.Division{
			ID:       SeedDivisionID(d.name),
			Name:     d.name,
			Level:    d.level,
			ParentID: parent,
			Code:     d.code,
		})
	}
	loudi := SeedDivisionID("娄底市")
	for _, p := range seedPositions {
		f.Positions = append(f.Positions, kg.Position{
			ID:           SeedPositionID(p.title),
			Title:        p.title,
			Organization: p.org,
			DivisionID:   loudi,
		})
	}
	f.Meetings = []kg.Meeting{{
		ID:         SeedMeetingID,
		Name:       seedMeetingName,
		Date:       seedDate,
		Kind:       "部署会议",
		DivisionID: loudi,
	}}
	for i, p := range seedParticipants {
		o := kg.Official{
			ID:      SeedOfficialID(p.name),
			Name:    p.name,
			Pinyin:  p.pinyin,
			Garbled: strings.Contains(p.name, "?"),
		}
		if p.written != p.name {
			o.Aliases = []string{p.written}
		}
		f.Officials = append(f.Officials, o)
		f.Participations = append(f.Participations, kg.Participation{
			OfficialID: o.ID,
			MeetingID:  SeedMeetingID,
			Roles:      []kg.Role{p.role},
			Titles:     append([]string(nil), p.titles...),
			Alias:      p.written,
			Order:      i,
			Evidence:   ev(p.evidence),
		})
	}
	for _, t := range seedTenures {
		f.Tenures = append(f.Tenures, kg.Tenure{
			OfficialID: SeedOfficialID(t.official),
			PositionID: SeedPositionID(t.title),
			Seen:       seedDate,
			Evidence:   ev(t.evidence),
		})
	}
	for _, name := range seedReporting {
		f.DivisionParticipations = append(f.DivisionParticipations, kg.DivisionParticipation{
			DivisionID: SeedDivisionID(name),
			MeetingID:  SeedMeetingID,
			Role:       kg.RoleReported,
			Evidence:   ev(seedReported),
		})
	}
	ordinals := map[string]int{}
	for _, d := range seedDirectives {
		issuer := SeedOfficialID(d.issuer)
		ordinals[issuer]++
		f.Directives = append(f.Directives, kg.Directive{
			ID:        kg.DirectiveID(SeedMeetingID, issuer, ordinals[issuer], d.text),
			MeetingID: SeedMeetingID,
			IssuerID:  issuer,
			Ordinal:   ordinals[issuer],
			Text:      d.text,
			Evidence:  []kg.Evidence{{ReportID: SeedReportID, Sentence: d.text, Offset: d.offset}},
		})
	}
	return f
}

// SeedCounts returns what a store holds after writing only SeedFacts.
func SeedCounts() kg.Counts {
	return kg.Counts{
		Reports:                1,
		Officials:              12,
		Positions:              4,
		Meetings:               1,
		Divisions:              9,
		Directives:             18,
		Participations:         12,
		Tenures:                5,
		DivisionParticipations: 7,
	}
}
