package extract

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestReportJSONRoundTrip checks that a report read back from the JSON it
// was written as is written again byte for byte: the decoders' defaults
// apply only to what the JSON leaves out.
func TestReportJSONRoundTrip(t *testing.T) {
	for _, path := range reportFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			text, meta := readReport(t, path)
			rep, err := Extract(t.Context(), text, meta)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			want, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			var back Report
			if err := json.Unmarshal(want, &back); err != nil {
				t.Fatalf("reading the report's JSON back: %v", err)
			}
			got, err := json.Marshal(&back)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("JSON read back and written again differs:\n%s", firstDiff(string(got), string(want)))
			}
		})
	}
}

// TestReportFromGoldJSON checks the forms only gold annotations write: a
// mention as a bare string, a directive's key phrase and optional flag, a
// null publication date, offsets left out, which are -1 rather than the
// start of the text, and lists left out, which are empty.
func TestReportFromGoldJSON(t *testing.T) {
	const gold = `{
	  "report": {"title": "标题", "publishedAt": null, "reporters": ["刘婷"]},
	  "meetings": [{
	    "name": "部署会议", "date": "2020-02-26", "jurisdiction": "娄底市",
	    "participants": [{"name": "张?", "roles": ["attended"], "positions": [], "garbled": true}],
	    "divisions": [{"name": "娄星区", "role": "reported"}],
	    "directives": [{"issuer": "会议", "key": "网格化防控", "optional": true}]
	  }],
	  "mentioned": ["习近平", {"name": "李强", "offset": 7}]
	}`
	var got Report
	if err := json.Unmarshal([]byte(gold), &got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	want := Report{
		Report: ReportInfo{Title: "标题", Reporters: []string{"刘婷"}},
		Meetings: []Meeting{{
			Name: "部署会议", Date: "2020-02-26", Jurisdiction: "娄底市", EvidenceOffset: -1,
			Participants: []Participant{{Name: "张?", Roles: []string{"attended"}, Positions: []string{}, Titles: []Title{}, Garbled: true, EvidenceOffset: -1}},
			Divisions:    []Division{{Name: "娄星区", Role: "reported", EvidenceOffset: -1}},
			Directives:   []Directive{{Issuer: "会议", Key: "网格化防控", Optional: true, EvidenceOffset: -1}},
		}},
		Mentioned: []Mention{{Name: "习近平", Offset: -1}, {Name: "李强", Offset: 7}},
		Warnings:  []Warning{},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded gold JSON:\n got  %+v\n want %+v", got, want)
	}
}

// TestReportJSONListsNeverNull checks that extraction JSON read back is
// written in the contract's shape: a list the JSON leaves out or gives as
// null is written as [], never as null.
func TestReportJSONListsNeverNull(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // in the JSON written back
	}{
		{
			name: "empty object",
			in:   `{}`,
			want: []string{`"meetings":[]`, `"mentioned":[]`, `"warnings":[]`, `"reporters":[]`},
		},
		{
			name: "null lists",
			in:   `{"report": {"reporters": null}, "meetings": null, "mentioned": null, "warnings": null}`,
			want: []string{`"meetings":[]`, `"mentioned":[]`, `"warnings":[]`, `"reporters":[]`},
		},
		{
			name: "meeting and participant without lists",
			in:   `{"meetings": [{"name": "部署会议", "participants": [{"name": "张一"}], "divisions": null}]}`,
			want: []string{
				`"participants":[{`, `"divisions":[]`, `"directives":[]`,
				`"roles":[]`, `"positions":[]`, `"titles":[]`,
			},
		},
		{
			name: "lists given are kept",
			in:   `{"report": {"reporters": ["刘婷"]}, "meetings": [{"name": "部署会议", "participants": [{"name": "张一", "roles": ["spoke"]}]}]}`,
			want: []string{`"reporters":["刘婷"]`, `"roles":["spoke"]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Report
			if err := json.Unmarshal([]byte(tt.in), &r); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			out, err := json.Marshal(&r)
			if err != nil {
				t.Fatal(err)
			}
			got := string(out)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("written back as %s, want it to hold %s", got, w)
				}
			}
			// url is the one field the contract writes as null
			if rest := strings.ReplaceAll(got, `"url":null`, ""); strings.Contains(rest, "null") {
				t.Errorf("written back as %s, which holds a null other than the url", got)
			}
		})
	}
}
