package kg

import (
	"errors"
	"slices"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		prec    Precision
		wantErr bool
	}{
		{"2020-02-26", Date{2020, 2, 26}, PrecisionDay, false},
		{"2020-02", Date{2020, 2, 0}, PrecisionMonth, false},
		{"2020", Date{2020, 0, 0}, PrecisionYear, false},
		{"--02-26", Date{0, 2, 26}, PrecisionMonthDay, false},
		{"--02-29", Date{0, 2, 29}, PrecisionMonthDay, false},
		{"", Date{}, "", false},
		{"2021-02-29", Date{}, "", true},
		{"2020-13-01", Date{}, "", true},
		{"2020/02/26", Date{}, "", true},
		{"0099", Date{}, "", true},
		{"--2-26", Date{}, "", true},
		{"abcd-ef-gh", Date{}, "", true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("ParseDate(%q) error %v does not wrap ErrInvalidInput", tt.in, err)
			}
			continue
		}
		if got != tt.want || got.Precision() != tt.prec {
			t.Errorf("ParseDate(%q) = %+v (%s), want %+v (%s)", tt.in, got, got.Precision(), tt.want, tt.prec)
		}
		if got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q, want round trip", tt.in, got.String())
		}
	}
}

func TestInRange(t *testing.T) {
	d := func(s string) Date {
		t.Helper()
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		date, from, to string
		want           bool
	}{
		{"2020-02-26", "", "", true},
		{"--02-26", "", "", true},
		{"--02-26", "2020", "", false},
		{"2020-02-26", "2020-02", "2020-02", true},
		{"2020-02-26", "2020-02-27", "", false},
		{"2020-02-26", "", "2020-02-25", false},
		{"2020-02-26", "", "2020", true},
		{"2020-02", "2020-01", "2020-03", true},
		{"2019-12-31", "2020", "", false},
	}
	for _, tt := range tests {
		if got := d(tt.date).InRange(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("%s.InRange(%q, %q) = %v, want %v", tt.date, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestNewIDStableAndTyped(t *testing.T) {
	a := MeetingID("div_x", Date{2020, 2, 26}, "会议")
	b := MeetingID("div_x", Date{2020, 2, 26}, "会议")
	c := MeetingID("div_x", Date{0, 2, 26}, "会议")
	if a != b {
		t.Errorf("MeetingID not stable: %q != %q", a, b)
	}
	if a == c {
		t.Errorf("MeetingID ignores the date's year: both %q", a)
	}
	if k, ok := KindOf(a); !ok || k != KindMeeting {
		t.Errorf("KindOf(%q) = %q, %v; want %q, true", a, k, ok, KindMeeting)
	}
	// The separator keeps ("ab", "c") and ("a", "bc") apart.
	if NewID(KindOfficial, "ab", "c") == NewID(KindOfficial, "a", "bc") {
		t.Error("NewID confuses key boundaries")
	}
	for _, bad := range []string{"", "off", "off_", "xyz_aaaaaaaaaaaaaaaa", "off_AAAAAAAAAAAAAAAA", "off_aaaa"} {
		if _, ok := KindOf(bad); ok {
			t.Errorf("KindOf(%q) accepted a malformed ID", bad)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	id := NewID(KindOfficial, "刘非")
	c := EncodeCursor("2020-02-26", id)
	k, gotID, err := DecodeCursor(c)
	if err != nil || k != "2020-02-26" || gotID != id {
		t.Fatalf("DecodeCursor(EncodeCursor) = %q, %q, %v; want round trip", k, gotID, err)
	}
	for _, bad := range []string{"!!", "YWJj", EncodeCursor("k", "not-an-id")} {
		if _, _, err := DecodeCursor(bad); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("DecodeCursor(%q) error = %v, want ErrInvalidInput", bad, err)
		}
	}
}

func TestWindow(t *testing.T) {
	tests := []struct {
		name               string
		n, lo, hi          int
		p                  Page
		wantStart, wantEnd int
		wantInfo           PageInfo
	}{
		{"default size", 50, 0, 50, Page{}, 0, DefaultPageSize, PageInfo{HasNextPage: true}},
		{"first all", 3, 0, 3, Page{First: 10}, 0, 3, PageInfo{}},
		{"first after", 10, 4, 10, Page{First: 3}, 4, 7, PageInfo{HasNextPage: true, HasPreviousPage: true}},
		{"last", 10, 0, 10, Page{Last: 3}, 7, 10, PageInfo{HasPreviousPage: true}},
		{"last before", 10, 0, 5, Page{Last: 2}, 3, 5, PageInfo{HasNextPage: true, HasPreviousPage: true}},
		{"after the end", 10, 10, 10, Page{First: 3}, 10, 10, PageInfo{HasPreviousPage: true}},
		{"empty", 0, 0, 0, Page{First: 3}, 0, 0, PageInfo{}},
		{"first and last", 10, 0, 10, Page{First: 5, Last: 2}, 3, 5, PageInfo{HasNextPage: true, HasPreviousPage: true}},
		{"crossed cursors", 10, 6, 4, Page{First: 3}, 4, 4, PageInfo{HasNextPage: true, HasPreviousPage: true}},
	}
	for _, tt := range tests {
		s, e, info := Window(tt.n, tt.lo, tt.hi, tt.p)
		if s != tt.wantStart || e != tt.wantEnd || info != tt.wantInfo {
			t.Errorf("%s: Window = %d, %d, %+v; want %d, %d, %+v", tt.name, s, e, info, tt.wantStart, tt.wantEnd, tt.wantInfo)
		}
	}
}

func TestPageValidate(t *testing.T) {
	for _, p := range []Page{{First: -1}, {Last: MaxPageSize + 1}, {After: "nope"}} {
		if err := p.Validate(); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("Validate(%+v) = %v, want ErrInvalidInput", p, err)
		}
	}
	if err := (Page{First: MaxPageSize}).Validate(); err != nil {
		t.Errorf("Validate(first=max) = %v, want nil", err)
	}
}

func TestMostSpecific(t *testing.T) {
	tests := []struct{ in, want []Role }{
		{[]Role{RoleAttended, RoleSpoke}, []Role{RoleSpoke}},
		{[]Role{RoleAttended, RoleAttended}, []Role{RoleAttended}},
		{[]Role{RoleSpoke, RolePresided, RoleSpoke}, []Role{RolePresided, RoleSpoke}},
		{nil, []Role{}},
	}
	for _, tt := range tests {
		if got := MostSpecific(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("MostSpecific(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if !HasRole([]Role{RoleSpoke}, RoleAttended) || HasRole([]Role{RoleAttended}, RoleSpoke) {
		t.Error("HasRole: speaking implies attending, not the reverse")
	}
}

func TestCursorKeyWithSeparator(t *testing.T) {
	id := NewID(KindOfficial, "x")
	k, gotID, err := DecodeCursor(EncodeCursor("a\x1fb", id))
	if err != nil || k != "a\x1fb" || gotID != id {
		t.Errorf("DecodeCursor = %q, %q, %v; want the key with its separator kept", k, gotID, err)
	}
}

func TestValidateRejectsBadDates(t *testing.T) {
	f := &ReportFacts{Report: Report{ID: ReportID("", "x"), PublishedAt: Date{Year: 2020, Month: 13}}}
	if err := f.Validate(); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("Validate(month 13) = %v, want ErrInvalidInput", err)
	}
	f.Report.PublishedAt = Date{Year: 2020, Month: 2, Day: 26}
	if err := f.Validate(); err != nil {
		t.Errorf("Validate(valid date) = %v, want nil", err)
	}
}
