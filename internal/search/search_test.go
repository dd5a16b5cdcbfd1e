package search

import (
	"errors"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

func TestScoreOfficial(t *testing.T) {
	liu := OfficialForms(kg.Official{Name: "刘非", Aliases: []string{"劉非"}, Pinyin: "liu fei"})
	zeng := OfficialForms(kg.Official{Name: "曾国强", Pinyin: "zeng guo qiang"})
	tests := []struct {
		query string
		forms Forms
		want  int
	}{
		{"刘非", liu, ScoreExact},
		{"劉非", liu, ScoreExact}, // the query is canonicalised to simplified
		{"刘", liu, ScorePrefix},
		{"非", liu, ScoreContains},
		{"liu fei", liu, ScorePinyinExact},
		{"liufei", liu, ScorePinyinExact},
		{"Liú Fēi", liu, ScorePinyinExact},
		{"lf", liu, ScoreInitialsExact},
		{"liu", liu, ScorePinyinPrefix},
		{"fei", liu, ScorePinyinContain},
		{"ei", liu, 0},
		{"zeng", zeng, ScorePinyinPrefix},
		{"ceng", zeng, 0},
		{"王", liu, 0},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		if got := Score(q, tt.forms); got != tt.want {
			t.Errorf("Score(%q, %v) = %d, want %d", tt.query, tt.forms.Names, got, tt.want)
		}
	}
}

func TestScoreDivision(t *testing.T) {
	f := DivisionForms(kg.Division{Name: "娄底市"})
	q, _ := Parse("loudi")
	if got := Score(q, f); got != ScorePinyinPrefix {
		t.Errorf("Score(loudi, 娄底市) = %d, want %d", got, ScorePinyinPrefix)
	}
}

func TestParseBounds(t *testing.T) {
	for _, q := range []string{"", "   ", strings.Repeat("刘", MaxQueryRunes+1), "\xff\xfe"} {
		if _, err := Parse(q); !errors.Is(err, kg.ErrInvalidInput) {
			t.Errorf("Parse(%q) error = %v, want ErrInvalidInput", q, err)
		}
	}
}
