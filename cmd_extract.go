package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"officialgraph/internal/ingest"
)

// extractCmd prints what the pipeline reads out of each report, without
// touching any store: the JSON contract of eval/extract-json.md.
func extractCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output format: json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "json" {
		return fmt.Errorf("extract: --format: want json, got %q", *format)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("extract: name at least one report file or folder")
	}
	sources, errs := ingest.Collect(fs.Args())
	ext := extractor()
	out := make([]*ingest.Extraction, 0, len(sources))
	failed := len(errs)
	for _, e := range errs {
		fmt.Fprintf(stderr, "skipped %s\n", e)
	}
	for _, src := range sources {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		e := src.Extraction
		if e == nil {
			var err error
			if e, err = ext(src.Text, src.Meta, src.Path); err != nil {
				fmt.Fprintf(stderr, "failed %s: %v\n", src.Path, err)
				failed++
				continue
			}
		}
		e.File = src.Path
		out = append(out, e)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if failed > 0 {
		return exitError(1)
	}
	return nil
}

// extractor returns the report reader the commands use.
//
// Until the rule-based extractor is wired in, reports are read from their
// gold annotation (NAME.gold.json beside NAME.txt), which has the shape of
// extraction JSON; a report without one is an error, never a guess.
func extractor() ingest.Extractor {
	return func(text []byte, meta ingest.Meta, file string) (*ingest.Extraction, error) {
		gold := strings.TrimSuffix(file, ".txt") + ".gold.json"
		raw, err := os.ReadFile(gold)
		if err != nil {
			return nil, fmt.Errorf("no extractor yet and no gold annotation: %w", err)
		}
		var e ingest.Extraction
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("%s: %w", gold, err)
		}
		return &e, nil
	}
}
