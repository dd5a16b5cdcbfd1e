package ingest

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"officialgraph/internal/extract"
	"officialgraph/internal/kg"
)

// listReport returns a report whose body is one unpunctuated sentence
// naming n officials: a presiding one, then n-1 titled names separated by
// commas.
func listReport(n int) []byte {
	var b strings.Builder
	b.WriteString("民营企业座谈会召开\n\n5月12日上午，全旗民营企业座谈会召开，旗委书记白乌力吉出席会议并讲话")
	for _, name := range distinctNames(n - 1) {
		b.WriteString("，副旗长")
		b.WriteString(name)
	}
	b.WriteString("出席会议\n")
	return []byte(b.String())
}

// TestLongestListExtractionIsBounded checks that the extraction JSON of a
// report naming MaxParticipants officials in one sentence grows with the
// evidence bound, not with the sentence: each participant's evidence was
// the whole sentence, some 42 KB, and the JSON 85 MB.
func TestLongestListExtractionIsBounded(t *testing.T) {
	src := listReport(MaxParticipants)
	meta := Meta{PublishedAt: ptr("2023-06-30")}
	e, err := Extract(t.Context(), src, meta, "list.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Meetings) != 1 || len(e.Meetings[0].Participants) != MaxParticipants {
		t.Fatalf("got %d meetings, want one of %d participants", len(e.Meetings), MaxParticipants)
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	// a participant's evidence has at most MaxEvidenceRunes runes of at
	// most utf8.UTFMax bytes; its other fields (names, title, roles, keys)
	// take less than perParticipant bytes, and the meeting one
	// participant's worth
	const perParticipant = 512
	limit := (MaxParticipants + 1) * (extract.MaxEvidenceRunes*utf8.UTFMax + perParticipant)
	if len(b) > limit {
		t.Errorf("extraction JSON of %d bytes, over the %d bytes the evidence bound allows", len(b), limit)
	}

	f, _, err := Facts(e, meta, src)
	if err != nil {
		t.Fatalf("Facts: %v", err)
	}
	var evidence []kg.Evidence
	for _, p := range f.Participations {
		evidence = append(evidence, p.Evidence)
	}
	for _, p := range f.Tenures {
		evidence = append(evidence, p.Evidence)
	}
	text := string(src)
	for _, ev := range evidence {
		if n := utf8.RuneCountInString(ev.Sentence); n > extract.MaxEvidenceRunes {
			t.Fatalf("evidence of %d runes, over the bound of %d: %.40q", n, extract.MaxEvidenceRunes, ev.Sentence)
		}
		s := strings.TrimSuffix(strings.TrimPrefix(ev.Sentence, extract.Ellipsis), extract.Ellipsis)
		if ev.Offset < 0 || !strings.HasPrefix(text[ev.Offset:], s) {
			t.Fatalf("evidence %q is not the text at offset %d", ev.Sentence, ev.Offset)
		}
	}
}

// TestFactsBoundEvidence checks that evidence from extraction JSON written
// elsewhere than the extractor, which may give a sentence of any length,
// is cut as the extractor cuts its own, with an offset that still points
// at the excerpt's start.
func TestFactsBoundEvidence(t *testing.T) {
	// 300 runes, a participant's name, and 300 runes more
	before, after := strings.Repeat("甲", 300), strings.Repeat("乙", 300)
	long := before + "张一" + after
	short := "市委书记张一出席会议"
	tests := []struct {
		name       string
		raw        string // the report's text
		evidence   string
		offset     int
		want       string
		wantOffset int
	}{
		{
			name: "short sentence unchanged", raw: "前文。" + short, evidence: short,
			offset: len("前文。"), want: short, wantOffset: len("前文。"),
		},
		{
			name: "long sentence cut around the name", raw: "前文。" + long, evidence: long,
			offset: len("前文。"),
			want:   extract.Ellipsis + strings.Repeat("甲", 198) + "张一" + strings.Repeat("乙", 198) + extract.Ellipsis,
			// the excerpt starts 102 runes into the sentence
			wantOffset: len("前文。") + 3*102,
		},
		{
			// a text whose bytes are not the sentence's (written in
			// traditional characters, say) cannot place a cut start
			name: "text not the sentence's bytes", raw: "前文。" + strings.Repeat("丙", 602), evidence: long,
			offset: len("前文。"),
			want:   strings.Repeat("甲", 300) + "张一" + strings.Repeat("乙", 97) + extract.Ellipsis, wantOffset: len("前文。"),
		},
		{
			name: "no place in the text", raw: "前文。", evidence: long, offset: -1,
			want:       extract.Ellipsis + strings.Repeat("甲", 198) + "张一" + strings.Repeat("乙", 198) + extract.Ellipsis,
			wantOffset: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Extraction{Meetings: []extract.Meeting{{
				Name: "部署会议", Date: "2020-02-26", Jurisdiction: "娄底市",
				Participants: []extract.Participant{{Name: "张一", Roles: []string{"attended"}, Evidence: tt.evidence, EvidenceOffset: tt.offset}},
			}}}
			f, _, err := Facts(e, Meta{PublishedAt: ptr("2020-02-26")}, []byte(tt.raw))
			if err != nil {
				t.Fatalf("Facts: %v", err)
			}
			if len(f.Participations) != 1 {
				t.Fatalf("got %d participations, want 1", len(f.Participations))
			}
			got := f.Participations[0].Evidence
			if got.Sentence != tt.want || got.Offset != tt.wantOffset {
				t.Errorf("evidence %q at %d (%d runes), want %q at %d", got.Sentence, got.Offset,
					utf8.RuneCountInString(got.Sentence), tt.want, tt.wantOffset)
			}
		})
	}
}

