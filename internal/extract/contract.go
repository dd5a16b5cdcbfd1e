package extract

import "encoding/json"

// Reading extraction JSON back: the pipeline ingests it as it ingests text,
// and the gold annotations of the corpora have the same shape, with a few
// differences the decoders below absorb. An offset the JSON leaves out
// (gold files give none) is decoded as -1, no place in the text, rather
// than 0, the start of the text. A list the JSON leaves out, or gives as
// null, is decoded as an empty list, as the extractor writes it, so that a
// report read back is written in the contract's shape.

// UnmarshalJSON decodes a report; missing lists are empty.
func (r *Report) UnmarshalJSON(b []byte) error {
	type plain Report
	var v plain
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = Report(v)
	r.Meetings = orEmpty(r.Meetings)
	r.Mentioned = orEmpty(r.Mentioned)
	r.Warnings = orEmpty(r.Warnings)
	r.Report.Reporters = orEmpty(r.Report.Reporters)
	return nil
}

// UnmarshalJSON decodes a meeting; a missing evidenceOffset is -1 and
// missing lists are empty.
func (m *Meeting) UnmarshalJSON(b []byte) error {
	type plain Meeting
	v := plain{EvidenceOffset: -1}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*m = Meeting(v)
	m.Participants = orEmpty(m.Participants)
	m.Divisions = orEmpty(m.Divisions)
	m.Directives = orEmpty(m.Directives)
	return nil
}

// UnmarshalJSON decodes a participant; a missing evidenceOffset is -1 and
// missing lists are empty.
func (p *Participant) UnmarshalJSON(b []byte) error {
	type plain Participant
	v := plain{EvidenceOffset: -1}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = Participant(v)
	p.Roles = orEmpty(p.Roles)
	p.Positions = orEmpty(p.Positions)
	p.Titles = orEmpty(p.Titles)
	return nil
}

// UnmarshalJSON decodes a division; a missing evidenceOffset is -1.
func (d *Division) UnmarshalJSON(b []byte) error {
	type plain Division
	v := plain{EvidenceOffset: -1}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*d = Division(v)
	return nil
}

// UnmarshalJSON decodes a directive; a missing evidenceOffset is -1.
func (d *Directive) UnmarshalJSON(b []byte) error {
	type plain Directive
	v := plain{EvidenceOffset: -1}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*d = Directive(v)
	return nil
}

// UnmarshalJSON accepts a mention as an object ({"name": "习近平"}), as the
// contract writes it, or as a bare string, as gold files do; a missing
// offset is -1.
func (m *Mention) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = Mention{Name: s, Offset: -1}
		return nil
	}
	type plain Mention
	v := plain{Offset: -1}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*m = Mention(v)
	return nil
}

// orEmpty returns s, or an empty list when s is nil: JSON null.
func orEmpty[E any](s []E) []E {
	if s == nil {
		return []E{}
	}
	return s
}
