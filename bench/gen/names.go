package gen

import (
	"math/rand/v2"
	"strings"
)

// surnames are the common single-character surnames with their approximate
// share of the population in per mille, most common first.
var surnames = []struct {
	name   string
	weight int
}{
	{"王", 71}, {"李", 70}, {"张", 67}, {"刘", 54}, {"陈", 46}, {"杨", 31}, {"黄", 24}, {"赵", 23},
	{"吴", 20}, {"周", 19}, {"徐", 15}, {"孙", 15}, {"马", 13}, {"朱", 13}, {"胡", 12}, {"郭", 12},
	{"何", 11}, {"林", 11}, {"高", 11}, {"罗", 10}, {"郑", 10}, {"梁", 9}, {"谢", 8}, {"宋", 7},
	{"唐", 7}, {"许", 7}, {"韩", 6}, {"邓", 6}, {"冯", 6}, {"曹", 6}, {"彭", 6}, {"曾", 6},
	{"肖", 6}, {"田", 5}, {"董", 5}, {"潘", 5}, {"袁", 5}, {"蔡", 5}, {"蒋", 5}, {"余", 5},
	{"于", 5}, {"杜", 4}, {"叶", 4}, {"程", 4}, {"魏", 4}, {"苏", 4}, {"吕", 4}, {"丁", 4},
	{"任", 4}, {"卢", 4}, {"姚", 4}, {"沈", 4}, {"钟", 4}, {"姜", 4}, {"崔", 3}, {"谭", 3},
	{"陆", 3}, {"范", 3}, {"汪", 3}, {"廖", 3}, {"石", 3}, {"金", 3}, {"韦", 3}, {"贾", 3},
	{"夏", 3}, {"付", 3}, {"方", 3}, {"邹", 3}, {"熊", 3}, {"白", 3}, {"孟", 3}, {"秦", 2},
	{"邱", 2}, {"侯", 2}, {"江", 2}, {"尹", 2}, {"薛", 2}, {"闫", 2}, {"段", 2}, {"雷", 2},
	{"龙", 2}, {"黎", 2}, {"史", 2}, {"陶", 2}, {"贺", 2}, {"毛", 2}, {"郝", 2}, {"顾", 2},
	{"龚", 2}, {"邵", 2}, {"万", 2}, {"覃", 2}, {"武", 2}, {"钱", 2}, {"戴", 2}, {"严", 2},
	{"莫", 2}, {"孔", 1}, {"向", 1}, {"常", 1}, {"汤", 1}, {"康", 1}, {"易", 1}, {"乔", 1},
	{"赖", 1}, {"文", 1}, {"施", 1}, {"洪", 1}, {"翟", 1}, {"仇", 1}, {"缪", 1}, {"单", 1},
	{"解", 1}, {"谌", 1}, {"宫", 1}, {"卞", 1}, {"仲", 1}, {"柯", 1}, {"鞠", 1}, {"聂", 1},
}

// compoundSurnames are drawn for about one name in a hundred.
var compoundSurnames = []string{
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "司徒", "夏侯", "令狐", "端木",
}

// Given-name characters. None is a character the genre uses as a function
// word, a level suffix, a title or a role verb, so that a name never runs
// into the words around it.
const (
	givenMale   = "伟强磊军洋勇杰涛明超刚华建国文辉海林波宁鹏飞斌宇浩凯健俊帆晨阳新春东德荣成兵峰光毅立永庆龙山清松江亮晓忠振兴友昌祥福贵胜益智勤正良坤鑫睿泽博远航扬卫民学安家宏伦群仁义信诚旭昊然锋彬朝树涌湘黎汉卿钧雄武"
	givenFemale = "芳娜敏静丽艳娟秀霞玉萍红琳婷慧颖佳欣雪燕丹莉梅兰凤洁琴云莹晶婉雅倩蓉媛岚菁薇璐"
)

// sharedNames are full names so common that several cities have an
// official of that name: the graph must keep them apart.
var sharedNames = []string{
	"张伟", "王伟", "王芳", "李娜", "刘洋", "李强", "王建国", "张建华", "李军", "王静", "刘伟", "陈静",
	"杨帆", "王磊", "李明", "张勇", "王海燕", "陈建华", "刘建国", "赵军",
}

var (
	surnameTotal int
	maleRunes    = []rune(givenMale)
	femaleRunes  = []rune(givenFemale)
)

func init() {
	for _, s := range surnames {
		surnameTotal += s.weight
	}
}

// person is an invented official.
type person struct {
	name   string
	female bool
}

// nameMaker draws names, never the same one twice within one namespace
// (a city with its counties), so that an official is never merged with
// another of the same name in the same place.
type nameMaker struct {
	rng *rand.Rand
}

func (m nameMaker) surname() string {
	if m.rng.IntN(100) == 0 {
		return compoundSurnames[m.rng.IntN(len(compoundSurnames))]
	}
	n := m.rng.IntN(surnameTotal)
	for _, s := range surnames {
		if n < s.weight {
			return s.name
		}
		n -= s.weight
	}
	return surnames[0].name
}

// draw returns a new person whose name is not in used, and adds it there.
func (m nameMaker) draw(used map[string]bool) person {
	for {
		female := m.rng.IntN(5) == 0
		var name string
		if m.rng.IntN(25) == 0 {
			name = sharedNames[m.rng.IntN(len(sharedNames))]
		} else {
			name = m.surname() + m.given(female)
		}
		if used[name] {
			continue
		}
		used[name] = true
		return person{name: name, female: female}
	}
}

func (m nameMaker) given(female bool) string {
	pool := maleRunes
	if female {
		pool = femaleRunes
	}
	var b strings.Builder
	b.WriteRune(pool[m.rng.IntN(len(pool))])
	// About one given name in seven has a single character.
	if m.rng.IntN(7) != 0 {
		b.WriteRune(pool[m.rng.IntN(len(pool))])
	}
	return b.String()
}
