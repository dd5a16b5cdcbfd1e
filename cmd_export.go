package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"officialgraph/internal/export"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
)

// exportCmd writes the co-attendance network or the participation table
// of the selected store (Neo4j with NEO4J_URI, else the corpus loaded into
// memory, as serve does) to standard output or a file.
func exportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "`graphml`, csv or jsonl (required)")
	table := fs.String("table", "network", "what to export: `network` (co-attendance) or participation")
	part := fs.String("part", "", "for a network as CSV: `nodes` or edges")
	bom := fs.Bool("bom", false, "start CSV with a UTF-8 byte order mark, for spreadsheet programs")
	division := fs.String(export.ParamDivision, "", "keep officials of the division `ID` (held a position in it or took part in its meetings)")
	from := fs.String(export.ParamFrom, "", "keep meetings on or after `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)")
	to := fs.String(export.ParamTo, "", "keep meetings on or before `DATE`")
	role := fs.String(export.ParamRole, "", "keep officials who took part in this `ROLE` (presided, spoke, attended, reported); the participation table keeps only such rows")
	minShared := fs.String(export.ParamMinShared, "", "keep network edges of at least `N` shared meetings")
	maxRows := fs.Int("max-rows", export.DefaultMaxRows, "fail when the selection holds more than `N` participations or edges")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	corpus := fs.String("corpus", "corpus", "`DIR` of reports loaded into the in-memory store (without NEO4J_URI)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("export: unexpected argument %q", fs.Arg(0))
	}
	req, err := exportRequest(*format, *table, *part, *bom, *maxRows, map[string]string{
		export.ParamDivision: *division, export.ParamFrom: *from, export.ParamTo: *to,
		export.ParamRole: *role, export.ParamMinShared: *minShared,
	})
	if err != nil {
		return err
	}

	log, _ := newLogger("text", stderr)
	store, err := openStore(ctx, getenv, log)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	// Unlike serve and ingest, export keeps the runtime's pace over Neo4j
	// too (paceCollector): it holds its whole selection on the heap before
	// writing it, which a higher percent would multiply.
	if _, inMemory := store.(*memstore.Store); inMemory && *corpus != "" {
		sources, errs := ingest.Collect([]string{*corpus})
		p := ingest.Pipeline{Store: store, Extract: ingest.Extract}
		sum := p.Run(ctx, sources)
		for _, e := range append(errs, sum.Errors...) {
			log.Warn("report not loaded", "file", e.Path, "err", e.Err)
		}
	}

	o, err := export.Read(ctx, store, req)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	w, closeOut := stdout, func() error { return nil }
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		bw := bufio.NewWriter(f)
		w, closeOut = bw, func() error { return errors.Join(bw.Flush(), f.Close()) }
	}
	if err := errors.Join(o.Write(w), closeOut()); err != nil {
		return fmt.Errorf("export: writing: %w", err)
	}
	fmt.Fprintf(stderr, "exported %s\n", o.Summary())
	return nil
}

// exportRequest checks the flags and makes the request they describe.
// Errors name the flag at fault.
func exportRequest(format, table, part string, bom bool, maxRows int, filter map[string]string) (export.Request, error) {
	flagErr := func(err error) error {
		return fmt.Errorf("export: --%s", strings.TrimPrefix(err.Error(), kg.ErrInvalidInput.Error()+": "))
	}
	var req export.Request
	var err error
	if format == "" {
		return req, errors.New("export: --format: want graphml, csv or jsonl")
	}
	if req.Format, err = export.ParseFormat(format); err != nil {
		return req, flagErr(err)
	}
	if req.Table, err = export.ParseTable(table); err != nil {
		return req, flagErr(err)
	}
	if part != "" {
		if req.Part, err = export.ParsePart(part); err != nil {
			return req, flagErr(err)
		}
	}
	if maxRows < 1 {
		return req, fmt.Errorf("export: --max-rows: want 1 or more, got %d", maxRows)
	}
	req.BOM = bom
	if req.Filter, err = export.ParseFilter(func(k string) string { return filter[k] }); err != nil {
		return req, flagErr(err)
	}
	req.Filter.MaxRows = maxRows
	if err := req.Check(); err != nil {
		return req, flagErr(err)
	}
	return req, nil
}
