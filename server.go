// Command officialgraph serves a GraphQL API over a knowledge graph of
// Chinese officials, the meetings they attend and the directives they issue,
// read out of news reports.
//
// Usage:
//
//	officialgraph [serve] [--addr HOST:PORT] [--corpus DIR] [flags]
//	officialgraph ingest PATH...
//	officialgraph extract --format json PATH...
//
// With NEO4J_URI set (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), the
// graph lives in Neo4j; otherwise in memory, loaded at start from --corpus.
// OFFICIALGRAPH_TOKENS and --tokens-file give the bearer tokens that may
// write (and, with --require-token-for-reads, read); `serve -h` lists the
// limits.
package main

//go:generate go tool gqlgen generate
//go:generate go run ./tools/listmarshal graph/generated.go graph/concurrent_gen.go

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"officialgraph/internal/gcpace"
	"officialgraph/internal/httpserver"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/metrics"
	"officialgraph/internal/neo4jstore"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "officialgraph:", err)
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(int(exit))
		}
		os.Exit(1)
	}
}

// exitError is an error that asks for a particular exit status.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// run is the whole program, with its environment passed in so tests can
// drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stdout, stderr)
	case "ingest":
		return ingestCmd(ctx, args, getenv, stdout, stderr)
	case "extract":
		return extractCmd(ctx, args, stdout, stderr)
	case "export":
		return exportCmd(ctx, args, getenv, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

const usage = `usage:
  officialgraph [serve] [--addr HOST:PORT] [--corpus DIR] [--log-format text|json] [other flags: serve -h]
  officialgraph ingest PATH...
  officialgraph extract --format json PATH...
  officialgraph export --format graphml|csv|jsonl [--table network|participation] [--part nodes|edges] [--division ID] [--from DATE] [--to DATE] [--role ROLE] [--min-shared N] [--bom] [--out FILE]
environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE select Neo4j;
without NEO4J_URI the graph is held in memory. OFFICIALGRAPH_TOKENS holds
bearer tokens (write:TOKEN,read:TOKEN) for serve.
`

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseServeFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil // the flag package has printed the flags
	}
	if err != nil {
		return err
	}
	log, err := newLogger(cfg.logFormat, stderr)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, getenv, log)
	if err != nil {
		return err
	}
	_, inMemory := store.(*memstore.Store)
	defer paceCollector(store, getenv, log)()
	// Every store call is timed, the corpus load's included.
	cfg.http.Metrics = metrics.New()
	store = cfg.http.Metrics.Store(store)
	if testHookStore != nil {
		store = testHookStore(store)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		store.Close(cctx)
	}()
	if inMemory && cfg.corpus != "" {
		sources, errs := ingest.Collect([]string{cfg.corpus})
		p := ingest.Pipeline{Store: store, Extract: ingest.Extract}
		sum := p.Run(ctx, sources)
		errs = append(errs, sum.Errors...)
		for _, e := range errs {
			log.Warn("report not loaded", "file", e.Path, "err", e.Err)
		}
		log.Info("corpus loaded", "dir", cfg.corpus, "reports", sum.Created+sum.Replaced+sum.Unchanged, "failed", len(errs), "elapsed", sum.Elapsed)
	}
	logConfig(log, cfg)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           httpserver.New(store, log, cfg.http),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// Long enough for the longest request the deadline allows to
		// write its answer.
		WriteTimeout: max(60*time.Second, cfg.http.RequestTimeout+10*time.Second),
		IdleTimeout:  120 * time.Second,
	}
	fmt.Fprintf(stdout, "officialgraph serving on http://%s/ (GraphiQL), API at /graphql\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight", "timeout", cfg.shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// testHookStore, when set, wraps the store serve or ingest opens, so that
// tests can watch or slow its calls.
var testHookStore func(kg.Store) kg.Store

// paceCollector paces the collector for store (gcpace): over Neo4j, whose
// data is not on this process's heap, it runs less often. It returns the
// function that restores the pace before.
func paceCollector(store kg.Store, getenv func(string) string, log *slog.Logger) (restore func()) {
	if _, inMemory := store.(*memstore.Store); inMemory {
		return func() {}
	}
	restore, set := gcpace.ForRemoteStore(getenv)
	if set {
		log.Info("collector paced for a remote store", "gogc", gcpace.RemoteStorePercent)
	}
	return restore
}

// openStore opens Neo4j when NEO4J_URI is set, else an empty in-memory store.
func openStore(ctx context.Context, getenv func(string) string, log *slog.Logger) (kg.Store, error) {
	uri := getenv("NEO4J_URI")
	if uri == "" {
		return memstore.New(), nil
	}
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{
		URI:      uri,
		User:     getenv("NEO4J_USER"),
		Password: getenv("NEO4J_PASSWORD"),
		Database: getenv("NEO4J_DATABASE"),
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j at %s: %w", uri, err)
	}
	log.Info("store: neo4j", "uri", uri)
	return s, nil
}

func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("--log-format: want text or json, got %q", format)
}
