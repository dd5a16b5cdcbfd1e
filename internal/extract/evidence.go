package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxEvidenceRunes bounds the evidence of a fact, in runes, cut marks
// included. Every fact keeps the sentence it was read from, and a sentence
// has no length bound of its own: a report whose one unpunctuated sentence
// lists two thousand officials would give each of them the whole list as
// evidence, and its extraction would run to hundreds of megabytes. The
// longest evidence sentence in the corpora is 157 runes (a directive of the
// seed report) and real sentences run to a few hundred; 400 keeps every one
// of them whole while bounding a report's evidence to a few hundred bytes
// per fact.
const MaxEvidenceRunes = 400

// Ellipsis marks an end of evidence where a longer sentence was cut. It is
// not part of the report's text.
const Ellipsis = "…"

// clauseSlack is how far inside a cut end, in runes, a clause mark is
// looked for to cut at: a quarter of the excerpt at either end, so that an
// excerpt cut at clause marks keeps at least half its runes.
const clauseSlack = (MaxEvidenceRunes - 2) / 4

// Excerpt returns the evidence of a mention at the byte range [from, to)
// of sentence: the sentence itself when it has at most MaxEvidenceRunes
// runes, and otherwise a window of it around the mention, no longer than
// MaxEvidenceRunes runes with its marks. The window is cut at a clause
// mark (，、；：) near its edges where there is one, and at the bound
// otherwise; an end that was cut is marked with Ellipsis. start is the
// byte offset in sentence where the excerpt's text begins, after a leading
// Ellipsis: the evidence offset of an excerpt is that of this byte, so
// that the text at the offset begins with the excerpt once its leading
// mark is taken off.
//
// The window keeps the start of the mention, and all of it unless the
// mention alone is longer than the bound. A range outside the sentence is
// read as its start. It never splits a rune, and it reads only the runes
// around the mention, so that the evidence of each of the thousands of
// names in one sentence costs no more than that of one name in a short
// sentence.
func Excerpt(sentence string, from, to int) (evidence string, start int) {
	if len(sentence) <= MaxEvidenceRunes || !longerThan(sentence, MaxEvidenceRunes) {
		return sentence, 0
	}
	if from < 0 || from > len(sentence) {
		from, to = 0, 0
	}
	to = min(max(to, from), len(sentence))
	for from > 0 && from < len(sentence) && !utf8.RuneStart(sentence[from]) {
		from--
	}
	// the text between two marks
	width := MaxEvidenceRunes - 2
	lo, hi, n := from, from, 0
	for hi < to && n < width {
		hi += runeLen(sentence, hi)
		n++
	}
	mentionEnd := hi
	for n < width && (lo > 0 || hi < len(sentence)) {
		if lo > 0 {
			_, size := utf8.DecodeLastRuneInString(sentence[:lo])
			lo -= size
			n++
		}
		if n < width && hi < len(sentence) {
			hi += runeLen(sentence, hi)
			n++
		}
	}
	// an end of the sentence in the window needs no mark, and its rune
	// goes to the other end
	switch {
	case lo == 0:
		hi += runeLen(sentence, hi)
	case hi == len(sentence):
		_, size := utf8.DecodeLastRuneInString(sentence[:lo])
		lo -= size
	}
	if lo > 0 {
		// start after the clause mark nearest the start, the one just
		// before the window included, and before the mention
		_, size := utf8.DecodeLastRuneInString(sentence[:lo])
		for i, k := lo-size, 0; i < from && k <= clauseSlack; k++ {
			size := runeLen(sentence, i)
			if isClauseMark(sentence, i) {
				lo = i + size
				break
			}
			i += size
		}
	}
	if hi < len(sentence) {
		// end before the clause mark nearest the end, the one just after
		// the window included, and after the mention
		for i, k := hi, 0; i >= mentionEnd && k <= clauseSlack; k++ {
			if isClauseMark(sentence, i) {
				hi = i
				break
			}
			if i == 0 {
				break
			}
			_, size := utf8.DecodeLastRuneInString(sentence[:i])
			i -= size
		}
	}
	var b strings.Builder
	b.Grow(hi - lo + 2*len(Ellipsis))
	if lo > 0 {
		b.WriteString(Ellipsis)
	}
	b.WriteString(sentence[lo:hi])
	if hi < len(sentence) {
		b.WriteString(Ellipsis)
	}
	return b.String(), lo
}

// longerThan reports whether s has more than n runes, reading at most
// n+1 of them.
func longerThan(s string, n int) bool {
	for range s {
		if n == 0 {
			return true
		}
		n--
	}
	return false
}

// runeLen returns the size of the rune at byte i of s, 0 at its end.
func runeLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// isClauseMark reports whether the rune at byte i of s ends a clause: a
// full-width comma, enumeration comma, semicolon or colon, or a half-width
// one that does not stand between digits (1,000 and 9:30 are numbers).
func isClauseMark(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '，', '、', '；', '：':
		return true
	case ',', ';', ':':
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+size:])
		return !(unicode.IsDigit(before) && unicode.IsDigit(after))
	}
	return false
}

// evidence returns the evidence of a mention at the canonical span at in
// sentence s, and its offset in the input: the sentence's canonical text,
// trimmed, or an excerpt of it around the mention when it is longer than
// MaxEvidenceRunes (see Excerpt). A mention outside the sentence (a
// speaker named in the sentence before the directive) is read as the
// sentence's start.
func (x *run) evidence(s span, at span) (string, int) {
	sentence := x.t.Canonical[s.start:s.end]
	trimmed := strings.TrimSpace(sentence)
	base := s.start + len(sentence) - len(strings.TrimLeftFunc(sentence, unicode.IsSpace))
	if at.start < base || at.start >= base+len(trimmed) {
		at = span{base, base}
	}
	ev, start := Excerpt(trimmed, at.start-base, at.end-base)
	if start == 0 {
		// a sentence kept whole has the offset it always had
		return ev, x.t.SourceOffset(s.start)
	}
	return ev, x.t.SourceOffset(base + start)
}
