package memstore

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

var rangeDates = []string{
	"", "--01-01", "--02-26", "--12-31", "1000", "1999", "2019-12-31", "2020", "2020-01", "2020-02",
	"2020-02-01", "2020-02-26", "2020-02-29", "2020-03", "2020-03-10", "2020-12", "2020-12-31", "2021", "2021-01-05", "9999-12-31",
}

func parseAll(t *testing.T, ss []string) []kg.Date {
	t.Helper()
	var out []kg.Date
	for _, s := range ss {
		d, err := kg.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// TestDayKeyOrdersAsStrings checks the premise of the store's date keys:
// integers that order dates exactly as their String forms do.
func TestDayKeyOrdersAsStrings(t *testing.T) {
	dates := parseAll(t, rangeDates)
	for _, a := range dates {
		for _, b := range dates {
			byString := strings.Compare(a.String(), b.String())
			byKey := cmp.Compare(dayKey(a), dayKey(b))
			if byString != byKey {
				t.Errorf("%q vs %q: strings compare %d, day keys %d (%d, %d)", a, b, byString, byKey, dayKey(a), dayKey(b))
			}
		}
	}
}

// TestDayRangeIsInRange checks that the store's date ranges, on day keys
// and by binary search, agree with kg.Date.InRange for every pair of bounds
// drawn from dates of every precision.
func TestDayRangeIsInRange(t *testing.T) {
	dates := parseAll(t, rangeDates)
	days := make([]int32, 0, len(dates))
	for _, d := range dates {
		days = append(days, dayKey(d))
	}
	slices.Sort(days)
	for _, from := range dates {
		for _, to := range dates {
			r := newDayRange(from, to)
			for _, d := range dates {
				if got, want := r.contains(dayKey(d)), d.InRange(from, to); got != want {
					t.Errorf("range [%q, %q] contains %q = %v, want %v", from, to, d, got, want)
				}
			}
			lo, hi := r.cut(days)
			for i, day := range days {
				if got, want := lo <= i && i < hi, r.contains(day); got != want {
					t.Errorf("range [%q, %q] cuts [%d, %d): day %d in = %v, want %v", from, to, lo, hi, day, got, want)
				}
			}
		}
	}
}
