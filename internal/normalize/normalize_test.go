package normalize

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func mustNormalize(t testing.TB, src []byte) *Text {
	t.Helper()
	got, err := Normalize(src)
	if err != nil {
		t.Fatalf("Normalize(%q): %v", src, err)
	}
	checkInvariants(t, src, got)
	return got
}

// checkInvariants checks what every normalized text must satisfy whatever
// the input: aligned runes, offset maps that are monotone and in range.
func checkInvariants(t testing.TB, src []byte, got *Text) {
	t.Helper()
	if !utf8.ValidString(got.Canonical) || !utf8.ValidString(got.Plain) {
		t.Fatalf("output is not UTF-8")
	}
	n := got.Len()
	if c, p := utf8.RuneCountInString(got.Canonical), utf8.RuneCountInString(got.Plain); c != n || p != n {
		t.Fatalf("rune counts: canonical %d, plain %d, map %d", c, p, n)
	}
	if len(got.srcOff) != n+1 || len(got.plainOff) != n+1 {
		t.Fatalf("offset maps have %d, %d entries for %d runes", len(got.srcOff), len(got.plainOff), n)
	}
	if int(got.canonOff[n]) != len(got.Canonical) || int(got.plainOff[n]) != len(got.Plain) || int(got.srcOff[n]) != len(src) {
		t.Fatalf("offset maps do not end at the ends of the texts")
	}
	for i := 0; i < n; i++ {
		if got.canonOff[i] >= got.canonOff[i+1] || got.plainOff[i] >= got.plainOff[i+1] {
			t.Fatalf("rune %d: text offsets not increasing", i)
		}
		if got.srcOff[i] < 0 || got.srcOff[i] >= got.srcOff[i+1] {
			t.Fatalf("rune %d: source offset %d not increasing (next %d)", i, got.srcOff[i], got.srcOff[i+1])
		}
	}
}

func TestNormalizeNotes(t *testing.T) {
	tests := []struct {
		name, in, canonical, plain string
		notes                      int
	}{
		{"half-width note", "統(tǒng)籌", "统筹", "統籌", 1},
		{"full-width note", "統（tǒng）籌", "统筹", "統籌", 1},
		{"note on each character", "經(jīng)濟(jì)", "经济", "經濟", 2},
		{"note without tones", "統(tong)籌", "统筹", "統籌", 1},
		{"note with tone digit", "統(tong3)籌", "统筹", "統籌", 1},
		{"note for two characters", "統籌(tǒng chóu)工作", "统筹工作", "統籌工作", 1},
		{"heteronym reading", "會(kuài)計", "会计", "會計", 1},
		{"wrong reading is text", "統(chóu)籌", "统(chóu)筹", "統(chóu)籌", 0},
		{"parenthetical words", "基層公共服務（一門式）", "基层公共服务（一门式）", "基層公共服務（一門式）", 0},
		{"parenthetical clause", "(2月26日上午,會議召開)", "(2月26日上午,会议召开)", "(2月26日上午,會議召開)", 0},
		{"english in parentheses", "世界衛生組織(who)", "世界卫生组织(who)", "世界衛生組織(who)", 0},
		{"note after lost character", "要?(jiǎng)創新", "要?创新", "要?創新", 1},
		{"lost parenthesis with the character", "要?jiǎng)?chuàng)新", "要??新", "要??新", 2},
		{"entity remnant after lost character", "張?;?、吳", "张?、吴", "張?、吳", 0},
		{"unclosed parenthesis", "統(tǒng", "统(tǒng", "統(tǒng", 0},
		{"empty parentheses", "統()籌", "统()筹", "統()籌", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustNormalize(t, []byte(tt.in))
			if got.Canonical != tt.canonical {
				t.Errorf("Canonical = %q, want %q", got.Canonical, tt.canonical)
			}
			if got.Plain != tt.plain {
				t.Errorf("Plain = %q, want %q", got.Plain, tt.plain)
			}
			if got.Notes != tt.notes {
				t.Errorf("Notes = %d, want %d", got.Notes, tt.notes)
			}
		})
	}
}