// TestFactsKeepDirectiveText checks that a directive's text, its content
// rather than evidence, is kept whole however long, as is the evidence of a
// directive that has no sentence besides its text; a sentence of its own is
// cut around the directive's start.
func TestFactsKeepDirectiveText(t *testing.T) {
	text := "要" + strings.Repeat("抓好落实", 200)
	sentence := strings.Repeat("甲", 500) + "刘非强调，" + text
	e := &Extraction{Meetings: []extract.Meeting{{
		Name: "部署会议", Date: "2020-02-26", Jurisdiction: "娄底市",
		Directives: []extract.Directive{
			{Issuer: "会议", Ordinal: 1, Text: text, EvidenceOffset: -1},
			{Issuer: "会议", Ordinal: 2, Text: text, Evidence: sentence, EvidenceOffset: -1},
		},
	}}}
	f, _, err := Facts(e, Meta{PublishedAt: ptr("2020-02-26")}, []byte("前文。"))
	if err != nil {
		t.Fatalf("Facts: %v", err)
	}
	if len(f.Directives) != 2 {
		t.Fatalf("got %d directives, want 2", len(f.Directives))
	}
	for _, d := range f.Directives {
		if d.Text != text {
			t.Errorf("directive %d: text of %d runes, want the %d given", d.Ordinal, utf8.RuneCountInString(d.Text), utf8.RuneCountInString(text))
		}
	}
	if got := f.Directives[0].Evidence[0].Sentence; got != text {
		t.Errorf("directive without a sentence: evidence of %d runes, want its whole text", utf8.RuneCountInString(got))
	}
	got := f.Directives[1].Evidence[0].Sentence
	if n := utf8.RuneCountInString(got); n > extract.MaxEvidenceRunes || !strings.Contains(got, "刘非强调，要抓好落实") {
		t.Errorf("directive's own sentence: evidence %q (%d runes), want an excerpt of at most %d around its start",
			got, n, extract.MaxEvidenceRunes)
	}
}

func ptr(s string) *string { return &s }

// BenchmarkLongestListExtraction extracts the report of
// TestLongestListExtractionIsBounded and writes its JSON, the work of
// `officialgraph extract --format json` on it; json-bytes is the size of
// the output.
func BenchmarkLongestListExtraction(b *testing.B) {
	src := listReport(MaxParticipants)
	meta := Meta{PublishedAt: ptr("2023-06-30")}
	var size int
	for b.Loop() {
		e, err := Extract(b.Context(), src, meta, "list.txt")
		if err != nil {
			b.Fatal(err)
		}
		out, err := json.Marshal(e)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "json-bytes")
}
