package ingest

import (
	"officialgraph/internal/extract"
	"officialgraph/internal/gazetteer"
)

// divisionList lets the extractor recognise division names that its suffix
// rules alone do not accept, from the statistics bureau's list.
type divisionList struct{}

func (divisionList) Known(name string) bool { return len(gazetteer.Lookup(name)) > 0 }

var extractor = &extract.Extractor{Gazetteer: divisionList{}}

// Read runs the rule-based reader of internal/extract, with the statistics
// bureau's division list, over one report.
func Read(text []byte, meta Meta, file string) (*extract.Report, error) {
	m := extract.Meta{File: file, Title: meta.Title, PublishedAt: deref(meta.PublishedAt), URL: deref(meta.URL)}
	return extractor.Extract(text, m)
}

// Extract is the pipeline's Extractor: Read, in the contract form.
func Extract(text []byte, meta Meta, file string) (*Extraction, error) {
	r, err := Read(text, meta, file)
	if err != nil {
		return nil, err
	}
	return FromExtract(r, meta.Synthetic), nil
}

// FromExtract converts the extractor's report into the contract form the
// pipeline reads, which extraction JSON files also decode into.
func FromExtract(r *extract.Report, synthetic bool) *Extraction {
	e := &Extraction{
		File: r.File,
		Report: ExtractedReport{
			Title:     r.Report.Title,
			URL:       r.Report.URL,
			Reporters: r.Report.Reporters,
			Synthetic: synthetic,
		},
	}
	if r.Report.PublishedAt != "" {
		p := r.Report.PublishedAt
		e.Report.PublishedAt = &p
	}
	for _, m := range r.Meetings {
		em := ExtractedMeeting{
			Name: m.Name, Date: m.Date, Jurisdiction: m.Jurisdiction, Kind: m.Kind, Evidence: m.Evidence,
		}
		for _, p := range m.Participants {
			ep := ExtractedParticipant{
				Name: p.Name, Original: p.Original, Roles: p.Roles, Positions: p.Positions,
				Garbled: p.Garbled, Evidence: p.Evidence, EvidenceOffset: offset(p.EvidenceOffset),
			}
			for _, t := range p.Titles {
				ep.Titles = append(ep.Titles, ExtractedTitle{Title: t.Title, Organization: t.Organization, Division: t.Division})
			}
			em.Participants = append(em.Participants, ep)
		}
		for _, d := range m.Divisions {
			em.Divisions = append(em.Divisions, ExtractedDivision{
				Name: d.Name, Original: d.Original, Role: d.Role, Evidence: d.Evidence, EvidenceOffset: offset(d.EvidenceOffset),
			})
		}
		for _, d := range m.Directives {
			em.Directives = append(em.Directives, ExtractedDirective{
				Issuer: d.Issuer, IssuerOriginal: d.IssuerOriginal, Ordinal: d.Ordinal, Text: d.Text,
				Evidence: d.Evidence, EvidenceOffset: offset(d.EvidenceOffset),
			})
		}
		e.Meetings = append(e.Meetings, em)
	}
	for _, m := range r.Mentioned {
		e.Mentioned = append(e.Mentioned, ExtractedMention{Name: m.Name})
	}
	for _, w := range r.Warnings {
		e.Warnings = append(e.Warnings, ExtractionWarning{Code: w.Code, Message: w.Message, Offset: w.Offset})
	}
	return e
}

func offset(o int) *int {
	if o < 0 {
		return nil
	}
	return &o
}
