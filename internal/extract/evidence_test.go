package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// runes returns the runes [i, j) of s and the byte offset of rune i.
func runes(s string, i, j int) (string, int) {
	r := []rune(s)
	return string(r[i:j]), len(string(r[:i]))
}

// byteAt returns the byte offset of rune i of s.
func byteAt(s string, i int) int {
	_, off := runes(s, i, i)
	return off
}

func TestExcerpt(t *testing.T) {
	// 100 clauses of ten runes, the tenth a comma: rune 10k+9 is a
	// clause mark
	clauses := strings.Repeat("一二三四五六七八九，", 100)
	unpunctuated := strings.Repeat("甲", 1000)
	// runes of one to four bytes, 1,200 of them
	mixed := strings.Repeat("aé中𠀀", 300)

	tests := []struct {
		name      string
		sentence  string
		from, to  int
		want      string
		wantStart int
	}{
		{
			name:     "short sentence unchanged",
			sentence: "市委书记、市人大常委会主任刘非强调",
			from:     len("市委书记、市人大常委会主任"), to: len("市委书记、市人大常委会主任刘非"),
			want: "市委书记、市人大常委会主任刘非强调",
		},
		{
			name:     "sentence at the bound unchanged",
			sentence: strings.Repeat("甲", MaxEvidenceRunes),
			from:     byteAt(strings.Repeat("甲", MaxEvidenceRunes), 399), to: 3 * MaxEvidenceRunes,
			want: strings.Repeat("甲", MaxEvidenceRunes),
		},
		{
			// the window of 398 runes around runes 500–501 is 302–699;
			// it starts after the mark at 309 and ends before the one at
			// 699
			name:     "long sentence cut at clause marks",
			sentence: clauses,
			from:     byteAt(clauses, 500), to: byteAt(clauses, 502),
			want:      Ellipsis + must(runes(clauses, 310, 699)) + Ellipsis,
			wantStart: byteAt(clauses, 310),
		},
		{
			name:     "long sentence without clause marks cut at the bound",
			sentence: unpunctuated,
			from:     byteAt(unpunctuated, 500), to: byteAt(unpunctuated, 502),
			want:      Ellipsis + strings.Repeat("甲", MaxEvidenceRunes-2) + Ellipsis,
			wantStart: byteAt(unpunctuated, 302),
		},
		{
			// no mark at the start leaves a rune more for the end, which
			// ends before the mark at 399
			name:     "mention near the start",
			sentence: clauses,
			from:     byteAt(clauses, 5), to: byteAt(clauses, 7),
			want: must(runes(clauses, 0, 399)) + Ellipsis,
		},
		{
			name:     "mention at the start",
			sentence: unpunctuated,
			want:     strings.Repeat("甲", MaxEvidenceRunes-1) + Ellipsis,
		},
		{
			// the window reaches the end and grows back to rune 601; it
			// starts after the mark at 609
			name:     "mention near the end",
			sentence: clauses,
			from:     byteAt(clauses, 993), to: byteAt(clauses, 995),
			want:      Ellipsis + must(runes(clauses, 610, 1000)),
			wantStart: byteAt(clauses, 610),
		},
		{
			name:     "mention at the end",
			sentence: unpunctuated,
			from:     len(unpunctuated) - 3, to: len(unpunctuated),
			want:      Ellipsis + strings.Repeat("甲", MaxEvidenceRunes-1),
			wantStart: byteAt(unpunctuated, 1000-(MaxEvidenceRunes-1)),
		},
		{
			// a range at the very end is in the sentence: its start is
			// no rune to step back from
			name:     "empty mention after the last rune",
			sentence: unpunctuated,
			from:     len(unpunctuated), to: 0,
			want:      Ellipsis + strings.Repeat("甲", MaxEvidenceRunes-1),
			wantStart: byteAt(unpunctuated, 1000-(MaxEvidenceRunes-1)),
		},
		{
			// from and to inside four-byte runes are read as those runes
			name:     "multi-byte runes never split",
			sentence: mixed,
			from:     byteAt(mixed, 603) + 2, to: byteAt(mixed, 607) + 1,
			want:      Ellipsis + must(runes(mixed, 603-199+2, 603-199+2+398)) + Ellipsis,
			wantStart: byteAt(mixed, 603-199+2),
		},
		{
			// the mention keeps its start and as much as fits
			name:     "mention longer than the bound",
			sentence: unpunctuated,
			from:     byteAt(unpunctuated, 100), to: byteAt(unpunctuated, 900),
			want:      Ellipsis + strings.Repeat("甲", MaxEvidenceRunes-2) + Ellipsis,
			wantStart: byteAt(unpunctuated, 100),
		},
		{
			name:     "mention outside the sentence read as its start",
			sentence: unpunctuated,
			from:     -5, to: 3,
			want: strings.Repeat("甲", MaxEvidenceRunes-1) + Ellipsis,
		},
		{
			// a half-width comma between digits is part of a number
			name:     "number comma is no clause mark",
			sentence: strings.Repeat("甲", 640) + "1,000" + strings.Repeat("乙", 500),
			from:     byteAt(strings.Repeat("甲", 640), 500), to: byteAt(strings.Repeat("甲", 640), 502),
			want:      Ellipsis + strings.Repeat("甲", 338) + "1,000" + strings.Repeat("乙", 55) + Ellipsis,
			wantStart: byteAt(strings.Repeat("甲", 640), 302),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, start := Excerpt(tt.sentence, tt.from, tt.to)
			if got != tt.want || start != tt.wantStart {
				t.Errorf("Excerpt(%d runes, %d, %d) = %q (%d runes), %d;\nwant %q (%d runes), %d",
					utf8.RuneCountInString(tt.sentence), tt.from, tt.to,
					got, utf8.RuneCountInString(got), start, tt.want, utf8.RuneCountInString(tt.want), tt.wantStart)
			}
			checkExcerpt(t, tt.sentence, got, start)
		})
	}
}

