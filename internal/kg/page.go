package kg

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Page sizes. Asking for more than MaxPageSize is an error, never a silent cut.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Page asks for a window of an ordered list, Relay style: First items after
// the After cursor, or Last items before the Before cursor. With neither
// First nor Last, DefaultPageSize items from the start are returned.
type Page struct {
	First  int
	After  string
	Last   int
	Before string
}

// Validate checks the sizes and the cursors' form. Errors wrap ErrInvalidInput.
func (p Page) Validate() error {
	switch {
	case p.First < 0 || p.Last < 0:
		return fmt.Errorf("%w: first and last must not be negative", ErrInvalidInput)
	case p.First > MaxPageSize || p.Last > MaxPageSize:
		return fmt.Errorf("%w: page size %d exceeds the maximum of %d", ErrInvalidInput, max(p.First, p.Last), MaxPageSize)
	}
	for _, c := range []string{p.After, p.Before} {
		if c == "" {
			continue
		}
		if _, _, err := DecodeCursor(c); err != nil {
			return err
		}
	}
	return nil
}

// PageInfo describes a window of a list.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
}

// Conn is one window of an ordered list: the items, each item's cursor, and
// the total number of items that match the filter.
type Conn[T any] struct {
	Items      []T
	Cursors    []string
	PageInfo   PageInfo
	TotalCount int
}

const cursorPrefix = "c1:"

// EncodeCursor makes an opaque cursor from an item's sort key and ID.
// Cursors are store-independent: the same item has the same cursor in every
// store, so the stores give identical answers.
func EncodeCursor(sortKey, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + sortKey + "\x1f" + id))
}

// DecodeCursor returns the sort key and ID of a cursor from EncodeCursor.
// A malformed cursor is an error wrapping ErrInvalidInput.
func DecodeCursor(c string) (sortKey, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) {
		return "", "", fmt.Errorf("%w: malformed cursor %q", ErrInvalidInput, c)
	}
	// Cut at the last separator: a sort key (a name) may hold one, an ID
	// never does.
	rest := string(b)[len(cursorPrefix):]
	i := strings.LastIndexByte(rest, 0x1f)
	if i < 0 {
		return "", "", fmt.Errorf("%w: malformed cursor %q", ErrInvalidInput, c)
	}
	sortKey, id = rest[:i], rest[i+1:]
	if _, ok := KindOf(id); !ok {
		return "", "", fmt.Errorf("%w: malformed cursor %q", ErrInvalidInput, c)
	}
	return sortKey, id, nil
}

// Window computes which part of an ordered list of n items a Page returns.
// lo is the number of items at or before the After cursor (0 without one); hi
// is the number of items before the Before cursor (n without one). It returns
// the half-open range [start, end) of items to return and the page info.
//
// Every store computes lo and hi its own way and then calls Window, which is
// what keeps their pagination identical.
func Window(n, lo, hi int, p Page) (start, end int, info PageInfo) {
	hi = min(hi, n)
	lo = min(lo, hi)
	start, end = lo, hi
	if p.First == 0 && p.Last == 0 {
		p.First = DefaultPageSize
	}
	if p.First > 0 && end-start > p.First {
		end = start + p.First
	}
	if p.Last > 0 && end-start > p.Last {
		start = end - p.Last
	}
	return start, end, PageInfo{HasPreviousPage: start > 0, HasNextPage: end < n}
}

// Order is the direction of a list.
type Order int

// The orders. Ascending is the zero value.
const (
	Ascending Order = iota
	Descending
)

// SortKey functions give the key each list is ordered by (then by ID). Both
// stores order by exactly these keys.

// OfficialSortKey orders officials by canonical name.
func OfficialSortKey(o Official) string { return o.Name }

// MeetingSortKey orders meetings by date; dates without a year come first.
func MeetingSortKey(m Meeting) string { return m.Date.String() }

// DivisionSortKey orders divisions by code when known, else by name after all
// coded ones.
func DivisionSortKey(d Division) string {
	if d.Code != "" {
		return "0" + d.Code
	}
	return "1" + d.Name
}

// ReportSortKey orders reports by publication date.
func ReportSortKey(r Report) string { return r.PublishedAt.String() }

// DirectiveSortKey orders directives by their meeting's date, then meeting,
// then issuer, then ordinal.
func DirectiveSortKey(d Directive, meetingDate Date) string {
	return fmt.Sprintf("%s\x1e%s\x1e%s\x1e%06d", meetingDate.String(), d.MeetingID, d.IssuerID, d.Ordinal)
}
