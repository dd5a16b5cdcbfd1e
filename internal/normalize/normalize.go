// Package normalize turns the raw text of a Chinese news report into the
// canonical form that extraction reads, and keeps the way back to the bytes
// that were read so that every fact can cite its evidence.
//
// The canonical form is built in one linear pass:
//
//   - The input is UTF-8 (a byte order mark is skipped; a last character
//     cut short is marked lost and flagged) or, when it is not valid UTF-8,
//     GB18030 (which covers GBK and GB2312); anything else is an error
//     wrapping ErrEncoding.
//   - Line ends become "\n"; control characters other than tab and newline,
//     zero-width characters and stray byte order marks are dropped.
//   - Pinyin notes that scraped pages put after a character, as in 統(tǒng),
//     are removed when the syllables are a reading of the characters before
//     them (see Normalize for the details); other parentheses are text.
//   - Full-width letters, digits and symbols become ASCII, and U+3000 and
//     no-break spaces become a plain space. The full-width marks that
//     punctuate Chinese sentences (，；：？！（）［］｛｝) are kept: they carry
//     the clause structure of the text, and a half-width comma or full stop
//     may stand inside a number.
//   - A lost character is written '?': an ASCII '?' or U+FFFD always is one
//     (Chinese text writes its question mark full-width, so an ASCII one
//     is the trace of a lossy conversion); a full-width '？' only when it
//     stands between Han characters (or before a list comma) in a clause
//     that contains no question word.
//   - Traditional characters become simplified ones with OpenCC's t2s
//     tables (phrases first, then characters).
//
// Text.Plain is the same text without the script conversion: what the
// extraction contract calls the original form. Plain and Canonical have
// the same runes in the same places, apart from the script, so a span of
// one is a span of the other.
package normalize

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors; the errors Normalize returns wrap one of them.
var (
	// ErrEncoding means the input is neither UTF-8 nor GB18030.
	ErrEncoding = errors.New("normalize: unsupported or damaged character encoding")
	// ErrTooLarge means the input does not fit the 32-bit offset map.
	ErrTooLarge = errors.New("normalize: input too large")
)

// Lost is the mark that stands for a character lost before the text
// reached us.
const Lost = '?'

// Text is a normalized report.
type Text struct {
	// Canonical is the text in simplified characters, notes removed,
	// full-width ASCII folded and lost characters marked '?'.
	Canonical string
	// Plain is Canonical before the conversion to simplified characters:
	// the text as written, without notes.
	Plain string
	// Encoding is the encoding the input was read in; GB18030 means the
	// input was transcoded.
	Encoding Encoding
	// BOM reports whether the input started with a UTF-8 byte order mark.
	BOM bool
	// Truncated reports whether the input ended inside a UTF-8 sequence;
	// the cut character is marked lost.
	Truncated bool
	// Notes counts the pinyin notes removed.
	Notes int
	// LostChars counts the lost-character marks in the text.
	LostChars int

	srcLen int
	// Per rune of Canonical (and of Plain), with one more entry for the
	// end of the text: the byte offset in Canonical, in Plain and in the
	// input.
	canonOff []int32
	plainOff []int32
	srcOff   []int32
}

