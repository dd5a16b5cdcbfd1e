// Package corpuscheck holds the checks that keep the annotated report corpora
// (corpus/seed and corpus/synthetic) consistent: every report has its sidecar
// files, every gold file parses and has the fields the scorer reads, and every
// annotated name and directive key can be found in the report's text once it
// is simplified.
//
// The package has no code of its own beyond these tests; the corpora are data,
// not Go packages.
package corpuscheck
