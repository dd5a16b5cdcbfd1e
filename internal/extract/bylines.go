package extract

import (
	"strings"
	"unicode/utf8"

	"officialgraph/internal/normalize"
)

// reporterWords introduce the journalists in a byline.
var reporterWords = sortLongestFirst([]string{"记者", "通讯员", "实习生", "见习记者", "特约记者", "融媒体记者", "全媒体记者"})

// bylineStops end the list of names after a reporter word.
var bylineStops = []string{"报道", "摄影", "摄", "编辑", "发自", "校对", "审核", "来源"}

// readBylines finds the journalists: byline lines (新闻网 记者 刘婷 邹武雄)
// and a parenthesized byline at the start of a paragraph (本报讯（记者 张三
// 通讯员 李四）). Inline bylines are blanked so that no later rule reads
// the journalists as participants.
func (x *run) readBylines() {
	var blanks []span
	for i := range x.lines {
		if x.stopped() {
			return
		}
		l := &x.lines[i]
		switch l.kind {
		case lineByline:
			if names, ok := outletByline(strings.TrimSpace(x.text[l.start:l.end])); ok {
				for _, n := range names {
					x.addReporter(n)
				}
				continue
			}
			x.bylineNames(x.text[l.start:l.end])
		case lineBody, lineHeadline:
			if s, ok := x.inlineByline(l.span); ok {
				x.bylineNames(x.text[s.start:s.end])
				blanks = append(blanks, s)
			}
		}
	}
	x.blankAll(blanks)
}

// inlineByline finds a parenthesized byline near the start of a line.
func (x *run) inlineByline(l span) (span, bool) {
	text := x.text
	limit := min(l.end, l.start+60)
	for i := l.start; i < limit; {
		r, n := utf8.DecodeRuneInString(text[i:l.end])
		if r == '(' || r == '（' {
			rest := text[i+n : l.end]
			if !hasAnyPrefix(strings.TrimLeft(rest, " "), reporterWords) {
				return span{}, false
			}
			closeAt := strings.IndexAny(rest, ")）")
			if closeAt < 0 || utf8.RuneCountInString(rest[:closeAt]) > 60 {
				return span{}, false
			}
			_, m := utf8.DecodeRuneInString(rest[closeAt:])
			return span{i, i + n + closeAt + m}, true
		}
		i += n
	}
	return span{}, false
}

// bylineNames reads the names after each reporter word of s.
func (x *run) bylineNames(s string) {
	for {
		at, w := -1, ""
		for _, rw := range reporterWords {
			if i := strings.Index(s, rw); i >= 0 && (at < 0 || i < at) {
				at, w = i, rw
			}
		}
		if at < 0 {
			return
		}
		s = s[at+len(w):]
		end := len(s)
		for _, rw := range reporterWords {
			if i := strings.Index(s, rw); i >= 0 && i < end {
				end = i
			}
		}
		for _, tok := range strings.FieldsFunc(s[:end], func(r rune) bool {
			return strings.ContainsRune(" \t、，,:：/()（）|", r)
		}) {
			if i := firstIndex(tok, bylineStops); i >= 0 {
				// 刘婷报道: the name may run into the stop word
				if i > 0 {
					x.addReporter(tok[:i])
				}
				break
			}
			x.addReporter(tok)
		}
		s = s[end:]
	}
}

// outletSuffixes end the name of a news outlet in a byline.
var outletSuffixes = []string{"融媒体中心", "融媒", "传媒中心", "新闻中心", "日报", "晚报", "报社", "电视台", "广播电视台", "新闻网", "网", "报", "台", "社"}

// outletByline reads a byline that names the outlet and then its writers,
// without a reporter word: （青山县融媒体中心 张一 李二）. Every token after
// the outlet must read as a name.
func outletByline(s string) ([]string, bool) {
	if isCaption(s) {
		_, n := utf8.DecodeRuneInString(s)
		_, m := utf8.DecodeLastRuneInString(s)
		if len(s) <= n+m {
			return nil, false
		}
		s = s[n : len(s)-m]
	}
	if utf8.RuneCountInString(s) > 40 || strings.ContainsAny(s, "。，,；;：:！？") || containsAny(s, reporterWords) {
		return nil, false
	}
	toks := strings.Fields(s)
	if len(toks) < 2 || !hasSuffixAny(toks[0], outletSuffixes) {
		return nil, false
	}
	for _, t := range toks[1:] {
		if !bylineToken(t) {
			return nil, false
		}
	}
	return toks[1:], true
}

// bylineToken reports whether a token of a byline reads as one name. A
// byline lists nothing but names, so the shape is looser than for a name
// in the text: any two to four characters (乌日娜, 淦一, 全?), not an
// outlet.
func bylineToken(tok string) bool {
	n := utf8.RuneCountInString(tok)
	if n < 2 || n > 4 || hasSuffixAny(tok, outletSuffixes) || containsAny(tok, reporterWords) || firstRune(tok) == normalize.Lost {
		return false
	}
	for _, r := range tok {
		if r != normalize.Lost && !isHan(r) {
			return false
		}
	}
	return true
}

func (x *run) addReporter(tok string) {
	names := []string{tok}
	if !looksLikeName(tok) && !bylineToken(tok) {
		parts, ok := splitRunTogether(tok, nameSet{})
		if !ok {
			return
		}
		names = parts
	}
	for _, n := range names {
		if !x.skipNames[n] {
			x.skipNames[n] = true
			x.reporters = append(x.reporters, n)
		}
	}
}

// firstIndex returns the byte offset of the first of subs to occur in s,
// or -1.
func firstIndex(s string, subs []string) int {
	at := -1
	for _, w := range subs {
		if i := strings.Index(s, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}