// Normalize reads src and returns its canonical form.
//
// A pinyin note is a parenthesis, half- or full-width, that holds only
// pinyin syllables (tone marks or tone digits allowed, separated by spaces
// when there are several) and directly follows as many characters as it
// has syllables, each of which the go-pinyin dictionary reads that way, in
// its traditional or simplified form; the tone is not required to match.
// A note that follows a lost character cannot be checked against it and is
// removed when its syllables are real ones. Two traces that scraped pages
// leave of a lost character with its note are also folded into a single
// lost mark: "?jiǎng)" (the character and the opening parenthesis lost
// together) and "?;?" (the character and its note lost, an entity's
// semicolon left between them).
func Normalize(src []byte) (*Text, error) {
	if len(src) >= math.MaxInt32 {
		return nil, fmt.Errorf("%d bytes: %w", len(src), ErrTooLarge)
	}
	dec, err := decode(src)
	if err != nil {
		return nil, fmt.Errorf("normalize: %w", err)
	}
	tab, err := t2s()
	if err != nil {
		return nil, err
	}
	c := cleaner{in: dec.runes, offs: dec.offs}
	c.run()

	canon := make([]rune, len(c.out))
	tab.convert(c.out, canon)

	t := &Text{
		Encoding:  dec.enc,
		BOM:       dec.bom,
		Truncated: dec.truncated,
		Notes:     c.notes,
		srcLen:    len(src),
		canonOff:  make([]int32, len(c.out)+1),
		plainOff:  make([]int32, len(c.out)+1),
		srcOff:    append(c.outOff, int32(len(src))),
	}
	var cb, pb strings.Builder
	cb.Grow(len(c.out) * 3)
	pb.Grow(len(c.out) * 3)
	for i, r := range c.out {
		t.canonOff[i] = int32(cb.Len())
		t.plainOff[i] = int32(pb.Len())
		pb.WriteRune(r)
		cb.WriteRune(canon[i])
		if r == Lost {
			t.LostChars++
		}
	}
	t.canonOff[len(c.out)] = int32(cb.Len())
	t.plainOff[len(c.out)] = int32(pb.Len())
	t.Canonical = cb.String()
	t.Plain = pb.String()
	return t, nil
}

// Canonicalize returns the canonical form of a short UTF-8 string such as
// a title from report metadata. Bytes of s that are not UTF-8 count as lost
// characters.
func Canonicalize(s string) string {
	t, err := Normalize([]byte(strings.ToValidUTF8(s, "\uFFFD")))
	if err != nil {
		return s
	}
	return t.Canonical
}

// Len returns the number of runes in the text.
func (t *Text) Len() int { return len(t.canonOff) - 1 }

// runeIndex returns the index of the rune that starts at or contains the
// canonical byte offset off, clamped to [0, Len()].
func (t *Text) runeIndex(off int) int {
	if off <= 0 {
		return 0
	}
	if off >= len(t.Canonical) {
		return t.Len()
	}
	// the last rune starting at or before off
	i := sort.Search(len(t.canonOff), func(i int) bool { return int(t.canonOff[i]) > off })
	return i - 1
}

// SourceOffset returns the byte offset in the input of the character at
// byte offset off of Canonical. The end of Canonical maps to the end of
// the input.
func (t *Text) SourceOffset(off int) int {
	return int(t.srcOff[t.runeIndex(off)])
}

// SourceSpan returns the input bytes [start, end) that the canonical span
// [start, end) was made from, notes and dropped characters included.
func (t *Text) SourceSpan(start, end int) (int, int) {
	return t.SourceOffset(start), t.SourceOffset(end)
}

// PlainSpan returns the text of Plain that corresponds to the canonical
// span [start, end): the same characters as written.
func (t *Text) PlainSpan(start, end int) string {
	i, j := t.runeIndex(start), t.runeIndex(end)
	if j < i {
		j = i
	}
	return t.Plain[t.plainOff[i]:t.plainOff[j]]
}

// PlainOf returns the written form of s, which must be a substring of
// Canonical starting at byte offset off.
func (t *Text) PlainOf(off int, s string) string {
	return t.PlainSpan(off, off+len(s))
}

// cleaner is the single pass that drops, folds and marks runes and removes
// pinyin notes; out holds the plain text, outOff each rune's input offset.
type cleaner struct {
	in     []rune
	offs   []int32
	out    []rune
	outOff []int32
	notes  int
}

func (c *cleaner) emit(r rune, i int) {
	c.out = append(c.out, r)
	c.outOff = append(c.outOff, c.offs[i])
}

func (c *cleaner) run() {
	c.out = make([]rune, 0, len(c.in))
	c.outOff = make([]int32, 0, len(c.in)+1)
	in := c.in
	for i := 0; i < len(in); i++ {
		r := in[i]
		switch {
		case r == '\r':
			// CRLF becomes one newline that maps back to both bytes
			c.emit('\n', i)
			if i+1 < len(in) && in[i+1] == '\n' {
				i++
			}
		case r == '\t' || r == '\n':
			c.emit(r, i)
		case isDropped(r):
		case r == '?' || r == utf8.RuneError || r == '？' && c.fullwidthQuestionIsLost(i):
			c.emit(Lost, i)
			i = c.skipLostTraces(i)
		case r == '(' || r == '（':
			if end, ok := c.noteAt(i); ok {
				c.notes++
				i = end
				continue
			}
			c.emit(r, i)
		default:
			c.emit(fold(r), i)
		}
	}
}