// must returns the text of runes, dropping its offset.
func must(s string, _ int) string { return s }

// checkExcerpt checks what holds of every excerpt of a sentence: it is
// valid UTF-8, within the bound, and, once its marks are taken off, the
// sentence's text at byte start; a mark stands exactly where a part of the
// sentence was cut.
func checkExcerpt(t *testing.T, sentence, got string, start int) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Errorf("excerpt %q is not valid UTF-8", got)
	}
	if n := utf8.RuneCountInString(got); n > MaxEvidenceRunes {
		t.Errorf("excerpt has %d runes, over the bound of %d", n, MaxEvidenceRunes)
	}
	text := got
	if start > 0 {
		var ok bool
		if text, ok = strings.CutPrefix(text, Ellipsis); !ok {
			t.Errorf("excerpt %q starts at byte %d without a mark", got, start)
		}
	}
	rest := sentence[start:]
	if text == rest {
		return
	}
	text, ok := strings.CutSuffix(text, Ellipsis)
	if !ok || !strings.HasPrefix(rest, text) {
		t.Errorf("excerpt %q is not the sentence's text at byte %d, with a mark where it was cut", got, start)
	}
}

// FuzzExcerpt checks the excerpt of any sentence around any range.
func FuzzExcerpt(f *testing.F) {
	f.Add(strings.Repeat("一二三四五六七八九，", 50), 700, 706)
	f.Add(strings.Repeat("aé中𠀀", 200), 5, 3)
	f.Add(strings.Repeat("1,0:0;", 100), -1, 9)
	f.Fuzz(func(t *testing.T, sentence string, from, to int) {
		if !utf8.ValidString(sentence) {
			return
		}
		got, start := Excerpt(sentence, from, to)
		checkExcerpt(t, sentence, got, start)
		if from >= 0 && from < len(sentence) && start > from {
			t.Errorf("excerpt at byte %d leaves out the mention at %d", start, from)
		}
	})
}

// TestExtractBoundsEvidence checks that a sentence listing thousands of
// officials gives each an excerpt within the bound that names them, at an
// offset where the text holds it.
func TestExtractBoundsEvidence(t *testing.T) {
	src := unpunctuatedInput(64 << 10)
	rep, err := Extract(t.Context(), src, Meta{PublishedAt: "2023-06-30"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Meetings) != 1 || len(rep.Meetings[0].Participants) < 3000 {
		t.Fatalf("got %d meetings, want one with the thousands of officials listed", len(rep.Meetings))
	}
	// the text is simplified UTF-8, its own canonical form, and holds no
	// ellipsis: an excerpt is the text at its offset once its marks are
	// taken off
	text := string(src)
	for _, p := range rep.Meetings[0].Participants {
		if n := utf8.RuneCountInString(p.Evidence); n > MaxEvidenceRunes {
			t.Errorf("%s: evidence of %d runes, over the bound of %d", p.Name, n, MaxEvidenceRunes)
		}
		ev := strings.TrimSuffix(strings.TrimPrefix(p.Evidence, Ellipsis), Ellipsis)
		// the title before the name is kept with it
		if len(p.Positions) != 1 || !strings.Contains(ev, p.Positions[0]+p.Name) {
			t.Errorf("%s %v: evidence %q does not give their title and name", p.Name, p.Positions, p.Evidence)
		}
		if p.EvidenceOffset < 0 || !strings.HasPrefix(text[p.EvidenceOffset:], ev) {
			t.Errorf("%s: evidence %q is not the text at offset %d", p.Name, p.Evidence, p.EvidenceOffset)
		}
	}
}
