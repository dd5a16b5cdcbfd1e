package memstore

import (
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

// TestDateRangeIsInRange checks that the store's date-range shortcut, on
// sort keys and by binary search, agrees with kg.Date.InRange on every pair
// of bounds drawn from dates of every precision.
func TestDateRangeIsInRange(t *testing.T) {
	var dates []kg.Date
	for _, s := range []string{
		"", "--01-01", "--02-26", "--12-31", "1999", "2019-12-31", "2020", "2020-01", "2020-02",
		"2020-02-01", "2020-02-26", "2020-02-29", "2020-03", "2020-03-10", "2020-12-31", "2021", "2021-01-05",
	} {
		d, err := kg.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		dates = append(dates, d)
	}
	// The list a store would cut: every date's key, sorted, with directive
	// style suffixes on some, which must not change the cut.
	var keys []string
	for _, d := range dates {
		keys = append(keys, d.String(), d.String()+"\x1emtg_x\x1emeeting\x1e000001")
	}
	slices.Sort(keys)
	// Bounds include a weird one: a month without a year is known but has
	// no string form.
	bounds := append(slices.Clone(dates), kg.Date{Month: 5})
	for _, from := range bounds {
		for _, to := range bounds {
			r := newRange(from, to)
			for _, d := range dates {
				if got, want := r.contains(d.String()), d.InRange(from, to); got != want {
					t.Errorf("range [%q, %q] contains %q = %v, want %v", from, to, d, got, want)
				}
			}
			lo, hi := r.bounds(len(keys), func(i int) string { return keys[i] })
			for i, k := range keys {
				date, _, _ := strings.Cut(k, "\x1e")
				want := r.contains(date)
				if got := lo <= i && i < hi; got != want {
					t.Errorf("range [%q, %q] cuts [%d, %d): key %q in = %v, want %v", from, to, lo, hi, k, got, want)
				}
			}
		}
	}
}