// isDropped reports whether r carries nothing a reader sees.
func isDropped(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7F && r < 0xA0:
		return true
	case r == 0xFEFF, r >= 0x200B && r <= 0x200F, r == 0x2060, r == 0x00AD:
		return true
	}
	return false
}

// fold maps full-width ASCII to ASCII and wide spaces to a space, keeping
// the full-width marks that punctuate Chinese sentences.
func fold(r rune) rune {
	switch {
	case r == 0x3000 || r == 0xA0 || r == 0x2002 || r == 0x2003:
		return ' '
	case r < 0xFF01 || r > 0xFF5E:
		return r
	}
	switch r {
	case '，', '；', '：', '？', '！', '（', '）', '［', '］', '｛', '｝':
		return r
	}
	return r - 0xFF01 + '!'
}

// questionWords mark a clause that asks something; a '？' in such a clause
// is a question mark.
var questionWords = []string{"什么", "怎么", "如何", "为何", "为什么", "吗", "呢", "谁", "哪", "是否", "几", "多少", "难道", "何", "麼", "嗎", "為何", "誰", "難道"}

// fullwidthQuestionIsLost decides whether the '？' at i marks a lost
// character: it must follow a Han character and precede a Han character
// or a list comma, and its clause must ask nothing.
func (c *cleaner) fullwidthQuestionIsLost(i int) bool {
	in := c.in
	if i == 0 || i+1 >= len(in) || !unicode.Is(unicode.Han, in[i-1]) {
		return false
	}
	if next := in[i+1]; !unicode.Is(unicode.Han, next) && next != '、' && next != ',' && next != '，' {
		return false
	}
	start := i
	for start > 0 && i-start < 40 && !strings.ContainsRune("。！？!，,；;：:\n", in[start-1]) {
		start--
	}
	clause := string(in[start:i])
	for _, w := range questionWords {
		if strings.Contains(clause, w) {
			return false
		}
	}
	return true
}

// skipLostTraces skips what a lost character at i left behind: a note
// whose opening parenthesis went with it ("?jiǎng)"), or an entity's
// semicolon and a second lost mark ("?;?"). It returns the index of the
// last rune consumed.
func (c *cleaner) skipLostTraces(i int) int {
	in := c.in
	if i+2 < len(in) && in[i+1] == ';' && (in[i+2] == '?' || in[i+2] == utf8.RuneError) {
		return i + 2
	}
	j := i + 1
	for j < len(in) && j-i <= 8 && isPinyinRune(in[j]) {
		j++
	}
	if j > i+1 && j < len(in) && (in[j] == ')' || in[j] == '）') {
		if syl, ok := splitSyllables(in[i+1 : j]); ok && len(syl) == 1 && readings().isSyllable(syl[0]) {
			c.notes++
			return j
		}
	}
	return i
}

// maxNote bounds the length of a note, so that an unclosed parenthesis
// costs a constant amount of look-ahead.
const maxNote = 48

// noteAt reports whether the parenthesis at i opens a pinyin note on the
// characters just written, and returns the index of its closing
// parenthesis.
func (c *cleaner) noteAt(i int) (int, bool) {
	in := c.in
	j := i + 1
	for j < len(in) && j-i <= maxNote && in[j] != ')' && in[j] != '）' {
		j++
	}
	if j >= len(in) || j-i > maxNote || j == i+1 {
		return 0, false
	}
	// cheap check before splitting: the first rune must be pinyin
	if !isPinyinRune(in[i+1]) {
		return 0, false
	}
	syl, ok := splitSyllables(in[i+1 : j])
	if !ok || len(syl) > len(c.out) {
		return 0, false
	}
	base := c.out[len(c.out)-len(syl):]
	tab := readings()
	for k, s := range syl {
		r := base[k]
		switch {
		case r == Lost:
			if !tab.isSyllable(s) {
				return 0, false
			}
		case !unicode.Is(unicode.Han, r) || !tab.reads(r, s):
			return 0, false
		}
	}
	return j, true
}
