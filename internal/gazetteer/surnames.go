package gazetteer

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// The surname lists are written out from the Hundred Family Surnames (百家姓,
// the Song-dynasty primer, in its usual 504-surname text, simplified), plus
// surnames that are common today but absent from it (肖, 付, 覃, 区, 朴 …).
// Variant forms that simplify to the same character (郁 and 鬱) appear once.

// hundredFamilySingle are the single-character surnames of the Hundred Family
// Surnames, in the primer's order.
const hundredFamilySingle = "" +
	"赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜" +
	"戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐" +
	"费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄" +
	"和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁" +
	"杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍" +
	"虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚" +
	"程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓" +
	"牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙" +
	"叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双" +
	"闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农" +
	"温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘" +
	"匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空" +
	"曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公" +
	// Single surnames among the compound ones at the primer's end.
	"仉督晋楚闫法汝鄢涂钦岳帅缑亢况郈有琴佘佴墨哈谯笪年爱阳佟言福"

// modernSingle are surnames common today that the primer lacks (or lists only
// under a traditional form that simplifies differently).
const modernSingle = "" +
	"肖付覃区朴员朝句重秘代邝练麦冼揭隋官檀栗谌兰庹母仝牟敬苟战修原但占" +
	"禤粟蹇过布旷邸来银展信靖衣续迟门丘苑畅位植辜税芦丛种召洗粘折宿黑" +
	"祭郇眭亓繁操"

// compoundSurnames are the two-character surnames of the primer, plus a few
// that are met today.
var compoundSurnames = []string{
	"万俟", "司马", "上官", "欧阳", "夏侯", "诸葛", "闻人", "东方", "赫连", "皇甫",
	"尉迟", "公羊", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠",
	"公孙", "仲孙", "轩辕", "令狐", "钟离", "宇文", "长孙", "慕容", "鲜于", "闾丘",
	"司徒", "司空", "亓官", "司寇", "子车", "颛孙", "端木", "巫马", "公西", "漆雕",
	"乐正", "壤驷", "公良", "拓跋", "夹谷", "宰父", "谷梁", "段干", "百里", "东郭",
	"南门", "呼延", "归海", "羊舌", "微生", "梁丘", "左丘", "东门", "西门", "南宫",
	"商牟", "伯赏", "第五", "独孤", "完颜", "呼衍", "贺兰",
}

// surnameReadings are the readings, in toneless pinyin, of surnames read
// otherwise than the character's everyday reading (or whose everyday reading a
// converter is apt to pick wrongly).
var surnameReadings = map[string]string{
	"曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
	"朴": "piao", "盖": "ge", "华": "hua", "任": "ren", "沈": "shen", "乐": "yue",
	"覃": "qin", "缪": "miao", "翟": "zhai", "卜": "bu", "秘": "bi", "员": "yun",
	"能": "nai", "句": "gou", "重": "chong", "朝": "chao", "曲": "qu", "纪": "ji",
	"种": "chong", "召": "shao", "洗": "xian", "冼": "xian", "粘": "nian", "折": "she",
	"宿": "su", "黑": "he", "祭": "zhai", "隗": "wei", "阚": "kan", "訾": "zi",
	"郇": "huan", "郗": "xi", "眭": "sui", "亓": "qi", "牟": "mou", "繁": "po",
	"褚": "chu", "柏": "bai", "薄": "bo", "都": "du", "燕": "yan", "那": "na",
	"费": "fei", "占": "zhan", "尉": "wei",
	"尉迟": "yuchi", "万俟": "moqi", "单于": "chanyu", "长孙": "zhangsun",
	"澹台": "tantai", "令狐": "linghu", "皇甫": "huangfu", "亓官": "qiguan",
}

type surnameSet struct {
	single   map[string]bool
	compound map[string]bool
}

var surnames = sync.OnceValue(func() *surnameSet {
	s := &surnameSet{single: make(map[string]bool), compound: make(map[string]bool)}
	for _, r := range hundredFamilySingle + modernSingle {
		s.single[string(r)] = true
	}
	for _, c := range compoundSurnames {
		s.compound[c] = true
	}
	return s
})

// Surnames returns every surname the package knows, compound ones first.
func Surnames() []string {
	s := surnames()
	out := make([]string, 0, len(s.single)+len(s.compound))
	seen := make(map[string]bool)
	for _, c := range compoundSurnames {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, r := range hundredFamilySingle + modernSingle {
		if c := string(r); !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// IsSurname reports whether s is exactly one surname, single (王) or compound
// (欧阳).
func IsSurname(s string) bool {
	set := surnames()
	return set.compound[s] || set.single[s]
}

// SurnameAt reports the surname that s starts with and its length in bytes. A
// compound surname wins over its first character (欧阳 over 欧), so 欧阳文 gives
// 欧阳; the caller decides whether a name follows.
func SurnameAt(s string) (int, bool) {
	set := surnames()
	r1, n1 := utf8.DecodeRuneInString(s)
	if n1 == 0 || r1 == utf8.RuneError {
		return 0, false
	}
	if _, n2 := utf8.DecodeRuneInString(s[n1:]); n2 > 0 && set.compound[s[:n1+n2]] {
		return n1 + n2, true
	}
	if set.single[s[:n1]] {
		return n1, true
	}
	return 0, false
}

// SurnameReading returns the toneless pinyin of surname s when its reading as a
// surname differs from the character's everyday reading, or is one a
// converter is apt to get wrong (曾 zeng, 单 shan, 尉迟 yuchi), and "" for any
// other string.
func SurnameReading(s string) string {
	return surnameReadings[strings.TrimSpace(s)]
}
