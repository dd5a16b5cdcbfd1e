package kg

import (
	"fmt"
	"strconv"
	"strings"
)

// Precision says how much of a Date is known.
type Precision string

// The precisions a Date can have. Sources often give a month and day with no
// year; such a date keeps PrecisionMonthDay rather than a guessed year.
const (
	PrecisionDay      Precision = "day"       // 2020-02-26
	PrecisionMonth    Precision = "month"     // 2020-02
	PrecisionYear     Precision = "year"      // 2020
	PrecisionMonthDay Precision = "month-day" // --02-26, year unknown
)

// Date is a calendar date known to some precision. The zero Date is unknown.
type Date struct {
	Year  int // 0 when unknown
	Month int // 1-12, 0 when unknown
	Day   int // 1-31, 0 when unknown
}

// Known reports whether d is a date of one of the precisions. A month
// without a year or day is not: no source gives one, and no string form
// could keep it.
func (d Date) Known() bool { return d.Precision() != "" }

// Precision returns how much of d is known, or "" for the zero Date.
func (d Date) Precision() Precision {
	switch {
	case d.Year != 0 && d.Month != 0 && d.Day != 0:
		return PrecisionDay
	case d.Year != 0 && d.Month != 0:
		return PrecisionMonth
	case d.Year != 0:
		return PrecisionYear
	case d.Month != 0 && d.Day != 0:
		return PrecisionMonthDay
	}
	return ""
}

// String formats d in the forms the extraction contract uses: 2020-02-26,
// 2020-02, 2020, or --02-26 when the year is unknown. The zero Date is "".
//
// The string doubles as the sort key of a date: forms compare correctly as
// strings, and dates without a year sort before all others.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonthDay:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	}
	return ""
}

// ParseDate parses the forms String produces. The empty string is the zero
// Date. Anything else returns an error wrapping ErrInvalidInput.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("%w: date %q: want YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD", ErrInvalidInput, s)
	}
	var d Date
	var err error
	switch {
	case strings.HasPrefix(s, "--") && len(s) == 7 && s[4] == '-':
		if d.Month, err = strconv.Atoi(s[2:4]); err != nil {
			return bad()
		}
		if d.Day, err = strconv.Atoi(s[5:7]); err != nil {
			return bad()
		}
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		if d.Year, err = strconv.Atoi(s[:4]); err != nil {
			return bad()
		}
		if d.Month, err = strconv.Atoi(s[5:7]); err != nil {
			return bad()
		}
		if d.Day, err = strconv.Atoi(s[8:10]); err != nil {
			return bad()
		}
	case len(s) == 7 && s[4] == '-':
		if d.Year, err = strconv.Atoi(s[:4]); err != nil {
			return bad()
		}
		if d.Month, err = strconv.Atoi(s[5:7]); err != nil {
			return bad()
		}
	case len(s) == 4:
		if d.Year, err = strconv.Atoi(s); err != nil {
			return bad()
		}
	default:
		return bad()
	}
	if d.Year < 0 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > daysIn(d.Year, d.Month) {
		return bad()
	}
	if (d.Year != 0 && d.Year < 1000) || (d.Day != 0 && d.Month == 0) {
		return bad()
	}
	// Only the canonical form: strconv accepts signs ("2020-+1-01"), and
	// zero fields ("0000-01") would make a Date whose String is not s, or
	// is empty, which stores could not keep.
	if d.String() != s {
		return bad()
	}
	return d, nil
}

func daysIn(year, month int) int {
	switch month {
	case 0:
		return 0
	case 2:
		if year == 0 || (year%4 == 0 && (year%100 != 0 || year%400 == 0)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// InRange reports whether d lies within [from, to], both inclusive and both
// optional (zero). A bound of lower precision covers all dates within it:
// to=2020-02 includes 2020-02-26. A date without a year is outside every
// range that has a bound, because nobody knows which year it fell in.
func (d Date) InRange(from, to Date) bool {
	if !from.Known() && !to.Known() {
		return true
	}
	if d.Year == 0 {
		return false
	}
	k := d.String()
	if f := from.String(); f != "" && k < f && !strings.HasPrefix(k, f) {
		return false
	}
	if t := to.String(); t != "" && k > t && !strings.HasPrefix(k, t) {
		return false
	}
	return true
}
