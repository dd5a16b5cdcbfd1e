package graph

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	"officialgraph/graph/model"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
)

// Bounds of a report's metadata. Real titles are a line; real URLs fit in
// any browser's address bar.
const (
	maxTitleBytes = 1 << 10
	maxURLBytes   = 2 << 10
)

// ingestMeta checks input against the limits and returns its metadata.
// Errors wrap kg.ErrInvalidInput and name the field and the limit.
func (r *Resolver) ingestMeta(input model.IngestReportInput) (ingest.Meta, error) {
	limit := r.Limits.ReportBytes
	if limit <= 0 {
		limit = DefaultReportBytes
	}
	switch {
	case len(input.Text) > limit:
		return ingest.Meta{}, fmt.Errorf("%w: text: %d bytes is over the limit of %s for one report", kg.ErrInvalidInput, len(input.Text), byteSize(limit))
	case strings.TrimSpace(input.Text) == "":
		return ingest.Meta{}, fmt.Errorf("%w: text is empty", kg.ErrInvalidInput)
	}
	meta := ingest.Meta{Title: strings.TrimSpace(deref(input.Title)), Synthetic: deref(input.Synthetic)}
	if len(meta.Title) > maxTitleBytes {
		return ingest.Meta{}, fmt.Errorf("%w: title: %d bytes is over the limit of %s", kg.ErrInvalidInput, len(meta.Title), byteSize(maxTitleBytes))
	}
	if u := strings.TrimSpace(deref(input.URL)); u != "" {
		if err := checkURL(u); err != nil {
			return ingest.Meta{}, err
		}
		meta.URL = &u
	}
	if d := deref(input.PublishedAt); d.Known() {
		s := d.String()
		meta.PublishedAt = &s
	}
	return meta, nil
}

// checkURL accepts an absolute http or https URL: the URL names the
// report, so anything else would name it by accident.
func checkURL(u string) error {
	if len(u) > maxURLBytes {
		return fmt.Errorf("%w: url: %d bytes is over the limit of %s", kg.ErrInvalidInput, len(u), byteSize(maxURLBytes))
	}
	parsed, err := url.Parse(u)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return fmt.Errorf("%w: url: want an absolute http or https URL", kg.ErrInvalidInput)
	}
	return nil
}

// ingestWarnings gives the extractor's and the fact builder's warnings in
// the API's form; an offset of -1 (no place in the text) becomes null.
func ingestWarnings(lists ...[]ingest.ExtractionWarning) []model.IngestWarning {
	out := []model.IngestWarning{}
	for _, l := range lists {
		for _, w := range l {
			mw := model.IngestWarning{Code: w.Code, Message: w.Message}
			if w.Offset >= 0 {
				mw.Offset = &w.Offset
			}
			out = append(out, mw)
		}
	}
	return out
}

// byteSize writes n in the unit a limit is usually given in.
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// extractReport is the extractor ingestReport runs; tests replace it.
var extractReport = ingest.Extract

// extractSlots bounds the extractions running at once to half the CPUs.
// Extraction is CPU work, a few hundred milliseconds for the largest report
// allowed (2 MiB at about 6 MB/s), so without a bound a burst of large
// reports could take every CPU from the readers.
var extractSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))

// extract runs extractReport within ctx: when ctx ends first, the request
// is answered with ctx's error at once; the extractor sees the same ctx and
// stops at its next check (between sentences and list items), holding its
// slot until then.
func extract(ctx context.Context, text []byte, meta ingest.Meta) (*ingest.Extraction, error) {
	select {
	case extractSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting to read the report: %w", ctx.Err())
	}
	type result struct {
		e   *ingest.Extraction
		err error
	}
	done := make(chan result, 1)
	run := extractReport
	go func() {
		defer func() { <-extractSlots }()
		defer func() {
			// A panic here is outside gqlgen's recovery and would end
			// the process.
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("extractor panic: %v", p)}
			}
		}()
		e, err := run(ctx, text, meta, "")
		done <- result{e, err}
	}()
	select {
	case r := <-done:
		return r.e, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("reading the report: %w", ctx.Err())
	}
}
