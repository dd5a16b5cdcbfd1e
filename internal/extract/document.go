package extract

import (
	"strings"
	"unicode/utf8"
)

// span is a byte range [start, end) of the canonical text.
type span struct{ start, end int }

type lineKind int

const (
	lineBlank lineKind = iota
	lineHeadline
	lineCaption
	lineBody
	lineByline
	lineBoilerplate
)

// line is one line of the report with its sentences.
type line struct {
	span
	kind      lineKind
	sentences []span
	clauses   [][]span // of each sentence, cut on first use
}

// clausesOf returns the clauses of sentence k of l, cutting them on first
// use; the passes of extraction read them several times.
func (x *run) clausesOf(l *line, k int) []span {
	if l.clauses == nil {
		l.clauses = make([][]span, len(l.sentences))
	}
	if l.clauses[k] == nil {
		l.clauses[k] = x.clauses(l.sentences[k], l.kind == lineHeadline)
	}
	return l.clauses[k]
}

// boilerplateStarts open lines that are about the page, not the news. A
// disclaimer ends the report: everything after it is page furniture too.
var boilerplateStarts = []string{
	"免责声明", "声明:", "声明：", "版权声明", "版权所有", "举报邮箱", "举报电话", "责任编辑", "编辑:", "编辑：",
	"来源:", "来源：", "原标题", "本文来源", "投稿", "扫一扫", "点击", "分享到", "相关新闻", "相关阅读",
	"上一篇", "下一篇", "打印", "关闭窗口", "【", "[责任编辑", "（责任编辑", "(责任编辑", "审核", "校对", "监制",
}

var disclaimerStarts = []string{"免责声明", "声明:", "声明：", "版权声明"}

// sourceStarts open the line that names the source of a report.
var sourceStarts = []string{"来源:", "来源：", "本文来源"}

// maxHeadline is the longest line, in runes, read as a headline.
const maxHeadline = 80

// splitLines cuts the text into lines and sentences and classifies the
// lines: headlines (the short lines before the first sentence of the
// body), photo captions (a line in parentheses), body paragraphs, bylines
// and boilerplate.
func (x *run) splitLines() {
	text := x.text
	inBody, tail := false, false
	for start := 0; start < len(text) && !x.stopped(); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		l := line{span: span{start, end}}
		trimmed := strings.TrimSpace(text[start:end])
		switch {
		case trimmed == "":
			l.kind = lineBlank
		case !tail && hasAnyPrefix(trimmed, sourceStarts) && isBylineLine(trimmed):
			// 来源：新闻网 记者 张一: the source line names the journalists
			l.kind = lineByline
		case tail || hasAnyPrefix(trimmed, boilerplateStarts):
			l.kind = lineBoilerplate
			if hasAnyPrefix(trimmed, disclaimerStarts) {
				tail = true
			}
		case isBylineLine(trimmed):
			l.kind = lineByline
		case isCaption(trimmed):
			l.kind = lineCaption
		case !inBody && !strings.ContainsAny(trimmed, "。！？!") && utf8.RuneCountInString(trimmed) <= maxHeadline:
			l.kind = lineHeadline
		default:
			l.kind = lineBody
			inBody = true
		}
		if l.kind == lineHeadline || l.kind == lineCaption || l.kind == lineBody {
			l.sentences = x.splitSentences(l.span, l.kind)
		}
		x.lines = append(x.lines, l)
		start = end + 1
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isCaption reports whether a line is wholly in parentheses, as photo
// captions are.
func isCaption(s string) bool {
	open := strings.HasPrefix(s, "(") || strings.HasPrefix(s, "（")
	closed := strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）")
	return open && closed
}

// isBylineLine reports whether a line is a byline: short, no sentence,
// naming a reporter.
func isBylineLine(s string) bool {
	if utf8.RuneCountInString(s) > 60 || strings.ContainsAny(s, "。！？") {
		return false
	}
	for _, w := range reporterWords {
		if strings.Contains(s, w) {
			return !isCaption(s) || strings.Count(s, "(")+strings.Count(s, "（") == 1
		}
	}
	if _, ok := outletByline(s); ok {
		return true
	}
	return strings.HasPrefix(s, "文/") || strings.HasPrefix(s, "文 /")
}

// splitSentences cuts a line into sentences at full stops, question and
// exclamation marks; a caption's outer parentheses are left out, and a
// headline is one sentence.
func (x *run) splitSentences(s span, kind lineKind) []span {
	text := x.text
	start, end := s.start, s.end
	for start < end && (text[start] == ' ' || text[start] == '\t') {
		start++
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	if kind == lineCaption {
		_, n := utf8.DecodeRuneInString(text[start:end])
		_, m := utf8.DecodeLastRuneInString(text[start:end])
		if end-start > n+m {
			start += n
			end -= m
		}
	}
	if kind == lineHeadline {
		return []span{{start, end}}
	}
	var out []span
	from := start
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		i += n
		if r == '。' || r == '！' || r == '？' || r == '!' {
			// keep a closing quote with its sentence
			for i < end {
				q, m := utf8.DecodeRuneInString(text[i:end])
				if q != '”' && q != '’' && q != '"' && q != '）' && q != ')' {
					break
				}
				i += m
			}
			out = append(out, span{from, i})
			from = i
		}
	}
	if from < end {
		out = append(out, span{from, end})
	}
	return out
}

// clauseBreak reports whether r ends a clause.
func clauseBreak(r rune, headline bool) bool {
	switch r {
	case '，', ',', '；', ';', '：', ':', '。', '！', '？', '!':
		return true
	case ' ', '\t', '\u3000':
		return headline
	}
	return false
}

// clauses cuts a sentence into clauses at commas, semicolons and colons,
// and in a headline also at spaces.
func (x *run) clauses(s span, headline bool) []span {
	text := x.text
	var out []span
	from := s.start
	for i := s.start; i < s.end; {
		r, n := utf8.DecodeRuneInString(text[i:s.end])
		if clauseBreak(r, headline) {
			if i > from {
				out = append(out, span{from, i})
			}
			from = i + n
		}
		i += n
	}
	if from < s.end {
		out = append(out, span{from, s.end})
	}
	return out
}

// blankAll replaces the canonical bytes of the given spans of the working
// text by spaces, so that later rules do not read them; offsets do not
// move. It copies the text once, whatever the number of spans.
func (x *run) blankAll(spans []span) {
	if len(spans) == 0 {
		return
	}
	b := []byte(x.text)
	for _, s := range spans {
		for i := s.start; i < s.end; i++ {
			b[i] = ' '
		}
	}
	x.text = string(b)
}
