package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"officialgraph/internal/extract"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
)

// TestSameOfficialAcrossReports checks that an official named in three
// reports of one city, with a title that changes over time, is one official
// with all three meetings and both titles.
func TestSameOfficialAcrossReports(t *testing.T) {
	files, err := filepath.Glob("../../corpus/synthetic/hengyang-*.txt")
	if err != nil || len(files) != 3 {
		t.Fatalf("hengyang reports: %v, %v; want 3", files, err)
	}
	srcs, errs := Collect(files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := memstore.New()
	ctx := context.Background()
	sum := (&Pipeline{Store: s, Extract: Extract}).Run(ctx, srcs)
	if sum.Failed > 0 {
		t.Fatalf("ingest: %+v", sum.Errors)
	}
	c, err := s.Officials(ctx, kg.OfficialFilter{Name: "司马文涛"}, kg.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Items) != 1 {
		t.Fatalf("司马文涛: %d officials, want 1", len(c.Items))
	}
	id := c.Items[0].ID
	ms, err := s.OfficialMeetings(ctx, id, kg.MeetingFilter{}, kg.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if ms.TotalCount < 3 {
		t.Errorf("司马文涛's meetings = %d, want at least one from each of 3 reports", ms.TotalCount)
	}
	held, err := s.OfficialPositions(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]kg.Date{}
	for _, h := range held {
		titles[h.Position.Title] = h.FirstSeen
	}
	if _, ok := titles["副市长"]; !ok {
		t.Errorf("positions %v lack 副市长", titles)
	}
	if _, ok := titles["市长"]; !ok {
		t.Errorf("positions %v lack 市长", titles)
	}
	if titles["副市长"].String() >= titles["市长"].String() {
		t.Errorf("副市长 first seen %s, 市长 %s: want the deputy post first", titles["副市长"], titles["市长"])
	}
}

// TestSameNameElsewhereIsAnotherOfficial checks that a name in two cities
// names two officials, and a garbled name in two reports names two.
func TestSameNameElsewhereIsAnotherOfficial(t *testing.T) {
	meeting := func(juris, name string) *Extraction {
		return &Extraction{Meetings: []extract.Meeting{{
			Name: juris + "工作会议", Date: "2021-05-01", Jurisdiction: juris,
			Participants: []extract.Participant{{Name: name, Roles: []string{"attended"}}},
		}}}
	}
	id := func(e *Extraction, text string) string {
		t.Helper()
		f, _, err := Facts(e, Meta{}, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return f.Officials[0].ID
	}
	if a, b := id(meeting("娄底市", "王建国"), "a"), id(meeting("娄底市", "王建国"), "b"); a != b {
		t.Errorf("王建国 in two reports of 娄底市: IDs %s and %s, want one", a, b)
	}
	if a, b := id(meeting("娄底市", "王建国"), "a"), id(meeting("衡阳市", "王建国"), "b"); a == b {
		t.Errorf("王建国 of 娄底市 and of 衡阳市 share ID %s, want two officials", a)
	}
	if a, b := id(meeting("娄底市", "王?"), "a"), id(meeting("娄底市", "王?"), "b"); a == b {
		t.Errorf("王? in two reports share ID %s: a lost character must never merge people", a)
	}
	// A county meeting's officials belong to its city: 新化县 is in 娄底市.
	if a, b := id(meeting("新化县", "王建国"), "a"), id(meeting("娄底市", "王建国"), "b"); a != b {
		t.Errorf("王建国 at a 新化县 meeting and a 娄底市 meeting: IDs %s and %s, want one (same city)", a, b)
	}
}
