package kg

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
)

// Kind is the type of an entity, and the prefix of its ID.
type Kind string

// The entity kinds. IDs start with the kind and an underscore, so any ID says
// what it names (see KindOf).
const (
	KindOfficial  Kind = "off"
	KindPosition  Kind = "pos"
	KindMeeting   Kind = "mtg"
	KindDivision  Kind = "div"
	KindDirective Kind = "dir"
	KindReport    Kind = "rep"
)

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID derives a stable ID for an entity of the given kind from its natural
// key. The same key always yields the same ID, so ingesting a report twice
// names every entity the same way.
func NewID(kind Kind, key ...string) string {
	h := sha256.New()
	for i, k := range key {
		if i > 0 {
			h.Write([]byte{0x1f}) // unit separator: keys never contain it
		}
		h.Write([]byte(k))
	}
	return string(kind) + "_" + idEncoding.EncodeToString(h.Sum(nil)[:10])
}

// KindOf returns the kind an ID names, and false if id is not an ID this
// package made.
func KindOf(id string) (Kind, bool) {
	k, rest, ok := strings.Cut(id, "_")
	if !ok || len(rest) != 16 {
		return "", false
	}
	for _, r := range rest {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return "", false
		}
	}
	switch Kind(k) {
	case KindOfficial, KindPosition, KindMeeting, KindDivision, KindDirective, KindReport, KindDecision:
		return Kind(k), true
	}
	return "", false
}

// The natural keys. Keeping them here, rather than in each caller, is what
// makes IDs agree between the pipeline, the stores and the tests.

// ReportID names a report by its URL when it has one, else by the SHA-256 of
// its content: a corrected text at the same URL replaces the old one.
func ReportID(url, sha256Hex string) string {
	if url != "" {
		return NewID(KindReport, "url", url)
	}
	return NewID(KindReport, "sha256", sha256Hex)
}

// DivisionID names a division by its statistics-bureau code when known, else
// by its name within its parent.
func DivisionID(code, parentID, name string) string {
	if code != "" {
		return NewID(KindDivision, "code", code)
	}
	return NewID(KindDivision, "name", parentID, name)
}

// OfficialID names an official by canonical name within a scope: the ID of
// the city or province they serve in. A name with a lost character cannot be
// told apart from others with the same loss, so callers scope it to the
// report (scope = report ID) to never merge two unknown people.
func OfficialID(scope, name string) string { return NewID(KindOfficial, scope, name) }

// PositionID names a position by title, organisation and division.
func PositionID(title, organization, divisionID string) string {
	return NewID(KindPosition, title, organization, divisionID)
}

// MeetingID names a meeting by its division, date and name.
func MeetingID(divisionID string, date Date, name string) string {
	return NewID(KindMeeting, divisionID, date.String(), name)
}

// DirectiveID names a directive by its meeting, issuer (an official ID, or
// IssuerMeeting), ordinal and text.
func DirectiveID(meetingID, issuerID string, ordinal int, text string) string {
	return NewID(KindDirective, meetingID, issuerID, strconv.Itoa(ordinal), text)
}
