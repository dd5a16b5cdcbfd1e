package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
)

// ingestCmd writes reports into the selected store, a batch of reports in
// each transaction (a report is whole or absent either way), and prints a
// summary. A report that cannot be read is named with its
// reason while the rest go on; the exit status is 1 if any failed.
func ingestCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quiet := fs.Bool("quiet", false, "print only the summary and errors")
	batch := fs.Int("batch", ingest.DefaultBatch, fmt.Sprintf("reports written in one transaction, 1 to %d", kg.MaxWriteBatch))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *batch < 1 || *batch > kg.MaxWriteBatch {
		return fmt.Errorf("ingest: -batch %d: want 1 to %d reports per transaction", *batch, kg.MaxWriteBatch)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("ingest: name at least one report file or folder")
	}
	log, _ := newLogger("text", stderr)
	store, err := openStore(ctx, getenv, log)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	defer paceCollector(store, getenv, log)()
	if testHookStore != nil {
		store = testHookStore(store)
	}

	sources, errs := ingest.Collect(fs.Args())
	for _, e := range errs {
		fmt.Fprintf(stderr, "skipped %s\n", e)
	}
	tty := isTerminal(stderr)
	p := ingest.Pipeline{Store: store, Extract: ingest.Extract, Batch: *batch}
	// Failures are named even with --quiet: it quiets progress, not errors.
	p.Progress = func(ev ingest.Event) {
		switch {
		case ev.Err != nil:
			if tty && !*quiet {
				fmt.Fprint(stderr, "\r\033[K")
			}
			fmt.Fprintf(stderr, "failed %s: %v\n", ev.Path, ev.Err)
		case *quiet:
		case tty:
			fmt.Fprintf(stderr, "\r\033[K%s %d/%d %s", bar(ev.Done, ev.Total, 30), ev.Done, ev.Total, ev.Result)
		default:
			fmt.Fprintf(stderr, "%d/%d %s %s\n", ev.Done, ev.Total, ev.Result, ev.Path)
		}
	}
	sum := p.Run(ctx, sources)
	if tty && !*quiet {
		fmt.Fprintln(stderr)
	}
	fmt.Fprintf(stdout, "reports %d (new %d, unchanged %d, replaced %d, failed %d), officials %d, meetings %d, facts %d, warnings %d, elapsed %s\n",
		sum.Reports, sum.Created, sum.Unchanged, sum.Replaced, sum.Failed+len(errs),
		sum.Officials, sum.Meetings, sum.Facts, sum.Warnings, sum.Elapsed.Round(1e6))
	if ctx.Err() != nil {
		return fmt.Errorf("ingest interrupted after %d of %d reports: %w", sum.Reports, len(sources), ctx.Err())
	}
	if sum.Failed+len(errs) > 0 {
		return exitError(1)
	}
	return nil
}

func bar(done, total, width int) string {
	n := 0
	if total > 0 {
		n = done * width / total
	}
	b := make([]byte, width+2)
	b[0], b[width+1] = '[', ']'
	for i := 1; i <= width; i++ {
		b[i] = ' '
		if i <= n {
			b[i] = '#'
		}
	}
	return string(b)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