func TestNormalizeCharacters(t *testing.T) {
	tests := []struct {
		name, in, want string
		lost           int
	}{
		{"crlf", "一\r\n二\r三\n", "一\n二\n三\n", 0},
		{"full-width letters and digits", "ＶＡＭＡ公司２０２０年", "VAMA公司2020年", 0},
		{"full-width symbols", "增長５％＋", "增长5%+", 0},
		{"chinese punctuation kept", "會上，要求：一、抓好；二（略）！", "会上，要求：一、抓好；二（略）！", 0},
		{"ideographic space", "記者\u3000劉婷", "记者 刘婷", 0},
		{"zero-width and controls dropped", "劉\u200b非\x00\x07", "刘非", 0},
		{"ascii question mark is lost", "張?、吳建平", "张?、吴建平", 1},
		{"replacement character is lost", "張\uFFFD", "张?", 1},
		{"full-width question mark inside a name", "張？、李四", "张?、李四", 1},
		{"full-width question mark between han", "王？明出席", "王?明出席", 1},
		{"question mark after a question word", "怎么办？我们要", "怎么办？我们要", 0},
		{"question mark at the end", "是什么？", "是什么？", 0},
		{"phrase conversion", "乾燥", "干燥", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustNormalize(t, []byte(tt.in))
			if got.Canonical != tt.want {
				t.Errorf("Canonical = %q, want %q", got.Canonical, tt.want)
			}
			if got.LostChars != tt.lost {
				t.Errorf("LostChars = %d, want %d", got.LostChars, tt.lost)
			}
		})
	}
}

func TestNormalizeEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("娄底市委书记刘非强调"))
	if err != nil {
		t.Fatal(err)
	}
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("€𠀀统筹"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		in      []byte
		want    string
		enc     Encoding
		bom     bool
		wantErr error
	}{
		{"utf-8", []byte("劉非"), "刘非", UTF8, false, nil},
		{"utf-8 with bom", append([]byte{0xEF, 0xBB, 0xBF}, "劉非"...), "刘非", UTF8, true, nil},
		{"gbk", gbk, "娄底市委书记刘非强调", GB18030, false, nil},
		{"gb18030 four-byte sequences", gb18030, "€𠀀统筹", GB18030, false, nil},
		{"utf-16", []byte{0xFF, 0xFE, 'a', 0}, "", "", false, ErrEncoding},
		{"bom then garbage", []byte{0xEF, 0xBB, 0xBF, 0xFF, 0x41}, "", "", false, ErrEncoding},
		{"neither", []byte{'a', 0x80, 'b'}, "", "", false, ErrEncoding},
		{"cut inside the last character", []byte("劉非\xe5\x8a"), "刘非?", UTF8, false, nil},
		{"invalid before the end", []byte("劉\xe5\x8a非"), "", "", false, ErrEncoding},
		{"truncated gbk", gbk[:len(gbk)-1], "", "", false, ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Normalize error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			checkInvariants(t, tt.in, got)
			if got.Canonical != tt.want || got.Encoding != tt.enc || got.BOM != tt.bom {
				t.Errorf("got (%q, %s, bom %v), want (%q, %s, bom %v)", got.Canonical, got.Encoding, got.BOM, tt.want, tt.enc, tt.bom)
			}
		})
	}
}

