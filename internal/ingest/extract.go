package ingest

import (
	"context"

	"officialgraph/internal/extract"
	"officialgraph/internal/gazetteer"
)

// divisionList lets the extractor recognise division names that its suffix
// rules alone do not accept, from the statistics bureau's list.
type divisionList struct{}

func (divisionList) Known(name string) bool { return len(gazetteer.Lookup(name)) > 0 }

var extractor = &extract.Extractor{Gazetteer: divisionList{}}

// Extract is the pipeline's Extractor: it runs the rule-based reader of
// internal/extract, with the statistics bureau's division list, over one
// report. It stops with an error wrapping ctx.Err() when ctx ends first.
func Extract(ctx context.Context, text []byte, meta Meta, file string) (*Extraction, error) {
	m := extract.Meta{File: file, Title: meta.Title, PublishedAt: deref(meta.PublishedAt), URL: deref(meta.URL)}
	return extractor.Extract(ctx, text, m)
}
