package ingest

import "encoding/json"

// Extraction is one report's extraction in the JSON contract that
// `officialgraph extract --format json` prints (see eval/extract-json.md).
// The gold annotations of the test corpus use the same shape, with a
// directive's key phrase in place of its text, so they load too.
type Extraction struct {
	File      string              `json:"file,omitempty"`
	Report    ExtractedReport     `json:"report"`
	Meetings  []ExtractedMeeting  `json:"meetings"`
	Mentioned []ExtractedMention  `json:"mentioned,omitempty"`
	Warnings  []ExtractionWarning `json:"warnings,omitempty"`
}

// ExtractedReport is the report's own metadata as extracted.
type ExtractedReport struct {
	Title       string   `json:"title"`
	PublishedAt *string  `json:"publishedAt"`
	URL         *string  `json:"url,omitempty"`
	Reporters   []string `json:"reporters"`
	Synthetic   bool     `json:"synthetic,omitempty"`
}

// ExtractedMeeting is one meeting of a report.
type ExtractedMeeting struct {
	Name         string                 `json:"name"`
	Date         string                 `json:"date"`
	Jurisdiction string                 `json:"jurisdiction"`
	Kind         string                 `json:"kind,omitempty"`
	Evidence     string                 `json:"evidence,omitempty"`
	Participants []ExtractedParticipant `json:"participants"`
	Divisions    []ExtractedDivision    `json:"divisions"`
	Directives   []ExtractedDirective   `json:"directives"`
}

// ExtractedParticipant is an official at a meeting.
type ExtractedParticipant struct {
	Name           string           `json:"name"`
	Original       string           `json:"original,omitempty"`
	Roles          []string         `json:"roles"`
	Positions      []string         `json:"positions"`
	Titles         []ExtractedTitle `json:"titles,omitempty"`
	Garbled        bool             `json:"garbled,omitempty"`
	Evidence       string           `json:"evidence,omitempty"`
	EvidenceOffset *int             `json:"evidenceOffset,omitempty"`
}

// ExtractedTitle is a position with its organisation and division, where
// the extractor could tell them.
type ExtractedTitle struct {
	Title        string `json:"title"`
	Organization string `json:"organization,omitempty"`
	Division     string `json:"division,omitempty"`
}

// ExtractedDivision is a division's part in a meeting.
type ExtractedDivision struct {
	Name           string `json:"name"`
	Original       string `json:"original,omitempty"`
	Role           string `json:"role"`
	Evidence       string `json:"evidence,omitempty"`
	EvidenceOffset *int   `json:"evidenceOffset,omitempty"`
}

// ExtractedDirective is an instruction issued at a meeting.
type ExtractedDirective struct {
	Issuer         string `json:"issuer"`
	IssuerOriginal string `json:"issuerOriginal,omitempty"`
	Ordinal        int    `json:"ordinal,omitempty"`
	Text           string `json:"text,omitempty"`
	Key            string `json:"key,omitempty"` // gold files give a key phrase instead of the text
	Optional       bool   `json:"optional,omitempty"`
	Evidence       string `json:"evidence,omitempty"`
	EvidenceOffset *int   `json:"evidenceOffset,omitempty"`
}

// ExtractedMention is a person only referred to, not present.
type ExtractedMention struct {
	Name string `json:"name"`
}

// ExtractionWarning is something the extractor could not settle.
type ExtractionWarning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Offset  int    `json:"offset"`
}

// UnmarshalJSON accepts a mention as an object ({"name": "习近平"}), as the
// contract writes it, or as a bare string, as gold files do.
func (m *ExtractedMention) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		m.Name = s
		return nil
	}
	type plain ExtractedMention
	return json.Unmarshal(b, (*plain)(m))
}
