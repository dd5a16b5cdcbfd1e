package extract

import (
	"reflect"
	"strings"
	"testing"
)

// The snippets below are invented; no name in them refers to anyone.

func mustExtract(t *testing.T, text string, meta Meta) *Report {
	t.Helper()
	rep, err := Extract(t.Context(), []byte(text), meta)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return rep
}

// person is a participant reduced to what a rule decides.
type person struct {
	Name      string
	Roles     string
	Positions string
}

func people(rep *Report) []person {
	var out []person
	for _, m := range rep.Meetings {
		for _, p := range m.Participants {
			out = append(out, person{p.Name, strings.Join(p.Roles, ","), strings.Join(p.Positions, ",")})
		}
	}
	return out
}

func TestParticipants(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []person
	}{
		{
			"title chain and two roles",
			"市委书记、市长张一主持会议并讲话。",
			[]person{{"张一", "presided,spoke", "市委书记,市长"}},
		},
		{
			"traditional caption, clause without a verb",
			"（臨江市委書記李二，市委副書記、市長王三出席會議並講話）",
			[]person{{"李二", "spoke", "临江市委书记"}, {"王三", "spoke", "市委副书记,市长"}},
		},
		{
			"plural title handed on, unique title not",
			"市委常委赵四、钱五，副市长孙六出席会议。",
			[]person{{"赵四", "attended", "市委常委"}, {"钱五", "attended", "市委常委"}, {"孙六", "attended", "副市长"}},
		},
		{
			"list closed by 等 and a group",
			"周七、吴八、郑九等市级领导在主会场参加会议。",
			[]person{{"周七", "attended", ""}, {"吴八", "attended", ""}, {"郑九", "attended", ""}},
		},
		{
			"headline with names run together",
			"冯十讲话 陈一主持 褚二卫三等出席",
			[]person{{"冯十", "spoke", ""}, {"陈一", "presided", ""}, {"褚二", "attended", ""}, {"卫三", "attended", ""}},
		},
		{
			"generic attendees only",
			"全体在职市级领导参加会议。",
			nil,
		},
		{
			"presided by, passive",
			"会议由市委副书记蒋四主持。",
			[]person{{"蒋四", "presided", "市委副书记"}},
		},
		{
			"names after the verb",
			"出席会议的还有：市委常委沈五、韩六。",
			[]person{{"沈五", "attended", "市委常委"}, {"韩六", "attended", "市委常委"}},
		},
		{
			"lost character kept",
			"市委常委杨?、朱七出席会议。",
			[]person{{"杨?", "attended", "市委常委"}, {"朱七", "attended", "市委常委"}},
		},
		{
			"quoted leader is not a participant",
			"市委书记秦八强调，要深入学习习近平总书记重要讲话精神。",
			[]person{{"秦八", "spoke", "市委书记"}},
		},
		{
			"speech in a speech",
			"尤九同志在讲话中指出，要抓好落实。",
			[]person{{"尤九", "spoke", ""}},
		},
		{
			"compound surname",
			"副市长欧阳十出席会议。",
			[]person{{"欧阳十", "attended", "副市长"}},
		},
		{
			"name before a short title",
			"许一书记在会上强调，要压实责任。",
			[]person{{"许一", "spoke", "书记"}},
		},
		{
			"heard reports",
			"会议听取了市委常委何二的工作汇报。",
			[]person{{"何二", "reported", "市委常委"}},
		},
		{
			"names known from elsewhere share the next verb",
			"姚一、石二参加会议。\n\n姚一，石二出席并讲话。",
			[]person{{"姚一", "spoke", ""}, {"石二", "spoke", ""}},
		},
		{
			"presiding while speaking",
			"市委书记严二在主持会议时强调，要狠抓落实。",
			[]person{{"严二", "presided,spoke", "市委书记"}},
		},
		{
			"a surname that is also a preposition",
			"副市长于四在会上讲话。",
			[]person{{"于四", "spoke", "副市长"}},
		},
		{
			"a place phrase holding 到",
			"市委书记金五在推进到户帮扶工作会议上强调，要精准施策。",
			[]person{{"金五", "spoke", "市委书记"}},
		},
		{
			"photo caption",
			"（图为市长华三在会上讲话）",
			[]person{{"华三", "spoke", "市长"}},
		},
		{
			"journalists are not participants",
			"市长吕三出席会议。\n\n新闻网 记者 施四 张五\n",
			[]person{{"吕三", "attended", "市长"}},
		},
		{
			"surnames that are mostly words, after a title only",
			"县委副书记全一、副县长保二出席会议。全体干部参加会议。",
			[]person{{"全一", "attended", "县委副书记"}, {"保二", "attended", "副县长"}},
		},
		{
			"a minority name of four characters after a title",
			"旗委书记白苏达来出席会议并讲话。",
			[]person{{"白苏达来", "spoke", "旗委书记"}},
		},
		{
			"a given name with 里 after a title",
			"青山果业有限公司总经理熊千里发言。",
			[]person{{"熊千里", "spoke", "青山果业有限公司总经理"}},
		},
		{
			"a post word before the name is no part of it",
			"县长助理李三出席会议。",
			[]person{{"李三", "attended", "县长助理"}},
		},
		{
			"a court is no person",
			"区法院、区检察院负责同志列席会议。",
			nil,
		},
		{
			"a person who 发言 speaks",
			"座谈会上，青山商会会长王四，白水农业有限公司负责人赵五，种植大户钱六先后发言。",
			[]person{{"王四", "spoke", "青山商会会长"}, {"赵五", "spoke", "白水农业有限公司负责人"}, {"钱六", "spoke", ""}},
		},
		{
			"comments, readings and light-verb arrangements speak",
			"副县长孙一作点评，副县长孙二宣读了表彰决定。县委副书记孙三作具体部署。",
			[]person{{"孙一", "spoke", "副县长"}, {"孙二", "spoke", "副县长"}, {"孙三", "spoke", "县委副书记"}},
		},
		{
			"two posts held at once",
			"副市长兼市公安局局长周一出席会议。",
			[]person{{"周一", "attended", "副市长,市公安局局长"}},
		},
		{
			"river chiefs",
			"市委书记、市总河长吴二主持会议。",
			[]person{{"吴二", "presided", "市委书记,市总河长"}},
		},
		{
			"the entourage ends the subject, the verb in a later clause",
			"县委副书记、县长郑一带领县水利局负责同志，深入东河镇、西岭镇，检查防汛工作。副县长郑二一同检查。",
			[]person{{"郑一", "attended", "县委副书记,县长"}, {"郑二", "attended", "副县长"}},
		},
		{
			"the subject goes on to the next clause",
			"市委书记冯一率队到东河县调研，并在县城主持召开座谈会。",
			[]person{{"冯一", "presided", "市委书记"}},
		},
		{
			"a speaker's elaboration is no report",
			"企业家代表陈一、陈二先后发言，介绍了企业经营情况。",
			[]person{{"陈一", "spoke", ""}, {"陈二", "spoke", ""}},
		},
		{
			"titled names before a clause of groups",
			"市政府副秘书长褚一，市发改委、市财政局等部门负责人参加会议。",
			[]person{{"褚一", "attended", "市政府副秘书长"}},
		},
		{
			"heard on a subject",
			"县长卫一听取镇党委书记卫二关于防汛预案的汇报。",
			[]person{{"卫二", "reported", "镇党委书记"}},
		},
		{
			"an office named like a verb is no verb",
			"各责任单位要抓好整改，区两办督查室要跟踪问效。",
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := people(mustExtract(t, tt.text, Meta{}))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("participants of %q:\n got  %v\n want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestGarbledNameWarns(t *testing.T) {
	rep := mustExtract(t, "市委常委杨?、朱七出席会议。", Meta{})
	if len(rep.Meetings) == 0 || len(rep.Meetings[0].Participants) == 0 || !rep.Meetings[0].Participants[0].Garbled {
		t.Fatalf("杨? not marked garbled: %+v", rep.Meetings)
	}
	found := false
	for _, w := range rep.Warnings {
		if w.Code == WarnGarbledName {
			found = true
			if want := strings.Index("市委常委杨?、朱七出席会议。", "杨?"); w.Offset != want {
				t.Errorf("warning offset = %d, want %d", w.Offset, want)
			}
		}
	}
	if !found {
		t.Errorf("no %s warning in %+v", WarnGarbledName, rep.Warnings)
	}
}

type division struct{ Name, Role string }

func TestDivisions(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []division
	}{
		{
			"run together and listed",
			"会上，青山区白水市、东河县西岭县分别汇报了工作情况。",
			[]division{{"青山区", "reported"}, {"白水市", "reported"}, {"东河县", "reported"}, {"西岭县", "reported"}},
		},
		{
			"short zone forms and people behind them",
			"各县市区、临江经开区主要负责人在分会场参加会议。",
			[]division{{"临江经开区", "attended"}},
		},
		{
			"heard reports",
			"会议听取了北湖区、南山区的工作汇报。",
			[]division{{"北湖区", "reported"}, {"南山区", "reported"}},
		},
		{
			"departments are not divisions",
			"市发改委、市财政局负责同志汇报了有关情况。",
			nil,
		},
		{
			"light verbs",
			"会上，青山县作了交流发言，白水新区作表态发言。",
			[]division{{"青山县", "reported"}, {"白水新区", "reported"}},
		},
		{
			"reporting implies attending",
			"青山县在分会场参加会议。会上，青山县汇报了工作。",
			[]division{{"青山县", "reported"}},
		},
		{
			"traditional",
			"會上，東河鄉、西嶺鎮作了表態發言。",
			[]division{{"东河乡", "reported"}, {"西岭镇", "reported"}},
		},
		{
			"kinds of place are not divisions",
			"重点疫区、各工业园区负责人参加会议。",
			nil,
		},
		{
			"a person speaks, a division that 发言 reports",
			"会上，青山县、白水市分别发言。",
			[]division{{"青山县", "reported"}, {"白水市", "reported"}},
		},
		{
			"talks on experience, and those who only attend",
			"东河县西岭县在会上作了经验介绍，南山县北湖县分管负责同志在主会场参加会议。",
			[]division{{"东河县", "reported"}, {"西岭县", "reported"}, {"南山县", "attended"}, {"北湖县", "attended"}},
		},
		{
			"by video",
			"青山县白水市通过视频汇报了防汛情况。",
			[]division{{"青山县", "reported"}, {"白水市", "reported"}},
		},
		{
			"a body and its people",
			"东河县政府主要负责同志、西岭市政协负责同志作交流发言。",
			[]division{{"东河县", "reported"}, {"西岭市", "reported"}},
		},
		{
			"a division heard with a department",
			"会议听取了南山县政府和市水利局的工作汇报。",
			[]division{{"南山县", "reported"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := mustExtract(t, tt.text, Meta{})
			var got []division
			for _, m := range rep.Meetings {
				for _, d := range m.Divisions {
					got = append(got, division{d.Name, d.Role})
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("divisions of %q:\n got  %v\n want %v", tt.text, got, tt.want)
			}
		})
	}
}

type directive struct {
	Issuer  string
	Ordinal int
	Text    string
}

func TestDirectives(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []directive
	}{
		{
			"numbered items after an intro, the heading dropped",
			"张一强调，要抓好三项工作。一是要稳增长，扩内需。二是要防风险。三是要保民生；要兜底线。",
			[]directive{{"张一", 1, "要稳增长，扩内需"}, {"张一", 2, "要防风险"}, {"张一", 3, "要保民生；要兜底线"}},
		},
		{
			"meeting as issuer, items in one sentence",
			"会议要求，一要提高站位；二要压实责任；三要强化督查。",
			[]directive{{"会议", 1, "要提高站位"}, {"会议", 2, "要压实责任"}, {"会议", 3, "要强化督查"}},
		},
		{
			"demand without a modal",
			"会议要求，各地各部门抓好贯彻落实。",
			[]directive{{"会议", 0, "各地各部门抓好贯彻落实"}},
		},
		{
			"themed items, a sentence that goes on with one",
			"李二指出，在产业发展上，要做强主导产业。这是关键。在民生保障上，要兜牢底线。",
			[]directive{{"李二", 1, "在产业发展上，要做强主导产业。这是关键"}, {"李二", 2, "在民生保障上，要兜牢底线"}},
		},
		{
			"themed items split at semicolons",
			"王三强调，在深化改革上，要简政放权；在优化服务上，要一网通办。",
			[]directive{{"王三", 1, "在深化改革上，要简政放权"}, {"王三", 2, "在优化服务上，要一网通办"}},
		},
		{
			"one directive per sentence",
			"赵四强调，要压实责任。要强化督查，确保落实。各级干部要带头。",
			[]directive{{"赵四", 0, "要压实责任"}, {"赵四", 0, "要强化督查，确保落实"}, {"赵四", 0, "各级干部要带头"}},
		},
		{
			"pronoun and a paragraph that goes on",
			"市长钱五出席会议。他强调，要抓好防汛工作。\n\n必须守住安全底线。\n\n会上，青山县汇报了工作。",
			[]directive{{"钱五", 0, "要抓好防汛工作"}, {"钱五", 0, "必须守住安全底线"}},
		},
		{
			"a quoted leader's words are not a directive",
			"孙六指出，习近平总书记强调，要坚持人民至上。",
			nil,
		},
		{
			"leader quoted in its own sentence",
			"孙六强调，要压实责任。习近平总书记指出，要坚持人民至上。",
			[]directive{{"孙六", 0, "要压实责任"}},
		},
		{
			"numbered paragraphs",
			"周七强调，要做好三件事。\n\n第一，要抓项目。\n\n第二，要抓招商。",
			[]directive{{"周七", 1, "要抓项目"}, {"周七", 2, "要抓招商"}},
		},
		{
			"a heading announcing the list in its own paragraph",
			"市长周七出席会议。周七强调，今年要重点抓好以下几个方面：\n\n（一）抓项目建设。\n\n（二）抓招商引资。",
			[]directive{{"周七", 1, "抓项目建设"}, {"周七", 2, "抓招商引资"}},
		},
		{
			"a heading with no list after it stays",
			"周七强调，要做好三件事。要抓项目建设。",
			[]directive{{"周七", 0, "要做好三件事"}, {"周七", 0, "要抓项目建设"}},
		},
		{
			"semicolons that open demands of their own",
			"吴一强调，要紧盯重点行业；要狠抓扬尘管控；市环保局要加强监测预警。",
			[]directive{{"吴一", 0, "要紧盯重点行业"}, {"吴一", 0, "要狠抓扬尘管控"}, {"吴一", 0, "市环保局要加强监测预警"}},
		},
		{
			"a semicolon before a piece that demands nothing",
			"吴二强调，要做好稳就业工作；坚决打好攻坚战，尤其要完成脱贫任务。",
			[]directive{{"吴二", 0, "要做好稳就业工作；坚决打好攻坚战，尤其要完成脱贫任务"}},
		},
		{
			"其一 marks an item",
			"吴三强调，做好以下工作：其一，全面摸清底数。其二，抓好抢救性修缮。",
			[]directive{{"吴三", 1, "全面摸清底数"}, {"吴三", 2, "抓好抢救性修缮"}},
		},
		{
			"the meeting settles without a modal",
			"会议明确，由市文旅局牵头制定实施方案。会议明确了工作重点。",
			[]directive{{"会议", 0, "由市文旅局牵头制定实施方案"}},
		},
		{
			"an assessment is no demand",
			"郑一指出，也要清醒看到，部分项目进度滞后。安全隐患突出，必须引起高度重视。",
			nil,
		},
		{
			"the pronoun refers to the one who acted, not to those who went along",
			"市长冯一检查防汛工作。副市长冯二一同检查。\n\n在东河镇，冯一察看了堤防加固情况。他强调，要落实防汛责任。",
			[]directive{{"冯一", 0, "要落实防汛责任"}},
		},
		{
			"a demand in the middle of a sentence",
			"市长冯三检查安全生产工作。\n\n在一家企业，冯三详细询问了安全生产情况，要求企业严格落实整改措施。",
			[]directive{{"冯三", 0, "企业严格落实整改措施"}},
		},
		{
			"a scene before the speaker",
			"市长冯四出席会议。\n\n调研中，冯四强调，要加快项目建设。在一处工地，他叮嘱施工单位，要落实安全措施。",
			[]directive{{"冯四", 0, "要加快项目建设"}, {"冯四", 0, "施工单位，要落实安全措施"}},
		},
		{
			"a description is not a directive",
			"吴八指出，今年以来，全市经济运行总体平稳，重要指标好于预期。",
			nil,
		},
		{
			"第一 inside a clause is not an item",
			"郑九强调，要第一时间处置，确保安全。",
			[]directive{{"郑九", 0, "要第一时间处置，确保安全"}},
		},
		{
			"traditional with notes",
			"陳(chén)一強(qiáng)調(diào),一是要抓(zhuā)落實(shí);二是要(yào)強化督查。",
			[]directive{{"陈一", 1, "要抓落实"}, {"陈一", 2, "要强化督查"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := mustExtract(t, tt.text, Meta{})
			var got []directive
			for _, m := range rep.Meetings {
				for _, d := range m.Directives {
					got = append(got, directive{d.Issuer, d.Ordinal, d.Text})
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("directives of %q:\n got  %v\n want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestMeetings(t *testing.T) {
	type meeting struct{ Name, Date, Kind, Jurisdiction string }
	tests := []struct {
		name      string
		text      string
		published string
		want      []meeting
	}{
		{
			"convened, with the year from publication",
			"2月26日上午，临江市统筹推进疫情防控工作部署会议召开。",
			"2021-03-01",
			[]meeting{{"临江市统筹推进疫情防控工作部署会议", "2021-02-26", "部署会议", "临江市"}},
		},
		{
			"the body that met names the meeting",
			"3月5日，市委常委会召开会议，研究近期工作。市委书记李一主持会议。",
			"2021-03-06",
			[]meeting{{"市委常委会会议", "2021-03-05", "常委会会议", ""}},
		},
		{
			"presided and convened",
			"4月2日，市长王二主持召开市政府常务会议。",
			"2022-04-03",
			[]meeting{{"市政府常务会议", "2022-04-02", "常务会议", ""}},
		},
		{
			"a meeting studied is not the meeting",
			"市委书记李一强调，要传达学习全省经济工作会议精神，贯彻落实习近平总书记在中央经济工作会议上的重要讲话。",
			"2021-03-06",
			nil,
		},
		{
			"explicit year",
			"2022年12月30日，白水县脱贫攻坚推进会在县行政中心召开。",
			"2023-01-02",
			[]meeting{{"白水县脱贫攻坚推进会", "2022-12-30", "推进会", "白水县"}},
		},
		{
			"year before the publication date",
			"12月30日，白水县脱贫攻坚推进会召开。",
			"2023-01-02",
			[]meeting{{"白水县脱贫攻坚推进会", "2022-12-30", "推进会", "白水县"}},
		},
		{
			"no year known",
			"7月3日，白水县防汛调度会召开。",
			"",
			[]meeting{{"白水县防汛调度会", "--07-03", "调度会", "白水县"}},
		},
		{
			"headline and body name one meeting",
			"李一在全县防汛工作调度会上强调\n\n7月3日，白水县防汛工作调度会召开。县委书记李一出席。",
			"2023-07-04",
			[]meeting{{"白水县防汛工作调度会", "2023-07-03", "调度会", "白水县"}},
		},
		{
			"jurisdiction from a position",
			"5月6日，全市安全生产座谈会召开。临江市委书记李一主持会议。",
			"2023-05-07",
			[]meeting{{"全市安全生产座谈会", "2023-05-06", "座谈会", "临江市"}},
		},
		{
			"day without a month",
			"26日上午，白水县防汛调度会召开。",
			"2023-07-27",
			[]meeting{{"白水县防汛调度会", "2023-07-26", "调度会", "白水县"}},
		},
		{
			"day without a month, month before publication",
			"30日，白水县防汛调度会召开。",
			"2023-08-01",
			[]meeting{{"白水县防汛调度会", "2023-07-30", "调度会", "白水县"}},
		},
		{
			"inspection tour, named by its verb phrase",
			"6月12日，市委书记张三到东河县调研乡村振兴工作。",
			"2023-06-13",
			[]meeting{{"调研乡村振兴工作", "2023-06-12", "调研", ""}},
		},
		{
			"inspection tour of the leader's jurisdiction",
			"6月12日，临江市委书记张三率队到东河县，检查防汛工作。东河县委书记李四陪同。",
			"2023-06-13",
			[]meeting{{"检查防汛工作", "2023-06-12", "检查", "临江市"}},
		},
		{
			"a tour and a meeting on one day",
			"7月5日，市委书记王五到东河县调研茶产业，并主持召开全市茶产业发展座谈会。\n\n当天下午，全市茶产业发展座谈会在东河县召开。",
			"2023-07-06",
			[]meeting{{"调研茶产业", "2023-07-05", "调研", ""}, {"全市茶产业发展座谈会", "2023-07-05", "座谈会", ""}},
		},
		{
			"a meeting, then a dated tour",
			"9月2日上午，市长赵六主持召开全市河长制工作专题会议。\n\n当天下午，赵六率队赴西岭县，调研湿地保护工作。",
			"2023-09-03",
			[]meeting{{"全市河长制工作专题会议", "2023-09-02", "专题会议", ""}, {"调研湿地保护工作", "2023-09-02", "调研", ""}},
		},
		{
			"an undated visit before a meeting is part of it",
			"9月2日，白水县项目建设推进会召开。会前，县长赵七一行实地考察了工业园区建设项目。",
			"2023-09-03",
			[]meeting{{"白水县项目建设推进会", "2023-09-02", "推进会", "白水县"}},
		},
		{
			"a second meeting on the day of the first",
			"9月14日，市委书记钱八主持召开市委常委会会议。\n\n随后，钱八主持召开市委全面深化改革委员会第十二次会议。",
			"2023-09-15",
			[]meeting{{"市委常委会会议", "2023-09-14", "常委会会议", ""}, {"市委全面深化改革委员会第十二次会议", "2023-09-14", "会议", ""}},
		},
		{
			"a headline leaves out a qualifier the body gives",
			"全省农田建设推进会召开\n\n4月25日，全省农田建设现场推进会在临江市召开。",
			"2023-04-27",
			[]meeting{{"全省农田建设现场推进会", "2023-04-25", "推进会", ""}},
		},
		{
			"brackets in one naming",
			"白水市委常委会召开扩大会议\n\n3月15日，市委书记孙九主持召开市委常委会（扩大）会议。",
			"2023-03-16",
			[]meeting{{"白水市委常委会扩大会议", "2023-03-15", "常委会会议", "白水市"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := mustExtract(t, tt.text, Meta{PublishedAt: tt.published})
			var got []meeting
			for _, m := range rep.Meetings {
				if m.Name == "" {
					continue
				}
				got = append(got, meeting{m.Name, m.Date, m.Kind, m.Jurisdiction})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("meetings of %q:\n got  %v\n want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestReportersAndMentioned(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		reporters []string
		mentioned []string
	}{
		{"byline line", "市长王一出席会议。\n\n新闻网 记者 刘二 邹三\n\n免责声明：本文仅代表作者观点。", []string{"刘二", "邹三"}, nil},
		{"inline byline", "本报讯（记者 张四 通讯员 李五）3月5日，市长王一出席会议。", []string{"张四", "李五"}, nil},
		{"name runs into 报道", "记者张四报道\n\n市长王一出席会议。", []string{"张四"}, nil},
		{"traditional byline", "市長王一出席會議。\n\n記者 劉婷 鄒武\n", []string{"刘婷", "邹武"}, nil},
		{"quoted leader", "会议传达学习了习近平总书记重要讲话精神。", nil, []string{"习近平"}},
		{"leader named as the core", "坚定拥护以习近平同志为核心的党中央。", nil, []string{"习近平"}},
		{"a local chairman is no leader", "郑一主席出席会议。", nil, nil},
		{"a source line that names journalists", "市长王一出席会议。\n\n来源：新闻网 记者 刘二 通讯员 邹三\n", []string{"刘二", "邹三"}, nil},
		{"any name after a reporter word", "市长王一出席会议。\n\n（青山县融媒体中心 记者 乌日格 淦二）\n", []string{"乌日格", "淦二"}, nil},
		{"an outlet and its writers", "市长王一出席会议。\n\n（青山县融媒体中心 李??）\n", []string{"李??"}, nil},
		{"an outlet alone names no one", "市长王一出席会议。\n\n（青山县融媒体中心）\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := mustExtract(t, tt.text, Meta{})
			var mentioned []string
			for _, m := range rep.Mentioned {
				mentioned = append(mentioned, m.Name)
			}
			if got := rep.Report.Reporters; !reflect.DeepEqual(got, append([]string{}, tt.reporters...)) {
				t.Errorf("reporters = %v, want %v", got, tt.reporters)
			}
			if !reflect.DeepEqual(mentioned, tt.mentioned) {
				t.Errorf("mentioned = %v, want %v", mentioned, tt.mentioned)
			}
		})
	}
}

func TestLooksLikeName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"刘非", true}, {"杨懿文", true}, {"欧阳建国", true}, {"张?", true},
		{"市长", false}, {"会议", false}, {"刘", false}, {"王小明华", false}, {"的确", false},
		{"重要", false}, {"张的", false},
		{"傅一", true}, {"洪一", true}, {"赖一", true}, {"阎一", true}, {"鲜于一", true},
		{"全体", false}, {"保障", false}, {"区法院", false},
	}
	for _, tt := range tests {
		if got := looksLikeName(tt.in); got != tt.want {
			t.Errorf("looksLikeName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSplitRunTogether(t *testing.T) {
	tests := []struct {
		in    string
		known nameSet
		want  []string
	}{
		{"姚一石二三", nil, []string{"姚一", "石二三"}},
		{"王一二李三", nameSet{"王一二": true}, []string{"王一二", "李三"}},
		{"李明华张三", nameSet{"李明华": true}, []string{"李明华", "张三"}},
		{"李明华张三", nameSet{"李明": true, "华张三": true}, []string{"李明", "华张三"}},
		{"欧阳一二陈三", nil, []string{"欧阳一二", "陈三"}},
		{"市长王一", nil, nil},
	}
	for _, tt := range tests {
		got, _ := splitRunTogether(tt.in, tt.known)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitRunTogether(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDivisionRecognizer(t *testing.T) {
	d := divisionRecognizer{g: defaultGazetteer}
	tests := []struct {
		in   string
		want []string
	}{
		{"娄星区冷水江市", []string{"娄星区", "冷水江市"}},
		{"双峰县新化县", []string{"双峰县", "新化县"}},
		{"娄底经开区", []string{"娄底经开区"}},
		{"万宝新区", []string{"万宝新区"}},
		{"青山县和县", []string{"青山县", "和县"}},
		{"各县市区", nil},
		{"全市", nil},
		{"重点疫区", nil},
		{"城区", nil},
		{"南山区", []string{"南山区"}},
		{"市发改委", nil},
	}
	for _, tt := range tests {
		got, _ := d.segment(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("segment(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// stubGazetteer knows the names it holds.
type stubGazetteer map[string]bool

func (g stubGazetteer) Known(name string) bool { return g[name] }

func TestGazetteerIsConsulted(t *testing.T) {
	e := Extractor{Gazetteer: stubGazetteer{"冷水江": true}}
	rep, err := e.Extract(t.Context(), []byte("会上，冷水江、青山县分别汇报了工作。"), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range rep.Meetings {
		for _, d := range m.Divisions {
			got = append(got, d.Name)
		}
	}
	if want := []string{"冷水江", "青山县"}; !reflect.DeepEqual(got, want) {
		t.Errorf("divisions = %v, want %v", got, want)
	}
}

func TestParseTitle(t *testing.T) {
	x := &run{divisions: divisionRecognizer{g: defaultGazetteer}}
	tests := []struct {
		position, jurisdiction string
		want                   Title
	}{
		{"娄底市委书记", "", Title{"书记", "市委", "娄底市"}},
		{"市委书记", "娄底市", Title{"书记", "市委", "娄底市"}},
		{"市人大常委会主任", "娄底市", Title{"主任", "市人大常委会", "娄底市"}},
		{"市长", "娄底市", Title{"市长", "市政府", "娄底市"}},
		{"县委书记", "娄底市", Title{"书记", "县委", ""}},
		{"省委常委", "娄底市", Title{"常委", "省委", ""}},
		{"中共白水县委副书记", "", Title{"副书记", "县委", "白水县"}},
		{"秘书长", "娄底市", Title{"秘书长", "", ""}},
	}
	for _, tt := range tests {
		if got := x.parseTitle(tt.position, tt.jurisdiction); got != tt.want {
			t.Errorf("parseTitle(%q, %q) = %+v, want %+v", tt.position, tt.jurisdiction, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in         string
		ok         bool
		y, m, d    int
		consumedTo string
	}{
		{"2月26日上午,", true, 0, 2, 26, ","},
		{"2020年2月26日", true, 2020, 2, 26, ""},
		{"2020年2月", true, 2020, 2, 0, ""},
		{"12月1号", true, 0, 12, 1, ""},
		{"26日下午", true, 0, 0, 26, ""},
		{"13月1日", false, 0, 0, 0, ""},
		{"2月", false, 0, 0, 0, ""},
		{"2020年", false, 0, 0, 0, ""},
		{"123月1日", false, 0, 0, 0, ""},
	}
	for _, tt := range tests {
		got, ok := parseDateAt(tt.in, 0)
		if ok != tt.ok {
			t.Errorf("parseDateAt(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if got.year != tt.y || got.month != tt.m || got.day != tt.d || tt.in[got.end:] != tt.consumedTo {
			t.Errorf("parseDateAt(%q) = %d-%d-%d rest %q, want %d-%d-%d rest %q", tt.in, got.year, got.month, got.day, tt.in[got.end:], tt.y, tt.m, tt.d, tt.consumedTo)
		}
	}
}

func TestHasModal(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"要加强领导", true}, {"各级干部要带头", true}, {"必须守住底线", true}, {"尤其要做好", true},
		{"重要讲话精神", false}, {"主要负责人", false}, {"按照总要求", false}, {"需要资金", false},
		{"工作要点", false}, {"不要松懈", true},
		{"也要清醒看到问题", false}, {"要认识到差距", false}, {"必须引起高度重视", false},
		{"必须引起重视，必须落实责任", true},
	}
	for _, tt := range tests {
		if got := hasModal(tt.in); got != tt.want {
			t.Errorf("hasModal(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMeetingKind(t *testing.T) {
	tests := []struct{ name, want string }{
		{"市委常委会会议", "常委会会议"},
		{"市政府常务会议", "常务会议"},
		{"统筹推进疫情防控工作部署会议", "部署会议"},
		{"全市项目建设推进会", "推进会"},
		{"防汛工作调度会", "调度会"},
		{"民营企业座谈会", "座谈会"},
		{"安全生产专题会议", "专题会议"},
		{"市委全会", "全体会议"},
		{"全市经济工作会议", "工作会议"},
		{"动员大会", "动员大会"},
		{"联席会议", "联席会议"},
		{"会议", "会议"},
	}
	for _, tt := range tests {
		if got := meetingKind(tt.name); got != tt.want {
			t.Errorf("meetingKind(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