func TestOffsets(t *testing.T) {
	src := []byte("\xEF\xBB\xBF統(tǒng)籌(chóu)會議\r\n劉非")
	got := mustNormalize(t, src)
	if got.Canonical != "统筹会议\n刘非" {
		t.Fatalf("Canonical = %q", got.Canonical)
	}
	tests := []struct {
		canonical string // a substring of Canonical
		source    string // the input bytes it must map back to
		plain     string
	}{
		{"统筹", "統(tǒng)籌(chóu)", "統籌"},
		{"会议", "會議", "會議"},
		{"刘非", "劉非", "劉非"},
		{"筹会", "籌(chóu)會", "籌會"},
	}
	for _, tt := range tests {
		off := strings.Index(got.Canonical, tt.canonical)
		start, end := got.SourceSpan(off, off+len(tt.canonical))
		if s := string(src[start:end]); s != tt.source {
			t.Errorf("SourceSpan(%q) = %q, want %q", tt.canonical, s, tt.source)
		}
		if p := got.PlainOf(off, tt.canonical); p != tt.plain {
			t.Errorf("PlainOf(%q) = %q, want %q", tt.canonical, p, tt.plain)
		}
	}
	if got, want := got.SourceOffset(len(got.Canonical)), len(src); got != want {
		t.Errorf("SourceOffset(end) = %d, want %d", got, want)
	}
}

func TestOffsetsGB18030(t *testing.T) {
	src, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("ab娄底"))
	if err != nil {
		t.Fatal(err)
	}
	got := mustNormalize(t, src)
	off := strings.Index(got.Canonical, "底")
	if s := got.SourceOffset(off); s != 4 {
		t.Errorf("SourceOffset(底) = %d, want 4", s)
	}
}

func TestCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"劉非在全市統籌推進會議上強調", "刘非在全市统筹推进会议上强调"},
		{"統(tǒng)籌", "统筹"},
		{"a\xffb", "a?b"},
	}
	for _, tt := range tests {
		if got := Canonicalize(tt.in); got != tt.want {
			t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeedHasNoNotesLeft(t *testing.T) {
	src, err := os.ReadFile("../../corpus/seed/loudi-2020-02-26.txt")
	if err != nil {
		t.Skipf("seed report not readable: %v", err)
	}
	got := mustNormalize(t, src)
	for _, bad := range []string{"ǒ", "à", "(jì)", "ng)"} {
		if strings.Contains(got.Canonical, bad) {
			t.Errorf("canonical seed still contains %q", bad)
		}
	}
	for _, want := range []string{"张?、吴建平", "(一门式)", "娄星区冷水江市", "要??新"} {
		if !strings.Contains(got.Canonical, want) {
			t.Errorf("canonical seed lacks %q", want)
		}
	}
}

func seedOrSample(tb testing.TB) []byte {
	tb.Helper()
	src, err := os.ReadFile("../../corpus/seed/loudi-2020-02-26.txt")
	if err != nil {
		return []byte("劉非在全市統(tǒng)籌推進(jìn)會(huì)議上強(qiáng)調(diào)。張?;?、吳建平參加會議。\n")
	}
	return src
}

func BenchmarkNormalize(b *testing.B) {
	seed := seedOrSample(b)
	for _, size := range []int{1 << 20, 10 << 20} {
		src := bytes.Repeat(seed, size/len(seed))
		// build the conversion and reading tables outside the timing
		if _, err := Normalize(seed); err != nil {
			b.Fatal(err)
		}
		b.Run(byteSize(size), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Normalize(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func byteSize(n int) string { return fmt.Sprintf("%dMB", n>>20) }

func FuzzNormalize(f *testing.F) {
	f.Add(seedOrSample(f))
	for _, s := range []string{"統(tǒng)籌", "張?;?、", "要?jiǎng)?chuàng)新", "（一門式）", "\xEF\xBB\xBF\r\n", "\xff\xfe", "王？明", "?(", "(tǒng"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, err := Normalize(src)
		if err != nil {
			if !errors.Is(err, ErrEncoding) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkInvariants(t, src, got)
		for off := 0; off <= len(got.Canonical); off++ {
			if s := got.SourceOffset(off); s < 0 || s > len(src) {
				t.Fatalf("SourceOffset(%d) = %d out of range", off, s)
			}
		}
	})
}
