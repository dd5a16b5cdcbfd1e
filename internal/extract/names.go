package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"officialgraph/internal/normalize"
)

// singleSurnames holds the common one-character surnames, simplified.
// Surnames that are far more often function words in news text (和, 同,
// 全, 重, 要) are left out on purpose: a name that starts with one of them
// is still found when it is titled or listed.
const singleSurnames = "" +
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤" +
	"常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习" +
	"傅洪赖阎苍淦"

// titledSurnames are surnames that are far more often the first character
// of a word (全体, 保障, 普查, 和谐): a name starting with one is read only
// right after a title (区委副书记全一, 县长保二), where a word cannot stand.
const titledSurnames = "全和同保普重要"

// compoundSurnames holds the two-character surnames.
var compoundSurnames = map[string]bool{
	"欧阳": true, "司马": true, "上官": true, "诸葛": true, "东方": true, "皇甫": true,
	"尉迟": true, "公孙": true, "慕容": true, "长孙": true, "宇文": true, "司徒": true,
	"夏侯": true, "令狐": true, "澹台": true, "公冶": true, "宗政": true, "濮阳": true,
	"淳于": true, "单于": true, "太叔": true, "申屠": true, "轩辕": true, "端木": true,
	"呼延": true, "南宫": true, "西门": true, "独孤": true, "万俟": true, "闻人": true,
	"赫连": true, "拓跋": true, "钟离": true, "百里": true, "东郭": true, "左丘": true,
	"鲜于": true,
}

var surnameSet = runeSet(singleSurnames)

var titledSurnameSet = runeSet(titledSurnames)

func runeSet(s string) map[rune]bool {
	m := make(map[rune]bool, utf8.RuneCountInString(s))
	for _, r := range s {
		m[r] = true
	}
	return m
}

// nameStopRunes never occur in a personal name as news reports write them;
// a candidate containing one is a phrase, not a name (院 and 办 end the
// names of bodies: 区法院, 县扶贫办).
// Verbs are not listed: the verb that follows a name is found first, and
// names do use characters such as 强 or 华.
const nameStopRunes = "的了和与及或在是为对把被将从向以等各本该其此这那们个议县区省委局厅部府院办党要求上下时里内外年日号届次并也都已就还又再更最很所由于"

var nameStop = runeSet(nameStopRunes)

// titledNameStop is the part of nameStopRunes that never occurs in a name
// even right after a title. Given names do use 里 (熊万里) and Mongolian
// names 日 (那日苏); after a title, where no word can stand, they are read.
const titledNameStopRunes = "的了和与及或在是为对把被将从向以等各本该其此这那们个议县区省委局厅部府院办党要求上下时内外年号届次并也都已就还又再更最很所由负责"

var titledNameStop = runeSet(titledNameStopRunes)

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

// surnameLen returns the length in runes of the surname that s starts
// with, or 0.
func surnameLen(s string) int {
	if len(s) >= 6 {
		if _, n := utf8.DecodeRuneInString(s); n == 3 {
			if compoundSurnames[s[:6]] {
				return 2
			}
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	if surnameSet[r] {
		return 1
	}
	return 0
}

// looksLikeName reports whether s has the shape of a Chinese personal
// name: a known surname followed by one or two given-name characters (two
// or three after a compound surname), none of them a stop character. A
// lost character '?' may stand for any given-name character.
func looksLikeName(s string) bool {
	n := utf8.RuneCountInString(s)
	sn := surnameLen(s)
	if sn == 0 || n < sn+1 || n > sn+2 {
		return false
	}
	return nameChars(s, sn)
}

// nameChars checks the characters of a candidate after its first skip
// runes.
func nameChars(s string, skip int) bool {
	i := 0
	for _, r := range s {
		if i >= skip {
			if r != normalize.Lost && (!isHan(r) || nameStop[r]) {
				return false
			}
		} else if !isHan(r) {
			return false
		}
		i++
	}
	return true
}

// looksLikeTitledName reports whether s, written right after a title, is
// a name. The title rules out a word, so the test is looser than
// looksLikeName: a surname that is mostly a word start (全, 保) is
// accepted, and so is a name of three or four characters whatever its
// first one, as minority names are written (白乌力吉, 那仁花); a
// two-character name still needs a surname.
func looksLikeTitledName(s string) bool {
	if looksLikeName(s) {
		return true
	}
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 {
		return false
	}
	first := firstRune(s)
	if first == normalize.Lost || !isHan(first) {
		return false
	}
	surname := surnameLen(s) > 0 || titledSurnameSet[first]
	if n == 2 && !surname {
		return false
	}
	if !surname {
		// 秘书李明 after 县长: a name of the usual shape ends the
		// candidate, and what stands before it is a word
		for i, k := len(s), 0; k < 3 && i > 0; k++ {
			_, w := utf8.DecodeLastRuneInString(s[:i])
			i -= w
			if k >= 1 && looksLikeName(s[i:]) {
				return false
			}
		}
	}
	for _, r := range s {
		if r != normalize.Lost && (!isHan(r) || titledNameStop[r]) {
			return false
		}
	}
	return true
}

// nameSet is the set of names already read with confidence in a report.
type nameSet map[string]bool

// isName reports whether s is a name: one already known, or one of the
// right shape.
func (k nameSet) isName(s string) bool {
	return k[s] || looksLikeName(s)
}

// splitRunTogether splits s, names written with nothing between them as
// in a headline (姚兵石艳萍), into names. Known names are preferred, then
// the split with the fewest pieces; ok is false when no split makes every
// piece a name.
func splitRunTogether(s string, known nameSet) (parts []string, ok bool) {
	rs := []rune(s)
	n := len(rs)
	if n < 4 || n > 24 {
		return nil, false
	}
	type cell struct {
		ok     bool
		known  int
		pieces int
		prev   int
	}
	best := make([]cell, n+1)
	best[0].ok = true
	for i := 1; i <= n; i++ {
		for l := 2; l <= 4 && l <= i; l++ {
			j := i - l
			if !best[j].ok {
				continue
			}
			piece := string(rs[j:i])
			if !known.isName(piece) {
				continue
			}
			c := cell{ok: true, known: best[j].known, pieces: best[j].pieces + 1, prev: j}
			if known[piece] {
				c.known++
			}
			if !best[i].ok || c.known > best[i].known || c.known == best[i].known && c.pieces < best[i].pieces {
				best[i] = c
			}
		}
	}
	if !best[n].ok || best[n].pieces < 2 {
		return nil, false
	}
	for i := n; i > 0; i = best[i].prev {
		parts = append(parts, string(rs[best[i].prev:i]))
	}
	for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
		parts[l], parts[r] = parts[r], parts[l]
	}
	return parts, true
}

// isGarbled reports whether a name holds a lost character.
func isGarbled(name string) bool {
	return strings.ContainsRune(name, normalize.Lost)
}
