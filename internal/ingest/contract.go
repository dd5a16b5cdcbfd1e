package ingest

import "officialgraph/internal/extract"

// Extraction is one report's extraction in the JSON contract that
// `officialgraph extract --format json` prints (see eval/extract-json.md):
// the extractor's own Report, which extraction JSON files decode into too.
// The gold annotations of the test corpus have the same shape, with a
// directive's key phrase in place of its text, so they load as well.
type Extraction = extract.Report

// ExtractionWarning is something the extractor or the fact builder could
// not settle. An Offset of -1 is no place in the text.
type ExtractionWarning = extract.Warning
