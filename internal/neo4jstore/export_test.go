package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"officialgraph/internal/kg"
	"officialgraph/internal/search"
)

// Hooks for the external tests, which PROFILE the store's own queries.

// HotQuery is a query of a hot path with the parameters of one call.
type HotQuery struct {
	Name   string
	Query  string
	Params map[string]any
}

// SearchQuery returns the query Search runs for text over all kinds.
func SearchQuery(text string) (HotQuery, error) {
	sq, err := search.Parse(text)
	if err != nil {
		return HotQuery{}, err
	}
	query, params, ok := searchQuery(sq, []bool{true, true, true, true}, kg.DefaultPageSize)
	if !ok {
		return HotQuery{}, fmt.Errorf("no query for %q", text)
	}
	return HotQuery{"search " + text, query, params}, nil
}

// ConnectionQueries returns the queries Connection runs between two
// officials within maxHops: the query of short chains, a step of the search
// for longer ones from both, and the read of a chain of the two.
func ConnectionQueries(from, to string, maxHops int) []HotQuery {
	return []HotQuery{
		{fmt.Sprintf("connection within %d", maxHops), fmt.Sprintf(connectionQuery, maxHops), map[string]any{"from": from, "to": to, "maxHops": maxHops}},
		{"connection step", stepQuery, map[string]any{"frontier": []string{from, to}}},
		{"connection chain", chainQuery, map[string]any{"officials": []string{from, to}, "meetings": []string{}}},
	}
}

// BatchQueries returns the queries of the batch reads for ids.
func BatchQueries(ids []string) []HotQuery {
	p := func() map[string]any { return map[string]any{"ids": ids, "role": ""} }
	return []HotQuery{
		{"OfficialsByID", officialsByIDQuery, p()},
		{"MeetingsByID", meetingsByIDQuery, p()},
		{"DivisionsByID", divisionsByIDQuery, p()},
		{"PositionsByID", positionsByIDQuery, p()},
		{"ReportsByID", reportsByIDQuery, p()},
		{"ParticipantsOf", participantsOfQuery, p()},
		{"DivisionRolesOf", divisionRolesOfQuery, p()},
		{"DirectivesOf", directivesOfQuery, p()},
		{"ReportsOf", reportsOfQuery, p()},
		{"PositionsHeldBy", positionsHeldByQuery, p()},
	}
}

// StatsQuery returns the query Stats runs for f.
func StatsQuery(f kg.StatsFilter) HotQuery {
	selected, params := statsSelection(f)
	return HotQuery{"stats", statsQuery(selected), params}
}

// OfficialMeetingsQuery returns the query OfficialMeetings runs.
func OfficialMeetingsQuery(officialID string, f kg.MeetingFilter, p kg.Page) HotQuery {
	q, params := officialMeetings(officialID, f).build(p)
	return HotQuery{"official meetings", q, params}
}

// CoAttendeesQuery returns the query CoAttendees runs for the first 20
// co-attendees of an official.
func CoAttendeesQuery(officialID string) HotQuery {
	return HotQuery{"co-attendees", fmt.Sprintf(coAttendeesQuery, "true"), map[string]any{"id": officialID, "minShared": int64(1), "first": int64(20)}}
}

// CoAttendeeCountsQueries returns the queries CoAttendees runs for the
// first 20 co-attendees of an official when it counts only: over all
// meetings, and over the meetings between two dates.
func CoAttendeeCountsQueries(officialID string) ([]HotQuery, error) {
	var out []HotQuery
	for _, c := range []struct {
		name string
		f    kg.CoAttendeeFilter
	}{
		{"co-attendee counts", kg.CoAttendeeFilter{First: 20, CountOnly: true}},
		{"co-attendee counts between dates", kg.CoAttendeeFilter{First: 20, CountOnly: true,
			From: kg.Date{Year: 2020, Month: 1}, To: kg.Date{Year: 2023, Month: 12}}},
	} {
		query, params, err := coAttendeesRead(c.f)
		if err != nil {
			return nil, err
		}
		params["id"] = officialID
		out = append(out, HotQuery{c.name, query, params})
	}
	return out, nil
}

// OfficialProfileQuery returns the query OfficialProfile runs for an
// official's positions (with their evidence, or their dates only), first
// 20 meetings and first 20 co-attendees, counted only.
func OfficialProfileQuery(officialID string, positionDatesOnly bool) (HotQuery, error) {
	parts, _, err := profileParts(officialID, kg.ProfileQuery{
		Positions:         true,
		PositionDatesOnly: positionDatesOnly,
		Meetings:          &kg.MeetingsQuery{Page: kg.Page{First: 20}},
		CoAttendees:       &kg.CoAttendeeFilter{CountOnly: true},
	})
	if err != nil {
		return HotQuery{}, err
	}
	query, params, err := profileQuery(officialID, parts)
	name := "official profile"
	if positionDatesOnly {
		name += " (position dates)"
	}
	return HotQuery{name, query, params}, err
}

// HoldersQuery returns the query Holders runs for a title of any division.
func HoldersQuery(title string) HotQuery {
	return HotQuery{"holders " + title, fmt.Sprintf(holdersQuery, ""), map[string]any{"title": title, "at": ""}}
}

// TierMismatches runs the search query of text and describes each
// candidate whose score in the server differs from search.Score's: the
// server orders candidates by it before cutting them at the page's end.
func (s *Store) TierMismatches(ctx context.Context, text string) (candidates int, mismatches []string, err error) {
	sq, err := search.Parse(text)
	if err != nil {
		return 0, nil, err
	}
	query, params, ok := searchQuery(sq, []bool{true, true, true, true}, kg.MaxPageSize)
	if !ok {
		return 0, nil, nil
	}
	_, err = read(ctx, s, "tiers", func(q querier) (struct{}, error) {
		recs, err := q.all(query+", tier", params)
		if err != nil {
			return struct{}{}, err
		}
		candidates = len(recs)
		for _, rec := range recs {
			n := get(rec, "n")
			f := candidateForms(searchKinds[getInt(rec, "kind")].kind, n)
			if tier, score := getInt(rec, "tier"), search.Score(sq, f); tier != score {
				mismatches = append(mismatches, fmt.Sprintf("%s: server %d, search.Score %d", n.str("id"), tier, score))
			}
		}
		return struct{}{}, nil
	})
	return candidates, mismatches, err
}

// FailWriteOf makes the server fail the write query of the report id, as
// it would fail a report it cannot store, until restore is called; the
// reports written with it in one query fail too.
func FailWriteOf(id string) (restore func()) {
	one, many := writeReportQuery, writeReportsQuery
	const match = "MATCH (r:Report {id: $report.id})"
	if !strings.Contains(one, match) {
		panic("FailWriteOf: the write query no longer has " + match)
	}
	writeReportQuery = strings.Replace(one, match, match+fmt.Sprintf(`
WITH r WHERE 1 / CASE WHEN r.id = '%s' THEN 0 ELSE 1 END = 1`, id), 1)
	writeReportsQuery = forEachReport(writeReportQuery)
	return func() { writeReportQuery, writeReportsQuery = one, many }
}
