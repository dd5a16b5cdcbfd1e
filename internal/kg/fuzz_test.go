package kg

import (
	"errors"
	"strings"
	"testing"
)

// Cursors and IDs arrive from clients: decoding any string must fail
// cleanly or give back something the service itself could have made.

func FuzzDecodeCursor(f *testing.F) {
	f.Add(EncodeCursor("华学健", OfficialID("div_x", "华学健")))
	f.Add(EncodeCursor("2020-02-26", NewID(KindMeeting, "m")))
	f.Add(EncodeCursor("a\x1fb", NewID(KindReport, "r"))) // a separator in the sort key
	f.Add(EncodeCursor("", NewID(KindDivision, "d")))
	f.Add("")
	f.Add("c1:")
	f.Add("YzE6")   // "c1:" encoded, nothing after
	f.Add("====")   // padding the raw encoding never has
	f.Add("Yz+/Og") // the standard alphabet, not the URL one
	f.Fuzz(func(t *testing.T, c string) {
		key, id, err := DecodeCursor(c)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("DecodeCursor(%q) error %v does not wrap ErrInvalidInput", c, err)
			}
			if key != "" || id != "" {
				t.Fatalf("DecodeCursor(%q) failed but returned %q, %q", c, key, id)
			}
			return
		}
		if _, ok := KindOf(id); !ok {
			t.Fatalf("DecodeCursor(%q) returned the ID %q, which is not one", c, id)
		}
		// What was decoded encodes to a cursor that decodes the same.
		k2, id2, err := DecodeCursor(EncodeCursor(key, id))
		if err != nil || k2 != key || id2 != id {
			t.Fatalf("re-encoding %q, %q decodes to %q, %q, %v", key, id, k2, id2, err)
		}
		if err := (Page{After: c}).Validate(); err != nil {
			t.Fatalf("a cursor DecodeCursor accepts fails Page.Validate: %v", err)
		}
	})
}

// FuzzCursorRoundTrip checks that every sort key, separators and invalid
// UTF-8 included, survives a cursor.
func FuzzCursorRoundTrip(f *testing.F) {
	f.Add("华学健", "k")
	f.Add("a\x1fb\x1f", "k")
	f.Add("\xff\xfe", "")
	f.Fuzz(func(t *testing.T, key, idKey string) {
		id := NewID(KindOfficial, idKey)
		k, i, err := DecodeCursor(EncodeCursor(key, id))
		if err != nil || k != key || i != id {
			t.Fatalf("round trip of %q, %q gave %q, %q, %v", key, id, k, i, err)
		}
	})
}

func FuzzKindOf(f *testing.F) {
	for _, k := range []Kind{KindOfficial, KindPosition, KindMeeting, KindDivision, KindDirective, KindReport} {
		f.Add(NewID(k, "x"))
	}
	f.Add("off_")
	f.Add("off_AAAAAAAAAAAAAAAA")  // upper case is not the alphabet
	f.Add("off_aaaaaaaaaaaaaaaaa") // one too many
	f.Add("xyz_aaaaaaaaaaaaaaaa")
	f.Add("_aaaaaaaaaaaaaaaa")
	f.Add("off_aaaaaaaaaaaaaa\u00e9")
	f.Fuzz(func(t *testing.T, id string) {
		kind, ok := KindOf(id)
		if !ok {
			if kind != "" {
				t.Fatalf("KindOf(%q) = %q, false; want no kind", id, kind)
			}
			return
		}
		rest, found := strings.CutPrefix(id, string(kind)+"_")
		if !found || len(rest) != 16 || strings.Trim(rest, "abcdefghijklmnopqrstuvwxyz234567") != "" {
			t.Fatalf("KindOf(%q) = %q, true, but the ID is not of the form KIND_ and 16 base32 characters", id, kind)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2020-02-26", "2020-02", "2020", "--02-26", "--02-29", "", " 2020 ",
		"2021-02-29", "2020-13-01", "0099", "--2-26", "9999-12-31", "1000-01-01",
		// Once accepted: signs, and zero fields that leave no date.
		"2020-+1-01", "--+2-26", "0000", "0000-01", "0000-00-00", "--00-00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrInvalidInput", s, err)
			}
			return
		}
		// Only the canonical forms are accepted, so that one date has one
		// spelling.
		if d.String() != strings.TrimSpace(s) {
			t.Fatalf("ParseDate(%q) = %+v, whose form is %q", s, d, d.String())
		}
		// Stores keep a date by its string form: it must give the date back.
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %+v, whose form %q parses to %+v, %v", s, d, d.String(), back, err)
		}
		// A date is within the range of itself.
		if d.Known() && d.Year != 0 && !d.InRange(d, d) {
			t.Fatalf("%q is not within [%[1]s, %[1]s]", d)
		}
	})
}
