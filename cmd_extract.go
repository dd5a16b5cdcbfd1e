package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

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
	out := make([]any, 0, len(sources))
	failed := len(errs)
	for _, e := range errs {
		fmt.Fprintf(stderr, "skipped %s\n", e)
	}
	for _, src := range sources {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if src.Extraction != nil {
			// Extraction JSON given as input is shown as it was read.
			src.Extraction.File = src.Path
			out = append(out, src.Extraction)
			continue
		}
		r, err := ingest.Extract(ctx, src.Text, src.Meta, src.Path)
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			fmt.Fprintf(stderr, "failed %s: %v\n", src.Path, err)
			failed++
			continue
		}
		out = append(out, r)
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
